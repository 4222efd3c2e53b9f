#pragma once
// The open project of a viewer window (issue 18): the scene the map draws (render::LoadedProject),
// the layers drawn over it by group (the planned route) and the route plan, the basemap, the
// scenes of display CRSs already shown, the as-of day, the unsaved-edit state's model (the
// progress model drawn) and the one selection.
//
// Every change goes through one mutator here, and every mutator runs the same sequence once:
// wait on the render gate (a render thread may be reading the scene), emit aboutToChange(what)
// (panels drop their pointers into the scene), change the scene, emit changed(what). The
// canvas, the layer list, the legend, the attribute table, the search, the county box and the
// progress tools subscribe; none of them changes the scene or calls another panel.
//
// The document knows no widget: the window registers the canvas's waitForRender as the render
// gate. Errors are values (geo::Status) naming the file; the caller shows them.
//
// Two-phase opening (issue 16): the viewer shows the first phase of a load (the counties) and
// hands the rest to streamRemaining, which reads it on a thread of its own and adds the layers
// in one change (Change::Layers). Until then isLoading() is true. Whatever must see the whole
// project calls finishLoading() first: reload and switchCrs do, and so do the window's export,
// route sheet and import actions; replace() drops a load still running.

#include <QObject>
#include <QString>

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "hongtu/geo/result.hpp"
#include "render/basemap.hpp"
#include "render/feature_query.hpp"
#include "render/loaded_project.hpp"
#include "render/route_layers.hpp"
#include "ui/field_labels.hpp"

namespace hongtu::ui {

class ProjectDocument : public QObject {
    Q_OBJECT

public:
    // What a change touched. Scene: the project was replaced (every pointer into the scene is
    // stale, the selection is cleared); ReadAgain (with Scene): read from its source again, not a
    // cached scene of another CRS. Layers: layers added, removed or reordered. Styles: a layer's
    // symbols or opacity. Progress: the progress model the progress layers draw. AsOf: the day
    // the map shows (the scene is unchanged: no render gate).
    enum class Change {
        Scene = 0x1,
        ReadAgain = 0x2,
        Layers = 0x4,
        Styles = 0x8,
        Progress = 0x10,
        Basemap = 0x20,
        Crs = 0x40,
        AsOf = 0x80,
    };
    Q_DECLARE_FLAGS(Changes, Change)
    Q_FLAG(Changes)

    explicit ProjectDocument(render::LoadedProject project, QObject* parent = nullptr);
    ~ProjectDocument() override;

    // The scene keeps its address for the document's life (the canvas refers to it).
    [[nodiscard]] const render::LoadedProject& project() const { return project_; }
    [[nodiscard]] const render::Scene& scene() const { return project_.scene; }
    // What the user chose in 视图 → 坐标系; "" = the project's automatic CRS.
    [[nodiscard]] const std::string& displayCrsOption() const { return crsOption_; }
    // The project's own field titles (gpkg_data_columns); same address for the document's life.
    [[nodiscard]] const ProjectFieldTitles& fieldTitles() const { return fieldTitles_; }
    [[nodiscard]] const std::shared_ptr<const render::Basemap>& basemap() const { return basemap_; }
    [[nodiscard]] std::optional<geo::Date> asOf() const { return asOf_; }
    [[nodiscard]] const std::vector<render::FeatureRef>& selection() const { return selection_; }
    // The last route solved (RoutePanel), or null.
    [[nodiscard]] const render::RoutePlan* routePlan() const { return routePlan_ ? &*routePlan_ : nullptr; }

    // Reads `rest` (render::loadFirstPhase's) off the UI thread and adds its layers to the scene
    // when read: one change (Layers), a notice with its warnings, loadingChanged(false). The
    // document is loading from this call on; the reading starts now, or with startStreaming()
    // (the viewer starts it after the first frame, so the two do not share the CPU).
    void streamRemaining(std::shared_ptr<const render::RemainingLoad> rest, std::vector<render::PendingLayer> pending,
                         bool startNow = true);
    void startStreaming();
    // True while streamed layers are still being read.
    [[nodiscard]] bool isLoading() const { return loader_ != nullptr; }
    // The layers still being read (empty when none).
    [[nodiscard]] std::vector<render::PendingLayer> pendingLayers() const;
    // Returns when the streamed layers are in the scene (at once when none are being read). The
    // window keeps repainting meanwhile; user input is held back.
    void finishLoading();

