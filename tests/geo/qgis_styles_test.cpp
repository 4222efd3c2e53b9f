#include <catch2/catch_test_macros.hpp>
#include <catch2/matchers/catch_matchers_string.hpp>

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
}  // namespace

TEST_CASE("QML and SLD of a polygon layer with labels are well-formed and carry the colours", "[qgis_styles]") {
    SimpleStyle s{"counties", Geometry::Kind::Polygon, "246,239,220", "140,90,50", 0.35, 0, "circle", "name", 10, "58,36,18"};
    const std::string qml = toQml(s), sld = toSld(s);
    CHECK(wellFormed(qml, "counties.qml"));
    CHECK(wellFormed(sld, "counties.sld"));
    CHECK_THAT(qml, ContainsSubstring("class=\"SimpleFill\"") && ContainsSubstring("246,239,220,255") &&
                        ContainsSubstring("fieldName=\"name\"") && ContainsSubstring("labelsEnabled=\"1\""));
    CHECK_THAT(sld, ContainsSubstring("<se:PolygonSymbolizer>") && ContainsSubstring("#f6efdc") &&
                        ContainsSubstring("<ogc:PropertyName>name</ogc:PropertyName>"));
}

TEST_CASE("QML and SLD of a point layer name the marker; a field with markup is escaped", "[qgis_styles]") {
    SimpleStyle s{"villages", Geometry::Kind::Point, "77,77,77", "255,255,255", 0.12, 1.0, "square", "a<b&c", 7.5, "51,51,51"};
    CHECK(wellFormed(toQml(s), "villages.qml"));
    CHECK(wellFormed(toSld(s), "villages.sld"));
    CHECK_THAT(toQml(s), ContainsSubstring("class=\"SimpleMarker\"") && ContainsSubstring("v=\"square\""));
    const Layer rows = qgisLayerStyles({s}, "2018-04-01T00:00:00Z");
    REQUIRE(rows.features.size() == 1);
    CHECK(rows.name == "layer_styles");
    CHECK(toText(rows.at(0, "f_table_name")) == "villages");
    CHECK(toText(rows.at(0, "f_geometry_column")) == "geom");
    CHECK(toText(rows.at(0, "useAsDefault")) == "1");
}
