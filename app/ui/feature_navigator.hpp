#pragma once
// Going to features on the map: identify (a click), box selection (Shift + drag), and showing
// one feature (a search result, a county, an overdue project): its layer switched on, the map
// zoomed to it, the feature selected in the document (the attribute panel follows).

#include <QObject>
#include <QPointF>
#include <QRectF>

#include "render/feature_query.hpp"

class QDockWidget;
class QStatusBar;

namespace hongtu::ui {

class LayerDock;
class MapCanvas;
class ProjectDocument;

class FeatureNavigator : public QObject {
    Q_OBJECT

public:
    FeatureNavigator(ProjectDocument& document, MapCanvas& canvas, LayerDock& layers, QDockWidget& featureInfoDock,
                     QStatusBar& statusBar);

    // The feature under `pixel` of the canvas is selected and its attributes shown.
    void identifyAt(QPointF pixel);
    void showFeature(const render::FeatureRef& feature);
    // Nothing selected, the whole project in view.
    void showWholeArea();
    void selectInBox(QRectF pixelRect);

private:
    ProjectDocument& document_;
    MapCanvas& canvas_;
    LayerDock& layers_;
    QDockWidget& featureInfoDock_;
    QStatusBar& statusBar_;
};

}  // namespace hongtu::ui
