#pragma once
// A small legend picture of a layer's symbol, drawn by the map renderer itself (a one-feature
// scene), so the legend can never disagree with the map.

#include <QImage>
#include <QPainter>
#include <QRectF>
#include <QSize>

#include "hongtu/geo/feature.hpp"
#include "render/style.hpp"

namespace hongtu::render {

// `kind` picks the sample geometry: a square for polygons, a diagonal for lines, a centred
// point for points. Transparent background, labels off.
[[nodiscard]] QImage renderLegendSwatch(const LayerStyle& style, geo::Geometry::Kind kind, QSize size, double dpi);
// The same for one symbol (a class of a thematic layer).
[[nodiscard]] QImage renderSymbolSwatch(const Symbol& symbol, geo::Geometry::Kind kind, QSize size, double dpi);
// The same drawn straight onto `painter` into `rect` (device pixels at `dpi`): vector shapes in
// a PDF or SVG page, like the map's own symbols.
void paintSymbolSwatch(QPainter& painter, const QRectF& rect, const Symbol& symbol, geo::Geometry::Kind kind, double dpi);

}  // namespace hongtu::render
