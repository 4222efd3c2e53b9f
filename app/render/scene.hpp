#pragma once
// The drawable map: layers already reprojected into the display CRS (once, when the scene is
// built), converted to QPainterPaths/points with per-feature bounds for viewport culling.

#include <QImage>
#include <QPainterPath>
#include <QPointF>
#include <QRectF>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "hongtu/geo/columns.hpp"
#include "hongtu/geo/crs.hpp"
#include "hongtu/geo/feature.hpp"
#include "hongtu/geo/result.hpp"
#include "render/compact_paths.hpp"
#include "render/style.hpp"

namespace hongtu::render {

// Where a label goes; its text is SceneLayer::labelText(k) (an attribute of its item, or a text
// of its own for layers built by hand).
struct SceneLabel {
    QPointF anchor;        // display CRS
    std::size_t item = 0;  // the path or point it belongs to
};

// Label pictures per style. A label's size (font metrics) is measured when it is first
// considered for placement; glyph outlines and their halo strokes only when it is placed on a
// vector page (PDF/SVG), a small image of both only when it is placed on a raster target
// (screen, PNG): outlines cost far more than blitting an image, and most labels of a dense
// layer are never placed. Shared by copies of a layer (its texts never change after it is
// built); the mutex makes it safe for several render threads.
struct LabelPathCache {
    struct Entry {
        bool sized = false, outlined = false;
        QSizeF size;              // advance width x line height
        QPainterPath text, halo;  // vector targets; origin = the label's top-left corner
        QImage sprite;            // halo + text, for raster targets; margin = the halo width
    };
    struct Key {
        int pixelSize = 0, haloCentiPx = 0;
        QRgb color = 0, halo = 0;
        std::string family;
        friend auto operator<=>(const Key&, const Key&) = default;
    };
    std::mutex mutex;
    std::map<Key, std::vector<Entry>> byStyle;  // one entry per label of the layer
};

struct PointAggregate;  // render/render_cache.hpp

// Drawing aids for large layers (national scale: 578,000 villages, 2,870 detailed counties),
// built by the renderer on first use and shared by copies of the layer (its geometry never
// changes after it is built); the mutex makes them safe for several render threads.
struct LayerRenderCache {
    std::mutex mutex;
    // Point layers: a uniform grid over the points (compressed rows: the items of cell c are
    // cellItems[cellStart[c] .. cellStart[c + 1]), in ascending item order).
    bool gridBuilt = false;
    double gridMinX = 0, gridMinY = 0, cellSize = 1;
    int cellsX = 0, cellsY = 0;
    std::vector<std::uint32_t> cellStart, cellItems;
    std::vector<std::int32_t> itemLabel;  // label index of each point item, -1 = none
    // Path layers: the paths simplified for a zoom band (map units per pixel within a factor
    // of two), no vertex moved more than half a pixel of that band, kept as selections of the
    // layer's vertices (4 bytes a vertex kept). Bands are kept. A null entry: the band keeps nearly every vertex, the original
    // paths are drawn.
    std::map<int, std::shared_ptr<const CompactPaths>> simplified;
    std::size_t vertexCount = 0;  // of the original paths, counted with the first band
    // Point layers: the points aggregated per class on a grid, per zoom band (render_cache.hpp,
    // PointAggregate). A null entry: aggregating does not pay at that band.
    std::map<int, std::shared_ptr<const PointAggregate>> aggregates;
};

// One row of the legend: what a class of features looks like and how many there are.
struct SceneClass {
    QString label;  // empty for a single-symbol layer
    Symbol symbol;
    std::size_t count = 0;  // features of the layer in this class
};

// The classes of a layer on one as-of day (progress layers): what the layer's classes and
// itemClass are for a static layer.
struct LayerClasses {
    std::vector<SceneClass> classes;
    std::vector<std::int32_t> itemClass;  // -1 = not drawn on that day
    QString legendTitle;                  // empty = the style's
};

// Classifies a layer's items for an as-of day. Immutable once built and safe to call from
// several threads (the canvas renders off the GUI thread).
class AsOfClassifier {
public:
    virtual ~AsOfClassifier() = default;
    [[nodiscard]] virtual LayerClasses classify(geo::Date asOf, int dueSoonDays) const = 0;
};

struct SceneLayer {
    std::string id;       // stable key, e.g. "counties"
    QString displayName;  // already translated, e.g. "县(市、区)"
    geo::Geometry::Kind kind = geo::Geometry::Kind::Empty;
    LayerStyle style;
    bool initiallyVisible = true;  // what MapSettings::visibleLayerIds starts with
    // layer_metadata says the positions are made up (synthetic=1): the name says so too.
    bool syntheticPositions = false;
    // The values the layer is classified by are made up (the demo's income shares and progress):
    // the default legend title says so too. The page's synthetic notice reads these two flags,
    // never the (translated, renamable) names.
    bool syntheticValues = false;
    // displayName without the " (synthetic positions)" note; empty = displayName.
    QString plainName;

