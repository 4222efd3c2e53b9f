#include <algorithm>

#include <catch2/catch_test_macros.hpp>
#include <catch2/matchers/catch_matchers_string.hpp>

#include <QFile>
#include <QImage>
#include <QPainter>
#include <QProcess>
#include <QSvgRenderer>
#include <QTemporaryDir>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "export/layout.hpp"
#include "export/page_context.hpp"
#include "export/page_painter.hpp"
#include "export/page_writer.hpp"
#include "export/scale_bar.hpp"
#include "export_support.hpp"
#include "hongtu/geo/crs.hpp"
#include "hongtu/geo/names.hpp"
#include "image_compare.hpp"

using namespace hongtu;
using Catch::Matchers::ContainsSubstring;

namespace {

const exporting::ContextOptions kOptions{"2018-06-30", "2026-11-27", std::nullopt};

exporting::PageContext countyContext(const std::string& name) {
    const auto unit = test::demoCounty(name);
    return exporting::makeContext(test::demoProject(), &unit, kOptions);
}

// The county-briefing template at `dpi`.
exporting::PageLayout countyBriefing(double dpi) {
    auto layout = exporting::builtinTemplate("county-briefing");
    REQUIRE(layout);
    layout->dpi = dpi;
    return std::move(layout).value();
}

// A route drawn by hand: three stops between county centres, legs as a line layer.
exporting::PageContext routeContext() {
    const auto& project = test::demoProject();
    exporting::PageContext c = exporting::makeContext(project, nullptr, kOptions);
    const auto counties = exporting::countyUnits(project.scene);
    std::vector<QPointF> stops;
    for (const char* name : {"离石区", "临县", "兴县"}) {
        auto u = exporting::findUnit(counties, name);
        REQUIRE(u);
        stops.emplace_back(u->extent.center().x, u->extent.center().y);
    }
    render::SceneLayer legs;
    legs.id = "route_legs";
    legs.displayName = QStringLiteral("路线");
    legs.kind = geo::Geometry::Kind::LineString;
    legs.style.symbol = render::LineSymbol{QColor(0xd9, 0x48, 0x01), 1.2};
    QPainterPath path(stops.front());
    for (std::size_t i = 1; i < stops.size(); ++i) path.lineTo(stops[i]);
    legs.paths.push_back(path);
    legs.pathBounds.push_back(path.boundingRect());
    render::SceneLayer points;
    points.id = "route_stops";
    points.displayName = QStringLiteral("停靠点");
    points.kind = geo::Geometry::Kind::Point;
    points.style.symbol = render::MarkerSymbol{render::MarkerShape::Circle, 3.5, QColor(0xd9, 0x48, 0x01), QColor(Qt::white), 0.3};
    points.style.label.enabled = true;
    points.style.label.sizePt = 9;
    points.style.labelPriority = render::LabelPriority::Site;
    for (std::size_t i = 0; i < stops.size(); ++i) {
        points.points.push_back(stops[i]);
        points.addLabel(QString::number(i + 1), stops[i], i);
    }
    c.overlays = {legs, points};
    c.unitName = "吕梁市三县";
    c.timetable = {{"序号", "地点", "到达", "离开"},
                   {{"1", "离石区", "—", "08:00"}, {"2", "临县", "09:40", "11:10"}, {"3", "兴县", "13:05", "—"}}};
    return c;
}

QImage rasterise(const std::string& path, exporting::PageFormat format, const exporting::PageLayout& layout) {
    if (format == exporting::PageFormat::Png) return QImage(QString::fromStdString(path)).convertToFormat(QImage::Format_RGB32);
    if (format == exporting::PageFormat::Svg) {
        QSvgRenderer svg(QString::fromStdString(path));
        QImage image(exporting::pagePixelSize(layout), QImage::Format_RGB32);
        image.fill(Qt::white);
        QPainter p(&image);
        svg.render(&p, QRectF(QPointF(0, 0), QSizeF(image.size())));
        return image;
    }
    const QString out = QString::fromStdString(path + ".raster");
    QProcess::execute(QStringLiteral("pdftoppm"), {QStringLiteral("-r"), QString::number(layout.dpi), QStringLiteral("-png"),
                                                   QStringLiteral("-singlefile"), QString::fromStdString(path), out});
    return QImage(out + QStringLiteral(".png")).convertToFormat(QImage::Format_RGB32);
}

std::string run(const QString& program, const QStringList& args) {
    QProcess p;
    p.start(program, args);
    REQUIRE(p.waitForFinished(30000));
    return QString::fromUtf8(p.readAllStandardOutput()).toStdString();
}

}  // namespace

