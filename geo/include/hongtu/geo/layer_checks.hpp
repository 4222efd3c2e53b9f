#pragma once
// What `hongtu info` checks in a layer it lists, and what an open or an import warns about:
// geometries GEOS calls invalid (with its reason), empty geometries and NaN/Inf coordinates,
// coordinates that cannot be right for the declared CRS, features of another geometry type
// than the layer's, duplicate codes, and the sidecar files a shapefile lacks.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "hongtu/geo/datasource.hpp"
#include "hongtu/geo/feature.hpp"
#include "hongtu/geo/table.hpp"

namespace hongtu::geo {

struct Finding {
    bool problem = true;    // a problem (info exits 1) or a note (said, but the data is usable)
    std::string message;    // one sentence for the planner, naming feature ids where it helps
    std::string messageZh;  // the same sentence in Chinese (the viewer's words; the CLI prints `message`)
};

// Checks a layer read into memory. `crs` is the declared CRS ("EPSG:4490", WKT, or empty).
[[nodiscard]] std::vector<Finding> checkLayer(const Layer& layer, const std::string& crs);

// The same checks, fed one feature at a time (DataSource::forEachFeature), for layers too large
// to hold twice: the viewer checks a national project's layers while it shows them. Keeps the
// counts, the first ids and the layer's codes (about 16 bytes each), never a feature.
// finish() gives what checkLayer gives for a layer of the features added, in the same order.
class LayerChecker {
public:
    // `kind`: the layer's declared geometry type (Empty: unknown, taken from the first feature
    // with a geometry, as reading does).
    LayerChecker(std::string layerName, std::vector<Field> fields, Geometry::Kind kind, std::string crs);
    ~LayerChecker();
    LayerChecker(const LayerChecker&) = delete;
    LayerChecker& operator=(const LayerChecker&) = delete;

    void add(const Feature& feature);
    [[nodiscard]] std::vector<Finding> finish(std::int64_t droppedGeometryParts = 0);

private:
    struct State;
    std::unique_ptr<State> state_;
};

// For a .shp file or a folder of shapefiles: the sidecar files that are missing (.shx, .dbf,
// .prj, .cpg) and what that costs. Empty for anything else.
[[nodiscard]] std::vector<Finding> checkShapefileSidecars(const std::string& path);

// What an import or a join checks in a table before joining it, as `hongtu info` does for a
// layer: a table without data rows; for a .dbf, the sidecar files of its shapefile; and, when
// the rows are placed by their own coordinates, the whole columns' diagnosis (longitude and
// latitude swapped, Gauss-Krüger metres with the zone number in front, other projected
// numbers, cells that are not numbers), naming the columns and the first lines.
struct TableCheckOptions {
    std::string lonColumn, latColumn;  // empty: the table is not placed by coordinates
};
[[nodiscard]] std::vector<Finding> checkTable(const Table& table, const TableCheckOptions& options = {});

// Coordinates printed with a precision that suits their size: 6 decimals for degrees, 2 for
// metres, exponent notation beyond 1e9 or for non-finite numbers (never 160 digits).
[[nodiscard]] std::string coordinateText(double v);

}  // namespace hongtu::geo
