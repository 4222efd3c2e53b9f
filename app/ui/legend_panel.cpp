#include "ui/legend_panel.hpp"

#include <QHeaderView>
#include <QIcon>
#include <QPixmap>

#include "render/legend_swatch.hpp"
#include "render/map_renderer.hpp"

namespace hongtu::ui {

namespace {
constexpr int kSwatchPx = 22;
constexpr int kLayerIdRole = Qt::UserRole;
}  // namespace

LegendPanel::LegendPanel(QWidget* parent) : QTreeWidget(parent) {
    setColumnCount(2);
    setHeaderHidden(true);
    setRootIsDecorated(false);
    setIconSize({kSwatchPx, kSwatchPx});
    setSelectionMode(QAbstractItemView::NoSelection);
    setFocusPolicy(Qt::NoFocus);
    header()->setStretchLastSection(false);
    header()->setSectionResizeMode(0, QHeaderView::Stretch);
    header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
}

void LegendPanel::showLegend(const render::Scene& scene, const render::MapSettings& settings) {
    clear();
    const double dpi = logicalDpiX();
    const auto swatch = [&](const render::Symbol& symbol, geo::Geometry::Kind kind) {
        return QIcon(QPixmap::fromImage(render::renderSymbolSwatch(symbol, kind, {kSwatchPx, kSwatchPx}, dpi)));
    };
    for (auto it = scene.layers.rbegin(); it != scene.layers.rend(); ++it) {
        const render::SceneLayer& layer = *it;
        if (!settings.isLayerVisible(layer.id)) continue;
        const render::LayerClasses resolved = render::classesAsOf(layer, settings.asOf, settings.dueSoonDays);
        const std::vector<render::SceneClass>& classes = resolved.classes;
        const QString legendTitle = resolved.legendTitle.isEmpty() ? layer.style.legendTitle : resolved.legendTitle;
        auto* entry = new QTreeWidgetItem(this);
        entry->setData(0, kLayerIdRole, QString::fromStdString(layer.id));
        QFont bold = entry->font(0);
        bold.setBold(true);
        entry->setFont(0, bold);
        if (!render::layerDrawn(layer, settings)) {
            // Switched on but outside its scale range: listed greyed, with the scale to zoom to.
            entry->setText(0, layer.displayName);
            entry->setIcon(0, swatch(layer.style.symbol, layer.kind));
            entry->setDisabled(true);
            entry->setToolTip(0, tr("Not drawn at this scale: zoom in to 1:%L1 or closer")
                                     .arg(static_cast<qlonglong>(layer.style.maxScaleDenominator)));
            continue;
        }
        const bool single = classes.size() <= 1 && (classes.empty() || classes.front().label.isEmpty());
        if (single) {
            entry->setText(0, layer.displayName);
            entry->setText(1, QString::number(layer.featureCount()));
            entry->setIcon(0, swatch(layer.style.symbol, layer.kind));
            continue;
        }
        entry->setText(0, layer.displayName);
        entry->setToolTip(0, layer.displayName);
        entry->setFirstColumnSpanned(true);
        if (!legendTitle.isEmpty()) {  // what the classes measure, on its own line
            auto* title = new QTreeWidgetItem(entry);
            title->setText(0, legendTitle);
            title->setToolTip(0, legendTitle);
            title->setFirstColumnSpanned(true);
        }
        const bool proportional = !layer.markerSizeMm.empty();
        for (std::size_t c = 0; c < classes.size(); ++c) {
            const render::SceneClass& cls = classes[c];
            if (!proportional && cls.count == 0) continue;  // not drawn, not listed
            auto* row = new QTreeWidgetItem(entry);
            row->setText(0, cls.label);
            row->setIcon(0, swatch(cls.symbol, layer.kind));
            if (!proportional || c == 0) row->setText(1, QString::number(cls.count));
            row->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
        }
        entry->setExpanded(true);
    }
}

}  // namespace hongtu::ui
