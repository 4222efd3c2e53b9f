#include "hongtu/geo/progress/progress.hpp"

#include "hongtu/geo/dates.hpp"
#include "hongtu/geo/progress/errors.hpp"
#include "hongtu/geo/text.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <stdexcept>
#include <utility>

namespace hongtu::geo::progress {

// --- Words -------------------------------------------------------------------------------------

const char* stageWord(Stage s) {
    switch (s) {
        case Stage::Planned: return "planned";
        case Stage::UnderConstruction: return "under_construction";
        case Stage::Completed: return "completed";
        case Stage::Accepted: return "accepted";
    }
    return "planned";
}

const char* stageNameZh(Stage s) {
    switch (s) {
        case Stage::Planned: return "计划";
        case Stage::UnderConstruction: return "在建";
        case Stage::Completed: return "完工";
        case Stage::Accepted: return "验收";
    }
    return "计划";
}

std::optional<Stage> parseStage(std::string_view word) {
    const std::string w = lowerAscii(trim(word));
    for (Stage s : {Stage::Planned, Stage::UnderConstruction, Stage::Completed, Stage::Accepted})
        if (w == stageWord(s) || w == stageNameZh(s)) return s;
    if (w == "under construction") return Stage::UnderConstruction;
    return std::nullopt;
}

const char* kindWord(ProjectKind k) {
    switch (k) {
        case ProjectKind::VillageVenue: return "village_venue";
        case ProjectKind::CommunityVenue: return "community_venue";
        case ProjectKind::TownshipHousing: return "township_housing";
    }
    return "village_venue";
}

const char* kindNameZh(ProjectKind k) {
    switch (k) {
        case ProjectKind::VillageVenue: return "村级组织活动场所";
        case ProjectKind::CommunityVenue: return "社区活动场所";
        case ProjectKind::TownshipHousing: return "乡镇周转房及“五小”";
    }
    return "村级组织活动场所";
}

const char* categoryWord(Category c) {
    switch (c) {
        case Category::Unplanned: return "unplanned";
        case Category::NotStarted: return "not_started";
        case Category::InProgress: return "in_progress";
        case Category::DueSoon: return "due_soon";
        case Category::Overdue: return "overdue";
        case Category::Completed: return "completed";
        case Category::Accepted: return "accepted";
    }
    return "unplanned";
}

const char* categoryNameZh(Category c) {
    switch (c) {
        case Category::Unplanned: return "未列入";
        case Category::NotStarted: return "未开工";
        case Category::InProgress: return "在建";
        case Category::DueSoon: return "临期";
        case Category::Overdue: return "逾期";
        case Category::Completed: return "已完工";
        case Category::Accepted: return "已验收";
    }
    return "未列入";
}

// --- Tally ---------------------------------------------------------------------------------------

void Tally::add(const Tally& o) {
    planned += o.planned;
    notStarted += o.notStarted;
    started += o.started;
    inProgress += o.inProgress;
    completed += o.completed;
    accepted += o.accepted;
    overdue += o.overdue;
    dueSoon += o.dueSoon;
    budgetPlannedYuan += o.budgetPlannedYuan;
    budgetStartedYuan += o.budgetStartedYuan;
}

namespace {

inline void countInto(Tally& t, const ProjectState& s, std::int64_t budget) {
    if (s.category == Category::Unplanned) return;
    ++t.planned;
    t.budgetPlannedYuan += budget;
    if (s.stage >= static_cast<std::int8_t>(Stage::UnderConstruction)) {
        ++t.started;
        t.budgetStartedYuan += budget;
        if (s.stage >= static_cast<std::int8_t>(Stage::Completed)) {
            ++t.completed;
            if (s.stage == static_cast<std::int8_t>(Stage::Accepted)) ++t.accepted;
        } else {
            ++t.inProgress;
        }
    } else {
        ++t.notStarted;
    }
    if (s.category == Category::Overdue) ++t.overdue;
    else if (s.category == Category::DueSoon) ++t.dueSoon;
}

inline void countInto(AreaTally& t, const ProjectState& s, const ProjectRow& p) {
    countInto(t.all, s, p.budgetYuan);
    countInto(t.byKind[static_cast<std::size_t>(p.kind)], s, p.budgetYuan);
}

}  // namespace

// --- ProgressIndex ---------------------------------------------------------------------------------

ProgressIndex ProgressIndex::build(std::vector<ProjectRow> projects, std::span<const ChangeRow> changes,
                                   std::size_t countyCount, std::size_t townshipCount) {
    ProgressIndex ix;
    const std::size_t n = projects.size();
    ix.projects_ = std::move(projects);
    ix.countyCount_ = countyCount;
    ix.townshipCount_ = townshipCount;
    for (const auto& p : ix.projects_)
        if (p.county >= countyCount) throw std::invalid_argument("ProgressIndex::build: county index out of range");

    // Counting sort by project keeps the recording order inside each project.
    ix.changeBegin_.assign(n + 1, 0);
    for (const auto& c : changes) {
        if (c.project >= n) throw std::invalid_argument("ProgressIndex::build: project index out of range");
        ++ix.changeBegin_[c.project + 1];
    }
    for (std::size_t i = 0; i < n; ++i) ix.changeBegin_[i + 1] += ix.changeBegin_[i];
    std::vector<std::pair<std::int32_t, Stage>> placed(changes.size());
    {
        std::vector<std::uint32_t> next(ix.changeBegin_.begin(), ix.changeBegin_.end() - 1);
        for (const auto& c : changes) placed[next[c.project]++] = {c.day, c.stage};
    }
    for (std::size_t i = 0; i < n; ++i) {
        auto b = placed.begin() + ix.changeBegin_[i], e = placed.begin() + ix.changeBegin_[i + 1];
        if (!std::is_sorted(b, e, [](const auto& x, const auto& y) { return x.first < y.first; }))
            std::stable_sort(b, e, [](const auto& x, const auto& y) { return x.first < y.first; });
    }
    ix.changeDay_.resize(placed.size());
    ix.changeStage_.resize(placed.size());
    for (std::size_t k = 0; k < placed.size(); ++k) {
        ix.changeDay_[k] = placed[k].first;
        ix.changeStage_[k] = placed[k].second;
    }
    return ix;
}

std::optional<Stage> ProgressIndex::stageAsOf(std::size_t i, std::int32_t day) const {
    const std::int32_t* b = changeDay_.data() + changeBegin_[i];
    const std::int32_t* e = changeDay_.data() + changeBegin_[i + 1];
    const std::int32_t* it = std::upper_bound(b, e, day);  // first change after D: a change dated D counts
    if (it == b) return std::nullopt;
    return changeStage_[static_cast<std::size_t>(it - changeDay_.data()) - 1];
}

std::optional<std::int32_t> ProgressIndex::firstDay(std::size_t i) const {
    if (changeBegin_[i] == changeBegin_[i + 1]) return std::nullopt;
    return changeDay_[changeBegin_[i]];
}

ProjectState ProgressIndex::stateAsOf(std::size_t i, std::int32_t day, const ProgressOptions& options) const {
    const ProjectRow& p = projects_[i];
    ProjectState st;
    const std::uint32_t b = changeBegin_[i], e = changeBegin_[i + 1];
    if (p.plannedCompletionDay != ProjectRow::kNoDay) st.daysToDue = p.plannedCompletionDay - day;
    if (b != e && changeDay_[b] > day) return st;  // Unplanned: all its changes are after D
    if (auto stage = stageAsOf(i, day)) st.stage = static_cast<std::int8_t>(*stage);
    if (st.stage == static_cast<std::int8_t>(Stage::Accepted)) st.category = Category::Accepted;
    else if (st.stage == static_cast<std::int8_t>(Stage::Completed)) st.category = Category::Completed;
    else if (st.daysToDue != ProjectRow::kNoDay && st.daysToDue < 0) st.category = Category::Overdue;
    else if (st.daysToDue != ProjectRow::kNoDay && st.daysToDue <= options.dueSoonDays) st.category = Category::DueSoon;
    else if (st.stage == static_cast<std::int8_t>(Stage::UnderConstruction)) st.category = Category::InProgress;
    else st.category = Category::NotStarted;
    return st;
}

Snapshot ProgressIndex::evaluate(Date asOf, const ProgressOptions& options) const {
    Snapshot s;
    evaluate(asOf, options, s);
    return s;
}

namespace {

// Per (county, kind): how many projects are in each (stage, lateness) class, and their budget
// per stage. Counting classes instead of filling Tally structs keeps the per-project work to
// two memory updates; the tallies are derived once per county afterwards.
// Stage slot: 0 = no change (undated plan), 1 + Stage. Lateness: 0 none, 1 due soon, 2 overdue.
struct ClassCounts {
    std::array<std::uint32_t, 15> n{};
    std::array<std::int64_t, 5> budget{};
};

Tally tallyOf(const ClassCounts& c) {
    Tally t;
    for (int slot = 0; slot < 5; ++slot) {
        const std::int64_t none = c.n[static_cast<std::size_t>(slot * 3)], soon = c.n[static_cast<std::size_t>(slot * 3 + 1)],
                           late = c.n[static_cast<std::size_t>(slot * 3 + 2)];
        const std::int64_t all = none + soon + late;
        const std::int64_t budget = c.budget[static_cast<std::size_t>(slot)];
        t.planned += all;
        t.budgetPlannedYuan += budget;
        t.dueSoon += soon;
        t.overdue += late;
        const int stage = slot - 1;  // -1 = none
        if (stage >= static_cast<int>(Stage::UnderConstruction)) {
            t.started += all;
            t.budgetStartedYuan += budget;
            if (stage >= static_cast<int>(Stage::Completed)) t.completed += all;
            else t.inProgress += all;
            if (stage == static_cast<int>(Stage::Accepted)) t.accepted += all;
        } else {
            t.notStarted += all;
        }
    }
    return t;
}

}  // namespace

void ProgressIndex::evaluate(Date asOf, const ProgressOptions& options, Snapshot& out) const {
    const auto day = static_cast<std::int32_t>(asOf.daysSinceEpoch());
    const std::int32_t soonLimit = options.dueSoonDays;
    out.asOf = asOf;
    out.options = options;
    out.states.resize(projects_.size());
    std::vector<ClassCounts> counts(countyCount_ * kProjectKindCount);

    const std::int32_t* days = changeDay_.data();
    const Stage* stages = changeStage_.data();
    const std::uint32_t* begin = changeBegin_.data();
    for (std::size_t i = 0; i < projects_.size(); ++i) {
        const ProjectRow& p = projects_[i];
        ProjectState st;
        const std::uint32_t b = begin[i], e = begin[i + 1];
        if (p.plannedCompletionDay != ProjectRow::kNoDay) st.daysToDue = p.plannedCompletionDay - day;
        if (b != e && days[b] > day) {  // every change after D: not in the programme yet
            out.states[i] = st;
            continue;
        }
        // Branch-free binary search for the last change on or before D (a change dated D counts).
        const std::int32_t* base = days + b;
        std::uint32_t len = e - b;
        while (len > 1) {
            const std::uint32_t half = len / 2;
            base = base[half] <= day ? base + half : base;
            len -= half;
        }
        const int stage = len == 0 ? -1 : static_cast<int>(stages[base - days]);
        st.stage = static_cast<std::int8_t>(stage);
        const bool done = stage >= static_cast<int>(Stage::Completed);
        const bool dated = st.daysToDue != ProjectRow::kNoDay;
        const int lateness = done || !dated ? 0 : st.daysToDue < 0        ? 2
                                              : st.daysToDue <= soonLimit ? 1
                                                                          : 0;
        if (stage == static_cast<int>(Stage::Accepted)) st.category = Category::Accepted;
        else if (done) st.category = Category::Completed;
        else if (lateness == 2) st.category = Category::Overdue;
        else if (lateness == 1) st.category = Category::DueSoon;
        else if (stage == static_cast<int>(Stage::UnderConstruction)) st.category = Category::InProgress;
        else st.category = Category::NotStarted;
        out.states[i] = st;

        ClassCounts& c = counts[p.county * kProjectKindCount + static_cast<std::size_t>(p.kind)];
        const auto slot = static_cast<std::size_t>(stage + 1);
        ++c.n[slot * 3 + static_cast<std::size_t>(lateness)];
        c.budget[slot] += p.budgetYuan;
    }

    out.counties.assign(countyCount_, AreaTally{});
    out.city = AreaTally{};
    for (std::size_t county = 0; county < countyCount_; ++county) {
        AreaTally& t = out.counties[county];
        for (std::size_t k = 0; k < kProjectKindCount; ++k) {
            t.byKind[k] = tallyOf(counts[county * kProjectKindCount + k]);
            t.all.add(t.byKind[k]);
            out.city.byKind[k].add(t.byKind[k]);
        }
        out.city.all.add(t.all);
    }
}

// --- ProgressModel ---------------------------------------------------------------------------------

Result<ProgressModel> ProgressModel::create(ProgressData data) {
    ProgressModel m;
    for (std::size_t i = 0; i < data.projects.size(); ++i) {
        const auto& p = data.projects[i];
        if (p.id.empty()) return Error{"the project has no project_id", data.source, p.table, p.row};
        auto [it, inserted] = m.byId_.emplace(p.id, i);
        if (!inserted) {
            const auto& first = data.projects[it->second];
            return Error{"project_id '" + p.id + "' appears twice (also in " + first.table + " row " +
                             std::to_string(first.row) + "); every project needs its own id",
                         data.source, p.table, p.row};
        }
    }
    for (const auto& c : data.history)
        if (!m.byId_.count(c.projectId))
            return Error{"the status change names project '" + c.projectId +
                             "', which is in neither venue_projects nor housing_projects",
                         data.source, "status_history", c.row};

    // Every project gets a county and a township, named or not.
    auto complete = [](std::vector<Area>& areas, const std::string& code, const std::string& countyCode) {
        if (code.empty()) return;
        for (const auto& a : areas)
            if (a.code == code) return;
        areas.push_back({code, "", countyCode});
    };
    for (const auto& p : data.projects) {
        complete(data.counties, p.countyCode, "");
        complete(data.townships, p.townshipCode, p.countyCode);
    }
    if (data.counties.empty()) data.counties.push_back({"", "", ""});
    if (data.townships.empty()) data.townships.push_back({"", "", ""});
    m.data_ = std::move(data);
    m.rebuild();
    return m;
}

void ProgressModel::rebuild() {
    const auto& d = data_;
    byId_.clear();
    for (std::size_t i = 0; i < d.projects.size(); ++i) byId_.emplace(d.projects[i].id, i);
    std::unordered_map<std::string, std::uint32_t> county, township;
    for (std::size_t i = 0; i < d.counties.size(); ++i) county.emplace(d.counties[i].code, static_cast<std::uint32_t>(i));
    for (std::size_t i = 0; i < d.townships.size(); ++i) township.emplace(d.townships[i].code, static_cast<std::uint32_t>(i));

    std::vector<ProjectRow> rows(d.projects.size());
    for (std::size_t i = 0; i < d.projects.size(); ++i) {
        const auto& p = d.projects[i];
        auto& r = rows[i];
        r.kind = p.kind;
        r.budgetYuan = p.budgetYuan;
        if (p.plannedCompletion) r.plannedCompletionDay = static_cast<std::int32_t>(p.plannedCompletion->daysSinceEpoch());
        if (auto it = county.find(p.countyCode); it != county.end()) r.county = it->second;
        if (auto it = township.find(p.townshipCode); it != township.end()) r.township = it->second;
    }

    // History grouped per project in effective order (by date; same day: recording order).
    const std::size_t n = d.projects.size();
    std::vector<std::uint32_t> projectOf(d.history.size());
    changeBegin_.assign(n + 1, 0);
    for (std::size_t k = 0; k < d.history.size(); ++k) {
        projectOf[k] = static_cast<std::uint32_t>(byId_.at(d.history[k].projectId));
        ++changeBegin_[projectOf[k] + 1];
    }
    for (std::size_t i = 0; i < n; ++i) changeBegin_[i + 1] += changeBegin_[i];
    changeOrder_.assign(d.history.size(), 0);
    {
        std::vector<std::uint32_t> next(changeBegin_.begin(), changeBegin_.end() - 1);
        for (std::size_t k = 0; k < d.history.size(); ++k) changeOrder_[next[projectOf[k]]++] = static_cast<std::uint32_t>(k);
    }
    std::vector<ChangeRow> changes;
    changes.reserve(d.history.size());
    for (std::size_t i = 0; i < n; ++i) {
        auto b = changeOrder_.begin() + changeBegin_[i], e = changeOrder_.begin() + changeBegin_[i + 1];
        std::stable_sort(b, e, [&](std::uint32_t x, std::uint32_t y) { return d.history[x].date < d.history[y].date; });
        for (auto it = b; it != e; ++it)
            changes.push_back({static_cast<std::uint32_t>(i), static_cast<std::int32_t>(d.history[*it].date.daysSinceEpoch()),
                               d.history[*it].stage});
    }
    index_ = ProgressIndex::build(std::move(rows), changes, d.counties.size(), d.townships.size());
}

std::optional<std::size_t> ProgressModel::indexOf(std::string_view projectId) const {
    auto it = byId_.find(std::string(trim(projectId)));
    if (it == byId_.end()) return std::nullopt;
    return it->second;
}

std::vector<const StatusChange*> ProgressModel::historyOf(std::size_t project) const {
    std::vector<const StatusChange*> out;
    for (auto k = changeBegin_[project]; k < changeBegin_[project + 1]; ++k) out.push_back(&data_.history[changeOrder_[k]]);
    return out;
}

const StatusChange* ProgressModel::latestChange(std::size_t project) const {
    if (changeBegin_[project] == changeBegin_[project + 1]) return nullptr;
    return &data_.history[changeOrder_[changeBegin_[project + 1] - 1]];
}

std::vector<AreaProgress> ProgressModel::tallies(const Snapshot& s, AdminLevel level) const {
    std::vector<AreaProgress> out;
    switch (level) {
        case AdminLevel::County:
            for (std::size_t i = 0; i < data_.counties.size() && i < s.counties.size(); ++i)
                out.push_back({data_.counties[i], s.counties[i]});
            break;
        case AdminLevel::Township: {
            std::vector<AreaTally> t(data_.townships.size());
            for (std::size_t i = 0; i < s.states.size(); ++i) {
                const auto& p = index_.project(i);
                countInto(t[p.township], s.states[i], p);
            }
            for (std::size_t i = 0; i < t.size(); ++i) out.push_back({data_.townships[i], t[i]});
            break;
        }
        case AdminLevel::Province:
        case AdminLevel::Village: break;
        case AdminLevel::City: {
            // The city code is the common 4-digit prefix of the county codes (1411 for Lüliang).
            std::string code = data_.counties.empty() ? "" : data_.counties.front().code.substr(0, 4);
            for (const auto& c : data_.counties)
                if (c.code.compare(0, 4, code) != 0) code.clear();
            out.push_back({{code, "全市", ""}, s.city});
            break;
        }
    }
    return out;
}

std::vector<LateEntry> ProgressModel::lateProjects(const Snapshot& s, bool dueSoon) const {
    std::vector<LateEntry> out;
    const Category wanted = dueSoon ? Category::DueSoon : Category::Overdue;
    for (std::size_t i = 0; i < s.states.size(); ++i)
        if (s.states[i].category == wanted) out.push_back({i, s.states[i].daysToDue});
    std::sort(out.begin(), out.end(), [this](const LateEntry& a, const LateEntry& b) {
        if (a.daysToDue != b.daysToDue) return a.daysToDue < b.daysToDue;
        return data_.projects[a.project].id < data_.projects[b.project].id;
    });
    return out;
}

std::vector<TargetProgress> ProgressModel::targetProgress(const Snapshot& s, const ProgrammeTargets& t) const {
    std::vector<TargetProgress> out;
    for (std::size_t k = 0; k < kProjectKindCount; ++k)
        out.push_back({static_cast<ProjectKind>(k), t.count[k], s.city.byKind[k]});
    return out;
}

ProgressModel ProgressModel::withChanges(const std::vector<StatusChange>& changes) const {
    ProgressModel m;
    m.data_ = data_;
    m.data_.history.insert(m.data_.history.end(), changes.begin(), changes.end());
    m.rebuild();
    return m;
}

std::string ProgressModel::countyName(const std::string& code) const {
    for (const auto& c : data_.counties)
        if (c.code == code) return c.name;
    return {};
}

// --- Edits -----------------------------------------------------------------------------------------

Error BatchCheck::summary() const {
    if (problems.empty()) return Error{"no problems", {}, {}, {}};
    std::string msg = std::to_string(problems.size()) + " of " + std::to_string(batchSize) +
                      (batchSize == 1 ? " change" : " changes") + " refused, nothing was saved:";
    for (const auto& p : problems) {
        Error local = p;
        local.file.clear();  // named once, in the summary
        msg += "\n  " + local.toString();
    }
    return Error{msg, problems.front().file, {}, {}};
}

BatchCheck validateChanges(const ProgressModel& model, const std::vector<ChangeRequest>& batch,
                           const std::string& recordedAt, const std::string& source) {
    const auto today = parseFlexibleDate(recordedAt, false);
    if (!today) throw std::invalid_argument("validateChanges: recordedAt '" + recordedAt + "' is not an ISO date-time");
    BatchCheck out;
    out.batchSize = batch.size();
    // The latest accepted change per project, including the earlier rows of this batch.
    std::unordered_map<std::size_t, std::pair<Stage, Date>> latest;
    for (const auto& r : batch) {
        const std::optional<std::int64_t> row = r.row > 0 ? std::optional<std::int64_t>(r.row) : std::nullopt;
        const std::string id(trim(r.projectId));
        std::map<std::string, std::string> args{{"project", id}};
        auto refuse = [&](ErrorCode code) {
            Error e = progressError(code, args);
            e.file = source;
            e.row = row;
            out.problems.push_back(std::move(e));
        };
        if (id.empty()) {
            refuse(ErrorCode::ProgressProjectIdEmpty);
            continue;
        }
        const auto project = model.indexOf(id);
        if (!project) {
            refuse(ErrorCode::ProgressProjectUnknown);
            continue;
        }
        const auto stage = parseStage(r.status);
        args["status"] = stage ? std::string(stageWord(*stage)) : r.status;
        if (!stage) {
            refuse(ErrorCode::ProgressStatusUnknown);
            continue;
        }
        const auto date = parseFlexibleDate(r.date, false);
        args["date"] = date ? date->iso() : r.date;
        if (!date) {
            refuse(ErrorCode::ProgressDateInvalid);
            continue;
        }
        if (*date > *today) {
            args["today"] = today->iso();
            refuse(ErrorCode::ProgressDateAfterToday);
            continue;
        }
        if (trim(r.who).empty()) {
            refuse(ErrorCode::ProgressWhoMissing);
            continue;
        }
        std::optional<std::pair<Stage, Date>> previous;
        if (auto it = latest.find(*project); it != latest.end()) previous = it->second;
        else if (const auto* c = model.latestChange(*project)) previous = std::pair{c->stage, c->date};
        if (previous) {
            const auto [prevStage, prevDate] = *previous;
            args["prev_status"] = stageWord(prevStage);
            args["prev_date"] = prevDate.iso();
            if (*date < prevDate) {
                refuse(ErrorCode::ProgressDateBeforePrevious);
                continue;
            }
            if (*stage < prevStage) {
                refuse(ErrorCode::ProgressStatusBackwards);
                continue;
            }
            if (*stage == prevStage) {
                refuse(ErrorCode::ProgressStatusUnchanged);
                continue;
            }
        }
        StatusChange c;
        c.projectId = id;
        c.stage = *stage;
        c.date = *date;
        c.note = std::string(trim(r.note));
        c.who = std::string(trim(r.who));
        c.recordedAt = recordedAt;
        if (previous) c.previous = previous->first;
        latest[*project] = {*stage, *date};
        out.changes.push_back(std::move(c));
    }
    if (!out.ok()) out.changes.clear();
    return out;
}

// --- EditSession -----------------------------------------------------------------------------------

EditSession::EditSession(ProgressModel base) : base_(std::move(base)), current_(base_) {}

BatchCheck EditSession::apply(const std::vector<ChangeRequest>& batch, const std::string& recordedAt) {
    BatchCheck check = validateChanges(current_, batch, recordedAt);
    if (!check.ok() || check.changes.empty()) return check;
    current_ = current_.withChanges(check.changes);
    done_.push_back(check.changes);
    undone_.clear();
    return check;
}

bool EditSession::undo() {
    if (done_.empty()) return false;
    undone_.push_back(std::move(done_.back()));
    done_.pop_back();
    current_ = base_.withChanges(pending());
    return true;
}

bool EditSession::redo() {
    if (undone_.empty()) return false;
    done_.push_back(std::move(undone_.back()));
    undone_.pop_back();
    current_ = base_.withChanges(pending());
    return true;
}

std::vector<StatusChange> EditSession::pending() const {
    std::vector<StatusChange> out;
    for (const auto& step : done_) out.insert(out.end(), step.begin(), step.end());
    return out;
}

void EditSession::markSaved(ProgressModel saved) {
    base_ = std::move(saved);
    current_ = base_;
    done_.clear();
    undone_.clear();
}

std::map<std::string, std::int64_t> EditSession::expectedVersions() const {
    std::map<std::string, std::int64_t> out;
    for (const auto& step : done_)
        for (const auto& c : step)
            if (const auto p = base_.indexOf(c.projectId); p && base_.projects()[*p].version > 0)
                out[c.projectId] = base_.projects()[*p].version;
    return out;
}

EditSession::Rebase EditSession::rebase(ProgressModel fresh) {
    Rebase out;
    ProgressModel model = fresh;
    std::vector<std::vector<StatusChange>> kept;
    // The dropped change as the error's arguments.
    const auto changeArgs = [](const StatusChange& c) {
        return std::map<std::string, std::string>{{"project", c.projectId}, {"status", stageWord(c.stage)}, {"date", c.date.iso()}};
    };
    for (std::size_t i = 0; i < done_.size(); ++i) {
        // Changes of projects someone else moved on are dropped first; the rest are validated
        // again against the fresh history (as one batch, or one by one when that fails).
        std::vector<StatusChange> candidates;
        for (const auto& c : done_[i]) {
            const auto before = base_.indexOf(c.projectId);
            const auto now = fresh.indexOf(c.projectId);
            if (!now) {
                out.dropped.push_back(c);
                out.reasons.push_back(progressError(ErrorCode::ProgressProjectVanished, changeArgs(c)));
                continue;
            }
            const auto& p = fresh.projects()[*now];
            if (before && base_.projects()[*before].version != p.version) {
                auto args = changeArgs(c);
                if (const auto* l = fresh.latestChange(*now)) {
                    args["latest_status"] = stageWord(l->stage);
                    args["latest_date"] = l->date.iso();
                    if (!l->who.empty()) args["latest_who"] = l->who;
                }
                out.dropped.push_back(c);
                out.reasons.push_back(progressError(ErrorCode::ProgressChangedByOtherEditor, std::move(args)));
                continue;
            }
            candidates.push_back(c);
        }
        const auto requestOf = [](const StatusChange& c) {
            return ChangeRequest{c.projectId, stageWord(c.stage), c.date.iso(), c.note, c.who, 0};
        };
        const auto validate = [&](const std::vector<StatusChange>& changes) {
            std::vector<ChangeRequest> requests;
            for (const auto& c : changes) requests.push_back(requestOf(c));
            return validateChanges(model, requests, changes.front().recordedAt);
        };
        // `model` is always the fresh history plus every change kept so far.
        std::vector<StatusChange> step;
        if (!candidates.empty()) {
            if (BatchCheck all = validate(candidates); all.ok()) {
                step = std::move(all.changes);
                model = model.withChanges(step);
            } else {
                for (const auto& c : candidates) {
                    BatchCheck one = validate({c});
                    if (!one.ok()) {
                        out.dropped.push_back(c);
                        out.reasons.push_back(
                            progressError(ErrorCode::ProgressChangeDropped, changeArgs(c), {one.problems.front()}));
                        continue;
                    }
                    model = model.withChanges(one.changes);
                    step.push_back(one.changes.front());
                }
            }
        }
        if (step.empty()) continue;
        kept.push_back(std::move(step));
        out.keptSteps.push_back(i);
    }
    base_ = std::move(fresh);
    current_ = std::move(model);
    done_ = std::move(kept);
    undone_.clear();
    return out;
}

}  // namespace hongtu::geo::progress
