#include "generator/placement.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include "generator/planar.hpp"
#include "generator/rng.hpp"
#include "hongtu/geo/spatial.hpp"

namespace hongtu::datagen {

namespace {

constexpr std::uint64_t kTownshipStream = 1;
constexpr std::uint64_t kVillageStream = 2;
constexpr int kCandidates = 24;  // best-candidate sampling for township seats
constexpr int kMaxTries = 4000;

struct Placer {
    const geo::PolygonIndex& index;

    [[nodiscard]] bool inside(geo::XY p, std::size_t county) const {
        auto found = index.locate(p);
        return found && *found == county;
    }

    // A point drawn from N(center, sigma) (per axis, in km), rounded to 6 decimals, inside the
    // county polygon. Sigma halves after every 1000 rejected draws (for seats near a border).
    [[nodiscard]] std::optional<geo::XY> normalAround(Rng& rng, geo::XY center, double sigmaKm, std::size_t county) const {
        const geo::XY c = planar::toKm(center);
        for (int attempt = 0; attempt < kMaxTries; ++attempt) {
            const double s = sigmaKm / static_cast<double>(1 << (attempt / 1000));
            const double dx = rng.normal() * s, dy = rng.normal() * s;
            const geo::XY p = planar::round6(planar::toLonLat({c.x + dx, c.y + dy}));
            if (inside(p, county)) return p;
        }
        return std::nullopt;
    }

    // A point uniform over the county polygon (rejection from its bounding box).
    [[nodiscard]] std::optional<geo::XY> uniformIn(Rng& rng, const County& c, std::size_t county) const {
        const geo::Box b = c.polygon.bounds();
        for (int attempt = 0; attempt < kMaxTries; ++attempt) {
            const geo::XY p = planar::round6(geo::XY{rng.uniform(b.minX, b.maxX), rng.uniform(b.minY, b.maxY)});
            if (inside(p, county)) return p;
        }
        return std::nullopt;
    }
};

geo::Error placementError(const std::string& what) {
    return geo::Error{"could not place " + what + " inside its county polygon after " + std::to_string(kMaxTries) + " draws",
                      {},
                      {},
                      {}};
}

}  // namespace

geo::Status placeSynthetic(Model& model, std::uint64_t seed) {
    std::vector<geo::Geometry> polygons;
    std::map<std::string, std::size_t> countyIndex;
    for (std::size_t i = 0; i < model.counties.size(); ++i) {
        polygons.push_back(model.counties[i].polygon);
        countyIndex[model.counties[i].code] = i;
        model.counties[i].areaKm2 = planar::areaKm2(model.counties[i].polygon);
    }
    auto index = geo::PolygonIndex::build(polygons);
    if (!index) return index.error();
    const Placer placer{*index};

    // --- Township seats -------------------------------------------------------------------
    Rng rng = Rng::stream(seed, kTownshipStream);
    std::vector<geo::XY> placed;  // every seat so far (county seats first)
    for (const auto& c : model.counties) placed.push_back(c.seat);
    for (auto& t : model.townships) {
        const std::size_t ci = countyIndex.at(t.countyCode);
        const County& county = model.counties[ci];
        const std::string what = "township " + t.code + " " + t.name;
        std::optional<geo::XY> p;
        if (!county.seatTownshipName.empty() && t.name == county.seatTownshipName) {
            p = planar::round6(county.seat);  // the town that is the county seat: the real position
            if (!placer.inside(*p, ci))
                return geo::Error{"the county seat of " + county.name + " lies outside its polygon", {}, {}, {}};
        } else if (t.kind == "街道") {
            p = placer.normalAround(rng, county.seat, 1.5, ci);  // urban sub-districts: around the seat
        } else if (t.kind == "其他") {
            p = placer.normalAround(rng, county.seat, 4.0, ci);  // development zones: near the seat
        } else {
            // 镇 and 乡: best of kCandidates uniform candidates, scored by the distance to the
            // nearest seat already placed and (x1.5) to the county boundary.
            double bestScore = -1;
            for (int k = 0; k < kCandidates; ++k) {
                auto cand = placer.uniformIn(rng, county, ci);
                if (!cand) return placementError(what);
                double nearest = 1e300;
                for (const auto& q : placed) nearest = std::min(nearest, planar::distKm(*cand, q));
                const double score = std::min(nearest, 1.5 * planar::boundaryDistKm(*cand, county.polygon));
                if (score > bestScore) bestScore = score, p = cand;
            }
        }
        if (!p) return placementError(what);
        t.pos = *p;
        placed.push_back(t.pos);
    }

    // --- Villages ---------------------------------------------------------------------------
    std::map<std::string, const Township*> townshipByCode;
    std::map<std::string, int> ruralTownships;  // 镇/乡/其他 per county
    for (const auto& t : model.townships) {
        townshipByCode[t.code] = &t;
        if (t.kind != "街道") ++ruralTownships[t.countyCode];
    }
    rng = Rng::stream(seed, kVillageStream);
    for (auto& v : model.villages) {
        const Township& t = *townshipByCode.at(v.townshipCode);
        const std::size_t ci = countyIndex.at(v.countyCode);
        const County& county = model.counties[ci];
        double sigma = 0;
        if (v.kind == "社区居委会") {
            sigma = t.kind == "街道" ? 0.8 : 1.0;  // urban communities: close to the seat
        } else if (t.kind == "街道") {
            sigma = 2.5;  // villages of an urban sub-district: the edge of town
        } else {
            // A township's share of the county is about A/n km²; scatter over about its radius.
            const double share = county.areaKm2 / std::max(1, ruralTownships[v.countyCode]);
            sigma = std::clamp(0.45 * std::sqrt(share), 2.5, 7.0);
        }
        auto p = placer.normalAround(rng, t.pos, sigma, ci);
        if (!p) return placementError("village " + v.code + " " + v.name);
        v.pos = *p;
    }
    return geo::Done{};
}

}  // namespace hongtu::datagen
