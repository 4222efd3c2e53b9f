// Not a test: the screenshots of the layer controls, the style editor and the national view
// for docs/viewer.md. Hidden; under Xvfb:
//   HONGTU_SCREENSHOT_DIR=docs/images HONGTU_NATIONAL=build/bench/work/national.gpkg QT_QPA_PLATFORM=xcb
//   then: xvfb-run -a -s "-screen 0 1600x1000x24" ./build/tests/ui/ui_tests "[.screenshots_layers]"

#include <catch2/catch_test_macros.hpp>

#include <QComboBox>
#include <QCoreApplication>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTranslator>

#include <cstdlib>
#include <filesystem>

#include "render/loaded_project.hpp"
#include "test_support.hpp"
#include "ui/layer_panel.hpp"
#include "ui/main_window.hpp"
#include "ui/map_canvas.hpp"
#include "ui/style_editor.hpp"

using namespace hongtu;

using test::settle;

TEST_CASE("screenshots: style editor and national view", "[.screenshots_layers]") {
    test::ScreenshotSetup setup;
    REQUIRE(setup.ready());  // HONGTU_SCREENSHOT_DIR set, translation and demo copy in place
    const QString& out = setup.out;
    {
        const auto opened = setup.openWindow();
        REQUIRE(opened);
        ui::MainWindow& window = *opened;
        window.layerPanel()->setCurrentItem(window.layerPanel()->itemFor("counties"));
        ui::StyleEditor* editor = window.openStyleEditor("counties");
        REQUIRE(editor);
        editor->methodBox()->setCurrentIndex(static_cast<int>(render::ClassMethod::Quantile));
        editor->classesBox()->setValue(5);
        editor->paletteBox()->setCurrentIndex(1);
        editor->move(window.geometry().right() - editor->width() - 330, window.geometry().top() + 120);
        settle(window);
        CHECK(window.grab().save(out + QStringLiteral("viewer-style-editor-map.png")));
        CHECK(editor->grab().save(out + QStringLiteral("viewer-style-editor.png")));
        editor->reject();
    }
    if (const char* national = std::getenv("HONGTU_NATIONAL")) {
        auto nation = render::loadProject(national);
        REQUIRE(nation);
        ui::MainWindow window(std::move(nation).value());
        window.resize(1500, 940);
        window.show();
        settle(window);
        CHECK(window.grab().save(out + QStringLiteral("viewer-national.png")));
    }
}
