#pragma once
// What to draw and how big: the extent in display-CRS units, the output size and resolution.
// A copyable value (like QgsMapSettings); the canvas, image and print jobs all paint from it.

#include <QColor>
#include <QPointF>
#include <QSize>
#include <QTransform>

#include <optional>
#include <string>
#include <vector>

#include "hongtu/geo/feature.hpp"

namespace hongtu::render {

struct MapSettings {
    // Requested extent in display-CRS units (metres for a Gauss-Krüger CRS). The extent that is
    // actually shown, visibleExtent(), grows it on one axis to the output's aspect ratio.
    geo::Box extent;
    QSize outputSize{800, 600};                // device pixels
    double dpi = 96;                           // output resolution: converts mm symbol sizes and the scale
    std::string displayCrs;                    // e.g. "EPSG:4546"
    std::vector<std::string> visibleLayerIds;  // drawn in the scene's order, not this order
    // Layers drawn at every scale, their scale range (LayerStyle::maxScaleDenominator) set
    // aside: a page or `hongtu export --layers` that names a layer gets it (a national dot map
    // of every village). Their labels keep their own scale range.
    std::vector<std::string> scaleRangeOverrideIds;
    // The viewer's level of detail: more than 5,000 points in view of a layer are drawn
    // aggregated, one marker per grid cell of 2 to 4 pixels and class (RenderStats::aggregated;
    // the canvas says so), and more than 30,000 markers are written as pixel blocks (their
    // shapes cannot be told apart on screen). Pages set it false: every marker is drawn
    // as its symbol (a stamp rendered once per class at the page's DPI and blitted, on raster
    // pages; real shapes in PDF/SVG).
    bool pointDensityLevelOfDetail = true;
    QColor background{Qt::white};
    // Progress layers (render/progress_theme.hpp) show the state as of this day; nullopt = the
    // classes computed when the scene was built (the project's data date).
    std::optional<geo::Date> asOf;
    int dueSoonDays = 30;  // "due soon": planned completion within this many days of asOf

    // True when there is something to draw onto: a non-empty extent and a positive size.
    [[nodiscard]] bool isValid() const;
    [[nodiscard]] bool isLayerVisible(const std::string& id) const;
    [[nodiscard]] bool overridesScaleRange(const std::string& id) const;

    // `extent` grown around its centre to the aspect ratio of `outputSize`.
    [[nodiscard]] geo::Box visibleExtent() const;
    // Display-CRS units per device pixel (the same along x and y).
    [[nodiscard]] double mapUnitsPerPixel() const;
    // N of "1:N" at `dpi`, from the ground distance across the centre of the view: for a
    // projected CRS in metres the map units, for Web Mercator and geographic CRSs (degrees)
    // the east-west ground distance at the centre's latitude.
    [[nodiscard]] double scaleDenominator() const;
    // Ground metres per display-CRS unit, east-west at the centre of the view (1 for
    // Gauss-Krüger and other metric CRSs).
    [[nodiscard]] double groundMetresPerMapUnit() const;
    // Millimetres on the output to device pixels at `dpi`.
    [[nodiscard]] double pixelsFromMm(double mm) const;

    // Map (display CRS, y up) <-> device pixels (y down, origin top-left).
    [[nodiscard]] QTransform mapToPixel() const;
    [[nodiscard]] QPointF toPixel(geo::XY map) const;
    [[nodiscard]] geo::XY toMap(QPointF pixel) const;

    // Copies with a changed view. `factor` > 1 zooms in; the map point under `anchorPixel`
    // stays under it. Panning moves the map content by `deltaPixels` (a drag to the right
    // shows more of the west).
    [[nodiscard]] MapSettings zoomedBy(double factor, QPointF anchorPixel) const;
    [[nodiscard]] MapSettings pannedByPixels(QPointF deltaPixels) const;
    // Moved by less than half a pixel so that the view's top-left corner falls on a whole pixel
    // of the map's pixel grid at this resolution (multiples of mapUnitsPerPixel() from the
    // display CRS's origin): the grid the viewer's tiles are cut from (render_cache.hpp).
    [[nodiscard]] MapSettings onPixelGrid() const;
    // Same centre and scale at another output size (what a resized window should show).
    [[nodiscard]] MapSettings resizedKeepingScale(QSize newSize) const;
    // `box` fitted into the output with a margin (fraction of each side, e.g. 0.03).
    [[nodiscard]] MapSettings fittedTo(const geo::Box& box, double margin = 0.03) const;
};

}  // namespace hongtu::render
