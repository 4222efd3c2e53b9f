// route: opening hours, scheduling rules, exact vs brute force, heuristic vs exact, reasons.

#include <catch2/catch_approx.hpp>
#include <catch2/catch_test_macros.hpp>

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "hongtu/geo/datasource.hpp"
#include "hongtu/geo/route/export.hpp"
#include "hongtu/geo/route/route.hpp"

using namespace hongtu::geo;
using namespace hongtu::geo::route;

namespace {

const Date kSunday{2018, 7, 1};
const Date kMonday{2018, 7, 2};
const XY kLishi{111.13417, 37.51556};

Stop stop(const std::string& id, XY p, double minutes, const std::string& hours = "", Priority pr = Priority::Must) {
    auto s = makeStop(id, id, p, minutes, hours, pr);
    REQUIRE(s.ok());
    return *s;
}

RouteProblem problem(std::vector<Stop> stops, Date date = kSunday, int days = 1) {
    RouteProblem p;
    p.stops = std::move(stops);
    p.trip.start = {"离石", kLishi};
    p.trip.departDate = date;
    p.trip.days = days;
    return p;
}

TravelMatrix matrixFor(const RouteProblem& p, double speed = 50) {
    auto m = StraightLineModel(speed, 1.4).matrix(nodePlaces(p));
    REQUIRE(m.ok());
    return *m;
}

bool hasReason(const std::vector<Reason>& rs, const std::string& zhPart, const std::string& enPart) {
    for (const auto& r : rs)
        if (r.zh.find(zhPart) != std::string::npos && r.en.find(enPart) != std::string::npos) return true;
    return false;
}

std::vector<Reason> droppedReasons(const Itinerary& it, const RouteProblem& p, const std::string& id) {
    for (const auto& d : it.dropped)
        if (p.stops[d.stop].id == id) return d.reasons;
    return {};
}

std::vector<std::string> visitedIds(const Itinerary& it, const RouteProblem& p) {
    std::vector<std::string> ids;
    for (const auto& d : it.days)
        for (const auto& v : d.visits) ids.push_back(p.stops[v.stop].id);
    return ids;
}

// Random instances around 离石: stops within ~40 km, some with lunch closures, some closed on
// Mondays or with short hours, some optional.
RouteProblem randomInstance(std::mt19937_64& rng, int n, int days) {
    auto u = [&](double a, double b) { return a + (b - a) * double(rng() >> 11) * (1.0 / 9007199254740992.0); };
    static const char* const hours[] = {"daily 08:00-18:00", "Tue-Sun 09:00-17:00", "daily 09:00-12:00,14:00-17:00",
                                        "daily 08:00-18:00", "daily 13:00-17:30", "daily 08:00-11:30",
                                        "Mon-Fri 09:00-16:00; Sat,Sun 10:00-15:00", "daily 08:30-17:30"};
    std::vector<Stop> stops;
    for (int k = 0; k < n; ++k) {
        const XY p{kLishi.x + u(-0.45, 0.45), kLishi.y + u(-0.35, 0.35)};
        const auto h = hours[static_cast<std::size_t>(u(0, 7.999))];
        stops.push_back(stop("S" + std::to_string(k), p, std::round(u(15, 60)), h, u(0, 1) < 0.3 ? Priority::Optional : Priority::Must));
    }
    RouteProblem p = problem(std::move(stops), u(0, 1) < 0.5 ? kSunday : kMonday, days);
    p.trip.dayLimitMinutes = days == 1 ? 10 * 60 : 8 * 60;
    if (days > 1) p.trip.overnightPerNight = {{{"宿", {kLishi.x + 0.2, kLishi.y + 0.1}}}};
    return p;
}

// Exhaustive search over every order of every subset (and every day break), pruning a prefix
// only when one of its visits already breaks a window (later stops cannot repair that).
struct BruteForce {
    const RouteProblem& p;
    const TravelMatrix& m;
    double best = std::numeric_limits<double>::infinity();
    std::vector<char> used;
    long evaluated = 0;

