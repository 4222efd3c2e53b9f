#include <catch2/catch_test_macros.hpp>
#include <catch2/matchers/catch_matchers_string.hpp>

#include <unistd.h>

#include <filesystem>

#include "hongtu/geo/layer_styles.hpp"
#include "render/loaded_project.hpp"
#include "render/style_io.hpp"
#include "test_support.hpp"

using namespace hongtu;
using Catch::Matchers::ContainsSubstring;

namespace {

render::LayerStyle graduatedStyle() {
    render::LayerStyle s;
    s.symbol = render::FillSymbol{QColor("#f6efdc"), QColor("#8c5a32"), 0.35, false};
    render::GraduatedSymbology g;
    g.field = "share";
    g.method = render::ClassMethod::Fixed;
    g.userBreaks = {0, 25, 50, 100};
    g.palette = render::sequentialPalette(render::Palette::OrangeRed, 3);
    g.separateValue = 100;
    g.separateLabel = QStringLiteral("100%");
    g.separateColor = QColor("#004529");
    g.unit = QStringLiteral("%");
    s.symbology = g;
    s.legendTitle = QStringLiteral("完成比例");
    s.label.enabled = true;
    s.label.sizePt = 11;
    s.label.maxScaleDenominator = 250'000;
    s.labelPriority = render::LabelPriority::County;
    s.opacity = 0.6;
    s.maxScaleDenominator = 2'000'000;
    return s;
}

std::string tempCopy(const std::string& from, const char* name) {
    const auto dir = std::filesystem::temp_directory_path() / ("hongtu_style_io_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto path = (dir / name).string();
    std::filesystem::copy_file(from, path, std::filesystem::copy_options::overwrite_existing);
    return path;
}

}  // namespace

TEST_CASE("style_io: every symbology kind survives a round trip", "[style_io]") {
    const render::LayerStyle g = graduatedStyle();
    auto back = render::styleFromJson(render::styleToJson(g), render::LayerStyle{});
    REQUIRE(back);
    CHECK(render::styleToJson(*back) == render::styleToJson(g));
    const auto& gb = std::get<render::GraduatedSymbology>(back->symbology);
    CHECK(gb.method == render::ClassMethod::Fixed);
    CHECK(gb.userBreaks == std::vector<double>{0, 25, 50, 100});
    CHECK(gb.palette.size() == 3);
    CHECK(back->opacity == 0.6);
    CHECK(back->legendTitle == QStringLiteral("完成比例"));
    CHECK(back->label.maxScaleDenominator == 250'000);
    CHECK(back->maxScaleDenominator == 2'000'000);

    render::LayerStyle c;
    c.symbol = render::MarkerSymbol{render::MarkerShape::Star, 3, QColor("#d7261e"), QColor("#fff1b0"), 0.25};
    c.symbology = render::CategorizedSymbology{"status", {{"done", QStringLiteral("已完成"), QColor("#1a9850")}}, std::nullopt};
    auto cb = render::styleFromJson(render::styleToJson(c), render::LayerStyle{});
    REQUIRE(cb);
    CHECK(render::styleToJson(*cb) == render::styleToJson(c));
    CHECK(std::get<render::MarkerSymbol>(cb->symbol).shape == render::MarkerShape::Star);
    CHECK_FALSE(std::get<render::CategorizedSymbology>(cb->symbology).otherColor);
    CHECK(std::isinf(cb->label.maxScaleDenominator));  // "no limit" stored as null
    CHECK(std::isinf(cb->maxScaleDenominator));
    // Only a style that says so sets the scale range (older saved styles keep the default).
    CHECK(render::styleSetsScaleRange(render::styleToJson(c)));
    CHECK_FALSE(render::styleSetsScaleRange(R"({"opacity": 0.5, "label": {"max_scale_denominator": 1000}})"));
    CHECK_FALSE(render::styleSetsScaleRange("not json"));

    render::LayerStyle p;
    p.symbol = render::MarkerSymbol{};
    p.symbology = render::ProportionalSymbology{"budget", 12, 1, 5e6, 0, QStringLiteral("万元")};
    auto pb = render::styleFromJson(render::styleToJson(p), render::LayerStyle{});
    REQUIRE(pb);
    CHECK(render::styleToJson(*pb) == render::styleToJson(p));

    render::LayerStyle l;
    l.symbol = render::LineSymbol{QColor("#404040"), 0.8};
    auto lb = render::styleFromJson(render::styleToJson(l), render::LayerStyle{});
    REQUIRE(lb);
    CHECK(std::get<render::LineSymbol>(lb->symbol).widthMm == 0.8);
}

TEST_CASE("style_io: keys not mentioned keep the base style", "[style_io]") {
    const render::LayerStyle base = graduatedStyle();
    auto s = render::styleFromJson(R"({"opacity": 0.3, "symbology": {"classes": 7}})", base);
    REQUIRE(s);
    CHECK(s->opacity == 0.3);
    const auto& g = std::get<render::GraduatedSymbology>(s->symbology);
    CHECK(g.classCount == 7);
    CHECK(g.field == "share");
    CHECK(s->label.sizePt == 11);
}

TEST_CASE("style_io: bad values are errors naming the key", "[style_io]") {
    const render::LayerStyle base = graduatedStyle();
    const auto error = [&](const std::string& json) {
        auto s = render::styleFromJson(json, base);
        REQUIRE_FALSE(s);
        return s.error().message;
    };
    CHECK_THAT(error(R"({"symbology": {"method": "jenks"}})"),
               ContainsSubstring("symbology.method") && ContainsSubstring("natural_breaks"));
    CHECK_THAT(error(R"({"symbol": {"fill": "not a colour"}})"), ContainsSubstring("symbol.fill"));
    CHECK_THAT(error(R"({"opacity": 2})"), ContainsSubstring("opacity") && ContainsSubstring("outside"));
    CHECK_THAT(error(R"({"label": {"size_pt": "big"}})"), ContainsSubstring("label.size_pt") && ContainsSubstring("number"));
    CHECK_THAT(error(R"({"symbology": {"palette": ["#ffffff", 3]}})"), ContainsSubstring("symbology.palette[1]"));
    CHECK_THAT(error(R"({"symbology": {"type": "heatmap"}})"), ContainsSubstring("symbology.type"));
    CHECK_THAT(error(R"({"opacity": )"), ContainsSubstring("not valid JSON"));
}

TEST_CASE("style_io: styles saved in the project are applied when it loads; a bad one is a warning", "[style_io][project]") {
    const std::string path = tempCopy(test::miniProjectPath(), "styled.gpkg");
    render::LayerStyle towns;
    towns.symbol = render::MarkerSymbol{render::MarkerShape::Triangle, 5, QColor("#7b3f9e"), QColor(Qt::white), 0.2};
    towns.opacity = 0.5;
    REQUIRE(geo::writeLayerStyles(path, {{"townships", render::styleToJson(towns), "2026-11-27T08:00:00Z"},
                                         {"villages", R"({"symbol": {"size_mm": "large"}})", "2026-11-27T08:00:00Z"}}));
    auto project = render::loadProject(path);
    REQUIRE(project);
    const render::SceneLayer* t = project->scene.find("townships");
    REQUIRE(t);
    CHECK(t->style.opacity == 0.5);
    CHECK(std::get<render::MarkerSymbol>(t->style.symbol).shape == render::MarkerShape::Triangle);
    const render::SceneLayer* v = project->scene.find("villages");
    REQUIRE(v);
    CHECK(std::get<render::MarkerSymbol>(v->style.symbol).sizeMm == 1.0);  // default kept
    REQUIRE(project->warnings.size() == 1);
    CHECK_THAT(project->warnings.front().toStdString(), ContainsSubstring("villages") && ContainsSubstring("symbol.size_mm"));
}
