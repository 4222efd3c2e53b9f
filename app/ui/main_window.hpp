#pragma once
// The viewer window: the map canvas, a dock with the layer list, a toolbar for zooming and a
// status bar with the cursor position (display CRS and lon/lat) and the scale.

#include <QMainWindow>
#include <QPointer>

#include <memory>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "hongtu/geo/crs.hpp"
#include "render/feature_query.hpp"
#include "render/basemap.hpp"
#include "render/project.hpp"
#include "ui/field_labels.hpp"

class QComboBox;
class QDockWidget;
class QLabel;

namespace hongtu::ui {

class DataCheckIndicator;
class ImportTableDialog;
class LayerControls;
class StyleEditor;
class LayerPanel;
class LegendPanel;
class AttributeTable;
class FeatureInfoPanel;
class SearchPanel;
class MapCanvas;
class ProgressController;
class RoutePanel;
class WindowShortcuts;

class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(render::Project project, QWidget* parent = nullptr);
    ~MainWindow() override;

    [[nodiscard]] MapCanvas* canvas() const { return canvas_; }
    [[nodiscard]] LayerPanel* layerPanel() const { return layerPanel_; }
    [[nodiscard]] LegendPanel* legendPanel() const { return legendPanel_; }
    [[nodiscard]] FeatureInfoPanel* featureInfo() const { return featureInfo_; }
    [[nodiscard]] SearchPanel* searchPanel() const { return searchPanel_; }
    [[nodiscard]] QComboBox* countyBox() const { return countyBox_; }
    [[nodiscard]] AttributeTable* attributeTable() const { return attributeTable_; }
    [[nodiscard]] QDockWidget* attributeDock() const { return attributeDock_; }
    // The progress tools (as-of slider, statistics, overdue list, edits); null without progress data.
    [[nodiscard]] ProgressController* progressController() const { return progress_; }
    // Draws `model` in the progress layers (after an edit, undo, redo or save).
    void applyProgressModel(std::shared_ptr<const geo::ProgressModel> model);

    // The one selection of the window: outlined on the canvas, selected in the attribute table
    // and (for a project) in the overdue list; Ctrl+E and the other actions act on it.
    // selectionChanged() tells the lists.
    void select(const std::vector<render::FeatureRef>& features);
    [[nodiscard]] const std::vector<render::FeatureRef>& selection() const;
    // Docks for a screen of `available` size: below 1280×800 the layer list and the legend
    // share one tabbed dock, the overdue list joins the right-hand tabs and the side docks take
    // at most a quarter of the width each, so the map keeps its room; above, they stack. Then
    // the layout the user left on a screen of this size (QSettings, saved on close) is restored.
    void arrangeForScreen(QSize available);
    // Shortcuts that work from any focus in the window, text fields included (window_shortcuts.hpp).
    [[nodiscard]] WindowShortcuts* shortcuts() const { return shortcuts_; }

    // Identify: the feature under `pixel` of the canvas is selected and its attributes shown.
    void identifyAt(QPointF pixel);
    // Zooms to a feature, selects it and shows its attributes (search results, county box).
    void showFeature(const render::FeatureRef& feature);
    [[nodiscard]] const render::Project& project() const { return project_; }

    // 文件 → 导入表格…: the join/import dialog on this project (not modal, one at a time).
    ImportTableDialog* openImportDialog();
    // Reads the project file again (after an import) and shows its layers; the view stays.
    // Errors go to a message box; the old project stays shown.
    bool reloadProject();

