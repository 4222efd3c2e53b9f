#include "ui/route_stop_list.hpp"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QStringList>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <initializer_list>
#include <optional>
#include <string>

#include "hongtu/geo/crs.hpp"
#include "hongtu/geo/datasource.hpp"
#include "render/route_layers.hpp"

namespace hongtu::ui {

namespace {

namespace route = geo::route;

constexpr int kIdRole = Qt::UserRole;  // stop id
constexpr int kSiteColumn = 0, kCountyColumn = 1, kMustColumn = 2;

std::string firstText(const render::SceneLayer& layer, std::size_t item, std::initializer_list<const char*> fields) {
    for (const char* f : fields)
        if (auto t = layer.text(item, f); !t.empty()) return t;
    return {};
}

}  // namespace

RouteStopList::RouteStopList(QWidget* parent) : QWidget(parent) {
    auto* v = new QVBoxLayout(this);
    auto* row = new QHBoxLayout;
    countyBox_ = new QComboBox(this);
    countyBox_->setObjectName(QStringLiteral("routeCountyBox"));
    auto* tickCounty = new QPushButton(tr("Tick county"), this);
    connect(tickCounty, &QPushButton::clicked, this, [this] { checkCounty(countyBox_->currentText()); });
    auto* clear = new QPushButton(tr("Untick all"), this);
    connect(clear, &QPushButton::clicked, this, &RouteStopList::clearStops);
    row->addWidget(countyBox_, 1);
    row->addWidget(tickCounty);
    row->addWidget(clear);
    v->addLayout(row);

    sites_ = new QTreeWidget(this);
    sites_->setObjectName(QStringLiteral("routeSites"));
    sites_->setColumnCount(3);
    sites_->setHeaderLabels({tr("Site"), tr("County"), tr("Must visit")});
    sites_->setRootIsDecorated(false);
    sites_->header()->setSectionResizeMode(kSiteColumn, QHeaderView::Stretch);
    sites_->header()->setSectionResizeMode(kCountyColumn, QHeaderView::ResizeToContents);
    sites_->header()->setSectionResizeMode(kMustColumn, QHeaderView::ResizeToContents);
    sites_->header()->setStretchLastSection(false);
    v->addWidget(sites_, 1);

    auto* add = new QPushButton(tr("Add the selected map feature as a stop"), this);
    add->setObjectName(QStringLiteral("routeAddSelection"));
    add->setToolTip(tr("Click a village, town or site on the map (or select several with Shift + drag), then press this."));
    connect(add, &QPushButton::clicked, this, &RouteStopList::addSelectionRequested);
    v->addWidget(add);
}

void RouteStopList::setSites(std::shared_ptr<const route::RouteProjectData> data) {
    data_ = std::move(data);
    sites_->clear();
    countyBox_->clear();
    if (!data_) return;
    QStringList counties;
    for (const auto& site : data_->sites) {
        auto* item = new QTreeWidgetItem(sites_);
        item->setText(kSiteColumn, QStringLiteral("%1 %2").arg(QString::fromStdString(site.id), QString::fromStdString(site.name)));
        item->setToolTip(kSiteColumn, item->text(kSiteColumn));
        item->setText(kCountyColumn, QString::fromStdString(site.county));
        item->setData(kSiteColumn, kIdRole, QString::fromStdString(site.id));
        if (site.stop) {
            item->setCheckState(kSiteColumn, Qt::Unchecked);
            item->setCheckState(kMustColumn, Qt::Checked);
            item->setToolTip(kSiteColumn, QString::fromStdString(site.name + "\n" + site.stop->hours.text));
        } else {
            item->setDisabled(true);
            item->setToolTip(kSiteColumn, QString::fromStdString(geo::redactConnectionString(site.problem->toString())));
        }
        // The county's full name, as the site list, the statistics and the map say it (石楼县, 孝义市).
        const QString county = QString::fromStdString(site.county);
        if (!county.isEmpty() && !counties.contains(county)) counties << county;
    }
    countyBox_->addItems(counties);
}

int RouteStopList::checkCounty(const QString& county) {
    if (!data_) return 0;
    int n = 0;
    for (const auto& site : data_->sites) {
        if (!site.stop || !route::inCounty(site, county.toStdString())) continue;
        if (QTreeWidgetItem* item = siteItem(QString::fromStdString(site.id))) {
            item->setCheckState(kSiteColumn, Qt::Checked);
            ++n;
        }
    }
    return n;
}

void RouteStopList::clearStops() {
    for (int i = 0; i < sites_->topLevelItemCount(); ++i)
        if (!sites_->topLevelItem(i)->isDisabled()) sites_->topLevelItem(i)->setCheckState(kSiteColumn, Qt::Unchecked);
}

void RouteStopList::setMustVisit(const QString& stopId, bool must) {
    if (QTreeWidgetItem* item = siteItem(stopId)) item->setCheckState(kMustColumn, must ? Qt::Checked : Qt::Unchecked);
}

QTreeWidgetItem* RouteStopList::siteItem(const QString& stopId) const {
    for (int i = 0; i < sites_->topLevelItemCount(); ++i)
        if (sites_->topLevelItem(i)->data(kSiteColumn, kIdRole).toString() == stopId) return sites_->topLevelItem(i);
    return nullptr;
}

RouteStopList::Added RouteStopList::addFeatures(const render::Scene& scene, const std::vector<render::FeatureRef>& features) {
    if (features.empty()) return {tr("Nothing is selected on the map: click a site, village or town first."), false, true};
    auto toLonLat = geo::Transformer::create(scene.displayCrs, "EPSG:4490");
    QStringList added, refused;
    for (const auto& f : features) {
        const render::SceneLayer* layer = scene.find(f.layerId);
        if (!layer || render::isRouteLayer(f.layerId)) continue;
        if (f.layerId == "memorial_sites") {
            const QString id = QString::fromStdString(layer->text(f.item, "id"));
            if (QTreeWidgetItem* item = siteItem(id); item && !item->isDisabled()) {
                item->setCheckState(kSiteColumn, Qt::Checked);
                added << item->text(kSiteColumn);
                continue;
            }
        }
        const std::string name = firstText(*layer, f.item, {"name", "name_zh", "joined_name", "名称", "NAME"});
        const QString shown = name.empty() ? layer->displayName : QString::fromStdString(name);
        if (f.item >= layer->points.size() || !toLonLat) {
            refused << shown;
            continue;
        }
        const auto lonLat = toLonLat->forward(geo::XY{layer->points[f.item].x(), layer->points[f.item].y()});
        if (!lonLat) {
            refused << shown;
            continue;
        }
        const std::string id = "P" + std::to_string(extras_.size() + 1);
        auto stop = route::makeStop(id, name.empty() ? id : name, *lonLat, 30, "");
        if (!stop) {
            refused << shown;
            continue;
        }
        extras_.push_back({*stop, layer->displayName});
        auto* item = new QTreeWidgetItem(sites_);
        item->setText(kSiteColumn, QStringLiteral("%1 %2").arg(QString::fromStdString(id), shown));
        item->setToolTip(kSiteColumn, tr("Picked on the map; 30 min visit, opening hours unknown"));
        item->setText(kCountyColumn, layer->displayName);
        item->setData(kSiteColumn, kIdRole, QString::fromStdString(id));
        item->setCheckState(kSiteColumn, Qt::Checked);
        item->setCheckState(kMustColumn, Qt::Checked);
        added << item->text(kSiteColumn);
    }
    QString text;
    if (!added.isEmpty()) text = tr("Added as stops: %1.").arg(added.join(QStringLiteral("、")));
    if (!refused.isEmpty())
        text += (text.isEmpty() ? QString() : QStringLiteral(" ")) +
                tr("Not added (only points can be stops): %1.").arg(refused.join(QStringLiteral("、")));
    if (text.isEmpty()) text = tr("The selection holds nothing that can be a stop.");
    return {text, !refused.isEmpty() && added.isEmpty(), false};
}

std::vector<route::Stop> RouteStopList::chosenStops() const {
    std::vector<route::Stop> stops;
    for (int i = 0; i < sites_->topLevelItemCount(); ++i) {
        const QTreeWidgetItem* item = sites_->topLevelItem(i);
        if (item->isDisabled() || item->checkState(kSiteColumn) != Qt::Checked) continue;
        const std::string id = item->data(kSiteColumn, kIdRole).toString().toStdString();
        std::optional<route::Stop> stop;
        if (data_)
            for (const auto& s : data_->sites)
                if (s.id == id && s.stop) stop = s.stop;
        for (const auto& e : extras_)
            if (e.stop.id == id) stop = e.stop;
        if (!stop) continue;
        stop->priority = item->checkState(kMustColumn) == Qt::Checked ? route::Priority::Must : route::Priority::Optional;
        stops.push_back(*stop);
    }
    return stops;
}

}  // namespace hongtu::ui
