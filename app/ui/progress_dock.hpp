#pragma once
// 统计: construction progress per county as of the slider's date — a sortable table (planned,
// started, completed, accepted, overdue, completion rate, budget of the started projects), the
// completion rate by county as a bar chart, and the cumulative completions per month against
// the programme's target. Clicking a county (row or bar) asks the map to show it.

#include <QAbstractTableModel>
#include <QWidget>

#include <memory>
#include <string>
#include <vector>

#include "hongtu/geo/progress/progress.hpp"

class QBarCategoryAxis;
class QBarSet;
class QChart;
class QChartView;
class QLabel;
class QLineSeries;
class QSortFilterProxyModel;
class QTableView;

namespace hongtu::ui {

class CountyProgressModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Name,
                  Planned,
                  Started,
                  Completed,
                  Accepted,
                  Overdue,
                  Rate,
                  BudgetStarted,
                  ColumnCount };
    static constexpr int kSortRole = Qt::UserRole;
    static constexpr int kCodeRole = Qt::UserRole + 1;

    using QAbstractTableModel::QAbstractTableModel;
    void setRows(std::vector<geo::progress::AreaProgress> rows);
    [[nodiscard]] const std::vector<geo::progress::AreaProgress>& rows() const { return rows_; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<geo::progress::AreaProgress> rows_;
};

// "87.6%", or "none planned" (无计划) when nothing is planned: never 0%.
[[nodiscard]] QString formatRate(std::optional<double> rate);
// A bar's axis label: the county and its rate, "方山县  5.9%" (the value stays outside the bar).
[[nodiscard]] QString barLabel(const QString& county, std::optional<double> rate);

class ProgressDock : public QWidget {
    Q_OBJECT

public:
    explicit ProgressDock(QWidget* parent = nullptr);

    // A new model (load or edit): recomputes the monthly curve, then shows `asOf`.
    void setModel(std::shared_ptr<const geo::progress::ProgressModel> model, geo::Date asOf);
    // Same model, another day: table, bars, city line and the day marker follow.
    void showAsOf(geo::Date asOf);

    [[nodiscard]] CountyProgressModel* tableModel() const { return model_; }
    [[nodiscard]] QTableView* table() const { return table_; }
    [[nodiscard]] QLabel* cityLabel() const { return city_; }
    [[nodiscard]] QBarSet* barSet() const { return bars_; }
    [[nodiscard]] QBarCategoryAxis* barAxis() const { return barAxis_; }
    [[nodiscard]] QLineSeries* cumulativeSeries() const { return cumulative_; }
    [[nodiscard]] const geo::progress::Tally& cityTally() const { return cityTally_; }

signals:
    void countyChosen(const QString& countyCode);

private:
    void rebuildCurve();
    void rebuildBars(const std::vector<std::string>& codes);

    std::shared_ptr<const geo::progress::ProgressModel> progress_;
    geo::Date asOf_;
    geo::progress::Tally cityTally_;
    QLabel* city_ = nullptr;
    CountyProgressModel* model_ = nullptr;
    QSortFilterProxyModel* proxy_ = nullptr;
    QTableView* table_ = nullptr;
    QChart* barChart_ = nullptr;
    QBarSet* bars_ = nullptr;
    QBarCategoryAxis* barAxis_ = nullptr;
    QChart* curveChart_ = nullptr;
    QLineSeries* cumulative_ = nullptr;
    QLineSeries* target_ = nullptr;
    QLineSeries* marker_ = nullptr;
    std::vector<std::string> barCounties_;  // county code per bar
};

}  // namespace hongtu::ui
