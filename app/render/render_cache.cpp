#include "render/render_cache.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace hongtu::render {

namespace {

void buildGrid(const SceneLayer& layer, LayerRenderCache& c) {
    c.gridBuilt = true;
    const std::size_t n = layer.points.size();
    double minX = INFINITY, minY = INFINITY, maxX = -INFINITY, maxY = -INFINITY;
    for (const QPointF& p : layer.points) {
        minX = std::min(minX, p.x());
        minY = std::min(minY, p.y());
        maxX = std::max(maxX, p.x());
        maxY = std::max(maxY, p.y());
    }
    // About 16 points per cell on average.
    const double w = std::max(maxX - minX, 1e-9), h = std::max(maxY - minY, 1e-9);
    const double cells = std::max(1.0, static_cast<double>(n) / 16);
    c.cellSize = std::sqrt(w * h / cells);
    c.gridMinX = minX;
    c.gridMinY = minY;
    c.cellsX = std::max(1, static_cast<int>(std::ceil(w / c.cellSize)) + 1);
    c.cellsY = std::max(1, static_cast<int>(std::ceil(h / c.cellSize)) + 1);
    const auto cellOf = [&](const QPointF& p) {
        const int cx = std::clamp(static_cast<int>((p.x() - c.gridMinX) / c.cellSize), 0, c.cellsX - 1);
        const int cy = std::clamp(static_cast<int>((p.y() - c.gridMinY) / c.cellSize), 0, c.cellsY - 1);
        return static_cast<std::size_t>(cy) * static_cast<std::size_t>(c.cellsX) + static_cast<std::size_t>(cx);
    };
    const std::size_t cellCount = static_cast<std::size_t>(c.cellsX) * static_cast<std::size_t>(c.cellsY);
    c.cellStart.assign(cellCount + 1, 0);
    for (const QPointF& p : layer.points) ++c.cellStart[cellOf(p) + 1];
    for (std::size_t i = 0; i < cellCount; ++i) c.cellStart[i + 1] += c.cellStart[i];
    c.cellItems.assign(n, 0);
    std::vector<std::uint32_t> fill(c.cellStart.begin(), c.cellStart.end() - 1);
    for (std::size_t i = 0; i < n; ++i) c.cellItems[fill[cellOf(layer.points[i])]++] = static_cast<std::uint32_t>(i);
    c.itemLabel.assign(n, -1);
    for (std::size_t k = 0; k < layer.labels.size(); ++k)
        if (layer.labels[k].item < n) c.itemLabel[layer.labels[k].item] = static_cast<std::int32_t>(k);
}

}  // namespace

