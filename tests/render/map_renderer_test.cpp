#include <catch2/catch_test_macros.hpp>

#include <QPicture>

#include <algorithm>
#include <cstdlib>
#include <variant>

#include "hongtu/geo/crs.hpp"
#include "image_compare.hpp"
#include "render/legend_swatch.hpp"
#include "render/loaded_project.hpp"
#include "render/map_renderer.hpp"
#include "test_support.hpp"

using namespace hongtu;
using hongtu::test::pixelIs;

namespace {

struct Fixture {
    render::LoadedProject project;
    geo::Transformer toDisplay;

    [[nodiscard]] QPointF pixelOf(const render::MapSettings& s, geo::XY lonLat) const {
        const auto p = toDisplay.forward(lonLat);
        REQUIRE(p);
        return s.toPixel(*p);
    }
    [[nodiscard]] render::MapSettings fullExtent(std::vector<std::string> layers, QSize size = {600, 400}) const {
        render::MapSettings s;
        s.outputSize = size;
        s.displayCrs = project.scene.displayCrs;
        s.visibleLayerIds = std::move(layers);
        return s.fittedTo(project.scene.extent());
    }
};

Fixture loadFixture() {
    auto project = render::loadProject(test::miniProjectPath());
    REQUIRE(project);
    auto toDisplay = geo::Transformer::create("EPSG:4490", project->scene.displayCrs);
    REQUIRE(toDisplay);
    return {std::move(project).value(), std::move(toDisplay).value()};
}

const render::FillSymbol& countyFill(const render::Scene& scene) {
    return std::get<render::FillSymbol>(scene.find("counties")->style.symbol);
}

void disableLabels(render::Scene& scene) {
    for (auto& layer : scene.layers) layer.style.label.enabled = false;
}

// `over` with its alpha composited on opaque `under`.
QColor blend(const QColor& over, const QColor& under) {
    const double a = over.alphaF();
    return QColor::fromRgbF(static_cast<float>(over.redF() * a + under.redF() * (1 - a)),
                            static_cast<float>(over.greenF() * a + under.greenF() * (1 - a)),
                            static_cast<float>(over.blueF() * a + under.blueF() * (1 - a)));
}

}  // namespace

TEST_CASE("map_renderer: counties are filled inside, background outside and in holes", "[map_renderer]") {
    Fixture f = loadFixture();
    disableLabels(f.project.scene);
    const render::MapSettings s = f.fullExtent({"counties"});
    const QImage image = render::renderToImage(f.project.scene, s);
    const QColor fill = countyFill(f.project.scene).fill;

    SECTION("at each county's label point") {
        const render::SceneLayer& counties = *f.project.scene.find("counties");
        REQUIRE(counties.labels.size() == 2);
        for (std::size_t k = 0; k < counties.labels.size(); ++k) {
            const QPointF px = s.mapToPixel().map(counties.labels[k].anchor);
            INFO(counties.labelText(k).toStdString() << " at " << px.x() << "," << px.y());
            CHECK(pixelIs(image, px, fill));
        }
    }
    SECTION("at hand-picked lon/lat positions") {
        CHECK(pixelIs(image, f.pixelOf(s, {111.05, 37.45}), fill));            // 离石区
        CHECK(pixelIs(image, f.pixelOf(s, {111.55, 37.45}), fill));            // 方山县, the L's foot
        CHECK(pixelIs(image, f.pixelOf(s, {111.125, 37.525}), s.background));  // the hole in 离石区
        CHECK(pixelIs(image, f.pixelOf(s, {111.55, 37.65}), s.background));    // the L's missing corner
        CHECK(pixelIs(image, {2, 2}, s.background));                           // the margin
    }
}

