// ui::ProjectDocument (issue 18): every change to the open project takes one path (render gate,
// aboutToChange, change, changed), and the window's panels follow it. Real projects, real
// widgets (offscreen), a real canvas and its render thread.
#include <catch2/catch_test_macros.hpp>

#include <QComboBox>
#include <QDockWidget>
#include <QListWidget>
#include <QSignalSpy>
#include <QTreeWidget>

#include <string>
#include <vector>

#include "render/loaded_project.hpp"
#include "render/progress_theme.hpp"
#include "test_support.hpp"
#include "ui/attribute_table.hpp"
#include "ui/layer_panel.hpp"
#include "ui/legend_panel.hpp"
#include "ui/main_window.hpp"
#include "ui/map_canvas.hpp"
#include "ui/progress_controller.hpp"
#include "ui/progress_session.hpp"
#include "ui/project_document.hpp"

using namespace hongtu;
using Change = ui::ProjectDocument::Change;

namespace {

render::LoadedProject miniProject() {
    auto project = render::loadProject(test::miniProjectPath());
    REQUIRE(project);
    return std::move(project).value();
}

std::vector<std::string> layerIds(const render::Scene& scene) {
    std::vector<std::string> ids;
    for (const auto& layer : scene.layers) ids.push_back(layer.id);
    return ids;
}

// The rows of the layer list, top first.
std::vector<std::string> panelIds(const ui::LayerPanel& panel) {
    std::vector<std::string> ids;
    for (int i = 0; i < panel.count(); ++i) ids.push_back(panel.item(i)->data(Qt::UserRole).toString().toStdString());
    return ids;
}

std::vector<std::string> reversed(std::vector<std::string> ids) { return {ids.rbegin(), ids.rend()}; }

// The layers the attribute table offers, top first.
std::vector<std::string> tableIds(const ui::AttributeTable& table) {
    std::vector<std::string> ids;
    for (int i = 0; i < table.layerBox()->count(); ++i) ids.push_back(table.layerBox()->itemData(i).toString().toStdString());
    return ids;
}

// A copy of the mini project's village layer under another id: an overlay the test adds.
render::SceneLayer extraLayer(const render::Scene& scene) {
    render::SceneLayer layer = *scene.find("villages");
    layer.id = "extra_villages";
    layer.displayName = QStringLiteral("Extra villages");
    return layer;
}

}  // namespace

