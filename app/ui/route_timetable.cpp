#include "ui/route_timetable.hpp"

#include <QHeaderView>
#include <QStandardItemModel>
#include <QStringList>

#include <algorithm>

#include "hongtu/geo/route/export.hpp"

namespace hongtu::ui {

namespace route = geo::route;

QColor routeViolationText() { return {0xb0, 0x00, 0x20}; }

RouteTimetable::RouteTimetable(QWidget* parent) : QTableView(parent) {
    items_ = new QStandardItemModel(this);
    setObjectName(QStringLiteral("routeTimetable"));
    setModel(items_);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setWordWrap(false);
    verticalHeader()->hide();
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    horizontalHeader()->setStretchLastSection(true);
}

void RouteTimetable::showPlan(const render::RoutePlan* plan) {
    const QColor violationBackground(0xfd, 0xe0, 0xdd);
    items_->clear();
    if (!plan) return;
    const auto rows = render::timetableRows(*plan);
    const auto events = route::timetable(plan->problem, plan->itinerary);
    QStringList header;
    for (const auto& h : rows.front()) header << h;
    items_->setHorizontalHeaderLabels(header);
    for (std::size_t r = 1; r < rows.size(); ++r) {
        const route::TimetableRow& event = events[r - 1];
        const bool violated = !event.violations.empty() && event.kind != route::TimetableRow::Kind::Dropped;
        const bool dropped = event.kind == route::TimetableRow::Kind::Dropped;
        QList<QStandardItem*> cells;
        for (const auto& text : rows[r]) {
            auto* cell = new QStandardItem(text);
            cell->setToolTip(text);
            if (violated) {
                cell->setForeground(routeViolationText());
                cell->setBackground(violationBackground);
            } else if (dropped) {
                cell->setForeground(QColor(0x80, 0x80, 0x80));
                QFont italic = cell->font();
                italic.setItalic(true);
                cell->setFont(italic);
            } else if (event.kind != route::TimetableRow::Kind::Visit) {
                cell->setBackground(QColor(0xf4, 0xf4, 0xf4));
            }
            cells << cell;
        }
        items_->appendRow(cells);
    }
    resizeColumnsToContents();
    const int noteColumn = items_->columnCount() - 1;
    if (noteColumn > 0) setColumnWidth(noteColumn, std::min(columnWidth(noteColumn), 420));
}

std::vector<int> RouteTimetable::flaggedRows(const render::RoutePlan& plan) {
    std::vector<int> out;
    const auto events = route::timetable(plan.problem, plan.itinerary);
    for (std::size_t r = 0; r < events.size(); ++r)
        if (!events[r].violations.empty() && events[r].kind != route::TimetableRow::Kind::Dropped) out.push_back(static_cast<int>(r));
    return out;
}

}  // namespace hongtu::ui
