#include "ui/status_readouts.hpp"

#include <QLabel>
#include <QLocale>
#include <QStatusBar>

#include "ui/map_canvas.hpp"
#include "ui/project_document.hpp"
#include "ui/status_format.hpp"

namespace hongtu::ui {

StatusReadouts::StatusReadouts(const ProjectDocument& document, const MapCanvas& canvas, QStatusBar& statusBar)
    : QObject(&statusBar), document_(document), canvas_(canvas) {
    loading_ = new QLabel(&statusBar);
    loading_->setObjectName(QStringLiteral("loadingLayers"));
    statusBar.addPermanentWidget(loading_);
    projected_ = new QLabel(&statusBar);
    lonLat_ = new QLabel(&statusBar);
    scale_ = new QLabel(&statusBar);
    statusBar.addPermanentWidget(projected_);
    statusBar.addPermanentWidget(lonLat_);
    statusBar.addPermanentWidget(scale_);
    connect(&canvas, &MapCanvas::cursorMoved, this, &StatusReadouts::showCursorPosition);
    connect(&canvas, &MapCanvas::cursorLeft, this, &StatusReadouts::clearCursorPosition);
    connect(&canvas, &MapCanvas::settingsChanged, this, &StatusReadouts::showScale);
    connect(&document, &ProjectDocument::changed, this, [this](ProjectDocument::Changes what) {
        if (what & ProjectDocument::Change::Crs) followCrs();
    });
    connect(&document, &ProjectDocument::loadingChanged, this, &StatusReadouts::showLoading);
    followCrs();
    showLoading();
}

void StatusReadouts::showLoading() {
    const auto pending = document_.pendingLayers();
    loading_->setVisible(document_.isLoading());
    if (!document_.isLoading()) return;
    const QLocale locale;
    QStringList items;
    for (const auto& layer : pending)
        items << tr("%1 (%2)").arg(layer.displayName, locale.toString(static_cast<qlonglong>(layer.featureCount)));
    loading_->setText(tr("Loading: %1…").arg(items.join(tr(", "))));
}

void StatusReadouts::followCrs() {
    toLonLat_.reset();
    if (auto t = geo::Transformer::create(document_.scene().displayCrs, "EPSG:4490")) toLonLat_.emplace(std::move(t).value());
    clearCursorPosition();
    showScale();
}

void StatusReadouts::showCursorPosition(QPointF mapPosition) {
    projected_->setText(tr("E %1  N %2 (%3)")
                            .arg(formatMetres(mapPosition.x()), formatMetres(mapPosition.y()),
                                 QString::fromStdString(document_.scene().displayCrs)));
    const auto lonLat = toLonLat_ ? toLonLat_->forward(geo::XY{mapPosition.x(), mapPosition.y()}) : std::nullopt;
    lonLat_->setText(lonLat ? QStringLiteral("%1  %2").arg(formatLongitude(lonLat->x), formatLatitude(lonLat->y)) : QString());
}

void StatusReadouts::clearCursorPosition() {
    projected_->setText(QString::fromStdString(document_.scene().displayCrs));
    lonLat_->clear();
}

void StatusReadouts::showScale() { scale_->setText(tr("Scale %1").arg(formatScale(canvas_.settings().scaleDenominator()))); }

}  // namespace hongtu::ui
