#pragma once
// Level of detail and culling for large layers (used by map_renderer.cpp): a uniform grid over
// the points of a layer, and its paths simplified at the display scale, both built on first
// use into SceneLayer::renderCache. Small layers (the Lüliang demo) do not use them: below
// the thresholds everything is drawn exactly as before.

#include <QPainterPath>
#include <QRectF>

#include <cstddef>
#include <memory>
#include <vector>

#include "render/scene.hpp"

namespace hongtu::render {

// Layers with more points than this are culled through the grid.
inline constexpr std::size_t kGridMinPoints = 5000;
// Path layers with more vertices than this are drawn simplified (vertices within half a pixel
// merged) on raster targets.
inline constexpr std::size_t kSimplifyMinVertices = 200'000;

// Items of a point layer inside `rect` (display CRS), ascending. Uses the grid.
[[nodiscard]] std::vector<std::size_t> pointsIn(const SceneLayer& layer, const QRectF& rect);
// Label index of point item i (-1 = none); valid after pointsIn() built the grid.
[[nodiscard]] std::int32_t labelOfPoint(const SceneLayer& layer, std::size_t item);

// The layer's paths simplified for `mapUnitsPerPixel`, or nullptr when the layer is small
// enough to draw exactly.
[[nodiscard]] std::shared_ptr<const std::vector<QPainterPath>> simplifiedPaths(const SceneLayer& layer, double mapUnitsPerPixel);

// Path simplification: consecutive vertices closer than `tolerance` (map units) are merged;
// every ring keeps its first and last vertex, so rings stay closed.
[[nodiscard]] QPainterPath simplifyPath(const QPainterPath& path, double tolerance);

}  // namespace hongtu::render
