#pragma once
// Resolving a layer's symbology (style.hpp) into legend classes and a class per feature.

#include <vector>

#include "render/scene.hpp"
#include "render/style.hpp"

namespace hongtu::render {

// Fills layer.classes, itemClass and markerSizeMm from layer.style.symbology and the
// attributes. Classes of a graduated symbology are computed from the values here, so the
// legend and the map always show the same breaks.
void resolveSymbology(SceneLayer& layer);
// The class limits of a graduated symbology on `layer` (k+1 numbers for k classes; empty when
// nothing can be classified), as resolveSymbology draws them; and the value a proportional
// symbology gives its largest marker.
[[nodiscard]] std::vector<double> graduatedBreaks(const SceneLayer& layer, const GraduatedSymbology& g);
[[nodiscard]] double proportionalMaxValue(const SceneLayer& layer, const ProportionalSymbology& p);

}  // namespace hongtu::render
