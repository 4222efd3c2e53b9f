#include <catch2/catch_test_macros.hpp>
#include <catch2/matchers/catch_matchers_string.hpp>

#include "hongtu/geo/table.hpp"

using namespace hongtu::geo;
using Catch::Matchers::ContainsSubstring;

namespace {
std::string data(const std::string& name) { return std::string(HONGTU_TEST_DATA) + "/join/" + name; }
}  // namespace

TEST_CASE("table: GBK CSV from Excel, blank line keeps row numbers", "[table]") {
    auto t = readTable(data("venues_gbk.csv"));
    REQUIRE(t);
    CHECK(t->encoding == "GB18030");
    CHECK(t->encodingDetected);
    CHECK(t->columns.at(1) == "村代码");
    CHECK(t->columnIndex("县（市、区）") == 3u);
    CHECK(t->columnIndex("县(市、区)") == 3u);  // half-width brackets find it too
    REQUIRE(t->rows.size() == 10);
    CHECK(t->rows[0][2] == "蔡家崖村委会");
    CHECK(t->rowNumbers.front() == 2);
    CHECK(t->rowNumbers.back() == 12);  // line 11 is blank
    CHECK(t->rows[7][1] == "1.41123E+11");  // kept as written, judged later
}

TEST_CASE("table: UTF-8 BOM does not stick to the first column", "[table]") {
    auto t = readTable(data("venues_bom.csv"));
    REQUIRE(t);
    CHECK(t->encoding == "UTF-8 (BOM)");
    CHECK(t->columns.front() == "村代码");
    CHECK(t->columnIndex("村代码") == 0u);
}

TEST_CASE("table: merged title row above the header in XLSX; numeric codes stay whole", "[table]") {
    auto t = readTable(data("merged_header.xlsx"));
    REQUIRE(t);
    CHECK(t->sheet == "兴县");
    CHECK(t->headerRow == 2);
    CHECK(t->columns == std::vector<std::string>{"村代码", "村名称", "县", "计划完工", "预算（元）"});
    REQUIRE(t->rows.size() == 3);
    CHECK(t->rows[0][0] == "141123205200");
    CHECK(t->rowNumbers == std::vector<std::int64_t>{3, 4, 6});
    auto bad = readTable(data("merged_header.xlsx"), TableOptions{"Sheet9", {}, 0});
    REQUIRE_FALSE(bad);
    CHECK_THAT(bad.error().message, ContainsSubstring("Sheet9") && ContainsSubstring("兴县"));
}

TEST_CASE("table: forced encoding and header row", "[table]") {
    TableOptions o;
    o.encoding = Encoding::Utf8;
    auto wrong = readTable(data("venues_gbk.csv"), o);
    REQUIRE_FALSE(wrong);
    CHECK_THAT(wrong.error().toString(), ContainsSubstring("venues_gbk.csv") && ContainsSubstring("GB18030"));
    o.encoding.reset();
    o.headerRow = 3;
    auto t = readTable(data("venues_gbk.csv"), o);
    REQUIRE(t);
    CHECK(t->columns.front() == "VV-2");
}

TEST_CASE("table: CSV parsing rules", "[table]") {
    auto recs = parseCsv("a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\n\"multi\nline\",z\n", ',');
    REQUIRE(recs);
    REQUIRE(recs->size() == 3);
    CHECK((*recs)[1].cells == std::vector<std::string>{"x, y", "say \"hi\""});
    CHECK((*recs)[2].line == 3);
    CHECK((*recs)[2].cells[0] == "multi\nline");
    auto open = parseCsv("a,\"b\n", ',');
    REQUIRE_FALSE(open);
    CHECK(open.error().row == 1);
}

TEST_CASE("table: unsupported and missing files", "[table]") {
    CHECK_THAT(readTable(data("none.csv")).error().message, ContainsSubstring("does not exist"));
    auto xls = readTable(std::string(HONGTU_TEST_DATA) + "/geo/villages.kml");
    REQUIRE_FALSE(xls);
    CHECK_THAT(xls.error().message, ContainsSubstring("unknown table format"));
}