    // Called before the scene changes, once per mutator (the canvas's waitForRender).
    void setRenderGate(std::function<void()> waitForRender) { gate_ = std::move(waitForRender); }

    // Shows `project` in place of the current one; the overlays stay when it is drawn in the
    // same display CRS (else they go, with a notice). `readAgain`: see Change::ReadAgain.
    void replace(render::LoadedProject project, bool readAgain = true);
    // Reads the project's source again (off the UI thread) in the display CRS shown; the cached
    // scenes of other CRSs go. On error nothing changes.
    geo::Status reload();
    // Shows the project in `option` ("" = automatic): a cached scene of that CRS, or the project
    // read again with the layer order and styles shown now. On error nothing changes.
    geo::Status switchCrs(const std::string& option);
    // A GeoTIFF, MBTiles or XYZ template drawn under the layers of every scene ("" removes it).
    geo::Status setBasemap(const std::string& source);
    // Layers drawn over the project's, by group; an empty vector removes the group's layers.
    void setOverlays(const std::string& group, std::vector<render::SceneLayer> layers);
    // The route solved (null: none): kept for the route sheet and drawn as the "route" overlay.
    void setRoutePlan(const render::RoutePlan* plan);
    // Draws `model` in the progress layers (after an edit, undo, redo, save or rebase).
    void setProgressModel(std::shared_ptr<const geo::progress::ProgressModel> model);
    // Applies `style` to the layer at once (not saved); false for an unknown layer.
    bool setLayerStyle(const std::string& layerId, const render::LayerStyle& style);
    // Writes the layer's style into the project (hongtu_layer_styles and QGIS's layer_styles,
    // one transaction, off the UI thread). The scene does not change.
    geo::Status saveLayerStyle(const std::string& layerId);
    // Moves a layer `steps` places in the drawing order (+1 = up, drawn later); false when it
    // does not move.
    bool moveLayer(const std::string& layerId, int steps);
    // The day the progress layers, the legend and the exports show.
    void setAsOf(std::optional<geo::Date> day);
    // The one selection of the window (outlined on the map, selected in the lists).
    void select(std::vector<render::FeatureRef> features);

signals:
    void aboutToChange(hongtu::ui::ProjectDocument::Changes what);
    void changed(hongtu::ui::ProjectDocument::Changes what);
    void selectionChanged(const std::vector<hongtu::render::FeatureRef>& features);
    // A line for the status bar (timeoutMs 0: until the next one).
    void notice(const QString& text, int timeoutMs);
    // Streamed layers started (true) or finished being read and were added, or dropped (false).
    void loadingChanged(bool loading);

private:
    // The one path every scene change takes: gate, aboutToChange, change, changed.
    void change(Changes what, const std::function<void()>& apply);
    // replace(), with `beforeSwap` run inside the change (switchCrs caches the scene shown).
    void install(render::LoadedProject project, bool readAgain, const std::function<void()>& beforeSwap);
    void readFieldTitles();
    // The streamed layers are read (or failed, or were cancelled): into the scene unless dropped.
    void addStreamedLayers();
    // Waits for a running load to end without adding what it read.
    void dropLoading();

    struct Loader {
        std::thread worker;
        std::atomic<bool> cancel{false};
        bool discard = false;                                        // set on the UI thread: the result is not added
        std::optional<geo::Result<render::RemainingLayers>> result;  // written by the worker before it posts
        std::vector<render::PendingLayer> pending;
        std::shared_ptr<const render::RemainingLoad> rest;
    };

    render::LoadedProject project_;
    std::function<void()> gate_;
    std::string crsOption_;
    std::map<std::string, render::LoadedProject> otherCrsScenes_;      // by CRS option, not shown now
    std::map<std::string, std::vector<render::SceneLayer>> overlays_;  // appended to the scene
    std::string overlaysCrs_;                                          // display CRS the overlays were built in
    std::optional<render::RoutePlan> routePlan_;
    std::shared_ptr<const render::Basemap> basemap_;  // also set on every scene installed
    ProjectFieldTitles fieldTitles_;
    std::optional<geo::Date> asOf_;
    std::vector<render::FeatureRef> selection_;
    std::unique_ptr<Loader> loader_;  // non-null while streamed layers are read
};

Q_DECLARE_OPERATORS_FOR_FLAGS(ProjectDocument::Changes)

}  // namespace hongtu::ui
