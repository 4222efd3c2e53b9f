#pragma once
// Private to the route module: the scheduling primitives shared by the exact solver, the
// heuristic's decoder, plan scheduling and the manual-order evaluation, so that all of them
// apply exactly the same rules (lunch, windows, day limit).

#include <optional>
#include <vector>

#include "hongtu/geo/route/route.hpp"

namespace hongtu::geo::route::detail {

inline constexpr double kEps = 1e-7;

// Everything the rules need, precomputed once per solve.
struct Context {
    const RouteProblem& problem;
    const TravelMatrix& matrix;
    NodeLayout layout;
    int days = 1;
    // windows[stop][day]: absolute [open, close) in minutes since departure-date midnight.
    std::vector<std::vector<std::vector<TimeWindow>>> windows;
    std::vector<int> weekdays;                           // per trip day
    std::vector<std::vector<std::size_t>> nightOptions;  // per night: overnight node indices
    std::vector<Place> nodes;                            // nodePlaces(problem)

    Context(const RouteProblem& p, const TravelMatrix& m);

    [[nodiscard]] double dayStart(int day) const { return day * double(kMinutesPerDay) + problem.trip.departClock; }
    [[nodiscard]] double dayDeadline(int day) const { return dayStart(day) + problem.trip.dayLimitMinutes; }
    [[nodiscard]] double lunchEarliest(int day) const { return day * double(kMinutesPerDay) + problem.trip.lunch.earliest; }
    [[nodiscard]] double lunchLatestStart(int day) const {
        return day * double(kMinutesPerDay) + problem.trip.lunch.latestEnd - problem.trip.lunch.minutes;
    }
    [[nodiscard]] double lunchMinutes() const { return problem.trip.lunch.minutes; }
    // Lunch still to be taken when the day starts (not when lunch is off or the day starts late).
    [[nodiscard]] bool lunchPendingAtStart(int day) const {
        return problem.trip.lunch.enabled && dayStart(day) <= lunchLatestStart(day) + kEps;
    }
    [[nodiscard]] std::size_t stopNode(std::size_t stop) const { return layout.firstStop + stop; }
    [[nodiscard]] double minutes(std::size_t a, std::size_t b) const { return matrix.minutesAt(a, b); }
};

struct DriveStep {
    double depart = 0, arrive = 0;
    std::optional<double> lunchOnTheWay;
    bool lunchDone = false;
};
// Drive `driveMinutes` leaving at `t`. Lunch pending and arriving after the latest lunch start:
// lunch is taken on the way, starting at max(t, earliest).
[[nodiscard]] DriveStep drive(const Context& c, int day, double t, bool lunchDone, double driveMinutes);

struct VisitStep {
    bool ok = false;
    double arrive = 0, visitStart = 0, visitEnd = 0, depart = 0, wait = 0, slack = 0;
    std::optional<double> lunchBefore, lunchAfter;
    bool lunchDone = false;
    std::vector<Reason> violations;  // relaxed mode only
    double excess = 0;               // relaxed mode: minutes (or a large number) by which rules break
};
// Visit `stop` arriving at `a`. Strict: ok=false when no window fits the whole visit. Relaxed:
// always ok, the visit starts as soon as possible and the broken rule is recorded.
[[nodiscard]] VisitStep visit(const Context& c, int day, std::size_t stop, double a, bool lunchDone, bool relaxed);

struct EndStep {
    bool ok = false;  // arrival within the day limit
    DriveStep leg;
    std::optional<double> lunchAtEnd;
};
[[nodiscard]] EndStep finishDay(const Context& c, int day, double t, bool lunchDone, double driveMinutes);

// Schedules one day. nullopt in strict mode when a rule breaks; relaxed mode always returns a
// day with violations and adds their size to `excess`.
[[nodiscard]] std::optional<Day> scheduleDay(const Context& c, int day, std::size_t startNode,
                                             const std::vector<std::size_t>& stops, std::size_t endNode, bool overnight,
                                             bool relaxed, double* excess = nullptr);

// Builds an itinerary from a plan (strict or relaxed). In strict mode nullopt if infeasible.
[[nodiscard]] std::optional<Itinerary> schedule(const Context& c, const Plan& plan, bool relaxed, const RouteOptions& options,
                                                double* excess = nullptr);

// Fills Itinerary::dropped for every stop not in the itinerary, with reasons, and the summary.
void explainDropped(const Context& c, Itinerary& it, const RouteOptions& options);

// Exact DP and heuristic; both return a plan (possibly leaving stops out).
struct SolveOutcome {
    Plan plan;
    SolverInfo info;
};
[[nodiscard]] SolveOutcome solveExact(const Context& c, const RouteOptions& options);
[[nodiscard]] SolveOutcome solveHeuristic(const Context& c, const RouteOptions& options);

// Objective value of a scheduled itinerary.
[[nodiscard]] double objective(const Context& c, const Plan& plan, double driveMinutes, const RouteOptions& options);

// Per stop: the stops that must come after it in the pinned order (bit set over stop indices
// when stops <= 64, else empty).
[[nodiscard]] std::vector<std::vector<std::size_t>> pinnedSuccessors(const RouteProblem& p);

}  // namespace hongtu::geo::route::detail
