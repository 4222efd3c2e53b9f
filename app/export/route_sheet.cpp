#include "export/route_sheet.hpp"

#include "export/layout.hpp"
#include "export/page_writer.hpp"

namespace hongtu::exporting {

geo::Result<PageContext> routeSheetContext(const render::Project& project, const render::RoutePlan& plan,
                                           const ContextOptions& options) {
    auto layers = render::routeLayers(plan, project.scene.displayCrs);
    if (!layers) return layers.error();
    if (layers->empty()) return geo::Error{"the tour has no days to print (nothing was planned)", {}, {}, {}};
    ContextOptions o = options;
    if (o.asOf.empty()) o.asOf = plan.problem.trip.departDate.iso();  // the tour's day, not today
    PageContext c = makeContext(project, nullptr, o);
    geo::Box extent;
    for (const auto& l : *layers) extent.expand(l.extent);
    const double pad = 0.12 * std::max(extent.width(), extent.height()) + 2000;
    c.map.extent = {extent.minX - pad, extent.minY - pad, extent.maxX + pad, extent.maxY + pad};
    c.overlays.insert(c.overlays.end(), layers->begin(), layers->end());
    const auto rows = render::timetableRows(plan);
    for (std::size_t r = 0; r < rows.size(); ++r) {
        std::vector<std::string> row;
        for (const auto& cell : rows[r]) row.push_back(cell.toStdString());
        if (r == 0) c.timetable.header = std::move(row);
        else c.timetable.rows.push_back(std::move(row));
    }
    return c;
}

geo::Status writeRouteSheet(const std::string& path, const render::Project& project, const render::RoutePlan& plan,
                            const ContextOptions& options) {
    auto format = formatFromPath(path);
    if (!format) return format.error();
    auto layout = builtinTemplate("route-sheet");
    if (!layout) return layout.error();
    auto context = routeSheetContext(project, plan, options);
    if (!context) return context.error();
    auto written = writePage(path, *format, *layout, *context);
    if (!written) return written.error();
    return geo::Done{};
}

}  // namespace hongtu::exporting
