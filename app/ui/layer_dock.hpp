#pragma once
// The 图层 dock: the layer list (LayerPanel) with its buttons (LayerControls) under it. It
// follows the ProjectDocument (the list is built again when layers or styles change) and turns
// the buttons into document changes: drawing order, opacity (saved when let go) and the style
// editor (previewed on the map, saved on OK). Ticks switch layers on the canvas.

#include <QDockWidget>
#include <QPointer>

#include <string>

#include "ui/project_document.hpp"

class QMainWindow;

namespace hongtu::ui {

class LayerControls;
class LayerPanel;
class MapCanvas;
class StyleEditor;

class LayerDock : public QDockWidget {
    Q_OBJECT

public:
    // `window` shows the save's messages and owns the style editor.
    LayerDock(ProjectDocument& document, MapCanvas& canvas, QMainWindow& window);

    // The list and its buttons are built anew on each change: do not keep these pointers.
    [[nodiscard]] LayerPanel* panel() const { return panel_; }
    [[nodiscard]] LayerControls* controls() const { return controls_; }

    // Moves the layer in the drawing order; its row stays the chosen one.
    void moveLayer(const std::string& layerId, int steps);
    // One editor at a time (another layer's editor is cancelled); null for an unknown layer.
    StyleEditor* openStyleEditor(const std::string& layerId);
    // Switches the layer on (its row ticked), e.g. before zooming to one of its features.
    void showLayer(const std::string& layerId);

private:
    void rebuild();
    [[nodiscard]] std::string currentId() const;
    void choose(const std::string& layerId);

    ProjectDocument& document_;
    MapCanvas& canvas_;
    QMainWindow& window_;
    LayerPanel* panel_ = nullptr;
    LayerControls* controls_ = nullptr;
    // QPointer: cleared by Qt when the editor is deleted, also while the window is being destroyed.
    QPointer<StyleEditor> styleEditor_;
};

}  // namespace hongtu::ui
