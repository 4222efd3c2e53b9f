#include <catch2/catch_test_macros.hpp>
#include <catch2/matchers/catch_matchers_string.hpp>

#include <filesystem>
#include <fstream>

#include "hongtu/geo/project_import.hpp"

using namespace hongtu::geo;
using Catch::Matchers::ContainsSubstring;

namespace {
std::string data(const std::string& name) { return std::string(HONGTU_TEST_DATA) + "/join/" + name; }
std::string slurp(const std::string& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}
}  // namespace

TEST_CASE("project_import: matched rows become a layer; re-import reports changes", "[import]") {
    const auto dir = std::filesystem::temp_directory_path() / ("hongtu_import_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto project = (dir / "p.gpkg").string();
    std::filesystem::copy_file(HONGTU_DEMO_PROJECT, project, std::filesystem::copy_options::overwrite_existing);

    auto ds = DataSource::open(project);
    REQUIRE(ds);
    auto units = loadAdminUnits(*ds);
    REQUIRE(units);
    ds = Error{"closed", {}, {}, {}};

    JoinOptions o;
    o.keyColumn = "村代码";
    o.countyColumn = "县（市、区）";
    auto table = readTable(data("venues_gbk.csv"));
    REQUIRE(table);
    auto report = joinTable(*table, *units, o);
    REQUIRE(report);
    ImportOptions io{"venue_import", "2018-07-01T00:00:00Z"};
    auto first = importJoinedTable(project, *table, *report, *units, io);
    REQUIRE(first);
    CHECK(first->imported == 5);
    CHECK(first->skipped == 5);
    CHECK_FALSE(first->replacedPrevious);

    auto back = DataSource::open(project);
    REQUIRE(back);
    auto layer = back->readLayer("venue_import");
    REQUIRE(layer);
    CHECK(layer->features.size() == 5);
    CHECK(layer->crs == "EPSG:4490");
    CHECK(std::get<std::string>(layer->at(0, "joined_code")) == "141123205200");
    CHECK(std::get<std::string>(layer->at(0, "村名称")) == "蔡家崖村委会");
    CHECK(std::get<std::int64_t>(layer->at(4, "source_row")) == 12);
    // 计划完工 arrived as 2018/6/30, 2018年9月30日 and the Excel serial 43281: all ISO now.
    CHECK(first->dateColumns == std::vector<std::string>{"计划完工"});
    // The day number is named in the summary, so the planner can check it.
    REQUIRE(first->numbersAsDates.size() == 1);
    CHECK_THAT(first->numbersAsDates.front(), ContainsSubstring("43281 -> 2018-06-30"));
    CHECK_THAT(first->text(), ContainsSubstring("Excel day numbers read as dates"));
    CHECK(std::get<std::string>(layer->at(0, "计划完工")) == "2018-06-30");
    CHECK(std::get<std::string>(layer->at(1, "计划完工")) == "2018-09-30");
    CHECK(std::get<std::string>(layer->at(2, "计划完工")) == "2018-06-30");
    CHECK(layer->features[0].geometry.kind == Geometry::Kind::Point);
    auto log = back->readLayer("hongtu_imports");
    REQUIRE(log);
    CHECK(log->features.size() == 1);
    CHECK(std::get<std::string>(log->at(0, "encoding")) == "GB18030");

    SECTION("re-importing a corrected file replaces and counts the changes") {
        // The BOM file: 蔡家崖 (same budget), 贾家庄 (same), 刘胡兰 (new); 裴家湾, 北坡, 双塔 gone.
        JoinOptions k;
        k.keyColumn = "村代码";
        auto t2 = readTable(data("venues_bom.csv"));
        REQUIRE(t2);
        auto r2 = joinTable(*t2, *units, k);
        REQUIRE(r2);
        back = Error{"closed", {}, {}, {}};
        auto second = importJoinedTable(project, *t2, *r2, *units, io);
        REQUIRE(second);
        CHECK(second->replacedPrevious);
        CHECK(second->added == 1);
        CHECK(second->removed == 3);
        CHECK(second->changed == 2);  // different columns: the table's shape changed
        CHECK_THAT(second->text(), ContainsSubstring("1 added, 3 removed"));
    }

    SECTION("a refused import leaves the project byte for byte as it was") {
        back = Error{"closed", {}, {}, {}};
        const auto before = slurp(project);
        auto bad = importJoinedTable(project, *table, *report, *units, ImportOptions{"villages", "x"});
        REQUIRE_FALSE(bad);  // would overwrite a layer of the project itself
        CHECK_THAT(bad.error().message, ContainsSubstring("not an import"));
        CHECK_FALSE(importJoinedTable(project, *table, *report, *units, ImportOptions{"bad name;drop", "x"}));
        CHECK_FALSE(importJoinedTable(project, *table, *report, *units, ImportOptions{"hongtu_imports", "x"}));
        CHECK_FALSE(importJoinedTable(project, *table, *report, *units, ImportOptions{"gpkg_contents", "x"}));
        CHECK(slurp(project) == before);
    }
    std::filesystem::remove_all(dir);
}

TEST_CASE("project_import: amounts in 验收/完工 columns stay numbers; day numbers need a real date column", "[project_import]") {
    Table t;
    t.file = "t.csv";
    t.columns = {"验收面积（m²）", "完工投资", "验收", "计划完工", "验收日期"};
    t.rows = {{"12000", "35000", "43281", "2018/6/30", "43281"}, {"15000", "41000", "43300", "43300", "2018-07-19"}};
    t.rowNumbers = {2, 3};
    const auto cols = detectDateColumns(t);
    // 验收 holds only 5-digit numbers: numbers. 计划完工 mixes a written date with a day number: dates.
    CHECK(cols == std::vector<std::size_t>{3, 4});
}