    double penalty(const std::vector<std::string>& seq) const {
        double pen = 0;
        for (const auto& s : p.stops)
            if (std::find(seq.begin(), seq.end(), s.id) == seq.end()) pen += s.priority == Priority::Must ? 1e8 : 1e5;
        return pen;
    }

    void run(std::vector<std::string>& seq, int daysUsed) {
        auto it = evaluateOrder(p, m, seq);
        REQUIRE(it.ok());
        ++evaluated;
        double legs = 0;
        for (const auto& d : it->days) {
            for (const auto& v : d.visits) {
                if (!v.violations.empty()) return;
                legs += v.legIn.driveMinutes;
            }
            if (&d != &it->days.back()) legs += d.legOut.driveMinutes;
        }
        bool dayOk = true;
        for (const auto& d : it->days) dayOk = dayOk && d.violations.empty();
        if (dayOk) best = std::min(best, it->driveMinutes + penalty(seq));
        if (legs >= best) return;
        for (std::size_t s = 0; s < p.stops.size(); ++s) {
            if (used[s]) continue;
            used[s] = 1;
            seq.push_back(p.stops[s].id);
            run(seq, daysUsed);
            seq.pop_back();
            used[s] = 0;
        }
        if (daysUsed < p.trip.days && !seq.empty() && seq.back() != "|") {
            seq.push_back("|");
            run(seq, daysUsed + 1);
            seq.pop_back();
        }
    }

    double solve() {
        used.assign(p.stops.size(), 0);
        std::vector<std::string> seq;
        run(seq, 1);
        return best;
    }
};

}  // namespace

TEST_CASE("route hours: the text grammar", "[route]") {
    SECTION("weekday ranges, several windows, closures") {
        auto h = OpeningHours::parse("Tue-Sun 09:00-12:00,14:00-17:00; Mon closed");
        REQUIRE(h.ok());
        CHECK(h->closedOn(0));
        REQUIRE(h->week[1].size() == 2);
        CHECK(h->week[1][0] == TimeWindow{540, 720});
        CHECK(h->week[6][1] == TimeWindow{840, 1020});
    }
    SECTION("Chinese text with full-width punctuation") {
        auto h = OpeningHours::parse("周二至周日 09:00－17:00；周一闭馆");
        REQUIRE(h.ok());
        CHECK(h->closedOn(0));
        CHECK(h->week[3] == std::vector<TimeWindow>{{540, 1020}});
    }
    SECTION("later clauses override, lists of days, wrap-around ranges") {
        auto h = OpeningHours::parse("daily 08:00-18:00; Sat,Sun 10:00-16:00; Fri-Mon 07:00-08:00");
        REQUIRE(h.ok());
        CHECK(h->week[5] == std::vector<TimeWindow>{{420, 480}});
        CHECK(h->week[2] == std::vector<TimeWindow>{{480, 1080}});
    }
    SECTION("the forms the Lüliang demo data uses") {
        auto a = OpeningHours::parse("daily 09:00-17:00; confirm by phone");
        REQUIRE(a.ok());
        CHECK(a->confirmByPhone);
        CHECK(OpeningHours::parse("daily, daylight hours")->week[0] == std::vector<TimeWindow>{{480, 1080}});
        auto b = OpeningHours::parse("by appointment (school campus); confirm by phone");
        REQUIRE(b.ok());
        CHECK(b->week[0] == std::vector<TimeWindow>{{540, 1020}});
        CHECK(OpeningHours::parse("")->unknown);
    }
    SECTION("bad text is refused with the offending part quoted") {
        for (const char* bad : {"Tue-Sun 9-17", "sometimes", "daily 17:00-09:00", "daily 09:00-12:00,11:00-15:00",
                                "Mon 25:00-26:00", "Tue-Sun 09:00-17:00 maybe"}) {
            INFO(bad);
            auto h = OpeningHours::parse(bad);
            REQUIRE_FALSE(h.ok());
            CHECK(h.error().message.find("opening hours") != std::string::npos);
        }
    }
}

