#pragma once
// An optional raster under the map: a GeoTIFF, an MBTiles file or an XYZ tile template
// ("https://host/{z}/{x}/{y}.png", GDAL's WMS/TMS minidriver), read by geo::Raster (GDAL stays
// in geo) and warped into the display CRS for exactly the visible extent at the output size. Offline files are
// the normal case in government networks. The last few warped images are cached per (CRS,
// extent, size), so repainting the same view costs nothing.

#include <QImage>
#include <QString>

#include <memory>
#include <string>

#include "hongtu/geo/raster.hpp"
#include "hongtu/geo/result.hpp"
#include "render/map_settings.hpp"

namespace hongtu::render {

class Basemap {
public:
    // Errors name the source and say what is wrong (not found, not a raster, no CRS).
    [[nodiscard]] static geo::Result<std::shared_ptr<Basemap>> open(const std::string& source);
    ~Basemap();
    Basemap(const Basemap&) = delete;
    Basemap& operator=(const Basemap&) = delete;

    [[nodiscard]] const std::string& source() const { return source_; }
    // What the legend/status bar calls it: the file name, or the tile host.
    [[nodiscard]] QString displayName() const;

    // The basemap for this view (transparent where it has no data), or a null image when it
    // cannot be warped into the display CRS. Thread-safe.
    [[nodiscard]] QImage imageFor(const MapSettings& settings) const;

    // For an XYZ template: the GDAL WMS description it is opened as.
    [[nodiscard]] static std::string xyzDescription(const std::string& urlTemplate);

private:
    struct Impl;
    Basemap(std::string source, std::unique_ptr<Impl> impl);
    std::string source_;
    std::unique_ptr<Impl> impl_;
};

}  // namespace hongtu::render
