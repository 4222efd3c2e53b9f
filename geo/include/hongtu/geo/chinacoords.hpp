#pragma once
// Coordinates copied from Chinese web maps. GCJ-02 (Amap/Gaode, Tencent) and BD-09 (Baidu)
// add non-linear offsets of 100–700 m to WGS84/CGCS2000 that PROJ does not model. The user
// states the source system; Hongtu converts explicitly and records it. Never guessed.
//
// The forward formulas are the published ones; the inverses are computed by fixed-point
// iteration to below 1e-7° (~1 cm).

#include <optional>
#include <string>

#include "hongtu/geo/feature.hpp"

namespace hongtu::geo {

enum class CoordSystem { Wgs84,
                         Cgcs2000,
                         Gcj02,
                         Bd09 };

[[nodiscard]] const char* coordSystemName(CoordSystem s);  // "WGS84", "CGCS2000", "GCJ-02", "BD-09"
// Accepts wgs84, cgcs2000, gcj02/gcj-02/amap/gaode/tencent, bd09/bd-09/baidu (any case).
[[nodiscard]] std::optional<CoordSystem> parseCoordSystem(const std::string& s);

// Inside mainland China's rough bounding box, where GCJ-02 offsets apply.
[[nodiscard]] bool insideChina(XY lonLat);

[[nodiscard]] XY wgs84ToGcj02(XY lonLat);
[[nodiscard]] XY gcj02ToWgs84(XY lonLat);
[[nodiscard]] XY gcj02ToBd09(XY lonLat);
[[nodiscard]] XY bd09ToGcj02(XY lonLat);

// Converts from `from` to WGS84/CGCS2000 lon/lat (the two are treated as equal for mapping).
[[nodiscard]] XY toWgs84(XY lonLat, CoordSystem from);

}  // namespace hongtu::geo
