#pragma once
// The route panel's "Stops" tab: the memorial sites of the project, each with a tick to visit it
// and a tick for must-visit, a county box to tick a whole county, and stops picked on the map
// (any point feature: villages, towns, imported points become stops with a 30 min visit and
// unknown opening hours).

#include <QString>
#include <QWidget>

#include <memory>
#include <vector>

#include "hongtu/geo/route/project.hpp"
#include "hongtu/geo/route/route.hpp"
#include "render/feature_query.hpp"
#include "render/scene.hpp"

class QComboBox;
class QTreeWidget;
class QTreeWidgetItem;

namespace hongtu::ui {

class RouteStopList : public QWidget {
    Q_OBJECT

public:
    explicit RouteStopList(QWidget* parent = nullptr);

    // Lists the sites of `data` (none when null); sites that are not valid stops are greyed out
    // with the reason as tooltip.
    void setSites(std::shared_ptr<const geo::route::RouteProjectData> data);

    // Ticks every site of `county` (兴县, 柳林, 柳林县); returns how many.
    int checkCounty(const QString& county);
    void clearStops();
    void setMustVisit(const QString& stopId, bool must);

    struct Added {
        QString text;                  // what was added, or why not
        bool refusedAll = false;       // something was refused and nothing added
        bool nothingSelected = false;  // no feature given
    };
    // Adds the point features as stops: memorial sites are ticked, other points become extra
    // stops. Polygons and lines are refused.
    Added addFeatures(const render::Scene& scene, const std::vector<render::FeatureRef>& features);

    // The ticked stops in list order, Must or Optional as ticked.
    [[nodiscard]] std::vector<geo::route::Stop> chosenStops() const;

    [[nodiscard]] QTreeWidget* siteList() const { return sites_; }

signals:
    void addSelectionRequested();  // the user asked to add the map selection as stops

private:
    struct Extra {  // a stop picked from the map that is not a memorial site
        geo::route::Stop stop;
        QString layerName;
    };
    QTreeWidgetItem* siteItem(const QString& stopId) const;

    std::shared_ptr<const geo::route::RouteProjectData> data_;
    std::vector<Extra> extras_;
    QComboBox* countyBox_ = nullptr;
    QTreeWidget* sites_ = nullptr;
};

}  // namespace hongtu::ui
