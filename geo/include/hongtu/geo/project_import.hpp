#pragma once
// Importing a joined table into the project GeoPackage: the matched rows become a layer (one
// point per row at its unit's position, or at the row's own coordinates), written in one
// atomic step. Re-importing a corrected file replaces the previous import of the same layer
// and says what changed.

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "hongtu/geo/join.hpp"
#include "hongtu/geo/result.hpp"
#include "hongtu/geo/table.hpp"

namespace hongtu::geo {

struct ImportOptions {
    std::string layerName;   // e.g. "venue_projects_import"; letters, digits, _ only
    std::string importedAt;  // ISO timestamp recorded in hongtu_imports (an input: determinism)
    // Called after each row is written into the project (tests stop a write half-way with it:
    // returning false abandons the whole import, and the project stays as it was).
    std::function<bool(const std::string& layer, std::int64_t row)> afterRow;
};

struct ImportSummary {
    std::string layer;
    std::size_t imported = 0;                 // matched rows written
    std::vector<std::string> dateColumns;     // columns whose dates were written as ISO (YYYY-MM-DD)
    std::vector<std::string> numbersAsDates;  // "计划完工 row 7: 43281 -> 2018-06-30": Excel day numbers turned into dates
    std::size_t skipped = 0;                  // rows not written (not matched); see the join report
    bool replacedPrevious = false;
    std::size_t added = 0, removed = 0, changed = 0, unchanged = 0;  // against the previous import
    [[nodiscard]] std::string text() const;
};

// A column is a date column when its name says so (日期, 时间, 开工, 完工, 竣工, 验收, date) and
// names no amount (面积, 投资, 金额, 元, 数, ...), and every filled cell parses as a date (ISO,
// 2018/6/30, 2018年6月30日, ...). Excel day numbers (43281) count only in a column named
// 日期/date or one that also holds written dates; ImportSummary lists each one converted.
[[nodiscard]] std::vector<std::size_t> detectDateColumns(const Table& table);

// Fails without touching the project when the layer name is not allowed, would overwrite a
// layer that is not an import, or the write fails.
[[nodiscard]] Result<ImportSummary> importJoinedTable(const std::string& projectPath, const Table& table,
                                                      const JoinReport& report, const AdminUnits& units,
                                                      const ImportOptions& options);

}  // namespace hongtu::geo
