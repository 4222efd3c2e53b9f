#pragma once
// Construction progress on the map (issue 5): the project points (village venues, community
// venues, township housing) by their derived status as of a date, and the county completion-
// rate choropleth, as scene layers whose classes follow MapSettings::asOf. There is one render
// path: the canvas, PNG/PDF exports and the playback frames all draw these layers through
// renderMap, so they all show the same day.
//
// The layers share one immutable geo::progress::ProgressModel (held by shared_ptr); an edit makes a new
// model and setProgressModel() swaps it into the layers (the caller waits for the render
// thread first, as for any scene change).

#include <QString>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "hongtu/geo/progress/progress.hpp"
#include "render/feature_query.hpp"
#include "render/scene.hpp"

namespace hongtu::render {

inline constexpr const char* kCountyProgressLayer = "county_progress";
inline constexpr const char* kVillageVenueLayer = "village_venue_projects";
inline constexpr const char* kCommunityVenueLayer = "community_venue_projects";
inline constexpr const char* kHousingLayer = "township_housing_projects";

// The map symbol of a derived status: fixed colours and shapes, told apart in greyscale too
// (hollow circle, triangles, square, filled circles light and dark).
[[nodiscard]] MarkerSymbol statusSymbol(geo::progress::Category category, geo::progress::ProjectKind kind);
// The one name of a recorded stage on screen, in the legend's words (geo::progress::categoryNameZh):
// 未开工, 在建, 已完工, 已验收 — the form, the overdue list and the legend say the same.
[[nodiscard]] const char* stageDisplayName(geo::progress::Stage stage);
// The categories of the project points' classes, in legend order (Unplanned is not drawn).
[[nodiscard]] std::vector<geo::progress::Category> pointCategories();
// The choropleth's classes: completion rate in % (0–<25, 25–<50, 50–<75, 75–<90, 90–<100,
// 100) and "none planned", which is not 0%.
[[nodiscard]] std::vector<SceneClass> completionClasses();
// Class index in completionClasses() of a rate (0..1), or of "none planned" (nullopt).
[[nodiscard]] std::int32_t completionClass(std::optional<double> rate);

struct ProgressLayersResult {
    std::size_t placed = 0;             // projects with a point on the map
    std::vector<std::string> unplaced;  // project ids whose village / township has no point
};

// Adds the progress layers to `scene`: the choropleth right above "counties" (copying its
// polygons and labels), the project points above "townships" (village venues at their village's
// point, housing at its township's point). Static classes are those of `dataDate`.
// Needs the scene's counties / villages / townships layers; missing ones leave their projects
// unplaced (reported, never dropped silently).
// `syntheticData`: the projects are made up (the demo), so legend titles say "(synthetic data)".
ProgressLayersResult addProgressLayers(Scene& scene, std::shared_ptr<const geo::progress::ProgressModel> model, geo::Date dataDate,
                                       bool syntheticPositions, bool syntheticData = true);

// Swaps a model with the same projects (after edits) into the layers. The caller makes sure no
// render reads the scene meanwhile.
void setProgressModel(Scene& scene, std::shared_ptr<const geo::progress::ProgressModel> model);

// The map point of a project (by index into model->projects()), and the project of a point.
[[nodiscard]] std::optional<FeatureRef> projectFeature(const Scene& scene, std::size_t project);
[[nodiscard]] std::optional<std::size_t> projectOfFeature(const Scene& scene, const FeatureRef& feature);
// The county polygon of a county code (in the choropleth, or the "counties" layer without one).
[[nodiscard]] std::optional<FeatureRef> countyFeature(const Scene& scene, const std::string& countyCode);

// The day the demo opens on when nothing else is asked: `today` clamped into the range of the
// history's dates (the whole history when today is later).
[[nodiscard]] geo::Date defaultAsOf(const geo::progress::ProgressModel& model, geo::Date today);
// First and last change day of the history (nullopt when it is empty).
[[nodiscard]] std::optional<std::pair<geo::Date, geo::Date>> historyRange(const geo::progress::ProgressModel& model);

}  // namespace hongtu::render
