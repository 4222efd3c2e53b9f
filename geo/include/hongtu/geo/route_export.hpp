#pragma once
// Itinerary exports: a Chinese text timetable, JSON, CSV (UTF-8 with BOM, for Excel), GPX 1.1
// (waypoints, a route and a track per day), KML and GeoJSON. Pure functions of the problem and
// the itinerary: the same input gives the same bytes. Clock times are local (China, UTC+8).

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "hongtu/geo/route.hpp"

namespace hongtu::geo::route {

enum class ExportFormat { Text, Json, Csv, Gpx, Kml, GeoJson };

[[nodiscard]] std::optional<ExportFormat> parseExportFormat(const std::string& name);  // "text", "gpx", ...

[[nodiscard]] std::string exportItinerary(const RouteProblem& problem, const Itinerary& itinerary, ExportFormat format);

// ---------------------------------------------------------------------------------------------
// The timetable: one row per event a reader looks for (leaving in the morning, each visit,
// arriving for the night or at the end, each stop left out). The viewer's table, the XLSX and
// the route sheet are all made from it.

enum class Language { Zh, En };

struct TimetableRow {
    enum class Kind { Depart, Visit, Arrive, Dropped };
    Kind kind = Kind::Visit;
    int day = 0;                          // 1-based; 0 for a stop left out
    int seq = 0;                          // visiting number over the whole tour, 1..n; 0 if not a visit
    std::optional<std::size_t> stop;      // index into RouteProblem::stops (visits, left out)
    std::optional<std::size_t> node;      // nodeLayout() index (depart, arrive)
    bool overnight = false;               // Arrive: the night's town, not the trip end
    std::string place;                    // stop or town name
    std::optional<double> arrive, leave;  // minutes since midnight of the departure date
    std::optional<double> driveMinutes, meters;  // the drive that ends here
    std::optional<double> slackMinutes;   // visits: how much later it could start (< 0: late)
    std::vector<Reason> notes;            // lunch, waiting, visit time, hours to confirm, totals
    std::vector<Reason> violations;       // broken windows and limits (manual orders); reasons left out
};

[[nodiscard]] std::vector<TimetableRow> timetable(const RouteProblem& problem, const Itinerary& itinerary);

// The timetable as text: a header row (天, 序号, 地点, 到达, 离开, 车程, 距离（公里）, 余量, 说明 or
// Day, #, Stop, Arrive, Leave, Drive, Distance (km), Slack, Note), then one row per
// TimetableRow, in the same order. Violations come first in the note, marked "！"/"!".
[[nodiscard]] std::vector<std::vector<std::string>> timetableText(const RouteProblem& problem, const Itinerary& itinerary,
                                                                  Language language);

// Writes the timetable into a new XLSX workbook (sheet "timetable") through GDAL, atomically:
// the file is replaced only when everything was written. The number and distance columns are
// numbers in Excel; the rest is text.
[[nodiscard]] Status writeTimetableXlsx(const std::string& path, const RouteProblem& problem, const Itinerary& itinerary,
                                        Language language = Language::Zh);

}  // namespace hongtu::geo::route
