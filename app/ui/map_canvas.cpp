#include "ui/map_canvas.hpp"

#include <QCoreApplication>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QResizeEvent>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

#include "render/release_memory.hpp"
#include "render/map_renderer.hpp"
#include "render/render_cache.hpp"

namespace hongtu::ui {

namespace {
constexpr double kWheelZoomPerNotch = 1.25;
constexpr double kKeyZoom = 1.5;
constexpr double kKeyPanFraction = 0.25;    // of the canvas width/height per arrow key
constexpr double kClickTolerancePx = 3;     // a press and release closer than this is a click, not a drag
constexpr double kMinZoomToScale = 50'000;  // zooming to a village shows its surroundings
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
    rememberLayerIds();
    renderPool_.setMaxThreadCount(1);
    preparePool_.setMaxThreadCount(1);
    tiles_ = std::make_shared<render::StaticLayerTiles>();
    aggregationNote_ = new QLabel(this);
    aggregationNote_->setObjectName(QStringLiteral("aggregationNote"));
    aggregationNote_->setWordWrap(true);
    aggregationNote_->setAttribute(Qt::WA_TransparentForMouseEvents);
    aggregationNote_->setStyleSheet(QStringLiteral(
        "QLabel { background: rgba(255, 255, 255, 215); color: #333333; "
        "border: 1px solid #b0b0b0; padding: 2px 5px; }"));
    aggregationNote_->hide();
}

MapCanvas::~MapCanvas() {
    latestRequest_->store(0);  // no request has number 0: whatever runs stops
    renderPool_.waitForDone();
    stopPreparing();
}

void MapCanvas::waitForRender() {
    stopPreparing();  // it reads the scene too; resumed with the next render
    renderPool_.waitForDone();
    QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);  // deliver the finished frame
    // Delivering the frame starts preparing its tiles (startPreparingTiles), which reads the scene:
    // stopped too, so the caller may change the scene now. Resumed after the next frame.
    stopPreparing();
}

void MapCanvas::startPreparing() {
    if (prepare_ && (!prepare_->finished.load() || prepare_->completed.load())) return;  // running, or done for this scene
    auto job = std::make_shared<PrepareJob>();
    prepare_ = job;
    const render::Scene* scene = &scene_;
    const geo::Box extent = scene_.extent();
    preparePool_.start([job, scene, extent] {
        render::prepareLevelOfDetail(*scene, extent, [&job] { return job->stop.load(); });
        render::releaseFreedMemory();  // the bands' scratch
        job->completed = !job->stop.load();
        job->finished = true;
    });
}

void MapCanvas::stopPreparing() {
    if (prepare_) prepare_->stop = true;
    if (tilePrepare_) tilePrepare_->stop = true;
    preparePool_.waitForDone();
}

void MapCanvas::startPreparingTiles(const render::MapSettings& view) {
    if (tilePrepare_) tilePrepare_->stop = true;  // an older view's: no longer needed
    auto job = std::make_shared<PrepareJob>();
    tilePrepare_ = job;
    const render::Scene* scene = &scene_;
    preparePool_.start([job, scene, tiles = tiles_, view] {
        // When tiles were drawn: the blocks drawn and cut, and the tiles evicted, given back.
        if (!job->stop.load() && render::prepareStaticTiles(*scene, view, *tiles, [&job] { return job->stop.load(); }) > 0)
            render::releaseFreedMemory();
        job->finished = true;
    });
}

void MapCanvas::showFrame(QImage image, const render::MapSettings& settings,
                          const std::vector<render::RenderStats::Aggregated>& aggregated) {
    frame_ = std::move(image);
    frameSettings_ = settings;
    frameValid_ = true;
    QStringList lines;
    const QLocale locale;
    for (const auto& a : aggregated) {
        const render::SceneLayer* layer = scene_.find(a.layerId);
        lines << tr("%1: %2 points in view drawn as %3 aggregated markers (one per class and a few pixels); zoom in to see every point.")
                     .arg(layer ? layer->displayName : QString::fromStdString(a.layerId), locale.toString(static_cast<qulonglong>(a.points)),
                          locale.toString(static_cast<qulonglong>(a.markers)));
    }
    aggregationNote_->setVisible(!lines.isEmpty());
    if (!lines.isEmpty()) {
        aggregationNote_->setText(lines.join(QLatin1Char('\n')));
        aggregationNote_->setMaximumWidth(std::max(120, width() - 16));
        aggregationNote_->adjustSize();
        aggregationNote_->move(8, height() - aggregationNote_->height() - 8);
        aggregationNote_->raise();
    }
}

