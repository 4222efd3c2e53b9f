// hongtu: the viewer (no arguments) and the headless subcommands.
// Exit codes: 0 success; 1 the job ran but found problems; 2 unusable input or usage.

#include <CLI/CLI.hpp>

#include <cstdlib>
#include <filesystem>
#include <functional>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/command.hpp"
#include "cli/dataset_command.hpp"
#include "cli/db_command.hpp"
#include "cli/export_command.hpp"
#include "cli/gui_app.hpp"
#include "cli/info_command.hpp"
#include "cli/join_command.hpp"
#include "cli/ledger_command.hpp"
#include "cli/new_command.hpp"
#include "cli/progress_command.hpp"
#include "cli/route_command.hpp"
#include "cli/style_command.hpp"
#include "hongtu/geo/feature.hpp"
#include "hongtu/geo/pg/store.hpp"
#include "hongtu/geo/result.hpp"
#include "ui/viewer.hpp"

namespace {

bool haveDisplay() {
    const char* platform = std::getenv("QT_QPA_PLATFORM");
    if (platform && *platform) return true;  // offscreen, vnc, ... chosen explicitly
    const char* x = std::getenv("DISPLAY");
    const char* w = std::getenv("WAYLAND_DISPLAY");
    return (x && *x) || (w && *w);
}

// The last resort: an exception nobody expected becomes one sentence and exit code 2, never
// std::terminate (exit 134 and a core dump). Known failures are reported by the commands
// themselves as errors naming file, layer and row; this only catches what slipped through.
int runGuarded(const std::string& what, const std::function<int()>& run) {
    const auto report = [&](const std::string& detail) {
        std::cerr << "hongtu " << what << ": stopped on an unexpected error (" << detail
                  << "). Please report it together with the input file.\n";
        return 2;
    };
    try {
        return run();
    } catch (const hongtu::geo::BadResultAccess& e) {
        return report(e.what());
    } catch (const std::bad_alloc&) {
        return report("out of memory");
    } catch (const std::exception& e) {
        return report(e.what());
    } catch (...) {
        return report("unknown exception");
    }
}

}  // namespace

int main(int argc, char** argv) {
    // Every PostgreSQL session of this process (also GDAL's readers of a PG: project) waits a
    // bounded time for locks, statements and the connection (docs/postgis.md, "Timeouts").
    hongtu::geo::pg::applyPgSessionDefaultsToEnvironment();
    CLI::App app{
        "宏图 Hongtu — planning maps for Lüliang's grassroots construction programme.\n"
        "Without a subcommand, opens the map viewer on PROJECT (default: the bundled Lüliang demo).\n"
        "Exit codes: 0 success, 1 finished with problems found, 2 unusable input or usage error."};
    app.set_version_flag("--version", std::string(HONGTU_VERSION));

    std::string project = HONGTU_DEMO_PROJECT;
    std::string language = "zh_CN";
    app.add_option("--project", project, "Project to open in the viewer (GeoPackage or any OGR source)");
    app.add_option("--lang", language, "Viewer language: zh_CN (default) or en")->check(CLI::IsMember({"zh_CN", "en"}));
    // The demo's data describe the programme as the 2018 report saw it: it opens on 2018-06-30.
    std::string asOf;
    app.add_option("--as-of", asOf,
                   "Day the progress map opens on, e.g. 2018-06-30 (default: today within the project's "
                   "history; the bundled demo: 2018-06-30)");

    // Every headless subcommand, one line each.
    std::vector<hongtu::cli::Command> commands;
    commands.push_back(hongtu::cli::addInfoCommand(app));
    commands.push_back(hongtu::cli::addProgressCommand(app));
    commands.push_back(hongtu::cli::addRouteCommand(app));
    commands.push_back(hongtu::cli::addJoinCommand(app));
    commands.push_back(hongtu::cli::addImportCommand(app));
    commands.push_back(hongtu::cli::addExportCommand(app));
    commands.push_back(hongtu::cli::addNewCommand(app));
    commands.push_back(hongtu::cli::addLedgerCommand(app));
    commands.push_back(hongtu::cli::addDatasetCommand(app));
    commands.push_back(hongtu::cli::addDbCommand(app));
    commands.push_back(hongtu::cli::addStyleCommand(app));

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int rc = app.exit(e);
        return rc == 0 ? 0 : 2;
    }
    for (const auto& c : commands)
        if (*c.sub) return runGuarded(c.sub->get_name(), c.run);

    if (!haveDisplay()) {
        std::cerr << "hongtu: no display found (DISPLAY is not set), so the map viewer cannot open; "
                     "run it in a desktop session, under xvfb-run, or use a subcommand such as 'hongtu info' (see --help).\n";
        return 2;
    }
    if (!std::filesystem::exists(project) && project.rfind("PG:", 0) != 0) {
        std::cerr << "hongtu: project '" << project << "' does not exist.\n";
        return 2;
    }
    // The demo by any path (relative, a copy's symlink): the same file as the bundled one.
    std::error_code sameError;
    if (asOf.empty() && (project == HONGTU_DEMO_PROJECT ||
                         std::filesystem::equivalent(project, std::string(HONGTU_DEMO_PROJECT), sameError)))
        asOf = "2018-06-30";
    if (!asOf.empty() && !hongtu::geo::Date::parseIso(asOf)) {
        std::cerr << "hongtu: --as-of '" << asOf << "' is not a date; write it like 2018-06-30\n";
        return 2;
    }
    return runGuarded("viewer", [&] { return hongtu::ui::runViewer(argc, argv, {project, language, asOf}); });
}
