#include "render/basemap.hpp"

#include <QFileInfo>
#include <QUrl>

#include <cstring>
#include <deque>
#include <mutex>

namespace hongtu::render {

namespace {

struct CacheEntry {
    std::string crs;
    geo::Box extent;
    QSize size;
    QImage image;
};

}  // namespace

struct Basemap::Impl {
    mutable std::mutex mutex;  // GDAL datasets are not thread-safe
    geo::Raster raster;
    mutable std::deque<CacheEntry> cache;  // newest first
};

Basemap::Basemap(std::string source, std::unique_ptr<Impl> impl) : source_(std::move(source)), impl_(std::move(impl)) {}
Basemap::~Basemap() = default;

std::string Basemap::xyzDescription(const std::string& urlTemplate) { return geo::Raster::xyzDescription(urlTemplate); }

geo::Result<std::shared_ptr<Basemap>> Basemap::open(const std::string& source) {
    auto raster = geo::Raster::open(source);
    if (!raster) return raster.error();
    auto impl = std::unique_ptr<Impl>(new Impl{{}, std::move(raster).value(), {}});
    return std::shared_ptr<Basemap>(new Basemap(source, std::move(impl)));
}

QString Basemap::displayName() const {
    if (geo::Raster::isXyzTemplate(source_)) return QUrl(QString::fromStdString(source_)).host();
    return QFileInfo(QString::fromStdString(source_)).fileName();
}

QImage Basemap::imageFor(const MapSettings& settings) const {
    if (!settings.isValid()) return {};
    const geo::Box v = settings.visibleExtent();
    const QSize size = settings.outputSize;
    const std::lock_guard lock(impl_->mutex);
    for (const auto& e : impl_->cache)
        if (e.crs == settings.displayCrs && e.extent == v && e.size == size) return e.image;
    const auto pixels = impl_->raster.warp(settings.displayCrs, v, size.width(), size.height());
    if (!pixels) return {};
    QImage image(size, QImage::Format_ARGB32);
    if (image.isNull()) return {};
    for (int y = 0; y < pixels->height; ++y)
        std::memcpy(image.scanLine(y), pixels->pixels.data() + static_cast<std::size_t>(y) * pixels->width,
                    static_cast<std::size_t>(pixels->width) * sizeof(std::uint32_t));
    impl_->cache.push_front({settings.displayCrs, v, size, image});
    if (impl_->cache.size() > 3) impl_->cache.pop_back();
    return image;
}

}  // namespace hongtu::render
