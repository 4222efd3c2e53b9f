#include <catch2/catch_test_macros.hpp>
#include <catch2/matchers/catch_matchers_string.hpp>

#include <unistd.h>

#include <filesystem>

#include "hongtu/geo/layer_styles.hpp"

using namespace hongtu::geo;

namespace {
std::string copyOfDemo(const char* name) {
    const auto dir = std::filesystem::temp_directory_path() / ("hongtu_styles_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto path = (dir / name).string();
    std::filesystem::copy_file(HONGTU_DEMO_PROJECT, path, std::filesystem::copy_options::overwrite_existing);
    return path;
}
}  // namespace

TEST_CASE("layer_styles: none stored, then written, replaced by id, other layers kept", "[layer_styles]") {
    const std::string path = copyOfDemo("styles.gpkg");
    {
        auto ds = DataSource::open(path);
        REQUIRE(ds);
        auto styles = readLayerStyles(*ds);
        REQUIRE(styles);
        CHECK(styles->empty());
    }
    REQUIRE(writeLayerStyles(path, {{"counties", R"({"opacity":0.5})", "2026-11-27T08:00:00Z"},
                                    {"villages", R"({"opacity":1})", "2026-11-27T08:00:00Z"}}));
    REQUIRE(writeLayerStyles(path, {{"counties", R"({"opacity":0.25})", "2026-11-28T08:00:00Z"}}));
    auto ds = DataSource::open(path);
    REQUIRE(ds);
    auto styles = readLayerStyles(*ds);
    REQUIRE(styles);
    REQUIRE(styles->size() == 2);
    CHECK((*styles)[0] == StoredLayerStyle{"counties", R"({"opacity":0.25})", "2026-11-28T08:00:00Z"});
    CHECK((*styles)[1].layerId == "villages");
    auto villages = ds->readLayer("villages");  // the rest of the project is still there
    REQUIRE(villages);
    CHECK(villages->features.size() > 1000);
}

TEST_CASE("layer_styles: a failed write changes nothing and names the file", "[layer_styles]") {
    const std::string path = copyOfDemo("styles_fail.gpkg");
    const auto before = std::filesystem::file_size(path);
    auto st = writeLayerStyles(path, {{"", "{}", "2026-11-27T08:00:00Z"}});
    REQUIRE_FALSE(st);
    CHECK_THAT(st.error().toString(), Catch::Matchers::ContainsSubstring("styles_fail.gpkg"));
    CHECK(std::filesystem::file_size(path) == before);
    auto missing = writeLayerStyles("/nonexistent/dir/p.gpkg", {{"counties", "{}", ""}});
    REQUIRE_FALSE(missing);
    CHECK_THAT(missing.error().toString(), Catch::Matchers::ContainsSubstring("/nonexistent/dir/p.gpkg"));
}
