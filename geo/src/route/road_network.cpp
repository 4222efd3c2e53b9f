// Road network travel model on Boost.Graph (adjacency_list + dijkstra_shortest_paths).

#include "hongtu/geo/route/road_network.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/connected_components.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "hongtu/geo/crs.hpp"
#include "hongtu/geo/datasource.hpp"

namespace hongtu::geo::route {

namespace {

struct EdgeProps {
    double minutes = 0;
    double meters = 0;
};

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, boost::no_property, EdgeProps>;
using Vertex = boost::graph_traits<Graph>::vertex_descriptor;

std::string fmtKm(double meters) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f km", meters / 1000.0);
    return buf;
}

std::optional<double> speedOf(const Value& v) {
    if (std::holds_alternative<std::int64_t>(v)) return static_cast<double>(std::get<std::int64_t>(v));
    if (std::holds_alternative<double>(v)) return std::get<double>(v);
    if (std::holds_alternative<std::string>(v)) {
        try {
            return std::stod(std::get<std::string>(v));
        } catch (...) {
            return std::nullopt;
        }
    }
    return std::nullopt;
}

}  // namespace

struct RoadNetwork::Impl {
    Graph graph;
    std::vector<XY> coords;      // per vertex, lon/lat
    std::vector<int> component;  // per vertex
    std::vector<std::size_t> componentSize;
    RoadNetworkOptions options;
    double totalMeters = 0;
};

