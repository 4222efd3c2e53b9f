#pragma once
// The interactive map. Every change of the view starts a render of the scene through
// render::renderMap into an image on a worker thread; a newer view cancels a render still
// running. Until the new frame arrives the last one is shown moved and scaled to the new view,
// so panning and zooming never wait for the renderer. Pans by dragging, zooms with the wheel
// around the cursor and with the keys + - arrows and Home (full extent); a click identifies,
// Shift + drag selects by box. Dense point layers at overview scales are drawn aggregated
// (render::MapSettings::pointDensityLevelOfDetail); a note at the bottom left says so. What the
// renderer needs for that (aggregated points, simplified paths per zoom band) is prepared on
// a thread of its own after the first frame, not on first use; so are, after every frame, the
// tiles of the static polygon and line layers for this view and one wheel notch in and out
// (render::StaticLayerTiles), which later frames draw instead of the polygons.

#include <QImage>
#include <QPoint>
#include <QPointF>
#include <QThreadPool>
#include <QWidget>

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "render/feature_query.hpp"
#include "render/map_renderer.hpp"
#include "render/map_settings.hpp"
#include "render/scene.hpp"

class QLabel;

namespace hongtu::ui {

class MapCanvas : public QWidget {
    Q_OBJECT

public:
    // `scene` is not owned and must outlive the canvas (MainWindow owns both).
    explicit MapCanvas(const render::Scene& scene, QWidget* parent = nullptr);
    ~MapCanvas() override;

    // Blocks until no render runs and the last finished frame is shown. Call it before the
    // scene changes (a render reads it), and in tests before grab().
    void waitForRender();

    [[nodiscard]] const render::MapSettings& settings() const { return settings_; }
    [[nodiscard]] const render::Scene& scene() const { return scene_; }
    void setLayerVisible(const std::string& layerId, bool visible);
    // The scene's content changed (a project reload): layers that still exist keep their
    // visibility, new layers show, the view stays where it is.
    void sceneReplaced();

    // Features outlined on top of the map (the selection); drawn by the canvas, not the renderer.
    void setHighlight(std::vector<render::FeatureRef> features);
    [[nodiscard]] const std::vector<render::FeatureRef>& highlight() const { return highlight_; }
    // The day the progress layers show (MapSettings::asOf); redraws.
    void setAsOf(std::optional<geo::Date> day);

    // Shows exactly this view (extent and layers; the canvas keeps its size and DPI).
    void setView(const render::MapSettings& view);
    // Shows `box` (display CRS) with a margin; a point or a small village gets at least 1:25,000.
    void zoomToBox(const geo::Box& box);

    // Zoom limits, as scale denominators: from street level to the whole country.
    static constexpr double kMinScaleDenominator = 500;
    static constexpr double kMaxScaleDenominator = 50'000'000;

public slots:
    void zoomToFullExtent();
    void zoomIn();  // around the centre
    void zoomOut();

signals:
    void settingsChanged();                 // extent, size or visible layers changed
    void cursorMoved(QPointF mapPosition);  // display CRS
    void cursorLeft();
    void clicked(QPointF pixel);         // press and release without dragging
    void frameReady();                   // a render for the current view finished
    void boxSelected(QRectF pixelRect);  // Shift + drag

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    void apply(const render::MapSettings& next);
    void zoomAround(double factor, QPointF anchorPixel);
    void rememberLayerIds();
    void requestRender();
    void showFrame(QImage image, const render::MapSettings& settings, const std::vector<render::RenderStats::Aggregated>& aggregated);
    void startPreparing();                                      // the scene's level of detail, on preparePool_ (unless done or running)
    void stopPreparing();                                       // and wait for it (and for the tiles' job)
    void startPreparingTiles(const render::MapSettings& view);  // on preparePool_, replacing a queued one

    const render::Scene& scene_;
    render::MapSettings settings_;
    bool userMovedView_ = false;              // until then, a resize refits the full extent
    std::optional<QPointF> dragLast_;         // last cursor position of a drag, widget pixels
    std::vector<std::string> knownLayerIds_;  // the scene's layers when last seen
    std::optional<QPointF> pressAt_;          // where the left button went down
    bool dragged_ = false;                    // moved beyond the click tolerance since the press
    std::optional<QRectF> selectionBox_;      // Shift + drag rectangle, widget pixels
    std::vector<render::FeatureRef> highlight_;

    QImage frame_;                       // the last finished render ...
    render::MapSettings frameSettings_;  // ... and the view it shows
    bool frameValid_ = false;            // false: the next paint renders synchronously
    // Number of the newest render request; a running render stops when it is no longer this.
    std::shared_ptr<std::atomic<std::uint64_t>> latestRequest_ = std::make_shared<std::atomic<std::uint64_t>>(0);
    QThreadPool renderPool_;  // one thread; waited for before the scene changes
    // "Points aggregated" note over the bottom-left corner, shown while the frame has any.
    QLabel* aggregationNote_ = nullptr;
    struct PrepareJob {
        std::atomic<bool> stop{false};
        std::atomic<bool> finished{false};
        std::atomic<bool> completed{false};  // finished without being stopped
    };
    std::shared_ptr<PrepareJob> prepare_;
    std::shared_ptr<PrepareJob> tilePrepare_;
    std::shared_ptr<render::StaticLayerTiles> tiles_;  // the screen's tiles (never a page's); cleared with the scene
    QThreadPool preparePool_;                          // one thread; stopped and waited for before the scene changes
};

}  // namespace hongtu::ui
