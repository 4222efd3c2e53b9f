#pragma once
// Private to geo: the rows of one GeoPackage table read straight through SQLite (no OGR feature
// objects): a few text columns as views and, optionally, a point geometry decoded from the
// GeoPackage blob. For large plain point layers (600,000 villages) where OGR's per-feature
// objects were most of the read. Every other source, and every layer that is not plain text
// columns + points, is read through GDAL as before.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hongtu/geo/feature.hpp"

namespace hongtu::geo::detail {

struct GpkgRowsRequest {
    std::string path;                  // the GeoPackage file
    std::string table;                 // the feature or attribute table
    std::string fidColumn;             // rows in this column's order (OGR's order); empty = rowid
    std::vector<std::string> columns;  // text columns, given to `row` in this order
    std::string geometryColumn;        // empty = no geometry
    int lockTimeoutMs = 15000;         // SQLite busy timeout
};

// What a row's geometry was: none (NULL), an empty point, or a point.
struct GpkgPoint {
    bool present = false;  // false: NULL geometry or an empty point
    XY xy;
};

// Calls `row` for every row in FID order with the columns' text (a NULL cell is empty; a cell
// is cut at its first NUL byte, as OGR's C strings are) and the point. Returns true when every
// row was read; false when the table is not plain (a cell that is not text or NULL, a geometry
// that is not a GeoPackage point blob) or SQLite could not read it (not a plain file, locked,
// an I/O error): then the caller reads it through OGR, which reports any error in its words,
// and discards what `row` was given.
[[nodiscard]] bool readGpkgRows(const GpkgRowsRequest& request,
                                const std::function<void(const std::string_view* cells, const GpkgPoint& point)>& row);

}  // namespace hongtu::geo::detail
