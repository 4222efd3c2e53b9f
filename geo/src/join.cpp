#include "hongtu/geo/join.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <map>
#include <set>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "gdal_support.hpp"
#include "gpkg_rows.hpp"
#include "hongtu/geo/crs.hpp"
#include "hongtu/geo/names.hpp"
#include "hongtu/geo/polygon_grid.hpp"
#include "hongtu/geo/spatial.hpp"

namespace hongtu::geo {

const std::vector<AdminUnit>& AdminUnits::at(AdminLevel level) const {
    // Province and City are not join levels (joinTable refuses them): their list is empty.
    static const std::vector<AdminUnit> none;
    switch (level) {
        case AdminLevel::County: return counties;
        case AdminLevel::Township: return townships;
        case AdminLevel::Village: return villages;
        case AdminLevel::Province:
        case AdminLevel::City: break;
    }
    return none;
}

const AdminUnit* AdminUnits::county(const std::string& code) const {
    for (const auto& c : counties)
        if (c.code == code) return &c;
    return nullptr;
}

const char* joinStatusName(JoinStatus s) {
    switch (s) {
        case JoinStatus::Matched: return "matched";
        case JoinStatus::Unmatched: return "unmatched";
        case JoinStatus::Ambiguous: return "ambiguous";
        case JoinStatus::Duplicate: return "duplicate";
        case JoinStatus::InvalidCode: return "invalid_code";
        case JoinStatus::PrefixMismatch: return "prefix_mismatch";
        case JoinStatus::OutsideArea: return "outside_area";
        case JoinStatus::InvalidCoordinates: return "invalid_coordinates";
    }
    return "";
}

std::size_t JoinReport::count(JoinStatus s) const {
    return static_cast<std::size_t>(std::count_if(rows.begin(), rows.end(), [s](const JoinRow& r) { return r.status == s; }));
}

namespace {

std::string plural(AdminLevel level) {
    return level == AdminLevel::County ? "counties" : std::string(levelName(level)) + "s";
}

std::string text(const Layer& l, std::size_t i, const std::string& field) {
    auto idx = l.fieldIndex(field);
    return idx ? toText(l.features[i].values[*idx]) : std::string{};
}

Result<Layer> readRequired(const DataSource& ds, const std::string& name, std::initializer_list<const char*> fields) {
    auto layer = ds.readLayer(name);
    if (!layer) return layer.error();
    for (const char* f : fields)
        if (!layer->fieldIndex(f))
            return Error{std::string("the project layer has no field '") + f + "'", redactConnectionString(ds.path()), name, {}};
    return layer;
}

// A stored longitude or latitude: a finite number within ±limit, whether the column is REAL or text.
std::optional<double> lonLatNumber(const Value& v, double limit) {
    double d = 0;
    if (const auto* r = std::get_if<double>(&v)) d = *r;
    else if (const auto* n = std::get_if<std::int64_t>(&v)) d = static_cast<double>(*n);
    else if (const auto* s = std::get_if<std::string>(&v)) {
        const char* b = s->data();
        const char* e = b + s->size();
        while (b < e && *b == ' ') ++b;
        while (e > b && e[-1] == ' ') --e;
        auto [p, ec] = std::from_chars(b, e, d);
        if (ec != std::errc{} || p != e) return std::nullopt;
    } else {
        return std::nullopt;
    }
    if (!std::isfinite(d) || std::abs(d) > limit) return std::nullopt;
    return d;
}

// The units of a GeoPackage point layer (townships, villages) read straight from SQLite
// (gpkg_rows.hpp), else from OGR: only the four text columns and the point, no Layer in between (a national village layer is 600,000
// features; the Layer's values and geometries were most of the join's memory and time).
// nullopt when the layer is not such a plain one (a column that is not text, a geometry that
// is not a point): the caller reads it the general way, which gives the same units.
std::optional<Result<std::vector<AdminUnit>>> readPointUnitsFast(const DataSource& ds, const std::string& name, const char* codeField,
                                                                 const char* countyField, const char* townshipField) {
    if (ds.driverName() != "GPKG") return std::nullopt;
    GDALDataset& gdal = detail::gdalDataset(ds);
    OGRLayer* layer = gdal.GetLayerByName(name.c_str());
    if (!layer) return std::nullopt;  // the general reader says so
    const auto type = wkbFlatten(layer->GetGeomType());
    if (type != wkbPoint && type != wkbNone) return std::nullopt;
    OGRFeatureDefn* defn = layer->GetLayerDefn();
    const char* wanted[] = {codeField, "name", countyField, townshipField};
    int index[4];
    for (int k = 0; k < 4; ++k) {
        index[k] = defn->GetFieldIndex(wanted[k]);
        if (index[k] < 0 || defn->GetFieldDefn(index[k])->GetType() != OFTString) return std::nullopt;
    }
    // The layer's CRS check, as readLayer makes it (layerInfo(): the same message).
    if (auto info = ds.layerInfo(name); info && !info->problem.empty())
        return Result<std::vector<AdminUnit>>(Error{info->problem, redactConnectionString(ds.path()), name, {}});
    std::vector<AdminUnit> out;
    if (const GIntBig n = layer->GetFeatureCount(FALSE); n > 0) out.reserve(static_cast<std::size_t>(n));
    // First straight through SQLite: the four columns and the point blob, no OGR feature objects.
    {
        detail::GpkgRowsRequest rq;
        rq.path = ds.path();
        rq.table = layer->GetName();
        rq.fidColumn = layer->GetFIDColumn();
        for (int k = 0; k < 4; ++k) rq.columns.emplace_back(defn->GetFieldDefn(index[k])->GetNameRef());
        if (type == wkbPoint) rq.geometryColumn = layer->GetGeometryColumn();
        rq.lockTimeoutMs = defaultLockTimeoutMs();
        const bool read = detail::readGpkgRows(rq, [&](const std::string_view* c, const detail::GpkgPoint& p) {
            AdminUnit& u = out.emplace_back();
            u.code.assign(c[0]);
            u.name.assign(c[1]);
            u.countyCode.assign(c[2]);
            u.townshipCode.assign(c[3]);
            if (p.present) u.lonLat = p.xy;
        });
        if (read) return Result<std::vector<AdminUnit>>(std::move(out));
        out.clear();  // not plain (a blob cell, a geometry blob it does not decode) or unreadable: OGR below
    }
    CPLStringList ignored;
    for (int i = 0; i < defn->GetFieldCount(); ++i)
        if (std::none_of(std::begin(index), std::end(index), [&](int k) { return k == i; })) ignored.AddString(defn->GetFieldDefn(i)->GetNameRef());
    layer->SetIgnoredFields(const_cast<const char**>(ignored.List()));
    struct Restore {
        OGRLayer* layer;
        ~Restore() {
            layer->SetIgnoredFields(nullptr);
            layer->ResetReading();
        }
    } restore{layer};
    detail::GdalErrorCapture capture;
    const auto cell = [](OGRFeature& f, int i) {
        return f.IsFieldSetAndNotNull(i) ? std::string(f.GetFieldAsString(i)) : std::string();
    };
    layer->ResetReading();
    std::int64_t row = 0;
    while (OGRFeatureUniquePtr f{layer->GetNextFeature()}) {
        ++row;
        AdminUnit u{cell(*f, index[0]), cell(*f, index[1]), cell(*f, index[2]), cell(*f, index[3]), {}};
        if (const OGRGeometry* g = f->GetGeometryRef()) {
            if (wkbFlatten(g->getGeometryType()) != wkbPoint) return std::nullopt;
            const auto* p = g->toPoint();
            if (!p->IsEmpty()) u.lonLat = XY{p->getX(), p->getY()};
        }
        out.push_back(std::move(u));
    }
    if (const std::string err = capture.lastError(); !err.empty())
        return Result<std::vector<AdminUnit>>(
            Error{"reading stopped after " + std::to_string(row) + " rows: " + err, redactConnectionString(ds.path()), name, row + 1});
    return Result<std::vector<AdminUnit>>(std::move(out));
}

}  // namespace

Result<AdminUnits> loadAdminUnits(const DataSource& project) {
    AdminUnits u;
    auto counties = readRequired(project, "counties", {"county_code", "name"});
    if (!counties) return counties.error();
    for (std::size_t i = 0; i < counties->features.size(); ++i) {
        AdminUnit c{text(*counties, i, "county_code"), text(*counties, i, "name"), text(*counties, i, "county_code"), {}, {}};
        // A county's position (for imports at county level): its label point, else its centre.
        const auto lon = counties->fieldIndex("label_lon"), lat = counties->fieldIndex("label_lat");
        const auto& g = counties->features[i].geometry;
        // A label column that is text ("东经111°", "", "1e999") or off the globe counts as missing.
        const auto labelLon = lon ? lonLatNumber(counties->features[i].values[*lon], 180) : std::nullopt;
        const auto labelLat = lat ? lonLatNumber(counties->features[i].values[*lat], 90) : std::nullopt;
        if (labelLon && labelLat)
            c.lonLat = XY{*labelLon, *labelLat};
        else if (!g.empty())
            c.lonLat = g.bounds().center();
        u.counties.push_back(std::move(c));
        u.countyShapes.push_back(counties->features[i].geometry);
    }
    if (auto fast = readPointUnitsFast(project, "townships", "township_code", "county_code", "township_code")) {
        if (!*fast) return fast->error();
        u.townships = std::move(*fast).value();
    } else {
        auto townships = readRequired(project, "townships", {"township_code", "name", "county_code"});
        if (!townships) return townships.error();
        for (std::size_t i = 0; i < townships->features.size(); ++i) {
            AdminUnit t{text(*townships, i, "township_code"), text(*townships, i, "name"), text(*townships, i, "county_code"), text(*townships, i, "township_code"), {}};
            if (townships->features[i].geometry.kind == Geometry::Kind::Point) t.lonLat = townships->features[i].geometry.asPoint();
            u.townships.push_back(std::move(t));
        }
    }
    if (auto fast = readPointUnitsFast(project, "villages", "village_code", "county_code", "township_code")) {
        if (!*fast) return fast->error();
        u.villages = std::move(*fast).value();
    } else {
        auto villages = readRequired(project, "villages", {"village_code", "name", "township_code", "county_code"});
        if (!villages) return villages.error();
        for (std::size_t i = 0; i < villages->features.size(); ++i) {
            AdminUnit v{text(*villages, i, "village_code"), text(*villages, i, "name"), text(*villages, i, "county_code"), text(*villages, i, "township_code"), {}};
            if (villages->features[i].geometry.kind == Geometry::Kind::Point) v.lonLat = villages->features[i].geometry.asPoint();
            u.villages.push_back(std::move(v));
        }
    }
    return u;
}

Result<JoinInputs> readJoinInputs(const std::string& tablePath, const TableOptions& tableOptions, const std::string& projectPath) {
    // The CSV parse and the GeoPackage read each take about half of a national join's wait;
    // on two cores they overlap. std::async(launch::async) joins its thread in the future's
    // destructor, so no path below leaves it running.
    auto table = std::async(std::launch::async, [&] { return readTable(tablePath, tableOptions); });
    Result<AdminUnits> units = [&]() -> Result<AdminUnits> {
        auto project = DataSource::open(projectPath);
        if (!project) return project.error();
        return loadAdminUnits(*project);
    }();
    auto read = table.get();
    if (!read) return read.error();
    if (!units) return units.error();
    return JoinInputs{std::move(*read), std::move(*units)};
}

namespace {

std::string normalizedName(const std::string& name, AdminLevel level) {
    switch (level) {
        case AdminLevel::Village: return normalizeVillageName(name);
        case AdminLevel::Township: return normalizeTownshipName(name);
        case AdminLevel::County: return countyNameAliases(name).back();
        case AdminLevel::Province:
        case AdminLevel::City: break;  // not a join level (joinTable refuses them)
    }
    return name;
}

// A code of 1 to 17 digits as one number that keeps its length (a leading zero matters):
// digits × 32 + length. Nothing else is a key: such a text never equals a valid code.
std::optional<std::uint64_t> codeKey(std::string_view code) {
    if (code.empty() || code.size() > 17) return std::nullopt;
    std::uint64_t v = 0;
    for (char c : code) {
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return v * 32 + code.size();
}

// Code key -> first unit, in one flat open-addressing table (a national village layer has
// 600,000 codes: one cache line per lookup instead of a node chain per bucket).
class CodeIndex {
public:
    void reserve(std::size_t n) {
        std::size_t capacity = 16;
        while (capacity < 2 * n) capacity *= 2;
        slots_.assign(capacity, Slot{});
        mask_ = capacity - 1;
    }
    // Adds key -> unit unless the key is there; returns the key's first unit.
    std::size_t insert(std::uint64_t key, std::size_t unit) {
        if (slots_.empty() || 2 * (size_ + 1) > slots_.size()) grow();
        for (std::size_t i = slot(key);; i = (i + 1) & mask_) {
            if (slots_[i].key == key) return slots_[i].unit;
            if (slots_[i].key == 0) {
                slots_[i] = {key, unit};
                ++size_;
                return unit;
            }
        }
    }
    [[nodiscard]] std::optional<std::size_t> find(std::uint64_t key) const {
        if (slots_.empty()) return std::nullopt;
        for (std::size_t i = slot(key);; i = (i + 1) & mask_) {
            if (slots_[i].key == key) return slots_[i].unit;
            if (slots_[i].key == 0) return std::nullopt;
        }
    }

private:
    struct Slot {
        std::uint64_t key = 0;  // 0 = empty (a key holds its length, so it is never 0)
        std::size_t unit = 0;
    };
    [[nodiscard]] std::size_t slot(std::uint64_t key) const {
        return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> 20) & mask_;
    }
    void grow() {
        std::vector<Slot> old = std::move(slots_);
        reserve(std::max<std::size_t>(16, old.size()));
        size_ = 0;
        for (const Slot& s : old)
            if (s.key) insert(s.key, s.unit);
    }
    std::vector<Slot> slots_;
    std::size_t mask_ = 0, size_ = 0;
};

struct Joiner {
    const Table& table;
    const AdminUnits& units;
    const JoinOptions& opt;
    const std::vector<AdminUnit>& target;
    std::unordered_map<std::string, std::vector<std::size_t>> byName;
    // Code -> its first unit, and every unit of a code several units share (ambiguous).
    CodeIndex codeFirst;
    std::unordered_map<std::uint64_t, std::vector<std::size_t>> codeShared;
    // Or, when the units' codes ascend: (key, unit) in that order, and codeFirst stays empty.
    bool codesSorted = true;
    std::vector<std::pair<std::uint64_t, std::size_t>> sortedCodes;
    // The last county cell resolved, and its code: a table's rows come county by county.
    mutable std::string memoCountyCell;
    mutable std::optional<std::string> memoCounty;
    std::unordered_map<std::string, std::string> countyAlias;                   // alias or code -> county code
    std::vector<std::int64_t> firstRowOfUnit;                                   // per unit: first row that matched it, or 0
    std::size_t nextUnit = 0;                                                   // by code: the unit after the last one found
    std::unordered_map<std::string, std::vector<std::size_t>> townshipsByName;  // normalised name -> townships
    std::unordered_set<std::string> townshipCodes;
    std::unordered_map<std::string, const AdminUnit*> countyByCode;

