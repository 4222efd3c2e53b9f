#include "hongtu/geo/layer_checks.hpp"

#include <geos_c.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <type_traits>
#include <variant>

#include "hongtu/geo/crs.hpp"
#include "hongtu/geo/encoding.hpp"

namespace hongtu::geo {

namespace {

struct ContextDeleter {
    void operator()(GEOSContextHandle_t c) const { GEOS_finish_r(c); }
};
using ContextPtr = std::unique_ptr<std::remove_pointer_t<GEOSContextHandle_t>, ContextDeleter>;

struct GeomDeleter {
    GEOSContextHandle_t ctx;
    void operator()(GEOSGeometry* g) const {
        if (g) GEOSGeom_destroy_r(ctx, g);
    }
};
using GeomPtr = std::unique_ptr<GEOSGeometry, GeomDeleter>;

// A ring as GEOS sees it, or the reason it cannot be one.
GEOSGeometry* ring(GEOSContextHandle_t ctx, const Geometry::Ring& r, std::string& why) {
    if (r.size() < 4 || !(r.front() == r.back())) {
        why = r.size() < 4 ? "a ring with fewer than 4 points" : "a ring that is not closed";
        return nullptr;
    }
    GEOSCoordSequence* seq = GEOSCoordSeq_create_r(ctx, static_cast<unsigned>(r.size()), 2);
    for (unsigned i = 0; i < r.size(); ++i) GEOSCoordSeq_setXY_r(ctx, seq, i, r[i].x, r[i].y);
    GEOSGeometry* g = GEOSGeom_createLinearRing_r(ctx, seq);
    if (!g) why = "a ring GEOS cannot build";
    return g;
}

// Empty when valid; else the reason (GEOS's words, e.g. "Self-intersection[111.2 37.5]").
std::string polygonInvalidity(GEOSContextHandle_t ctx, const Geometry& g) {
    std::string why;
    std::vector<GEOSGeometry*> polys;
    const auto cleanup = [&] {
        for (auto* p : polys) GEOSGeom_destroy_r(ctx, p);
    };
    for (const auto& part : g.parts) {
        if (part.empty()) continue;
        GEOSGeometry* shell = ring(ctx, part[0], why);
        if (!shell) {
            cleanup();
            return why;
        }
        std::vector<GEOSGeometry*> holes;
        for (std::size_t i = 1; i < part.size(); ++i) {
            GEOSGeometry* h = ring(ctx, part[i], why);
            if (!h) {
                GEOSGeom_destroy_r(ctx, shell);
                for (auto* x : holes) GEOSGeom_destroy_r(ctx, x);
                cleanup();
                return why + " (a hole)";
            }
            holes.push_back(h);
        }
        polys.push_back(GEOSGeom_createPolygon_r(ctx, shell, holes.data(), static_cast<unsigned>(holes.size())));
    }
    if (polys.empty()) return {};
    GeomPtr geom(polys.size() == 1 ? polys[0]
                                   : GEOSGeom_createCollection_r(ctx, GEOS_MULTIPOLYGON, polys.data(),
                                                                 static_cast<unsigned>(polys.size())),
                 GeomDeleter{ctx});
    if (!geom) return "a polygon GEOS cannot build";
    if (GEOSisValid_r(ctx, geom.get()) == 1) return {};
    char* reason = GEOSisValidReason_r(ctx, geom.get());
    std::string out = reason ? reason : "invalid";
    if (reason) GEOSFree_r(ctx, reason);
    return out;
}

std::string idList(const std::vector<std::int64_t>& ids, std::size_t total) {
    std::string s;
    for (std::size_t i = 0; i < ids.size(); ++i) s += (i ? ", " : "") + std::to_string(ids[i]);
    if (total > ids.size()) s += ", …";
    return s;
}

std::string plural(std::size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

// The layer's own code field: "code", "id", "<layer in the singular>_code", or a name ending in
// 代码/编码. Codes of other units (a village's county_code) repeat on purpose.
std::optional<std::size_t> keyField(const Layer& layer) {
    std::string stem = lower(layer.name);
    if (stem.size() > 3 && stem.compare(stem.size() - 3, 3, "ies") == 0) stem = stem.substr(0, stem.size() - 3) + "y";
    else if (stem.size() > 1 && stem.back() == 's') stem.pop_back();
    for (std::size_t i = 0; i < layer.fields.size(); ++i) {
        const std::string n = lower(layer.fields[i].name);
        const auto endsWith = [&](const std::string& suffix) {
            return n.size() >= suffix.size() && n.compare(n.size() - suffix.size(), suffix.size(), suffix) == 0;
        };
        if (n == "code" || n == "id" || n == stem + "_code" || n == stem + "_id" || endsWith("代码") || endsWith("编码"))
            return i;
    }
    return std::nullopt;
}

}  // namespace

std::string coordinateText(double v) {
    char buf[64];
    if (!std::isfinite(v) || std::abs(v) >= 1e9) std::snprintf(buf, sizeof buf, "%.4g", v);
    else if (std::abs(v) <= 360) std::snprintf(buf, sizeof buf, "%.6f", v);
    else std::snprintf(buf, sizeof buf, "%.2f", v);
    return buf;
}

std::vector<Finding> checkLayer(const Layer& layer, const std::string& crs) {
    std::vector<Finding> out;
    constexpr std::size_t kShown = 5;
    if (layer.geometryKind != Geometry::Kind::Empty) {
        ContextPtr ctx(GEOS_init_r());
        std::vector<std::int64_t> invalid, empty, nonFinite, otherKind;
        std::size_t invalidCount = 0, emptyCount = 0, nonFiniteCount = 0, otherKindCount = 0;
        std::string firstReason;
        std::map<Geometry::Kind, std::size_t> otherKinds;
        Box finite;
        for (const auto& f : layer.features) {
            const auto& g = f.geometry;
            if (g.empty()) {
                if (emptyCount++ < kShown) empty.push_back(f.fid);
                continue;
            }
            if (g.kind != layer.geometryKind) {
                ++otherKinds[g.kind];
                if (otherKindCount++ < kShown) otherKind.push_back(f.fid);
            }
            bool bad = false;
            for (const auto& part : g.parts)
                for (const auto& r : part)
                    for (const auto& p : r) {
                        if (std::isfinite(p.x) && std::isfinite(p.y)) finite.expand(p);
                        else bad = true;
                    }
            if (bad) {
                if (nonFiniteCount++ < kShown) nonFinite.push_back(f.fid);
                continue;  // GEOS has nothing to say about NaN
            }
            if (g.kind == Geometry::Kind::Polygon) {
                const std::string why = polygonInvalidity(ctx.get(), g);
                if (!why.empty()) {
                    if (firstReason.empty()) firstReason = why + " in feature " + std::to_string(f.fid);
                    if (invalidCount++ < kShown) invalid.push_back(f.fid);
                }
            }
        }
        if (nonFiniteCount)
            out.push_back({true, plural(nonFiniteCount, "feature has", "features have") +
                                     " coordinates that are not numbers (NaN or infinite) and cannot be drawn: feature " +
                                     idList(nonFinite, nonFiniteCount)});
        if (invalidCount)
            out.push_back({true, plural(invalidCount, "polygon is", "polygons are") + " invalid (" + firstReason +
                                     "); areas and point-in-polygon tests may be wrong: feature " + idList(invalid, invalidCount)});
        if (emptyCount)
            out.push_back({false, plural(emptyCount, "feature has", "features have") + " no geometry and will not be drawn: feature " +
                                      idList(empty, emptyCount)});
        if (otherKindCount) {
            std::string kinds;
            for (const auto& [k, n] : otherKinds) kinds += (kinds.empty() ? "" : ", ") + std::to_string(n) + " " + kindName(k);
            out.push_back({true, "the layer is " + std::string(kindName(layer.geometryKind)) + " but holds " + kinds +
                                     " features, which are drawn and exported as the layer's type or not at all: feature " +
                                     idList(otherKind, otherKindCount)});
        }
        if (layer.droppedGeometryParts > 0)
            out.push_back({true, plural(static_cast<std::size_t>(layer.droppedGeometryParts), "part", "parts") +
                                     " of geometry collections had another geometry type and were left out while reading"});
        // A projected CRS whose numbers are degrees (the reverse of the copied .prj case).
        if (!finite.empty() && !crs.empty()) {
            const bool degrees = finite.minX >= -180 && finite.maxX <= 180 && finite.minY >= -90 && finite.maxY <= 90;
            int epsg = 0;
            if (crs.rfind("EPSG:", 0) == 0) epsg = std::atoi(crs.c_str() + 5);
            if (degrees && epsg && gaussKrugerZoneByEpsg(epsg))
                out.push_back({true, "the coordinates (" + coordinateText(finite.minX) + ", " + coordinateText(finite.minY) +
                                         ") look like longitude/latitude, but the file declares the projected system " + crs +
                                         " (metres): the .prj file is probably wrong; replace it with EPSG:4490 (CGCS2000)"});
        }
    }
    {
        // Text that is not UTF-8: a .cpg that lies, or bytes of another encoding.
        std::vector<std::int64_t> ids;
        std::size_t count = 0;
        for (const auto& f : layer.features)
            for (const auto& v : f.values)
                if (const auto* s = std::get_if<std::string>(&v); s && !isValidUtf8(*s)) {
                    if (count++ < kShown) ids.push_back(f.fid);
                    break;
                }
        if (count)
            out.push_back({true, plural(count, "feature has", "features have") +
                                     " text that is not UTF-8 (another encoding than the file declares? try --encoding): feature " +
                                     idList(ids, count)});
    }
    if (const auto key = keyField(layer)) {
        std::map<std::string, std::size_t> seen;
        std::vector<std::string> dups;
        std::size_t dupCount = 0;
        for (const auto& f : layer.features) {
            const std::string v = toText(f.values[*key]);
            if (v.empty()) continue;
            if (++seen[v] == 2) {
                ++dupCount;
                if (dups.size() < kShown) dups.push_back(v);
            }
        }
        if (dupCount) {
            std::string list;
            for (const auto& d : dups) list += (list.empty() ? "" : ", ") + d;
            out.push_back({true, plural(dupCount, "value", "values") + " of '" + layer.fields[*key].name +
                                     "' appear more than once (" + list + (dupCount > dups.size() ? ", …" : "") +
                                     "); joins by this code cannot tell those features apart"});
        }
    }
    return out;
}

std::vector<Finding> checkShapefileSidecars(const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    std::vector<fs::path> shps;
    if (fs::is_directory(path, ec)) {
        for (const auto& e : fs::directory_iterator(path, ec))
            if (lower(e.path().extension().string()) == ".shp") shps.push_back(e.path());
        std::sort(shps.begin(), shps.end());
    } else if (lower(fs::path(path).extension().string()) == ".shp") {
        shps.emplace_back(path);
    }
    std::vector<Finding> out;
    for (const auto& shp : shps) {
        const auto has = [&](const std::string& ext) {
            fs::path lo = shp, up = shp;
            lo.replace_extension(ext);
            std::string u = ext;
            std::transform(u.begin(), u.end(), u.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
            up.replace_extension(u);
            return fs::exists(lo, ec) || fs::exists(up, ec);
        };
        const std::string name = shp.filename().string();
        if (!has(".shx"))
            out.push_back({true, name + ": the .shx file (the index of the shapes) is missing; ask for all files of the shapefile"});
        if (!has(".dbf"))
            out.push_back({true, name + ": the .dbf file (the attribute table) is missing: the features have no names or codes"});
        if (!has(".prj"))
            out.push_back({true, name + ": the .prj file is missing: nobody can tell which coordinate system the numbers are in, "
                                        "so the layer cannot be placed on the map"});
        if (has(".dbf") && !has(".cpg"))
            out.push_back({false, name + ": no .cpg file says how the attribute text is encoded; Hongtu detects it from the text "
                                         "(see 'text encoding'), use --encoding to choose"});
    }
    return out;
}

}  // namespace hongtu::geo
