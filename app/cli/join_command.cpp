#include "cli/join_command.hpp"

#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <memory>

#include "hongtu/geo/clock.hpp"
#include "hongtu/geo/datasource.hpp"
#include "hongtu/geo/join.hpp"
#include "hongtu/geo/layer_checks.hpp"
#include "hongtu/geo/project_import.hpp"

namespace hongtu::cli {

namespace {

struct JoinArgs {
    std::string table, project, to = "village", sheet, encoding, report;
    std::string keyColumn, nameColumn, countyColumn, townshipColumn, lonColumn, latColumn, coords = "cgcs2000";
    int headerRow = 0;
    std::string rowsPerUnit = "one";
    std::string layer, now;  // import only
};

void addJoinOptions(CLI::App* sub, JoinArgs& a, bool reportRequired) {
    sub->add_option("table", a.table, "The table to join: CSV, XLSX, ODS or DBF")->required();
    sub->add_option("--project", a.project, "Project GeoPackage with counties, townships and villages")->required();
    sub->add_option("--to", a.to, "Level to join to: village, township or county")
        ->check(CLI::IsMember({"village", "township", "county"}))
        ->capture_default_str();
    sub->add_option("--key-column", a.keyColumn, "Column holding the 12/9/6-digit division code");
    sub->add_option("--name-column", a.nameColumn, "Column holding the village/township/county name");
    sub->add_option("--county-column", a.countyColumn, "Column holding the county name or code (disambiguates names, checks code prefixes)");
    sub->add_option("--township-column", a.townshipColumn, "Column holding the township name or code (villages by name)");
    sub->add_option("--lon-column", a.lonColumn, "Longitude column (join by location)");
    sub->add_option("--lat-column", a.latColumn, "Latitude column (join by location)");
    sub->add_option("--coords", a.coords,
                    "Coordinate system of the lon/lat columns: cgcs2000, wgs84, gcj02 (Amap/Gaode, Tencent) or bd09 (Baidu)")
        ->capture_default_str();
    sub->add_option("--rows-per-unit", a.rowsPerUnit,
                    "one: a second row for the same unit is a duplicate (venue tables); many: rows may share a unit (sites per county)")
        ->check(CLI::IsMember({"one", "many"}))
        ->capture_default_str();
    sub->add_option("--sheet", a.sheet, "XLSX/ODS sheet (default: the first)");
    sub->add_option("--encoding", a.encoding, "CSV/DBF encoding: utf-8, utf-8-bom or gb18030 (default: detected)");
    sub->add_option("--header-row", a.headerRow, "Row holding the column names (default: detected; title rows above are skipped)");
    auto* rep = sub->add_option("--report", a.report, "Write the join report: OUT.csv or OUT.xlsx (one line per input row)");
    if (reportRequired) rep->required();
}

struct Joined {
    geo::Table table;
    geo::AdminUnits units;
    geo::JoinReport report;
};

// Exit code 2 with the message on unusable input.
int runJoin(const JoinArgs& a, const char* command, std::unique_ptr<Joined>& out) {
    auto fail = [command](const geo::Error& e) {
        std::cerr << "hongtu " << command << ": " << geo::redactConnectionString(e.toString()) << "\n";
        return 2;
    };
    geo::TableOptions topt;
    topt.sheet = a.sheet;
    topt.headerRow = a.headerRow;
    if (!a.encoding.empty()) {
        auto enc = geo::parseEncodingName(a.encoding);
        if (!enc) return fail(enc.error());
        topt.encoding = *enc;
    }
    auto coords = geo::parseCoordSystem(a.coords);
    if (!coords) return fail({"unknown coordinate system '" + a.coords + "' (use cgcs2000, wgs84, gcj02 or bd09)", {}, {}, {}});
    // The table and the project's units, read side by side.
    auto inputs = geo::readJoinInputs(a.table, topt, a.project);
    if (!inputs) return fail(inputs.error());
    auto* table = &inputs->table;
    auto* units = &inputs->units;

    // Exactly the columns the user named; the level and whether rows may share a unit.
    const geo::JoinOptions jopt{.level = *geo::parseLevel(a.to), .keyColumn = a.keyColumn, .nameColumn = a.nameColumn, .countyColumn = a.countyColumn, .townshipColumn = a.townshipColumn, .lonColumn = a.lonColumn, .latColumn = a.latColumn, .coordSystem = *coords, .manyRowsPerUnit = a.rowsPerUnit == "many"};
    auto report = geo::joinTable(*table, *units, jopt);
    if (!report) return fail(report.error());

    std::cout << table->file << (table->sheet.empty() ? "" : " [" + table->sheet + "]") << ": encoding " << table->encoding
              << (table->encodingDetected ? " (detected)" : " (chosen)") << ", header on row " << table->headerRow << ", "
              << table->rows.size() << " rows\n";
    if (report->method == "location") std::cout << "coordinates stated as " << report->coordSystem << "\n";
    // What `hongtu info` would say of the file, before the rows' own results.
    for (const auto& f : geo::checkTable(*table, {a.lonColumn, a.latColumn}))
        std::cout << (f.problem ? "  PROBLEM:  " : "  note:     ") << f.message << "\n";
    std::cout << geo::summarize(*report) << "\n";
    if (report->method == "cascade") std::cout << "several key columns: code first, then name + township/county, then location\n";
    for (const auto& r : report->rows) {
        if (r.status == geo::JoinStatus::Matched && !r.tried.empty()) {  // the cascade fell back to a later rule
            std::cout << "  row " << r.row << ": matched by " << r.rule << ": " << r.messageZh << "\n";
            continue;
        }
        if (r.status == geo::JoinStatus::Matched) continue;
        std::cout << "  row " << r.row << ": " << geo::joinStatusName(r.status) << ": " << (r.messageZh.empty() ? r.message : r.messageZh);
        if (!r.candidates.empty()) {
            std::cout << " [candidates:";
            for (const auto& c : r.candidates) std::cout << " " << c << ";";
            std::cout << "]";
        }
        std::cout << "\n";
    }
    if (!a.report.empty()) {
        auto st = geo::writeJoinReport(a.report, *report, *units);
        if (!st) return fail(st.error());
        std::cout << "report written to " << a.report << "\n";
    }
    out = std::make_unique<Joined>(Joined{std::move(inputs->table), std::move(inputs->units), std::move(*report)});
    return 0;
}

}  // namespace

Command addJoinCommand(CLI::App& app) {
    auto args = std::make_shared<JoinArgs>();
    auto* sub = app.add_subcommand("join",
                                   "Join a table (CSV/XLSX/ODS/DBF) to the project's villages, townships or counties and report every row that did not join.\n"
                                   "Statuses: matched, unmatched, ambiguous, duplicate, invalid_code, prefix_mismatch, outside_area, invalid_coordinates.\n"
                                   "Several key columns (--key-column with --name-column and/or --lon-column/--lat-column) join by the cascade: a valid code "
                                   "first, then name + township/county, then location; each row says which rule matched it.\n"
                                   "Exit codes: 0 every row matched, 1 some rows did not, 2 unusable input.");
    addJoinOptions(sub, *args, false);  // without --report, the summary and the problem rows are printed only
    return {sub, [args] {
                std::unique_ptr<Joined> joined;
                if (int rc = runJoin(*args, "join", joined); rc != 0) return rc;
                return joined->report.allMatched() ? 0 : 1;
            }};
}

Command addImportCommand(CLI::App& app) {
    auto args = std::make_shared<JoinArgs>();
    auto* sub = app.add_subcommand("import",
                                   "Join a table like 'hongtu join', then write its matched rows into the project as a layer, in one atomic step.\n"
                                   "Re-importing replaces the previous import of the same layer and reports rows added, removed and changed.\n"
                                   "Exit codes: 0 every row imported, 1 some rows were left out (see the report), 2 unusable input; on 2 the project is unchanged.");
    addJoinOptions(sub, *args, false);
    sub->add_option("--layer", args->layer, "Name of the layer to write (letters, digits, _)")->required();
    sub->add_option("--now", args->now, "Timestamp recorded for the import (default: the current UTC time)");
    return {sub, [args] {
                std::unique_ptr<Joined> joined;
                if (int rc = runJoin(*args, "import", joined); rc != 0) return rc;
                geo::ImportOptions iopt;
                iopt.layerName = args->layer;
                iopt.importedAt = args->now.empty() ? geo::Clock().utcIso() : args->now;
                auto summary = geo::importJoinedTable(args->project, joined->table, joined->report, joined->units, iopt);
                if (!summary) {
                    std::cerr << "hongtu import: " << geo::redactConnectionString(summary.error().toString()) << "\n(the project was not changed)\n";
                    return 2;
                }
                std::cout << summary->text() << "\n";
                return joined->report.allMatched() ? 0 : 1;
            }};
}

}  // namespace hongtu::cli
