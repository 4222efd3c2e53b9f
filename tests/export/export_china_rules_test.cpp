// China's map rules on pages (issue 19): a national page draws the whole territory (Taiwan, Hong
// Kong, Macau), the South China Sea inset with the islands and the dashed line, and the notice;
// a provincial page (Shanxi) the notice but no inset; a prefecture page (Lüliang) neither. The
// national project is built by the national builder from a coarse fixture of the real packages
// (tests/data/national-page: province outlines as counties, 三沙's islands, Taiwan, Hong Kong,
// Macau, the dashed line).

#include <catch2/catch_test_macros.hpp>
#include <catch2/matchers/catch_matchers_string.hpp>

#include <gdal.h>

#include <QImage>
#include <QPainter>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <set>
#include <string>

#include "export/layout.hpp"
#include "export/page_context.hpp"
#include "export/page_painter.hpp"
#include "export/page_writer.hpp"
#include "export/preflight.hpp"
#include "export_support.hpp"
#include "generator/national_generator.hpp"
#include "hongtu/geo/crs.hpp"
#include "render/basemap.hpp"
#include "render/loaded_project.hpp"
#include "render/map_renderer.hpp"

using namespace hongtu;
using Catch::Matchers::ContainsSubstring;

namespace {

const exporting::ContextOptions kOptions{"2026-12-02", "2026-12-02", std::nullopt};

const render::LoadedProject& nationalProject() {
    static QTemporaryDir dir;
    static const render::LoadedProject project = [] {
        (void)test::demoProject();  // installs the Chinese translation, as the CLI does
        datagen::NationalOptions options;
        options.packagesDir = std::string(HONGTU_TEST_DATA) + "/national-page/packages";
        options.outFile = dir.filePath(QStringLiteral("national.gpkg")).toStdString();
        auto built = datagen::buildNational(options);
        REQUIRE(built);
        auto p = render::loadProject(options.outFile);
        REQUIRE(p);
        return std::move(p).value();
    }();
    return project;
}

exporting::PageLayout cityOverview(double dpi) {
    auto layout = exporting::builtinTemplate("city-overview");
    REQUIRE(layout);
    layout->dpi = dpi;
    return *layout;
}

bool hasText(const exporting::PageStats& stats, const std::string& text) {
    return std::any_of(stats.texts.begin(), stats.texts.end(),
                       [&](const exporting::DrawnText& t) { return t.source.toStdString().find(text) != std::string::npos; });
}

std::set<std::string> mapRuleFindings(const std::vector<exporting::Finding>& findings) {
    std::set<std::string> out;
    for (const auto& f : findings)
        if (f.check == "territory" || f.check == "south-china-sea" || f.check == "map-notice") out.insert(f.check);
    return out;
}

// A display-CRS point inside `path` (its bounding box's centre when inside, else a grid search).
QPointF pointInside(const QPainterPath& path) {
    const QRectF b = path.boundingRect();
    if (path.contains(b.center())) return b.center();
    for (int i = 1; i < 40; ++i)
        for (int j = 1; j < 40; ++j) {
            const QPointF p(b.left() + b.width() * i / 40, b.top() + b.height() * j / 40);
            if (path.contains(p)) return p;
        }
    FAIL("no point inside the path");
    return {};
}

// Whether the page pixel at `p` (or one of its eight neighbours) is not the page's white.
bool drawnAt(const QImage& page, QPointF p) {
    const int x0 = static_cast<int>(p.x()), y0 = static_cast<int>(p.y());
    for (int dy = -1; dy <= 1; ++dy)
        for (int dx = -1; dx <= 1; ++dx) {
            const int x = x0 + dx, y = y0 + dy;
            if (x >= 0 && y >= 0 && x < page.width() && y < page.height() && page.pixelColor(x, y) != QColor(Qt::white)) return true;
        }
    return false;
}

QPointF pagePixel(const exporting::PageLayout& layout, const exporting::PageItem& item, const render::MapSettings& s, QPointF map) {
    const double pxPerMm = layout.dpi / 25.4;
    return QPointF(item.rect.x * pxPerMm, item.rect.y * pxPerMm) + s.toPixel(geo::XY{map.x(), map.y()});
}

}  // namespace