TEST_CASE("route input: bad stops and trips are refused with the stop named", "[route]") {
    SECTION("zero or negative visit duration") {
        auto s = makeStop("LL13", "刘胡兰纪念馆", {112.2, 37.41}, 0, "daily 09:00-17:00");
        REQUIRE_FALSE(s.ok());
        CHECK(s.error().message.find("刘胡兰纪念馆") != std::string::npos);
        CHECK(s.error().message.find("more than 0") != std::string::npos);
        CHECK_FALSE(makeStop("X", "X", {111, 37}, -5, "").ok());
    }
    SECTION("unparsable hours") {
        auto s = makeStop("LL09", "红军东征纪念馆", {110.845, 37.0}, 60, "weekdays nine to five");
        REQUIRE_FALSE(s.ok());
        CHECK(s.error().message.find("LL09") != std::string::npos);
        CHECK(s.error().message.find("红军东征纪念馆") != std::string::npos);
    }
    SECTION("duplicate ids, negative duration set directly, unknown pinned ids") {
        auto p = problem({stop("A", {111.2, 37.5}, 30), stop("A", {111.3, 37.5}, 30)});
        CHECK_FALSE(validate(p).ok());
        p = problem({stop("A", {111.2, 37.5}, 30)});
        p.stops[0].visitMinutes = -1;
        CHECK(validate(p).error().message.find("'A'") != std::string::npos);
        p = problem({stop("A", {111.2, 37.5}, 30)});
        p.pinned = {"B"};
        CHECK_FALSE(validate(p).ok());
    }
    SECTION("the start is a site that is closed on the departure day") {
        auto p = problem({stop("LL13", {112.2, 37.41}, 75, "Tue-Sun 09:00-17:00")}, kMonday);
        p.trip.start = {"刘胡兰纪念馆", {112.2, 37.41}};
        auto st = validate(p);
        REQUIRE_FALSE(st.ok());
        CHECK(st.error().message.find("closed on Mondays") != std::string::npos);
        CHECK(st.error().message.find("周一闭馆") != std::string::npos);
    }
}

