#include "ui/layer_controls.hpp"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QVBoxLayout>

#include "ui/layer_panel.hpp"

namespace hongtu::ui {

LayerControls::LayerControls(LayerPanel* panel, QWidget* parent) : QWidget(parent), panel_(panel) {
    up_ = new QPushButton(tr("Up"), this);
    up_->setObjectName(QStringLiteral("layerUpButton"));
    up_->setToolTip(tr("Draw the chosen layer above the next one"));
    down_ = new QPushButton(tr("Down"), this);
    down_->setObjectName(QStringLiteral("layerDownButton"));
    down_->setToolTip(tr("Draw the chosen layer below the previous one"));
    style_ = new QPushButton(tr("Style…"), this);
    style_->setObjectName(QStringLiteral("layerStyleButton"));
    opacity_ = new QSlider(Qt::Horizontal, this);
    opacity_->setObjectName(QStringLiteral("layerOpacitySlider"));
    opacity_->setRange(0, 100);
    opacityLabel_ = new QLabel(this);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(up_);
    buttons->addWidget(down_);
    buttons->addWidget(style_);
    auto* opacityRow = new QHBoxLayout;
    opacityRow->addWidget(new QLabel(tr("Opacity"), this));
    opacityRow->addWidget(opacity_, 1);
    opacityRow->addWidget(opacityLabel_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    layout->addLayout(buttons);
    layout->addLayout(opacityRow);

    connect(up_, &QPushButton::clicked, this, [this] { if (!currentId().isEmpty()) emit moveRequested(currentId(), +1); });
    connect(down_, &QPushButton::clicked, this, [this] { if (!currentId().isEmpty()) emit moveRequested(currentId(), -1); });
    connect(style_, &QPushButton::clicked, this, [this] { if (!currentId().isEmpty()) emit styleRequested(currentId()); });
    connect(panel_, &QListWidget::itemDoubleClicked, this, [this] { if (!currentId().isEmpty()) emit styleRequested(currentId()); });
    connect(opacity_, &QSlider::valueChanged, this, [this](int v) {
        opacityLabel_->setText(QStringLiteral("%1%").arg(v));
        const QString id = currentId();
        if (id.isEmpty() || opacities_[id] == v) return;
        opacities_[id] = v;
        emit opacityChanged(id, v / 100.0);
        if (!opacity_->isSliderDown()) emit opacityCommitted(id, v / 100.0);  // keyboard, wheel, tests
    });
    connect(opacity_, &QSlider::sliderReleased, this, [this] {
        if (!currentId().isEmpty()) emit opacityCommitted(currentId(), opacity_->value() / 100.0);
    });
    connect(panel_, &QListWidget::currentRowChanged, this, &LayerControls::currentChanged);
    currentChanged();
}

QString LayerControls::currentId() const {
    const QListWidgetItem* item = panel_->currentItem();
    return item ? item->data(Qt::UserRole).toString() : QString();
}

void LayerControls::setOpacityOf(const QString& layerId, int percent) {
    opacities_[layerId] = percent;
    if (layerId == currentId()) currentChanged();
}

void LayerControls::currentChanged() {
    const QString id = currentId();
    const bool any = !id.isEmpty();
    const int row = panel_->currentRow();
    up_->setEnabled(any && row > 0);
    down_->setEnabled(any && row + 1 < panel_->count());
    style_->setEnabled(any);
    opacity_->setEnabled(any);
    const auto it = opacities_.find(id);
    const int v = it == opacities_.end() ? 100 : it->second;
    opacity_->blockSignals(true);
    opacity_->setValue(v);
    opacity_->blockSignals(false);
    opacityLabel_->setText(QStringLiteral("%1%").arg(v));
}

}  // namespace hongtu::ui
