#pragma once
// Where to put a polygon's label: a point guaranteed inside it (not the centroid, which falls
// outside concave or C-shaped counties). Pure geometry, in whatever CRS the input is.

#include <optional>

#include "hongtu/geo/feature.hpp"

namespace hongtu::geo {

// Of the midpoints of the inside-intervals on a few horizontal scan lines through the largest
// part, the one farthest from the part's boundary (holes included). nullopt for non-polygons
// or polygons without area.
[[nodiscard]] std::optional<geo::XY> interiorPoint(const geo::Geometry& polygon);

}  // namespace hongtu::geo
