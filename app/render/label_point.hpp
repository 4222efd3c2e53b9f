#pragma once
// Where to put a polygon's label: a point guaranteed inside it (not the centroid, which falls
// outside concave or C-shaped counties). Pure geometry, in whatever CRS the input is.

#include <optional>

#include "hongtu/geo/feature.hpp"

namespace hongtu::render {

// The midpoint of the widest inside-interval on a few horizontal scan lines through the
// largest part (the one through its centroid is among them). nullopt for non-polygons or
// degenerate polygons.
[[nodiscard]] std::optional<geo::XY> interiorPoint(const geo::Geometry& polygon);

}  // namespace hongtu::render
