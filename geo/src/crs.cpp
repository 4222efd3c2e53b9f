#include "hongtu/geo/crs.hpp"

#include <geodesic.h>
#include <proj.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace hongtu::geo {

namespace {

constexpr int kFirstZone = 25, kLastZone = 45;  // CGCS2000 3-degree zones covering China
constexpr int kFirstCmEpsg = 4534, kFirstZoneEpsg = 4513;

std::string normalizeCrsText(const std::string& s) {
    if (!s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); }))
        return "EPSG:" + s;
    return s;
}

struct ContextDeleter {
    void operator()(PJ_CONTEXT* c) const { proj_context_destroy(c); }
};
struct PjDeleter {
    void operator()(PJ* p) const { proj_destroy(p); }
};
struct ListDeleter {
    void operator()(PJ_OBJ_LIST* l) const { proj_list_destroy(l); }
};
using ContextPtr = std::unique_ptr<PJ_CONTEXT, ContextDeleter>;
using PjPtr = std::unique_ptr<PJ, PjDeleter>;

std::string lastProjError(PJ_CONTEXT* ctx) {
    const int errno_ = proj_context_errno(ctx);
    const char* msg = errno_ ? proj_context_errno_string(ctx, errno_) : nullptr;
    return msg ? msg : "unknown error";
}

}  // namespace

std::optional<GaussKrugerZone> gaussKrugerZoneByNumber(int zone) {
    if (zone < kFirstZone || zone > kLastZone) return std::nullopt;
    GaussKrugerZone z;
    z.zone = zone;
    z.centralMeridian = zone * 3.0;
    z.cmEpsg = kFirstCmEpsg + (zone - kFirstZone);
    z.zoneEpsg = kFirstZoneEpsg + (zone - kFirstZone);
    return z;
}

std::optional<GaussKrugerZone> gaussKrugerZoneByEpsg(int epsg) {
    if (epsg >= kFirstCmEpsg && epsg <= kFirstCmEpsg + (kLastZone - kFirstZone))
        return gaussKrugerZoneByNumber(kFirstZone + (epsg - kFirstCmEpsg));
    if (epsg >= kFirstZoneEpsg && epsg <= kFirstZoneEpsg + (kLastZone - kFirstZone))
        return gaussKrugerZoneByNumber(kFirstZone + (epsg - kFirstZoneEpsg));
    return std::nullopt;
}

Result<GaussKrugerZone> gaussKrugerZoneFor(const Box& e) {
    if (e.empty() || e.minX < -180 || e.maxX > 180 || e.minY < -90 || e.maxY > 90)
        return Error{"the extent is not in longitude/latitude degrees", {}, {}, {}};
    const double lon = e.center().x;
    auto zone = gaussKrugerZoneByNumber(static_cast<int>(std::lround(lon / 3.0)));
    if (!zone)
        return Error{"longitude " + std::to_string(lon) + " lies outside China's 3-degree Gauss-Krüger zones (75°E–135°E)", {}, {}, {}};
    constexpr double kHalfWidth = 1.5, kTolerance = 1e-9;
    zone->extentFits = e.minX >= zone->centralMeridian - kHalfWidth - kTolerance &&
                       e.maxX <= zone->centralMeridian + kHalfWidth + kTolerance;
    return *zone;
}

Result<int> detectGaussKrugerEpsg(double easting, double fallbackCentralMeridian) {
    if (!std::isfinite(easting)) return Error{"the easting is not a number", {}, {}, {}};
    if (easting >= 1.0e7 && easting < 1.0e8) {
        const int zoneNumber = static_cast<int>(easting / 1.0e6);
        if (auto z = gaussKrugerZoneByNumber(zoneNumber)) return z->zoneEpsg;
        return Error{"the easting " + std::to_string(easting) + " carries zone number " + std::to_string(zoneNumber) +
                         ", which is not a 3-degree zone in China (25–45)",
                     {},
                     {},
                     {}};
    }
    if (easting > 0 && easting < 1.0e6) {
        const int zoneNumber = static_cast<int>(std::lround(fallbackCentralMeridian / 3.0));
        if (auto z = gaussKrugerZoneByNumber(zoneNumber)) return z->cmEpsg;
        return Error{"central meridian " + std::to_string(fallbackCentralMeridian) + "°E is not a 3-degree zone in China", {}, {}, {}};
    }
    return Error{"the easting " + std::to_string(easting) + " fits neither Gauss-Krüger form (6 digits, or 8 digits with the zone number)", {}, {}, {}};
}

