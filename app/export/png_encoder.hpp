#pragma once
// PNG pages through libspng: Qt 6.4's PNG handler maps QImageWriter::setQuality(90) to zlib
// level 0 (stored), which made an A4 300-dpi page 26 MB. Here a page with at most 256 colours
// is written as a palette image (one byte a pixel, no filter), any other as RGB with a fast
// deflate level and the Up filter; the pHYs chunk carries the DPI.

#include <QIODevice>
#include <QImage>

#include <cstddef>
#include <string>

#include "hongtu/geo/result.hpp"

namespace hongtu::exporting {

struct PngOptions {
    int level = 6;        // zlib level: 1 fastest .. 9 smallest
    bool photo = false;   // the page shows a raster basemap (aerial imagery): filter each row
    bool palette = true;  // a palette image when the page has <= 256 colours
    // A page with more colours (antialiased edges and text) still becomes a palette image: its
    // 256 most frequent colours, every other colour drawn with the nearest of them (lossy, at
    // the edges only; the email preset).
    bool reduceColours = false;
};

struct PngInfo {
    std::size_t bytes = 0;
    bool palette = false;
    int colours = 0;       // distinct colours, when <= 256 (0 = more)
    bool reduced = false;  // the palette holds the most frequent of more colours (reduceColours)
};

// Writes `image` (any format; alpha is dropped onto white) to `out`, with `dpi` in pHYs.
[[nodiscard]] geo::Result<PngInfo> writePng(QIODevice& out, const QImage& image, double dpi, const PngOptions& options = {});

}  // namespace hongtu::exporting
