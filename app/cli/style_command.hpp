#pragma once
// `hongtu style list|set`: the layer styles saved in a project (table hongtu_layer_styles), the
// same rows the viewer's style editor writes. `set` changes one layer's row in place, in one
// transaction (geo::ProjectStore), like the viewer, together with the style's QGIS form in
// QGIS's layer_styles. `qgis` writes the QGIS form of every layer (saved or default style).

#include "cli/command.hpp"

namespace hongtu::cli {

// Registers `hongtu style`.
Command addStyleCommand(CLI::App& app);

}  // namespace hongtu::cli
