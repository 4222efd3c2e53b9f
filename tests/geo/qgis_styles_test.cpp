#include <catch2/catch_test_macros.hpp>
#include <catch2/matchers/catch_matchers_string.hpp>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "hongtu/geo/qgis_styles.hpp"

using namespace hongtu::geo;
using Catch::Matchers::ContainsSubstring;
namespace fs = std::filesystem;

namespace {
// xmllint (libxml2-utils, installed by scripts/install-deps) says whether the text is well-formed XML.
bool wellFormed(const std::string& xml, const std::string& name) {
    const fs::path dir = fs::path(HONGTU_BINARY_DIR) / "tests" / "qgis_styles_scratch";
    fs::create_directories(dir);
    const fs::path file = dir / name;
    std::ofstream(file, std::ios::binary) << xml;
    return std::system(("xmllint --noout '" + file.string() + "'").c_str()) == 0;
}

QgisStyle countyStyle() {
    return {.table = "counties", .kind = Geometry::Kind::Polygon, .symbol = {{246, 239, 220}, {140, 90, 50}, 0.35}, .labelField = "name", .labelSizePt = 10, .labelColor = {58, 36, 18}};
}
}  // namespace

TEST_CASE("QML and SLD of a polygon layer with labels are well-formed and carry the colours", "[qgis_styles]") {
    const QgisStyle s = countyStyle();
    const std::string qml = toQml(s), sld = toSld(s);
    CHECK(wellFormed(qml, "counties.qml"));
    CHECK(wellFormed(sld, "counties.sld"));
    CHECK_THAT(qml, ContainsSubstring("type=\"singleSymbol\"") && ContainsSubstring("class=\"SimpleFill\"") &&
                        ContainsSubstring("246,239,220,255") && ContainsSubstring("fieldName=\"name\"") &&
                        ContainsSubstring("labelsEnabled=\"1\"") && ContainsSubstring("hasScaleBasedVisibilityFlag=\"0\""));
    CHECK_THAT(sld, ContainsSubstring("<se:PolygonSymbolizer>") && ContainsSubstring("#f6efdc") &&
                        ContainsSubstring("<ogc:PropertyName>name</ogc:PropertyName>"));
}

TEST_CASE("QML and SLD of a point layer name the marker; a field with markup is escaped", "[qgis_styles]") {
    QgisStyle s{.table = "villages", .kind = Geometry::Kind::Point, .symbol = {{77, 77, 77}, {255, 255, 255}, 0.12, 1.0, "square"}, .labelField = "a<b&c", .labelSizePt = 7.5, .labelMaxScaleDenominator = 60000};
    CHECK(wellFormed(toQml(s), "villages.qml"));
    CHECK(wellFormed(toSld(s), "villages.sld"));
    CHECK_THAT(toQml(s), ContainsSubstring("class=\"SimpleMarker\"") && ContainsSubstring("v=\"square\"") &&
                             ContainsSubstring("fieldName=\"a&lt;b&amp;c\"") &&
                             ContainsSubstring("scaleVisibility=\"1\" scaleMax=\"60000\""));
    const Layer rows = qgisLayerStyles({s}, "2018-04-01T00:00:00Z");
    REQUIRE(rows.features.size() == 1);
    CHECK(rows.name == "layer_styles");
    CHECK(toText(rows.at(0, "f_table_name")) == "villages");
    CHECK(toText(rows.at(0, "styleName")) == "villages");
    CHECK(toText(rows.at(0, "f_geometry_column")) == "geom");
    CHECK(toText(rows.at(0, "useAsDefault")) == "1");
}

TEST_CASE("a categorized style lists each value with its colour and the other values last", "[qgis_styles]") {
    QgisStyle s{.table = "villages", .kind = Geometry::Kind::Point, .renderer = QgisRenderer::Categorized, .symbol = {{77, 77, 77}, {255, 255, 255}, 0.12, 1.0, "circle"}, .field = "status", .classes = {{"with", 0, 0, "有集体收入", {{51, 51, 51}, {255, 255, 255}, 0.12, 1.0, "circle"}}, {"without", 0, 0, "无 \"收入\"", {{230, 85, 13}, {255, 255, 255}, 0.12, 1.0, "circle"}}, {"", 0, 0, "其他", {{153, 153, 153}, {255, 255, 255}, 0.12, 1.0, "circle"}}}, .opacity = 0.8, .maxScaleDenominator = 60000};
    const std::string qml = toQml(s), sld = toSld(s);
    CHECK(wellFormed(qml, "categorized.qml"));
    CHECK(wellFormed(sld, "categorized.sld"));
    CHECK_THAT(qml, ContainsSubstring("type=\"categorizedSymbol\" attr=\"status\"") &&
                        ContainsSubstring("symbol=\"1\" value=\"without\" label=\"无 &quot;收入&quot;\"") &&
                        ContainsSubstring("symbol=\"2\" value=\"\" label=\"其他\"") && ContainsSubstring("230,85,13,255") &&
                        ContainsSubstring("<layerOpacity>0.8</layerOpacity>") && ContainsSubstring("hasScaleBasedVisibilityFlag=\"1\" minScale=\"60000\""));
    CHECK_THAT(sld, ContainsSubstring("<ogc:Literal>without</ogc:Literal>") && ContainsSubstring("<se:ElseFilter/>") &&
                        ContainsSubstring("#e6550d") && ContainsSubstring("<se:MaxScaleDenominator>60000</se:MaxScaleDenominator>"));
}