TEST_CASE("route time windows: hand-built cases", "[route]") {
    const XY liulin{110.885, 37.445};    // ~24 km from 离石
    const XY xingxian{111.081, 38.476};  // ~107 km
    SECTION("Monday closure: a one-day Monday trip leaves the hall out and says why") {
        auto p = problem({stop("LL13", {112.2, 37.41}, 75, "Tue-Sun 09:00-17:00"), stop("LL15", liulin, 40, "daily 09:00-17:00")},
                         kMonday);
        p.stops[0].name = "刘胡兰纪念馆";
        const auto it = solve(p, matrixFor(p));
        CHECK(visitedIds(it, p) == std::vector<std::string>{"LL15"});
        CHECK_FALSE(it.feasible);
        CHECK(hasReason(droppedReasons(it, p, "LL13"), "刘胡兰纪念馆 周一闭馆", "closed on Mondays"));
        CHECK(hasReason(it.problems, "必去点", "must-visit"));
    }
    SECTION("Monday closure on a two-day trip: the hall moves to Tuesday") {
        auto p = problem({stop("LL13", {112.2, 37.41}, 75, "Tue-Sun 09:00-17:00"), stop("LL15", liulin, 40, "daily 09:00-17:00")},
                         kMonday, 2);
        const auto it = solve(p, matrixFor(p));
        REQUIRE(it.feasible);
        REQUIRE(it.days.size() == 2);
        REQUIRE(it.days[1].visits.size() >= 1);
        bool onTuesday = false;
        for (const auto& v : it.days[1].visits) onTuesday = onTuesday || p.stops[v.stop].id == "LL13";
        CHECK(onTuesday);
    }
    SECTION("arrives after closing") {
        // Leaves 08:00, 兴县 is 107 km x 1.4 at 50 km/h = about 3 h away: arrives after 10:00.
        auto p = problem({stop("LL01", xingxian, 60, "daily 08:00-10:00")});
        const auto it = solve(p, matrixFor(p));
        CHECK(it.days[0].visits.empty());
        const auto reasons = droppedReasons(it, p, "LL01");
        CHECK(hasReason(reasons, "已于10:00闭馆", "after closing at 10:00"));
    }
    SECTION("the day would be too long") {
        auto p = problem({stop("LL01", xingxian, 240, "daily 08:00-18:00")});
        p.trip.dayLimitMinutes = 8 * 60;
        const auto it = solve(p, matrixFor(p));
        const auto reasons = droppedReasons(it, p, "LL01");
        CHECK(hasReason(reasons, "第1天需", "day 1 would need"));
        CHECK(hasReason(reasons, "超过每日8.0小时", "> 8.0 h"));
    }
    SECTION("a lunch closure moves the visit to the afternoon window") {
        auto p = problem({stop("A", liulin, 90, "daily 14:00-17:00")});
        p.trip.departClock = 9 * 60;
        const auto it = solve(p, matrixFor(p));
        REQUIRE(it.feasible);
        const Visit& v = it.days[0].visits.at(0);
        CHECK(v.visitStart == Catch::Approx(14 * 60));
        REQUIRE(v.lunchBefore);  // waiting past noon: lunch first, at 11:30
        CHECK(*v.lunchBefore == Catch::Approx(11 * 60 + 30));
        CHECK(v.slackMinutes == Catch::Approx(90));
    }
    SECTION("arriving in the lunch window: lunch first, then the visit") {
        auto p = problem({stop("A", liulin, 30, "daily 08:00-18:00")});
        p.trip.departClock = 11 * 60 + 15;
        const auto it = solve(p, matrixFor(p));
        const Visit& v = it.days[0].visits.at(0);
        REQUIRE(v.lunchBefore);
        CHECK(*v.lunchBefore == Catch::Approx(v.arrive));
        CHECK(v.visitStart == Catch::Approx(v.arrive + 60));
    }
    SECTION("a long drive through lunch: lunch on the way") {
        auto p = problem({stop("LL01", xingxian, 60, "daily 08:00-18:00")});
        p.trip.departClock = 10 * 60 + 30;
        const auto it = solve(p, matrixFor(p));
        const Visit& v = it.days[0].visits.at(0);
        REQUIRE(v.legIn.lunchOnTheWay);
        CHECK(*v.legIn.lunchOnTheWay == Catch::Approx(11 * 60 + 30));
        CHECK(v.arrive == Catch::Approx(10 * 60 + 30 + v.legIn.driveMinutes + 60));
    }
    SECTION("an optional stop that does not fit is dropped with a reason; the must stays") {
        auto p = problem({stop("M", liulin, 60, "daily 09:00-17:00"),
                          stop("O", xingxian, 60, "daily 09:00-10:00", Priority::Optional)});
        const auto it = solve(p, matrixFor(p));
        CHECK(visitedIds(it, p) == std::vector<std::string>{"M"});
        CHECK(it.feasible);  // only an optional stop is out
        REQUIRE(it.dropped.size() == 1);
        CHECK_FALSE(it.dropped[0].reasons.empty());
    }
    SECTION("a pinned order is respected") {
        auto p = problem({stop("A", {111.0, 37.5}, 30), stop("B", {111.3, 37.5}, 30), stop("C", {111.15, 37.6}, 30)});
        p.pinned = {"B", "A"};
        const auto it = solve(p, matrixFor(p));
        const auto ids = visitedIds(it, p);
        REQUIRE(ids.size() == 3);
        CHECK(std::find(ids.begin(), ids.end(), "B") < std::find(ids.begin(), ids.end(), "A"));
    }
}

