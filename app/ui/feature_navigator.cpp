#include "ui/feature_navigator.hpp"

#include <QDockWidget>
#include <QStatusBar>

#include "ui/layer_dock.hpp"
#include "ui/map_canvas.hpp"
#include "ui/project_document.hpp"

namespace hongtu::ui {

FeatureNavigator::FeatureNavigator(ProjectDocument& document, MapCanvas& canvas, LayerDock& layers, QDockWidget& featureInfoDock,
                                   QStatusBar& statusBar)
    : QObject(&canvas), document_(document), canvas_(canvas), layers_(layers), featureInfoDock_(featureInfoDock), statusBar_(statusBar) {}

void FeatureNavigator::identifyAt(QPointF pixel) {
    const auto feature = render::featureAt(document_.scene(), canvas_.settings(), pixel);
    if (!feature) {
        document_.select({});
        return;
    }
    document_.select({*feature});
    featureInfoDock_.raise();
}

void FeatureNavigator::showFeature(const render::FeatureRef& feature) {
    // A search result on a layer that is switched off: switch it on (with its labels), or the
    // map zooms to an empty ring.
    layers_.showLayer(feature.layerId);
    canvas_.zoomToBox(render::featureBounds(document_.scene(), feature));
    document_.select({feature});
}

void FeatureNavigator::showWholeArea() {
    document_.select({});
    canvas_.zoomToFullExtent();
}

void FeatureNavigator::selectInBox(QRectF pixelRect) {
    const auto selected = render::featuresIn(document_.scene(), canvas_.settings(), pixelRect);
    document_.select(selected);
    statusBar_.showMessage(tr("%n feature(s) selected", "", static_cast<int>(selected.size())));
}

}  // namespace hongtu::ui
