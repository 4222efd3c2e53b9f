// A scene layer's QGIS form (render/qgis_style.hpp): the classes QGIS reads are the classes
// Hongtu resolved, and QGIS's closed ranges put every value in Hongtu's class.

#include <catch2/catch_test_macros.hpp>
#include <catch2/matchers/catch_matchers_string.hpp>

#include <algorithm>
#include <cmath>

#include "render/loaded_project.hpp"
#include "render/progress_theme.hpp"
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
        layer.attributes.appendRow({values[i]});
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
    // The progress layers are QGIS's progress views (geo/progress/views.hpp), in drawing order.
    CHECK(tables == std::vector<std::string>{"counties", "county_progress", "villages", "townships", "village_venue_projects",
                                             "community_venue_projects", "township_housing_projects", "memorial_sites"});
    const auto style = [&](const char* table) { return styles[static_cast<std::size_t>(std::find(tables.begin(), tables.end(), table) - tables.begin())]; };

    const render::SceneLayer* villages = project->scene.find("villages");
    REQUIRE(villages);
    const auto v = style("villages");
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
    CHECK(style("townships").renderer == geo::QgisRenderer::Single);
    CHECK(style("townships").symbol.marker == "square");
    CHECK(style("memorial_sites").symbol.marker == "star");

    // The project points by the view's category, in the legend's order, labels and symbols.
    const render::SceneLayer* venues = project->scene.find("village_venue_projects");
    REQUIRE(venues);
    const auto p = style("village_venue_projects");
    CHECK(p.renderer == geo::QgisRenderer::Categorized);
    CHECK(p.field == "category");
    CHECK(p.labelField == "name");
    std::vector<std::string> values;
    for (const auto& c : p.classes) values.push_back(c.value);
    CHECK(values == std::vector<std::string>{"not_started", "in_progress", "due_soon", "overdue", "completed", "accepted"});
    REQUIRE(p.classes.size() == venues->classes.size());
    for (std::size_t i = 0; i < p.classes.size(); ++i) {
        CHECK(p.classes[i].label == venues->classes[i].label.toStdString());
        const auto& m = std::get<render::MarkerSymbol>(venues->classes[i].symbol);
        CHECK(p.classes[i].symbol.fill == geo::Rgba{m.fill.red(), m.fill.green(), m.fill.blue(), 255});
    }
    CHECK(p.classes[3].symbol.marker == "square");  // overdue
    CHECK(style("township_housing_projects").labelField.empty());

    // The counties by completion rate: six ranges as Hongtu's classes, "none planned" the no-data class.
    const auto c = style("county_progress");
    CHECK(c.renderer == geo::QgisRenderer::Graduated);
    CHECK(c.field == "to_real(\"completion_pct\")");
    REQUIRE(c.classes.size() == 7);
    CHECK(c.classes.back().noData);
    CHECK(c.classes[5].lower == 100);
    CHECK(c.classes[5].upper == 100);
    CHECK(std::nextafter(c.classes[4].upper, 1000.0) == 100);  // 90 – < 100
    CHECK(std::nextafter(c.classes[0].upper, 1000.0) == 25);
    for (double rate : {0.0, 0.2, 0.25, 0.5, 0.74, 0.75, 0.9, 0.99, 1.0}) {
        INFO("rate " << rate);
        CHECK(qgisRangeOf(c, rate * 100) == render::completionClass(rate));
    }
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
    // The no-data class (the NULL point) is QGIS's no-data range, last as in Hongtu's legend.
    REQUIRE(q->classes.size() == layer.classes.size());
    CHECK(q->classes.back().noData);
    CHECK(q->classes.back().label == layer.classes.back().label.toStdString());
    CHECK(layer.classes[static_cast<std::size_t>(layer.itemClass.back())].label == layer.classes.back().label);
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

TEST_CASE("a layer drawn per as-of day that is not a progress layer has no QGIS form", "[qgis_style]") {
    struct Fixed : render::AsOfClassifier {
        render::LayerClasses classify(geo::Date, int) const override { return {}; }
    };
    render::SceneLayer layer = points({1.0});
    layer.asOfClasses = std::make_shared<Fixed>();
    CHECK_FALSE(render::toQgisStyle(render::Scene{}, layer));
}
