#include "ui/main_window.hpp"
#include "ui/background_task.hpp"

#include "render/map_renderer.hpp"

#include <QAction>
#include <QCloseEvent>
#include <QScrollArea>
#include <QSettings>
#include <QSignalBlocker>
#include <QComboBox>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QKeySequence>
#include <QLabel>
#include <QListWidgetItem>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProcess>
#include <QCoreApplication>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

#include <algorithm>

#include "hongtu/geo/datasource.hpp"
#include "hongtu/geo/pg_store.hpp"
#include "ui/data_check_indicator.hpp"
#include "ui/attribute_table.hpp"
#include "ui/feature_panels.hpp"
#include "export/route_sheet.hpp"
#include "ui/export_dialog.hpp"
#include "ui/pg_change_watcher.hpp"
#include "ui/import_table_dialog.hpp"
#include "ui/ledger_import_dialog.hpp"
#include "ui/new_project_wizard.hpp"
#include "ui/layer_controls.hpp"
#include "ui/layer_panel.hpp"
#include "ui/legend_panel.hpp"
#include "ui/map_canvas.hpp"
#include "ui/progress_controller.hpp"
#include "hongtu/geo/new_project.hpp"
#include "ui/route_panel.hpp"
#include "ui/status_format.hpp"
#include "ui/screen_fit.hpp"
#include "ui/window_shortcuts.hpp"
#include "render/progress_theme.hpp"

namespace hongtu::ui {

MainWindow::MainWindow(render::Project project, QWidget* parent)
    : QMainWindow(parent), project_(std::move(project)) {
    const QString fileName = geo::isPostgresSource(project_.path)
                                 ? QString::fromStdString(geo::redactConnectionString(project_.path))  // no password in the title
                                 : QFileInfo(QString::fromStdString(project_.path)).fileName();
    // A project made with `hongtu new` carries its own title (hongtu_project.title); the demo has none.
    const auto meta = geo::readProjectMetadata(project_.path);
    const auto title = meta.find("title");
    if (title != meta.end() && !title->second.empty())
        setWindowTitle(QStringLiteral("宏图 Hongtu — ") + QString::fromStdString(title->second) + QStringLiteral(" — ") + fileName);
    else
        setWindowTitle(tr("Hongtu — Lüliang grassroots construction") + QStringLiteral(" — ") + fileName);

    canvas_ = new MapCanvas(project_.scene, this);
    setCentralWidget(canvas_);

    layerDock_ = new QDockWidget(tr("Layers"), this);
    layerDock_->setObjectName(QStringLiteral("layersDock"));
    layerDock_->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::LeftDockWidgetArea, layerDock_);
    rebuildLayerPanel();

    legendPanel_ = new LegendPanel(this);
    auto* legendDock = new QDockWidget(tr("Legend"), this);
    legendDock->setObjectName(QStringLiteral("legendDock"));
    legendDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    legendDock->setWidget(legendPanel_);
    addDockWidget(Qt::LeftDockWidgetArea, legendDock);
    resizeDocks({layerDock_}, {300}, Qt::Horizontal);
    resizeDocks({layerDock_, legendDock}, {170, 500}, Qt::Vertical);
    connect(canvas_, &MapCanvas::settingsChanged, this, &MainWindow::updateLegend);
    updateLegend();

    shortcuts_ = new WindowShortcuts(this);
    createMenus();
    createViewMenu();
    createToolBar();
    createFeatureDocks();
    readFieldTitles();
    if (project_.progress) progress_ = new ProgressController(*this, *project_.progress, project_.progressDate);
    addLedgerImportAction();

    routePanel_ = new RoutePanel(project_.path, this);
    routeDock_ = new QDockWidget(tr("Route planner"), this);
    routeDock_->setObjectName(QStringLiteral("routeDock"));
    routeDock_->setWidget(scrollable(routePanel_, routeDock_));  // scrolls on a small screen
    addDockWidget(Qt::RightDockWidgetArea, routeDock_);
    if (auto* searchDock = findChild<QDockWidget*>(QStringLiteral("searchDock"))) tabifyDockWidget(searchDock, routeDock_);
    routeDock_->hide();  // opened from the menu 路线 → 路线规划
    connectRoutePanel(*this, *routePanel_);

    auto result = geo::Transformer::create(project_.scene.displayCrs, "EPSG:4490");
    if (result) toLonLat_.emplace(std::move(result).value());

