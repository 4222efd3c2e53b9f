// Checks the SHIPPED demo project (HONGTU_DEMO_PROJECT) against the figures of the 2018
// Lüliang report and the 2023 division codes. Nothing is generated here: the file must be
// what the viewer opens by default.

#include <catch2/catch_test_macros.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>

#include "hongtu/geo/datasource.hpp"
#include "hongtu/geo/spatial.hpp"

using namespace hongtu::geo;

namespace {

const DataSource& demo() {
    static DataSource ds = [] {
        auto r = DataSource::open(HONGTU_DEMO_PROJECT);
        if (!r) FAIL("cannot open the demo project: " << r.error().toString());
        return std::move(r).value();
    }();
    return ds;
}

Layer read(const std::string& name) {
    auto r = demo().readLayer(name);
    if (!r) FAIL("cannot read layer " << name << ": " << r.error().toString());
    return std::move(r).value();
}

std::string str(const Layer& l, std::size_t i, const std::string& f) { return toText(l.at(i, f)); }
std::int64_t num(const Layer& l, std::size_t i, const std::string& f) {
    const auto& v = l.at(i, f);
    REQUIRE(std::holds_alternative<std::int64_t>(v));
    return std::get<std::int64_t>(v);
}
bool digits(const std::string& s, std::size_t n) {
    return s.size() == n && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}
void requireTextField(const Layer& l, const std::string& f) {
    const auto idx = l.fieldIndex(f);
    REQUIRE(idx);
    INFO(l.name << "." << f);
    CHECK(l.fields[*idx].type == FieldType::Text);
}
std::map<std::string, std::int64_t> countBy(const Layer& l, const std::string& f) {
    std::map<std::string, std::int64_t> out;
    for (std::size_t i = 0; i < l.features.size(); ++i) ++out[str(l, i, f)];
    return out;
}

const std::map<std::string, std::string> kCounties = {
    {"141102", "离石区"},
    {"141121", "文水县"},
    {"141122", "交城县"},
    {"141123", "兴县"},
    {"141124", "临县"},
    {"141125", "柳林县"},
    {"141126", "石楼县"},
    {"141127", "岚县"},
    {"141128", "方山县"},
    {"141129", "中阳县"},
    {"141130", "交口县"},
    {"141181", "孝义市"},
    {"141182", "汾阳市"},
};

}  // namespace

TEST_CASE("demo project: the 13 real counties of Lüliang", "[e2e][demo]") {
    const auto counties = read("counties");
    CHECK(counties.geometryKind == Geometry::Kind::Polygon);
    CHECK(counties.crs == "EPSG:4490");
    REQUIRE(counties.features.size() == 13);
    requireTextField(counties, "county_code");
    requireTextField(counties, "city_code");
    std::map<std::string, std::string> found;
    for (std::size_t i = 0; i < counties.features.size(); ++i) {
        found[str(counties, i, "county_code")] = str(counties, i, "name");
        CHECK(str(counties, i, "city_code") == "1411");
        const Box b = counties.features[i].geometry.bounds();
        CHECK(b.minX > 110.0);
        CHECK(b.maxX < 112.5);
        CHECK(b.minY > 36.5);
        CHECK(b.maxY < 39.0);
    }
    CHECK(found == kCounties);
}

TEST_CASE("demo project: 154 townships by kind, codes hierarchical", "[e2e][demo]") {
    const auto t = read("townships");
    REQUIRE(t.features.size() == 154);
    for (const char* f : {"township_code", "county_code", "kind", "position_source"}) requireTextField(t, f);
    const auto kinds = countBy(t, "kind");
    CHECK(kinds.at("镇") == 91);
    CHECK(kinds.at("乡") == 45);
    CHECK(kinds.at("街道") == 15);
    CHECK(kinds.at("其他") == 3);
    std::set<std::string> codes;
    for (std::size_t i = 0; i < t.features.size(); ++i) {
        const auto code = str(t, i, "township_code");
        INFO(code);
        CHECK(digits(code, 9));
        CHECK(code.substr(0, 6) == str(t, i, "county_code"));
        CHECK(kCounties.count(str(t, i, "county_code")) == 1);
        CHECK(str(t, i, "position_source") == "synthetic");
        codes.insert(code);
    }
    CHECK(codes.size() == 154);
}

