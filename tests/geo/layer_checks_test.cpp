#include <catch2/catch_test_macros.hpp>
#include <catch2/matchers/catch_matchers_string.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

#include "hongtu/geo/layer_checks.hpp"

using namespace hongtu::geo;
using Catch::Matchers::ContainsSubstring;

namespace {

std::string bad(const std::string& name) { return std::string(HONGTU_TEST_DATA) + "/bad/" + name; }

std::string all(const std::vector<Finding>& fs) {
    std::string s;
    for (const auto& f : fs) s += (f.problem ? "PROBLEM " : "note ") + f.message + "\n";
    return s;
}

Layer polygons(std::vector<Geometry> shapes) {
    Layer l;
    l.name = "counties";
    l.geometryKind = Geometry::Kind::Polygon;
    l.fields = {{"county_code", FieldType::Text}};
    std::int64_t id = 0;
    for (auto& g : shapes) l.features.push_back(Feature{++id, {std::string("14112") + std::to_string(id)}, std::move(g)});
    return l;
}

}  // namespace

TEST_CASE("layer_checks: a self-intersecting polygon is named with GEOS's reason and its feature id", "[layer_checks]") {
    const auto square = Geometry::polygon({{{111, 38}, {112, 38}, {112, 39}, {111, 39}, {111, 38}}});
    const auto bowtie = Geometry::polygon({{{111, 38}, {112, 39}, {112, 38}, {111, 39}, {111, 38}}});
    const auto fs = checkLayer(polygons({square, bowtie}), "EPSG:4490");
    REQUIRE(fs.size() == 1);
    CHECK(fs[0].problem);
    CHECK_THAT(fs[0].message, ContainsSubstring("1 polygon is invalid (Self-intersection"));
    CHECK_THAT(fs[0].message, ContainsSubstring("feature 2"));
    CHECK(checkLayer(polygons({square}), "EPSG:4490").empty());
}

TEST_CASE("layer_checks: NaN coordinates, empty geometries, another type and duplicate codes", "[layer_checks]") {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    auto l = polygons({Geometry::polygon({{{111, 38}, {112, 38}, {112, 39}, {111, 38}}}), Geometry{},
                       Geometry::polygon({{{nan, 38}, {112, 38}, {112, 39}, {nan, 38}}}), Geometry::point({111.5, 38.5})});
    l.features[3].values[0] = l.features[0].values[0];  // the same code twice
    l.fields.push_back({"name", FieldType::Text});
    for (auto& f : l.features) f.values.emplace_back(std::string("村"));
    l.features[1].values[1] = std::string("\xB4\xE5");  // GBK bytes under a UTF-8 .cpg
    const std::string text = all(checkLayer(l, "EPSG:4490"));
    CHECK_THAT(text, ContainsSubstring("PROBLEM 1 feature has coordinates that are not numbers (NaN or infinite)"));
    CHECK_THAT(text, ContainsSubstring("note 1 feature has no geometry"));
    CHECK_THAT(text, ContainsSubstring("holds 1 Point features"));
    CHECK_THAT(text, ContainsSubstring("of 'county_code' appears more than once (141121)"));
    CHECK_THAT(text, ContainsSubstring("PROBLEM 1 feature has text that is not UTF-8") && ContainsSubstring("feature 2"));
}

TEST_CASE("layer_checks: degrees under a Gauss-Krüger .prj are named", "[layer_checks]") {
    Layer l;
    l.name = "sites";
    l.geometryKind = Geometry::Kind::Point;
    l.features.push_back(Feature{1, {}, Geometry::point({111.1, 38.4})});
    CHECK_THAT(all(checkLayer(l, "EPSG:4546")), ContainsSubstring("look like longitude/latitude, but the file declares the projected"));
    CHECK(checkLayer(l, "EPSG:4490").empty());
}

TEST_CASE("layer_checks: every missing sidecar of a shapefile is named with what it costs", "[layer_checks]") {
    CHECK_THAT(all(checkShapefileSidecars(bad("shp_without_shx"))), ContainsSubstring("villages.shp: the .shx file"));
    CHECK_THAT(all(checkShapefileSidecars(bad("shp_without_dbf"))), ContainsSubstring("the .dbf file (the attribute table) is missing"));
    CHECK_THAT(all(checkShapefileSidecars(bad("shp_without_prj/villages.shp"))), ContainsSubstring("the .prj file is missing"));
    CHECK_THAT(all(checkShapefileSidecars(bad("gbk_without_cpg"))), ContainsSubstring("note villages.shp: no .cpg file"));
    CHECK(checkShapefileSidecars(bad("swapped_axes.geojson")).empty());
}

TEST_CASE("layer_checks: coordinates are printed with a precision that suits them", "[layer_checks]") {
    CHECK(coordinateText(111.123456789) == "111.123457");
    CHECK(coordinateText(37508735.325) == "37508735.33");
    CHECK(coordinateText(1e300) == "1e+300");
    CHECK(coordinateText(std::numeric_limits<double>::quiet_NaN()) == "nan");
}

