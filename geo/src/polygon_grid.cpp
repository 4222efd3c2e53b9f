#include "hongtu/geo/polygon_grid.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>

namespace hongtu::geo {

namespace {

// Sign of the orientation of q against the line p1 -> p2 (1 left, -1 right, 0 on it). The
// double determinant's sign is taken when it is larger than its rounding error bound
// (Shewchuk's orient2d filter); otherwise it is recomputed in long double.
int orientation(XY p1, XY p2, XY q) {
    const double detLeft = (p1.x - q.x) * (p2.y - q.y);
    const double detRight = (p1.y - q.y) * (p2.x - q.x);
    const double det = detLeft - detRight;
    const double bound = 3.3306690738754716e-16 * (std::abs(detLeft) + std::abs(detRight));
    if (det > bound) return 1;
    if (-det > bound) return -1;
    const long double l = static_cast<long double>(p1.x - q.x) * static_cast<long double>(p2.y - q.y);
    const long double r = static_cast<long double>(p1.y - q.y) * static_cast<long double>(p2.x - q.x);
    return l > r ? 1 : l < r ? -1
                             : 0;
}

std::uint32_t bandOf(double y, double y0, double height, std::uint32_t count) {
    const double b = std::floor((y - y0) / height);
    if (!(b > 0)) return 0;
    return std::min(count - 1, static_cast<std::uint32_t>(b));
}

}  // namespace

Result<PolygonGrid> PolygonGrid::build(const std::vector<Geometry>& polygons) {
    PolygonGrid g;
    g.polys_.resize(polygons.size());
    std::size_t total = 0;
    for (std::size_t i = 0; i < polygons.size(); ++i) {
        const Geometry& geom = polygons[i];
        if (!geom.empty() && geom.kind != Geometry::Kind::Polygon)
            return Error{std::string("expected polygons, found a ") + kindName(geom.kind), {}, {}, static_cast<std::int64_t>(i + 1)};
        for (const auto& part : geom.parts)
            for (const auto& ring : part) total += ring.size() + 1;
    }
    if (total >= 0xffffffffu) return Error{"too many polygon vertices for one index (4 billion)", {}, {}, {}};
    g.vertices_.reserve(total);
    std::vector<std::uint32_t> edges;  // this polygon's edges
    std::vector<std::uint32_t> counts;
    for (std::size_t i = 0; i < polygons.size(); ++i) {
        Poly& poly = g.polys_[i];
        poly.firstBand = static_cast<std::uint32_t>(g.bandStart_.size());
        edges.clear();
        for (const auto& part : polygons[i].parts)
            for (const auto& ring : part) {
                if (ring.size() < 3) continue;  // no area (GEOS leaves such rings out too)
                const auto begin = static_cast<std::uint32_t>(g.vertices_.size());
                for (const XY& p : ring) {
                    g.vertices_.push_back(p);
                    poly.box.expand(p);
                }
                if (!(ring.front() == ring.back())) g.vertices_.push_back(ring.front());
                for (auto e = begin; e + 1 < g.vertices_.size(); ++e) edges.push_back(e);
            }
        if (edges.empty()) {
            poly.box = Box{};
            continue;
        }
        // About two edges per band: a band then holds the few edges a horizontal line crosses
        // plus those lying within it.
        poly.bandCount = static_cast<std::uint32_t>(std::clamp<std::size_t>(edges.size() / 2, 1, 1u << 16));
        poly.bandY0 = poly.box.minY;
        poly.bandHeight = poly.box.height() > 0 ? poly.box.height() / poly.bandCount : 1;
        counts.assign(poly.bandCount + 1, 0);
        const auto span = [&](std::uint32_t e) {
            const double a = g.vertices_[e].y, b = g.vertices_[e + 1].y;
            return std::pair{bandOf(std::min(a, b), poly.bandY0, poly.bandHeight, poly.bandCount),
                             bandOf(std::max(a, b), poly.bandY0, poly.bandHeight, poly.bandCount)};
        };
        for (const auto e : edges) {
            const auto [lo, hi] = span(e);
            for (auto b = lo; b <= hi; ++b) ++counts[b + 1];
        }
        for (std::uint32_t b = 0; b < poly.bandCount; ++b) counts[b + 1] += counts[b];
        const auto base = static_cast<std::uint32_t>(g.bandEdges_.size());
        for (std::uint32_t b = 0; b < poly.bandCount; ++b) g.bandStart_.push_back(base + counts[b]);
        g.bandEdges_.resize(base + counts[poly.bandCount]);
        for (const auto e : edges) {
            const auto [lo, hi] = span(e);
            for (auto b = lo; b <= hi; ++b) g.bandEdges_[base + counts[b]++] = e;
        }
        g.extent_.expand(poly.box);
    }
    g.bandStart_.push_back(static_cast<std::uint32_t>(g.bandEdges_.size()));

    // The candidate grid: about four cells per polygon, each listing the polygons whose box touches it.
    const double side = std::ceil(std::sqrt(4.0 * std::max<std::size_t>(1, polygons.size())));
    g.columns_ = static_cast<std::uint32_t>(std::clamp(side, 1.0, 4096.0));
    g.rows_ = g.columns_;
    if (!g.extent_.empty()) {
        g.cellWidth_ = g.extent_.width() > 0 ? g.extent_.width() / g.columns_ : 1;
        g.cellHeight_ = g.extent_.height() > 0 ? g.extent_.height() / g.rows_ : 1;
    }
    const auto cellRange = [&](const Box& b) {
        const auto col = [&](double x) { return bandOf(x, g.extent_.minX, g.cellWidth_, g.columns_); };
        const auto row = [&](double y) { return bandOf(y, g.extent_.minY, g.cellHeight_, g.rows_); };
        return std::array<std::uint32_t, 4>{col(b.minX), row(b.minY), col(b.maxX), row(b.maxY)};
    };
    std::vector<std::uint32_t> cellCounts(static_cast<std::size_t>(g.columns_) * g.rows_ + 1, 0);
    for (const Poly& poly : g.polys_) {
        if (poly.box.empty()) continue;
        const auto r = cellRange(poly.box);
        for (auto y = r[1]; y <= r[3]; ++y)
            for (auto x = r[0]; x <= r[2]; ++x) ++cellCounts[static_cast<std::size_t>(y) * g.columns_ + x + 1];
    }
    for (std::size_t c = 1; c < cellCounts.size(); ++c) cellCounts[c] += cellCounts[c - 1];
    g.cellStart_ = cellCounts;
    g.cellPolys_.resize(cellCounts.back());
    for (std::size_t i = 0; i < g.polys_.size(); ++i) {  // ascending: the lowest index comes first in each cell
        const Poly& poly = g.polys_[i];
        if (poly.box.empty()) continue;
        const auto r = cellRange(poly.box);
        for (auto y = r[1]; y <= r[3]; ++y)
            for (auto x = r[0]; x <= r[2]; ++x) g.cellPolys_[cellCounts[static_cast<std::size_t>(y) * g.columns_ + x]++] = static_cast<std::uint32_t>(i);
    }
    return g;
}

bool PolygonGrid::contains(std::size_t i, XY p) const {
    const Poly& poly = polys_[i];
    if (poly.bandCount == 0 || !poly.box.contains(p)) return false;
    const std::uint32_t band = poly.firstBand + bandOf(p.y, poly.bandY0, poly.bandHeight, poly.bandCount);
    bool odd = false;
    for (std::uint32_t k = bandStart_[band]; k < bandStart_[band + 1]; ++k) {
        const std::uint32_t e = bandEdges_[k];
        const XY p1 = vertices_[e], p2 = vertices_[e + 1];
        // GEOS's RayCrossingCounter::countSegment, for a ray from p to the east.
        if (p1.x < p.x && p2.x < p.x) continue;
        if (p == p2 || p == p1) return true;
        if (p1.y == p.y && p2.y == p.y) {
            if (p.x >= std::min(p1.x, p2.x) && p.x <= std::max(p1.x, p2.x)) return true;
            continue;
        }
        if ((p1.y > p.y && p2.y <= p.y) || (p2.y > p.y && p1.y <= p.y)) {
            int orient = orientation(p1, p2, p);
            if (orient == 0) return true;
            if (p2.y < p1.y) orient = -orient;
            if (orient > 0) odd = !odd;
        }
    }
    return odd;
}

std::optional<std::size_t> PolygonGrid::locate(XY p) const {
    if (!extent_.contains(p)) return std::nullopt;
    const std::size_t cell = static_cast<std::size_t>(bandOf(p.y, extent_.minY, cellHeight_, rows_)) * columns_ +
                             bandOf(p.x, extent_.minX, cellWidth_, columns_);
    for (std::uint32_t k = cellStart_[cell]; k < cellStart_[cell + 1]; ++k)
        if (contains(cellPolys_[k], p)) return cellPolys_[k];
    return std::nullopt;
}

std::size_t PolygonGrid::memoryBytes() const {
    return vertices_.capacity() * sizeof(XY) + polys_.capacity() * sizeof(Poly) +
           (bandStart_.capacity() + bandEdges_.capacity() + cellStart_.capacity() + cellPolys_.capacity()) * sizeof(std::uint32_t);
}

}  // namespace hongtu::geo
