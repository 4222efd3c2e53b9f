#include <catch2/catch_test_macros.hpp>

#include "hongtu/geo/feature.hpp"

using namespace hongtu::geo;

TEST_CASE("feature: ISO dates parse strictly and round-trip through day numbers", "[feature]") {
    auto d = Date::parseIso("2018-06-30");
    REQUIRE(d);
    CHECK(d->iso() == "2018-06-30");
    CHECK(Date::fromDaysSinceEpoch(d->daysSinceEpoch()) == *d);
    CHECK(Date{1970, 1, 1}.daysSinceEpoch() == 0);
    CHECK(Date{2019, 6, 30}.daysSinceEpoch() - Date{2017, 1, 1}.daysSinceEpoch() == 910);
    CHECK_FALSE(Date::parseIso("2018-02-29"));  // not a leap year
    CHECK(Date::parseIso("2016-02-29"));
    CHECK_FALSE(Date::parseIso("2018/6/30"));
    CHECK_FALSE(Date::parseIso("2018-13-01"));
    CHECK_FALSE(Date::parseIso("2018-06-30x"));
}

TEST_CASE("feature: values print as text, codes stay text", "[feature]") {
    CHECK(toText(Value{std::string("141123200001")}) == "141123200001");
    CHECK(toText(Value{std::int64_t{778}}) == "778");
    CHECK(toText(Value{0.91}) == "0.91");
    CHECK(toText(Value{}).empty());
    CHECK(isNull(Value{}));
    CHECK(toText(Value{Date{2018, 6, 30}}) == "2018-06-30");
}

TEST_CASE("feature: geometry bounds and box operations", "[feature]") {
    auto poly = Geometry::polygon({{{0, 0}, {4, 0}, {4, 3}, {0, 3}, {0, 0}}});
    Box b = poly.bounds();
    CHECK(b.minX == 0);
    CHECK(b.maxX == 4);
    CHECK(b.height() == 3);
    CHECK(b.center() == XY{2, 1.5});
    CHECK(poly.vertexCount() == 5);
    CHECK(b.contains({4, 3}));
    CHECK_FALSE(b.contains({4.1, 3}));
    CHECK(b.intersects(Box{3, 2, 10, 10}));
    CHECK_FALSE(b.intersects(Box{5, 5, 10, 10}));
    CHECK(Box{}.empty());
    CHECK(Geometry::point({1, 2}).asPoint() == XY{1, 2});
    CHECK_THROWS(poly.asPoint());
}
