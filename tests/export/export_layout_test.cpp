#include <catch2/catch_test_macros.hpp>
#include <catch2/matchers/catch_matchers_string.hpp>

#include <QTemporaryDir>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "export/layout.hpp"
#include "export/layout_store.hpp"
#include "hongtu/geo/datasource.hpp"
#include "test_support.hpp"

using namespace hongtu;
using Catch::Matchers::ContainsSubstring;

TEST_CASE("every built-in template survives a JSON round trip and stays on its paper", "[export]") {
    for (const auto& name : exporting::builtinTemplateNames()) {
        INFO(name);
        auto layout = exporting::builtinTemplate(name);
        REQUIRE(layout);
        auto back = exporting::layoutFromJson(exporting::layoutToJson(*layout));
        REQUIRE(back);
        CHECK(*back == *layout);
        REQUIRE(layout->first(exporting::ItemKind::Map));
        for (const auto& item : layout->items) {
            INFO(exporting::itemKindName(item.kind));
            CHECK(item.rect.x >= 0);
            CHECK(item.rect.y >= 0);
            CHECK(item.rect.x + item.rect.w <= layout->paper.widthMm + 1e-9);
            CHECK(item.rect.y + item.rect.h <= layout->paper.heightMm + 1e-9);
        }
    }
    CHECK(exporting::builtinTemplate("county-briefing")->paper.widthMm == 210);
    CHECK(exporting::builtinTemplate("city-overview")->paper.widthMm == 420);
    const auto a3 = exporting::makePaper("A3", exporting::Orientation::Portrait);
    REQUIRE(a3);
    auto placed = exporting::builtinTemplate("county-briefing", *a3);
    REQUIRE(placed);
    CHECK(placed->paper.heightMm == 420);
    CHECK(placed->first(exporting::ItemKind::Map)->rect.w > 250);  // placed for the larger paper
}

TEST_CASE("a bad layout JSON names the bad key", "[export]") {
    auto good = exporting::builtinTemplate("county-briefing");
    REQUIRE(good);
    std::string json = exporting::layoutToJson(*good);

    SECTION("a misspelt item kind") {
        const auto at = json.find("\"legend\"");
        REQUIRE(at != std::string::npos);
        json.replace(at, 8, "\"lgend\"");
        auto bad = exporting::layoutFromJson(json, "brief.json");
        REQUIRE_FALSE(bad);
        int index = 0;
        for (std::size_t i = 0; i < good->items.size(); ++i)
            if (good->items[i].kind == exporting::ItemKind::Legend) {
                index = static_cast<int>(i);
                break;
            }
        CHECK_THAT(bad.error().toString(),
                   ContainsSubstring("brief.json") && ContainsSubstring("items[" + std::to_string(index) + "].kind: unknown item kind 'lgend'"));
    }
    SECTION("an unknown key") {
        auto bad = exporting::layoutFromJson(R"({"paper": {"size": "A4", "colour": "red"}, "items": []})");
        REQUIRE_FALSE(bad);
        CHECK_THAT(bad.error().message, ContainsSubstring("paper.colour: unknown key"));
    }
    SECTION("a value of the wrong type or range") {
        auto bad = exporting::layoutFromJson(R"({"paper": {"size": "A4"}, "dpi": 5000, "items": []})");
        REQUIRE_FALSE(bad);
        CHECK_THAT(bad.error().message, ContainsSubstring("dpi: must be between 30 and 1200"));
        auto rect = exporting::layoutFromJson(R"({"paper": {"size": "A4"}, "items": [{"kind": "map", "rect_mm": [0, 0, 10]}]})");
        REQUIRE_FALSE(rect);
        CHECK_THAT(rect.error().message, ContainsSubstring("items[0].rect_mm: must be [x, y, width, height]"));
    }
    SECTION("a missing paper and broken JSON") {
        auto missing = exporting::layoutFromJson(R"({"items": []})");
        REQUIRE_FALSE(missing);
        CHECK_THAT(missing.error().message, ContainsSubstring("paper: is missing"));
        auto broken = exporting::layoutFromJson("{\"paper\": ");
        REQUIRE_FALSE(broken);
        CHECK_THAT(broken.error().message, ContainsSubstring("not valid JSON"));
    }
    SECTION("an unknown paper size") {
        auto bad = exporting::layoutFromJson(R"({"paper": {"size": "B5"}, "items": []})");
        REQUIRE_FALSE(bad);
        CHECK_THAT(bad.error().message, ContainsSubstring("paper.size: unknown paper size 'B5'"));
    }
}

