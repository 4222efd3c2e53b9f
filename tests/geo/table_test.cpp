#include <catch2/catch_test_macros.hpp>
#include <catch2/matchers/catch_matchers_string.hpp>

#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <tuple>
#include <vector>

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
    CHECK(t->rowNumbers.back() == 12);      // line 11 is blank
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

TEST_CASE("table: report cells never become formulas and read back as written", "[table]") {
    CHECK(csvCell("蔚汾村") == "蔚汾村");
    CHECK(csvCell("=HYPERLINK(\"http://x\",\"点我\")") == "\"'=HYPERLINK(\"\"http://x\"\",\"\"点我\"\")\"");
    CHECK(csvCell("+86 358") == "'+86 358");
    CHECK(csvCell("@SUM(A1)") == "'@SUM(A1)");
    CHECK(csvCell("-") == "'-");
    CHECK(csvCell("-inf") == "'-inf");
    CHECK(csvCell("\tcmd") == "'\tcmd");
    CHECK(csvCell("-12.5") == "-12.5");  // numbers stay numbers
    CHECK(csvCell("+3") == "+3");
    CHECK(csvCell("a,b") == "\"a,b\"");
    auto back = parseCsv(csvCell("=1+1,\"x\"\nsecond line"), ',');
    REQUIRE(back);
    REQUIRE(back->size() == 1);
    CHECK(back->front().cells == std::vector<std::string>{"'=1+1,\"x\"\nsecond line"});
}

TEST_CASE("table: XML text has no character XML forbids", "[table]") {
    CHECK(xmlText("a<b & \"c\" 'd'>") == "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;");
    CHECK(xmlText("刘胡兰\x0B纪念馆\x01") == "刘胡兰\xEF\xBF\xBD纪念馆\xEF\xBF\xBD");
    CHECK(xmlText("tab\tline\nok") == "tab\tline\nok");
    CHECK(xmlText("broken \xFF byte") == "broken \xEF\xBF\xBD byte");
}

TEST_CASE("table: binary data or UTF-16 named .csv is refused with a sentence, not decoded", "[table]") {
    const std::string bad = std::string(HONGTU_TEST_DATA) + "/bad/";
    for (const char* f : {"binary_named.csv", "utf16_excel_unicode_text.csv"}) {
        auto t = readTable(bad + f);
        REQUIRE_FALSE(t);
        CHECK_THAT(t.error().message, ContainsSubstring("not a text table"));
        CHECK_THAT(t.error().file, ContainsSubstring(f));
    }
}

TEST_CASE("table: a UTF-8 CSV with one stray byte is read as UTF-8 and the line is named", "[table]") {
    auto t = readTable(std::string(HONGTU_TEST_DATA) + "/bad/utf8_one_stray_byte.csv");
    REQUIRE(t);
    CHECK_THAT(t->encoding, ContainsSubstring("UTF-8; 1 byte that are not UTF-8"));
    CHECK_THAT(t->encoding, ContainsSubstring("line 3"));
    CHECK(t->columns.front() == "村代码");
    CHECK(t->rows.size() == 29);
}

