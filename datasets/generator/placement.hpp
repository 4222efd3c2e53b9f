#pragma once
// Synthetic positions for townships and villages (no package has them). See datasets/README.md.

#include <cstdint>

#include "generator/model.hpp"
#include "hongtu/geo/result.hpp"

namespace hongtu::datagen {

// Places every township seat inside its county polygon, then every village around its
// township seat, inside the county polygon its code names (checked with geo::PolygonIndex).
[[nodiscard]] geo::Status placeSynthetic(Model& model, std::uint64_t seed);

}  // namespace hongtu::datagen
