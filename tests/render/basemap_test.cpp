// Basemaps through GDAL: a GeoTIFF and an MBTiles file built here with GDAL (offline), drawn
// beneath the layers by renderMap in each display CRS.
#include <catch2/catch_test_macros.hpp>
#include <catch2/matchers/catch_matchers_string.hpp>

#include <cpl_conv.h>
#include <gdal.h>
#include <gdal_utils.h>
#include <ogr_srs_api.h>

#include <unistd.h>

#include <filesystem>

#include "hongtu/geo/crs.hpp"
#include "render/basemap.hpp"
#include "render/loaded_project.hpp"
#include "render/map_renderer.hpp"
#include "test_support.hpp"

using namespace hongtu;
using Catch::Matchers::ContainsSubstring;
using test::pixelIs;

namespace {

std::filesystem::path workDir() {
    const auto dir = std::filesystem::temp_directory_path() / ("hongtu_basemap_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    return dir;
}

// 111.0–111.6°E, 37.3–37.7°N (the mini project): west half red, east half blue (RGB GeoTIFF).
std::string makeGeoTiff() {
    GDALAllRegister();
    const std::string path = (workDir() / "halves.tif").string();
    GDALDatasetH ds = GDALCreate(GDALGetDriverByName("GTiff"), path.c_str(), 120, 80, 3, GDT_Byte, nullptr);
    REQUIRE(ds);
    double gt[6] = {111.0, 0.005, 0, 37.7, 0, -0.005};
    GDALSetGeoTransform(ds, gt);
    OGRSpatialReferenceH srs = OSRNewSpatialReference(nullptr);
    OSRImportFromEPSG(srs, 4490);
    char* wkt = nullptr;
    OSRExportToWkt(srs, &wkt);
    GDALSetProjection(ds, wkt);
    CPLFree(wkt);
    OSRDestroySpatialReference(srs);
    std::vector<std::uint8_t> band(120 * 80);
    const std::uint8_t colours[2][3] = {{220, 30, 30}, {30, 30, 220}};
    for (int b = 0; b < 3; ++b) {
        for (int y = 0; y < 80; ++y)
            for (int x = 0; x < 120; ++x) band[static_cast<std::size_t>(y * 120 + x)] = colours[x < 60 ? 0 : 1][b];
        REQUIRE(GDALRasterIO(GDALGetRasterBand(ds, b + 1), GF_Write, 0, 0, 120, 80, band.data(), 120, 80, GDT_Byte, 0, 0) == CE_None);
    }
    GDALClose(ds);
    return path;
}

render::MapSettings viewOf(const render::Scene& scene) {
    render::MapSettings s;
    s.displayCrs = scene.displayCrs;
    s.outputSize = {300, 200};
    s.visibleLayerIds = {};  // only the basemap
    return s.fittedTo(scene.extent(), 0.0);
}

}  // namespace

TEST_CASE("basemap: a GeoTIFF is warped under the map in every display CRS", "[basemap]") {
    auto basemap = render::Basemap::open(makeGeoTiff());
    REQUIRE(basemap);
    CHECK((*basemap)->displayName() == QStringLiteral("halves.tif"));
    for (const char* crs : {"", "EPSG:3857", "EPSG:4490"}) {
        INFO("display CRS " << crs);
        auto project = render::loadProject(test::miniProjectPath(), {crs});
        REQUIRE(project);
        project->scene.basemap = *basemap;
        const render::MapSettings view = viewOf(project->scene);
        const QImage image = render::renderToImage(project->scene, view);
        auto toDisplay = geo::Transformer::create("EPSG:4490", project->scene.displayCrs);
        REQUIRE(toDisplay);
        CHECK(pixelIs(image, view.toPixel(*toDisplay->forward({111.1, 37.5})), QColor(220, 30, 30), 12));
        CHECK(pixelIs(image, view.toPixel(*toDisplay->forward({111.5, 37.5})), QColor(30, 30, 220), 12));
        // The same view again comes from the cache: the identical picture.
        CHECK((*basemap)->imageFor(view) == (*basemap)->imageFor(view));
    }
}

TEST_CASE("basemap: layers are drawn over it, and outside its extent it is transparent", "[basemap]") {
    auto basemap = render::Basemap::open(makeGeoTiff());
    REQUIRE(basemap);
    auto project = render::loadProject(test::miniProjectPath());
    REQUIRE(project);
    project->scene.basemap = *basemap;
    render::MapSettings view = viewOf(project->scene);
    view.visibleLayerIds = project->scene.initiallyVisibleLayerIds();
    view = view.zoomedBy(0.5, QPointF(150, 100));  // the basemap covers the middle only
    const QImage image = render::renderToImage(project->scene, view);
    auto toDisplay = geo::Transformer::create("EPSG:4490", project->scene.displayCrs);
    const QColor county = std::get<render::FillSymbol>(project->scene.find("counties")->style.symbol).fill;
    CHECK(pixelIs(image, view.toPixel(*toDisplay->forward({111.05, 37.45})), county));  // the county covers it
    CHECK(pixelIs(image, QPointF(2, 2), view.background));                              // beyond the raster
}

TEST_CASE("basemap: an MBTiles file made by GDAL from the GeoTIFF", "[basemap]") {
    const std::string tif = makeGeoTiff();
    const std::string mbtiles = (workDir() / "halves.mbtiles").string();
    std::filesystem::remove(mbtiles);
    GDALDatasetH src = GDALOpen(tif.c_str(), GA_ReadOnly);
    REQUIRE(src);
    std::vector<std::string> args{"-of", "MBTILES", "-co", "TILE_FORMAT=PNG", "-q"};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    GDALTranslateOptions* options = GDALTranslateOptionsNew(argv.data(), nullptr);
    GDALDatasetH out = GDALTranslate(mbtiles.c_str(), src, options, nullptr);
    GDALTranslateOptionsFree(options);
    GDALClose(src);
    REQUIRE(out);
    GDALClose(out);

    auto basemap = render::Basemap::open(mbtiles);
    REQUIRE(basemap);
    auto project = render::loadProject(test::miniProjectPath());
    REQUIRE(project);
    project->scene.basemap = *basemap;
    const render::MapSettings view = viewOf(project->scene);
    const QImage image = render::renderToImage(project->scene, view);
    auto toDisplay = geo::Transformer::create("EPSG:4490", project->scene.displayCrs);
    CHECK(pixelIs(image, view.toPixel(*toDisplay->forward({111.1, 37.5})), QColor(220, 30, 30), 16));
    CHECK(pixelIs(image, view.toPixel(*toDisplay->forward({111.5, 37.5})), QColor(30, 30, 220), 16));
}

TEST_CASE("basemap: bad sources are errors naming them; XYZ templates become a GDAL TMS description", "[basemap]") {
    auto missing = render::Basemap::open("/nonexistent/base.tif");
    REQUIRE_FALSE(missing);
    CHECK_THAT(missing.error().toString(), ContainsSubstring("/nonexistent/base.tif") && ContainsSubstring("GeoTIFF"));
    auto notRaster = render::Basemap::open(test::miniProjectPath());  // a vector GeoPackage
    REQUIRE_FALSE(notRaster);
    CHECK_THAT(notRaster.error().toString(), ContainsSubstring("mini_project.gpkg"));
    const std::string xml = render::Basemap::xyzDescription("https://tiles.example.cn/{z}/{x}/{y}.png?key=a&b=c");
    CHECK_THAT(xml, ContainsSubstring("https://tiles.example.cn/${z}/${x}/${y}.png?key=a&amp;b=c"));
    CHECK_THAT(xml, ContainsSubstring("EPSG:3857"));
}
