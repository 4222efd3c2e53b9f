#include "ui/main_window.hpp"

#include <QAction>
#include <QDockWidget>
#include <QFileInfo>
#include <QKeySequence>
#include <QLabel>
#include <QStatusBar>
#include <QToolBar>

#include "ui/layer_panel.hpp"
#include "ui/map_canvas.hpp"
#include "ui/status_format.hpp"

namespace hongtu::ui {

MainWindow::MainWindow(render::Project project, QWidget* parent)
    : QMainWindow(parent), project_(std::move(project)) {
    const QString fileName = QFileInfo(QString::fromStdString(project_.path)).fileName();
    setWindowTitle(tr("Hongtu — Lüliang grassroots construction") + QStringLiteral(" — ") + fileName);

    canvas_ = new MapCanvas(project_.scene, this);
    setCentralWidget(canvas_);

    layerPanel_ = new LayerPanel(project_.scene, canvas_->settings().visibleLayerIds, this);
    auto* dock = new QDockWidget(tr("Layers"), this);
    dock->setObjectName(QStringLiteral("layersDock"));
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    dock->setWidget(layerPanel_);
    addDockWidget(Qt::LeftDockWidgetArea, dock);
    connect(layerPanel_, &LayerPanel::layerVisibilityChanged, canvas_,
            [this](const QString& id, bool visible) { canvas_->setLayerVisible(id.toStdString(), visible); });

    createToolBar();

    auto result = geo::Transformer::create(project_.scene.displayCrs, "EPSG:4490");
    if (result) toLonLat_.emplace(std::move(result).value());

    projectedLabel_ = new QLabel(this);
    lonLatLabel_ = new QLabel(this);
    scaleLabel_ = new QLabel(this);
    statusBar()->addPermanentWidget(projectedLabel_);
    statusBar()->addPermanentWidget(lonLatLabel_);
    statusBar()->addPermanentWidget(scaleLabel_);
    connect(canvas_, &MapCanvas::cursorMoved, this, &MainWindow::showCursorPosition);
    connect(canvas_, &MapCanvas::cursorLeft, this, &MainWindow::clearCursorPosition);
    connect(canvas_, &MapCanvas::settingsChanged, this, &MainWindow::showScale);
    clearCursorPosition();
    showScale();

    // Problems that did not stop loading are shown once, here; the map shows what could be read.
    if (!project_.warnings.isEmpty()) statusBar()->showMessage(project_.warnings.join(QStringLiteral("  ")));
}

MainWindow::~MainWindow() = default;

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
