// geo::Raster: GeoTIFFs written here with GDAL, warped back through the public API.
#include <catch2/catch_test_macros.hpp>
#include <catch2/matchers/catch_matchers_string.hpp>

#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <unistd.h>

#include <filesystem>

#include "hongtu/geo/raster.hpp"

using namespace hongtu::geo;
using Catch::Matchers::ContainsSubstring;

namespace {

// A 20 x 10 single-band raster over 111.0–111.2°E, 37.4–37.5°N (CGCS2000): value 50 in the
// west half, 200 in the east half; with `palette`, 50 is green and 200 is red (a GeoTIFF palette
// keeps no alpha).
std::string writeTiff(const std::string& name, bool palette) {
    GDALAllRegister();
    const auto path = std::filesystem::temp_directory_path() / ("hongtu_raster_" + std::to_string(::getpid()) + "_" + name);
    GDALDriver* gtiff = GetGDALDriverManager()->GetDriverByName("GTiff");
    REQUIRE(gtiff);
    GDALDataset* ds = gtiff->Create(path.c_str(), 20, 10, 1, GDT_Byte, nullptr);
    REQUIRE(ds);
    double transform[6] = {111.0, 0.01, 0, 37.5, 0, -0.01};
    ds->SetGeoTransform(transform);
    OGRSpatialReference cgcs2000;
    cgcs2000.importFromEPSG(4490);
    ds->SetSpatialRef(&cgcs2000);
    std::vector<std::uint8_t> values(200);
    for (std::size_t i = 0; i < values.size(); ++i) values[i] = i % 20 < 10 ? 50 : 200;
    GDALRasterBand* band = ds->GetRasterBand(1);
    if (palette) {
        GDALColorTable table;
        const GDALColorEntry green{0, 160, 0, 255}, red{200, 0, 0, 255};
        table.SetColorEntry(50, &green);
        table.SetColorEntry(200, &red);
        band->SetColorTable(&table);
    }
    REQUIRE(band->RasterIO(GF_Write, 0, 0, 20, 10, values.data(), 20, 10, GDT_Byte, 0, 0, nullptr) == CE_None);
    GDALClose(GDALDataset::ToHandle(ds));
    return path.string();
}

std::uint32_t at(const RgbaImage& image, int x, int y) { return image.pixels[static_cast<std::size_t>(y) * image.width + x]; }

}  // namespace

TEST_CASE("raster: a grey GeoTIFF warped over its own extent keeps its values, and outside it is transparent", "[raster]") {
    auto raster = Raster::open(writeTiff("grey.tif", false));
    REQUIRE(raster);
    // Twice as wide as the raster: its east half lies beyond the data.
    const auto image = raster->warp("EPSG:4490", Box{111.0, 37.4, 111.4, 37.5}, 40, 10);
    REQUIRE(image);
    CHECK(image->width == 40);
    CHECK(image->height == 10);
    REQUIRE(image->pixels.size() == 400);
    CHECK(at(*image, 2, 5) == 0xFF323232u);   // 50, opaque
    CHECK(at(*image, 17, 5) == 0xFFC8C8C8u);  // 200, opaque
    CHECK((at(*image, 35, 5) >> 24) == 0u);   // no data: transparent
}

TEST_CASE("raster: a paletted GeoTIFF gives its palette's colours", "[raster]") {
    auto raster = Raster::open(writeTiff("palette.tif", true));
    REQUIRE(raster);
    const auto image = raster->warp("EPSG:4490", Box{111.0, 37.4, 111.2, 37.5}, 20, 10);
    REQUIRE(image);
    CHECK(at(*image, 2, 5) == 0xFF00A000u);
    CHECK(at(*image, 17, 5) == 0xFFC80000u);
}

TEST_CASE("raster: a source that is no georeferenced raster is an error naming it", "[raster]") {
    auto missing = Raster::open("/nonexistent/base.tif");
    REQUIRE_FALSE(missing);
    CHECK_THAT(missing.error().toString(), ContainsSubstring("/nonexistent/base.tif") && ContainsSubstring("GeoTIFF"));
    CHECK_FALSE(Raster::open(writeTiff("grey.tif", false))->warp("not a crs", Box{111.0, 37.4, 111.2, 37.5}, 20, 10));
    CHECK(Raster::isXyzTemplate("https://t.example.cn/{z}/{x}/{y}.png"));
    CHECK_FALSE(Raster::isXyzTemplate("/data/base.tif"));
}
