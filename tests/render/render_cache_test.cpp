#include <catch2/catch_test_macros.hpp>
#include <catch2/catch_approx.hpp>

#include <QImage>
#include <QPainter>

#include <algorithm>
#include <cmath>
#include <utility>
#include <variant>
#include <vector>

#include "dense_points.hpp"
#include "image_compare.hpp"
#include "render/loaded_project.hpp"
#include "render/map_renderer.hpp"
#include "render/render_cache.hpp"
#include "render/symbology.hpp"
#include "test_support.hpp"

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

namespace {

const render::LoadedProject& demo() { return test::loadedDemo(); }

// The demo's full extent with its counties (a static polygon layer, drawn from tiles) and every
// point layer on top (drawn as always); without the progress choropleth, which would hide the
// counties (it is drawn directly, its classes change with the day).
render::MapSettings demoView(const render::Scene& scene, QSize size) {
    render::MapSettings s = fullExtent(scene, size);
    s.visibleLayerIds.clear();
    for (const auto& layer : scene.layers)
        if (!layer.asOfClasses || !layer.points.empty()) s.visibleLayerIds.push_back(layer.id);
    return s;
}

struct Frame {
    QImage image;
    render::RenderStats stats;
};

// With tiles: the viewer's frame. Without: the reference, the same frame drawn directly. The
// viewer's frame is the view placed on the tiles' pixel grid (moved by less than half a pixel,
// MapSettings::onPixelGrid), so the reference is drawn there too.
Frame renderFrame(const render::Scene& scene, const render::MapSettings& s, render::StaticLayerTiles* tiles) {
    Frame f{QImage(s.outputSize, QImage::Format_ARGB32_Premultiplied), {}};
    QPainter painter(&f.image);
    f.stats = tiles ? render::renderMap(scene, s, painter, {}, tiles) : render::renderMap(scene, s.onPixelGrid(), painter);
    return f;
}

// The tiles must not change what the map says: tile by tile against the layers drawn directly.
// Mean error of each 32 x 32 square, 0-255: on the exact level the tile grid is placed at whole
// pixels (up to half a pixel off), on the levels between the tiles are resampled; the demo
// measures at most about 5.3 (viewer_bench on the demo's counties). A wrong fill colour or a
// missing layer measures tens (checked below).
constexpr double kTileMeanTolerance = 8.0;
// Pixels: only antialiased edge pixels of outlines may differ.
constexpr test::ImageTolerance kExactLevel{.channel = 24, .maxDifferingShare = 0.03};

void checkSameMap(const Frame& tiled, const Frame& direct, const test::ImageTolerance& t) {
    CHECK(tiled.stats.layersFromTiles > 0);
    CHECK(direct.stats.layersFromTiles == 0);
    CHECK(tiled.stats.drawnPerClass == direct.stats.drawnPerClass);  // the legend's counts and classes
    CHECK(tiled.stats.featuresDrawn == direct.stats.featuresDrawn);
    CHECK(tiled.stats.labelsDrawn == direct.stats.labelsDrawn);
    const double worst = test::worstTileError(tiled.image, direct.image);
    INFO("worst 32x32 tile mean error " << worst);
    CHECK(worst < kTileMeanTolerance);
    const test::ImageDifference d = test::compareImages(tiled.image, direct.image, t);
    INFO("differing pixels " << d.differingShare * 100 << "%");
    CHECK(d.within(t));
}

}  // namespace

