#pragma once
// LayerStyle <-> JSON, for the styles saved in a project (geo/layer_styles.hpp stores the text).
// Reading starts from a default style and overrides only the keys present, so a style saved by
// an older version still opens. A key of the wrong type or an unknown enum value is an error
// naming the key ("symbology.method: ..."), and nothing of that style is applied.

#include <string>

#include "hongtu/geo/result.hpp"
#include "render/style.hpp"

namespace hongtu::render {

[[nodiscard]] std::string styleToJson(const LayerStyle& style);

// `base` supplies every key the JSON does not mention (the layer's default style).
// Whether a saved style sets the layer's scale range (the top-level "max_scale_denominator";
// styles saved before it existed do not, and keep the default range).
[[nodiscard]] bool styleSetsScaleRange(const std::string& text);
[[nodiscard]] geo::Result<LayerStyle> styleFromJson(const std::string& json, const LayerStyle& base);

}  // namespace hongtu::render
