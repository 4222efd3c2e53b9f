#include <catch2/catch_test_macros.hpp>

#include <QImage>
#include <QPainter>

#include <cmath>
#include <vector>

#include "dense_points.hpp"
#include "render/map_renderer.hpp"
#include "render/render_cache.hpp"

using namespace hongtu;

namespace {

render::MapSettings fullExtent(const render::Scene& scene, QSize size = {1200, 800}) {
    render::MapSettings s;
    s.outputSize = size;
    s.displayCrs = scene.displayCrs;
    s.visibleLayerIds = scene.initiallyVisibleLayerIds();
    return s.fittedTo(scene.extent());
}

render::RenderStats renderStats(const render::Scene& scene, const render::MapSettings& s) {
    QImage image(s.outputSize, QImage::Format_ARGB32_Premultiplied);
    QPainter painter(&image);
    return render::renderMap(scene, s, painter);
}

// The points of each class of the layer (its legend counts), counted from itemClass.
std::vector<std::size_t> pointsPerClass(const render::SceneLayer& layer) {
    std::vector<std::size_t> out(layer.classes.size(), 0);
    for (std::int32_t c : layer.itemClass)
        if (c >= 0) ++out[static_cast<std::size_t>(c)];
    return out;
}

}  // namespace

TEST_CASE("render_cache: the aggregated markers of each class stand for exactly that class's points at every band", "[render_cache]") {
    const render::Scene scene = test::densePointScene(40'000);
    const render::SceneLayer& layer = scene.layers.front();
    const std::vector<std::size_t> expected = pointsPerClass(layer);
    int aggregatedBands = 0;
    for (double unitsPerPixel = 4; unitsPerPixel < 5000; unitsPerPixel *= 2) {
        const auto aggregate = render::aggregatedPoints(layer, unitsPerPixel);
        if (!aggregate) continue;  // the band does not merge enough points to pay
        ++aggregatedBands;
        std::vector<std::size_t> counted(layer.classes.size(), 0);
        for (const auto& m : aggregate->markers) counted[static_cast<std::size_t>(m.cls)] += m.count;
        CHECK(counted == expected);
        CHECK(aggregate->points == expected[0] + expected[1] + expected[2]);
        CHECK(aggregate->markers.size() < aggregate->points);
        // Every marker sits in its row of cells (the row index the renderer culls with).
        for (std::size_t r = 0; r + 1 < aggregate->rowStart.size(); ++r)
            for (std::uint32_t k = aggregate->rowStart[r]; k < aggregate->rowStart[r + 1]; ++k) {
                const double y = aggregate->markers[k].at.y();
                CHECK(y >= aggregate->minY + static_cast<double>(r) * aggregate->cellSize - 1e-6);
                CHECK(y <= aggregate->minY + static_cast<double>(r + 1) * aggregate->cellSize + 1e-6);
            }
    }
    CHECK(aggregatedBands >= 4);
    // A band of a few metres per pixel merges almost nothing: every point is drawn there.
    CHECK_FALSE(render::aggregatedPoints(layer, 1.0));
}

TEST_CASE("render_cache: the viewer draws dense points aggregated with their counts per class unchanged; pages draw every point",
          "[render_cache]") {
    const render::Scene scene = test::densePointScene(40'000);
    const render::SceneLayer& layer = scene.layers.front();
    const render::MapSettings s = fullExtent(scene);

    const render::RenderStats viewer = renderStats(scene, s);
    REQUIRE(viewer.aggregated.size() == 1);
    const auto& a = viewer.aggregated.front();
    CHECK(a.layerId == "villages");
    CHECK(a.pointsPerClass == pointsPerClass(layer));
    for (std::size_t c = 0; c < layer.classes.size(); ++c) CHECK(a.pointsPerClass[c] == layer.classes[c].count);
    REQUIRE(viewer.drawnPerClass.size() == 1);
    CHECK(viewer.drawnPerClass.front().second == a.pointsPerClass);  // what the legend lists
    CHECK(a.points == viewer.featuresDrawn);
    CHECK(a.markers < a.points / 2);

    render::MapSettings page = s;
    page.pointDensityLevelOfDetail = false;
    const render::RenderStats printed = renderStats(scene, page);
    CHECK(printed.aggregated.empty());
    CHECK(printed.drawnPerClass == viewer.drawnPerClass);

    // Zoomed in to a few hundred points: every point is drawn again.
    render::MapSettings close = s.zoomedBy(40, QPointF(600, 400));
    const render::RenderStats zoomed = renderStats(scene, close);
    CHECK(zoomed.aggregated.empty());
}

TEST_CASE("render_cache: the aggregated view looks like every point drawn (classes stay where they were)", "[render_cache]") {
    const render::Scene scene = test::densePointScene(40'000);
    const render::MapSettings s = fullExtent(scene, {600, 400});
    render::MapSettings every = s;
    every.pointDensityLevelOfDetail = false;
    QImage aggregated(s.outputSize, QImage::Format_ARGB32_Premultiplied), exact(s.outputSize, QImage::Format_ARGB32_Premultiplied);
    {
        QPainter p(&aggregated);
        REQUIRE(render::renderMap(scene, s, p).aggregated.size() == 1);
    }
    {
        QPainter p(&exact);
        REQUIRE(render::renderMap(scene, every, p).aggregated.empty());
    }
    // 20 x 20 tiles: the mean colour of each differs little (markers move by at most a cell).
    double worst = 0;
    for (int ty = 0; ty < 400; ty += 20)
        for (int tx = 0; tx < 600; tx += 20) {
            double sumA = 0, sumE = 0;
            for (int y = ty; y < ty + 20; ++y)
                for (int x = tx; x < tx + 20; ++x) {
                    sumA += qGray(aggregated.pixel(x, y));
                    sumE += qGray(exact.pixel(x, y));
                }
            worst = std::max(worst, std::abs(sumA - sumE) / 400);
        }
    INFO("worst tile mean grey difference " << worst);
    CHECK(worst < 40);
}

TEST_CASE("render_cache: preparing the level of detail ahead builds what the renderer would build on first use", "[render_cache]") {
    const render::Scene scene = test::densePointScene(40'000);
    const render::SceneLayer& layer = scene.layers.front();
    render::prepareLevelOfDetail(scene, scene.extent());
    const render::MapSettings s = fullExtent(scene);
    const int band = render::zoomBand(s.mapUnitsPerPixel());
    std::shared_ptr<const render::PointAggregate> prepared;
    {
        const std::lock_guard lock(layer.renderCache->mutex);
        REQUIRE(layer.renderCache->aggregates.count(band) == 1);
        prepared = layer.renderCache->aggregates.at(band);
    }
    REQUIRE(prepared);
    CHECK(render::aggregatedPoints(layer, s.mapUnitsPerPixel()) == prepared);  // the same one, not built again

    bool asked = false;
    const render::Scene other = test::densePointScene(40'000, 17);
    render::prepareLevelOfDetail(other, other.extent(), [&] { return asked = true; });
    CHECK(asked);
    CHECK(other.layers.front().renderCache->aggregates.empty());  // stopped before the first band
}
