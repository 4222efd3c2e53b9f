#pragma once
// The legend dock: exactly what the map view draws, from the one legend model the pages use
// too (render/legend_model.hpp). One entry per visible layer (top layer first), and under a
// thematic layer one row per class the view draws, with its symbol and the number of features
// of it in view. Classes without a feature in view are left out; layers switched on but not
// drawn (outside their scale range, or nothing in view) are listed greyed with the reason. The
// swatches are drawn by the map renderer. The panel follows the map canvas of its window: a
// pan that brings other classes into view updates it. Long headings wrap onto more lines
// (the rows grow); nothing is cut with "…".

#include <QTimer>
#include <QTreeWidget>

#include "render/legend_model.hpp"
#include "render/map_settings.hpp"
#include "render/scene.hpp"

namespace hongtu::ui {

class LegendPanel : public QTreeWidget {
    Q_OBJECT

public:
    explicit LegendPanel(QWidget* parent = nullptr);

    // Rebuilds the entries for the scene's layers visible in `settings` (the view).
    void showLegend(const render::Scene& scene, const render::MapSettings& settings);
    // The model shown.
    [[nodiscard]] const render::LegendModel& model() const { return model_; }
    // The view moved to `settings` (a pan): once it settles, the counts of what is in view are
    // taken again. Whoever owns the view calls this (ui/document_views.cpp); the legend knows no canvas.
    void viewMoved(const render::MapSettings& settings);

private:
    void rebuild();

    const render::Scene* scene_ = nullptr;  // the window's scene (owned by the window)
    render::LegendModel model_;
    render::MapSettings view_;  // the last view reported by viewMoved
    QTimer refresh_;            // a pan settles before the legend is counted again
};

}  // namespace hongtu::ui