std::vector<std::size_t> pointsIn(const SceneLayer& layer, const QRectF& rect) {
    LayerRenderCache& c = *layer.renderCache;
    {
        const std::lock_guard lock(c.mutex);
        if (!c.gridBuilt) buildGrid(layer, c);
    }
    std::vector<std::size_t> out;
    const int x0 = std::max(0, static_cast<int>(std::floor((rect.left() - c.gridMinX) / c.cellSize)));
    const int x1 = std::min(c.cellsX - 1, static_cast<int>(std::floor((rect.right() - c.gridMinX) / c.cellSize)));
    const int y0 = std::max(0, static_cast<int>(std::floor((rect.top() - c.gridMinY) / c.cellSize)));
    const int y1 = std::min(c.cellsY - 1, static_cast<int>(std::floor((rect.bottom() - c.gridMinY) / c.cellSize)));
    for (int y = y0; y <= y1; ++y) {
        for (int x = x0; x <= x1; ++x) {
            const std::size_t cell = static_cast<std::size_t>(y) * static_cast<std::size_t>(c.cellsX) + static_cast<std::size_t>(x);
            for (std::uint32_t k = c.cellStart[cell]; k < c.cellStart[cell + 1]; ++k) {
                const std::size_t i = c.cellItems[k];
                const QPointF& p = layer.points[i];
                if (p.x() >= rect.left() && p.x() <= rect.right() && p.y() >= rect.top() && p.y() <= rect.bottom()) out.push_back(i);
            }
        }
    }
    // The drawing order of the layer, whatever the cells; when tens of thousands are in view
    // they are drawn as pixel blocks per class, where the order cannot be seen.
    if (out.size() <= 30'000) std::sort(out.begin(), out.end());
    return out;
}

std::int32_t labelOfPoint(const SceneLayer& layer, std::size_t item) {
    const auto& labels = layer.renderCache->itemLabel;
    return item < labels.size() ? labels[item] : -1;
}

namespace {

// Douglas-Peucker on ring[first..last]: marks the vertices to keep so that every dropped vertex
// lies within sqrt(t2) of the kept outline. Iterative (rings of 100,000 vertices).
void markKept(const std::vector<QPointF>& ring, double t2, std::vector<char>& keep) {
    std::vector<std::pair<std::size_t, std::size_t>> spans{{0, ring.size() - 1}};
    while (!spans.empty()) {
        const auto [first, last] = spans.back();
        spans.pop_back();
        if (last <= first + 1) continue;
        const QPointF a = ring[first], b = ring[last];
        const double dx = b.x() - a.x(), dy = b.y() - a.y(), len2 = dx * dx + dy * dy;
        double worst = -1;
        std::size_t at = first;
        for (std::size_t k = first + 1; k < last; ++k) {
            const double px = ring[k].x() - a.x(), py = ring[k].y() - a.y();
            double d2;
            if (len2 <= 0) {
                d2 = px * px + py * py;  // a closed ring's first span: distance to its start
            } else {
                const double cross = px * dy - py * dx;
                d2 = cross * cross / len2;
                const double along = (px * dx + py * dy) / len2;  // beyond the segment's ends: to the end point
                if (along < 0) d2 = px * px + py * py;
                else if (along > 1) d2 = (ring[k].x() - b.x()) * (ring[k].x() - b.x()) + (ring[k].y() - b.y()) * (ring[k].y() - b.y());
            }
            if (d2 > worst) worst = d2, at = k;
        }
        if (worst <= t2) continue;
        keep[at] = 1;
        spans.push_back({first, at});
        spans.push_back({at, last});
    }
}

}  // namespace

namespace {

// The vertices a ring keeps (numbers into ring[0..n), ascending; the first and the last always).
// Half the tolerance for each of the two passes below: a vertex left out by the first may be
// that far from a vertex the second leaves out, never farther from the outline than
// sqrt(4 * t2) = `tolerance` in all.
struct RingSimplifier {
    std::vector<QPointF> ring;
    std::vector<std::uint32_t> from;  // ring[k] is input vertex from[k]
    std::vector<char> keep;
    void run(const QPointF* v, std::size_t n, double t2, std::vector<std::uint32_t>& out) {
        out.clear();
        if (n == 0) return;
        // Vertices within the tolerance of the last one taken are left out first (cheap, and
        // it keeps Douglas-Peucker's work to the vertices that can matter); the ring's last
        // vertex always stays.
        ring.clear();
        from.clear();
        ring.push_back(v[0]);
        from.push_back(0);
        for (std::size_t k = 1; k < n; ++k) {
            const double dx = v[k].x() - ring.back().x(), dy = v[k].y() - ring.back().y();
            if (k + 1 < n && dx * dx + dy * dy < t2) continue;
            ring.push_back(v[k]);
            from.push_back(static_cast<std::uint32_t>(k));
        }
        keep.assign(ring.size(), 0);
        keep.front() = keep.back() = 1;  // the ring stays closed
        markKept(ring, t2, keep);
        for (std::size_t k = 0; k < ring.size(); ++k)
            if (keep[k]) out.push_back(from[k]);
    }
};

// The vertices simplifyPath keeps of `path`, a ring's first one marked.
void simplifiedVertices(const QPainterPath& path, double tolerance, std::vector<std::pair<QPointF, bool>>& kept) {
    kept.clear();
    const double t2 = tolerance * tolerance / 4;
    const int n = path.elementCount();
    std::vector<QPointF> ring;
    std::vector<std::uint32_t> keptInRing;
    RingSimplifier simplifier;
    int i = 0;
    while (i < n) {
        // One subpath: a MoveTo and the LineTos after it.
        int end = i + 1;
        while (end < n && path.elementAt(end).type != QPainterPath::MoveToElement) ++end;
        ring.clear();
        for (int k = i; k < end; ++k) ring.emplace_back(path.elementAt(k).x, path.elementAt(k).y);
        simplifier.run(ring.data(), ring.size(), t2, keptInRing);
        for (std::size_t k = 0; k < keptInRing.size(); ++k) kept.emplace_back(ring[keptInRing[k]], k == 0);
        i = end;
    }
}

}  // namespace

QPainterPath simplifyPath(const QPainterPath& path, double tolerance) {
    std::vector<std::pair<QPointF, bool>> kept;
    simplifiedVertices(path, tolerance, kept);
    QPainterPath out;
    out.setFillRule(path.fillRule());
    out.reserve(static_cast<int>(kept.size()));  // built at its exact size
    for (const auto& [p, first] : kept) first ? out.moveTo(p) : out.lineTo(p);
    return out;
}

int zoomBand(double mapUnitsPerPixel) { return static_cast<int>(std::floor(std::log2(mapUnitsPerPixel))); }

namespace {

// A band whose simplified paths keep more than this share of the vertices is drawn from the
// original paths (they cost little more to draw; the copy would take memory); a band whose
// aggregate keeps more than kKeepPointsShare of the points is not aggregated.
// (0.35 held the bands to half the layer's vertices, but drew 1:1M frames without tiles
// twice as slowly: 35 -> 69 ms.)
constexpr double kKeepOriginalShare = 0.5;
constexpr double kKeepPointsShare = 0.5;

// The paths simplified for `band`, or nullptr when that barely removes any vertex.
std::shared_ptr<const CompactPaths> buildSimplified(const SceneLayer& layer, int band, std::size_t vertexCount) {
    // Tolerance: half a pixel at the band's finest scale, so no vertex moves visibly anywhere in
    // the band. The band is a selection of the layer's vertices (4 bytes a vertex kept).
    const double tolerance = 0.5 * std::ldexp(1.0, band);
    const double t2 = tolerance * tolerance / 4;
    auto paths = std::make_shared<CompactPaths>(CompactPaths::selectionOf(layer.paths));
    RingSimplifier simplifier;
    std::vector<std::uint32_t> keptInRing;
    std::vector<std::pair<std::uint32_t, bool>> kept;
    for (std::size_t i = 0; i < layer.paths.size(); ++i) {
        kept.clear();
        layer.paths.forEachRing(i, [&](const QPointF* v, std::size_t n, std::uint32_t firstVertex) {
            simplifier.run(v, n, t2, keptInRing);
            for (std::size_t k = 0; k < keptInRing.size(); ++k) kept.emplace_back(firstVertex + keptInRing[k], k == 0);
        });
        paths->addSelected(i, kept);
        if (static_cast<double>(paths->vertexCount()) > kKeepOriginalShare * static_cast<double>(vertexCount)) return nullptr;
    }
    paths->shrink_to_fit();
    return paths;
}

// Aggregation is for layers whose classes do not change with the day (progress layers are small).
bool aggregatable(const SceneLayer& layer) {
    return layer.paths.empty() && layer.points.size() > kAggregateMinPoints && layer.markerSizeMm.empty() && !layer.asOfClasses &&
           layer.classes.size() < 256;
}

std::shared_ptr<const PointAggregate> buildAggregate(const SceneLayer& layer, int band) {
    const double cell = kAggregateCellPx * std::ldexp(1.0, band);
    const bool classified = !layer.classes.empty() && layer.itemClass.size() == layer.points.size();
    double minX = INFINITY, minY = INFINITY;
    for (const QPointF& p : layer.points) {
        minX = std::min(minX, p.x());
        minY = std::min(minY, p.y());
    }
    constexpr double kMaxCells = 1 << 24;  // per axis: the cell key below has 24 bits for each
    struct Keyed {
        std::uint64_t key;  // row (24 bits), column (24 bits), class (8 bits)
        double x, y;
    };
    std::vector<Keyed> keyed;
    keyed.reserve(layer.points.size());
    for (std::size_t i = 0; i < layer.points.size(); ++i) {
        const std::int32_t cls = classified ? layer.itemClass[i] : 0;
        if (cls < 0) continue;  // not drawn by the symbology
        const QPointF& p = layer.points[i];
        const double cx = std::floor((p.x() - minX) / cell), cy = std::floor((p.y() - minY) / cell);
        if (!(cx >= 0 && cy >= 0 && cx < kMaxCells && cy < kMaxCells)) return nullptr;  // NaN or a band far too fine
        keyed.push_back({(static_cast<std::uint64_t>(cy) << 32) | (static_cast<std::uint64_t>(cx) << 8) | static_cast<std::uint64_t>(cls),
                         p.x(), p.y()});
    }
    std::sort(keyed.begin(), keyed.end(), [](const Keyed& a, const Keyed& b) { return a.key < b.key; });
    auto out = std::make_shared<PointAggregate>();
    out->cellSize = cell;
    out->minY = minY;
    out->points = keyed.size();
    std::vector<std::uint32_t> rowOf;
    for (std::size_t a = 0; a < keyed.size();) {
        std::size_t b = a;
        double sx = 0, sy = 0;
        for (; b < keyed.size() && keyed[b].key == keyed[a].key; ++b) {
            sx += keyed[b].x;
            sy += keyed[b].y;
        }
        const double n = static_cast<double>(b - a);
        out->markers.push_back({QPointF(sx / n, sy / n), static_cast<std::int32_t>(keyed[a].key & 0xff), static_cast<std::uint32_t>(b - a)});
        rowOf.push_back(static_cast<std::uint32_t>(keyed[a].key >> 32));
        a = b;
    }
    if (static_cast<double>(out->markers.size()) > kKeepPointsShare * static_cast<double>(out->points)) return nullptr;
    const std::size_t rows = rowOf.empty() ? 0 : rowOf.back() + 1;
    out->rowStart.assign(rows + 1, 0);
    for (std::uint32_t r : rowOf) ++out->rowStart[r + 1];
    for (std::size_t r = 0; r < rows; ++r) out->rowStart[r + 1] += out->rowStart[r];
    return out;
}

}  // namespace

std::shared_ptr<const CompactPaths> simplifiedPaths(const SceneLayer& layer, double mapUnitsPerPixel) {
    if (layer.paths.empty() || !(mapUnitsPerPixel > 0)) return nullptr;
    LayerRenderCache& c = *layer.renderCache;
    const int band = zoomBand(mapUnitsPerPixel);
    std::size_t vertexCount = 0;
    {
        const std::lock_guard lock(c.mutex);
        if (c.vertexCount == 0) c.vertexCount = layer.paths.vertexCount();
        if (c.vertexCount < kSimplifyMinVertices) return nullptr;
        if (const auto it = c.simplified.find(band); it != c.simplified.end()) return it->second;
        vertexCount = c.vertexCount;
    }
    // Built without the lock: a render of another band (or the preparation) need not wait.
    auto built = buildSimplified(layer, band, vertexCount);
    const std::lock_guard lock(c.mutex);
    return c.simplified.emplace(band, std::move(built)).first->second;  // the first one built wins
}

std::shared_ptr<const PointAggregate> aggregatedPoints(const SceneLayer& layer, double mapUnitsPerPixel) {
    if (!aggregatable(layer) || !(mapUnitsPerPixel > 0)) return nullptr;
    LayerRenderCache& c = *layer.renderCache;
    const int band = zoomBand(mapUnitsPerPixel);
    {
        const std::lock_guard lock(c.mutex);
        if (const auto it = c.aggregates.find(band); it != c.aggregates.end()) return it->second;
    }
    auto built = buildAggregate(layer, band);
    const std::lock_guard lock(c.mutex);
    return c.aggregates.emplace(band, std::move(built)).first->second;
}

void prepareLevelOfDetail(const Scene& scene, const geo::Box& extent, const std::function<bool()>& cancelled) {
    const double size = std::max(extent.width(), extent.height());
    if (!(size > 0)) return;
    // From the whole extent on a 256-pixel window down to 1/256 of it on a 1920-pixel window
    // (the country down to a county); each layer stops at the band where nothing is merged.
    const int coarsest = zoomBand(size / 256), finest = zoomBand(size / 256 / 1920);
    for (const SceneLayer& layer : scene.layers) {
        if (cancelled && cancelled()) return;
        if (layer.paths.empty() && layer.points.size() > kGridMinPoints) (void)pointsIn(layer, QRectF());  // builds the grid
    }
    std::vector<bool> done(scene.layers.size(), false);
    for (int band = coarsest; band >= finest; --band) {
        const double mapUnitsPerPixel = 1.5 * std::ldexp(1.0, band);  // inside the band
        for (std::size_t l = 0; l < scene.layers.size(); ++l) {
            if (done[l]) continue;
            if (cancelled && cancelled()) return;
            const SceneLayer& layer = scene.layers[l];
            if (!layer.paths.empty())
                done[l] = !simplifiedPaths(layer, mapUnitsPerPixel);  // small layers, and bands kept exact
            else
                done[l] = !aggregatedPoints(layer, mapUnitsPerPixel);
        }
    }
}

}  // namespace hongtu::render