TEST_CASE("each template matches its reference image in PNG, PDF and SVG", "[export]") {
    QTemporaryDir dir;
    struct Case {
        std::string name;
        exporting::PageContext context;
    };
    std::vector<Case> cases{{"county-briefing", countyContext("兴县")},
                            {"city-overview", exporting::makeContext(test::demoProject(), nullptr, kOptions)},
                            {"route-sheet", routeContext()}};
    for (const auto& c : cases) {
        auto layout = exporting::builtinTemplate(c.name);
        REQUIRE(layout);
        layout->dpi = 40;  // small references
        const std::string reference = std::string(HONGTU_SOURCE_DIR) + "/tests/data/export/" + c.name + ".png";
        for (const auto format : {exporting::PageFormat::Png, exporting::PageFormat::Pdf, exporting::PageFormat::Svg}) {
            INFO(c.name << " as " << exporting::formatExtension(format));
            const std::string path = dir.filePath(QString::fromStdString(c.name + "." + exporting::formatExtension(format))).toStdString();
            auto written = exporting::writePage(path, format, *layout, c.context, {c.name, "test", "test"});
            REQUIRE(written);
            const QImage image = rasterise(path, format, *layout);
            REQUIRE(std::abs(image.width() - exporting::pagePixelSize(*layout).width()) <= 1);
            // Pages are compared with their own tolerance (image_compare.hpp): a channel may differ
            // by 64, not 24, because the page's text is hinted and antialiased by three rasterisers
            // (QImage, pdftoppm, QSvgRenderer); one pixel more or less is pdftoppm's rounding of the
            // page size. The same painter drives every format; PDF/SVG differ from PNG in
            // antialiasing and the text rasteriser only, so they may differ on 6% of the pixels.
            test::ImageTolerance tolerance{.channel = 64, .maxDifferingShare = 0.002, .sizeSlack = 1};
            if (format != exporting::PageFormat::Png) tolerance.maxDifferingShare = 0.06;
            const QString referencePath = QString::fromStdString(reference);
            const QString actualName = QString::fromStdString("export_" + c.name + "." + exporting::formatExtension(format));
            if (format == exporting::PageFormat::Png) test::checkAgainstReference(image, referencePath, tolerance);
            else test::checkSamePicture(image, referencePath, tolerance, actualName);  // the references are PNG pages
        }
    }
}

TEST_CASE("the scale bar measures within 1% of the geodesic distance and agrees with 1:N", "[export]") {
    const auto context = countyContext("兴县");
    auto paper = exporting::makePaper("custom", exporting::Orientation::Landscape, 200, 150);
    REQUIRE(paper);
    exporting::PageLayout layout;
    layout.paper = *paper;
    layout.dpi = 200;
    exporting::PageItem map;
    map.kind = exporting::ItemKind::Map;
    map.rect = {10, 10, 180, 130};
    exporting::PageItem bar;
    bar.kind = exporting::ItemKind::ScaleBar;
    bar.rect = {15, 110, 80, 14};
    bar.fontPt = 8;
    layout.items = {map, bar};
    exporting::PageStats stats;
    const QImage image = exporting::renderPageImage(layout, context, &stats);
    REQUIRE(stats.scaleBarKm > 0);
    const double lead = stats.scaleBarKm / std::pow(10.0, std::floor(std::log10(stats.scaleBarKm) + 1e-9));
    CHECK((std::abs(lead - 1) < 1e-9 || std::abs(lead - 2) < 1e-9 || std::abs(lead - 5) < 1e-9));

    // The longest run of dark pixels in the scale bar's box is the bar's outline.
    const double pxPerMm = layout.dpi / 25.4;
    int longest = 0;
    for (int y = static_cast<int>(110 * pxPerMm); y < static_cast<int>(124 * pxPerMm); ++y) {
        int run = 0;
        for (int x = static_cast<int>(15 * pxPerMm); x < static_cast<int>(95 * pxPerMm); ++x) {
            run = qGray(image.pixel(x, y)) < 80 ? run + 1 : 0;
            longest = std::max(longest, run);
        }
    }
    const double penPx = std::max(1.0, 0.15 * pxPerMm);
    const double barPx = longest - penPx;
    // That length on the ground at the frame centre, measured independently of the painter.
    render::MapSettings frame = context.map;
    frame.outputSize = QSize(static_cast<int>(std::lround(180 * pxPerMm)), static_cast<int>(std::lround(130 * pxPerMm)));
    frame.dpi = layout.dpi;
    const geo::XY c = frame.visibleExtent().center();
    const double halfMap = barPx * frame.mapUnitsPerPixel() / 2;
    auto toLonLat = geo::Transformer::create(frame.displayCrs, "EPSG:4490");
    REQUIRE(toLonLat);
    const auto a = toLonLat->forward(geo::XY{c.x - halfMap, c.y});
    const auto b = toLonLat->forward(geo::XY{c.x + halfMap, c.y});
    REQUIRE((a && b));
    const double ground = geo::geodesicDistance(*a, *b);
    INFO("bar " << barPx << " px = " << ground << " m on the ground; labelled " << stats.scaleBarKm << " km");
    CHECK(std::abs(ground - stats.scaleBarKm * 1000) / (stats.scaleBarKm * 1000) < 0.01);

    // The numeric scale comes from the same measurement and matches the map's grid scale
    // (the Gauss-Krüger scale factor near the central meridian is within 0.1% of 1).
    auto computed = exporting::computeScaleBar(frame, 80 * 0.8);
    REQUIRE(computed);
    CHECK(std::abs(computed->scaleDenominator - stats.scaleDenominator) / stats.scaleDenominator < 0.01);
    const std::string text = computed->scaleText();
    std::string digits;
    for (char ch : text.substr(2))
        if (ch != ' ') digits += ch;
    CHECK(std::abs(std::stod(digits) - computed->scaleDenominator) / computed->scaleDenominator < 0.005);
}

