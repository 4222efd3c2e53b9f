#pragma once
// `hongtu info PATH [--json]`: layers, feature counts, CRS and extent of any vector source.

#include <iosfwd>
#include <string>

#include "cli/command.hpp"

namespace hongtu::cli {

struct InfoOptions {
    std::string path;
    bool json = false;
};

// Exit codes: 0 ok, 2 unusable input (cannot open).
int runInfo(const InfoOptions& options, std::ostream& out, std::ostream& err);

// Registers `hongtu info`.
Command addInfoCommand(CLI::App& app);

}  // namespace hongtu::cli
