#include "hongtu/geo/datasource.hpp"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_string.h>
#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <fcntl.h>
#include <unistd.h>
#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <optional>
#include <regex>

#include "gdal_support.hpp"
#include "hongtu/geo/crs.hpp"
#include "hongtu/geo/encoding.hpp"

namespace hongtu::geo {

namespace detail {

void ensureGdal() {
    static std::once_flag once;
    std::call_once(once, [] {
        GDALAllRegister();
        // Keep the default quiet: our callers report errors as values.
        CPLSetConfigOption("CPL_LOG_ERRORS", "OFF");
        // Shapefiles without .cpg are often GBK in China; leave decoding to the .cpg when present.
        CPLSetConfigOption("SHAPE_RESTORE_SHX", "NO");
    });
}

namespace {
thread_local std::string tlsLastError;
void CPL_STDCALL captureHandler(CPLErr level, CPLErrorNum, const char* msg) {
    if (level >= CE_Failure) tlsLastError = msg ? msg : "";
}
}  // namespace

GdalErrorCapture::GdalErrorCapture() {
    tlsLastError.clear();
    CPLPushErrorHandler(captureHandler);
}
GdalErrorCapture::~GdalErrorCapture() { CPLPopErrorHandler(); }
std::string GdalErrorCapture::lastError() const { return tlsLastError; }

}  // namespace detail

using detail::GdalErrorCapture;

bool isPostgresSource(const std::string& source) { return source.rfind("PG:", 0) == 0; }

std::string redactConnectionString(const std::string& s) {
    // One pass over the text, no regular expression: every `password = value` (any case, spaces
    // around '=', the value quoted with '...' and \' or \\ escapes inside, or bare up to the next
    // space; in a URI query up to '&') and the password of every postgres:// or postgresql://
    // URI (user:password@host, the password running to the LAST '@' before the host, so a raw
    // '@' in it does not leak the rest) becomes ***.
    auto lower = [](char ch) { return static_cast<char>(std::tolower(static_cast<unsigned char>(ch))); };
    auto startsWithAt = [&](std::size_t i, std::string_view word) {
        if (i + word.size() > s.size()) return false;
        for (std::size_t k = 0; k < word.size(); ++k)
            if (lower(s[i + k]) != word[k]) return false;
        return true;
    };
    std::string out;
    out.reserve(s.size());
    std::size_t i = 0;
    while (i < s.size()) {
        // URI: scheme://user:password@host...
        if ((startsWithAt(i, "postgresql://") || startsWithAt(i, "postgres://"))) {
            const std::size_t start = s.find("://", i) + 3;
            // The authority ends at the first '/', '?', '#' or white space.
            std::size_t end = start;
            while (end < s.size() && s[end] != '/' && s[end] != '?' && s[end] != '#' &&
                   !std::isspace(static_cast<unsigned char>(s[end])))
                ++end;
            const std::size_t at = s.rfind('@', end == 0 ? 0 : end - 1);
            out.append(s, i, start - i);
            if (at != std::string::npos && at >= start && at < end) {
                const std::size_t colon = s.find(':', start);
                if (colon != std::string::npos && colon < at) {
                    out.append(s, start, colon + 1 - start);
                    out += "***";
                    out.append(s, at, end - at);
                } else {
                    out.append(s, start, end - start);
                }
            } else {
                out.append(s, start, end - start);
            }
            i = end;
            continue;
        }
        // key = value
        const bool wordStart = i == 0 || !(std::isalnum(static_cast<unsigned char>(s[i - 1])) || s[i - 1] == '_');
        if (wordStart && startsWithAt(i, "password")) {
            std::size_t j = i + 8;
            while (j < s.size() && (s[j] == ' ' || s[j] == '\t')) ++j;
            if (j < s.size() && s[j] == '=') {
                ++j;
                while (j < s.size() && (s[j] == ' ' || s[j] == '\t')) ++j;
                const bool inUri = i > 0 && (s[i - 1] == '?' || s[i - 1] == '&');
                out.append(s, i, j - i);
                out += "***";
                if (j < s.size() && s[j] == '\'') {
                    ++j;
                    while (j < s.size() && s[j] != '\'') j += (s[j] == '\\' && j + 1 < s.size()) ? 2 : 1;
                    if (j < s.size()) ++j;  // the closing quote
                } else {
                    while (j < s.size() && !std::isspace(static_cast<unsigned char>(s[j])) && !(inUri && (s[j] == '&' || s[j] == '#')))
                        ++j;
                }
                i = j;
                continue;
            }
        }
        out += s[i++];
    }
    return out;
}

namespace {

using detail::ScopedConfig;

// Config options some drivers read instead of open options (GDAL 3.6's XLSX/ODS drivers read
// OGR_XLSX_HEADERS etc. lazily, on first access to a sheet), applied around every access.
struct DriverConfig {
    std::vector<std::pair<std::string, std::string>> options;
};
class ScopedDriverConfig {
public:
    explicit ScopedDriverConfig(const DriverConfig& c) {
        for (const auto& [k, v] : c.options) scopes_.push_back(std::make_unique<ScopedConfig>(k.c_str(), v));
    }

private:
    std::vector<std::unique_ptr<ScopedConfig>> scopes_;
};

using detail::DatasetPtr;

Geometry::Kind kindOf(OGRwkbGeometryType t, bool& multi) {
    const auto flat = wkbFlatten(t);
    multi = false;
    switch (flat) {
        case wkbPoint: return Geometry::Kind::Point;
        case wkbMultiPoint: multi = true; return Geometry::Kind::Point;
        case wkbLineString:
        case wkbCircularString:
        case wkbCompoundCurve: return Geometry::Kind::LineString;
        case wkbMultiLineString:
        case wkbMultiCurve: multi = true; return Geometry::Kind::LineString;
        case wkbPolygon:
        case wkbCurvePolygon:
        case wkbTriangle: return Geometry::Kind::Polygon;
        case wkbMultiPolygon:
        case wkbMultiSurface:
        case wkbPolyhedralSurface:
        case wkbTIN:
            multi = true;
            return Geometry::Kind::Polygon;
        default: return Geometry::Kind::Empty;
    }
}

Geometry::Ring ringOf(const OGRSimpleCurve& c) {
    Geometry::Ring r;
    r.reserve(static_cast<std::size_t>(c.getNumPoints()));
    for (int i = 0; i < c.getNumPoints(); ++i) r.push_back({c.getX(i), c.getY(i)});
    return r;
}

Geometry::Part polygonPart(const OGRPolygon& p) {
    Geometry::Part part;
    if (const auto* ext = p.getExteriorRing()) part.push_back(ringOf(*ext));
    for (int i = 0; i < p.getNumInteriorRings(); ++i) part.push_back(ringOf(*p.getInteriorRing(i)));
    return part;
}

// Converts an OGR geometry; curves are linearised. Returns false for unsupported kinds.
bool convertGeometry(const OGRGeometry* in, Geometry& out, std::int64_t* dropped = nullptr) {
    out = Geometry{};
    if (!in || in->IsEmpty()) return true;
    std::unique_ptr<OGRGeometry> linear;
    if (in->hasCurveGeometry()) {
        linear.reset(in->getLinearGeometry());
        if (!linear) return false;  // GDAL could not linearise the curve
        in = linear.get();
    }
    bool multi = false;
    out.kind = kindOf(in->getGeometryType(), multi);
    out.multi = multi;
    switch (wkbFlatten(in->getGeometryType())) {
        case wkbPoint: {
            const auto* p = in->toPoint();
            out.parts.push_back({{{p->getX(), p->getY()}}});
            return true;
        }
        case wkbLineString: out.parts.push_back({ringOf(*in->toLineString())}); return true;
        case wkbPolygon: out.parts.push_back(polygonPart(*in->toPolygon())); return true;
        case wkbMultiPoint:
            for (const auto* p : *in->toMultiPoint()) out.parts.push_back({{{p->getX(), p->getY()}}});
            return true;
        case wkbMultiLineString:
            for (const auto* l : *in->toMultiLineString()) out.parts.push_back({ringOf(*l)});
            return true;
        case wkbMultiPolygon:
            for (const auto* p : *in->toMultiPolygon()) out.parts.push_back(polygonPart(*p));
            return true;
        case wkbGeometryCollection: {
            // Keep the first homogeneous kind found; mixed collections are rare in planning data.
            for (const auto* member : *in->toGeometryCollection()) {
                Geometry g;
                if (!convertGeometry(member, g, dropped) || g.empty()) {
                    if (dropped && member && !member->IsEmpty()) ++*dropped;
                    continue;
                }
                if (out.parts.empty()) out.kind = g.kind;
                if (g.kind != out.kind) {
                    if (dropped) ++*dropped;
                    continue;
                }
                for (auto& part : g.parts) out.parts.push_back(std::move(part));
            }
            out.multi = true;
            return true;
        }
        default: return false;
    }
}

std::string crsText(const OGRSpatialReference* srs) {
    if (!srs) return {};
    const char* auth = srs->GetAuthorityName(nullptr);
    const char* code = srs->GetAuthorityCode(nullptr);
    if (auth && code && std::string(auth) == "EPSG") return std::string("EPSG:") + code;
    OGRSpatialReference copy(*srs);
    if (copy.AutoIdentifyEPSG() == OGRERR_NONE) {
        auth = copy.GetAuthorityName(nullptr);
        code = copy.GetAuthorityCode(nullptr);
        if (auth && code) return std::string(auth) + ":" + code;
    }
    // Chinese GK .prj files often carry ESRI names without codes: identify through PROJ.
    char* wkt = nullptr;
    const char* opts[] = {"FORMAT=WKT2_2019", nullptr};
    if (srs->exportToWkt(&wkt, opts) == OGRERR_NONE && wkt) {
        std::string text(wkt);
        CPLFree(wkt);
        if (auto epsg = identifyEpsg(text)) return "EPSG:" + std::to_string(*epsg);
        return text;
    }
    CPLFree(wkt);
    return {};
}

// A CGCS2000 GK layer whose CRS says "CM" but whose eastings carry a zone prefix (or the
// other way round) is common in Chinese files: trust the coordinates, they cannot lie.
std::string reconcileGaussKruger(const std::string& crs, const Box& extent) {
    if (extent.empty() || crs.rfind("EPSG:", 0) != 0) return crs;
    const int epsg = std::atoi(crs.c_str() + 5);
    auto zone = gaussKrugerZoneByEpsg(epsg);
    if (!zone) return crs;
    auto detected = detectGaussKrugerEpsg(extent.center().x, zone->centralMeridian);
    if (!detected) return crs;
    return "EPSG:" + std::to_string(*detected);
}

FieldType fieldTypeOf(OGRFieldType t) {
    switch (t) {
        case OFTInteger:
        case OFTInteger64: return FieldType::Integer;
        case OFTReal: return FieldType::Real;
        case OFTDate: return FieldType::Date;
        default: return FieldType::Text;
    }
}

std::vector<Field> fieldsOf(OGRFeatureDefn* defn) {
    std::vector<Field> fields;
    for (int i = 0; i < defn->GetFieldCount(); ++i) {
        auto* fd = defn->GetFieldDefn(i);
        fields.push_back({fd->GetNameRef(), fieldTypeOf(fd->GetType())});
    }
    return fields;
}

Value valueOf(OGRFeature& f, int i, FieldType type) {
    if (!f.IsFieldSetAndNotNull(i)) return std::monostate{};
    switch (type) {
        case FieldType::Integer: return static_cast<std::int64_t>(f.GetFieldAsInteger64(i));
        case FieldType::Real: return f.GetFieldAsDouble(i);
        case FieldType::Date: {
            int y = 0, m = 0, d = 0, hh = 0, mm = 0, tz = 0;
            float ss = 0;
            f.GetFieldAsDateTime(i, &y, &m, &d, &hh, &mm, &ss, &tz);
            return Date{y, m, d};
        }
        case FieldType::Text: return std::string(f.GetFieldAsString(i));
    }
    return std::monostate{};
}

// Coordinates that cannot be degrees in a file that declares a geographic CRS, with the likely
// cause: longitude and latitude swapped (swapping them gives degrees), Gauss-Krüger metres with
// the zone number in front of the easting, or other projected numbers under a copied .prj.
std::string crsProblem(const OGRSpatialReference* srs, const Box& extent) {
    if (!srs || extent.empty() || !srs->IsGeographic()) return {};
    const auto within = [](double lo, double hi, double limit) { return lo >= -limit && hi <= limit; };
    if (extent.minX >= -180 && extent.maxX <= 360 && within(extent.minY, extent.maxY, 90)) return {};
    char buf[200];
    std::snprintf(buf, sizeof buf, "coordinates such as (%.6g, %.6g) cannot be longitude/latitude", extent.minX, extent.minY);
    const std::string start = std::string(buf) + ", but the file declares the geographic coordinate system " + crsText(srs);
    if (within(extent.minX, extent.maxX, 90) && within(extent.minY, extent.maxY, 180))
        return start +
               "; longitude and latitude are swapped (the first number is the latitude): swap the X and Y columns, "
               "or export the file again with longitude first";
    if (extent.minX >= 2.5e7 && extent.maxX < 4.6e7 && extent.minY >= 0 && extent.maxY < 1e7) {
        const int zone = static_cast<int>(extent.minX / 1e6);
        return start + "; these are Gauss-Krüger metres with the zone number " + std::to_string(zone) +
               " in front of the easting (CGCS2000 3-degree zone " + std::to_string(zone) + ", EPSG:" +
               std::to_string(4513 + zone - 25) + "): the .prj file is wrong, replace it with that zone's";
    }
    return start + "; the file's coordinate system is probably wrong (projected data with a copied .prj?)";
}

LayerInfo infoOf(OGRLayer& layer) {
    LayerInfo info;
    info.name = layer.GetName();
    info.featureCount = layer.GetFeatureCount(TRUE);
    info.geometryKind = kindOf(layer.GetGeomType(), info.multi);
    info.fields = fieldsOf(layer.GetLayerDefn());
    if (layer.GetGeomType() != wkbNone) {
        OGREnvelope env;
        if (layer.GetExtent(&env, TRUE) == OGRERR_NONE) {
            info.extent.expand(XY{env.MinX, env.MinY});
            info.extent.expand(XY{env.MaxX, env.MaxY});
        }
        info.crs = reconcileGaussKruger(crsText(layer.GetSpatialRef()), info.extent);
        info.problem = crsProblem(layer.GetSpatialRef(), info.extent);
    }
    return info;
}

// The encoding of the .dbf files of a shapefile path (a .shp/.dbf file, or a folder of
// shapefiles) when none has a .cpg: "GB18030" when any is GBK/GB18030, "UTF-8" when all
// non-ASCII text is UTF-8, "" when there is nothing to decide (or a .cpg decides).
std::string detectShapefileEncoding(const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    std::vector<fs::path> dbfs;
    const auto lower = [](std::string e) {
        std::transform(e.begin(), e.end(), e.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        return e;
    };
    // "x.dbf" or "x.DBF" beside p.
    const auto sibling = [&](const fs::path& p, const std::string& ext) -> std::optional<fs::path> {
        std::string up = ext;
        std::transform(up.begin(), up.end(), up.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
        for (const auto& x : {ext, up}) {
            fs::path candidate = p;
            candidate.replace_extension(x);
            if (fs::exists(candidate, ec)) return candidate;
        }
        return std::nullopt;
    };
    if (fs::is_directory(path, ec)) {
        for (const auto& e : fs::directory_iterator(path, ec))
            if (lower(e.path().extension().string()) == ".dbf") dbfs.push_back(e.path());
    } else if (auto dbf = sibling(path, ".dbf")) {
        dbfs.push_back(*dbf);
    }
    // ENCODING applies to every layer of the folder and overrides their .cpg files: in a folder
    // where some shapefiles have a .cpg, leave it to GDAL rather than decode those wrongly.
    if (std::any_of(dbfs.begin(), dbfs.end(), [&](const fs::path& d) { return sibling(d, ".cpg").has_value(); })) return "";
    bool utf8 = false;
    for (const auto& dbf : dbfs) {
        const auto enc = detectDbfEncoding(dbf.string());
        if (enc == Encoding::Gb18030) return "GB18030";
        if (enc) utf8 = true;
    }
    return utf8 ? "UTF-8" : "";
}

bool isConnectionString(const std::string& path) {
    return path.rfind("PG:", 0) == 0 || path.rfind("MySQL:", 0) == 0 || path.rfind("ODBC:", 0) == 0;
}

}  // namespace

struct DataSource::Impl {
    DatasetPtr ds;
    DriverConfig config;
    std::string encodingNote;
};

GDALDataset& detail::gdalDataset(const DataSource& source) { return *source.impl_->ds; }

int defaultLockTimeoutMs() {
    if (const char* env = std::getenv("HONGTU_LOCK_TIMEOUT_MS")) {
        char* end = nullptr;
        const long v = std::strtol(env, &end, 10);
        if (end != env && *end == '\0' && v >= 0 && v <= 600000) return static_cast<int>(v);
    }
    return 15000;
}

const std::string& DataSource::encodingNote() const { return impl_->encodingNote; }

DataSource::DataSource(std::string path, std::unique_ptr<Impl> impl) : path_(std::move(path)), impl_(std::move(impl)) {}
DataSource::DataSource(DataSource&&) noexcept = default;
DataSource& DataSource::operator=(DataSource&&) noexcept = default;
DataSource::~DataSource() = default;

Result<DataSource> DataSource::open(const std::string& path, const OpenOptions& options) {
    detail::ensureGdal();
    GdalErrorCapture capture;
    const std::string shown = redactConnectionString(path);
    if (!isConnectionString(path) && !std::filesystem::exists(path))
        return Error{"the file does not exist", shown, {}, {}};
    if (!isConnectionString(path)) {
        if (auto recovered = recoverInterruptedSave(path); !recovered) return recovered.error();
    }

    // Open options only for the driver that will read the file, so GDAL has nothing to warn about.
    std::vector<std::string> oo;
    GDALDriverH drv = GDALIdentifyDriverEx(path.c_str(), GDAL_OF_VECTOR, nullptr, nullptr);
    const std::string driver = drv ? GDALGetDriverShortName(drv) : "";
    if (driver == "CSV") {
        oo.push_back(std::string("X_POSSIBLE_NAMES=") + (options.xColumn.empty() ? "x,lon,lng,long,longitude,经度" : options.xColumn));
        oo.push_back(std::string("Y_POSSIBLE_NAMES=") + (options.yColumn.empty() ? "y,lat,latitude,纬度" : options.yColumn));
        oo.push_back("KEEP_GEOM_COLUMNS=YES");
        oo.push_back(std::string("AUTODETECT_TYPE=") + (options.allText ? "NO" : "YES"));
        oo.push_back("EMPTY_STRING_AS_NULL=YES");
    } else if (driver == "PostgreSQL") {
        oo.push_back("LIST_ALL_TABLES=YES");  // the project's tables without geometry too (status_history, ...)
    } else if (driver == "GPKG") {
        // Wait for another program's lock instead of failing at once ("database is locked"):
        // readers meet a writer's commit, writers meet each other.
        const int timeout = options.lockTimeoutMs >= 0 ? options.lockTimeoutMs : defaultLockTimeoutMs();
        oo.push_back("PRELUDE_STATEMENTS=PRAGMA busy_timeout = " + std::to_string(timeout));
    } else if (driver == "ESRI Shapefile" && !options.shapefileEncoding.empty()) {
        oo.push_back("ENCODING=" + options.shapefileEncoding);
    }
    std::string encodingNote;
    if (driver == "ESRI Shapefile" && options.shapefileEncoding.empty()) {
        // Without a .cpg GDAL goes by the DBF's language byte, which Chinese software rarely sets:
        // GBK text came out as Latin-1 garbage. Detect it from the bytes, as for CSV.
        const auto detected = detectShapefileEncoding(path);
        if (!detected.empty()) {
            oo.push_back("ENCODING=" + detected);
            encodingNote = detected + " (detected: no .cpg file)";
        }
    }
    DriverConfig config;
    if (driver == "XLSX" || driver == "ODS") {
        const std::string prefix = driver == "XLSX" ? "OGR_XLSX_" : "OGR_ODS_";
        config.options.emplace_back(prefix + "FIELD_TYPES", options.allText ? "STRING" : "AUTO");
        config.options.emplace_back(prefix + "HEADERS", options.firstRowIsHeader ? "FORCE" : "DISABLE");
    }
    ScopedDriverConfig scoped(config);
    auto ds = detail::openVector(path, options.update, oo);
    if (!ds) return ds.error();
    auto impl = std::make_unique<Impl>();
    impl->ds = std::move(ds).value();
    impl->config = std::move(config);
    impl->encodingNote = std::move(encodingNote);
    return DataSource(path, std::move(impl));
}

std::string DataSource::driverName() const {
    auto* d = impl_->ds->GetDriver();
    return d ? d->GetDescription() : "";
}

std::vector<LayerInfo> DataSource::layers() const {
    ScopedDriverConfig scoped(impl_->config);
    std::vector<LayerInfo> out;
    for (auto* layer : impl_->ds->GetLayers()) out.push_back(infoOf(*layer));
    return out;
}

std::vector<std::string> DataSource::layerNames() const {
    ScopedDriverConfig scoped(impl_->config);
    std::vector<std::string> out;
    for (auto* layer : impl_->ds->GetLayers()) out.emplace_back(layer->GetName());
    return out;
}

bool DataSource::hasLayer(const std::string& name) const {
    const auto names = layerNames();
    return std::find(names.begin(), names.end(), name) != names.end();
}

Result<LayerInfo> DataSource::layerInfo(const std::string& name) const {
    ScopedDriverConfig scoped(impl_->config);
    auto* layer = impl_->ds->GetLayerByName(name.c_str());
    if (!layer) return Error{"there is no layer with this name", redactConnectionString(path_), name, {}};
    return infoOf(*layer);
}

namespace {

// Every feature of `layer` converted, in order, to `each` (false stops); kind and dropped
// parts are reported through `out` (name and fields set by the caller). GDAL's failures since
// `capture` was made stop the read with an error.
Status readFeatures(OGRLayer& layer, Layer& out, const std::string& shown, const GdalErrorCapture& capture,
                    const std::function<bool(Feature&)>& each) {
    const bool hasGeometry = layer.GetGeomType() != wkbNone;
    layer.ResetReading();
    std::int64_t row = 0;
    for (;;) {
        OGRFeatureUniquePtr f(layer.GetNextFeature());
        if (!f) break;
        ++row;
        Feature feature;
        feature.fid = f->GetFID() == OGRNullFID ? row : f->GetFID();
        feature.values.reserve(out.fields.size());
        for (std::size_t i = 0; i < out.fields.size(); ++i)
            feature.values.push_back(valueOf(*f, static_cast<int>(i), out.fields[i].type));
        if (hasGeometry && !convertGeometry(f->GetGeometryRef(), feature.geometry, &out.droppedGeometryParts))
            return Error{std::string("unsupported geometry type ") +
                             OGRGeometryTypeToName(f->GetGeometryRef()->getGeometryType()),
                         shown, out.name, feature.fid};
        if (out.geometryKind == Geometry::Kind::Empty && !feature.geometry.empty())
            out.geometryKind = feature.geometry.kind;  // "Unknown" layer types (GeoJSON mixes)
        if (!each(feature)) return Done{};
    }
    const std::string err = capture.lastError();
    if (!err.empty())
        return Error{"reading stopped after " + std::to_string(row) + " rows: " + err, shown, out.name, row + 1};
    return Done{};
}

}  // namespace

Result<Layer> DataSource::readLayer(const std::string& name) const {
    ScopedDriverConfig scoped(impl_->config);
    GdalErrorCapture capture;
    const std::string shown = redactConnectionString(path_);
    auto* layer = impl_->ds->GetLayerByName(name.c_str());
    if (!layer) return Error{"there is no layer with this name", shown, name, {}};

    Layer out;
    out.name = layer->GetName();
    out.fields = fieldsOf(layer->GetLayerDefn());
    bool multi = false;
    out.geometryKind = kindOf(layer->GetGeomType(), multi);
    const bool hasGeometry = layer->GetGeomType() != wkbNone;
    if (auto read = readFeatures(*layer, out, shown, capture, [&](Feature& f) {
            out.features.push_back(std::move(f));
            return true;
        });
        !read)
        return read.error();
    if (hasGeometry) {
        const Box bounds = out.bounds();
        if (auto problem = crsProblem(layer->GetSpatialRef(), bounds); !problem.empty())
            return Error{problem, shown, out.name, {}};
        out.crs = reconcileGaussKruger(crsText(layer->GetSpatialRef()), bounds);
    }
    return out;
}

Status DataSource::forEachFeature(const std::string& name, const std::function<bool(Feature&)>& each,
                                  std::int64_t* droppedGeometryParts) const {
    ScopedDriverConfig scoped(impl_->config);
    GdalErrorCapture capture;
    const std::string shown = redactConnectionString(path_);
    auto* layer = impl_->ds->GetLayerByName(name.c_str());
    if (!layer) return Error{"there is no layer with this name", shown, name, {}};
    Layer header;  // name, fields and kind; never holds a feature
    header.name = layer->GetName();
    header.fields = fieldsOf(layer->GetLayerDefn());
    bool multi = false;
    header.geometryKind = kindOf(layer->GetGeomType(), multi);
    Status read = readFeatures(*layer, header, shown, capture, each);
    if (droppedGeometryParts) *droppedGeometryParts = header.droppedGeometryParts;
    return read;
}

// ---------------------------------------------------------------------------------------------
// Writing

namespace {

// A hidden temporary file beside `target` with the same extension (some drivers, e.g. XLSX,
// insist on it): "dir/.~name.<pid>.tmp.xlsx".
std::filesystem::path temporarySibling(const std::filesystem::path& target) {
    return target.parent_path() /
           (".~" + target.stem().string() + "." + std::to_string(::getpid()) + ".tmp" + target.extension().string());
}

// Temporary files of earlier writes to `target` whose process is gone (killed, crashed): they
// hold nothing anybody will use, and each can be as large as the file.
void removeOrphanedTemporaries(const std::filesystem::path& target) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
    const std::string prefix = ".~" + target.stem().string() + ".";
    const std::string suffix = ".tmp" + target.extension().string();
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.size() <= prefix.size() + suffix.size() || name.rfind(prefix, 0) != 0 || !name.ends_with(suffix)) continue;
        const std::string pid = name.substr(prefix.size(), name.size() - prefix.size() - suffix.size());
        if (pid.empty() || !std::all_of(pid.begin(), pid.end(), [](unsigned char c) { return std::isdigit(c); })) continue;
        const long n = std::strtol(pid.c_str(), nullptr, 10);
        if (n == ::getpid() || (::kill(static_cast<pid_t>(n), 0) == 0 || errno == EPERM)) continue;  // still running
        fs::remove(it->path(), ec);
    }
}

// Flushes a file (or a folder, after a rename in it) to disk. Returns the reason on failure:
// a save whose data may not be on disk is not reported as done.
std::string syncPath(const std::filesystem::path& p, bool directory) {
    const int fd = ::open(p.c_str(), directory ? (O_RDONLY | O_DIRECTORY) : O_RDONLY);
    if (fd < 0) return std::string("cannot open for flushing: ") + std::strerror(errno);
    const int rc = ::fsync(fd);
    const int err = errno;
    ::close(fd);
    // Some file systems cannot flush a folder (EINVAL); the file itself was flushed.
    if (rc != 0 && !(directory && (err == EINVAL || err == EROFS))) return std::string("flushing to disk failed: ") + std::strerror(err);
    return {};
}

// The end of every atomic write of an output file: on success the finished temporary file is
// flushed, given the old file's permissions, renamed over the target and the folder flushed; on
// any failure (or a GDAL error raised while closing) it is removed and the target stays as it was.
Status commitTemporary(const std::filesystem::path& tmp, const std::filesystem::path& target, Status status,
                       const std::string& gdalError, const std::string& shownPath) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (status && !gdalError.empty()) status = Error{"writing failed: " + gdalError, shownPath, {}, {}};
    if (status) {
        if (auto why = syncPath(tmp, false); !why.empty()) status = Error{why, shownPath, {}, {}};
    }
    if (!status) {
        fs::remove(tmp, ec);
        return status;
    }
    if (fs::exists(target, ec)) fs::permissions(tmp, fs::status(target, ec).permissions(), ec);
    fs::rename(tmp, target, ec);
    if (ec) {
        const std::string why = ec.message();
        fs::remove(tmp, ec);
        return Error{"cannot replace the file: " + why, shownPath, {}, {}};
    }
    const fs::path dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
    if (auto why = syncPath(dir, true); !why.empty())
        return Error{"the file was written but its folder could not be " + why, shownPath, {}, {}};
    return Done{};
}

