#pragma once
// The "route sheet" of a study tour: the project map with the route's layers (legs by day,
// numbered stops, overnight towns) over it and the day-by-day timetable, through the same page
// painter as every briefing. Used by `hongtu route --sheet` and the viewer's route menu.
//
// A sheet a driver can use: the timetable never elides a time or a duration. The site name and
// the note wrap onto continuation rows so that the columns fit the table's width at its type size;
// days that do not fit under the map continue on further pages (whole days per page; a day longer
// than a page continues on the next). The trip's dates are printed as 出行日期 in the subtitle and
// the data date (the project's progress date) as 数据截至.

#include <string>
#include <vector>

#include "export/layout.hpp"
#include "export/page_context.hpp"
#include "hongtu/geo/result.hpp"
#include "render/loaded_project.hpp"
#include "render/route_layers.hpp"

namespace hongtu::exporting {

// The page context: the route layers reprojected into the project's display CRS, the map
// fitted to them, the timetable rows (render::timetableRows) unwrapped, the project's data date.
[[nodiscard]] geo::Result<PageContext> routeSheetContext(const render::LoadedProject& project, const render::RoutePlan& plan,
                                                         const ContextOptions& options);

// "出行日期 2018年7月1日至7月3日（3天）" (one day: no range).
[[nodiscard]] std::string tripDateText(const render::RoutePlan& plan);

// One printed page of the sheet.
struct SheetPage {
    PageLayout layout;
    PageContext context;
};

// The sheet's pages: page 1 has the map, the legend and the first whole days of the timetable;
// later pages carry the remaining days at full width. Every timetable row fits its column
// widths at the table's type size (wrapped, never elided) and every page's rows fit its table
// height without shrinking the type.
[[nodiscard]] geo::Result<std::vector<SheetPage>> routeSheetPages(const render::LoadedProject& project,
                                                                  const render::RoutePlan& plan,
                                                                  const ContextOptions& options);

// Writes the sheet to `path`; the format follows the file's extension (.pdf, .png, .svg, .tif).
// PDF: one file with every page. Other formats: page 1 at `path`, page N at "name-N.ext".
// Atomic like every page.
[[nodiscard]] geo::Result<std::vector<std::string>> writeRouteSheet(const std::string& path, const render::LoadedProject& project,
                                                                    const render::RoutePlan& plan,
                                                                    const ContextOptions& options);

}  // namespace hongtu::exporting
