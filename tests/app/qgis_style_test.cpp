// A scene layer's QGIS form (render/qgis_style.hpp): the classes QGIS reads are the classes
// Hongtu resolved, and QGIS's closed ranges put every value in Hongtu's class.

#include <catch2/catch_test_macros.hpp>
#include <catch2/matchers/catch_matchers_string.hpp>

#include <cmath>

#include "render/project.hpp"
#include "render/qgis_style.hpp"
#include "render/scene.hpp"
#include "render/symbology.hpp"

using namespace hongtu;
using Catch::Matchers::ContainsSubstring;

namespace {

// The class QGIS gives `v`: the first range holding it (QgsGraduatedSymbolRenderer).
int qgisRangeOf(const geo::QgisStyle& q, double v) {
    for (std::size_t i = 0; i < q.classes.size(); ++i)
        if (q.classes[i].lower <= v && v <= q.classes[i].upper) return static_cast<int>(i);
    return -1;
}

// Four points with a number each.
render::SceneLayer points(const std::vector<geo::Value>& values) {
    render::SceneLayer layer;
    layer.id = "points";
    layer.kind = geo::Geometry::Kind::Point;
    layer.fields = {{"n", geo::FieldType::Real}};
    for (std::size_t i = 0; i < values.size(); ++i) {
        layer.points.push_back({static_cast<double>(i), 0});
        layer.attributes.push_back({values[i]});
    }
    layer.style.symbol = render::MarkerSymbol{};
    return layer;
}

}  // namespace

TEST_CASE("the demo's QGIS styles: the tables QGIS opens, with the classes Hongtu draws", "[qgis_style]") {
    auto project = render::loadProject(HONGTU_DEMO_PROJECT);
    REQUIRE(project);
    const auto styles = render::qgisStyles(project->scene);
    std::vector<std::string> tables;
    for (const auto& s : styles) tables.push_back(s.table);
    // Progress layers are drawn per as-of day from tables without geometry: no QGIS form.
    CHECK(tables == std::vector<std::string>{"counties", "villages", "townships", "memorial_sites"});

    const render::SceneLayer* villages = project->scene.find("villages");
    REQUIRE(villages);
    const auto& v = styles[1];
    CHECK(v.renderer == geo::QgisRenderer::Categorized);
    CHECK_THAT(v.field, ContainsSubstring("'community'") && ContainsSubstring("\"has_collective_income\""));  // derived: an expression
    REQUIRE(v.classes.size() == villages->classes.size());
    CHECK(v.classes.back().value.empty());  // Hongtu's "other values"
    for (std::size_t i = 0; i < v.classes.size(); ++i) {
        const auto* m = std::get_if<render::MarkerSymbol>(&villages->classes[i].symbol);
        REQUIRE(m);
        CHECK(v.classes[i].symbol.fill == geo::Rgba{m->fill.red(), m->fill.green(), m->fill.blue(), 255});
        CHECK(v.classes[i].label == villages->classes[i].label.toStdString());
    }
    CHECK(v.labelField == "name");
    CHECK(styles[2].renderer == geo::QgisRenderer::Single);
    CHECK(styles[2].symbol.marker == "square");
    CHECK(styles[3].symbol.marker == "star");
}

TEST_CASE("graduated: QGIS's ranges put each feature in Hongtu's class, also a value on a break and the separate value",
          "[qgis_style]") {
    // Quantile breaks are data values: 10 and 30 are inner breaks; 100 is the separate class.
    render::SceneLayer layer = points({0.0, 10.0, 20.0, 30.0, 40.0, 100.0, geo::Value{}});
    render::GraduatedSymbology g;
    g.field = "n";
    g.method = render::ClassMethod::Quantile;
    g.classCount = 3;
    g.palette = render::sequentialPalette(render::Palette::Blues, 3);
    g.separateValue = 100;
    g.separateColor = QColor(0, 0, 0);
    layer.style.symbology = g;
    render::resolveSymbology(layer);
    render::Scene scene;
    const auto q = render::toQgisStyle(scene, layer);
    REQUIRE(q);
    CHECK(q->renderer == geo::QgisRenderer::Graduated);
    CHECK(q->field == "n");
    const std::vector<double> values{0, 10, 20, 30, 40, 100};
    for (std::size_t i = 0; i < values.size(); ++i) {
        INFO("value " << values[i]);
        const int qgis = qgisRangeOf(*q, values[i]);
        REQUIRE(qgis >= 0);
        // The same class: the same legend label and colour.
        const auto& hongtu = layer.classes[static_cast<std::size_t>(layer.itemClass[i])];
        CHECK(q->classes[static_cast<std::size_t>(qgis)].label == hongtu.label.toStdString());
        const QColor c = std::get<render::MarkerSymbol>(hongtu.symbol).fill;
        CHECK(q->classes[static_cast<std::size_t>(qgis)].symbol.fill == geo::Rgba{c.red(), c.green(), c.blue(), 255});
    }
    // The no-data class (the NULL point) has no QGIS range: QGIS does not draw that feature.
    CHECK(q->classes.size() + 1 == layer.classes.size());
}

TEST_CASE("proportional markers: QGIS's size expression gives Hongtu's sizes", "[qgis_style]") {
    render::SceneLayer layer = points({4.0, 16.0, 0.0});
    render::ProportionalSymbology p;
    p.field = "n";
    p.maxSizeMm = 8;
    p.minSizeMm = 1;
    layer.style.symbology = p;
    layer.style.opacity = 0.5;
    layer.style.maxScaleDenominator = 250'000;
    render::resolveSymbology(layer);
    const auto q = render::toQgisStyle(render::Scene{}, layer);
    REQUIRE(q);
    CHECK(q->renderer == geo::QgisRenderer::Single);
    CHECK(q->sizeExpression == "CASE WHEN \"n\" > 0 THEN max(1, 8 * sqrt(\"n\" / 16)) ELSE 0 END");
    CHECK(layer.markerSizeMm[0] == 4.0F);  // 8 * sqrt(4 / 16), as the expression says
    CHECK(q->opacity == 0.5);
    CHECK(q->maxScaleDenominator == 250'000);
}

TEST_CASE("a layer drawn per as-of day has no QGIS form", "[qgis_style]") {
    struct Fixed : render::AsOfClassifier {
        render::LayerClasses classify(geo::Date, int) const override { return {}; }
    };
    render::SceneLayer layer = points({1.0});
    layer.asOfClasses = std::make_shared<Fixed>();
    CHECK_FALSE(render::toQgisStyle(render::Scene{}, layer));
}
