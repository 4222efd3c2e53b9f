#pragma once
// Spatial index and point-in-polygon assignment (GEOS STRtree + prepared geometries).

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "hongtu/geo/feature.hpp"
#include "hongtu/geo/result.hpp"

namespace hongtu::geo {

// An immutable index of polygons for "which polygon contains this point" queries.
// Points on a shared boundary belong to the polygon with the lowest index (deterministic).
class PolygonIndex {
public:
    // `polygons[i]` must be Polygon geometries (or Empty, which never match).
    [[nodiscard]] static Result<PolygonIndex> build(const std::vector<Geometry>& polygons);

    PolygonIndex(PolygonIndex&&) noexcept;
    PolygonIndex& operator=(PolygonIndex&&) noexcept;
    ~PolygonIndex();

    [[nodiscard]] std::size_t size() const;
    [[nodiscard]] std::optional<std::size_t> locate(XY p) const;
    // Every polygon containing p (overlapping inputs), in increasing index order.
    [[nodiscard]] std::vector<std::size_t> locateAll(XY p) const;

private:
    struct Impl;
    explicit PolygonIndex(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

enum class Placement {
    InCodedUnit,       // inside the polygon its code says
    OutsideCodedUnit,  // inside another polygon than its code says
    OutsideAll,        // inside no polygon at all
    UnknownCode,       // its code names no polygon; `found` still says where it lies
};
[[nodiscard]] const char* placementName(Placement p);

struct PointAssignment {
    std::size_t point = 0;                // index into the input points
    std::optional<std::size_t> found;     // polygon that contains it
    std::optional<std::size_t> expected;  // polygon its code names
    Placement placement = Placement::OutsideAll;
};

struct AssignmentReport {
    std::vector<PointAssignment> assignments;  // one per point, in input order
    std::size_t inCodedUnit = 0, outsideCodedUnit = 0, outsideAll = 0, unknownCode = 0;
};

// Assigns each point of `points` (a Point layer) to the polygon of `polygons` containing it
// and compares with the polygon its code names: the first `codePrefixLength` characters of
// the point's `pointCodeField` must equal the polygon's `polygonCodeField` (e.g. a 12-digit
// village code's first 6 digits are its county code). Both layers must share a CRS. Uses
// geo::PolygonGrid (polygon_grid.hpp); PolygonIndex above is its GEOS reference.
[[nodiscard]] Result<AssignmentReport> assignPointsToPolygons(const Layer& points, const std::string& pointCodeField,
                                                              const Layer& polygons, const std::string& polygonCodeField,
                                                              std::size_t codePrefixLength);

}  // namespace hongtu::geo
