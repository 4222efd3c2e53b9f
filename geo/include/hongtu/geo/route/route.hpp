#pragma once
// Multi-stop, multi-day tour planning for study tours of memorial sites: opening hours, visit
// durations, a lunch break, a daily time limit, overnight stops, must-visit and optional stops.
//
// Times are minutes since 00:00 of the departure date (local time, no time zone): 08:30 on the
// second day is 1440 + 510. Distances are metres, speeds km/h, coordinates lon/lat (CGCS2000,
// which equals WGS84 at this scale).
//
// The solver is exact (Held-Karp dynamic programming over subsets with Pareto labels) for up to
// RouteOptions::exactMaxStops stops and a seeded local search otherwise. The same input and seed
// give the same itinerary, byte for byte; the optional time limit only cuts the search short and
// says so in SolverInfo::timeLimitHit.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hongtu/geo/feature.hpp"
#include "hongtu/geo/result.hpp"

namespace hongtu::geo::route {

inline constexpr int kMinutesPerDay = 24 * 60;

// 0 = Monday ... 6 = Sunday (ISO 8601).
[[nodiscard]] int weekday(const Date& d);
// "周一".."周日" and "Mon".."Sun".
[[nodiscard]] const char* weekdayZh(int weekday);
[[nodiscard]] const char* weekdayEn(int weekday);
// "08:05" for 485; minutes beyond one day wrap (the day is shown elsewhere).
[[nodiscard]] std::string clockText(double minutesSinceMidnight);
// "1 h 05 min" / "1小时05分" style durations.
[[nodiscard]] std::string durationEn(double minutes);
[[nodiscard]] std::string durationZh(double minutes);

// One opening window within a day, in minutes since midnight: [open, close).
struct TimeWindow {
    int open = 0;
    int close = kMinutesPerDay;
    friend bool operator==(const TimeWindow&, const TimeWindow&) = default;
};

// Opening hours per weekday. Parsed from text (grammar in docs/route.md), e.g.
//   "Tue-Sun 09:00-12:00,14:00-17:00; Mon closed"
//   "周二至周日 09:00-17:00；周一闭馆"
//   "daily 09:00-17:00; confirm by phone"
// Empty text means "no hours known": open all day, every day (flagged as unknown).
struct OpeningHours {
    std::array<std::vector<TimeWindow>, 7> week;  // index = weekday(); empty = closed that day
    bool unknown = false;                         // no hours given: treated as always open
    bool confirmByPhone = false;                  // the text asks to confirm by phone / by appointment
    std::string text;                             // the text as given

