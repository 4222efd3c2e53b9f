#pragma once
// The "route sheet" page of a study tour: the project map with the route's layers (legs by day,
// numbered stops, overnight towns) over it and the day-by-day timetable, through the same page
// painter as every briefing. Used by `hongtu route --sheet` and the viewer's route menu.

#include <string>

#include "export/page_context.hpp"
#include "hongtu/geo/result.hpp"
#include "render/project.hpp"
#include "render/route_layers.hpp"

namespace hongtu::exporting {

// The page context: the route layers reprojected into the project's display CRS, the map
// fitted to them, the timetable rows (render::timetableRows) and the tour's date as the data date.
[[nodiscard]] geo::Result<PageContext> routeSheetContext(const render::Project& project, const render::RoutePlan& plan,
                                                         const ContextOptions& options);

// Writes the route-sheet template (A4) to `path`; the format follows the file's extension
// (.pdf, .png, .svg, .tif). Atomic like every page.
[[nodiscard]] geo::Status writeRouteSheet(const std::string& path, const render::Project& project,
                                         const render::RoutePlan& plan, const ContextOptions& options);

}  // namespace hongtu::exporting
