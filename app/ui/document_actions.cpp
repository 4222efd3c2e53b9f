#include "ui/document_actions.hpp"

#include <QFileDialog>
#include <QInputDialog>
#include <QLineEdit>
#include <QMainWindow>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>

#include "hongtu/geo/crs.hpp"
#include "hongtu/geo/datasource.hpp"
#include "ui/map_canvas.hpp"
#include "ui/project_document.hpp"

namespace hongtu::ui {

namespace {
QString describe(const geo::Error& error) { return QString::fromStdString(geo::redactConnectionString(error.toString())); }
}  // namespace

bool DocumentActions::reload(ProjectDocument& document, QMainWindow& window) {
    if (auto done = document.reload(); !done) {
        QMessageBox::warning(&window, tr("Hongtu"), tr("The project could not be read again.") + QStringLiteral("\n\n") + describe(done.error()));
        return false;
    }
    return true;
}

bool DocumentActions::switchCrs(ProjectDocument& document, MapCanvas& canvas, QMainWindow& window, const std::string& crs) {
    if (crs == document.displayCrsOption()) return true;
    // Where the view is now, in lon/lat, and its ground scale.
    const render::MapSettings before = canvas.settings();
    auto toLonLat = geo::Transformer::create(document.scene().displayCrs, "EPSG:4490");
    const auto lonLat = toLonLat ? toLonLat->forward(before.visibleExtent().center()) : std::nullopt;
    const double scale = before.scaleDenominator();
    if (auto done = document.switchCrs(crs); !done) {
        QMessageBox::warning(&window, tr("Hongtu"),
                             tr("The map cannot be shown in this coordinate system.") + QStringLiteral("\n\n") + describe(done.error()));
        return false;
    }
    // Same place, same scale.
    auto toDisplay = geo::Transformer::create("EPSG:4490", document.scene().displayCrs);
    const auto c = lonLat && toDisplay ? toDisplay->forward(*lonLat) : std::nullopt;
    if (!c) return true;
    render::MapSettings view = canvas.settings();
    view.extent = {c->x - 1, c->y - 1, c->x + 1, c->y + 1};
    const double unitsPerPixel = scale * 0.0254 / view.dpi / view.groundMetresPerMapUnit();
    const double halfW = unitsPerPixel * view.outputSize.width() / 2;
    const double halfH = unitsPerPixel * view.outputSize.height() / 2;
    view.extent = {c->x - halfW, c->y - halfH, c->x + halfW, c->y + halfH};
    canvas.setView(view);
    return true;
}

bool DocumentActions::setBasemap(ProjectDocument& document, QMainWindow& window, const std::string& source) {
    if (auto done = document.setBasemap(source); !done) {
        QMessageBox::warning(&window, tr("Hongtu"), tr("The basemap could not be added.") + QStringLiteral("\n\n") + describe(done.error()));
        return false;
    }
    const auto& basemap = document.basemap();
    window.statusBar()->showMessage(basemap ? tr("Basemap: %1").arg(basemap->displayName()) : tr("Basemap removed"), 5000);
    return true;
}

void DocumentActions::chooseBasemap(ProjectDocument& document, QMainWindow& window) {
    QMessageBox choice(&window);
    choice.setWindowTitle(tr("Add basemap"));
    choice.setText(tr(
        "A basemap is drawn under the layers. Choose a raster file (GeoTIFF, MBTiles) or enter a tile "
        "address (XYZ, with {z}/{x}/{y})."));
    QPushButton* file = choice.addButton(tr("Raster file…"), QMessageBox::AcceptRole);
    QPushButton* xyz = choice.addButton(tr("Tile address…"), QMessageBox::AcceptRole);
    QPushButton* remove = document.basemap() ? choice.addButton(tr("Remove basemap"), QMessageBox::DestructiveRole) : nullptr;
    choice.addButton(tr("Cancel"), QMessageBox::RejectRole);
    choice.exec();
    if (choice.clickedButton() == file) {
        const QString path = QFileDialog::getOpenFileName(&window, tr("Basemap raster"), QString(),
                                                          tr("Rasters (*.tif *.tiff *.mbtiles *.vrt);;All files (*)"));
        if (!path.isEmpty()) setBasemap(document, window, path.toStdString());
    } else if (choice.clickedButton() == xyz) {
        const QString url = QInputDialog::getText(&window, tr("Tile address"), tr("XYZ tile address:"), QLineEdit::Normal,
                                                  QStringLiteral("https://tile.openstreetmap.org/{z}/{x}/{y}.png"));
        if (!url.isEmpty()) setBasemap(document, window, url.toStdString());
    } else if (remove && choice.clickedButton() == remove) {
        setBasemap(document, window, {});
    }
}

bool DocumentActions::saveLayerStyle(ProjectDocument& document, QMainWindow& window, const std::string& layerId) {
    const render::SceneLayer* layer = document.scene().find(layerId);
    if (!layer) return false;
    const QString name = layer->displayName;
    window.statusBar()->showMessage(tr("Saving the style of '%1'…").arg(name));
    if (auto saved = document.saveLayerStyle(layerId); !saved) {
        QMessageBox::warning(&window, tr("Hongtu"),
                             tr("The style of layer '%1' could not be saved; the project file is unchanged.").arg(name) +
                                 QStringLiteral("\n\n") + describe(saved.error()));
        return false;
    }
    window.statusBar()->showMessage(tr("Style of '%1' saved in the project.").arg(name), 5000);
    return true;
}

}  // namespace hongtu::ui
