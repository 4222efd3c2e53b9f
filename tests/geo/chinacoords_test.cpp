#include <catch2/catch_approx.hpp>
#include <catch2/catch_test_macros.hpp>

#include "hongtu/geo/chinacoords.hpp"
#include "hongtu/geo/crs.hpp"

using namespace hongtu::geo;

TEST_CASE("chinacoords: GCJ-02 offset in Lüliang is hundreds of metres", "[chinacoords]") {
    const XY wgs{111.081, 38.476};  // 蔡家崖
    const XY gcj = wgs84ToGcj02(wgs);
    const double offset = geodesicDistance(wgs, gcj);
    CHECK(offset > 100);
    CHECK(offset < 700);
    // The fixture tests/data/join/memorials_gcj02.csv was computed by an independent Python
    // implementation of the same published formula.
    CHECK(gcj.x == Catch::Approx(111.087457).margin(1e-6));
    CHECK(gcj.y == Catch::Approx(38.476735).margin(1e-6));
}

TEST_CASE("chinacoords: round trips inside China stay below 0.5 m", "[chinacoords]") {
    double worst = 0;
    for (double lon = 74; lon <= 134; lon += 2.5)
        for (double lat = 18; lat <= 53; lat += 2.5) {
            const XY p{lon, lat};
            worst = std::max(worst, geodesicDistance(p, gcj02ToWgs84(wgs84ToGcj02(p))));
            worst = std::max(worst, geodesicDistance(p, toWgs84(gcj02ToBd09(wgs84ToGcj02(p)), CoordSystem::Bd09)));
            worst = std::max(worst, geodesicDistance(p, bd09ToGcj02(gcj02ToBd09(p))));
        }
    CHECK(worst < 0.5);
}

TEST_CASE("chinacoords: outside China nothing moves; systems are named", "[chinacoords]") {
    CHECK(wgs84ToGcj02(XY{2.35, 48.85}) == XY{2.35, 48.85});
    CHECK_FALSE(insideChina(XY{2.35, 48.85}));
    CHECK(parseCoordSystem("Amap") == CoordSystem::Gcj02);
    CHECK(parseCoordSystem("BD-09") == CoordSystem::Bd09);
    CHECK(parseCoordSystem("cgcs2000") == CoordSystem::Cgcs2000);
    CHECK_FALSE(parseCoordSystem("guess"));
    CHECK(toWgs84(XY{111, 37}, CoordSystem::Cgcs2000) == XY{111, 37});
}
