#include <catch2/catch_test_macros.hpp>

#include <string>
#include <vector>

#include "hongtu/geo/columns.hpp"

using namespace hongtu::geo;

TEST_CASE("columns: every cell comes back as the Value appended, NULLs included", "[columns]") {
    const std::vector<std::vector<Value>> rows{
        {std::int64_t{778}, 0.91, std::string("吕梁市"), Date{2018, 6, 30}, Value{}},
        {Value{}, Value{}, Value{}, Value{}, Value{}},
        {std::int64_t{-3}, 12.5, std::string(""), Date{1969, 12, 31}, std::string("late")},
        {std::int64_t{1} << 40, -0.0, std::string("141123200001"), Value{}, Value{}},
    };
    Columns table;
    for (const auto& r : rows) table.appendRow(r);
    REQUIRE(table.rowCount() == 4);
    REQUIRE(table.columnCount() == 5);
    for (std::size_t r = 0; r < rows.size(); ++r) {
        CHECK(table.row(r) == rows[r]);
        for (std::size_t c = 0; c < rows[r].size(); ++c) {
            CHECK(table.value(r, c) == rows[r][c]);
            CHECK(table.text(r, c) == toText(rows[r][c]));
            CHECK(table.isNull(r, c) == isNull(rows[r][c]));
        }
    }
    CHECK(table.column(0).storage() == Column::Storage::Integer);
    CHECK(table.column(1).storage() == Column::Storage::Real);
    CHECK(table.column(2).storage() == Column::Storage::Text);
    CHECK(table.column(3).storage() == Column::Storage::Date);
    CHECK(table.column(4).storage() == Column::Storage::Text);  // NULLs before the first value
    // An empty text is a value, not NULL.
    CHECK_FALSE(table.isNull(2, 2));
    CHECK(table.isNull(1, 2));
    CHECK(table.column(2).textView(0) == "吕梁市");
    CHECK(table.column(2).textView(3) == "141123200001");
    CHECK(table.column(0).textView(0).empty());  // not a text column
}

TEST_CASE("columns: a column mixing types keeps each cell's type", "[columns]") {
    Columns table;
    table.appendRow({std::int64_t{3}});
    table.appendRow({Value{}});
    table.appendRow({3.0});
    table.appendRow({std::string("3")});
    table.appendRow({Date{2019, 2, 30}});  // not a calendar day: kept as it was given
    CHECK(table.column(0).storage() == Column::Storage::Mixed);
    CHECK(table.value(0, 0) == Value{std::int64_t{3}});
    CHECK(table.isNull(1, 0));
    CHECK(table.value(2, 0) == Value{3.0});
    CHECK(table.text(2, 0) == "3");
    CHECK(table.value(3, 0) == Value{std::string("3")});
    CHECK(table.value(4, 0) == Value{Date{2019, 2, 30}});
}

TEST_CASE("columns: short rows are padded with NULL, long rows add columns", "[columns]") {
    Columns table(2);
    table.appendRow({std::string("a")});
    table.appendRow({std::string("b"), std::int64_t{2}, 7.5});
    REQUIRE(table.columnCount() == 3);
    CHECK(table.row(0) == std::vector<Value>{std::string("a"), Value{}, Value{}});
    CHECK(table.row(1) == std::vector<Value>{std::string("b"), std::int64_t{2}, 7.5});
    // A column past the last reads as NULL.
    CHECK(table.isNull(0, 9));
    CHECK(table.value(0, 9) == Value{});
    CHECK(table.text(0, 9).empty());
}

