#pragma once
// Entry point of the Qt viewer window.

#include <string>

#include "hongtu/geo/clock.hpp"

namespace hongtu::ui {

struct ViewerOptions {
    std::string projectPath;          // GeoPackage (or any OGR source) to open
    std::string language;             // "zh_CN" (default) or "en"
    std::string asOf;                 // ISO date the progress map opens on; empty = today within the history
    geo::Clock clock = geo::Clock();  // "today" and every timestamp (the project's zone, UTC+8)
};

// Creates the QApplication, shows the main window and runs the event loop.
// Returns the process exit code. The caller has checked that a display exists.
int runViewer(int argc, char** argv, const ViewerOptions& options);

}  // namespace hongtu::ui
