// Route model: validation, node layout, the straight-line travel model, the scheduling rules
// (lunch, opening windows, day limit), plan scheduling, manual orders and drop explanations.

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <set>
#include <string>

#include "hongtu/geo/crs.hpp"
#include "hongtu/geo/route/route.hpp"
#include "route/internal.hpp"

namespace hongtu::geo::route {

namespace {

const char* weekdayFullEn(int w) {
    static const char* const names[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
    return names[((w % 7) + 7) % 7];
}

std::string fmt1(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

std::string stopLabel(const Stop& s) { return s.name.empty() ? s.id : s.name; }

}  // namespace

// ---------------------------------------------------------------------------------------------
// Validation and layout

Result<Stop> makeStop(std::string id, std::string name, XY lonLat, double visitMinutes, std::string_view openingHours,
                      Priority priority) {
    const std::string who = "stop '" + id + "' (" + (name.empty() ? id : name) + ")";
    if (!(visitMinutes > 0) || !std::isfinite(visitMinutes))
        return Error{who + ": the visit duration must be more than 0 minutes, got " + fmt1(visitMinutes), {}, {}, {}};
    auto hours = OpeningHours::parse(openingHours);
    if (!hours) return Error{who + ": " + hours.error().message, {}, {}, {}};
    Stop s;
    s.id = std::move(id);
    s.name = std::move(name);
    s.lonLat = lonLat;
    s.visitMinutes = visitMinutes;
    s.hours = std::move(*hours);
    s.priority = priority;
    return s;
}

Status validate(const RouteProblem& p) {
    auto err = [](std::string m) { return Error{std::move(m), {}, {}, {}}; };
    std::set<std::string> ids;
    for (const auto& s : p.stops) {
        const std::string who = "stop '" + s.id + "' (" + stopLabel(s) + ")";
        if (s.id.empty()) return err("a stop has no id (" + stopLabel(s) + ")");
        if (!ids.insert(s.id).second) return err(who + " appears twice");
        if (!(s.visitMinutes > 0) || !std::isfinite(s.visitMinutes))
            return err(who + ": the visit duration must be more than 0 minutes, got " + fmt1(s.visitMinutes));
        if (!std::isfinite(s.lonLat.x) || !std::isfinite(s.lonLat.y) || std::abs(s.lonLat.x) > 180 || std::abs(s.lonLat.y) > 90)
            return err(who + ": the position is not a valid longitude/latitude");
        bool everOpen = false;
        for (int d = 0; d < 7; ++d) everOpen = everOpen || !s.hours.closedOn(d);
        if (!everOpen) return err(who + ": the opening hours never open ('" + s.hours.text + "')");
    }
    const Trip& t = p.trip;
    if (t.days < 1 || t.days > 14) return err("the number of days must be 1 to 14, got " + std::to_string(t.days));
    if (!(t.dayLimitMinutes > 0) || t.dayLimitMinutes > kMinutesPerDay)
        return err("the daily time limit must be between 0 and 24 hours");
    if (t.departClock < 0 || t.departClock >= kMinutesPerDay) return err("the departure time must be within the day");
    if (t.lunch.enabled && (t.lunch.minutes <= 0 || t.lunch.earliest + t.lunch.minutes > t.lunch.latestEnd))
        return err("the lunch break (" + std::to_string(t.lunch.minutes) + " min) does not fit in its window " +
                   clockText(t.lunch.earliest) + "-" + clockText(t.lunch.latestEnd));
    // The start (or end) is one of the stops itself, and that stop is closed when the tour
    // passes: a common slip when the start is typed as a site name.
    const int wd0 = weekday(t.departDate);
    for (const auto& s : p.stops) {
        const bool atStart = geodesicDistance(s.lonLat, t.start.lonLat) < 50;
        if (atStart && s.hours.closedOn(wd0))
            return err("the start '" + t.start.name + "' is the site " + stopLabel(s) + ", which is closed on " +
                       weekdayFullEn(wd0) + "s (" + t.departDate.iso() + ") / 出发地" + stopLabel(s) + weekdayZh(wd0) +
                       "闭馆");
    }
    for (std::size_t n = 0; n < t.overnightPerNight.size(); ++n)
        if (n + 1 >= static_cast<std::size_t>(t.days) && !t.overnightPerNight[n].empty())
            return err("an overnight place is given for night " + std::to_string(n + 1) + ", but the trip has only " +
                       std::to_string(t.days) + " day(s)");
    std::set<std::string> pinned;
    for (const auto& id : p.pinned) {
        if (!ids.count(id)) return err("the pinned order names an unknown stop '" + id + "'");
        if (!pinned.insert(id).second) return err("the pinned order names stop '" + id + "' twice");
    }
    return Done{};
}

NodeLayout nodeLayout(const RouteProblem& p) {
    NodeLayout l;
    l.overnightCount = p.trip.overnightCandidates.size();
    for (const auto& night : p.trip.overnightPerNight) l.overnightCount += night.size();
    l.firstStop = l.firstOvernight + l.overnightCount;
    l.stopCount = p.stops.size();
    return l;
}

std::vector<Place> nodePlaces(const RouteProblem& p) {
    std::vector<Place> nodes;
    nodes.push_back(p.trip.start);
    nodes.push_back(p.trip.end ? *p.trip.end : p.trip.start);
    for (const auto& c : p.trip.overnightCandidates) nodes.push_back(c);
    for (const auto& night : p.trip.overnightPerNight)
        for (const auto& c : night) nodes.push_back(c);
    for (const auto& s : p.stops) nodes.push_back({stopLabel(s), s.lonLat});
    return nodes;
}

std::vector<XY> TravelMatrix::pathAt(std::size_t from, std::size_t to, const std::vector<Place>& nodes) const {
    if (!paths.empty() && !paths[from * size + to].empty()) return paths[from * size + to];
    if (from == to) return {nodes[from].lonLat};
    return {nodes[from].lonLat, nodes[to].lonLat};
}

StraightLineModel::StraightLineModel(double speedKmh, double detourFactor) : speedKmh_(speedKmh), detourFactor_(detourFactor) {}

Result<TravelMatrix> StraightLineModel::matrix(const std::vector<Place>& places) const {
    if (!(speedKmh_ > 0)) return Error{"the travel speed must be more than 0 km/h", {}, {}, {}};
    if (!(detourFactor_ >= 1)) return Error{"the detour factor must be at least 1 (straight line), got " + fmt1(detourFactor_), {}, {}, {}};
    TravelMatrix m;
    m.size = places.size();
    m.minutes.assign(m.size * m.size, 0.0);
    m.meters.assign(m.size * m.size, 0.0);
    for (std::size_t i = 0; i < m.size; ++i)
        for (std::size_t j = i + 1; j < m.size; ++j) {
            const double d = geodesicDistance(places[i].lonLat, places[j].lonLat) * detourFactor_;
            const double minutes = d / 1000.0 / speedKmh_ * 60.0;
            m.meters[i * m.size + j] = m.meters[j * m.size + i] = d;
            m.minutes[i * m.size + j] = m.minutes[j * m.size + i] = minutes;
        }
    m.modelDescription = "straight line x " + fmt1(detourFactor_) + " at " + fmt1(speedKmh_) + " km/h";
    return m;
}

// ---------------------------------------------------------------------------------------------
// Scheduling rules

namespace detail {

Context::Context(const RouteProblem& p, const TravelMatrix& m) : problem(p), matrix(m), layout(nodeLayout(p)), days(p.trip.days) {
    nodes = nodePlaces(p);
    const auto base = p.trip.departDate.daysSinceEpoch();
    for (int d = 0; d < days; ++d) weekdays.push_back(weekday(Date::fromDaysSinceEpoch(base + d)));
    windows.resize(p.stops.size());
    for (std::size_t s = 0; s < p.stops.size(); ++s) {
        windows[s].resize(static_cast<std::size_t>(days));
        for (int d = 0; d < days; ++d)
            for (const auto& w : p.stops[s].hours.week[static_cast<std::size_t>(weekdays[static_cast<std::size_t>(d)])])
                windows[s][static_cast<std::size_t>(d)].push_back({w.open + d * kMinutesPerDay, w.close + d * kMinutesPerDay});
    }
    std::size_t perNightBase = layout.firstOvernight + p.trip.overnightCandidates.size();
    std::vector<std::size_t> candidates;
    for (std::size_t k = 0; k < p.trip.overnightCandidates.size(); ++k) candidates.push_back(layout.firstOvernight + k);
    for (int n = 0; n + 1 < days; ++n) {
        std::vector<std::size_t> options;
        if (static_cast<std::size_t>(n) < p.trip.overnightPerNight.size() && !p.trip.overnightPerNight[static_cast<std::size_t>(n)].empty()) {
            for (std::size_t k = 0; k < p.trip.overnightPerNight[static_cast<std::size_t>(n)].size(); ++k) options.push_back(perNightBase + k);
        } else {
            options = candidates.empty() ? std::vector<std::size_t>{layout.start} : candidates;
        }
        if (static_cast<std::size_t>(n) < p.trip.overnightPerNight.size())
            perNightBase += p.trip.overnightPerNight[static_cast<std::size_t>(n)].size();
        nightOptions.push_back(std::move(options));
    }
}

DriveStep drive(const Context& c, int day, double t, bool lunchDone, double driveMinutes) {
    DriveStep r{t, t + driveMinutes, std::nullopt, lunchDone};
    if (!lunchDone && c.problem.trip.lunch.enabled && r.arrive > c.lunchLatestStart(day) + kEps) {
        const double lunch = std::max(t, c.lunchEarliest(day));
        r.lunchOnTheWay = lunch;
        r.arrive += c.lunchMinutes();
        r.lunchDone = true;
    }
    return r;
}

namespace {

const TimeWindow* firstFit(const std::vector<TimeWindow>& wins, double t, double v) {
    for (const auto& w : wins)
        if (std::max<double>(t, w.open) + v <= w.close + kEps) return &w;
    return nullptr;
}

std::string dayDate(const Context& c, int day) {
    return Date::fromDaysSinceEpoch(c.problem.trip.departDate.daysSinceEpoch() + day).iso();
}

// Why a visit of `stop` cannot start at `t` on `day`, with a size (minutes late, or large).
std::pair<Reason, double> windowViolation(const Context& c, int day, std::size_t stop, double t, bool afterLunch) {
    const auto& s = c.problem.stops[stop];
    const auto& wins = c.windows[stop][static_cast<std::size_t>(day)];
    const int wd = c.weekdays[static_cast<std::size_t>(day)];
    const std::string date = dayDate(c, day);
    const std::string name = stopLabel(s);
    const long v = std::lround(s.visitMinutes);
    if (wins.empty())
        return {{name + " " + weekdayZh(wd) + "闭馆（" + date + "）",
                 name + " is closed on " + weekdayFullEn(wd) + "s (" + date + ")"},
                1000.0};
    double longest = 0;
    for (const auto& w : wins) longest = std::max<double>(longest, w.close - w.open);
    if (s.visitMinutes > longest + kEps)
        return {{name + " 参观需" + std::to_string(v) + "分钟，超过开放时段 " + s.hours.windowsText(wd),
                 name + ": the " + std::to_string(v) + "-min visit is longer than its opening window " + s.hours.windowsText(wd)},
                s.visitMinutes - longest};
    const std::string arriveZh = afterLunch ? "午餐后" + clockText(t) : clockText(t) + "到达";
    const std::string arriveEn = afterLunch ? "ready after lunch at " + clockText(t) : "arrives " + clockText(t);
    const TimeWindow& last = wins.back();
    if (t >= last.close - kEps)
        return {{name + " " + arriveZh + "，已于" + clockText(last.close) + "闭馆",
                 name + " " + arriveEn + " after closing at " + clockText(last.close)},
                t + s.visitMinutes - last.close};
    const TimeWindow* w = &last;
    for (const auto& x : wins)
        if (t < x.close) {
            w = &x;
            break;
        }
    return {{name + " " + arriveZh + "，" + std::to_string(v) + "分钟的参观超过" + clockText(w->close) + "闭馆时间",
             name + " " + arriveEn + ": the " + std::to_string(v) + "-min visit would end after closing at " + clockText(w->close)},
            std::max<double>(1, std::max<double>(t, w->open) + s.visitMinutes - w->close)};
}

}  // namespace

VisitStep visit(const Context& c, int day, std::size_t stop, double a, bool lunchDone, bool relaxed) {
    VisitStep r;
    r.arrive = a;
    r.lunchDone = lunchDone;
    const double v = c.problem.stops[stop].visitMinutes;
    const auto& wins = c.windows[stop][static_cast<std::size_t>(day)];
    const bool lunchOn = c.problem.trip.lunch.enabled;
    const double le = c.lunchEarliest(day), ls = c.lunchLatestStart(day), lm = c.lunchMinutes();
    double t = a;
    if (lunchOn && !lunchDone) {
        if (a >= le - kEps) {
            r.lunchBefore = a;  // arrived in the lunch window: eat first
            t = a + lm;
            r.lunchDone = true;
        } else {
            const TimeWindow* w = firstFit(wins, a, v);
            const double s = w ? std::max<double>(a, w->open) : a;
            if (s >= le - kEps || s + v > ls + kEps) {
                r.lunchBefore = le;  // the visit would run through lunch: eat first, at the earliest
                t = le + lm;
                r.lunchDone = true;
            }
        }
    }
    const TimeWindow* w = firstFit(wins, t, v);
    if (w) {
        r.visitStart = std::max<double>(t, w->open);
        r.slack = w->close - v - r.visitStart;
    } else {
        if (!relaxed) return r;
        auto [reason, size] = windowViolation(c, day, stop, t, r.lunchBefore.has_value());
        r.violations.push_back(std::move(reason));
        r.excess += size;
        r.visitStart = t;
        r.slack = -size;
    }
    r.visitEnd = r.visitStart + v;
    r.wait = r.visitStart - a - (r.lunchBefore ? lm : 0.0);
    double after = r.visitEnd;
    if (lunchOn && !r.lunchDone && after >= le - kEps) {
        r.lunchAfter = after;
        if (after > ls + kEps) {
            if (!relaxed) return r;
            r.violations.push_back({"午餐推迟到" + clockText(after) + "（午餐时段" + clockText(c.problem.trip.lunch.earliest) + "-" +
                                        clockText(c.problem.trip.lunch.latestEnd) + "）",
                                    "lunch delayed to " + clockText(after) + " (lunch window " +
                                        clockText(c.problem.trip.lunch.earliest) + "-" + clockText(c.problem.trip.lunch.latestEnd) + ")"});
            r.excess += after - ls;
        }
        after += lm;
        r.lunchDone = true;
    }
    r.depart = after;
    r.ok = true;
    return r;
}

EndStep finishDay(const Context& c, int day, double t, bool lunchDone, double driveMinutes) {
    EndStep e;
    e.leg = drive(c, day, t, lunchDone, driveMinutes);
    if (!e.leg.lunchDone && c.problem.trip.lunch.enabled && e.leg.arrive >= c.lunchEarliest(day) - kEps) {
        e.lunchAtEnd = e.leg.arrive;  // arrived in the lunch window: lunch at the destination
        e.leg.lunchDone = true;
    }
    e.ok = e.leg.arrive <= c.dayDeadline(day) + kEps;
    return e;
}

namespace {

Leg makeLeg(const Context& c, const std::vector<Place>& nodes, std::size_t from, std::size_t to, const DriveStep& d) {
    Leg l;
    l.fromNode = from;
    l.toNode = to;
    l.depart = d.depart;
    l.arrive = d.arrive;
    l.driveMinutes = c.matrix.minutesAt(from, to);
    l.meters = c.matrix.metersAt(from, to);
    l.lunchOnTheWay = d.lunchOnTheWay;
    l.path = c.matrix.pathAt(from, to, nodes);
    return l;
}

}  // namespace

std::optional<Day> scheduleDay(const Context& c, int day, std::size_t startNode, const std::vector<std::size_t>& stops,
                               std::size_t endNode, bool overnight, bool relaxed, double* excess) {
    const std::vector<Place>& nodes = c.nodes;
    Day d;
    d.index = day;
    d.date = Date::fromDaysSinceEpoch(c.problem.trip.departDate.daysSinceEpoch() + day);
    d.startNode = startNode;
    d.leave = c.dayStart(day);
    d.endNode = endNode;
    d.overnight = overnight;
    double t = d.leave;
    bool lunchDone = !c.lunchPendingAtStart(day);
    std::size_t at = startNode;
    for (std::size_t s : stops) {
        const std::size_t node = c.stopNode(s);
        const DriveStep dr = drive(c, day, t, lunchDone, c.minutes(at, node));
        VisitStep v = visit(c, day, s, dr.arrive, dr.lunchDone, relaxed);
        if (!v.ok) return std::nullopt;
        if (excess) *excess += v.excess;
        Visit out{.stop = s,
                  .legIn = makeLeg(c, nodes, at, node, dr),
                  .arrive = v.arrive,
                  .lunchBefore = v.lunchBefore,
                  .visitStart = v.visitStart,
                  .visitEnd = v.visitEnd,
                  .lunchAfter = v.lunchAfter,
                  .depart = v.depart,
                  .waitMinutes = v.wait,
                  .slackMinutes = v.slack,
                  .violations = std::move(v.violations)};
        d.driveMinutes += out.legIn.driveMinutes;
        d.meters += out.legIn.meters;
        d.visits.push_back(std::move(out));
        t = v.depart;
        lunchDone = v.lunchDone;
        at = node;
    }
    const EndStep e = finishDay(c, day, t, lunchDone, c.minutes(at, endNode));
    d.legOut = makeLeg(c, nodes, at, endNode, e.leg);
    d.lunchAtEnd = e.lunchAtEnd;
    d.arrive = e.leg.arrive;
    d.driveMinutes += d.legOut.driveMinutes;
    d.meters += d.legOut.meters;
    d.durationMinutes = d.arrive - d.leave;
    if (!e.ok) {
        if (!relaxed) return std::nullopt;
        const double limitH = c.problem.trip.dayLimitMinutes / 60.0, needH = d.durationMinutes / 60.0;
        d.violations.push_back({"第" + std::to_string(day + 1) + "天需" + fmt1(needH) + "小时，超过每日" + fmt1(limitH) + "小时上限",
                                "day " + std::to_string(day + 1) + " would need " + fmt1(needH) + " h > " + fmt1(limitH) + " h"});
        if (excess) *excess += d.durationMinutes - c.problem.trip.dayLimitMinutes;
    }
    return d;
}

double objective(const Context& c, const Plan& plan, double driveMinutes, const RouteOptions& o) {
    std::vector<char> in(c.problem.stops.size(), 0);
    for (const auto& day : plan.dayStops)
        for (auto s : day) in[s] = 1;
    double cost = driveMinutes;
    for (std::size_t s = 0; s < in.size(); ++s)
        if (!in[s]) cost += c.problem.stops[s].priority == Priority::Must ? o.mustDropPenalty : o.optionalDropPenalty;
    return cost;
}

std::optional<Itinerary> schedule(const Context& c, const Plan& plan, bool relaxed, const RouteOptions& options, double* excess) {
    Itinerary it;
    it.nodes = nodePlaces(c.problem);
    const std::size_t nDays = std::max<std::size_t>(1, plan.dayStops.size());
    if (nDays > static_cast<std::size_t>(c.days) || plan.overnightNodes.size() + 1 < nDays) return std::nullopt;
    std::size_t at = c.layout.start;
    for (std::size_t d = 0; d < nDays; ++d) {
        const bool last = d + 1 == nDays;
        const std::size_t endNode = last ? c.layout.end : plan.overnightNodes[d];
        static const std::vector<std::size_t> none;
        const auto& stops = d < plan.dayStops.size() ? plan.dayStops[d] : none;
        auto day = scheduleDay(c, static_cast<int>(d), at, stops, endNode, !last, relaxed, excess);
        if (!day) return std::nullopt;
        it.driveMinutes += day->driveMinutes;
        it.meters += day->meters;
        for (const auto& v : day->visits)
            if (!v.violations.empty()) it.feasible = false;
        if (!day->violations.empty()) it.feasible = false;
        it.days.push_back(std::move(*day));
        at = endNode;
    }
    it.cost = objective(c, plan, it.driveMinutes, options);
    return it;
}

std::vector<std::vector<std::size_t>> pinnedSuccessors(const RouteProblem& p) {
    std::map<std::string, std::size_t> index;
    for (std::size_t s = 0; s < p.stops.size(); ++s) index[p.stops[s].id] = s;
    std::vector<std::vector<std::size_t>> succ(p.stops.size());
    for (std::size_t a = 0; a < p.pinned.size(); ++a)
        for (std::size_t b = a + 1; b < p.pinned.size(); ++b) succ[index.at(p.pinned[a])].push_back(index.at(p.pinned[b]));
    return succ;
}

// ---------------------------------------------------------------------------------------------
// Why stops are left out

namespace {

Plan planOf(const Itinerary& it) {
    Plan p;
    for (const auto& d : it.days) {
        std::vector<std::size_t> stops;
        for (const auto& v : d.visits) stops.push_back(v.stop);
        p.dayStops.push_back(std::move(stops));
        if (d.overnight) p.overnightNodes.push_back(d.endNode);
    }
    return p;
}

}  // namespace

void explainDropped(const Context& c, Itinerary& it, const RouteOptions& options) {
    std::vector<char> in(c.problem.stops.size(), 0);
    for (const auto& d : it.days)
        for (const auto& v : d.visits) in[v.stop] = 1;
    const Plan base = planOf(it);
    for (std::size_t s = 0; s < c.problem.stops.size(); ++s) {
        if (in[s]) continue;
        const Stop& stop = c.problem.stops[s];
        Dropped dr;
        dr.stop = s;
        // Closed on every day of the trip?
        bool everOpen = false;
        for (int d = 0; d < c.days; ++d) everOpen = everOpen || !c.windows[s][static_cast<std::size_t>(d)].empty();
        if (!everOpen) {
            std::string zh, en;
            std::set<int> wds(c.weekdays.begin(), c.weekdays.end());
            for (int wd : wds) {
                zh += std::string(zh.empty() ? "" : "、") + weekdayZh(wd);
                en += std::string(en.empty() ? "" : " and ") + weekdayFullEn(wd) + "s";
            }
            dr.reasons.push_back({stopLabel(stop) + " " + zh + "闭馆，行程日期内不开放",
                                  stopLabel(stop) + " is closed on " + en + ", the days of this trip"});
            it.dropped.push_back(std::move(dr));
            continue;
        }
        // Try every insertion point (every day, every position, new days too) and report the
        // rules broken by the least-bad one.
        double bestExcess = std::numeric_limits<double>::infinity();
        std::vector<Reason> bestReasons;
        bool feasibleSomewhere = false;
        auto tryPlan = [&](const Plan& p) {
            double excess = 0;
            auto sched = schedule(c, p, true, options, &excess);
            if (!sched) return;
            std::vector<Reason> reasons;
            for (const auto& d : sched->days) {
                for (const auto& v : d.visits)
                    for (const auto& r : v.violations) reasons.push_back(r);
                for (const auto& r : d.violations) reasons.push_back(r);
            }
            if (reasons.empty()) feasibleSomewhere = true;
            if (excess < bestExcess - kEps) {
                bestExcess = excess;
                bestReasons = std::move(reasons);
            }
        };
        Plan p0 = base;
        if (p0.dayStops.empty()) p0.dayStops.push_back({});
        for (std::size_t d = 0; d < p0.dayStops.size(); ++d)
            for (std::size_t pos = 0; pos <= p0.dayStops[d].size(); ++pos) {
                Plan p = p0;
                p.dayStops[d].insert(p.dayStops[d].begin() + static_cast<std::ptrdiff_t>(pos), s);
                tryPlan(p);
            }
        if (p0.dayStops.size() < static_cast<std::size_t>(c.days)) {
            // An extra day on its own, overnight at each option of that night.
            const std::size_t night = p0.dayStops.size() - 1;
            for (std::size_t o : c.nightOptions[night]) {
                Plan p = p0;
                p.overnightNodes.resize(night);
                p.overnightNodes.push_back(o);
                p.dayStops.push_back({s});
                tryPlan(p);
            }
        }
        if (bestReasons.empty() && !feasibleSomewhere) {
            bestReasons.push_back({stopLabel(stop) + " 无法排入行程", stopLabel(stop) + " does not fit into the tour"});
        } else if (feasibleSomewhere) {
            bestReasons.clear();
            if (!c.problem.pinned.empty())
                bestReasons.push_back({stopLabel(stop) + " 与固定顺序冲突", stopLabel(stop) + " conflicts with the pinned order"});
            else
                bestReasons.push_back({stopLabel(stop) + " 本可排入，但启发式搜索未找到该方案（可增加迭代次数）",
                                       stopLabel(stop) + " fits into the tour, but the heuristic search left it out (try more iterations)"});
        }
        // Reasons found by trying the stop in the tour: say that they are what adding it would do.
        if (!feasibleSomewhere)
            for (auto& r : bestReasons) {
                r.zh = "若加入：" + r.zh;
                r.en = "if added: " + r.en;
            }
        dr.reasons = std::move(bestReasons);
        it.dropped.push_back(std::move(dr));
    }
    for (const auto& dr : it.dropped) {
        const Stop& stop = c.problem.stops[dr.stop];
        if (stop.priority != Priority::Must) continue;
        it.feasible = false;
        Reason summary{"必去点未能安排：" + stop.id + " " + stopLabel(stop) + "（", "must-visit stop left out: " + stop.id + " " +
                                                                                        stopLabel(stop) + " ("};
        for (std::size_t k = 0; k < dr.reasons.size(); ++k) {
            summary.zh += (k ? "；" : "") + dr.reasons[k].zh;
            summary.en += (k ? "; " : "") + dr.reasons[k].en;
        }
        summary.zh += "）";
        summary.en += ")";
        it.problems.push_back(std::move(summary));
    }
}

}  // namespace detail

// ---------------------------------------------------------------------------------------------
// Entry points

Itinerary solve(const RouteProblem& problem, const TravelMatrix& matrix, const RouteOptions& options) {
    const detail::Context c(problem, matrix);
    const bool exact = problem.stops.size() <= std::min<std::size_t>(options.exactMaxStops, 15);
    detail::SolveOutcome out = exact ? detail::solveExact(c, options) : detail::solveHeuristic(c, options);
    auto it = detail::schedule(c, out.plan, false, options);
    if (!it) {
        // Contract: solvers only return plans that schedule strictly; fall back to an empty tour.
        it = detail::schedule(c, Plan{}, true, options);
    }
    it->info = out.info;
    detail::explainDropped(c, *it, options);
    return *it;
}

std::optional<Itinerary> schedulePlan(const RouteProblem& problem, const TravelMatrix& matrix, const Plan& plan,
                                      const RouteOptions& options) {
    const detail::Context c(problem, matrix);
    return detail::schedule(c, plan, false, options);
}

Result<Itinerary> evaluateOrder(const RouteProblem& problem, const TravelMatrix& matrix, const std::vector<std::string>& order) {
    const detail::Context c(problem, matrix);
    std::map<std::string, std::size_t> index;
    for (std::size_t s = 0; s < problem.stops.size(); ++s) index[problem.stops[s].id] = s;
    // Split into explicit day groups first.
    std::vector<std::vector<std::size_t>> groups(1);
    std::set<std::size_t> seen;
    for (const auto& id : order) {
        if (id == "|") {
            groups.emplace_back();
            continue;
        }
        auto f = index.find(id);
        if (f == index.end()) return Error{"the order names an unknown stop '" + id + "'", {}, {}, {}};
        if (!seen.insert(f->second).second) return Error{"the order names stop '" + id + "' twice", {}, {}, {}};
        groups.back().push_back(f->second);
    }
    const bool explicitDays = groups.size() > 1;
    if (groups.size() > static_cast<std::size_t>(problem.trip.days))
        return Error{"the order has " + std::to_string(groups.size()) + " days but the trip has " + std::to_string(problem.trip.days),
                     {},
                     {},
                     {}};
    RouteOptions options;
    Plan plan;
    if (explicitDays) {
        plan.dayStops = groups;
    } else {
        // Greedy: keep adding stops to the day while the day still ends within the limit at the
        // cheapest way to close it; then start a new day, if there is one left.
        plan.dayStops.emplace_back();
        for (std::size_t s : groups[0]) {
            auto& today = plan.dayStops.back();
            today.push_back(s);
            const int d = static_cast<int>(plan.dayStops.size()) - 1;
            const bool canStartNew = plan.dayStops.size() < static_cast<std::size_t>(problem.trip.days);
            double excess = 0;
            const std::size_t startNode = d == 0 ? c.layout.start : plan.overnightNodes.back();
            const std::size_t endNode = canStartNew ? c.nightOptions[static_cast<std::size_t>(d)].front() : c.layout.end;
            auto day = detail::scheduleDay(c, d, startNode, today, endNode, canStartNew, true, &excess);
            const bool overrun = day && !day->violations.empty();
            if (overrun && canStartNew && today.size() > 1) {
                today.pop_back();
                plan.dayStops.push_back({s});
                plan.overnightNodes.push_back(endNode);
            }
        }
    }
    // Overnight choice per night: the option nearest to the last stop of the day plus the first
    // of the next day.
    plan.overnightNodes.resize(plan.dayStops.size() - 1);
    for (std::size_t n = 0; n + 1 < plan.dayStops.size(); ++n) {
        const std::size_t from = plan.dayStops[n].empty() ? (n == 0 ? c.layout.start : plan.overnightNodes[n - 1])
                                                          : c.stopNode(plan.dayStops[n].back());
        const std::size_t to = plan.dayStops[n + 1].empty() ? c.layout.end : c.stopNode(plan.dayStops[n + 1].front());
        double best = std::numeric_limits<double>::infinity();
        for (std::size_t o : c.nightOptions[n]) {
            const double m = c.minutes(from, o) + c.minutes(o, to);
            if (m < best - detail::kEps) {
                best = m;
                plan.overnightNodes[n] = o;
            }
        }
    }
    auto it = detail::schedule(c, plan, true, options);
    if (!it) return Error{"the order could not be scheduled", {}, {}, {}};
    it->info.method = "manual";
    for (const auto& d : it->days) {
        for (const auto& v : d.visits)
            for (const auto& r : v.violations) it->problems.push_back(r);
        for (const auto& r : d.violations) it->problems.push_back(r);
    }
    std::vector<char> in(problem.stops.size(), 0);
    for (auto s : seen) in[s] = 1;
    for (std::size_t s = 0; s < problem.stops.size(); ++s)
        if (!in[s]) it->dropped.push_back({s, {{"未列入手动顺序", "not in the given order"}}});
    for (const auto& dr : it->dropped)
        if (problem.stops[dr.stop].priority == Priority::Must) {
            it->feasible = false;
            it->problems.push_back({"必去点未列入：" + stopLabel(problem.stops[dr.stop]),
                                    "must-visit stop not in the order: " + stopLabel(problem.stops[dr.stop])});
        }
    return *it;
}

}  // namespace hongtu::geo::route
