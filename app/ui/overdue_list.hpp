#pragma once
// 逾期项目: the projects late on the as-of date (unfinished, planned completion before it),
// sortable by days late (most late first to start with). Double-clicking one shows its village
// (or township) on the map.

#include <QAbstractTableModel>
#include <QWidget>

#include <memory>
#include <optional>
#include <vector>

#include "hongtu/geo/progress/progress.hpp"

class QLabel;
class QSortFilterProxyModel;
class QTableView;

namespace hongtu::ui {

class OverdueModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { DaysLate,
                  ProjectId,
                  Name,
                  Kind,
                  County,
                  PlannedCompletion,
                  Stage,
                  ColumnCount };
    static constexpr int kSortRole = Qt::UserRole;
    static constexpr int kProjectRole = Qt::UserRole + 1;  // index into the model's projects

    using QAbstractTableModel::QAbstractTableModel;
    void setEntries(std::shared_ptr<const geo::progress::ProgressModel> model, const geo::progress::Snapshot& snapshot);
    [[nodiscard]] const std::vector<geo::progress::LateEntry>& entries() const { return entries_; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::shared_ptr<const geo::progress::ProgressModel> model_;
    std::vector<geo::progress::LateEntry> entries_;
    std::vector<std::int8_t> stages_;  // stage on the as-of day per entry (-1 none)
};

class OverdueList : public QWidget {
    Q_OBJECT

public:
    explicit OverdueList(QWidget* parent = nullptr);
    void show(std::shared_ptr<const geo::progress::ProgressModel> model, geo::Date asOf, int dueSoonDays = 30);

    [[nodiscard]] OverdueModel* model() const { return model_; }
    [[nodiscard]] QTableView* table() const { return table_; }
    // Selects the project's row (nothing: clears the selection) without emitting projectSelected.
    void selectProject(std::optional<std::size_t> project);
    // The project of the selected row.
    [[nodiscard]] std::optional<std::size_t> selectedProject() const;

signals:
    void projectChosen(std::size_t project);    // double-click: show it on the map
    void projectSelected(std::size_t project);  // the selected row changed (click, arrow keys)

private:
    QLabel* title_ = nullptr;
    OverdueModel* model_ = nullptr;
    QSortFilterProxyModel* proxy_ = nullptr;
    QTableView* table_ = nullptr;
    bool quiet_ = false;  // selectProject() is choosing the row
};

}  // namespace hongtu::ui
