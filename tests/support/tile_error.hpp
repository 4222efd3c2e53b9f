#pragma once
// The per-square error of two images (no Catch2: the benchmarks use it too). image_compare.hpp's
// worstTileError and bench/viewer_bench's tile comparison both measure with this.

#include <QImage>

#include <algorithm>
#include <cstdlib>

namespace hongtu::test {

// The mean absolute difference (0-255, over R, G, B) of each `tile` x `tile` square: the worst
// square and the mean over all squares. The images must have the same size.
struct TileError {
    double worst = 0, mean = 0;
};
inline TileError tileError(const QImage& a, const QImage& b, int tile = 32) {
    const QImage x = a.convertToFormat(QImage::Format_RGB32), y = b.convertToFormat(QImage::Format_RGB32);
    TileError out;
    int tiles = 0;
    for (int ty = 0; ty < x.height(); ty += tile)
        for (int tx = 0; tx < x.width(); tx += tile) {
            double sum = 0;
            int n = 0;
            for (int py = ty; py < std::min(ty + tile, x.height()); ++py) {
                const auto* ra = reinterpret_cast<const QRgb*>(x.constScanLine(py));
                const auto* rb = reinterpret_cast<const QRgb*>(y.constScanLine(py));
                for (int px = tx; px < std::min(tx + tile, x.width()); ++px, ++n)
                    sum += std::abs(qRed(ra[px]) - qRed(rb[px])) + std::abs(qGreen(ra[px]) - qGreen(rb[px])) +
                           std::abs(qBlue(ra[px]) - qBlue(rb[px]));
            }
            const double e = sum / (3.0 * n);
            out.worst = std::max(out.worst, e);
            out.mean += e;
            ++tiles;
        }
    if (tiles > 0) out.mean /= tiles;
    return out;
}

}  // namespace hongtu::test
