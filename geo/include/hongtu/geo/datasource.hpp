#pragma once
// Data access through GDAL/OGR: open any vector source by path or connection string
// (GeoPackage, Shapefile, GeoJSON, KML, CSV with X/Y columns, XLSX/ODS, PG: URIs), list its
// layers, read a layer into the project's value types, and write layers atomically.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "hongtu/geo/feature.hpp"
#include "hongtu/geo/result.hpp"

class GDALDataset;

namespace hongtu::geo {

class DataSource;
namespace detail {
// The GDAL dataset behind a DataSource (geo's own .cpp files only: project_store.cpp).
GDALDataset& gdalDataset(const DataSource& source);
}  // namespace detail

struct LayerInfo {
    std::string name;
    std::int64_t featureCount = 0;
    Geometry::Kind geometryKind = Geometry::Kind::Empty;
    bool multi = false;
    std::string crs;  // "EPSG:4490", or WKT when no authority code; empty = none
    Box extent;       // in the layer's CRS; empty for attribute tables
    std::vector<Field> fields;
    // A problem found while describing the layer (e.g. coordinates that contradict the
    // declared CRS); empty when none. readLayer() refuses such layers with the same message.
    std::string problem;
};

struct OpenOptions {
    // CSV: names of the columns holding X (longitude/easting) and Y (latitude/northing).
    // When empty, GDAL's usual names are tried (x/lon/longitude/经度, y/lat/latitude/纬度).
    std::string xColumn, yColumn;
    // CSV/XLSX/ODS: read every column as text (keeps leading zeros of codes). Default on.
    bool allText = true;
    // XLSX/ODS: the first row holds the column names (GDAL's guess is unreliable when every
    // column is read as text).
    bool firstRowIsHeader = true;
    // Shapefile/DBF: the encoding of the attribute text ("UTF-8", "CP936", "GB18030"); empty
    // = GDAL's choice (the .cpg file, else the DBF's language byte).
    std::string shapefileEncoding;
    // Open for update (needed to write into an existing GeoPackage).
    bool update = false;
    // GeoPackage: how long to wait for another program's lock on the file (SQLite's busy
    // timeout), in milliseconds; -1 = defaultLockTimeoutMs().
    int lockTimeoutMs = -1;
};

// How long readers and writers of a GeoPackage project wait for another program's lock:
// the environment variable HONGTU_LOCK_TIMEOUT_MS when set (0..600000), else 15000.
[[nodiscard]] int defaultLockTimeoutMs();

class DataSource {
public:
    // Opens `path` (a file, a directory of shapefiles, or a connection string such as
    // "PG:service=hongtu"). The error names the path (passwords removed).
    [[nodiscard]] static Result<DataSource> open(const std::string& path, const OpenOptions& options = {});

    DataSource(DataSource&&) noexcept;
    DataSource& operator=(DataSource&&) noexcept;
    ~DataSource();

    [[nodiscard]] const std::string& path() const { return path_; }
    [[nodiscard]] std::string driverName() const;
    // Shapefiles without .cpg: the text encoding detected from the DBF bytes, e.g.
    // "GB18030 (detected: no .cpg file)"; empty when a .cpg, the caller or plain ASCII decided.
    [[nodiscard]] const std::string& encodingNote() const;
    // Every layer with its feature count, fields, extent and CRS. Counting can mean reading a
    // whole view (a GeoPackage view joins tables): to find a table, use layerNames().
    [[nodiscard]] std::vector<LayerInfo> layers() const;
    // The names of the layers, in order, without counting or measuring anything.
    [[nodiscard]] std::vector<std::string> layerNames() const;
    [[nodiscard]] bool hasLayer(const std::string& name) const;
    [[nodiscard]] Result<LayerInfo> layerInfo(const std::string& layer) const;
    // Reads a whole layer. Features with unreadable geometry give an error naming the feature.
    [[nodiscard]] Result<Layer> readLayer(const std::string& layer) const;
    // Reads a layer feature by feature, for layers too large to hold twice (the viewer builds
    // its scene from them): `each` gets every feature in order, with one value per field of
    // layerInfo(layer).fields, and may move from it; returning false stops reading early (not
    // an error). The same errors as readLayer, except that the CRS is not checked here: the
    // caller takes the CRS and its problem from layerInfo() (the layer's extent).
    // `droppedGeometryParts`, when given, receives the count readLayer() keeps in
    // Layer::droppedGeometryParts.
    [[nodiscard]] Status forEachFeature(const std::string& layer, const std::function<bool(Feature&)>& each,
                                        std::int64_t* droppedGeometryParts = nullptr) const;

private:
    friend GDALDataset& detail::gdalDataset(const DataSource&);
    struct Impl;
    DataSource(std::string path, std::unique_ptr<Impl> impl);
    std::string path_;
    std::unique_ptr<Impl> impl_;
};

struct WriteOptions {
    std::string driver = "GPKG";
    // Fixed timestamp written into format metadata (GeoPackage gpkg_contents.last_change),
    // so the same input gives the same bytes. ISO 8601, e.g. "2019-06-30T00:00:00Z".
    std::string fixedTimestamp;
    // Free-text description per layer (GeoPackage gpkg_contents.description), by layer name.
    std::function<std::string(const std::string& layer)> description;
    // Keep each Feature::fid as the written feature id (e.g. a PostGIS project exported to a
    // GeoPackage keeps its row ids, which the status history refers to).
    bool keepFids = false;
    // Called after each feature is written (layer name, 1-based row); returning false stops
    // the write there with an error and nothing is kept. Tests use it to fail mid-write.
    std::function<bool(const std::string& layer, std::int64_t row)> afterRow;
};

// Writes `layers` into a new file at `path` (an output: a report, an export), replacing it only
// when everything was written: the data goes to a temporary file beside it, which is flushed,
// renamed over `path` and the folder flushed at the end. A symlinked `path` is followed (its
// target is replaced) and an existing file keeps its permissions. Never used on a project:
// a project is changed in place (replaceLayersAtomically, ProjectStore).
[[nodiscard]] Status writeLayersAtomically(const std::string& path, const std::vector<Layer>& layers,
                                           const WriteOptions& options = {});

// Replaces (or adds) `layers` in the existing GeoPackage at `path`, keeping its other layers:
// one SQLite transaction in place (ProjectStore::write), so a failure or a killed process
// leaves the file exactly as it was and other programs' saves are never overwritten.
[[nodiscard]] Status replaceLayersAtomically(const std::string& path, const std::vector<Layer>& layers,
                                             const WriteOptions& options = {});

// After a process died during a save, SQLite left a "hot" rollback journal (FILE-journal)
// beside the file; a read-only open then fails ("attempt to write a readonly database") until a
// writable connection rolls it back. This does that roll-back: DataSource::open does this
// for every file it opens. Returns true when a journal was rolled back.
[[nodiscard]] Result<bool> recoverInterruptedSave(const std::string& path);

// Removes "password=..." from connection strings before they appear in messages.
[[nodiscard]] std::string redactConnectionString(const std::string& s);

// True for "PG:..." connection strings (a project on a PostgreSQL/PostGIS server; GDAL reads it,
// hongtu_geo_pg writes it).
[[nodiscard]] bool isPostgresSource(const std::string& source);

}  // namespace hongtu::geo
