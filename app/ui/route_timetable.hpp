#pragma once
// The route panel's timetable: one row per event of a plan (render::timetableRows: leaving,
// each visit, arriving for the night or at the end, each stop left out). Rows with a broken
// opening window or limit are red, stops left out grey and italic.

#include <QColor>
#include <QTableView>

#include <vector>

#include "render/route_layers.hpp"

class QStandardItemModel;

namespace hongtu::ui {

// The red of a broken window or limit, in the timetable and the order list.
[[nodiscard]] QColor routeViolationText();

class RouteTimetable : public QTableView {
    Q_OBJECT

public:
    explicit RouteTimetable(QWidget* parent = nullptr);

    // Fills the table with the plan's timetable; empty for null.
    void showPlan(const render::RoutePlan* plan);
    [[nodiscard]] QStandardItemModel* items() const { return items_; }

    // Rows of the timetable (model rows) that show a violated window or limit.
    [[nodiscard]] static std::vector<int> flaggedRows(const render::RoutePlan& plan);

private:
    QStandardItemModel* items_ = nullptr;
};

}  // namespace hongtu::ui