TEST_CASE("a national page shows the whole territory, the South China Sea inset and the notice", "[export][china]") {
    const render::LoadedProject& project = nationalProject();
    const exporting::PageLayout layout = cityOverview(100);
    const exporting::PageContext context = exporting::makeContext(project, nullptr, kOptions);
    CHECK(context.unitName == "全国");
    CHECK(context.scope == exporting::MapScope::National);
    REQUIRE(context.southChinaSeaInset);

    // The main frame covers the mainland (its fit leaves 三沙's islands to the inset: not 4°N).
    auto toLonLat = geo::Transformer::create(context.map.displayCrs, "EPSG:4490");
    REQUIRE(toLonLat);
    const auto south = toLonLat->forward(geo::XY{context.map.extent.center().x, context.map.extent.minY});
    REQUIRE(south);
    CHECK(south->y > 15);
    CHECK(south->y < 19);

    // The renderer's own selection: Taiwan, Hong Kong and Macau are drawn in the frame.
    const auto frame = exporting::mainMapSettings(layout, context);
    REQUIRE(frame);
    const render::SceneLayer* admin = context.scene->find("admin_areas");
    REQUIRE(admin);
    const render::DrawnItems drawn = render::drawnItems(*admin, *frame);
    std::set<std::string> regions;
    for (const auto& cls : drawn.byClass)
        for (std::size_t i : cls) regions.insert(admin->text(i, "region"));
    CHECK(regions == std::set<std::string>{"台湾省", "香港特别行政区", "澳门特别行政区"});

    exporting::PageStats stats;
    const QImage page = exporting::renderPageImage(layout, context, &stats);
    // ... and by the picture: each region's polygon is not left blank on the page.
    const exporting::PageItem* map = layout.first(exporting::ItemKind::Map);
    REQUIRE(map);
    for (std::size_t i = 0; i < admin->itemCount(); ++i) {
        if (admin->text(i, "name").find("钓鱼岛") != std::string::npos) continue;  // a few hundred metres: below a pixel
        INFO(admin->text(i, "name"));
        CHECK(drawnAt(page, pagePixel(layout, *map, *frame, pointInside(admin->paths[i]))));
    }
    // Taiwan carries its label; the legend names the areas without division codes.
    bool taiwan = false;
    for (std::size_t k = 0; k < admin->labels.size(); ++k) taiwan = taiwan || admin->labelText(k) == QStringLiteral("台湾");
    CHECK(taiwan);
    CHECK(std::any_of(stats.legends.front().entries.begin(), stats.legends.front().entries.end(),
                      [](const auto& e) { return e.first == "admin_areas"; }));

    // The inset exists, draws the dashed line and holds the islands: pixels drawn at 三沙's vertices.
    const auto sea = exporting::southChinaSeaSettings(layout, context);
    REQUIRE(sea);
    const exporting::PageItem* seaItem = layout.first(exporting::ItemKind::SouthChinaSea);
    REQUIRE(seaItem);
    const render::SceneLayer* line = context.scene->find("sea_boundary");
    REQUIRE(line);
    CHECK(render::drawnItems(*line, *sea).count() == line->itemCount());
    const render::SceneLayer* counties = context.scene->find("counties");
    REQUIRE(counties);
    std::size_t islands = 0, islandsDrawn = 0;
    for (std::size_t i = 0; i < counties->itemCount(); ++i) {
        if (counties->text(i, "county_code") != "460300") continue;
        const QPainterPath& p = counties->paths[i];
        for (int k = 0; k < p.elementCount(); k += 97) {
            const QPointF at = pagePixel(layout, *seaItem, *sea, QPointF(p.elementAt(k).x, p.elementAt(k).y));
            const double pxPerMm = layout.dpi / 25.4;
            const QRectF insetRect(seaItem->rect.x * pxPerMm, seaItem->rect.y * pxPerMm, seaItem->rect.w * pxPerMm, seaItem->rect.h * pxPerMm);
            REQUIRE(insetRect.contains(at));
            ++islands;
            islandsDrawn += drawnAt(page, at) ? 1 : 0;
        }
    }
    CHECK(islands > 0);
    CHECK(islandsDrawn == islands);
    CHECK(hasText(stats, "南海诸岛"));

    // The notice is on the page and in the PDF's text; the page passes the preflight's map rules.
    CHECK(hasText(stats, exporting::kDefaultMapNotice));
    const auto findings = exporting::preflight(layout, context);
    CHECK(mapRuleFindings(findings).empty());
    for (const auto& f : findings) CHECK(f.check != "scale-bar");  // the Albers scale is true at the centre
    QTemporaryDir dir;
    const std::string pdf = dir.filePath(QStringLiteral("national.pdf")).toStdString();
    exporting::PageLayout small = cityOverview(60);
    REQUIRE(exporting::writePage(pdf, exporting::PageFormat::Pdf, small, context));
    QProcess text;
    text.start(QStringLiteral("pdftotext"), {QStringLiteral("-raw"), QStringLiteral("-enc"), QStringLiteral("UTF-8"),
                                             QString::fromStdString(pdf), QStringLiteral("-")});
    REQUIRE(text.waitForFinished(30000));
    const std::string pdfText = QString::fromUtf8(text.readAllStandardOutput()).remove(QLatin1Char('\n')).toStdString();
    CHECK_THAT(pdfText, ContainsSubstring(exporting::kDefaultMapNotice));
    CHECK_THAT(pdfText, ContainsSubstring("南海诸岛"));

    // A configured notice replaces the default.
    exporting::ContextOptions own = kOptions;
    own.mapNotice = "内部资料，示意图";
    exporting::PageStats ownStats = exporting::layoutPage(layout, exporting::makeContext(project, nullptr, own));
    CHECK(hasText(ownStats, "内部资料，示意图"));
    CHECK_FALSE(hasText(ownStats, exporting::kDefaultMapNotice));
}