TEST_CASE("demo project: 2,456 villages by kind, inside their coded county", "[e2e][demo]") {
    const auto v = read("villages");
    const auto t = read("townships");
    const auto counties = read("counties");
    REQUIRE(v.features.size() == 2456);
    for (const char* f : {"village_code", "township_code", "county_code", "kind"}) requireTextField(v, f);
    const auto kinds = countBy(v, "kind");
    CHECK(kinds.at("村委会") == 2153);
    CHECK(kinds.at("社区居委会") == 302);
    CHECK(kinds.at("其他") == 1);

    std::set<std::string> townships;
    for (std::size_t i = 0; i < t.features.size(); ++i) townships.insert(str(t, i, "township_code"));
    std::set<std::string> codes;
    std::int64_t withIncome = 0, nonVillageIncome = 0;
    for (std::size_t i = 0; i < v.features.size(); ++i) {
        const auto code = str(v, i, "village_code");
        INFO(code);
        CHECK(digits(code, 12));
        CHECK(code.substr(0, 9) == str(v, i, "township_code"));
        CHECK(code.substr(0, 6) == str(v, i, "county_code"));
        CHECK(townships.count(str(v, i, "township_code")) == 1);
        CHECK(str(v, i, "position_source") == "synthetic");
        const auto income = num(v, i, "has_collective_income");
        withIncome += income;
        if (income && str(v, i, "kind") != "村委会") ++nonVillageIncome;
        codes.insert(code);
    }
    CHECK(codes.size() == 2456);
    // 91% of villages have collective income: 1,959 of the 2,153 村委会.
    CHECK(withIncome == 1959);
    CHECK(nonVillageIncome == 0);
    CHECK(std::lround(100.0 * static_cast<double>(withIncome) / 2153.0) == 91);

    auto report = assignPointsToPolygons(v, "village_code", counties, "county_code", 6);
    REQUIRE(report);
    CHECK(report->inCodedUnit == 2456);
    CHECK(report->outsideCodedUnit == 0);
    CHECK(report->outsideAll == 0);
    CHECK(report->unknownCode == 0);

    auto townshipReport = assignPointsToPolygons(t, "township_code", counties, "county_code", 6);
    REQUIRE(townshipReport);
    CHECK(townshipReport->inCodedUnit == 154);
}

TEST_CASE("demo project: venue and housing projects match the report", "[e2e][demo]") {
    const auto venues = read("venue_projects");
    const auto villages = read("villages");
    CHECK(venues.geometryKind == Geometry::Kind::Empty);
    for (const char* f : {"project_id", "village_code", "township_code", "county_code"}) requireTextField(venues, f);
    std::map<std::string, std::string> villageKind;
    for (std::size_t i = 0; i < villages.features.size(); ++i) villageKind[str(villages, i, "village_code")] = str(villages, i, "kind");
    const auto kinds = countBy(venues, "kind");
    CHECK(kinds.at("village_venue") == 778);
    CHECK(kinds.at("community_venue") == 44);
    CHECK(kinds.size() == 2);
    std::int64_t budget = 0;
    std::set<std::string> ids;
    for (std::size_t i = 0; i < venues.features.size(); ++i) {
        const auto code = str(venues, i, "village_code");
        INFO(str(venues, i, "project_id"));
        CHECK(digits(code, 12));
        CHECK(code.substr(0, 9) == str(venues, i, "township_code"));
        CHECK(code.substr(0, 6) == str(venues, i, "county_code"));
        CHECK(villageKind[code] == (str(venues, i, "kind") == "village_venue" ? "村委会" : "社区居委会"));
        CHECK(num(venues, i, "synthetic") == 1);
        budget += num(venues, i, "budget_yuan");
        ids.insert(str(venues, i, "project_id"));
    }
    CHECK(ids.size() == 822);

    const auto housing = read("housing_projects");
    const auto townships = read("townships");
    std::map<std::string, std::string> townshipKind;
    for (std::size_t i = 0; i < townships.features.size(); ++i)
        townshipKind[str(townships, i, "township_code")] = str(townships, i, "kind");
    REQUIRE(housing.features.size() == 124);
    requireTextField(housing, "township_code");
    for (std::size_t i = 0; i < housing.features.size(); ++i) {
        const auto code = str(housing, i, "township_code");
        INFO(code);
        CHECK(str(housing, i, "project_id") == "TH-" + code);
        const auto kind = townshipKind[code];
        CHECK((kind == "镇" || kind == "乡"));
        CHECK(code.substr(0, 6) == str(housing, i, "county_code"));
        CHECK(num(housing, i, "synthetic") == 1);
        budget += num(housing, i, "budget_yuan");
    }
    // 5.57亿元 in 2018.
    CHECK(budget == 557'000'000);

    const auto facilities = read("housing_facilities");
    CHECK(facilities.features.size() == 124 * 5);
    const auto perProject = countBy(facilities, "project_id");
    CHECK(perProject.size() == 124);
    for (const auto& [id, n] : perProject) CHECK(n == 5);
    const auto perFacility = countBy(facilities, "facility");
    for (const char* f : {"小食堂", "小澡堂", "小厕所", "小图书室", "小文体活动室"}) CHECK(perFacility.at(f) == 124);
}

