#pragma once
// Coordinate reference systems through PROJ. Every transform uses the traditional GIS axis
// order (x = longitude/easting, y = latitude/northing), also for EPSG:4490/4326, whose
// authority order is latitude first.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "hongtu/geo/feature.hpp"
#include "hongtu/geo/result.hpp"

namespace hongtu::geo {

inline constexpr int kEpsgCgcs2000 = 4490;  // CGCS2000 geographic, the national datum
inline constexpr int kEpsgWgs84 = 4326;
inline constexpr int kEpsgWebMercator = 3857;

// CGCS2000 3-degree Gauss-Krüger zones. Two EPSG families describe the same zones:
//  - "CM" codes 4534..4554 (central meridian 75°E..135°E), false easting 500 km;
//  - "zone" codes 4513..4533 (zones 25..45), the zone number prefixed to the easting
//    (8-digit eastings, e.g. 37 500 000 m).
struct GaussKrugerZone {
    int zone = 0;                // 3-degree zone number (central meridian / 3)
    double centralMeridian = 0;  // degrees east
    int cmEpsg = 0;              // e.g. 4546 for CM 111°E
    int zoneEpsg = 0;            // e.g. 4525 for zone 37
    bool extentFits = true;      // false when the extent reaches beyond ±1.5° of the CM
};

// The zone whose central meridian is nearest the extent's centre (lon/lat extent).
[[nodiscard]] Result<GaussKrugerZone> gaussKrugerZoneFor(const Box& lonLatExtent);
// The zone with the given number (25..45) or central meridian (75..135, multiple of 3).
[[nodiscard]] std::optional<GaussKrugerZone> gaussKrugerZoneByNumber(int zone);
[[nodiscard]] std::optional<GaussKrugerZone> gaussKrugerZoneByEpsg(int epsg);

// Which variant a projected CGCS2000 GK coordinate uses, detected from its easting:
// an 8-digit easting (>= 10 000 000 m) carries the zone number; a 6-digit one does not.
// Returns the EPSG code that fits, or an error when the easting fits neither.
// `fallbackCentralMeridian` is used for 6-digit eastings (they do not say which zone).
[[nodiscard]] Result<int> detectGaussKrugerEpsg(double easting, double fallbackCentralMeridian);

// Parses a user CRS text ("EPSG:4546", "4546", a PROJ string or WKT) and returns its EPSG
// code when PROJ can identify one with full confidence.
[[nodiscard]] std::optional<int> identifyEpsg(const std::string& crsText);

// A transformation between two CRSs. Movable, not copyable (owns a PROJ context).
class Transformer {
public:
    [[nodiscard]] static Result<Transformer> create(const std::string& sourceCrs, const std::string& targetCrs);

    Transformer(Transformer&&) noexcept;
    Transformer& operator=(Transformer&&) noexcept;
    ~Transformer();

    // Returns nullopt when the point cannot be transformed (outside the CRS's domain).
    [[nodiscard]] std::optional<XY> forward(XY p) const;
    [[nodiscard]] std::optional<XY> inverse(XY p) const;
    // Transforms every coordinate in place; false if any failed (those become NaN).
    bool forward(Geometry& g) const;
    bool forward(std::vector<XY>& pts) const;
    // True when PROJ had to fall back to a "ballpark" (approximate) transformation.
    [[nodiscard]] bool isApproximate() const { return approximate_; }
    [[nodiscard]] const std::string& description() const { return description_; }

private:
    struct Impl;
    explicit Transformer(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
    bool approximate_ = false;
    std::string description_;
};

// Geodesic distance on the GRS80 ellipsoid between two lon/lat points, in metres.
[[nodiscard]] double geodesicDistance(XY lonLatA, XY lonLatB);

}  // namespace hongtu::geo
