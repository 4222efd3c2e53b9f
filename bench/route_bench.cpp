// route_bench: timings for the route planner (not a test; no assertions).
//   1. the 22 Lüliang memorial sites (memorials.md coordinates and suggested hours), 1-3 days;
//   2. 100 random stops with time windows: heuristic cost per seed and the gap to the best known;
//   3. a 50,000-edge synthetic road network: graph build + 25-stop travel-time matrix.
// Each figure is also given as a ratio to a reference run in the same process (a straight-line
// 25 x 25 matrix and a 10-stop exact solve), so numbers from different machines compare.
// With --db CONNINFO (a PostgreSQL database with the pgrouting extension; bench/run gives one):
//   4. the same job for both: one round tour from 离石 through all 22 sites on the same
//      straight-line drive-time matrix, hongtu's solver against pgRouting's pgr_TSP — time and
//      tour length. This is the RESULT line of the suite's table.

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include <libpq-fe.h>

#include "hongtu/geo/route/road_network.hpp"
#include "hongtu/geo/route/route.hpp"

using namespace hongtu::geo;
using namespace hongtu::geo::route;

namespace {

using Clock = std::chrono::steady_clock;

template <typename F>
double millis(F&& f) {
    const auto t0 = Clock::now();
    f();
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

double unit(std::mt19937_64& rng) { return double(rng() >> 11) * (1.0 / 9007199254740992.0); }

struct Site {
    const char* id;
    const char* name;
    double lat, lon;
    double minutes;
    const char* hours;
};

// memorials.md §1 coordinates (estimated) and the generator's suggested visit lengths and hours.
const Site kSites[] = {
    {"LL01", "晋绥边区革命纪念馆", 38.476, 111.081, 120, "Tue-Sun 09:00-17:00"},
    {"LL02", "中共中央晋绥分局旧址", 38.478, 111.082, 30, "daily 09:00-17:00"},
    {"LL03", "晋绥解放区烈士陵园", 38.484, 111.172, 40, "Tue-Sun 09:00-17:00"},
    {"LL04", "四八烈士纪念馆", 38.170, 111.380, 50, "Tue-Sun 09:00-17:00"},
    {"LL05", "中共中央后委机关旧址", 37.800, 110.910, 45, "daily 09:00-17:00"},
    {"LL06", "中共中央西北局旧址", 37.720, 110.860, 45, "daily 09:00-17:00"},
    {"LL07", "陕甘宁晋绥联防军指挥部旧址", 37.725, 110.865, 45, "daily 09:00-17:00"},
    {"LL08", "毛主席东渡黄河登岸处", 37.640, 110.800, 25, "daily 09:00-17:00"},
    {"LL09", "红军东征纪念馆（石楼）", 37.000, 110.845, 75, "Tue-Sun 09:00-17:00"},
    {"LL10", "红军东征总指挥部旧址", 36.950, 111.530, 45, "daily 09:00-17:00"},
    {"LL11", "兑九峪战役展览馆", 37.080, 111.600, 45, "Tue-Sun 09:00-17:00"},
    {"LL12", "石践村抗日模范村纪念馆", 37.100, 111.520, 45, "daily 09:00-17:00"},
    {"LL13", "刘胡兰纪念馆", 37.410, 112.200, 75, "Tue-Sun 09:00-17:00"},
    {"LL14", "吕梁英雄广场", 37.573, 112.150, 75, "Tue-Sun 09:00-17:00"},
    {"LL15", "贺昌故居/贺昌烈士陵园", 37.445, 110.885, 40, "daily 09:00-17:00"},
    {"LL16", "离石县抗日民主政府旧址", 37.360, 110.760, 45, "daily 09:00-17:00"},
    {"LL17", "三交红色景区", 37.250, 110.700, 105, "daily 09:00-17:00"},
    {"LL18", "离东县抗日民主政府旧址", 37.600, 111.300, 45, "daily 09:00-17:00"},
    {"LL19", "离东县机关旧址", 37.750, 111.380, 45, "daily 09:00-17:00"},
    {"LL20", "山西吕梁山革命博物馆", 37.520, 111.140, 75, "Tue-Sun 09:00-17:00"},
    {"LL21", "贺昌纪念馆", 37.515, 111.140, 45, "daily 09:00-17:00"},
    {"LL22", "晋绥解放区烈士墓园", 38.170, 111.360, 40, "daily 08:00-18:00"},
};

const std::vector<Place> kSeats = {
    {"离石", {111.13417, 37.51556}},
    {"兴县", {111.16664, 38.48064}},
    {"临县", {111.02059, 37.97965}},
    {"石楼", {110.84400, 36.99949}},
    {"交口", {111.20910, 36.97306}},
    {"交城", {112.16053, 37.54722}},
    {"文水", {112.02333, 37.43278}},
    {"柳林", {110.90189, 37.45333}},
    {"中阳", {111.20523, 37.34000}},
    {"方山", {111.25544, 37.89311}},
    {"岚县", {111.70352, 38.29442}},
    {"孝义", {111.78000, 37.14500}},
};

RouteProblem lueliang(int days) {
    RouteProblem p;
    for (const auto& s : kSites) {
        // All optional: 22 sites do not fit in 1-3 days; the planner picks as many as fit.
        auto st = makeStop(s.id, s.name, {s.lon, s.lat}, s.minutes, s.hours, Priority::Optional);
        p.stops.push_back(*st);
    }
    p.trip.start = kSeats[0];
    p.trip.departDate = {2018, 7, 3};  // a Tuesday
    p.trip.days = days;
    p.trip.dayLimitMinutes = 10 * 60;
    p.trip.overnightCandidates = kSeats;
    return p;
}

RouteProblem randomProblem(std::mt19937_64& rng, int n) {
    static const char* const hours[] = {"daily 08:00-18:00", "Tue-Sun 09:00-17:00", "daily 09:00-12:00,14:00-17:00",
                                        "daily 08:30-17:30", "daily 13:00-17:30", "daily 08:00-12:00"};
    RouteProblem p;
    for (int k = 0; k < n; ++k) {
        const XY pt{110.7 + 1.5 * unit(rng), 36.95 + 1.5 * unit(rng)};
        auto st = makeStop("R" + std::to_string(k), "R" + std::to_string(k), pt, 20 + std::floor(40 * unit(rng)),
                           hours[static_cast<std::size_t>(unit(rng) * 5.999)], Priority::Optional);
        p.stops.push_back(*st);
    }
    p.trip.start = kSeats[0];
    p.trip.departDate = {2018, 7, 3};
    p.trip.days = 3;
    p.trip.dayLimitMinutes = 10 * 60;
    p.trip.overnightCandidates = kSeats;
    return p;
}

// A jittered grid of roads: `edges` edges in total, with a faster "expressway" every 10th row.
Layer syntheticRoads(std::mt19937_64& rng, std::size_t edges) {
    const std::size_t side = static_cast<std::size_t>(std::sqrt(double(edges) / 2.0)) + 1;
    Layer l;
    l.name = "roads";
    l.geometryKind = Geometry::Kind::LineString;
    l.fields = {{"speed", FieldType::Real}};
    std::vector<XY> pts(side * side);
    const double step = 1.5 / double(side);
    for (std::size_t j = 0; j < side; ++j)
        for (std::size_t i = 0; i < side; ++i)
            pts[j * side + i] = {110.7 + (double(i) + 0.3 * unit(rng)) * step, 36.95 + (double(j) + 0.3 * unit(rng)) * step};
    std::size_t made = 0;
    for (std::size_t j = 0; j < side && made < edges; ++j) {
        Feature f;
        f.values = {j % 10 == 0 ? 90.0 : 40.0};
        Geometry::Ring row;
        for (std::size_t i = 0; i < side; ++i) row.push_back(pts[j * side + i]);
        made += side - 1;
        f.geometry = Geometry::lineString(row);
        l.features.push_back(f);
    }
    for (std::size_t i = 0; i < side && made < edges; ++i) {
        Feature f;
        f.values = {40.0};
        Geometry::Ring col;
        for (std::size_t j = 0; j < side && made < edges; ++j, ++made) col.push_back(pts[j * side + i]);
        if (col.size() >= 2) {
            f.geometry = Geometry::lineString(col);
            l.features.push_back(f);
        }
    }
    return l;
}

// One round tour through all 22 sites: every site must be visited, opening hours and the day
// limit out of the way, 1-minute visits, so the objective is the drive time alone (a TSP).
RouteProblem allSitesOneTour() {
    RouteProblem p;
    for (const auto& s : kSites) p.stops.push_back(*makeStop(s.id, s.name, {s.lon, s.lat}, 1, "daily 00:00-24:00", Priority::Must));
    p.trip.start = kSeats[0];
    p.trip.departDate = {2018, 7, 3};
    p.trip.departClock = 0;
    p.trip.days = 1;
    p.trip.dayLimitMinutes = 24 * 60;
    p.trip.lunch.enabled = false;
    return p;
}

// pgr_TSP on the sub-matrix [start, stops...] of `m`: (seconds of the best of `runs`, tour minutes)
// or an error text.
struct PgTsp {
    double seconds = 0, minutes = 0;
    std::string error;
};
PgTsp pgRoutingTsp(const std::string& conninfo, const RouteProblem& p, const TravelMatrix& m, int runs) {
    PgTsp out;
    std::unique_ptr<PGconn, decltype(&PQfinish)> c(PQconnectdb(conninfo.c_str()), &PQfinish);
    if (PQstatus(c.get()) != CONNECTION_OK) {
        out.error = PQerrorMessage(c.get());
        return out;
    }
    const NodeLayout layout = nodeLayout(p);
    std::vector<std::size_t> nodes{layout.start};
    for (std::size_t k = 0; k < layout.stopCount; ++k) nodes.push_back(layout.firstStop + k);
    std::string values;
    for (std::size_t a = 0; a < nodes.size(); ++a)
        for (std::size_t b = 0; b < nodes.size(); ++b) {
            if (a == b) continue;
            char cell[96];
            std::snprintf(cell, sizeof cell, "%s(%zu,%zu,%.6f)", values.empty() ? "" : ",", a, b, m.minutes[nodes[a] * m.size + nodes[b]]);
            values += cell;
        }
    // The matrix is the benchmark's own numbers (no user input); pgr_TSP takes it as SQL text.
    const std::string sql =
        "SELECT max(agg_cost) FROM pgr_TSP($m$SELECT s::bigint AS start_vid, e::bigint AS end_vid, "
        "c::float8 AS agg_cost FROM (VALUES " +
        values + ") AS t(s, e, c)$m$, 0)";
    double best = 1e18;
    for (int r = 0; r < runs; ++r) {
        const auto t0 = Clock::now();
        std::unique_ptr<PGresult, decltype(&PQclear)> res(PQexec(c.get(), sql.c_str()), &PQclear);
        const double sec = std::chrono::duration<double>(Clock::now() - t0).count();
        if (PQresultStatus(res.get()) != PGRES_TUPLES_OK || PQntuples(res.get()) != 1) {
            out.error = PQresultErrorMessage(res.get());
            return out;
        }
        best = std::min(best, sec);
        out.minutes = std::atof(PQgetvalue(res.get(), 0, 0));
    }
    out.seconds = best;
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    std::string db;
    for (int i = 1; i + 1 < argc; ++i)
        if (std::string(argv[i]) == "--db") db = argv[i + 1];
    std::printf("route_bench (times in ms; 'ref' = ratio to the in-process reference)\n\n");

    // Reference: a 10-stop exact solve on the real sites (1 day).
    RouteProblem ref10 = lueliang(1);
    ref10.stops.resize(10);
    auto refM = StraightLineModel().matrix(nodePlaces(ref10));
    double refMs = 0;
    for (int k = 0; k < 3; ++k) refMs += millis([&] { (void)solve(ref10, *refM); });
    refMs /= 3;
    std::printf("reference: exact solve, 10 real sites, 1 day: %.1f ms\n\n", refMs);

    std::printf("1. 22 real memorial sites from 离石 (all optional; as many as fit), default options\n");
    for (int days = 1; days <= 3; ++days) {
        const RouteProblem p = lueliang(days);
        Itinerary it;
        const double ms = millis([&] {
            auto m = StraightLineModel().matrix(nodePlaces(p));
            it = solve(p, *m);
        });
        std::size_t visited = 0;
        for (const auto& d : it.days) visited += d.visits.size();
        std::printf("   %d day(s): %6.1f ms (ref x%.1f)  %s  visits %zu/22, drive %.0f min, %.0f km%s\n", days, ms, ms / refMs,
                    it.info.method.c_str(), visited, it.driveMinutes, it.meters / 1000, it.info.timeLimitHit ? " [time limit]" : "");
    }

    std::printf("\n2. 100 random stops with time windows, 3 days, 12 overnight towns\n");
    {
        std::mt19937_64 rng(100);
        const RouteProblem p = randomProblem(rng, 100);
        auto m = StraightLineModel().matrix(nodePlaces(p));
        std::vector<double> costs;
        std::vector<std::size_t> visits;
        double total = 0;
        for (std::uint64_t seed = 1; seed <= 5; ++seed) {
            RouteOptions o;
            o.seed = seed;
            Itinerary it;
            const double ms = millis([&] { it = solve(p, *m, o); });
            total += ms;
            costs.push_back(it.cost);
            std::size_t v = 0;
            for (const auto& d : it.days) v += d.visits.size();
            visits.push_back(v);
            std::printf("   seed %llu: %7.1f ms (ref x%.0f)  visits %zu/100, drive %.0f min, objective %.1f\n",
                        static_cast<unsigned long long>(seed), ms, ms / refMs, v, it.driveMinutes, it.cost);
        }
        {
            RouteOptions o;
            o.seed = 1000;
            o.heuristicIterations = 6000;
            Itinerary it;
            const double ms = millis([&] { it = solve(p, *m, o); });
            std::size_t v = 0;
            for (const auto& d : it.days) v += d.visits.size();
            std::printf("   long run (6000 rounds x 3 starts, for the best known): %.0f ms, visits %zu/100, objective %.1f\n", ms, v,
                        it.cost);
            costs.push_back(it.cost);
            visits.push_back(v);
        }
        const double best = *std::min_element(costs.begin(), costs.end());
        // Gap in the objective = left-out penalty (1e5 per stop) + drive minutes; report both parts.
        for (std::size_t k = 0; k + 1 < costs.size(); ++k)
            std::printf("   seed %zu gap to best known: %zu stop(s) fewer, %+.1f%% objective\n", k + 1,
                        *std::max_element(visits.begin(), visits.end()) - visits[k], 100 * (costs[k] - best) / best);
        std::printf("   mean %.1f ms per solve\n", total / double(costs.size()));
    }

    std::printf("\n3. road network: 50,000 edges, 25 stops + start/end\n");
    {
        std::mt19937_64 rng(50000);
        const Layer roads = syntheticRoads(rng, 50000);
        std::optional<Result<RoadNetwork>> net;
        RoadNetworkOptions ro;
        ro.speedField = "speed";
        const double buildMs = millis([&] { net.emplace(RoadNetwork::fromLayer(roads, ro)); });
        const auto s = (*net)->stats();
        std::vector<Place> places{kSeats[0]};
        for (int k = 0; k < 25; ++k) places.push_back({"P" + std::to_string(k), {110.75 + 1.4 * unit(rng), 37.0 + 1.4 * unit(rng)}});
        places.push_back(kSeats[0]);
        std::optional<Result<TravelMatrix>> m;
        const double matrixMs = millis([&] { m.emplace((*net)->matrix(places)); });
        double lineMs = millis([&] { (void)StraightLineModel().matrix(places); });
        std::printf("   graph: %zu nodes, %zu edges, %zu component(s): build %.1f ms\n", s.nodes, s.edges, s.components, buildMs);
        std::printf("   27 x 27 matrix with paths: %.1f ms (straight-line matrix %.2f ms, x%.0f); total %.1f ms%s\n", matrixMs, lineMs,
                    matrixMs / std::max(lineMs, 1e-3), buildMs + matrixMs, m->ok() ? "" : "  [matrix failed]");
    }

    std::printf("\n4. one round tour through all 22 sites (drive time only), hongtu against pgRouting pgr_TSP\n");
    if (db.empty()) {
        std::printf("   skipped: no --db given (bench/run passes the benchmark server)\n");
        return 0;
    }
    {
        const RouteProblem p = allSitesOneTour();
        auto m = StraightLineModel().matrix(nodePlaces(p));
        double best = 1e18;
        Itinerary it;
        for (int r = 0; r < 5; ++r) best = std::min(best, millis([&] { it = solve(p, *m); }) / 1000);
        std::size_t visited = 0;
        for (const auto& d : it.days) visited += d.visits.size();
        const PgTsp ref = pgRoutingTsp(db, p, *m, 5);
        if (!ref.error.empty()) {
            std::printf("   pgRouting reference skipped: %s\n", ref.error.c_str());
            return 0;
        }
        std::printf("   hongtu  %8.2f ms  %s, %zu/22 sites, tour %.1f min drive\n", best * 1000, it.info.method.c_str(), visited,
                    it.driveMinutes);
        std::printf("   pgr_TSP %8.2f ms  tour %.1f min drive (hongtu's tour is %.1f%% %s)\n", ref.seconds * 1000, ref.minutes,
                    std::abs(100.0 * (ref.minutes - it.driveMinutes) / ref.minutes), it.driveMinutes <= ref.minutes ? "shorter" : "longer");
        std::printf(
            "RESULT name=route_solve what=\"22 sites, one tour (hongtu %.0f min vs pgr_TSP %.0f min drive)\" hongtu_s=%.5f "
            "reference=\"pgRouting pgr_TSP\" reference_s=%.5f ratio=%.3f\n",
            it.driveMinutes, ref.minutes, best, ref.seconds, ref.seconds / best);
    }
    return 0;
}
