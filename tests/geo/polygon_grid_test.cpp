#include <catch2/catch_test_macros.hpp>

#include <cstdint>
#include <random>

#include "hongtu/geo/datasource.hpp"
#include "hongtu/geo/polygon_grid.hpp"
#include "hongtu/geo/spatial.hpp"

using namespace hongtu::geo;

namespace {
Geometry square(double x0, double y0, double size) {
    return Geometry::polygon({{{x0, y0}, {x0 + size, y0}, {x0 + size, y0 + size}, {x0, y0 + size}, {x0, y0}}});
}
}  // namespace

TEST_CASE("polygon grid: holes, shared edges, vertices, outside", "[polygon_grid]") {
    Geometry withHole = Geometry::polygon({{{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}},
                                           {{4, 4}, {6, 4}, {6, 6}, {4, 6}, {4, 4}}});
    auto grid = PolygonGrid::build({withHole, square(10, 0, 10), Geometry{}});
    REQUIRE(grid);
    CHECK(grid->size() == 3);
    CHECK(grid->locate({1, 1}) == 0u);
    CHECK(grid->locate({15, 5}) == 1u);
    CHECK_FALSE(grid->locate({5, 5}));   // in the hole
    CHECK(grid->locate({4, 5}) == 0u);   // on the hole's edge: the boundary counts
    CHECK_FALSE(grid->locate({25, 5}));  // outside everything
    CHECK(grid->locate({10, 5}) == 0u);  // on the shared edge: lowest index wins
    CHECK(grid->contains(1, {10, 5}));
    CHECK(grid->locate({20, 10}) == 1u);  // a corner
    CHECK(grid->locate({10, 10}) == 0u);  // a vertex both share
    CHECK_FALSE(grid->locate({20.000001, 10}));
    CHECK_FALSE(grid->contains(2, {0, 0}));  // empty never matches
}

TEST_CASE("polygon grid: multipolygons and rings given open", "[polygon_grid]") {
    Geometry two;
    two.kind = Geometry::Kind::Polygon;
    two.parts = {{{{0, 0}, {1, 0}, {1, 1}, {0, 1}}}, {{{5, 5}, {6, 5}, {6, 6}, {5, 6}}}};  // open rings
    auto grid = PolygonGrid::build({two});
    REQUIRE(grid);
    CHECK(grid->locate({0.5, 0.5}) == 0u);
    CHECK(grid->locate({5.5, 5.9}) == 0u);
    CHECK_FALSE(grid->locate({3, 3}));
    CHECK(grid->locate({0, 0.5}) == 0u);  // on the closing edge
}

TEST_CASE("polygon grid: non-polygon input is refused with its row", "[polygon_grid]") {
    auto grid = PolygonGrid::build({square(0, 0, 1), Geometry::point({0, 0})});
    REQUIRE_FALSE(grid);
    CHECK(grid.error().row == 2);
}

// GEOS stays the reference: every village of the demo, points on a fine lattice over the whole
// city and every county vertex (boundary cases) get the same county from both indexes.
TEST_CASE("polygon grid: every assignment equals GEOS's on the demo counties", "[polygon_grid]") {
    auto project = DataSource::open(HONGTU_DEMO_PROJECT);
    REQUIRE(project);
    auto counties = project->readLayer("counties");
    auto villages = project->readLayer("villages");
    REQUIRE(counties);
    REQUIRE(villages);
    // The demo's counties are projected: bring the villages' lon/lat into the same CRS by
    // reading both in the counties' CRS when they differ.
    REQUIRE(counties->crs == villages->crs);
    std::vector<Geometry> shapes;
    Box extent;
    for (const auto& f : counties->features) {
        shapes.push_back(f.geometry);
        for (const auto& part : f.geometry.parts)
            for (const auto& ring : part)
                for (const auto& p : ring) extent.expand(p);
    }
    auto geos = PolygonIndex::build(shapes);
    auto grid = PolygonGrid::build(shapes);
    REQUIRE(geos);
    REQUIRE(grid);

    std::vector<XY> points;
    for (const auto& v : villages->features) points.push_back(v.geometry.asPoint());
    const std::size_t villageCount = points.size();
    REQUIRE(villageCount > 1000);
    std::mt19937_64 random(20261202);  // fixed: the same points every run
    std::uniform_real_distribution<double> x(extent.minX - 0.01 * extent.width(), extent.maxX + 0.01 * extent.width());
    std::uniform_real_distribution<double> y(extent.minY - 0.01 * extent.height(), extent.maxY + 0.01 * extent.height());
    for (int i = 0; i < 20000; ++i) points.push_back({x(random), y(random)});
    for (const auto& s : shapes)  // every 7th vertex: points on the boundary
        for (const auto& part : s.parts)
            for (const auto& ring : part)
                for (std::size_t k = 0; k < ring.size(); k += 7) points.push_back(ring[k]);

    std::size_t differ = 0, inside = 0;
    for (std::size_t i = 0; i < points.size(); ++i) {
        const auto expected = geos->locate(points[i]);
        const auto got = grid->locate(points[i]);
        inside += got ? 1 : 0;
        if (expected != got) {
            ++differ;
            if (differ <= 5) UNSCOPED_INFO("point " << i << " (" << points[i].x << ", " << points[i].y << "): GEOS "
                                                    << (expected ? std::to_string(*expected) : "none") << ", grid "
                                                    << (got ? std::to_string(*got) : "none"));
        }
    }
    CHECK(differ == 0);
    CHECK(inside > villageCount);  // the test is not vacuous: most points fall in a county
}
