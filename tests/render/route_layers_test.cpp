// route_layers: a solved tour as scene layers (legs by day, places, numbered visits) and as
// timetable rows.

#include <catch2/catch_test_macros.hpp>

#include <QCoreApplication>
#include <QImage>
#include <QPainter>
#include <QRegularExpression>
#include <QStringList>
#include <QTranslator>

#include "hongtu/geo/crs.hpp"
#include "hongtu/geo/route/road_network.hpp"
#include "render/map_renderer.hpp"
#include "render/route_layers.hpp"
#include "route_test_support.hpp"
#include "test_support.hpp"

using namespace hongtu;
namespace route = geo::route;

namespace {

const std::string kGk = "EPSG:4546";  // the Gauss-Krüger zone of Lüliang, the viewer's display CRS

const render::SceneLayer& layerOf(const std::vector<render::SceneLayer>& layers, const std::string& id) {
    for (const auto& l : layers)
        if (l.id == id) return l;
    FAIL("no layer " << id);
    return layers.front();
}

}  // namespace

TEST_CASE("route_layers: legs by day, places and numbered visits of the demo tour", "[route_layers]") {
    const render::RoutePlan plan = test::demoTourPlan();
    const auto& it = plan.itinerary;
    REQUIRE(it.days.size() == 2);
    auto layers = render::routeLayers(plan, kGk);
    REQUIRE(layers.ok());
    REQUIRE(layers->size() == 3);
    CHECK((*layers)[0].id == render::kRouteLegsLayerId);  // drawn first: under the markers
    CHECK((*layers)[2].id == render::kRouteStopsLayerId);
    for (const auto& l : *layers) CHECK(render::isRouteLayer(l.id));
    CHECK_FALSE(render::isRouteLayer("memorial_sites"));

    std::size_t visits = 0;
    for (const auto& d : it.days) visits += d.visits.size();
    REQUIRE(visits >= 8);

    SECTION("legs: one line per drive, categorized by day in the day colours") {
        const auto& legs = layerOf(*layers, render::kRouteLegsLayerId);
        CHECK(legs.kind == geo::Geometry::Kind::LineString);
        REQUIRE(legs.paths.size() == visits + it.days.size());
        REQUIRE(legs.classes.size() == 2);
        CHECK(std::get<render::LineSymbol>(legs.classes[0].symbol).color == render::routeDayColor(0));
        CHECK(std::get<render::LineSymbol>(legs.classes[1].symbol).color == render::routeDayColor(1));
        CHECK(legs.classes[0].count == it.days[0].visits.size() + 1);
        CHECK(legs.classes[1].count == it.days[1].visits.size() + 1);
        CHECK(legs.classes[0].label.contains(QStringLiteral("2018-07-01")));
        for (std::size_t i = 0; i < legs.itemCount(); ++i) CHECK(legs.itemClass[i] == std::stoi(legs.text(i, "day")) - 1);
        // The first drive starts at 离石, reprojected to the display CRS.
        auto toGk = geo::Transformer::create("EPSG:4490", kGk);
        REQUIRE(toGk.ok());
        const auto lishi = toGk->forward(plan.problem.trip.start.lonLat);
        REQUIRE(lishi.has_value());
        const QPointF first = legs.paths[0].elementAt(0);
        CHECK(std::abs(first.x() - lishi->x) < 0.01);
        CHECK(std::abs(first.y() - lishi->y) < 0.01);
        CHECK(legs.text(0, "from") == "离石");
    }

    SECTION("visits: numbered over the tour as in the timetable, at the sites' positions") {
        const auto& stops = layerOf(*layers, render::kRouteStopsLayerId);
        REQUIRE(stops.points.size() == visits);
        // The timetable's "#" column, in order.
        QStringList numbers;
        for (const auto& row : render::timetableRows(plan))
            if (!row[1].isEmpty() && row[1] != QStringLiteral("#") && row[1] != QStringLiteral("序号")) numbers << row[1];
        REQUIRE(numbers.size() == static_cast<qsizetype>(visits));
        // Every number appears once over the labels, each label on the first visit it names;
        // neighbours (LL01 and LL02 at 蔡家崖, 300 m apart) share one label.
        QStringList labelled;
        for (std::size_t k = 0; k < stops.labels.size(); ++k) {
            const QString text = stops.labelText(k);
            const QStringList own = text.left(text.lastIndexOf(QRegularExpression(QStringLiteral("\\d"))) + 1)
                                        .split(QStringLiteral(", "));
            CHECK(own.front().toULongLong() == stops.labels[k].item + 1);
            labelled << own;
        }
        CHECK(labelled == numbers);
        CHECK(stops.labels.size() < visits);  // at least the 蔡家崖 pair is merged
        const auto& v0 = it.days[0].visits[0];
        CHECK(stops.labelText(0).endsWith(render::shortStopName(plan.problem.stops[v0.stop].name)));
        auto toGk = geo::Transformer::create("EPSG:4490", kGk);
        const auto at = toGk->forward(plan.problem.stops[v0.stop].lonLat);
        CHECK(std::abs(stops.points[0].x() - at->x) < 0.01);
        CHECK(stops.style.labelPriority == render::LabelPriority::Route);
        CHECK(stops.itemClass[0] == 0);
        CHECK(stops.itemClass[visits - 1] == 1);
    }

    SECTION("places: the start (also the end of a round trip) and the night's town") {
        const auto& places = layerOf(*layers, render::kRoutePlacesLayerId);
        REQUIRE(places.points.size() == 2);
        CHECK(places.text(0, "kind") == "start");
        CHECK(places.labelText(0).contains(QStringLiteral("离石")));
        CHECK(places.text(1, "kind") == "overnight");
        CHECK(places.text(1, "name") == it.nodes[it.days[0].endNode].name);
    }

    SECTION("drawn by the one renderer: a visit shows in its day's colour") {
        render::Scene scene;
        scene.displayCrs = kGk;
        scene.layers = *layers;
        render::MapSettings settings;
        settings.displayCrs = kGk;
        settings.outputSize = {900, 900};
        settings.visibleLayerIds = scene.initiallyVisibleLayerIds();
        settings = settings.fittedTo(scene.extent(), 0.1);
        const QImage image = render::renderToImage(scene, settings);
        const auto& stops = layerOf(*layers, render::kRouteStopsLayerId);
        const std::size_t last = stops.points.size() - 1;
        CHECK(test::pixelIs(image, settings.toPixel({stops.points[last].x(), stops.points[last].y()}), render::routeDayColor(1), 30));
    }
}