OGRwkbGeometryType ogrTypeOf(Geometry::Kind k, bool multi) {
    switch (k) {
        case Geometry::Kind::Point: return multi ? wkbMultiPoint : wkbPoint;
        case Geometry::Kind::LineString: return multi ? wkbMultiLineString : wkbLineString;
        case Geometry::Kind::Polygon: return multi ? wkbMultiPolygon : wkbPolygon;
        case Geometry::Kind::Empty: return wkbNone;
    }
    return wkbNone;
}

OGRLinearRing* toOgrRing(const Geometry::Ring& r) {
    auto* ring = new OGRLinearRing();
    ring->setNumPoints(static_cast<int>(r.size()));
    for (std::size_t i = 0; i < r.size(); ++i) ring->setPoint(static_cast<int>(i), r[i].x, r[i].y);
    return ring;
}

std::unique_ptr<OGRPolygon> toOgrPolygon(const Geometry::Part& part) {
    auto poly = std::make_unique<OGRPolygon>();
    for (const auto& r : part) poly->addRingDirectly(toOgrRing(r));
    return poly;
}

std::unique_ptr<OGRGeometry> toOgr(const Geometry& g, bool layerMulti) {
    if (g.empty()) return nullptr;
    const bool multi = layerMulti || g.parts.size() > 1;
    switch (g.kind) {
        case Geometry::Kind::Point: {
            if (!multi) return std::make_unique<OGRPoint>(g.parts[0][0][0].x, g.parts[0][0][0].y);
            auto mp = std::make_unique<OGRMultiPoint>();
            for (const auto& part : g.parts) {
                OGRPoint pt(part[0][0].x, part[0][0].y);
                mp->addGeometry(&pt);
            }
            return mp;
        }
        case Geometry::Kind::LineString: {
            auto make = [](const Geometry::Ring& r) {
                auto ls = std::make_unique<OGRLineString>();
                for (const auto& p : r) ls->addPoint(p.x, p.y);
                return ls;
            };
            if (!multi) return make(g.parts[0][0]);
            auto ml = std::make_unique<OGRMultiLineString>();
            for (const auto& part : g.parts) ml->addGeometryDirectly(make(part[0]).release());
            return ml;
        }
        case Geometry::Kind::Polygon: {
            if (!multi) return toOgrPolygon(g.parts[0]);
            auto mp = std::make_unique<OGRMultiPolygon>();
            for (const auto& part : g.parts) mp->addGeometryDirectly(toOgrPolygon(part).release());
            return mp;
        }
        case Geometry::Kind::Empty: return nullptr;
    }
    return nullptr;
}

}  // namespace

