// Not a test: renders the screenshots of docs/viewer.md in Chinese. Hidden (tag [.screenshots]);
// run under Xvfb with the real X11 platform to refresh them (one command line):
//
//   HONGTU_SCREENSHOT_DIR=docs/images QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1600x1000x24"
//       ./build/tests/ui/ui_tests "[.screenshots]"

#include <catch2/catch_test_macros.hpp>

#include <QApplication>
#include <QComboBox>
#include <QCoreApplication>
#include <QDockWidget>
#include <QLineEdit>
#include <QTableView>
#include <QTemporaryDir>
#include <QTranslator>

#include <cstdlib>
#include <filesystem>

#include "render/loaded_project.hpp"
#include "test_support.hpp"
#include "ui/attribute_table.hpp"
#include "ui/feature_panels.hpp"
#include "ui/import_table_dialog.hpp"
#include "ui/main_window.hpp"
#include "ui/map_canvas.hpp"

using namespace hongtu;

using test::settle;

TEST_CASE("screenshots: the viewer and the join report for docs/viewer.md", "[.screenshots]") {
    test::ScreenshotSetup setup;
    REQUIRE(setup.ready());  // HONGTU_SCREENSHOT_DIR set, translation and demo copy in place
    const QString& out = setup.out;
    const auto opened = setup.openWindow();
    REQUIRE(opened);
    ui::MainWindow& window = *opened;
    settle(window);
    CHECK(window.grab().save(out + QStringLiteral("viewer-choropleth.png")));
    CHECK(window.grab().save(out + QStringLiteral("viewer-first-light.png")));  // README.md shows this one

    window.searchPanel()->edit()->setText(QStringLiteral("蔡家崖"));
    window.searchPanel()->search(QStringLiteral("蔡家崖"));
    settle(window);
    CHECK(window.grab().save(out + QStringLiteral("viewer-search-caijiaya.png")));

    window.attributeDock()->show();
    window.attributeTable()->layerBox()->setCurrentIndex(window.attributeTable()->layerBox()->findData(QStringLiteral("villages")));
    window.attributeTable()->filterEdit()->setText(QStringLiteral("141123205"));  // the villages of 蔡家崖乡
    window.attributeTable()->view()->selectRow(0);
    settle(window);
    CHECK(window.grab().save(out + QStringLiteral("viewer-attribute-table.png")));
    window.attributeDock()->hide();

    ui::ImportTableDialog* dialog = window.openImportDialog();
    dialog->setClock([] { return std::string("2018-07-01T00:00:00Z"); });
    REQUIRE(dialog->openTable(QStringLiteral(HONGTU_TEST_DATA "/join/venues_gbk.csv")));
    settle(window);
    CHECK(dialog->grab().save(out + QStringLiteral("viewer-join-setup.png")));
    REQUIRE(dialog->runJoin());
    settle(window);
    CHECK(dialog->grab().save(out + QStringLiteral("viewer-join-report.png")));
    REQUIRE(dialog->importIntoProject());
    dialog->close();
    window.countyBox()->setCurrentIndex(window.countyBox()->findText(QStringLiteral("兴县")));
    settle(window);
    CHECK(window.grab().save(out + QStringLiteral("viewer-imported-layer.png")));
    QCoreApplication::removeTranslator(&setup.zh);
}
