#include "hongtu/geo/layer_checks.hpp"

#include <geos_c.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <string_view>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <type_traits>
#include <variant>

#include "hongtu/geo/crs.hpp"
#include "hongtu/geo/encoding.hpp"
#include "hongtu/geo/text.hpp"

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

// GEOS's reason (or ours) in Chinese: "Self-intersection[111.27490234375 37.5400390625]" ->
// "自相交，位于 111.274902, 37.540039".
std::string reasonZh(const std::string& why) {
    static const std::pair<const char*, const char*> kWords[] = {
        {"Ring Self-intersection", "环自相交"}, {"Self-intersection", "自相交"}, {"Too few points", "点数过少"}, {"Hole lies outside shell", "内环在外环之外"}, {"Nested shells", "外环相互嵌套"}, {"Nested holes", "内环相互嵌套"}, {"Interior is disconnected", "内部不连通"}, {"Duplicate Rings", "重复的环"}, {"Invalid Coordinate", "无效坐标"}, {"Ring is not closed", "环未闭合"}, {"a ring with fewer than 4 points", "环的点数少于 4 个"}, {"a ring that is not closed", "环未闭合"}, {"a ring GEOS cannot build", "无法构成的环"}};
    std::string head = why, tail;
    if (const auto open = why.find('['); open != std::string::npos) {
        head = why.substr(0, open);
        const auto close = why.find(']', open);
        double x = 0, y = 0;
        if (close != std::string::npos && std::sscanf(why.c_str() + open + 1, "%lf %lf", &x, &y) == 2)
            tail = "，位于 " + coordinateText(x) + ", " + coordinateText(y);
        if (close != std::string::npos) head += why.substr(close + 1);
    }
    std::string hole;
    if (const auto h = head.find(" (a hole)"); h != std::string::npos) {
        head.erase(h);
        hole = "（内环）";
    }
    for (const auto& [en, zh] : kWords)
        if (head == en) return zh + hole + tail;
    return head + hole + tail;  // a reason we have no words for: GEOS's own
}

