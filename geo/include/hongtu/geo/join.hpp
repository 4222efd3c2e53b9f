#pragma once
// Joining a table from a county office to the administrative units of the project (by code,
// by name + county/township, or by location) and reporting, row by row, what did not join and
// why. Nothing is guessed: ambiguous and near-miss names are listed with candidates.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "hongtu/geo/chinacoords.hpp"
#include "hongtu/geo/codes.hpp"
#include "hongtu/geo/datasource.hpp"
#include "hongtu/geo/result.hpp"
#include "hongtu/geo/table.hpp"

namespace hongtu::geo {

struct AdminUnit {
    std::string code;  // 6, 9 or 12 digits
    std::string name;  // as in the division list, e.g. "东庄村委会"
    std::string countyCode;
    std::string townshipCode;  // empty for counties
    std::optional<XY> lonLat;  // point position (synthetic for villages in the demo)
};

// The units a table can be joined to, read from a project's `counties`, `townships` and
// `villages` layers.
struct AdminUnits {
    std::vector<AdminUnit> counties, townships, villages;
    std::vector<Geometry> countyShapes;  // lon/lat polygons, parallel to `counties`
    [[nodiscard]] const std::vector<AdminUnit>& at(AdminLevel level) const;
    [[nodiscard]] const AdminUnit* county(const std::string& code) const;
};

[[nodiscard]] Result<AdminUnits> loadAdminUnits(const DataSource& project);

// What a join waits for: the table (readTable) and the project's units (loadAdminUnits), read
// side by side, the table on a second thread. The two reads share nothing; a failing table is
// reported before a failing project, as if they had been read one after the other.
struct JoinInputs {
    Table table;
    AdminUnits units;
};
[[nodiscard]] Result<JoinInputs> readJoinInputs(const std::string& tablePath, const TableOptions& tableOptions, const std::string& projectPath);

enum class JoinStatus {
    Matched,         // exactly one unit
    Unmatched,       // no unit; candidates may be listed
    Ambiguous,       // several units fit; candidates listed
    Duplicate,       // the same unit as an earlier row (that row keeps the match)
    InvalidCode,     // the code is malformed or was destroyed by a spreadsheet
    PrefixMismatch,  // the code's first 6 digits disagree with the row's county column
    OutsideArea,     // coordinates outside every county of the project
    InvalidCoordinates,
};
[[nodiscard]] const char* joinStatusName(JoinStatus s);

struct JoinOptions {
    AdminLevel level = AdminLevel::Village;
    // One method: keyColumn (codes), nameColumn (+ county/township), or lon/lat columns. Given
    // several, the rows join by the cascade: a valid code first; a row whose code is missing,
    // destroyed (scientific notation), unknown or contradicts the county falls back to name +
    // township/county, then to coordinates, in one pass (JoinRow::rule and ::tried say which).
    std::string keyColumn;
    std::string nameColumn;
    std::string countyColumn;    // name ("孝义市", "孝义") or code of the county
    std::string townshipColumn;  // name or code of the township (villages only)
    std::string lonColumn, latColumn;
    CoordSystem coordSystem = CoordSystem::Cgcs2000;  // of lon/lat columns; stated, never guessed
    // false: one row per unit is expected and later rows for the same unit are `duplicate`
    // (a venue table). true: many rows may share a unit (memorial sites per county).
    bool manyRowsPerUnit = false;
    std::size_t maxCandidates = 5;
    std::size_t maxEditDistance = 2;  // for near-miss name suggestions
};

struct JoinRow {
    std::int64_t row = 0;  // source row number
    JoinStatus status = JoinStatus::Unmatched;
    std::string key;                      // the code or name the row was joined by
    std::optional<std::size_t> unit;      // index into AdminUnits::at(level) when matched
    std::vector<std::string> candidates;  // "141123200001 东庄村委会 (兴县)"
    std::string message;                  // one sentence for the planner (English)
    std::string messageZh;                // the same sentence in Chinese (说明)
    std::optional<XY> lonLat;             // converted to CGCS2000 for location joins
    std::string rule;                     // cascade: the rule that matched ("code", "name", "location"), else empty
    std::string tried;                    // cascade: why the earlier rules did not match (Chinese), "" when the first did
};

struct JoinReport {
    std::string file, sheet, method;  // method: "code", "name", "location", or "cascade" (several)
    AdminLevel level = AdminLevel::Village;
    std::string coordSystem;                   // for location joins: what the user stated
    std::vector<JoinRow> rows;                 // one per table row, in order
    std::vector<std::size_t> unitsWithoutRow;  // units of `level` (in the table's counties) no row matched
    [[nodiscard]] std::size_t count(JoinStatus s) const;
    [[nodiscard]] bool allMatched() const { return count(JoinStatus::Matched) == rows.size(); }
};

// Errors only for unusable requests (a missing column, no method); row problems are rows.
// Several methods: the cascade (see JoinOptions); duplicates are marked after the cascade.
[[nodiscard]] Result<JoinReport> joinTable(const Table& table, const AdminUnits& units, const JoinOptions& options);

// One line per input row: row,status,key,matched_code,matched_name,candidates,message,说明
// (the last column is the message in Chinese).
// XLSX adds a second sheet "features_without_rows"; CSV writes it beside the report as
// <name>.features_without_rows.csv. CSV is UTF-8 with a BOM so Excel shows Chinese.
[[nodiscard]] Status writeJoinReport(const std::string& path, const JoinReport& report, const AdminUnits& units);

// A short human summary: "2,456 rows: 2,450 matched, 3 unmatched, ...".
[[nodiscard]] std::string summarize(const JoinReport& report);

}  // namespace hongtu::geo