OGRFieldType detail::ogrFieldType(FieldType t) {
    switch (t) {
        case FieldType::Integer: return OFTInteger64;
        case FieldType::Real: return OFTReal;
        case FieldType::Date: return OFTDate;
        case FieldType::Text: return OFTString;
    }
    return OFTString;
}

void detail::setFieldValue(OGRFeature& feature, int index, const Value& v) {
    if (std::holds_alternative<std::monostate>(v)) feature.SetFieldNull(index);
    else if (auto* n = std::get_if<std::int64_t>(&v)) feature.SetField(index, static_cast<GIntBig>(*n));
    else if (auto* d = std::get_if<double>(&v)) feature.SetField(index, *d);
    else if (auto* s = std::get_if<std::string>(&v)) feature.SetField(index, s->c_str());
    else if (auto* dt = std::get_if<Date>(&v)) feature.SetField(index, dt->year, dt->month, dt->day);
}

namespace {

}  // namespace

Status detail::writeLayersInto(GDALDataset& ds, const std::vector<Layer>& layers, const WriteOptions& options,
                               const std::string& shownPath, bool ownTransactions) {
    // The R-tree of a new layer is built inside the transaction, not by a thread after it.
    ScopedConfig noThreadedIndex("OGR_GPKG_ALLOW_THREADED_RTREE", "NO");
    ScopedConfig stamp("OGR_CURRENT_DATE", options.fixedTimestamp);
    for (const auto& layer : layers) {
        for (int i = 0; i < ds.GetLayerCount(); ++i) {
            if (layer.name == ds.GetLayer(i)->GetName()) {
                if (ds.DeleteLayer(i) != OGRERR_NONE)
                    return Error{"cannot replace the existing layer", shownPath, layer.name, {}};
                break;
            }
        }
        OGRSpatialReference srs;
        srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        const bool hasGeometry = layer.geometryKind != Geometry::Kind::Empty;
        if (hasGeometry && !layer.crs.empty() && srs.SetFromUserInput(layer.crs.c_str()) != OGRERR_NONE)
            return Error{"unknown coordinate system '" + layer.crs + "'", shownPath, layer.name, {}};
        bool multi = false;
        for (const auto& f : layer.features) multi = multi || f.geometry.multi || f.geometry.parts.size() > 1;
        CPLStringList lco;
        if (options.driver == "GPKG") {
            lco.AddNameValue("GEOMETRY_NAME", "geom");
            lco.AddNameValue("FID", "fid");
            if (options.description) {
                const auto d = options.description(layer.name);
                if (!d.empty()) lco.AddNameValue("DESCRIPTION", d.c_str());
            }
        } else if (options.driver == "ESRI Shapefile") {
            lco.AddNameValue("ENCODING", "UTF-8");  // Chinese text as UTF-8, with a .cpg that says so
        }
        OGRLayer* out = ds.CreateLayer(layer.name.c_str(), hasGeometry && !layer.crs.empty() ? &srs : nullptr,
                                       hasGeometry ? ogrTypeOf(layer.geometryKind, multi) : wkbNone, lco.List());
        if (!out) return Error{"cannot create the layer: " + std::string(CPLGetLastErrorMsg()), shownPath, layer.name, {}};
        for (const auto& field : layer.fields) {
            OGRFieldDefn fd(field.name.c_str(), detail::ogrFieldType(field.type));
            if (out->CreateField(&fd) != OGRERR_NONE)
                return Error{"cannot create the field '" + field.name + "'", shownPath, layer.name, {}};
        }
        if (ownTransactions && out->StartTransaction() != OGRERR_NONE)
            return Error{"cannot start a transaction", shownPath, layer.name, {}};
        std::int64_t row = 0;
        for (const auto& f : layer.features) {
            ++row;
            OGRFeatureUniquePtr of(OGRFeature::CreateFeature(out->GetLayerDefn()));
            for (std::size_t i = 0; i < layer.fields.size() && i < f.values.size(); ++i)
                detail::setFieldValue(*of, static_cast<int>(i), f.values[i]);
            if (hasGeometry) {
                if (auto g = toOgr(f.geometry, multi)) of->SetGeometryDirectly(g.release());
            }
            if (options.keepFids && f.fid >= 0) of->SetFID(f.fid);
            if (out->CreateFeature(of.get()) != OGRERR_NONE)
                return Error{"cannot write the feature: " + std::string(CPLGetLastErrorMsg()), shownPath, layer.name, row};
            if (options.afterRow && !options.afterRow(layer.name, row))
                return Error{"writing was stopped", shownPath, layer.name, row};
        }
        if (ownTransactions) {
            if (out->CommitTransaction() != OGRERR_NONE) return Error{"cannot commit the layer", shownPath, layer.name, {}};
        } else if (out->SyncToDisk() != OGRERR_NONE) {  // spatial index and extent, inside the caller's transaction
            return Error{"cannot finish the layer: " + std::string(CPLGetLastErrorMsg()), shownPath, layer.name, {}};
        }
    }
    return Done{};
}

