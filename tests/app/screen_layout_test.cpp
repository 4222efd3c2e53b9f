// The main window on the screens planners have (ui/screen_fit.hpp, MainWindow::arrangeForScreen):
// at 1024×700, 1366×768 and 1920×1080 no two visible docks or dock tab bars overlap, every dock
// tab can be clicked, the map keeps its room, and the dialogs fit the screen.
//
// With HONGTU_SCREENSHOT_DIR set (and the translation installed by the test), the window is
// saved as viewer-1024x700.png and viewer-1366x768.png for docs/viewer.md.
#include <catch2/catch_test_macros.hpp>

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QSettings>
#include <QTabBar>
#include <QTest>
#include <QTranslator>

#include <cstdlib>

#include "render/project.hpp"
#include "test_support.hpp"
#include "ui/export_dialog.hpp"
#include "ui/import_table_dialog.hpp"
#include "ui/main_window.hpp"
#include "ui/map_canvas.hpp"
#include "ui/screen_fit.hpp"
#include "ui/status_edit_dialog.hpp"

using namespace hongtu;

namespace {

QRect inWindow(const QWidget& window, const QWidget& w) { return QRect(w.mapTo(&window, QPoint(0, 0)), w.size()); }

void settle(ui::MainWindow& window) {
    window.canvas()->waitForRender();
    for (int i = 0; i < 5; ++i) QCoreApplication::processEvents();
}

}  // namespace

TEST_CASE("screen layout: at 1024×700, 1366×768 and 1920×1080 docks and tabs never overlap and every tab can be clicked", "[ui][layout]") {
    QTranslator zh;
    REQUIRE(zh.load(QStringLiteral(":/i18n/hongtu_zh_CN")));
    QCoreApplication::installTranslator(&zh);
    for (const QSize screen : {QSize(1024, 700), QSize(1366, 768), QSize(1920, 1080)}) {
        INFO("screen " << screen.width() << "x" << screen.height());
        auto project = render::loadProject(HONGTU_DEMO_PROJECT, render::ProjectOptions{.displayCrs = {}, .progressDate = geo::Date{2018, 6, 30}});
        REQUIRE(project);
        ui::MainWindow window(std::move(project).value());
        window.resize(screen);
        window.arrangeForScreen(screen);
        window.show();
        // As a planner would: open the route planner too (the dock whose tabs hid the others).
        auto* planner = window.findChild<QAction*>(QStringLiteral("routePlannerAction"));
        REQUIRE(planner != nullptr);
        planner->trigger();
        settle(window);

        // The window is not forced larger than the screen by its docks' minimum sizes.
        CHECK(window.minimumSizeHint().width() <= screen.width());
        CHECK(window.minimumSizeHint().height() <= screen.height());
        CHECK(window.size() == screen);

        std::vector<QRect> docks;
        QStringList names;
        for (QDockWidget* dock : window.findChildren<QDockWidget*>())
            // Tabbed docks behind the current tab are parked outside the window: not shown.
            if (dock->isVisible() && !dock->isFloating() && window.rect().intersects(inWindow(window, *dock))) {
                docks.push_back(inWindow(window, *dock));
                const QRect r = docks.back();
                names << QStringLiteral("%1 %2,%3 %4x%5").arg(dock->objectName()).arg(r.x()).arg(r.y()).arg(r.width()).arg(r.height());
            }
        INFO(names.join(QStringLiteral("; ")).toStdString());
        for (std::size_t a = 0; a < docks.size(); ++a)
            for (std::size_t b = a + 1; b < docks.size(); ++b) CHECK_FALSE(docks[a].intersects(docks[b]));

        std::vector<QTabBar*> bars;
        for (QTabBar* bar : window.findChildren<QTabBar*>())
            if (bar->isVisible() && bar->parentWidget() == &window) bars.push_back(bar);  // the dock tab bars
        CHECK_FALSE(bars.empty());
        for (std::size_t a = 0; a < bars.size(); ++a) {
            const QRect r = inWindow(window, *bars[a]);
            for (const QRect& d : docks) CHECK_FALSE(r.intersects(d));
            for (std::size_t b = a + 1; b < bars.size(); ++b) CHECK_FALSE(r.intersects(inWindow(window, *bars[b])));
            CHECK(QRect(QPoint(0, 0), screen).contains(r));
            for (int t = 0; t < bars[a]->count(); ++t) {
                const QPoint centre = bars[a]->tabRect(t).center();
                CHECK(window.childAt(bars[a]->mapTo(&window, centre)) == bars[a]);  // nothing drawn over it
                QTest::mouseClick(bars[a], Qt::LeftButton, {}, centre);
                CHECK(bars[a]->currentIndex() == t);
            }
        }
        // The map keeps its room.
        CHECK(window.canvas()->width() >= screen.width() * 2 / 5);
        CHECK(window.canvas()->height() >= screen.height() * 2 / 5);

        if (const char* dir = std::getenv("HONGTU_SCREENSHOT_DIR"); dir && screen.width() < 1920) {
            // The statistics in front, as the window opens.
            if (auto* stats = window.findChild<QDockWidget*>(QStringLiteral("progressDock"))) stats->raise();
            settle(window);
            CHECK(window.grab().save(QString::fromLocal8Bit(dir) + QStringLiteral("/viewer-%1x%2.png").arg(screen.width()).arg(screen.height())));
        }
    }
    QCoreApplication::removeTranslator(&zh);
}