TEST_CASE("PNG pages have the exact pixel size and their DPI in the pHYs chunk", "[export]") {
    QTemporaryDir dir;
    auto layout = countyBriefing(72);
    const std::string path = dir.filePath(QStringLiteral("p.png")).toStdString();
    REQUIRE(exporting::writePage(path, exporting::PageFormat::Png, layout, countyContext("临县")));
    const QImage image(QString::fromStdString(path));
    CHECK(image.size() == QSize(595, 842));  // 210 x 297 mm at 72 dpi

    std::ifstream in(path, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto at = bytes.find("pHYs");
    REQUIRE(at != std::string::npos);
    const auto u32 = [&](std::size_t i) {
        return (static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << 24) |
               (static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 16) |
               (static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 2])) << 8) |
               static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 3]));
    };
    CHECK(u32(at - 4) == 9);     // chunk length
    CHECK(u32(at + 4) == 2835);  // 72 dpi = 2834.6 px/m, rounded
    CHECK(u32(at + 8) == 2835);
    CHECK(bytes[at + 12] == 1);  // unit: metre
}

TEST_CASE("PDF pages embed their fonts, carry UTF-8 metadata and selectable Chinese text", "[export]") {
    QTemporaryDir dir;
    auto layout = countyBriefing(150);
    const std::string path = dir.filePath(QStringLiteral("兴县.pdf")).toStdString();
    auto written = exporting::writePage(path, exporting::PageFormat::Pdf, layout, countyContext("兴县"),
                                        {"兴县村级组织建设简报", "吕梁市委组织部", "宏图 Hongtu"});
    REQUIRE(written);
    const std::string fonts = run(QStringLiteral("pdffonts"), {QString::fromStdString(path)});
    CHECK_THAT(fonts, ContainsSubstring("NotoSansCJK"));
    int rows = 0;
    std::istringstream lines(fonts);
    for (std::string line; std::getline(lines, line);) {
        if (line.find("CID") == std::string::npos && line.find("Type") == std::string::npos) continue;
        if (line.rfind("name", 0) == 0) continue;
        ++rows;
        CHECK_THAT(line, ContainsSubstring(" yes "));  // emb column
    }
    CHECK(rows >= 1);
    const std::string info = run(QStringLiteral("pdfinfo"), {QString::fromStdString(path)});
    CHECK_THAT(info, ContainsSubstring("Title:           兴县村级组织建设简报"));
    CHECK_THAT(info, ContainsSubstring("Creator:         宏图 Hongtu"));
    const std::string meta = run(QStringLiteral("pdfinfo"), {QStringLiteral("-meta"), QString::fromStdString(path)});
    CHECK_THAT(meta, ContainsSubstring("吕梁市委组织部"));
    // Qt 6.4 maps a few shared glyphs back to their Kangxi-radical code points (月 -> U+2F49);
    // NFKC folds those back, as search in PDF readers does.
    const std::string text = QString::fromStdString(run(QStringLiteral("pdftotext"), {QString::fromStdString(path), QStringLiteral("-")}))
                                 .normalized(QString::NormalizationForm_KC)
                                 .toStdString();
    CHECK_THAT(text, ContainsSubstring("兴县村级组织建设简报"));
    CHECK_THAT(text, ContainsSubstring("数据截至 2018年6月30日"));
    CHECK_THAT(text, ContainsSubstring("合成"));  // the synthetic notice
    CHECK_THAT(text, ContainsSubstring("Hongtu") && ContainsSubstring("2026-11-27"));
    // Geometry is simplified at the output resolution: vertices closer than half a device pixel go.
    CHECK(written->verticesAfter <= written->verticesBefore);
    layout.dpi = 30;
    auto coarse = exporting::writePage(path, exporting::PageFormat::Pdf, layout, countyContext("兴县"));
    REQUIRE(coarse);
    CHECK(coarse->verticesAfter < coarse->verticesBefore);
}