std::optional<int> identifyEpsg(const std::string& crsText) {
    ContextPtr ctx(proj_context_create());
    proj_log_level(ctx.get(), PJ_LOG_NONE);
    PjPtr obj(proj_create(ctx.get(), normalizeCrsText(crsText).c_str()));
    if (!obj) return std::nullopt;
    if (const char* auth = proj_get_id_auth_name(obj.get(), 0); auth && std::string(auth) == "EPSG")
        return std::atoi(proj_get_id_code(obj.get(), 0));
    int* confidence = nullptr;
    std::unique_ptr<PJ_OBJ_LIST, ListDeleter> list(proj_identify(ctx.get(), obj.get(), "EPSG", nullptr, &confidence));
    std::optional<int> best;
    int bestConfidence = 0;
    bool tie = false;
    for (int i = 0; list && i < proj_list_get_count(list.get()); ++i) {
        if (confidence[i] > bestConfidence) {
            PjPtr candidate(proj_list_get(ctx.get(), list.get(), i));
            best = std::atoi(proj_get_id_code(candidate.get(), 0));
            bestConfidence = confidence[i];
            tie = false;
        } else if (confidence[i] == bestConfidence) {
            tie = true;
        }
    }
    proj_int_list_destroy(confidence);
    // 70 = same definition, different name (typical of ESRI .prj files); below that, guesswork.
    if (best && bestConfidence >= 70 && !tie) return best;
    return std::nullopt;
}

struct Transformer::Impl {
    ContextPtr ctx;
    PjPtr pj;
};

Transformer::Transformer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Transformer::Transformer(Transformer&&) noexcept = default;
Transformer& Transformer::operator=(Transformer&&) noexcept = default;
Transformer::~Transformer() = default;

Result<Transformer> Transformer::create(const std::string& sourceCrs, const std::string& targetCrs) {
    auto impl = std::make_unique<Impl>();
    impl->ctx.reset(proj_context_create());
    proj_log_level(impl->ctx.get(), PJ_LOG_NONE);
    const std::string src = normalizeCrsText(sourceCrs), dst = normalizeCrsText(targetCrs);
    PjPtr raw(proj_create_crs_to_crs(impl->ctx.get(), src.c_str(), dst.c_str(), nullptr));
    if (!raw)
        return Error{"cannot transform from '" + sourceCrs + "' to '" + targetCrs + "': " + lastProjError(impl->ctx.get()), {}, {}, {}};
    // Longitude/easting first, whatever the authority says.
    impl->pj.reset(proj_normalize_for_visualization(impl->ctx.get(), raw.get()));
    if (!impl->pj)
        return Error{"cannot set traditional axis order for '" + sourceCrs + "' → '" + targetCrs + "'", {}, {}, {}};
    const bool approximate = proj_coordoperation_has_ballpark_transformation(impl->ctx.get(), impl->pj.get()) != 0;
    PJ_PROJ_INFO info = proj_pj_info(impl->pj.get());
    Transformer t(std::move(impl));
    t.approximate_ = approximate;
    t.description_ = info.description ? info.description : "";
    return t;
}

std::optional<XY> Transformer::forward(XY p) const {
    PJ_COORD c = proj_coord(p.x, p.y, 0, 0);
    PJ_COORD r = proj_trans(impl_->pj.get(), PJ_FWD, c);
    if (!std::isfinite(r.xy.x) || !std::isfinite(r.xy.y) || r.xy.x == HUGE_VAL) return std::nullopt;
    return XY{r.xy.x, r.xy.y};
}

std::optional<XY> Transformer::inverse(XY p) const {
    PJ_COORD c = proj_coord(p.x, p.y, 0, 0);
    PJ_COORD r = proj_trans(impl_->pj.get(), PJ_INV, c);
    if (!std::isfinite(r.xy.x) || !std::isfinite(r.xy.y) || r.xy.x == HUGE_VAL) return std::nullopt;
    return XY{r.xy.x, r.xy.y};
}

bool Transformer::forward(std::vector<XY>& pts) const {
    if (pts.empty()) return true;
    proj_trans_generic(impl_->pj.get(), PJ_FWD, &pts[0].x, sizeof(XY), pts.size(), &pts[0].y, sizeof(XY), pts.size(),
                       nullptr, 0, 0, nullptr, 0, 0);
    bool ok = true;
    for (auto& p : pts) {
        if (!std::isfinite(p.x) || !std::isfinite(p.y) || p.x == HUGE_VAL) {
            p = {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN()};
            ok = false;
        }
    }
    return ok;
}

bool Transformer::forward(Geometry& g) const {
    bool ok = true;
    for (auto& part : g.parts)
        for (auto& ring : part) ok = forward(ring) && ok;
    return ok;
}

double geodesicDistance(XY a, XY b) {
    geod_geodesic g;
    geod_init(&g, 6378137.0, 1.0 / 298.257222101);  // GRS80, the CGCS2000 ellipsoid
    double s12 = 0;
    geod_inverse(&g, a.y, a.x, b.y, b.x, &s12, nullptr, nullptr);
    return s12;
}

}  // namespace hongtu::geo