TEST_CASE("render_cache: the demo drawn from prepared tiles shows what it shows drawn directly", "[render_cache][tiles]") {
    const render::Scene& scene = demo().scene;
    const render::MapSettings view = demoView(scene, {1200, 800});
    render::StaticLayerTiles tiles;
    REQUIRE(render::prepareStaticTiles(scene, view, tiles) > 0);
    CHECK(tiles.bytes() > 0);
    CHECK(tiles.bytes() <= tiles.capBytes());

    SECTION("on the view's own level, then a pan") {
        checkSameMap(renderFrame(scene, view, &tiles), renderFrame(scene, view, nullptr), kExactLevel);
        const render::MapSettings panned = view.pannedByPixels({37, -21});
        checkSameMap(renderFrame(scene, panned, &tiles), renderFrame(scene, panned, nullptr), kExactLevel);
    }
    SECTION("one wheel notch in and out (prepared with the view)") {
        const std::size_t before = tiles.tileCount();
        for (const double factor : {render::kTileLevelStep, 1 / render::kTileLevelStep}) {
            const render::MapSettings zoomed = view.zoomedBy(factor, QPointF(300, 500));
            checkSameMap(renderFrame(scene, zoomed, &tiles), renderFrame(scene, zoomed, nullptr), kExactLevel);
        }
        CHECK(tiles.tileCount() == before);  // nothing rendered on the way: it was prepared
    }
    SECTION("other scales, prepared for their own resolution") {
        for (const double factor : {1.1, 0.9, 1.6}) {
            INFO("zoomed by " << factor);
            const render::MapSettings zoomed = view.zoomedBy(factor, QPointF(600, 400));
            render::prepareStaticTiles(scene, zoomed, tiles);
            checkSameMap(renderFrame(scene, zoomed, &tiles), renderFrame(scene, zoomed, nullptr), kExactLevel);
        }
    }
    SECTION("the measure sees a real change: a county outline colour changed by hand in the tiles' scene") {
        render::Scene changed = scene;
        for (auto& layer : changed.layers)
            if (layer.id == "counties") {
                for (auto& c : layer.classes)
                    if (auto* f = std::get_if<render::FillSymbol>(&c.symbol)) f->fill = QColor(0x20, 0x60, 0x20);
                if (auto* f = std::get_if<render::FillSymbol>(&layer.style.symbol)) f->fill = QColor(0x20, 0x60, 0x20);
            }
        // Prepared for the changed scene, compared with the original drawn directly: far off.
        render::StaticLayerTiles other;
        render::prepareStaticTiles(changed, view, other);
        const Frame wrong = renderFrame(changed, view, &other);
        REQUIRE(wrong.stats.layersFromTiles > 0);
        CHECK(test::worstTileError(wrong.image, renderFrame(scene, view, nullptr).image) > 3 * kTileMeanTolerance);
    }
}

TEST_CASE("render_cache: tiles are not used by pages, and styles, visibility and the scene invalidate them", "[render_cache][tiles]") {
    const render::LoadedProject& project = demo();
    const render::MapSettings view = demoView(project.scene, {800, 600});
    render::StaticLayerTiles tiles;
    REQUIRE(render::prepareStaticTiles(project.scene, view, tiles) > 0);
    REQUIRE(renderFrame(project.scene, view, &tiles).stats.layersFromTiles > 0);

    SECTION("a page (no screen level of detail) draws every layer itself") {
        render::MapSettings page = view;
        page.pointDensityLevelOfDetail = false;
        CHECK(renderFrame(project.scene, page, &tiles).stats.layersFromTiles == 0);
    }
    SECTION("a changed style misses the tiles and shows the new style") {
        render::Scene restyled = project.scene;
        for (auto& layer : restyled.layers)
            if (layer.id == "counties") {
                layer.style.opacity = 0.5;
                render::resolveSymbology(layer);
            }
        const Frame f = renderFrame(restyled, view, &tiles);
        CHECK(f.stats.layersFromTiles == 0);
        CHECK(test::worstTileError(f.image, renderFrame(restyled, view, nullptr).image) == 0);
    }
    SECTION("a hidden layer misses the tiles") {
        // Two static layers in one run (the counties and a copy over them in another colour):
        // hiding the upper one must not leave it in the picture.
        render::Scene two = project.scene;
        const auto at = std::find_if(two.layers.begin(), two.layers.end(), [](const auto& l) { return l.id == "counties"; });
        REQUIRE(at != two.layers.end());
        render::SceneLayer copy = *at;
        copy.id = "counties_copy";
        copy.style.symbol = render::FillSymbol{.fill = QColor(0x20, 0x60, 0x20, 0x80), .stroke = Qt::red, .strokeWidthMm = 0.5};
        render::resolveSymbology(copy);
        two.layers.insert(at + 1, std::move(copy));
        render::MapSettings both = view;
        both.visibleLayerIds.push_back("counties_copy");
        render::StaticLayerTiles twoTiles;
        REQUIRE(render::prepareStaticTiles(two, both, twoTiles) > 0);
        const Frame shown = renderFrame(two, both, &twoTiles);
        CHECK(shown.stats.layersFromTiles == 2);
        CHECK(test::worstTileError(shown.image, renderFrame(two, both, nullptr).image) < kTileMeanTolerance);
        const Frame hidden = renderFrame(two, view, &twoTiles);
        CHECK(hidden.stats.layersFromTiles == 0);
        CHECK(test::worstTileError(hidden.image, renderFrame(two, view, nullptr).image) == 0);
    }
    SECTION("a new scene (a reload or another CRS builds new layers) misses the tiles") {
        auto reloaded = render::loadProject(HONGTU_DEMO_PROJECT);
        REQUIRE(reloaded);
        CHECK(renderFrame(reloaded->scene, view, &tiles).stats.layersFromTiles == 0);
    }
    SECTION("clear() drops every tile") {
        tiles.clear();
        CHECK(tiles.bytes() == 0);
        CHECK(tiles.tileCount() == 0);
        CHECK(renderFrame(project.scene, view, &tiles).stats.layersFromTiles == 0);
    }
}