TEST_CASE("map_renderer: point layers are drawn over the counties", "[map_renderer]") {
    Fixture f = loadFixture();
    disableLabels(f.project.scene);
    const render::MapSettings s = f.fullExtent(f.project.scene.initiallyVisibleLayerIds());
    const QImage image = render::renderToImage(f.project.scene, s);

    const auto& star = std::get<render::MarkerSymbol>(f.project.scene.find("memorial_sites")->style.symbol);
    CHECK(pixelIs(image, f.pixelOf(s, {111.38, 37.62}), star.fill));
    const auto& village = std::get<render::MarkerSymbol>(f.project.scene.find("villages")->style.symbol);
    // The translucent fill lies on the marker's own (opaque) outline disc.
    CHECK(pixelIs(image, f.pixelOf(s, {111.05, 37.62}), blend(village.fill, village.stroke)));
    const auto& township = std::get<render::MarkerSymbol>(f.project.scene.find("townships")->style.symbol);
    CHECK(pixelIs(image, f.pixelOf(s, {111.14, 37.45}), township.fill));
}

TEST_CASE("map_renderer: hidden layers are not drawn and off-screen features are culled", "[map_renderer]") {
    Fixture f = loadFixture();
    disableLabels(f.project.scene);
    render::MapSettings s = f.fullExtent({"villages"});
    const QImage image = render::renderToImage(f.project.scene, s);
    CHECK(pixelIs(image, f.pixelOf(s, {111.05, 37.45}), s.background));

    SECTION("zoomed in on 离石区 only") {
        s.visibleLayerIds = {"counties", "villages"};
        const auto sw = f.toDisplay.forward({111.01, 37.41});
        const auto ne = f.toDisplay.forward({111.09, 37.49});
        REQUIRE(sw);
        REQUIRE(ne);
        s = s.fittedTo(geo::Box{sw->x, sw->y, ne->x, ne->y}, 0);
        QImage zoomed(s.outputSize, QImage::Format_ARGB32_Premultiplied);
        QPainter painter(&zoomed);
        const render::RenderStats stats = render::renderMap(f.project.scene, s, painter);
        painter.end();
        CHECK(stats.featuresDrawn == 1);   // 离石区; all three villages lie outside the view
        CHECK(stats.featuresCulled == 4);  // 方山县 and the villages
        CHECK(pixelIs(zoomed, {300, 200}, countyFill(f.project.scene).fill));
    }
}

TEST_CASE("map_renderer: a layer outside its scale range is not drawn, nor its labels; legends agree", "[map_renderer]") {
    Fixture f = loadFixture();
    const render::MapSettings s = f.fullExtent({"counties", "villages"});
    auto find = [&](const char* id) {
        for (auto& l : f.project.scene.layers)
            if (l.id == id) return &l;
        FAIL("no layer " << id);
        return static_cast<render::SceneLayer*>(nullptr);
    };
    render::SceneLayer* villages = find("villages");
    const QImage all = render::renderToImage(f.project.scene, s);
    CHECK(render::layerDrawn(*villages, s));
    villages->style.maxScaleDenominator = s.scaleDenominator() / 2;  // needs twice the zoom
    CHECK_FALSE(render::layerDrawn(*villages, s));
    const QImage limited = render::renderToImage(f.project.scene, s);
    CHECK(limited != all);
    // The same as switching the layer off.
    CHECK(limited == render::renderToImage(f.project.scene, f.fullExtent({"counties"})));
    // Zoomed in past the limit it is drawn again.
    render::MapSettings closer = s;
    closer.extent = geo::Box{s.extent.minX + s.extent.width() * 0.3, s.extent.minY + s.extent.height() * 0.3,
                             s.extent.maxX - s.extent.width() * 0.3, s.extent.maxY - s.extent.height() * 0.3};
    CHECK(render::layerDrawn(*villages, closer));
}

