// The route pipeline: request -> travel model -> matrix -> itinerary.

#include "hongtu/geo/route/plan.hpp"

#include <utility>

#include "hongtu/geo/route/road_network.hpp"

namespace hongtu::geo::route {

Result<std::shared_ptr<const TravelModel>> openTravelModel(const TravelSource& source) {
    if (!source.roads()) return std::shared_ptr<const TravelModel>(std::make_shared<StraightLineModel>(source.speedKmh, source.detour));
    RoadNetworkOptions options;
    options.speedField = source.speedField;
    options.defaultSpeedKmh = source.speedKmh;
    options.accessDetour = source.detour;
    auto net = RoadNetwork::open(source.roadsPath, source.roadsLayer, options);
    if (!net) return net.error();
    return std::shared_ptr<const TravelModel>(std::make_shared<RoadNetwork>(std::move(net).value()));
}

Result<std::shared_ptr<const TravelModel>> TravelModelCache::get(const TravelSource& source) {
    if (!source.roads()) return openTravelModel(source);  // nothing to read: not worth keeping
    std::lock_guard lock(mutex_);
    if (model_ && source_ == source) return model_;
    auto model = openTravelModel(source);
    if (!model) return model.error();
    source_ = source;
    model_ = *model;
    return model_;
}

Result<PlannedRoute> planRoute(const PlanRequest& request, const TravelModel& model) {
    if (auto st = validate(request.problem); !st) return st.error();
    auto matrix = model.matrix(nodePlaces(request.problem));
    if (!matrix) return matrix.error();
    PlannedRoute out;
    out.problem = request.problem;
    out.matrix = std::make_shared<const TravelMatrix>(std::move(matrix).value());
    if (request.order.empty()) {
        out.itinerary = solve(out.problem, *out.matrix, request.options);
    } else {
        auto evaluated = evaluateOrder(out.problem, *out.matrix, request.order);
        if (!evaluated) return evaluated.error();
        out.itinerary = std::move(evaluated).value();
    }
    return out;
}

Result<PlannedRoute> planRoute(const PlanRequest& request) {
    if (auto st = validate(request.problem); !st) return st.error();  // before reading a road network
    auto model = openTravelModel(request.travel);
    if (!model) return model.error();
    return planRoute(request, **model);
}

}  // namespace hongtu::geo::route
