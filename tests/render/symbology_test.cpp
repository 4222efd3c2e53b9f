// Each symbology kind resolved into classes and painted by the one renderer, checked by the
// legend classes and their counts and by pixels of the rendered image.

#include <catch2/catch_approx.hpp>
#include <catch2/catch_test_macros.hpp>

#include <cmath>

#include "render/map_renderer.hpp"
#include "render/scene.hpp"
#include "render/symbology.hpp"
#include "test_support.hpp"

using namespace hongtu;
using test::pixelIs;

namespace {

// A 400 x 100 unit map drawn 1:1 into 400 x 100 pixels (y up in the map, down in pixels).
render::MapSettings settingsFor(const std::string& layerId) {
    render::MapSettings s;
    s.extent = {0, 0, 400, 100};
    s.outputSize = {400, 100};
    s.dpi = 96;
    s.visibleLayerIds = {layerId};
    return s;
}

// Four 100 x 100 squares side by side with one numeric attribute each.
render::SceneLayer squares(const std::vector<geo::Value>& values) {
    render::SceneLayer layer;
    layer.id = "areas";
    layer.kind = geo::Geometry::Kind::Polygon;
    layer.fields = {{"share", geo::FieldType::Real}};
    for (std::size_t i = 0; i < values.size(); ++i) {
        const double x = 100.0 * static_cast<double>(i);
        layer.paths.push_back(render::toPainterPath(geo::Geometry::polygon({{{x, 0}, {x + 100, 0}, {x + 100, 100}, {x, 100}}})));
        layer.pathBounds.push_back(layer.paths.back().boundingRect());
        layer.attributes.appendRow({values[i]});
    }
    layer.extent = {0, 0, 400, 100};
    return layer;
}

render::SceneLayer points(const std::vector<geo::Value>& values) {
    render::SceneLayer layer;
    layer.id = "sites";
    layer.kind = geo::Geometry::Kind::Point;
    layer.fields = {{"value", geo::FieldType::Text}};
    for (std::size_t i = 0; i < values.size(); ++i) {
        layer.points.emplace_back(50 + 100.0 * static_cast<double>(i), 50);
        layer.attributes.appendRow({values[i]});
    }
    layer.extent = {0, 0, 400, 100};
    return layer;
}

QImage renderLayer(render::SceneLayer layer) {
    render::Scene scene;
    const std::string id = layer.id;
    scene.layers.push_back(std::move(layer));
    return render::renderToImage(scene, settingsFor(id));
}

}  // namespace

TEST_CASE("symbology: graduated classes with separate 100% and no-data classes", "[symbology]") {
    render::SceneLayer layer = squares({10.0, 60.0, 100.0, std::monostate{}});
    layer.style.symbol = render::FillSymbol{Qt::white, Qt::black, 0};
    render::GraduatedSymbology g;
    g.field = "share";
    g.method = render::ClassMethod::Fixed;
    g.userBreaks = {0, 50, 100};
    g.palette = {QColor(0xff, 0xff, 0xcc), QColor(0x31, 0xa3, 0x54)};
    g.separateValue = 100;
    g.separateLabel = QStringLiteral("100%");
    g.separateColor = QColor(0x00, 0x45, 0x29);
    g.decimals = 0;
    g.unit = QStringLiteral("%");
    layer.style.symbology = g;
    render::resolveSymbology(layer);

    REQUIRE(layer.classes.size() == 4);
    CHECK(layer.classes[0].label == QStringLiteral("0 – < 50%"));
    CHECK(layer.classes[1].label == QStringLiteral("50 – 100%"));
    CHECK(layer.classes[2].label == QStringLiteral("100%"));
    CHECK(layer.classes[3].label == QStringLiteral("No data"));
    for (const auto& c : layer.classes) CHECK(c.count == 1);
    CHECK(layer.itemClass == std::vector<std::int32_t>{0, 1, 2, 3});
    CHECK(std::get<render::FillSymbol>(layer.classes[3].symbol).hatched);

    const QImage image = renderLayer(layer);
    CHECK(pixelIs(image, {50, 50}, g.palette[0]));
    CHECK(pixelIs(image, {150, 50}, g.palette[1]));
    CHECK(pixelIs(image, {250, 50}, g.separateColor));
    // No data: grey with diagonal hatching, so both colours occur inside the square.
    int grey = 0, hatch = 0;
    for (int x = 310; x < 390; ++x) {
        if (pixelIs(image, {static_cast<double>(x), 50}, g.noDataColor)) ++grey;
        else ++hatch;
    }
    CHECK(grey > 20);
    CHECK(hatch > 3);

    SECTION("a data-driven method leaves 100% and no data out of the breaks") {
        render::SceneLayer q = squares({10.0, 20.0, 100.0, std::monostate{}});
        g.method = render::ClassMethod::EqualInterval;
        g.classCount = 2;
        q.style.symbology = g;
        render::resolveSymbology(q);
        REQUIRE(q.classes.size() == 4);
        CHECK(q.classes[0].label == QStringLiteral("10 – < 15%"));
        CHECK(q.classes[1].label == QStringLiteral("15 – 20%"));
    }
}

