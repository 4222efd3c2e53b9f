#pragma once
// `hongtu info PATH [--json] [--encoding E]`: layers, feature counts, CRS and extent of any vector
// source, and what is wrong with them: invalid or empty geometries, NaN coordinates, a CRS the
// numbers contradict, mixed geometry types, duplicate codes, missing shapefile sidecars.

#include <iosfwd>
#include <string>

#include "cli/command.hpp"

namespace hongtu::cli {

struct InfoOptions {
    std::string path;
    bool json = false;
    std::string encoding;  // shapefile/DBF text encoding; empty = .cpg, else detected
};

// Exit codes: 0 ok, 1 problems found (each printed as PROBLEM), 2 unusable input (cannot open).
int runInfo(const InfoOptions& options, std::ostream& out, std::ostream& err);

// Registers `hongtu info`.
Command addInfoCommand(CLI::App& app);

}  // namespace hongtu::cli
