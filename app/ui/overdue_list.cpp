#include "ui/overdue_list.hpp"

#include "render/progress_theme.hpp"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QSignalBlocker>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace hongtu::ui {

void OverdueModel::setEntries(std::shared_ptr<const geo::progress::ProgressModel> model, const geo::progress::Snapshot& snapshot) {
    beginResetModel();
    model_ = std::move(model);
    entries_ = model_->lateProjects(snapshot);
    stages_.clear();
    for (const auto& e : entries_) stages_.push_back(snapshot.states[e.project].stage);
    endResetModel();
}

int OverdueModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : static_cast<int>(entries_.size()); }
int OverdueModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant OverdueModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount() || !model_) return {};
    const std::size_t row = static_cast<std::size_t>(index.row());
    const geo::progress::LateEntry& e = entries_[row];
    const geo::progress::Project& p = model_->projects()[e.project];
    if (role == kProjectRole) return QVariant::fromValue<qulonglong>(e.project);
    if (role == Qt::TextAlignmentRole && index.column() == DaysLate) return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != kSortRole) return {};
    switch (index.column()) {
        case DaysLate: return -e.daysToDue;
        case ProjectId: return QString::fromStdString(p.id);
        case Name: return QString::fromStdString(p.name);
        case Kind: return QString::fromUtf8(geo::progress::kindNameZh(p.kind));
        case County: return QString::fromStdString(model_->countyName(p.countyCode));
        case PlannedCompletion: return p.plannedCompletion ? QString::fromStdString(p.plannedCompletion->iso()) : QString();
        case Stage: return stages_[row] < 0 ? QString() : QString::fromUtf8(render::stageDisplayName(static_cast<geo::progress::Stage>(stages_[row])));
        default: return {};
    }
}

QVariant OverdueModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
        case DaysLate: return tr("Days late");
        case ProjectId: return tr("Project");
        case Name: return tr("Village / township");
        case Kind: return tr("Kind");
        case County: return tr("County");
        case PlannedCompletion: return tr("Planned completion");
        case Stage: return tr("Status");
        default: return {};
    }
}

OverdueList::OverdueList(QWidget* parent) : QWidget(parent) {
    title_ = new QLabel(this);
    title_->setWordWrap(true);
    model_ = new OverdueModel(this);
    proxy_ = new QSortFilterProxyModel(this);
    proxy_->setSourceModel(model_);
    proxy_->setSortRole(OverdueModel::kSortRole);
    table_ = new QTableView(this);
    table_->setObjectName(QStringLiteral("overdueTable"));
    table_->setModel(proxy_);
    table_->setSortingEnabled(true);
    table_->sortByColumn(OverdueModel::DaysLate, Qt::DescendingOrder);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    connect(table_, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        emit projectChosen(static_cast<std::size_t>(index.data(OverdueModel::kProjectRole).toULongLong()));
    });
    connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& current) {
        if (current.isValid() && !quiet_)
            emit projectSelected(static_cast<std::size_t>(current.data(OverdueModel::kProjectRole).toULongLong()));
    });
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(title_);
    layout->addWidget(table_, 1);
}

void OverdueList::show(std::shared_ptr<const geo::progress::ProgressModel> model, geo::Date asOf, int dueSoonDays) {
    const geo::progress::Snapshot snapshot = model->evaluate(asOf, {dueSoonDays});
    model_->setEntries(std::move(model), snapshot);
    title_->setText(tr("%n project(s) overdue as of %1 (unfinished, planned completion before that day). Double-click to show one on the map.",
                       "", model_->rowCount())
                        .arg(QString::fromStdString(asOf.iso())));
}

}  // namespace hongtu::ui

namespace hongtu::ui {

void OverdueList::selectProject(std::optional<std::size_t> project) {
    quiet_ = true;
    QItemSelectionModel* selection = table_->selectionModel();
    QModelIndex found;
    if (project)
        for (int r = 0; r < proxy_->rowCount() && !found.isValid(); ++r)
            if (proxy_->index(r, 0).data(OverdueModel::kProjectRole).toULongLong() == *project) found = proxy_->index(r, 0);
    if (found.isValid()) {
        selection->setCurrentIndex(found, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        table_->scrollTo(found);
    } else {
        selection->clear();
    }
    quiet_ = false;
}

std::optional<std::size_t> OverdueList::selectedProject() const {
    const QModelIndex current = table_->selectionModel()->currentIndex();
    if (!current.isValid() || !table_->selectionModel()->isRowSelected(current.row(), {})) return std::nullopt;
    return static_cast<std::size_t>(current.data(OverdueModel::kProjectRole).toULongLong());
}

}  // namespace hongtu::ui
