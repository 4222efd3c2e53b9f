#pragma once
// Opens a Hongtu project (a GeoPackage, or any OGR source with the same layer names), reads its
// map layers, picks the display CRS (the CGCS2000 Gauss-Krüger zone of the data) and builds
// the Scene once: in one call (loadProject: the CLI, exports, tests), or in two phases for the
// viewer (loadFirstPhase, then loadRemainingLayers off the UI thread; issue 16), which end in
// the same scene.

#include <QString>
#include <QStringList>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "hongtu/geo/clock.hpp"
#include "hongtu/geo/crs.hpp"
#include "hongtu/geo/progress/progress.hpp"
#include "hongtu/geo/result.hpp"
#include "render/scene.hpp"

namespace hongtu::render {

struct LoadedProject {
    std::string path;
    Scene scene;
    geo::GaussKrugerZone zone;  // the data's zone; scene.displayCrs is "EPSG:<zone.cmEpsg>" by default
    // What the display CRS is when ProjectOptions::displayCrs is empty: the Gauss-Krüger zone
    // of the data, or kNationalDisplayCrs when the data spans more than a few zones.
    std::string automaticDisplayCrs;
    geo::Box lonLatExtent;  // CGCS2000 longitude/latitude of all layers
    // Problems that did not stop loading (a layer that could not be read, features that could
    // not be reprojected), as translated sentences for the user.
    QStringList warnings;
    // Construction progress (venue_projects / housing_projects / status_history), when the
    // project has it: the model the progress layers draw (render/progress_theme.hpp) and the day
    // the map opens on.
    std::shared_ptr<const geo::progress::ProgressModel> progress;
    geo::Date progressDate;
};

// The layers a project may hold, in drawing order, with their default styles.
struct ProjectLayerDefinition {
    std::string id;                 // layer name in the GeoPackage
    const char* displayNameSource;  // English; translate in context "hongtu::render::LoadedProject"
    LayerStyle style;
    std::vector<std::string> labelFieldCandidates;            // first one present is used
    std::pair<std::string, std::string> labelAnchorFields{};  // lon/lat fields that place the label, if any
};
[[nodiscard]] std::vector<ProjectLayerDefinition> projectLayerDefinitions();

// The QGIS expression computing a field that loadProject adds to a layer of `scene` (the
// villages' collective_income_status, the counties' collective_income_share from the villages),
// so QGIS classifies the stored table as Hongtu does; empty for any other field.
[[nodiscard]] std::string qgisFieldExpression(const Scene& scene, const std::string& layerId, const std::string& field);
// What `hongtu info` says of a project's map layers (geo/layer_checks.hpp): invalid polygons,
// NaN coordinates, features of another type, duplicate codes, coordinates that contradict the
// CRS. Each names the layer and the features, in the UI's language (QLocale's default).
struct DataFinding {
    QString layer;  // layer id in the project
    bool problem = true;
    QString message;  // "图层“villages”：2 个要素…" / "Layer 'villages': 2 features …"
};
// Reads the project's map layers again and checks them: the viewer runs it off the UI thread
// after the first frame (a national project's checks take seconds; loading does not wait).
// A source that cannot be read gives one finding saying so.
[[nodiscard]] std::vector<DataFinding> checkProjectData(const std::string& path);

// Errors (a geo::Error naming the file) when the source cannot be opened or holds none of the
// project's layers; per-layer problems become warnings.
// Albers equal-area conic for all of China (standard parallels 25°N and 47°N, central
// meridian 105°E, CGCS2000 ellipsoid): the display CRS of national projects, whose extent
// spans twenty Gauss-Krüger zones.
inline constexpr const char* kNationalDisplayCrs =
    "+proj=aea +lat_0=0 +lon_0=105 +lat_1=25 +lat_2=47 +x_0=0 +y_0=0 +ellps=GRS80 +units=m +no_defs +type=crs";

struct ProjectOptions {
    // "EPSG:3857", "EPSG:4490", a Gauss-Krüger "EPSG:45xx", ...; empty = automatic (see LoadedProject).
    std::string displayCrs;
    // The day the progress layers show when the view sets none; default: today (`clock`'s day
    // in the project's zone, UTC+8) clamped into the history's dates.
    std::optional<geo::Date> progressDate;
    // The one clock (injected by the caller: main, the CLI, tests with a fixed instant).
    geo::Clock clock = geo::Clock();
    // loadFirstPhase: a polygon or line layer with at least this many vertices (the national
    // counties: 5.75 million) is drawn in the first frame from a coarse copy, replaced by the
    // detailed layer when the second phase has built it (tests set it low to see it on the demo).
    std::size_t previewMinVertices = 500'000;
    // The coarse copy drops vertices closer than this share of the layer's larger side to the
    // last vertex kept: a quarter of a pixel when the whole layer fills a 1,000-pixel window (the
    // first frame shows the whole project).
    double previewTolerance = 1.0 / 4000;
};

// Styles saved in the project (hongtu_layer_styles) are applied over the defaults; a saved
// style that cannot be read becomes a warning naming the layer and the key, and the layer
// keeps its default style.
[[nodiscard]] geo::Result<LoadedProject> loadProject(const std::string& path, const ProjectOptions& options = {});

// Two-phase loading (the viewer, issue 16). The first phase reads what the first frame needs:
// the counties and the small layers (admin_areas, sea_boundary), and decides the display CRS
// from them (kNationalDisplayCrs for national data). It also reads the villages and townships
// when the opening map needs them: a project with construction progress opens on the progress
// theme, which is placed on them, and counties coloured by the villages' income share need
// the villages. The second phase reads the rest (the villages and townships of a national
// project, the memorial sites, imported layers) and builds their scene layers;
// addRemainingLayers puts them where one phase would have. First phase + addRemainingLayers
// gives the scene loadProject gives: the same layers in the same order, styles, classes and
// labels (tests/render/two_phase_load_test.cpp). Warnings may come in another order.
struct RemainingLoad;  // what the second phase reads; opaque
struct PendingLayer {  // a layer the second phase will read (for "Loading: …")
    std::string id;
    QString displayName;
    std::int64_t featureCount = 0;
};
struct FirstPhase {
    LoadedProject project;
    std::shared_ptr<const RemainingLoad> rest;  // null: everything is in `project`
    std::vector<PendingLayer> pending;          // what `rest` reads, in drawing order
};
// As loadProject (the same errors); when the first phase's layers cannot be read, everything
// is read here and `rest` is null.
[[nodiscard]] geo::Result<FirstPhase> loadFirstPhase(const std::string& path, const ProjectOptions& options = {});

struct RemainingLayers {
    std::vector<SceneLayer> layers;  // drawing order
    QStringList warnings;
    geo::Box lonLatExtent;  // of the whole project
    geo::GaussKrugerZone zone;
    std::vector<std::string> drawingOrder;  // every map layer's id, in drawing order
    // Set when the whole extent makes the automatic display CRS another than the first phase
    // chose: the project read again in one phase, to be shown instead of the first phase.
    std::optional<LoadedProject> whole;
};
// Reads and builds the layers the first phase left; runs on any thread (it opens the source
// again). `cancelled` is asked between layers; a cancelled load returns an error.
[[nodiscard]] geo::Result<RemainingLayers> loadRemainingLayers(const RemainingLoad& rest, const std::function<bool()>& cancelled = {});
// Inserts `rest`'s layers into the first phase's project where one phase puts them: each
// before the first map layer that comes after it in the drawing order, else last. Layers the
// caller added on top (the viewer's route overlays) must be taken off first and put back after.
// Not for `rest.whole` (show that instead).
void addRemainingLayers(LoadedProject& project, RemainingLayers rest);

}  // namespace hongtu::render
