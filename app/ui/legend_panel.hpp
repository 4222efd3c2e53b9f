#pragma once
// The legend dock: exactly what the map draws. One entry per visible layer (top layer first),
// and under a thematic layer one row per class with its symbol and the number of features in
// it. Classes without features are left out; the swatches are drawn by the map renderer.

#include <QTreeWidget>

#include "render/map_settings.hpp"
#include "render/scene.hpp"

namespace hongtu::ui {

class LegendPanel : public QTreeWidget {
    Q_OBJECT

public:
    explicit LegendPanel(QWidget* parent = nullptr);

    // Rebuilds the entries for the scene's layers visible in `settings`.
    void showLegend(const render::Scene& scene, const render::MapSettings& settings);
};

}  // namespace hongtu::ui
