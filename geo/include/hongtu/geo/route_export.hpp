#pragma once
// Itinerary exports: a Chinese text timetable, JSON, CSV (UTF-8 with BOM, for Excel), GPX 1.1
// (waypoints, a route and a track per day), KML and GeoJSON. Pure functions of the problem and
// the itinerary: the same input gives the same bytes. Clock times are local (China, UTC+8).

#include <optional>
#include <string>

#include "hongtu/geo/route.hpp"

namespace hongtu::geo::route {

enum class ExportFormat { Text, Json, Csv, Gpx, Kml, GeoJson };

[[nodiscard]] std::optional<ExportFormat> parseExportFormat(const std::string& name);  // "text", "gpx", ...

[[nodiscard]] std::string exportItinerary(const RouteProblem& problem, const Itinerary& itinerary, ExportFormat format);

}  // namespace hongtu::geo::route