    Joiner(const Table& t, const AdminUnits& u, const JoinOptions& o)
        : table(t), units(u), opt(o), target(u.at(o.level)), firstRowOfUnit(target.size(), 0) {
        // Only the index the chosen method needs (each costs a pass over every unit).
        if (!o.nameColumn.empty()) {
            byName.reserve(target.size());
            for (std::size_t i = 0; i < target.size(); ++i) byName[normalizedName(target[i].name, o.level)].push_back(i);
        } else {
            // Codes in ascending order (a division list, a layer written from one): every code is
            // unique and a sorted array of keys, written in one pass, is the index. Else the
            // hash table, which also finds the codes several units share.
            sortedCodes.reserve(target.size());
            for (std::size_t i = 0; i < target.size() && codesSorted; ++i)
                if (const auto key = codeKey(target[i].code)) {
                    if (!sortedCodes.empty() && *key <= sortedCodes.back().first) codesSorted = false;
                    else sortedCodes.emplace_back(*key, i);
                }
            if (!codesSorted) {
                sortedCodes = {};
                codeFirst.reserve(target.size());
                for (std::size_t i = 0; i < target.size(); ++i)
                    if (const auto key = codeKey(target[i].code))
                        if (const std::size_t first = codeFirst.insert(*key, i); first != i) {
                            auto& all = codeShared[*key];
                            if (all.empty()) all.push_back(first);
                            all.push_back(i);
                        }
            }
        }
        if (!o.townshipColumn.empty()) {
            for (std::size_t i = 0; i < units.townships.size(); ++i) {
                townshipsByName[normalizeTownshipName(units.townships[i].name)].push_back(i);
                townshipCodes.insert(units.townships[i].code);
            }
        }
        for (const auto& c : units.counties) {
            countyByCode.emplace(c.code, &c);
            countyAlias[c.code] = c.code;
            for (const auto& a : countyNameAliases(c.name)) countyAlias[a] = c.code;
        }
    }