TEST_CASE("demo project: county indicators sum to the report's totals", "[e2e][demo]") {
    const auto ind = read("county_indicators");
    REQUIRE(ind.features.size() == 13);
    requireTextField(ind, "county_code");
    std::int64_t reserve = 0, committees = 0, secretaries = 0, budget = 0, villages = 0, income = 0;
    for (std::size_t i = 0; i < ind.features.size(); ++i) {
        CHECK(kCounties.count(str(ind, i, "county_code")) == 1);
        reserve += num(ind, i, "reserve_talents");
        committees += num(ind, i, "talents_in_committees");
        secretaries += num(ind, i, "talents_as_secretaries");
        budget += num(ind, i, "budget_yuan");
        villages += num(ind, i, "villages");
        income += num(ind, i, "villages_with_collective_income");
        CHECK(num(ind, i, "talents_as_secretaries") <= num(ind, i, "talents_in_committees"));
        CHECK(num(ind, i, "talents_in_committees") <= num(ind, i, "reserve_talents"));
        CHECK(num(ind, i, "synthetic") == 1);
    }
    CHECK(reserve == 7931);
    CHECK(committees == 451);
    CHECK(secretaries == 144);
    CHECK(budget == 557'000'000);
    CHECK(villages == 2153);
    CHECK(income == 1959);
}

TEST_CASE("demo project: synthetic layers say so", "[e2e][demo]") {
    const auto meta = read("layer_metadata");
    std::map<std::string, std::size_t> row;
    for (std::size_t i = 0; i < meta.features.size(); ++i) row[str(meta, i, "layer")] = i;
    for (const char* layer : {"counties", "townships", "villages", "county_seats", "memorial_sites", "venue_projects",
                              "housing_projects", "housing_facilities", "status_history", "county_indicators"}) {
        INFO(layer);
        REQUIRE(row.count(layer) == 1);
        CHECK(!str(meta, row[layer], "source").empty());
        CHECK(!str(meta, row[layer], "licence").empty());
        CHECK(!str(meta, row[layer], "description").empty());
        auto info = demo().layerInfo(layer);
        CHECK(info);
    }
    for (const char* layer : {"townships", "villages", "venue_projects", "housing_projects", "housing_facilities",
                              "status_history", "county_indicators"}) {
        INFO(layer);
        CHECK(num(meta, row[layer], "synthetic") == 1);
    }
    CHECK(num(meta, row["counties"], "synthetic") == 0);
    CHECK(str(meta, row["townships"], "position_source") == "synthetic");
    CHECK(str(meta, row["villages"], "position_source") == "synthetic");
    CHECK(str(meta, row["memorial_sites"], "position_source") == "estimated");
}

