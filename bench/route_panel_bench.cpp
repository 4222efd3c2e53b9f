// route_panel_bench: what the viewer's route planner does per click, on the demo project. Not a
// test: nothing asserts on time.
//   - Solve (on the worker thread): travel matrix + exact solve of the 2-day 兴县/临县/柳林 tour
//     from 离石 (12 sites), and of all 22 sites in 3 days (heuristic).
//   - After a drag in the order list (on the UI thread): evaluateOrder + the timetable rows +
//     the three route layers, and one 1920x1080 frame of the map with them.
// Every figure is also printed as a ratio to a reference measured in the same run: one frame of
// the project map alone (what the canvas draws anyway after any change).
//
//   ./build/bench/route_panel_bench [--repeat N]

#include <QGuiApplication>
#include <QImage>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "hongtu/geo/route/project.hpp"
#include "hongtu/geo/route/route.hpp"
#include "render/loaded_project.hpp"
#include "render/map_renderer.hpp"
#include "render/route_layers.hpp"

using namespace hongtu;
namespace route = geo::route;
using Clock = std::chrono::steady_clock;

namespace {

double medianMs(int repeat, const std::function<void()>& f) {
    std::vector<double> t;
    for (int i = 0; i < repeat; ++i) {
        const auto t0 = Clock::now();
        f();
        t.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    }
    std::sort(t.begin(), t.end());
    return t[t.size() / 2];
}

route::RouteProblem tour(const route::RouteProjectData& data, const std::vector<std::string>& counties, int days) {
    route::RouteProblem p;
    for (const auto& site : data.sites) {
        bool take = counties.empty();
        for (const auto& c : counties) take = take || route::inCounty(site, c);
        if (take && site.stop) p.stops.push_back(*site.stop);
    }
    p.trip.start = *route::findPlace(data, "离石");
    p.trip.departDate = {2018, 7, 1};
    p.trip.days = days;
    p.trip.overnightCandidates = route::seatPlaces(data);
    return p;
}

}  // namespace

int main(int argc, char** argv) {
    int repeat = 7;
    for (int i = 1; i + 1 < argc; ++i)
        if (std::strcmp(argv[i], "--repeat") == 0) repeat = std::max(1, std::atoi(argv[i + 1]));
    setenv("QT_QPA_PLATFORM", "offscreen", 0);
    QGuiApplication app(argc, argv);

    auto project = render::loadProject(HONGTU_DEMO_PROJECT);
    auto data = route::loadRouteProject(HONGTU_DEMO_PROJECT);
    if (!project || !data) {
        std::fprintf(stderr, "route_panel_bench: cannot read the demo project\n");
        return 2;
    }
    render::MapSettings settings;
    settings.displayCrs = project->scene.displayCrs;
    settings.outputSize = {1920, 1080};
    settings.visibleLayerIds = project->scene.initiallyVisibleLayerIds();
    settings = settings.fittedTo(project->scene.extent());
    const double reference = medianMs(repeat, [&] { (void)render::renderToImage(project->scene, settings); });
    std::printf("reference: one 1920x1080 frame of the Lüliang map           %8.1f ms\n", reference);
    const auto line = [&](const char* what, double ms) { std::printf("%-62s %8.1f ms  %6.2fx frame\n", what, ms, ms / reference); };

    const route::StraightLineModel model;
    render::RoutePlan plan;
    plan.problem = tour(*data, {"兴县", "临县", "柳林"}, 2);
    route::TravelMatrix matrix;
    line("solve: matrix + exact, 12 sites, 2 days (worker thread)", medianMs(repeat, [&] {
             matrix = *model.matrix(route::nodePlaces(plan.problem));
             plan.itinerary = route::solve(plan.problem, matrix);
         }));
    const auto all = tour(*data, {}, 3);
    line("solve: matrix + heuristic, 22 sites, 3 days (worker thread)", medianMs(std::max(1, repeat / 2), [&] {
             (void)route::solve(all, *model.matrix(route::nodePlaces(all)));
         }));

    // A drag: the last stop of day 2 to the front of day 1.
    std::vector<std::string> order;
    for (const auto& d : plan.itinerary.days) {
        if (!order.empty()) order.push_back("|");
        for (const auto& v : d.visits) order.push_back(plan.problem.stops[v.stop].id);
    }
    std::rotate(order.begin(), order.end() - 1, order.end());
    render::RoutePlan manual = plan;
    std::vector<render::SceneLayer> layers;
    line("reorder: evaluateOrder + timetable rows + route layers (UI)", medianMs(repeat, [&] {
             manual.itinerary = *route::evaluateOrder(plan.problem, matrix, order);
             (void)render::timetableRows(manual);
             layers = *render::routeLayers(manual, project->scene.displayCrs);
         }));
    render::Scene withRoute = project->scene;
    withRoute.layers.insert(withRoute.layers.end(), layers.begin(), layers.end());
    render::MapSettings routeSettings = settings;
    routeSettings.visibleLayerIds = withRoute.initiallyVisibleLayerIds();
    line("reorder: one frame of the map with the route (render thread)",
         medianMs(repeat, [&] { (void)render::renderToImage(withRoute, routeSettings); }));
    return 0;
}