    projectedLabel_ = new QLabel(this);
    lonLatLabel_ = new QLabel(this);
    scaleLabel_ = new QLabel(this);
    statusBar()->addPermanentWidget(projectedLabel_);
    statusBar()->addPermanentWidget(lonLatLabel_);
    statusBar()->addPermanentWidget(scaleLabel_);
    dataCheck_ = new DataCheckIndicator(this);
    statusBar()->addPermanentWidget(dataCheck_);
    dataCheck_->checkInBackground(project_.path);
    connect(canvas_, &MapCanvas::cursorMoved, this, &MainWindow::showCursorPosition);
    connect(canvas_, &MapCanvas::cursorLeft, this, &MainWindow::clearCursorPosition);
    connect(canvas_, &MapCanvas::settingsChanged, this, &MainWindow::showScale);
    clearCursorPosition();
    showScale();

    // Problems that did not stop loading are shown once, here; the map shows what could be read.
    if (!project_.warnings.isEmpty()) statusBar()->showMessage(project_.warnings.join(QStringLiteral("  ")));
}

MainWindow::~MainWindow() {
    // project_ dies before the child widgets: no render thread and no table model may still
    // read its scene.
    canvas_->waitForRender();
    attributeTable_->setScene(nullptr);
}

void MainWindow::readFieldTitles() {
    // Titles the project carries (gpkg_data_columns) before the built-in ones; a project
    // without them, or a database, uses the built-in table only.
    fieldTitles_ = {};
    if (!geo::isPostgresSource(project_.path))
        if (auto titles = geo::readColumnTitles(project_.path)) fieldTitles_ = ProjectFieldTitles(*titles);
    if (featureInfo_) featureInfo_->setProjectTitles(&fieldTitles_);
    if (attributeTable_ && attributeTable_->model()) attributeTable_->model()->setProjectTitles(&fieldTitles_);
}

void MainWindow::arrangeForScreen(QSize available) {
    arrangedFor_ = available;
    auto* legendDock = findChild<QDockWidget*>(QStringLiteral("legendDock"));
    auto* searchDock = findChild<QDockWidget*>(QStringLiteral("searchDock"));
    auto* overdueDock = findChild<QDockWidget*>(QStringLiteral("overdueDock"));
    const int side = std::min(available.width() / 4, 320);
    if (isSmallScreen(available)) {
        if (legendDock) {
            tabifyDockWidget(layerDock_, legendDock);
            layerDock_->raise();
        }
        if (overdueDock && searchDock) tabifyDockWidget(searchDock, overdueDock);
        if (auto* stats = findChild<QDockWidget*>(QStringLiteral("progressDock"))) stats->raise();
        else if (searchDock) searchDock->raise();
        resizeDocks({layerDock_}, {std::min(available.width() / 5, 260)}, Qt::Horizontal);
        if (searchDock) resizeDocks({searchDock}, {side + 40}, Qt::Horizontal);
    } else {
        resizeDocks({layerDock_}, {std::min(side, 300)}, Qt::Horizontal);
        if (searchDock) resizeDocks({searchDock}, {std::min(available.width() / 3, 440)}, Qt::Horizontal);
    }
    const QByteArray saved = QSettings().value(layoutKey(available)).toByteArray();
    if (!saved.isEmpty()) restoreState(saved);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (arrangedFor_.isValid()) QSettings().setValue(layoutKey(arrangedFor_), saveState());
    QMainWindow::closeEvent(event);
}

void MainWindow::rebuildLayerPanel() {
    auto* box = new QWidget(layerDock_);
    auto* panel = new LayerPanel(project_.scene, canvas_->settings().visibleLayerIds, box);
    connect(panel, &LayerPanel::layerVisibilityChanged, canvas_,
            [this](const QString& id, bool visible) { canvas_->setLayerVisible(id.toStdString(), visible); });
    auto* controls = createLayerControls(panel, box);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(panel);
    layout->addWidget(controls);
    QWidget* old = layerDock_->widget();
    layerDock_->setWidget(scrollable(box, layerDock_));  // deletes nothing: the old panel is deleted below
    if (old) old->deleteLater();
    layerPanel_ = panel;
    layerControls_ = controls;
}

