#pragma once
// Layer styles saved in a project GeoPackage: one row per layer in the attribute table
// hongtu_layer_styles(layer_id TEXT, style_json TEXT, updated_at TEXT). geo stores the text
// only; what the JSON means is the viewer's business (app/render/style_io.hpp).

#include <string>
#include <vector>

#include "hongtu/geo/datasource.hpp"
#include "hongtu/geo/result.hpp"

namespace hongtu::geo {

inline constexpr const char* kLayerStylesTable = "hongtu_layer_styles";

struct StoredLayerStyle {
    std::string layerId;
    std::string styleJson;
    std::string updatedAt;  // ISO 8601, an input (determinism)
    friend bool operator==(const StoredLayerStyle&, const StoredLayerStyle&) = default;
};

// The stored styles of `source`, in table order; empty when the project has no such table.
[[nodiscard]] Result<std::vector<StoredLayerStyle>> readLayerStyles(const DataSource& source);

// Adds or replaces the rows of `styles` (by layer id) in the project at `path`, keeping the
// other rows and every other layer. Atomic: a failure leaves the file as it was.
[[nodiscard]] Status writeLayerStyles(const std::string& path, const std::vector<StoredLayerStyle>& styles);

}  // namespace hongtu::geo
