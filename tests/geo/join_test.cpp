#include <catch2/catch_approx.hpp>
#include <catch2/catch_test_macros.hpp>
#include <catch2/matchers/catch_matchers_string.hpp>

#include <unistd.h>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <tuple>

#include "hongtu/geo/join.hpp"

using namespace hongtu::geo;
using Catch::Matchers::ContainsSubstring;

namespace {
std::string data(const std::string& name) { return std::string(HONGTU_TEST_DATA) + "/join/" + name; }

const AdminUnits& demoUnits() {
    static const AdminUnits units = [] {
        auto ds = DataSource::open(HONGTU_DEMO_PROJECT);
        REQUIRE(ds);
        auto u = loadAdminUnits(*ds);
        REQUIRE(u);
        return *u;
    }();
    return units;
}

JoinReport run(const std::string& file, JoinOptions o) {
    auto t = readTable(data(file));
    REQUIRE(t);
    auto r = joinTable(*t, demoUnits(), o);
    REQUIRE(r);
    return *r;
}
}  // namespace

TEST_CASE("join: demo project units", "[join]") {
    CHECK(demoUnits().counties.size() == 13);
    CHECK(demoUnits().townships.size() == 154);
    CHECK(demoUnits().villages.size() == 2456);
}

TEST_CASE("join: a table joins to counties, townships or villages only", "[join]") {
    auto t = readTable(data("venues_gbk.csv"));
    REQUIRE(t);
    JoinOptions o;
    o.keyColumn = "村代码";
    o.level = AdminLevel::City;
    auto r = joinTable(*t, demoUnits(), o);
    REQUIRE_FALSE(r);
    CHECK_THAT(r.error().message, ContainsSubstring("not to the city level"));
    CHECK(demoUnits().at(AdminLevel::Province).empty());
}

TEST_CASE("join: by code, every problem of a GBK spreadsheet reported", "[join]") {
    JoinOptions o;
    o.keyColumn = "村代码";
    o.countyColumn = "县（市、区）";
    auto r = run("venues_gbk.csv", o);
    REQUIRE(r.rows.size() == 10);
    CHECK(r.method == "code");
    auto status = [&](std::size_t i) { return std::string(joinStatusName(r.rows[i].status)); };
    CHECK(status(0) == "matched");
    CHECK(status(1) == "matched");
    CHECK(status(2) == "matched");
    CHECK(status(3) == "matched");
    CHECK(status(4) == "duplicate");
    CHECK_THAT(r.rows[4].message, ContainsSubstring("row 4"));
    CHECK(status(5) == "unmatched");
    CHECK(status(6) == "prefix_mismatch");
    CHECK_THAT(r.rows[6].message, ContainsSubstring("临县") && ContainsSubstring("兴县"));
    CHECK(status(7) == "invalid_code");
    CHECK_THAT(r.rows[7].message, ContainsSubstring("scientific notation"));
    CHECK_THAT(r.rows[7].messageZh, ContainsSubstring("科学计数法"));
    CHECK_THAT(r.rows[6].messageZh, ContainsSubstring("属于临县"));
    CHECK(status(8) == "invalid_code");
    CHECK(status(9) == "matched");
    CHECK(r.rows[9].row == 12);
    CHECK(r.count(JoinStatus::Matched) == 5);
    CHECK_FALSE(r.allMatched());
    // The other direction: villages of 兴县, 临县 and 汾阳市 without a row.
    CHECK(r.unitsWithoutRow.size() > 100);
    CHECK_THAT(summarize(r), ContainsSubstring("5 matched") && ContainsSubstring("1 duplicate"));
    o.manyRowsPerUnit = true;  // e.g. several sites per county: no duplicates then
    auto many = run("venues_gbk.csv", o);
    CHECK(many.rows[4].status == JoinStatus::Matched);
    CHECK(many.count(JoinStatus::Duplicate) == 0);
}

TEST_CASE("join: by code from XLSX with numeric codes and a title row", "[join]") {
    JoinOptions o;
    o.keyColumn = "村代码";
    auto r = run("merged_header.xlsx", o);
    CHECK(r.allMatched());
    CHECK(r.rows[2].row == 6);
    JoinOptions bom;
    bom.keyColumn = "村代码";
    CHECK(run("venues_bom.csv", bom).allMatched());
}

