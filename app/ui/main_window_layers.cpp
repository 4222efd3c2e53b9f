// MainWindow: the layer order, opacity and style editor, and the display CRS (视图 → 坐标系).
#include <QAction>
#include <QActionGroup>
#include <QDateTime>
#include <QFileDialog>
#include <QInputDialog>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QLineEdit>
#include <QStatusBar>

#include <algorithm>
#include <cmath>

#include "hongtu/geo/layer_styles.hpp"
#include "render/qgis_style.hpp"
#include "hongtu/geo/datasource.hpp"
#include "render/style_io.hpp"
#include "render/symbology.hpp"
#include "ui/attribute_table.hpp"
#include "ui/background_task.hpp"
#include "ui/feature_panels.hpp"
#include "ui/layer_controls.hpp"
#include "ui/layer_panel.hpp"
#include "ui/legend_panel.hpp"
#include "ui/main_window.hpp"
#include "ui/map_canvas.hpp"
#include "ui/style_editor.hpp"

namespace hongtu::ui {

LayerControls* MainWindow::createLayerControls(LayerPanel* panel, QWidget* parent) {
    auto* controls = new LayerControls(panel, parent);
    for (const auto& layer : project_.scene.layers)
        controls->setOpacityOf(QString::fromStdString(layer.id), static_cast<int>(std::lround(layer.style.opacity * 100)));
    connect(controls, &LayerControls::moveRequested, this, [this](const QString& id, int steps) { moveLayer(id.toStdString(), steps); });
    connect(controls, &LayerControls::opacityChanged, this, [this](const QString& id, double opacity) {
        const render::SceneLayer* layer = project_.scene.find(id.toStdString());
        if (!layer) return;
        render::LayerStyle style = layer->style;
        style.opacity = opacity;
        setLayerStyle(id.toStdString(), style);
    });
    connect(controls, &LayerControls::opacityCommitted, this, [this](const QString& id) { saveLayerStyle(id.toStdString()); });
    connect(controls, &LayerControls::styleRequested, this, [this](const QString& id) { openStyleEditor(id.toStdString()); });
    return controls;
}

void MainWindow::moveLayer(const std::string& layerId, int steps) {
    auto& layers = project_.scene.layers;
    const auto it = std::find_if(layers.begin(), layers.end(), [&](const render::SceneLayer& l) { return l.id == layerId; });
    if (it == layers.end()) return;
    const auto from = static_cast<int>(it - layers.begin());
    const int to = std::clamp(from + steps, 0, static_cast<int>(layers.size()) - 1);
    if (to == from) return;
    canvas_->waitForRender();  // a render thread reads the scene
    otherCrsScenes_.clear();   // their order would disagree
    if (to > from) std::rotate(layers.begin() + from, layers.begin() + from + 1, layers.begin() + to + 1);
    else std::rotate(layers.begin() + to, layers.begin() + from, layers.begin() + from + 1);
    canvas_->sceneReplaced();
    rebuildLayerPanel();
    if (QListWidgetItem* item = layerPanel_->itemFor(layerId)) layerPanel_->setCurrentItem(item);
    legendLayers_.clear();
    updateLegend();
}

void MainWindow::setLayerStyle(const std::string& layerId, const render::LayerStyle& style) {
    auto& layers = project_.scene.layers;
    const auto it = std::find_if(layers.begin(), layers.end(), [&](const render::SceneLayer& l) { return l.id == layerId; });
    if (it == layers.end()) return;
    canvas_->waitForRender();
    otherCrsScenes_.clear();  // built with the old style
    it->style = style;
    render::resolveSymbology(*it);
    canvas_->sceneReplaced();
    refreshAfterStyleChange();
}

void MainWindow::refreshAfterStyleChange() {
    legendLayers_.clear();
    updateLegend();
    // The list's swatches follow the style; the row stays chosen.
    const QListWidgetItem* current = layerPanel_->currentItem();
    const std::string currentId = current ? current->data(Qt::UserRole).toString().toStdString() : std::string();
    rebuildLayerPanel();
    if (QListWidgetItem* item = layerPanel_->itemFor(currentId)) layerPanel_->setCurrentItem(item);
}

bool MainWindow::saveLayerStyle(const std::string& layerId) {
    const render::SceneLayer* layer = project_.scene.find(layerId);
    if (!layer) return false;
    canvas_->waitForRender();
    const std::string now = geo::Clock().utcIso();
    const geo::StoredLayerStyle row{layerId, render::styleToJson(layer->style), now};
    statusBar()->showMessage(tr("Saving the style of '%1'…").arg(layer->displayName));
    // Off the UI thread: the save may wait for another program's lock on the project.
    // QGIS's layer_styles gets the same style (as drawn now), in the same transaction.
    std::vector<geo::QgisStyle> qgis;
    if (auto q = render::toQgisStyle(project_.scene, *layer)) qgis.push_back(std::move(*q));
    auto saved = runInBackground([path = project_.path, row, qgis] { return geo::writeLayerStyles(path, {row}, qgis); });
    if (!saved) {
        QMessageBox::warning(this, tr("Hongtu"),
                             tr("The style of layer '%1' could not be saved; the project file is unchanged.").arg(layer->displayName) +
                                 QStringLiteral("\n\n") + QString::fromStdString(geo::redactConnectionString(saved.error().toString())));
        return false;
    }
    statusBar()->showMessage(tr("Style of '%1' saved in the project.").arg(layer->displayName), 5000);
    return true;
}

StyleEditor* MainWindow::openStyleEditor(const std::string& layerId) {
    const render::SceneLayer* layer = project_.scene.find(layerId);
    if (!layer) return nullptr;
    if (styleEditor_) styleEditor_->reject();  // one editor at a time; the other layer goes back
    styleEditor_ = new StyleEditor(*layer, this);
    styleEditor_->setAttribute(Qt::WA_DeleteOnClose);
    connect(styleEditor_, &StyleEditor::styleEdited, this,
            [this, layerId](const render::LayerStyle& style) { setLayerStyle(layerId, style); });
    connect(styleEditor_, &QDialog::accepted, this, [this, layerId] {
        if (styleEditor_) setLayerStyle(layerId, styleEditor_->style());
        saveLayerStyle(layerId);
    });
    styleEditor_->show();
    return styleEditor_;
}

void MainWindow::createViewMenu() {
    QMenu* view = findChild<QMenu*>(QStringLiteral("viewMenu"));
    if (!view) view = menuBar()->addMenu(tr("&View"));
    QMenu* crs = view->addMenu(tr("Coordinate system"));
    auto* group = new QActionGroup(this);
    const auto add = [&](const QString& text, const std::string& option, const char* name) {
        QAction* a = crs->addAction(text);
        a->setObjectName(QString::fromLatin1(name));
        a->setCheckable(true);
        a->setChecked(option == displayCrsOption_);
        group->addAction(a);
        connect(a, &QAction::triggered, this, [this, option] { switchDisplayCrs(option); });
    };
    add(project_.automaticDisplayCrs.starts_with("EPSG:")
            ? tr("Gauss-Krüger zone of the data (%1)").arg(QString::fromStdString(project_.automaticDisplayCrs))
            : tr("Albers equal-area for China (national data)"),
        "", "crsAutomaticAction");
    add(tr("Web Mercator (EPSG:3857)"), "EPSG:3857", "crsWebMercatorAction");
    add(tr("CGCS2000 geographic (EPSG:4490)"), "EPSG:4490", "crsGeographicAction");
}

bool MainWindow::switchDisplayCrs(const std::string& crs) {
    if (crs == displayCrsOption_) return true;
    // Where the view is now, in lon/lat, and its ground scale.
    const render::MapSettings before = canvas_->settings();
    const geo::XY centre = before.visibleExtent().center();
    const auto lonLat = toLonLat_ ? toLonLat_->forward(centre) : std::nullopt;
    const double scale = before.scaleDenominator();

    render::Project next;
    bool readAgain = false;  // a cached scene holds the progress model of when it was cached
    if (auto cached = otherCrsScenes_.find(crs); cached != otherCrsScenes_.end()) {
        next = std::move(cached->second);
        otherCrsScenes_.erase(cached);
    } else {
        readAgain = true;
        auto loaded = render::loadProject(project_.path, render::ProjectOptions{.displayCrs = crs, .progressDate = {}});
        if (!loaded) {
            QMessageBox::warning(this, tr("Hongtu"),
                                 tr("The map cannot be shown in this coordinate system.") + QStringLiteral("\n\n") +
                                     QString::fromStdString(geo::redactConnectionString(loaded.error().toString())));
            return false;
        }
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
    canvas_->waitForRender();
    attributeTable_->setScene(nullptr);  // its model points into the scene that moves away
    searchPanel_->setScene(nullptr);
    otherCrsScenes_[displayCrsOption_] = std::move(project_);
    displayCrsOption_ = crs;
    installProject(std::move(next), readAgain);
    toLonLat_.reset();
    if (auto t = geo::Transformer::create(project_.scene.displayCrs, "EPSG:4490")) toLonLat_.emplace(std::move(t).value());

    // Same place, same scale.
    render::MapSettings view = canvas_->settings();
    if (lonLat) {
        auto toDisplay = geo::Transformer::create("EPSG:4490", project_.scene.displayCrs);
        const auto c = toDisplay ? toDisplay->forward(*lonLat) : std::nullopt;
        if (c) {
            view.extent = {c->x - 1, c->y - 1, c->x + 1, c->y + 1};
            const double unitsPerPixel = scale * 0.0254 / view.dpi / view.groundMetresPerMapUnit();
            const double halfW = unitsPerPixel * view.outputSize.width() / 2;
            const double halfH = unitsPerPixel * view.outputSize.height() / 2;
            view.extent = {c->x - halfW, c->y - halfH, c->x + halfW, c->y + halfH};
            canvas_->setView(view);
        }
    }
    clearCursorPosition();
    showScale();
    return true;
}

bool MainWindow::setBasemap(const std::string& source) {
    std::shared_ptr<const render::Basemap> opened;
    if (!source.empty()) {
        auto basemap = render::Basemap::open(source);
        if (!basemap) {
            QMessageBox::warning(this, tr("Hongtu"),
                                 tr("The basemap could not be added.") + QStringLiteral("\n\n") +
                                     QString::fromStdString(geo::redactConnectionString(basemap.error().toString())));
            return false;
        }
        opened = std::move(basemap).value();
    }
    canvas_->waitForRender();
    basemap_ = opened;
    project_.scene.basemap = basemap_;
    for (auto& [crs, other] : otherCrsScenes_) other.scene.basemap = basemap_;
    canvas_->sceneReplaced();
    statusBar()->showMessage(basemap_ ? tr("Basemap: %1").arg(basemap_->displayName()) : tr("Basemap removed"), 5000);
    return true;
}

void MainWindow::chooseBasemap() {
    QMessageBox choice(this);
    choice.setWindowTitle(tr("Add basemap"));
    choice.setText(tr("A basemap is drawn under the layers. Choose a raster file (GeoTIFF, MBTiles) or enter a tile "
                      "address (XYZ, with {z}/{x}/{y})."));
    QPushButton* file = choice.addButton(tr("Raster file…"), QMessageBox::AcceptRole);
    QPushButton* xyz = choice.addButton(tr("Tile address…"), QMessageBox::AcceptRole);
    QPushButton* remove = basemap_ ? choice.addButton(tr("Remove basemap"), QMessageBox::DestructiveRole) : nullptr;
    choice.addButton(tr("Cancel"), QMessageBox::RejectRole);
    choice.exec();
    if (choice.clickedButton() == file) {
        const QString path = QFileDialog::getOpenFileName(this, tr("Basemap raster"), QString(),
                                                          tr("Rasters (*.tif *.tiff *.mbtiles *.vrt);;All files (*)"));
        if (!path.isEmpty()) setBasemap(path.toStdString());
    } else if (choice.clickedButton() == xyz) {
        const QString url = QInputDialog::getText(this, tr("Tile address"), tr("XYZ tile address:"), QLineEdit::Normal,
                                                  QStringLiteral("https://tile.openstreetmap.org/{z}/{x}/{y}.png"));
        if (!url.isEmpty()) setBasemap(url.toStdString());
    } else if (remove && choice.clickedButton() == remove) {
        setBasemap({});
    }
}

}  // namespace hongtu::ui
