#pragma once
// The route pipeline, once for `hongtu route` and the viewer's route panel: a request (the
// problem, how to travel, optimise or time a given order) -> the travel model -> the travel
// matrix -> the itinerary. Writing the result is writeItinerary() in route/export.hpp.
//
// The caller builds the RouteProblem (the CLI from its options, the panel from its form); this
// module decides everything after that, so the same request gives the same plan, byte for byte,
// from either.

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "hongtu/geo/result.hpp"
#include "hongtu/geo/route/route.hpp"

namespace hongtu::geo::route {

// How drive times are estimated: along a road network, or the straight line x detour factor.
struct TravelSource {
    std::string roadsPath;   // any GDAL line layer; empty = straight line
    std::string roadsLayer;  // empty = the only (or first) line layer of roadsPath
    std::string speedField;  // road attribute with km/h; empty = speedKmh everywhere
    double speedKmh = 50;    // straight line; roads without a speed attribute
    double detour = 1.4;     // straight line: road distance / straight line; roads: the access stretch
    bool operator==(const TravelSource&) const = default;
    [[nodiscard]] bool roads() const { return !roadsPath.empty(); }
};

// The model for `source`: a StraightLineModel, or the road network read from its file (the error
// names the file and layer).
[[nodiscard]] Result<std::shared_ptr<const TravelModel>> openTravelModel(const TravelSource& source);

// Keeps the last road network opened, so that solving again with the same network (and speeds)
// does not read and build the graph again (the panel solves many times). A straight-line source
// is made anew and leaves the kept network alone. Safe to use from several threads.
class TravelModelCache {
public:
    [[nodiscard]] Result<std::shared_ptr<const TravelModel>> get(const TravelSource& source);

private:
    std::mutex mutex_;
    TravelSource source_;
    std::shared_ptr<const TravelModel> model_;
};

struct PlanRequest {
    RouteProblem problem;
    TravelSource travel;
    // Empty: find the best order (solve). Otherwise time this order (evaluateOrder): stop ids,
    // "|" between days.
    std::vector<std::string> order;
    RouteOptions options;  // seed, time limit, penalties (solve only)
};

struct PlannedRoute {
    RouteProblem problem;
    std::shared_ptr<const TravelMatrix> matrix;  // nodePlaces(problem); kept to time changed orders
    Itinerary itinerary;
};

// Validates the problem, builds the matrix with `model`, then solves or evaluates the order.
// Errors: the problem's (naming the stop), the model's (naming the place that cannot be
// reached), an order's unknown id.
[[nodiscard]] Result<PlannedRoute> planRoute(const PlanRequest& request, const TravelModel& model);
// The same with the model opened from request.travel.
[[nodiscard]] Result<PlannedRoute> planRoute(const PlanRequest& request);

}  // namespace hongtu::geo::route