TEST_CASE("graduated ranges: a value on an inner break falls in the upper class, as in Hongtu", "[qgis_styles]") {
    const auto ranges = qgisRanges({0, 25, 50, 100});
    REQUIRE(ranges.size() == 3);
    CHECK(ranges[0].first == 0);
    CHECK(ranges[0].second < 25);
    CHECK(std::nextafter(ranges[0].second, 100.0) == 25);  // nothing lies between the classes
    CHECK(ranges[1].first == 25);
    CHECK(ranges[2] == std::pair<double, double>{50, 100});  // the last class is closed
    CHECK(qgisRanges({5}).empty());

    QgisStyle s = countyStyle();
    s.renderer = QgisRenderer::Graduated;
    s.field = "share";
    s.classes = {{"", ranges[0].first, ranges[0].second, "0 – < 25%", {{255, 255, 204}, {140, 90, 50}, 0.35}},
                 {"", 50, 100, "50 – 100%", {{0, 69, 41}, {140, 90, 50}, 0.35, 1.5, "circle", true}}};
    const std::string qml = toQml(s), sld = toSld(s);
    CHECK(wellFormed(qml, "graduated.qml"));
    CHECK(wellFormed(sld, "graduated.sld"));
    // Limits are written exactly (17 digits), so QGIS reads back the same doubles.
    CHECK_THAT(qml, ContainsSubstring("type=\"graduatedSymbol\" attr=\"share\"") &&
                        ContainsSubstring("lower=\"0\" upper=\"24.999999999999996\" label=\"0 – &lt; 25%\"") &&
                        ContainsSubstring("class=\"LinePatternFill\""));
    CHECK_THAT(sld, ContainsSubstring("PropertyIsLessThanOrEqualTo") && ContainsSubstring("<ogc:Literal>24.999999999999996</ogc:Literal>"));
}

TEST_CASE("proportional markers carry their size expression", "[qgis_styles]") {
    QgisStyle s{.table = "townships", .kind = Geometry::Kind::Point, .sizeExpression = "max(0.8, 9 * sqrt(\"n\" / 12))"};
    CHECK(wellFormed(toQml(s), "proportional.qml"));
    CHECK_THAT(toQml(s), ContainsSubstring("<Option name=\"size\" type=\"Map\">") &&
                             ContainsSubstring("value=\"max(0.8, 9 * sqrt(&quot;n&quot; / 12))\""));
}

TEST_CASE("a graduated no-data class is a range QGIS fills: features with no value or outside the ranges", "[qgis_styles]") {
    QgisStyle s = countyStyle();
    s.renderer = QgisRenderer::Graduated;
    s.field = "share";
    s.classes = {{"", 0, 50, "0 – 50%", {{255, 255, 204}, {140, 90, 50}, 0.35}},
                 {"", 100, 100, "100%", {{0, 69, 41}, {140, 90, 50}, 0.35}}};
    // Without a no-data class the field is classified as it is.
    CHECK_THAT(toQml(s), ContainsSubstring("attr=\"share\""));
    QgisClass none{"", 0, 0, "无数据", {{217, 217, 217}, {140, 90, 50}, 0.35, 1.5, "circle", true}};
    none.noData = true;
    s.classes.push_back(none);
    const std::string qml = toQml(s), sld = toSld(s);
    CHECK(wellFormed(qml, "nodata.qml"));
    CHECK(wellFormed(sld, "nodata.sld"));
    // Every value in none of the ranges (NULL too) becomes kQgisNoData, the no-data range.
    CHECK_THAT(qml, ContainsSubstring("attr=\"with_variable(&apos;v&apos;, &quot;share&quot;, CASE WHEN (@v &gt;= 0 AND @v &lt;= 50) OR "
                                      "(@v &gt;= 100 AND @v &lt;= 100) THEN @v ELSE -1e+308 END)\"") &&
                        ContainsSubstring("lower=\"-1e+308\" upper=\"-1e+308\" label=\"无数据\""));
    CHECK_THAT(sld, ContainsSubstring("<se:Name>无数据</se:Name>\n     <se:ElseFilter/>"));
    // An expression (a field Hongtu derives) is wrapped in parentheses.
    s.field = "coalesce(\"a\", 0) * 2";
    CHECK_THAT(toQml(s), ContainsSubstring("with_variable(&apos;v&apos;, (coalesce(&quot;a&quot;, 0) * 2), CASE"));
}
