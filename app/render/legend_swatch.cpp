#include "render/legend_swatch.hpp"

#include "render/map_renderer.hpp"
#include "render/scene.hpp"

namespace hongtu::render {

QImage renderLegendSwatch(const LayerStyle& style, geo::Geometry::Kind kind, QSize size, double dpi) {
    // A 100 x 100 unit map; the sample geometry leaves a margin for the stroke.
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
    MapSettings settings;
    settings.extent = {0, 0, 100, 100};
    settings.outputSize = size;
    settings.dpi = dpi;
    settings.visibleLayerIds = {"swatch"};
    settings.background = Qt::transparent;
    return renderToImage(scene, settings);
}

QImage renderSymbolSwatch(const Symbol& symbol, geo::Geometry::Kind kind, QSize size, double dpi) {
    LayerStyle style;
    style.symbol = symbol;
    return renderLegendSwatch(style, kind, size, dpi);
}

}  // namespace hongtu::render