TEST_CASE("demo project: county seats are real where GeoNames has them", "[e2e][demo]") {
    const auto seats = read("county_seats");
    REQUIRE(seats.features.size() == 13);
    std::int64_t geonames = 0;
    for (std::size_t i = 0; i < seats.features.size(); ++i) {
        const auto code = str(seats, i, "county_code");
        INFO(code);
        if (code == "141181" || code == "141182") {
            CHECK(str(seats, i, "position_source") == "estimated (not in GeoNames file)");
        } else {
            CHECK(!str(seats, i, "geonames_name").empty());
            ++geonames;
        }
        if (code == "141102") {  // Lishi 37.51556N 111.13417E
            const XY p = seats.features[i].geometry.asPoint();
            CHECK(std::abs(p.y - 37.51556) < 1e-4);
            CHECK(std::abs(p.x - 111.13417) < 1e-4);
        }
    }
    CHECK(geonames == 11);
}

TEST_CASE("demo project: 22 memorial sites with estimated positions", "[e2e][demo]") {
    const auto sites = read("memorial_sites");
    REQUIRE(sites.features.size() == 22);
    requireTextField(sites, "county_code");
    bool jinsui = false;
    for (std::size_t i = 0; i < sites.features.size(); ++i) {
        INFO(str(sites, i, "id"));
        CHECK(str(sites, i, "coord_status") == "estimated");
        CHECK(str(sites, i, "position_source") == "estimated");
        CHECK(kCounties.at(str(sites, i, "county_code")) == str(sites, i, "county"));
        CHECK(num(sites, i, "visit_minutes") > 0);
        CHECK(!str(sites, i, "opening_hours").empty());
        if (str(sites, i, "name_zh") == "晋绥边区革命纪念馆") {
            jinsui = true;
            CHECK(str(sites, i, "county") == "兴县");
            CHECK(str(sites, i, "county_code") == "141123");
        }
    }
    CHECK(jinsui);
}

TEST_CASE("demo project: status history moves forward only", "[e2e][demo]") {
    const auto h = read("status_history");
    const auto venues = read("venue_projects");
    const auto housing = read("housing_projects");
    std::set<std::string> projects;
    for (std::size_t i = 0; i < venues.features.size(); ++i) projects.insert(str(venues, i, "project_id"));
    for (std::size_t i = 0; i < housing.features.size(); ++i) projects.insert(str(housing, i, "project_id"));
    const std::map<std::string, int> rank = {{"planned", 0}, {"under_construction", 1}, {"completed", 2}, {"accepted", 3}};

    struct Last {
        int rank = -1;
        Date date{};
    };
    std::map<std::string, Last> last;
    const Date first{2017, 1, 1}, end{2019, 6, 30};
    for (std::size_t i = 0; i < h.features.size(); ++i) {
        const auto id = str(h, i, "project_id");
        INFO(id << " row " << i + 1);
        REQUIRE(projects.count(id) == 1);
        const auto st = str(h, i, "status");
        REQUIRE(rank.count(st) == 1);
        const auto& dv = h.at(i, "date");
        REQUIRE(std::holds_alternative<Date>(dv));
        const Date d = std::get<Date>(dv);
        CHECK(d >= first);
        CHECK(d <= end);
        auto& l = last[id];
        CHECK(rank.at(st) > l.rank);
        if (l.rank >= 0) CHECK(d >= l.date);
        l.rank = rank.at(st);
        l.date = d;
        CHECK(num(h, i, "synthetic") == 1);
    }
    CHECK(last.size() == projects.size());  // every project has a history
    std::int64_t completedByEnd2018 = 0, notCompleted = 0;
    for (const auto& [id, l] : last) {
        if (l.rank < 2) ++notCompleted;
    }
    for (std::size_t i = 0; i < h.features.size(); ++i)
        if (str(h, i, "status") == "completed" && std::get<Date>(h.at(i, "date")) <= Date{2018, 12, 31}) ++completedByEnd2018;
    const auto total = static_cast<std::int64_t>(projects.size());
    CHECK(completedByEnd2018 * 2 > total);  // most completed by end-2018
    CHECK(notCompleted > 0);                // a few never completed by 2019-06-30
    CHECK(notCompleted * 10 < total);
}