TEST_CASE("columns: built column by column", "[columns]") {
    Column codes, counts;
    for (int i = 0; i < 200; ++i) {
        codes.append(std::string("1411") + std::to_string(i));
        if (i % 7 == 0) counts.appendNull();
        else counts.append(std::int64_t{i});
    }
    Columns table;
    table.addColumn(std::move(codes));
    table.addColumn(std::move(counts));
    REQUIRE(table.rowCount() == 200);
    for (std::size_t i = 0; i < 200; ++i) {
        CHECK(table.text(i, 0) == "1411" + std::to_string(i));
        if (i % 7 == 0) CHECK(table.isNull(i, 1));
        else CHECK(table.value(i, 1) == Value{static_cast<std::int64_t>(i)});
    }
    Column wrong;
    wrong.append(std::int64_t{1});
    CHECK_THROWS_AS(table.addColumn(std::move(wrong)), std::invalid_argument);
}

TEST_CASE("columns: copies share storage until one is changed", "[columns]") {
    Columns a;
    for (int i = 0; i < 1000; ++i) a.appendRow({std::string("村") + std::to_string(i), static_cast<double>(i)});
    Columns b = a;
    CHECK(a == b);
    b.appendRow({std::string("new"), 1.0});
    CHECK(a.rowCount() == 1000);
    CHECK(b.rowCount() == 1001);
    CHECK(b.text(1000, 0) == "new");
    CHECK(a.text(999, 0) == "村999");
    CHECK_FALSE(a == b);
}

TEST_CASE("columns: a text column costs its bytes plus four a cell", "[columns]") {
    Columns table;
    for (int i = 0; i < 10'000; ++i) table.appendRow({std::string("张家庄") + std::to_string(100'000 + i), std::int64_t{i}});  // 15 bytes
    table.shrinkToFit();
    // Rows of Values cost about 2 x 40 bytes a row plus the strings; here 15 + 4 + 8 bytes.
    CHECK(table.memoryBytes() < 10'000 * 30);
    CHECK(table.memoryBytes() >= 10'000 * 27);
}

TEST_CASE("columns: a column of few distinct texts is kept as a dictionary, 2 bytes a cell, and still takes rows", "[columns]") {
    // 578,000 villages carry about 2,900 county codes: here 2,000 rows, 50 codes, some NULL.
    Columns table(2);
    std::vector<std::vector<Value>> rows;
    for (int i = 0; i < 2'000; ++i) {
        Value county = i % 97 == 0 ? Value{} : Value{std::string("1411") + std::to_string(10 + i % 50)};
        rows.push_back({county, std::string("村") + std::to_string(i)});
        table.appendRow(rows.back());
    }
    const std::size_t before = table.column(0).memoryBytes();
    table.shrinkToFit();
    const std::size_t after = table.column(0).memoryBytes();
    CHECK(after < before / 3);
    CHECK(after < 2'000 * 2 + 50 * 10 + 2'000 / 8 + 64);  // codes, the 50 texts and their ends, the NULL bitmap
    CHECK(table.column(1).memoryBytes() > 2'000 * 4);     // distinct names: no dictionary
    for (int i = 0; i < 2'000; ++i) {
        CHECK(table.value(static_cast<std::size_t>(i), 0) == rows[static_cast<std::size_t>(i)][0]);
        CHECK(table.column(0).textView(static_cast<std::size_t>(i)) == (i % 97 == 0 ? std::string() : std::get<std::string>(rows[static_cast<std::size_t>(i)][0])));
    }
    // A copy that takes more rows expands its dictionary; the original keeps it.
    Columns more = table;
    more.appendRow({std::string("141199"), std::string("新村")});
    more.appendRow({Value{}, std::string("新村2")});
    REQUIRE(more.rowCount() == 2'002);
    CHECK(more.value(2'000, 0) == Value{std::string("141199")});
    CHECK(more.isNull(2'001, 0));
    for (int i = 0; i < 2'000; i += 7) CHECK(more.value(static_cast<std::size_t>(i), 0) == rows[static_cast<std::size_t>(i)][0]);
    CHECK(table.rowCount() == 2'000);
    CHECK(table.column(0).memoryBytes() == after);
    more.shrinkToFit();  // a dictionary again
    CHECK(more.column(0).memoryBytes() < before / 3);
    CHECK(more.value(2'000, 0) == Value{std::string("141199")});
    CHECK(more == more);
}
