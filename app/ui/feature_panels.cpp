#include "ui/feature_panels.hpp"

#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "ui/field_labels.hpp"

namespace hongtu::ui {

FeatureInfoPanel::FeatureInfoPanel(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    title_ = new QLabel(this);
    title_->setWordWrap(true);
    QFont bold = title_->font();
    bold.setBold(true);
    title_->setFont(bold);
    tree_ = new QTreeWidget(this);
    tree_->setColumnCount(2);
    tree_->setHeaderLabels({tr("Field"), tr("Value")});
    tree_->setRootIsDecorated(false);
    tree_->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    layout->addWidget(title_);
    layout->addWidget(tree_, 1);
    showNothing();
}

void FeatureInfoPanel::showNothing() {
    title_->setText(tr("Click a feature on the map to see its attributes."));
    tree_->clear();
}

void FeatureInfoPanel::showFeature(const render::Scene& scene, const render::FeatureRef& feature) {
    tree_->clear();
    const render::SceneLayer* layer = scene.find(feature.layerId);
    if (!layer || feature.item >= layer->attributes.size()) return showNothing();
    title_->setText(layer->displayName);
    const auto& values = layer->attributes[feature.item];
    for (std::size_t i = 0; i < layer->fields.size() && i < values.size(); ++i) {
        const std::string& field = layer->fields[i].name;
        if (hiddenByDefault(field)) continue;  // name_en, provenance codes: the attribute table has them
        auto* row = new QTreeWidgetItem(tree_);
        // The field's title (项目编号), its stored name in the tooltip and the item's data.
        row->setText(0, fieldLabel(field));
        row->setData(0, Qt::UserRole, QString::fromStdString(field));
        row->setToolTip(0, QString::fromStdString(field));
        // Shares and coordinates to 8 significant digits: the rest is noise of the computation.
        const auto* real = std::get_if<double>(&values[i]);
        const QString stored = real ? QString::number(*real, 'g', 8) : QString::fromStdString(geo::toText(values[i]));
        const QString value = valueLabel(field, stored);
        row->setText(1, value);
        row->setData(1, Qt::UserRole, stored);
        row->setToolTip(1, value == stored ? value : value + QStringLiteral("\n(") + stored + QLatin1Char(')'));
    }
}

QString FeatureInfoPanel::valueOf(const QString& field) const {
    for (int i = 0; i < tree_->topLevelItemCount(); ++i)
        if (tree_->topLevelItem(i)->data(0, Qt::UserRole).toString() == field) return tree_->topLevelItem(i)->data(1, Qt::UserRole).toString();
    return {};
}

QString FeatureInfoPanel::shownValueOf(const QString& field) const {
    for (int i = 0; i < tree_->topLevelItemCount(); ++i)
        if (tree_->topLevelItem(i)->data(0, Qt::UserRole).toString() == field) return tree_->topLevelItem(i)->text(1);
    return {};
}

SearchPanel::SearchPanel(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    edit_ = new QLineEdit(this);
    edit_->setPlaceholderText(tr("Name or code of a village, township, county or site"));
    edit_->setClearButtonEnabled(true);
    status_ = new QLabel(this);
    results_ = new QListWidget(this);
    layout->addWidget(edit_);
    layout->addWidget(status_);
    layout->addWidget(results_, 1);
    connect(edit_, &QLineEdit::returnPressed, this, [this] { search(edit_->text()); });
    connect(results_, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        const int i = results_->row(item);
        if (i >= 0 && static_cast<std::size_t>(i) < hits_.size()) emit featureChosen(hits_[static_cast<std::size_t>(i)].feature);
    });
    connect(results_, &QListWidget::itemClicked, results_, &QListWidget::itemActivated);
}

int SearchPanel::search(const QString& query) {
    results_->clear();
    hits_ = scene_ ? render::searchFeatures(*scene_, query) : std::vector<render::SearchHit>{};
    for (const auto& hit : hits_) {
        const render::SceneLayer* layer = scene_->find(hit.feature.layerId);
        QString text = hit.name;
        if (!hit.where.isEmpty()) text += QStringLiteral("，") + hit.where;
        if (!hit.code.isEmpty()) text += QStringLiteral("  ") + hit.code;
        auto* item = new QListWidgetItem(text, results_);
        item->setToolTip(layer ? layer->displayName : QString());
    }
    status_->setText(query.trimmed().isEmpty() ? QString() : tr("%n result(s)", "", static_cast<int>(hits_.size())));
    if (!hits_.empty()) {
        results_->setCurrentRow(0);
        emit featureChosen(hits_.front().feature);
    }
    return static_cast<int>(hits_.size());
}

}  // namespace hongtu::ui
