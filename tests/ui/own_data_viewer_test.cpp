// The own-data viewer parts driven offscreen on the 阳泉 fixtures: the new-project wizard (create,
// check report, first ledger) and the ledger import dialog (preview as a table, apply). The
// hidden [.screenshots] case renders the wizard for the README's "Start with your own data".

#include <catch2/catch_test_macros.hpp>

#include <QAction>
#include <QCoreApplication>
#include <QDate>
#include <QPlainTextEdit>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTimer>

#include <filesystem>

#include "hongtu/geo/datasource.hpp"
#include "hongtu/geo/progress/store.hpp"
#include "render/loaded_project.hpp"
#include "test_support.hpp"
#include "ui/ledger_import_dialog.hpp"
#include "ui/main_window.hpp"
#include "ui/new_project_wizard.hpp"
#include "ui/progress_controller.hpp"

using namespace hongtu;

namespace {
QString fx(const char* name) { return QStringLiteral(HONGTU_LEDGER_FIXTURES "/") + QString::fromUtf8(name); }

void fill(ui::NewProjectWizard& w, const QString& project) {
    w.setNow("2018-04-01T00:00:00Z");
    w.setProjectPath(project);
    w.setCounties(fx("boundary/阳泉县界.shp"));
    w.setVillages(fx("villages.xlsx"));
    w.setDivision(QStringLiteral(HONGTU_TEST_DATA "/ledger/division"));
    w.setLedger(fx("ledger_2018-04.xlsx"), QDate(2018, 4, 30));
}

// 阳泉.gpkg in `dir` as the wizard makes it, with April's ledger imported.
QString projectWithAprilLedger(const QTemporaryDir& dir) {
    const QString project = dir.path() + QStringLiteral("/阳泉.gpkg");
    ui::NewProjectWizard wizard;
    fill(wizard, project);
    REQUIRE(wizard.createProject());
    REQUIRE(wizard.applyLedger());
    return project;
}
}  // namespace

TEST_CASE("The new-project wizard creates the project, shows the check and imports the first ledger on Finish", "[own_data]") {
    QTemporaryDir dir;
    const QString project = dir.path() + QStringLiteral("/阳泉.gpkg");
    ui::NewProjectWizard wizard;
    fill(wizard, project);
    wizard.show();
    wizard.next();  // boundaries -> villages
    wizard.next();  // villages -> check: the project is created here
    REQUIRE(wizard.report());
    CHECK(wizard.currentId() == 2);
    CHECK(wizard.reportView()->toPlainText().contains(QStringLiteral("阳泉市")));
    CHECK(wizard.reportView()->toPlainText().contains(QStringLiteral("1 个不在")));
    CHECK(std::filesystem::exists(project.toStdString()));
    REQUIRE(wizard.previewLedger());
    wizard.accept();
    auto data = geo::progress::readProgressData(project.toStdString());
    REQUIRE(data);
    CHECK(data->projects.size() == 20);
    auto loaded = render::loadProject(project.toStdString());
    REQUIRE(loaded);
    CHECK(loaded->progress);
    // The window is titled from the project's data, and offers both new entries.
    ui::MainWindow window(std::move(loaded).value());
    CHECK(window.windowTitle().contains(QStringLiteral("阳泉市")));
    CHECK_FALSE(window.windowTitle().contains(QStringLiteral("Lüliang")));
    CHECK(window.findChild<QAction*>(QStringLiteral("newProjectAction")));
    CHECK(window.findChild<QAction*>(QStringLiteral("importLedgerAction")));
}