TEST_CASE("a provincial page carries the notice without the inset, a prefecture page neither", "[export][china]") {
    const exporting::PageLayout layout = cityOverview(60);
    const auto provinces = exporting::provinceUnits(nationalProject().scene);
    const auto shanxi = exporting::findUnit(provinces, "山西省");
    REQUIRE(shanxi);
    CHECK(shanxi->code == "14");
    const exporting::PageContext province = exporting::makeContext(nationalProject(), &*shanxi, kOptions);
    CHECK(province.scope == exporting::MapScope::Provincial);
    CHECK_FALSE(province.southChinaSeaInset);
    const exporting::PageStats provincePage = exporting::layoutPage(layout, province);
    CHECK(hasText(provincePage, exporting::kDefaultMapNotice));
    CHECK_FALSE(hasText(provincePage, "南海诸岛"));
    CHECK(mapRuleFindings(exporting::preflight(layout, province)).empty());

    // Hainan's page needs the inset (三沙's islands are in the province).
    const auto hainan = exporting::findUnit(provinces, "海南省");
    REQUIRE(hainan);
    const exporting::PageContext island = exporting::makeContext(nationalProject(), &*hainan, kOptions);
    CHECK(island.scope == exporting::MapScope::Provincial);
    CHECK(island.southChinaSeaInset);
    CHECK(hasText(exporting::layoutPage(layout, island), "南海诸岛"));

    // 吕梁市: one prefecture-level city, no notice, no inset, and no finding about either.
    const exporting::PageContext city = exporting::makeContext(test::demoProject(), nullptr, kOptions);
    CHECK(city.scope == exporting::MapScope::Local);
    CHECK_FALSE(city.southChinaSeaInset);
    const exporting::PageStats cityPage = exporting::layoutPage(layout, city);
    CHECK_FALSE(hasText(cityPage, exporting::kDefaultMapNotice));
    CHECK_FALSE(hasText(cityPage, "南海诸岛"));
    CHECK(mapRuleFindings(exporting::preflight(layout, city)).empty());
}

