#pragma once
// A local flat approximation of Lüliang for the synthetic placement: kilometres east and north
// of 111°E 37.6°N with fixed scale factors. Fixed literals instead of cos() keep the numbers
// identical on every platform; over 2° of latitude the error (a few per cent) does not matter
// for scattering made-up points.

#include <cmath>

#include "hongtu/geo/feature.hpp"

namespace hongtu::datagen::planar {

inline constexpr double kOriginLon = 111.0, kOriginLat = 37.6;
inline constexpr double kKmPerDegLat = 110.95;
inline constexpr double kKmPerDegLon = 88.20;  // 111.32 km * cos(37.6°)

[[nodiscard]] inline geo::XY toKm(geo::XY lonLat) {
    return {(lonLat.x - kOriginLon) * kKmPerDegLon, (lonLat.y - kOriginLat) * kKmPerDegLat};
}
[[nodiscard]] inline geo::XY toLonLat(geo::XY km) {
    return {kOriginLon + km.x / kKmPerDegLon, kOriginLat + km.y / kKmPerDegLat};
}
[[nodiscard]] inline double distKm(geo::XY a, geo::XY b) {
    const geo::XY p = toKm(a), q = toKm(b);
    return std::sqrt((p.x - q.x) * (p.x - q.x) + (p.y - q.y) * (p.y - q.y));  // sqrt is exact in IEEE
}
// Distance from p to the segment ab, all in km.
[[nodiscard]] inline double segmentDistKm(geo::XY p, geo::XY a, geo::XY b) {
    const double dx = b.x - a.x, dy = b.y - a.y;
    const double len2 = dx * dx + dy * dy;
    double t = len2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2 : 0;
    t = t < 0 ? 0 : (t > 1 ? 1 : t);
    const double ex = a.x + t * dx - p.x, ey = a.y + t * dy - p.y;
    return std::sqrt(ex * ex + ey * ey);
}
// Area of a polygon geometry (exterior minus holes) in km².
[[nodiscard]] inline double areaKm2(const geo::Geometry& g) {
    double total = 0;
    for (const auto& part : g.parts) {
        for (std::size_t r = 0; r < part.size(); ++r) {
            double twice = 0;
            const auto& ring = part[r];
            for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
                const geo::XY a = toKm(ring[i]), b = toKm(ring[i + 1]);
                twice += a.x * b.y - b.x * a.y;
            }
            total += (r == 0 ? 1 : -1) * std::abs(twice) / 2;
        }
    }
    return total;
}
// Shortest distance (km) from p to any ring edge of the polygon.
[[nodiscard]] inline double boundaryDistKm(geo::XY lonLat, const geo::Geometry& g) {
    const geo::XY p = toKm(lonLat);
    double best = 1e300;
    for (const auto& part : g.parts)
        for (const auto& ring : part)
            for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
                const double d = segmentDistKm(p, toKm(ring[i]), toKm(ring[i + 1]));
                if (d < best) best = d;
            }
    return best;
}
// Rounds a coordinate to 6 decimals (about 0.1 m), as the files store it.
[[nodiscard]] inline double round6(double v) { return std::round(v * 1e6) / 1e6; }
[[nodiscard]] inline geo::XY round6(geo::XY p) { return {round6(p.x), round6(p.y)}; }

}  // namespace hongtu::datagen::planar
