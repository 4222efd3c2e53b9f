#include "hongtu/geo/raster.hpp"

#include <cpl_conv.h>
#include <gdal_priv.h>
#include <gdal_utils.h>
#include <ogr_srs_api.h>

#include <algorithm>
#include <new>

#include "gdal_support.hpp"

namespace hongtu::geo {

namespace {

struct WarpOptionsDeleter {
    void operator()(GDALWarpAppOptions* o) const { GDALWarpAppOptionsFree(o); }
};

struct SrsDeleter {
    void operator()(OGRSpatialReferenceH s) const { OSRDestroySpatialReference(s); }
};

std::string replaceAll(std::string s, const std::string& from, const std::string& to) {
    for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
    return s;
}

std::string xmlEscape(std::string s) {
    s = replaceAll(std::move(s), "&", "&amp;");
    s = replaceAll(std::move(s), "<", "&lt;");
    return replaceAll(std::move(s), ">", "&gt;");
}

std::uint32_t argb(int r, int g, int b, int a) {
    return (static_cast<std::uint32_t>(a) << 24) | (static_cast<std::uint32_t>(r) << 16) | (static_cast<std::uint32_t>(g) << 8) |
           static_cast<std::uint32_t>(b);
}

}  // namespace

struct Raster::Impl {
    detail::DatasetPtr dataset;
    bool paletted = false;
};

Raster::Raster(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Raster::Raster(Raster&&) noexcept = default;
Raster& Raster::operator=(Raster&&) noexcept = default;
Raster::~Raster() = default;

bool Raster::isXyzTemplate(const std::string& s) { return s.find("{z}") != std::string::npos && s.find("{x}") != std::string::npos; }

std::string Raster::xyzDescription(const std::string& urlTemplate) {
    std::string url = replaceAll(replaceAll(replaceAll(urlTemplate, "{z}", "${z}"), "{x}", "${x}"), "{y}", "${y}");
    return "<GDAL_WMS><Service name=\"TMS\"><ServerUrl>" + xmlEscape(url) +
           "</ServerUrl></Service><DataWindow><UpperLeftX>-20037508.34</UpperLeftX><UpperLeftY>20037508.34</UpperLeftY>"
           "<LowerRightX>20037508.34</LowerRightX><LowerRightY>-20037508.34</LowerRightY><TileLevel>18</TileLevel>"
           "<TileCountX>1</TileCountX><TileCountY>1</TileCountY><YOrigin>top</YOrigin></DataWindow>"
           "<Projection>EPSG:3857</Projection><BlockSizeX>256</BlockSizeX><BlockSizeY>256</BlockSizeY>"
           "<BandsCount>4</BandsCount><ZeroBlockHttpCodes>204,404</ZeroBlockHttpCodes><Cache/></GDAL_WMS>";
}

Result<Raster> Raster::open(const std::string& source) {
    detail::ensureGdal();
    detail::GdalErrorCapture capture;
    const std::string what = isXyzTemplate(source) ? xyzDescription(source) : source;
    detail::DatasetPtr ds(GDALDataset::Open(what.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
    if (!ds) {
        const std::string gdal = capture.lastError();
        return Error{"the basemap could not be opened as a raster (GeoTIFF, MBTiles or an XYZ tile address with {z}/{x}/{y})" +
                         (gdal.empty() ? std::string() : ": " + gdal),
                     source,
                     "",
                     {}};
    }
    const char* wkt = ds->GetProjectionRef();
    double gt[6];
    if (!wkt || !*wkt || ds->GetGeoTransform(gt) != CE_None)
        return Error{"the basemap has no coordinate reference system or no georeferencing, so it cannot be placed on the map", source, "", {}};
    const int bands = ds->GetRasterCount();
    if (bands < 1) return Error{"the basemap has no raster bands", source, "", {}};
    auto impl = std::make_unique<Impl>();
    impl->paletted = bands == 1 && ds->GetRasterBand(1)->GetColorTable() != nullptr;
    impl->dataset = std::move(ds);
    return Raster(std::move(impl));
}

std::optional<RgbaImage> Raster::warp(const std::string& crs, const Box& v, int w, int h) const {
    if (w <= 0 || h <= 0) return std::nullopt;
    detail::GdalErrorCapture capture;
    std::unique_ptr<std::remove_pointer_t<OGRSpatialReferenceH>, SrsDeleter> srs(OSRNewSpatialReference(nullptr));
    if (OSRSetFromUserInput(srs.get(), crs.c_str()) != OGRERR_NONE) return std::nullopt;
    char* wkt = nullptr;
    OSRExportToWkt(srs.get(), &wkt);
    const std::string dstWkt = wkt ? wkt : "";
    CPLFree(wkt);

    const auto num = [](double d) { return std::to_string(d); };
    std::vector<std::string> args{"-of", "MEM", "-t_srs", dstWkt, "-te", num(v.minX), num(v.minY), num(v.maxX), num(v.maxY),
                                  "-ts", std::to_string(w), std::to_string(h),
                                  "-r", impl_->paletted ? "near" : "bilinear", "-dstalpha", "-q"};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    std::unique_ptr<GDALWarpAppOptions, WarpOptionsDeleter> options(GDALWarpAppOptionsNew(argv.data(), nullptr));
    if (!options) return std::nullopt;
    GDALDatasetH src = GDALDataset::ToHandle(impl_->dataset.get());
    int usageError = 0;
    detail::DatasetPtr warped(GDALDataset::FromHandle(GDALWarp("", nullptr, 1, &src, options.get(), &usageError)));
    if (!warped) return std::nullopt;

    // Bands: the source's (grey, palette index, RGB or RGBA) and the alpha added by -dstalpha.
    const int bands = warped->GetRasterCount();
    // A frame too large for memory gives no image (bad_alloc on the render thread used to
    // terminate the viewer).
    std::vector<std::vector<std::uint8_t>> data;
    RgbaImage image;
    try {
        data.assign(static_cast<std::size_t>(bands), std::vector<std::uint8_t>(static_cast<std::size_t>(w) * h));
        image.pixels.resize(static_cast<std::size_t>(w) * h);
    } catch (const std::bad_alloc&) {
        return std::nullopt;
    }
    if (data.empty()) return std::nullopt;
    for (int b = 0; b < bands; ++b)
        if (warped->GetRasterBand(b + 1)->RasterIO(GF_Read, 0, 0, w, h, data[static_cast<std::size_t>(b)].data(), w, h, GDT_Byte, 0, 0,
                                                   nullptr) != CE_None)
            return std::nullopt;
    const GDALColorTable* palette = impl_->paletted ? impl_->dataset->GetRasterBand(1)->GetColorTable() : nullptr;
    const auto& alpha = data.back();
    image.width = w;
    image.height = h;
    for (std::size_t i = 0; i < image.pixels.size(); ++i) {
        int r = 0, g = 0, bl = 0, a = alpha[i];
        if (palette) {
            const GDALColorEntry* e = palette->GetColorEntry(data[0][i]);
            if (e) {
                r = e->c1;
                g = e->c2;
                bl = e->c3;
                a = std::min(a, static_cast<int>(e->c4));
            }
        } else if (bands >= 4) {  // RGB(+source alpha) + warp alpha
            r = data[0][i];
            g = data[1][i];
            bl = data[2][i];
            if (bands >= 5) a = std::min(a, static_cast<int>(data[3][i]));
        } else {
            r = g = bl = data[0][i];
        }
        image.pixels[i] = argb(r, g, bl, a);
    }
    return image;
}

}  // namespace hongtu::geo