TEST_CASE("route manual order: every broken window is flagged", "[route]") {
    const XY xingxian{111.081, 38.476};
    auto p = problem({stop("LL15", {110.885, 37.445}, 40, "daily 09:00-17:00"), stop("LL01", xingxian, 120, "daily 09:00-11:00"),
                      stop("LL13", {112.2, 37.41}, 75, "Tue-Sun 09:00-17:00")},
                     kMonday);
    const auto it = evaluateOrder(p, matrixFor(p), {"LL15", "LL01", "LL13"});
    REQUIRE(it.ok());
    CHECK(it->info.method == "manual");
    CHECK_FALSE(it->feasible);
    REQUIRE(it->days[0].visits.size() == 3);
    CHECK(it->days[0].visits[0].violations.empty());
    CHECK(hasReason(it->days[0].visits[1].violations, "LL01", "LL01"));
    CHECK(hasReason(it->days[0].visits[2].violations, "周一闭馆", "closed on Mondays"));
    CHECK_FALSE(evaluateOrder(p, matrixFor(p), {"LL15", "nope"}).ok());
}

TEST_CASE("route exact solver equals brute force on random instances up to 9 stops", "[route]") {
    std::mt19937_64 rng(20180701);
    int checked = 0, withDrops = 0, visited = 0, total = 0;
    long sequences = 0;
    for (int n = 3; n <= 9; ++n) {
        for (int rep = 0; rep < (n <= 7 ? 4 : 2); ++rep) {
            const int days = (n <= 6 && rep % 2 == 1) ? 2 : 1;
            const RouteProblem p = randomInstance(rng, n, days);
            const TravelMatrix m = matrixFor(p);
            const Itinerary it = solve(p, m);
            REQUIRE(it.info.method == "exact");
            BruteForce bf{p, m, std::numeric_limits<double>::infinity(), {}, 0};
            const double brute = bf.solve();
            INFO("n=" << n << " days=" << days << " rep=" << rep);
            CHECK(it.cost == Catch::Approx(brute).epsilon(1e-9));
            // The plan the solver returns really schedules to that cost.
            double drive = 0;
            for (const auto& d : it.days) drive += d.driveMinutes;
            CHECK(drive == Catch::Approx(it.driveMinutes));
            ++checked;
            withDrops += it.dropped.empty() ? 0 : 1;
            visited += static_cast<int>(visitedIds(it, p).size());
            total += n;
            sequences += bf.evaluated;
        }
    }
    std::printf(
        "route: exact == brute force on %d random instances (3-9 stops; %d of %d stops visited, %d instances with "
        "stops left out; %ld orders enumerated)\n",
        checked, visited, total, withDrops, sequences);
}

TEST_CASE("route heuristic is close to the exact optimum up to 12 stops", "[route]") {
    std::mt19937_64 rng(42);
    double gapSum = 0, gapMax = 0;
    int count = 0, equal = 0, visited = 0, total = 0;
    for (int n = 6; n <= 12; ++n) {
        for (int rep = 0; rep < 4; ++rep) {
            const int days = rep == 3 ? 2 : 1;
            const RouteProblem p = randomInstance(rng, n, days);
            const TravelMatrix m = matrixFor(p);
            RouteOptions exact;
            const Itinerary e = solve(p, m, exact);
            RouteOptions heur;
            heur.exactMaxStops = 0;
            heur.heuristicIterations = 300;
            const Itinerary h = solve(p, m, heur);
            REQUIRE(h.info.method == "heuristic");
            REQUIRE(h.cost >= e.cost - 1e-6);  // never better than the optimum
            const double gap = (h.cost - e.cost) / std::max(1.0, e.cost);
            gapSum += gap;
            gapMax = std::max(gapMax, gap);
            equal += gap < 1e-9 ? 1 : 0;
            visited += static_cast<int>(visitedIds(e, p).size());
            total += n;
            ++count;
        }
    }
    const double mean = gapSum / count;
    std::printf(
        "route: heuristic vs exact on %d instances (6-12 stops): mean gap %.3f%%, max %.3f%%, optimal in %d; "
        "%d of %d stops visited)\n",
        count, 100 * mean, 100 * gapMax, equal, visited, total);
    CHECK(mean <= 0.02);
}

