#pragma once
// Point in polygon without GEOS on the hot path: the polygons' rings flattened into one
// coordinate buffer, each polygon's edges bucketed into horizontal bands, and a uniform grid
// of the polygons' bounding boxes to find the candidates. A query is the exact crossing test
// (GEOS's ray-crossing rule, orientation by an exact-sign filter) over the edges of one band.
//
// Semantics: a point is inside a polygon when a ray from it crosses the polygon's rings (all
// parts, shells and holes) an odd number of times, or when it lies on a ring (the boundary
// counts, like GEOS's intersects). For valid polygons this is GEOS's answer; for an invalid one
// (a ring crossing itself) it is the even-odd reading of its rings, which can differ from a
// GEOS make-valid repair inside the crossing (tests/geo/polygon_grid_test.cpp compares every
// assignment with geo::PolygonIndex). Overlapping polygons: the lowest index wins, as in
// PolygonIndex.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "hongtu/geo/feature.hpp"
#include "hongtu/geo/result.hpp"

namespace hongtu::geo {

class PolygonGrid {
public:
    // `polygons[i]` must be Polygon geometries (or Empty, which never match); the error names
    // the row (i + 1) of the first that is not.
    [[nodiscard]] static Result<PolygonGrid> build(const std::vector<Geometry>& polygons);

    [[nodiscard]] std::size_t size() const { return polys_.size(); }
    // The lowest-numbered polygon containing p (boundary included), or nullopt.
    [[nodiscard]] std::optional<std::size_t> locate(XY p) const;
    // Whether polygon `i` contains p (boundary included).
    [[nodiscard]] bool contains(std::size_t i, XY p) const;
    // Bytes held (the flat rings, the bands and the grid).
    [[nodiscard]] std::size_t memoryBytes() const;

private:
    struct Poly {
        Box box;
        double bandY0 = 0, bandHeight = 1;
        std::uint32_t firstBand = 0, bandCount = 0;  // into bandStart_
    };
    std::vector<XY> vertices_;  // every ring closed (first vertex repeated); edge e = (e, e + 1)
    std::vector<Poly> polys_;
    std::vector<std::uint32_t> bandStart_;  // per band: start into bandEdges_; one extra at the end
    std::vector<std::uint32_t> bandEdges_;  // edge numbers (index of the edge's first vertex)
    Box extent_;
    std::uint32_t columns_ = 0, rows_ = 0;
    double cellWidth_ = 1, cellHeight_ = 1;
    std::vector<std::uint32_t> cellStart_;  // per grid cell: start into cellPolys_; one extra at the end
    std::vector<std::uint32_t> cellPolys_;  // polygon numbers, ascending within a cell
};

}  // namespace hongtu::geo
