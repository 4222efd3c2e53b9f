#pragma once
// Reading the spreadsheets county offices send (CSV, XLSX, ODS, DBF) as plain text tables
// with the row numbers a planner sees in Excel. Every cell stays text: codes keep their
// leading digits, dates are parsed later on purpose.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hongtu/geo/encoding.hpp"
#include "hongtu/geo/result.hpp"

namespace hongtu::geo {

struct TableOptions {
    std::string sheet;                 // XLSX/ODS sheet; empty = the first sheet
    std::optional<Encoding> encoding;  // CSV/DBF: override detection
    int headerRow = 0;                 // 1-based row holding the column names; 0 = detect
    // Limits with a clear message instead of minutes of work or gigabytes of memory on a file
    // that is not a county table: CSV file size, cells per row, bytes in one cell.
    std::uintmax_t maxFileBytes = std::uintmax_t{512} * 1024 * 1024;
    std::size_t maxColumns = 2000;
    std::size_t maxCellBytes = 1024 * 1024;
};

struct Table {
    std::string file;
    std::string sheet;             // sheet or layer name (CSV: the file's base name)
    std::string encoding;          // what was used to decode ("UTF-8 (BOM)", "GB18030", ...), and the
                                   // lines whose broken bytes were replaced, if any
    bool encodingDetected = true;  // false when the user chose it
    int headerRow = 1;             // 1-based row/line of the column names
    std::vector<std::string> columns;
    std::vector<std::vector<std::string>> rows;  // each as many cells as columns
    std::vector<std::int64_t> rowNumbers;        // 1-based source row/line of each row

    [[nodiscard]] std::optional<std::size_t> columnIndex(const std::string& name) const;
    // Error naming the file, sheet and the columns that exist.
    [[nodiscard]] Error missingColumn(const std::string& name) const;
};

// CSV: detects BOM/UTF-8/GB18030 and the delimiter (, ; tab), honours quotes, skips blank
// lines (row numbers stay those of the file). XLSX/ODS/DBF: read through GDAL.
// The header row is the first row with at least half as many filled cells as the fullest
// row, so a merged title row above the header is skipped.
[[nodiscard]] Result<Table> readTable(const std::string& path, const TableOptions& options = {});

// Parses CSV text that is already UTF-8 (exposed for tests). Each record keeps its 1-based
// starting line number.
struct CsvRecord {
    std::int64_t line = 0;
    std::vector<std::string> cells;
};
[[nodiscard]] Result<std::vector<CsvRecord>> parseCsv(const std::string& utf8, char delimiter);

// One cell of a CSV report that people open in Excel or WPS: quoted when it holds a comma,
// quote or line break, and a text that starts with = + - @ (or a tab / carriage return) gets
// a leading apostrophe so the spreadsheet shows it as text instead of running it as a formula
// (OWASP "CSV injection"). Plain numbers such as -12.5 are left alone.
[[nodiscard]] std::string csvCell(std::string_view s);

// Text made safe for XML 1.0 (GPX, KML, SVG): & < > " ' escaped; control characters XML
// forbids (below U+0020 except tab, line feed, carriage return) and bytes that are not UTF-8
// are replaced with U+FFFD.
[[nodiscard]] std::string xmlText(std::string_view s);

}  // namespace hongtu::geo
