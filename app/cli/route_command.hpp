#pragma once
// `hongtu route`: plan a study tour of memorial sites from a project GeoPackage and print the
// timetable (text, JSON, CSV) or write it for phones and GIS (GPX, KML, GeoJSON).
//
//   hongtu route --project luliang.gpkg --stops 兴县,临县,柳林 --start 离石
//                --depart "2018-07-01 08:00" --days 2 --day-limit 10h --format text  (one line)

#include <iosfwd>
#include <string>

#include "cli/command.hpp"

namespace hongtu::cli {

struct RouteCommandOptions {
    std::string project;
    std::string sheet;          // route sheet page (PDF/PNG/SVG by extension); empty = none
    std::string stops;          // "all", ids ("LL01,LL05") or county names ("兴县,临县")
    std::string optionalStops;  // ids that may be left out
    std::string start;          // county seat name ("离石", "兴县") or "lon,lat"
    std::string end;            // same; empty = back to the start
    std::string depart;         // "2018-07-01 08:00"
    int days = 1;
    std::string dayLimit = "10h";          // "10h", "9h30", "9.5h", "570" (minutes)
    std::string lunch = "11:30-13:30/60";  // or "none"
    std::string overnight = "auto";        // "auto" = every county seat, or a list of names
    double speedKmh = 50;
    double detour = 1.4;
    std::string roads;  // road network: PATH or PATH:LAYER (optional)
    std::string speedField;
    std::string order;  // manual order "LL15,LL05|LL01" (evaluate, do not optimise)
    std::string pin;    // ids that keep this relative order
    unsigned long long seed = 1;
    double timeLimit = 0;
    std::string format;  // text, json, csv, gpx, kml, geojson, xlsx; empty = by -o's extension, else text
    std::string output;  // file; empty = standard output
};

// Exit codes: 0 a feasible tour; 1 a tour was made but must-visit stops are out or rules break;
// 2 unusable input (project, names, hours, options).
int runRoute(const RouteCommandOptions& options, std::ostream& out, std::ostream& err);

// Registers `hongtu route`.
Command addRouteCommand(CLI::App& app);

}  // namespace hongtu::cli
