#include "cli/route_command.hpp"

#include <CLI/CLI.hpp>

#include <cmath>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <QCoreApplication>
#include <QTranslator>

#include "cli/gui_app.hpp"
#include "export/route_sheet.hpp"
#include "hongtu/geo/datasource.hpp"
#include "hongtu/geo/route/export.hpp"
#include "hongtu/geo/route/plan.hpp"
#include "hongtu/geo/route/project.hpp"
#include "hongtu/geo/route/route.hpp"

namespace hongtu::cli {

namespace {

namespace route = geo::route;

std::optional<double> parseMinutes(const std::string& s) {
    // "10h", "9h30", "9.5h", "570", "570min"
    try {
        std::size_t pos = 0;
        const double a = std::stod(s, &pos);
        std::string rest = s.substr(pos);
        if (rest.empty() || rest == "min" || rest == "m") return a;
        if (rest == "h") return a * 60;
        if (rest[0] == 'h') return a * 60 + std::stod(rest.substr(1));
    } catch (...) {
    }
    return std::nullopt;
}

std::optional<int> parseClock(const std::string& s) {
    int h = 0, m = 0;
    char colon = 0;
    std::istringstream in(s);
    if (!(in >> h >> colon >> m) || colon != ':' || h < 0 || h > 23 || m < 0 || m > 59) return std::nullopt;
    return h * 60 + m;
}

}  // namespace

int runRoute(const RouteCommandOptions& o, std::ostream& out, std::ostream& err) {
    auto fail = [&](const std::string& msg) {
        err << "hongtu route: " << geo::redactConnectionString(msg) << "\n";  // no password of a PG: project
        return 2;
    };
    // No --format: the file's extension says (tour.gpx, 行程.xlsx), standard output gets text.
    const auto format = !o.format.empty() ? route::parseExportFormat(o.format)
                                          : std::optional(route::exportFormatForPath(o.output).value_or(route::ExportFormat::Text));
    if (!format) return fail("unknown format '" + o.format + "' (text, json, csv, gpx, kml, geojson, xlsx)");
    if (!route::isTextFormat(*format) && o.output.empty())
        return fail("--format xlsx needs -o FILE.xlsx (a workbook cannot go to standard output)");
    auto project = route::loadRouteProject(o.project);
    if (!project) return fail(project.error().toString());

    route::PlanRequest request;
    route::RouteProblem& problem = request.problem;
    // Trip.
    auto start = route::findPlace(*project, o.start);
    if (!start) return fail(start.error().message);
    problem.trip.start = *start;
    if (!o.end.empty()) {
        auto end = route::findPlace(*project, o.end);
        if (!end) return fail(end.error().message);
        problem.trip.end = *end;
    }
    const auto space = o.depart.find_first_of(" T");
    const auto date = geo::Date::parseIso(o.depart.substr(0, space));
    const auto clock = space == std::string::npos ? std::optional<int>(8 * 60) : parseClock(o.depart.substr(space + 1));
    if (!date || !clock) return fail("--depart '" + o.depart + "' is not 'YYYY-MM-DD HH:MM'");
    problem.trip.departDate = *date;
    problem.trip.departClock = *clock;
    problem.trip.days = o.days;
    const auto limit = parseMinutes(o.dayLimit);
    if (!limit) return fail("--day-limit '" + o.dayLimit + "' is not like 10h, 9h30 or 570 (minutes)");
    problem.trip.dayLimitMinutes = *limit;
    if (o.lunch == "none") {
        problem.trip.lunch.enabled = false;
    } else {
        const auto dash = o.lunch.find('-'), slash = o.lunch.find('/');
        const auto a = parseClock(o.lunch.substr(0, dash));
        const auto b = dash == std::string::npos ? std::nullopt : parseClock(o.lunch.substr(dash + 1, slash - dash - 1));
        const auto m = slash == std::string::npos ? std::optional<double>(60) : parseMinutes(o.lunch.substr(slash + 1));
        if (!a || !b || !m) return fail("--lunch '" + o.lunch + "' is not like 11:30-13:30/60 or 'none'");
        problem.trip.lunch = {true, *a, *b, static_cast<int>(*m)};
    }
    if (o.days > 1) {
        if (o.overnight == "auto") {
            problem.trip.overnightCandidates = route::seatPlaces(*project);
        } else {
            for (const auto& name : route::splitList(o.overnight, ",;")) {
                auto p = route::findPlace(*project, name);
                if (!p) return fail("--overnight: " + p.error().message);
                problem.trip.overnightCandidates.push_back(*p);
            }
        }
    }
    // Stops.
    const auto wanted = route::splitList(o.stops, ",");
    if (wanted.empty()) return fail("--stops is empty (give 'all', site ids or county names)");
    const std::set<std::string> optionalIds = [&] {
        auto v = route::splitList(o.optionalStops, ",");
        return std::set<std::string>(v.begin(), v.end());
    }();
    std::set<std::string> matched;
    const bool all = wanted.size() == 1 && wanted[0] == "all";
    for (const auto& site : project->sites) {
        bool take = all;
        for (const auto& w : wanted)
            if (w == site.id || route::inCounty(site, w)) {
                take = true;
                matched.insert(w);
            }
        if (!take) continue;
        if (!site.stop) return fail(site.problem->toString());
        route::Stop stop = *site.stop;
        stop.priority = optionalIds.count(site.id) ? route::Priority::Optional : route::Priority::Must;
        problem.stops.push_back(std::move(stop));
    }
    if (!all)
        for (const auto& w : wanted)
            if (!matched.count(w)) return fail("--stops: no site has the id or county '" + w + "'");
    problem.pinned = route::splitList(o.pin, ",");

    // Travel.
    route::TravelSource& travel = request.travel;
    travel.roadsPath = o.roads;
    if (const auto colon = o.roads.rfind(':'); colon != std::string::npos && colon > 1) {  // PATH:LAYER (not C:\...)
        travel.roadsPath = o.roads.substr(0, colon);
        travel.roadsLayer = o.roads.substr(colon + 1);
    }
    travel.speedField = o.speedField;
    travel.speedKmh = o.speedKmh;
    travel.detour = o.detour;
    // Order: given (evaluate) or found (solve).
    for (const auto& day : route::splitList(o.order, "|")) {
        if (!request.order.empty()) request.order.push_back("|");
        for (const auto& id : route::splitList(day, ",")) request.order.push_back(id);
    }
    request.options.seed = o.seed;
    request.options.timeLimitSeconds = o.timeLimit;

    auto planned = route::planRoute(request);
    if (!planned) return fail(planned.error().toString());
    const route::Itinerary& it = planned->itinerary;
    if (o.output.empty()) {
        out << route::exportItinerary(problem, it, *format);
    } else {
        if (auto st = route::writeItinerary(o.output, problem, it, *format); !st) return fail(st.error().toString());
        if (*format != route::ExportFormat::Text) err << "wrote " << o.output << "\n";
    }
    if (!o.sheet.empty()) {
        auto app = makeGuiApp();
        QTranslator translator;  // the sheet's timetable and legend in Chinese, as on screen
        if (translator.load(QStringLiteral(":/i18n/hongtu_zh_CN"))) QCoreApplication::installTranslator(&translator);
        auto project = render::loadProject(o.project);
        if (!project) return fail(project.error().toString());
        const render::RoutePlan plan{problem, it};
        auto files = exporting::writeRouteSheet(o.sheet, *project, plan, {});
        if (!files) return fail(files.error().toString());
        for (const auto& f : *files) err << "wrote " << f << "\n";
    }
    if (!it.feasible) {
        for (const auto& p : it.problems) err << "hongtu route: " << p.en << "\n";
        return 1;
    }
    return 0;
}

Command addRouteCommand(CLI::App& app) {
    auto o = std::make_shared<RouteCommandOptions>();
    auto* sub = app.add_subcommand("route", "Plan a study tour of memorial sites: best order, day-by-day timetable, reasons for every stop left out");
    sub->add_option("--project", o->project, "Project GeoPackage with memorial_sites and county_seats")->required();
    sub->add_option("--stops", o->stops, "'all', site ids (LL01,LL05) or county names (兴县,临县,柳林)")->required();
    sub->add_option("--optional", o->optionalStops, "Site ids that may be left out (the others are must-visit)");
    sub->add_option("--start", o->start, "Start: county seat (离石, 兴县 ...) or 'lon,lat'")->required();
    sub->add_option("--end", o->end, "End (default: back to the start)");
    sub->add_option("--depart", o->depart, "Departure, 'YYYY-MM-DD HH:MM' (every day starts at this clock time)")->required();
    sub->add_option("--days", o->days, "Number of days (at most)")->capture_default_str();
    sub->add_option("--day-limit", o->dayLimit, "Longest day, leaving to arriving: 10h, 9h30, 570 (minutes)")->capture_default_str();
    sub->add_option("--lunch", o->lunch, "Lunch window and length, or 'none'")->capture_default_str();
    sub->add_option("--overnight", o->overnight, "Overnight towns: 'auto' (every county seat) or names (兴县,临县)")->capture_default_str();
    sub->add_option("--speed", o->speedKmh, "Average speed, km/h (roads without a speed attribute too)")->capture_default_str();
    sub->add_option("--detour", o->detour, "Road distance / straight line (Lüliang's mountains: 1.4)")->capture_default_str();
    sub->add_option("--roads", o->roads, "Road network: any GDAL line layer, PATH or PATH:LAYER");
    sub->add_option("--speed-field", o->speedField, "Road attribute with km/h");
    sub->add_option("--order", o->order, "Evaluate this order instead of optimising: ids, '|' between days (LL15,LL05|LL01)");
    sub->add_option("--pin", o->pin, "Ids that must keep this relative order (LL01,LL03)");
    sub->add_option("--seed", o->seed, "Seed for the heuristic (more than 12 stops)")->capture_default_str();
    sub->add_option("--time-limit", o->timeLimit, "Stop the heuristic after this many seconds (0 = no limit; makes results timing-dependent)");
    sub->add_option("--format", o->format,
                    "text, json, csv, gpx, kml, geojson or xlsx (timetable workbook, needs -o); "
                    "default: by the -o file's extension (.gpx, .kml, .geojson, .json, .csv, .xlsx), else text");
    sub->add_option("-o,--output", o->output, "Write to this file instead of standard output");
    sub->add_option("--sheet", o->sheet, "Also print the route sheet (map + timetable, A4; long tours continue on further pages: one PDF, or FILE-2.png ...): FILE.pdf, .png or .svg");
    return {sub, [o] { return runRoute(*o, std::cout, std::cerr); }};
}

}  // namespace hongtu::cli
