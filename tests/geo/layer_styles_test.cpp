#include <catch2/catch_test_macros.hpp>
#include <catch2/matchers/catch_matchers_string.hpp>

#include <unistd.h>

#include <filesystem>
#include <optional>
#include <utility>

#include "hongtu/geo/layer_styles.hpp"
#include "hongtu/geo/project_store.hpp"

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

namespace {
// The layer_styles row of styleName `name`, and how many rows there are.
std::pair<std::optional<Feature>, std::size_t> qgisRow(const std::string& path, const std::string& name) {
    auto ds = DataSource::open(path);
    auto rows = ds ? ds->readLayer("layer_styles") : Result<Layer>(Error{"no project", path, {}, {}});
    if (!rows) return {std::nullopt, 0};
    const auto at = rows->fieldIndex("styleName");
    for (const auto& f : rows->features)
        if (toText(f.values[*at]) == name) return {f, rows->features.size()};
    return {std::nullopt, rows->features.size()};
}
}  // namespace

TEST_CASE("layer_styles: the QGIS form is written with the style, replaces Hongtu's row, keeps the user's own", "[layer_styles]") {
    const std::string path = copyOfDemo("styles_qgis.gpkg");
    const std::size_t before = qgisRow(path, "counties").second;  // the demo's own rows (generator)
    REQUIRE(before >= 1);
    QgisStyle counties{.table = "counties", .kind = Geometry::Kind::Polygon, .symbol = {{1, 2, 3}, {4, 5, 6}, 0.3}};
    QgisStyle derived{.table = "no_such_layer", .kind = Geometry::Kind::Polygon};  // not a table of the file
    REQUIRE(writeLayerStyles(path, {{"counties", R"({"opacity":0.5})", "2026-11-27T08:00:00Z"}}, {counties, derived}));
    {
        auto [row, count] = qgisRow(path, "counties");
        REQUIRE(row);
        CHECK(count == before);  // replaced, not added
        auto ds = DataSource::open(path);
        REQUIRE(ds);
        auto rows = ds->readLayer("layer_styles");
        REQUIRE(rows);
        const auto& f = *row;
        CHECK(toText(f.values[*rows->fieldIndex("f_table_name")]) == "counties");
        CHECK(toText(f.values[*rows->fieldIndex("update_time")]) == "2026-11-27T08:00:00Z");
        CHECK_THAT(toText(f.values[*rows->fieldIndex("styleQML")]), Catch::Matchers::ContainsSubstring("1,2,3,255"));
        CHECK_FALSE(qgisRow(path, "no_such_layer").first);
    }
    // A style the user saved in QGIS for the same table, under another name.
    Layer own = qgisLayerStyles({counties}, "2026-11-27T09:00:00Z");
    own.features[0].values[4] = std::string("my QGIS style");
    own.features[0].values[7] = std::int64_t{0};
    auto store = ProjectStore::open(path);
    REQUIRE(store);
    REQUIRE(store->write([&](ProjectWriter& w) -> Status { return w.appendRows(own); }));

    counties.symbol.fill = {7, 8, 9};
    REQUIRE(writeLayerStyles(path, {{"counties", R"({"opacity":0.4})", "2026-11-28T08:00:00Z"}}, {counties}));
    // A refused save changes neither table.
    REQUIRE_FALSE(writeLayerStyles(path, {{"", "{}", "2026-11-29T08:00:00Z"}}, {QgisStyle{.table = "villages"}}));
    auto [row, count] = qgisRow(path, "counties");
    REQUIRE(row);
    CHECK(count == before + 1);
    auto ds = DataSource::open(path);
    REQUIRE(ds);
    auto rows = ds->readLayer("layer_styles");
    REQUIRE(rows);
    CHECK(toText(row->values[*rows->fieldIndex("update_time")]) == "2026-11-28T08:00:00Z");
    CHECK_THAT(toText(row->values[*rows->fieldIndex("styleQML")]), Catch::Matchers::ContainsSubstring("7,8,9,255"));
    CHECK(qgisRow(path, "my QGIS style").first);
    auto styles = readLayerStyles(*ds);
    REQUIRE(styles);
    REQUIRE(styles->size() == 1);
    CHECK(styles->front().styleJson == R"({"opacity":0.4})");
}
