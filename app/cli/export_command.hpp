#pragma once
// `hongtu export`: briefing pages (PNG/PDF/SVG) from a page layout, for the city, one unit or
// every county/township. Runs without a display (Qt's offscreen platform).

#include "cli/command.hpp"

namespace hongtu::cli {

[[nodiscard]] Command addExportCommand(CLI::App& app);

}  // namespace hongtu::cli
