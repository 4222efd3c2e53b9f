#include "render/basemap.hpp"

#include <cpl_conv.h>
#include <gdal.h>
#include <gdal_utils.h>
#include <ogr_srs_api.h>

#include <QFileInfo>
#include <QUrl>

#include <algorithm>
#include <deque>
#include <mutex>
#include <new>
#include <vector>

namespace hongtu::render {

namespace {

struct DatasetCloser {
    void operator()(GDALDatasetH ds) const {
        if (ds) GDALClose(ds);
    }
};
using Dataset = std::unique_ptr<void, DatasetCloser>;

struct WarpOptionsDeleter {
    void operator()(GDALWarpAppOptions* o) const { GDALWarpAppOptionsFree(o); }
};

struct SrsDeleter {
    void operator()(OGRSpatialReferenceH s) const { OSRDestroySpatialReference(s); }
};

bool isXyzTemplate(const std::string& s) { return s.find("{z}") != std::string::npos && s.find("{x}") != std::string::npos; }

std::string replaceAll(std::string s, const std::string& from, const std::string& to) {
    for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
    return s;
}

std::string xmlEscape(std::string s) {
    s = replaceAll(std::move(s), "&", "&amp;");
    s = replaceAll(std::move(s), "<", "&lt;");
    return replaceAll(std::move(s), ">", "&gt;");
}

struct CacheEntry {
    std::string crs;
    geo::Box extent;
    QSize size;
    QImage image;
};

}  // namespace

struct Basemap::Impl {
    mutable std::mutex mutex;  // GDAL datasets are not thread-safe
    Dataset dataset;
    bool paletted = false;
    mutable std::deque<CacheEntry> cache;  // newest first
};

Basemap::Basemap(std::string source, std::unique_ptr<Impl> impl) : source_(std::move(source)), impl_(std::move(impl)) {}
Basemap::~Basemap() = default;

std::string Basemap::xyzDescription(const std::string& urlTemplate) {
    std::string url = replaceAll(replaceAll(replaceAll(urlTemplate, "{z}", "${z}"), "{x}", "${x}"), "{y}", "${y}");
    return "<GDAL_WMS><Service name=\"TMS\"><ServerUrl>" + xmlEscape(url) +
           "</ServerUrl></Service><DataWindow><UpperLeftX>-20037508.34</UpperLeftX><UpperLeftY>20037508.34</UpperLeftY>"
           "<LowerRightX>20037508.34</LowerRightX><LowerRightY>-20037508.34</LowerRightY><TileLevel>18</TileLevel>"
           "<TileCountX>1</TileCountX><TileCountY>1</TileCountY><YOrigin>top</YOrigin></DataWindow>"
           "<Projection>EPSG:3857</Projection><BlockSizeX>256</BlockSizeX><BlockSizeY>256</BlockSizeY>"
           "<BandsCount>4</BandsCount><ZeroBlockHttpCodes>204,404</ZeroBlockHttpCodes><Cache/></GDAL_WMS>";
}

geo::Result<std::shared_ptr<Basemap>> Basemap::open(const std::string& source) {
    GDALAllRegister();
    const std::string what = isXyzTemplate(source) ? xyzDescription(source) : source;
    CPLErrorReset();
    Dataset ds(GDALOpenEx(what.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
    if (!ds) {
        const std::string gdal = CPLGetLastErrorMsg();
        return geo::Error{"the basemap could not be opened as a raster (GeoTIFF, MBTiles or an XYZ tile address with {z}/{x}/{y})" +
                              (gdal.empty() ? std::string() : ": " + gdal),
                          source, "", {}};
    }
    const char* wkt = GDALGetProjectionRef(ds.get());
    double gt[6];
    if (!wkt || !*wkt || GDALGetGeoTransform(ds.get(), gt) != CE_None)
        return geo::Error{"the basemap has no coordinate reference system or no georeferencing, so it cannot be placed on the map",
                          source, "", {}};
    const int bands = GDALGetRasterCount(ds.get());
    if (bands < 1) return geo::Error{"the basemap has no raster bands", source, "", {}};
    auto impl = std::make_unique<Impl>();
    impl->paletted = bands == 1 && GDALGetRasterColorTable(GDALGetRasterBand(ds.get(), 1)) != nullptr;
    impl->dataset = std::move(ds);
    return std::shared_ptr<Basemap>(new Basemap(source, std::move(impl)));
}

QString Basemap::displayName() const {
    if (isXyzTemplate(source_)) return QUrl(QString::fromStdString(source_)).host();
    return QFileInfo(QString::fromStdString(source_)).fileName();
}

QImage Basemap::imageFor(const MapSettings& settings) const {
    if (!settings.isValid()) return {};
    const geo::Box v = settings.visibleExtent();
    const QSize size = settings.outputSize;
    const std::lock_guard lock(impl_->mutex);
    for (const auto& e : impl_->cache)
        if (e.crs == settings.displayCrs && e.extent == v && e.size == size) return e.image;

    std::unique_ptr<std::remove_pointer_t<OGRSpatialReferenceH>, SrsDeleter> srs(OSRNewSpatialReference(nullptr));
    if (OSRSetFromUserInput(srs.get(), settings.displayCrs.c_str()) != OGRERR_NONE) return {};
    char* wkt = nullptr;
    OSRExportToWkt(srs.get(), &wkt);
    const std::string dstWkt = wkt ? wkt : "";
    CPLFree(wkt);

    const auto num = [](double d) { return std::to_string(d); };
    std::vector<std::string> args{"-of", "MEM", "-t_srs", dstWkt, "-te", num(v.minX), num(v.minY), num(v.maxX), num(v.maxY),
                                  "-ts", std::to_string(size.width()), std::to_string(size.height()),
                                  "-r", impl_->paletted ? "near" : "bilinear", "-dstalpha", "-q"};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    std::unique_ptr<GDALWarpAppOptions, WarpOptionsDeleter> options(GDALWarpAppOptionsNew(argv.data(), nullptr));
    if (!options) return {};
    GDALDatasetH src = impl_->dataset.get();
    int usageError = 0;
    Dataset warped(GDALWarp("", nullptr, 1, &src, options.get(), &usageError));
    if (!warped) return {};

    // Bands: the source's (grey, palette index, RGB or RGBA) and the alpha added by -dstalpha.
    const int bands = GDALGetRasterCount(warped.get());
    const int w = size.width(), h = size.height();
    // A frame too large for memory gives no basemap (bad_alloc on the render thread used to
    // terminate the viewer).
    std::vector<std::vector<std::uint8_t>> data;
    try {
        data.assign(static_cast<std::size_t>(bands), std::vector<std::uint8_t>(static_cast<std::size_t>(w) * h));
    } catch (const std::bad_alloc&) {
        return {};
    }
    if (data.empty()) return {};
    for (int b = 0; b < bands; ++b)
        if (GDALRasterIO(GDALGetRasterBand(warped.get(), b + 1), GF_Read, 0, 0, w, h, data[static_cast<std::size_t>(b)].data(), w, h, GDT_Byte, 0, 0) != CE_None)
            return {};
    GDALColorTableH palette = impl_->paletted ? GDALGetRasterColorTable(GDALGetRasterBand(impl_->dataset.get(), 1)) : nullptr;
    const auto& alpha = data.back();
    QImage image(size, QImage::Format_ARGB32);
    if (image.isNull()) return {};
    for (int y = 0; y < h; ++y) {
        auto* row = reinterpret_cast<QRgb*>(image.scanLine(y));
        for (int x = 0; x < w; ++x) {
            const std::size_t i = static_cast<std::size_t>(y) * w + x;
            int r = 0, g = 0, bl = 0, a = alpha[i];
            if (palette) {
                const GDALColorEntry* e = GDALGetColorEntry(palette, data[0][i]);
                if (e) { r = e->c1; g = e->c2; bl = e->c3; a = std::min(a, static_cast<int>(e->c4)); }
            } else if (bands >= 4) {  // RGB(+source alpha) + warp alpha
                r = data[0][i]; g = data[1][i]; bl = data[2][i];
                if (bands >= 5) a = std::min(a, static_cast<int>(data[3][i]));
            } else {
                r = g = bl = data[0][i];
            }
            row[x] = qRgba(r, g, bl, a);
        }
    }
    impl_->cache.push_front({settings.displayCrs, v, size, image});
    if (impl_->cache.size() > 3) impl_->cache.pop_back();
    return image;
}

}  // namespace hongtu::render