TEST_CASE("join: by name needs the county to tell 东庄 apart", "[join]") {
    JoinOptions o;
    o.nameColumn = "村名称";
    o.countyColumn = "县";
    auto r = run("villages_by_name.csv", o);
    REQUIRE(r.rows.size() == 9);
    const auto& villages = demoUnits().villages;
    CHECK(r.rows[0].status == JoinStatus::Matched);
    CHECK(villages[*r.rows[0].unit].code == "141121200202");  // 文水县
    CHECK(r.rows[1].status == JoinStatus::Matched);           // 东庄 + 孝义 (no 市)
    CHECK(villages[*r.rows[1].unit].code == "141181003206");
    CHECK(r.rows[2].status == JoinStatus::Ambiguous);  // no county given
    CHECK(r.rows[2].candidates.size() == 3);
    CHECK(r.rows[3].status == JoinStatus::Matched);  // spaces inside the name
    CHECK(villages[*r.rows[3].unit].countyCode == "141126");
    CHECK(r.rows[4].status == JoinStatus::Matched);    // 蔡家崖村 -> 蔡家崖村委会
    CHECK(r.rows[5].status == JoinStatus::Unmatched);  // typo 蔡家涯
    auto has = [](const std::vector<std::string>& v, const char* s) {
        return std::any_of(v.begin(), v.end(), [s](const std::string& c) { return c.find(s) != std::string::npos; });
    };
    CHECK(has(r.rows[5].candidates, "141123205200 蔡家崖村委会"));
    CHECK(r.rows[6].status == JoinStatus::Unmatched);  // no 东庄 in 兴县
    REQUIRE(r.rows[6].candidates.size() >= 3);         // ...but in three other counties, listed first
    for (int i = 0; i < 3; ++i) CHECK_THAT(r.rows[6].candidates[i], ContainsSubstring("东庄村委会"));
    CHECK(r.rows[7].status == JoinStatus::Unmatched);  // 北坡 is in 兴县 and 中阳县
    CHECK_THAT(r.rows[7].message, ContainsSubstring("other places"));
    CHECK(r.rows[8].status == JoinStatus::Matched);  // 刘胡兰村 + 文水
}

TEST_CASE("join: by location with GCJ-02 coordinates stated", "[join]") {
    JoinOptions o;
    o.level = AdminLevel::County;
    o.lonColumn = "经度";
    o.latColumn = "纬度";
    o.coordSystem = CoordSystem::Gcj02;
    auto r = run("memorials_gcj02.csv", o);
    REQUIRE(r.rows.size() == 5);
    CHECK(r.coordSystem == "GCJ-02");
    const auto& counties = demoUnits().counties;
    CHECK(r.rows[0].status == JoinStatus::Matched);
    CHECK(counties[*r.rows[0].unit].name == "兴县");
    CHECK(r.rows[0].lonLat->x == Catch::Approx(111.081).margin(1e-6));  // converted back to CGCS2000
    CHECK(counties[*r.rows[1].unit].name == "文水县");
    CHECK(counties[*r.rows[2].unit].name == "石楼县");
    CHECK(r.rows[3].status == JoinStatus::OutsideArea);  // Yan'an, Shaanxi
    CHECK(r.rows[4].status == JoinStatus::InvalidCoordinates);
    CHECK_THAT(r.rows[4].message, ContainsSubstring("swapped"));

    o.level = AdminLevel::Village;
    auto v = run("memorials_gcj02.csv", o);
    CHECK(v.rows[0].status == JoinStatus::Matched);
    CHECK(demoUnits().villages[*v.rows[0].unit].countyCode == "141123");
}

TEST_CASE("join: unusable requests are errors naming the file", "[join]") {
    auto t = readTable(data("venues_bom.csv"));
    REQUIRE(t);
    JoinOptions none;
    CHECK_FALSE(joinTable(*t, demoUnits(), none));
    JoinOptions missing;
    missing.keyColumn = "代码";
    auto r = joinTable(*t, demoUnits(), missing);
    REQUIRE_FALSE(r);
    CHECK_THAT(r.error().toString(), ContainsSubstring("venues_bom.csv") && ContainsSubstring("村代码"));
}

