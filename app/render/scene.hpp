#pragma once
// The drawable map: layers already reprojected into the display CRS (once, when the scene is
// built), converted to QPainterPaths/points with per-feature bounds for viewport culling.

#include <QPainterPath>
#include <QPointF>
#include <QRectF>
#include <QString>

#include <cstddef>
#include <string>
#include <vector>

#include "hongtu/geo/crs.hpp"
#include "hongtu/geo/feature.hpp"
#include "hongtu/geo/result.hpp"
#include "render/style.hpp"

namespace hongtu::render {

struct SceneLabel {
    QString text;
    QPointF anchor;  // display CRS
};

struct SceneLayer {
    std::string id;         // stable key, e.g. "counties"
    QString displayName;    // already translated, e.g. "县(市、区)"
    geo::Geometry::Kind kind = geo::Geometry::Kind::Empty;
    LayerStyle style;
    bool initiallyVisible = true;  // what MapSettings::visibleLayerIds starts with

    // Polygon and line layers: one path per feature (display CRS, odd-even fill so holes
    // stay empty) and its bounds. Point layers: one position per point (multipoints expanded).
    std::vector<QPainterPath> paths;
    std::vector<QRectF> pathBounds;
    std::vector<QPointF> points;
    std::vector<SceneLabel> labels;

    std::size_t skippedFeatures = 0;  // features whose geometry could not be reprojected
    geo::Box extent;                  // display CRS

    [[nodiscard]] std::size_t featureCount() const { return paths.size() + points.size(); }
};

struct Scene {
    std::string displayCrs;  // e.g. "EPSG:4546"
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
};

// Builds a scene layer from `source` (in its own CRS), reprojecting every coordinate with
// `toDisplay` (source CRS -> display CRS). Features that fail to reproject are skipped and
// counted; an error only when the layer has no geometry at all.
[[nodiscard]] geo::Result<SceneLayer> buildSceneLayer(const geo::Layer& source, const geo::Transformer& toDisplay,
                                                      const SceneLayerSpec& spec);

// Path of a polygon or line geometry (already in display coordinates).
[[nodiscard]] QPainterPath toPainterPath(const geo::Geometry& g);

}  // namespace hongtu::render
