// road_network: a synthetic grid with known shortest paths, snapping and connectivity errors.

#include <catch2/catch_approx.hpp>
#include <catch2/catch_test_macros.hpp>

#include <string>
#include <vector>

#include "hongtu/geo/crs.hpp"
#include "hongtu/geo/route/road_network.hpp"

using namespace hongtu::geo;
using namespace hongtu::geo::route;

namespace {

constexpr double kStep = 0.01;  // degrees between grid lines
const XY kOrigin{111.0, 37.5};

XY node(int i, int j) { return {kOrigin.x + i * kStep, kOrigin.y + j * kStep}; }

// A 5 x 5 grid of two-way roads at 30 km/h, one row (j = 0) an expressway at 90 km/h, and a
// detached road piece far east.
Layer grid() {
    Layer l;
    l.name = "roads";
    l.geometryKind = Geometry::Kind::LineString;
    l.crs = "EPSG:4490";
    l.fields = {{"speed", FieldType::Real}};
    auto add = [&](Geometry::Ring ring, double speed) {
        Feature f;
        f.fid = static_cast<std::int64_t>(l.features.size());
        f.values = {speed};
        f.geometry = Geometry::lineString(std::move(ring));
        l.features.push_back(std::move(f));
    };
    for (int j = 0; j < 5; ++j) {
        Geometry::Ring row;
        for (int i = 0; i < 5; ++i) row.push_back(node(i, j));
        add(row, j == 0 ? 90 : 30);
    }
    for (int i = 0; i < 5; ++i) {
        Geometry::Ring col;
        for (int j = 0; j < 5; ++j) col.push_back(node(i, j));
        add(col, 30);
    }
    add({{112.0, 37.5}, {112.01, 37.5}}, 30);  // not connected to the grid
    return l;
}

double minutesAlong(std::vector<XY> pts, double speed) {
    double m = 0;
    for (std::size_t k = 1; k < pts.size(); ++k) m += geodesicDistance(pts[k - 1], pts[k]);
    return m / 1000.0 / speed * 60.0;
}

}  // namespace

TEST_CASE("road network: shortest paths on a synthetic grid", "[road_network]") {
    RoadNetworkOptions o;
    o.speedField = "speed";
    auto net = RoadNetwork::fromLayer(grid(), o);
    REQUIRE(net.ok());
    const auto s = net->stats();
    CHECK(s.nodes == 27);
    CHECK(s.edges == 41);
    CHECK(s.components == 2);
    CHECK(s.largestComponent == 25);

    SECTION("along the slow grid: the Manhattan path") {
        // (0,4) -> (2,4): two slow segments along the top row.
        auto m = net->matrix({{"a", node(0, 4)}, {"b", node(2, 4)}});
        REQUIRE(m.ok());
        CHECK(m->minutesAt(0, 1) == Catch::Approx(minutesAlong({node(0, 4), node(1, 4), node(2, 4)}, 30)));
        CHECK(m->metersAt(0, 1) == Catch::Approx(geodesicDistance(node(0, 4), node(1, 4)) + geodesicDistance(node(1, 4), node(2, 4))));
    }
    SECTION("the expressway detour wins when it is faster, and the path follows it") {
        // (0,1) -> (4,1): straight along row 1 at 30 km/h (4 steps) vs down, 4 steps at 90, up:
        // 1 + 4/3 + 1 = 3.33 step-times < 4.
        auto m = net->matrix({{"a", node(0, 1)}, {"b", node(4, 1)}});
        REQUIRE(m.ok());
        const double viaExpressway =
            minutesAlong({node(0, 1), node(0, 0)}, 30) + minutesAlong({node(0, 0), node(4, 0)}, 90) + minutesAlong({node(4, 0), node(4, 1)}, 30);
        CHECK(m->minutesAt(0, 1) == Catch::Approx(viaExpressway));
        const auto path = m->pathAt(0, 1, {});
        REQUIRE(path.size() == 2 + 7);  // place, 7 nodes, place
        CHECK(path[2] == node(0, 0));
        CHECK(path[6] == node(4, 0));
        CHECK(m->minutesAt(1, 0) == Catch::Approx(m->minutesAt(0, 1)));
    }
    SECTION("places off the nodes are snapped, with an access stretch") {
        const XY near{node(2, 2).x + 0.001, node(2, 2).y};
        auto m = net->matrix({{"a", node(2, 2)}, {"b", near}});
        REQUIRE(m.ok());
        const double access = geodesicDistance(near, node(2, 2)) * 1.4;
        CHECK(m->metersAt(0, 1) == Catch::Approx(access));
        CHECK(m->minutesAt(0, 1) == Catch::Approx(access / 1000.0 / 20.0 * 60.0));
    }
}

TEST_CASE("road network: places off the network are refused by name", "[road_network]") {
    auto net = RoadNetwork::fromLayer(grid(), {});
    REQUIRE(net.ok());
    SECTION("on a detached piece of road") {
        auto m = net->matrix({{"离石", node(1, 1)}, {"四八烈士纪念馆", {112.005, 37.5}}});
        REQUIRE_FALSE(m.ok());
        CHECK(m.error().message.find("四八烈士纪念馆") != std::string::npos);
        CHECK(m.error().message.find("not connected") != std::string::npos);
    }
    SECTION("too far from any road") {
        auto m = net->matrix({{"离石", node(1, 1)}, {"far", {111.5, 37.5}}});
        REQUIRE_FALSE(m.ok());
        CHECK(m.error().message.find("'far'") != std::string::npos);
        CHECK(m.error().message.find("nearest road") != std::string::npos);
    }
}

TEST_CASE("road network: bad layers", "[road_network]") {
    Layer points;
    points.geometryKind = Geometry::Kind::Point;
    CHECK_FALSE(RoadNetwork::fromLayer(points, {}).ok());
    RoadNetworkOptions o;
    o.speedField = "nope";
    auto r = RoadNetwork::fromLayer(grid(), o);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find("nope") != std::string::npos);
}

TEST_CASE("road network: read through DataSource from a GeoJSON file", "[road_network]") {
    auto net = RoadNetwork::open(std::string(HONGTU_TEST_DATA) + "/route/grid_roads.geojson", "", {});
    REQUIRE(net.ok());
    CHECK(net->stats().components == 1);
    CHECK(net->stats().nodes == 9);
}
