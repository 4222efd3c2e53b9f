// The page preflight: each check finds what it is for, and the built-in pages have no findings.
// Layouts fit their text: wrap (Chinese line breaking), shrink, more legend columns, then report.

#include <catch2/catch_test_macros.hpp>
#include <catch2/matchers/catch_matchers_string.hpp>

#include <QFontMetricsF>

#include <algorithm>
#include <variant>

#include "export/layout.hpp"
#include "export/page_context.hpp"
#include "export/page_fonts.hpp"
#include "export/page_painter.hpp"
#include "export/preflight.hpp"
#include "export_support.hpp"

using namespace hongtu;
using Catch::Matchers::ContainsSubstring;

namespace {

const exporting::ContextOptions kOptions{"2018-06-30", "2026-11-27", std::nullopt};

exporting::PageContext county(const std::string& name) {
    const auto& project = test::demoProject();
    auto unit = exporting::findUnit(exporting::countyUnits(project.scene), name);
    REQUIRE(unit);
    return exporting::makeContext(project, &*unit, kOptions);
}

exporting::PageLayout layoutOf(const std::string& name) {
    auto l = exporting::builtinTemplate(name);
    REQUIRE(l);
    return *l;
}

std::size_t count(const std::vector<exporting::Finding>& findings, const std::string& check) {
    return static_cast<std::size_t>(std::count_if(findings.begin(), findings.end(), [&](const auto& f) { return f.check == check; }));
}

std::string list(const std::vector<exporting::Finding>& findings) {
    std::string out;
    for (const auto& f : findings) out += exporting::describeFinding(f) + "\n";
    return out;
}

QFont pageFont(double px) {
    QFont f(exporting::pageFamily(QStringLiteral("Noto Sans CJK SC")));
    f.setPixelSize(static_cast<int>(px));
    f.setStyleStrategy(QFont::StyleStrategy(QFont::NoFontMerging | QFont::PreferNoShaping));
    return f;
}

}  // namespace

TEST_CASE("the built-in pages of the city and of every county pass the preflight on three days", "[export][preflight]") {
    const auto& project = test::demoProject();
    for (const char* day : {"2017-06-30", "2018-06-30", "2019-06-30"}) {
        const exporting::ContextOptions options{day, "2026-11-27", std::nullopt};
        for (const auto& name : exporting::builtinTemplateNames()) {
            const auto layout = layoutOf(name);
            INFO(name << " of the city as of " << day);
            const auto city = exporting::preflight(layout, exporting::makeContext(project, nullptr, options));
            INFO(list(city));
            CHECK(city.empty());
            for (const auto& unit : exporting::countyUnits(project.scene)) {
                INFO(name << " " << unit.name << " as of " << day);
                const auto findings = exporting::preflight(layout, exporting::makeContext(project, &unit, options));
                INFO(list(findings));
                CHECK(findings.empty());
            }
        }
    }
}

TEST_CASE("line breaking keeps closing marks off the start of a line and opening marks off its end", "[export][preflight]") {
    (void)test::demoProject();
    const QFont font = pageFont(40);
    const double em = QFontMetricsF(font).horizontalAdvance(QStringLiteral("国"));
    const QString heading = QStringLiteral("乡镇周转房（项目）（示意位置）：截至日期的建设状态（合成数据），截至2018-06-30。");
    for (int chars = 2; chars <= 30; ++chars) {
        INFO(chars << " characters a line");
        const auto lines = exporting::breakLines(heading, font, em * chars + 1);
        QString joined;
        for (std::size_t i = 0; i < lines.size(); ++i) {
            joined += lines[i];
            INFO("line " << i << ": " << lines[i].toStdString());
            if (i > 0) CHECK_FALSE(exporting::isClosingMark(lines[i].front()));
            if (i + 1 < lines.size()) CHECK_FALSE(exporting::isOpeningMark(lines[i].back()));
            // Wider than the line only by closing marks hanging at its end.
            QString core = lines[i];
            while (core.size() > 1 && exporting::isClosingMark(core.back())) core.chop(1);
            if (core.size() > 1) CHECK(exporting::lineWidth(core, font) <= em * chars + 1);
        }
        CHECK(joined == heading);  // nothing lost, nothing elided
    }
    // A new line where the text says so.
    CHECK(exporting::breakLines(QStringLiteral("第一行\n第二行"), font, 1000).size() == 2);
}