TEST_CASE("the preflight names a national page without the inset, the notice or Taiwan", "[export][china][preflight]") {
    const render::LoadedProject& project = nationalProject();
    exporting::PageLayout layout = cityOverview(60);
    std::erase_if(layout.items, [](const exporting::PageItem& i) {
        return i.kind == exporting::ItemKind::SouthChinaSea || i.kind == exporting::ItemKind::MapNotice;
    });
    const exporting::PageContext context = exporting::makeContext(project, nullptr, kOptions);
    CHECK(mapRuleFindings(exporting::preflight(layout, context)) == std::set<std::string>{"south-china-sea", "map-notice"});

    // The areas without division codes switched off: a national map without Taiwan is a problem map.
    exporting::ContextOptions without = kOptions;
    without.visibleLayerIds = std::vector<std::string>{"counties", "sea_boundary"};
    const auto findings = exporting::preflight(cityOverview(60), exporting::makeContext(project, nullptr, without));
    CHECK(mapRuleFindings(findings) == std::set<std::string>{"territory"});
}

TEST_CASE("a page for publication draws the standard map given as a basemap under its frames", "[export][china]") {
    // A stand-in for the georeferenced standard map: magenta over the East China Sea (125–130°E,
    // 30–35°N), where the page has no polygon.
    QTemporaryDir dir;
    const std::string tif = dir.filePath(QStringLiteral("standard.tif")).toStdString();
    GDALAllRegister();
    GDALDatasetH ds = GDALCreate(GDALGetDriverByName("GTiff"), tif.c_str(), 50, 50, 3, GDT_Byte, nullptr);
    REQUIRE(ds);
    double transform[6] = {125, 0.1, 0, 35, 0, -0.1};
    REQUIRE(GDALSetGeoTransform(ds, transform) == CE_None);
    REQUIRE(GDALSetProjection(ds,
                              "GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563]],"
                              "PRIMEM[\"Greenwich\",0],UNIT[\"degree\",0.0174532925199433]]") == CE_None);
    for (int band = 1; band <= 3; ++band) {
        std::vector<unsigned char> values(50 * 50, band == 2 ? 0 : 255);
        REQUIRE(GDALRasterIO(GDALGetRasterBand(ds, band), GF_Write, 0, 0, 50, 50, values.data(), 50, 50, GDT_Byte, 0, 0) == CE_None);
    }
    GDALClose(ds);
    auto basemap = render::Basemap::open(tif);
    REQUIRE(basemap);
    render::LoadedProject project = nationalProject();
    project.scene.basemap = *basemap;
    const exporting::PageLayout layout = cityOverview(60);
    const exporting::PageContext context = exporting::makeContext(project, nullptr, kOptions);
    const QImage page = exporting::renderPageImage(layout, context);
    const auto frame = exporting::mainMapSettings(layout, context);
    REQUIRE(frame);
    auto toDisplay = geo::Transformer::create("EPSG:4490", context.map.displayCrs);
    REQUIRE(toDisplay);
    const auto at = toDisplay->forward(geo::XY{127.5, 32.5});
    REQUIRE(at);
    const QColor c = page.pixelColor(pagePixel(layout, *layout.first(exporting::ItemKind::Map), *frame, QPointF(at->x, at->y)).toPoint());
    CHECK(c.red() > 200);
    CHECK(c.green() < 60);
    CHECK(c.blue() > 200);
}
