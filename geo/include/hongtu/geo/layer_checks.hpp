#pragma once
// What `hongtu info` checks in a layer it lists, and what an open or an import warns about:
// geometries GEOS calls invalid (with its reason), empty geometries and NaN/Inf coordinates,
// coordinates that cannot be right for the declared CRS, features of another geometry type
// than the layer's, duplicate codes, and the sidecar files a shapefile lacks.

#include <string>
#include <vector>

#include "hongtu/geo/datasource.hpp"
#include "hongtu/geo/feature.hpp"

namespace hongtu::geo {

struct Finding {
    bool problem = true;   // a problem (info exits 1) or a note (said, but the data is usable)
    std::string message;   // one sentence for the planner, naming feature ids where it helps
};

// Checks a layer read into memory. `crs` is the declared CRS ("EPSG:4490", WKT, or empty).
[[nodiscard]] std::vector<Finding> checkLayer(const Layer& layer, const std::string& crs);

// For a .shp file or a folder of shapefiles: the sidecar files that are missing (.shx, .dbf,
// .prj, .cpg) and what that costs. Empty for anything else.
[[nodiscard]] std::vector<Finding> checkShapefileSidecars(const std::string& path);

// Coordinates printed with a precision that suits their size: 6 decimals for degrees, 2 for
// metres, exponent notation beyond 1e9 or for non-finite numbers (never 160 digits).
[[nodiscard]] std::string coordinateText(double v);

}  // namespace hongtu::geo
