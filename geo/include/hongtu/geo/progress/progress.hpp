#pragma once
// Construction progress as of a date: each project's status history, its status on any day,
// the derived categories (not started, in progress, due soon, overdue, completed, accepted),
// tallies per county / township / city, progress against the programme's targets, and the
// validation of new status changes. Pure functions of the data and a date: "today" is always
// an argument. Reading and saving live in progress/store.hpp.
//
// Boundary rule (docs/progress.md): the status of a project AS OF day D is the last change
// dated on or before D. A change dated D counts on D; ranges are closed at the as-of end.
// Among changes of the same day, the one recorded last counts.

#include <array>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "hongtu/geo/codes.hpp"
#include "hongtu/geo/feature.hpp"
#include "hongtu/geo/result.hpp"

namespace hongtu::geo::progress {

// The recorded stages, in the only order a project may move through them.
enum class Stage : std::uint8_t { Planned = 0,
                                  UnderConstruction = 1,
                                  Completed = 2,
                                  Accepted = 3 };

[[nodiscard]] const char* stageWord(Stage s);    // "planned", "under_construction", "completed", "accepted"
[[nodiscard]] const char* stageNameZh(Stage s);  // 计划, 在建, 完工, 验收
// Accepts the stored words and the Chinese names (ASCII case and surrounding blanks ignored).
[[nodiscard]] std::optional<Stage> parseStage(std::string_view word);

enum class ProjectKind : std::uint8_t { VillageVenue = 0,
                                        CommunityVenue = 1,
                                        TownshipHousing = 2 };
inline constexpr std::size_t kProjectKindCount = 3;

[[nodiscard]] const char* kindWord(ProjectKind k);    // "village_venue", "community_venue", "township_housing"
[[nodiscard]] const char* kindNameZh(ProjectKind k);  // 村级组织活动场所, 社区活动场所, 乡镇周转房及"五小"

// What a map symbol or a list shows for a project on the as-of day; exactly one per project.
// Precedence: Unplanned, then Accepted, Completed, then Overdue, DueSoon, then InProgress,
// NotStarted. Overdue and due soon apply to unfinished projects, started or not.
enum class Category : std::uint8_t {
    Unplanned = 0,  // every recorded change is dated after D: not yet in the programme on D
    NotStarted,     // no change yet (undated plan) or only "planned"
    InProgress,     // under construction, not late, not due soon
    DueSoon,        // unfinished, planned completion within the next N days (0..N, D itself included)
    Overdue,        // unfinished, planned completion before D
    Completed,
    Accepted,
};
inline constexpr std::size_t kCategoryCount = 7;
[[nodiscard]] const char* categoryWord(Category c);    // "unplanned", "not_started", ... "accepted"
[[nodiscard]] const char* categoryNameZh(Category c);  // 未列入, 未开工, 在建, 临期, 逾期, 已完工, 已验收

// --- The data, as read from the project ------------------------------------------------------

struct Project {
    std::string id;  // project_id, unique across the project tables
    ProjectKind kind = ProjectKind::VillageVenue;
    std::string name;          // village or township name
    std::string villageCode;   // 12 digits; empty for township housing
    std::string townshipCode;  // 9 digits
    std::string countyCode;    // 6 digits
    std::optional<Date> plannedStart;
    std::optional<Date> plannedCompletion;
    std::int64_t budgetYuan = 0;
    std::string table;         // source table, for messages
    std::int64_t row = 0;      // feature id in that table
    std::int64_t version = 0;  // row_version in a PostGIS project (0 = not versioned)
};

struct StatusChange {
    std::string projectId;
    Stage stage = Stage::Planned;
    Date date;  // the day the change happened (not the day it was typed)
    std::string note;
    std::string who;                // empty in rows written before the history columns existed
    std::string recordedAt;         // ISO 8601 UTC timestamp of the save; empty likewise
    std::optional<Stage> previous;  // stage before this change, as recorded
    std::int64_t row = 0;           // feature id in status_history; 0 until saved
};

struct Area {
    std::string code;
    std::string name;        // empty when the code is not in the project's counties/townships layer
    std::string countyCode;  // townships only
};

struct ProgressData {
    std::vector<Project> projects;
    std::vector<StatusChange> history;  // in recording order (row order of status_history)
    std::vector<Area> counties;
    std::vector<Area> townships;
    std::string source;  // file the data came from, for messages
};

// --- The fast, date-independent index --------------------------------------------------------

// Per project (same order as the projects), and the per-project changes sorted by day, so that
// the status on a new day is one binary search per project. Build once, evaluate often.
struct ProjectRow {
    std::uint32_t county = 0;    // index into the model's counties
    std::uint32_t township = 0;  // index into the model's townships
    ProjectKind kind = ProjectKind::VillageVenue;
    std::int32_t plannedCompletionDay = kNoDay;  // days since 1970-01-01, kNoDay when unknown
    std::int64_t budgetYuan = 0;
    static constexpr std::int32_t kNoDay = std::numeric_limits<std::int32_t>::min();
};

struct ChangeRow {
    std::uint32_t project = 0;  // index into the projects
    std::int32_t day = 0;       // days since 1970-01-01
    Stage stage = Stage::Planned;
};

struct ProgressOptions {
    int dueSoonDays = 30;  // "due soon": planned completion within this many days of D
};

// The state of one project on the as-of day.
struct ProjectState {
    std::int8_t stage = -1;  // Stage as a number, -1 = no change on or before D
    Category category = Category::Unplanned;
    std::int32_t daysToDue = ProjectRow::kNoDay;  // planned completion - D; negative = days late