TEST_CASE("route_layers: drives follow the road network's geometry", "[route_layers]") {
    auto net = route::RoadNetwork::open(std::string(HONGTU_TEST_DATA) + "/route/grid_roads.geojson", "", {});
    REQUIRE(net.ok());
    render::RoutePlan plan;
    auto a = route::makeStop("A", "甲", {111.02, 37.52}, 30, "");
    REQUIRE(a.ok());
    plan.problem.stops = {*a};
    plan.problem.trip.start = {"起", {111.0, 37.5}};
    plan.problem.trip.departDate = {2018, 7, 3};
    const auto matrix = net->matrix(route::nodePlaces(plan.problem));
    REQUIRE(matrix.ok());
    plan.itinerary = route::solve(plan.problem, *matrix);
    REQUIRE(plan.itinerary.days.size() == 1);
    const auto& path = plan.itinerary.days[0].visits[0].legIn.path;
    auto layers = render::routeLayers(plan, kGk);
    REQUIRE(layers.ok());
    const auto& legs = layerOf(*layers, render::kRouteLegsLayerId);
    // Every vertex of the road path (QPainterPath skips repeated points: the snap stretch of a
    // place that lies on a node has zero length).
    int distinct = 0;
    for (std::size_t i = 0; i < path.size(); ++i) distinct += i == 0 || !(path[i] == path[i - 1]) ? 1 : 0;
    CHECK(legs.paths[0].elementCount() == distinct);
    CHECK(distinct >= 4);
}

TEST_CASE("route_layers: short names, an empty plan, a CRS that does not exist", "[route_layers]") {
    CHECK(render::shortStopName("三交红色景区(红军东征纪念馆/刘志丹将军殉难处)") == QStringLiteral("三交红色景区"));
    CHECK(render::shortStopName("贺昌故居/贺昌烈士陵园") == QStringLiteral("贺昌故居"));
    CHECK(render::shortStopName("毛主席东渡黄河登岸处及纪念碑") == QStringLiteral("毛主席东渡黄河登…"));
    render::RoutePlan empty;
    auto none = render::routeLayers(empty, kGk);
    REQUIRE(none.ok());
    CHECK(none->empty());
    const render::RoutePlan plan = test::demoTourPlan();
    CHECK_FALSE(render::routeLayers(plan, "EPSG:999999").ok());
    const auto rows = render::timetableRows(plan);
    REQUIRE(rows.size() == route::timetable(plan.problem, plan.itinerary).size() + 1);
    for (const auto& row : rows) CHECK(row.size() == 9);
}

TEST_CASE("route_layers: the timetable speaks the language of the installed translation", "[route_layers]") {
    const render::RoutePlan plan = test::demoTourPlan();
    CHECK(render::uiLanguage() == route::Language::En);
    CHECK(render::timetableRows(plan)[0][0] == QStringLiteral("Day"));
    QTranslator zh;
    REQUIRE(zh.load(QStringLiteral(":/i18n/hongtu_zh_CN")));
    QCoreApplication::installTranslator(&zh);
    CHECK(render::uiLanguage() == route::Language::Zh);
    const auto rows = render::timetableRows(plan);
    CHECK(rows[0][0] == QStringLiteral("天"));
    CHECK(rows[1][0] == QStringLiteral("第1天"));
    auto layers = render::routeLayers(plan, kGk);
    REQUIRE(layers.ok());
    CHECK(layerOf(*layers, render::kRouteLegsLayerId).classes[0].label == QStringLiteral("第1天（2018-07-01）"));
    CHECK(layerOf(*layers, render::kRoutePlacesLayerId).labelText(0) == QStringLiteral("起点/终点 离石"));
    QCoreApplication::removeTranslator(&zh);
    CHECK(render::uiLanguage() == route::Language::En);
}
