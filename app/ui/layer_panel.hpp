#pragma once
// The layer list of the main window's dock: one checkable row per scene layer, top layer
// first, each with its legend swatch.

#include <QListWidget>
#include <QString>

#include <string>
#include <vector>

#include "render/scene.hpp"

namespace hongtu::ui {

class LayerPanel : public QListWidget {
    Q_OBJECT

public:
    LayerPanel(const render::Scene& scene, const std::vector<std::string>& visibleLayerIds, QWidget* parent = nullptr);

    // The row of a layer, or nullptr (tests and the window use it to tick boxes).
    [[nodiscard]] QListWidgetItem* itemFor(const std::string& layerId) const;

signals:
    void layerVisibilityChanged(const QString& layerId, bool visible);
};

}  // namespace hongtu::ui
