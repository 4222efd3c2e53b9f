// route_panel: the route planner dock in a real MainWindow on the demo project (offscreen).

#include <catch2/catch_test_macros.hpp>

#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QListWidget>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTranslator>
#include <QTreeWidget>
#include <QXmlStreamReader>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>

#include "cli/route_command.hpp"
#include "export/route_sheet.hpp"
#include "hongtu/geo/datasource.hpp"
#include "hongtu/geo/route/export.hpp"
#include "render/loaded_project.hpp"
#include "render/route_layers.hpp"
#include "route_panel_support.hpp"
#include "ui/layer_panel.hpp"
#include "ui/legend_panel.hpp"
#include "ui/main_window.hpp"
#include "ui/map_canvas.hpp"
#include "ui/route_panel.hpp"

using namespace hongtu;
namespace route = geo::route;

namespace {

bool legendLists(const ui::LegendPanel& legend, const std::string& layerId) {
    for (int i = 0; i < legend.topLevelItemCount(); ++i)
        if (legend.topLevelItem(i)->data(0, Qt::UserRole).toString() == QString::fromStdString(layerId)) return true;
    return false;
}

std::string fileBytes(const QString& path) {
    std::ifstream in(path.toStdString(), std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

int orderRowOf(const QListWidget& list, const QString& id) {
    for (int i = 0; i < list.count(); ++i)
        if (list.item(i)->data(Qt::UserRole).toString() == id) return i;
    return -1;
}

}  // namespace

TEST_CASE("route_panel: a 2-day tour of 兴县/临县/柳林 from 离石, drawn on the map, reordered by hand", "[route_panel]") {
    auto project = render::loadProject(HONGTU_DEMO_PROJECT);
    REQUIRE(project.ok());
    ui::MainWindow window(std::move(project).value());
    window.resize(1400, 900);
    window.show();
    ui::RoutePanel& panel = *window.routePanel();
    REQUIRE(window.routeDock() != nullptr);
    CHECK(panel.siteList()->topLevelItemCount() == 22);

    CHECK_FALSE(panel.exportTo(QStringLiteral("/tmp/never.gpx"), route::ExportFormat::Gpx));  // nothing solved yet
    CHECK_FALSE(panel.solve());                                                               // nothing ticked
    CHECK_FALSE(panel.lastMessage().isEmpty());

    test::solveDemoTourInPanel(panel);
    const render::RoutePlan* plan = panel.plan();
    REQUIRE(plan != nullptr);
    const auto& it = plan->itinerary;
    CHECK(it.info.method == "exact");
    {
        // 路线 → 导出路线单…: the panel's plan as the route-sheet page (what the menu action writes).
        QTemporaryDir sheetDir;
        const std::string sheet = sheetDir.filePath(QStringLiteral("sheet.png")).toStdString();
        REQUIRE(exporting::writeRouteSheet(sheet, window.project(), *plan, {}));
        const QImage page(QString::fromStdString(sheet));
        REQUIRE_FALSE(page.isNull());
        CHECK(page.width() < page.height());  // A4 portrait
    }
    REQUIRE(it.days.size() == 2);
    CHECK(plan->problem.stops.size() == 12);
    CHECK(it.days[0].visits.size() + it.days[1].visits.size() + it.dropped.size() == 12);
    // The 兴县 north (LL01-LL04, LL22) is one day; 临县 and 柳林 by the Yellow River the other.
    const auto county = [&](std::size_t s) { return plan->problem.stops[s].id; };
    std::set<std::string> day1, day2;
    for (const auto& v : it.days[0].visits) day1.insert(county(v.stop));
    for (const auto& v : it.days[1].visits) day2.insert(county(v.stop));
    CHECK((day1.count("LL04") + day1.count("LL01")) == 2);
    CHECK((day2.count("LL05") + day2.count("LL15")) == 2);

    // The timetable: header + one row per event, the same rows as timetableRows().
    QStandardItemModel& model = *panel.timetableModel();
    const auto rows = render::timetableRows(*plan);
    REQUIRE(model.rowCount() == static_cast<int>(rows.size()) - 1);
    REQUIRE(model.columnCount() == 9);
    for (int c = 0; c < 9; ++c) CHECK(model.horizontalHeaderItem(c)->text() == rows[0][static_cast<std::size_t>(c)]);
    CHECK(model.item(0, 2)->text() == QStringLiteral("离石"));
    CHECK(model.item(0, 4)->text() == QStringLiteral("08:00"));
    CHECK(panel.flaggedRows().empty());  // the solver's own order breaks nothing
    // Stops left out are listed with their reasons.
    for (const auto& dr : it.dropped) {
        const QString name = QString::fromStdString(plan->problem.stops[dr.stop].name);
        bool found = false;
        for (int r = 0; r < model.rowCount(); ++r)
            found = found || (model.item(r, 2)->text() == name && !model.item(r, 8)->text().isEmpty());
        CHECK(found);
    }

    // On the map: the canvas scene holds the route layers, the legend and layer list show them.
    const render::Scene& scene = window.canvas()->scene();
    REQUIRE(scene.find(render::kRouteStopsLayerId) != nullptr);
    REQUIRE(scene.find(render::kRouteLegsLayerId) != nullptr);
    CHECK(scene.find(render::kRouteStopsLayerId)->points.size() == it.days[0].visits.size() + it.days[1].visits.size());
    CHECK(window.canvas()->settings().isLayerVisible(render::kRouteLegsLayerId));
    CHECK(legendLists(*window.legendPanel(), render::kRouteLegsLayerId));
    CHECK(window.layerPanel()->itemFor(render::kRouteStopsLayerId) != nullptr);
    window.canvas()->waitForRender();

    SECTION("moving a day-2 stop to the front of day 1 breaks the day limit: flagged, redrawn") {
        QListWidget& order = *panel.orderList();
        const std::size_t lastStop = it.days[1].visits.back().stop;
        const QString lastId = QString::fromStdString(plan->problem.stops[lastStop].id);
        const int from = orderRowOf(order, lastId);
        REQUIRE(from > 0);
        panel.moveOrderRow(from, 1);  // row 0 is the "day 1" header
        const render::RoutePlan* manual = panel.plan();
        REQUIRE(manual != nullptr);
        CHECK(manual->itinerary.info.method == "manual");
        CHECK_FALSE(manual->itinerary.feasible);
        CHECK(manual->problem.stops[manual->itinerary.days[0].visits[0].stop].id == lastId.toStdString());
        const auto flagged = panel.flaggedRows();
        REQUIRE_FALSE(flagged.empty());
        const QStandardItem* cell = panel.timetableModel()->item(flagged.front(), 8);
        CHECK((cell->text().startsWith(QStringLiteral("!")) || cell->text().startsWith(QStringLiteral("！"))));
        CHECK(cell->foreground().color() == QColor(0xb0, 0x00, 0x20));
        // The map follows: visit 1 is now that stop.
        const render::SceneLayer* stops = window.canvas()->scene().find(render::kRouteStopsLayerId);
        REQUIRE(stops != nullptr);
        CHECK(stops->labelText(0).startsWith(QStringLiteral("1 ")));
        CHECK(stops->labelText(0).endsWith(render::shortStopName(manual->problem.stops[manual->itinerary.days[0].visits[0].stop].name)));
        // The order list still has the user's arrangement, numbered anew, the broken stop red.
        CHECK(order.item(1)->data(Qt::UserRole).toString() == lastId);
        CHECK(order.item(1)->text().startsWith(QStringLiteral("1  ")));

        SECTION("a pinned pair keeps its order when solving again") {
            const int a = orderRowOf(order, QStringLiteral("LL15"));
            const int b = orderRowOf(order, QStringLiteral("LL16"));
            REQUIRE(a > 0);
            REQUIRE(b > 0);
            order.item(a)->setCheckState(Qt::Checked);
            order.item(b)->setCheckState(Qt::Checked);
            const bool fifteenFirst = a < b;
            REQUIRE(panel.solve());
            panel.waitForSolve();
            const render::RoutePlan* again = panel.plan();
            REQUIRE(again->problem.pinned.size() == 2);
            CHECK(again->problem.pinned[0] == (fifteenFirst ? "LL15" : "LL16"));
            CHECK(again->itinerary.info.method == "exact");
        }
    }

    SECTION("a move in the list's model (what a drag does) re-times the tour once the drop is done") {
        QListWidget& order = *panel.orderList();
        const int from = orderRowOf(order, QString::fromStdString(plan->problem.stops[it.days[1].visits.back().stop].id));
        REQUIRE(order.model()->moveRow(QModelIndex(), from, QModelIndex(), 1));
        CHECK(panel.plan()->itinerary.info.method == "exact");  // not yet: the drop may still be under way
        QCoreApplication::processEvents();
        CHECK(panel.plan()->itinerary.info.method == "manual");
        CHECK_FALSE(panel.flaggedRows().empty());
    }

    SECTION("exports: GPX well-formed with a track per day, XLSX read back through GDAL") {
        QTemporaryDir dir;
        REQUIRE(dir.isValid());
        const QString gpx = dir.filePath(QStringLiteral("路线.gpx"));
        REQUIRE(panel.exportTo(gpx, route::ExportFormat::Gpx));
        QFile file(gpx);
        REQUIRE(file.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&file);
        int tracks = 0;
        while (!xml.atEnd())
            if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == QStringLiteral("trk")) ++tracks;
        CHECK_FALSE(xml.hasError());
        CHECK(tracks == 2);

        const QString xlsx = dir.filePath(QStringLiteral("行程.xlsx"));
        REQUIRE(panel.exportTo(xlsx, route::ExportFormat::Xlsx));
        auto ds = geo::DataSource::open(xlsx.toStdString());
        REQUIRE(ds.ok());
        auto sheet = ds->readLayer("timetable");
        REQUIRE(sheet.ok());
        CHECK(static_cast<int>(sheet->features.size()) == panel.timetableModel()->rowCount());
        CHECK(geo::toText(sheet->features[0].values[2]) == "离石");

        for (auto kind : {route::ExportFormat::Kml, route::ExportFormat::GeoJson, route::ExportFormat::Csv})
            CHECK(panel.exportTo(dir.filePath(QStringLiteral("route.out")), kind));
        CHECK_FALSE(panel.exportTo(dir.filePath(QStringLiteral("no/such/dir/route.gpx")), route::ExportFormat::Gpx));
        CHECK(panel.lastMessage().contains(QStringLiteral("route.gpx")));
    }

    SECTION("a road network that does not reach the sites: the reason is shown, the route stays") {
        panel.setRoadNetwork(QStringLiteral(HONGTU_TEST_DATA "/route/grid_roads.geojson"));  // a 2 km grid near 离石
        REQUIRE(panel.solve());
        panel.waitForSolve();
        CHECK(panel.lastMessage().contains(QStringLiteral("could not be computed")));
        CHECK(panel.lastMessage().contains(QStringLiteral("km")));  // how far the refused place is from the roads
        REQUIRE(panel.plan() != nullptr);
        CHECK(panel.plan()->itinerary.days.size() == 2);  // the last good plan, still drawn
        CHECK(window.canvas()->scene().find(render::kRouteStopsLayerId) != nullptr);
    }

    SECTION("the route stays on the map when the project is read again") {
        REQUIRE(window.reloadProject());
        CHECK(window.canvas()->scene().find(render::kRouteStopsLayerId) != nullptr);
        CHECK(window.layerPanel()->itemFor(render::kRouteLegsLayerId) != nullptr);
        CHECK(std::count_if(window.canvas()->scene().layers.begin(), window.canvas()->scene().layers.end(),
                            [](const render::SceneLayer& l) { return render::isRouteLayer(l.id); }) == 3);
    }

    SECTION("the map selection becomes a stop through the dock's button") {
        panel.clearStops();
        const render::SceneLayer* sites = window.project().scene.find("memorial_sites");
        std::size_t ll13 = 0;
        for (std::size_t i = 0; i < sites->itemCount(); ++i)
            if (sites->text(i, "id") == "LL13") ll13 = i;
        window.select({{"memorial_sites", ll13}});
        QPushButton* add = panel.findChild<QPushButton*>(QStringLiteral("routeAddSelection"));
        REQUIRE(add != nullptr);
        add->click();
        int ticked = 0;
        for (int i = 0; i < panel.siteList()->topLevelItemCount(); ++i)
            if (panel.siteList()->topLevelItem(i)->checkState(0) == Qt::Checked) {
                ++ticked;
                CHECK(panel.siteList()->topLevelItem(i)->data(0, Qt::UserRole).toString() == QStringLiteral("LL13"));
            }
        CHECK(ticked == 1);
    }

    SECTION("clearing the plan's stops and solving a one-stop day replaces the route layers") {
        panel.clearStops();
        panel.setDays(1);
        CHECK(panel.checkCounty(QStringLiteral("文水")) == 1);
        REQUIRE(panel.solve());
        panel.waitForSolve();
        const render::SceneLayer* stops = window.canvas()->scene().find(render::kRouteStopsLayerId);
        REQUIRE(stops != nullptr);
        CHECK(stops->points.size() == 1);
        CHECK(std::count_if(window.canvas()->scene().layers.begin(), window.canvas()->scene().layers.end(),
                            [](const render::SceneLayer& l) { return render::isRouteLayer(l.id); }) == 3);
    }
}

TEST_CASE("route_panel: map features become stops; polygons are refused", "[route_panel]") {
    auto project = render::loadProject(HONGTU_DEMO_PROJECT);
    REQUIRE(project.ok());
    ui::MainWindow window(std::move(project).value());
    ui::RoutePanel& panel = *window.routePanel();
    const render::Scene& scene = window.project().scene;
    const render::SceneLayer* sites = scene.find("memorial_sites");
    REQUIRE(sites != nullptr);
    std::size_t ll13 = 0;
    for (std::size_t i = 0; i < sites->itemCount(); ++i)
        if (sites->text(i, "id") == "LL13") ll13 = i;

    const QString added = panel.addFeatures(scene, {{"memorial_sites", ll13}, {"villages", 0}, {"counties", 0}});
    CHECK(added.contains(QStringLiteral("刘胡兰纪念馆")));
    CHECK_FALSE(panel.lastMessage().isEmpty());
    const QTreeWidget& list = *panel.siteList();
    REQUIRE(list.topLevelItemCount() == 23);  // 22 sites + the village
    const QTreeWidgetItem* village = list.topLevelItem(22);
    CHECK(village->data(0, Qt::UserRole).toString() == QStringLiteral("P1"));
    CHECK(village->checkState(0) == Qt::Checked);
    CHECK(village->text(0).contains(QString::fromStdString(scene.find("villages")->text(0, "name"))));
    CHECK(added.contains(QString::fromStdString(scene.find("counties")->text(0, "name"))));  // named among the refused

    panel.setStart(QStringLiteral("离石"));
    panel.setDeparture(QDate(2018, 7, 3), 8 * 60);  // a Tuesday: 刘胡兰纪念馆 is open
    panel.setDays(1);
    REQUIRE(panel.solve());
    panel.waitForSolve();
    REQUIRE(panel.plan() != nullptr);
    const auto& p = panel.plan()->problem;
    REQUIRE(p.stops.size() == 2);
    CHECK(p.stops[0].id == "LL13");
    CHECK(p.stops[1].id == "P1");
    CHECK(p.stops[1].hours.unknown);
    CHECK(panel.addFeatures(scene, {}).contains(QStringLiteral("Nothing is selected")));  // no translator in the tests
}

TEST_CASE("route panel: the county box names counties as the site list and the statistics do", "[route][viewer]") {
    auto project = render::loadProject(HONGTU_DEMO_PROJECT);
    REQUIRE(project);
    ui::MainWindow window(std::move(project).value());
    ui::RoutePanel& panel = *window.routePanel();
    auto* counties = panel.findChild<QComboBox*>(QStringLiteral("routeCountyBox"));
    REQUIRE(counties != nullptr);
    QStringList names;
    for (int i = 0; i < counties->count(); ++i) names << counties->itemText(i);
    CHECK(names.contains(QStringLiteral("石楼县")));
    CHECK(names.contains(QStringLiteral("孝义市")));
    CHECK_FALSE(names.contains(QStringLiteral("石楼")));
    CHECK(panel.checkCounty(QStringLiteral("石楼县")) >= 1);  // the full name ticks its sites
}

TEST_CASE("route panel: its exports are the files `hongtu route` writes for the same tour", "[route_panel][route]") {
    // The demo's 2-day tour as in docs/route.md, once ticked in the panel, once as the CLI's options.
    ui::RoutePanel panel(HONGTU_DEMO_PROJECT);
    test::solveDemoTourInPanel(panel);
    REQUIRE(panel.plan() != nullptr);

    cli::RouteCommandOptions o;
    o.project = HONGTU_DEMO_PROJECT;
    o.stops = "兴县,临县,柳林";
    o.start = "离石";
    o.depart = "2018-07-01 08:00";
    o.days = 2;
    o.dayLimit = "10h";
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const std::pair<route::ExportFormat, const char*> formats[] = {
        {route::ExportFormat::Text, "text"}, {route::ExportFormat::Json, "json"}, {route::ExportFormat::Csv, "csv"}, {route::ExportFormat::Gpx, "gpx"}, {route::ExportFormat::Kml, "kml"}, {route::ExportFormat::GeoJson, "geojson"}};
    for (const auto& [format, name] : formats) {
        const QString fromPanel = dir.filePath(QStringLiteral("panel.") + QLatin1String(name));
        const QString fromCli = dir.filePath(QStringLiteral("cli.") + QLatin1String(name));
        REQUIRE(panel.exportTo(fromPanel, format));
        o.format = name;
        o.output = fromCli.toStdString();
        std::ostringstream out, err;
        REQUIRE(cli::runRoute(o, out, err) <= 1);  // 1: a tour with stops left out
        const std::string bytes = fileBytes(fromCli);
        CHECK(bytes.size() > 200);
        CHECK(fileBytes(fromPanel) == bytes);
    }

    // The workbook in Chinese, as the CLI writes it: the panel follows the interface's language.
    QTranslator zh;
    REQUIRE(zh.load(QStringLiteral(":/i18n/hongtu_zh_CN")));
    QCoreApplication::installTranslator(&zh);
    const QString panelXlsx = dir.filePath(QStringLiteral("panel.xlsx"));
    const bool wrote = panel.exportTo(panelXlsx, route::ExportFormat::Xlsx);
    QCoreApplication::removeTranslator(&zh);
    REQUIRE(wrote);
    o.format = "xlsx";
    o.output = dir.filePath(QStringLiteral("cli.xlsx")).toStdString();
    std::ostringstream out, err;
    REQUIRE(cli::runRoute(o, out, err) <= 1);
    CHECK(fileBytes(panelXlsx) == fileBytes(QString::fromStdString(o.output)));  // GDAL's workbook has no timestamp
    auto a = geo::DataSource::open(panelXlsx.toStdString());
    auto b = geo::DataSource::open(o.output);
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    auto sheetA = a->readLayer("timetable");
    auto sheetB = b->readLayer("timetable");
    REQUIRE(sheetA.ok());
    REQUIRE(sheetB.ok());
    CHECK(sheetA->fields == sheetB->fields);
    CHECK(sheetA->fields[2].name == "地点");
    REQUIRE(sheetA->features.size() == sheetB->features.size());
    for (std::size_t i = 0; i < sheetA->features.size(); ++i) CHECK(sheetA->features[i].values == sheetB->features[i].values);
}