Status writeLayersAtomically(const std::string& path, const std::vector<Layer>& layers, const WriteOptions& options) {
    detail::ensureGdal();
    GdalErrorCapture capture;
    namespace fs = std::filesystem;
    auto* driver = GetGDALDriverManager()->GetDriverByName(options.driver.c_str());
    if (!driver) return Error{"the output format '" + options.driver + "' is not available", path, {}, {}};

    std::error_code ec;
    fs::path target(path);
    // A symlink stays a symlink: its target is the file that is replaced.
    for (int hops = 0; hops < 16 && fs::is_symlink(target, ec); ++hops) {
        const fs::path link = fs::read_symlink(target, ec);
        if (ec) break;
        target = link.is_absolute() ? link : target.parent_path() / link;
    }
    removeOrphanedTemporaries(target);
    const fs::path tmp = temporarySibling(target);
    fs::remove(tmp, ec);
    ScopedConfig stamp("OGR_CURRENT_DATE", options.fixedTimestamp);
    Status status = Done{};
    {
        DatasetPtr ds(driver->Create(tmp.string().c_str(), 0, 0, 0, GDT_Unknown, nullptr));
        if (!ds) {
            fs::remove(tmp, ec);
            return Error{"cannot create the file: " + capture.lastError(), path, {}, {}};
        }
        status = detail::writeLayersInto(*ds, layers, options, path, true);
        if (status) {
            ds->FlushCache(true);
        }
        // Closing writes the last pages; errors at close are caught below.
    }
    return commitTemporary(tmp, target, status, capture.lastError(), path);
}

Result<bool> recoverInterruptedSave(const std::string& path) {
    namespace fs = std::filesystem;
    const fs::path journal(path + "-journal");
    std::error_code ec;
    if (!fs::exists(journal, ec) || fs::file_size(journal, ec) == 0 || ec) return false;
    detail::ensureGdal();
    GdalErrorCapture capture;
    // Opening for update lets SQLite roll the hot journal back (it does so on the first read,
    // which GDAL's open performs). A journal of a save still running is not hot (its writer
    // holds the lock), so this never disturbs another process's save.
    auto ds = detail::openVector(path, true);
    if (!ds)
        return Error{"the last save into this file was interrupted and it cannot be repaired" +
                         (capture.lastError().empty() ? std::string() : ": " + capture.lastError()) +
                         " (is the file or its folder read-only?)",
                     path,
                     {},
                     {}};
    ds->reset();
    return true;
}

}  // namespace hongtu::geo
