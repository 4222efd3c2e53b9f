// Not a test: the screenshots of docs/progress.md (the viewer at 2017-01, 2018-06-30 and
// 2019-06), in Chinese. Hidden (tag [.screenshots]); refresh them under Xvfb:
//
//   HONGTU_SCREENSHOT_DIR=docs/images QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1600x1000x24"
//       ./build/tests/ui/ui_tests "[.screenshots][.progress_screenshots]"

#include <catch2/catch_test_macros.hpp>

#include <QCoreApplication>
#include <QDockWidget>
#include <QFile>
#include <QTemporaryDir>
#include <QTranslator>

#include <cstdlib>
#include <filesystem>

#include "render/loaded_project.hpp"
#include "test_support.hpp"
#include "ui/main_window.hpp"
#include "ui/map_canvas.hpp"
#include "ui/playback.hpp"
#include "ui/progress_controller.hpp"
#include "ui/progress_session.hpp"

using namespace hongtu;

TEST_CASE("screenshots: the progress viewer for docs/progress.md", "[.screenshots][.progress_screenshots]") {
    test::ScreenshotSetup setup;
    REQUIRE(setup.ready());  // HONGTU_SCREENSHOT_DIR set, translation and demo copy in place
    const QString& out = setup.out;
    const std::string& project = setup.project;
    auto loaded = render::loadProject(project, render::ProjectOptions{.displayCrs = {}, .progressDate = geo::Date{2018, 6, 30}});
    REQUIRE(loaded);
    ui::MainWindow window(std::move(loaded).value());
    window.resize(1600, 1000);
    window.show();
    ui::ProgressController* progress = window.progressController();
    REQUIRE(progress);
    const auto settle = [&] {
        for (int i = 0; i < 5; ++i) QCoreApplication::processEvents();
        window.canvas()->waitForRender();
        for (int i = 0; i < 5; ++i) QCoreApplication::processEvents();
    };
    for (const auto& [day, name] : {std::pair{geo::Date{2017, 1, 31}, "progress-2017-01.png"},
                                    std::pair{geo::Date{2018, 6, 30}, "progress-2018-06-30.png"},
                                    std::pair{geo::Date{2019, 6, 30}, "progress-2019-06.png"}}) {
        progress->setAsOf(day);
        settle();
        CHECK(window.grab().save(out + QString::fromUtf8(name)));
    }
    // One playback frame as exported for a briefing (the folder gets one per month).
    QTemporaryDir frames;
    render::MapSettings settings = window.canvas()->settings();
    settings.outputSize = {900, 900};
    settings = settings.fittedTo(window.project().scene.extent());
    auto written = ui::exportFrames(window.project().scene, settings, progress->session()->current(), {geo::Date{2018, 6, 30}},
                                    frames.path());
    REQUIRE(written);
    QFile::remove(out + QStringLiteral("progress-frame-2018-06.png"));
    CHECK(QFile::copy(written->front(), out + QStringLiteral("progress-frame-2018-06.png")));
}