TEST_CASE("route determinism: the same seed gives the same bytes", "[route]") {
    std::mt19937_64 rng(7);
    const RouteProblem p = randomInstance(rng, 18, 2);
    const TravelMatrix m = matrixFor(p);
    RouteOptions o;
    o.seed = 99;
    o.heuristicIterations = 200;
    const auto a = exportItinerary(p, solve(p, m, o), ExportFormat::Json);
    const auto b = exportItinerary(p, solve(p, m, o), ExportFormat::Json);
    CHECK(a == b);
}

TEST_CASE("route exports: timetable, GPX, KML, GeoJSON, CSV", "[route]") {
    auto p = problem({stop("LL15", {110.885, 37.445}, 40, "daily 09:00-17:00"), stop("LL05", {110.91, 37.8}, 45, "daily 09:00-17:00"),
                      stop("LL01", {111.081, 38.476}, 120, "Tue-Sun 09:00-17:00"), stop("LL13", {112.2, 37.41}, 75, "Tue-Sun 09:00-17:00")},
                     kMonday, 2);
    p.stops[3].name = "刘胡兰纪念馆";
    p.trip.overnightCandidates = {{"兴县", {111.16664, 38.48064}}, {"临县", {111.02059, 37.97965}}};
    const auto it = solve(p, matrixFor(p));
    const auto text = exportItinerary(p, it, ExportFormat::Text);
    CHECK(text.find("第1天") != std::string::npos);
    CHECK(text.find("第2天") != std::string::npos);
    const auto gpx = exportItinerary(p, it, ExportFormat::Gpx);
    CHECK(gpx.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gpx version=\"1.1\"", 0) == 0);
    std::size_t tracks = 0;
    for (auto pos = gpx.find("<trk>"); pos != std::string::npos; pos = gpx.find("<trk>", pos + 1)) ++tracks;
    CHECK(tracks == it.days.size());
    CHECK(gpx.find("<time>2018-07-02T00:00:00Z</time>") != std::string::npos);  // 08:00 in UTC+8
    const auto csv = exportItinerary(p, it, ExportFormat::Csv);
    CHECK(csv.rfind("\xEF\xBB\xBF"
                    "day,date,seq,event",
                    0) == 0);
    const auto kml = exportItinerary(p, it, ExportFormat::Kml);
    CHECK(kml.find("<LineString>") != std::string::npos);
    const auto geojson = exportItinerary(p, it, ExportFormat::GeoJson);
    CHECK(geojson.find("\"kind\": \"overnight\"") != std::string::npos);
    CHECK(parseExportFormat("gpx") == ExportFormat::Gpx);
    CHECK(parseExportFormat("xlsx") == ExportFormat::Xlsx);
    CHECK_FALSE(parseExportFormat("pdf"));
}