void MainWindow::createFeatureDocks() {
    searchPanel_ = new SearchPanel(this);
    searchPanel_->setScene(&project_.scene);
    auto* searchDock = new QDockWidget(tr("Search"), this);
    searchDock->setObjectName(QStringLiteral("searchDock"));
    searchDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    searchDock->setWidget(searchPanel_);
    addDockWidget(Qt::RightDockWidgetArea, searchDock);
    connect(searchPanel_, &SearchPanel::featureChosen, this, &MainWindow::showFeature);

    featureInfo_ = new FeatureInfoPanel(this);
    featureInfoDock_ = new QDockWidget(tr("Feature attributes"), this);
    featureInfoDock_->setObjectName(QStringLiteral("featureInfoDock"));
    featureInfoDock_->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    featureInfoDock_->setWidget(featureInfo_);
    addDockWidget(Qt::RightDockWidgetArea, featureInfoDock_);
    resizeDocks({searchDock}, {280}, Qt::Horizontal);
    resizeDocks({searchDock, featureInfoDock_}, {300, 400}, Qt::Vertical);

    attributeTable_ = new AttributeTable(this);
    attributeTable_->setScene(&project_.scene);
    attributeDock_ = new QDockWidget(tr("Attribute table"), this);
    attributeDock_->setObjectName(QStringLiteral("attributeDock"));
    attributeDock_->setWidget(attributeTable_);
    addDockWidget(Qt::BottomDockWidgetArea, attributeDock_);
    attributeDock_->hide();  // opened from the toolbar: it takes room from the map
    connect(attributeTable_, &AttributeTable::selectionChanged, this, [this](const std::vector<render::FeatureRef>& features) {
        canvas_->setHighlight(features);
        followCountyOf(features);
        emit selectionChanged(features);
        if (features.size() == 1) featureInfo_->showFeature(project_.scene, features.front());
    });
    if (QToolBar* bar = findChild<QToolBar*>(QStringLiteral("navigationToolBar"))) {
        QAction* toggle = attributeDock_->toggleViewAction();
        toggle->setText(tr("Attribute table"));
        bar->addSeparator();
        bar->addAction(toggle);
    }

    connect(canvas_, &MapCanvas::clicked, this, &MainWindow::identifyAt);
    connect(canvas_, &MapCanvas::boxSelected, this, [this](QRectF box) {
        const auto selected = render::featuresIn(project_.scene, canvas_->settings(), box);
        select(selected);
        statusBar()->showMessage(tr("%n feature(s) selected", "", static_cast<int>(selected.size())));
    });
}

void MainWindow::select(const std::vector<render::FeatureRef>& features) {
    canvas_->setHighlight(features);
    attributeTable_->showSelection(features);
    followCountyOf(features);
    emit selectionChanged(features);
}

void MainWindow::followCountyOf(const std::vector<render::FeatureRef>& features) {
    // The 县 box names the county of the one selected feature (a 岚县 project: 岚县), without
    // zooming; several features or none leave it as it is.
    if (features.size() != 1 || !countyBox_) return;
    const render::SceneLayer* layer = project_.scene.find(features.front().layerId);
    const render::SceneLayer* counties = project_.scene.find("counties");
    if (!layer || !counties || features.front().item >= layer->itemCount()) return;
    const std::string code = layer->text(features.front().item, "county_code");
    if (code.empty()) return;
    for (std::size_t i = 0; i < counties->itemCount(); ++i) {
        if (counties->text(i, "county_code") != code) continue;
        const int row = countyBox_->findData(static_cast<int>(i));
        if (row >= 0 && row != countyBox_->currentIndex()) {
            const QSignalBlocker quiet(countyBox_);
            countyBox_->setCurrentIndex(row);
        }
        return;
    }
}

const std::vector<render::FeatureRef>& MainWindow::selection() const { return canvas_->highlight(); }

void MainWindow::fillCountyBox() {
    countyBox_->blockSignals(true);
    countyBox_->clear();
    countyBox_->addItem(tr("Whole area"), -1);
    if (const render::SceneLayer* counties = project_.scene.find("counties"))
        for (std::size_t i = 0; i < counties->itemCount(); ++i)
            countyBox_->addItem(QString::fromStdString(counties->text(i, "name")), static_cast<int>(i));
    countyBox_->blockSignals(false);
}

void MainWindow::identifyAt(QPointF pixel) {
    const auto feature = render::featureAt(project_.scene, canvas_->settings(), pixel);
    if (!feature) {
        select({});
        featureInfo_->showNothing();
        return;
    }
    select({*feature});
    featureInfo_->showFeature(project_.scene, *feature);
    featureInfoDock_->raise();
}

