#pragma once
// Finding features in a Scene: by name or code (search), and under a pixel (identify). Pure
// functions of the scene and the map settings; the widgets only show the results.

#include <QPointF>
#include <QString>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "render/map_settings.hpp"
#include "render/scene.hpp"

namespace hongtu::render {

// One feature of the scene: a path (polygon/line layers) or a point.
struct FeatureRef {
    std::string layerId;
    std::size_t item = 0;
    friend bool operator==(const FeatureRef&, const FeatureRef&) = default;
};

struct SearchHit {
    FeatureRef feature;
    QString name;   // as stored, e.g. "蔡家崖村委会"
    QString code;   // division code when the layer has one
    QString where;  // the county's name, to tell 东庄村 of three counties apart
    // Lower is better: 0 same code, 1 same name, 2 same name without the suffix the query has
    // (蔡家崖村 -> 蔡家崖村委会), 3 same name without suffixes (蔡家崖 -> 蔡家崖村委会, 蔡家崖乡),
    // 4 code or name starting with the query, 5 name containing it.
    int rank = 0;
};

// Searches the name and code fields of the scene's layers. Names are compared after
// geo::normalizeVillageName / normalizeTownshipName / countyNameAliases, so "蔡家崖", "蔡家崖村"
// and "蔡家崖村委会" all find 蔡家崖村委会; codes match exactly or by prefix (6+ digits).
// Best first: by rank, then counties, villages, townships, sites; at most `limit` hits.
[[nodiscard]] std::vector<SearchHit> searchFeatures(const Scene& scene, const QString& query, std::size_t limit = 50);

// The feature drawn at `pixel`: point layers first (top layer first, nearest marker within
// `tolerancePx`), then polygons containing the point. Only visible layers, only drawn items.
[[nodiscard]] std::optional<FeatureRef> featureAt(const Scene& scene, const MapSettings& settings, QPointF pixel,
                                                  double tolerancePx = 5);

// The features of the visible layers whose point (or bounds, for polygons) lies in `pixelRect`.
[[nodiscard]] std::vector<FeatureRef> featuresIn(const Scene& scene, const MapSettings& settings, const QRectF& pixelRect);

// Display-CRS bounds of a feature (a point gives an empty-area box).
[[nodiscard]] geo::Box featureBounds(const Scene& scene, const FeatureRef& feature);

}  // namespace hongtu::render