TEST_CASE("render_cache: the tile cache keeps to its cap, and preparing stops when asked", "[render_cache][tiles]") {
    const render::Scene& scene = demo().scene;
    const render::MapSettings view = demoView(scene, {1200, 800});
    const std::size_t cap = std::size_t{2} << 20;  // 2 MB: 8 tiles
    render::StaticLayerTiles small(cap);
    render::prepareStaticTiles(scene, view, small);
    CHECK(small.bytes() <= cap);
    // The frame still shows the map (drawn directly when its tiles do not fit).
    const Frame f = renderFrame(scene, view, &small);
    CHECK(test::worstTileError(f.image, renderFrame(scene, view, nullptr).image) < kTileMeanTolerance);

    render::StaticLayerTiles stopped;
    bool asked = false;
    CHECK(render::prepareStaticTiles(scene, view, stopped, [&] { return asked = true; }) == 0);
    CHECK(asked);
    CHECK(stopped.bytes() == 0);
}

TEST_CASE("render_cache: a large point layer drawn as markers comes from the tiles, its markers and counts unchanged",
          "[render_cache][tiles]") {
    const render::Scene scene = test::densePointScene(40'000);
    const render::MapSettings full = fullExtent(scene, {1200, 800});
    // Zoomed in to a few thousand points: drawn as markers, not aggregated.
    const render::MapSettings view = full.zoomedBy(4, QPointF(600, 400));
    REQUIRE(renderStats(scene, view).aggregated.empty());
    render::StaticLayerTiles tiles;
    REQUIRE(render::prepareStaticTiles(scene, view, tiles) > 0);

    SECTION("the view, a pan and a wheel notch in and out: from the tiles, as drawn directly") {
        const std::size_t before = tiles.tileCount();
        for (const render::MapSettings& s : {view, view.pannedByPixels({37, -21}), view.zoomedBy(render::kTileLevelStep, QPointF(300, 500)),
                                             view.zoomedBy(1 / render::kTileLevelStep, QPointF(300, 500))}) {
            const Frame tiled = renderFrame(scene, s, &tiles);
            const Frame direct = renderFrame(scene, s, nullptr);
            CHECK(tiled.stats.layersFromTiles == 1);
            CHECK(tiled.stats.featuresDrawn > 1000);
            checkSameMap(tiled, direct, kExactLevel);
        }
        CHECK(tiles.tileCount() <= before + 4);  // at most a pan's new edge rendered on the way
    }
    SECTION("the full extent draws the layer aggregated, directly, with its counts per class") {
        render::prepareStaticTiles(scene, full, tiles);
        const Frame f = renderFrame(scene, full, &tiles);
        CHECK(f.stats.layersFromTiles == 0);
        REQUIRE(f.stats.aggregated.size() == 1);
        CHECK(f.stats.aggregated.front().pointsPerClass == pointsPerClass(scene.layers.front()));
    }
    SECTION("a class's new colour misses the tiles") {
        render::Scene recoloured = scene;
        std::get<render::MarkerSymbol>(recoloured.layers.front().classes[1].symbol).fill = QColor(0x10, 0x80, 0x10);
        const Frame f = renderFrame(recoloured, view, &tiles);
        CHECK(f.stats.layersFromTiles == 0);
        CHECK(test::worstTileError(f.image, renderFrame(recoloured, view, nullptr).image) == 0);
    }
}

TEST_CASE("render_cache: tile levels are the view's own resolution; a scale between prepared ones is drawn from the closest finer",
          "[render_cache][tiles]") {
    using render::StaticLayerTiles;
    for (const double m : {0.3, 1.0, 87.5, 1234.5678, 1e5}) {
        INFO("map units per pixel " << m);
        CHECK(StaticLayerTiles::resolution(StaticLayerTiles::levelFor(m)) == Catch::Approx(m).epsilon(1e-6));
        // A wheel notch in and back out lands on the same level.
        CHECK(StaticLayerTiles::levelFor(m / render::kTileLevelStep * render::kTileLevelStep) == StaticLayerTiles::levelFor(m));
        CHECK(StaticLayerTiles::levelFor(m * 1.001) != StaticLayerTiles::levelFor(m));
    }
    const render::Scene& scene = demo().scene;
    const render::MapSettings view = demoView(scene, {1200, 800});
    StaticLayerTiles tiles;
    REQUIRE(render::prepareStaticTiles(scene, view, tiles) > 0);
    // 10 % further out than prepared: the view's own level is not there, the prepared one
    // (finer by 1.1) is, scaled down.
    const render::MapSettings out = view.zoomedBy(1 / 1.1, QPointF(600, 400));
    const Frame f = renderFrame(scene, out, &tiles);
    CHECK(f.stats.layersFromTiles > 0);
    checkSameMap(f, renderFrame(scene, out, nullptr), {.channel = 24, .maxDifferingShare = 0.06});
    // Twice as far out: no level kept within a notch; drawn directly.
    CHECK(renderFrame(scene, view.zoomedBy(0.5, QPointF(600, 400)), &tiles).stats.layersFromTiles == 0);
}

TEST_CASE("render_cache: a layer's simplified band, kept compact, gives the paths simplifyPath gives", "[render_cache]") {
    // Three rings of 100,000 vertices each (a wobbly circle of 50 km, 4,000 km from the origin:
    // where float offsets from each path's first vertex must still hold to centimetres).
    render::SceneLayer layer;
    layer.id = "counties";
    for (int k = 0; k < 3; ++k) {
        QPainterPath p;
        p.setFillRule(Qt::OddEvenFill);
        const QPointF centre(4'000'000 + k * 120'000, 3'000'000);
        constexpr int n = 100'000;
        for (int i = 0; i <= n; ++i) {
            const double a = 2 * 3.14159265358979 * (i % n) / n;
            const double r = 50'000 + 800 * std::sin(37 * a) + 50 * std::sin(911 * a);
            const QPointF v = centre + QPointF(r * std::cos(a), r * std::sin(a));
            i == 0 ? p.moveTo(v) : p.lineTo(v);
        }
        layer.paths.push_back(p);
        layer.pathBounds.push_back(p.boundingRect());
    }
    const double mapUnitsPerPixel = 100;  // band 6: half a pixel is 32 m
    const auto band = render::simplifiedPaths(layer, mapUnitsPerPixel);
    REQUIRE(band);
    REQUIRE(band->size() == 3);
    CHECK(band->vertexCount() < 3 * 100'001 / 2);
    CHECK(band->bytes() < band->vertexCount() * 10 + 1024);  // 8 bytes a vertex, not a QPainterPath's 24
    const double tolerance = 0.5 * std::ldexp(1.0, render::zoomBand(mapUnitsPerPixel));
    for (std::size_t i = 0; i < 3; ++i) {
        const QPainterPath expected = render::simplifyPath(layer.paths[i], tolerance);
        const QPainterPath got = band->path(i);
        REQUIRE(got.elementCount() == expected.elementCount());
        CHECK(got.fillRule() == Qt::OddEvenFill);
        double worst = 0;
        for (int e = 0; e < got.elementCount(); ++e) {
            CHECK(got.elementAt(e).type == expected.elementAt(e).type);
            worst = std::max({worst, std::abs(got.elementAt(e).x - expected.elementAt(e).x), std::abs(got.elementAt(e).y - expected.elementAt(e).y)});
        }
        CHECK(worst < 0.05);  // metres
    }
}