void MainWindow::showFeature(const render::FeatureRef& feature) {
    // A search result on a layer that is switched off: switch it on (with its labels), or the
    // map zooms to an empty ring.
    if (!canvas_->settings().isLayerVisible(feature.layerId)) {
        if (QListWidgetItem* item = layerPanel_->itemFor(feature.layerId)) item->setCheckState(Qt::Checked);
        else canvas_->setLayerVisible(feature.layerId, true);
    }
    canvas_->zoomToBox(render::featureBounds(project_.scene, feature));
    select({feature});
    featureInfo_->showFeature(project_.scene, feature);
}

void MainWindow::updateLegend() {
    // Rebuilt only when the set of visible layers, of layers drawn at this scale or the day
    // changes, not on every pan.
    std::vector<std::string> drawn;
    for (const auto& layer : project_.scene.layers)
        if (render::layerDrawn(layer, canvas_->settings())) drawn.push_back(layer.id);
    if (canvas_->settings().visibleLayerIds == legendLayers_ && drawn == legendDrawn_ && canvas_->settings().asOf == legendAsOf_ &&
        legendPanel_->topLevelItemCount() > 0)
        return;
    legendLayers_ = canvas_->settings().visibleLayerIds;
    legendDrawn_ = std::move(drawn);
    legendAsOf_ = canvas_->settings().asOf;
    legendPanel_->showLegend(project_.scene, canvas_->settings());
}

