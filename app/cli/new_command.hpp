#pragma once
// `hongtu new P.gpkg --counties FILE ...`: a new project from a planner's own boundary file,
// village list or the official division list (geo/new_project.hpp).

#include "cli/command.hpp"

namespace hongtu::cli {

Command addNewCommand(CLI::App& app);

}  // namespace hongtu::cli
