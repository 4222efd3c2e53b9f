// Point in polygon at national scale: geo::PolygonGrid (flat rings, edge bands, exact crossing
// test; what `hongtu join --lon-column/--lat-column` uses) against geo::PolygonIndex (GEOS
// STRtree + prepared geometries, invalid counties repaired with make-valid) on every village
// of the national dataset. Compares EVERY assignment (the correctness guard of issue 16 at full
// scale) and times index build + all lookups for each. Not a test: nothing asserts on time.
//
//   ./build/bench/pip_bench NATIONAL.gpkg

#include <chrono>
#include <cstdio>
#include <string>

#include "hongtu/geo/datasource.hpp"
#include "hongtu/geo/polygon_grid.hpp"
#include "hongtu/geo/spatial.hpp"

using namespace hongtu::geo;
using Clock = std::chrono::steady_clock;

namespace {
double seconds(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }
std::string name(const std::optional<std::size_t>& i) { return i ? std::to_string(*i) : std::string("none"); }
}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: pip_bench NATIONAL.gpkg\n");
        return 2;
    }
    auto source = DataSource::open(argv[1]);
    if (!source) {
        std::fprintf(stderr, "pip_bench: %s\n", source.error().toString().c_str());
        return 2;
    }
    auto counties = source->readLayer("counties");
    auto villages = source->readLayer("villages");
    if (!counties || !villages) {
        std::fprintf(stderr, "pip_bench: the national GeoPackage needs counties and villages\n");
        return 2;
    }
    std::vector<Geometry> shapes;
    for (auto& f : counties->features) shapes.push_back(std::move(f.geometry));
    std::vector<XY> points;
    for (const auto& f : villages->features) points.push_back(f.geometry.asPoint());
    std::printf("pip_bench: %zu counties, %zu villages\n", shapes.size(), points.size());

    auto t = Clock::now();
    auto grid = PolygonGrid::build(shapes);
    const double gridBuild = seconds(t);
    if (!grid) return 2;
    t = Clock::now();
    std::vector<std::optional<std::size_t>> byGrid(points.size());
    for (std::size_t i = 0; i < points.size(); ++i) byGrid[i] = grid->locate(points[i]);
    const double gridLocate = seconds(t);

    t = Clock::now();
    auto geos = PolygonIndex::build(shapes);
    const double geosBuild = seconds(t);
    if (!geos) return 2;
    t = Clock::now();
    std::size_t differ = 0, outside = 0;
    for (std::size_t i = 0; i < points.size(); ++i) {
        const auto expected = geos->locate(points[i]);
        outside += expected ? 0 : 1;
        if (expected != byGrid[i]) {
            if (++differ <= 10)
                std::printf("  village %zu (%.6f, %.6f): GEOS county %s, grid county %s\n", i, points[i].x, points[i].y,
                            name(expected).c_str(), name(byGrid[i]).c_str());
        }
    }
    const double geosLocate = seconds(t);
    const double g = gridBuild + gridLocate, r = geosBuild + geosLocate;
    std::printf("grid: build %.3f s, %zu lookups %.3f s, index %.0f MB\n", gridBuild, points.size(), gridLocate,
                static_cast<double>(grid->memoryBytes()) / 1e6);
    std::printf("GEOS: build %.3f s (make-valid of invalid counties), lookups %.3f s\n", geosBuild, geosLocate);
    std::printf("assignments: %zu of %zu differ from GEOS (%zu outside every county per GEOS)\n", differ, points.size(), outside);
    std::printf(
        "RESULT name=pip_grid what=\"every national village to its county, in memory: %zu of %zu assignments differ from GEOS\" "
        "hongtu_s=%.4f reference=\"GEOS STRtree + prepared (PolygonIndex)\" reference_s=%.4f ratio=%.3f\n",
        differ, points.size(), g, r, r / g);
    return differ == 0 ? 0 : 1;
}