TEST_CASE("table: limits on columns and cell size are errors naming the row", "[table]") {
    const auto dir = std::filesystem::temp_directory_path() / ("hongtu_table_limits_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto wide = (dir / "wide.csv").string();
    {
        std::ofstream out(wide);
        for (int i = 0; i < 3000; ++i) out << (i ? "," : "") << "c" << i;
        out << "\n";
    }
    auto t = readTable(wide);
    REQUIRE_FALSE(t);
    CHECK_THAT(t.error().message, ContainsSubstring("3000 cells"));
    TableOptions small;
    small.maxCellBytes = 10;
    const auto big = (dir / "big.csv").string();
    {
        std::ofstream out(big);
        out << "a,b\n1,\"" << std::string(100, 'x') << "\"\n";
    }
    auto b = readTable(big, small);
    REQUIRE_FALSE(b);
    CHECK(b.error().row == 2);
    small.maxFileBytes = 5;
    CHECK_THAT(readTable(big, small).error().message, ContainsSubstring("MB"));
    std::filesystem::remove_all(dir);
}

namespace {

// The CSV rules as the reader applied them one character at a time before issue #16: the oracle
// the one-pass reader is compared with.
std::vector<CsvRecord> referenceCsv(const std::string& s, char delim) {
    std::vector<CsvRecord> out;
    CsvRecord rec;
    std::string cell;
    std::int64_t line = 1;
    rec.line = 1;
    bool inQuotes = false, cellStarted = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (inQuotes) {
            if (c == '"') {
                if (i + 1 < s.size() && s[i + 1] == '"') {
                    cell.push_back('"');
                    ++i;
                } else {
                    inQuotes = false;
                }
            } else {
                if (c == '\n') ++line;
                cell.push_back(c);
            }
            continue;
        }
        if (c == '"' && !cellStarted) {
            inQuotes = true;
            cellStarted = true;
        } else if (c == delim) {
            rec.cells.push_back(std::move(cell));
            cell.clear();
            cellStarted = false;
        } else if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ++i;
            rec.cells.push_back(std::move(cell));
            cell.clear();
            cellStarted = false;
            out.push_back(std::move(rec));
            rec = CsvRecord{};
            ++line;
            rec.line = line;
        } else {
            cell.push_back(c);
            cellStarted = true;
        }
    }
    if (inQuotes) return {};
    if (cellStarted || !rec.cells.empty()) {
        rec.cells.push_back(std::move(cell));
        out.push_back(std::move(rec));
    }
    return out;
}

void requireSameRecords(const std::string& text, char delim) {
    INFO("CSV text: " << text);
    auto fast = parseCsv(text, delim);
    const auto slow = referenceCsv(text, delim);
    if (!fast) {
        CHECK(slow.empty());  // an unclosed quote: both refuse
        return;
    }
    REQUIRE(fast->size() == slow.size());
    for (std::size_t r = 0; r < slow.size(); ++r) {
        CHECK((*fast)[r].line == slow[r].line);
        CHECK((*fast)[r].cells == slow[r].cells);
    }
}

}  // namespace

TEST_CASE("table: the one-pass CSV reader gives the rows the character-by-character rules give", "[table]") {
    for (const char* text : {"a,b,c\n1,2,3\n", "a,b\r\n\"x,y\",\"he said \"\"hi\"\"\"\r\n", "\"multi\nline\",2\n3,4",
                             "a,b\n,\n\n,,\n", "code,name\n\"0101\"x,a\"b\"c\n \"q\",\"\"\n", "only", "\"\"", "a;b\n1;\"2;3\"\n",
                             "a\tb\n\"1\n\n2\"\t3\r", "名称,代码\n\"中文，逗号\",140100\n", "\r\n\r\n", "x,\"y\"\"\"\n\"\"\"\",z"})
        for (char delim : {',', ';', '\t'}) requireSameRecords(text, delim);
    // A fixed-seed random mix of the characters that matter (deterministic: the seed is an input).
    std::uint32_t state = 20261202;
    const auto next = [&] { return state = state * 1664525u + 1013904223u; };
    const std::string alphabet[] = {"a", "7", ",", ";", "\"", "\"\"", "\n", "\r", "\r\n", " ", "中", "\t"};
    for (int round = 0; round < 2000; ++round) {
        std::string text;
        const std::uint32_t length = next() % 40;
        for (std::uint32_t k = 0; k < length; ++k) text += alphabet[(next() >> 8) % std::size(alphabet)];
        requireSameRecords(text, round % 3 == 0 ? ';' : ',');
    }
}

