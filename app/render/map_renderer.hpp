#pragma once
// The one renderer: paints a Scene as MapSettings describe onto any QPainter (the canvas, a
// QImage for PNG export and tests, later PDF/SVG). What you see on screen is what prints.

#include <QImage>
#include <QPainter>

#include <cstddef>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "render/map_settings.hpp"
#include "render/scene.hpp"

namespace hongtu::render {

// Whether `layer` is drawn in `settings`: switched on and inside its scale range
// (LayerStyle::maxScaleDenominator) or named in MapSettings::scaleRangeOverrideIds. The renderer,
// the legends and the page checks agree on it.
[[nodiscard]] bool layerDrawn(const SceneLayer& layer, const MapSettings& settings);

struct RenderStats {
    std::size_t featuresDrawn = 0;
    std::size_t featuresCulled = 0;  // outside the visible extent
    std::size_t labelsDrawn = 0;
    bool cancelled = false;  // stopped early: the picture is incomplete
    // Per layer drawn (scene order): the features drawn in each of its classes on the day (one
    // entry for a layer without classes). What the legend model must list (render/legend_model).
    std::vector<std::pair<std::string, std::vector<std::size_t>>> drawnPerClass;
    // Point layers drawn aggregated (the viewer's level of detail at overview scales, never on
    // pages: MapSettings::pointDensityLevelOfDetail): the points in view shown as fewer markers,
    // one per grid cell and class (render/render_cache.hpp). The canvas says so on screen.
    struct Aggregated {
        std::string layerId;
        std::size_t points = 0;                   // points of the layer in view
        std::size_t markers = 0;                  // markers drawn for them
        std::vector<std::size_t> pointsPerClass;  // points the markers of each class stand for
    };
    std::vector<Aggregated> aggregated;
    // Layers drawn from the viewer's prepared tiles (StaticLayerTiles) instead of their paths.
    std::size_t layersFromTiles = 0;
};

// What the renderer draws of a layer: its classes on the settings' day (classesAsOf) and the
// items of each class inside the view (points with a margin of their symbol, so a marker that
// is half in the frame counts). One list of items for a layer without classes. Empty lists
// when the layer is not drawn (layerDrawn). The renderer and the legend model both use it.
struct DrawnItems {
    std::vector<SceneClass> classes;                // empty for a layer without classes
    std::vector<std::vector<std::size_t>> byClass;  // classes.size() lists, or 1
    std::size_t culled = 0;                         // items outside the view
    [[nodiscard]] std::size_t count() const;
};
[[nodiscard]] DrawnItems drawnItems(const SceneLayer& layer, const MapSettings& settings);

// Asked between layers, symbol classes and before the labels; true stops the render (a
// newer view made this one stale). Called from the rendering thread.
using RenderCancelled = std::function<bool()>;

// Paints onto `painter`, whose device coordinates (under its current transform) span
// settings.outputSize pixels from the origin. Fills the background first; draws the visible
// layers in scene order, then all labels on top. Leaves the painter's state as it was.
RenderStats renderMap(const Scene& scene, const MapSettings& settings, QPainter& painter,
                      const RenderCancelled& cancelled = {});

class StaticLayerTiles;  // render/render_cache.hpp

// The viewer's frame: as above, but runs of consecutive static layers (no as-of classes:
// polygon and line layers, and large point layers where the view draws their markers, not
// their aggregate) are drawn from `tiles` when the tiles covering the view are prepared (a few
// missing ones, a pan's new edge, are rendered here first; with more missing the layers are
// drawn as above and prepareStaticTiles should run). The frame is the view placed on the tiles'
// pixel grid (MapSettings::onPixelGrid: moved by less than half a pixel), every layer drawn
// there, so what is drawn directly lands where it would on the tiles. Only with
// settings.pointDensityLevelOfDetail (the screen; pages set it false) on a raster painter
// without scaling; null `tiles` is the call above. Other points, progress layers and labels
// are drawn on top as always; the legend counts (drawnPerClass) are those of the drawn items.
RenderStats renderMap(const Scene& scene, const MapSettings& settings, QPainter& painter, const RenderCancelled& cancelled,
                      StaticLayerTiles* tiles);

// Renders into `tiles`, off the UI thread, what renderMap needs for `view` and the views one
// wheel notch (StaticLayerTiles's level step) in and out: the tiles of this level over the view
// and a quarter of it around each side (a pan), of the finer level over the view, of the
// coarser over the view and a quarter around; and the label pictures of those areas (built on
// first use otherwise). `cancelled` is asked between blocks of tiles; what was built stays.
// Returns the number of tiles rendered.
std::size_t prepareStaticTiles(const Scene& scene, const MapSettings& view, StaticLayerTiles& tiles,
                               const std::function<bool()>& cancelled = {});

// Renders into a new image of settings.outputSize, its resolution metadata set to settings.dpi.
[[nodiscard]] QImage renderToImage(const Scene& scene, const MapSettings& settings);

}  // namespace hongtu::render
