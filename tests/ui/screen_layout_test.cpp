// The main window on the screens planners have (ui/screen_fit.hpp, MainWindow::arrangeForScreen):
// at 1024×700, 1366×768 and 1920×1080 no two visible docks or dock tab bars overlap, every dock
// tab can be clicked, the map keeps its room, and the dialogs fit the screen.
//
// The dialogs are opened on screens of those sizes too (the offscreen platform configured with
// one screen of that size, in a child run of this binary): each fits the screen, frame
// included, and each of its controls can be reached (scrolled to) and is not covered.
//
// With HONGTU_SCREENSHOT_DIR set (and the translation installed by the test), the window is
// saved as viewer-1024x700.png and viewer-1366x768.png for docs/viewer.md.
#include <catch2/catch_test_macros.hpp>

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QFile>
#include <QLineEdit>
#include <QProcess>
#include <QScreen>
#include <QScrollArea>
#include <QSettings>
#include <QTabBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

#include <cstdlib>

#include "render/loaded_project.hpp"
#include "test_support.hpp"
#include "ui/export_dialog.hpp"
#include "ui/import_table_dialog.hpp"
#include "ui/ledger_import_dialog.hpp"
#include "ui/main_window.hpp"
#include "ui/map_canvas.hpp"
#include "ui/new_project_wizard.hpp"
#include "ui/screen_fit.hpp"
#include "ui/status_edit_dialog.hpp"
#include "ui/style_editor.hpp"

using namespace hongtu;

namespace {

QRect inWindow(const QWidget& window, const QWidget& w) { return QRect(w.mapTo(&window, QPoint(0, 0)), w.size()); }

void settle(ui::MainWindow& window) {
    window.canvas()->waitForRender();
    for (int i = 0; i < 5; ++i) QCoreApplication::processEvents();
}

// Checks that `dialog`, shown, lies on the screen (frame included) and that each of its
// controls can be reached: scrolled into view when it is in a scroll area, then inside the
// dialog and the topmost widget at its centre.
void checkFitsScreen(QWidget& dialog) {
    dialog.show();
    for (int i = 0; i < 5; ++i) QCoreApplication::processEvents();
    const QRect screen = dialog.screen()->availableGeometry();
    const QRect frame = dialog.frameGeometry();
    INFO(dialog.objectName().toStdString() << ": frame " << frame.x() << "," << frame.y() << " " << frame.width() << "x" << frame.height()
                                           << " on a screen " << screen.width() << "x" << screen.height());
    CHECK(screen.contains(frame));
    CHECK(dialog.maximumWidth() <= screen.width());
    CHECK(dialog.maximumHeight() <= screen.height());
    int controls = 0;
    for (QWidget* w : dialog.findChildren<QWidget*>()) {
        const bool control = qobject_cast<QAbstractButton*>(w) || qobject_cast<QComboBox*>(w) || qobject_cast<QAbstractSpinBox*>(w) ||
                             (qobject_cast<QLineEdit*>(w) && !qobject_cast<QAbstractSpinBox*>(w->parentWidget()) &&
                              !qobject_cast<QComboBox*>(w->parentWidget()));
        if (!control || !w->isVisibleTo(&dialog) || w->window() != &dialog) continue;
        if (qobject_cast<QAbstractItemView*>(w->parentWidget())) continue;  // a table's corner button, an open cell editor
        for (QWidget* p = w->parentWidget(); p && p != &dialog; p = p->parentWidget())
            if (auto* area = qobject_cast<QScrollArea*>(p)) {
                area->ensureWidgetVisible(w, 0, 0);
                QCoreApplication::processEvents();
            }
        const QRect r(w->mapTo(&dialog, QPoint(0, 0)), w->size());
        const QPoint centre = r.center();
        QWidget* top = dialog.childAt(centre);
        INFO(w->metaObject()->className() << " '" << w->objectName().toStdString() << "' at " << r.x() << "," << r.y() << " "
                                          << r.width() << "x" << r.height() << " in a dialog " << dialog.width() << "x"
                                          << dialog.height());
        CHECK(dialog.rect().contains(centre));
        CHECK((top == w || w->isAncestorOf(top)));
        ++controls;
    }
    CHECK(controls >= 3);
}

}  // namespace

