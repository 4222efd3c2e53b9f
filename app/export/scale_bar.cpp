#include "export/scale_bar.hpp"

#include <cmath>
#include <numbers>

#include "hongtu/geo/crs.hpp"

namespace hongtu::exporting {

std::string ScaleBar::scaleText() const {
    double n = scaleDenominator;
    if (n >= 1000) {
        const double magnitude = std::pow(10.0, std::floor(std::log10(n)) - 2);
        n = std::round(n / magnitude) * magnitude;
    }
    std::string digits = std::to_string(static_cast<long long>(std::llround(n)));
    std::string grouped;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) grouped += " ";
        grouped += digits[i];
    }
    return "1:" + grouped;
}

std::string ScaleBar::lengthText(double km) {
    if (km < 1) return std::to_string(static_cast<int>(std::lround(km * 1000))) + " m";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g km", km);
    return buf;
}

geo::Result<ScaleBar> computeScaleBar(const render::MapSettings& frame, double maxLengthMm) {
    if (!frame.isValid() || !(maxLengthMm > 0))
        return geo::Error{"the map frame has no extent or size, so no scale bar can be drawn", "", "", {}};
    auto toLonLat = geo::Transformer::create(frame.displayCrs, "EPSG:4490");
    if (!toLonLat) return toLonLat.error();
    // Two points a quarter of the frame width either side of the centre, on its horizontal.
    const geo::Box v = frame.visibleExtent();
    const geo::XY c = v.center();
    const double half = v.width() / 4;
    const auto a = toLonLat->forward(geo::XY{c.x - half, c.y});
    const auto b = toLonLat->forward(geo::XY{c.x + half, c.y});
    if (!a || !b) return geo::Error{"the map centre cannot be converted to longitude/latitude for the scale bar", "", "", {}};
    const double groundMetres = geo::geodesicDistance(*a, *b);
    const double paperMm = 2 * half / frame.mapUnitsPerPixel() / frame.pixelsFromMm(1);
    ScaleBar bar;
    bar.groundMetresPerMm = groundMetres / paperMm;
    bar.scaleDenominator = bar.groundMetresPerMm * 1000;
    const double maxKm = maxLengthMm * bar.groundMetresPerMm / 1000;
    double best = 0;
    for (int e = 5; e >= -2; --e) {
        for (double m : {5.0, 2.0, 1.0}) {
            const double km = m * std::pow(10.0, e);
            if (km <= maxKm) {
                best = km;
                break;
            }
        }
        if (best > 0) break;
    }
    if (best == 0) return geo::Error{"the map frame is too small for a scale bar", "", "", {}};
    bar.lengthKm = best;
    bar.lengthMm = best * 1000 / bar.groundMetresPerMm;
    const double lead = best / std::pow(10.0, std::floor(std::log10(best) + 1e-9));
    bar.segments = lead == 2 ? 4 : (lead == 5 ? 5 : 4);
    return bar;
}

double trueNorthAngle(const render::MapSettings& frame) {
    auto toLonLat = geo::Transformer::create(frame.displayCrs, "EPSG:4490");
    if (!toLonLat || !frame.isValid()) return 0;
    const geo::XY c = frame.visibleExtent().center();
    const auto ll = toLonLat->forward(c);
    if (!ll) return 0;
    const auto north = toLonLat->inverse(geo::XY{ll->x, ll->y + 0.05});
    if (!north) return 0;
    // Clockwise from up: east of north is positive.
    return std::atan2(north->x - c.x, north->y - c.y) * 180 / std::numbers::pi;
}

}  // namespace hongtu::exporting
