// Reference images: each symbology kind, labels and legend swatches rendered by the one
// renderer and compared with PNGs in tests/data/render/ within a tolerance (image_compare.hpp,
// kReferenceTolerance: a channel may differ by 24; at most 0.5% of the pixels may differ more),
// so anti-aliasing noise between Qt/FreeType builds passes but a wrong colour, a missing
// class, a moved symbol or a lost label fails.
//
// After an intended change of the drawing, rewrite the references and look at them:
//   HONGTU_UPDATE_REFERENCES=1 ./build/tests/render/render_tests "[render_reference]"

#include <catch2/catch_test_macros.hpp>

#include <QDir>
#include <QImage>
#include <QPainter>

#include <cstdlib>

#include "image_compare.hpp"
#include "render/legend_swatch.hpp"
#include "render/map_renderer.hpp"
#include "render/scene.hpp"
#include "render/symbology.hpp"

using namespace hongtu;

namespace {

QString referencePath(const char* name) { return QStringLiteral(HONGTU_TEST_DATA "/render/%1.png").arg(QLatin1String(name)); }

// Compares with the stored reference (image_compare.hpp), or rewrites it when HONGTU_UPDATE_REFERENCES=1.
void checkAgainstReference(const QImage& image, const char* name) { test::checkAgainstReference(image, referencePath(name)); }

render::MapSettings settings(const std::vector<std::string>& layers) {
    render::MapSettings s;
    s.extent = {0, 0, 300, 100};
    s.outputSize = {300, 100};
    s.dpi = 96;
    s.visibleLayerIds = layers;
    return s;
}

// Six 50 x 50 squares in two rows of three, with a numeric and a text attribute.
render::SceneLayer squares() {
    render::SceneLayer layer;
    layer.id = "areas";
    layer.kind = geo::Geometry::Kind::Polygon;
    layer.fields = {{"share", geo::FieldType::Real}, {"status", geo::FieldType::Text}, {"name", geo::FieldType::Text}};
    const std::vector<geo::Value> shares{5.0, 20.0, 45.0, 70.0, 100.0, std::monostate{}};
    const std::vector<std::string> status{"done", "started", "planned", "done", "unknown", "started"};
    const std::vector<std::string> names{"兴县", "临县", "柳林县", "石楼县", "岚县", "方山县"};
    for (int i = 0; i < 6; ++i) {
        const double x = 100.0 * (i % 3) + 5, y = 50.0 * (i / 3) + 3;
        layer.paths.push_back(render::toPainterPath(geo::Geometry::polygon({{{x, y}, {x + 90, y}, {x + 90, y + 44}, {x, y + 44}}})));
        layer.pathBounds.push_back(layer.paths.back().boundingRect());
        layer.attributes.appendRow({shares[static_cast<std::size_t>(i)], status[static_cast<std::size_t>(i)], names[static_cast<std::size_t>(i)]});
        layer.addLabel(QString::fromStdString(names[static_cast<std::size_t>(i)]), {x + 45, y + 22}, static_cast<std::size_t>(i));
    }
    layer.extent = {0, 0, 300, 100};
    layer.style.symbol = render::FillSymbol{QColor(0xf6, 0xef, 0xdc), QColor(0x8c, 0x5a, 0x32), 0.35};
    return layer;
}

render::SceneLayer dots() {
    render::SceneLayer layer;
    layer.id = "sites";
    layer.kind = geo::Geometry::Kind::Point;
    layer.fields = {{"budget", geo::FieldType::Real}};
    const double budgets[] = {100, 400, 900, 1600, 2500, 25};
    for (int i = 0; i < 6; ++i) {
        layer.points.emplace_back(50.0 + 100.0 * (i % 3), 25.0 + 50.0 * (i / 3));
        layer.attributes.appendRow({budgets[i]});
    }
    layer.extent = {0, 0, 300, 100};
    layer.style.symbol = render::MarkerSymbol{render::MarkerShape::Circle, 2, QColor(0xd7, 0x26, 0x1e), QColor(Qt::white), 0.3};
    return layer;
}

QImage renderLayer(render::SceneLayer layer) {
    render::resolveSymbology(layer);
    render::Scene scene;
    const std::string id = layer.id;
    scene.layers.push_back(std::move(layer));
    return render::renderToImage(scene, settings({id}));
}

}  // namespace