TEST_CASE("layouts are saved in the project and found by name before the built-in ones", "[export]") {
    QTemporaryDir dir;
    const std::string path = dir.filePath(QStringLiteral("p.gpkg")).toStdString();
    std::filesystem::copy_file(test::miniProjectPath(), path);
    auto none = exporting::loadStoredLayouts(path);
    REQUIRE(none);
    CHECK(none->empty());

    auto layout = exporting::builtinTemplate("county-briefing");
    REQUIRE(layout);
    layout->dpi = 150;
    layout->items.front().text = "我的简报 {unit}";
    REQUIRE(exporting::saveLayout(path, *layout));
    layout->name = "second";
    REQUIRE(exporting::saveLayout(path, *layout));

    auto stored = exporting::loadStoredLayouts(path);
    REQUIRE(stored);
    REQUIRE(stored->size() == 2);
    auto found = exporting::resolveLayout(path, "county-briefing");
    REQUIRE(found);
    CHECK(found->dpi == 150);  // the project's version wins over the built-in template
    CHECK(found->items.front().text == "我的简报 {unit}");
    // The project's map layers are untouched.
    auto source = geo::DataSource::open(path);
    REQUIRE(source);
    CHECK(source->readLayer("counties")->features.size() == 2);

    auto unknown = exporting::resolveLayout(path, "county-brief");
    REQUIRE_FALSE(unknown);
    CHECK_THAT(unknown.error().message, ContainsSubstring("unknown layout 'county-brief'"));
}

TEST_CASE("a layout beyond the pixel budget is refused before anything is drawn", "[export]") {
    // Was: a 5000 mm page at 1200 dpi, or an item 100 000 mm wide, made the renderer write into a null image.
    auto huge = exporting::layoutFromJson(
        R"({"paper": {"size": "custom", "width_mm": 5000, "height_mm": 5000}, "dpi": 1200, "items": []})", "big.json");
    REQUIRE_FALSE(huge);
    CHECK_THAT(huge.error().toString(), ContainsSubstring("big.json") && ContainsSubstring("dpi: a 5000 x 5000 mm page at 1200 dpi") &&
                                            ContainsSubstring("40000 pixels a side"));
    auto item = exporting::layoutFromJson(R"({"paper": {"size": "A4"}, "items": [{"kind": "map", "rect_mm": [0, 0, 100000, 100000]}]})");
    REQUIRE_FALSE(item);
    CHECK_THAT(item.error().message, ContainsSubstring("items[0].rect_mm"));
    // A3 at 1200 dpi (19843 x 14031 px, 278 MP) is fine; a smaller budget refuses it.
    auto a3 = exporting::builtinTemplate("city-overview");
    REQUIRE(a3);
    a3->dpi = 1200;
    CHECK(exporting::checkPixelBudget(*a3, {}));
    CHECK_FALSE(exporting::checkPixelBudget(*a3, {.maxSide = 10000, .maxMegapixels = 600}));
    CHECK_FALSE(exporting::checkPixelBudget(*a3, {.maxSide = 40000, .maxMegapixels = 100}));
    exporting::LayoutChanges more;
    more.dpi = 1200;
    CHECK(exporting::applyChanges(*a3, more));
}

TEST_CASE("a layout's \"layers\" survive the JSON round trip; a bad entry is named", "[export]") {
    auto layout = exporting::builtinTemplate("city-overview");
    REQUIRE(layout);
    layout->layers = {"counties", "villages"};
    auto back = exporting::layoutFromJson(exporting::layoutToJson(*layout));
    REQUIRE(back);
    CHECK(back->layers == layout->layers);
    auto json = nlohmann::json::parse(exporting::layoutToJson(*layout));
    json["layers"] = {"counties", 3};
    auto bad = exporting::layoutFromJson(json.dump());
    REQUIRE_FALSE(bad);
    CHECK(bad.error().message.find("layers[1]") != std::string::npos);
}
