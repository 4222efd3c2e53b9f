#include "hongtu/geo/label_point.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace hongtu::geo {

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

// Midpoints of the inside-intervals of the scan line y = `y` through the part (odd-even rule).
std::vector<geo::XY> intervalMidpoints(const geo::Geometry::Part& part, double y) {
    std::vector<double> xs;
    for (const auto& ring : part) {
        for (std::size_t i = 0, n = ring.size(); i < n && n > 1; ++i) {
            const geo::XY& a = ring[i];
            const geo::XY& b = ring[(i + 1) % n];
            if ((a.y > y) != (b.y > y)) xs.push_back(a.x + (y - a.y) * (b.x - a.x) / (b.y - a.y));
        }
    }
    std::sort(xs.begin(), xs.end());
    std::vector<geo::XY> out;
    for (std::size_t i = 0; i + 1 < xs.size(); i += 2) out.push_back({(xs[i] + xs[i + 1]) / 2, y});
    return out;
}

double squaredDistanceToSegment(geo::XY p, geo::XY a, geo::XY b) {
    const double dx = b.x - a.x, dy = b.y - a.y;
    const double len2 = dx * dx + dy * dy;
    const double t = len2 > 0 ? std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / len2, 0.0, 1.0) : 0.0;
    const double ex = a.x + t * dx - p.x, ey = a.y + t * dy - p.y;
    return ex * ex + ey * ey;
}

// The squared distance from p to the part's boundary; stops early (returning a value <= floor)
// as soon as it is known to be at most `floor`: such a candidate cannot win, and the national
// counties' millions of vertices made the full scan a tenth of a page export.
double squaredDistanceToBoundary(geo::XY p, const geo::Geometry::Part& part, double floor) {
    double best = std::numeric_limits<double>::infinity();
    for (const auto& ring : part)
        for (std::size_t i = 0, n = ring.size(); i < n && n > 1; ++i) {
            best = std::min(best, squaredDistanceToSegment(p, ring[i], ring[(i + 1) % n]));
            if (best <= floor) return best;
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
    // Candidates: the middles of the inside-intervals on a few scan lines; the one farthest
    // from any edge wins (a cheap stand-in for the pole of inaccessibility). The centroid's
    // line comes first so that ties on symmetric shapes keep the natural spot.
    constexpr int kScanLines = 9;
    std::vector<double> ys{largestStats.centroid.y};
    for (int k = 0; k < kScanLines; ++k) ys.push_back(box.minY + box.height() * (k + 0.5) / kScanLines);
    std::optional<geo::XY> best;
    double bestDistance = 0;
    for (double y : ys) {
        for (const geo::XY& candidate : intervalMidpoints(*largest, y)) {
            const double d = squaredDistanceToBoundary(candidate, *largest, bestDistance * 1.0001);
            if (d > bestDistance * 1.0001) {
                bestDistance = d;
                best = candidate;
            }
        }
    }
    return best;
}

}  // namespace hongtu::geo
