#pragma once
// Level of detail and culling for large layers (used by map_renderer.cpp): a uniform grid over
// the points of a layer, and its paths simplified at the display scale, both built on first
// use into SceneLayer::renderCache. Small layers (the Lüliang demo) do not use them: below
// the thresholds everything is drawn exactly as before.

#include <QPainterPath>
#include <QRectF>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
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
// enough to draw exactly.
[[nodiscard]] std::shared_ptr<const std::vector<QPainterPath>> simplifiedPaths(const SceneLayer& layer, double mapUnitsPerPixel);

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

}  // namespace hongtu::render