TEST_CASE("project document: every scene change waits on the render gate once and says aboutToChange, then changed, once",
          "[project_document]") {
    ui::ProjectDocument document(miniProject());
    int gateCalls = 0;
    std::vector<std::string> events;
    document.setRenderGate([&] {
        ++gateCalls;
        events.push_back("gate");
    });
    QObject::connect(&document, &ui::ProjectDocument::aboutToChange, [&](ui::ProjectDocument::Changes) { events.push_back("about"); });
    QObject::connect(&document, &ui::ProjectDocument::changed, [&](ui::ProjectDocument::Changes) { events.push_back("changed"); });
    QSignalSpy changed(&document, &ui::ProjectDocument::changed);
    const std::vector<std::string> once{"gate", "about", "changed"};
    const auto lastChange = [&] { return changed.last().at(0).value<ui::ProjectDocument::Changes>(); };
    const std::vector<std::string> shown = layerIds(document.scene());

    SECTION("overlays") {
        document.setOverlays("test", {extraLayer(document.scene())});
        CHECK(events == once);
        CHECK(lastChange().toInt() == ui::ProjectDocument::Changes(Change::Layers).toInt());
        CHECK(layerIds(document.scene()).back() == "extra_villages");
        events.clear();
        document.setOverlays("test", {});
        CHECK(events == once);
        CHECK(layerIds(document.scene()) == shown);
    }
    SECTION("layer order") {
        REQUIRE(document.moveLayer("counties", +1));
        CHECK(events == once);
        CHECK(lastChange().toInt() == ui::ProjectDocument::Changes(Change::Layers).toInt());
        CHECK(layerIds(document.scene())[1] == "counties");
        events.clear();
        CHECK_FALSE(document.moveLayer("no_such_layer", 1));
        REQUIRE(document.moveLayer("counties", -1));
        CHECK(events == once);
        CHECK(layerIds(document.scene()) == shown);
        events.clear();
        CHECK_FALSE(document.moveLayer("counties", -1));  // already at the bottom: nothing
        CHECK(events.empty());
    }
    SECTION("a layer's style") {
        render::LayerStyle style = document.scene().find("villages")->style;
        style.opacity = 0.25;
        REQUIRE(document.setLayerStyle("villages", style));
        CHECK(events == once);
        CHECK(lastChange().toInt() == ui::ProjectDocument::Changes(Change::Styles).toInt());
        CHECK(document.scene().find("villages")->style.opacity == 0.25);
    }
    SECTION("the progress model") {
        document.setProgressModel(nullptr);
        CHECK(events == once);
        CHECK(lastChange().toInt() == ui::ProjectDocument::Changes(Change::Progress).toInt());
    }
    SECTION("the basemap: a missing file changes nothing; removing it is one change") {
        const auto missing = document.setBasemap("/nonexistent/hongtu-basemap.tif");
        REQUIRE_FALSE(missing);
        CHECK(missing.error().toString().find("hongtu-basemap.tif") != std::string::npos);
        CHECK(events.empty());
        REQUIRE(document.setBasemap(""));
        CHECK(events == once);
        CHECK(lastChange().toInt() == ui::ProjectDocument::Changes(Change::Basemap).toInt());
    }
    SECTION("the display CRS, there and back (from the cache)") {
        const std::string automatic = document.scene().displayCrs;
        REQUIRE(document.switchCrs("EPSG:3857"));
        CHECK(events == once);
        CHECK(lastChange().testFlag(Change::Scene));
        CHECK(lastChange().testFlag(Change::Crs));
        CHECK(lastChange().testFlag(Change::ReadAgain));
        CHECK(document.scene().displayCrs == "EPSG:3857");
        events.clear();
        REQUIRE(document.switchCrs(""));
        CHECK(events == once);
        CHECK_FALSE(lastChange().testFlag(Change::ReadAgain));  // the cached scene
        CHECK(document.scene().displayCrs == automatic);
        events.clear();
        CHECK_FALSE(document.switchCrs("EPSG:999999"));  // no such CRS: an error, nothing changes
        CHECK(events.empty());
        CHECK(document.scene().displayCrs == automatic);
    }
    SECTION("reading the project again clears the selection") {
        document.select({{"villages", 0}});
        QSignalSpy selection(&document, &ui::ProjectDocument::selectionChanged);
        REQUIRE(document.reload());
        CHECK(events == once);
        CHECK(lastChange().testFlag(Change::Scene));
        CHECK(lastChange().testFlag(Change::ReadAgain));
        CHECK(document.selection().empty());
        CHECK(selection.count() == 1);
        CHECK(layerIds(document.scene()) == shown);
    }
    SECTION("the as-of day: no render gate, the scene is the same") {
        document.setAsOf(geo::Date{2018, 6, 30});
        CHECK(events == std::vector<std::string>{"about", "changed"});
        CHECK(lastChange().toInt() == ui::ProjectDocument::Changes(Change::AsOf).toInt());
        document.setAsOf(geo::Date{2018, 6, 30});
        CHECK(changed.count() == 1);  // the same day: nothing
        CHECK(gateCalls == 0);
    }
}

