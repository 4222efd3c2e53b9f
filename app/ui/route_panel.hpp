#pragma once
// The route planner dock: pick memorial sites (or any point feature of the map), set the trip,
// solve, and read the timetable. The visiting order can then be changed by hand (drag a stop,
// move it up or down, or into another day); the timetable is recomputed for that order with
// geo::route::evaluateOrder and every broken opening window or day limit is shown in red. Ticked
// stops keep their relative order when solving again. Exports: GPX, KML, GeoJSON, CSV, XLSX.
//
// The panel assembles its parts (RouteStopList, RouteTripForm, RouteOrderList, RouteTimetable)
// and runs geo::route::planRoute -- the pipeline `hongtu route` runs -- on a worker thread,
// keeping the road network between solves; exports go through geo::route::writeItinerary.
//
// The panel knows nothing of the main window: it publishes the plan (planChanged) and takes
// features to add as stops (addFeatures). connectRoutePanel() (document_views.hpp) wires it to
// the window's ProjectDocument.

#include <QDate>
#include <QString>
#include <QThreadPool>
#include <QWidget>

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "hongtu/geo/route/export.hpp"
#include "hongtu/geo/route/plan.hpp"
#include "hongtu/geo/route/project.hpp"
#include "hongtu/geo/route/route.hpp"
#include "render/feature_query.hpp"
#include "render/route_layers.hpp"
#include "render/scene.hpp"

class QLabel;
class QListWidget;
class QPushButton;
class QStandardItemModel;
class QTableView;
class QTabWidget;
class QTreeWidget;

namespace hongtu::ui {

class RouteOrderList;
class RouteStopList;
class RouteTimetable;
class RouteTripForm;

class RoutePanel : public QWidget {
    Q_OBJECT

public:
    // Reads the sites and county seats of the project at `projectPath`; problems are shown in
    // the panel (it stays usable with what could be read).
    explicit RoutePanel(const std::string& projectPath, QWidget* parent = nullptr);
    ~RoutePanel() override;

    // --- Stops -------------------------------------------------------------------------------
    // Ticks every site of `county` (兴县, 柳林, 柳林县); returns how many.
    int checkCounty(const QString& county);
    void clearStops();
    // Adds the point features as stops: memorial sites are ticked, other points (villages,
    // towns, imported points) become extra stops with 30 min visits and unknown hours. Returns
    // a sentence saying what was added or why not (polygons are refused).
    QString addFeatures(const render::Scene& scene, const std::vector<render::FeatureRef>& features);
    void setMustVisit(const QString& stopId, bool must);

    // --- Trip --------------------------------------------------------------------------------
    void setStart(const QString& place);
    void setDeparture(const QDate& date, int clockMinutes);
    void setDays(int days);
    void setDayLimitHours(double hours);
    // A line layer to drive on (PATH, any GDAL source); empty = straight line x detour factor.
    void setRoadNetwork(const QString& path);

    // --- Solving -----------------------------------------------------------------------------
    // Starts a solve on a worker thread (the button does this). False, with the reason in
    // lastMessage(), when the input is unusable.
    bool solve();
    // Blocks until no solve runs and its result is shown (tests, closing).
    void waitForSolve();
    [[nodiscard]] bool solving() const;

    // --- Manual order ------------------------------------------------------------------------
    // Moves row `from` of the order list to row `to` (as a drag does) and recomputes.
    void moveOrderRow(int from, int to);
    [[nodiscard]] QListWidget* orderList() const;
    // The order list as evaluateOrder takes it: ids, "|" between days.
    [[nodiscard]] std::vector<std::string> currentOrder() const;

    // --- Results -----------------------------------------------------------------------------
    [[nodiscard]] const render::RoutePlan* plan() const { return plan_ ? &*plan_ : nullptr; }
    [[nodiscard]] QTableView* timetableView() const;
    [[nodiscard]] QStandardItemModel* timetableModel() const;
    // Rows of the timetable (model rows) that show a violated window or limit.
    [[nodiscard]] std::vector<int> flaggedRows() const;
    [[nodiscard]] QString lastMessage() const { return message_; }
    [[nodiscard]] double lastSolveMilliseconds() const { return solveMs_; }

    // Writes the current plan (XLSX in the language of the interface); false with the reason in
    // lastMessage().
    bool exportTo(const QString& path, geo::route::ExportFormat format);

    [[nodiscard]] QTreeWidget* siteList() const;

signals:
    void planChanged();            // a new plan (solved or re-evaluated), or none
    void addSelectionRequested();  // the user asked to add the map selection as stops

private:
    struct SolveOutput {
        std::optional<geo::route::PlannedRoute> planned;
        QString error;
        double milliseconds = 0;
    };

    // The form, the ticked stops and the pinned order as a request; nullopt (and the reason
    // shown) when they are unusable.
    std::optional<geo::route::PlanRequest> collectRequest();
    void showOutput(SolveOutput output);
    void setPlan(render::RoutePlan plan);
    void reevaluate();
    void showSummary();
    void setMessage(const QString& text, bool error);

    std::shared_ptr<const geo::route::RouteProjectData> data_;

    RouteStopList* stops_ = nullptr;
    RouteTripForm* trip_ = nullptr;
    RouteOrderList* order_ = nullptr;
    RouteTimetable* timetable_ = nullptr;
    QTabWidget* tabs_ = nullptr;
    QPushButton* solveButton_ = nullptr;
    QPushButton* exportButton_ = nullptr;
    QLabel* summary_ = nullptr;
    QLabel* messageLabel_ = nullptr;

    std::optional<render::RoutePlan> plan_;
    std::shared_ptr<const geo::route::TravelMatrix> matrix_;  // for plan_->problem
    QString message_;
    double solveMs_ = 0;

    // The road network read once and kept between solves (used on the worker thread).
    std::shared_ptr<geo::route::TravelModelCache> models_ = std::make_shared<geo::route::TravelModelCache>();
    QThreadPool pool_;  // one worker: a solve
    std::shared_ptr<std::atomic<std::uint64_t>> generation_ = std::make_shared<std::atomic<std::uint64_t>>(0);
};

}  // namespace hongtu::ui
