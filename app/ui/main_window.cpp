#include "ui/main_window.hpp"

#include <QAction>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileInfo>
#include <QKeySequence>
#include <QLabel>
#include <QScrollArea>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>

#include <algorithm>

#include "hongtu/geo/datasource.hpp"
#include "hongtu/geo/new_project.hpp"
#include "hongtu/geo/pg/store.hpp"
#include "ui/attribute_table.hpp"
#include "ui/county_box.hpp"
#include "ui/data_check_indicator.hpp"
#include "ui/document_actions.hpp"
#include "ui/document_views.hpp"
#include "ui/feature_navigator.hpp"
#include "ui/feature_panels.hpp"
#include "ui/layer_dock.hpp"
#include "ui/legend_panel.hpp"
#include "ui/main_menus.hpp"
#include "ui/map_canvas.hpp"
#include "ui/progress_controller.hpp"
#include "ui/route_panel.hpp"
#include "ui/screen_fit.hpp"
#include "ui/status_readouts.hpp"
#include "ui/window_shortcuts.hpp"

namespace hongtu::ui {

MainWindow::MainWindow(render::LoadedProject project, QWidget* parent) : QMainWindow(parent), document_(std::move(project)) {
    const std::string& path = document_.project().path;
    const QString fileName = geo::isPostgresSource(path) ? QString::fromStdString(geo::redactConnectionString(path))  // no password
                                                         : QFileInfo(QString::fromStdString(path)).fileName();
    // A project made with `hongtu new` carries its own title (hongtu_project.title); the demo has none.
    const auto meta = geo::readProjectMetadata(path);
    const auto title = meta.find("title");
    if (title != meta.end() && !title->second.empty())
        setWindowTitle(QStringLiteral("宏图 Hongtu — ") + QString::fromStdString(title->second) + QStringLiteral(" — ") + fileName);
    else
        setWindowTitle(tr("Hongtu — Lüliang grassroots construction") + QStringLiteral(" — ") + fileName);
    connect(&document_, &ProjectDocument::notice, this, [this](const QString& text, int ms) { statusBar()->showMessage(text, ms); });

    canvas_ = new MapCanvas(document_.scene(), this);
    setCentralWidget(canvas_);
    connectCanvas(document_, *canvas_);

    layerDock_ = new LayerDock(document_, *canvas_, *this);
    addDockWidget(Qt::LeftDockWidgetArea, layerDock_);
    legendPanel_ = new LegendPanel(this);
    legendDock_ = addPanelDock(tr("Legend"), "legendDock", legendPanel_, Qt::LeftDockWidgetArea);
    resizeDocks({layerDock_}, {300}, Qt::Horizontal);
    resizeDocks({layerDock_, legendDock_}, {170, 500}, Qt::Vertical);
    connectLegend(document_, *canvas_, *legendPanel_);

    shortcuts_ = new WindowShortcuts(this);
    QToolBar* navigation = createToolBar();
    menus_ = new MainMenus(*this, document_, *canvas_, *shortcuts_, *countyBox_);
    connect(menus_, &MainMenus::routePlannerRequested, this, &MainWindow::showRoutePlanner);
    createFeatureDocks(*navigation);
    if (const auto& progress = document_.project().progress) {
        progress_ = new ProgressController({*this, document_, *canvas_, *shortcuts_}, *progress, document_.project().progressDate);
        connect(progress_, &ProgressController::featureChosen, navigator_, &FeatureNavigator::showFeature);
        // One tab group on the right (search, attributes, statistics): the charts need the height.
        tabifyDockWidget(searchDock_, featureInfoDock_);
        tabifyDockWidget(searchDock_, progress_->statisticsDockWidget());
        progress_->statisticsDockWidget()->raise();
        resizeDocks({progress_->statisticsDockWidget()}, {440}, Qt::Horizontal);
        resizeDocks({progress_->overdueDockWidget()}, {190}, Qt::Vertical);
    }
    menus_->addLedgerImport(progress_ ? progress_->menu() : nullptr);
    createRouteDock();

    new StatusReadouts(document_, *canvas_, *statusBar());
    auto* dataCheck = new DataCheckIndicator(this);  // 数据检查: what the open found in the layers
    statusBar()->addPermanentWidget(dataCheck);
    connectDataCheck(document_, *dataCheck);
    // Problems that did not stop loading are shown once, here; the map shows what could be read.
    if (!document_.project().warnings.isEmpty()) statusBar()->showMessage(document_.project().warnings.join(QStringLiteral("  ")));
}

MainWindow::~MainWindow() {
    // The document dies before the child widgets: no render thread and no table model may still
    // read its scene.
    canvas_->waitForRender();
    attributeTable_->setScene(nullptr);
    searchPanel_->setScene(nullptr);
}

QDockWidget* MainWindow::addPanelDock(const QString& title, const char* name, QWidget* panel, Qt::DockWidgetArea area) {
    auto* dock = new QDockWidget(title, this);
    dock->setObjectName(QString::fromLatin1(name));
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    dock->setWidget(panel);
    addDockWidget(area, dock);
    return dock;
}

QToolBar* MainWindow::createToolBar() {
    QToolBar* bar = addToolBar(tr("Navigation"));
    bar->setObjectName(QStringLiteral("navigationToolBar"));
    bar->setMovable(false);
    bar->addAction(tr("Zoom in"), canvas_, &MapCanvas::zoomIn)->setShortcut(QKeySequence::ZoomIn);
    bar->addAction(tr("Zoom out"), canvas_, &MapCanvas::zoomOut)->setShortcut(QKeySequence::ZoomOut);
    bar->addAction(tr("Full extent"), canvas_, &MapCanvas::zoomToFullExtent)->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    bar->addSeparator();
    bar->addWidget(new QLabel(tr("County:"), bar));
    countyBox_ = new CountyBox(document_, bar);
    bar->addWidget(countyBox_);
    return bar;
}

void MainWindow::createFeatureDocks(QToolBar& bar) {
    searchPanel_ = new SearchPanel(this);
    searchDock_ = addPanelDock(tr("Search"), "searchDock", searchPanel_, Qt::RightDockWidgetArea);
    connectSearch(document_, *searchPanel_);
    featureInfo_ = new FeatureInfoPanel(this);
    featureInfoDock_ = addPanelDock(tr("Feature attributes"), "featureInfoDock", featureInfo_, Qt::RightDockWidgetArea);
    connectFeatureInfo(document_, *featureInfo_);
    resizeDocks({searchDock_}, {280}, Qt::Horizontal);
    resizeDocks({searchDock_, featureInfoDock_}, {300, 400}, Qt::Vertical);

    attributeTable_ = new AttributeTable(this);
    attributeDock_ = new QDockWidget(tr("Attribute table"), this);
    attributeDock_->setObjectName(QStringLiteral("attributeDock"));
    attributeDock_->setWidget(attributeTable_);
    addDockWidget(Qt::BottomDockWidgetArea, attributeDock_);
    attributeDock_->hide();  // opened from the toolbar: it takes room from the map
    connectAttributeTable(document_, *attributeTable_);
    QAction* toggle = attributeDock_->toggleViewAction();
    toggle->setText(tr("Attribute table"));
    bar.addSeparator();
    bar.addAction(toggle);

    navigator_ = new FeatureNavigator(document_, *canvas_, *layerDock_, *featureInfoDock_, *statusBar());
    connect(canvas_, &MapCanvas::clicked, navigator_, &FeatureNavigator::identifyAt);
    connect(canvas_, &MapCanvas::boxSelected, navigator_, &FeatureNavigator::selectInBox);
    connect(searchPanel_, &SearchPanel::featureChosen, navigator_, &FeatureNavigator::showFeature);
    connect(countyBox_, &CountyBox::countyChosen, navigator_, &FeatureNavigator::showFeature);
    connect(countyBox_, &CountyBox::wholeAreaChosen, navigator_, &FeatureNavigator::showWholeArea);
}

void MainWindow::createRouteDock() {
    routePanel_ = new RoutePanel(project().path, this);
    routeDock_ = new QDockWidget(tr("Route planner"), this);
    routeDock_->setObjectName(QStringLiteral("routeDock"));
    routeDock_->setWidget(scrollable(routePanel_, routeDock_));  // scrolls on a small screen
    addDockWidget(Qt::RightDockWidgetArea, routeDock_);
    tabifyDockWidget(searchDock_, routeDock_);
    routeDock_->hide();  // opened from the menu 路线 → 路线规划
    connectRoutePanel(document_, *routePanel_, *statusBar());
}

void MainWindow::showRoutePlanner() {
    routeDock_->show();
    routeDock_->raise();
    // The timetable needs room; sizes apply once the shown dock is laid out.
    QTimer::singleShot(0, this, [this] {
        resizeDocks({routeDock_, featureInfoDock_}, {height(), 1}, Qt::Vertical);
        // Room for the timetable, but the map keeps at least the rest (small screens).
        resizeDocks({routeDock_}, {std::min(std::max(routeDock_->width(), 620), width() * 3 / 8)}, Qt::Horizontal);
    });
}

void MainWindow::arrangeForScreen(QSize available) {
    arrangedFor_ = available;
    QDockWidget* overdueDock = progress_ ? progress_->overdueDockWidget() : nullptr;
    const int side = std::min(available.width() / 4, 320);
    if (isSmallScreen(available)) {
        tabifyDockWidget(layerDock_, legendDock_);
        layerDock_->raise();
        if (overdueDock) tabifyDockWidget(searchDock_, overdueDock);
        if (progress_) progress_->statisticsDockWidget()->raise();
        else searchDock_->raise();
        resizeDocks({layerDock_}, {std::min(available.width() / 5, 260)}, Qt::Horizontal);
        resizeDocks({searchDock_}, {side + 40}, Qt::Horizontal);
    } else {
        resizeDocks({layerDock_}, {std::min(side, 300)}, Qt::Horizontal);
        resizeDocks({searchDock_}, {std::min(available.width() / 3, 440)}, Qt::Horizontal);
    }
    const QByteArray saved = QSettings().value(layoutKey(available)).toByteArray();
    if (!saved.isEmpty()) restoreState(saved);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (arrangedFor_.isValid()) QSettings().setValue(layoutKey(arrangedFor_), saveState());
    QMainWindow::closeEvent(event);
}

LayerPanel* MainWindow::layerPanel() const { return layerDock_->panel(); }
LayerControls* MainWindow::layerControls() const { return layerDock_->controls(); }
QComboBox* MainWindow::countyBox() const { return countyBox_; }
void MainWindow::showFeature(const render::FeatureRef& feature) { navigator_->showFeature(feature); }
ImportTableDialog* MainWindow::openImportDialog() { return menus_->openImportDialog(); }
bool MainWindow::reloadProject() { return DocumentActions::reload(document_, *this); }
bool MainWindow::switchDisplayCrs(const std::string& crs) { return DocumentActions::switchCrs(document_, *canvas_, *this, crs); }
bool MainWindow::saveLayerStyle(const std::string& layerId) { return DocumentActions::saveLayerStyle(document_, *this, layerId); }
StyleEditor* MainWindow::openStyleEditor(const std::string& layerId) { return layerDock_->openStyleEditor(layerId); }

}  // namespace hongtu::ui
