#include "ui/feature_panels.hpp"

#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "hongtu/geo/names.hpp"
#include "ui/field_labels.hpp"
#include "ui/wrapping_rows.hpp"

#include <algorithm>

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
    wrapRows(tree_);  // a long value (a source, opening hours) wraps instead of ending in "…"
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
    if (!layer || feature.item >= layer->attributes.rowCount()) return showNothing();
    title_->setText(layer->displayName);
    const std::vector<geo::Value> values = layer->attributes.row(feature.item);
    for (std::size_t i = 0; i < layer->fields.size() && i < values.size(); ++i) {
        const std::string& field = layer->fields[i].name;
        if (hiddenByDefault(field)) continue;  // name_en, provenance codes: the attribute table has them
        auto* row = new QTreeWidgetItem(tree_);
        // The field's title (项目编号), its stored name in the tooltip and the item's data.
        row->setText(0, fieldLabel(titles_, layer->id, field));
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
        const QVariant hit = item ? item->data(Qt::UserRole) : QVariant();
        if (!hit.isValid()) return;  // a heading
        const auto i = static_cast<std::size_t>(hit.toInt());
        if (i < hits_.size()) emit featureChosen(hits_[i].feature);
    });
    connect(results_, &QListWidget::itemClicked, results_, &QListWidget::itemActivated);
}

namespace {

// Groups in the order the list shows them.
int kindOrder(const std::string& layerId) {
    if (layerId == "counties") return 0;
    if (layerId == "townships") return 1;
    if (layerId == "villages") return 2;
    if (layerId.find("project") != std::string::npos) return 3;
    if (layerId == "memorial_sites") return 4;
    return 5;
}

// Memorial sites in a township or village whose name matches: 蔡家崖 -> the halls of 蔡家崖乡.
void addSitesByPlace(const render::Scene& scene, const QString& query, std::vector<render::SearchHit>& hits) {
    const render::SceneLayer* sites = scene.find("memorial_sites");
    const std::string q = geo::normalizeWidthAndSpace(query.trimmed().toStdString());
    if (!sites || q.empty()) return;
    const std::string qTownship = geo::normalizeTownshipName(q), qVillage = geo::normalizeVillageName(q);
    for (std::size_t i = 0; i < sites->itemCount(); ++i) {
        const bool already = std::any_of(hits.begin(), hits.end(), [&](const render::SearchHit& h) {
            return h.feature.layerId == sites->id && h.feature.item == i;
        });
        if (already) continue;
        const std::string township = sites->text(i, "township"), village = sites->text(i, "village");
        const bool inTownship = !township.empty() && (geo::normalizeTownshipName(township) == qTownship || township.find(q) != std::string::npos);
        const bool inVillage = !village.empty() && (geo::normalizeVillageName(village) == qVillage || village.find(q) != std::string::npos);
        if (!inTownship && !inVillage) continue;
        std::string name = sites->text(i, "name_zh");
        if (name.empty()) name = sites->text(i, "name");
        hits.push_back({{sites->id, i}, QString::fromStdString(name), QString::fromStdString(sites->text(i, "id")), QString::fromStdString(sites->text(i, "county") + (inVillage ? township + village : township)), 6});
    }
}

}  // namespace

QString SearchPanel::kindOfLayer(const std::string& layerId) {
    switch (kindOrder(layerId)) {
        case 0: return tr("County");
        case 1: return tr("Township");
        case 2: return tr("Village");
        case 3: return tr("Project");
        case 4: return tr("Memorial site");
        default: return tr("Other");
    }
}

QListWidgetItem* SearchPanel::hitItem(int i) const {
    for (int r = 0; r < results_->count(); ++r)
        if (results_->item(r)->data(Qt::UserRole).isValid() && results_->item(r)->data(Qt::UserRole).toInt() == i) return results_->item(r);
    return nullptr;
}

int SearchPanel::search(const QString& query) {
    results_->clear();
    hits_ = scene_ ? render::searchFeatures(*scene_, query) : std::vector<render::SearchHit>{};
    if (scene_) addSitesByPlace(*scene_, query, hits_);
    // Groups by kind, each under a heading; within a group the best first.
    std::vector<std::size_t> order(hits_.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [this](std::size_t a, std::size_t b) {
        return kindOrder(hits_[a].feature.layerId) < kindOrder(hits_[b].feature.layerId);
    });
    int group = -1;
    for (std::size_t i : order) {
        const auto& hit = hits_[i];
        const render::SceneLayer* layer = scene_->find(hit.feature.layerId);
        const int g = kindOrder(hit.feature.layerId);
        const QString kind = kindOfLayer(hit.feature.layerId);
        if (g != group) {
            group = g;
            auto* heading = new QListWidgetItem(kind, results_);
            QFont bold = heading->font();
            bold.setBold(true);
            heading->setFont(bold);
            heading->setFlags(Qt::NoItemFlags);
            heading->setForeground(palette().color(QPalette::WindowText));
            heading->setBackground(palette().color(QPalette::AlternateBase));
        }
        // The kind in brackets: a housing project and its township read apart.
        QString text = QStringLiteral("  ") + hit.name;
        if (layer && g >= 3) text += QStringLiteral("（") + layer->displayName + QStringLiteral("）");
        if (!hit.where.isEmpty()) text += QStringLiteral("，") + hit.where;
        if (!hit.code.isEmpty()) text += QStringLiteral("  ") + hit.code;
        auto* item = new QListWidgetItem(text, results_);
        item->setData(Qt::UserRole, static_cast<int>(i));
        item->setToolTip(kind + (layer ? QStringLiteral(" · ") + layer->displayName : QString()));
    }
    status_->setText(query.trimmed().isEmpty() ? QString() : tr("%n result(s)", "", static_cast<int>(hits_.size())));
    if (!hits_.empty()) {
        results_->setCurrentItem(hitItem(0));
        emit featureChosen(hits_.front().feature);
    }
    return static_cast<int>(hits_.size());
}

}  // namespace hongtu::ui