void MapCanvas::requestRender() {
    if (!settings_.isValid()) return;
    const std::uint64_t id = ++*latestRequest_;
    const auto latest = latestRequest_;
    const render::MapSettings settings = settings_;
    const render::Scene* scene = &scene_;
    startPreparing();
    renderPool_.start([this, id, latest, settings, scene, tiles = tiles_] {
        const auto stale = [&] { return latest->load() != id; };
        if (stale()) return;  // a newer view came before this render started
        QImage image(settings.outputSize, QImage::Format_ARGB32_Premultiplied);
        QPainter painter(&image);
        const render::RenderStats stats = render::renderMap(*scene, settings, painter, stale, tiles.get());
        painter.end();
        if (stats.cancelled || stale()) return;
        // The canvas outlives every render: its destructor waits for the pool.
        QMetaObject::invokeMethod(
            this,
            [this, id, image = std::move(image), settings, aggregated = stats.aggregated] {
            if (latestRequest_->load() != id) return;
            showFrame(image, settings, aggregated);
            startPreparingTiles(settings);
            update();
            emit frameReady();
            },
            Qt::QueuedConnection);
    });
}

void MapCanvas::setLayerVisible(const std::string& layerId, bool visible) {
    render::MapSettings next = settings_;
    auto& ids = next.visibleLayerIds;
    ids.erase(std::remove(ids.begin(), ids.end(), layerId), ids.end());
    if (visible) ids.push_back(layerId);
    apply(next);
}

void MapCanvas::sceneReplaced() {
    stopPreparing();
    prepare_.reset();     // the new layers are prepared anew
    tiles_->clear();      // and their tiles (styles, visibility and the CRS are in the tiles' key too)
    frameValid_ = false;  // the old frame shows the old scene
    render::MapSettings next = settings_;
    next.displayCrs = scene_.displayCrs;
    next.visibleLayerIds.clear();
    for (const auto& layer : scene_.layers) {
        const bool known = std::any_of(knownLayerIds_.begin(), knownLayerIds_.end(), [&](const std::string& id) { return id == layer.id; });
        if (known ? settings_.isLayerVisible(layer.id) : layer.initiallyVisible) next.visibleLayerIds.push_back(layer.id);
    }
    rememberLayerIds();
    apply(next);
}

void MapCanvas::setAsOf(std::optional<geo::Date> day) {
    if (settings_.asOf == day) return;
    render::MapSettings next = settings_;
    next.asOf = day;
    apply(next);
}

void MapCanvas::rememberLayerIds() {
    knownLayerIds_.clear();
    for (const auto& layer : scene_.layers) knownLayerIds_.push_back(layer.id);
}

void MapCanvas::zoomToFullExtent() {
    userMovedView_ = false;
    apply(settings_.fittedTo(scene_.extent()));
}

void MapCanvas::zoomIn() { zoomAround(kKeyZoom, rect().center()); }
void MapCanvas::zoomOut() { zoomAround(1 / kKeyZoom, rect().center()); }

