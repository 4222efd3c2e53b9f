#pragma once
// The viewer window: the map canvas, a dock with the layer list, a toolbar for zooming and a
// status bar with the cursor position (display CRS and lon/lat) and the scale.

#include <QMainWindow>

#include <optional>

#include "hongtu/geo/crs.hpp"
#include "render/project.hpp"

class QLabel;

namespace hongtu::ui {

class LayerPanel;
class MapCanvas;

class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(render::Project project, QWidget* parent = nullptr);
    ~MainWindow() override;

    [[nodiscard]] MapCanvas* canvas() const { return canvas_; }
    [[nodiscard]] LayerPanel* layerPanel() const { return layerPanel_; }
    [[nodiscard]] const render::Project& project() const { return project_; }

private:
    void createToolBar();
    void showCursorPosition(QPointF mapPosition);
    void clearCursorPosition();
    void showScale();

    render::Project project_;  // owns the scene the canvas paints; declared before the widgets
    MapCanvas* canvas_ = nullptr;
    LayerPanel* layerPanel_ = nullptr;
    QLabel* projectedLabel_ = nullptr;
    QLabel* lonLatLabel_ = nullptr;
    QLabel* scaleLabel_ = nullptr;
    std::optional<geo::Transformer> toLonLat_;  // display CRS -> EPSG:4490, for the status bar
};

}  // namespace hongtu::ui