    [[nodiscard]] std::optional<std::size_t> findCode(std::uint64_t key) const {
        if (!codesSorted) return codeFirst.find(key);
        const auto it = std::lower_bound(sortedCodes.begin(), sortedCodes.end(), key, [](const auto& e, std::uint64_t k) { return e.first < k; });
        if (it == sortedCodes.end() || it->first != key) return std::nullopt;
        return it->second;
    }

    std::string countyName(const std::string& code) const {
        auto it = countyByCode.find(code);
        return it != countyByCode.end() ? it->second->name : code;
    }

    std::string describe(std::size_t unit) const {
        const auto& u = target[unit];
        return u.code + " " + u.name + (opt.level == AdminLevel::County ? "" : " (" + countyName(u.countyCode) + ")");
    }

    // County column -> code; nullopt with a message when given but unknown.
    std::optional<std::string> resolveCounty(const std::string& cell, std::string& problem, std::string* problemZh = nullptr) const {
        if (memoCounty && cell == memoCountyCell) return memoCounty;
        const std::string n = normalizeWidthAndSpace(cell);
        if (n.empty()) return std::nullopt;
        if (auto it = countyAlias.find(n); it != countyAlias.end()) {
            memoCountyCell = cell;
            memoCounty = it->second;
            return it->second;
        }
        problem = "the county '" + cell + "' is not one of this project's counties";
        if (problemZh) *problemZh = "县“" + cell + "”不是本项目的县（市、区）";
        return std::nullopt;
    }

