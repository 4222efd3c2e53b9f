#include <catch2/catch_test_macros.hpp>

#include "hongtu/geo/label_point.hpp"
#include "hongtu/geo/polygon_grid.hpp"

using hongtu::geo::Geometry;
using hongtu::geo::interiorPoint;

namespace {
// Whether `polygon` contains p (even-odd over its rings: holes stay outside).
bool inside(const Geometry& polygon, hongtu::geo::XY p) {
    auto grid = hongtu::geo::PolygonGrid::build({polygon});
    REQUIRE(grid);
    return grid->contains(0, p);
}
}  // namespace

TEST_CASE("label_point: the label point lies inside concave polygons and outside holes", "[label_point]") {
    SECTION("L shape: the centroid would fall in the missing corner") {
        const Geometry l = Geometry::polygon({{{0, 0}, {10, 0}, {10, 2}, {2, 2}, {2, 10}, {0, 10}, {0, 0}}});
        const auto p = interiorPoint(l);
        REQUIRE(p);
        CHECK(inside(l, *p));
    }
    SECTION("square with a hole in the middle") {
        const Geometry holed = Geometry::polygon(
            {{{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}}, {{3, 3}, {3, 7}, {7, 7}, {7, 3}, {3, 3}}});
        const auto p = interiorPoint(holed);
        REQUIRE(p);
        CHECK(inside(holed, *p));
        CHECK_FALSE((p->x > 2 && p->x < 8 && p->y > 2 && p->y < 8));  // clear of the hole's edges
    }
    SECTION("a hole whose edge lies on the centroid's scan line") {
        // The centroid line y = 15 runs along the hole's top edge; the label must not sit on it.
        const Geometry holed = Geometry::polygon(
            {{{0, 0}, {30, 0}, {30, 30}, {0, 30}, {0, 0}}, {{10, 10}, {10, 15}, {15, 15}, {15, 10}, {10, 10}}});
        const auto p = interiorPoint(holed);
        REQUIRE(p);
        CHECK(inside(holed, *p));
        CHECK_FALSE((p->x > 8 && p->x < 17 && p->y > 8 && p->y < 17));
    }
    SECTION("the largest part of a multipolygon is labelled") {
        Geometry multi = Geometry::polygon({{{0, 0}, {1, 0}, {1, 1}, {0, 1}}});
        multi.parts.push_back({{{10, 10}, {20, 10}, {20, 20}, {10, 20}}});
        multi.multi = true;
        const auto p = interiorPoint(multi);
        REQUIRE(p);
        CHECK(p->x > 10);
        CHECK(p->y > 10);
    }
    SECTION("no polygon, no point") {
        CHECK_FALSE(interiorPoint(Geometry::point({1, 2})));
        CHECK_FALSE(interiorPoint(Geometry::polygon({{{0, 0}, {1, 1}, {2, 2}}})));  // no area
    }
}