    [[nodiscard]] std::optional<Stage> currentStage() const {
        return stage < 0 ? std::nullopt : std::optional<Stage>(static_cast<Stage>(stage));
    }
};

// Counts for one area (or one kind of project in one area) on the as-of day.
// Cumulative columns: started includes completed and accepted; completed includes accepted.
struct Tally {
    std::int64_t planned = 0;  // in the programme on D (a change on or before D, or no dated change)
    std::int64_t notStarted = 0;
    std::int64_t started = 0;     // under construction or beyond
    std::int64_t inProgress = 0;  // under construction, not yet completed
    std::int64_t completed = 0;   // completed or accepted
    std::int64_t accepted = 0;
    std::int64_t overdue = 0;
    std::int64_t dueSoon = 0;
    std::int64_t budgetPlannedYuan = 0;
    std::int64_t budgetStartedYuan = 0;  // budget of projects started, completed or accepted

    // completed / planned; nullopt when nothing is planned ("none planned" is not 0%).
    [[nodiscard]] std::optional<double> completionRate() const {
        if (planned == 0) return std::nullopt;
        return static_cast<double>(completed) / static_cast<double>(planned);
    }
    void add(const Tally& o);
    friend bool operator==(const Tally&, const Tally&) = default;
};

struct AreaTally {
    Tally all;
    std::array<Tally, kProjectKindCount> byKind{};
};

// Everything that depends on the as-of day: every project's state and the county tallies.
struct Snapshot {
    Date asOf;
    ProgressOptions options;
    std::vector<ProjectState> states;  // one per project, in project order
    std::vector<AreaTally> counties;   // one per county, in the model's county order
    AreaTally city;                    // all projects
};

class ProgressIndex {
public:
    ProgressIndex() = default;
    // Sorts the changes per project by day (stable: same-day changes keep their order).
    // Contract: every change's project < projects.size(), county < countyCount.
    [[nodiscard]] static ProgressIndex build(std::vector<ProjectRow> projects, std::span<const ChangeRow> changes,
                                             std::size_t countyCount, std::size_t townshipCount);

    [[nodiscard]] std::size_t projectCount() const { return projects_.size(); }
    [[nodiscard]] std::size_t changeCount() const { return changeDay_.size(); }
    [[nodiscard]] const ProjectRow& project(std::size_t i) const { return projects_[i]; }
    [[nodiscard]] std::size_t countyCount() const { return countyCount_; }
    [[nodiscard]] std::size_t townshipCount() const { return townshipCount_; }

