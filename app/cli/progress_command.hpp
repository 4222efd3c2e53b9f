#pragma once
// `hongtu progress`: construction progress as of a date, per county / township / city, the
// overdue and due-soon lists; `hongtu progress record`: a status change (or a batch from a
// spreadsheet) appended to the project's history.

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>

#include "cli/command.hpp"

namespace hongtu::cli {

struct ProgressCommandOptions {
    std::string project;
    std::string asOf;              // ISO date; empty = today (the caller's clock)
    std::string level = "county";  // county | township | city
    std::string format = "text";   // text | csv | json | xlsx
    std::string output;            // file to write (required for xlsx); empty = standard output
    bool overdue = false;          // list the late projects instead of the tallies
    bool dueSoon = false;          // list the projects due soon instead of the tallies
    int dueSoonDays = 30;
};

struct RecordCommandOptions {
    std::string project;
    std::string projectId, status, date, note, who;
    std::string fromCsv;              // batch file (CSV/XLSX) instead of a single change
    std::string recordedAt;           // ISO 8601 UTC; empty = now
    std::int64_t expectVersion = -1;  // PostGIS: row_version the editor saw; -1 = no check
};

// Exit codes: 0 ok, 2 unusable input (cannot open, bad date, bad option).
int runProgress(const ProgressCommandOptions& options, const std::string& today, std::ostream& out, std::ostream& err);
// Exit codes: 0 saved, 1 refused (nothing saved; every problem listed), 2 unusable input.
int runRecord(const RecordCommandOptions& options, const std::string& now, std::ostream& out, std::ostream& err);

// Registers `hongtu progress` and `hongtu progress record`.
Command addProgressCommand(CLI::App& app);

}  // namespace hongtu::cli
