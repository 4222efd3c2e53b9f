#pragma once
// A georeferenced raster read through GDAL for use as a basemap: a GeoTIFF, an MBTiles file or
// an XYZ tile template ("https://host/{z}/{x}/{y}.png", GDAL's WMS/TMS minidriver), warped into
// a CRS for exactly one extent at one pixel size. Qt-free: the viewer turns the pixels into an
// image; GDAL stays inside geo.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "hongtu/geo/feature.hpp"
#include "hongtu/geo/result.hpp"

namespace hongtu::geo {

// Pixels row by row from the top, each 0xAARRGGBB (Qt's ARGB32, not premultiplied).
struct RgbaImage {
    int width = 0, height = 0;
    std::vector<std::uint32_t> pixels;
};

class Raster {
public:
    // Errors name the source and say what is wrong (not found, not a raster, no CRS).
    [[nodiscard]] static Result<Raster> open(const std::string& source);
    Raster(Raster&&) noexcept;
    Raster& operator=(Raster&&) noexcept;
    ~Raster();

    // The raster warped into `crs` (any PROJ/GDAL CRS text) over `extent` at width x height
    // pixels, transparent where it has no data; nullopt when it cannot be warped or the frame
    // does not fit in memory. Not thread-safe (one caller at a time).
    [[nodiscard]] std::optional<RgbaImage> warp(const std::string& crs, const Box& extent, int width, int height) const;

    // Is `source` an XYZ tile template ({z} and {x} in it)?
    [[nodiscard]] static bool isXyzTemplate(const std::string& source);
    // For an XYZ template: the GDAL WMS description it is opened as.
    [[nodiscard]] static std::string xyzDescription(const std::string& urlTemplate);

private:
    struct Impl;
    explicit Raster(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace hongtu::geo
