#pragma once
// The viewer's menus: 文件 (new project, import table, export map, basemap, quit), 路线 (route
// planner, route sheet), 视图 (refresh, coordinate system) and 进度 → 导入台账…. Each entry runs a
// document command or opens a dialog on the document; the window only places the menu bar.

#include <QObject>
#include <QPointer>

class QMainWindow;
class QMenu;

namespace hongtu::ui {

class CountyBox;
class ImportTableDialog;
class MapCanvas;
class ProjectDocument;
class WindowShortcuts;

class MainMenus : public QObject {
    Q_OBJECT

public:
    // Adds 文件, 路线 and 视图 to `window`'s menu bar. `county`: the export's unit.
    MainMenus(QMainWindow& window, ProjectDocument& document, MapCanvas& canvas, WindowShortcuts& shortcuts,
              const CountyBox& county);

    // 进度 → 导入台账… at the end of `progressMenu` (null: a 进度 menu of its own).
    void addLedgerImport(QMenu* progressMenu);
    // 文件 → 导入表格…: the join/import dialog on this project (not modal, one at a time).
    ImportTableDialog* openImportDialog();

signals:
    void routePlannerRequested();  // 路线 → 路线规划

private:
    void createFileMenu();
    void createRouteMenu();
    void createViewMenu();

    QMainWindow& window_;
    ProjectDocument& document_;
    MapCanvas& canvas_;
    WindowShortcuts& shortcuts_;
    const CountyBox& county_;
    QPointer<ImportTableDialog> importDialog_;
};

}  // namespace hongtu::ui
