#pragma once
// A dense point layer for the level-of-detail tests (render_cache_test, map_canvas_test):
// `count` points scattered over 200 x 120 km in a metric CRS, in three classes and some
// points of no class (not drawn), from a fixed seed.

#include <QColor>

#include <cstddef>
#include <random>

#include "render/scene.hpp"

namespace hongtu::test {

inline render::Scene densePointScene(std::size_t count, unsigned seed = 16) {
    render::SceneLayer layer;
    layer.id = "villages";
    layer.displayName = QStringLiteral("Villages");
    layer.kind = geo::Geometry::Kind::Point;
    layer.style.symbol = render::MarkerSymbol{render::MarkerShape::Circle, 1.0, QColor(0x4d, 0x4d, 0x4d), QColor(Qt::white), 0.12};
    const QColor colors[] = {QColor(0x33, 0x33, 0x33), QColor(0xe6, 0x55, 0x0d), QColor(0x6b, 0xae, 0xd6)};
    for (const QColor& c : colors)
        layer.classes.push_back({c.name(), render::MarkerSymbol{render::MarkerShape::Circle, 1.0, c, QColor(Qt::white), 0.12}, 0});
    std::mt19937 random(seed);
    // Clustered like villages: most points near a few hundred centres.
    std::uniform_real_distribution<double> x(500'000, 700'000), y(4'000'000, 4'120'000);
    std::normal_distribution<double> spread(0, 500);
    std::uniform_int_distribution<int> cls(-1, 2);
    std::vector<QPointF> centres;
    for (int i = 0; i < 300; ++i) centres.emplace_back(x(random), y(random));
    std::uniform_int_distribution<std::size_t> centre(0, centres.size() - 1);
    for (std::size_t i = 0; i < count; ++i) {
        const QPointF c = centres[centre(random)];
        const QPointF p(c.x() + spread(random), c.y() + spread(random));
        layer.points.push_back(p);
        layer.extent.expand(geo::XY{p.x(), p.y()});
        const int k = cls(random);
        layer.itemClass.push_back(k);
        if (k >= 0) ++layer.classes[static_cast<std::size_t>(k)].count;
    }
    render::Scene scene;
    scene.displayCrs = "EPSG:4546";
    scene.layers.push_back(std::move(layer));
    return scene;
}

}  // namespace hongtu::test
