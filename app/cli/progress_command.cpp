#include "cli/progress_command.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <ostream>
#include <sstream>

#include "hongtu/geo/clock.hpp"
#include "hongtu/geo/datasource.hpp"
#include "hongtu/geo/dates.hpp"
#include "hongtu/geo/new_project.hpp"
#include "hongtu/geo/progress/progress.hpp"
#include "hongtu/geo/progress/status_saving.hpp"
#include "hongtu/geo/progress/store.hpp"
#include "hongtu/geo/table.hpp"

namespace hongtu::cli {

namespace {

using geo::AdminLevel;
using geo::progress::Tally;

// Terminal columns of UTF-8 text: CJK and full-width characters take two.
std::size_t displayWidth(const std::string& s) {
    std::size_t width = 0;
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        char32_t cp = c;
        std::size_t len = 1;
        if (c >= 0xF0) {
            cp = c & 0x07;
            len = 4;
        } else if (c >= 0xE0) {
            cp = c & 0x0F;
            len = 3;
        } else if (c >= 0xC0) {
            cp = c & 0x1F;
            len = 2;
        }
        for (std::size_t k = 1; k < len && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        i += len;
        const bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
                          (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                          (cp >= 0xFFE0 && cp <= 0xFFE6) || cp >= 0x20000;
        width += wide ? 2 : 1;
    }
    return width;
}

std::string padRight(const std::string& s, std::size_t width) {
    const auto w = displayWidth(s);
    return w >= width ? s : s + std::string(width - w, ' ');
}
std::string padLeft(const std::string& s, std::size_t width) {
    const auto w = displayWidth(s);
    return w >= width ? s : std::string(width - w, ' ') + s;
}

std::string fixed(double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

std::string percent(const Tally& t) {
    auto r = t.completionRate();
    return r ? fixed(*r * 100, 1) + "%" : "无计划";
}

std::string wan(std::int64_t yuan) { return fixed(static_cast<double>(yuan) / 10000.0, 1); }

std::string areaLabel(const geo::progress::ProgressModel& m, const geo::progress::AreaProgress& a, AdminLevel level) {
    std::string name = a.area.name.empty() ? "(" + a.area.code + ")" : a.area.name;
    if (level == AdminLevel::Township) {
        const auto county = m.countyName(a.area.countyCode);
        if (!county.empty()) name = county + " " + name;
    }
    return name;
}

const char* levelHeading(AdminLevel l) {
    switch (l) {
        case AdminLevel::County: return "县（市、区）";
        case AdminLevel::Township: return "乡镇（街道）";
        case AdminLevel::City: return "范围";
        case AdminLevel::Province:
        case AdminLevel::Village: break;  // `progress --by` offers county, township and city
    }
    return "";
}

nlohmann::ordered_json tallyJson(const Tally& t) {
    nlohmann::ordered_json j;
    j["planned"] = t.planned;
    j["not_started"] = t.notStarted;
    j["started"] = t.started;
    j["in_progress"] = t.inProgress;
    j["completed"] = t.completed;
    j["accepted"] = t.accepted;
    j["overdue"] = t.overdue;
    j["due_soon"] = t.dueSoon;
    auto rate = t.completionRate();
    j["completion_rate"] = rate ? nlohmann::ordered_json(*rate) : nlohmann::ordered_json(nullptr);
    j["budget_planned_yuan"] = t.budgetPlannedYuan;
    j["budget_started_yuan"] = t.budgetStartedYuan;
    return j;
}

struct Report {
    const geo::progress::ProgressModel& model;
    const geo::progress::Snapshot& snapshot;
    AdminLevel level;
    std::vector<geo::progress::AreaProgress> rows;  // the level's areas, then the city total (unless level is city)
    bool late;                                      // a late/due-soon list instead of tallies
    bool dueSoon;
    std::vector<geo::progress::LateEntry> lateList;
    std::string project;
};

// ---- text -----------------------------------------------------------------------------------

void writeText(const Report& r, std::ostream& out) {
    const auto& m = r.model;
    const auto& s = r.snapshot;
    out << "项目建设进度  截至 " << s.asOf.iso() << "（含当日）\n"
        << "项目文件：" << geo::redactConnectionString(r.project) << "    临期：" << s.options.dueSoonDays << " 天内到期\n\n";
    if (r.late) {
        out << (r.dueSoon ? "临期项目" : "逾期项目") << "：共 " << r.lateList.size() << " 个"
            << (r.dueSoon ? "，按剩余天数排序" : "，按逾期天数排序") << "\n";
        if (r.lateList.empty()) return;
        out << padLeft(r.dueSoon ? "剩余天数" : "逾期天数", 8) << "  " << padRight("项目编号", 16) << padRight("类型", 20)
            << padRight("县（市、区）", 14) << padRight("村（社区、乡镇）", 18) << padRight("计划完工", 12) << "当前状态\n";
        for (const auto& e : r.lateList) {
            const auto& p = m.projects()[e.project];
            const auto stage = s.states[e.project].currentStage();
            out << padLeft(std::to_string(r.dueSoon ? e.daysToDue : -e.daysToDue), 8) << "  " << padRight(p.id, 16)
                << padRight(geo::progress::kindNameZh(p.kind), 20) << padRight(m.countyName(p.countyCode), 14)
                << padRight(p.name.empty() ? p.villageCode : p.name, 18)
                << padRight(p.plannedCompletion ? p.plannedCompletion->iso() : "-", 12)
                << (stage ? geo::progress::stageNameZh(*stage) : "未开工") << "\n";
        }
        return;
    }
    const std::size_t nameWidth = r.level == AdminLevel::Township ? 24 : 14;
    out << padRight(levelHeading(r.level), nameWidth) << padLeft("计划", 6) << padLeft("开工", 6) << padLeft("完工", 6)
        << padLeft("验收", 6) << padLeft("逾期", 6) << padLeft("临期", 6) << padLeft("完工率", 9)
        << padLeft("开工投资(万元)", 16) << "\n";
    for (const auto& a : r.rows) {
        const Tally& t = a.tally.all;
        const bool total = a.area.name == "全市";
        out << padRight(total ? "全市合计" : areaLabel(m, a, r.level), nameWidth) << padLeft(std::to_string(t.planned), 6)
            << padLeft(std::to_string(t.started), 6) << padLeft(std::to_string(t.completed), 6)
            << padLeft(std::to_string(t.accepted), 6) << padLeft(std::to_string(t.overdue), 6)
            << padLeft(std::to_string(t.dueSoon), 6) << padLeft(percent(t), 9) << padLeft(wan(t.budgetStartedYuan), 16) << "\n";
    }
    out << "\n注：完工含已验收，开工含完工；完工率 = 完工 / 计划；“无计划”表示截至该日没有列入计划的项目（不是 0%）。\n";
    // The programme targets (778 / 44 / 124) are the Lüliang demo's; a project made with `hongtu new`
    // (it has hongtu_project metadata) has no targets of its own yet.
    if (!geo::readProjectMetadata(r.project).empty()) {
        out << "\n目标进度：本项目未设定目标。\n";
        return;
    }
    out << "\n目标进度（两年目标）：\n";
    for (const auto& t : m.targetProgress(s)) {
        const auto share = t.shareOfTarget();
        out << "  " << padRight(geo::progress::kindNameZh(t.kind), 22) << "完工 " << t.tally.completed << " / 目标 " << t.target
            << (share ? "（" + fixed(*share * 100, 1) + "%）" : std::string()) << "，开工 " << t.tally.started << "，已列入计划 "
            << t.tally.planned << "\n";
    }
}

// ---- csv ------------------------------------------------------------------------------------

// The report as a table of cells: the one source of the CSV and the XLSX columns. Each cell is
// kept as a cell (no CSV text is re-parsed), so a comma or a line break in a code or a name
// cannot shift the columns.
struct CsvTable {
    std::vector<std::string> header;
    std::vector<bool> numeric;  // per column: written as a number in XLSX
    std::vector<std::vector<std::string>> rows;
};

CsvTable csvTable(const Report& r) {
    const auto& m = r.model;
    const auto& s = r.snapshot;
    CsvTable t;
    const auto columns = [&t](std::initializer_list<std::pair<const char*, bool>> cols) {
        for (const auto& [name, num] : cols) {
            t.header.emplace_back(name);
            t.numeric.push_back(num);
        }
    };
    if (r.late) {
        columns({{"project_id", false}, {"kind", false}, {"county_code", false}, {"county", false}, {"township_code", false}, {"name", false}, {"planned_completion", false}, {"days_late", true}, {"stage", false}, {"as_of", false}});
        for (const auto& e : r.lateList) {
            const auto& p = m.projects()[e.project];
            const auto stage = s.states[e.project].currentStage();
            t.rows.push_back({p.id, geo::progress::kindWord(p.kind), p.countyCode, m.countyName(p.countyCode), p.townshipCode, p.name,
                              p.plannedCompletion ? p.plannedCompletion->iso() : "", std::to_string(-e.daysToDue),
                              stage ? geo::progress::stageWord(*stage) : "", s.asOf.iso()});
        }
        return t;
    }
    columns({{"as_of", false}, {"level", false}, {"code", false}, {"name", false}, {"planned", true}, {"not_started", true}, {"started", true}, {"in_progress", true}, {"completed", true}, {"accepted", true}, {"overdue", true}, {"due_soon", true}, {"completion_rate", true}, {"budget_planned_yuan", true}, {"budget_started_yuan", true}});
    for (const auto& a : r.rows) {
        const Tally& tl = a.tally.all;
        const bool total = a.area.name == "全市";
        const char* level = total ? "city" : r.level == AdminLevel::County ? "county"
                                         : r.level == AdminLevel::Township ? "township"
                                                                           : "city";
        auto rate = tl.completionRate();
        t.rows.push_back({s.asOf.iso(), level, a.area.code, total ? "全市" : areaLabel(m, a, r.level), std::to_string(tl.planned),
                          std::to_string(tl.notStarted), std::to_string(tl.started), std::to_string(tl.inProgress),
                          std::to_string(tl.completed), std::to_string(tl.accepted), std::to_string(tl.overdue),
                          std::to_string(tl.dueSoon), rate ? fixed(*rate, 4) : "", std::to_string(tl.budgetPlannedYuan),
                          std::to_string(tl.budgetStartedYuan)});
    }
    return t;
}

// Every cell through geo::csvCell: quoted when needed, and a code or name that starts with
// = + - @ is prefixed with an apostrophe so Excel/WPS do not run it as a formula.
void writeCsv(const Report& r, std::ostream& out) {
    const CsvTable t = csvTable(r);
    const auto line = [&out](const std::vector<std::string>& cells) {
        for (std::size_t i = 0; i < cells.size(); ++i) out << (i ? "," : "") << geo::csvCell(cells[i]);
        out << "\n";
    };
    line(t.header);
    for (const auto& row : t.rows) line(row);
}

// ---- json -----------------------------------------------------------------------------------

void writeJson(const Report& r, std::ostream& out) {
    const auto& m = r.model;
    const auto& s = r.snapshot;
    nlohmann::ordered_json j;
    j["project"] = geo::redactConnectionString(r.project);
    j["as_of"] = s.asOf.iso();
    j["boundary"] = "a change dated as_of counts";
    j["due_soon_days"] = s.options.dueSoonDays;
    if (r.late) {
        j["list"] = r.dueSoon ? "due_soon" : "overdue";
        auto arr = nlohmann::ordered_json::array();
        for (const auto& e : r.lateList) {
            const auto& p = m.projects()[e.project];
            const auto stage = s.states[e.project].currentStage();
            arr.push_back({{"project_id", p.id}, {"kind", geo::progress::kindWord(p.kind)}, {"county_code", p.countyCode}, {"county", m.countyName(p.countyCode)}, {"township_code", p.townshipCode}, {"name", p.name}, {"planned_completion", p.plannedCompletion ? p.plannedCompletion->iso() : ""}, {"days_to_due", e.daysToDue}, {"stage", stage ? nlohmann::ordered_json(geo::progress::stageWord(*stage)) : nlohmann::ordered_json(nullptr)}});
        }
        j["projects"] = arr;
        out << j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
        return;
    }
    j["level"] = r.level == AdminLevel::County ? "county" : r.level == AdminLevel::Township ? "township"
                                                                                            : "city";
    auto areas = nlohmann::ordered_json::array();
    for (const auto& a : r.rows) {
        if (a.area.name == "全市" && r.level != AdminLevel::City) continue;
        nlohmann::ordered_json aj;
        aj["code"] = a.area.code;
        aj["name"] = a.area.name;
        if (r.level == AdminLevel::Township) aj["county_code"] = a.area.countyCode;
        aj["all"] = tallyJson(a.tally.all);
        nlohmann::ordered_json kinds;
        for (std::size_t k = 0; k < geo::progress::kProjectKindCount; ++k)
            kinds[geo::progress::kindWord(static_cast<geo::progress::ProjectKind>(k))] = tallyJson(a.tally.byKind[k]);
        aj["by_kind"] = kinds;
        areas.push_back(aj);
    }
    j["areas"] = areas;
    j["city"] = tallyJson(s.city.all);
    auto targets = nlohmann::ordered_json::array();
    const bool ownProject = !geo::readProjectMetadata(r.project).empty();  // no Lüliang targets for it
    for (const auto& t : ownProject ? std::vector<geo::progress::TargetProgress>{} : m.targetProgress(s)) {
        auto share = t.shareOfTarget();
        targets.push_back({{"kind", geo::progress::kindWord(t.kind)}, {"target", t.target}, {"completed", t.tally.completed}, {"started", t.tally.started}, {"planned", t.tally.planned}, {"share_of_target", share ? nlohmann::ordered_json(*share) : nlohmann::ordered_json(nullptr)}});
    }
    j["targets"] = targets;
    out << j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
}

// ---- xlsx (GDAL's XLSX driver) ---------------------------------------------------------------

geo::Status writeXlsx(const Report& r, const std::string& path) {
    const CsvTable t = csvTable(r);
    geo::Layer sheet;
    sheet.name = r.late ? (r.dueSoon ? "临期项目" : "逾期项目") : "进度";
    for (std::size_t i = 0; i < t.header.size(); ++i)
        sheet.fields.push_back({t.header[i], t.numeric[i] ? geo::FieldType::Real : geo::FieldType::Text});
    std::int64_t row = 0;
    for (const auto& cells : t.rows) {
        geo::Feature f;
        f.fid = ++row;
        for (std::size_t i = 0; i < t.header.size(); ++i) {
            const std::string& cell = cells[i];
            double v = 0;
            if (cell.empty()) f.values.emplace_back(std::monostate{});
            else if (t.numeric[i] && std::from_chars(cell.data(), cell.data() + cell.size(), v).ptr == cell.data() + cell.size())
                f.values.emplace_back(v);
            else f.values.emplace_back(cell);  // text cells are stored as text: XLSX never turns them into formulas
        }
        sheet.features.push_back(std::move(f));
    }
    geo::WriteOptions options;
    options.driver = "XLSX";
    return geo::writeLayersAtomically(path, {sheet}, options);
}

}  // namespace

int runProgress(const ProgressCommandOptions& options, const std::string& today, std::ostream& out, std::ostream& err) {
    const std::string asOfText = options.asOf.empty() ? today : options.asOf;
    const auto asOf = geo::parseFlexibleDate(asOfText, false);
    if (!asOf) {
        err << "hongtu progress: --as-of '" << asOfText << "' is not a date; write it like 2018-06-30\n";
        return 2;
    }
    if (options.dueSoonDays < 0) {
        err << "hongtu progress: --due-soon-days must be 0 or more\n";
        return 2;
    }
    if (options.format == "xlsx" && options.output.empty()) {
        err << "hongtu progress: --format xlsx needs --output FILE.xlsx\n";
        return 2;
    }
    auto model = geo::progress::loadProgress(options.project);
    if (!model) {
        err << "hongtu progress: " << geo::redactConnectionString(model.error().toString()) << "\n";
        return 2;
    }
    const AdminLevel level = options.level == "township" ? AdminLevel::Township : options.level == "city" ? AdminLevel::City
                                                                                                          : AdminLevel::County;
    const auto snapshot = model->evaluate(*asOf, {options.dueSoonDays});
    Report report{*model, snapshot, level, model->tallies(snapshot, level), options.overdue || options.dueSoon, options.dueSoon, {}, options.project};
    if (level != AdminLevel::City) {
        auto city = model->tallies(snapshot, AdminLevel::City);
        report.rows.insert(report.rows.end(), city.begin(), city.end());
    }
    if (report.late) report.lateList = model->lateProjects(snapshot, options.dueSoon);

    if (options.format == "xlsx") {
        if (auto s = writeXlsx(report, options.output); !s) {
            err << "hongtu progress: " << geo::redactConnectionString(s.error().toString()) << "\n";
            return 2;
        }
        out << "已写入 " << options.output << "\n";
        return 0;
    }
    std::ostringstream text;
    if (options.format == "csv") writeCsv(report, text);
    else if (options.format == "json") writeJson(report, text);
    else writeText(report, text);
    if (options.output.empty()) {
        out << text.str();
        return 0;
    }
    // Written beside the target and renamed over it only when every byte reached the disk: a full
    // disk gives an error (exit 2) and leaves an older report intact, never a cut-off file and exit 0.
    const std::string tmp = options.output + ".tmp";
    {
        std::ofstream file(tmp, std::ios::binary | std::ios::trunc);
        if (options.format == "csv") file << "\xEF\xBB\xBF";  // BOM: Excel then reads the UTF-8 Chinese correctly
        file << text.str();
        file.close();
        if (!file) {
            std::error_code ec;
            std::filesystem::remove(tmp, ec);
            err << "hongtu progress: cannot write '" << options.output << "' (is the folder writable, the disk full?)\n";
            return 2;
        }
    }
    std::error_code ec;
    std::filesystem::rename(tmp, options.output, ec);
    if (ec) {
        std::filesystem::remove(tmp, ec);
        err << "hongtu progress: cannot write '" << options.output << "': " << ec.message() << "\n";
        return 2;
    }
    return 0;
}

int runRecord(const RecordCommandOptions& options, const std::string& now, std::ostream& out, std::ostream& err) {
    std::vector<geo::progress::ChangeRequest> batch;
    if (!options.fromCsv.empty()) {
        auto read = geo::progress::readChangeRequests(options.fromCsv, options.who);
        if (!read) {
            err << "hongtu progress record: " << geo::redactConnectionString(read.error().toString()) << "\n";
            return 2;
        }
        batch = std::move(*read);
        if (batch.empty()) {
            err << "hongtu progress record: '" << options.fromCsv << "' holds no changes\n";
            return 2;
        }
    } else {
        if (options.projectId.empty() || options.status.empty() || options.date.empty()) {
            err << "hongtu progress record: give --project-id, --status and --date (or --from-csv FILE)\n";
            return 2;
        }
        batch.push_back({options.projectId, options.status, options.date, options.note, options.who, 0});
    }
    const std::string recordedAt = options.recordedAt.empty() ? now : options.recordedAt;
    geo::progress::RecordOptions recordOptions{recordedAt, options.fromCsv, {}, {}};
    if (options.expectVersion >= 0)
        for (const auto& r : batch) recordOptions.expectedVersions[r.projectId] = options.expectVersion;
    auto saved = geo::progress::saveStatusChanges(options.project, batch, recordOptions);
    if (!saved) {
        err << "hongtu progress record: " << geo::redactConnectionString(saved.error().toString()) << "\n";
        // Refusals of the batch's content are "found problems"; a file that cannot be used is 2.
        const auto& m = saved.error().message;
        return m.find("refused") != std::string::npos || m.rfind("conflict", 0) == 0 ? 1 : 2;
    }
    out << "已保存 " << saved->saved.size() << " 条状态变更到 " << geo::redactConnectionString(options.project) << "（" << recordedAt << "）\n";
    for (const auto& c : saved->saved)
        out << "  " << c.projectId << "  " << (c.previous ? geo::progress::stageNameZh(*c.previous) : "（无）") << " → "
            << geo::progress::stageNameZh(c.stage) << "  " << c.date.iso() << "  记录人 " << c.who << (c.note.empty() ? "" : "  " + c.note)
            << "\n";
    if (saved->migrated) out << "（已为 status_history 增加 who、recorded_at、previous_status 列）\n";
    return 0;
}

Command addProgressCommand(CLI::App& app) {
    auto options = std::make_shared<ProgressCommandOptions>();
    auto record = std::make_shared<RecordCommandOptions>();
    auto* sub = app.add_subcommand("progress",
                                   "Construction progress as of a date: counts per county/township/city, completion rate, overdue and due-soon projects.\n"
                                   "A change dated the as-of day counts on that day.");
    sub->add_option("--project", options->project, "Project GeoPackage (venue_projects, housing_projects, status_history)");
    sub->add_option("--as-of", options->asOf, "Date, e.g. 2018-06-30 (default: today)");
    sub->add_option("--level", options->level, "county, township or city")
        ->check(CLI::IsMember({"county", "township", "city"}))
        ->capture_default_str();
    sub->add_option("--format", options->format, "text, csv, json or xlsx")
        ->check(CLI::IsMember({"text", "csv", "json", "xlsx"}))
        ->capture_default_str();
    sub->add_option("--output,-o", options->output, "Write to this file instead of the terminal (required for xlsx)");
    sub->add_flag("--overdue", options->overdue, "List the projects late on the as-of date, most days late first");
    sub->add_flag("--due-soon", options->dueSoon, "List the unfinished projects due within --due-soon-days");
    sub->add_option("--due-soon-days", options->dueSoonDays, "Days ahead that count as due soon")->capture_default_str();

    auto* rec = sub->add_subcommand("record", "Record a status change (a new history row; nothing is overwritten)");
    rec->add_option("--project", record->project, "Project GeoPackage to write into");
    rec->add_option("--project-id", record->projectId, "Project id, e.g. VV-141123-0002");
    rec->add_option("--status", record->status, "planned, under_construction, completed or accepted (or 计划/在建/完工/验收)");
    rec->add_option("--date", record->date, "Day of the change, e.g. 2018-07-01");
    rec->add_option("--note", record->note, "Note");
    rec->add_option("--who", record->who, "Who records the change (default: $USER)");
    rec->add_option("--from-csv", record->fromCsv, "Batch: CSV/XLSX with project_id,status,date[,note,who]; all rows or none");
    rec->add_option("--expect-version", record->expectVersion,
                    "PostGIS projects: the project's version as you saw it (hongtu db search); refused with a conflict when "
                    "someone else changed it since");
    rec->add_option("--recorded-at", record->recordedAt, "Timestamp stored with the change (ISO 8601 UTC; default: now)");

    // `hongtu --project P progress ...` works too: the top-level option is the fallback.
    const CLI::Option* topProject = app.get_option_no_throw("--project");
    return {sub, [options, record, rec, topProject] {
                auto projectOr = [topProject](const std::string& own) {
                    if (!own.empty()) return own;
                    if (topProject && topProject->count() > 0) return topProject->as<std::string>();
                    return std::string();
                };
                if (*rec) {
                    record->project = projectOr(record->project.empty() ? options->project : record->project);
                    if (record->project.empty()) {
                        std::cerr << "hongtu progress record: --project FILE.gpkg is required\n";
                        return 2;
                    }
                    if (record->who.empty())
                        if (const char* user = std::getenv("USER")) record->who = user;
                    return runRecord(*record, geo::Clock().utcIso(), std::cout, std::cerr);
                }
                options->project = projectOr(options->project);
                if (options->project.empty()) {
                    std::cerr << "hongtu progress: --project FILE.gpkg is required\n";
                    return 2;
                }
                return runProgress(*options, geo::Clock().today().iso(), std::cout, std::cerr);
            }};
}

}  // namespace hongtu::cli
