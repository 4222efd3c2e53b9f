#pragma once
// The viewer window: the shell around the open project (ProjectDocument). It makes the map
// canvas, the docks (layers, legend, search, feature attributes, attribute table, route
// planner, and the progress tools' docks), the menus, the toolbar and the status bar, lays them
// out for the screen and connects each panel to the document once. The panels follow the
// document's signals and never reach into each other or into the window.

#include <QMainWindow>

#include <string>
#include <vector>

#include "render/feature_query.hpp"
#include "render/loaded_project.hpp"
#include "ui/project_document.hpp"

class QComboBox;
class QDockWidget;
class QToolBar;

namespace hongtu::ui {

class AttributeTable;
class CountyBox;
class FeatureInfoPanel;
class FeatureNavigator;
class ImportTableDialog;
class LayerControls;
class LayerDock;
class LayerPanel;
class LegendPanel;
class MainMenus;
class MapCanvas;
class ProgressController;
class RoutePanel;
class SearchPanel;
class StyleEditor;
class WindowShortcuts;

class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(render::LoadedProject project, QWidget* parent = nullptr);
    ~MainWindow() override;

    // The open project: every change to the scene goes through it.
    [[nodiscard]] ProjectDocument& document() { return document_; }
    [[nodiscard]] const render::LoadedProject& project() const { return document_.project(); }

    [[nodiscard]] MapCanvas* canvas() const { return canvas_; }
    // The layer list and its buttons are rebuilt on every change: ask again after one.
    [[nodiscard]] LayerPanel* layerPanel() const;
    [[nodiscard]] LayerControls* layerControls() const;
    [[nodiscard]] LegendPanel* legendPanel() const { return legendPanel_; }
    [[nodiscard]] FeatureInfoPanel* featureInfo() const { return featureInfo_; }
    [[nodiscard]] SearchPanel* searchPanel() const { return searchPanel_; }
    [[nodiscard]] QComboBox* countyBox() const;
    [[nodiscard]] AttributeTable* attributeTable() const { return attributeTable_; }
    [[nodiscard]] QDockWidget* attributeDock() const { return attributeDock_; }
    // The progress tools (as-of slider, statistics, overdue list, edits); null without progress data.
    [[nodiscard]] ProgressController* progressController() const { return progress_; }
    [[nodiscard]] RoutePanel* routePanel() const { return routePanel_; }
    [[nodiscard]] QDockWidget* routeDock() const { return routeDock_; }
    // Shortcuts that work from any focus in the window, text fields included (window_shortcuts.hpp).
    [[nodiscard]] WindowShortcuts* shortcuts() const { return shortcuts_; }

    // Docks for a screen of `available` size: below 1280×800 the layer list and the legend
    // share one tabbed dock, the overdue list joins the right-hand tabs and the side docks take
    // at most a quarter of the width each, so the map keeps its room; above, they stack. Then
    // the layout the user left on a screen of this size (QSettings, saved on close) is restored.
    void arrangeForScreen(QSize available);

    // The one selection (the document's): outlined on the canvas, selected in the lists.
    void select(const std::vector<render::FeatureRef>& features) { document_.select(features); }
    [[nodiscard]] const std::vector<render::FeatureRef>& selection() const { return document_.selection(); }
    // Zooms to a feature, selects it and shows its attributes (search results, county box).
    void showFeature(const render::FeatureRef& feature);
    // 文件 → 导入表格…: the join/import dialog on this project (not modal, one at a time).
    ImportTableDialog* openImportDialog();
    // The window's commands (document_actions.hpp): errors go to a message box, the map stays.
    bool reloadProject();
    bool switchDisplayCrs(const std::string& crs);  // keeps the centre and the scale
    bool saveLayerStyle(const std::string& layerId);
    StyleEditor* openStyleEditor(const std::string& layerId);

protected:
    void closeEvent(QCloseEvent* event) override;  // remembers the dock layout for this screen size

private:
    QDockWidget* addPanelDock(const QString& title, const char* name, QWidget* panel, Qt::DockWidgetArea area);
    QToolBar* createToolBar();  // 放大, 缩小, 全图, the 县 box
    void createFeatureDocks(QToolBar& navigation);
    void createRouteDock();
    void showRoutePlanner();

    // Declared before the widgets, destroyed after ~MainWindow has stopped every reader.
    ProjectDocument document_;
    MapCanvas* canvas_ = nullptr;
    LayerDock* layerDock_ = nullptr;
    QDockWidget* legendDock_ = nullptr;
    LegendPanel* legendPanel_ = nullptr;
    FeatureInfoPanel* featureInfo_ = nullptr;
    QDockWidget* featureInfoDock_ = nullptr;
    SearchPanel* searchPanel_ = nullptr;
    QDockWidget* searchDock_ = nullptr;
    AttributeTable* attributeTable_ = nullptr;
    QDockWidget* attributeDock_ = nullptr;
    RoutePanel* routePanel_ = nullptr;
    QDockWidget* routeDock_ = nullptr;
    ProgressController* progress_ = nullptr;
    WindowShortcuts* shortcuts_ = nullptr;
    MainMenus* menus_ = nullptr;
    FeatureNavigator* navigator_ = nullptr;
    CountyBox* countyBox_ = nullptr;
    QSize arrangedFor_;  // the screen size arrangeForScreen() laid the docks out for
};

}  // namespace hongtu::ui
