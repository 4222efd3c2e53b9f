#pragma once
// Itinerary exports: a Chinese text timetable, JSON, CSV (UTF-8 with BOM, for Excel), GPX 1.1
// (waypoints, a route and a track per day), KML, GeoJSON and the timetable as an XLSX workbook.
// Pure functions of the problem and the itinerary: the same input gives the same bytes. Clock
// times are local (China, UTC+8). `hongtu route` and the viewer's route panel both write through
// writeItinerary(), so a file from either is the same.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "hongtu/geo/route/route.hpp"

namespace hongtu::geo::route {

enum class Language { Zh,
                      En };

// Every format an itinerary can be written in. Xlsx is the only binary one (a workbook made by
// GDAL's XLSX driver): it goes to a file, never to standard output.
enum class ExportFormat { Text,
                          Json,
                          Csv,
                          Gpx,
                          Kml,
                          GeoJson,
                          Xlsx };

[[nodiscard]] std::optional<ExportFormat> parseExportFormat(const std::string& name);  // "text", "gpx", "xlsx", ...
// The format a file name asks for, by its extension (case-insensitive): .txt .json .csv .gpx .kml
// .geojson .xlsx; nullopt for any other.
[[nodiscard]] std::optional<ExportFormat> exportFormatForPath(const std::string& path);
[[nodiscard]] constexpr bool isTextFormat(ExportFormat format) { return format != ExportFormat::Xlsx; }

// The itinerary in a text format. Xlsx is not text: asking for it is a contract violation
// (std::invalid_argument); write it with writeItinerary().
[[nodiscard]] std::string exportItinerary(const RouteProblem& problem, const Itinerary& itinerary, ExportFormat format);

// Writes the itinerary to `path` in `format`, atomically (a temporary file beside `path` is
// renamed over it at the end; on failure `path` stays as it was). `language` is used by Xlsx
// only (the timetable's header and notes); the text formats carry both languages or Chinese.
// The error names the file.
[[nodiscard]] Status writeItinerary(const std::string& path, const RouteProblem& problem, const Itinerary& itinerary,
                                    ExportFormat format, Language language = Language::Zh);

// ---------------------------------------------------------------------------------------------
// The timetable: one row per event a reader looks for (leaving in the morning, each visit,
// arriving for the night or at the end, each stop left out). The viewer's table, the XLSX and
// the route sheet are all made from it.

struct TimetableRow {
    enum class Kind { Depart,
                      Visit,
                      Arrive,
                      Dropped };
    Kind kind = Kind::Visit;
    int day = 0;                                 // 1-based; 0 for a stop left out
    int seq = 0;                                 // visiting number over the whole tour, 1..n; 0 if not a visit
    std::optional<std::size_t> stop;             // index into RouteProblem::stops (visits, left out)
    std::optional<std::size_t> node;             // nodeLayout() index (depart, arrive)
    bool overnight = false;                      // Arrive: the night's town, not the trip end
    std::string place;                           // stop or town name
    std::optional<double> arrive, leave;         // minutes since midnight of the departure date
    std::optional<double> driveMinutes, meters;  // the drive that ends here
    std::optional<double> slackMinutes;          // visits: how much later it could start (< 0: late)
    std::vector<Reason> notes;                   // lunch, waiting, visit time, hours to confirm, totals
    std::vector<Reason> violations;              // broken windows and limits (manual orders); reasons left out
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
