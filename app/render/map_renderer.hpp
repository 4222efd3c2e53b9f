#pragma once
// The one renderer: paints a Scene as MapSettings describe onto any QPainter (the canvas, a
// QImage for PNG export and tests, later PDF/SVG). What you see on screen is what prints.

#include <QImage>
#include <QPainter>

#include <cstddef>
#include <functional>

#include "render/map_settings.hpp"
#include "render/scene.hpp"

namespace hongtu::render {

// Whether `layer` is drawn in `settings`: switched on and inside its scale range
// (LayerStyle::maxScaleDenominator). The renderer, the legends and the page checks agree on it.
[[nodiscard]] bool layerDrawn(const SceneLayer& layer, const MapSettings& settings);

struct RenderStats {
    std::size_t featuresDrawn = 0;
    std::size_t featuresCulled = 0;  // outside the visible extent
    std::size_t labelsDrawn = 0;
    bool cancelled = false;          // stopped early: the picture is incomplete
};

// Asked between layers, symbol classes and before the labels; true stops the render (a
// newer view made this one stale). Called from the rendering thread.
using RenderCancelled = std::function<bool()>;

// Paints onto `painter`, whose device coordinates (under its current transform) span
// settings.outputSize pixels from the origin. Fills the background first; draws the visible
// layers in scene order, then all labels on top. Leaves the painter's state as it was.
RenderStats renderMap(const Scene& scene, const MapSettings& settings, QPainter& painter,
                      const RenderCancelled& cancelled = {});

// Renders into a new image of settings.outputSize, its resolution metadata set to settings.dpi.
[[nodiscard]] QImage renderToImage(const Scene& scene, const MapSettings& settings);

}  // namespace hongtu::render
