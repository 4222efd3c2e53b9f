#include "ui/layer_dock.hpp"

#include <QListWidgetItem>
#include <QMainWindow>
#include <QScrollArea>
#include <QVBoxLayout>

#include <cmath>

#include "ui/document_actions.hpp"
#include "ui/layer_controls.hpp"
#include "ui/layer_panel.hpp"
#include "ui/map_canvas.hpp"
#include "ui/screen_fit.hpp"
#include "ui/style_editor.hpp"

namespace hongtu::ui {

using Change = ProjectDocument::Change;

LayerDock::LayerDock(ProjectDocument& document, MapCanvas& canvas, QMainWindow& window)
    : QDockWidget(tr("Layers"), &window), document_(document), canvas_(canvas), window_(window) {
    setObjectName(QStringLiteral("layersDock"));
    setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    rebuild();
    connect(&document_, &ProjectDocument::changed, this, [this](ProjectDocument::Changes what) {
        if (!(what & (Change::Scene | Change::Layers | Change::Styles))) return;
        // The swatches follow the style; after a style change the row stays chosen.
        const std::string current = what & Change::Scene ? std::string() : currentId();
        rebuild();
        if (what & Change::Styles) choose(current);
    });
}

std::string LayerDock::currentId() const {
    const QListWidgetItem* current = panel_ ? panel_->currentItem() : nullptr;
    return current ? current->data(Qt::UserRole).toString().toStdString() : std::string();
}

void LayerDock::choose(const std::string& layerId) {
    if (QListWidgetItem* item = panel_->itemFor(layerId)) panel_->setCurrentItem(item);
}

void LayerDock::rebuild() {
    auto* box = new QWidget(this);
    auto* panel = new LayerPanel(document_.scene(), canvas_.settings().visibleLayerIds, box);
    connect(panel, &LayerPanel::layerVisibilityChanged, &canvas_,
            [this](const QString& id, bool visible) { canvas_.setLayerVisible(id.toStdString(), visible); });
    auto* controls = new LayerControls(panel, box);
    for (const auto& layer : document_.scene().layers)
        controls->setOpacityOf(QString::fromStdString(layer.id), static_cast<int>(std::lround(layer.style.opacity * 100)));
    connect(controls, &LayerControls::moveRequested, this, [this](const QString& id, int steps) { moveLayer(id.toStdString(), steps); });
    connect(controls, &LayerControls::opacityChanged, this, [this](const QString& id, double opacity) {
        const render::SceneLayer* layer = document_.scene().find(id.toStdString());
        if (!layer) return;
        render::LayerStyle style = layer->style;
        style.opacity = opacity;
        document_.setLayerStyle(id.toStdString(), style);
    });
    connect(controls, &LayerControls::opacityCommitted, this,
            [this](const QString& id) { DocumentActions::saveLayerStyle(document_, window_, id.toStdString()); });
    connect(controls, &LayerControls::styleRequested, this, [this](const QString& id) { openStyleEditor(id.toStdString()); });
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(panel);
    layout->addWidget(controls);
    QWidget* old = widget();
    setWidget(scrollable(box, this));  // deletes nothing: the old panel is deleted below
    if (old) old->deleteLater();
    panel_ = panel;
    controls_ = controls;
}

void LayerDock::moveLayer(const std::string& layerId, int steps) {
    if (document_.moveLayer(layerId, steps)) choose(layerId);
}

StyleEditor* LayerDock::openStyleEditor(const std::string& layerId) {
    const render::SceneLayer* layer = document_.scene().find(layerId);
    if (!layer) return nullptr;
    if (styleEditor_) styleEditor_->reject();  // one editor at a time; the other layer goes back
    styleEditor_ = new StyleEditor(*layer, &window_);
    styleEditor_->setAttribute(Qt::WA_DeleteOnClose);
    connect(styleEditor_, &StyleEditor::styleEdited, this,
            [this, layerId](const render::LayerStyle& style) { document_.setLayerStyle(layerId, style); });
    connect(styleEditor_, &QDialog::accepted, this, [this, layerId] {
        if (styleEditor_) document_.setLayerStyle(layerId, styleEditor_->style());
        DocumentActions::saveLayerStyle(document_, window_, layerId);
    });
    styleEditor_->show();
    return styleEditor_;
}

void LayerDock::showLayer(const std::string& layerId) {
    if (canvas_.settings().isLayerVisible(layerId)) return;
    if (QListWidgetItem* item = panel_->itemFor(layerId)) item->setCheckState(Qt::Checked);
    else canvas_.setLayerVisible(layerId, true);
}

}  // namespace hongtu::ui