    [[nodiscard]] static OpeningHours alwaysOpen();
    // Parses `text`; the error message quotes the offending part and what was expected.
    [[nodiscard]] static Result<OpeningHours> parse(std::string_view text);
    [[nodiscard]] bool closedOn(int weekday) const { return week[static_cast<std::size_t>(weekday)].empty(); }
    // "09:00-12:00, 14:00-17:00" for that weekday, "闭馆/closed" handled by callers.
    [[nodiscard]] std::string windowsText(int weekday) const;
};

enum class Priority { Must,
                      Optional };

// A place to visit.
struct Stop {
    std::string id;
    std::string name;  // shown to users (Chinese name for memorial sites)
    XY lonLat;
    double visitMinutes = 60;  // > 0
    OpeningHours hours = OpeningHours::alwaysOpen();
    Priority priority = Priority::Must;
};

// Builds a stop from raw fields (e.g. a table row), refusing a duration <= 0 or opening hours
// that do not parse; the message names the stop ("stop 'LL13' (刘胡兰纪念馆): ...").
[[nodiscard]] Result<Stop> makeStop(std::string id, std::string name, XY lonLat, double visitMinutes,
                                    std::string_view openingHours, Priority priority = Priority::Must);

// A place where a day starts or ends (start, end, overnight town).
struct Place {
    std::string name;
    XY lonLat;
};

struct LunchBreak {
    bool enabled = true;
    int earliest = 11 * 60 + 30;   // lunch starts no earlier than this (minutes since midnight)
    int latestEnd = 13 * 60 + 30;  // and ends no later than this
    int minutes = 60;
};

struct Trip {
    Place start;
    std::optional<Place> end;  // nullopt: back to the start (round trip)
    Date departDate;
    int departClock = 8 * 60;          // every day starts at this clock time
    int days = 1;                      // at most this many days
    double dayLimitMinutes = 10 * 60;  // from leaving in the morning to arriving for the night / at the end
    LunchBreak lunch;
    // Night n (between day n and n+1) is spent at one of these: overnightPerNight[n] when given
    // (a fixed town or a short list), otherwise any of overnightCandidates.
    std::vector<Place> overnightCandidates;
    std::vector<std::vector<Place>> overnightPerNight;
};

// Stop ids that must be visited in this relative order (others may go anywhere).
using PinnedOrder = std::vector<std::string>;

struct RouteProblem {
    std::vector<Stop> stops;
    Trip trip;
    PinnedOrder pinned;
};

// Checks stops and trip: ids unique, durations > 0, limits positive, the start not a stop that
// is closed on the departure day, ... The message names the stop.
[[nodiscard]] Status validate(const RouteProblem& problem);

// ---------------------------------------------------------------------------------------------
// Travel times

// Every node of a problem in a fixed order: 0 = start, 1 = end, then the overnight places
// (candidates, then per-night places, duplicates kept), then the stops. See nodeLayout().
struct NodeLayout {
    std::size_t start = 0, end = 1;
    std::size_t firstOvernight = 2, overnightCount = 0;
    std::size_t firstStop = 2, stopCount = 0;
    [[nodiscard]] std::size_t size() const { return firstStop + stopCount; }
};
[[nodiscard]] NodeLayout nodeLayout(const RouteProblem& problem);
// Names and lon/lat of all nodes in nodeLayout() order.
[[nodiscard]] std::vector<Place> nodePlaces(const RouteProblem& problem);

// Travel between every pair of nodes: drive minutes, metres and the path (lon/lat).
struct TravelMatrix {
    std::size_t size = 0;
    std::vector<double> minutes;  // row-major size x size
    std::vector<double> meters;
    std::vector<std::vector<XY>> paths;  // row-major; empty when the model has no geometry
    std::string modelDescription;        // "straight line x 1.4 at 50 km/h", "roads: ..."

