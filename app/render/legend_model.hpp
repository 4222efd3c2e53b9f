#pragma once
// One legend for the screen and every page: what a map frame draws, computed from the frame
// itself (the layers shown at its scale, the features inside its extent, the classes of its
// as-of day) with the renderer's own selection (drawnItems), so the legend lists exactly the
// symbols the map shows. A class appears only when the frame draws at least one feature of it;
// its count is the frame's. The screen legend (ui/legend_panel) and the page legend
// (export/page_painter) both read this model; their swatches are drawn by the map's symbol
// code (render/legend_swatch).

#include <QString>

#include <cstddef>
#include <string>
#include <vector>

#include "hongtu/geo/feature.hpp"
#include "render/map_settings.hpp"
#include "render/scene.hpp"
#include "render/style.hpp"

namespace hongtu::render {

struct LegendEntry {
    QString label;          // the class's label; the layer's name for a layer without classes
    Symbol symbol;          // as the map draws it
    std::size_t count = 0;  // features of the class the frame draws
    std::size_t total = 0;  // features of the class in the whole layer on that day
    bool showCount = true;  // false for the reference sizes of proportional symbols after the first
};

struct LegendLayer {
    enum class State {
        Drawn,       // the frame draws features of it
        OutOfScale,  // switched on, but not drawn at this scale
        NoneInView,  // switched on and in scale, but no feature of it is inside the frame
    };
    std::string id;
    QString name;   // display name
    QString title;  // what the classes measure on that day; empty when none
    geo::Geometry::Kind kind = geo::Geometry::Kind::Empty;
    State state = State::Drawn;
    bool classified = false;    // entries are classes (else one entry with the layer's symbol)
    bool proportional = false;  // entries are reference sizes of one drawing class
    double maxScaleDenominator = 0;
    std::vector<LegendEntry> entries;  // drawn classes only, in legend order
    std::vector<LegendEntry> sizes;    // reference sizes (SceneLayer::sizeLegend), no counts
    QString sizeTitle;                 // what the sizes measure
    std::size_t count = 0, total = 0;  // features drawn / in the layer on that day

    // The counts are the frame's and differ from the layer's totals (a county page shows part
    // of a layer): the legend says so in the heading.
    [[nodiscard]] bool partial() const { return count != total; }
    // "layer name：title" (pages print one heading per classified layer; three layers share
    // one theme title, so the name comes first).
    [[nodiscard]] QString heading() const;
};

struct LegendModel {
    std::vector<LegendLayer> layers;  // the top of the map first: overlays, then the scene's layers

    [[nodiscard]] const LegendLayer* find(const std::string& id) const;
    // (layer id, class label) of every entry of the drawn layers, for the checks.
    [[nodiscard]] std::vector<std::pair<std::string, QString>> drawnEntries() const;
};

// The legend of a frame drawn with `settings` (its visible layers, extent, scale, as-of day).
// `overlays` are drawn on top of the scene (a route, the unit's outline); those without a
// display name are not listed. Layers that are switched on but draw nothing are listed with
// their state (the screen greys them); pages print only State::Drawn.
[[nodiscard]] LegendModel legendModel(const Scene& scene, const MapSettings& settings,
                                      const std::vector<SceneLayer>& overlays = {});

}  // namespace hongtu::render
