#include "cli/ledger_command.hpp"

#include <CLI/CLI.hpp>

#include <chrono>
#include <ctime>
#include <iostream>
#include <memory>

#include "cli/gui_app.hpp"
#include "hongtu/geo/clock.hpp"
#include "hongtu/geo/ledger.hpp"
#include "render/qgis_style.hpp"

namespace hongtu::cli {

namespace {

struct LedgerArgs {
    std::string file, project, asOf, kind = "venue", coords = "cgcs2000", sheet, encoding, now, who = "台账导入";
    std::vector<std::string> map;
    int headerRow = 0;
    bool strict = false, dryRun = false, noSave = false;
};

}  // namespace

Command addLedgerCommand(CLI::App& app) {
    auto a = std::make_shared<LedgerArgs>();
    auto* ledger = app.add_subcommand("ledger", "Programme ledgers (台账) from the counties");
    ledger->require_subcommand(1);
    auto* sub = ledger->add_subcommand("import",
                                       "Import a county's monthly ledger (XLSX/ODS/CSV) as a snapshot as of a date: new projects are added, a status "
                                       "that moved becomes a history row (dated by the ledger's 开工/完工/验收日期 when present, else --as-of); a status "
                                       "that went backwards, a project that vanished or a changed planned date is reported, never applied. Rows join "
                                       "by code, then name + township/county, then coordinates. Re-importing the same ledger changes nothing.\n"
                                       "Exit codes: 0 imported, 1 imported with rows left out or things to check, 2 refused (nothing written).");
    sub->add_option("file", a->file, "The ledger: XLSX, ODS or CSV (UTF-8 or GBK)")->required();
    sub->add_option("--project", a->project, "Project GeoPackage (from 'hongtu new' or the demo)")->required();
    sub->add_option("--as-of", a->asOf, "The ledger's date, e.g. 2018-06-30")->required();
    sub->add_option("--kind", a->kind,
                    "venue (village or community by the village's kind), village_venue, community_venue or housing")
        ->check(CLI::IsMember({"venue", "village_venue", "community_venue", "housing"}))
        ->capture_default_str();
    sub->add_option("--map", a->map, "Column mapping 列名=字段, repeatable, e.g. --map 完成情况=status (fields: " + geo::ledgerFieldNames() + ")");
    sub->add_option("--coords", a->coords, "Coordinate system of 经度/纬度 columns: cgcs2000, wgs84, gcj02 or bd09")->capture_default_str();
    sub->add_option("--sheet", a->sheet, "XLSX/ODS sheet (default: the first)");
    sub->add_option("--encoding", a->encoding, "CSV encoding: utf-8, utf-8-bom or gb18030 (default: detected)");
    sub->add_option("--header-row", a->headerRow, "Row holding the column names (default: detected)");
    sub->add_flag("--strict", a->strict, "Refuse the whole import when any row has an error");
    sub->add_flag("--dry-run", a->dryRun, "Show the changes without writing anything");
    sub->add_flag("--no-save-mapping", a->noSave, "Do not store the column mapping in the project for next month");
    sub->add_option("--who", a->who, "Recorded as who made the history rows")->capture_default_str();
    sub->add_option("--now", a->now, "Timestamp recorded with the rows (default: the current UTC time)");
    return {ledger, [a] {
                auto fail = [](const geo::Error& e) {
                    std::cout.flush();
                    std::cerr << "hongtu ledger import: " << e.toString() << "\n（项目未改动）\n";
                    return 2;
                };
                geo::LedgerOptions o;
                o.asOf = a->asOf;
                o.kind = geo::parseLedgerKind(a->kind);
                o.strict = a->strict;
                o.saveMapping = !a->noSave;
                o.who = a->who;
                o.recordedAt = a->now.empty() ? geo::Clock().utcIso() : a->now;
                o.table.sheet = a->sheet;
                o.table.headerRow = a->headerRow;
                auto coords = geo::parseCoordSystem(a->coords);
                if (!coords) return fail({"unknown coordinate system '" + a->coords + "'", {}, {}, {}});
                o.coords = *coords;
                if (!a->encoding.empty()) {
                    auto enc = geo::parseEncodingName(a->encoding);
                    if (!enc) return fail(enc.error());
                    o.table.encoding = *enc;
                }
                for (const auto& m : a->map) {
                    const auto eq = m.find('=');
                    if (eq == std::string::npos) return fail({"--map '" + m + "' must be written 列名=字段", {}, {}, {}});
                    o.map.emplace_back(m.substr(0, eq), m.substr(eq + 1));
                }
                auto plan = geo::planLedgerImport(a->project, a->file, o);
                if (!plan) return fail(plan.error());
                std::cout << plan->text();
                if (a->dryRun) {
                    std::cout << "（--dry-run：未写入）\n";
                    return 0;
                }
                if (plan->refused(o.strict)) {
                    std::cout.flush();
                    std::cerr << "hongtu ledger import: file '" << plan->file << "': " << plan->count(geo::LedgerChangeType::RowError)
                              << " 行有错误，--strict：全部未导入（项目未改动）\n";
                    return 2;
                }
                auto st = geo::applyLedgerPlan(a->project, *plan, o);
                if (!st) return fail(st.error());
                std::cout << "已写入 " << a->project << "：" << plan->newProjects.size() << " 个新项目，" << plan->newHistory.size()
                          << " 条状态记录\n";
                // QGIS opens the progress layers too: the progress views and every layer's QGIS
                // default style, made again in one transaction (geo/progress/views.hpp). A ledger that
                // changes nothing leaves the file as it was.
                if (!plan->newProjects.empty() || !plan->newHistory.empty()) {
                    const auto gui = makeChineseGuiApp();  // the legends' labels in Chinese, as on screen
                    if (auto qgis = render::writeQgisStyles(a->project, o.recordedAt); !qgis)
                        std::cerr << "hongtu ledger import: warning: the QGIS styles could not be written: " << qgis.error().toString() << "\n";
                }
                const bool attention = plan->count(geo::LedgerChangeType::RowError) + plan->count(geo::LedgerChangeType::Backwards) +
                                           plan->count(geo::LedgerChangeType::Vanished) + plan->count(geo::LedgerChangeType::PlanChanged) >
                                       0;
                return attention ? 1 : 0;
            }};
}

}  // namespace hongtu::cli
