#pragma once
// The monthly programme ledger (台账) each county sends: a spreadsheet of projects with their
// status as of a date. An import is a snapshot: projects new to the project are added, a
// status that moved becomes a status_history row, and what must not be applied silently (a
// status that went backwards, a project that vanished from the ledger, a changed planned date)
// is reported. Rows join to villages/townships by the join cascade (code, name, location).
// Planning is pure (no write); applying is one SQLite transaction, so a refused or failed
// import leaves the project byte-identical.

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "hongtu/geo/chinacoords.hpp"
#include "hongtu/geo/join.hpp"
#include "hongtu/geo/progress/progress.hpp"
#include "hongtu/geo/result.hpp"
#include "hongtu/geo/table.hpp"

namespace hongtu::geo {

// What a ledger column can mean. `ledgerFieldNames()` lists the words --map accepts.
enum class LedgerField {
    ProjectId,
    ProjectName,
    VillageCode,
    VillageName,
    TownshipCode,
    Township,
    County,
    PlannedStart,
    PlannedCompletion,
    BudgetWan,
    BudgetYuan,
    Status,
    StartDate,
    CompletionDate,
    AcceptanceDate,
    Lon,
    Lat,
};
[[nodiscard]] const char* ledgerFieldWord(LedgerField f);                            // "project_id", "village_code", ...
[[nodiscard]] const char* ledgerFieldNameZh(LedgerField f);                          // 项目编号, 村代码, ...
[[nodiscard]] std::optional<LedgerField> parseLedgerField(const std::string& word);  // word or Chinese name
[[nodiscard]] std::string ledgerFieldNames();                                        // "project_id, project_name, ..."

// Status words as real ledgers write them (计划, 未开工, 在建, 施工中, 主体完工, 已完工, 竣工, 已验收,
// 交付使用, ...) and the stored words; nullopt for anything else.
[[nodiscard]] std::optional<progress::Stage> parseLedgerStatus(const std::string& word);
[[nodiscard]] std::string acceptedStatusWords();  // "计划, 未开工, ..." for messages

enum class LedgerKind { Venue,
                        VillageVenue,
                        CommunityVenue,
                        Housing };  // Venue: by the village's kind
[[nodiscard]] std::optional<LedgerKind> parseLedgerKind(const std::string& s);

struct LedgerColumn {
    LedgerField field;
    std::size_t column = 0;  // index into the table's columns
    std::string name;        // the column's name as the ledger writes it
    std::string how;         // "detected", "given (--map)", "saved mapping"
};

struct LedgerOptions {
    std::string asOf;                                      // ISO date of the snapshot (required)
    std::optional<LedgerKind> kind;                        // default: Venue
    std::vector<std::pair<std::string, std::string>> map;  // --map 列名=字段
    bool strict = false;                                   // any row error refuses the whole import
    bool saveMapping = true;                               // store the mapping used in ledger_mappings
    CoordSystem coords = CoordSystem::Cgcs2000;            // of lon/lat columns
    TableOptions table;
    std::string recordedAt;  // ISO UTC time of the save (an input)
    std::string who = "台账导入";
    // Called after each row written inside the transaction; returning false aborts and rolls back
    // (tests use it to fail mid-write).
    std::function<bool(std::size_t rowsWritten)> afterRow;
};

enum class LedgerChangeType { Added,
                              Moved,
                              Unchanged,
                              Backwards,
                              Vanished,
                              PlanChanged,
                              RowError };
[[nodiscard]] const char* ledgerChangeWord(LedgerChangeType t);    // "added", ...
[[nodiscard]] const char* ledgerChangeNameZh(LedgerChangeType t);  // 新增, 状态推进, ...

struct LedgerChange {
    LedgerChangeType type = LedgerChangeType::Unchanged;
    std::int64_t row = 0;  // ledger row (0 for vanished projects)
    std::string projectId, name, countyCode;
    std::string from, to;  // stages (Chinese) or dates
    std::string date;      // the date the history row gets
    std::string rule;      // join rule that matched the row: code, name, location
    std::string message;   // Chinese sentence for the planner
};

struct LedgerPlan {
    std::string file, sheet, encoding;
    int headerRow = 0;
    std::size_t rows = 0;
    std::vector<LedgerColumn> mapping;
    std::vector<LedgerChange> changes;               // one per ledger row, then the vanished projects
    std::vector<progress::Project> newProjects;      // to insert
    std::vector<progress::StatusChange> newHistory;  // to append
    std::vector<std::string> ledgerCounties;         // county codes the ledger speaks about
    [[nodiscard]] std::size_t count(LedgerChangeType t) const;
    [[nodiscard]] bool refused(bool strict) const { return strict && count(LedgerChangeType::RowError) > 0; }
    [[nodiscard]] std::string text() const;  // the report printed by the CLI (Chinese)
};

// Reads the ledger and the project and works out the changes. Errors only for unusable input
// (missing file, empty sheet, no status column, duplicate project ids, ...); row problems are
// RowError changes.
[[nodiscard]] Result<LedgerPlan> planLedgerImport(const std::string& projectPath, const std::string& ledgerPath,
                                                  const LedgerOptions& options);

// Writes the plan's projects, history rows and the mapping in one transaction. Refused (nothing
// written) when `options.strict` and any row failed.
[[nodiscard]] Status applyLedgerPlan(const std::string& projectPath, const LedgerPlan& plan, const LedgerOptions& options);

}  // namespace hongtu::geo
