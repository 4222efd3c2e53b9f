#pragma once
// The route planner dock: pick memorial sites (or any point feature of the map), set the trip,
// solve, and read the timetable. The visiting order can then be changed by hand (drag a stop,
// move it up or down, or into another day); the timetable is recomputed for that order with
// geo::route::evaluateOrder and every broken opening window or day limit is shown in red. Ticked
// stops keep their relative order when solving again. Exports: GPX, KML, GeoJSON, CSV, XLSX.
//
// The panel knows nothing of the main window: it publishes the plan (planChanged) and takes
// features to add as stops (addFeatures). connectRoutePanel() (document_views.hpp) wires it to
// the window's ProjectDocument.

#include <QDate>
#include <QString>
#include <QStringList>
#include <QThreadPool>
#include <QWidget>

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "hongtu/geo/road_network.hpp"
#include "hongtu/geo/route.hpp"
#include "hongtu/geo/route_project.hpp"
#include "render/feature_query.hpp"
#include "render/route_layers.hpp"
#include "render/scene.hpp"

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QPushButton;
class QSpinBox;
class QStandardItemModel;
class QTableView;
class QTabWidget;
class QTimeEdit;
class QTreeWidget;
class QTreeWidgetItem;

namespace hongtu::ui {


class RoutePanel : public QWidget {
    Q_OBJECT

public:
    enum class ExportKind { Gpx, Kml, GeoJson, Csv, Xlsx };

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
    [[nodiscard]] QListWidget* orderList() const { return order_; }
    // The order list as evaluateOrder takes it: ids, "|" between days.
    [[nodiscard]] std::vector<std::string> currentOrder() const;

    // --- Results -----------------------------------------------------------------------------
    [[nodiscard]] const render::RoutePlan* plan() const { return plan_ ? &*plan_ : nullptr; }
    [[nodiscard]] QTableView* timetableView() const { return table_; }
    [[nodiscard]] QStandardItemModel* timetableModel() const { return model_; }
    // Rows of the timetable (model rows) that show a violated window or limit.
    [[nodiscard]] std::vector<int> flaggedRows() const;
    [[nodiscard]] QString lastMessage() const { return message_; }
    [[nodiscard]] double lastSolveMilliseconds() const { return solveMs_; }

    // Writes the current plan; false with the reason in lastMessage().
    bool exportTo(const QString& path, ExportKind kind);

    [[nodiscard]] QTreeWidget* siteList() const { return sites_; }

signals:
    void planChanged();            // a new plan (solved or re-evaluated), or none
    void addSelectionRequested();  // the user asked to add the map selection as stops

private:
    struct Extra {                 // a stop picked from the map that is not a memorial site
        geo::route::Stop stop;
        QString layerName;
    };
    struct SolveInput {
        geo::route::RouteProblem problem;
        std::string roadsPath;
        double speedKmh = 50, detour = 1.4;
    };
    struct SolveOutput {
        std::optional<render::RoutePlan> plan;
        std::shared_ptr<const geo::route::TravelMatrix> matrix;
        std::shared_ptr<const geo::route::RoadNetwork> roads;
        QString error;
        double milliseconds = 0;
    };

    QWidget* buildStopsTab();
    QWidget* buildTripTab();
    QWidget* buildOrderTab();
    void fillSites();
    std::optional<SolveInput> collectInput();
    void showOutput(SolveOutput output);
    void setPlan(render::RoutePlan plan);
    void rebuildOrderList();
    void reevaluate();
    void fillTimetable();
    void showSummary();
    void setMessage(const QString& text, bool error);
    QTreeWidgetItem* siteItem(const QString& stopId) const;
    void chooseRoads();

    std::optional<geo::route::RouteProjectData> data_;
    std::vector<Extra> extras_;

    QTabWidget* tabs_ = nullptr;
    QTreeWidget* sites_ = nullptr;
    QComboBox* countyBox_ = nullptr;
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
    QListWidget* order_ = nullptr;
    QPushButton* solveButton_ = nullptr;
    QPushButton* exportButton_ = nullptr;
    QLabel* summary_ = nullptr;
    QLabel* messageLabel_ = nullptr;
    QTableView* table_ = nullptr;
    QStandardItemModel* model_ = nullptr;

    std::optional<render::RoutePlan> plan_;
    std::shared_ptr<const geo::route::TravelMatrix> matrix_;  // for plan_->problem
    std::shared_ptr<const geo::route::RoadNetwork> roads_;     // cached by roadsPath_
    std::string roadsPath_;
    QString message_;
    double solveMs_ = 0;
    bool rebuildingOrder_ = false;

    QThreadPool pool_;  // one worker: a solve
    std::shared_ptr<std::atomic<std::uint64_t>> generation_ = std::make_shared<std::atomic<std::uint64_t>>(0);
};

}  // namespace hongtu::ui