TEST_CASE("symbology: categorized points take their category's colour", "[symbology]") {
    render::SceneLayer layer = points({std::string("done"), std::string("late"), std::string("other"), std::monostate{}});
    layer.style.symbol = render::MarkerSymbol{render::MarkerShape::Square, 8, Qt::black, Qt::white, 0};
    render::CategorizedSymbology c;
    c.field = "value";
    c.categories = {{"done", QStringLiteral("Done"), QColor(0x1a, 0x96, 0x41)}, {"late", QStringLiteral("Late"), QColor(0xd7, 0x19, 0x1c)}};

    SECTION("values not listed are not drawn without an 'other' colour") {
        layer.style.symbology = c;
        render::resolveSymbology(layer);
        CHECK(layer.itemClass == std::vector<std::int32_t>{0, 1, -1, -1});
        const QImage image = renderLayer(layer);
        CHECK(pixelIs(image, {50, 50}, QColor(0x1a, 0x96, 0x41)));
        CHECK(pixelIs(image, {150, 50}, QColor(0xd7, 0x19, 0x1c)));
        CHECK(pixelIs(image, {250, 50}, Qt::white));
    }
    SECTION("with an 'other' colour they are drawn and counted") {
        c.otherColor = QColor(0x99, 0x99, 0x99);
        layer.style.symbology = c;
        render::resolveSymbology(layer);
        REQUIRE(layer.classes.size() == 3);
        CHECK(layer.classes[2].count == 2);
        const QImage image = renderLayer(layer);
        CHECK(pixelIs(image, {250, 50}, QColor(0x99, 0x99, 0x99)));
        CHECK(pixelIs(image, {350, 50}, QColor(0x99, 0x99, 0x99)));
    }
}

TEST_CASE("symbology: proportional symbols scale their area with the value", "[symbology]") {
    render::SceneLayer layer = points({std::string("100"), std::string("25"), std::string("0"), std::string("x")});
    layer.style.symbol = render::MarkerSymbol{render::MarkerShape::Circle, 1, QColor(0x31, 0x82, 0xbd), Qt::white, 0};
    render::ProportionalSymbology p;
    p.field = "value";
    p.maxSizeMm = 20;
    p.minSizeMm = 1;
    layer.style.symbology = p;
    render::resolveSymbology(layer);
    REQUIRE(layer.markerSizeMm.size() == 4);
    CHECK(layer.markerSizeMm[0] == Catch::Approx(20));
    CHECK(layer.markerSizeMm[1] == Catch::Approx(10));                  // a quarter of the value, half the diameter
    CHECK(layer.itemClass == std::vector<std::int32_t>{0, 0, -1, -1});  // zero and non-numbers not drawn
    CHECK(layer.classes.front().count == 2);
    CHECK(layer.classes.front().label == QStringLiteral("100"));

    const QImage image = renderLayer(layer);
    const double r20 = 20 * 96 / 25.4 / 2, r10 = 10 * 96 / 25.4 / 2;  // 37.8 px and 18.9 px
    CHECK(pixelIs(image, {50 + r20 - 4, 50}, QColor(0x31, 0x82, 0xbd)));
    CHECK(pixelIs(image, {150 + r10 - 3, 50}, QColor(0x31, 0x82, 0xbd)));
    CHECK(pixelIs(image, {150 + r10 + 3, 50}, Qt::white));
    CHECK(pixelIs(image, {250, 50}, Qt::white));
}

TEST_CASE("symbology: palettes run light to dark", "[symbology]") {
    for (auto palette : {render::Palette::YellowGreen, render::Palette::OrangeRed, render::Palette::Blues, render::Palette::Purples}) {
        const auto colours = render::sequentialPalette(palette, 5);
        REQUIRE(colours.size() == 5);
        for (std::size_t i = 1; i < colours.size(); ++i) CHECK(colours[i].lightness() < colours[i - 1].lightness());
    }
}
