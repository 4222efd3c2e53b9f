#pragma once
// Headless commands that paint (export, route sheets) need a Qt application for fonts. Without
// a display Qt's offscreen platform serves, so they run in CI and over ssh.

#include <QGuiApplication>

#include <memory>

namespace hongtu::cli {

// A QGuiApplication, or nothing when one exists already (the viewer's, or a test's).
[[nodiscard]] std::unique_ptr<QGuiApplication> makeGuiApp();

}  // namespace hongtu::cli
