#pragma once
// The route panel's "Order" tab: the plan's stops day by day, then the stops left out. A stop
// can be dragged (or moved up and down) into another place or day; orderChanged() then asks the
// panel to time the new order. Ticked stops keep their relative order when solving again.
//
// Rows carry the stop id in Qt::UserRole ("" for the day and left-out headers).

#include <QWidget>

#include <string>
#include <vector>

#include "hongtu/geo/route/route.hpp"
#include "render/route_layers.hpp"

class QListWidget;

namespace hongtu::ui {

class RouteOrderList : public QWidget {
    Q_OBJECT

public:
    explicit RouteOrderList(QWidget* parent = nullptr);

    // Lists the plan anew: a header per day of the trip, its visits, then the stops left out.
    // Stops that were ticked (pinned) stay ticked.
    void showPlan(const render::RoutePlan& plan);
    // Keeps the user's arrangement; numbers the visits of `plan` anew and marks broken ones red.
    void renumber(const render::RoutePlan& plan);

    // The order as evaluateOrder takes it: ids, "|" between days (stops left out are not in it).
    [[nodiscard]] std::vector<std::string> currentOrder() const;
    // The ticked stops among `stops`, in list order.
    [[nodiscard]] std::vector<std::string> pinnedIds(const std::vector<geo::route::Stop>& stops) const;

    // Moves row `from` to row `to` (as a drag does), then emits orderChanged().
    void moveRow(int from, int to);

    [[nodiscard]] QListWidget* list() const { return list_; }

signals:
    void orderChanged();  // the user moved a stop: time the new order

private:
    void setTexts(const render::RoutePlan& plan, bool withNames);

    QListWidget* list_ = nullptr;
    bool rebuilding_ = false;
};

}  // namespace hongtu::ui
