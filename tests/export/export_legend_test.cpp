// The printed legend lists exactly the symbol classes the map frame draws: for every built-in
// template, every county of the demo and three days, the classes the renderer reports drawing
// are the classes the legend prints, and the screen legend (the same model) agrees.

#include <catch2/catch_test_macros.hpp>

#include <QPainter>
#include <QPicture>
#include <catch2/matchers/catch_matchers_string.hpp>

#include <set>

#include "export/layout.hpp"
#include "export/page_context.hpp"
#include "export/page_painter.hpp"
#include "export/page_writer.hpp"
#include "export/preflight.hpp"
#include "export_support.hpp"
#include "render/legend_model.hpp"
#include "render/map_renderer.hpp"

using namespace hongtu;

namespace {

using Classes = std::set<std::pair<std::string, QString>>;

}  // namespace

TEST_CASE("every class the frame draws is in the printed legend, and only those", "[export][legend]") {
    const auto& project = test::demoProject();
    const auto counties = exporting::countyUnits(project.scene);
    REQUIRE(counties.size() == 13);
    std::size_t pages = 0;
    for (const char* day : {"2017-06-30", "2018-06-30", "2019-06-30"}) {
        const exporting::ContextOptions options{day, "2026-11-27", std::nullopt};
        for (const auto& name : exporting::builtinTemplateNames()) {
            auto layout = exporting::builtinTemplate(name);
            REQUIRE(layout);
            for (const auto& county : counties) {
                INFO(name << " " << county.name << " as of " << day);
                const auto context = exporting::makeContext(project, &county, options);
                // Painted for real (the renderer reports what it drew), into a picture: fast.
                QPicture picture;
                QPainter painter(&picture);
                const exporting::PageStats stats = exporting::paintPage(painter, *layout, context);
                painter.end();
                REQUIRE(stats.legends.size() == 1);
                const auto& printed = stats.legends.front();
                CHECK(printed.left == 0);
                const Classes inLegend(printed.entries.begin(), printed.entries.end());
                const Classes drawn = exporting::drawnClasses(context, stats);
                for (const auto& [id, label] : drawn) {
                    INFO("drawn, not in the legend: " << id << " " << label.toStdString());
                    CHECK(inLegend.count({id, label}) == 1);
                }
                for (const auto& [id, label] : inLegend) {
                    INFO("in the legend, not drawn: " << id << " " << label.toStdString());
                    CHECK(drawn.count({id, label}) == 1);
                }
                ++pages;
            }
        }
    }
    CHECK(pages == 117);
}

TEST_CASE("the legend of the 兴县 page as of 2018-06-30 explains the triangles it draws", "[export][legend]") {
    const auto context = test::xingContext();
    auto layout = exporting::builtinTemplate("county-briefing");
    REQUIRE(layout);
    const render::LegendModel model = exporting::pageLegend(*layout, context);
    const render::LegendLayer* housing = model.find("township_housing_projects");
    REQUIRE(housing);
    QStringList labels;
    for (const auto& e : housing->entries) labels << e.label;
    INFO(labels.join(QLatin1Char(' ')).toStdString());
    CHECK(labels.contains(QStringLiteral("在建")));
    CHECK(labels.contains(QStringLiteral("临期")));
    // The county under it, white with its red outline, the neighbours muted: explained too.
    const render::LegendLayer* base = model.find("county_base");
    REQUIRE(base);
    REQUIRE(base->entries.size() == 2);
    CHECK(base->entries[0].label == QStringLiteral("相邻县（市、区）"));
    CHECK(base->entries[1].label == QStringLiteral("兴县"));
    CHECK(base->entries[1].count == 1);
    // No project symbols in the neighbours: every housing project drawn is 兴县's.
    CHECK_FALSE(housing->partial());
    // The townships' completion as circles (the subtitle says 按乡镇统计), with reference sizes.
    const render::LegendLayer* townships = model.find("township_progress");
    REQUIRE(townships);
    CHECK(townships->count == 15);  // 兴县's townships with projects planned
    CHECK(townships->sizes.size() >= 2);
    CHECK(model.find("county_progress") == nullptr);
}

TEST_CASE("legend swatches keep their shape and the legend's text is at least 7 pt on paper", "[export][legend]") {
    const auto& project = test::demoProject();
    const auto xing = test::demoCounty("兴县");
    for (const char* name : {"county-briefing", "city-overview"}) {
        for (const double dpi : {300.0, 150.0}) {
            INFO(name << " at " << dpi << " dpi");
            const bool city = std::string(name) == "city-overview";
            const auto context = exporting::makeContext(project, city ? nullptr : &xing, {"2018-06-30", "2026-11-27", std::nullopt});
            auto layout = exporting::builtinTemplate(name);
            REQUIRE(layout);
            layout->dpi = dpi;
            exporting::PageStats stats;
            const QImage page = exporting::renderPageImage(*layout, context, &stats);
            REQUIRE(stats.legends.size() == 1);
            // Type size: the legend's rows and headings, on paper.
            CHECK(stats.legends.front().pt >= 7.0);
            int texts = 0;
            for (const auto& t : stats.texts)
                if (t.item == stats.legends.front().item) {
                    INFO(t.text.toStdString());
                    CHECK(t.pt >= 7.0);
                    ++texts;
                }
            CHECK(texts > 8);
            // Swatches: circles round, squares whole.
            std::vector<std::string> problems;
            const int measured = test::measureLegendSwatches(page, *layout, context, stats, problems);
            for (const auto& p : problems) UNSCOPED_INFO(p);
            CHECK(problems.empty());
            CHECK(measured >= 4);
        }
    }
}

TEST_CASE("the swatch measure finds a circle drawn as a pill", "[export][legend]") {
    // The measure of the test above, on a page with a pill drawn into its legend.
    const auto context = test::xingContext();
    auto layout = exporting::builtinTemplate("county-briefing");
    REQUIRE(layout);
    layout->dpi = 150;
    exporting::PageStats stats;
    QImage page = exporting::renderPageImage(*layout, context, &stats);
    std::vector<std::string> problems;
    REQUIRE(test::measureLegendSwatches(page, *layout, context, stats, problems) >= 4);
    REQUIRE(problems.empty());
    const exporting::PageItem* legend = layout->first(exporting::ItemKind::Legend);
    const double px = 150 / 25.4;
    const QPointF corner((legend->rect.x + legend->rect.w - 12) * px, (legend->rect.y + legend->rect.h - 8) * px);
    {
        QPainter painter(&page);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        painter.setBrush(QColor(0x74, 0xc4, 0x76));  // 已完工's green: a circle stretched into a pill
        painter.drawRoundedRect(QRectF(corner, QSizeF(6 * px, 3 * px)), 1.5 * px, 1.5 * px);
    }
    problems.clear();
    test::measureLegendSwatches(page, *layout, context, stats, problems);
    REQUIRE(problems.size() == 1);
    CHECK_THAT(problems.front(), Catch::Matchers::ContainsSubstring("circle #74c476"));
}