TEST_CASE("join: report as CSV (BOM, one line per row) and XLSX", "[join]") {
    JoinOptions o;
    o.keyColumn = "村代码";
    o.countyColumn = "县（市、区）";
    auto r = run("venues_gbk.csv", o);
    const auto dir = std::filesystem::temp_directory_path() / ("hongtu_join_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto csv = (dir / "report.csv").string();
    REQUIRE(writeJoinReport(csv, r, demoUnits()));
    std::ifstream in(csv, std::ios::binary);
    std::string header;
    std::getline(in, header);
    CHECK(header.rfind("\xEF\xBB\xBF"
                       "row,status,key,matched_code,matched_name,candidates,message",
                       0) == 0);
    int lines = 0;
    for (std::string l; std::getline(in, l);) ++lines;
    CHECK(lines == 10);
    CHECK(std::filesystem::exists(dir / "report.features_without_rows.csv"));

    const auto xlsx = (dir / "report.xlsx").string();
    REQUIRE(writeJoinReport(xlsx, r, demoUnits()));
    auto back = readTable(xlsx);
    REQUIRE(back);
    CHECK(back->rows.size() == 10);
    CHECK(back->rows[6][1] == "prefix_mismatch");
    CHECK_FALSE(writeJoinReport((dir / "report.txt").string(), r, demoUnits()));
    std::filesystem::remove_all(dir);
}

TEST_CASE("join: a county label position stored as text such as 东经111° falls back to the county's centre", "[join]") {
    // Was: std::stod("东经111°") threw std::invalid_argument and killed join, import and the viewer's import dialog.
    const auto dir = std::filesystem::temp_directory_path() / ("hongtu_join_label_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto path = (dir / "p.gpkg").string();
    Layer counties;
    counties.name = "counties";
    counties.geometryKind = Geometry::Kind::Polygon;
    counties.crs = "EPSG:4490";
    counties.fields = {{"county_code", FieldType::Text}, {"name", FieldType::Text}, {"label_lon", FieldType::Text}, {"label_lat", FieldType::Text}};
    const auto square = [](double x, double y) {
        return Geometry::polygon({{{x, y}, {x + 1, y}, {x + 1, y + 1}, {x, y + 1}, {x, y}}});
    };
    const std::vector<std::pair<std::string, std::string>> labels = {
        {"东经111°", "37.5"}, {"", ""}, {"1e999", "37"}, {"nan", "37"}, {"500", "37"}, {" 111.25 ", "37.75"}};
    for (std::size_t i = 0; i < labels.size(); ++i)
        counties.features.push_back(Feature{static_cast<std::int64_t>(i + 1),
                                            {std::string("1411") + std::to_string(10 + i), "县" + std::to_string(i),
                                             labels[i].first, labels[i].second},
                                            square(111.0 + static_cast<double>(i), 37.0)});
    Layer townships;
    townships.name = "townships";
    townships.geometryKind = Geometry::Kind::Point;
    townships.crs = "EPSG:4490";
    townships.fields = {{"township_code", FieldType::Text}, {"name", FieldType::Text}, {"county_code", FieldType::Text}};
    Layer villages = townships;
    villages.name = "villages";
    villages.fields = {{"village_code", FieldType::Text}, {"name", FieldType::Text}, {"township_code", FieldType::Text}, {"county_code", FieldType::Text}};
    REQUIRE(writeLayersAtomically(path, {counties, townships, villages}));
    auto ds = DataSource::open(path);
    REQUIRE(ds);
    auto units = loadAdminUnits(*ds);
    REQUIRE(units);
    REQUIRE(units->counties.size() == labels.size());
    for (std::size_t i = 0; i + 1 < labels.size(); ++i) {
        INFO(labels[i].first);
        REQUIRE(units->counties[i].lonLat);
        CHECK(units->counties[i].lonLat->x == Catch::Approx(111.5 + static_cast<double>(i)));
        CHECK(units->counties[i].lonLat->y == Catch::Approx(37.5));
    }
    CHECK(units->counties.back().lonLat->x == Catch::Approx(111.25));
    CHECK(units->counties.back().lonLat->y == Catch::Approx(37.75));
    std::filesystem::remove_all(dir);
}

TEST_CASE("join: several key columns join by the cascade, each row saying which rule matched and why not the earlier", "[join]") {
    Table t;
    t.file = "cascade.csv";
    t.columns = {"村代码", "村名称", "县"};
    t.rows = {{"141123205200", "蔡家崖村委会", "兴县"},
              {"1.41123E+11", "裴家湾村委会", "兴县"},    // destroyed code: the name matches
              {"141124105206", "蔡家崖村委会", "兴县"},   // code of 临县, county 兴县: prefix_mismatch, then the name
              {"", "不存在村", "兴县"},                   // nothing matches
              {"141123205200", "蔡家崖村委会", "兴县"}};  // the same village again: duplicate
    t.rowNumbers = {2, 3, 4, 5, 6};
    JoinOptions o;
    o.keyColumn = "村代码";
    o.nameColumn = "村名称";
    o.countyColumn = "县";
    auto r = joinTable(t, demoUnits(), o);
    REQUIRE(r);
    CHECK(r->method == "cascade");
    CHECK(r->rows[0].status == JoinStatus::Matched);
    CHECK(r->rows[0].rule == "code");
    CHECK(r->rows[0].tried.empty());
    CHECK(r->rows[1].status == JoinStatus::Matched);
    CHECK(r->rows[1].rule == "name");
    CHECK_THAT(r->rows[1].tried, ContainsSubstring("invalid_code"));
    CHECK(r->rows[2].rule == "name");
    CHECK_THAT(r->rows[2].tried, ContainsSubstring("prefix_mismatch"));
    CHECK(r->rows[3].status != JoinStatus::Matched);
    CHECK_THAT(r->rows[3].messageZh, ContainsSubstring("代码") && ContainsSubstring("名称"));
    CHECK(r->rows[4].status == JoinStatus::Duplicate);
    CHECK_THAT(r->rows[4].messageZh, ContainsSubstring("第2行"));
}

TEST_CASE("join: by code, a code two villages share is ambiguous and the units' loaded points are those of the layer",
          "[join]") {
    // The demo's units, with the first village's code given to a second village as well.
    AdminUnits units = demoUnits();
    const std::string shared = units.villages[0].code;
    const std::string other = units.villages[1].code;
    units.villages[5].code = shared;
    units.villages[7].code = "not a code";  // never a key: a valid code is digits
    Table t;
    t.file = "t.csv";
    t.sheet = "t";
    t.columns = {"code"};
    t.rows = {{shared}, {other}, {" " + other + ".0"}, {"141123299999"}, {"not a code"}};
    t.rowNumbers = {2, 3, 4, 5, 6};
    JoinOptions o;
    o.keyColumn = "code";
    o.manyRowsPerUnit = true;
    auto r = joinTable(t, units, o);
    REQUIRE(r);
    REQUIRE(r->rows.size() == 5);
    CHECK(r->rows[0].status == JoinStatus::Ambiguous);
    REQUIRE(r->rows[0].candidates.size() == 2);  // both, in layer order
    CHECK_THAT(r->rows[0].candidates[0], ContainsSubstring(units.villages[0].name));
    CHECK_THAT(r->rows[0].candidates[1], ContainsSubstring(units.villages[5].name));
    CHECK(r->rows[1].status == JoinStatus::Matched);
    CHECK(r->rows[1].unit == 1u);
    CHECK(r->rows[2].status == JoinStatus::Matched);  // cleaned: spaces and a spreadsheet's ".0"
    CHECK(r->rows[2].unit == 1u);
    CHECK(r->rows[3].status == JoinStatus::Unmatched);
    CHECK(r->rows[4].status == JoinStatus::InvalidCode);
    // The fast reader of the point layers gives each village the point the layer has.
    auto ds = DataSource::open(HONGTU_DEMO_PROJECT);
    REQUIRE(ds);
    auto villages = ds->readLayer("villages");
    REQUIRE(villages);
    REQUIRE(villages->features.size() == demoUnits().villages.size());
    for (std::size_t i = 0; i < villages->features.size(); ++i) {
        const auto& u = demoUnits().villages[i];
        CHECK(u.code == toText(villages->at(i, "village_code")));
        CHECK(u.countyCode == toText(villages->at(i, "county_code")));
        CHECK(u.townshipCode == toText(villages->at(i, "township_code")));
        REQUIRE(u.lonLat.has_value() == !villages->features[i].geometry.empty());
        if (u.lonLat) CHECK(*u.lonLat == villages->features[i].geometry.asPoint());
    }
}

namespace {
// The demo's units read the general way: whole layers through OGR (DataSource::readLayer),
// as loadAdminUnits reads any source that is not a GeoPackage of plain point layers.
AdminUnits generalUnits() {
    auto ds = DataSource::open(HONGTU_DEMO_PROJECT);
    REQUIRE(ds);
    AdminUnits u;
    u.counties = demoUnits().counties;
    u.countyShapes = demoUnits().countyShapes;
    for (const auto& [layerName, codeField, target] :
         {std::tuple{"townships", "township_code", &u.townships}, std::tuple{"villages", "village_code", &u.villages}}) {
        auto layer = ds->readLayer(layerName);
        REQUIRE(layer);
        for (std::size_t i = 0; i < layer->features.size(); ++i) {
            AdminUnit a{toText(layer->at(i, codeField)), toText(layer->at(i, "name")), toText(layer->at(i, "county_code")), toText(layer->at(i, "township_code")), {}};
            if (layer->features[i].geometry.kind == Geometry::Kind::Point) a.lonLat = layer->features[i].geometry.asPoint();
            target->push_back(std::move(a));
        }
    }
    return u;
}

void requireSameReport(const JoinReport& a, const JoinReport& b) {
    CHECK(a.method == b.method);
    REQUIRE(a.rows.size() == b.rows.size());
    for (std::size_t i = 0; i < a.rows.size(); ++i) {
        INFO("row " << a.rows[i].row);
        CHECK(a.rows[i].row == b.rows[i].row);
        CHECK(a.rows[i].status == b.rows[i].status);
        CHECK(a.rows[i].key == b.rows[i].key);
        CHECK(a.rows[i].unit == b.rows[i].unit);
        CHECK(a.rows[i].candidates == b.rows[i].candidates);
        CHECK(a.rows[i].message == b.rows[i].message);
        CHECK(a.rows[i].messageZh == b.rows[i].messageZh);
        CHECK(a.rows[i].rule == b.rows[i].rule);
        CHECK(a.rows[i].tried == b.rows[i].tried);
    }
    CHECK(a.unitsWithoutRow == b.unitsWithoutRow);
    CHECK(summarize(a) == summarize(b));
}
}  // namespace

TEST_CASE("join: the fast paths (units straight from SQLite, plain codes) report what the general paths report", "[join]") {
    // The demo's venue table plus rows for every status: each cell either a plain code (fast:
    // no checkCode) or the same code after a space (general: checkCode cleans it).
    auto table = readTable(std::string(HONGTU_DEMO_PROJECT).substr(0, std::string(HONGTU_DEMO_PROJECT).rfind('/')) +
                           "/tables/venue_projects.csv");
    REQUIRE(table);
    REQUIRE(table->rows.size() > 800);
    const auto codeCol = *table->columnIndex("村代码"), countyCol = *table->columnIndex("县代码");
    auto extra = [&](std::string code, std::string county) {
        auto row = table->rows.front();
        row[codeCol] = std::move(code);
        row[countyCol] = std::move(county);
        table->rows.push_back(std::move(row));
        table->rowNumbers.push_back(table->rowNumbers.back() + 1);
    };
    const std::string first = table->rows[0][codeCol];
    std::string nearMiss = first;
    nearMiss.back() = nearMiss.back() == '9' ? '8' : '9';
    extra(first, first.substr(0, 6));              // duplicate
    extra(nearMiss, first.substr(0, 6));           // unmatched, or a near-miss candidate
    extra("141123299999", "141123");               // unmatched
    extra(first, "141124");                        // prefix mismatch
    extra("1.41123E+11", "");                      // scientific notation
    extra("14112320000", "");                      // 11 digits
    extra("14112320000x", "");                     // not digits
    extra("", "");                                 // empty
    extra(first.substr(0, 6) + "999999", "临县");  // county by name
    // Every well-formed code through checkCode: " 141102001001" cleans to the same code and key
    // (a malformed cell is kept: its message quotes the cell as written).
    Table spaced = *table;
    for (auto& row : spaced.rows)
        if (row[codeCol].size() == 12 && std::all_of(row[codeCol].begin(), row[codeCol].end(), [](char c) { return c >= '0' && c <= '9'; }))
            row[codeCol] = " " + row[codeCol];

    const AdminUnits general = generalUnits();
    REQUIRE(general.villages.size() == demoUnits().villages.size());
    for (bool manyRows : {false, true}) {
        JoinOptions o;
        o.keyColumn = "村代码";
        o.countyColumn = "县代码";
        o.manyRowsPerUnit = manyRows;
        auto fast = joinTable(*table, demoUnits(), o);
        auto slowCodes = joinTable(spaced, demoUnits(), o);
        auto slowUnits = joinTable(*table, general, o);
        REQUIRE(fast);
        REQUIRE(slowCodes);
        REQUIRE(slowUnits);
        CHECK(fast->count(JoinStatus::Matched) > 800);
        CHECK(fast->count(JoinStatus::InvalidCode) == 4);
        CHECK(fast->count(JoinStatus::PrefixMismatch) >= 1);
        requireSameReport(*fast, *slowCodes);
        requireSameReport(*fast, *slowUnits);
        // Units whose codes do not ascend (two villages swapped): the hash index instead of the
        // sorted one, the same rows (unit indices swapped back).
        AdminUnits swapped = demoUnits();
        std::swap(swapped.villages[0], swapped.villages[1]);
        auto hashed = joinTable(*table, swapped, o);
        REQUIRE(hashed);
        REQUIRE(hashed->rows.size() == fast->rows.size());
        const auto unswap = [](std::optional<std::size_t> u) -> std::optional<std::size_t> {
            if (u && *u <= 1) return 1 - *u;
            return u;
        };
        for (std::size_t i = 0; i < fast->rows.size(); ++i) {
            INFO("row " << fast->rows[i].row);
            CHECK(hashed->rows[i].status == fast->rows[i].status);
            CHECK(unswap(hashed->rows[i].unit) == fast->rows[i].unit);
            CHECK(hashed->rows[i].message == fast->rows[i].message);
            CHECK(hashed->rows[i].messageZh == fast->rows[i].messageZh);
            auto a = hashed->rows[i].candidates, b = fast->rows[i].candidates;  // listed in layer order
            std::sort(a.begin(), a.end());
            std::sort(b.begin(), b.end());
            CHECK(a == b);
        }
        CHECK(hashed->unitsWithoutRow.size() == fast->unitsWithoutRow.size());
        // The CSV report is written row by row, the XLSX one from all rows at once: the same cells.
        const auto dir = std::filesystem::temp_directory_path() / ("hongtu_join_fast_" + std::to_string(::getpid()));
        std::filesystem::create_directories(dir);
        REQUIRE(writeJoinReport((dir / "r.csv").string(), *fast, demoUnits()));
        REQUIRE(writeJoinReport((dir / "r.xlsx").string(), *fast, demoUnits()));
        auto csvBack = readTable((dir / "r.csv").string());
        auto xlsxBack = readTable((dir / "r.xlsx").string());
        REQUIRE(csvBack);
        REQUIRE(xlsxBack);
        CHECK(csvBack->rows.size() == fast->rows.size());
        CHECK(csvBack->columns == xlsxBack->columns);
        CHECK(csvBack->rows == xlsxBack->rows);
        std::filesystem::remove_all(dir);
        // The cascade (code, then name) on both kinds of units.
        o.nameColumn = "村名称";
        auto fastCascade = joinTable(*table, demoUnits(), o);
        auto slowCascade = joinTable(spaced, general, o);
        REQUIRE(fastCascade);
        REQUIRE(slowCascade);
        requireSameReport(*fastCascade, *slowCascade);
    }
}

TEST_CASE("join: point units read straight from the GeoPackage equal OGR's, with NULL cells and features without a point",
          "[join]") {
    const auto dir = std::filesystem::temp_directory_path() / ("hongtu_join_units_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto path = (dir / "p.gpkg").string();
    const auto layer = [](const char* name, std::vector<const char*> fields, Geometry::Kind kind) {
        Layer l;
        l.name = name;
        for (const char* f : fields) l.fields.push_back({f, FieldType::Text});
        l.geometryKind = kind;
        l.crs = "EPSG:4490";
        return l;
    };
    const auto feature = [](std::int64_t fid, std::vector<Value> values, Geometry g) {
        Feature f;
        f.fid = fid;
        f.values = std::move(values);
        f.geometry = std::move(g);
        return f;
    };
    Layer counties = layer("counties", {"county_code", "name"}, Geometry::Kind::Polygon);
    counties.features.push_back(feature(1, {std::string("141123"), std::string("兴县")}, {}));
    Layer townships = layer("townships", {"township_code", "name", "county_code"}, Geometry::Kind::Point);
    townships.features.push_back(
        feature(1, {std::string("141123200"), std::string("蔡家崖乡"), std::string("141123")}, Geometry::point({111.1, 38.5})));
    Layer villages = layer("villages", {"kind", "village_code", "name", "township_code", "county_code"}, Geometry::Kind::Point);
    villages.features.push_back(feature(1,
                                        {std::string("行政村"), std::string("141123200001"), std::string("东庄村委会"),
                                         std::string("141123200"), std::string("141123")},
                                        Geometry::point({111.125, 38.5})));
    villages.features.push_back(
        feature(2, {std::monostate{}, std::monostate{}, std::string("无代码村"), std::string("141123200"), std::string("141123")}, {}));
    villages.features.push_back(feature(3,
                                        {std::string(""), std::string("141123200003"), std::monostate{}, std::string(""),
                                         std::string("141123")},
                                        Geometry::point({-0.5, 38.75})));
    REQUIRE(writeLayersAtomically(path, {counties, townships, villages}));
    auto ds = DataSource::open(path);
    REQUIRE(ds);
    auto units = loadAdminUnits(*ds);
    REQUIRE(units);
    auto read = ds->readLayer("villages");
    REQUIRE(read);
    REQUIRE(units->villages.size() == 3);
    REQUIRE(read->features.size() == 3);
    for (std::size_t i = 0; i < 3; ++i) {
        INFO("village " << i);
        const auto& u = units->villages[i];
        CHECK(u.code == toText(read->at(i, "village_code")));
        CHECK(u.name == toText(read->at(i, "name")));
        CHECK(u.countyCode == toText(read->at(i, "county_code")));
        CHECK(u.townshipCode == toText(read->at(i, "township_code")));
        REQUIRE(u.lonLat.has_value() == !read->features[i].geometry.empty());
        if (u.lonLat) CHECK(*u.lonLat == read->features[i].geometry.asPoint());
    }
    CHECK(units->villages[0].lonLat == XY{111.125, 38.5});
    CHECK_FALSE(units->villages[1].lonLat);
    CHECK(units->villages[1].code.empty());
    CHECK(units->villages[2].name.empty());
    REQUIRE(units->townships.size() == 1);
    CHECK(units->townships[0].lonLat == XY{111.1, 38.5});
    CHECK(units->townships[0].townshipCode == "141123200");
    std::filesystem::remove_all(dir);
}

TEST_CASE("join: the table and the project read side by side give what reading them in turn gives", "[join]") {
    // A GBK CSV and an XLSX (read through GDAL on the second thread while GDAL opens the project).
    for (const char* file : {"venues_gbk.csv", "merged_header.xlsx"}) {
        auto inputs = readJoinInputs(data(file), {}, HONGTU_DEMO_PROJECT);
        REQUIRE(inputs);
        auto alone = readTable(data(file));
        REQUIRE(alone);
        CHECK(inputs->table.columns == alone->columns);
        CHECK(inputs->table.rows == alone->rows);
        CHECK(inputs->table.rowNumbers == alone->rowNumbers);
        CHECK(inputs->table.encoding == alone->encoding);
        CHECK(inputs->units.villages.size() == demoUnits().villages.size());
        CHECK(inputs->units.counties.size() == demoUnits().counties.size());
        CHECK(inputs->units.villages.front().code == demoUnits().villages.front().code);
    }
    // Both unreadable: the table's problem is the one reported (as when read first); then the project's.
    const std::string missingTable = data("no-such-table.csv"), missingProject = data("no-such-project.gpkg");
    auto both = readJoinInputs(missingTable, {}, missingProject);
    REQUIRE_FALSE(both);
    CHECK(both.error().file == missingTable);
    auto project = readJoinInputs(data("venues_gbk.csv"), {}, missingProject);
    REQUIRE_FALSE(project);
    CHECK_THAT(project.error().toString(), ContainsSubstring("no-such-project"));
}