TEST_CASE("render reference: single symbol", "[render_reference]") { checkAgainstReference(renderLayer(squares()), "single"); }

TEST_CASE("render reference: categorized with an 'other' colour", "[render_reference]") {
    render::SceneLayer layer = squares();
    layer.style.symbology = render::CategorizedSymbology{
        "status",
        {{"done", QStringLiteral("完成"), QColor(0x1a, 0x98, 0x50)},
         {"started", QStringLiteral("在建"), QColor(0xfe, 0xe0, 0x8b)},
         {"planned", QStringLiteral("规划"), QColor(0x91, 0xbf, 0xdb)}},
        QColor(0x99, 0x99, 0x99)};
    checkAgainstReference(renderLayer(layer), "categorized");
}

TEST_CASE("render reference: graduated (natural breaks) with a 100% class and hatched no data", "[render_reference]") {
    render::SceneLayer layer = squares();
    render::GraduatedSymbology g;
    g.field = "share";
    g.method = render::ClassMethod::NaturalBreaks;
    g.classCount = 3;
    g.palette = render::sequentialPalette(render::Palette::YellowGreen, 3);
    g.separateValue = 100;
    g.separateColor = QColor(0x00, 0x45, 0x29);
    layer.style.symbology = g;
    checkAgainstReference(renderLayer(layer), "graduated");
}

TEST_CASE("render reference: proportional symbols", "[render_reference]") {
    render::SceneLayer layer = dots();
    layer.style.symbology = render::ProportionalSymbology{"budget", 10, 1, std::nullopt, 0, {}};
    checkAgainstReference(renderLayer(layer), "proportional");
}

TEST_CASE("render reference: CJK labels with halos, placed without overlap", "[render_reference]") {
    render::SceneLayer layer = squares();
    layer.style.label.enabled = true;
    layer.style.label.sizePt = 11;
    // A second, overlapping label on the first square must be left out.
    layer.addLabel(QStringLiteral("重叠的标注"), {50, 72}, 3);
    checkAgainstReference(renderLayer(layer), "labels");
}

TEST_CASE("render reference: legend swatches of every symbol kind", "[render_reference]") {
    QImage sheet(6 * 24, 24, QImage::Format_ARGB32_Premultiplied);
    sheet.fill(Qt::white);
    QPainter p(&sheet);
    const QSize size(24, 24);
    const std::vector<std::pair<render::Symbol, geo::Geometry::Kind>> symbols{
        {render::FillSymbol{QColor(0xad, 0xdd, 0x8e), QColor(0x8c, 0x5a, 0x32), 0.35}, geo::Geometry::Kind::Polygon},
        {render::FillSymbol{QColor(0xd9, 0xd9, 0xd9), QColor(0x8c, 0x5a, 0x32), 0.35, true}, geo::Geometry::Kind::Polygon},
        {render::LineSymbol{QColor(0x40, 0x40, 0x40), 0.8}, geo::Geometry::Kind::LineString},
        {render::MarkerSymbol{render::MarkerShape::Circle, 3, QColor(0x33, 0x66, 0x99), QColor(Qt::white), 0.3}, geo::Geometry::Kind::Point},
        {render::MarkerSymbol{render::MarkerShape::Square, 3, QColor(0x1f, 0x5f, 0x99), QColor(Qt::white), 0.3}, geo::Geometry::Kind::Point},
        {render::MarkerSymbol{render::MarkerShape::Star, 5, QColor(0xd7, 0x26, 0x1e), QColor(0xff, 0xf1, 0xb0), 0.25}, geo::Geometry::Kind::Point},
    };
    for (std::size_t i = 0; i < symbols.size(); ++i)
        p.drawImage(QPoint(static_cast<int>(i) * 24, 0), render::renderSymbolSwatch(symbols[i].first, symbols[i].second, size, 96));
    p.end();
    checkAgainstReference(sheet, "legend_swatches");
}
