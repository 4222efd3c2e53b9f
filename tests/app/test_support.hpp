#pragma once
// Helpers shared by the app tests: the fixture project and colour comparisons.

#include <QColor>
#include <QImage>
#include <QPointF>

#include <cstdlib>
#include <string>

namespace hongtu::test {

// tests/data/app/mini_project.gpkg: two made-up counties near Lishi in EPSG:4490 (see README).
inline std::string miniProjectPath() { return std::string(HONGTU_TEST_DATA) + "/app/mini_project.gpkg"; }
inline std::string notAProjectPath() { return std::string(HONGTU_TEST_DATA) + "/app/not_a_project.gpkg"; }

// True when the pixel at `at` is within `tolerance` of `expected` on every channel.
inline bool pixelIs(const QImage& image, QPointF at, const QColor& expected, int tolerance = 8) {
    const QPoint p = at.toPoint();
    if (!image.rect().contains(p)) return false;
    const QColor c = image.pixelColor(p);
    return std::abs(c.red() - expected.red()) <= tolerance && std::abs(c.green() - expected.green()) <= tolerance &&
           std::abs(c.blue() - expected.blue()) <= tolerance;
}

}  // namespace hongtu::test