TEST_CASE("project document: the layer list, the legend and the attribute table show the scene after each change",
          "[project_document][main_window]") {
    ui::MainWindow window(miniProject());
    window.resize(1100, 750);
    window.show();
    window.attributeDock()->show();
    ui::ProjectDocument& document = window.document();
    const auto legendIds = [&] {
        std::vector<std::string> ids;
        for (const auto& layer : window.legendPanel()->model().layers) ids.push_back(layer.id);
        return ids;
    };
    const auto showsScene = [&] {
        const std::vector<std::string> ids = layerIds(document.scene());
        CHECK(panelIds(*window.layerPanel()) == reversed(ids));
        CHECK(tableIds(*window.attributeTable()) == reversed(ids));
        for (const std::string& id : legendIds()) CHECK(document.scene().find(id) != nullptr);
        CHECK(&window.canvas()->scene() == &document.scene());
    };
    showsScene();

    // An overlay shows in the list, the table and the legend; the table keeps the layer it showed.
    window.attributeTable()->showLayer("villages");
    document.setOverlays("test", {extraLayer(document.scene())});
    showsScene();
    CHECK(panelIds(*window.layerPanel()).front() == "extra_villages");
    CHECK(legendIds().front() == "extra_villages");
    CHECK(window.attributeTable()->model()->layer()->id == "villages");

    // Moving a layer: the list's order follows, and the table still shows the layer it showed
    // (its rows used to point at the layer that moved into that place).
    window.attributeTable()->showLayer("counties");
    const std::size_t counties = document.scene().find("counties")->itemCount();
    REQUIRE(document.moveLayer("counties", +2));
    showsScene();
    CHECK(window.attributeTable()->model()->layer() == document.scene().find("counties"));
    CHECK(window.attributeTable()->model()->rowCount() == static_cast<int>(counties));

    // A style: the list keeps the chosen row.
    window.layerPanel()->setCurrentItem(window.layerPanel()->itemFor("villages"));
    render::LayerStyle style = document.scene().find("villages")->style;
    style.opacity = 0.5;
    REQUIRE(document.setLayerStyle("villages", style));
    showsScene();
    CHECK(window.layerPanel()->currentItem()->data(Qt::UserRole).toString() == QStringLiteral("villages"));

    // Another CRS, then read again: the same layers everywhere, the selection cleared.
    document.select({{"villages", 0}});
    REQUIRE(window.switchDisplayCrs("EPSG:3857"));
    showsScene();
    CHECK(window.canvas()->settings().displayCrs == "EPSG:3857");
    CHECK(window.canvas()->highlight().empty());
    REQUIRE(window.reloadProject());
    showsScene();
    CHECK(window.legendPanel()->topLevelItemCount() > 0);
    window.canvas()->waitForRender();
}

TEST_CASE("project document: unsaved status changes survive a display CRS switch and a reload", "[project_document][progress]") {
    auto project = render::loadProject(HONGTU_DEMO_PROJECT, render::ProjectOptions{.displayCrs = {}, .progressDate = geo::Date{2018, 6, 30}});
    REQUIRE(project);
    ui::MainWindow window(std::move(project).value());
    window.resize(1200, 800);
    window.show();
    ui::ProgressController* progress = window.progressController();
    REQUIRE(progress);
    REQUIRE(progress->session()->apply({{"VV-141127-0004", "completed", "2018-07-01", "补录完工", "王工"}}, "2018-07-02T00:00:00Z",
                                       QStringLiteral("test")) == QString());
    REQUIRE(progress->session()->pendingCount() == 1);
    // The scene draws the session's model (the edit included), not the file's.
    const auto edited = [&] { return window.project().progress.get() == progress->session()->currentShared().get(); };
    REQUIRE(edited());

    for (const std::string crs : {"EPSG:3857", "", "EPSG:3857"}) {  // read, from the cache, from the cache
        INFO(crs);
        REQUIRE(window.switchDisplayCrs(crs));
        CHECK(progress->session()->pendingCount() == 1);
        CHECK(progress->lastRebaseReport().isEmpty());
        CHECK(edited());  // the scene draws the session's model, edit included
    }
    REQUIRE(window.reloadProject());
    CHECK(progress->session()->pendingCount() == 1);
    CHECK(edited());
    window.canvas()->waitForRender();
}