// Run by the test below in a child process whose offscreen screen has the size to check.
TEST_CASE("screen layout: the dialogs fit this screen and every control can be reached", "[.screen-dialogs]") {
    QTranslator zh;  // Chinese labels: the widths a planner sees
    REQUIRE(zh.load(QStringLiteral(":/i18n/hongtu_zh_CN")));
    QCoreApplication::installTranslator(&zh);
    const QRect screen = QGuiApplication::primaryScreen()->availableGeometry();
    INFO("screen " << screen.width() << "x" << screen.height());
    auto project = render::loadProject(HONGTU_DEMO_PROJECT, render::ProjectOptions{.displayCrs = {}, .progressDate = geo::Date{2018, 6, 30}});
    REQUIRE(project);
    ui::MainWindow window(std::move(project).value());
    window.arrangeForScreen(screen.size());
    window.showMaximized();
    window.resize(screen.size());
    settle(window);

    SECTION("the style editor of every layer") {
        int editors = 0;
        for (const auto& layer : window.canvas()->scene().layers) {
            INFO("layer " << layer.id);
            ui::StyleEditor* editor = window.openStyleEditor(layer.id);
            REQUIRE(editor != nullptr);
            checkFitsScreen(*editor);
            editor->reject();
            ++editors;
        }
        CHECK(editors >= 5);
    }
    SECTION("the export dialog") {
        ui::ExportDialog dialog(window.project(), window.canvas()->settings().visibleLayerIds, &window);
        checkFitsScreen(dialog);
    }
    SECTION("the table import dialog") {
        ui::ImportTableDialog dialog(HONGTU_DEMO_PROJECT, &window);
        checkFitsScreen(dialog);
    }
    SECTION("the status form") {
        ui::StatusEditDialog dialog(*window.project().progress, QString(), geo::Date{2018, 6, 30}, &window);
        checkFitsScreen(dialog);
    }
    SECTION("the ledger import dialog") {
        ui::LedgerImportDialog dialog(HONGTU_DEMO_PROJECT, &window);
        checkFitsScreen(dialog);
    }
    SECTION("the new-project wizard") {
        ui::NewProjectWizard wizard(&window);
        checkFitsScreen(wizard);
    }
    QCoreApplication::removeTranslator(&zh);
}

TEST_CASE("screen layout: on a 1024×700 and a 1366×768 screen every dialog fits and each control can be reached", "[ui][layout]") {
    for (const QSize screen : {QSize(1024, 700), QSize(1366, 768)}) {
        INFO("screen " << screen.width() << "x" << screen.height());
        QTemporaryDir dir;
        QFile config(dir.filePath(QStringLiteral("screens.json")));
        REQUIRE(config.open(QIODevice::WriteOnly));
        config.write(QStringLiteral(R"({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": %1, "height": %2,
                                        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]})")
                         .arg(screen.width())
                         .arg(screen.height())
                         .toUtf8());
        config.close();
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen:configfile=") + config.fileName());
        child.setProcessEnvironment(env);
        child.setProcessChannelMode(QProcess::MergedChannels);
        child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("[.screen-dialogs]")});
        REQUIRE(child.waitForFinished(300000));
        const QString out = QString::fromLocal8Bit(child.readAll());
        INFO(out.right(6000).toStdString());
        CHECK(child.exitCode() == 0);
        CHECK(out.contains(QStringLiteral("All tests passed")));
    }
}

TEST_CASE("screen layout: at 1024×700, 1366×768 and 1920×1080 docks and tabs never overlap and every tab can be clicked", "[ui][layout]") {
    test::forDemoWindowsInChinese({QSize(1024, 700), QSize(1366, 768), QSize(1920, 1080)}, nullptr, [](ui::MainWindow& window, QSize screen) {
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
    });
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
        const auto opened = test::openDemoWindow(screen);
        REQUIRE(opened);
        ui::MainWindow& window = *opened;
        auto* legend = window.findChild<QDockWidget*>(QStringLiteral("legendDock"));
        REQUIRE(legend != nullptr);
        legend->hide();  // the user closes the legend
        REQUIRE(window.close());
    }
    CHECK(QSettings().contains(ui::layoutKey(screen)));
    {
        const auto opened = test::openDemoWindow(screen);
        REQUIRE(opened);
        ui::MainWindow& window = *opened;
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
