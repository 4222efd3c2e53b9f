#include "ui/route_panel.hpp"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSplitter>
#include <QStatusBar>
#include <QStringList>
#include <QTabWidget>
#include <QVBoxLayout>

#include <utility>

#include "hongtu/geo/crs.hpp"
#include "hongtu/geo/datasource.hpp"
#include "hongtu/geo/route/export.hpp"
#include "ui/route_order_list.hpp"
#include "ui/route_stop_list.hpp"
#include "ui/route_timetable.hpp"
#include "ui/route_trip_form.hpp"

namespace hongtu::ui {

namespace {

namespace route = geo::route;

QString duration(double minutes) {
    return QString::fromStdString(render::uiLanguage() == route::Language::Zh ? route::durationZh(minutes) : route::durationEn(minutes));
}

QString reasonText(const route::Reason& r) {
    return QString::fromStdString(render::uiLanguage() == route::Language::Zh ? r.zh : r.en);
}

QString redacted(const geo::Error& e) { return QString::fromStdString(geo::redactConnectionString(e.toString())); }

}  // namespace

RoutePanel::RoutePanel(const std::string& projectPath, QWidget* parent) : QWidget(parent) {
    pool_.setMaxThreadCount(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    tabs_ = new QTabWidget(splitter);
    stops_ = new RouteStopList(this);
    trip_ = new RouteTripForm(this);
    order_ = new RouteOrderList(this);
    tabs_->addTab(stops_, tr("Stops"));
    tabs_->addTab(trip_, tr("Trip"));
    tabs_->addTab(order_, tr("Order"));
    connect(stops_, &RouteStopList::addSelectionRequested, this, &RoutePanel::addSelectionRequested);
    connect(order_, &RouteOrderList::orderChanged, this, &RoutePanel::reevaluate);

    auto* results = new QWidget(splitter);
    auto* resultsLayout = new QVBoxLayout(results);
    resultsLayout->setContentsMargins(0, 0, 0, 0);
    auto* buttons = new QHBoxLayout;
    solveButton_ = new QPushButton(tr("Solve"), results);
    solveButton_->setObjectName(QStringLiteral("routeSolveButton"));
    solveButton_->setDefault(true);
    connect(solveButton_, &QPushButton::clicked, this, [this] { solve(); });
    exportButton_ = new QPushButton(tr("Export"), results);
    exportButton_->setObjectName(QStringLiteral("routeExportButton"));
    auto* menu = new QMenu(exportButton_);
    const auto addExport = [&](const QString& label, route::ExportFormat format, const QString& suffix, const QString& filter) {
        menu->addAction(label, this, [this, format, suffix, filter] {
            if (!plan_) return;
            const QString name = tr("route") + QStringLiteral("_") + QString::fromStdString(plan_->problem.trip.departDate.iso()) + suffix;
            const QString path = QFileDialog::getSaveFileName(this, tr("Export route"), name, filter);
            if (!path.isEmpty()) exportTo(path, format);
        });
    };
    addExport(tr("GPX for phones…"), route::ExportFormat::Gpx, QStringLiteral(".gpx"), tr("GPX (*.gpx)"));
    addExport(tr("KML for phones and Google Earth…"), route::ExportFormat::Kml, QStringLiteral(".kml"), tr("KML (*.kml)"));
    addExport(tr("GeoJSON…"), route::ExportFormat::GeoJson, QStringLiteral(".geojson"), tr("GeoJSON (*.geojson)"));
    addExport(tr("Timetable as CSV…"), route::ExportFormat::Csv, QStringLiteral(".csv"), tr("CSV (*.csv)"));
    addExport(tr("Timetable as XLSX…"), route::ExportFormat::Xlsx, QStringLiteral(".xlsx"), tr("Excel workbook (*.xlsx)"));
    exportButton_->setMenu(menu);
    exportButton_->setEnabled(false);
    buttons->addWidget(solveButton_);
    buttons->addWidget(exportButton_);
    buttons->addStretch();
    resultsLayout->addLayout(buttons);

    summary_ = new QLabel(results);
    summary_->setWordWrap(true);
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    resultsLayout->addWidget(summary_);
    messageLabel_ = new QLabel(results);
    messageLabel_->setWordWrap(true);
    messageLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    messageLabel_->hide();
    resultsLayout->addWidget(messageLabel_);

    timetable_ = new RouteTimetable(results);
    resultsLayout->addWidget(timetable_, 1);
    splitter->addWidget(tabs_);
    splitter->addWidget(results);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    layout->addWidget(splitter);

    auto data = route::loadRouteProject(projectPath);
    if (data) {
        data_ = std::make_shared<const route::RouteProjectData>(std::move(data).value());
    } else {
        setMessage(tr("The memorial sites could not be read: %1").arg(redacted(data.error())), true);
    }
    stops_->setSites(data_);
    trip_->setPlaces(data_);
    showSummary();
}

RoutePanel::~RoutePanel() {
    generation_->store(0);
    pool_.waitForDone();
}

// --- Parts -----------------------------------------------------------------------------------

int RoutePanel::checkCounty(const QString& county) { return stops_->checkCounty(county); }
void RoutePanel::clearStops() { stops_->clearStops(); }
void RoutePanel::setMustVisit(const QString& stopId, bool must) { stops_->setMustVisit(stopId, must); }
QTreeWidget* RoutePanel::siteList() const { return stops_->siteList(); }

QString RoutePanel::addFeatures(const render::Scene& scene, const std::vector<render::FeatureRef>& features) {
    const RouteStopList::Added added = stops_->addFeatures(scene, features);
    if (!added.nothingSelected) setMessage(added.text, added.refusedAll);
    return added.text;
}

void RoutePanel::setStart(const QString& place) { trip_->setStart(place); }
void RoutePanel::setDeparture(const QDate& date, int clockMinutes) { trip_->setDeparture(date, clockMinutes); }
void RoutePanel::setDays(int days) { trip_->setDays(days); }
void RoutePanel::setDayLimitHours(double hours) { trip_->setDayLimitHours(hours); }
void RoutePanel::setRoadNetwork(const QString& path) { trip_->setRoadNetwork(path); }

QListWidget* RoutePanel::orderList() const { return order_->list(); }
std::vector<std::string> RoutePanel::currentOrder() const { return order_->currentOrder(); }
void RoutePanel::moveOrderRow(int from, int to) { order_->moveRow(from, to); }

QTableView* RoutePanel::timetableView() const { return timetable_; }
QStandardItemModel* RoutePanel::timetableModel() const { return timetable_->items(); }
std::vector<int> RoutePanel::flaggedRows() const { return plan_ ? RouteTimetable::flaggedRows(*plan_) : std::vector<int>{}; }

// --- Solving ---------------------------------------------------------------------------------

std::optional<route::PlanRequest> RoutePanel::collectRequest() {
    if (!data_) {
        setMessage(tr("The project has no memorial sites to plan with."), true);
        return std::nullopt;
    }
    route::PlanRequest request;
    route::RouteProblem& p = request.problem;
    p.stops = stops_->chosenStops();
    if (p.stops.empty()) {
        setMessage(tr("Tick at least one site (or add one from the map)."), true);
        return std::nullopt;
    }
    if (auto st = trip_->fill(request); !st) {
        setMessage(QString::fromStdString(st.error().message), true);
        return std::nullopt;
    }
    // Ticked stops of the order list keep their relative order.
    p.pinned = order_->pinnedIds(p.stops);
    if (auto st = route::validate(p); !st) {
        setMessage(QString::fromStdString(st.error().message), true);
        return std::nullopt;
    }
    return request;
}

bool RoutePanel::solve() {
    auto request = collectRequest();
    if (!request) return false;
    const std::uint64_t generation = ++*generation_;
    const auto latest = generation_;
    solveButton_->setEnabled(false);
    setMessage(tr("Solving…"), false);
    pool_.start([this, generation, latest, request = std::move(*request), models = models_] {
        if (latest->load() != generation) return;
        QElapsedTimer timer;
        timer.start();
        SolveOutput out;
        auto model = models->get(request.travel);
        if (!model) {
            out.error = redacted(model.error());
        } else if (auto planned = route::planRoute(request, **model); !planned) {
            out.error = redacted(planned.error());
        } else {
            out.planned = std::move(planned).value();
        }
        out.milliseconds = static_cast<double>(timer.nsecsElapsed()) / 1e6;
        // The panel outlives every solve: its destructor waits for the pool.
        QMetaObject::invokeMethod(
            this,
            [this, generation, out = std::move(out)]() mutable {
            if (generation_->load() != generation) return;
            showOutput(std::move(out));
            },
            Qt::QueuedConnection);
    });
    return true;
}

void RoutePanel::waitForSolve() {
    pool_.waitForDone();
    QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);
}

bool RoutePanel::solving() const { return pool_.activeThreadCount() > 0; }

void RoutePanel::showOutput(SolveOutput output) {
    solveButton_->setEnabled(true);
    if (!output.planned) {
        setMessage(tr("The route could not be computed: %1").arg(output.error), true);
        return;
    }
    solveMs_ = output.milliseconds;
    matrix_ = output.planned->matrix;
    setMessage(QString(), false);
    setPlan(render::RoutePlan{std::move(output.planned->problem), std::move(output.planned->itinerary)});
}

void RoutePanel::setPlan(render::RoutePlan plan) {
    plan_ = std::move(plan);
    order_->showPlan(*plan_);
    timetable_->showPlan(&*plan_);
    showSummary();
    exportButton_->setEnabled(true);
    emit planChanged();
}

void RoutePanel::reevaluate() {
    if (!plan_ || !matrix_) return;
    auto evaluated = route::evaluateOrder(plan_->problem, *matrix_, order_->currentOrder());
    if (!evaluated) {
        setMessage(tr("This order cannot be timed: %1").arg(QString::fromStdString(evaluated.error().message)), true);
        return;
    }
    setMessage(QString(), false);
    plan_->itinerary = std::move(evaluated).value();
    order_->renumber(*plan_);  // keeps the user's arrangement
    timetable_->showPlan(&*plan_);
    showSummary();
    emit planChanged();
}

// --- Results ---------------------------------------------------------------------------------

void RoutePanel::showSummary() {
    if (!plan_) {
        summary_->setText(tr("Tick sites, set the trip, then press Solve."));
        return;
    }
    const auto& it = plan_->itinerary;
    std::size_t visits = 0;
    for (const auto& d : it.days) visits += d.visits.size();
    QString method = it.info.method == "exact"       ? tr("exact solver")
                     : it.info.method == "heuristic" ? tr("heuristic solver, seed %1").arg(it.info.seed)
                                                     : tr("your order");
    QString text = tr("%1 stops in %2 day(s), %3 driving, %4 km (%5")
                       .arg(visits)
                       .arg(it.days.size())
                       .arg(duration(it.driveMinutes))
                       .arg(it.meters / 1000.0, 0, 'f', 1)
                       .arg(method);
    if (it.info.method != "manual") text += tr(", %1 ms").arg(solveMs_, 0, 'f', 0);
    text += QStringLiteral(")");
    QString status;
    if (it.feasible) {
        status = QStringLiteral("<b>%1</b>").arg(tr("Feasible."));
    } else {
        QStringList problems;
        for (const auto& r : it.problems) problems << reasonText(r).toHtmlEscaped();
        status = QStringLiteral("<b style='color:#b00020'>%1</b><br>%2").arg(tr("Problems:"), problems.join(QStringLiteral("<br>")));
    }
    summary_->setText(status + QStringLiteral("<br>") + text.toHtmlEscaped());
}

void RoutePanel::setMessage(const QString& text, bool error) {
    message_ = text;
    messageLabel_->setText(text);
    messageLabel_->setStyleSheet(error ? QStringLiteral("color:#b00020") : QString());
    messageLabel_->setVisible(!text.isEmpty());
}

bool RoutePanel::exportTo(const QString& path, route::ExportFormat format) {
    if (!plan_) {
        setMessage(tr("Solve a route first."), true);
        return false;
    }
    auto st = route::writeItinerary(path.toStdString(), plan_->problem, plan_->itinerary, format, render::uiLanguage());
    if (!st) {
        if (format == route::ExportFormat::Xlsx)
            setMessage(tr("The timetable could not be written: %1").arg(redacted(st.error())), true);
        else
            setMessage(tr("'%1' could not be written: %2").arg(path, QString::fromStdString(st.error().message)), true);
        return false;
    }
    setMessage(tr("Wrote %1").arg(QFileInfo(path).fileName()), false);
    return true;
}

}  // namespace hongtu::ui