TEST_CASE("layer_checks: every finding is also said in Chinese", "[layer_checks]") {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    auto l = polygons({Geometry::polygon({{{111, 38}, {112, 39}, {112, 38}, {111, 39}, {111, 38}}}), Geometry{},
                       Geometry::polygon({{{nan, 38}, {112, 38}, {112, 39}, {nan, 38}}}), Geometry::point({111.5, 38.5})});
    l.features[3].values[0] = l.features[0].values[0];
    auto fs = checkLayer(l, "EPSG:4490");
    for (auto& f : checkShapefileSidecars(bad("shp_without_dbf"))) fs.push_back(f);
    for (auto& f : checkShapefileSidecars(bad("gbk_without_cpg"))) fs.push_back(f);
    REQUIRE(fs.size() >= 6);
    for (const auto& f : fs) {
        INFO(f.message);
        CHECK_FALSE(f.messageZh.empty());
        CHECK(f.messageZh != f.message);
    }
}

namespace {
Table table(std::vector<std::vector<std::string>> rows) {
    Table t;
    t.file = "sites.csv";
    t.columns = {"名称", "经度", "纬度"};
    std::int64_t line = 1;
    for (auto& r : rows) {
        t.rows.push_back(std::move(r));
        t.rowNumbers.push_back(++line);
    }
    return t;
}
}  // namespace

TEST_CASE("layer_checks: a table's coordinate columns are diagnosed as a whole", "[layer_checks]") {
    SECTION("swapped columns: the fix names the columns") {
        const auto t = table({{"甲", "37.5", "111.2"}, {"乙", "37.6", "111.3"}, {"丙", "111.4", "37.7"}, {"丁", "abc", "37"}});
        const std::string text = all(checkTable(t, {"经度", "纬度"}));
        CHECK_THAT(text, ContainsSubstring("PROBLEM longitude and latitude are swapped in 2 of 3 rows"));
        CHECK_THAT(text, ContainsSubstring("choose '纬度' as the longitude column"));
        CHECK_THAT(text, ContainsSubstring("PROBLEM 1 row has coordinates that are not numbers in '经度'/'纬度': line 5"));
    }
    SECTION("Gauss-Krüger metres with the zone number") {
        const auto t = table({{"甲", "37512345.1", "4150000.2"}, {"乙", "37520000", "4160000"}});
        CHECK_THAT(all(checkTable(t, {"经度", "纬度"})), ContainsSubstring("zone number 37 in front of the easting (CGCS2000 3-degree zone, EPSG:4525)"));
    }
    SECTION("degrees in the right columns: nothing to say") {
        const auto t = table({{"甲", "111.2", "37.5"}, {"乙", "111.3", "37.6"}});
        CHECK(checkTable(t, {"经度", "纬度"}).empty());
        CHECK(checkTable(t).empty());
    }
    SECTION("no data rows") {
        CHECK_THAT(all(checkTable(table({}))), ContainsSubstring("PROBLEM the table has column names (row 1) but no data rows"));
    }
    SECTION("a .dbf whose shapefile has no .cpg") {
        Table t = table({{"甲", "1", "2"}});
        t.file = bad("gbk_without_cpg") + "/villages.dbf";
        CHECK_THAT(all(checkTable(t)), ContainsSubstring("note villages.shp: no .cpg file"));
    }
}
TEST_CASE("layer_checks: GEOS reasons in Chinese", "[layer_checks]") {
    auto l = polygons({Geometry::polygon({{{111, 38}, {112, 39}, {112, 38}, {111, 39}, {111, 38}}})});
    const auto fs = checkLayer(l, "EPSG:4490");
    REQUIRE(fs.size() == 1);
    CHECK_THAT(fs[0].messageZh, ContainsSubstring("1 个面要素无效（要素 1：自相交，位于 111.500000, 38.500000）"));
}

TEST_CASE("layer_checks: duplicate codes are listed in the order of their second appearance, at most five", "[layer_checks]") {
    // Codes: a b c b d a e c f f g g h h  -> repeated b (4th), a (6th), c (8th), f (10th), g (12th), h (14th).
    const std::vector<std::string> codes{"a", "b", "c", "b", "d", "a", "e", "c", "f", "f", "g", "g", "h", "h"};
    Layer l = polygons({});
    for (std::size_t i = 0; i < codes.size(); ++i)
        l.features.push_back(Feature{static_cast<std::int64_t>(i + 1), {codes[i]}, Geometry::polygon({{{111, 38}, {112, 38}, {112, 39}, {111, 38}}})});
    const std::string text = all(checkLayer(l, "EPSG:4490"));
    CHECK_THAT(text, ContainsSubstring("6 values of 'county_code' appear more than once (b, a, c, f, g, …)"));
}

TEST_CASE("layer_checks: fed feature by feature from the file, the checker says what checkLayer says of the layer read whole",
          "[layer_checks]") {
    for (const std::string name : {"invalid_rings.geojson", "mixed_types_duplicate_codes.geojson"}) {
        const std::string path = bad(name);
        INFO(path);
        auto source = DataSource::open(path);
        REQUIRE(source);
        const std::string layerName = source->layerNames().front();
        const auto layer = source->readLayer(layerName);
        const auto info = source->layerInfo(layerName);
        REQUIRE(layer);
        REQUIRE(info);
        LayerChecker checker(info->name, info->fields, info->geometryKind, info->crs);
        std::int64_t dropped = -1;
        REQUIRE(source->forEachFeature(layerName, [&](Feature& f) { checker.add(f); return true; }, &dropped));
        CHECK(dropped == layer->droppedGeometryParts);
        const std::string whole = all(checkLayer(*layer, layer->crs));
        CHECK(!whole.empty());
        CHECK(all(checker.finish(dropped)) == whole);
    }
}