TEST_CASE("map_renderer: labels are drawn only at their scales and never overlap", "[map_renderer]") {
    Fixture f = loadFixture();
    const render::MapSettings s = f.fullExtent(f.project.scene.initiallyVisibleLayerIds(), {1200, 800});
    QImage image(s.outputSize, QImage::Format_ARGB32_Premultiplied);
    QPainter painter(&image);
    const render::RenderStats stats = render::renderMap(f.project.scene, s, painter);
    painter.end();
    // At about 1:180,000 the two county and two township names show; villages need 1:60,000.
    CHECK(s.scaleDenominator() > 60'000);
    CHECK(s.scaleDenominator() < 350'000);
    CHECK(stats.labelsDrawn == 5);  // 2 counties + 2 townships + 1 memorial site
    // Point labels sit beside their markers: the star's centre keeps its fill under its label.
    const auto& star = std::get<render::MarkerSymbol>(f.project.scene.find("memorial_sites")->style.symbol);
    CHECK(pixelIs(image, f.pixelOf(s, {111.38, 37.62}), star.fill));

    disableLabels(f.project.scene);
    CHECK(render::renderToImage(f.project.scene, s) != image);
}

TEST_CASE("map_renderer: legend swatches use the layer's symbol", "[map_renderer]") {
    const auto definitions = render::projectLayerDefinitions();
    const render::LayerStyle& counties = definitions.front().style;
    const QImage swatch = render::renderLegendSwatch(counties, geo::Geometry::Kind::Polygon, {20, 20}, 96);
    CHECK(pixelIs(swatch, {10, 10}, std::get<render::FillSymbol>(counties.symbol).fill));
    CHECK(swatch.pixelColor(0, 0).alpha() == 0);
}

TEST_CASE("map_renderer: overlapping path markers stay filled", "[map_renderer]") {
    render::SceneLayer sites;
    sites.id = "memorial_sites";
    sites.kind = geo::Geometry::Kind::Point;
    render::MarkerSymbol star{render::MarkerShape::Star, 6, QColor(Qt::red), QColor(Qt::yellow), 0.2};
    sites.style.symbol = star;
    sites.points = {{50, 50}, {50, 50}};  // two sites at one place
    sites.extent = {0, 0, 100, 100};
    render::Scene scene;
    scene.layers.push_back(sites);
    render::MapSettings s;
    s.extent = {0, 0, 100, 100};
    s.outputSize = {100, 100};
    s.visibleLayerIds = {"memorial_sites"};
    const QImage image = render::renderToImage(scene, s);
    CHECK(pixelIs(image, s.toPixel({50, 50}), star.fill));
    CHECK(pixelIs(image, {5, 5}, s.background));
}

TEST_CASE("map_renderer: a layer named in scaleRangeOverrideIds is drawn outside its scale range, labels keep theirs", "[map_renderer]") {
    Fixture f = loadFixture();
    render::MapSettings s = f.fullExtent({"counties", "villages"});
    disableLabels(f.project.scene);
    const QImage all = render::renderToImage(f.project.scene, s);
    render::SceneLayer* villages = nullptr;
    for (auto& l : f.project.scene.layers)
        if (l.id == "villages") villages = &l;
    REQUIRE(villages);
    villages->style.maxScaleDenominator = s.scaleDenominator() / 2;
    CHECK_FALSE(render::layerDrawn(*villages, s));
    s.scaleRangeOverrideIds = {"villages"};
    CHECK(render::layerDrawn(*villages, s));
    CHECK(render::renderToImage(f.project.scene, s) == all);
    s.visibleLayerIds = {"counties"};  // the override does not switch a layer on
    CHECK_FALSE(render::layerDrawn(*villages, s));
}

namespace {
// The vector path: the renderer paints onto a QPicture (not a raster engine: real marker shapes,
// as for PDF/SVG), which is then played onto an image of the same size.
QImage viaVectorPath(const render::Scene& scene, const render::MapSettings& s) {
    QPicture picture;
    {
        QPainter p(&picture);
        render::renderMap(scene, s, p);
    }
    QImage image(s.outputSize, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter p(&image);
    p.drawPicture(0, 0, picture);
    return image;
}
}  // namespace

// Point symbols on raster output are stamps (each class drawn once at the output DPI and
// blitted); PDF/SVG draw real shapes. The stamps must not change what the map says: the Lüliang
// demo's villages at 300 dpi, raster against vector, tile by tile.
TEST_CASE("map_renderer: raster marker stamps match the vector markers tile by tile on the demo at 300 dpi", "[map_renderer]") {
    auto project = render::loadProject(HONGTU_DEMO_PROJECT);
    REQUIRE(project);
    disableLabels(project->scene);  // text is rasterised differently through QPicture; markers are under test
    render::MapSettings s;
    s.outputSize = {1600, 1200};
    s.dpi = 300;
    s.displayCrs = project->scene.displayCrs;
    s.visibleLayerIds = {"counties", "villages"};
    s.pointDensityLevelOfDetail = false;
    s = s.fittedTo(project->scene.extent());
    const render::SceneLayer* villages = project->scene.find("villages");
    REQUIRE(villages);
    REQUIRE(render::drawnItems(*villages, s).count() > 1000);  // many markers, so the stamp path is taken
    const QImage raster = render::renderToImage(project->scene, s);
    const QImage vector = viaVectorPath(project->scene, s);
    const double error = test::worstTileError(raster, vector);
    INFO("worst 32x32 tile mean error " << error);
    CHECK(error < 6.0);
    // The measure sees a real change: markers half again as large are far outside the tolerance.
    for (auto& l : project->scene.layers)
        if (l.id == "villages") {
            std::get<render::MarkerSymbol>(l.style.symbol).sizeMm *= 1.5;
            for (auto& c : l.classes)
                if (auto* m = std::get_if<render::MarkerSymbol>(&c.symbol)) m->sizeMm *= 1.5;
        }
    CHECK(test::worstTileError(raster, viaVectorPath(project->scene, s)) > 12.0);
}

// On an image of its own under no clip, the stamps are blended into its pixels directly
// instead of through QPainter::drawImage (a microsecond a marker). A clip makes the renderer
// take drawImage: both pictures must agree to rounding, pixel by pixel.
TEST_CASE("map_renderer: stamps blended into the image equal stamps drawn by QPainter", "[map_renderer]") {
    auto project = render::loadProject(HONGTU_DEMO_PROJECT);
    REQUIRE(project);
    disableLabels(project->scene);
    render::MapSettings s;
    s.outputSize = {1600, 1200};
    s.dpi = 300;
    s.displayCrs = project->scene.displayCrs;
    s.visibleLayerIds = {"counties", "villages", "townships"};
    s.pointDensityLevelOfDetail = false;
    s = s.fittedTo(project->scene.extent());
    const auto draw = [&](bool clipped, QPoint shift) {
        QImage image(s.outputSize + QSize(shift.x(), shift.y()), QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::white);
        QPainter p(&image);
        p.translate(shift);
        if (clipped) p.setClipRect(QRect(QPoint(0, 0), s.outputSize));
        render::renderMap(project->scene, s, p);
        p.end();
        return image.copy(QRect(shift, s.outputSize));
    };
    for (const QPoint shift : {QPoint(0, 0), QPoint(7, 3)}) {  // also under a whole-pixel shift (a page's map frame)
        const QImage blended = draw(false, shift), drawn = draw(true, shift);
        int worst = 0;
        std::size_t differing = 0;
        for (int y = 0; y < blended.height(); ++y) {
            const auto* a = reinterpret_cast<const QRgb*>(blended.constScanLine(y));
            const auto* b = reinterpret_cast<const QRgb*>(drawn.constScanLine(y));
            for (int x = 0; x < blended.width(); ++x) {
                const int d = std::max({std::abs(qRed(a[x]) - qRed(b[x])), std::abs(qGreen(a[x]) - qGreen(b[x])),
                                        std::abs(qBlue(a[x]) - qBlue(b[x])), std::abs(qAlpha(a[x]) - qAlpha(b[x]))});
                worst = std::max(worst, d);
                differing += d > 0 ? 1 : 0;
            }
        }
        INFO("shift " << shift.x() << "," << shift.y() << ": worst channel difference " << worst << ", pixels differing " << differing);
        CHECK(worst <= 2);
        CHECK(differing < static_cast<std::size_t>(blended.width()) * blended.height() / 100);  // rounding, here and there
    }
}
