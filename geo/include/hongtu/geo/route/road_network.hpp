#pragma once
// A road network from any GDAL line layer, as a route::TravelModel: shortest drive times with
// Boost.Graph's Dijkstra, and route geometry that follows the roads.
//
// Topology: every vertex of every line is a node; lines that share a vertex (same coordinates
// to 1e-7 degrees) are connected there. Lines are two-way. Edge time = geodesic length / speed,
// the speed taken from an optional attribute (km/h) or the default.
// Places are snapped to the nearest node; the stretch from the place to that node is driven at
// the access speed along the straight line x detour factor. Places farther than maxSnapMeters from
// any node, or in a different connected piece of the network than the first place (the start),
// are refused with a message naming them.

#include <memory>
#include <string>
#include <vector>

#include "hongtu/geo/feature.hpp"
#include "hongtu/geo/result.hpp"
#include "hongtu/geo/route/route.hpp"

namespace hongtu::geo::route {

struct RoadNetworkOptions {
    std::string speedField;  // attribute with km/h; empty, NULL or <= 0 -> defaultSpeedKmh
    double defaultSpeedKmh = 40;
    double maxSnapMeters = 5000;  // farther from any road node: refused
    double accessSpeedKmh = 20;   // for the snapping stretch
    double accessDetour = 1.4;
};

struct RoadNetworkStats {
    std::size_t nodes = 0, edges = 0, components = 0;
    std::size_t largestComponent = 0;  // nodes
    double totalMeters = 0;
};

class RoadNetwork final : public TravelModel {
public:
    // Builds the graph from a line layer in lon/lat (EPSG:4490/4326 or no CRS). Projected layers
    // are transformed to EPSG:4490 first. Non-line features are an error naming the feature.
    [[nodiscard]] static Result<RoadNetwork> fromLayer(const Layer& lines, const RoadNetworkOptions& options = {});
    // Reads `layer` from `path` through geo::DataSource (empty layer name = the only/first line layer).
    [[nodiscard]] static Result<RoadNetwork> open(const std::string& path, const std::string& layer,
                                                  const RoadNetworkOptions& options = {});

    RoadNetwork(RoadNetwork&&) noexcept;
    RoadNetwork& operator=(RoadNetwork&&) noexcept;
    ~RoadNetwork() override;

    [[nodiscard]] RoadNetworkStats stats() const;
    [[nodiscard]] Result<TravelMatrix> matrix(const std::vector<Place>& places) const override;

private:
    struct Impl;
    explicit RoadNetwork(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace hongtu::geo::route
