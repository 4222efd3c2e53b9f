#include "ui/layer_panel.hpp"

#include <QIcon>
#include <QPixmap>

#include <algorithm>

#include "render/legend_swatch.hpp"

namespace hongtu::ui {

namespace {
constexpr int kLayerIdRole = Qt::UserRole;
}

LayerPanel::LayerPanel(const render::Scene& scene, const std::vector<std::string>& visibleLayerIds, QWidget* parent)
    : QListWidget(parent) {
    const int swatchPx = 20;
    setIconSize({swatchPx, swatchPx});
    // A long layer name (乡镇周转房（项目）（示意位置）（153）) wraps in a narrow dock instead of
    // running off to the right; the rows follow the panel's width.
    setWordWrap(true);
    setTextElideMode(Qt::ElideNone);
    setResizeMode(QListView::Adjust);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    const double dpi = logicalDpiX();
    for (auto it = scene.layers.rbegin(); it != scene.layers.rend(); ++it) {
        auto* item = new QListWidgetItem(this);
        item->setText(QStringLiteral("%1 (%2)").arg(it->displayName).arg(it->featureCount()));
        item->setData(kLayerIdRole, QString::fromStdString(it->id));
        item->setIcon(QIcon(QPixmap::fromImage(render::renderLegendSwatch(it->style, it->kind, {swatchPx, swatchPx}, dpi))));
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
        const bool visible =
            std::find(visibleLayerIds.begin(), visibleLayerIds.end(), it->id) != visibleLayerIds.end();
        item->setCheckState(visible ? Qt::Checked : Qt::Unchecked);
    }
    connect(this, &QListWidget::itemChanged, this, [this](QListWidgetItem* item) {
        emit layerVisibilityChanged(item->data(kLayerIdRole).toString(), item->checkState() == Qt::Checked);
    });
}

QListWidgetItem* LayerPanel::itemFor(const std::string& layerId) const {
    const QString id = QString::fromStdString(layerId);
    for (int row = 0; row < count(); ++row)
        if (item(row)->data(kLayerIdRole).toString() == id) return item(row);
    return nullptr;
}

}  // namespace hongtu::ui
