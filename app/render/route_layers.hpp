#pragma once
// A solved study tour as map layers and as timetable rows, for the viewer, the route sheet and
// exported pictures. Independent of any widget: the layers are ordinary SceneLayers drawn by the
// one renderer, listed in the legend like the project's layers.
//
//  - route_legs:   one line per drive (following the roads when a road network was used),
//                  coloured by day (categorized symbology on the field "day").
//  - route_places: the start, the end and every overnight town (squares, "起点 离石",
//                  "第1晚 临县").
//  - route_stops:  one point per visit, coloured by day, labelled with the visiting number and
//                  a short name ("1 四八烈士纪念馆"), numbered over the whole tour as in the
//                  timetable's "#" column. Consecutive visits less than 3 km apart share one
//                  label ("3, 4 中共中央晋绥分局旧址").

#include <QColor>
#include <QString>

#include <string>
#include <vector>

#include "hongtu/geo/result.hpp"
#include "hongtu/geo/route/export.hpp"
#include "hongtu/geo/route/route.hpp"
#include "render/scene.hpp"

namespace hongtu::render {

// A problem and the itinerary made for it (solved, or evaluated for a manual order).
struct RoutePlan {
    geo::route::RouteProblem problem;
    geo::route::Itinerary itinerary;
};

inline const std::string kRouteLegsLayerId = "route_legs";
inline const std::string kRoutePlacesLayerId = "route_places";
inline const std::string kRouteStopsLayerId = "route_stops";
[[nodiscard]] bool isRouteLayer(const std::string& layerId);

// The colour of day `dayIndex` (0-based): distinct, dark enough for white labels' halos and
// for printing; repeats after eight days.
[[nodiscard]] QColor routeDayColor(int dayIndex);

// "晋绥边区革命纪念馆" stays; "三交红色景区(红军东征纪念馆/…)" -> "三交红色景区"; longer than
// `maxChars` characters -> cut with "…".
[[nodiscard]] QString shortStopName(const std::string& name, int maxChars = 9);

// The three layers (legs, places, stops: drawing order), reprojected from lon/lat (EPSG:4490)
// to `displayCrs`. An error when the CRS cannot be reached; an empty vector for an itinerary
// without days.
[[nodiscard]] geo::Result<std::vector<SceneLayer>> routeLayers(const RoutePlan& plan, const std::string& displayCrs);

// The language of the application's translation (zh_CN installed -> Zh, else En), so reasons
// and notes from geo::route speak the same language as the rest of the UI.
[[nodiscard]] geo::route::Language uiLanguage();

// The timetable: a header row (day, #, stop, arrive, leave, drive time, distance, slack, note),
// then one row per geo::route::timetable() row, in the UI language.
[[nodiscard]] std::vector<std::vector<QString>> timetableRows(const RoutePlan& plan);

}  // namespace hongtu::render
