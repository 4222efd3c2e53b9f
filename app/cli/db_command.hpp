#pragma once
// `hongtu db init|migrate|status|import|export|search`: a project on a shared PostgreSQL/PostGIS
// server (see docs/postgis.md and geo/pg/store.hpp).

#include "cli/command.hpp"

namespace hongtu::cli {

// Registers `hongtu db` and its subcommands.
Command addDbCommand(CLI::App& app);

}  // namespace hongtu::cli
