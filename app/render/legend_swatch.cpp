#include "render/legend_swatch.hpp"

#include "render/map_renderer.hpp"
#include "render/scene.hpp"

#include <algorithm>
#include <cmath>

namespace hongtu::render {

namespace {

// A 100 x 100 unit map of one sample feature; the geometry leaves a margin for the stroke.
Scene swatchScene(const LayerStyle& style, geo::Geometry::Kind kind) {
    SceneLayer layer;
    layer.id = "swatch";
    layer.kind = kind;
    layer.style = style;
    layer.style.label.enabled = false;
    switch (kind) {
        case geo::Geometry::Kind::Point: layer.points.emplace_back(50, 50); break;
        case geo::Geometry::Kind::LineString:
            layer.paths.push_back(toPainterPath(geo::Geometry::lineString({{10, 10}, {90, 90}})));
            break;
        case geo::Geometry::Kind::Polygon:
        case geo::Geometry::Kind::Empty:
            layer.paths.push_back(toPainterPath(geo::Geometry::polygon({{{12, 12}, {88, 12}, {88, 88}, {12, 88}}})));
            break;
    }
    for (const QPainterPath& p : layer.paths) layer.pathBounds.push_back(p.boundingRect());
    layer.extent = {0, 0, 100, 100};

    Scene scene;
    scene.layers.push_back(std::move(layer));
    return scene;
}

MapSettings swatchSettings(QSize size, double dpi) {
    MapSettings settings;
    settings.extent = {0, 0, 100, 100};
    settings.outputSize = size;
    settings.dpi = dpi;
    settings.visibleLayerIds = {"swatch"};
    settings.background = Qt::transparent;
    return settings;
}

}  // namespace

QImage renderLegendSwatch(const LayerStyle& style, geo::Geometry::Kind kind, QSize size, double dpi) {
    return renderToImage(swatchScene(style, kind), swatchSettings(size, dpi));
}

void paintSymbolSwatch(QPainter& painter, const QRectF& rect, const Symbol& symbol, geo::Geometry::Kind kind, double dpi) {
    LayerStyle style;
    style.symbol = symbol;
    const QSize size(std::max(1, static_cast<int>(std::lround(rect.width()))), std::max(1, static_cast<int>(std::lround(rect.height()))));
    painter.save();
    painter.translate(rect.topLeft());
    renderMap(swatchScene(style, kind), swatchSettings(size, dpi), painter);
    painter.restore();
}

QImage renderSymbolSwatch(const Symbol& symbol, geo::Geometry::Kind kind, QSize size, double dpi) {
    LayerStyle style;
    style.symbol = symbol;
    return renderLegendSwatch(style, kind, size, dpi);
}

}  // namespace hongtu::render
