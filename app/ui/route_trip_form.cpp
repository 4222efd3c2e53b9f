#include "ui/route_trip_form.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTimeEdit>

#include <utility>

#include "hongtu/geo/clock.hpp"
#include "render/qt_convert.hpp"

namespace hongtu::ui {

namespace route = geo::route;

RouteTripForm::RouteTripForm(QWidget* parent) : QWidget(parent) {
    QWidget* page = this;
    auto* form = new QFormLayout(page);
    startBox_ = new QComboBox(page);
    startBox_->setObjectName(QStringLiteral("routeStart"));
    endBox_ = new QComboBox(page);
    form->addRow(tr("Start"), startBox_);
    form->addRow(tr("End"), endBox_);

    // Tomorrow at 08:00, "tomorrow" in the project's zone (geo::Clock, as everywhere else).
    departEdit_ = new QDateTimeEdit(QDateTime(render::toQDate(geo::Clock().today()).addDays(1), QTime(8, 0)), page);
    departEdit_->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
    departEdit_->setCalendarPopup(true);
    form->addRow(tr("Departure (every day starts at this time)"), departEdit_);

    daysSpin_ = new QSpinBox(page);
    daysSpin_->setRange(1, 7);
    daysSpin_->setValue(1);
    daysSpin_->setSuffix(tr(" day(s)"));
    form->addRow(tr("Days (at most)"), daysSpin_);

    limitSpin_ = new QDoubleSpinBox(page);
    limitSpin_->setRange(2, 16);
    limitSpin_->setDecimals(1);
    limitSpin_->setSingleStep(0.5);
    limitSpin_->setValue(10);
    limitSpin_->setSuffix(tr(" h"));
    form->addRow(tr("Longest day, leaving to arriving"), limitSpin_);

    auto* lunch = new QWidget(page);
    auto* lunchRow = new QHBoxLayout(lunch);
    lunchRow->setContentsMargins(0, 0, 0, 0);
    lunchCheck_ = new QCheckBox(tr("between"), lunch);
    lunchCheck_->setChecked(true);
    lunchFrom_ = new QTimeEdit(QTime(11, 30), lunch);
    lunchTo_ = new QTimeEdit(QTime(13, 30), lunch);
    lunchFrom_->setDisplayFormat(QStringLiteral("HH:mm"));
    lunchTo_->setDisplayFormat(QStringLiteral("HH:mm"));
    lunchMinutes_ = new QSpinBox(lunch);
    lunchMinutes_->setRange(15, 120);
    lunchMinutes_->setValue(60);
    lunchMinutes_->setSuffix(tr(" min"));
    lunchRow->addWidget(lunchCheck_);
    lunchRow->addWidget(lunchFrom_);
    lunchRow->addWidget(new QLabel(QStringLiteral("–"), lunch));
    lunchRow->addWidget(lunchTo_);
    lunchRow->addWidget(lunchMinutes_);
    form->addRow(tr("Lunch"), lunch);

    speedSpin_ = new QDoubleSpinBox(page);
    speedSpin_->setRange(10, 120);
    speedSpin_->setDecimals(0);
    speedSpin_->setValue(50);
    speedSpin_->setSuffix(tr(" km/h"));
    form->addRow(tr("Average speed"), speedSpin_);
    detourSpin_ = new QDoubleSpinBox(page);
    detourSpin_->setRange(1.0, 3.0);
    detourSpin_->setDecimals(2);
    detourSpin_->setSingleStep(0.05);
    detourSpin_->setValue(1.4);
    detourSpin_->setToolTip(tr("Road distance divided by the straight line; 1.4 suits Lüliang's mountain roads."));
    form->addRow(tr("Detour factor"), detourSpin_);

    auto* roads = new QWidget(page);
    auto* roadsRow = new QHBoxLayout(roads);
    roadsRow->setContentsMargins(0, 0, 0, 0);
    roadsEdit_ = new QLineEdit(roads);
    roadsEdit_->setPlaceholderText(tr("none: straight line × detour factor"));
    auto* browse = new QPushButton(tr("Choose…"), roads);
    connect(browse, &QPushButton::clicked, this, &RouteTripForm::chooseRoads);
    roadsRow->addWidget(roadsEdit_, 1);
    roadsRow->addWidget(browse);
    form->addRow(tr("Road network (any line layer)"), roads);
}

void RouteTripForm::setPlaces(std::shared_ptr<const route::RouteProjectData> data) {
    data_ = std::move(data);
    startBox_->clear();
    endBox_->clear();
    endBox_->addItem(tr("Back to the start"), QString());
    if (!data_) return;
    for (const auto& seat : data_->seats) {
        startBox_->addItem(QString::fromStdString(seat.county));
        endBox_->addItem(QString::fromStdString(seat.county), QString::fromStdString(seat.county));
    }
    if (const int lishi = startBox_->findText(QStringLiteral("离石")); lishi >= 0) startBox_->setCurrentIndex(lishi);
}

void RouteTripForm::setStart(const QString& place) {
    if (const int i = startBox_->findText(place); i >= 0) startBox_->setCurrentIndex(i);
}
void RouteTripForm::setDeparture(const QDate& date, int clockMinutes) {
    departEdit_->setDateTime(QDateTime(date, QTime(clockMinutes / 60, clockMinutes % 60)));
}
void RouteTripForm::setDays(int days) { daysSpin_->setValue(days); }
void RouteTripForm::setDayLimitHours(double hours) { limitSpin_->setValue(hours); }
void RouteTripForm::setRoadNetwork(const QString& path) { roadsEdit_->setText(path); }

void RouteTripForm::chooseRoads() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Road network"), QString(),
                                                      tr("Line layers (*.gpkg *.shp *.geojson *.json *.kml *.gml);;All files (*)"));
    if (!path.isEmpty()) roadsEdit_->setText(path);
}

geo::Status RouteTripForm::fill(route::PlanRequest& request) const {
    if (!data_) return geo::Error{"the project has no county seats", {}, {}, {}};
    route::Trip& trip = request.problem.trip;
    auto start = route::findPlace(*data_, startBox_->currentText().toStdString());
    if (!start) return start.error();
    trip.start = *start;
    if (const QString end = endBox_->currentData().toString(); !end.isEmpty()) {
        auto place = route::findPlace(*data_, end.toStdString());
        if (!place) return place.error();
        trip.end = *place;
    }
    const QDateTime depart = departEdit_->dateTime();
    trip.departDate = {depart.date().year(), depart.date().month(), depart.date().day()};
    trip.departClock = depart.time().hour() * 60 + depart.time().minute();
    trip.days = daysSpin_->value();
    trip.dayLimitMinutes = limitSpin_->value() * 60;
    trip.lunch.enabled = lunchCheck_->isChecked();
    trip.lunch.earliest = lunchFrom_->time().hour() * 60 + lunchFrom_->time().minute();
    trip.lunch.latestEnd = lunchTo_->time().hour() * 60 + lunchTo_->time().minute();
    trip.lunch.minutes = lunchMinutes_->value();
    if (trip.days > 1) trip.overnightCandidates = route::seatPlaces(*data_);
    request.travel.roadsPath = roadsEdit_->text().trimmed().toStdString();
    request.travel.speedKmh = speedSpin_->value();
    request.travel.detour = detourSpin_->value();
    return geo::Done{};
}

}  // namespace hongtu::ui
