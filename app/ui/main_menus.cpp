#include "ui/main_menus.hpp"

#include <QAction>
#include <QActionGroup>
#include <QCoreApplication>
#include <QFileDialog>
#include <QKeySequence>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProcess>
#include <QStatusBar>

#include "export/route_sheet.hpp"
#include "hongtu/geo/datasource.hpp"
#include "ui/county_box.hpp"
#include "ui/document_actions.hpp"
#include "ui/export_dialog.hpp"
#include "ui/import_table_dialog.hpp"
#include "ui/ledger_import_dialog.hpp"
#include "ui/map_canvas.hpp"
#include "ui/new_project_wizard.hpp"
#include "ui/pg_change_watcher.hpp"
#include "ui/progress_controller.hpp"
#include "ui/project_document.hpp"
#include "ui/window_shortcuts.hpp"

namespace hongtu::ui {

MainMenus::MainMenus(QMainWindow& window, ProjectDocument& document, MapCanvas& canvas, WindowShortcuts& shortcuts,
                     const CountyBox& county)
    : QObject(&window), window_(window), document_(document), canvas_(canvas), shortcuts_(shortcuts), county_(county) {
    createFileMenu();
    createRouteMenu();
    createViewMenu();
}

void MainMenus::createFileMenu() {
    QMenu* file = window_.menuBar()->addMenu(tr("&File"));
    // 文件 → 新建项目…: the wizard; the new project opens in a window of its own.
    file->addAction(tr("New project…"), this, [this] {
            NewProjectWizard wizard(&window_);
            if (wizard.exec() == QDialog::Accepted && wizard.report())
                QProcess::startDetached(QCoreApplication::applicationFilePath(), {QStringLiteral("--project"), wizard.projectPath()});
        })
        ->setObjectName(QStringLiteral("newProjectAction"));
    QAction* import = file->addAction(tr("Import table…"), this, [this] { openImportDialog(); });
    import->setObjectName(QStringLiteral("importTableAction"));
    import->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    shortcuts_.add(import);
    QAction* exportMap = file->addAction(tr("Export map…"), this, [this] {
        // Modal: the dialog refers to the project, which a reload would replace. A page shows
        // the whole project: layers still being read are waited for (issue 16).
        document_.finishLoading();
        ExportDialog dialog(document_.project(), canvas_.settings().visibleLayerIds, &window_);
        // What the screen shows is what prints: the page reports on the slider's day.
        if (const auto day = canvas_.settings().asOf) dialog.setAsOf(QString::fromStdString(day->iso()));
        // The county the 县 box shows is the page's unit (the whole area: the city).
        dialog.setUnit(county_.county() >= 0 ? county_.currentText() : QString());
        dialog.exec();
    });
    exportMap->setObjectName(QStringLiteral("exportMapAction"));
    exportMap->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
    shortcuts_.add(exportMap);
    file->addAction(tr("Add basemap…"), this, [this] { DocumentActions::chooseBasemap(document_, window_); })
        ->setObjectName(QStringLiteral("addBasemapAction"));
    file->addSeparator();
    QAction* quit = file->addAction(tr("Quit"), &window_, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
}

void MainMenus::createRouteMenu() {
    QMenu* routeMenu = window_.menuBar()->addMenu(tr("&Route"));
    QAction* planner = routeMenu->addAction(tr("Route planner"), this, &MainMenus::routePlannerRequested);
    planner->setObjectName(QStringLiteral("routePlannerAction"));
    planner->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    shortcuts_.add(planner);
    QAction* sheet = routeMenu->addAction(tr("Export route sheet…"), this, [this] {
        const render::RoutePlan* plan = document_.routePlan();
        if (!plan) {
            QMessageBox::information(&window_, tr("Hongtu"), tr("Plan a route first (Route → Route planner → Solve)."));
            return;
        }
        const QString path = QFileDialog::getSaveFileName(&window_, tr("Export route sheet"), tr("route-sheet.pdf"),
                                                          tr("PDF (*.pdf);;PNG (*.png);;SVG (*.svg)"));
        if (path.isEmpty()) return;
        // The same page as `hongtu route --sheet`: map with the tour, the timetable, the tour's date.
        document_.finishLoading();  // of the whole project, not of the layers read so far
        if (auto st = exporting::writeRouteSheet(path.toStdString(), document_.project(), *plan, {}); !st)
            QMessageBox::warning(&window_, tr("Hongtu"), QString::fromStdString(geo::redactConnectionString(st.error().toString())));
        else
            window_.statusBar()->showMessage(tr("Wrote %1").arg(QString::fromStdString(st->front()) + (st->size() > 1 ? QStringLiteral(" …") : QString())));
    });
    sheet->setObjectName(QStringLiteral("exportRouteSheetAction"));
}

void MainMenus::createViewMenu() {
    // 视图 → 刷新: read the project again (a shared PostGIS project also refreshes by itself).
    QMenu* view = window_.menuBar()->addMenu(tr("&View"));
    view->setObjectName(QStringLiteral("viewMenu"));
    QAction* refresh = view->addAction(tr("Refresh"), this, [this] { DocumentActions::reload(document_, window_); });
    refresh->setObjectName(QStringLiteral("refreshAction"));
    refresh->setShortcut(QKeySequence::Refresh);
    if (auto* watcher = PgChangeWatcher::create(document_.project().path, this)) {
        connect(watcher, &PgChangeWatcher::changed, this, [this](const QStringList& tables) {
            if (DocumentActions::reload(document_, window_))
                window_.statusBar()->showMessage(tr("Changed by another editor: %1").arg(tables.join(QStringLiteral(", "))));
        });
        connect(watcher, &PgChangeWatcher::lost, this, [this] {
            window_.statusBar()->showMessage(tr(
                "The connection that shows other editors' changes was lost: they appear only after "
                "View → Refresh (F5)"));
        });
    }
    QMenu* crs = view->addMenu(tr("Coordinate system"));
    auto* group = new QActionGroup(this);
    const auto add = [&](const QString& text, const std::string& option, const char* name) {
        QAction* a = crs->addAction(text);
        a->setObjectName(QString::fromLatin1(name));
        a->setCheckable(true);
        a->setChecked(option == document_.displayCrsOption());
        group->addAction(a);
        connect(a, &QAction::triggered, this, [this, option] { DocumentActions::switchCrs(document_, canvas_, window_, option); });
    };
    const std::string& automatic = document_.project().automaticDisplayCrs;
    add(automatic.starts_with("EPSG:") ? tr("Gauss-Krüger zone of the data (%1)").arg(QString::fromStdString(automatic))
                                       : tr("Albers equal-area for China (national data)"),
        "", "crsAutomaticAction");
    add(tr("Web Mercator (EPSG:3857)"), "EPSG:3857", "crsWebMercatorAction");
    add(tr("CGCS2000 geographic (EPSG:4490)"), "EPSG:4490", "crsGeographicAction");
}

// 进度 → 导入台账…: after applying, the map, charts and overdue list move to the ledger's day.
void MainMenus::addLedgerImport(QMenu* progressMenu) {
    if (!progressMenu) progressMenu = window_.menuBar()->addMenu(ProgressController::tr("&Progress"));
    progressMenu->addSeparator();
    progressMenu->addAction(tr("Import ledger…"), this, [this] {
                    LedgerImportDialog dialog(document_.project().path, &window_);
                    connect(&dialog, &LedgerImportDialog::applied, this, [this](const QDate& day, const QString& summary) {
                        if (!DocumentActions::reload(document_, window_)) return;
                        if (document_.asOf()) document_.setAsOf(geo::Date{day.year(), day.month(), day.day()});  // the progress tools follow
                        window_.statusBar()->showMessage(summary);
                    });
                    dialog.exec();
                })
        ->setObjectName(QStringLiteral("importLedgerAction"));
}

ImportTableDialog* MainMenus::openImportDialog() {
    if (!importDialog_) {
        importDialog_ = new ImportTableDialog(document_.project().path, &window_);
        connect(importDialog_, &ImportTableDialog::imported, this, [this](const QString&, const QString& summary) {
            if (DocumentActions::reload(document_, window_)) window_.statusBar()->showMessage(summary);
        });
    }
    importDialog_->show();
    importDialog_->raise();
    importDialog_->activateWindow();
    return importDialog_;
}

}  // namespace hongtu::ui
