#include "ui/document_views.hpp"

#include <QComboBox>
#include <QStatusBar>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "render/map_renderer.hpp"
#include "ui/attribute_table.hpp"
#include "ui/data_check_indicator.hpp"
#include "ui/feature_panels.hpp"
#include "ui/legend_panel.hpp"
#include "ui/map_canvas.hpp"
#include "ui/project_document.hpp"
#include "ui/route_panel.hpp"

namespace hongtu::ui {

namespace {
using Change = ProjectDocument::Change;
using Changes = ProjectDocument::Changes;
// Changes after which a render must read the scene again.
const Changes kRedraw = Changes(Change::Scene) | Change::Layers | Change::Styles | Change::Progress | Change::Basemap;
// Changes that add, remove or move layers: pointers to a layer are stale.
const Changes kLayersMoved = Changes(Change::Scene) | Change::Layers;
}  // namespace

void connectCanvas(ProjectDocument& document, MapCanvas& canvas) {
    document.setRenderGate([&canvas] { canvas.waitForRender(); });
    QObject::connect(&document, &ProjectDocument::changed, &canvas, [&document, &canvas](Changes what) {
        if (what & kRedraw) canvas.sceneReplaced();
        if (what & Change::Scene) canvas.setHighlight(document.selection());  // cleared with the old scene
        if (what & Change::AsOf) canvas.setAsOf(document.asOf());
    });
    QObject::connect(&document, &ProjectDocument::selectionChanged, &canvas,
                     [&canvas](const std::vector<render::FeatureRef>& features) { canvas.setHighlight(features); });
}

void connectAttributeTable(ProjectDocument& document, AttributeTable& table) {
    table.setScene(&document.scene());
    if (table.model()) table.model()->setProjectTitles(&document.fieldTitles());
    auto shown = std::make_shared<std::string>();  // the layer shown before a change
    QObject::connect(&document, &ProjectDocument::aboutToChange, &table, [&table, shown](Changes what) {
        if (!(what & kLayersMoved)) return;
        *shown = table.layerBox()->currentData().toString().toStdString();
        table.setScene(nullptr);  // its model points into the scene that changes
    });
    QObject::connect(&document, &ProjectDocument::changed, &table, [&document, &table, shown](Changes what) {
        if (!(what & kLayersMoved)) return;
        table.setScene(&document.scene());
        if (!(what & Change::Scene) && document.scene().find(*shown)) table.showLayer(*shown);
    });
    // The selection set from the table is not shown back in it (the rows the user chose stay).
    auto fromTable = std::make_shared<bool>(false);
    QObject::connect(&document, &ProjectDocument::selectionChanged, &table,
                     [&table, fromTable](const std::vector<render::FeatureRef>& features) {
        if (!*fromTable) table.showSelection(features);
    });
    QObject::connect(&table, &AttributeTable::selectionChanged, &document,
                     [&document, fromTable](const std::vector<render::FeatureRef>& features) {
        *fromTable = true;
        document.select(features);
        *fromTable = false;
    });
}

void connectSearch(ProjectDocument& document, SearchPanel& search) {
    search.setScene(&document.scene());
    QObject::connect(&document, &ProjectDocument::aboutToChange, &search, [&search](Changes what) {
        if (what & kLayersMoved) search.setScene(nullptr);
    });
    QObject::connect(&document, &ProjectDocument::changed, &search, [&document, &search](Changes what) {
        if (what & kLayersMoved) search.setScene(&document.scene());
    });
}

void connectFeatureInfo(ProjectDocument& document, FeatureInfoPanel& info) {
    info.setProjectTitles(&document.fieldTitles());
    QObject::connect(&document, &ProjectDocument::selectionChanged, &info,
                     [&document, &info](const std::vector<render::FeatureRef>& features) {
        if (features.size() == 1) info.showFeature(document.scene(), features.front());
        else if (features.empty()) info.showNothing();
    });
}

void connectLegend(ProjectDocument& document, MapCanvas& canvas, LegendPanel& legend) {
    struct Shown {
        std::vector<std::string> visible;  // visible layers the legend shows
        std::vector<std::string> drawn;    // layers drawn at the scale the legend was built for
        std::optional<geo::Date> asOf;     // and the day it shows
        bool stale = true;                 // the scene changed since: build again
    };
    auto shown = std::make_shared<Shown>();
    const auto update = [&document, &canvas, &legend, shown] {
        std::vector<std::string> drawn;
        for (const auto& layer : document.scene().layers)
            if (render::layerDrawn(layer, canvas.settings())) drawn.push_back(layer.id);
        if (canvas.settings().visibleLayerIds == shown->visible && drawn == shown->drawn && canvas.settings().asOf == shown->asOf &&
            !shown->stale && legend.topLevelItemCount() > 0)
            return;
        *shown = {canvas.settings().visibleLayerIds, std::move(drawn), canvas.settings().asOf, false};
        legend.showLegend(document.scene(), canvas.settings());
    };
    QObject::connect(&canvas, &MapCanvas::settingsChanged, &legend, [&canvas, &legend, update] {
        legend.viewMoved(canvas.settings());  // counts of what is in view, once the pan settles
        update();                             // entries again when layers, scale or day changed
    });
    QObject::connect(&document, &ProjectDocument::changed, &legend, [shown, update](Changes what) {
        if (!(what & (kRedraw & ~Changes(Change::Basemap)))) return;
        shown->stale = true;  // the classes may differ
        update();
    });
    update();
}

void connectDataCheck(ProjectDocument& document, DataCheckIndicator& indicator) {
    // The check reads every layer again: while the viewer still streams the project's layers
    // (a national project) it would compete with them for the disk and the cores, so it starts
    // once they are in.
    // Decided once the event loop runs: the viewer hands the document its second phase after
    // the window is built.
    auto pending = std::make_shared<bool>(true);
    indicator.expectCheck();
    QMetaObject::invokeMethod(
        &indicator,
        [&document, &indicator, pending] {
        if (!*pending || document.isLoading()) return;
        *pending = false;
        indicator.checkInBackground(document.project().path);
        },
        Qt::QueuedConnection);
    QObject::connect(&document, &ProjectDocument::loadingChanged, &indicator, [&document, &indicator, pending](bool loading) {
        if (loading || !*pending) return;
        *pending = false;
        indicator.checkInBackground(document.project().path);
    });
    QObject::connect(&document, &ProjectDocument::changed, &indicator, [&document, &indicator, pending](Changes what) {
        if (!(what & Change::Scene)) return;
        if (document.isLoading())
            *pending = true;
        else
            indicator.checkInBackground(document.project().path);
    });
}

void connectRoutePanel(ProjectDocument& document, RoutePanel& panel, QStatusBar& statusBar) {
    QObject::connect(&panel, &RoutePanel::addSelectionRequested, &statusBar, [&document, &panel, &statusBar] {
        statusBar.showMessage(panel.addFeatures(document.scene(), document.selection()));
    });
    QObject::connect(&panel, &RoutePanel::planChanged, &document, [&document, &panel] { document.setRoutePlan(panel.plan()); });
}

}  // namespace hongtu::ui
