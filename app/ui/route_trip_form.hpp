#pragma once
// The route panel's "Trip" tab: start and end (county seats), departure, days, the longest day,
// lunch, how to travel (average speed and detour factor, or a road network), read into the
// trip and the travel source of a geo::route::PlanRequest.

#include <QDate>
#include <QString>
#include <QWidget>

#include <memory>

#include "hongtu/geo/result.hpp"
#include "hongtu/geo/route/plan.hpp"
#include "hongtu/geo/route/project.hpp"

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QDoubleSpinBox;
class QLineEdit;
class QSpinBox;
class QTimeEdit;

namespace hongtu::ui {

class RouteTripForm : public QWidget {
    Q_OBJECT

public:
    explicit RouteTripForm(QWidget* parent = nullptr);

    // Offers the county seats of `data` as start and end (离石 first when there is one).
    void setPlaces(std::shared_ptr<const geo::route::RouteProjectData> data);

    void setStart(const QString& place);
    void setDeparture(const QDate& date, int clockMinutes);
    void setDays(int days);
    void setDayLimitHours(double hours);
    // A line layer to drive on (PATH, any GDAL source); empty = straight line x detour factor.
    void setRoadNetwork(const QString& path);

    // Sets request.problem.trip and request.travel from the form. Multi-day trips may spend the
    // night at any county seat. The error says which start or end is not known.
    [[nodiscard]] geo::Status fill(geo::route::PlanRequest& request) const;

private:
    void chooseRoads();

    std::shared_ptr<const geo::route::RouteProjectData> data_;
    QComboBox* startBox_ = nullptr;
    QComboBox* endBox_ = nullptr;
    QDateTimeEdit* departEdit_ = nullptr;
    QSpinBox* daysSpin_ = nullptr;
    QDoubleSpinBox* limitSpin_ = nullptr;
    QCheckBox* lunchCheck_ = nullptr;
    QTimeEdit* lunchFrom_ = nullptr;
    QTimeEdit* lunchTo_ = nullptr;
    QSpinBox* lunchMinutes_ = nullptr;
    QDoubleSpinBox* speedSpin_ = nullptr;
    QDoubleSpinBox* detourSpin_ = nullptr;
    QLineEdit* roadsEdit_ = nullptr;
};

}  // namespace hongtu::ui
