#pragma once
// Headless commands that paint (export, route sheets) need a Qt application for fonts. Without
// a display Qt's offscreen platform serves, so they run in CI and over ssh.

#include <QGuiApplication>
#include <QTranslator>

#include <memory>

namespace hongtu::cli {

// A QGuiApplication, or nothing when one exists already (the viewer's, or a test's).
[[nodiscard]] std::unique_ptr<QGuiApplication> makeGuiApp();

// The same with Hongtu's Chinese translation installed (layer names and legend labels as on
// screen), for commands that write what the map says, such as the QGIS styles' legends.
struct ChineseGuiApp {
    std::unique_ptr<QGuiApplication> app;
    std::unique_ptr<QTranslator> translator;  // destroyed before the application
};
[[nodiscard]] ChineseGuiApp makeChineseGuiApp();

}  // namespace hongtu::cli