TEST_CASE("a text too long for its box wraps, then shrinks, then is reported", "[export][preflight]") {
    const auto context = county("兴县");
    auto layout = layoutOf("county-briefing");
    exporting::PageItem note;
    note.kind = exporting::ItemKind::Text;
    note.rect = {60, 80, 100, 30};  // on the map, clear of the inset
    note.fontPt = 12;
    layout.items.push_back(note);
    const std::size_t index = layout.items.size() - 1;
    const auto linesOf = [&](const exporting::PageStats& stats) {
        std::vector<exporting::DrawnText> out;
        for (const auto& t : stats.texts)
            if (t.item == index) out.push_back(t);
        return out;
    };
    // Wrapped at its size.
    layout.items.back().text = "{unit}的村级组织活动场所、社区活动场所和乡镇周转房建设项目按计划推进，截至{as_of}大部分已完工并通过验收。";
    auto stats = exporting::layoutPage(layout, context);
    auto lines = linesOf(stats);
    REQUIRE(lines.size() >= 2);
    CHECK(lines.front().pt == 12);
    INFO(list(exporting::checkPage(layout, context, stats)));
    CHECK(exporting::checkPage(layout, context, stats).empty());
    // Too many lines for the box at 12 pt: wrapped and shrunk.
    layout.items.back().rect.h = 12;
    stats = exporting::layoutPage(layout, context);
    lines = linesOf(stats);
    REQUIRE(lines.size() >= 2);
    CHECK(lines.front().pt < 12);
    CHECK(exporting::checkPage(layout, context, stats).empty());
    // Far too long: it cannot fit at the smallest size; the preflight says so, and the text is
    // still printed whole, never cut with "…".
    std::string text;
    for (int i = 0; i < 12; ++i) text += "村级组织建设与集体经济发展情况简报。";
    layout.items.back().text = text;
    const auto findings = exporting::preflight(layout, context);
    INFO(list(findings));
    CHECK(count(findings, "fit") == 1);
    CHECK(count(findings, "elided") == 0);
    CHECK(count(findings, "outside-item") > 0);
    CHECK_THAT(findings.front().item, ContainsSubstring("items[" + std::to_string(index) + "] (text)"));
}

TEST_CASE("a layer name too long for the legend wraps, the legend shrinks and flows into columns, then reports", "[export][preflight]") {
    auto context = county("兴县");
    render::Scene scene = *context.scene;
    context.scene = &scene;
    const auto layout = layoutOf("county-briefing");
    auto* housing = [&]() -> render::SceneLayer* {
        for (auto& l : scene.layers)
            if (l.id == "township_housing_projects") return &l;
        return nullptr;
    }();
    REQUIRE(housing);
    // Long: wrapped over several lines, the legend still fits (smaller or in more columns).
    housing->displayName = QStringLiteral("乡镇干部周转房建设项目（含新建、改建和扩建，按乡镇驻地示意定位）");
    auto stats = exporting::layoutPage(layout, context);
    REQUIRE(stats.legends.size() == 1);
    CHECK(stats.legends.front().left == 0);
    auto findings = exporting::checkPage(layout, context, stats);
    INFO(list(findings));
    CHECK(findings.empty());
    // Absurdly long: nothing fits at 7 pt in the most columns the box takes; the rows that are
    // left out are reported, and so are the classes the map draws but the legend cannot show.
    QString name;
    for (int i = 0; i < 40; ++i) name += QStringLiteral("乡镇干部周转房建设项目");
    housing->displayName = name;
    stats = exporting::layoutPage(layout, context);
    CHECK(stats.legends.front().left > 0);
    CHECK(stats.legends.front().pt == 7);
    CHECK(stats.legends.front().columns == 3);
    findings = exporting::checkPage(layout, context, stats);
    INFO(list(findings));
    CHECK(std::count_if(findings.begin(), findings.end(),
                        [](const auto& f) { return f.check == "fit" && f.item.find("(legend)") != std::string::npos; }) == 1);
    CHECK(count(findings, "legend") > 0);
}