namespace hongtu::render {

StaticLayerTiles::StaticLayerTiles(std::size_t capBytes) : cap_(capBytes) {}

namespace {
constexpr double kLevelsPerOctave = 1 << 20;
}

std::int64_t StaticLayerTiles::levelFor(double mapUnitsPerPixel) {
    return static_cast<std::int64_t>(std::llround(std::log2(mapUnitsPerPixel) * kLevelsPerOctave));
}

double StaticLayerTiles::resolution(std::int64_t level) { return std::exp2(static_cast<double>(level) / kLevelsPerOctave); }

std::vector<std::int64_t> StaticLayerTiles::levelsKept(std::uint64_t signature) const {
    const std::lock_guard lock(mutex_);
    std::vector<std::int64_t> out;
    for (auto it = levelTiles_.lower_bound({signature, INT64_MIN}); it != levelTiles_.end() && it->first.first == signature; ++it)
        out.push_back(it->first.second);
    return out;
}

void StaticLayerTiles::erase(std::map<Key, Entry>::iterator it) {
    bytes_ -= static_cast<std::size_t>(it->second.image.sizeInBytes());
    const auto level = levelTiles_.find({it->first.signature, it->first.level});
    if (--level->second == 0) levelTiles_.erase(level);
    tiles_.erase(it);
}

std::optional<QImage> StaticLayerTiles::find(const Key& key) {
    const std::lock_guard lock(mutex_);
    const auto it = tiles_.find(key);
    if (it == tiles_.end()) return std::nullopt;
    it->second.lastUse = ++clock_;
    return it->second.image;
}

namespace {
bool transparent(const QImage& image) {
    for (int y = 0; y < image.height(); ++y) {
        const auto* row = reinterpret_cast<const QRgb*>(image.constScanLine(y));
        for (int x = 0; x < image.width(); ++x)
            if (qAlpha(row[x]) != 0) return false;
    }
    return true;
}
}  // namespace

void StaticLayerTiles::insert(const Key& key, QImage tile) {
    if (!tile.isNull() && transparent(tile)) tile = QImage();
    const std::lock_guard lock(mutex_);
    const auto [at, added] = tiles_.try_emplace(key);
    if (added) ++levelTiles_[{key.signature, key.level}];
    Entry& e = at->second;
    bytes_ -= static_cast<std::size_t>(e.image.sizeInBytes());
    e.image = std::move(tile);
    e.lastUse = ++clock_;
    bytes_ += static_cast<std::size_t>(e.image.sizeInBytes());
    if (bytes_ <= cap_) return;
    // Over the cap: drop the least recently used tiles down to 7/8 of it (not one per insert).
    std::vector<std::pair<std::uint64_t, Key>> byAge;
    byAge.reserve(tiles_.size());
    for (const auto& [k, entry] : tiles_) byAge.emplace_back(entry.lastUse, k);
    std::sort(byAge.begin(), byAge.end());
    for (const auto& [use, k] : byAge) {
        if (bytes_ <= cap_ / 8 * 7) break;
        erase(tiles_.find(k));
    }
}

void StaticLayerTiles::clear() {
    const std::lock_guard lock(mutex_);
    tiles_.clear();
    levelTiles_.clear();
    bytes_ = 0;
}

std::size_t StaticLayerTiles::bytes() const {
    const std::lock_guard lock(mutex_);
    return bytes_;
}

std::size_t StaticLayerTiles::tileCount() const {
    const std::lock_guard lock(mutex_);
    return tiles_.size();
}

}  // namespace hongtu::render
