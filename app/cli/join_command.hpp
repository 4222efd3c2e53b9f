#pragma once
// `hongtu join TABLE ...` (report only) and `hongtu import TABLE ...` (join, then write the
// matched rows into the project).

#include "cli/command.hpp"

namespace hongtu::cli {

Command addJoinCommand(CLI::App& app);
Command addImportCommand(CLI::App& app);

}  // namespace hongtu::cli