    // Stage of project i as of `day` (binary search), nullopt when none.
    [[nodiscard]] std::optional<Stage> stageAsOf(std::size_t i, std::int32_t day) const;
    [[nodiscard]] ProjectState stateAsOf(std::size_t i, std::int32_t day, const ProgressOptions& options) const;

    // All project states plus county and city tallies for one day; O(projects · log changes).
    [[nodiscard]] Snapshot evaluate(Date asOf, const ProgressOptions& options) const;
    // Same, reusing `out`'s storage (no allocation after the first call): for sliders and benches.
    void evaluate(Date asOf, const ProgressOptions& options, Snapshot& out) const;

    // Day of the first change of project i, or nullopt when it has none.
    [[nodiscard]] std::optional<std::int32_t> firstDay(std::size_t i) const;

private:
    std::vector<ProjectRow> projects_;
    std::vector<std::uint32_t> changeBegin_;  // projects+1 offsets into the change arrays
    std::vector<std::int32_t> changeDay_;
    std::vector<Stage> changeStage_;
    std::size_t countyCount_ = 0;
    std::size_t townshipCount_ = 0;
};

// --- The model -------------------------------------------------------------------------------

struct AreaProgress {
    Area area;  // for the city: code = common prefix of the county codes, name = "全市"
    AreaTally tally;
};

struct LateEntry {
    std::size_t project = 0;     // index into ProgressModel::projects()
    std::int32_t daysToDue = 0;  // negative = days late
};

// Progress against the programme's goals (DOMAIN.md: 778 village and 44 community venues,
// 124 township housing projects over two years).
struct ProgrammeTargets {
    std::array<std::int64_t, kProjectKindCount> count{778, 44, 124};
};

struct TargetProgress {
    ProjectKind kind = ProjectKind::VillageVenue;
    std::int64_t target = 0;
    Tally tally;
    // completed / target; nullopt when the target is 0.
    [[nodiscard]] std::optional<double> shareOfTarget() const {
        if (target <= 0) return std::nullopt;
        return static_cast<double>(tally.completed) / static_cast<double>(target);
    }
};

class ProgressModel {
public:
    // Checks the data: project ids unique and non-empty, every history row names a known
    // project. The error names the table and row. Areas missing from the counties/townships
    // lists are added (with empty names) so every project has one.
    [[nodiscard]] static Result<ProgressModel> create(ProgressData data);

    [[nodiscard]] const ProgressData& data() const { return data_; }
    [[nodiscard]] const std::vector<Project>& projects() const { return data_.projects; }
    [[nodiscard]] const std::vector<Area>& counties() const { return data_.counties; }
    [[nodiscard]] const std::vector<Area>& townships() const { return data_.townships; }
    [[nodiscard]] const ProgressIndex& index() const { return index_; }
    [[nodiscard]] std::optional<std::size_t> indexOf(std::string_view projectId) const;

    // Changes of one project in effective order (by day, then recording order).
    [[nodiscard]] std::vector<const StatusChange*> historyOf(std::size_t project) const;
    // The last change of a project in effective order (the one new changes must follow).
    [[nodiscard]] const StatusChange* latestChange(std::size_t project) const;

    [[nodiscard]] Snapshot evaluate(Date asOf, const ProgressOptions& options = {}) const {
        return index_.evaluate(asOf, options);
    }
    // Tallies per area at `level` (County: from the snapshot; Township: one more pass;
    // City: one row). Areas keep the model's order (the counties/townships layer order).
    // A project is one city's: Province and Village give no rows (per-project rows are states).
    [[nodiscard]] std::vector<AreaProgress> tallies(const Snapshot& s, AdminLevel level) const;
    // Unfinished projects late on the as-of day, most days late first (then by project id);
    // with dueSoon = true, those due within options.dueSoonDays instead, soonest first.
    [[nodiscard]] std::vector<LateEntry> lateProjects(const Snapshot& s, bool dueSoon = false) const;
    [[nodiscard]] std::vector<TargetProgress> targetProgress(const Snapshot& s, const ProgrammeTargets& t = {}) const;