void MainWindow::createMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    // 文件 → 新建项目…: the wizard; the new project opens in a window of its own.
    file->addAction(tr("New project…"), this, [this] {
        NewProjectWizard wizard(this);
        if (wizard.exec() == QDialog::Accepted && wizard.report())
            QProcess::startDetached(QCoreApplication::applicationFilePath(), {QStringLiteral("--project"), wizard.projectPath()});
    })->setObjectName(QStringLiteral("newProjectAction"));
    QAction* import = file->addAction(tr("Import table…"), this, [this] { openImportDialog(); });
    import->setObjectName(QStringLiteral("importTableAction"));
    import->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    shortcuts_->add(import);
    QAction* exportMap = file->addAction(tr("Export map…"), this, [this] {
        // Modal: the dialog refers to the project, which a reload would replace.
        ExportDialog dialog(project_, canvas_->settings().visibleLayerIds, this);
        // What the screen shows is what prints: the page reports on the slider's day.
        if (const auto day = canvas_->settings().asOf) dialog.setAsOf(QString::fromStdString(day->iso()));
        // The county the 县 box shows is the page's unit (the whole area: the city).
        dialog.setUnit(countyBox_->currentData().toInt() >= 0 ? countyBox_->currentText() : QString());
        dialog.exec();
    });
    exportMap->setObjectName(QStringLiteral("exportMapAction"));
    exportMap->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
    shortcuts_->add(exportMap);
    file->addAction(tr("Add basemap…"), this, &MainWindow::chooseBasemap)->setObjectName(QStringLiteral("addBasemapAction"));
    file->addSeparator();
    QAction* quit = file->addAction(tr("Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    QMenu* routeMenu = menuBar()->addMenu(tr("&Route"));
    QAction* planner = routeMenu->addAction(tr("Route planner"), this, [this] {
        routeDock_->show();
        routeDock_->raise();
        // The timetable needs room; sizes apply once the shown dock is laid out.
        QTimer::singleShot(0, this, [this] {
            resizeDocks({routeDock_, featureInfoDock_}, {height(), 1}, Qt::Vertical);
            // Room for the timetable, but the map keeps at least the rest (small screens).
            resizeDocks({routeDock_}, {std::min(std::max(routeDock_->width(), 620), width() * 3 / 8)}, Qt::Horizontal);
        });
    });
    planner->setObjectName(QStringLiteral("routePlannerAction"));
    planner->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    shortcuts_->add(planner);
    QAction* sheet = routeMenu->addAction(tr("Export route sheet…"), this, [this] {
        const render::RoutePlan* plan = routePanel_->plan();
        if (!plan) {
            QMessageBox::information(this, tr("Hongtu"), tr("Plan a route first (Route → Route planner → Solve)."));
            return;
        }
        const QString path = QFileDialog::getSaveFileName(this, tr("Export route sheet"), tr("route-sheet.pdf"),
                                                          tr("PDF (*.pdf);;PNG (*.png);;SVG (*.svg)"));
        if (path.isEmpty()) return;
        // The same page as `hongtu route --sheet`: map with the tour, the timetable, the tour's date.
        if (auto st = exporting::writeRouteSheet(path.toStdString(), project_, *plan, {}); !st)
            QMessageBox::warning(this, tr("Hongtu"), QString::fromStdString(geo::redactConnectionString(st.error().toString())));
        else
            statusBar()->showMessage(tr("Wrote %1").arg(QString::fromStdString(st->front()) +
                                                        (st->size() > 1 ? QStringLiteral(" …") : QString())));
    });
    sheet->setObjectName(QStringLiteral("exportRouteSheetAction"));
    // 视图 → 刷新: read the project again (a shared PostGIS project also refreshes by itself).
    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->setObjectName(QStringLiteral("viewMenu"));  // createViewMenu() adds the coordinate systems
    QAction* refresh = view->addAction(tr("Refresh"), this, [this] { reloadProject(); });
    refresh->setObjectName(QStringLiteral("refreshAction"));
    refresh->setShortcut(QKeySequence::Refresh);
    if (auto* watcher = PgChangeWatcher::create(project_.path, this)) {
        connect(watcher, &PgChangeWatcher::changed, this, [this](const QStringList& tables) {
            if (reloadProject()) statusBar()->showMessage(tr("Changed by another editor: %1").arg(tables.join(QStringLiteral(", "))));
        });
        connect(watcher, &PgChangeWatcher::lost, this, [this] {
            statusBar()->showMessage(tr("The connection that shows other editors' changes was lost: they appear only after "
                                        "View → Refresh (F5)"));
        });
    }
}

// 进度 → 导入台账…: after applying, the map, charts and overdue list move to the ledger's day.
void MainWindow::addLedgerImportAction() {
    QMenu* progressMenu = nullptr;
    for (QAction* a : menuBar()->actions())
        if (a->menu() && a->menu()->title() == ProgressController::tr("&Progress")) progressMenu = a->menu();
    if (!progressMenu) progressMenu = menuBar()->addMenu(ProgressController::tr("&Progress"));
    progressMenu->addSeparator();
    progressMenu->addAction(tr("Import ledger…"), this, [this] {
        LedgerImportDialog dialog(project_.path, this);
        connect(&dialog, &LedgerImportDialog::applied, this, [this](const QDate& day, const QString& summary) {
            if (!reloadProject()) return;
            if (progress_) progress_->setAsOf(geo::Date{day.year(), day.month(), day.day()});
            statusBar()->showMessage(summary);
        });
        dialog.exec();
    })->setObjectName(QStringLiteral("importLedgerAction"));
}

ImportTableDialog* MainWindow::openImportDialog() {
    if (!importDialog_) {
        importDialog_ = new ImportTableDialog(project_.path, this);
        connect(importDialog_, &ImportTableDialog::imported, this, [this](const QString&, const QString& summary) {
            if (reloadProject()) statusBar()->showMessage(summary);
        });
    }
    importDialog_->show();
    importDialog_->raise();
    importDialog_->activateWindow();
    return importDialog_;
}

bool MainWindow::reloadProject() {
    // Read off the UI thread (the window keeps repainting while a slow or locked project is read).
    auto project = runInBackground([path = project_.path, crs = displayCrsOption_] {
        return render::loadProject(path, render::ProjectOptions{.displayCrs = crs, .progressDate = {}});
    });
    if (!project) {
        QMessageBox::warning(this, tr("Hongtu"),
                             tr("The project could not be read again.") + QStringLiteral("\n\n") +
                                 QString::fromStdString(geo::redactConnectionString(project.error().toString())));
        return false;
    }
    otherCrsScenes_.clear();  // they show the file as it was
    installProject(std::move(project).value());
    return true;
}

void MainWindow::installProject(render::Project project, bool readAgain) {
    canvas_->waitForRender();               // no render may read the scene while it is replaced
    attributeTable_->setScene(nullptr);     // its model points into the old scene
    project_ = std::move(project);  // the canvas keeps referring to project_.scene
    readFieldTitles();
    project_.scene.basemap = basemap_;
    if (!overlays_.empty() && project_.scene.displayCrs != overlaysCrs_) {
        // Overlays (the route) were reprojected into the old display CRS: drawing them in the
        // new one would put them in the wrong place. They go; solving again draws them anew.
        overlays_.clear();
        statusBar()->showMessage(tr("The coordinate system changed: solve the route again to draw it."));
    }
    for (const auto& [group, layers] : overlays_)
        project_.scene.layers.insert(project_.scene.layers.end(), layers.begin(), layers.end());
    attributeTable_->setScene(&project_.scene);
    canvas_->sceneReplaced();
    rebuildLayerPanel();
    legendLayers_.clear();
    legendPanel_->clear();
    updateLegend();
    select({});  // item numbers of the old scene mean nothing now
    featureInfo_->showNothing();
    searchPanel_->setScene(&project_.scene);
    fillCountyBox();
    if (progress_) progress_->projectReloaded(readAgain);
    dataCheck_->checkInBackground(project_.path);
    if (!project_.warnings.isEmpty()) statusBar()->showMessage(project_.warnings.join(QStringLiteral("  ")));
}

void MainWindow::applyProgressModel(std::shared_ptr<const geo::ProgressModel> model) {
    canvas_->waitForRender();  // the render thread reads the layers' classifiers
    render::setProgressModel(project_.scene, model);
    project_.progress = std::move(model);
    canvas_->sceneReplaced();
    legendLayers_.clear();
    updateLegend();
}

void MainWindow::setOverlayLayers(const std::string& group, std::vector<render::SceneLayer> layers) {
    canvas_->waitForRender();            // no render may read the scene while it changes
    const std::string shownInTable = attributeTable_->layerBox()->currentData().toString().toStdString();
    attributeTable_->setScene(nullptr);  // its model may point at an overlay layer
    auto& sceneLayers = project_.scene.layers;
    for (const auto& old : overlays_[group])
        std::erase_if(sceneLayers, [&](const render::SceneLayer& l) { return l.id == old.id; });
    if (layers.empty())
        overlays_.erase(group);
    else
        overlays_[group] = layers, overlaysCrs_ = project_.scene.displayCrs;
    sceneLayers.insert(sceneLayers.end(), std::make_move_iterator(layers.begin()), std::make_move_iterator(layers.end()));
    attributeTable_->setScene(&project_.scene);
    if (project_.scene.find(shownInTable)) attributeTable_->showLayer(shownInTable);
    canvas_->sceneReplaced();
    rebuildLayerPanel();
    legendLayers_.clear();
    legendPanel_->clear();
    updateLegend();
    searchPanel_->setScene(&project_.scene);
}

void MainWindow::createToolBar() {
    QToolBar* bar = addToolBar(tr("Navigation"));
    bar->setObjectName(QStringLiteral("navigationToolBar"));
    bar->setMovable(false);
    QAction* zoomIn = bar->addAction(tr("Zoom in"), canvas_, &MapCanvas::zoomIn);
    zoomIn->setShortcut(QKeySequence::ZoomIn);
    QAction* zoomOut = bar->addAction(tr("Zoom out"), canvas_, &MapCanvas::zoomOut);
    zoomOut->setShortcut(QKeySequence::ZoomOut);
    QAction* full = bar->addAction(tr("Full extent"), canvas_, &MapCanvas::zoomToFullExtent);
    full->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    bar->addSeparator();
    bar->addWidget(new QLabel(tr("County:"), bar));
    countyBox_ = new QComboBox(bar);
    countyBox_->setObjectName(QStringLiteral("countyBox"));
    countyBox_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    bar->addWidget(countyBox_);
    fillCountyBox();
    connect(countyBox_, &QComboBox::currentIndexChanged, this, [this] {
        const int county = countyBox_->currentData().toInt();
        if (county < 0) {
            select({});
            canvas_->zoomToFullExtent();
        } else {
            showFeature({"counties", static_cast<std::size_t>(county)});
        }
    });
}

void MainWindow::showCursorPosition(QPointF mapPosition) {
    projectedLabel_->setText(tr("E %1  N %2 (%3)")
                                 .arg(formatMetres(mapPosition.x()), formatMetres(mapPosition.y()),
                                      QString::fromStdString(project_.scene.displayCrs)));
    const auto lonLat = toLonLat_ ? toLonLat_->forward(geo::XY{mapPosition.x(), mapPosition.y()}) : std::nullopt;
    lonLatLabel_->setText(lonLat ? QStringLiteral("%1  %2").arg(formatLongitude(lonLat->x), formatLatitude(lonLat->y))
                                 : QString());
}

void MainWindow::clearCursorPosition() {
    projectedLabel_->setText(QString::fromStdString(project_.scene.displayCrs));
    lonLatLabel_->clear();
}

void MainWindow::showScale() { scaleLabel_->setText(tr("Scale %1").arg(formatScale(canvas_->settings().scaleDenominator()))); }

}  // namespace hongtu::ui
