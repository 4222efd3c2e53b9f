#include "hongtu/geo/ledger.hpp"

#include <cpl_conv.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>
#include <sstream>
#include <unordered_map>

#include "gdal_support.hpp"
#include "hongtu/geo/codes.hpp"
#include "hongtu/geo/datasource.hpp"
#include "hongtu/geo/dates.hpp"
#include "hongtu/geo/names.hpp"
#include "hongtu/geo/progress/store.hpp"
#include "hongtu/geo/project_store.hpp"

namespace hongtu::geo {

// The progress vocabulary this file speaks (geo::progress).
using progress::kindWord;
using progress::parseStage;
using progress::Project;
using progress::ProjectKind;
using progress::readProgressData;
using progress::Stage;
using progress::stageNameZh;
using progress::stageWord;
using progress::StatusChange;

namespace {

struct FieldInfo {
    LedgerField field;
    const char* word;
    const char* zh;
    std::vector<const char*> synonyms;  // as planners write them (compared without spaces/width)
};

const std::vector<FieldInfo>& fieldTable() {
    static const std::vector<FieldInfo> t = {
        {LedgerField::ProjectId, "project_id", "项目编号", {"项目编号", "项目代码", "编号", "项目ID", "project_id"}},
        {LedgerField::ProjectName, "project_name", "项目名称", {"项目名称", "项目", "project_name"}},
        {LedgerField::VillageCode, "village_code", "村代码", {"村代码", "村编码", "村（社区）代码", "村级代码", "统计用区划代码", "区划代码", "village_code"}},
        {LedgerField::VillageName, "village_name", "村名", {"村名", "村名称", "村（社区）", "村（社区）名称", "行政村", "村（居）委会", "所在村", "village_name"}},
        {LedgerField::TownshipCode, "township_code", "乡镇代码", {"乡镇代码", "乡（镇）代码", "township_code"}},
        {LedgerField::Township, "township", "乡镇", {"乡镇", "乡（镇）", "乡镇（街道）", "乡（镇、街道）", "所在乡镇", "乡镇名称", "township", "township_name"}},
        {LedgerField::County, "county", "县（市、区）", {"县（市、区）", "县市区", "县区", "县", "所在县", "county"}},
        {LedgerField::PlannedStart, "planned_start", "计划开工", {"计划开工", "计划开工日期", "计划开工时间", "planned_start"}},
        {LedgerField::PlannedCompletion, "planned_completion", "计划完工", {"计划完工", "计划完工日期", "计划完工时间", "计划竣工", "计划竣工日期", "planned_completion"}},
        {LedgerField::BudgetWan, "budget_wan", "投资（万元）", {"投资（万元）", "预算（万元）", "总投资（万元）", "计划投资（万元）", "投资/预算（万元）", "budget_wan"}},
        {LedgerField::BudgetYuan, "budget_yuan", "投资（元）", {"投资（元）", "预算（元）", "总投资（元）", "budget_yuan"}},
        {LedgerField::Status, "status", "进度/状态", {"进度/状态", "进度", "状态", "建设状态", "建设进度", "当前进度", "项目进度", "status"}},
        {LedgerField::StartDate, "start_date", "开工日期", {"开工日期", "实际开工", "实际开工日期", "开工时间", "start_date"}},
        {LedgerField::CompletionDate, "completion_date", "完工日期", {"完工日期", "实际完工", "实际完工日期", "竣工日期", "完工时间", "completion_date"}},
        {LedgerField::AcceptanceDate, "acceptance_date", "验收日期", {"验收日期", "验收时间", "acceptance_date"}},
        {LedgerField::Lon, "lon", "经度", {"经度", "lon", "longitude"}},
        {LedgerField::Lat, "lat", "纬度", {"纬度", "lat", "latitude"}},
    };
    return t;
}

const FieldInfo& info(LedgerField f) {
    for (const auto& i : fieldTable())
        if (i.field == f) return i;
    return fieldTable().front();
}

struct StatusWord {
    const char* word;
    Stage stage;
};
const std::vector<StatusWord>& statusWords() {
    static const std::vector<StatusWord> w = {
        {"计划", Stage::Planned},
        {"未开工", Stage::Planned},
        {"待开工", Stage::Planned},
        {"前期", Stage::Planned},
        {"前期准备", Stage::Planned},
        {"在建", Stage::UnderConstruction},
        {"施工中", Stage::UnderConstruction},
        {"已开工", Stage::UnderConstruction},
        {"开工", Stage::UnderConstruction},
        {"建设中", Stage::UnderConstruction},
        {"主体完工", Stage::UnderConstruction},
        {"主体封顶", Stage::UnderConstruction},
        {"完工", Stage::Completed},
        {"已完工", Stage::Completed},
        {"竣工", Stage::Completed},
        {"已竣工", Stage::Completed},
        {"验收", Stage::Accepted},
        {"已验收", Stage::Accepted},
        {"交付使用", Stage::Accepted},
        {"已交付使用", Stage::Accepted},
        {"投入使用", Stage::Accepted},
    };
    return w;
}

std::optional<LedgerField> fieldOfHeader(const std::string& header) {
    const std::string h = normalizeWidthAndSpace(header);
    if (h.empty()) return std::nullopt;
    for (const auto& i : fieldTable())
        for (const char* s : i.synonyms)
            if (normalizeWidthAndSpace(s) == h) return i.field;
    const bool money = h.find("投资") != std::string::npos || h.find("预算") != std::string::npos || h.find("资金") != std::string::npos;
    if (money && h.find("万元") != std::string::npos) return LedgerField::BudgetWan;
    if (money && h.find("元") != std::string::npos) return LedgerField::BudgetYuan;
    return std::nullopt;
}

// Merged two-level headers: the row under the header names the sub-columns (计划时间 → 计划开工,
// 计划完工). Such a row holds only header words; its cells replace the names above them.
void mergeSubHeader(Table& t) {
    if (t.rows.empty()) return;
    const auto& first = t.rows.front();
    std::size_t filled = 0;
    for (const auto& c : first) {
        if (normalizeWidthAndSpace(c).empty()) continue;
        if (!fieldOfHeader(c)) return;
        ++filled;
    }
    if (filled == 0) return;
    for (std::size_t c = 0; c < first.size(); ++c)
        if (!normalizeWidthAndSpace(first[c]).empty()) t.columns[c] = first[c];
    t.headerRow = static_cast<int>(t.rowNumbers.front());
    t.rows.erase(t.rows.begin());
    t.rowNumbers.erase(t.rowNumbers.begin());
}

std::string stageZh(Stage s) { return stageNameZh(s); }

// Ids keep their case and inner characters; only surrounding blanks (also full-width) go.
std::string trimmed(const std::string& s) {
    std::size_t b = 0, e = s.size();
    auto blankAt = [&](std::size_t i, std::size_t& len) {
        if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n') return len = 1, true;
        if (s.compare(i, 3, "\xE3\x80\x80") == 0) return len = 3, true;  // ideographic space
        return false;
    };
    std::size_t len = 0;
    while (b < e && blankAt(b, len)) b += len;
    while (e > b) {
        if (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r' || s[e - 1] == '\n') --e;
        else if (e - b >= 3 && s.compare(e - 3, 3, "\xE3\x80\x80") == 0) e -= 3;
        else break;
    }
    return s.substr(b, e - b);
}

// Budget cells: "35.5", "35.50 ", "1,200"; nullopt for text.
std::optional<double> number(const std::string& cell) {
    std::string s;
    for (char c : normalizeWidthAndSpace(cell))
        if (c != ',') s += c;
    if (s.empty()) return std::nullopt;
    try {
        std::size_t used = 0;
        const double v = std::stod(s, &used);
        if (used != s.size() || !std::isfinite(v)) return std::nullopt;
        return v;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

using detail::GdalErrorCapture;

using detail::ScopedConfig;

std::string kindKey(const LedgerOptions& o) {
    const LedgerKind k = o.kind.value_or(LedgerKind::Venue);
    return k == LedgerKind::Housing ? "housing" : "venue";
}

std::vector<std::pair<std::string, std::string>> savedMapping(const std::string& projectPath, const std::string& kind) {
    std::vector<std::pair<std::string, std::string>> out;
    auto ds = DataSource::open(projectPath);
    if (!ds) return out;
    if (!ds->hasLayer("ledger_mappings")) return out;
    auto l = ds->readLayer("ledger_mappings");
    if (!l || !l->fieldIndex("kind") || !l->fieldIndex("field") || !l->fieldIndex("column")) return out;
    for (std::size_t i = 0; i < l->features.size(); ++i)
        if (toText(l->at(i, "kind")) == kind) out.emplace_back(toText(l->at(i, "column")), toText(l->at(i, "field")));
    return out;
}

}  // namespace

const char* ledgerFieldWord(LedgerField f) { return info(f).word; }
const char* ledgerFieldNameZh(LedgerField f) { return info(f).zh; }

std::optional<LedgerField> parseLedgerField(const std::string& word) {
    const std::string w = normalizeWidthAndSpace(word);
    for (const auto& i : fieldTable())
        if (w == i.word || w == normalizeWidthAndSpace(i.zh)) return i.field;
    return fieldOfHeader(word);
}

std::string ledgerFieldNames() {
    std::string s;
    for (const auto& i : fieldTable()) s += (s.empty() ? "" : ", ") + std::string(i.word) + "(" + i.zh + ")";
    return s;
}

std::optional<Stage> parseLedgerStatus(const std::string& word) {
    const std::string w = normalizeWidthAndSpace(word);
    for (const auto& s : statusWords())
        if (w == s.word) return s.stage;
    return parseStage(w);
}

std::string acceptedStatusWords() {
    std::string s;
    for (Stage st : {Stage::Planned, Stage::UnderConstruction, Stage::Completed, Stage::Accepted}) {
        s += (s.empty() ? "" : "；") + stageZh(st) + "：";
        bool first = true;
        for (const auto& w : statusWords())
            if (w.stage == st) {
                s += (first ? "" : "、") + std::string(w.word);
                first = false;
            }
    }
    return s;
}

std::optional<LedgerKind> parseLedgerKind(const std::string& s) {
    if (s == "venue") return LedgerKind::Venue;
    if (s == "village_venue") return LedgerKind::VillageVenue;
    if (s == "community_venue") return LedgerKind::CommunityVenue;
    if (s == "housing" || s == "township_housing") return LedgerKind::Housing;
    return std::nullopt;
}

const char* ledgerChangeWord(LedgerChangeType t) {
    switch (t) {
        case LedgerChangeType::Added: return "added";
        case LedgerChangeType::Moved: return "moved";
        case LedgerChangeType::Unchanged: return "unchanged";
        case LedgerChangeType::Backwards: return "backwards";
        case LedgerChangeType::Vanished: return "vanished";
        case LedgerChangeType::PlanChanged: return "plan_changed";
        case LedgerChangeType::RowError: return "row_error";
    }
    return "";
}

const char* ledgerChangeNameZh(LedgerChangeType t) {
    switch (t) {
        case LedgerChangeType::Added: return "新增";
        case LedgerChangeType::Moved: return "状态推进";
        case LedgerChangeType::Unchanged: return "无变化";
        case LedgerChangeType::Backwards: return "状态倒退（未应用）";
        case LedgerChangeType::Vanished: return "台账中消失（未应用）";
        case LedgerChangeType::PlanChanged: return "计划日期变更（未应用）";
        case LedgerChangeType::RowError: return "行错误";
    }
    return "";
}

std::size_t LedgerPlan::count(LedgerChangeType t) const {
    return static_cast<std::size_t>(std::count_if(changes.begin(), changes.end(), [t](const LedgerChange& c) { return c.type == t; }));
}

std::string LedgerPlan::text() const {
    std::ostringstream s;
    s << file << (sheet.empty() ? "" : " [" + sheet + "]") << "：编码 " << encoding << "，表头在第 " << headerRow << " 行，" << rows
      << " 行数据\n列对应：\n";
    for (const auto& m : mapping)
        s << "  " << ledgerFieldNameZh(m.field) << " (" << ledgerFieldWord(m.field) << ") ← 列“" << m.name << "”（" << m.how << "）\n";
    s << "变化：新增 " << count(LedgerChangeType::Added) << "，状态推进 " << count(LedgerChangeType::Moved) << "，无变化 "
      << count(LedgerChangeType::Unchanged) << "，状态倒退 " << count(LedgerChangeType::Backwards) << "，消失 "
      << count(LedgerChangeType::Vanished) << "，计划日期变更 " << count(LedgerChangeType::PlanChanged) << "，行错误 "
      << count(LedgerChangeType::RowError) << "；将写入 " << newProjects.size() << " 个项目、" << newHistory.size() << " 条状态记录\n";
    for (const auto& c : changes) {
        if (c.type == LedgerChangeType::Unchanged) continue;
        s << "  " << (c.row ? "第 " + std::to_string(c.row) + " 行" : std::string("—")) << " " << ledgerChangeNameZh(c.type);
        if (!c.projectId.empty()) s << " " << c.projectId;
        if (!c.name.empty()) s << " " << c.name;
        if (c.type == LedgerChangeType::Added || c.type == LedgerChangeType::Moved)
            s << " " << (c.from.empty() ? c.to : c.from + " → " + c.to) << (c.date.empty() ? "" : "（" + c.date + "）");
        if (!c.rule.empty()) s << " [匹配规则：" << c.rule << "]";
        if (!c.message.empty()) s << "：" << c.message;
        s << "\n";
    }
    return s.str();
}

Result<LedgerPlan> planLedgerImport(const std::string& projectPath, const std::string& ledgerPath, const LedgerOptions& opt) {
    const auto asOf = Date::parseIso(opt.asOf);
    if (!asOf) return Error{"--as-of '" + opt.asOf + "' is not a date; write it like 2018-06-30", ledgerPath, {}, {}};
    auto table = readTable(ledgerPath, opt.table);
    if (!table) return table.error();
    Table& t = *table;
    mergeSubHeader(t);
    if (t.rows.empty()) return Error{"the sheet holds no project rows under its header", t.file, t.sheet, t.headerRow};

    // The mapping: saved for this kind, then detected from the headers, then --map (wins).
    LedgerPlan plan;
    plan.file = t.file;
    plan.sheet = t.sheet;
    plan.encoding = t.encoding;
    plan.headerRow = t.headerRow;
    plan.rows = t.rows.size();
    std::map<LedgerField, LedgerColumn> mapping;
    for (std::size_t c = 0; c < t.columns.size(); ++c)
        if (auto f = fieldOfHeader(t.columns[c]); f && !mapping.count(*f)) mapping[*f] = {*f, c, t.columns[c], "表头识别"};
    const bool userMap = !opt.map.empty();
    for (const auto& [column, word] : userMap ? opt.map : savedMapping(projectPath, kindKey(opt))) {
        auto f = parseLedgerField(word);
        if (!f) return Error{"--map " + column + "=" + word + ": unknown field '" + word + "'; the fields are: " + ledgerFieldNames(), t.file, t.sheet, {}};
        auto c = t.columnIndex(column);
        if (!c) {
            if (userMap) return t.missingColumn(column);
            continue;  // a saved mapping for last month's layout
        }
        mapping[*f] = {*f, *c, t.columns[*c], userMap ? "--map 指定" : "项目中保存的对应"};
    }
    for (const auto& [f, m] : mapping) plan.mapping.push_back(m);
    auto col = [&](LedgerField f) -> std::optional<std::size_t> {
        auto it = mapping.find(f);
        return it == mapping.end() ? std::nullopt : std::optional<std::size_t>(it->second.column);
    };
    if (!col(LedgerField::Status))
        return Error{"no status column (进度/状态) found among the columns; name it with --map 列名=status", t.file, t.sheet, t.headerRow};
    const bool housing = opt.kind == LedgerKind::Housing;
    if (!housing && !col(LedgerField::VillageCode) && !col(LedgerField::VillageName) && !col(LedgerField::Lon))
        return Error{"no village code (村代码), village name (村名) or coordinate column found; name one with --map 列名=village_code",
                     t.file, t.sheet, t.headerRow};
    if (housing && !col(LedgerField::TownshipCode) && !col(LedgerField::Township))
        return Error{"no township code or name column (乡镇) found; name one with --map 列名=township", t.file, t.sheet, t.headerRow};

    // Duplicate project ids make the ledger unusable: which row is the truth?
    if (auto idc = col(LedgerField::ProjectId)) {
        std::map<std::string, std::int64_t> seen;
        for (std::size_t i = 0; i < t.rows.size(); ++i) {
            const std::string id = trimmed(t.rows[i][*idc]);
            if (id.empty()) continue;
            auto [it, fresh] = seen.emplace(id, t.rowNumbers[i]);
            if (!fresh)
                return Error{"the project id '" + id + "' appears twice (rows " + std::to_string(it->second) + " and " +
                                 std::to_string(t.rowNumbers[i]) + "); correct the ledger and import again",
                             t.file, t.sheet, t.rowNumbers[i]};
        }
    }

    // The project as it is.
    auto project = DataSource::open(projectPath);
    if (!project) return project.error();
    auto units = loadAdminUnits(*project);
    if (!units) return units.error();
    auto data = readProgressData(projectPath);
    if (!data) return data.error();
    std::unordered_map<std::string, const Project*> byId;
    for (const auto& p : data->projects) byId[p.id] = &p;
    struct Last {
        Stage stage;
        Date date;
    };
    std::unordered_map<std::string, Last> last;
    for (const auto& h : data->history) {
        auto it = last.find(h.projectId);
        if (it == last.end() || h.date >= it->second.date) last[h.projectId] = {h.stage, h.date};
    }

    // The join: the cascade over the columns the ledger has.
    JoinOptions jo;
    jo.level = housing ? AdminLevel::Township : AdminLevel::Village;
    jo.manyRowsPerUnit = false;
    auto name = [&](LedgerField f) { return col(f) ? t.columns[*col(f)] : std::string(); };
    jo.keyColumn = name(housing ? LedgerField::TownshipCode : LedgerField::VillageCode);
    jo.nameColumn = name(housing ? LedgerField::Township : LedgerField::VillageName);
    jo.countyColumn = name(LedgerField::County);
    if (!housing) jo.townshipColumn = name(LedgerField::Township);
    if (col(LedgerField::Lon) && col(LedgerField::Lat)) {
        jo.lonColumn = name(LedgerField::Lon);
        jo.latColumn = name(LedgerField::Lat);
    }
    jo.coordSystem = opt.coords;
    auto joined = joinTable(t, *units, jo);
    if (!joined) return joined.error();
    const auto& target = units->at(jo.level);

    std::set<std::string> counties, inLedger;
    // Every id the ledger lists is in the ledger, also on a row with an error: it has not vanished.
    if (auto idc = col(LedgerField::ProjectId))
        for (const auto& r : t.rows)
            if (!trimmed(r[*idc]).empty()) inLedger.insert(trimmed(r[*idc]));
    auto cellOf = [&](std::size_t i, LedgerField f) { return col(f) ? t.rows[i][*col(f)] : std::string(); };
    for (std::size_t i = 0; i < t.rows.size(); ++i) {
        const JoinRow& jr = joined->rows[i];
        LedgerChange ch;
        ch.row = t.rowNumbers[i];
        ch.rule = jr.rule.empty() ? joined->method : jr.rule;
        ch.name = cellOf(i, LedgerField::ProjectName);
        auto rowError = [&](std::string msg) {
            ch.type = LedgerChangeType::RowError;
            ch.message = std::move(msg);
            plan.changes.push_back(ch);
        };
        const std::string statusCell = cellOf(i, LedgerField::Status);
        const auto stage = parseLedgerStatus(statusCell);
        if (!stage) {
            rowError("状态“" + statusCell + "”不认识（文件 " + t.file + "，第 " + std::to_string(ch.row) + " 行）；可用的词：" + acceptedStatusWords());
            continue;
        }
        if (jr.status != JoinStatus::Matched || !jr.unit) {
            ch.rule.clear();
            rowError("未能对应到" + std::string(housing ? "乡镇" : "村") + "（" + joinStatusName(jr.status) + "）：" + jr.messageZh);
            continue;
        }
        const AdminUnit& unit = target[*jr.unit];
        counties.insert(unit.countyCode);
        if (ch.name.empty()) ch.name = unit.name;
        ch.countyCode = unit.countyCode;
        if (!jr.tried.empty())
            ch.message = std::string("按") + (ch.rule == "name" ? "名称" : ch.rule == "location" ? "坐标"
                                                                                                 : "代码") +
                         "匹配（先试：" +
                         jr.tried + "）";

        // Kind and id.
        ProjectKind kind = ProjectKind::VillageVenue;
        if (housing) kind = ProjectKind::TownshipHousing;
        else if (opt.kind == LedgerKind::CommunityVenue) kind = ProjectKind::CommunityVenue;
        else if (opt.kind == LedgerKind::VillageVenue) kind = ProjectKind::VillageVenue;
        else if (unit.name.ends_with("居委会") || unit.name.ends_with("居民委员会") || unit.name.ends_with("社区"))
            kind = ProjectKind::CommunityVenue;
        std::string id = trimmed(cellOf(i, LedgerField::ProjectId));
        if (id.empty()) id = std::string(kind == ProjectKind::TownshipHousing ? "TH-" : kind == ProjectKind::CommunityVenue ? "CV-"
                                                                                                                            : "VV-") +
                             unit.code;
        ch.projectId = id;
        inLedger.insert(id);

        // Dates and budget.
        std::optional<Date> plannedStart, plannedCompletion, stageDate[4];
        std::string bad;
        auto date = [&](LedgerField f, std::optional<Date>& out) {
            const std::string c = cellOf(i, f);
            if (normalizeWidthAndSpace(c).empty()) return;
            out = parseFlexibleDate(c);
            if (!out) bad = std::string(ledgerFieldNameZh(f)) + "“" + c + "”不是日期";
            else if (*out > *asOf && f != LedgerField::PlannedStart && f != LedgerField::PlannedCompletion)
                bad = std::string(ledgerFieldNameZh(f)) + " " + out->iso() + " 晚于台账日期 " + asOf->iso();
        };
        date(LedgerField::PlannedStart, plannedStart);
        date(LedgerField::PlannedCompletion, plannedCompletion);
        date(LedgerField::StartDate, stageDate[1]);
        date(LedgerField::CompletionDate, stageDate[2]);
        date(LedgerField::AcceptanceDate, stageDate[3]);
        std::int64_t budget = 0;
        if (col(LedgerField::BudgetWan) || col(LedgerField::BudgetYuan)) {
            const bool wan = col(LedgerField::BudgetWan).has_value();
            const std::string c = cellOf(i, wan ? LedgerField::BudgetWan : LedgerField::BudgetYuan);
            if (!normalizeWidthAndSpace(c).empty()) {
                auto v = number(c);
                if (!v) bad = "投资“" + c + "”不是数字";
                else budget = std::llround(*v * (wan ? 10000.0 : 1.0));
            }
        }
        if (!bad.empty()) {
            rowError(bad);
            continue;
        }

        // The history rows this row implies, from `from` (exclusive) to the ledger's stage.
        auto rowsFrom = [&](int from, std::optional<Date> notBefore) -> Result<std::vector<StatusChange>> {
            std::vector<StatusChange> out;
            for (int s = from + 1; s <= static_cast<int>(*stage); ++s) {
                const bool final = s == static_cast<int>(*stage);
                std::optional<Date> d = stageDate[s];
                if (!d && !final) continue;  // an intermediate stage the ledger gives no date for
                if (!d) d = *asOf;
                if (notBefore && *d < *notBefore) {
                    // The ledger dates a stage before a change already recorded (last month's ledger
                    // was late): the history stays in order, and the report says so.
                    ch.message += std::string(ch.message.empty() ? "" : "；") + stageNameZh(static_cast<Stage>(s)) + "的日期 " +
                                  d->iso() + " 早于已记录的上一次变化 " + notBefore->iso() + "，按 " + notBefore->iso() + " 记录";
                    d = notBefore;
                }
                notBefore = d;
                StatusChange c;
                c.projectId = id;
                c.stage = static_cast<Stage>(s);
                c.date = *d;
                c.note = "台账 " + std::filesystem::path(t.file).filename().string() + " 第 " + std::to_string(ch.row) + " 行";
                c.who = opt.who;
                c.recordedAt = opt.recordedAt;
                if (s > 0) c.previous = static_cast<Stage>(s - 1);
                out.push_back(std::move(c));
            }
            return out;
        };

        auto existing = byId.find(id);
        if (existing == byId.end()) {
            Project p;
            p.id = id;
            p.kind = kind;
            p.name = ch.name;
            if (!housing) p.villageCode = unit.code;
            p.townshipCode = housing ? unit.code : unit.townshipCode;
            p.countyCode = unit.countyCode;
            p.plannedStart = plannedStart;
            p.plannedCompletion = plannedCompletion;
            p.budgetYuan = budget;
            p.table = t.file;
            p.row = ch.row;
            auto rows = rowsFrom(-1, std::nullopt);
            if (!rows) {
                rowError(rows.error().message);
                continue;
            }
            // A project first seen beyond "planned" still enters the programme: a planned row on the
            // earliest date the ledger gives (never later than its first stage). A project first
            // seen as planned entered the programme by its planned start at the latest.
            if (*stage == Stage::Planned && !rows->empty() && plannedStart && *plannedStart < rows->front().date)
                rows->front().date = *plannedStart;
            if (*stage != Stage::Planned && (rows->empty() || rows->front().stage != Stage::Planned)) {
                StatusChange c = rows->empty() ? StatusChange{} : rows->front();
                c.projectId = id;
                c.stage = Stage::Planned;
                c.previous.reset();
                c.date = rows->empty() ? *asOf : rows->front().date;
                if (plannedStart && *plannedStart < c.date) c.date = *plannedStart;
                c.note = "台账 " + std::filesystem::path(t.file).filename().string() + " 第 " + std::to_string(ch.row) + " 行（列入计划）";
                c.who = opt.who;
                c.recordedAt = opt.recordedAt;
                if (!rows->empty()) rows->front().previous = Stage::Planned;
                rows->insert(rows->begin(), c);
            }
            ch.type = LedgerChangeType::Added;
            ch.to = stageZh(*stage);
            ch.date = rows->empty() ? asOf->iso() : rows->back().date.iso();
            plan.newProjects.push_back(std::move(p));
            for (auto& r : *rows) plan.newHistory.push_back(std::move(r));
            plan.changes.push_back(ch);
            continue;
        }
        const Project& p = *existing->second;
        // Planned dates that changed are reported, never applied.
        std::string planNote;
        if (plannedCompletion && p.plannedCompletion && *plannedCompletion != *p.plannedCompletion)
            planNote = "计划完工 " + p.plannedCompletion->iso() + " → " + plannedCompletion->iso();
        if (plannedStart && p.plannedStart && *plannedStart != *p.plannedStart)
            planNote += (planNote.empty() ? "" : "；") + std::string("计划开工 ") + p.plannedStart->iso() + " → " + plannedStart->iso();
        if (!planNote.empty()) {
            LedgerChange pc = ch;
            pc.type = LedgerChangeType::PlanChanged;
            pc.message = planNote + "（项目中保留原计划；请核实后手工修改）";
            plan.changes.push_back(pc);
        }
        auto l = last.find(id);
        const int current = l == last.end() ? -1 : static_cast<int>(l->second.stage);
        ch.from = current < 0 ? "无记录" : stageZh(static_cast<Stage>(current));
        ch.to = stageZh(*stage);
        if (static_cast<int>(*stage) == current) {
            ch.type = LedgerChangeType::Unchanged;
            plan.changes.push_back(ch);
            continue;
        }
        if (static_cast<int>(*stage) < current) {
            ch.type = LedgerChangeType::Backwards;
            ch.message = "台账写“" + statusCell + "”（" + ch.to + "），项目中已是" + ch.from + "（" + l->second.date.iso() +
                         "）；未应用，请与县里核实";
            plan.changes.push_back(ch);
            continue;
        }
        auto rows = rowsFrom(current, l == last.end() ? std::nullopt : std::optional<Date>(l->second.date));
        if (!rows) {
            rowError(rows.error().message);
            continue;
        }
        ch.type = LedgerChangeType::Moved;
        ch.date = rows->back().date.iso();
        if (!rows->empty()) rows->front().previous = current < 0 ? std::nullopt : std::optional<Stage>(static_cast<Stage>(current));
        for (auto& r : *rows) plan.newHistory.push_back(std::move(r));
        plan.changes.push_back(ch);
    }

    // Vanished: projects of this kind in the ledger's counties that the ledger no longer lists.
    for (const auto& p : data->projects) {
        if (!counties.count(p.countyCode) || inLedger.count(p.id)) continue;
        if (housing != (p.kind == ProjectKind::TownshipHousing)) continue;
        LedgerChange ch;
        ch.type = LedgerChangeType::Vanished;
        ch.projectId = p.id;
        ch.name = p.name;
        ch.countyCode = p.countyCode;
        ch.message = "项目在本期台账中没有出现（其县在台账中）；项目中保留，未做任何改动";
        plan.changes.push_back(ch);
    }
    plan.ledgerCounties.assign(counties.begin(), counties.end());
    return plan;
}

Status applyLedgerPlan(const std::string& projectPath, const LedgerPlan& plan, const LedgerOptions& opt) {
    if (plan.refused(opt.strict))
        return Error{std::to_string(plan.count(LedgerChangeType::RowError)) + " row(s) with errors and --strict: nothing was imported",
                     plan.file,
                     plan.sheet,
                     {}};
    // The mapping is written only when it differs from the one saved, so re-importing the same
    // ledger leaves the file as it was, to the byte.
    bool mappingChanged = false;
    if (opt.saveMapping) {
        auto saved = savedMapping(projectPath, kindKey(opt));
        std::vector<std::pair<std::string, std::string>> now;
        for (const auto& c : plan.mapping) now.emplace_back(c.name, ledgerFieldWord(c.field));
        std::sort(saved.begin(), saved.end());
        std::sort(now.begin(), now.end());
        mappingChanged = saved != now;
    }
    if (plan.newProjects.empty() && plan.newHistory.empty() && !mappingChanged) return Done{};
    detail::ensureGdal();
    // gpkg_contents.last_change gets the recording time, not the clock: the same ledger recorded
    // at the same time gives the same bytes.
    ScopedConfig stamp("OGR_CURRENT_DATE", opt.recordedAt);
    GdalErrorCapture capture;
    auto store = ProjectStore::open(projectPath);
    if (!store) return store.error();
    if (store->source().driverName() != "GPKG")
        return Error{"ledgers can only be imported into a GeoPackage project", projectPath, {}, {}};
    // One transaction of the project store, its write lock taken before the plan is checked again.
    return store->write([&](ProjectWriter& w) -> Status {
        GDALDataset* ds = &detail::gdalDataset(w.source());

        // The plan was worked out before (a preview the planner looked at): if the project changed
        // since (another import, an edit), the same ledger would now mean other changes. Checked
        // inside the transaction; nothing is written then.
        {
            auto fresh = planLedgerImport(projectPath, plan.file, opt);
            if (!fresh) return fresh.error();
            auto key = [](const LedgerPlan& p) {
                std::vector<std::string> k;
                for (const auto& np : p.newProjects) k.push_back("P " + np.id);
                for (const auto& h : p.newHistory) k.push_back("H " + h.projectId + " " + stageWord(h.stage) + " " + h.date.iso());
                return k;
            };
            if (key(*fresh) != key(plan))
                return Error{
                    "the project changed since this ledger was previewed (another import or edit); preview it again. "
                    "Nothing was written",
                    projectPath,
                    {},
                    {}};
        }
        std::size_t written = 0;
        auto step = [&]() -> Status {
            ++written;
            if (opt.afterRow && !opt.afterRow(written))
                return Error{"the import was stopped after " + std::to_string(written) + " rows; nothing was saved", projectPath, {}, {}};
            return Done{};
        };
        auto setDate = [](OGRFeature& f, int i, const std::optional<Date>& d) {
            if (i < 0) return;
            if (!d) {
                f.SetFieldNull(i);
                return;
            }
            const auto type = f.GetDefnRef()->GetFieldDefn(i)->GetType();
            if (type == OFTDate || type == OFTDateTime) f.SetField(i, d->year, d->month, d->day);
            else f.SetField(i, d->iso().c_str());
        };
        for (const auto& p : plan.newProjects) {
            const bool housing = p.kind == ProjectKind::TownshipHousing;
            const char* tableName = housing ? "housing_projects" : "venue_projects";
            OGRLayer* layer = ds->GetLayerByName(tableName);
            if (!layer) return Error{"the project has no table " + std::string(tableName), projectPath, tableName, {}};
            auto* defn = layer->GetLayerDefn();
            OGRFeatureUniquePtr f(OGRFeature::CreateFeature(defn));
            auto set = [&](const char* field, const std::string& v) {
                if (int i = defn->GetFieldIndex(field); i >= 0) f->SetField(i, v.c_str());
            };
            set("project_id", p.id);
            if (!housing) {
                set("kind", kindWord(p.kind));
                set("village_code", p.villageCode);
                set("village_name", p.name);
            } else {
                set("township_name", p.name);
            }
            set("township_code", p.townshipCode);
            set("county_code", p.countyCode);
            setDate(*f, defn->GetFieldIndex("planned_start"), p.plannedStart);
            setDate(*f, defn->GetFieldIndex("planned_completion"), p.plannedCompletion);
            if (int i = defn->GetFieldIndex("budget_yuan"); i >= 0) f->SetField(i, static_cast<GIntBig>(p.budgetYuan));
            set("source_file", std::filesystem::path(plan.file).filename().string());
            if (int i = defn->GetFieldIndex("source_row"); i >= 0) f->SetField(i, static_cast<GIntBig>(p.row));
            if (int i = defn->GetFieldIndex("synthetic"); i >= 0) f->SetField(i, 0);
            if (layer->CreateFeature(f.get()) != OGRERR_NONE)
                return Error{"cannot write project '" + p.id + "': " + capture.lastError(), projectPath, tableName, {}};
            if (auto st = step(); !st) return st;
        }
        OGRLayer* history = ds->GetLayerByName("status_history");
        if (!history) return Error{"the project has no table status_history", projectPath, "status_history", {}};
        for (const char* column : {"who", "recorded_at", "previous_status"})
            if (history->GetLayerDefn()->GetFieldIndex(column) < 0) {
                OGRFieldDefn fd(column, OFTString);
                if (history->CreateField(&fd) != OGRERR_NONE)
                    return Error{std::string("cannot add the column '") + column + "'", projectPath, "status_history", {}};
            }
        auto* hd = history->GetLayerDefn();
        for (const auto& c : plan.newHistory) {
            OGRFeatureUniquePtr f(OGRFeature::CreateFeature(hd));
            f->SetField(hd->GetFieldIndex("project_id"), c.projectId.c_str());
            f->SetField(hd->GetFieldIndex("status"), stageWord(c.stage));
            setDate(*f, hd->GetFieldIndex("date"), c.date);
            if (int i = hd->GetFieldIndex("note"); i >= 0) f->SetField(i, c.note.c_str());
            f->SetField(hd->GetFieldIndex("who"), c.who.c_str());
            f->SetField(hd->GetFieldIndex("recorded_at"), c.recordedAt.c_str());
            if (c.previous) f->SetField(hd->GetFieldIndex("previous_status"), stageWord(*c.previous));
            if (int i = hd->GetFieldIndex("synthetic"); i >= 0) f->SetField(i, 0);
            if (history->CreateFeature(f.get()) != OGRERR_NONE)
                return Error{"cannot write the change of '" + c.projectId + "': " + capture.lastError(), projectPath, "status_history", {}};
            if (auto st = step(); !st) return st;
        }
        if (mappingChanged) {
            OGRLayer* m = ds->GetLayerByName("ledger_mappings");
            if (!m) {
                m = ds->CreateLayer("ledger_mappings", nullptr, wkbNone, nullptr);
                if (!m) return Error{"cannot create the table ledger_mappings: " + capture.lastError(), projectPath, {}, {}};
                for (const char* column : {"kind", "field", "column", "saved_at"}) {
                    OGRFieldDefn fd(column, OFTString);
                    m->CreateField(&fd);
                }
            }
            const std::string kind = kindKey(opt);
            std::vector<GIntBig> old;
            m->ResetReading();
            while (OGRFeature* f = m->GetNextFeature()) {
                if (std::string(f->GetFieldAsString("kind")) == kind) old.push_back(f->GetFID());
                OGRFeature::DestroyFeature(f);
            }
            for (GIntBig fid : old)
                if (m->DeleteFeature(fid) != OGRERR_NONE)
                    return Error{"cannot replace the saved column mapping: " + capture.lastError(), projectPath, "ledger_mappings", {}};
            auto* md = m->GetLayerDefn();
            for (const auto& col : plan.mapping) {
                OGRFeatureUniquePtr f(OGRFeature::CreateFeature(md));
                f->SetField("kind", kind.c_str());
                f->SetField("field", ledgerFieldWord(col.field));
                f->SetField("column", col.name.c_str());
                f->SetField("saved_at", opt.recordedAt.c_str());
                if (m->CreateFeature(f.get()) != OGRERR_NONE)
                    return Error{"cannot save the column mapping: " + capture.lastError(), projectPath, "ledger_mappings", {}};
            }
        }
        return Done{};
    });
}

}  // namespace hongtu::geo