std::string plural(std::size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

// "2 features have <what>: feature 3, 7" and "2 个要素<whatZh>：要素 3, 7".
Finding perFeature(bool problem, std::size_t count, const std::vector<std::int64_t>& ids, const std::string& what, const std::string& whatZh) {
    return {problem, plural(count, "feature has", "features have") + " " + what + ": feature " + idList(ids, count),
            std::to_string(count) + " 个要素" + whatZh + "：要素 " + idList(ids, count)};
}

// The layer's own code field: "code", "id", "<layer in the singular>_code", or a name ending in
// 代码/编码. Codes of other units (a village's county_code) repeat on purpose.
std::optional<std::size_t> keyField(const std::string& layerName, const std::vector<Field>& fields) {
    std::string stem = lowerAscii(layerName);
    if (stem.size() > 3 && stem.compare(stem.size() - 3, 3, "ies") == 0) stem = stem.substr(0, stem.size() - 3) + "y";
    else if (stem.size() > 1 && stem.back() == 's') stem.pop_back();
    for (std::size_t i = 0; i < fields.size(); ++i) {
        const std::string n = lowerAscii(fields[i].name);
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

namespace {
constexpr std::size_t kShown = 5;
}

struct LayerChecker::State {
    std::string name;
    std::vector<Field> fields;
    Geometry::Kind kind;
    std::string crs;
    ContextPtr ctx{GEOS_init_r()};
    // Geometry.
    std::vector<std::int64_t> invalid, empty, nonFinite, otherKind;
    std::size_t invalidCount = 0, emptyCount = 0, nonFiniteCount = 0, otherKindCount = 0;
    std::string firstReason, firstReasonZh;
    std::map<Geometry::Kind, std::size_t> otherKinds;
    Box finite;
    // Text that is not UTF-8.
    std::vector<std::int64_t> notUtf8;
    std::size_t notUtf8Count = 0;
    // The layer's codes: their bytes one after another, each with its hash and its order.
    std::optional<std::size_t> key;
    std::string codeBytes;
    std::vector<std::uint32_t> codeStart{0};
    std::vector<std::pair<std::uint64_t, std::uint32_t>> codeHashes;  // (hash, code's order)
};

LayerChecker::LayerChecker(std::string layerName, std::vector<Field> fields, Geometry::Kind kind, std::string crs)
    : state_(std::make_unique<State>()) {
    State& s = *state_;
    s.name = std::move(layerName);
    s.fields = std::move(fields);
    s.kind = kind;
    s.crs = std::move(crs);
    s.key = keyField(s.name, s.fields);
}

LayerChecker::~LayerChecker() = default;

void LayerChecker::add(const Feature& f) {
    State& s = *state_;
    const auto& g = f.geometry;
    if (s.kind == Geometry::Kind::Empty && !g.empty()) s.kind = g.kind;  // "Unknown" layer types, as reading sets them
    if (g.empty()) {
        if (s.emptyCount++ < kShown) s.empty.push_back(f.fid);
    } else {
        if (g.kind != s.kind) {
            ++s.otherKinds[g.kind];
            if (s.otherKindCount++ < kShown) s.otherKind.push_back(f.fid);
        }
        bool bad = false;
        for (const auto& part : g.parts)
            for (const auto& r : part)
                for (const auto& p : r) {
                    if (std::isfinite(p.x) && std::isfinite(p.y)) s.finite.expand(p);
                    else bad = true;
                }
        if (bad) {
            if (s.nonFiniteCount++ < kShown) s.nonFinite.push_back(f.fid);
        } else if (g.kind == Geometry::Kind::Polygon) {  // GEOS has nothing to say about NaN
            const std::string why = polygonInvalidity(s.ctx.get(), g);
            if (!why.empty()) {
                if (s.firstReason.empty()) {
                    s.firstReason = why + " in feature " + std::to_string(f.fid);
                    s.firstReasonZh = "要素 " + std::to_string(f.fid) + "：" + reasonZh(why);
                }
                if (s.invalidCount++ < kShown) s.invalid.push_back(f.fid);
            }
        }
    }
    for (const auto& v : f.values)
        if (const auto* text = std::get_if<std::string>(&v); text && !isValidUtf8(*text)) {
            if (s.notUtf8Count++ < kShown) s.notUtf8.push_back(f.fid);
            break;
        }
    if (s.key && *s.key < f.values.size()) {
        const std::string v = toText(f.values[*s.key]);
        if (!v.empty()) {
            s.codeHashes.emplace_back(std::hash<std::string>{}(v), static_cast<std::uint32_t>(s.codeHashes.size()));
            s.codeBytes += v;
            s.codeStart.push_back(static_cast<std::uint32_t>(s.codeBytes.size()));
        }
    }
}

std::vector<Finding> LayerChecker::finish(std::int64_t droppedGeometryParts) {
    State& s = *state_;
    std::vector<Finding> out;
    if (s.kind != Geometry::Kind::Empty) {
        if (s.nonFiniteCount)
            out.push_back(perFeature(true, s.nonFiniteCount, s.nonFinite, "coordinates that are not numbers (NaN or infinite) and cannot be drawn",
                                     "的坐标不是数字（NaN 或无穷大），无法绘制"));
        if (s.invalidCount)
            out.push_back({true,
                           plural(s.invalidCount, "polygon is", "polygons are") + " invalid (" + s.firstReason +
                               "); areas and point-in-polygon tests may be wrong: feature " + idList(s.invalid, s.invalidCount),
                           std::to_string(s.invalidCount) + " 个面要素无效（" + s.firstReasonZh +
                               "），面积和落点判断可能出错：要素 " + idList(s.invalid, s.invalidCount)});
        if (s.emptyCount) out.push_back(perFeature(false, s.emptyCount, s.empty, "no geometry and will not be drawn", "没有几何，不会绘制"));
        if (s.otherKindCount) {
            std::string kinds;
            for (const auto& [k, n] : s.otherKinds) kinds += (kinds.empty() ? "" : ", ") + std::to_string(n) + " " + kindName(k);
            out.push_back({true,
                           "the layer is " + std::string(kindName(s.kind)) + " but holds " + kinds +
                               " features, which are drawn and exported as the layer's type or not at all: feature " +
                               idList(s.otherKind, s.otherKindCount),
                           "图层类型为 " + std::string(kindName(s.kind)) + "，却含有 " + kinds +
                               " 要素，这些要素按图层类型绘制和导出，或不绘制：要素 " + idList(s.otherKind, s.otherKindCount)});
        }
        if (droppedGeometryParts > 0)
            out.push_back({true,
                           plural(static_cast<std::size_t>(droppedGeometryParts), "part", "parts") +
                               " of geometry collections had another geometry type and were left out while reading",
                           "几何集合中有 " + std::to_string(droppedGeometryParts) + " 个部分的几何类型与图层不同，读取时被舍弃"});
        // A projected CRS whose numbers are degrees (the reverse of the copied .prj case).
        if (!s.finite.empty() && !s.crs.empty()) {
            const Box& finite = s.finite;
            const bool degrees = finite.minX >= -180 && finite.maxX <= 180 && finite.minY >= -90 && finite.maxY <= 90;
            int epsg = 0;
            if (s.crs.rfind("EPSG:", 0) == 0) epsg = std::atoi(s.crs.c_str() + 5);
            if (degrees && epsg && gaussKrugerZoneByEpsg(epsg))
                out.push_back({true,
                               "the coordinates (" + coordinateText(finite.minX) + ", " + coordinateText(finite.minY) +
                                   ") look like longitude/latitude, but the file declares the projected system " + s.crs +
                                   " (metres): the .prj file is probably wrong; replace it with EPSG:4490 (CGCS2000)",
                               "坐标（" + coordinateText(finite.minX) + ", " + coordinateText(finite.minY) +
                                   "）像是经纬度，但文件声明的是投影坐标系 " + s.crs +
                                   "（米）：.prj 文件多半有误，请换成 EPSG:4490（CGCS2000）"});
        }
    }
    if (s.notUtf8Count)
        out.push_back(perFeature(true, s.notUtf8Count, s.notUtf8, "text that is not UTF-8 (another encoding than the file declares? try --encoding)",
                                 "的文字不是 UTF-8（文件实际编码与声明不符？可指定编码）"));
    if (s.key) {
        // A value that appears more than once, listed in the order of its second appearance.
        const auto code = [&](std::uint32_t k) {
            return std::string_view(s.codeBytes).substr(s.codeStart[k], s.codeStart[k + 1] - s.codeStart[k]);
        };
        std::sort(s.codeHashes.begin(), s.codeHashes.end());
        std::vector<std::uint32_t> secondAt;  // per repeated value: the order of its second appearance
        for (std::size_t a = 0; a < s.codeHashes.size();) {
            std::size_t b = a + 1;
            while (b < s.codeHashes.size() && s.codeHashes[b].first == s.codeHashes[a].first) ++b;
            // Equal hashes: the codes equal to the first one's (another code with the same hash
            // would be a collision, counted apart).
            std::vector<std::uint32_t> rest;
            std::uint32_t second = UINT32_MAX;
            for (std::size_t k = a + 1; k < b; ++k) {
                if (code(s.codeHashes[k].second) == code(s.codeHashes[a].second)) second = std::min(second, s.codeHashes[k].second);
                else rest.push_back(s.codeHashes[k].second);
            }
            if (second != UINT32_MAX) secondAt.push_back(second);
            std::sort(rest.begin(), rest.end());
            for (std::size_t i = 0; i < rest.size(); ++i)
                for (std::size_t j = i + 1; j < rest.size(); ++j)
                    if (code(rest[i]) == code(rest[j])) {
                        secondAt.push_back(rest[j]);
                        rest.erase(rest.begin() + static_cast<std::ptrdiff_t>(j));
                        --j;
                    }
            a = b;
        }
        std::sort(secondAt.begin(), secondAt.end());
        const std::size_t dupCount = secondAt.size();
        if (dupCount) {
            std::string list;
            for (std::size_t i = 0; i < std::min(kShown, dupCount); ++i) list += (list.empty() ? "" : ", ") + std::string(code(secondAt[i]));
            const std::string& field = s.fields[*s.key].name;
            out.push_back({true,
                           plural(dupCount, "value", "values") + " of '" + field + (dupCount == 1 ? "' appears" : "' appear") +
                               " more than once (" + list + (dupCount > kShown ? ", …" : "") +
                               "); joins by this code cannot tell those features apart",
                           "字段“" + field + "”有 " + std::to_string(dupCount) + " 个值重复出现（" + list +
                               (dupCount > kShown ? "，…" : "") + "），按此代码连接时无法区分这些要素"});
        }
    }
    return out;
}

std::vector<Finding> checkLayer(const Layer& layer, const std::string& crs) {
    LayerChecker checker(layer.name, layer.fields, layer.geometryKind, crs);
    for (const auto& f : layer.features) checker.add(f);
    return checker.finish(layer.droppedGeometryParts);
}

std::vector<Finding> checkShapefileSidecars(const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    std::vector<fs::path> shps;
    if (fs::is_directory(path, ec)) {
        for (const auto& e : fs::directory_iterator(path, ec))
            if (lowerAscii(e.path().extension().string()) == ".shp") shps.push_back(e.path());
        std::sort(shps.begin(), shps.end());
    } else if (lowerAscii(fs::path(path).extension().string()) == ".shp") {
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
            out.push_back({true, name + ": the .shx file (the index of the shapes) is missing; ask for all files of the shapefile",
                           name + "：缺少 .shx 文件（图形索引），请向来源索取该 Shapefile 的全部文件"});
        if (!has(".dbf"))
            out.push_back({true, name + ": the .dbf file (the attribute table) is missing: the features have no names or codes",
                           name + "：缺少 .dbf 文件（属性表），要素没有名称和代码"});
        if (!has(".prj"))
            out.push_back({true,
                           name + ": the .prj file is missing: nobody can tell which coordinate system the numbers are in, "
                                  "so the layer cannot be placed on the map",
                           name + "：缺少 .prj 文件，无法判断坐标属于哪个坐标系，图层无法定位到地图上"});
        if (has(".dbf") && !has(".cpg"))
            out.push_back({false,
                           name + ": no .cpg file says how the attribute text is encoded; Hongtu detects it from the text "
                                  "(see 'text encoding'), use --encoding to choose",
                           name + "：没有 .cpg 文件说明属性文字的编码，宏图根据文字自动识别，也可手动指定编码"});
    }
    return out;
}

namespace {

std::optional<double> cellNumber(const std::string& cell) {
    std::size_t b = 0, e = cell.size();
    while (b < e && std::isspace(static_cast<unsigned char>(cell[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(cell[e - 1]))) --e;
    double v = 0;
    const auto [p, ec] = std::from_chars(cell.data() + b, cell.data() + e, v);
    if (b == e || ec != std::errc{} || p != cell.data() + e || !std::isfinite(v)) return std::nullopt;
    return v;
}

std::string lineList(const std::vector<std::int64_t>& lines, std::size_t total) {
    std::string out;
    for (auto l : lines) out += (out.empty() ? "" : ", ") + std::to_string(l);
    if (total > lines.size()) out += ", …";
    return out;
}

}  // namespace

std::vector<Finding> checkTable(const Table& table, const TableCheckOptions& options) {
    namespace fs = std::filesystem;
    std::vector<Finding> out;
    if (table.rows.empty())
        out.push_back({true, "the table has column names (row " + std::to_string(table.headerRow) + ") but no data rows",
                       "表格有列名（第 " + std::to_string(table.headerRow) + " 行），但没有数据行"});
    if (lowerAscii(fs::path(table.file).extension().string()) == ".dbf") {
        fs::path shp = table.file;
        shp.replace_extension(".shp");
        std::error_code ec;
        if (fs::exists(shp, ec)) {
            for (auto& f : checkShapefileSidecars(shp.string()))
                if (f.message.find(".cpg") != std::string::npos || f.message.find(".dbf") != std::string::npos)
                    out.push_back(std::move(f));  // the attribute table's own concerns (not .shx/.prj: no geometry is read)
        } else {
            fs::path cpg = table.file;
            cpg.replace_extension(".cpg");
            if (!fs::exists(cpg, ec) && table.encodingDetected)
                out.push_back({false,
                               fs::path(table.file).filename().string() + ": no .cpg file says how the text is encoded; detected " +
                                   table.encoding + " (use --encoding to choose)",
                               fs::path(table.file).filename().string() + "：没有 .cpg 文件说明文字编码，已识别为 " + table.encoding +
                                   "（可手动指定编码）"});
        }
    }
    constexpr std::size_t kNone = static_cast<std::size_t>(-1);
    const std::size_t lonCol = options.lonColumn.empty() ? kNone : table.columnIndex(options.lonColumn).value_or(kNone);
    const std::size_t latCol = options.latColumn.empty() ? kNone : table.columnIndex(options.latColumn).value_or(kNone);
    if (lonCol != kNone && latCol != kNone) {
        constexpr std::size_t kShown = 5;
        std::size_t numeric = 0, bad = 0, swapped = 0, gk = 0, projected = 0;
        std::vector<std::int64_t> badLines;
        int zone = 0;
        for (std::size_t i = 0; i < table.rows.size(); ++i) {
            const auto& cells = table.rows[i];
            if (cells[lonCol].empty() && cells[latCol].empty()) continue;  // no position: the join names the row
            const auto x = cellNumber(cells[lonCol]), y = cellNumber(cells[latCol]);
            if (!x || !y) {
                if (bad++ < kShown) badLines.push_back(table.rowNumbers[i]);
                continue;
            }
            ++numeric;
            if (*x >= 3 && *x <= 54 && *y >= 73 && *y <= 136) ++swapped;
            else if (*x >= 2.5e7 && *x < 4.6e7 && *y >= 0 && *y < 1e7) {
                ++gk;
                if (!zone) zone = static_cast<int>(*x / 1e6);
            } else if (std::abs(*x) > 360 || std::abs(*y) > 90) ++projected;
        }
        const std::string lon = options.lonColumn, lat = options.latColumn;
        const auto most = [&](std::size_t n) { return numeric > 0 && n * 2 > numeric; };
        if (bad)
            out.push_back({true,
                           plural(bad, "row has", "rows have") + " coordinates that are not numbers in '" + lon + "'/'" + lat +
                               "': line " + lineList(badLines, bad),
                           std::to_string(bad) + " 行的坐标（“" + lon + "”“" + lat + "”）不是数字：第 " + lineList(badLines, bad) + " 行"});
        if (most(swapped))
            out.push_back({true,
                           "longitude and latitude are swapped in " + std::to_string(swapped) + " of " + std::to_string(numeric) +
                               " rows: '" + lon + "' holds latitudes and '" + lat + "' longitudes; choose '" + lat +
                               "' as the longitude column and '" + lon + "' as the latitude column",
                           std::to_string(numeric) + " 行中有 " + std::to_string(swapped) + " 行经纬度写反：“" + lon +
                               "”是纬度，“" + lat + "”是经度；请把“" + lat + "”选为经度列、“" + lon + "”选为纬度列"});
        else if (most(gk))
            out.push_back({true,
                           "the coordinates are Gauss-Krüger metres with the zone number " + std::to_string(zone) +
                               " in front of the easting (CGCS2000 3-degree zone, EPSG:" + std::to_string(4513 + zone - 25) +
                               "), not longitude/latitude: convert them to degrees first",
                           "坐标是高斯-克吕格投影的米值（横坐标前带带号 " + std::to_string(zone) + "，CGCS2000 三度带，EPSG:" +
                               std::to_string(4513 + zone - 25) + "），不是经纬度：请先换算为经纬度"});
        else if (most(projected))
            out.push_back({true,
                           "the coordinates in '" + lon + "'/'" + lat +
                               "' are not longitude/latitude degrees (projected metres?): convert them to degrees first",
                           "“" + lon + "”“" + lat + "”中的坐标不是经纬度（可能是投影坐标米值）：请先换算为经纬度"});
    }
    return out;
}

}  // namespace hongtu::geo
