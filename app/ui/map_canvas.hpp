#pragma once
// The interactive map: paints the scene through render::renderMap on every paint event (no
// cached picture, so nothing stale after a resize), pans by dragging, zooms with the wheel
// around the cursor, and with the keys + - arrows and Home (full extent).

#include <QPoint>
#include <QPointF>
#include <QWidget>

#include <optional>
#include <string>

#include "render/map_settings.hpp"
#include "render/scene.hpp"

namespace hongtu::ui {

class MapCanvas : public QWidget {
    Q_OBJECT

public:
    // `scene` is not owned and must outlive the canvas (MainWindow owns both).
    explicit MapCanvas(const render::Scene& scene, QWidget* parent = nullptr);

    [[nodiscard]] const render::MapSettings& settings() const { return settings_; }
    void setLayerVisible(const std::string& layerId, bool visible);

    // Zoom limits, as scale denominators: from street level to the whole country.
    static constexpr double kMinScaleDenominator = 500;
    static constexpr double kMaxScaleDenominator = 50'000'000;

public slots:
    void zoomToFullExtent();
    void zoomIn();   // around the centre
    void zoomOut();

signals:
    void settingsChanged();                // extent, size or visible layers changed
    void cursorMoved(QPointF mapPosition);  // display CRS
    void cursorLeft();

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

    const render::Scene& scene_;
    render::MapSettings settings_;
    bool userMovedView_ = false;     // until then, a resize refits the full extent
    std::optional<QPointF> dragLast_;  // last cursor position of a drag, widget pixels
};

}  // namespace hongtu::ui