    // A new model with `changes` appended to the history (they must already be validated).
    [[nodiscard]] ProgressModel withChanges(const std::vector<StatusChange>& changes) const;

    // Name of a county code ("" when unknown), e.g. "兴县".
    [[nodiscard]] std::string countyName(const std::string& code) const;

private:
    ProgressModel() = default;
    void rebuild();
    ProgressData data_;
    ProgressIndex index_;
    std::unordered_map<std::string, std::size_t> byId_;
    std::vector<std::uint32_t> changeOrder_;  // history indices grouped per project, effective order
    std::vector<std::uint32_t> changeBegin_;  // projects+1 offsets into changeOrder_
};

// --- Edits -----------------------------------------------------------------------------------

// A status change as typed in a form or read from a spreadsheet row, not yet checked.
struct ChangeRequest {
    std::string projectId;
    std::string status;  // "completed" or "完工"
    std::string date;    // as typed: 2018-07-01, 2018/7/1, 2018年7月1日
    std::string note;
    std::string who;
    std::int64_t row = 0;  // 1-based row or line in the batch's source, for messages; 0 = single edit
};

struct BatchCheck {
    std::vector<StatusChange> changes;  // the validated changes, when problems is empty
    std::vector<Error> problems;        // one per refused row, each naming the row and project
    std::size_t batchSize = 0;
    [[nodiscard]] bool ok() const { return problems.empty(); }
    // All problems in one message: "3 of 5 changes refused, nothing was saved: ..."
    [[nodiscard]] Error summary() const;
};

// Checks a batch against the model and against the earlier rows of the same batch, in order.
// Refused: unknown project, unknown status word, a date that does not parse, a date after
// `today`, a date before the project's previous change, a move backwards or a repeat of the
// current stage, an empty `who`. `source` (file name) and the rows name where each problem is.
// `recordedAt` (ISO 8601 UTC) is stamped on every change; today is its date part.
[[nodiscard]] BatchCheck validateChanges(const ProgressModel& model, const std::vector<ChangeRequest>& batch,
                                         const std::string& recordedAt, const std::string& source = {});

// Undo/redo of the edits of one session, before they are saved. Each step is a validated batch;
// undoing a step forgets it (nothing was written yet); saved history is never rewritten.
class EditSession {
public:
    explicit EditSession(ProgressModel base);

    [[nodiscard]] const ProgressModel& current() const { return current_; }
    // Validates against current() and applies; on problems nothing changes.
    [[nodiscard]] BatchCheck apply(const std::vector<ChangeRequest>& batch, const std::string& recordedAt);
    [[nodiscard]] bool canUndo() const { return !done_.empty(); }
    [[nodiscard]] bool canRedo() const { return !undone_.empty(); }
    bool undo();
    bool redo();
    // The unsaved changes in order, for the store to append.
    [[nodiscard]] std::vector<StatusChange> pending() const;
    // After a successful save: `saved` (the reopened model) becomes the new base.
    void markSaved(ProgressModel saved);

    // For the save of a shared (PostGIS) project: the row_version of every project with an
    // unsaved change, as the editor saw it (the base's). Projects without a version are left out.
    [[nodiscard]] std::map<std::string, std::int64_t> expectedVersions() const;

    // The project was read again (a refresh, or another editor's change): `fresh` becomes the
    // base and the unsaved changes are re-applied on top of it, step by step. A change is
    // dropped, never silently kept, when another editor changed its project since (the
    // project's row_version moved on; PostGIS projects only, GeoPackage rows carry no version)
    // or when it no longer follows the history; each dropped change comes with its reason. The
    // redo steps are forgotten.
    struct Rebase {
        std::vector<StatusChange> dropped;
        std::vector<Error> reasons;          // one per dropped change
        std::vector<std::size_t> keptSteps;  // indices (in the old undo order) of the steps that remain
    };
    Rebase rebase(ProgressModel fresh);

private:
    ProgressModel base_;
    ProgressModel current_;
    std::vector<std::vector<StatusChange>> done_;
    std::vector<std::vector<StatusChange>> undone_;
};

}  // namespace hongtu::geo::progress