    std::optional<std::string> resolveTownship(const std::string& cell, const std::optional<std::string>& county,
                                               std::string& problem, std::string* problemZh = nullptr) const {
        const std::string n = normalizeWidthAndSpace(cell);
        if (n.empty()) return std::nullopt;
        if (townshipCodes.count(n)) return n;
        std::vector<std::string> hits;
        if (auto it = townshipsByName.find(normalizeTownshipName(n)); it != townshipsByName.end())
            for (std::size_t i : it->second)
                if (!county || units.townships[i].countyCode == *county) hits.push_back(units.townships[i].code);
        if (hits.size() == 1) return hits[0];
        problem = hits.empty() ? "the township '" + cell + "' is not known" + (county ? " in " + countyName(*county) : "")
                               : "the township '" + cell + "' exists in several counties; add the county column";
        if (problemZh)
            *problemZh = hits.empty() ? "未找到乡镇“" + cell + "”" + (county ? "（" + countyName(*county) + "）" : "")
                                      : "乡镇“" + cell + "”在多个县都有，请加上县列";
        return std::nullopt;
    }

    void markDuplicate(JoinRow& r) {
        auto& first = firstRowOfUnit[*r.unit];
        if (first == 0 || opt.manyRowsPerUnit) {
            first = r.row;
            return;
        }
        const std::string firstRow = std::to_string(first);
        r.status = JoinStatus::Duplicate;
        r.message = "the same " + std::string(levelName(opt.level)) + " (" + describe(*r.unit) + ") as row " + firstRow +
                    "; only the first row is kept";
        r.messageZh = "与第" + firstRow + "行是同一个" + levelNameZh(opt.level) + "（" + describe(*r.unit) + "），只保留第一行";
    }

    void byCodeRow(JoinRow& r, const std::vector<std::string>& cells, std::size_t keyCol, std::optional<std::size_t> countyCol) {
        const std::string& cell = cells[keyCol];
        CodeCheck check;
        if (cell.size() == codeLength(opt.level) && std::all_of(cell.begin(), cell.end(), [](char c) { return c >= '0' && c <= '9'; })) {
            check.code = cell;  // what checkCode gives for exactly the level's digits, without its work
        } else {
            check = checkCode(cell, opt.level);
            if (!check.ok()) {
                r.key = cell;
                r.status = JoinStatus::InvalidCode;
                r.message = check.problem;
                r.messageZh = check.problemZh;
                return;
            }
        }
        r.key = check.code;
        if (countyCol && opt.level != AdminLevel::County) {
            std::string problem;
            auto county = resolveCounty(cells[*countyCol], problem);
            if (county && std::string_view(check.code).substr(0, 6) != *county) {
                r.status = JoinStatus::PrefixMismatch;
                r.message = "the code " + check.code + " belongs to county " + countyOf(check.code) + " (" +
                            countyName(countyOf(check.code)) + "), but the county column says " + cells[*countyCol];
                r.messageZh = "代码" + check.code + "属于" + countyName(countyOf(check.code)) + "（" + countyOf(check.code) +
                              "），但县列写的是" + cells[*countyCol];
                return;
            }
        }
        const auto key = codeKey(check.code);  // a valid code is digits: always a key
        // A table usually lists the units in the layer's order: when every code is unique, the
        // unit after the last match is tried before the hash table (no cache miss per row).
        std::optional<std::size_t> first;
        if (codeShared.empty() && nextUnit < target.size() && target[nextUnit].code == check.code) first = nextUnit;
        else if (key) first = findCode(*key);
        if (first) nextUnit = *first + 1;
        if (!first) {
            r.status = JoinStatus::Unmatched;
            r.message = "no " + std::string(levelName(opt.level)) + " has the code " + check.code;
            r.messageZh = std::string("没有代码为") + check.code + "的" + levelNameZh(opt.level);
            // Near misses: a single wrong or swapped digit within the same county.
            for (std::size_t i = 0; i < target.size() && r.candidates.size() < opt.maxCandidates; ++i)
                if (target[i].countyCode == countyOf(check.code) && editDistance(target[i].code, check.code) <= 1)
                    r.candidates.push_back(describe(i));
            return;
        }
        if (auto shared = codeShared.find(*key); shared != codeShared.end()) {
            r.status = JoinStatus::Ambiguous;
            r.message = "the project holds several units with this code";
            r.messageZh = "项目中有多个单位使用这个代码";
            for (auto i : shared->second) r.candidates.push_back(describe(i));
            return;
        }
        r.status = JoinStatus::Matched;
        r.unit = *first;
        markDuplicate(r);
    }

