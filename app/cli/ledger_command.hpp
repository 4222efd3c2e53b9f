#pragma once
// `hongtu ledger import FILE --project P --as-of DATE`: a county's monthly ledger (台账) as a
// snapshot: new projects added, status changes recorded, the rest reported (geo/ledger.hpp).

#include "cli/command.hpp"

namespace hongtu::cli {

Command addLedgerCommand(CLI::App& app);

}  // namespace hongtu::cli
