#include <catch2/catch_test_macros.hpp>
#include <catch2/matchers/catch_matchers_string.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "hongtu/geo/datasource.hpp"
#include "hongtu/geo/join.hpp"
#include "hongtu/geo/new_project.hpp"

using namespace hongtu::geo;
using Catch::Matchers::ContainsSubstring;
namespace fs = std::filesystem;

namespace {
std::string fixture(const std::string& name) { return std::string(HONGTU_LEDGER_FIXTURES) + "/" + name; }
std::string division() { return std::string(HONGTU_TEST_DATA) + "/ledger/division"; }

// A fresh directory per test case for the projects it writes.
fs::path scratch(const std::string& name) {
    const fs::path d = fs::path(HONGTU_BINARY_DIR) / "tests" / "new_project_scratch" / name;
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
}

NewProjectOptions yangquan() {
    NewProjectOptions o;
    o.countiesPath = fixture("boundary/阳泉县界.shp");
    o.createdAt = "2018-04-01T00:00:00Z";
    return o;
}
}  // namespace

TEST_CASE("A GBK shapefile without a .cpg is recognised as GBK from its bytes", "[new_project]") {
    std::string why;
    CHECK(detectShapefileEncoding(fixture("boundary/阳泉县界.shp"), &why) == "CP936");
    CHECK_THAT(why, ContainsSubstring("无 .cpg"));
    CHECK(detectShapefileEncoding(fixture("boundary"), nullptr) == "CP936");  // a folder with one shapefile
    CHECK(detectShapefileEncoding(std::string(HONGTU_TEST_DATA) + "/ledger/yangquan_counties.geojson").empty());
}

TEST_CASE("A new project from a GK-projected GBK shapefile and a village list detects fields, converts and checks locations",
          "[new_project]") {
    const auto dir = scratch("with_villages");
    auto o = yangquan();
    o.villagesPath = fixture("villages.xlsx");
    o.divisionDir = division();
    auto r = createProject((dir / "阳泉.gpkg").string(), o);
    REQUIRE(r);
    CHECK(r->codeField == "XZQDM");
    CHECK_THAT(r->codeWhy, ContainsSubstring("自动识别"));
    CHECK(r->nameField == "XZQMC");
    CHECK_THAT(r->encoding, ContainsSubstring("GBK"));
    CHECK(r->crs == "EPSG:4547");
    CHECK(r->counties == 5);
    CHECK(r->villages == 777);
    CHECK(r->townships == 43);  // the township names of the village list
    CHECK(r->villagesWithPosition == 6);
    REQUIRE(r->outside.size() == 1);  // the 盂县 village whose coordinates were typed from 平定县
    CHECK_THAT(r->outside[0], ContainsSubstring("盂县") && ContainsSubstring("平定县"));
    CHECK(r->cityCodes == std::vector<std::string>{"1403"});
    CHECK(r->title == "阳泉市");  // the city's name from the division list, never a constant
    CHECK_THAT(r->text(), ContainsSubstring("阳泉市") && !ContainsSubstring("吕梁"));

    auto ds = DataSource::open((dir / "阳泉.gpkg").string());
    REQUIRE(ds);
    auto units = loadAdminUnits(*ds);
    REQUIRE(units);
    REQUIRE(units->counties.size() == 5);
    CHECK(units->counties[3].name == "平定县");  // GBK decoded, sorted by code as written
    CHECK(units->counties[3].code == "140321");
    // Converted from Gauss-Krüger metres to CGCS2000 degrees.
    const Box b = units->countyShapes[3].bounds();
    CHECK(b.minX > 113.0);
    CHECK(b.maxX < 114.5);
    CHECK(b.minY > 37.0);
    CHECK(b.maxY < 38.5);
    std::size_t unknown = 0;
    for (const auto& v : units->villages) unknown += !v.lonLat;
    CHECK(unknown == 771);  // never invented
    // QGIS's own style table: the default style of each layer, as the viewer draws it.
    auto styles = ds->readLayer("layer_styles");
    REQUIRE(styles);
    REQUIRE(styles->features.size() == 3);
    CHECK(toText(styles->at(0, "f_table_name")) == "counties");
    CHECK_THAT(toText(styles->at(0, "styleQML")), ContainsSubstring("renderer-v2"));
    const auto meta = readProjectMetadata((dir / "阳泉.gpkg").string());
    CHECK(meta.at("title") == "阳泉市");
    CHECK(meta.at("area_name") == "阳泉市");
}

