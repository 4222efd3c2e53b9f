#pragma once
// The viewer's commands on the ProjectDocument that talk to the user: each runs one document
// mutator, shows an error in a message box (the map stays as it was) and the outcome in the
// window's status bar. Used by the menus, the layer dock and the progress tools alike.

#include <QCoreApplication>

#include <string>

class QMainWindow;

namespace hongtu::ui {

class MapCanvas;
class ProjectDocument;

class DocumentActions {
    Q_DECLARE_TR_FUNCTIONS(hongtu::ui::DocumentActions)

public:
    // 视图 → 刷新 and after an import: reads the project again; the view stays.
    static bool reload(ProjectDocument& document, QMainWindow& window);
    // 视图 → 坐标系: the scene in `crs` ("" = the project's automatic CRS), keeping the centre
    // and the scale of `canvas`'s view.
    static bool switchCrs(ProjectDocument& document, MapCanvas& canvas, QMainWindow& window, const std::string& crs);
    // 文件 → 添加底图…: a GeoTIFF, MBTiles or XYZ template under the layers ("" removes it).
    static bool setBasemap(ProjectDocument& document, QMainWindow& window, const std::string& source);
    // The choice of a raster file, a tile address or removing the basemap.
    static void chooseBasemap(ProjectDocument& document, QMainWindow& window);
    // Writes the layer's style into the project (one transaction).
    static bool saveLayerStyle(ProjectDocument& document, QMainWindow& window, const std::string& layerId);
};

}  // namespace hongtu::ui