TEST_CASE("The ledger import dialog previews the changes as a table; apply writes them and reports the ledger's day", "[own_data]") {
    QTemporaryDir dir;
    const QString project = projectWithAprilLedger(dir);
    ui::LedgerImportDialog dialog(project.toStdString());
    dialog.setRecordedAt("2018-05-31T12:00:00Z");
    dialog.setLedger(fx("ledger_2018-05.csv"));
    dialog.setAsOf(QDate(2018, 5, 31));
    REQUIRE(dialog.preview());
    REQUIRE(dialog.plan());
    CHECK(dialog.changeTable()->rowCount() == 12);  // 2 added + 10 moved (unchanged rows are not listed)
    QList<QDate> applied;
    QObject::connect(&dialog, &ui::LedgerImportDialog::applied, [&](const QDate& day, const QString&) { applied << day; });
    REQUIRE(dialog.apply());
    REQUIRE(applied.size() == 1);
    CHECK(applied.front() == QDate(2018, 5, 31));
    auto data = geo::progress::readProgressData(project.toStdString());
    REQUIRE(data);
    CHECK(data->projects.size() == 22);
    // As `hongtu ledger import` does, the dialog made QGIS's default styles again, the progress
    // views' among them, stamped with this import's time (QGIS shows the new day too).
    auto source = geo::DataSource::open(project.toStdString());
    REQUIRE(source);
    auto qgis = source->readLayer("layer_styles");
    REQUIRE(qgis);
    const auto name = qgis->fieldIndex("f_table_name");
    const auto time = qgis->fieldIndex("update_time");
    REQUIRE(name);
    REQUIRE(time);
    bool countyView = false;
    for (const auto& f : qgis->features) {
        CHECK(geo::toText(f.values[*time]) == "2018-05-31T12:00:00Z");
        if (geo::toText(f.values[*name]) == "county_progress") countyView = true;
    }
    CHECK(countyView);
}

TEST_CASE("进度 → 导入台账… in the window: after applying, the progress shows the ledger's day and its projects", "[own_data]") {
    QTemporaryDir dir;
    const QString project = projectWithAprilLedger(dir);
    auto loaded = render::loadProject(project.toStdString());
    REQUIRE(loaded);
    ui::MainWindow window(std::move(loaded).value());
    REQUIRE(window.progressController());
    QAction* action = window.findChild<QAction*>(QStringLiteral("importLedgerAction"));
    REQUIRE(action);
    bool previewed = false, appliedOk = false;
    // The menu opens the dialog modally: drive it from the event loop it runs.
    QTimer::singleShot(0, &window, [&] {
        auto* dialog = window.findChild<ui::LedgerImportDialog*>();
        if (!dialog) return;
        dialog->setRecordedAt("2018-05-31T12:00:00Z");
        dialog->setLedger(fx("ledger_2018-05.csv"));
        dialog->setAsOf(QDate(2018, 5, 31));
        previewed = dialog->preview();
        appliedOk = previewed && dialog->apply();
        dialog->accept();
    });
    action->trigger();
    CHECK(previewed);
    CHECK(appliedOk);
    CHECK(window.progressController()->asOf() == geo::Date{2018, 5, 31});
    REQUIRE(window.project().progress);
    CHECK(window.project().progress->projects().size() == 22);
}

TEST_CASE("screenshots: the new-project wizard for the README", "[.screenshots]") {
    test::ScreenshotSetup setup;
    REQUIRE(setup.ready());
    QTemporaryDir dir;
    ui::NewProjectWizard wizard;
    fill(wizard, dir.path() + QStringLiteral("/阳泉.gpkg"));
    wizard.show();
    wizard.next();
    wizard.next();
    REQUIRE(wizard.report());
    REQUIRE(wizard.previewLedger());
    for (int i = 0; i < 5; ++i) QCoreApplication::processEvents();
    CHECK(wizard.grab().save(setup.out + QStringLiteral("wizard-new-project.png")));
    REQUIRE(wizard.applyLedger());

    ui::LedgerImportDialog dialog(wizard.projectPath().toStdString());
    dialog.setRecordedAt("2018-06-30T12:00:00Z");
    dialog.setLedger(fx("ledger_2018-05.csv"));
    dialog.setAsOf(QDate(2018, 5, 31));
    REQUIRE(dialog.preview());
    REQUIRE(dialog.apply());
    dialog.setLedger(fx("ledger_2018-06.xlsx"));
    dialog.setAsOf(QDate(2018, 6, 30));
    REQUIRE(dialog.preview());
    dialog.show();
    for (int i = 0; i < 5; ++i) QCoreApplication::processEvents();
    CHECK(dialog.grab().save(setup.out + QStringLiteral("ledger-import-dialog.png")));
}
