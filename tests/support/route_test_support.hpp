#pragma once
// The demo tour of the route tests: the 兴县, 临县 and 柳林 sites of the bundled project, two
// days from 离石, leaving on Sunday 2018-07-01 at 08:00, 10-hour days, straight-line travel.

#include <catch2/catch_test_macros.hpp>

#include <string>

#include "hongtu/geo/route/project.hpp"
#include "hongtu/geo/route/route.hpp"
#include "render/route_layers.hpp"

namespace hongtu::test {

inline geo::route::RouteProblem demoTourProblem() {
    namespace route = geo::route;
    auto data = route::loadRouteProject(HONGTU_DEMO_PROJECT);
    REQUIRE(data.ok());
    route::RouteProblem p;
    for (const auto& site : data->sites)
        if (route::inCounty(site, "兴县") || route::inCounty(site, "临县") || route::inCounty(site, "柳林")) {
            REQUIRE(site.stop.has_value());
            p.stops.push_back(*site.stop);
        }
    p.trip.start = *route::findPlace(*data, "离石");
    p.trip.departDate = {2018, 7, 1};
    p.trip.days = 2;
    p.trip.overnightCandidates = route::seatPlaces(*data);
    return p;
}

inline render::RoutePlan demoTourPlan() {
    render::RoutePlan plan;
    plan.problem = demoTourProblem();
    const auto matrix = geo::route::StraightLineModel().matrix(geo::route::nodePlaces(plan.problem));
    REQUIRE(matrix.ok());
    plan.itinerary = geo::route::solve(plan.problem, *matrix);
    return plan;
}

}  // namespace hongtu::test
