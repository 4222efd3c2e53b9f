#include <catch2/catch_approx.hpp>
#include <catch2/catch_test_macros.hpp>

#include "hongtu/geo/crs.hpp"

using namespace hongtu::geo;
using Catch::Approx;

TEST_CASE("crs: Lüliang lies in the Gauss-Krüger zone of CM 111°E", "[crs]") {
    auto zone = gaussKrugerZoneFor(Box{110.4, 36.6, 112.3, 38.7});
    REQUIRE(zone);
    CHECK(zone->cmEpsg == 4546);
    CHECK(zone->zoneEpsg == 4525);
    CHECK(zone->zone == 37);
    CHECK(zone->centralMeridian == 111.0);
    CHECK(zone->extentFits);
    auto wide = gaussKrugerZoneFor(Box{108.0, 36.0, 114.0, 38.0});
    REQUIRE(wide);
    CHECK_FALSE(wide->extentFits);
    CHECK_FALSE(gaussKrugerZoneFor(Box{10, 40, 12, 42}));  // Europe: no Chinese zone
    CHECK(gaussKrugerZoneByEpsg(4525)->cmEpsg == 4546);
    CHECK(gaussKrugerZoneByEpsg(4534)->zone == 25);
    CHECK_FALSE(gaussKrugerZoneByEpsg(4326));
}

TEST_CASE("crs: the Gauss-Krüger variant is detected from the easting", "[crs]") {
    CHECK(*detectGaussKrugerEpsg(37512345.0, 111) == 4525);  // zone number in front
    CHECK(*detectGaussKrugerEpsg(38412345.0, 111) == 4526);
    CHECK(*detectGaussKrugerEpsg(512345.0, 111) == 4546);  // 6 digits: the CM form
    CHECK_FALSE(detectGaussKrugerEpsg(99512345.0, 111));
    CHECK_FALSE(detectGaussKrugerEpsg(-5.0, 111));
}

TEST_CASE("crs: CGCS2000 lon/lat stays longitude-first and projects to GK", "[crs]") {
    auto t = Transformer::create("EPSG:4490", "EPSG:4546");
    REQUIRE(t);
    // On the central meridian the easting is exactly the false easting.
    auto onCm = t->forward(XY{111.0, 37.5});
    REQUIRE(onCm);
    CHECK(onCm->x == Approx(500000.0).margin(0.001));
    CHECK(onCm->y == Approx(4151000).margin(2000));  // ~37.5° north of the equator
    auto lishi = t->forward(XY{111.1342, 37.5156});
    REQUIRE(lishi);
    CHECK(lishi->x > 500000);  // east of the CM
    auto back = t->inverse(*lishi);
    REQUIRE(back);
    CHECK(back->x == Approx(111.1342).margin(1e-9));
    CHECK(back->y == Approx(37.5156).margin(1e-9));

    auto zoneForm = Transformer::create("EPSG:4490", "4525");
    REQUIRE(zoneForm);
    CHECK(zoneForm->forward(XY{111.0, 37.5})->x == Approx(37500000.0).margin(0.001));
}

TEST_CASE("crs: EPSG:4326 and 4490 agree and geometry transforms in place", "[crs]") {
    auto t = Transformer::create("EPSG:4326", "EPSG:4490");
    REQUIRE(t);
    auto p = t->forward(XY{111.0, 37.5});
    REQUIRE(p);
    CHECK(p->x == Approx(111.0).margin(1e-7));
    CHECK(p->y == Approx(37.5).margin(1e-7));

    auto gk = Transformer::create("EPSG:4490", "EPSG:4546");
    Geometry g = Geometry::polygon({{{110.9, 38.2}, {111.5, 38.2}, {111.5, 38.7}, {110.9, 38.2}}});
    REQUIRE(gk->forward(g));
    CHECK(g.bounds().minX > 400000);
    CHECK(g.bounds().maxX < 600000);
}

TEST_CASE("crs: unknown CRS is an error, identification works", "[crs]") {
    CHECK_FALSE(Transformer::create("EPSG:999999", "EPSG:4490"));
    CHECK(identifyEpsg("EPSG:4546") == 4546);
    CHECK(identifyEpsg("+proj=longlat +ellps=GRS80 +no_defs") != 4546);
    CHECK_FALSE(identifyEpsg("not a crs"));
}

TEST_CASE("crs: geodesic distance", "[crs]") {
    // One degree of latitude near 37.5°N is about 110.99 km on GRS80.
    CHECK(geodesicDistance({111.0, 37.0}, {111.0, 38.0}) == Approx(110996).margin(50));
    // Lishi to Weifen (兴县 seat) per GeoNames: about 107 km (memorials.md's straight line).
    CHECK(geodesicDistance({111.13417, 37.51556}, {111.16664, 38.48064}) == Approx(107000).margin(1500));
    CHECK(geodesicDistance({111.0, 37.0}, {111.0, 37.0}) == 0.0);
}