TEST_CASE("Without a village list the official division list gives townships and villages, positions unknown",
          "[new_project]") {
    const auto dir = scratch("division");
    auto o = yangquan();
    o.divisionDir = division();
    o.title = "阳泉市三基建设";
    auto r = createProject((dir / "p.gpkg").string(), o);
    REQUIRE(r);
    CHECK(r->villages == 777);
    CHECK(r->townships == 43);
    CHECK(r->villagesWithPosition == 0);
    CHECK(r->title == "阳泉市三基建设");
    CHECK_THAT(r->villagesSource, ContainsSubstring("villages.csv"));
    // Without the division list nor a title, the area is named from the counties.
    const auto dir2 = scratch("bare");
    auto bare = createProject((dir2 / "p.gpkg").string(), yangquan());
    REQUIRE(bare);
    CHECK(bare->areaName == "城区等5个县（市、区）");
    CHECK(bare->villages == 0);
    // A GeoJSON in degrees mixing Polygon and MultiPolygon (the echarts file the fixtures come from).
    const auto dir3 = scratch("geojson");
    auto g = yangquan();
    g.countiesPath = std::string(HONGTU_TEST_DATA) + "/ledger/yangquan_counties.geojson";
    g.divisionDir = division();
    auto fromGeojson = createProject((dir3 / "p.gpkg").string(), g);
    REQUIRE(fromGeojson);
    CHECK(fromGeojson->codeField == "code");
    CHECK(fromGeojson->nameField == "name");
    CHECK(fromGeojson->counties == 5);
    CHECK(fromGeojson->title == "阳泉市");
}

TEST_CASE("A boundary file without a code field is refused, naming the file, the layer and the fields", "[new_project]") {
    const auto dir = scratch("nocode");
    auto o = yangquan();
    o.countiesPath = fixture("boundary_nocode/阳泉县界.shp");
    auto r = createProject((dir / "p.gpkg").string(), o);
    REQUIRE_FALSE(r);
    CHECK_THAT(r.error().toString(), ContainsSubstring("阳泉县界.shp") && ContainsSubstring("XZQMC") &&
                                         ContainsSubstring("--code-field"));
    CHECK_FALSE(fs::exists(dir / "p.gpkg"));
    o.codeField = "NOPE";
    auto named = createProject((dir / "p.gpkg").string(), o);
    REQUIRE_FALSE(named);
    CHECK_THAT(named.error().message, ContainsSubstring("no field 'NOPE'"));
}

TEST_CASE("A village list of another province is refused, naming the file and the row; an existing project is never overwritten",
          "[new_project]") {
    const auto dir = scratch("wrong_province");
    auto o = yangquan();
    o.villagesPath = fixture("hebei_villages.csv");
    auto r = createProject((dir / "p.gpkg").string(), o);
    REQUIRE_FALSE(r);
    CHECK(r.error().row == 2);
    CHECK_THAT(r.error().toString(), ContainsSubstring("hebei_villages.csv") && ContainsSubstring("130102001001") &&
                                         ContainsSubstring("another area"));
    CHECK_FALSE(fs::exists(dir / "p.gpkg"));

    auto ok = createProject((dir / "p.gpkg").string(), yangquan());
    REQUIRE(ok);
    auto again = createProject((dir / "p.gpkg").string(), yangquan());
    REQUIRE_FALSE(again);
    CHECK_THAT(again.error().message, ContainsSubstring("never overwrites"));
}

