#include <catch2/catch_test_macros.hpp>

#include "hongtu/geo/datasource.hpp"
#include "hongtu/geo/spatial.hpp"

using namespace hongtu::geo;

namespace {
std::string data(const std::string& name) { return std::string(HONGTU_TEST_DATA) + "/geo/" + name; }
Geometry square(double x0, double y0, double size) {
    return Geometry::polygon({{{x0, y0}, {x0 + size, y0}, {x0 + size, y0 + size}, {x0, y0 + size}, {x0, y0}}});
}
}  // namespace

TEST_CASE("spatial: locate points in polygons with holes and shared edges", "[spatial]") {
    Geometry withHole = Geometry::polygon({{{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}},
                                           {{4, 4}, {6, 4}, {6, 6}, {4, 6}, {4, 4}}});
    auto index = PolygonIndex::build({withHole, square(10, 0, 10), Geometry{}});
    REQUIRE(index);
    CHECK(index->size() == 3);
    CHECK(index->locate({1, 1}) == 0u);
    CHECK(index->locate({15, 5}) == 1u);
    CHECK_FALSE(index->locate({5, 5}));   // in the hole
    CHECK_FALSE(index->locate({25, 5}));  // outside everything
    CHECK(index->locate({10, 5}) == 0u);  // on the shared edge: lowest index wins
    CHECK(index->locateAll({10, 5}).size() == 2);
}

TEST_CASE("spatial: non-polygon input is refused", "[spatial]") {
    auto index = PolygonIndex::build({square(0, 0, 1), Geometry::point({0, 0})});
    REQUIRE_FALSE(index);
    CHECK(index.error().row == 2);
}

TEST_CASE("spatial: villages are checked against their coded county", "[spatial]") {
    auto counties = DataSource::open(data("two_counties.geojson"))->readLayer("two_counties");
    auto villages = DataSource::open(data("villages.csv"))->readLayer("villages");
    REQUIRE(counties);
    REQUIRE(villages);
    villages->crs = counties->crs;  // the CSV has no CRS of its own; its columns are lon/lat
    auto report = assignPointsToPolygons(*villages, "village_code", *counties, "code", 6);
    REQUIRE(report);
    REQUIRE(report->assignments.size() == 5);
    CHECK(report->assignments[0].placement == Placement::InCodedUnit);       // 蔡家崖村 in 兴县
    CHECK(report->assignments[1].placement == Placement::InCodedUnit);       // 双塔村 in 临县
    CHECK(report->assignments[2].placement == Placement::OutsideCodedUnit);  // coded 临县, lies in 兴县
    CHECK(report->assignments[2].found == 0u);
    CHECK(report->assignments[3].placement == Placement::OutsideAll);
    CHECK(report->assignments[4].placement == Placement::UnknownCode);
    CHECK(report->inCodedUnit == 2);
    CHECK(report->outsideCodedUnit == 1);
    CHECK(report->outsideAll == 1);
    CHECK(report->unknownCode == 1);
    CHECK(std::string(placementName(Placement::OutsideAll)) == "outside_all");

    auto missing = assignPointsToPolygons(*villages, "no_such_column", *counties, "code", 6);
    REQUIRE_FALSE(missing);
    CHECK(missing.error().layer == "villages");
}
