#pragma once
// `hongtu style list|set`: the layer styles saved in a project (table hongtu_layer_styles), the
// same rows the viewer's style editor writes. `set` changes one layer's row in place, in one
// transaction (geo::ProjectStore), like the viewer.

#include "cli/command.hpp"

namespace hongtu::cli {

// Registers `hongtu style`.
Command addStyleCommand(CLI::App& app);

}  // namespace hongtu::cli
