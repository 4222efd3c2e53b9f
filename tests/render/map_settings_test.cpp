#include <catch2/catch_approx.hpp>
#include <catch2/catch_test_macros.hpp>

#include <cmath>

#include "render/map_settings.hpp"

using Catch::Approx;
using hongtu::geo::Box;
using hongtu::geo::XY;
using hongtu::render::MapSettings;

namespace {
MapSettings squareMap() {
    MapSettings s;
    s.extent = Box{500'000, 4'100'000, 510'000, 4'110'000};  // 10 km square in EPSG:4546
    s.outputSize = {1000, 1000};
    s.dpi = 96;
    return s;
}
}  // namespace

TEST_CASE("map_settings: scale and map units per pixel follow extent, size and DPI", "[map_settings]") {
    MapSettings s = squareMap();
    CHECK(s.mapUnitsPerPixel() == Approx(10.0));
    // 10 m per pixel, 96 pixels per inch: 1 px = 0.0254/96 m of screen.
    CHECK(s.scaleDenominator() == Approx(10.0 * 96 / 0.0254));
    s.dpi = 300;
    CHECK(s.scaleDenominator() == Approx(10.0 * 300 / 0.0254));
    CHECK(s.pixelsFromMm(25.4) == Approx(300));
}

TEST_CASE("map_settings: the visible extent keeps the output's aspect ratio", "[map_settings]") {
    MapSettings s = squareMap();
    s.outputSize = {2000, 1000};  // twice as wide as high: the square grows east and west
    CHECK(s.mapUnitsPerPixel() == Approx(10.0));
    const Box v = s.visibleExtent();
    CHECK(v.minX == Approx(495'000));
    CHECK(v.maxX == Approx(515'000));
    CHECK(v.minY == Approx(4'100'000));
    CHECK(v.maxY == Approx(4'110'000));
}

TEST_CASE("map_settings: pixel and map positions round-trip", "[map_settings]") {
    MapSettings s = squareMap();
    s.outputSize = {800, 600};
    const Box v = s.visibleExtent();
    SECTION("corners") {
        const QPointF topLeft = s.toPixel({v.minX, v.maxY});
        CHECK(topLeft.x() == Approx(0).margin(1e-9));
        CHECK(topLeft.y() == Approx(0).margin(1e-9));
        const QPointF bottomRight = s.toPixel({v.maxX, v.minY});
        CHECK(bottomRight.x() == Approx(800));
        CHECK(bottomRight.y() == Approx(600));
    }
    SECTION("north is up") {
        CHECK(s.toPixel({505'000, 4'108'000}).y() < s.toPixel({505'000, 4'102'000}).y());
    }
    SECTION("round trip") {
        const XY p{503'217.5, 4'106'001.25};
        const XY back = s.toMap(s.toPixel(p));
        CHECK(back.x == Approx(p.x).margin(1e-6));
        CHECK(back.y == Approx(p.y).margin(1e-6));
    }
}

TEST_CASE("map_settings: zooming keeps the point under the cursor", "[map_settings]") {
    const MapSettings s = squareMap();
    const QPointF anchor(120, 700);
    const XY before = s.toMap(anchor);
    const MapSettings in = s.zoomedBy(2.0, anchor);
    CHECK(in.mapUnitsPerPixel() == Approx(5.0));
    const XY after = in.toMap(anchor);
    CHECK(after.x == Approx(before.x).margin(1e-6));
    CHECK(after.y == Approx(before.y).margin(1e-6));
    CHECK(s.zoomedBy(0.5, anchor).mapUnitsPerPixel() == Approx(20.0));
    CHECK(s.zoomedBy(0, anchor).extent == s.extent);  // nonsense factors change nothing
}

TEST_CASE("map_settings: panning moves the content with the drag", "[map_settings]") {
    const MapSettings s = squareMap();
    const XY grabbed = s.toMap({300, 300});
    const MapSettings moved = s.pannedByPixels({50, -20});  // drag right and up
    const XY nowUnder = moved.toMap({350, 280});
    CHECK(nowUnder.x == Approx(grabbed.x).margin(1e-6));
    CHECK(nowUnder.y == Approx(grabbed.y).margin(1e-6));
    CHECK(moved.mapUnitsPerPixel() == Approx(s.mapUnitsPerPixel()));
    CHECK(moved.visibleExtent().minX == Approx(s.visibleExtent().minX - 500));
}

TEST_CASE("map_settings: resizing keeps centre and scale, fitting shows the whole box", "[map_settings]") {
    const MapSettings s = squareMap();
    const MapSettings bigger = s.resizedKeepingScale({1500, 700});
    CHECK(bigger.mapUnitsPerPixel() == Approx(s.mapUnitsPerPixel()));
    CHECK(bigger.visibleExtent().center().x == Approx(s.visibleExtent().center().x));
    CHECK(bigger.visibleExtent().center().y == Approx(s.visibleExtent().center().y));

    const Box county{520'000, 4'150'000, 560'000, 4'170'000};
    const MapSettings fitted = bigger.fittedTo(county, 0.05);
    const Box v = fitted.visibleExtent();
    CHECK(v.minX < county.minX);
    CHECK(v.maxX > county.maxX);
    CHECK(v.minY < county.minY);
    CHECK(v.maxY > county.maxY);
}

TEST_CASE("map_settings: invalid settings are recognised", "[map_settings]") {
    MapSettings s = squareMap();
    CHECK(s.isValid());
    SECTION("empty extent") {
        s.extent = Box{};
        CHECK_FALSE(s.isValid());
        CHECK(s.mapUnitsPerPixel() == 0);
    }
    SECTION("no pixels") {
        s.outputSize = {0, 100};
        CHECK_FALSE(s.isValid());
    }
    SECTION("layer visibility") {
        s.visibleLayerIds = {"counties"};
        CHECK(s.isLayerVisible("counties"));
        CHECK_FALSE(s.isLayerVisible("villages"));
    }
}

TEST_CASE("map_settings: the scale of Web Mercator and geographic views is the ground scale", "[map_settings]") {
    // 1:1,000,000 around Lishi (111.14°E, 37.52°N) in each display CRS.
    const double lat = 37.52, metresPerDegree = 6378137.0 * 3.141592653589793 / 180;
    const double groundPerPixel = 1'000'000 * 0.0254 / 96;  // metres
    MapSettings gk;
    gk.displayCrs = "EPSG:4546";
    gk.outputSize = {1000, 1000};
    gk.extent = Box{500'000, 4'150'000, 500'000 + 1000 * groundPerPixel, 4'150'000 + 1000 * groundPerPixel};
    CHECK(gk.scaleDenominator() == Approx(1'000'000));

    MapSettings geographic = gk;
    geographic.displayCrs = "EPSG:4490";
    const double degPerPixel = groundPerPixel / (metresPerDegree * std::cos(lat * 3.141592653589793 / 180));
    geographic.extent = Box{111.14 - 500 * degPerPixel, lat - 500 * degPerPixel, 111.14 + 500 * degPerPixel, lat + 500 * degPerPixel};
    CHECK(geographic.scaleDenominator() == Approx(1'000'000).epsilon(1e-6));

    MapSettings mercator = gk;
    mercator.displayCrs = "EPSG:3857";
    const double y = 6378137.0 * std::log(std::tan(3.141592653589793 / 4 + lat * 3.141592653589793 / 360));
    const double mercPerPixel = groundPerPixel / std::cos(lat * 3.141592653589793 / 180);
    mercator.extent = Box{1.237e7 - 500 * mercPerPixel, y - 500 * mercPerPixel, 1.237e7 + 500 * mercPerPixel, y + 500 * mercPerPixel};
    CHECK(mercator.scaleDenominator() == Approx(1'000'000).epsilon(1e-6));

    // A point still gets a sane box (1 km around it) in degrees.
    const MapSettings fitted = geographic.fittedTo(Box{111.14, lat, 111.14, lat});
    CHECK(fitted.extent.width() < 0.05);
    CHECK(fitted.extent.width() > 0.005);
}
