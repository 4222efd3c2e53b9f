#pragma once
// The join report as Qt models for the import dialog: one row per table row (sortable,
// filterable by status and text), and the units of the target level that no row matched.
// The models hold their own copy of the report and the units; nothing is shared with geo.

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>
#include <QString>

#include <array>

#include "hongtu/geo/join.hpp"

namespace hongtu::ui {

inline constexpr std::array kJoinStatuses{
    geo::JoinStatus::Matched,
    geo::JoinStatus::Unmatched,
    geo::JoinStatus::Ambiguous,
    geo::JoinStatus::Duplicate,
    geo::JoinStatus::InvalidCode,
    geo::JoinStatus::PrefixMismatch,
    geo::JoinStatus::OutsideArea,
    geo::JoinStatus::InvalidCoordinates,
};

// The planner's word for a status (已匹配, 未匹配, ...; English source strings).
[[nodiscard]] QString joinStatusText(geo::JoinStatus status);
// The level's word for the UI: 村 / 乡镇 / 县.
[[nodiscard]] QString adminLevelText(geo::AdminLevel level);

class JoinReportModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { RowColumn,
                  StatusColumn,
                  KeyColumn,
                  CodeColumn,
                  NameColumn,
                  CandidatesColumn,
                  MessageColumn,
                  ColumnCount };
    // Sorting uses this role: numbers for the row, the status's enum order for the status.
    static constexpr int SortRole = Qt::UserRole + 1;
    static constexpr int StatusRole = Qt::UserRole + 2;  // int(geo::JoinStatus)

    explicit JoinReportModel(QObject* parent = nullptr);

    void setReport(geo::JoinReport report, geo::AdminUnits units);
    [[nodiscard]] const geo::JoinReport& report() const { return report_; }
    [[nodiscard]] const geo::AdminUnits& units() const { return units_; }

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    [[nodiscard]] const geo::AdminUnit* matchedUnit(const geo::JoinRow& row) const;

    geo::JoinReport report_;
    geo::AdminUnits units_;
};

// The units of the report's level (in the table's counties) that no row matched.
class UnitsWithoutRowModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { CodeColumn,
                  NameColumn,
                  CountyColumn,
                  ColumnCount };

    explicit UnitsWithoutRowModel(QObject* parent = nullptr);
    void setReport(const geo::JoinReport& report, const geo::AdminUnits& units);

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row {
        QString code, name, county;
    };
    std::vector<Row> rows_;
};

// Filters report rows by status and by text in any column (case-insensitive).
class JoinReportFilter : public QSortFilterProxyModel {
    Q_OBJECT

public:
    // Combo data of the status filter: a status as int, or one of these.
    static constexpr int AllStatuses = -1;
    static constexpr int NotMatched = -2;

    explicit JoinReportFilter(QObject* parent = nullptr);
    void setStatusFilter(int statusOrMode);
    [[nodiscard]] int statusFilter() const { return statusFilter_; }

protected:
    [[nodiscard]] bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    int statusFilter_ = AllStatuses;
};

}  // namespace hongtu::ui
