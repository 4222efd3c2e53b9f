#pragma once
// The progress layers as GeoPackage SQL views (issue #14), so that QGIS (or ogrinfo, or any
// GeoPackage reader) opens the same construction-progress map Hongtu draws:
//
//   village_venue_projects     points: venue_projects (kind village_venue) at their village
//   community_venue_projects   points: venue_projects (kind community_venue) at their village
//   township_housing_projects  points: housing_projects at their township
//   county_progress            polygons: the counties with their completion rate in %
//
// Each project is shown with its status AS OF THE NEWEST CHANGE in status_history (the day of
// the latest recorded change; today when the history is empty): the last change dated on or
// before that day, same-day changes in recording order (fid), as docs/progress.md says. That is
// the day Hongtu opens on whenever no change is dated after today (render/progress_theme.hpp:
// defaultAsOf clamps today into the history's range). The column `category` holds the word of
// geo::progress::Category (not_started, in_progress, due_soon, overdue, completed, accepted; due soon =
// planned completion within 30 days), `completion_pct` = completed / planned × 100 (NULL when
// nothing is planned: "none planned" is not 0%). Dates must be ISO text (as Hongtu writes them).
//
// The views are registered in gpkg_contents and gpkg_geometry_columns (GDAL's GPKG driver reads
// such a view as a layer; its first column, fid, is the integer feature id). They compute their
// rows when read, so a status change or a ledger import needs no refresh; they are (re)made
// where a project gets its progress tables (writeLayerStyles with QGIS styles: `hongtu new`,
// `hongtu ledger import`, `hongtu style qgis`, the demo generator). Hongtu itself never reads
// them: it derives the same layers from the tables for any as-of day.

#include <string>
#include <string_view>
#include <vector>

#include "hongtu/geo/project_store.hpp"
#include "hongtu/geo/result.hpp"

namespace hongtu::geo::progress {

inline constexpr const char* kCountyProgressView = "county_progress";
inline constexpr const char* kVillageVenueView = "village_venue_projects";
inline constexpr const char* kCommunityVenueView = "community_venue_projects";
inline constexpr const char* kHousingView = "township_housing_projects";

// True for the names above.
[[nodiscard]] bool isProgressView(std::string_view name);

// Creates or replaces every progress view the project can have (GeoPackage only; a PostgreSQL
// project gets none) inside the transaction `w`: a point view needs its project table,
// status_history and the villages / townships layer with village_code / township_code; the
// county view needs counties with county_code. A table of the same name that is not a view is
// left alone (and no view is made). `lastChange` (ISO 8601) is gpkg_contents.last_change.
// Returns the names of the views made, in the order above.
[[nodiscard]] Result<std::vector<std::string>> writeProgressViews(ProjectWriter& w, const std::string& lastChange);

}  // namespace hongtu::geo::progress
