#pragma once
// The scale bar of a map frame, measured on the ground: the ground distance across the frame
// centre (geodesic on the ellipsoid, between points converted from the display CRS to
// CGCS2000 lon/lat) gives metres per millimetre of paper; the bar takes the longest round
// length (1, 2 or 5 x 10^n km) that fits, and the numeric scale comes from the same figure.

#include <string>

#include "hongtu/geo/result.hpp"
#include "render/map_settings.hpp"

namespace hongtu::exporting {

struct ScaleBar {
    double lengthKm = 0;           // round: 1/2/5 x 10^n
    double lengthMm = 0;           // drawn length on paper
    double groundMetresPerMm = 0;  // at the frame centre
    double scaleDenominator = 0;   // N of 1:N, = ground mm per paper mm
    int segments = 4;              // alternating black/white parts
    // "1:250 000" (rounded to three significant digits, grouped by spaces).
    [[nodiscard]] std::string scaleText() const;
    // "50 km" / "500 m".
    [[nodiscard]] static std::string lengthText(double km);
};

// `frame` is the map frame's settings (extent, size in device pixels, dpi, display CRS).
[[nodiscard]] geo::Result<ScaleBar> computeScaleBar(const render::MapSettings& frame, double maxLengthMm);

// Angle (degrees, clockwise from the page's up) of true north at the frame centre: the
// Gauss-Krüger grid is rotated against the meridians away from the central meridian.
[[nodiscard]] double trueNorthAngle(const render::MapSettings& frame);

}  // namespace hongtu::exporting