    // Polygon and line layers: one path per feature (display CRS, odd-even fill so holes
    // stay empty), kept compact and handed out as QPainterPaths, and its bounds. Point
    // layers: one position per point (multipoints expanded).
    CompactPaths paths;
    std::vector<QRectF> pathBounds;
    std::vector<QPointF> points;
    std::vector<SceneLabel> labels;
    // The text of label k: the attribute column labelColumn of the label's item when set (no
    // text is kept per label: 578,000 village names stay in the attributes), else labelTexts[k].
    std::optional<std::size_t> labelColumn;
    std::vector<QString> labelTexts;
    std::shared_ptr<LabelPathCache> labelCache = std::make_shared<LabelPathCache>();
    std::shared_ptr<LayerRenderCache> renderCache = std::make_shared<LayerRenderCache>();

    // Attributes of each path (polygon/line layers) or point, in the same order.
    std::vector<geo::Field> fields;
    geo::Columns attributes;  // one column per field, one row per item

    // From style.symbology (resolveSymbology): the legend's classes and each item's class,
    // -1 = not drawn. For proportional symbols also each point's marker size in mm.
    std::vector<SceneClass> classes;
    std::vector<std::int32_t> itemClass;
    std::vector<float> markerSizeMm;
    // Marker sizes by a value while the classes are colours (a thematic layer of township
    // seats: size = projects planned, colour = completion rate): reference sizes for the legend.
    std::vector<SceneClass> sizeLegend;  // labels: the values ("12")
    QString sizeLegendTitle;             // what the size measures ("圆的面积：计划项目数")
    // Set for layers whose classes depend on MapSettings::asOf; classes/itemClass then hold
    // the classes of the project's data date (used when the settings carry no date).
    std::shared_ptr<const AsOfClassifier> asOfClasses;

    std::size_t skippedFeatures = 0;  // features whose geometry could not be reprojected
    geo::Box extent;                  // display CRS

    [[nodiscard]] std::size_t featureCount() const { return paths.size() + points.size(); }
    [[nodiscard]] std::size_t itemCount() const { return paths.empty() ? points.size() : paths.size(); }
    // Text of `field` of item i ("" when the field is missing).
    [[nodiscard]] std::string text(std::size_t item, const std::string& field) const;
    [[nodiscard]] std::optional<std::size_t> fieldIndex(const std::string& field) const;
    [[nodiscard]] QString labelText(std::size_t label) const;
    // A label with a text of its own (layers built by hand; labelColumn stays unset).
    void addLabel(const QString& text, QPointF anchor, std::size_t item);
    // Gives label k another text (tests: a glyph the font lacks). A layer whose texts come from
    // labelColumn gets a text of its own for every label first.
    void setLabelText(std::size_t label, const QString& text);
};

class Basemap;

struct Scene {
    std::string displayCrs;  // e.g. "EPSG:4546"
    // Drawn under every layer when set (render/basemap.hpp); shared, it is warped per view.
    std::shared_ptr<const Basemap> basemap;
    std::vector<SceneLayer> layers;  // drawing order: first is drawn first (bottom)

    [[nodiscard]] geo::Box extent() const;  // union of the layers' extents
    [[nodiscard]] const SceneLayer* find(const std::string& id) const;
    [[nodiscard]] std::vector<std::string> initiallyVisibleLayerIds() const;
};

struct SceneLayerSpec {
    std::string id;
    QString displayName;
    LayerStyle style;
    std::string labelField;  // empty = no labels
    bool initiallyVisible = true;
    // Fields holding a label's anchor (x, y in the layer's CRS); where both are set they place
    // the label instead of the polygon's interior point.
    std::pair<std::string, std::string> labelAnchorFields;
};

// The classes to draw `layer` with on `asOf` (its own classes when it has no as-of
// classifier or asOf is empty): the legend and the feature queries use it like the renderer.
[[nodiscard]] LayerClasses classesAsOf(const SceneLayer& layer, const std::optional<geo::Date>& asOf, int dueSoonDays);

// Builds a scene layer feature by feature, so a large layer is never in memory twice (as a
// geo::Layer and as the scene layer): each feature is reprojected with `toDisplay` (source
// CRS -> display CRS), kept as a path or points, and its values appended to the attributes.
// Features that fail to reproject are skipped and counted; finish() gives an error only when
// the layer has no geometry at all.
class SceneLayerBuilder {
public:
    // `fields` and `declaredKind` as the source declares them (Empty: generic "Geometry", the
    // features say their kind); `sourceName` names the layer in errors.
    SceneLayerBuilder(std::string sourceName, std::vector<geo::Field> fields, geo::Geometry::Kind declaredKind,
                      const geo::Transformer& toDisplay, const SceneLayerSpec& spec);
    // Contract: values has one entry per field.
    void add(geo::Geometry geometry, const std::vector<geo::Value>& values);
    void reserve(std::size_t features);
    [[nodiscard]] geo::Result<SceneLayer> finish() &&;

private:
    std::string sourceName_;
    const geo::Transformer& toDisplay_;
    SceneLayer out_;
    std::optional<std::size_t> labelIndex_;
    std::size_t anchorX_ = 0, anchorY_ = 0;
};

// The same for a layer already in memory.
[[nodiscard]] geo::Result<SceneLayer> buildSceneLayer(const geo::Layer& source, const geo::Transformer& toDisplay,
                                                      const SceneLayerSpec& spec);

// Path of a polygon or line geometry (already in display coordinates).
[[nodiscard]] QPainterPath toPainterPath(const geo::Geometry& g);

}  // namespace hongtu::render