TEST_CASE("SVG pages keep their text as text", "[export]") {
    QTemporaryDir dir;
    auto layout = exporting::builtinTemplate("city-overview");
    REQUIRE(layout);
    layout->dpi = 50;
    const std::string path = dir.filePath(QStringLiteral("city.svg")).toStdString();
    REQUIRE(exporting::writePage(path, exporting::PageFormat::Svg, *layout, exporting::makeContext(test::demoProject(), nullptr, kOptions)));
    QFile f(QString::fromStdString(path));
    REQUIRE(f.open(QIODevice::ReadOnly));
    const std::string svg = f.readAll().toStdString();
    CHECK_THAT(svg, ContainsSubstring("<text"));
    CHECK_THAT(svg, ContainsSubstring("吕梁市村级组织建设总览"));
}

TEST_CASE("a character the font lacks fails the export and is named", "[export]") {
    QTemporaryDir dir;
    auto layout = countyBriefing(40);
    layout.items.front().text = "{unit}简报\u0F40\uE000";  // Tibetan KA and a private-use character
    const auto context = countyContext("兴县");
    const auto missing = exporting::checkGlyphs(layout, context);
    REQUIRE(missing.size() == 1);
    CHECK(missing.front().item == "items[0] (title)");
    CHECK(missing.front().chars == U"\u0F40\uE000");
    const std::string path = dir.filePath(QStringLiteral("x.png")).toStdString();
    auto written = exporting::writePage(path, exporting::PageFormat::Png, layout, context);
    REQUIRE_FALSE(written);
    CHECK_THAT(written.error().toString(), ContainsSubstring("items[0] (title)") && ContainsSubstring("U+0F40") &&
                                               ContainsSubstring("U+E000") && ContainsSubstring("Noto Sans CJK SC"));
    CHECK_FALSE(std::filesystem::exists(path));  // nothing half-written
}

TEST_CASE("a map label is checked for glyphs only where the frame would draw it", "[export]") {
    auto layout = countyBriefing(40);
    auto context = countyContext("兴县");
    render::Scene scene = *context.scene;
    context.scene = &scene;
    const auto layer = [&](const char* id) {
        auto it = std::find_if(scene.layers.begin(), scene.layers.end(), [&](const render::SceneLayer& l) { return l.id == id; });
        return it == scene.layers.end() ? nullptr : &*it;
    };
    render::SceneLayer* villages = layer("village_venue_projects");  // labelled with village names
    render::SceneLayer* counties = layer("county_base");             // the county page draws the counties muted, the unit white
    REQUIRE(villages);
    REQUIRE(counties);
    REQUIRE(villages->style.label.enabled);
    REQUIRE(context.map.isLayerVisible(villages->id));
    REQUIRE(context.map.isLayerVisible(counties->id));
    const double scale = exporting::frameScaleDenominator(layout, context);
    // A village name with a private-use character: village names show only when zoomed in
    // further than a county page, so the page does not need that glyph.
    REQUIRE(scale > villages->style.label.maxScaleDenominator);
    villages->setLabelText(0, QStringLiteral("村\uE000"));
    CHECK(exporting::checkGlyphs(layout, context).empty());
    // The same character in a county name the page draws is named.
    std::size_t xing = 0;
    while (xing < counties->labels.size() && counties->labelText(xing) != QStringLiteral("兴县")) ++xing;
    REQUIRE(xing < counties->labels.size());
    counties->setLabelText(xing, QStringLiteral("兴县\uE000"));
    const auto missing = exporting::checkGlyphs(layout, context);
    REQUIRE(missing.size() == 1);
    CHECK_THAT(missing.front().item, ContainsSubstring("(map)"));
    CHECK(missing.front().chars == U"\uE000");
}