TEST_CASE("route timetable: one row per event, same rows as text and XLSX", "[route]") {
    auto p = problem({stop("LL15", {110.885, 37.445}, 40, "daily 09:00-17:00"), stop("LL05", {110.91, 37.8}, 45, "daily 09:00-17:00"),
                      stop("LL01", {111.081, 38.476}, 120, "Tue-Sun 09:00-17:00"), stop("LL13", {112.2, 37.41}, 75, "Tue-Sun 09:00-17:00")},
                     kMonday, 2);
    p.trip.overnightCandidates = {{"兴县", {111.16664, 38.48064}}, {"临县", {111.02059, 37.97965}}};
    const auto m = matrixFor(p);

    SECTION("solved: depart, visits numbered over the tour, arrive per day; stops left out last") {
        const auto it = solve(p, m);
        const auto rows = timetable(p, it);
        std::size_t visits = 0;
        for (const auto& d : it.days) visits += d.visits.size();
        REQUIRE(rows.size() == 2 * it.days.size() + visits + it.dropped.size());
        CHECK(rows.front().kind == TimetableRow::Kind::Depart);
        CHECK(rows.front().place == "离石");
        CHECK(*rows.front().leave == 8 * 60);
        int seq = 0;
        for (const auto& r : rows)
            if (r.kind == TimetableRow::Kind::Visit) CHECK(r.seq == ++seq);
        CHECK(seq == static_cast<int>(visits));
        const auto firstArrive = std::find_if(rows.begin(), rows.end(), [](const TimetableRow& r) { return r.kind == TimetableRow::Kind::Arrive; });
        REQUIRE(firstArrive != rows.end());
        CHECK(firstArrive->overnight == (it.days.size() > 1));
        CHECK(*firstArrive->arrive == it.days[0].arrive);
        // LL13 is closed on Mondays and too far for day 2: left out, with its reasons.
        const auto ll13 = std::find_if(rows.begin(), rows.end(), [&](const TimetableRow& r) { return r.stop && p.stops[*r.stop].id == "LL13"; });
        REQUIRE(ll13 != rows.end());
        if (ll13->kind == TimetableRow::Kind::Dropped) CHECK_FALSE(ll13->violations.empty());

        const auto zh = timetableText(p, it, Language::Zh);
        const auto en = timetableText(p, it, Language::En);
        REQUIRE(zh.size() == rows.size() + 1);
        CHECK(zh[0] == std::vector<std::string>{"天", "序号", "地点", "到达", "离开", "车程", "距离（公里）", "余量", "说明"});
        CHECK(en[0][0] == "Day");
        CHECK(zh[1][0] == "第1天");
        CHECK(zh[1][4] == "08:00");
        CHECK(zh[1][8].find("2018-07-02 周一 出发") != std::string::npos);
        CHECK(en[1][8].find("2018-07-02 Mon departure") != std::string::npos);
        for (const auto& row : zh) CHECK(row.size() == 9);
    }

    SECTION("a manual order: the closed day is flagged in the visit's row") {
        const auto it = evaluateOrder(p, m, {"LL13", "|", "LL15"});  // LL13 on Monday
        REQUIRE(it.ok());
        const auto rows = timetable(p, *it);
        const auto ll13 = std::find_if(rows.begin(), rows.end(),
                                       [&](const TimetableRow& r) { return r.kind == TimetableRow::Kind::Visit && p.stops[*r.stop].id == "LL13"; });
        REQUIRE(ll13 != rows.end());
        REQUIRE_FALSE(ll13->violations.empty());
        CHECK(ll13->violations.front().zh.find("周一闭馆") != std::string::npos);
        const auto zh = timetableText(p, *it, Language::Zh);
        const auto row = zh[static_cast<std::size_t>(ll13 - rows.begin()) + 1];
        CHECK(row[8].rfind("！", 0) == 0);
    }

    SECTION("XLSX: read back through GDAL, same cells, numbers as numbers; a failed write leaves the old file") {
        const auto it = solve(p, m);
        const auto dir = std::filesystem::temp_directory_path() / ("hongtu_route_xlsx_" + std::to_string(::getpid()));
        std::filesystem::create_directories(dir);
        const std::string path = (dir / "行程.xlsx").string();
        REQUIRE(writeTimetableXlsx(path, p, it, Language::Zh).ok());
        auto ds = DataSource::open(path);
        REQUIRE(ds.ok());
        auto layer = ds->readLayer("timetable");
        REQUIRE(layer.ok());
        const auto text = timetableText(p, it, Language::Zh);
        REQUIRE(layer->fields.size() == 9);
        CHECK(layer->fields[2].name == "地点");
        REQUIRE(layer->features.size() == text.size() - 1);
        for (std::size_t r = 1; r < text.size(); ++r)
            for (std::size_t c = 0; c < 9; ++c) {
                std::string got = toText(layer->features[r - 1].values[c]);
                if (c == 6 && !got.empty()) {
                    char buf[32];
                    std::snprintf(buf, sizeof buf, "%.1f", std::stod(got));
                    got = buf;
                }
                CHECK(got == text[r][c]);
            }
        // Not a place anyone can write: refused, and the file written before is untouched.
        const auto before = std::filesystem::file_size(path);
        CHECK_FALSE(writeTimetableXlsx((dir / "missing" / "x.xlsx").string(), p, it).ok());
        CHECK(std::filesystem::file_size(path) == before);
        std::filesystem::remove_all(dir);
    }
}
