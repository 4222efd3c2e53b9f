#pragma once
// Helpers shared by the app tests: the fixture project and colour comparisons.

#include <QColor>
#include <QCoreApplication>
#include <QDockWidget>
#include <QHeaderView>
#include <QImage>
#include <QPointF>
#include <QString>
#include <QStyle>
#include <QTemporaryDir>
#include <QTextLayout>
#include <QTranslator>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>

#include "render/loaded_project.hpp"
#include "ui/main_window.hpp"
#include "ui/map_canvas.hpp"

#include <catch2/catch_test_macros.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

namespace hongtu::test {

// The demo project's main window as a planner opens it on a screen of `screen`: the map on
// 2018-06-30, the window that size, the docks arranged for it, shown. Null if the demo cannot be
// read. (Install the zh_CN translator first for the Chinese window.)
inline std::unique_ptr<ui::MainWindow> openDemoWindow(QSize screen) {
    auto project = render::loadProject(HONGTU_DEMO_PROJECT, render::ProjectOptions{.displayCrs = {}, .progressDate = geo::Date{2018, 6, 30}});
    if (!project) return nullptr;
    auto window = std::make_unique<ui::MainWindow>(std::move(project).value());
    window->resize(screen);
    window->arrangeForScreen(screen);
    window->show();
    return window;
}

// The demo project loaded once for the whole test run (as `hongtu` opens it, in the test's language).
inline const render::LoadedProject& loadedDemo() {
    static const render::LoadedProject project = [] {
        auto p = render::loadProject(HONGTU_DEMO_PROJECT);
        REQUIRE(p);
        return std::move(p).value();
    }();
    return project;
}

// `path` opened as the viewer opens it (REQUIREd to load) in a main window; resized to `size` and
// shown when `size` is valid.
inline std::unique_ptr<ui::MainWindow> openWindow(const std::string& path, QSize size = {},
                                                  const render::ProjectOptions& options = {}) {
    auto project = render::loadProject(path, options);
    REQUIRE(project);
    auto window = std::make_unique<ui::MainWindow>(std::move(project).value());
    if (size.isValid()) {
        window->resize(size);
        window->show();
    }
    return window;
}

// A "project" of one layer named counties (a GeoJSON file's layer is its file name): a bow-tie
// polygon and a code that appears twice, the things `hongtu info` names.
inline std::string badCountiesFile(const std::filesystem::path& dir) {
    std::filesystem::create_directories(dir);
    const auto path = dir / "counties.geojson";
    std::ofstream(path) << R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4490"}},
"features":[
{"type":"Feature","properties":{"code":"141121","name":"文水县"},"geometry":{"type":"Polygon","coordinates":[[[111.0,37.0],[111.5,37.5],[111.5,37.0],[111.0,37.5],[111.0,37.0]]]}},
{"type":"Feature","properties":{"code":"141121","name":"交城县"},"geometry":{"type":"Polygon","coordinates":[[[111.6,37.0],[112.0,37.0],[112.0,37.5],[111.6,37.5],[111.6,37.0]]]}}
]})";
    return path.string();
}

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
    // The window the documentation's screenshots show: the copy of the demo at 1500×940, shown.
    [[nodiscard]] std::unique_ptr<ui::MainWindow> openWindow() const {
        auto loaded = render::loadProject(project);
        if (!loaded) return nullptr;
        auto window = std::make_unique<ui::MainWindow>(std::move(loaded).value());
        window->resize(1500, 940);
        window->show();
        return window;
    }
};

// Lets the canvas finish its frame and Qt deliver what it queued (before a screenshot or a pixel check).
inline void settle(ui::MainWindow& window) {
    window.canvas()->waitForRender();
    for (int i = 0; i < 5; ++i) QCoreApplication::processEvents();
}

// The dock `objectName` of `window` brought to the front, the window settled; null if there is none.
inline QDockWidget* raiseDock(ui::MainWindow& window, const char* objectName) {
    auto* dock = window.findChild<QDockWidget*>(QString::fromLatin1(objectName));
    if (!dock) return nullptr;
    dock->raise();
    settle(window);
    return dock;
}

// Runs `check(window, screen)` on the demo window in Chinese (openDemoWindow) at each size of
// `screens`, with the dock `dockName` raised first when it is not null: the small-screen tests.
template <class Check>
void forDemoWindowsInChinese(std::initializer_list<QSize> screens, const char* dockName, Check&& check) {
    QTranslator zh;
    REQUIRE(zh.load(QStringLiteral(":/i18n/hongtu_zh_CN")));
    QCoreApplication::installTranslator(&zh);
    for (const QSize screen : screens) {
        INFO("screen " << screen.width() << "x" << screen.height());
        const auto opened = openDemoWindow(screen);
        REQUIRE(opened);
        if (dockName) REQUIRE(raiseDock(*opened, dockName) != nullptr);
        check(*opened, screen);
    }
    QCoreApplication::removeTranslator(&zh);
}

// The height `text` needs in `font` wrapped at `width` pixels (Qt's line breaking), and its
// widest line (a word longer than the width overflows it).
struct Wrapped {
    double height = 0;
    double widest = 0;
    int lines = 0;
};
inline Wrapped wrapped(const QString& text, const QFont& font, double width) {
    QTextLayout layout(text, font);
    QTextOption option;
    option.setWrapMode(QTextOption::WordWrap);
    layout.setTextOption(option);
    Wrapped w;
    layout.beginLayout();
    for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
        line.setLineWidth(width);
        w.height += line.height();
        w.widest = std::max(w.widest, line.naturalTextWidth());
        ++w.lines;
    }
    layout.endLayout();
    return w;
}

// The cells of a tree whose text does not show whole: wrapped at the cell's text width (less
// the icon and the style's margins) it is wider or taller than the cell, or the cell leaves
// the view sideways, or it shows "…". One line per cell, naming the text and the sizes.
// `cells` counts the cells checked, `multiLine` those that needed more than one line.
inline std::vector<std::string> cutCells(QTreeWidget& view, int* cells = nullptr, int* multiLine = nullptr) {
    view.doItemsLayout();
    const int margin = view.style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, &view) + 1;
    const int viewWidth = view.viewport()->width();
    std::vector<std::string> out;
    for (QTreeWidgetItemIterator it(&view); *it; ++it) {
        QTreeWidgetItem* item = *it;
        for (int column = 0; column < view.columnCount(); ++column) {
            const QString text = item->text(column);
            if (text.isEmpty() || (column > 0 && item->isFirstColumnSpanned())) continue;
            const QRect r = view.visualRect(view.indexFromItem(item, column));
            int textWidth = r.width() - 2 * margin;
            if (!item->icon(column).isNull()) textWidth -= view.iconSize().width() + 2 * margin;
            const Wrapped w = wrapped(text, item->font(column), textWidth);
            const bool fits = r.isValid() && r.left() >= 0 && r.right() < viewWidth + 1 && w.widest <= textWidth + 0.5 &&
                              w.height <= r.height() + 0.5 && !text.contains(QChar(0x2026));
            if (!fits)
                out.push_back("'" + text.toStdString() + "' (column " + std::to_string(column) + "): needs " +
                              std::to_string(w.widest) + "x" + std::to_string(w.height) + " px in a cell of " +
                              std::to_string(r.width()) + "x" + std::to_string(r.height()) + " at x " + std::to_string(r.x()) +
                              ", the view " + std::to_string(viewWidth) + " px wide");
            if (cells) ++*cells;
            if (multiLine && w.lines > 1) ++*multiLine;
        }
    }
    return out;
}

}  // namespace hongtu::test