    void byNameRow(JoinRow& r, const std::vector<std::string>& cells, std::size_t nameCol, std::optional<std::size_t> countyCol,
                   std::optional<std::size_t> townshipCol) {
        r.key = cells[nameCol];
        const std::string norm = normalizedName(cells[nameCol], opt.level);
        if (norm.empty()) {
            r.status = JoinStatus::Unmatched;
            r.message = "the name is empty";
            r.messageZh = "名称为空";
            return;
        }
        std::string problem;
        std::optional<std::string> county, township;
        if (countyCol) {
            county = resolveCounty(cells[*countyCol], problem, &r.messageZh);
            if (!problem.empty()) {
                r.status = JoinStatus::Unmatched;
                r.message = problem;
                return;
            }
        }
        if (townshipCol && opt.level == AdminLevel::Village) {
            township = resolveTownship(cells[*townshipCol], county, problem, &r.messageZh);
            if (!problem.empty()) {
                r.status = JoinStatus::Unmatched;
                r.message = problem;
                return;
            }
        }
        auto fits = [&](std::size_t i) {
            return (!county || target[i].countyCode == *county) && (!township || target[i].townshipCode == *township);
        };
        std::vector<std::size_t> hits, elsewhere;
        if (auto it = byName.find(norm); it != byName.end())
            for (auto i : it->second) (fits(i) ? hits : elsewhere).push_back(i);
        if (hits.size() > 1) {
            // 姜家沟村委会 and 姜家沟社区居委会 share the short name; a row that writes the full name
            // of exactly one of them means that one.
            std::vector<std::size_t> exact;
            const std::string full = normalizeWidthAndSpace(cells[nameCol]);
            for (auto i : hits)
                if (normalizeWidthAndSpace(target[i].name) == full) exact.push_back(i);
            if (exact.size() == 1) hits = exact;
        }
        if (hits.size() == 1) {
            r.status = JoinStatus::Matched;
            r.unit = hits.front();
            markDuplicate(r);
            return;
        }
        if (hits.size() > 1) {
            r.status = JoinStatus::Ambiguous;
            r.message = "the name '" + cells[nameCol] + "' fits " + std::to_string(hits.size()) + " " + plural(opt.level) +
                        "; add the " +
                        (county ? std::string("township") : opt.level == AdminLevel::Village && !township ? "county or township"
                                                                                                          : "county") +
                        " column to tell them apart";
            r.messageZh = "名称“" + cells[nameCol] + "”对应" + std::to_string(hits.size()) + "个" + levelNameZh(opt.level) +
                          "，请加上" + (county ? "" : "县") + (!county && opt.level == AdminLevel::Village && !township ? "或" : "") +
                          (opt.level == AdminLevel::Village && !township ? "乡镇" : "") + "列加以区分";
            for (auto i : hits)
                if (r.candidates.size() < opt.maxCandidates) r.candidates.push_back(describe(i));
            return;
        }
        r.status = JoinStatus::Unmatched;
        std::string where = county ? " in " + countyName(*county) : "";
        r.message = "no " + std::string(levelName(opt.level)) + " named '" + cells[nameCol] + "'" + where;
        r.messageZh = (county ? countyName(*county) : std::string("本项目")) + "没有名为“" + cells[nameCol] + "”的" + levelNameZh(opt.level);
        for (auto i : elsewhere)
            if (r.candidates.size() < opt.maxCandidates) r.candidates.push_back(describe(i));
        if (!elsewhere.empty()) {
            r.message += " (the name exists in other places: see candidates)";
            r.messageZh += "（其他地方有同名单位，见候选）";
        }
        // Near misses (typos, old names) in the same county/township.
        std::vector<std::pair<std::size_t, std::size_t>> near;
        for (std::size_t i = 0; i < target.size(); ++i) {
            if (!fits(i)) continue;
            const auto d = editDistance(normalizedName(target[i].name, opt.level), norm);
            // Short names tolerate one slip, longer ones more: at most a third of the letters.
            if (d > 0 && d <= opt.maxEditDistance && d * 3 <= std::max<std::size_t>(codePointCount(norm), 3)) near.emplace_back(d, i);
        }
        std::sort(near.begin(), near.end());
        for (const auto& [d, i] : near)
            if (r.candidates.size() < opt.maxCandidates) r.candidates.push_back(describe(i));
        if (!near.empty() && elsewhere.empty()) {
            r.message += "; similar names are listed as candidates";
            r.messageZh += "；相近的名称列为候选";
        }
    }

