#include "ui/attribute_table.hpp"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

#include "ui/field_labels.hpp"

namespace hongtu::ui {

namespace {
constexpr int kSortRole = Qt::UserRole + 1;
}

LayerTableModel::LayerTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void LayerTableModel::setLayer(const render::SceneLayer* layer) {
    beginResetModel();
    layer_ = layer;
    endResetModel();
}

int LayerTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() || !layer_ ? 0 : static_cast<int>(layer_->attributes.rowCount());
}

int LayerTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() || !layer_ ? 0 : static_cast<int>(layer_->fields.size());
}

QVariant LayerTableModel::data(const QModelIndex& index, int role) const {
    if (!layer_ || !index.isValid()) return {};
    const std::size_t column = static_cast<std::size_t>(index.column());
    if (column >= layer_->attributes.columnCount()) return {};
    const geo::Value v = layer_->attributes.value(static_cast<std::size_t>(index.row()), column);
    if (role == kSortRole) {
        if (const auto* i = std::get_if<std::int64_t>(&v)) return static_cast<qlonglong>(*i);
        if (const auto* d = std::get_if<double>(&v)) return *d;
        return QString::fromStdString(geo::toText(v));
    }
    if (role == Qt::DisplayRole) {
        if (const auto* d = std::get_if<double>(&v)) return QString::number(*d, 'g', 8);
        return valueLabel(layer_->fields[column].name, QString::fromStdString(geo::toText(v)));
    }
    if (role == Qt::ToolTipRole) return QString::fromStdString(geo::toText(v));  // as stored
    return {};
}

QVariant LayerTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (!layer_ || (role != Qt::DisplayRole && role != Qt::ToolTipRole)) return {};
    // The field's title (计划完工日期); its stored name in the tooltip.
    if (orientation == Qt::Horizontal && section < static_cast<int>(layer_->fields.size())) {
        const std::string& field = layer_->fields[static_cast<std::size_t>(section)].name;
        return role == Qt::DisplayRole ? fieldLabel(titles_, layer_->id, field) : QString::fromStdString(field);
    }
    return {};
}

AttributeTable::AttributeTable(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto* top = new QHBoxLayout;
    layerBox_ = new QComboBox(this);
    layerBox_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    filter_ = new QLineEdit(this);
    filter_->setPlaceholderText(tr("Filter: text in any column"));
    filter_->setClearButtonEnabled(true);
    count_ = new QLabel(this);
    top->addWidget(new QLabel(tr("Layer:"), this));
    top->addWidget(layerBox_);
    top->addWidget(filter_, 1);
    top->addWidget(count_);
    layout->addLayout(top);

    model_ = new LayerTableModel(this);
    proxy_ = new QSortFilterProxyModel(this);
    proxy_->setSourceModel(model_);
    proxy_->setSortRole(kSortRole);
    proxy_->setFilterKeyColumn(-1);
    proxy_->setFilterCaseSensitivity(Qt::CaseInsensitive);
    view_ = new QTableView(this);
    view_->setModel(proxy_);
    view_->setSortingEnabled(true);
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setAlternatingRowColors(true);
    view_->setWordWrap(false);
    view_->verticalHeader()->setDefaultSectionSize(view_->fontMetrics().height() + 6);
    layout->addWidget(view_, 1);

    const auto updateCount = [this] {
        count_->setText(tr("%1 of %2").arg(proxy_->rowCount()).arg(model_->rowCount()));
    };
    connect(layerBox_, &QComboBox::currentIndexChanged, this, [this] { showLayer(layerBox_->currentData().toString().toStdString()); });
    connect(filter_, &QLineEdit::textChanged, proxy_, &QSortFilterProxyModel::setFilterFixedString);
    connect(proxy_, &QAbstractItemModel::modelReset, this, updateCount);
    connect(proxy_, &QAbstractItemModel::rowsInserted, this, updateCount);
    connect(proxy_, &QAbstractItemModel::rowsRemoved, this, updateCount);
    connect(proxy_, &QSortFilterProxyModel::layoutChanged, this, updateCount);
    connect(view_->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        if (!syncing_) emitSelection();
    });
}

void AttributeTable::setScene(const render::Scene* scene) {
    scene_ = scene;
    model_->setLayer(nullptr);  // a new scene may reuse the old layer's address
    const QString current = layerBox_->currentData().toString();
    layerBox_->blockSignals(true);
    layerBox_->clear();
    if (scene_)
        for (auto it = scene_->layers.rbegin(); it != scene_->layers.rend(); ++it)
            layerBox_->addItem(it->displayName, QString::fromStdString(it->id));
    const int keep = layerBox_->findData(current);
    layerBox_->setCurrentIndex(keep >= 0 ? keep : 0);
    layerBox_->blockSignals(false);
    showLayer(layerBox_->currentData().toString().toStdString());
}

void AttributeTable::showLayer(const std::string& layerId) {
    const render::SceneLayer* layer = scene_ ? scene_->find(layerId) : nullptr;
    if (layer == model_->layer()) return;
    model_->setLayer(layer);
    const int i = layerBox_->findData(QString::fromStdString(layerId));
    if (i >= 0 && i != layerBox_->currentIndex()) {
        layerBox_->blockSignals(true);
        layerBox_->setCurrentIndex(i);
        layerBox_->blockSignals(false);
    }
    view_->sortByColumn(0, Qt::AscendingOrder);  // the code column: the order of the division list
    view_->resizeColumnsToContents();
}

void AttributeTable::showSelection(const std::vector<render::FeatureRef>& features) {
    // A single feature of another layer switches the table to that layer.
    if (features.size() == 1 && (!model_->layer() || features.front().layerId != model_->layer()->id))
        showLayer(features.front().layerId);
    syncing_ = true;
    QItemSelection selection;
    QModelIndex first;
    for (const auto& f : features) {
        if (!model_->layer() || f.layerId != model_->layer()->id) continue;
        const QModelIndex source = model_->index(static_cast<int>(f.item), 0);
        const QModelIndex row = proxy_->mapFromSource(source);
        if (!row.isValid()) continue;  // filtered out
        selection.select(row, row.siblingAtColumn(std::max(0, proxy_->columnCount() - 1)));
        if (!first.isValid()) first = row;
    }
    view_->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    if (first.isValid()) view_->scrollTo(first);
    syncing_ = false;
}

void AttributeTable::emitSelection() {
    std::vector<render::FeatureRef> features;
    if (!model_->layer()) return;
    for (const QModelIndex& row : view_->selectionModel()->selectedRows())
        features.push_back({model_->layer()->id, static_cast<std::size_t>(proxy_->mapToSource(row).row())});
    emit selectionChanged(features);
}

}  // namespace hongtu::ui