TEST_CASE("screen layout: every dialog can shrink to a 1024×700 screen", "[ui][layout]") {
    auto project = render::loadProject(HONGTU_DEMO_PROJECT);
    REQUIRE(project);
    const QSize small(1024, 700);
    ui::ImportTableDialog import(HONGTU_DEMO_PROJECT);
    CHECK(import.minimumSizeHint().width() <= small.width());
    CHECK(import.minimumSizeHint().height() <= small.height());
    ui::ExportDialog exportDialog(*project, {});
    CHECK(exportDialog.minimumSizeHint().width() <= small.width());
    CHECK(exportDialog.minimumSizeHint().height() <= small.height());
    ui::StatusEditDialog edit(*project->progress, QString(), geo::Date{2018, 6, 30});
    CHECK(edit.minimumSizeHint().height() <= small.height());

    SECTION("fitToScreen caps a dialog at the available geometry") {
        ui::fitToScreen(&import);
        const QSize available = ui::availableGeometry(&import).size();
        CHECK(import.width() <= available.width());
        CHECK(import.height() <= available.height());
        CHECK(import.maximumSize() == available);
    }
    SECTION("small screens are those below 1280×800") {
        CHECK(ui::isSmallScreen({1024, 700}));
        CHECK(ui::isSmallScreen({1366, 768}));
        CHECK_FALSE(ui::isSmallScreen({1920, 1080}));
        CHECK(ui::layoutKey({1366, 768}) == QStringLiteral("layout/1366x768"));
    }
}

TEST_CASE("screen layout: the dock layout the user leaves is remembered per screen size", "[ui][layout]") {
    const QSize screen(1366, 768);
    QSettings().remove(ui::layoutKey(screen));
    {
        auto project = render::loadProject(HONGTU_DEMO_PROJECT);
        REQUIRE(project);
        ui::MainWindow window(std::move(project).value());
        window.resize(screen);
        window.arrangeForScreen(screen);
        window.show();
        auto* legend = window.findChild<QDockWidget*>(QStringLiteral("legendDock"));
        REQUIRE(legend != nullptr);
        legend->hide();  // the user closes the legend
        REQUIRE(window.close());
    }
    CHECK(QSettings().contains(ui::layoutKey(screen)));
    {
        auto project = render::loadProject(HONGTU_DEMO_PROJECT);
        REQUIRE(project);
        ui::MainWindow window(std::move(project).value());
        window.resize(screen);
        window.arrangeForScreen(screen);
        window.show();
        CHECK_FALSE(window.findChild<QDockWidget*>(QStringLiteral("legendDock"))->isVisible());
    }
    {
        // Another screen size has its own layout: the legend is there.
        auto project = render::loadProject(HONGTU_DEMO_PROJECT);
        REQUIRE(project);
        ui::MainWindow window(std::move(project).value());
        window.resize(1920, 1080);
        window.arrangeForScreen({1920, 1080});
        window.show();
        CHECK(window.findChild<QDockWidget*>(QStringLiteral("legendDock"))->isVisible());
    }
    QSettings().remove(ui::layoutKey(screen));
}
