#pragma once
// Layer styles saved in a project GeoPackage: one row per layer in the attribute table
// hongtu_layer_styles(layer_id TEXT, style_json TEXT, updated_at TEXT). geo stores the text
// only; what the JSON means is the viewer's business (app/render/style_io.hpp).

#include <string>
#include <vector>

#include "hongtu/geo/datasource.hpp"
#include "hongtu/geo/project_schema.hpp"
#include "hongtu/geo/qgis_styles.hpp"
#include "hongtu/geo/result.hpp"

namespace hongtu::geo {

inline constexpr const char* kLayerStylesTable = schema::kLayerStyles;

struct StoredLayerStyle {
    std::string layerId;
    std::string styleJson;
    std::string updatedAt;  // ISO 8601, an input (determinism)
    friend bool operator==(const StoredLayerStyle&, const StoredLayerStyle&) = default;
};

// The stored styles of `source`, in table order; empty when the project has no such table. A
// row without a layer id is left out and, when `skipped` is given, reported there.
[[nodiscard]] Result<std::vector<StoredLayerStyle>> readLayerStyles(const DataSource& source,
                                                                    std::vector<Error>* skipped = nullptr);

// Adds or replaces the rows of `styles` (by layer id) in the project at `path`, keeping the
// other rows and every other layer: one transaction in place (ProjectStore), so a failure
// leaves the file as it was and other programs' saves are kept. In the same transaction the
// QGIS form of each style (`qgis`, qgis_styles.hpp) replaces Hongtu's default row of its table
// in QGIS's layer_styles (by styleName; the user's own QGIS styles are kept), so QGIS opens
// the layer as Hongtu draws it. A QGIS style of a progress layer (progress/views.hpp) first
// (re)makes the progress views in the same transaction; a QGIS style whose table or view is not
// in the project is left out, and so is every QGIS style of a PostgreSQL project. `updatedAt` of the first style, or
// `qgisUpdatedAt` when given, is QGIS's update_time.
[[nodiscard]] Status writeLayerStyles(const std::string& path, const std::vector<StoredLayerStyle>& styles,
                                      const std::vector<QgisStyle>& qgis = {}, const std::string& qgisUpdatedAt = {});

}  // namespace hongtu::geo
