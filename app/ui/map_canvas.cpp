#include "ui/map_canvas.hpp"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QResizeEvent>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

#include "render/map_renderer.hpp"

namespace hongtu::ui {

namespace {
constexpr double kWheelZoomPerNotch = 1.25;
constexpr double kKeyZoom = 1.5;
constexpr double kKeyPanFraction = 0.25;  // of the canvas width/height per arrow key
}  // namespace

MapCanvas::MapCanvas(const render::Scene& scene, QWidget* parent) : QWidget(parent), scene_(scene) {
    setAttribute(Qt::WA_OpaquePaintEvent);  // renderMap fills every pixel
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setCursor(Qt::OpenHandCursor);
    setMinimumSize(200, 150);
    settings_.displayCrs = scene.displayCrs;
    settings_.visibleLayerIds = scene.initiallyVisibleLayerIds();
    settings_.outputSize = size();
    settings_.dpi = logicalDpiX();
    settings_ = settings_.fittedTo(scene_.extent());
}

void MapCanvas::setLayerVisible(const std::string& layerId, bool visible) {
    render::MapSettings next = settings_;
    auto& ids = next.visibleLayerIds;
    ids.erase(std::remove(ids.begin(), ids.end(), layerId), ids.end());
    if (visible) ids.push_back(layerId);
    apply(next);
}

void MapCanvas::zoomToFullExtent() {
    userMovedView_ = false;
    apply(settings_.fittedTo(scene_.extent()));
}

void MapCanvas::zoomIn() { zoomAround(kKeyZoom, rect().center()); }
void MapCanvas::zoomOut() { zoomAround(1 / kKeyZoom, rect().center()); }

void MapCanvas::apply(const render::MapSettings& next) {
    settings_ = next;
    update();
    emit settingsChanged();
}

void MapCanvas::zoomAround(double factor, QPointF anchorPixel) {
    const render::MapSettings next = settings_.zoomedBy(factor, anchorPixel);
    const double scale = next.scaleDenominator();
    if (scale < kMinScaleDenominator || scale > kMaxScaleDenominator) return;
    userMovedView_ = true;
    apply(next);
}

void MapCanvas::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    render::renderMap(scene_, settings_, painter);
}

void MapCanvas::resizeEvent(QResizeEvent* event) {
    render::MapSettings next = settings_.resizedKeepingScale(event->size());
    if (!userMovedView_) next = next.fittedTo(scene_.extent());
    apply(next);
}

void MapCanvas::wheelEvent(QWheelEvent* event) {
    const double notches = event->angleDelta().y() / 120.0;
    if (notches != 0) zoomAround(std::pow(kWheelZoomPerNotch, notches), event->position());
    event->accept();
}

void MapCanvas::mousePressEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton) return QWidget::mousePressEvent(event);
    dragLast_ = event->position();
    setCursor(Qt::ClosedHandCursor);
}

void MapCanvas::mouseMoveEvent(QMouseEvent* event) {
    if (dragLast_ && (event->buttons() & Qt::LeftButton)) {
        const QPointF delta = event->position() - *dragLast_;
        dragLast_ = event->position();
        userMovedView_ = true;
        apply(settings_.pannedByPixels(delta));
    }
    const geo::XY map = settings_.toMap(event->position());
    emit cursorMoved({map.x, map.y});
}

void MapCanvas::mouseReleaseEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton) return QWidget::mouseReleaseEvent(event);
    dragLast_.reset();
    setCursor(Qt::OpenHandCursor);
}

void MapCanvas::keyPressEvent(QKeyEvent* event) {
    const double panX = width() * kKeyPanFraction;
    const double panY = height() * kKeyPanFraction;
    switch (event->key()) {
        case Qt::Key_Plus:
        case Qt::Key_Equal: zoomIn(); break;
        case Qt::Key_Minus: zoomOut(); break;
        case Qt::Key_Home: zoomToFullExtent(); break;
        // An arrow shows more of that side, so the content moves the other way.
        case Qt::Key_Left: userMovedView_ = true; apply(settings_.pannedByPixels({panX, 0})); break;
        case Qt::Key_Right: userMovedView_ = true; apply(settings_.pannedByPixels({-panX, 0})); break;
        case Qt::Key_Up: userMovedView_ = true; apply(settings_.pannedByPixels({0, panY})); break;
        case Qt::Key_Down: userMovedView_ = true; apply(settings_.pannedByPixels({0, -panY})); break;
        default: QWidget::keyPressEvent(event); return;
    }
    event->accept();
}

void MapCanvas::leaveEvent(QEvent* event) {
    emit cursorLeft();
    QWidget::leaveEvent(event);
}

}  // namespace hongtu::ui
