#include "hongtu/geo/chinacoords.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <numbers>

namespace hongtu::geo {

namespace {

constexpr double kPi = std::numbers::pi;
constexpr double kA = 6378245.0;                // Krasovsky 1940 semi-major axis, as GCJ-02 uses
constexpr double kEe = 0.00669342162296594323;  // its first eccentricity squared
constexpr double kXPi = kPi * 3000.0 / 180.0;

double transformLat(double x, double y) {
    double r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * std::sqrt(std::abs(x));
    r += (20.0 * std::sin(6.0 * x * kPi) + 20.0 * std::sin(2.0 * x * kPi)) * 2.0 / 3.0;
    r += (20.0 * std::sin(y * kPi) + 40.0 * std::sin(y / 3.0 * kPi)) * 2.0 / 3.0;
    r += (160.0 * std::sin(y / 12.0 * kPi) + 320.0 * std::sin(y * kPi / 30.0)) * 2.0 / 3.0;
    return r;
}

double transformLon(double x, double y) {
    double r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * std::sqrt(std::abs(x));
    r += (20.0 * std::sin(6.0 * x * kPi) + 20.0 * std::sin(2.0 * x * kPi)) * 2.0 / 3.0;
    r += (20.0 * std::sin(x * kPi) + 40.0 * std::sin(x / 3.0 * kPi)) * 2.0 / 3.0;
    r += (150.0 * std::sin(x / 12.0 * kPi) + 300.0 * std::sin(x / 30.0 * kPi)) * 2.0 / 3.0;
    return r;
}

// Inverts `forward` by fixed-point iteration: p <- p - (forward(p) - target).
template <typename F>
XY invert(XY target, F forward) {
    XY p = target;
    for (int i = 0; i < 30; ++i) {
        const XY f = forward(p);
        const double dx = f.x - target.x, dy = f.y - target.y;
        p.x -= dx;
        p.y -= dy;
        if (std::abs(dx) < 1e-10 && std::abs(dy) < 1e-10) break;
    }
    return p;
}

}  // namespace

const char* coordSystemName(CoordSystem s) {
    switch (s) {
        case CoordSystem::Wgs84: return "WGS84";
        case CoordSystem::Cgcs2000: return "CGCS2000";
        case CoordSystem::Gcj02: return "GCJ-02";
        case CoordSystem::Bd09: return "BD-09";
    }
    return "";
}

std::optional<CoordSystem> parseCoordSystem(const std::string& in) {
    std::string s;
    for (char c : in)
        if (c != '-' && c != '_' && c != ' ') s.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    if (s == "wgs84" || s == "epsg4326") return CoordSystem::Wgs84;
    if (s == "cgcs2000" || s == "epsg4490") return CoordSystem::Cgcs2000;
    if (s == "gcj02" || s == "amap" || s == "gaode" || s == "tencent") return CoordSystem::Gcj02;
    if (s == "bd09" || s == "baidu") return CoordSystem::Bd09;
    return std::nullopt;
}

bool insideChina(XY p) { return p.x >= 72.004 && p.x <= 137.8347 && p.y >= 0.8293 && p.y <= 55.8271; }

XY wgs84ToGcj02(XY p) {
    if (!insideChina(p)) return p;
    double dLat = transformLat(p.x - 105.0, p.y - 35.0);
    double dLon = transformLon(p.x - 105.0, p.y - 35.0);
    const double radLat = p.y / 180.0 * kPi;
    double magic = std::sin(radLat);
    magic = 1 - kEe * magic * magic;
    const double sqrtMagic = std::sqrt(magic);
    dLat = (dLat * 180.0) / ((kA * (1 - kEe)) / (magic * sqrtMagic) * kPi);
    dLon = (dLon * 180.0) / (kA / sqrtMagic * std::cos(radLat) * kPi);
    return {p.x + dLon, p.y + dLat};
}

XY gcj02ToWgs84(XY p) {
    if (!insideChina(p)) return p;
    return invert(p, wgs84ToGcj02);
}

XY gcj02ToBd09(XY p) {
    const double z = std::sqrt(p.x * p.x + p.y * p.y) + 0.00002 * std::sin(p.y * kXPi);
    const double theta = std::atan2(p.y, p.x) + 0.000003 * std::cos(p.x * kXPi);
    return {z * std::cos(theta) + 0.0065, z * std::sin(theta) + 0.006};
}

XY bd09ToGcj02(XY p) {
    // The published closed-form inverse is good to about a metre; iterating on the exact
    // forward formula brings the round trip below a centimetre.
    return invert(p, gcj02ToBd09);
}

XY toWgs84(XY p, CoordSystem from) {
    switch (from) {
        case CoordSystem::Wgs84:
        case CoordSystem::Cgcs2000: return p;
        case CoordSystem::Gcj02: return gcj02ToWgs84(p);
        case CoordSystem::Bd09: return gcj02ToWgs84(bd09ToGcj02(p));
    }
    return p;
}

}  // namespace hongtu::geo