TEST_CASE("table: the one-pass reader on files: GBK, BOM, a title row, quotes across lines", "[table]") {
    const auto dir = std::filesystem::temp_directory_path() / ("hongtu_table_fast_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto write = [&](const char* name, const std::string& bytes) {
        const auto path = (dir / name).string();
        std::ofstream(path, std::ios::binary) << bytes;
        return path;
    };
    // 吕梁市村级台账 (title row), then the header, a quoted name with a comma and a line break.
    const std::string utf8 = "吕梁市村级台账,,\n村代码,村名,备注\n141102001001,\"蔡家崖,村委会\",\"第一行\n第二行\"\n141102001002,\"\"\"引号\"\"村\",\n";
    auto bom = readTable(write("bom.csv", "\xEF\xBB\xBF" + utf8));
    REQUIRE(bom);
    CHECK(bom->encoding == "UTF-8 (BOM)");
    CHECK(bom->headerRow == 2);
    CHECK(bom->columns == std::vector<std::string>{"村代码", "村名", "备注"});
    REQUIRE(bom->rows.size() == 2);
    CHECK(bom->rows[0] == std::vector<std::string>{"141102001001", "蔡家崖,村委会", "第一行\n第二行"});
    CHECK(bom->rows[1] == std::vector<std::string>{"141102001002", "\"引号\"村", ""});
    CHECK(bom->rowNumbers == std::vector<std::int64_t>{3, 5});
    // The same table in GBK (as Excel saves it on a Chinese Windows): the same rows.
    const std::string gbk = "\xC2\xC0\xC1\xBA\xCA\xD0,,\n\xB4\xE5\xB4\xFA\xC2\xEB,\xB4\xE5\xC3\xFB,x\n141102001001,\"\xB4\xE5,\xB4\xE5\",\"a\nb\"\n";
    auto g = readTable(write("gbk.csv", gbk));
    REQUIRE(g);
    CHECK(g->encoding == "GB18030");
    CHECK(g->columns == std::vector<std::string>{"村代码", "村名", "x"});
    REQUIRE(g->rows.size() == 1);
    CHECK(g->rows[0] == std::vector<std::string>{"141102001001", "村,村", "a\nb"});
    std::filesystem::remove_all(dir);
}

TEST_CASE("table: valid UTF-8 read in place gives what the stated encoding gives", "[table]") {
    // A detected UTF-8 file is checked once and parsed from the mapped bytes; a stated encoding
    // goes through the conversion. Both must give the same table, BOMs (even two) included.
    const auto dir = std::filesystem::temp_directory_path() / ("hongtu_table_inplace_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto write = [&](const char* name, const std::string& bytes) {
        const auto path = (dir / name).string();
        std::ofstream(path, std::ios::binary) << bytes;
        return path;
    };
    const std::string body = "村代码,村名\n141102001001,\"蔡家崖村委会\"\n\n141102001002,\"东庄,村\"\n";
    const std::string bom = "\xEF\xBB\xBF";
    for (const auto& [name, bytes, stated, encodingName] :
         {std::tuple{"plain.csv", body, Encoding::Utf8, "UTF-8"}, std::tuple{"bom.csv", bom + body, Encoding::Utf8Bom, "UTF-8 (BOM)"},
          std::tuple{"bom2.csv", bom + bom + body, Encoding::Utf8Bom, "UTF-8 (BOM)"}}) {
        INFO(name);
        const auto path = write(name, bytes);
        auto detected = readTable(path);
        TableOptions o;
        o.encoding = stated;
        auto forced = readTable(path, o);
        REQUIRE(detected);
        REQUIRE(forced);
        CHECK(detected->encoding == encodingName);
        CHECK(detected->encoding == forced->encoding);
        CHECK(detected->encodingDetected);
        CHECK_FALSE(forced->encodingDetected);
        CHECK(detected->columns == std::vector<std::string>{"村代码", "村名"});
        CHECK(detected->columns == forced->columns);
        CHECK(detected->rows == forced->rows);
        CHECK(detected->rowNumbers == std::vector<std::int64_t>{2, 4});
        CHECK(detected->rowNumbers == forced->rowNumbers);
        CHECK(detected->headerRow == forced->headerRow);
    }
    auto empty = readTable(write("empty.csv", ""));
    REQUIRE_FALSE(empty);
    CHECK_THAT(empty.error().message, ContainsSubstring("empty"));
    std::filesystem::remove_all(dir);
}