RoadNetwork::RoadNetwork(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RoadNetwork::RoadNetwork(RoadNetwork&&) noexcept = default;
RoadNetwork& RoadNetwork::operator=(RoadNetwork&&) noexcept = default;
RoadNetwork::~RoadNetwork() = default;

Result<RoadNetwork> RoadNetwork::fromLayer(const Layer& input, const RoadNetworkOptions& options) {
    if (input.geometryKind != Geometry::Kind::LineString)
        return Error{"a road network needs a line layer; this one holds " + std::string(kindName(input.geometryKind)), {}, input.name, {}};
    if (!(options.defaultSpeedKmh > 0)) return Error{"the default road speed must be more than 0 km/h", {}, input.name, {}};
    const Layer* layer = &input;
    Layer transformed;
    if (!input.crs.empty()) {
        const auto epsg = identifyEpsg(input.crs);
        if (!epsg || (*epsg != kEpsgCgcs2000 && *epsg != kEpsgWgs84)) {
            auto tr = Transformer::create(input.crs, "EPSG:4490");
            if (!tr) return Error{"cannot bring the road layer to longitude/latitude: " + tr.error().message, {}, input.name, {}};
            transformed = input;
            for (auto& f : transformed.features)
                if (!tr->forward(f.geometry))
                    return Error{"a road could not be transformed to longitude/latitude", {}, input.name, f.fid};
            layer = &transformed;
        }
    }
    std::optional<std::size_t> speedIndex;
    if (!options.speedField.empty()) {
        speedIndex = layer->fieldIndex(options.speedField);
        if (!speedIndex)
            return Error{"the road layer has no speed field '" + options.speedField + "'", {}, layer->name, {}};
    }
    auto impl = std::make_unique<Impl>();
    impl->options = options;
    // Vertices keyed by coordinates rounded to 1e-7 degrees (about 1 cm).
    std::unordered_map<std::uint64_t, Vertex> index;
    auto vertexFor = [&](XY p) {
        const auto qx = static_cast<std::int64_t>(std::llround(p.x * 1e7));
        const auto qy = static_cast<std::int64_t>(std::llround(p.y * 1e7));
        const std::uint64_t k = (static_cast<std::uint64_t>(qx) * 0x9E3779B97F4A7C15ull) ^ static_cast<std::uint64_t>(qy);
        // Collisions of the hash key are resolved by comparing the stored coordinates.
        auto [it, inserted] = index.try_emplace(k, 0);
        if (inserted) {
            it->second = boost::add_vertex(impl->graph);
            impl->coords.push_back(p);
            return it->second;
        }
        const XY q = impl->coords[it->second];
        if (std::llround(q.x * 1e7) == qx && std::llround(q.y * 1e7) == qy) return it->second;
        const Vertex v = boost::add_vertex(impl->graph);  // rare: a true hash collision, keep apart
        impl->coords.push_back(p);
        return v;
    };
    for (const auto& f : layer->features) {
        double speed = options.defaultSpeedKmh;
        if (speedIndex) {
            auto s = speedOf(f.values[*speedIndex]);
            if (s && *s > 0) speed = *s;
        }
        for (const auto& part : f.geometry.parts)
            for (const auto& ring : part)
                for (std::size_t k = 1; k < ring.size(); ++k) {
                    const XY a = ring[k - 1], b = ring[k];
                    if (!std::isfinite(a.x) || !std::isfinite(a.y) || !std::isfinite(b.x) || !std::isfinite(b.y))
                        return Error{"a road has an invalid coordinate", {}, layer->name, f.fid};
                    if (std::abs(a.x) > 180 || std::abs(a.y) > 90)
                        return Error{"road coordinates are not longitude/latitude (e.g. " + std::to_string(a.x) + ", " +
                                         std::to_string(a.y) + "); declare the layer's CRS",
                                     {},
                                     layer->name,
                                     f.fid};
                    const Vertex u = vertexFor(a), v = vertexFor(b);
                    if (u == v) continue;
                    const double meters = geodesicDistance(a, b);
                    boost::add_edge(u, v, EdgeProps{meters / 1000.0 / speed * 60.0, meters}, impl->graph);
                    impl->totalMeters += meters;
                }
    }
    if (boost::num_vertices(impl->graph) == 0) return Error{"the road layer has no lines", {}, layer->name, {}};
    impl->component.assign(boost::num_vertices(impl->graph), 0);
    const int count = boost::connected_components(impl->graph, impl->component.data());
    impl->componentSize.assign(static_cast<std::size_t>(count), 0);
    for (int c : impl->component) ++impl->componentSize[static_cast<std::size_t>(c)];
    return RoadNetwork(std::move(impl));
}

Result<RoadNetwork> RoadNetwork::open(const std::string& path, const std::string& layerName, const RoadNetworkOptions& options) {
    auto ds = DataSource::open(path);
    if (!ds) return ds.error();
    std::string name = layerName;
    if (name.empty()) {
        for (const auto& l : ds->layers())
            if (l.geometryKind == Geometry::Kind::LineString) {
                name = l.name;
                break;
            }
        if (name.empty()) return Error{"no line layer found for the road network", path, {}, {}};
    }
    auto layer = ds->readLayer(name);
    if (!layer) return layer.error();
    auto net = fromLayer(*layer, options);
    if (!net) {
        Error e = net.error();
        e.file = path;
        return e;
    }
    return net;
}

RoadNetworkStats RoadNetwork::stats() const {
    RoadNetworkStats s;
    s.nodes = boost::num_vertices(impl_->graph);
    s.edges = boost::num_edges(impl_->graph);
    s.components = impl_->componentSize.size();
    for (auto c : impl_->componentSize) s.largestComponent = std::max(s.largestComponent, c);
    s.totalMeters = impl_->totalMeters;
    return s;
}

Result<TravelMatrix> RoadNetwork::matrix(const std::vector<Place>& places) const {
    const Impl& g = *impl_;
    const std::size_t n = places.size();
    const std::size_t nv = g.coords.size();
    // Snap each place to its nearest node (equirectangular screening, geodesic for the result).
    std::vector<Vertex> snapped(n);
    std::vector<double> accessMeters(n), accessMinutes(n);
    for (std::size_t i = 0; i < n; ++i) {
        const XY p = places[i].lonLat;
        const double kx = std::cos(p.y * 3.14159265358979323846 / 180.0);
        double best = std::numeric_limits<double>::infinity();
        Vertex bv = 0;
        for (std::size_t v = 0; v < nv; ++v) {
            const double dx = (g.coords[v].x - p.x) * kx, dy = g.coords[v].y - p.y;
            const double d2 = dx * dx + dy * dy;
            if (d2 < best) {
                best = d2;
                bv = v;
            }
        }
        snapped[i] = bv;
        const double d = geodesicDistance(p, g.coords[bv]);
        if (d > g.options.maxSnapMeters)
            return Error{"'" + places[i].name + "' is " + fmtKm(d) + " from the nearest road of the network (more than " +
                             fmtKm(g.options.maxSnapMeters) + "); add the road or move the place / 距路网最近点" + fmtKm(d),
                         {},
                         {},
                         {}};
        accessMeters[i] = d * g.options.accessDetour;
        accessMinutes[i] = accessMeters[i] / 1000.0 / g.options.accessSpeedKmh * 60.0;
    }
    for (std::size_t i = 1; i < n; ++i)
        if (g.component[snapped[i]] != g.component[snapped[0]])
            return Error{"'" + places[i].name + "' lies on a piece of the road network (" +
                             std::to_string(g.componentSize[static_cast<std::size_t>(g.component[snapped[i]])]) +
                             " nodes) that is not connected to '" + places[0].name + "' (" +
                             std::to_string(g.componentSize[static_cast<std::size_t>(g.component[snapped[0]])]) +
                             " nodes); connect the roads or leave the stop out / 该点所在路段与出发地不连通",
                         {},
                         {},
                         {}};

    TravelMatrix m;
    m.size = n;
    m.minutes.assign(n * n, 0.0);
    m.meters.assign(n * n, 0.0);
    m.paths.assign(n * n, {});
    std::vector<double> dist(nv);
    std::vector<Vertex> pred(nv);
    std::map<Vertex, std::pair<std::vector<double>, std::vector<Vertex>>> cache;  // one Dijkstra per distinct node
    for (std::size_t i = 0; i < n; ++i) {
        auto it = cache.find(snapped[i]);
        if (it == cache.end()) {
            boost::dijkstra_shortest_paths(
                g.graph, snapped[i],
                boost::predecessor_map(boost::make_iterator_property_map(pred.begin(), boost::get(boost::vertex_index, g.graph)))
                    .distance_map(boost::make_iterator_property_map(dist.begin(), boost::get(boost::vertex_index, g.graph)))
                    .weight_map(boost::get(&EdgeProps::minutes, g.graph)));
            it = cache.emplace(snapped[i], std::make_pair(dist, pred)).first;
        }
        const auto& [d, p] = it->second;
        for (std::size_t j = 0; j < n; ++j) {
            if (i == j || geodesicDistance(places[i].lonLat, places[j].lonLat) < 1.0) continue;  // same place
            std::vector<XY> path{places[j].lonLat};
            double meters = accessMeters[i] + accessMeters[j];
            Vertex v = snapped[j];
            path.push_back(g.coords[v]);
            while (v != snapped[i]) {
                const Vertex u = p[v];
                // The fastest of possibly parallel edges u-v, as Dijkstra used.
                double bestMin = std::numeric_limits<double>::infinity(), bestM = 0;
                for (auto [e, end] = boost::out_edges(u, g.graph); e != end; ++e)
                    if (boost::target(*e, g.graph) == v && g.graph[*e].minutes < bestMin) {
                        bestMin = g.graph[*e].minutes;
                        bestM = g.graph[*e].meters;
                    }
                meters += bestM;
                v = u;
                path.push_back(g.coords[v]);
            }
            path.push_back(places[i].lonLat);
            std::reverse(path.begin(), path.end());
            m.minutes[i * n + j] = accessMinutes[i] + d[snapped[j]] + accessMinutes[j];
            m.meters[i * n + j] = meters;
            m.paths[i * n + j] = std::move(path);
        }
    }
    const auto s = stats();
    m.modelDescription = "roads: " + std::to_string(s.edges) + " edges, " + fmtKm(s.totalMeters) + ", default " +
                         std::to_string(static_cast<int>(g.options.defaultSpeedKmh)) + " km/h";
    return m;
}

}  // namespace hongtu::geo::route
