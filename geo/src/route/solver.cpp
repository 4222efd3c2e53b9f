// Route solvers. Exact: Held-Karp dynamic programming over (visited set, last stop, day) with
// Pareto labels (drive cost, clock, lunch taken), so time windows, lunch and the day limit are
// respected exactly. Heuristic: seeded randomised cheapest insertion, then relocate / Or-opt /
// 2-opt local search and ruin-and-recreate rounds on a giant tour that a greedy decoder splits
// into days. Both use the scheduling rules in route/route.cpp through route/internal.hpp.

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <random>
#include <vector>

#include "route/internal.hpp"

namespace hongtu::geo::route::detail {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

double dropPenalty(const Context& c, std::size_t s, const RouteOptions& o) {
    return c.problem.stops[s].priority == Priority::Must ? o.mustDropPenalty : o.optionalDropPenalty;
}

// Cheapest way to end `day` from `node` (minutes): the trip end, or an overnight place when a
// later day exists. finishDay() is monotone in the drive time, so checking the nearest option is
// enough to know whether any option works.
std::vector<std::vector<double>> nearestClose(const Context& c) {
    std::vector<std::vector<double>> out(static_cast<std::size_t>(c.days), std::vector<double>(c.layout.size(), kInf));
    for (int d = 0; d < c.days; ++d)
        for (std::size_t n = 0; n < c.layout.size(); ++n) {
            double best = c.minutes(n, c.layout.end);
            if (d + 1 < c.days)
                for (std::size_t o : c.nightOptions[static_cast<std::size_t>(d)]) best = std::min(best, c.minutes(n, o));
            out[static_cast<std::size_t>(d)][n] = best;
        }
    return out;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Exact

SolveOutcome solveExact(const Context& c, const RouteOptions& o) {
    const std::size_t n = c.problem.stops.size();
    const std::size_t D = static_cast<std::size_t>(c.days);
    const auto succ = pinnedSuccessors(c.problem);
    std::vector<std::uint32_t> succMask(n, 0);
    for (std::size_t s = 0; s < n; ++s)
        for (auto t : succ[s]) succMask[s] |= 1u << t;
    const auto close = nearestClose(c);

    struct Label {
        double cost, t;
        std::uint32_t parent;
        std::uint32_t mask;
        std::uint16_t stop;
        std::uint8_t day;
        bool lunchDone;
        std::int32_t overnight;  // node of the night before `day`, when this label started the day
    };
    constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
    std::vector<Label> arena;
    const std::size_t full = std::size_t{1} << n;
    std::vector<std::vector<std::uint32_t>> buckets(full * std::max<std::size_t>(n, 1) * D);
    auto key = [&](std::uint32_t mask, std::size_t last, std::size_t day) { return (std::size_t(mask) * n + last) * D + day; };
    auto insert = [&](const Label& l) {
        auto& b = buckets[key(l.mask, l.stop, l.day)];
        for (auto idx : b) {
            const Label& e = arena[idx];
            if (e.cost <= l.cost + kEps && e.t <= l.t + kEps && (e.lunchDone || !l.lunchDone)) return;  // dominated
        }
        std::erase_if(b, [&](std::uint32_t idx) {
            const Label& e = arena[idx];
            return l.cost <= e.cost + kEps && l.t <= e.t + kEps && (l.lunchDone || !e.lunchDone);
        });
        b.push_back(static_cast<std::uint32_t>(arena.size()));
        arena.push_back(l);
    };

    std::vector<double> penalty(full, 0.0);
    for (std::size_t m = 0; m < full; ++m)
        for (std::size_t s = 0; s < n; ++s)
            if (!(m & (std::size_t{1} << s))) penalty[m] += dropPenalty(c, s, o);

    // Empty tour: straight from the start to the end.
    double bestCost = kInf;
    std::uint32_t bestLabel = kNone;
    std::int64_t bestTailNight = -1;  // >= 0: the best tour ends with a night there and an empty last day
    {
        const auto e = finishDay(c, 0, c.dayStart(0), !c.lunchPendingAtStart(0), c.minutes(c.layout.start, c.layout.end));
        if (e.ok) bestCost = penalty[0] + c.minutes(c.layout.start, c.layout.end);
    }

    auto extend = [&](std::uint32_t parentIdx, std::size_t day, std::size_t atNode, double t, bool lunchDone,
                      double costSoFar, std::uint32_t mask, std::int32_t overnight) {
        for (std::size_t j = 0; j < n; ++j) {
            if (mask & (1u << j)) continue;
            if (mask & succMask[j]) continue;  // a stop pinned after j is already visited
            const std::size_t node = c.stopNode(j);
            const DriveStep dr = drive(c, static_cast<int>(day), t, lunchDone, c.minutes(atNode, node));
            if (dr.arrive > c.dayDeadline(static_cast<int>(day)) + kEps) continue;
            const VisitStep v = visit(c, static_cast<int>(day), j, dr.arrive, dr.lunchDone, false);
            if (!v.ok) continue;
            if (!finishDay(c, static_cast<int>(day), v.depart, v.lunchDone, close[day][node]).ok) continue;
            insert(Label{costSoFar + c.minutes(atNode, node), v.depart, parentIdx, mask | (1u << j), static_cast<std::uint16_t>(j),
                         static_cast<std::uint8_t>(day), v.lunchDone, overnight});
        }
    };

    extend(kNone, 0, c.layout.start, c.dayStart(0), !c.lunchPendingAtStart(0), 0.0, 0u, -1);
    for (std::size_t mask = 1; mask < full; ++mask) {
        for (std::size_t last = 0; last < n; ++last) {
            if (!(mask & (std::size_t{1} << last))) continue;
            for (std::size_t day = 0; day < D; ++day) {
                const std::vector<std::uint32_t> labels = buckets[key(static_cast<std::uint32_t>(mask), last, day)];
                for (std::uint32_t idx : labels) {
                    const Label l = arena[idx];
                    const std::size_t node = c.stopNode(last);
                    // Finish the trip here.
                    const auto e = finishDay(c, static_cast<int>(day), l.t, l.lunchDone, c.minutes(node, c.layout.end));
                    if (e.ok) {
                        const double total = l.cost + c.minutes(node, c.layout.end) + penalty[mask];
                        if (total < bestCost - kEps) {
                            bestCost = total;
                            bestLabel = idx;
                            bestTailNight = -1;
                        }
                    }
                    // Or: a night at `on`, then straight to the end the next morning.
                    if (day + 1 < D)
                        for (std::size_t on : c.nightOptions[day]) {
                            if (!finishDay(c, static_cast<int>(day), l.t, l.lunchDone, c.minutes(node, on)).ok) continue;
                            const int next = static_cast<int>(day) + 1;
                            if (!finishDay(c, next, c.dayStart(next), !c.lunchPendingAtStart(next), c.minutes(on, c.layout.end)).ok)
                                continue;
                            const double total = l.cost + c.minutes(node, on) + c.minutes(on, c.layout.end) + penalty[mask];
                            if (total < bestCost - kEps) {
                                bestCost = total;
                                bestLabel = idx;
                                bestTailNight = static_cast<std::int64_t>(on);
                            }
                        }
                    if (mask == full - 1) continue;
                    extend(idx, day, node, l.t, l.lunchDone, l.cost, static_cast<std::uint32_t>(mask), l.overnight);
                    if (day + 1 >= D) continue;
                    for (std::size_t on : c.nightOptions[day]) {
                        const auto night = finishDay(c, static_cast<int>(day), l.t, l.lunchDone, c.minutes(node, on));
                        if (!night.ok) continue;
                        const int next = static_cast<int>(day) + 1;
                        // extend() records `overnight` on the new label: the night taken before it.
                        extend(idx, day + 1, on, c.dayStart(next), !c.lunchPendingAtStart(next), l.cost + c.minutes(node, on),
                               static_cast<std::uint32_t>(mask), static_cast<std::int32_t>(on));
                    }
                }
            }
        }
    }

    SolveOutcome out;
    out.info.method = "exact";
    out.info.seed = o.seed;
    out.info.iterations = arena.size();
    if (bestLabel == kNone) return out;  // empty plan (every stop left out)
    // Walk back: a label whose day differs from its parent's started that day after a night at
    // `overnight`.
    std::vector<const Label*> chain;
    for (std::uint32_t idx = bestLabel; idx != kNone; idx = arena[idx].parent) chain.push_back(&arena[idx]);
    std::reverse(chain.begin(), chain.end());
    out.plan.dayStops.assign(static_cast<std::size_t>(chain.back()->day) + 1, {});
    out.plan.overnightNodes.assign(chain.back()->day, 0);
    for (std::size_t k = 0; k < chain.size(); ++k) {
        const Label& l = *chain[k];
        out.plan.dayStops[l.day].push_back(l.stop);
        if (k > 0 && chain[k - 1]->day != l.day) out.plan.overnightNodes[l.day - 1u] = static_cast<std::size_t>(l.overnight);
    }
    if (bestTailNight >= 0) {
        out.plan.overnightNodes.push_back(static_cast<std::size_t>(bestTailNight));
        out.plan.dayStops.emplace_back();
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// Heuristic

namespace {

struct Decoded {
    bool ok = false;
    double cost = kInf;
    double drive = 0;
};

class Decoder {
public:
    explicit Decoder(const Context& c) : c_(c), close_(nearestClose(c)) {}

    // Greedy split of a giant tour into days: a stop goes on the current day when it can be
    // visited and the day can still be closed in time; otherwise a new day starts after the
    // night at the option that adds the least driving.
    Decoded decode(const std::vector<std::size_t>& order, Plan* plan = nullptr) const {
        Decoded r;
        int day = 0;
        std::size_t at = c_.layout.start;
        double t = c_.dayStart(0);
        bool ld = !c_.lunchPendingAtStart(0);
        double driveSum = 0;
        if (plan) {
            plan->dayStops.assign(1, {});
            plan->overnightNodes.clear();
        }
        for (std::size_t j : order) {
            const std::size_t node = c_.stopNode(j);
            const DriveStep dr = drive(c_, day, t, ld, c_.minutes(at, node));
            if (dr.arrive <= c_.dayDeadline(day) + kEps) {
                const VisitStep v = visit(c_, day, j, dr.arrive, dr.lunchDone, false);
                if (v.ok && canClose(day, v.depart, v.lunchDone, node)) {
                    driveSum += c_.minutes(at, node);
                    t = v.depart;
                    ld = v.lunchDone;
                    at = node;
                    if (plan) plan->dayStops.back().push_back(j);
                    continue;
                }
            }
            if (day + 1 >= c_.days) return r;
            const int next = day + 1;
            double best = kInf, bestT = 0;
            bool bestLd = false;
            std::size_t bestO = 0;
            for (std::size_t on : c_.nightOptions[static_cast<std::size_t>(day)]) {
                const double add = c_.minutes(at, on) + c_.minutes(on, node);
                if (add >= best - kEps) continue;
                if (!finishDay(c_, day, t, ld, c_.minutes(at, on)).ok) continue;
                const DriveStep d2 = drive(c_, next, c_.dayStart(next), !c_.lunchPendingAtStart(next), c_.minutes(on, node));
                const VisitStep v2 = visit(c_, next, j, d2.arrive, d2.lunchDone, false);
                if (!v2.ok || !canClose(next, v2.depart, v2.lunchDone, node)) continue;
                best = add;
                bestT = v2.depart;
                bestLd = v2.lunchDone;
                bestO = on;
            }
            if (best == kInf) return r;
            driveSum += best;
            day = next;
            t = bestT;
            ld = bestLd;
            at = node;
            if (plan) {
                plan->overnightNodes.push_back(bestO);
                plan->dayStops.push_back({j});
            }
        }
        if (finishDay(c_, day, t, ld, c_.minutes(at, c_.layout.end)).ok) {
            driveSum += c_.minutes(at, c_.layout.end);
        } else {
            // A night on the way, then straight to the end the next morning.
            if (day + 1 >= c_.days) return r;
            const int next = day + 1;
            double best = kInf;
            std::size_t bestO = 0;
            for (std::size_t on : c_.nightOptions[static_cast<std::size_t>(day)]) {
                const double add = c_.minutes(at, on) + c_.minutes(on, c_.layout.end);
                if (add >= best - kEps || !finishDay(c_, day, t, ld, c_.minutes(at, on)).ok) continue;
                if (!finishDay(c_, next, c_.dayStart(next), !c_.lunchPendingAtStart(next), c_.minutes(on, c_.layout.end)).ok) continue;
                best = add;
                bestO = on;
            }
            if (best == kInf) return r;
            driveSum += best;
            if (plan) {
                plan->overnightNodes.push_back(bestO);
                plan->dayStops.emplace_back();
            }
        }
        r.ok = true;
        r.drive = driveSum;
        r.cost = driveSum;
        return r;
    }

private:
    bool canClose(int day, double t, bool ld, std::size_t node) const {
        return finishDay(c_, day, t, ld, close_[static_cast<std::size_t>(day)][node]).ok;
    }
    const Context& c_;
    std::vector<std::vector<double>> close_;
};

// A uniform integer in [0, n) from the raw 64-bit stream (std::uniform_int_distribution is not
// specified bit-for-bit across standard libraries; this is).
std::size_t uniformIndex(std::mt19937_64& rng, std::size_t n) {
    const std::uint64_t limit = std::numeric_limits<std::uint64_t>::max() - std::numeric_limits<std::uint64_t>::max() % n;
    std::uint64_t x;
    do x = rng();
    while (x >= limit);
    return static_cast<std::size_t>(x % n);
}

template <typename T>
void shuffle(std::vector<T>& v, std::mt19937_64& rng) {
    for (std::size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[uniformIndex(rng, i)]);
}

struct Solution {
    std::vector<std::size_t> order;  // visited stops, giant tour
    std::vector<std::size_t> out;    // left out
    double cost = kInf;              // drive + penalties
};

class Search {
public:
    Search(const Context& c, const RouteOptions& o) : c_(c), o_(o), dec_(c), succ_(pinnedSuccessors(c.problem)) {
        pos_.assign(c.problem.stops.size(), 0);
    }

    double penaltyOf(const std::vector<std::size_t>& out) const {
        double p = 0;
        for (auto s : out) p += dropPenalty(c_, s, o_);
        return p;
    }

    bool pinnedOk(const std::vector<std::size_t>& order) {
        if (c_.problem.pinned.empty()) return true;
        std::fill(pos_.begin(), pos_.end(), std::numeric_limits<std::size_t>::max());
        for (std::size_t k = 0; k < order.size(); ++k) pos_[order[k]] = k;
        for (std::size_t s = 0; s < succ_.size(); ++s) {
            if (pos_[s] == std::numeric_limits<std::size_t>::max()) continue;
            for (auto t : succ_[s])
                if (pos_[t] != std::numeric_limits<std::size_t>::max() && pos_[t] < pos_[s]) return false;
        }
        return true;
    }

    double evaluate(const std::vector<std::size_t>& order) {
        ++evaluations;
        if (!pinnedOk(order)) return kInf;
        const Decoded d = dec_.decode(order);
        return d.ok ? d.cost : kInf;
    }

    double nodeMinutes(const std::vector<std::size_t>& order, std::ptrdiff_t a, std::ptrdiff_t b) const {
        return c_.minutes(nodeAt(order, a), nodeAt(order, b));
    }
    std::size_t nodeAt(const std::vector<std::size_t>& order, std::ptrdiff_t k) const {
        if (k < 0) return c_.layout.start;
        if (k >= static_cast<std::ptrdiff_t>(order.size())) return c_.layout.end;
        return c_.stopNode(order[static_cast<std::size_t>(k)]);
    }

    // Inserts `s` at the feasible position with the least cost; positions are tried in order of
    // their drive-time increase and only the most promising few are decoded.
    bool insertBest(Solution& sol, std::size_t s) {
        const std::size_t k = sol.order.size();
        std::vector<std::pair<double, std::size_t>> cand;
        cand.reserve(k + 1);
        const std::size_t node = c_.stopNode(s);
        for (std::size_t p = 0; p <= k; ++p) {
            const std::size_t a = nodeAt(sol.order, static_cast<std::ptrdiff_t>(p) - 1), b = nodeAt(sol.order, static_cast<std::ptrdiff_t>(p));
            cand.push_back({c_.minutes(a, node) + c_.minutes(node, b) - c_.minutes(a, b), p});
        }
        std::stable_sort(cand.begin(), cand.end(), [](auto& x, auto& y) { return x.first < y.first; });
        const std::size_t tries = std::min<std::size_t>(cand.size(), 10);
        double best = kInf;
        std::size_t bestP = 0;
        std::vector<std::size_t> trial;
        for (std::size_t q = 0; q < tries; ++q) {
            trial = sol.order;
            trial.insert(trial.begin() + static_cast<std::ptrdiff_t>(cand[q].second), s);
            const double v = evaluate(trial);
            if (v < best - kEps) {
                best = v;
                bestP = cand[q].second;
            }
        }
        if (best == kInf) return false;
        sol.order.insert(sol.order.begin() + static_cast<std::ptrdiff_t>(bestP), s);
        return true;
    }

    // Re-inserts the stops just removed plus a few others from the left-out pool (trying the
    // whole pool every round would spend most of the time on stops that never fit).
    void recreate(Solution& sol, std::mt19937_64& rng, std::size_t justRemoved, std::size_t extraFromPool) {
        std::vector<std::size_t> pool(sol.out.begin(), sol.out.end() - static_cast<std::ptrdiff_t>(justRemoved));
        std::vector<std::size_t> tryNow(sol.out.end() - static_cast<std::ptrdiff_t>(justRemoved), sol.out.end());
        shuffle(pool, rng);
        const std::size_t extra = std::min(extraFromPool, pool.size());
        tryNow.insert(tryNow.end(), pool.end() - static_cast<std::ptrdiff_t>(extra), pool.end());
        pool.resize(pool.size() - extra);
        std::vector<std::size_t> must, optional;
        for (auto s : tryNow) (c_.problem.stops[s].priority == Priority::Must ? must : optional).push_back(s);
        shuffle(must, rng);
        shuffle(optional, rng);
        sol.out = std::move(pool);
        for (auto* group : {&must, &optional})
            for (auto s : *group)
                if (!insertBest(sol, s)) sol.out.push_back(s);
        std::sort(sol.out.begin(), sol.out.end());
        sol.cost = evaluate(sol.order) + penaltyOf(sol.out);
    }

    // Tries every left-out stop once more (musts first).
    void fillOut(Solution& sol) {
        std::vector<std::size_t> out = sol.out;
        std::stable_sort(out.begin(), out.end(), [&](std::size_t a, std::size_t b) {
            return c_.problem.stops[a].priority == Priority::Must && c_.problem.stops[b].priority != Priority::Must;
        });
        sol.out.clear();
        for (auto s : out)
            if (!insertBest(sol, s)) sol.out.push_back(s);
        std::sort(sol.out.begin(), sol.out.end());
        sol.cost = evaluate(sol.order) + penaltyOf(sol.out);
    }

    // First-improvement local search; moves are screened by their drive-time change and only
    // decoded when that change is negative.
    void improve(Solution& sol) {
        bool improved = true;
        std::vector<std::size_t> trial;
        double base = evaluate(sol.order);
        while (improved) {
            improved = false;
            const auto n = static_cast<std::ptrdiff_t>(sol.order.size());
            // Or-opt / relocate: move a segment of 1..3 (optionally reversed) elsewhere.
            for (std::ptrdiff_t len = 1; len <= 3 && !improved; ++len)
                for (std::ptrdiff_t i = 0; i + len <= n && !improved; ++i) {
                    const std::ptrdiff_t j = i + len - 1;
                    const double removeGain = nodeMinutes(sol.order, i - 1, i) + nodeMinutes(sol.order, j, j + 1) -
                                              nodeMinutes(sol.order, i - 1, j + 1);
                    for (std::ptrdiff_t p = -1; p < n && !improved; ++p) {  // insert between p and p+1 (after removal)
                        if (p >= i - 1 && p <= j) continue;
                        for (int rev = 0; rev < (len > 1 ? 2 : 1) && !improved; ++rev) {
                            const std::size_t first = nodeAt(sol.order, rev ? j : i), last = nodeAt(sol.order, rev ? i : j);
                            const double add = c_.minutes(nodeAt(sol.order, p), first) + c_.minutes(last, nodeAt(sol.order, p + 1)) -
                                               nodeMinutes(sol.order, p, p + 1);
                            if (add - removeGain >= -kEps) continue;
                            trial.clear();
                            std::vector<std::size_t> seg(sol.order.begin() + i, sol.order.begin() + j + 1);
                            if (rev) std::reverse(seg.begin(), seg.end());
                            for (std::ptrdiff_t q = 0; q < n; ++q) {
                                if (q >= i && q <= j) continue;
                                if (q == p + 1 && p + 1 < n) trial.insert(trial.end(), seg.begin(), seg.end());
                                trial.push_back(sol.order[static_cast<std::size_t>(q)]);
                            }
                            if (p + 1 >= n) trial.insert(trial.end(), seg.begin(), seg.end());
                            const double v = evaluate(trial);
                            if (v < base - kEps) {
                                sol.order = trial;
                                base = v;
                                improved = true;
                            }
                        }
                    }
                }
            // 2-opt: reverse order[i..j].
            for (std::ptrdiff_t i = 0; i < n && !improved; ++i)
                for (std::ptrdiff_t j = i + 1; j < n && !improved; ++j) {
                    const double delta = nodeMinutes(sol.order, i - 1, j) + nodeMinutes(sol.order, i, j + 1) -
                                         nodeMinutes(sol.order, i - 1, i) - nodeMinutes(sol.order, j, j + 1);
                    if (delta >= -kEps) continue;
                    trial = sol.order;
                    std::reverse(trial.begin() + i, trial.begin() + j + 1);
                    const double v = evaluate(trial);
                    if (v < base - kEps) {
                        sol.order = trial;
                        base = v;
                        improved = true;
                    }
                }
        }
        sol.cost = base + penaltyOf(sol.out);
    }

    std::uint64_t evaluations = 0;

private:
    const Context& c_;
    const RouteOptions& o_;
    Decoder dec_;
    std::vector<std::vector<std::size_t>> succ_;
    std::vector<std::size_t> pos_;
};

}  // namespace

SolveOutcome solveHeuristic(const Context& c, const RouteOptions& o) {
    using Clock = std::chrono::steady_clock;
    const auto started = Clock::now();
    auto outOfTime = [&] {
        return o.timeLimitSeconds > 0 && std::chrono::duration<double>(Clock::now() - started).count() > o.timeLimitSeconds;
    };
    Search search(c, o);
    const std::size_t n = c.problem.stops.size();
    Solution best;
    bool timeHit = false;
    for (int start = 0; start < std::max(1, o.heuristicStarts); ++start) {
        // Each start has its own stream derived from the seed (SplitMix64-style spacing).
        std::mt19937_64 rng(o.seed + 0x9E3779B97F4A7C15ull * static_cast<std::uint64_t>(start + 1));
        Solution cur;
        cur.out.resize(n);
        std::iota(cur.out.begin(), cur.out.end(), std::size_t{0});
        search.recreate(cur, rng, cur.out.size(), 0);
        search.improve(cur);
        if (cur.cost < best.cost - kEps) best = cur;
        double threshold = 0.02;  // record-to-record: accept up to 2% above the start's best, shrinking
        Solution startBest = cur;
        const std::uint64_t rounds = o.heuristicIterations;
        for (std::uint64_t it = 0; it < rounds; ++it) {
            if ((it & 15u) == 0 && outOfTime()) {
                timeHit = true;
                break;
            }
            Solution cand = cur;
            if (cand.order.empty() && cand.out.empty()) break;
            // Ruin: a random run of consecutive stops, or random single stops.
            const std::size_t k = cand.order.size();
            std::size_t removed = 0;
            if (k > 0) {
                const std::size_t maxRemove = std::max<std::size_t>(1, std::min<std::size_t>(k, std::max<std::size_t>(2, k / 5)));
                const std::size_t remove = 1 + uniformIndex(rng, maxRemove);
                if (uniformIndex(rng, 2) == 0) {
                    const std::size_t from = uniformIndex(rng, k - remove + 1);
                    cand.out.insert(cand.out.end(), cand.order.begin() + static_cast<std::ptrdiff_t>(from),
                                    cand.order.begin() + static_cast<std::ptrdiff_t>(from + remove));
                    cand.order.erase(cand.order.begin() + static_cast<std::ptrdiff_t>(from),
                                     cand.order.begin() + static_cast<std::ptrdiff_t>(from + remove));
                } else {
                    for (std::size_t r = 0; r < remove; ++r) {
                        const std::size_t at = uniformIndex(rng, cand.order.size());
                        cand.out.push_back(cand.order[at]);
                        cand.order.erase(cand.order.begin() + static_cast<std::ptrdiff_t>(at));
                    }
                }
            }
            removed = cand.out.size() - cur.out.size();
            search.recreate(cand, rng, removed, 2);
            if (cand.cost < cur.cost * (1 + threshold)) search.improve(cand);
            const double progress = double(it) / double(std::max<std::uint64_t>(1, rounds));
            const double accept = startBest.cost * (1 + threshold * (1 - progress));
            if (cand.cost < startBest.cost - kEps) startBest = cand;
            if (cand.cost <= accept + kEps) cur = std::move(cand);
        }
        search.fillOut(startBest);
        search.improve(startBest);
        if (startBest.cost < best.cost - kEps) best = startBest;
        if (timeHit) break;
    }
    SolveOutcome out;
    out.info.method = "heuristic";
    out.info.seed = o.seed;
    out.info.timeLimitHit = timeHit;
    out.info.iterations = search.evaluations;
    Decoder dec(c);
    if (!dec.decode(best.order, &out.plan).ok) out.plan = Plan{};
    return out;
}

}  // namespace hongtu::geo::route::detail
