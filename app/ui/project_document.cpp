#include "ui/project_document.hpp"

#include <QEventLoop>
#include <QMetaObject>

#include <algorithm>

#include "hongtu/geo/clock.hpp"
#include "hongtu/geo/data_columns.hpp"
#include "hongtu/geo/datasource.hpp"
#include "hongtu/geo/layer_styles.hpp"
#include "hongtu/geo/pg/store.hpp"
#include "render/progress_theme.hpp"
#include "render/qgis_style.hpp"
#include "render/style_io.hpp"
#include "render/symbology.hpp"
#include "ui/background_task.hpp"

namespace hongtu::ui {

namespace {
using Change = ProjectDocument::Change;
}  // namespace

ProjectDocument::ProjectDocument(render::LoadedProject project, QObject* parent) : QObject(parent), project_(std::move(project)) {
    readFieldTitles();
}

ProjectDocument::~ProjectDocument() {
    if (!loader_) return;
    loader_->cancel = true;  // asked between layers; the layer being read is finished first
    if (loader_->worker.joinable()) loader_->worker.join();
}

void ProjectDocument::streamRemaining(std::shared_ptr<const render::RemainingLoad> rest, std::vector<render::PendingLayer> pending,
                                      bool startNow) {
    if (!rest) return;
    dropLoading();
    loader_ = std::make_unique<Loader>();
    loader_->pending = std::move(pending);
    loader_->rest = std::move(rest);
    emit loadingChanged(true);
    if (startNow) startStreaming();
}

void ProjectDocument::startStreaming() {
    if (!loader_ || loader_->worker.joinable()) return;
    Loader* loader = loader_.get();  // lives until the worker is joined
    loader->worker = std::thread([this, loader, rest = loader->rest] {
        try {
            loader->result.emplace(render::loadRemainingLayers(*rest, [loader] { return loader->cancel.load(); }));
        } catch (const std::exception& e) {
            loader->result.emplace(geo::Error{.message = e.what(), .file = {}, .layer = {}});
        }
        // Dropped with the document if it is gone (its destructor joins this thread first).
        QMetaObject::invokeMethod(
            this, [this] { addStreamedLayers(); }, Qt::QueuedConnection);
    });
}

std::vector<render::PendingLayer> ProjectDocument::pendingLayers() const { return loader_ ? loader_->pending : std::vector<render::PendingLayer>{}; }

void ProjectDocument::finishLoading() {
    if (!loader_) return;
    startStreaming();  // (when it has not started yet)
    QEventLoop loop;
    connect(this, &ProjectDocument::loadingChanged, &loop, [&loop](bool loading) {
        if (!loading) loop.quit();
    });
    while (loader_) loop.exec(QEventLoop::ExcludeUserInputEvents);
}

void ProjectDocument::dropLoading() {
    if (!loader_) return;
    loader_->cancel = true;
    loader_->discard = true;
    if (!loader_->worker.joinable()) {  // not started: nothing to wait for
        loader_.reset();
        emit loadingChanged(false);
        return;
    }
    finishLoading();
}

void ProjectDocument::addStreamedLayers() {
    if (!loader_) return;
    loader_->worker.join();
    const std::unique_ptr<Loader> done = std::move(loader_);
    if (done->discard || !done->result) {
        emit loadingChanged(false);
        return;
    }
    auto& rest = *done->result;
    if (!rest) {
        emit loadingChanged(false);
        emit notice(tr("Some layers could not be loaded: %1").arg(QString::fromStdString(geo::redactConnectionString(rest.error().toString()))), 0);
        return;
    }
    if (rest->whole) {
        // The rest reaches beyond the first phase's display CRS: the project read in one phase.
        replace(std::move(*rest->whole), true);
        emit loadingChanged(false);
        return;
    }
    const QStringList warnings = rest->warnings;
    change(Change::Layers, [&] {
        // Where one phase would have put them; the overlays (the route) stay on top.
        auto& layers = project_.scene.layers;
        std::vector<render::SceneLayer> overlays;
        for (const auto& [group, groupLayers] : overlays_)
            for (const auto& overlay : groupLayers) {
                const auto it = std::find_if(layers.begin(), layers.end(), [&](const render::SceneLayer& l) { return l.id == overlay.id; });
                if (it == layers.end()) continue;
                overlays.push_back(std::move(*it));
                layers.erase(it);
            }
        render::addRemainingLayers(project_, std::move(rest).value());
        layers.insert(layers.end(), std::make_move_iterator(overlays.begin()), std::make_move_iterator(overlays.end()));
    });
    emit loadingChanged(false);
    if (!warnings.isEmpty()) emit notice(warnings.join(QStringLiteral("  ")), 0);
}

void ProjectDocument::change(Changes what, const std::function<void()>& apply) {
    if (gate_) gate_();  // no render may read the scene while it changes
    emit aboutToChange(what);
    apply();
    emit changed(what);
}

void ProjectDocument::readFieldTitles() {
    // Titles the project carries (gpkg_data_columns) before the built-in ones; a project
    // without them, or a database, uses the built-in table only.
    fieldTitles_ = {};
    if (!geo::isPostgresSource(project_.path))
        if (auto titles = geo::readColumnTitles(project_.path)) fieldTitles_ = ProjectFieldTitles(*titles);
}

void ProjectDocument::replace(render::LoadedProject project, bool readAgain) { install(std::move(project), readAgain, {}); }

void ProjectDocument::install(render::LoadedProject project, bool readAgain, const std::function<void()>& beforeSwap) {
    dropLoading();  // its layers belong to the project shown until now
    Changes what = Changes(Change::Scene) | Change::Layers | Change::Styles | Change::Progress;
    if (readAgain) what |= Change::ReadAgain;
    if (project.scene.displayCrs != project_.scene.displayCrs) what |= Change::Crs;
    change(what, [&] {
        if (beforeSwap) beforeSwap();
        project_ = std::move(project);  // the canvas keeps referring to project_.scene
        readFieldTitles();
        project_.scene.basemap = basemap_;
        if (!overlays_.empty() && project_.scene.displayCrs != overlaysCrs_) {
            // Overlays (the route) were reprojected into the old display CRS: drawing them in the
            // new one would put them in the wrong place. They go; solving again draws them anew.
            overlays_.clear();
            emit notice(tr("The coordinate system changed: solve the route again to draw it."), 0);
        }
        for (const auto& [group, layers] : overlays_)
            project_.scene.layers.insert(project_.scene.layers.end(), layers.begin(), layers.end());
        selection_.clear();  // item numbers of the old scene mean nothing now
    });
    emit selectionChanged(selection_);
    if (!project_.warnings.isEmpty()) emit notice(project_.warnings.join(QStringLiteral("  ")), 0);
}

geo::Status ProjectDocument::reload() {
    finishLoading();  // the layers still being read are read again anyway, but not twice at once
    // Read off the UI thread (the window keeps repainting while a slow or locked project is read).
    auto project = runInBackground([path = project_.path, crs = crsOption_] {
        return render::loadProject(path, render::ProjectOptions{.displayCrs = crs, .progressDate = {}});
    });
    if (!project) return project.error();
    otherCrsScenes_.clear();  // they show the file as it was
    replace(std::move(project).value(), true);
    return geo::Done{};
}

geo::Status ProjectDocument::switchCrs(const std::string& option) {
    if (option == crsOption_) return geo::Done{};
    finishLoading();  // the scene cached for this CRS must be whole
    render::LoadedProject next;
    bool readAgain = false;  // a cached scene holds the progress model of when it was cached
    if (auto cached = otherCrsScenes_.find(option); cached != otherCrsScenes_.end()) {
        next = std::move(cached->second);
        otherCrsScenes_.erase(cached);
    } else {
        readAgain = true;
        auto loaded = render::loadProject(project_.path, render::ProjectOptions{.displayCrs = option, .progressDate = {}});
        if (!loaded) return loaded.error();
        next = std::move(loaded).value();
        // The layers keep the order, visibility-independent styles and opacity shown now.
        std::vector<render::SceneLayer> ordered;
        for (const auto& shown : project_.scene.layers) {
            const auto it = std::find_if(next.scene.layers.begin(), next.scene.layers.end(),
                                         [&](const render::SceneLayer& l) { return l.id == shown.id; });
            if (it == next.scene.layers.end()) continue;
            it->style = shown.style;
            render::resolveSymbology(*it);
            ordered.push_back(std::move(*it));
        }
        next.scene.layers = std::move(ordered);
    }
    install(std::move(next), readAgain, [&] {
        otherCrsScenes_[crsOption_] = std::move(project_);
        crsOption_ = option;
    });
    return geo::Done{};
}

geo::Status ProjectDocument::setBasemap(const std::string& source) {
    std::shared_ptr<const render::Basemap> opened;
    if (!source.empty()) {
        auto basemap = render::Basemap::open(source);
        if (!basemap) return basemap.error();
        opened = std::move(basemap).value();
    }
    change(Change::Basemap, [&] {
        basemap_ = opened;
        project_.scene.basemap = basemap_;
        for (auto& [crs, other] : otherCrsScenes_) other.scene.basemap = basemap_;
    });
    return geo::Done{};
}

void ProjectDocument::setOverlays(const std::string& group, std::vector<render::SceneLayer> layers) {
    change(Change::Layers, [&] {
        auto& sceneLayers = project_.scene.layers;
        for (const auto& old : overlays_[group])
            std::erase_if(sceneLayers, [&](const render::SceneLayer& l) { return l.id == old.id; });
        if (layers.empty())
            overlays_.erase(group);
        else
            overlays_[group] = layers, overlaysCrs_ = project_.scene.displayCrs;
        sceneLayers.insert(sceneLayers.end(), std::make_move_iterator(layers.begin()), std::make_move_iterator(layers.end()));
    });
}

void ProjectDocument::setRoutePlan(const render::RoutePlan* plan) {
    std::vector<render::SceneLayer> layers;
    routePlan_.reset();
    if (plan) {
        routePlan_ = *plan;
        auto built = render::routeLayers(*plan, project_.scene.displayCrs);
        if (built)
            layers = std::move(built).value();
        else
            emit notice(QString::fromStdString(geo::redactConnectionString(built.error().toString())), 0);
    }
    setOverlays("route", std::move(layers));
}

void ProjectDocument::setProgressModel(std::shared_ptr<const geo::progress::ProgressModel> model) {
    change(Change::Progress, [&] {
        render::setProgressModel(project_.scene, model);  // the render thread reads the layers' classifiers
        project_.progress = std::move(model);
    });
}

bool ProjectDocument::setLayerStyle(const std::string& layerId, const render::LayerStyle& style) {
    auto& layers = project_.scene.layers;
    const auto it = std::find_if(layers.begin(), layers.end(), [&](const render::SceneLayer& l) { return l.id == layerId; });
    if (it == layers.end()) return false;
    change(Change::Styles, [&] {
        otherCrsScenes_.clear();  // built with the old style
        it->style = style;
        render::resolveSymbology(*it);
    });
    return true;
}

geo::Status ProjectDocument::saveLayerStyle(const std::string& layerId) {
    const render::SceneLayer* layer = project_.scene.find(layerId);
    if (!layer) return geo::Error{.message = "no layer '" + layerId + "' in the map", .file = project_.path, .layer = layerId};
    if (gate_) gate_();
    const std::string now = geo::Clock().utcIso();
    const geo::StoredLayerStyle row{layerId, render::styleToJson(layer->style), now};
    // Off the UI thread: the save may wait for another program's lock on the project.
    // QGIS's layer_styles gets the same style (as drawn now), in the same transaction.
    std::vector<geo::QgisStyle> qgis;
    if (auto q = render::toQgisStyle(project_.scene, *layer)) qgis.push_back(std::move(*q));
    return runInBackground([path = project_.path, row, qgis] { return geo::writeLayerStyles(path, {row}, qgis); });
}

bool ProjectDocument::moveLayer(const std::string& layerId, int steps) {
    auto& layers = project_.scene.layers;
    const auto it = std::find_if(layers.begin(), layers.end(), [&](const render::SceneLayer& l) { return l.id == layerId; });
    if (it == layers.end()) return false;
    const auto from = static_cast<int>(it - layers.begin());
    const int to = std::clamp(from + steps, 0, static_cast<int>(layers.size()) - 1);
    if (to == from) return false;
    change(Change::Layers, [&] {
        otherCrsScenes_.clear();  // their order would disagree
        if (to > from) std::rotate(layers.begin() + from, layers.begin() + from + 1, layers.begin() + to + 1);
        else std::rotate(layers.begin() + to, layers.begin() + from, layers.begin() + from + 1);
    });
    return true;
}

void ProjectDocument::setAsOf(std::optional<geo::Date> day) {
    if (day == asOf_) return;
    emit aboutToChange(Change::AsOf);  // the scene does not change: no render gate
    asOf_ = day;
    emit changed(Change::AsOf);
}

void ProjectDocument::select(std::vector<render::FeatureRef> features) {
    selection_ = std::move(features);
    emit selectionChanged(selection_);
}

}  // namespace hongtu::ui
