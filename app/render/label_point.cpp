#include "render/label_point.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace hongtu::render {

namespace {

struct RingStats {
    double area = 0;  // absolute
    geo::XY centroid;
};

RingStats ringStats(const geo::Geometry::Ring& ring) {
    double a2 = 0, cx = 0, cy = 0;
    for (std::size_t i = 0, n = ring.size(); i < n && n > 2; ++i) {  // closed or not: the closing edge is then empty
        const geo::XY& p = ring[i];
        const geo::XY& q = ring[(i + 1) % n];
        const double cross = p.x * q.y - q.x * p.y;
        a2 += cross;
        cx += (p.x + q.x) * cross;
        cy += (p.y + q.y) * cross;
    }
    if (a2 == 0) return {};
    return {std::abs(a2) / 2, {cx / (3 * a2), cy / (3 * a2)}};
}

struct Interval {
    double from = 0, to = 0;
    [[nodiscard]] double width() const { return to - from; }
};

// Widest interval of the scan line y = `y` that lies inside the part (odd-even rule).
std::optional<Interval> widestInside(const geo::Geometry::Part& part, double y) {
    std::vector<double> xs;
    for (const auto& ring : part) {
        for (std::size_t i = 0, n = ring.size(); i < n && n > 1; ++i) {
            const geo::XY& a = ring[i];
            const geo::XY& b = ring[(i + 1) % n];
            if ((a.y > y) != (b.y > y)) xs.push_back(a.x + (y - a.y) * (b.x - a.x) / (b.y - a.y));
        }
    }
    std::sort(xs.begin(), xs.end());
    std::optional<Interval> best;
    for (std::size_t i = 0; i + 1 < xs.size(); i += 2) {
        const Interval in{xs[i], xs[i + 1]};
        if (!best || in.width() > best->width()) best = in;
    }
    return best;
}

}  // namespace

std::optional<geo::XY> interiorPoint(const geo::Geometry& polygon) {
    if (polygon.kind != geo::Geometry::Kind::Polygon || polygon.empty()) return std::nullopt;

    const geo::Geometry::Part* largest = nullptr;
    RingStats largestStats;
    for (const auto& part : polygon.parts) {
        if (part.empty()) continue;
        const RingStats s = ringStats(part.front());
        if (!largest || s.area > largestStats.area) {
            largest = &part;
            largestStats = s;
        }
    }
    if (!largest || largestStats.area <= 0) return std::nullopt;

    geo::Box box;
    for (const geo::XY& p : largest->front()) box.expand(p);
    const double h = box.height();
    // The centroid's scan line first: on convex shapes it wins ties and gives the natural spot.
    const double candidates[] = {largestStats.centroid.y, box.minY + h / 2, box.minY + h / 3, box.minY + 2 * h / 3};
    std::optional<geo::XY> best;
    double bestWidth = 0;
    for (double y : candidates) {
        const auto in = widestInside(*largest, y);
        if (in && in->width() > bestWidth * 1.2) {  // prefer earlier candidates unless clearly wider
            bestWidth = in->width();
            best = geo::XY{(in->from + in->to) / 2, y};
        }
    }
    return best;
}

}  // namespace hongtu::render
