#include "render/map_settings.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <numbers>

#include "hongtu/geo/crs.hpp"

namespace hongtu::render {

namespace {
constexpr double kMetresPerInch = 0.0254;
constexpr double kMmPerInch = 25.4;
}  // namespace

bool MapSettings::isValid() const {
    return !extent.empty() && extent.width() > 0 && extent.height() > 0 && outputSize.width() > 0 &&
           outputSize.height() > 0 && dpi > 0;
}

bool MapSettings::isLayerVisible(const std::string& id) const {
    return std::find(visibleLayerIds.begin(), visibleLayerIds.end(), id) != visibleLayerIds.end();
}

bool MapSettings::overridesScaleRange(const std::string& id) const {
    return std::find(scaleRangeOverrideIds.begin(), scaleRangeOverrideIds.end(), id) != scaleRangeOverrideIds.end();
}

geo::Box MapSettings::visibleExtent() const {
    if (!isValid()) return extent;
    const double mupp = mapUnitsPerPixel();
    const geo::XY c = extent.center();
    const double halfW = mupp * outputSize.width() / 2;
    const double halfH = mupp * outputSize.height() / 2;
    return {c.x - halfW, c.y - halfH, c.x + halfW, c.y + halfH};
}

double MapSettings::mapUnitsPerPixel() const {
    if (!isValid()) return 0;
    return std::max(extent.width() / outputSize.width(), extent.height() / outputSize.height());
}

double MapSettings::groundMetresPerMapUnit() const {
    // Mean radius of the GRS80 ellipsoid's parallel at the equator: 1° of longitude = 111.32 km.
    constexpr double kEquatorRadius = 6378137.0;
    if (extent.empty()) return 1;
    const double y = extent.center().y;
    if (displayCrs == "EPSG:4490" || displayCrs == "EPSG:4326")
        return kEquatorRadius * std::numbers::pi / 180 * std::cos(std::clamp(y, -89.0, 89.0) * std::numbers::pi / 180);
    if (displayCrs == "EPSG:3857")  // a Mercator unit is 1 / cos(latitude) ground metres
        return std::cos(std::atan(std::sinh(y / kEquatorRadius)));
    if (displayCrs.rfind("+proj=aea", 0) == 0) {
        // Albers (national pages) is equal-area, not conformal: along the parallel through the
        // centre a map metre is up to 1-2% more or less on the ground. Measured there, as the
        // scale bar measures it (geodesic between points a quarter of the width either side),
        // so the printed 1:N and the bar agree.
        thread_local std::map<std::string, std::shared_ptr<geo::Transformer>> toLonLat;
        auto& t = toLonLat[displayCrs];
        if (!t)
            if (auto made = geo::Transformer::create(displayCrs, "EPSG:4490")) t = std::make_shared<geo::Transformer>(std::move(made).value());
        const geo::Box v = visibleExtent();
        const geo::XY c = v.center();
        const double half = v.width() / 4;
        if (t && half > 0) {
            const auto a = t->forward(geo::XY{c.x - half, c.y});
            const auto b = t->forward(geo::XY{c.x + half, c.y});
            if (a && b) return geo::geodesicDistance(*a, *b) / (2 * half);
        }
    }
    return 1;
}

double MapSettings::scaleDenominator() const {
    // ground metres per pixel * pixels per metre of paper
    return mapUnitsPerPixel() * groundMetresPerMapUnit() * dpi / kMetresPerInch;
}

double MapSettings::pixelsFromMm(double mm) const { return mm * dpi / kMmPerInch; }

QTransform MapSettings::mapToPixel() const {
    if (!isValid()) return {};
    const double mupp = mapUnitsPerPixel();
    const geo::Box v = visibleExtent();
    // x' = (x - minX) / mupp ; y' = (maxY - y) / mupp
    return {1 / mupp, 0, 0, -1 / mupp, -v.minX / mupp, v.maxY / mupp};
}

QPointF MapSettings::toPixel(geo::XY map) const { return mapToPixel().map(QPointF(map.x, map.y)); }

geo::XY MapSettings::toMap(QPointF pixel) const {
    const double mupp = mapUnitsPerPixel();
    const geo::Box v = visibleExtent();
    return {v.minX + pixel.x() * mupp, v.maxY - pixel.y() * mupp};
}

MapSettings MapSettings::zoomedBy(double factor, QPointF anchorPixel) const {
    if (!isValid() || !(factor > 0)) return *this;
    const geo::Box v = visibleExtent();
    const geo::XY anchor = toMap(anchorPixel);
    MapSettings out = *this;
    out.extent = {anchor.x - (anchor.x - v.minX) / factor, anchor.y - (anchor.y - v.minY) / factor,
                  anchor.x + (v.maxX - anchor.x) / factor, anchor.y + (v.maxY - anchor.y) / factor};
    return out;
}

MapSettings MapSettings::pannedByPixels(QPointF deltaPixels) const {
    if (!isValid()) return *this;
    const double mupp = mapUnitsPerPixel();
    const geo::Box v = visibleExtent();
    const double dx = -deltaPixels.x() * mupp;
    const double dy = deltaPixels.y() * mupp;  // pixel y grows downwards
    MapSettings out = *this;
    out.extent = {v.minX + dx, v.minY + dy, v.maxX + dx, v.maxY + dy};
    return out;
}

MapSettings MapSettings::onPixelGrid() const {
    if (!isValid()) return *this;
    const double m = mapUnitsPerPixel();
    const geo::Box v = visibleExtent();
    if (!(m > 0) || !std::isfinite(v.minX / m) || !std::isfinite(v.maxY / m)) return *this;
    const double dx = std::round(v.minX / m) * m - v.minX, dy = std::round(v.maxY / m) * m - v.maxY;
    MapSettings out = *this;
    out.extent = {extent.minX + dx, extent.minY + dy, extent.maxX + dx, extent.maxY + dy};
    return out;
}

MapSettings MapSettings::resizedKeepingScale(QSize newSize) const {
    MapSettings out = *this;
    out.outputSize = newSize;
    if (!isValid() || newSize.width() <= 0 || newSize.height() <= 0) return out;
    const double mupp = mapUnitsPerPixel();
    const geo::XY c = visibleExtent().center();
    const double halfW = mupp * newSize.width() / 2;
    const double halfH = mupp * newSize.height() / 2;
    out.extent = {c.x - halfW, c.y - halfH, c.x + halfW, c.y + halfH};
    return out;
}

MapSettings MapSettings::fittedTo(const geo::Box& box, double margin) const {
    MapSettings out = *this;
    if (box.empty()) return out;
    // A single point (or a line along an axis) still needs an area to show: 1 km around it.
    MapSettings probe = *this;
    probe.extent = box;
    const double minSide = 1000.0 / probe.groundMetresPerMapUnit();
    const double w = std::max(box.width(), minSide);
    const double h = std::max(box.height(), minSide);
    const geo::XY c = box.center();
    const double halfW = w * (0.5 + margin);
    const double halfH = h * (0.5 + margin);
    out.extent = {c.x - halfW, c.y - halfH, c.x + halfW, c.y + halfH};
    return out;
}

}  // namespace hongtu::render