    [[nodiscard]] double minutesAt(std::size_t from, std::size_t to) const { return minutes[from * size + to]; }
    [[nodiscard]] double metersAt(std::size_t from, std::size_t to) const { return meters[from * size + to]; }
    // The path geometry; a straight segment between the nodes when the model has none.
    [[nodiscard]] std::vector<XY> pathAt(std::size_t from, std::size_t to, const std::vector<Place>& nodes) const;
};

// One interface for every way of estimating travel. Implementations: StraightLineModel here,
// RoadNetwork in road_network.hpp.
class TravelModel {
public:
    virtual ~TravelModel() = default;
    // The matrix between `places` (lon/lat). Errors name the place that cannot be reached.
    [[nodiscard]] virtual Result<TravelMatrix> matrix(const std::vector<Place>& places) const = 0;
};

// Geodesic distance x detour factor, driven at an average speed.
class StraightLineModel final : public TravelModel {
public:
    explicit StraightLineModel(double speedKmh = 50, double detourFactor = 1.4);
    [[nodiscard]] Result<TravelMatrix> matrix(const std::vector<Place>& places) const override;

private:
    double speedKmh_;
    double detourFactor_;
};

// ---------------------------------------------------------------------------------------------
// Results

// A reason in both languages, e.g. {"周一闭馆", "closed on Mondays"}.
struct Reason {
    std::string zh;
    std::string en;
    friend bool operator==(const Reason&, const Reason&) = default;
};

struct Leg {
    std::size_t fromNode = 0, toNode = 0;  // nodeLayout() indices
    double depart = 0, arrive = 0;         // arrive includes a lunch break taken on the way
    double driveMinutes = 0, meters = 0;
    std::optional<double> lunchOnTheWay;  // lunch started at this time, en route
    std::vector<XY> path;                 // lon/lat
};

struct Visit {
    std::size_t stop = 0;  // index into RouteProblem::stops
    Leg legIn;
    double arrive = 0;
    std::optional<double> lunchBefore;  // lunch at the site, before the visit, started then
    double visitStart = 0, visitEnd = 0;
    std::optional<double> lunchAfter;  // lunch at the site, after the visit
    double depart = 0;
    double waitMinutes = 0;  // idle time waiting for the site to open
    // How much later the visit could start within the same window (minutes); negative = late.
    double slackMinutes = 0;
    std::vector<Reason> violations;  // only in evaluated (manual) orders
};

struct Day {
    int index = 0;  // 0-based
    Date date;
    std::size_t startNode = 0;
    double leave = 0;
    std::vector<Visit> visits;
    Leg legOut;  // to the overnight place or the end
    std::size_t endNode = 0;
    bool overnight = false;            // ends at an overnight place, not the trip end
    std::optional<double> lunchAtEnd;  // lunch after arriving for the night / at the end
    double arrive = 0;
    double driveMinutes = 0, meters = 0;
    double durationMinutes = 0;      // arrive - leave
    std::vector<Reason> violations;  // day limit exceeded (manual orders)
};

struct Dropped {
    std::size_t stop = 0;
    std::vector<Reason> reasons;  // never empty
};

struct SolverInfo {
    std::string method;  // "exact", "heuristic", "manual"
    std::uint64_t seed = 0;
    std::uint64_t iterations = 0;  // local-search moves tried / DP labels created
    bool timeLimitHit = false;
};

struct Itinerary {
    std::vector<Day> days;
    std::vector<Dropped> dropped;  // stops not visited, each with reasons
    bool feasible = true;          // every must-visit stop is in, no violation
    double driveMinutes = 0, meters = 0;
    double cost = 0;               // the objective (see RouteOptions)
    std::vector<Reason> problems;  // plain-words summary of what breaks
    SolverInfo info;
    std::vector<Place> nodes;  // nodePlaces(problem), for exports
};

struct RouteOptions {
    std::uint64_t seed = 1;
    std::size_t exactMaxStops = 12;           // DP up to this many stops (hard cap 15)
    std::uint64_t heuristicIterations = 600;  // ruin-and-recreate rounds per start
    int heuristicStarts = 3;
    double timeLimitSeconds = 0;  // 0 = none; a safety stop, breaks determinism
    // Objective: drive minutes + these per stop left out. Must-visit stops are left out only
    // when the tour cannot include them, and always with reasons.
    double optionalDropPenalty = 1e5;
    double mustDropPenalty = 1e8;
};

// Finds the best itinerary. `matrix` must come from nodePlaces(problem).
[[nodiscard]] Itinerary solve(const RouteProblem& problem, const TravelMatrix& matrix, const RouteOptions& options = {});

// Evaluates a user-given order (stop ids; "|" starts a new day, otherwise days are split
// greedily when the day limit would be exceeded). Every stop is kept in place; violated windows
// and limits are listed per visit and per day. Unknown ids are an error.
[[nodiscard]] Result<Itinerary> evaluateOrder(const RouteProblem& problem, const TravelMatrix& matrix,
                                              const std::vector<std::string>& order);

// A day-by-day plan given explicitly (used by tests and the heuristic's decoder): the stops of
// each day in order and the overnight node after each day but the last.
struct Plan {
    std::vector<std::vector<std::size_t>> dayStops;  // stop indices
    std::vector<std::size_t> overnightNodes;         // nodeLayout() indices, dayStops.size()-1
};
// Schedules a plan strictly: nullopt when any window, lunch rule or day limit is broken.
[[nodiscard]] std::optional<Itinerary> schedulePlan(const RouteProblem& problem, const TravelMatrix& matrix, const Plan& plan,
                                                    const RouteOptions& options = {});

}  // namespace hongtu::geo::route
