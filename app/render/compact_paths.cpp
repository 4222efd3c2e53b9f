#include "render/compact_paths.hpp"

#include <QPolygonF>

#include <algorithm>
#include <cassert>
#include <cmath>

namespace hongtu::render {

namespace {

constexpr double kSteps = 1073741824.0;  // 2^30: the largest offset of a path, in steps
constexpr std::uint8_t kOddEven = 1, kClosed = 2;

// The step for offsets up to `largest` map units (1 for a path of one point).
double stepFor(double largest) { return largest > 0 && std::isfinite(largest) ? largest / kSteps : 1.0; }

// Appends one ring's vertices as steps of `scale` from `origin`, and the ring's end.
void appendRing(std::vector<std::int32_t>& xy, std::vector<std::uint32_t>& ringStart, const QPolygonF& ring, QPointF origin, double scale) {
    for (const QPointF& v : ring) {
        xy.push_back(static_cast<std::int32_t>(std::llround((v.x() - origin.x()) / scale)));
        xy.push_back(static_cast<std::int32_t>(std::llround((v.y() - origin.y()) / scale)));
    }
    ringStart.push_back(static_cast<std::uint32_t>(xy.size() / 2));
}

}  // namespace

CompactPaths::Data& CompactPaths::mutableData() {
    if (!d_) d_ = std::make_shared<Data>();
    else if (d_.use_count() > 1) d_ = std::make_shared<Data>(*d_);  // copy on write
    return *d_;
}

void CompactPaths::push_back(const QPainterPath& path, Rings ringsAre) {
    // The rings as polygons: a path of moveTo/lineTo (every scene path) element by element;
    // one with curves flattened the way QPainterPath draws them.
    std::vector<QPolygonF> rings;
    bool curves = false;
    for (int k = 0; k < path.elementCount() && !curves; ++k) curves = path.elementAt(k).isCurveTo();
    if (curves) {
        for (const QPolygonF& ring : path.toSubpathPolygons()) rings.push_back(ring);
    } else {
        for (int k = 0; k < path.elementCount(); ++k) {
            const QPainterPath::Element e = path.elementAt(k);
            if (e.isMoveTo() || rings.empty()) rings.emplace_back();
            rings.back().append(QPointF(e.x, e.y));
        }
    }
    // Closed: every ring of three or more vertices ends where it starts (closeSubpath() made it
    // so, or the data did; closing such a ring again adds no element).
    bool closed = ringsAre == Rings::Closed;
    if (ringsAre == Rings::Detect) {
        closed = !rings.empty();
        for (const QPolygonF& ring : rings) closed = closed && ring.size() >= 3 && ring.front() == ring.back();
    }
    Data& d = mutableData();
    const QPointF origin = rings.empty() ? QPointF() : rings.front().front();
    double largest = 0;
    for (const QPolygonF& ring : rings)
        for (const QPointF& p : ring) largest = std::max({largest, std::abs(p.x() - origin.x()), std::abs(p.y() - origin.y())});
    const double scale = stepFor(largest);
    d.origin.push_back(origin);
    d.scale.push_back(scale);
    d.flags.push_back(static_cast<std::uint8_t>((path.fillRule() == Qt::OddEvenFill ? kOddEven : 0) | (closed ? kClosed : 0)));
    for (const QPolygonF& ring : rings) appendRing(d.xy, d.ringStart, ring, origin, scale);
    d.pathRing.push_back(static_cast<std::uint32_t>(d.ringStart.size() - 1));
}

void CompactPaths::append(const CompactPaths& other, std::size_t i) {
    if (&other == this) {
        const CompactPaths shared = other;  // appending detaches this from `shared`
        append(shared, i);
        return;
    }
    const Data& o = *other.d_;
    const std::uint32_t r0 = o.pathRing[i], r1 = o.pathRing[i + 1];
    const std::uint32_t firstVertex = o.ringStart[r0];
    Data& d = mutableData();
    const std::uint32_t shift = static_cast<std::uint32_t>(d.xy.size() / 2);
    for (std::uint32_t v = firstVertex; v < o.ringStart[r1]; ++v) {  // a selection's vertices gathered from its source
        d.xy.push_back(o.x(v));
        d.xy.push_back(o.y(v));
    }
    for (std::uint32_t r = r0 + 1; r <= r1; ++r) d.ringStart.push_back(o.ringStart[r] - firstVertex + shift);
    d.pathRing.push_back(static_cast<std::uint32_t>(d.ringStart.size() - 1));
    d.origin.push_back(o.origin[i]);
    d.scale.push_back(o.scale[i]);
    d.flags.push_back(o.flags[i]);
}

CompactPaths CompactPaths::selectionOf(const CompactPaths& source) {
    CompactPaths out;
    auto d = std::make_shared<Data>();
    d->base = source.d_ ? source.d_ : std::make_shared<Data>();
    assert(!d->base->base && "a selection of a selection is not supported");
    out.d_ = std::move(d);
    return out;
}

void CompactPaths::addSelected(std::size_t i, const std::vector<std::pair<std::uint32_t, bool>>& kept) {
    Data& d = mutableData();
    const Data& source = *d.base;
    d.origin.push_back(source.origin[i]);
    d.scale.push_back(source.scale[i]);
    d.flags.push_back(source.flags[i]);
    for (std::size_t k = 0; k < kept.size(); ++k) {
        if (kept[k].second && k > 0) d.ringStart.push_back(static_cast<std::uint32_t>(d.index.size()));
        d.index.push_back(kept[k].first);
    }
    if (!kept.empty()) d.ringStart.push_back(static_cast<std::uint32_t>(d.index.size()));
    d.pathRing.push_back(static_cast<std::uint32_t>(d.ringStart.size() - 1));
}

void CompactPaths::reserve(std::size_t paths, std::size_t vertices) {
    Data& d = mutableData();
    d.origin.reserve(paths);
    d.scale.reserve(paths);
    d.flags.reserve(paths);
    d.pathRing.reserve(paths + 1);
    if (vertices) d.xy.reserve(2 * vertices);
}

void CompactPaths::shrink_to_fit() {
    if (!d_) return;
    Data& d = mutableData();
    d.xy.shrink_to_fit();
    d.ringStart.shrink_to_fit();
    d.pathRing.shrink_to_fit();
    d.origin.shrink_to_fit();
    d.scale.shrink_to_fit();
    d.flags.shrink_to_fit();
    d.index.shrink_to_fit();
}

Qt::FillRule CompactPaths::fillRule(std::size_t i) const { return (d_->flags[i] & kOddEven) ? Qt::OddEvenFill : Qt::WindingFill; }

QPainterPath CompactPaths::path(std::size_t i) const {
    const Data& d = *d_;
    QPainterPath out;
    if (fillRule(i) != out.fillRule()) out.setFillRule(fillRule(i));  // an empty path stays without elements
    const std::uint32_t r0 = d.pathRing[i], r1 = d.pathRing[i + 1];
    if (r0 == r1) return out;
    const bool close = d.flags[i] & kClosed;
    out.reserve(static_cast<int>(d.ringStart[r1] - d.ringStart[r0]));
    const QPointF o = d.origin[i];
    const double s = d.scale[i];
    for (std::uint32_t r = r0; r < r1; ++r) {
        const std::uint32_t v0 = d.ringStart[r], v1 = d.ringStart[r + 1];
        out.moveTo(o.x() + d.x(v0) * s, o.y() + d.y(v0) * s);
        for (std::uint32_t v = v0 + 1; v < v1; ++v) out.lineTo(o.x() + d.x(v) * s, o.y() + d.y(v) * s);
        if (close) out.closeSubpath();
    }
    return out;
}

std::size_t CompactPaths::bytes() const {
    if (!d_) return 0;
    const Data& d = *d_;
    return d.xy.capacity() * sizeof(std::int32_t) + (d.ringStart.capacity() + d.pathRing.capacity()) * sizeof(std::uint32_t) +
           d.origin.capacity() * sizeof(QPointF) + d.scale.capacity() * sizeof(double) + d.flags.capacity() +
           d.index.capacity() * sizeof(std::uint32_t);
}

}  // namespace hongtu::render