TEST_CASE("each preflight check finds its fault", "[export][preflight]") {
    const auto context = county("兴县");
    const auto layout = layoutOf("county-briefing");
    const exporting::PageStats clean = exporting::layoutPage(layout, context);
    REQUIRE(exporting::checkPage(layout, context, clean).empty());
    const auto legendIndex = clean.legends.front().item;

    SECTION("a class drawn and not listed, a class listed and not drawn") {
        auto stats = clean;
        auto& entries = stats.legends.front().entries;
        const auto removed = entries.front();
        entries.erase(entries.begin());
        entries.emplace_back("township_housing_projects", QStringLiteral("未开工"));
        const auto findings = exporting::checkPage(layout, context, stats);
        INFO(list(findings));
        REQUIRE(count(findings, "legend") == 2);
        CHECK_THAT(list(findings), ContainsSubstring("the legend does not list it") && ContainsSubstring("which the map does not draw"));
        CHECK_THAT(list(findings), ContainsSubstring(removed.second.toStdString()));
    }
    SECTION("overlapping texts, a text leaving its item, crossing another, leaving the page") {
        auto stats = clean;
        exporting::DrawnText t = stats.texts.front();
        stats.texts.push_back(t);  // the same box twice
        const auto findings = exporting::checkPage(layout, context, stats);
        CHECK(count(findings, "overlap") >= 1);
        auto moved = clean;
        for (auto& d : moved.texts)
            if (d.item == legendIndex) {
                d.box.translate(-5 * layout.dpi / 25.4, 0);  // 5 mm to the left: off its own box, on the page
                break;
            }
        const auto more = exporting::checkPage(layout, context, moved);
        INFO(list(more));
        CHECK(count(more, "outside-item") == 1);
        auto off = clean;
        off.texts.front().box.translate(-5000, 0);
        CHECK(count(exporting::checkPage(layout, context, off), "off-page") == 1);
        auto crossing = clean;
        for (auto& d : crossing.texts)
            if (d.item == legendIndex) {
                const auto& table = layout.items[legendIndex + 1].rect;  // the table, right of the legend
                d.box.moveLeft(table.x * layout.dpi / 25.4 - d.box.width() / 2);
                break;
            }
        CHECK(count(exporting::checkPage(layout, context, crossing), "crosses-item") >= 1);
    }
    SECTION("an elided text and a forbidden line break") {
        auto stats = clean;
        for (auto& d : stats.texts)
            if (d.text.size() > 4) {
                d.text = d.text.left(3) + QChar(0x2026);
                break;
            }
        INFO(list(exporting::checkPage(layout, context, stats)));
        CHECK(count(exporting::checkPage(layout, context, stats), "elided") == 1);
        auto broken = clean;
        exporting::DrawnText first = broken.texts.front();
        first.source = QStringLiteral("截至日期（合成数据）");
        first.text = QStringLiteral("截至日期（合成数据");
        exporting::DrawnText second = first;
        second.text = QStringLiteral("）");
        second.line = 1;
        second.box.translate(0, second.box.height());
        broken.texts = {first, second};
        const auto findings = exporting::checkPage(layout, context, broken);
        INFO(list(findings));
        CHECK(count(findings, "line-break") == 1);
    }
    SECTION("a scale bar that disagrees with the frame") {
        auto stats = clean;
        stats.scaleText = "1:250 000";
        INFO(list(exporting::checkPage(layout, context, stats)));
        CHECK(count(exporting::checkPage(layout, context, stats), "scale-bar") >= 1);
        stats = clean;
        stats.scaleBarMm *= 1.1;
        CHECK(count(exporting::checkPage(layout, context, stats), "scale-bar") >= 1);
    }
    SECTION("a subtitle by township over a map coloured by county") {
        auto byCounty = context;
        byCounty.map.visibleLayerIds.push_back("county_progress");  // the city page's choropleth
        const auto findings = exporting::preflight(layout, byCounty);
        INFO(list(findings));
        REQUIRE(count(findings, "subtitle") == 1);
        CHECK_THAT(list(findings), ContainsSubstring("按乡镇统计 (by township)") && ContainsSubstring("by county"));
    }
    SECTION("a character the font lacks") {
        auto bad = layout;
        bad.items.front().text = "{unit}\uE000";
        const auto findings = exporting::preflight(bad, context);
        INFO(list(findings));
        REQUIRE(count(findings, "glyph") == 1);
        CHECK_THAT(list(findings), ContainsSubstring("U+E000"));
    }
}

TEST_CASE("a page that asks for a layer outside its scale range draws it, and overprinting points are reported", "[export][preflight]") {
    render::LoadedProject project = test::demoProject();  // a copy: its village style is changed below
    for (auto& l : project.scene.layers)
        if (l.id == "villages") {
            l.style.maxScaleDenominator = 50'000;                       // hidden at the city's scale
            std::get<render::MarkerSymbol>(l.style.symbol).sizeMm = 6;  // large dots: they cover each other
            for (auto& c : l.classes)
                if (auto* m = std::get_if<render::MarkerSymbol>(&c.symbol)) m->sizeMm = 6;
        }
    const exporting::PageLayout layout = layoutOf("city-overview");
    exporting::ContextOptions asked = kOptions;
    asked.visibleLayerIds = std::vector<std::string>{"counties", "villages"};
    const auto drawnVillages = [&](const exporting::PageContext& c) {
        std::size_t n = 0;
        for (const auto& [id, counts] : exporting::layoutPage(layout, c).drawnPerClass)
            if (id == "villages")
                for (auto k : counts) n += k;
        return n;
    };
    // Visible but outside its scale range: not drawn, nothing to report.
    const exporting::PageContext plain = exporting::makeContext(project, nullptr, asked);
    CHECK(drawnVillages(plain) == 0);
    CHECK(count(exporting::preflight(layout, plain), "overprint") == 0);
    // Asked for by name (layout "layers" / --layers): every village drawn, the overprint reported.
    asked.scaleRangeOverrideIds = {"villages"};
    const exporting::PageContext forced = exporting::makeContext(project, nullptr, asked);
    CHECK(drawnVillages(forced) == project.scene.find("villages")->points.size());
    const auto findings = exporting::preflight(layout, forced);
    REQUIRE(count(findings, "overprint") == 1);
    for (const auto& f : findings)
        if (f.check == "overprint") CHECK_THAT(f.message, ContainsSubstring("are drawn over another at 1:"));
}
