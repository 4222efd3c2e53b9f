#include <catch2/catch_test_macros.hpp>

#include <cmath>
#include <cstdlib>

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>

#include "export/page_painter.hpp"
#include "export_support.hpp"
#include "render/route_layers.hpp"
#include "ui/export_dialog.hpp"

using namespace hongtu;

TEST_CASE("the export dialog writes the same page as hongtu export", "[export][ui]") {
    const auto& project = test::demoProject();
    ui::ExportDialog dialog(project, project.scene.initiallyVisibleLayerIds());
    dialog.setTemplate(QStringLiteral("county-briefing"));
    dialog.setUnit(QStringLiteral("兴县"));
    dialog.setAsOf(QStringLiteral("2018-06-30"));
    dialog.setToday(QStringLiteral("2026-11-27"));
    dialog.setDpi(60);
    dialog.setFormat(QStringLiteral("png"));

    // The live preview is the page at a low resolution.
    const QImage preview = dialog.previewImage();
    auto layout = dialog.currentLayout();
    REQUIRE(layout);
    REQUIRE_FALSE(preview.isNull());
    CHECK(std::abs(preview.width() / double(preview.height()) - 210.0 / 297.0) < 0.01);

    QTemporaryDir dir;
    const QString fromDialog = dir.filePath(QStringLiteral("dialog.png"));
    REQUIRE(dialog.exportTo(fromDialog));

    const QString fromCli = dir.filePath(QStringLiteral("cli.png"));
    QProcess cli;
    cli.setProcessEnvironment(QProcessEnvironment::systemEnvironment());
    cli.start(QStringLiteral(HONGTU_BINARY_DIR "/app/hongtu"),
              {QStringLiteral("export"), QStringLiteral("--project"), QStringLiteral(HONGTU_DEMO_PROJECT), QStringLiteral("--layout"),
               QStringLiteral("county-briefing"), QStringLiteral("--county"), QStringLiteral("兴县"), QStringLiteral("--as-of"),
               QStringLiteral("2018-06-30"), QStringLiteral("--today"), QStringLiteral("2026-11-27"), QStringLiteral("--dpi"),
               QStringLiteral("60"), QStringLiteral("-o"), fromCli});
    REQUIRE(cli.waitForFinished(60000));
    INFO(cli.readAllStandardError().toStdString());
    REQUIRE(cli.exitCode() == 0);

    const QImage a(fromDialog), b(fromCli);
    REQUIRE_FALSE(a.isNull());
    REQUIRE(a.size() == b.size());
    CHECK(a.convertToFormat(QImage::Format_RGB32) == b.convertToFormat(QImage::Format_RGB32));  // every pixel
}

TEST_CASE("the export dialog remembers the last choices per project and leaves the route off briefings", "[export][ui]") {
    const auto& project = test::demoProject();
    std::vector<std::string> layers = project.scene.initiallyVisibleLayerIds();
    layers.push_back(render::kRouteLegsLayerId);  // the viewer shows a planned route
    QTemporaryDir dir;
    {
        ui::ExportDialog dialog(project, layers);
        dialog.setTemplate(QStringLiteral("county-briefing"));
        CHECK_FALSE(dialog.routeLayersBox()->isChecked());  // a briefing: no route
        for (const auto& id : dialog.currentContext().map.visibleLayerIds) CHECK_FALSE(render::isRouteLayer(id));
        dialog.setTemplate(QStringLiteral("route-sheet"));
        CHECK(dialog.routeLayersBox()->isChecked());
        const auto withRoute = dialog.currentContext().map.visibleLayerIds;
        CHECK(std::find(withRoute.begin(), withRoute.end(), render::kRouteLegsLayerId) != withRoute.end());
        dialog.setTemplate(QStringLiteral("county-briefing"));
        dialog.setUnit(QStringLiteral("岚县"));
        dialog.setDpi(60);
        dialog.setFormat(QStringLiteral("svg"));
        REQUIRE(dialog.exportTo(dir.filePath(QStringLiteral("a.svg"))));
    }
    ui::ExportDialog again(project, layers);
    CHECK(again.unitBox()->currentText() == QStringLiteral("岚县"));
    CHECK(again.formatBox()->currentData().toString() == QStringLiteral("svg"));
    CHECK_FALSE(again.routeLayersBox()->isChecked());
    // The main window then sets the unit to its 县 box (MainWindow's export action).
    again.setUnit(QStringLiteral("兴县"));
    CHECK(again.unitBox()->currentText() == QStringLiteral("兴县"));
}

// Not a test: the dialog's screenshot for docs/export.md (hidden; run under Xvfb):
//   HONGTU_SCREENSHOT_DIR=docs/images QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1600x1000x24"
//       ./build/tests/app/app_tests "[.screenshots-export]"
TEST_CASE("screenshots: the export dialog for docs/export.md", "[.screenshots-export]") {
    const char* dir = std::getenv("HONGTU_SCREENSHOT_DIR");
    REQUIRE(dir != nullptr);
    const auto& project = test::demoProject();
    ui::ExportDialog dialog(project, project.scene.initiallyVisibleLayerIds());
    dialog.setUnit(QStringLiteral("临县"));
    dialog.setAsOf(QStringLiteral("2018-06-30"));
    dialog.setToday(QStringLiteral("2026-11-27"));
    dialog.resize(1000, 760);
    dialog.show();
    dialog.updatePreview();
    for (int i = 0; i < 5; ++i) QCoreApplication::processEvents();
    CHECK(dialog.grab().save(QString::fromLocal8Bit(dir) + QStringLiteral("/export-dialog.png")));
}