    static std::optional<double> number(const std::string& cell) {
        const std::string s = normalizeWidthAndSpace(cell);
        double v = 0;
        auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
        if (ec != std::errc{} || p != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
        return v;
    }

    void byLocationRow(JoinRow& r, const std::vector<std::string>& cells, std::size_t lonCol, std::size_t latCol,
                       std::optional<std::size_t> countyCol, const PolygonGrid& countyIndex) {
        r.key = cells[lonCol] + "," + cells[latCol];
        auto lon = number(cells[lonCol]), lat = number(cells[latCol]);
        if (!lon || !lat) {
            r.status = JoinStatus::InvalidCoordinates;
            r.message = "the coordinates '" + cells[lonCol] + "', '" + cells[latCol] + "' are not numbers";
            r.messageZh = "坐标“" + cells[lonCol] + "”“" + cells[latCol] + "”不是数字";
            return;
        }
        if (*lon >= 3 && *lon <= 54 && *lat >= 73 && *lat <= 136) {
            r.status = JoinStatus::InvalidCoordinates;
            r.message = "longitude and latitude look swapped (" + cells[lonCol] + ", " + cells[latCol] + ")";
            r.messageZh = "经度和纬度似乎写反了（" + cells[lonCol] + "，" + cells[latCol] + "）";
            return;
        }
        if (*lon < -180 || *lon > 180 || *lat < -90 || *lat > 90) {
            r.status = JoinStatus::InvalidCoordinates;
            r.message = "the coordinates are not longitude/latitude degrees";
            r.messageZh = "坐标不是经纬度（度）";
            return;
        }
        const XY p = toWgs84({*lon, *lat}, opt.coordSystem);
        r.lonLat = p;
        auto county = countyIndex.locate(p);
        if (!county) {
            char buf[96];
            std::snprintf(buf, sizeof buf, "(%.5f, %.5f)", p.x, p.y);
            r.status = JoinStatus::OutsideArea;
            r.message = std::string("the point ") + buf + " lies outside every county of this project";
            r.messageZh = std::string("点") + buf + "不在本项目任何县（市、区）内";
            return;
        }
        const auto& countyCode = units.counties[*county].code;
        if (countyCol) {
            std::string problem;
            auto stated = resolveCounty(cells[*countyCol], problem);
            if (stated && *stated != countyCode) {
                r.status = JoinStatus::PrefixMismatch;
                r.message = "the point lies in " + units.counties[*county].name + " but the county column says " + cells[*countyCol];
                r.messageZh = "该点位于" + units.counties[*county].name + "，但县列写的是" + cells[*countyCol];
                return;
            }
        }
        if (opt.level == AdminLevel::County) {
            r.status = JoinStatus::Matched;
            r.unit = *county;
            return;
        }
        // Township/village: the nearest seat in that county.
        std::optional<std::size_t> best;
        double bestDist = 0;
        for (std::size_t i = 0; i < target.size(); ++i) {
            if (target[i].countyCode != countyCode || !target[i].lonLat) continue;
            const double d = geodesicDistance(p, *target[i].lonLat);
            if (!best || d < bestDist) {
                best = i;
                bestDist = d;
            }
        }
        if (!best) {
            r.status = JoinStatus::Unmatched;
            r.message = "no " + std::string(levelName(opt.level)) + " position is known in " + units.counties[*county].name;
            r.messageZh = units.counties[*county].name + "没有已知位置的" + levelNameZh(opt.level);
            return;
        }
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.1f km", bestDist / 1000.0);
        r.status = JoinStatus::Matched;
        r.unit = *best;
        r.message = std::string("in ") + units.counties[*county].name + "; nearest " + levelName(opt.level) + " seat " + buf + " away";
        r.messageZh = "位于" + units.counties[*county].name + "；最近的" + levelNameZh(opt.level) + "驻地相距" + buf;
    }
};

}  // namespace

namespace {

const char* ruleZh(const std::string& method) {
    return method == "code" ? "代码" : method == "name" ? "名称"
                                                        : "坐标";
}

// Several key columns: every method joins every row on its own (no duplicates marked); each row
// keeps the first method that matched it exactly, and says why the earlier ones did not.
Result<JoinReport> joinCascade(const Table& table, const AdminUnits& units, const JoinOptions& opt) {
    std::vector<JoinReport> passes;
    for (int m = 0; m < 3; ++m) {
        JoinOptions one = opt;
        one.manyRowsPerUnit = true;
        if (m != 0) one.keyColumn.clear();
        if (m != 1) one.nameColumn.clear();
        if (m != 2) one.lonColumn.clear(), one.latColumn.clear();
        if (m == 0 && one.keyColumn.empty()) continue;
        if (m == 1 && one.nameColumn.empty()) continue;
        if (m == 2 && one.lonColumn.empty() && one.latColumn.empty()) continue;
        auto r = joinTable(table, units, one);
        if (!r) return r.error();
        passes.push_back(std::move(*r));
    }
    JoinReport report;
    report.file = table.file;
    report.sheet = table.sheet;
    report.level = opt.level;
    report.method = "cascade";
    for (const auto& p : passes)
        if (p.method == "location") report.coordSystem = p.coordSystem;
    const auto& target = units.at(opt.level);
    std::unordered_map<std::size_t, std::int64_t> firstRow;
    for (std::size_t i = 0; i < table.rows.size(); ++i) {
        std::string tried;
        std::optional<JoinRow> chosen;
        for (const auto& p : passes) {
            const JoinRow& r = p.rows[i];
            if (r.status == JoinStatus::Matched) {
                chosen = r;
                chosen->rule = p.method;
                break;
            }
            tried += (tried.empty() ? "" : "；") + std::string(ruleZh(p.method)) + "：" + joinStatusName(r.status) +
                     (r.messageZh.empty() ? "" : "（" + r.messageZh + "）");
        }
        if (!chosen) {
            chosen = passes.back().rows[i];
            // The most telling failure: the first pass that found candidates, else the last.
            for (const auto& p : passes)
                if (p.rows[i].status == JoinStatus::Ambiguous || p.rows[i].status == JoinStatus::PrefixMismatch) {
                    chosen = p.rows[i];
                    break;
                }
            chosen->message = "no rule matched: " + chosen->message;
            chosen->messageZh = "各规则均未匹配：" + tried;
        }
        chosen->tried = tried;
        if (chosen->status == JoinStatus::Matched && !tried.empty()) {
            chosen->messageZh = "按" + std::string(ruleZh(chosen->rule)) + "匹配；先前：" + tried;
            chosen->message = "matched by " + chosen->rule + " after the earlier rules failed";
        }
        if (chosen->status == JoinStatus::Matched && chosen->unit && !opt.manyRowsPerUnit) {
            auto [it, fresh] = firstRow.emplace(*chosen->unit, chosen->row);
            if (!fresh) {
                const auto& u = target[*chosen->unit];
                chosen->status = JoinStatus::Duplicate;
                chosen->message = "the same " + std::string(levelName(opt.level)) + " (" + u.code + " " + u.name + ") as row " +
                                  std::to_string(it->second) + "; only the first row is kept";
                chosen->messageZh = "与第" + std::to_string(it->second) + "行是同一个" + levelNameZh(opt.level) + "（" + u.code + " " +
                                    u.name + "），只保留第一行";
            }
        }
        report.rows.push_back(std::move(*chosen));
    }
    std::unordered_set<std::string> touched;
    std::vector<bool> matched(target.size(), false);
    for (const auto& r : report.rows) {
        if (!r.unit) continue;
        touched.insert(target[*r.unit].countyCode);
        if (r.status == JoinStatus::Matched) matched[*r.unit] = true;
    }
    for (std::size_t u = 0; u < target.size(); ++u)
        if (!matched[u] && (opt.level == AdminLevel::County || touched.count(target[u].countyCode)))
            report.unitsWithoutRow.push_back(u);
    return report;
}

}  // namespace

Result<JoinReport> joinTable(const Table& table, const AdminUnits& units, const JoinOptions& opt) {
    if (!isJoinLevel(opt.level))
        return Error{std::string("a table joins to counties, townships or villages, not to the ") + levelName(opt.level) +
                         " level",
                     table.file,
                     table.sheet,
                     {}};
    const int methods = (!opt.keyColumn.empty()) + (!opt.nameColumn.empty()) + (!opt.lonColumn.empty() || !opt.latColumn.empty());
    if (methods == 0)
        return Error{
            "choose a way to join: a code column, a name column (with county/township), or lon/lat columns "
            "(several: code first, then name, then location)",
            table.file,
            table.sheet,
            {}};
    if (methods > 1) return joinCascade(table, units, opt);
    auto col = [&](const std::string& name) -> Result<std::optional<std::size_t>> {
        if (name.empty()) return std::optional<std::size_t>{};
        auto idx = table.columnIndex(name);
        if (!idx) return table.missingColumn(name);
        return std::optional<std::size_t>{idx};
    };
    auto key = col(opt.keyColumn), name = col(opt.nameColumn), county = col(opt.countyColumn),
         township = col(opt.townshipColumn), lon = col(opt.lonColumn), lat = col(opt.latColumn);
    for (auto* r : {&key, &name, &county, &township, &lon, &lat})
        if (!*r) return r->error();
    if ((!opt.lonColumn.empty() || !opt.latColumn.empty()) && (opt.latColumn.empty() || opt.lonColumn.empty()))
        return Error{"a location join needs both a longitude and a latitude column", table.file, table.sheet, {}};

    JoinReport report;
    report.file = table.file;
    report.sheet = table.sheet;
    report.level = opt.level;
    report.method = key->has_value() ? "code" : name->has_value() ? "name"
                                                                  : "location";

    Joiner j(table, units, opt);
    std::optional<PolygonGrid> countyIndex;  // exact crossing test on flat rings; GEOS is its reference in the tests
    if (report.method == "location") {
        report.coordSystem = coordSystemName(opt.coordSystem);
        auto idx = PolygonGrid::build(units.countyShapes);
        if (!idx) return idx.error();
        countyIndex.emplace(std::move(*idx));
    }
    report.rows.reserve(table.rows.size());
    const int method = report.method == "code" ? 0 : report.method == "name" ? 1
                                                                             : 2;
    for (std::size_t i = 0; i < table.rows.size(); ++i) {
        JoinRow& r = report.rows.emplace_back();  // filled in place (a JoinRow is ~240 bytes)
        r.row = table.rowNumbers[i];
        const auto& cells = table.rows[i];
        if (method == 0) j.byCodeRow(r, cells, **key, *county);
        else if (method == 1) j.byNameRow(r, cells, **name, *county, *township);
        else j.byLocationRow(r, cells, **lon, **lat, *county, *countyIndex);
    }
    // The reverse direction: units with no row, within the counties the table speaks about.
    std::unordered_set<std::string_view> touched;  // views into the units' county codes
    std::string_view lastTouched;                  // rows come county by county: one insert per run
    std::vector<bool> matched(j.target.size(), false);
    for (const auto& r : report.rows) {
        if (!r.unit) continue;
        const std::string_view county = j.target[*r.unit].countyCode;
        if (county != lastTouched || touched.empty()) {
            touched.insert(county);
            lastTouched = county;
        }
        if (r.status == JoinStatus::Matched) matched[*r.unit] = true;
    }
    for (std::size_t u = 0; u < j.target.size(); ++u)
        if (!matched[u] && (opt.level == AdminLevel::County || touched.count(j.target[u].countyCode)))
            report.unitsWithoutRow.push_back(u);
    return report;
}

std::string summarize(const JoinReport& report) {
    std::string s = std::to_string(report.rows.size()) + " rows joined by " + report.method + " to " + plural(report.level) + ": ";
    bool first = true;
    std::size_t counts[static_cast<int>(JoinStatus::InvalidCoordinates) + 1] = {};  // one pass over the rows
    for (const auto& r : report.rows) ++counts[static_cast<int>(r.status)];
    for (auto st : {JoinStatus::Matched, JoinStatus::Unmatched, JoinStatus::Ambiguous, JoinStatus::Duplicate, JoinStatus::InvalidCode,
                    JoinStatus::PrefixMismatch, JoinStatus::OutsideArea, JoinStatus::InvalidCoordinates}) {
        const auto n = counts[static_cast<int>(st)];
        if (n == 0 && st != JoinStatus::Matched) continue;
        s += (first ? "" : ", ") + std::to_string(n) + " " + joinStatusName(st);
        first = false;
    }
    if (report.level != AdminLevel::County)
        s += "; " + std::to_string(report.unitsWithoutRow.size()) + " " + plural(report.level) +
             " in the same counties have no row";
    else
        s += "; " + std::to_string(report.unitsWithoutRow.size()) + " of the project's counties have no row";
    return s;
}

namespace {

std::string join(const std::vector<std::string>& v, const char* sep) {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
    return out;
}

// Writes `count` rows, each filled by `row(i, cells)` into one reused vector (a national report
// is 620,000 rows: never all of them in memory as strings at once).
Status writeCsvFile(const std::filesystem::path& path, std::size_t count,
                    const std::function<void(std::size_t, std::vector<std::string>&)>& row) {
    const auto tmp = path.string() + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) return Error{"cannot write the report", path.string(), {}, {}};
        out << "\xEF\xBB\xBF";  // Excel needs the BOM to read UTF-8 Chinese correctly
        std::vector<std::string> cells;
        std::string line;
        for (std::size_t r = 0; r < count; ++r) {
            row(r, cells);
            line.clear();
            for (std::size_t i = 0; i < cells.size(); ++i) {
                if (i) line += ',';
                line += csvCell(cells[i]);
            }
            line += "\r\n";
            out.write(line.data(), static_cast<std::streamsize>(line.size()));
        }
        if (!out) return Error{"cannot write the report", path.string(), {}, {}};
    }
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
    if (ec) return Error{"cannot write the report: " + ec.message(), path.string(), {}, {}};
    return Done{};
}

}  // namespace

