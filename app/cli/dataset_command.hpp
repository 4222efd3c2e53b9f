#pragma once
// `hongtu dataset build-luliang|build-national`: builds the bundled demo project (with its QGIS
// default styles) and the national benchmark dataset (datasets/generator).

#include "cli/command.hpp"

namespace hongtu::cli {

Command addDatasetCommand(CLI::App& app);

}  // namespace hongtu::cli
