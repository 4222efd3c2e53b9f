#pragma once
// Level of detail and culling for large layers (used by map_renderer.cpp): a uniform grid over
// the points of a layer, and its paths simplified at the display scale, both built on first
// use into SceneLayer::renderCache. Small layers (the Lüliang demo) do not use them: below
// the thresholds everything is drawn exactly as before.

#include <QImage>
#include <QPainterPath>
#include <QRectF>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

#include "render/scene.hpp"

namespace hongtu::render {

// Layers with more points than this are culled through the grid.
inline constexpr std::size_t kGridMinPoints = 5000;
// Path layers with more vertices than this are drawn simplified (no vertex moves more than
// half a pixel) on raster targets.
inline constexpr std::size_t kSimplifyMinVertices = 200'000;

// Items of a point layer inside `rect` (display CRS), ascending. Uses the grid.
[[nodiscard]] std::vector<std::size_t> pointsIn(const SceneLayer& layer, const QRectF& rect);
// Label index of point item i (-1 = none); valid after pointsIn() built the grid.
[[nodiscard]] std::int32_t labelOfPoint(const SceneLayer& layer, std::size_t item);

// The layer's paths simplified for `mapUnitsPerPixel`, or nullptr when the layer is small
// enough to draw exactly (or the band keeps nearly every vertex).
[[nodiscard]] std::shared_ptr<const CompactPaths> simplifiedPaths(const SceneLayer& layer, double mapUnitsPerPixel);

// The viewer's level of detail for dense point layers at overview scales: the points of each
// class merged per grid cell (a cell is kAggregateCellPx pixels at the finest scale of a zoom
// band, 2 to 4 px on screen), one marker per occupied cell and class at the mean position of
// its points. Counts per class are kept: the markers of a class add up to its points.
inline constexpr double kAggregateCellPx = 4;
// More points than this in view (and a band that halves them at least): drawn aggregated.
inline constexpr std::size_t kAggregateMinPoints = 5000;

struct PointAggregate {
    struct Marker {
        QPointF at;               // display CRS: the mean of the points merged
        std::int32_t cls = 0;     // the layer's class (0 for a layer without classes)
        std::uint32_t count = 0;  // points merged
    };
    double cellSize = 0;  // map units
    double minY = 0;      // grid origin on y; row r holds minY + r * cellSize <= y < ... + cellSize
    // Markers by grid row (the markers of row r are markers[rowStart[r] .. rowStart[r + 1])).
    std::vector<Marker> markers;
    std::vector<std::uint32_t> rowStart;
    std::size_t points = 0;  // points aggregated (every drawn point of the layer)
};

// Zoom band of a view: band b holds 2^b <= map units per pixel < 2^(b+1).
[[nodiscard]] int zoomBand(double mapUnitsPerPixel);

// The layer's points aggregated for the band of `mapUnitsPerPixel`: built here on first use
// unless prepareLevelOfDetail already did. nullptr for a layer that is not a static point
// layer (no points, proportional markers), or when the band barely merges any points.
[[nodiscard]] std::shared_ptr<const PointAggregate> aggregatedPoints(const SceneLayer& layer, double mapUnitsPerPixel);

// Builds, ahead of the first render, what the renderer would otherwise build on first use:
// the point grids, the aggregated points and the simplified paths of every large layer, for
// every zoom band from the whole `extent` on a small window down to where nothing is merged
// any more (coarse bands first, the overview the viewer opens with). `cancelled` is asked
// between bands; the work done so far stays. Safe to run on a thread of its own while other
// threads render the same scene (MapCanvas runs it so).
void prepareLevelOfDetail(const Scene& scene, const geo::Box& extent, const std::function<bool()>& cancelled = {});

// Path simplification (Douglas-Peucker per ring): every vertex left out lies within
// `tolerance` (map units) of the simplified outline; every ring keeps its first and last
// vertex, so rings stay closed.
[[nodiscard]] QPainterPath simplifyPath(const QPainterPath& path, double tolerance);

// The viewer's raster of its static layers (polygon and line layers, and the large point layers
// drawn as markers in the view: no labels, progress layers or selection), in tiles of kTilePx x
// kTilePx pixels per zoom level, prepared off the UI thread (map_renderer.hpp:
// prepareStaticTiles) and drawn by renderMap when the canvas passes it; pages never get one and
// keep vector drawing.
// A level is a resolution in map units per pixel, kept to 2^-20 of an octave (levelFor): the
// preparation renders the view's own resolution and one wheel notch (kTileLevelStep) in and
// out, so a frame at a prepared scale draws its tiles pixel for pixel, unscaled. A view at a
// scale not prepared yet (a zoom to a county, a trackpad's fractional notch) is drawn from the
// closest finer level kept, the tiles scaled down by less than kTileLevelStep, until its own
// level is prepared. Thread-safe: the render thread reads while the preparing thread writes.
// Memory is capped: the least recently used tiles are dropped.
inline constexpr int kTilePx = 256;
inline constexpr double kTileLevelStep = 1.25;
// 56 MB: one view of 1920 x 1080 with what prepareStaticTiles adds around it (this level and a
// quarter more each side, one level in, one out) is about 50 MB of tiles at 1:4,000,000
// (viewer_bench --national); older views' tiles go first. (80 MB kept a second view's tiles
// and took the viewer's national tour above 400 MB.)
inline constexpr std::size_t kDefaultTileCacheBytes = std::size_t{56} << 20;

class StaticLayerTiles {
public:
    explicit StaticLayerTiles(std::size_t capBytes = kDefaultTileCacheBytes);

    struct Key {
        std::uint64_t signature = 0;  // the layers drawn, their styles, the DPI (map_renderer.cpp)
        std::int64_t level = 0;
        std::int64_t x = 0, y = 0;  // tile column (east) and row (north) on the level's grid
        friend auto operator<=>(const Key&, const Key&) = default;
    };

    // The level of a resolution: round(log2(mapUnitsPerPixel) * 2^20), so views that differ by
    // rounding (a notch in and back out) share their tiles. resolution(levelFor(m)) is m to
    // within a millionth.
    [[nodiscard]] static std::int64_t levelFor(double mapUnitsPerPixel);
    [[nodiscard]] static double resolution(std::int64_t level);  // map units per tile pixel
    // The levels of `signature` with tiles kept, finest first.
    [[nodiscard]] std::vector<std::int64_t> levelsKept(std::uint64_t signature) const;

    // The tile if it was prepared (a null image: prepared, and nothing is drawn there).
    [[nodiscard]] std::optional<QImage> find(const Key& key);
    // Stores a tile (an image of nothing but transparent pixels is kept as a null image) and
    // drops the least recently used ones above the cap.
    void insert(const Key& key, QImage tile);
    void clear();                             // the scene changed: every tile goes
    [[nodiscard]] std::size_t bytes() const;  // of the tiles kept
    [[nodiscard]] std::size_t capBytes() const { return cap_; }
    [[nodiscard]] std::size_t tileCount() const;

private:
    struct Entry {
        QImage image;
        std::uint64_t lastUse = 0;
    };
    mutable std::mutex mutex_;
    void erase(std::map<Key, Entry>::iterator it);
    std::map<Key, Entry> tiles_;
    std::map<std::pair<std::uint64_t, std::int64_t>, std::size_t> levelTiles_;  // tiles kept per signature and level
    std::size_t bytes_ = 0;
    std::size_t cap_;
    std::uint64_t clock_ = 0;
};

}  // namespace hongtu::render