Status writeJoinReport(const std::string& path, const JoinReport& report, const AdminUnits& units) {
    const auto& target = units.at(report.level);
    const std::vector<std::string> header{"row", "status", "key", "matched_code", "matched_name", "candidates", "message", "说明"};
    const auto reportRow = [&](std::size_t i, std::vector<std::string>& cells) {
        const JoinRow& r = report.rows[i];
        cells = {std::to_string(r.row), joinStatusName(r.status), r.key, r.unit ? target[*r.unit].code : "",
                 r.unit ? target[*r.unit].name : "", join(r.candidates, "; "), r.message, r.messageZh};
    };
    const std::vector<std::string> missingHeader{"code", "name", "county_code", "county"};
    std::unordered_map<std::string_view, std::string_view> countyNames;  // code -> name (the first county of a code)
    for (const auto& c : units.counties) countyNames.emplace(c.code, c.name);
    const auto missingRow = [&](std::size_t i, std::vector<std::string>& cells) {
        const auto& u = target[report.unitsWithoutRow[i]];
        const auto c = countyNames.find(u.countyCode);
        cells = {u.code, u.name, u.countyCode, c != countyNames.end() ? std::string(c->second) : std::string()};
    };
    std::filesystem::path p(path);
    std::string ext = p.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (ext == ".csv") {
        const auto withHeader = [](const std::vector<std::string>& h, const auto& rowAt) {
            return [&h, &rowAt](std::size_t i, std::vector<std::string>& cells) {
                if (i == 0) cells = h;
                else rowAt(i - 1, cells);
            };
        };
        if (auto st = writeCsvFile(p, report.rows.size() + 1, withHeader(header, reportRow)); !st) return st;
        auto side = p;
        side.replace_extension(".features_without_rows.csv");
        return writeCsvFile(side, report.unitsWithoutRow.size() + 1, withHeader(missingHeader, missingRow));
    }
    std::vector<std::vector<std::string>> rows{header}, missing{missingHeader};
    for (std::size_t i = 0; i < report.rows.size(); ++i) reportRow(i, rows.emplace_back());
    for (std::size_t i = 0; i < report.unitsWithoutRow.size(); ++i) missingRow(i, missing.emplace_back());
    if (ext == ".xlsx") {
        auto toLayer = [](const std::string& name, const std::vector<std::vector<std::string>>& table) {
            Layer l;
            l.name = name;
            for (const auto& h : table.front()) l.fields.push_back({h, FieldType::Text});
            for (std::size_t i = 1; i < table.size(); ++i) {
                Feature f;
                f.fid = static_cast<std::int64_t>(i);
                for (const auto& c : table[i]) f.values.emplace_back(c);
                l.features.push_back(std::move(f));
            }
            return l;
        };
        WriteOptions wo;
        wo.driver = "XLSX";
        return writeLayersAtomically(path, {toLayer("join_report", rows), toLayer("features_without_rows", missing)}, wo);
    }
    return Error{"the report must end in .csv or .xlsx", path, {}, {}};
}

}  // namespace hongtu::geo
