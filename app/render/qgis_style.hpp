#pragma once
// A scene layer as QGIS should draw it (geo/qgis_styles.hpp): the symbol, classes, labels,
// opacity and scale range the viewer resolved, for the project GeoPackage's layer_styles table.
// Classes are the layer's resolved classes (the legend's labels and colours); graduated limits
// are the breaks resolveSymbology draws; a field loadProject derives becomes the QGIS
// expression that computes it (project.hpp). A graduated layer's "no data" class becomes QGIS's
// no-data range (geo::QgisClass::noData). The progress layers are drawn from their GeoPackage
// views (geo/progress/views.hpp) as of the newest status change.

#include <optional>
#include <string>
#include <vector>

#include "hongtu/geo/qgis_styles.hpp"
#include "hongtu/geo/result.hpp"
#include "render/scene.hpp"

namespace hongtu::render {

// nullopt for a layer QGIS cannot open from the project file as it is drawn: layers without
// geometry.
[[nodiscard]] std::optional<geo::QgisStyle> toQgisStyle(const Scene& scene, const SceneLayer& layer);
// Every layer of `scene` that has a QGIS form, in drawing order.
[[nodiscard]] std::vector<geo::QgisStyle> qgisStyles(const Scene& scene);

// Writes the QGIS default style of every layer of the project at `path` that QGIS can open (as
// the viewer draws it: saved styles over the defaults) into layer_styles, in one transaction
// (geo::writeLayerStyles); returns how many. Used by `hongtu new`, the new-project wizard,
// `hongtu style qgis` and `hongtu dataset build-luliang`.
[[nodiscard]] geo::Result<std::size_t> writeQgisStyles(const std::string& path, const std::string& updatedAt);

}  // namespace hongtu::render