TEST_CASE("A boundary file whose .prj says degrees over projected metres is refused with the reason", "[new_project]") {
    const auto dir = scratch("lying_prj");
    auto o = yangquan();
    o.countiesPath = fixture("boundary_lying/阳泉县界.shp");
    auto r = createProject((dir / "p.gpkg").string(), o);
    REQUIRE_FALSE(r);
    CHECK_THAT(r.error().toString(), ContainsSubstring("boundary_lying") && ContainsSubstring("longitude/latitude"));
    CHECK_FALSE(fs::exists(dir / "p.gpkg"));
}

TEST_CASE("Townships from the planner's own table; a township of another county is refused with its row", "[new_project]") {
    const auto dir = scratch("townships");
    {
        std::ofstream t(dir / "乡镇.csv", std::ios::binary);
        t << "乡镇代码,乡镇\n140321100,冠山镇\n140321106,娘子关镇\n";
    }
    auto o = yangquan();
    o.townshipsPath = (dir / "乡镇.csv").string();
    auto r = createProject((dir / "p.gpkg").string(), o);
    REQUIRE(r);
    CHECK(r->townships == 2);
    CHECK_THAT(r->townshipsSource, ContainsSubstring("乡镇.csv"));
    {
        std::ofstream t(dir / "bad.csv", std::ios::binary);
        t << "乡镇代码,乡镇\n140321100,冠山镇\n130102001,建北街道\n";
    }
    o.townshipsPath = (dir / "bad.csv").string();
    auto bad = createProject((dir / "q.gpkg").string(), o);
    REQUIRE_FALSE(bad);
    CHECK(bad.error().row == 3);
    CHECK_THAT(bad.error().toString(), ContainsSubstring("bad.csv") && ContainsSubstring("130102001"));
}

TEST_CASE("A village list without codes gets them from the division list by name and township; a name that fits none is refused",
          "[new_project]") {
    const auto dir = scratch("names_only");
    {
        std::ofstream t(dir / "村名单.csv", std::ios::binary);
        t << "县（市、区）,乡镇,村名\n平定县,冠山镇,杨家沟村委会\n平定县,冠山镇,杨家沟村委会\n";
    }
    auto o = yangquan();
    o.villagesPath = (dir / "村名单.csv").string();
    o.divisionDir = division();
    auto twice = createProject((dir / "p.gpkg").string(), o);
    REQUIRE_FALSE(twice);
    CHECK_THAT(twice.error().message, ContainsSubstring("140321100206") && ContainsSubstring("twice"));
    {
        // 杨家沟村 fits two units of 冠山镇 (a 村委会 and a 社区); never guessed.
        std::ofstream t(dir / "村名单.csv", std::ios::binary);
        t << "县（市、区）,乡镇,村名\n平定县,冠山镇,杨家沟村\n";
    }
    auto ambiguous = createProject((dir / "p.gpkg").string(), o);
    REQUIRE_FALSE(ambiguous);
    CHECK(ambiguous.error().row == 2);
    CHECK_THAT(ambiguous.error().message, ContainsSubstring("ambiguous"));
    {
        std::ofstream t(dir / "村名单.csv", std::ios::binary);
        t << "县（市、区）,乡镇,村名\n平定县,冠山镇,杨家沟村委会\n平定县,冠山镇,不存在村\n";
    }
    auto bad = createProject((dir / "p.gpkg").string(), o);
    REQUIRE_FALSE(bad);
    CHECK(bad.error().row == 3);
    CHECK_THAT(bad.error().toString(), ContainsSubstring("村名单.csv") && ContainsSubstring("不存在村"));
    {
        std::ofstream t(dir / "村名单.csv", std::ios::binary);
        t << "县（市、区）,乡镇,村名\n平定县,冠山镇,杨家沟村委会\n";
    }
    auto ok = createProject((dir / "p.gpkg").string(), o);
    REQUIRE(ok);
    CHECK(ok->villages == 1);
    CHECK_THAT(ok->text(), ContainsSubstring("按名称"));
}
