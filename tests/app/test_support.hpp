#pragma once
// Helpers shared by the app tests: the fixture project and colour comparisons.

#include <QColor>
#include <QCoreApplication>
#include <QImage>
#include <QPointF>
#include <QString>
#include <QTemporaryDir>
#include <QTranslator>

#include <cstdlib>
#include <filesystem>
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

// The hidden screenshot tests (docs/images): HONGTU_SCREENSHOT_DIR as the output folder (with a
// trailing slash), the Chinese translation installed, and a copy of the demo project in a
// temporary folder, so edits made for a picture never touch the shipped file.
struct ScreenshotSetup {
    QString out;
    QTranslator zh;
    QTemporaryDir tmp;
    std::string project;
    // Empty `out` / `project` when the environment is not set up; the caller REQUIREs them.
    ScreenshotSetup() {
        if (const char* dir = std::getenv("HONGTU_SCREENSHOT_DIR")) out = QString::fromLocal8Bit(dir) + QLatin1Char('/');
        if (zh.load(QStringLiteral(":/i18n/hongtu_zh_CN"))) QCoreApplication::installTranslator(&zh);
        project = (tmp.path() + QStringLiteral("/luliang.gpkg")).toStdString();
        std::error_code ec;
        if (!std::filesystem::copy_file(HONGTU_DEMO_PROJECT, project, ec)) project.clear();
    }
    [[nodiscard]] bool ready() const { return !out.isEmpty() && !zh.isEmpty() && !project.empty(); }
};

}  // namespace hongtu::test