TEST_CASE("a page of the whole project names the programme's city only for its own data", "[export]") {
    CHECK(exporting::wholeProjectName(test::demoProject().scene) == "吕梁市");
    const auto scene = [](std::vector<std::string> codes) {
        render::Scene s;
        render::SceneLayer counties;
        counties.id = "counties";
        counties.fields.push_back({"county_code", geo::FieldType::Text});
        for (const auto& code : codes) {
            counties.paths.emplace_back();
            counties.attributes.appendRow({geo::Value(code)});
        }
        s.layers.push_back(counties);
        return s;
    };
    CHECK(exporting::wholeProjectName(scene({"141123", "141124"})) == "吕梁市");
    CHECK(exporting::wholeProjectName(scene({"141123", "140105"})) == "项目范围");  // Lüliang and Taiyuan
    CHECK(exporting::wholeProjectName(scene({"141123", "110101"})) == "全国");
    CHECK(exporting::wholeProjectName(render::Scene{}) == "项目范围");
}

TEST_CASE("the synthetic notice appears only when a drawn layer is synthetic", "[export]") {
    const auto& project = test::demoProject();
    auto withVillages = exporting::makeContext(project, nullptr, kOptions);
    const auto names = exporting::syntheticLayerNames(withVillages);
    CHECK_FALSE(names.empty());
    exporting::ContextOptions realOnly = kOptions;
    realOnly.visibleLayerIds = std::vector<std::string>{"memorial_sites"};
    CHECK(exporting::syntheticLayerNames(exporting::makeContext(project, nullptr, realOnly)).empty());

    // A synthetic layer outside its scale range on the page is not drawn, so not named either.
    render::Scene scene = project.scene;
    exporting::ContextOptions townshipsOnly = kOptions;
    townshipsOnly.visibleLayerIds = std::vector<std::string>{"counties", "townships", "memorial_sites"};
    auto context = exporting::makeContext(project, nullptr, townshipsOnly);
    context.scene = &scene;
    const auto namesNow = [&] { return exporting::syntheticLayerNames(context); };
    const auto named = [&](const char* n) { const auto v = namesNow(); return std::find(v.begin(), v.end(), n) != v.end(); };
    REQUIRE(named("乡镇位置"));
    for (auto& l : scene.layers)
        if (l.id == "townships") l.style.maxScaleDenominator = 100'000;
    context.frameScaleDenominator = 1'000'000;
    CHECK_FALSE(named("乡镇位置"));
    CHECK(named("有集体经济收入的村委会占比（合成数据）"));  // the counties' synthetic theme is still drawn
    // ... on the page itself: the SVG's notice and legend leave the townships out.
    auto layout = exporting::builtinTemplate("city-overview");
    REQUIRE(layout);
    layout->dpi = 40;
    context.frameScaleDenominator = 0;  // the page painter sets it from the frame
    REQUIRE(exporting::frameScaleDenominator(*layout, context) > 100'000);
    QTemporaryDir dir;
    const std::string path = dir.filePath(QStringLiteral("p.svg")).toStdString();
    REQUIRE(exporting::writePage(path, exporting::PageFormat::Svg, *layout, context));
    QFile f(QString::fromStdString(path));
    REQUIRE(f.open(QIODevice::ReadOnly));
    const std::string svg = f.readAll().toStdString();
    CHECK(svg.find("乡镇位置") == std::string::npos);
    CHECK(svg.find("乡镇（示意位置）") == std::string::npos);
}

TEST_CASE("the synthetic notice names layers by their data flags, not by their titles", "[export]") {
    const auto& project = test::demoProject();
    render::Scene scene = project.scene;
    exporting::ContextOptions options = kOptions;
    options.visibleLayerIds = std::vector<std::string>{"counties", "townships", "memorial_sites"};
    auto context = exporting::makeContext(project, nullptr, options);
    context.scene = &scene;
    for (auto& l : scene.layers) {
        if (l.id == "counties") l.style.legendTitle = QStringLiteral("集体经济收入占比");                // renamed: no "合成" left
        if (l.id == "townships") l.displayName = QStringLiteral("乡镇驻地");                             // no "（示意位置）" left
        if (l.id == "memorial_sites") l.style.legendTitle = QStringLiteral("合成氨厂旧址（革命遗址）");  // real data
    }
    const auto names = exporting::syntheticLayerNames(context);
    const auto named = [&](const char* n) { return std::find(names.begin(), names.end(), n) != names.end(); };
    CHECK(named("集体经济收入占比"));  // the counties' theme is synthetic whatever its title says
    CHECK(named("乡镇位置"));          // the townships' positions are synthetic whatever their name says
    CHECK(names.size() == 2);          // the memorial sites are real data although their title says 合成
    CHECK_FALSE(named("合成氨厂旧址（革命遗址）"));
}

TEST_CASE("per-unit statistics and file names", "[export]") {
    const auto& project = test::demoProject();
    CHECK(exporting::countyUnits(project.scene).size() == 13);
    CHECK(exporting::townshipUnits(project.scene).size() == 154);
    const auto city = exporting::incomeStatistics(project.scene, nullptr);
    REQUIRE(city.rows.size() == 14);  // 13 counties + total
    CHECK(city.rows.back().front() == "合计");
    CHECK(city.rows.back()[1] == "2153");  // 村委会 in the demo data (layer_metadata says 2,153)
    CHECK(city.rows.back()[2] == "1959");

    CHECK(exporting::unitFileName("兴县", "141123", exporting::PageFormat::Pdf) == "兴县_141123.pdf");
    CHECK(exporting::unitFileName("a/b\\c:d*e?\"<>|\n", "1", exporting::PageFormat::Png) == "a_b_c_d_e_______1.png");
    CHECK(exporting::unitFileName("..", "", exporting::PageFormat::Svg) == "page.svg");
    CHECK(exporting::chineseDate("2018-06-30") == "2018年6月30日");
    auto unknown = exporting::findUnit(exporting::countyUnits(project.scene), "太原");
    REQUIRE_FALSE(unknown);
    CHECK_THAT(unknown.error().message, ContainsSubstring("no unit named or coded '太原'"));
}

TEST_CASE("a county or township is found by every spelling a join accepts", "[export]") {
    const auto& project = test::demoProject();
    const auto counties = exporting::countyUnits(project.scene);
    for (const char* key : {"兴县", "兴", "141123"}) {
        INFO(key);
        auto unit = exporting::findUnit(counties, key);
        REQUIRE(unit);
        CHECK(unit->code == "141123");
    }
    CHECK(exporting::findUnit(counties, "离石")->name == "离石区");
    CHECK_FALSE(exporting::findUnit(counties, "太原"));
    const auto townships = exporting::townshipUnits(project.scene);
    REQUIRE_FALSE(townships.empty());
    const exporting::Unit& first = townships.front();
    const std::string bare = geo::normalizeTownshipName(first.name);
    REQUIRE(bare != first.name);
    auto found = exporting::findUnit(townships, bare);
    REQUIRE(found);
    CHECK(found->code == first.code);
}

TEST_CASE("between 00:00 and 08:00 Beijing time the map opens on the day the page prints", "[export][clock]") {
    // 2018-06-30 23:30 UTC is 07:30 on 2018-07-01 in Beijing: one clock gives both the map's
    // default day and the page's making date (the map used to open on the UTC day, 06-30).
    using namespace std::chrono;
    const geo::Clock clock = geo::Clock::fixed(sys_days{year{2018} / 6 / 30} + hours{23} + minutes{30});
    auto project = render::loadProject(HONGTU_DEMO_PROJECT, render::ProjectOptions{.displayCrs = {}, .progressDate = {}, .clock = clock});
    REQUIRE(project);
    CHECK(project->progressDate.iso() == "2018-07-01");
    exporting::ContextOptions options;
    options.clock = clock;
    const exporting::PageContext page = exporting::makeContext(*project, nullptr, options);
    CHECK(page.today == "2018-07-01");
    CHECK(page.asOf == page.today);
    REQUIRE(page.map.asOf);
    CHECK(*page.map.asOf == project->progressDate);
}
