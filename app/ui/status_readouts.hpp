#pragma once
// The permanent readouts of the viewer's status bar: the layers still loading (issue 16:
// 「正在加载：村（578,130 个）…」 while the document streams them), the cursor position in the
// display CRS and in CGCS2000 lon/lat, and the scale. They follow the canvas and the document.

#include <QObject>

#include <optional>

#include "hongtu/geo/crs.hpp"

class QLabel;
class QPointF;
class QStatusBar;

namespace hongtu::ui {

class MapCanvas;
class ProjectDocument;

class StatusReadouts : public QObject {
    Q_OBJECT

public:
    StatusReadouts(const ProjectDocument& document, const MapCanvas& canvas, QStatusBar& statusBar);

private:
    void followCrs();
    void showCursorPosition(QPointF mapPosition);
    void clearCursorPosition();
    void showScale();
    void showLoading();

    const ProjectDocument& document_;
    const MapCanvas& canvas_;
    QLabel* loading_ = nullptr;  // shown while layers are streamed
    QLabel* projected_ = nullptr;
    QLabel* lonLat_ = nullptr;
    QLabel* scale_ = nullptr;
    std::optional<geo::Transformer> toLonLat_;  // display CRS -> EPSG:4490
};

}  // namespace hongtu::ui