    // Layers drawn over the project's (e.g. the planned route), by group: they join the scene
    // the canvas, the layer list and the legend show, and survive reloadProject(). Replaces
    // the group's previous layers; an empty vector removes them. Waits for a running render.
    void setOverlayLayers(const std::string& group, std::vector<render::SceneLayer> layers);
    [[nodiscard]] RoutePanel* routePanel() const { return routePanel_; }
    [[nodiscard]] QDockWidget* routeDock() const { return routeDock_; }
    // Layers (main_window_layers.cpp): drawing order, opacity and style of one layer, applied
    // to the scene at once; saveLayerStyle writes it into the project (hongtu_layer_styles).
    [[nodiscard]] LayerControls* layerControls() const { return layerControls_; }
    void moveLayer(const std::string& layerId, int steps);
    void setLayerStyle(const std::string& layerId, const render::LayerStyle& style);
    bool saveLayerStyle(const std::string& layerId);
    StyleEditor* openStyleEditor(const std::string& layerId);
    // 视图 → 坐标系: rebuilds the scene in `crs` ("" = the project's automatic CRS), keeping
    // the centre and scale of the view. Scenes of CRSs already shown are kept and reused.
    bool switchDisplayCrs(const std::string& crs);
    // 文件 → 添加底图…: a GeoTIFF, MBTiles or XYZ template drawn under the layers ("" removes
    // it). Errors go to a message box; the map stays as it was.
    bool setBasemap(const std::string& source);
    void chooseBasemap();

protected:
    void closeEvent(QCloseEvent* event) override;  // remembers the dock layout for this screen size

signals:
    void selectionChanged(const std::vector<render::FeatureRef>& features);

private:
    // `readAgain`: the project was just read from its file or database (its progress is the
    // saved state, the session rebases on it); false for a cached scene of another CRS.
    void installProject(render::Project project, bool readAgain = true);
    LayerControls* createLayerControls(LayerPanel* panel, QWidget* parent);
    void refreshAfterStyleChange();
    void createViewMenu();
    void createMenus();
    void addLedgerImportAction();  // 进度 → 导入台账…
    void createToolBar();
    void rebuildLayerPanel();
    void updateLegend();
    void createFeatureDocks();
    void fillCountyBox();
    void followCountyOf(const std::vector<render::FeatureRef>& features);
    void showCursorPosition(QPointF mapPosition);
    void clearCursorPosition();
    void showScale();

    render::Project project_;  // owns the scene the canvas paints; declared before the widgets
    MapCanvas* canvas_ = nullptr;
    LayerPanel* layerPanel_ = nullptr;
    QDockWidget* layerDock_ = nullptr;
    LegendPanel* legendPanel_ = nullptr;
    FeatureInfoPanel* featureInfo_ = nullptr;
    QDockWidget* featureInfoDock_ = nullptr;
    SearchPanel* searchPanel_ = nullptr;
    QComboBox* countyBox_ = nullptr;
    AttributeTable* attributeTable_ = nullptr;
    QDockWidget* attributeDock_ = nullptr;
    std::vector<std::string> legendLayers_;  // visible layers the legend shows
    std::vector<std::string> legendDrawn_;  // layers drawn at the scale the legend was built for
    std::optional<geo::Date> legendAsOf_;     // and the day it shows
    ProgressController* progress_ = nullptr;
    ImportTableDialog* importDialog_ = nullptr;
    QLabel* projectedLabel_ = nullptr;
    QLabel* lonLatLabel_ = nullptr;
    QLabel* scaleLabel_ = nullptr;
    DataCheckIndicator* dataCheck_ = nullptr;  // 数据检查: what the open found in the layers
    std::optional<geo::Transformer> toLonLat_;  // display CRS -> EPSG:4490, for the status bar
    std::map<std::string, std::vector<render::SceneLayer>> overlays_;  // appended to project_.scene
    RoutePanel* routePanel_ = nullptr;
    WindowShortcuts* shortcuts_ = nullptr;
    QSize arrangedFor_;
    ProjectFieldTitles fieldTitles_;  // the project's gpkg_data_columns titles
    void readFieldTitles();  // the screen size arrangeForScreen() laid the docks out for
    QDockWidget* routeDock_ = nullptr;
    std::string overlaysCrs_;  // display CRS the overlays were built in
    LayerControls* layerControls_ = nullptr;
    // QPointer: cleared by Qt when the editor is deleted, also while this window is being destroyed
    // (a `destroyed` lambda here ran after ~MainWindow had begun: UBSan, member access on a dead object).
    QPointer<StyleEditor> styleEditor_;
    std::string displayCrsOption_;  // what the user chose; "" = automatic
    std::map<std::string, render::Project> otherCrsScenes_;
    std::shared_ptr<const render::Basemap> basemap_;  // also set on every scene installed  // by CRS option, not shown now
};

}  // namespace hongtu::ui