void MapCanvas::apply(const render::MapSettings& next) {
    settings_ = next;
    requestRender();
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

void MapCanvas::setHighlight(std::vector<render::FeatureRef> features) {
    highlight_ = std::move(features);
    update();
}

void MapCanvas::setView(const render::MapSettings& view) {
    render::MapSettings next = view;
    next.outputSize = settings_.outputSize;
    next.dpi = settings_.dpi;
    userMovedView_ = true;
    apply(next);
}

void MapCanvas::zoomToBox(const geo::Box& box) {
    if (box.empty()) return;
    render::MapSettings next = settings_.fittedTo(box, 0.15);
    if (next.scaleDenominator() < kMinZoomToScale) {
        const geo::XY c = box.center();
        const double unitsPerPixel = kMinZoomToScale * 0.0254 / next.dpi / next.groundMetresPerMapUnit();
        const double halfW = unitsPerPixel * next.outputSize.width() / 2;
        const double halfH = unitsPerPixel * next.outputSize.height() / 2;
        next.extent = {c.x - halfW, c.y - halfH, c.x + halfW, c.y + halfH};
    }
    userMovedView_ = true;
    apply(next);
}

namespace {
bool sameView(const render::MapSettings& a, const render::MapSettings& b) {
    return a.outputSize == b.outputSize && a.visibleExtent() == b.visibleExtent() && a.dpi == b.dpi &&
           a.visibleLayerIds == b.visibleLayerIds && a.background == b.background;
}
}  // namespace

void MapCanvas::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    if (!frameValid_ && settings_.isValid()) {
        // The first frame (and the first after a scene change) is rendered here, so the window
        // never opens blank; Lüliang takes about 50 ms.
        ++*latestRequest_;  // supersedes any render already queued for this view
        QImage image(settings_.outputSize, QImage::Format_ARGB32_Premultiplied);
        QPainter onImage(&image);
        const render::RenderStats stats = render::renderMap(scene_, settings_, onImage);
        onImage.end();
        showFrame(std::move(image), settings_, stats.aggregated);
        startPreparing();
        startPreparingTiles(settings_);
    }
    if (sameView(frameSettings_, settings_)) {
        painter.drawImage(QPointF(0, 0), frame_);
    } else {
        // A newer view is being rendered: show the last frame where its extent lies now.
        painter.fillRect(rect(), settings_.background);
        const geo::Box v = frameSettings_.visibleExtent();
        const QRectF target(settings_.toPixel({v.minX, v.maxY}), settings_.toPixel({v.maxX, v.minY}));
        painter.drawImage(target, frame_);
    }
    if (!highlight_.empty()) {
        // Selection: a cyan outline around points, a cyan boundary for polygons (cosmetic pens).
        painter.setRenderHint(QPainter::Antialiasing, true);
        const QTransform toPixel = settings_.mapToPixel();
        QPen pen(QColor(0x00, 0xb7, 0xeb), 2.5);
        pen.setCosmetic(true);
        painter.setPen(pen);
        painter.setBrush(Qt::NoBrush);
        for (const auto& f : highlight_) {
            const render::SceneLayer* layer = scene_.find(f.layerId);
            if (!layer) continue;
            if (f.item < layer->points.size()) {
                painter.drawEllipse(toPixel.map(layer->points[f.item]), 7.0, 7.0);
            } else if (f.item < layer->paths.size()) {
                painter.save();
                painter.setWorldTransform(toPixel, true);
                painter.drawPath(layer->paths[f.item]);
                painter.restore();
            }
        }
    }
    if (selectionBox_) {
        painter.setPen(QPen(QColor(0x00, 0x7a, 0xcc), 1, Qt::DashLine));
        painter.setBrush(QColor(0x00, 0x7a, 0xcc, 40));
        painter.drawRect(*selectionBox_);
    }
}

void MapCanvas::resizeEvent(QResizeEvent* event) {
    if (aggregationNote_->isVisible()) {
        aggregationNote_->setMaximumWidth(std::max(120, event->size().width() - 16));
        aggregationNote_->adjustSize();
        aggregationNote_->move(8, event->size().height() - aggregationNote_->height() - 8);
    }
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
    pressAt_ = event->position();
    dragged_ = false;
    if (event->modifiers() & Qt::ShiftModifier) {
        selectionBox_ = QRectF(event->position(), QSizeF(0, 0));
        return;
    }
    dragLast_ = event->position();
    setCursor(Qt::ClosedHandCursor);
}

void MapCanvas::mouseMoveEvent(QMouseEvent* event) {
    if (pressAt_ && (event->position() - *pressAt_).manhattanLength() > kClickTolerancePx) dragged_ = true;
    if (selectionBox_ && (event->buttons() & Qt::LeftButton)) {
        selectionBox_ = QRectF(*pressAt_, event->position()).normalized();
        update();
    } else if (dragLast_ && (event->buttons() & Qt::LeftButton) && dragged_) {
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
    const bool wasClick = pressAt_ && !dragged_;
    if (selectionBox_) {
        const QRectF box = *selectionBox_;
        selectionBox_.reset();
        update();
        if (!wasClick) emit boxSelected(box);
    }
    dragLast_.reset();
    pressAt_.reset();
    setCursor(Qt::OpenHandCursor);
    if (wasClick) emit clicked(event->position());
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
        case Qt::Key_Left:
            userMovedView_ = true;
            apply(settings_.pannedByPixels({panX, 0}));
            break;
        case Qt::Key_Right:
            userMovedView_ = true;
            apply(settings_.pannedByPixels({-panX, 0}));
            break;
        case Qt::Key_Up:
            userMovedView_ = true;
            apply(settings_.pannedByPixels({0, panY}));
            break;
        case Qt::Key_Down:
            userMovedView_ = true;
            apply(settings_.pannedByPixels({0, -panY}));
            break;
        default: QWidget::keyPressEvent(event); return;
    }
    event->accept();
}

void MapCanvas::leaveEvent(QEvent* event) {
    emit cursorLeft();
    QWidget::leaveEvent(event);
}

}  // namespace hongtu::ui
