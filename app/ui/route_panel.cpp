#include "ui/route_panel.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDateTimeEdit>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QSaveFile>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardItemModel>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTimeEdit>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <set>

#include "hongtu/geo/datasource.hpp"
#include "hongtu/geo/crs.hpp"
#include "hongtu/geo/route_export.hpp"
#include "ui/map_canvas.hpp"

namespace hongtu::ui {

namespace {

namespace route = geo::route;

constexpr int kIdRole = Qt::UserRole;          // stop id ("" for day headers)
constexpr int kKindRole = Qt::UserRole + 1;    // order list: "stop", "day", "out"
constexpr int kSiteColumn = 0, kCountyColumn = 1, kMustColumn = 2;
const QColor kViolationText(0xb0, 0x00, 0x20);
const QColor kViolationBackground(0xfd, 0xe0, 0xdd);

QString duration(double minutes) {
    return QString::fromStdString(render::uiLanguage() == route::Language::Zh ? route::durationZh(minutes) : route::durationEn(minutes));
}

QString reasonText(const route::Reason& r) {
    return QString::fromStdString(render::uiLanguage() == route::Language::Zh ? r.zh : r.en);
}

std::string firstText(const render::SceneLayer& layer, std::size_t item, std::initializer_list<const char*> fields) {
    for (const char* f : fields)
        if (auto t = layer.text(item, f); !t.empty()) return t;
    return {};
}

}  // namespace

RoutePanel::RoutePanel(const std::string& projectPath, QWidget* parent) : QWidget(parent) {
    pool_.setMaxThreadCount(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    tabs_ = new QTabWidget(splitter);
    tabs_->addTab(buildStopsTab(), tr("Stops"));
    tabs_->addTab(buildTripTab(), tr("Trip"));
    tabs_->addTab(buildOrderTab(), tr("Order"));

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
    const auto addExport = [&](const QString& label, ExportKind kind, const QString& suffix, const QString& filter) {
        menu->addAction(label, this, [this, kind, suffix, filter] {
            if (!plan_) return;
            const QString name = tr("route") + QStringLiteral("_") + QString::fromStdString(plan_->problem.trip.departDate.iso()) + suffix;
            const QString path = QFileDialog::getSaveFileName(this, tr("Export route"), name, filter);
            if (!path.isEmpty()) exportTo(path, kind);
        });
    };
    addExport(tr("GPX for phones…"), ExportKind::Gpx, QStringLiteral(".gpx"), tr("GPX (*.gpx)"));
    addExport(tr("KML for phones and Google Earth…"), ExportKind::Kml, QStringLiteral(".kml"), tr("KML (*.kml)"));
    addExport(tr("GeoJSON…"), ExportKind::GeoJson, QStringLiteral(".geojson"), tr("GeoJSON (*.geojson)"));
    addExport(tr("Timetable as CSV…"), ExportKind::Csv, QStringLiteral(".csv"), tr("CSV (*.csv)"));
    addExport(tr("Timetable as XLSX…"), ExportKind::Xlsx, QStringLiteral(".xlsx"), tr("Excel workbook (*.xlsx)"));
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

    model_ = new QStandardItemModel(this);
    table_ = new QTableView(results);
    table_->setObjectName(QStringLiteral("routeTimetable"));
    table_->setModel(model_);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setWordWrap(false);
    table_->verticalHeader()->hide();
    table_->verticalHeader()->setDefaultSectionSize(table_->fontMetrics().height() + 6);
    table_->horizontalHeader()->setStretchLastSection(true);
    resultsLayout->addWidget(table_, 1);
    splitter->addWidget(tabs_);
    splitter->addWidget(results);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    layout->addWidget(splitter);

    auto data = route::loadRouteProject(projectPath);
    if (data) {
        data_ = std::move(data).value();
    } else {
        setMessage(tr("The memorial sites could not be read: %1").arg(QString::fromStdString(geo::redactConnectionString(data.error().toString()))), true);
    }
    fillSites();
    showSummary();
}

RoutePanel::~RoutePanel() {
    generation_->store(0);
    pool_.waitForDone();
}

QWidget* RoutePanel::buildStopsTab() {
    auto* page = new QWidget(this);
    auto* v = new QVBoxLayout(page);
    auto* row = new QHBoxLayout;
    countyBox_ = new QComboBox(page);
    countyBox_->setObjectName(QStringLiteral("routeCountyBox"));
    auto* tickCounty = new QPushButton(tr("Tick county"), page);
    connect(tickCounty, &QPushButton::clicked, this, [this] { checkCounty(countyBox_->currentText()); });
    auto* clear = new QPushButton(tr("Untick all"), page);
    connect(clear, &QPushButton::clicked, this, &RoutePanel::clearStops);
    row->addWidget(countyBox_, 1);
    row->addWidget(tickCounty);
    row->addWidget(clear);
    v->addLayout(row);

    sites_ = new QTreeWidget(page);
    sites_->setObjectName(QStringLiteral("routeSites"));
    sites_->setColumnCount(3);
    sites_->setHeaderLabels({tr("Site"), tr("County"), tr("Must visit")});
    sites_->setRootIsDecorated(false);
    sites_->header()->setSectionResizeMode(kSiteColumn, QHeaderView::Stretch);
    sites_->header()->setSectionResizeMode(kCountyColumn, QHeaderView::ResizeToContents);
    sites_->header()->setSectionResizeMode(kMustColumn, QHeaderView::ResizeToContents);
    sites_->header()->setStretchLastSection(false);
    v->addWidget(sites_, 1);

    auto* add = new QPushButton(tr("Add the selected map feature as a stop"), page);
    add->setObjectName(QStringLiteral("routeAddSelection"));
    add->setToolTip(tr("Click a village, town or site on the map (or select several with Shift + drag), then press this."));
    connect(add, &QPushButton::clicked, this, &RoutePanel::addSelectionRequested);
    v->addWidget(add);
    return page;
}

QWidget* RoutePanel::buildTripTab() {
    auto* page = new QWidget(this);
    auto* form = new QFormLayout(page);
    startBox_ = new QComboBox(page);
    startBox_->setObjectName(QStringLiteral("routeStart"));
    endBox_ = new QComboBox(page);
    form->addRow(tr("Start"), startBox_);
    form->addRow(tr("End"), endBox_);

    departEdit_ = new QDateTimeEdit(QDateTime(QDate::currentDate().addDays(1), QTime(8, 0)), page);
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
    connect(browse, &QPushButton::clicked, this, &RoutePanel::chooseRoads);
    roadsRow->addWidget(roadsEdit_, 1);
    roadsRow->addWidget(browse);
    form->addRow(tr("Road network (any line layer)"), roads);
    return page;
}

QWidget* RoutePanel::buildOrderTab() {
    auto* page = new QWidget(this);
    auto* v = new QVBoxLayout(page);
    auto* help = new QLabel(tr("Drag a stop to change the order or the day; the timetable is recomputed and broken opening hours "
                               "show in red. Ticked stops keep their order when you solve again."),
                            page);
    help->setWordWrap(true);
    v->addWidget(help);
    order_ = new QListWidget(page);
    order_->setObjectName(QStringLiteral("routeOrder"));
    order_->setDragDropMode(QAbstractItemView::InternalMove);
    order_->setDefaultDropAction(Qt::MoveAction);
    order_->setSelectionMode(QAbstractItemView::SingleSelection);
    v->addWidget(order_, 1);
    auto* row = new QHBoxLayout;
    auto* up = new QPushButton(tr("Move up"), page);
    auto* down = new QPushButton(tr("Move down"), page);
    connect(up, &QPushButton::clicked, this, [this] {
        const int r = order_->currentRow();
        if (r > 0) moveOrderRow(r, r - 1);
    });
    connect(down, &QPushButton::clicked, this, [this] {
        const int r = order_->currentRow();
        if (r >= 0 && r + 1 < order_->count()) moveOrderRow(r, r + 1);
    });
    row->addWidget(up);
    row->addWidget(down);
    row->addStretch();
    v->addLayout(row);
    // A drag moves rows (or removes and inserts them): recompute once the drop is complete.
    const auto later = [this] {
        if (rebuildingOrder_) return;
        QTimer::singleShot(0, this, [this] {
            if (!rebuildingOrder_) reevaluate();
        });
    };
    connect(order_->model(), &QAbstractItemModel::rowsMoved, this, later);
    connect(order_->model(), &QAbstractItemModel::rowsInserted, this, later);
    return page;
}

void RoutePanel::fillSites() {
    sites_->clear();
    countyBox_->clear();
    startBox_->clear();
    endBox_->clear();
    endBox_->addItem(tr("Back to the start"), QString());
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
    for (const auto& seat : data_->seats) {
        startBox_->addItem(QString::fromStdString(seat.county));
        endBox_->addItem(QString::fromStdString(seat.county), QString::fromStdString(seat.county));
    }
    if (const int lishi = startBox_->findText(QStringLiteral("离石")); lishi >= 0) startBox_->setCurrentIndex(lishi);
}

int RoutePanel::checkCounty(const QString& county) {
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

void RoutePanel::clearStops() {
    for (int i = 0; i < sites_->topLevelItemCount(); ++i)
        if (!sites_->topLevelItem(i)->isDisabled()) sites_->topLevelItem(i)->setCheckState(kSiteColumn, Qt::Unchecked);
}

void RoutePanel::setMustVisit(const QString& stopId, bool must) {
    if (QTreeWidgetItem* item = siteItem(stopId)) item->setCheckState(kMustColumn, must ? Qt::Checked : Qt::Unchecked);
}

QTreeWidgetItem* RoutePanel::siteItem(const QString& stopId) const {
    for (int i = 0; i < sites_->topLevelItemCount(); ++i)
        if (sites_->topLevelItem(i)->data(kSiteColumn, kIdRole).toString() == stopId) return sites_->topLevelItem(i);
    return nullptr;
}

QString RoutePanel::addFeatures(const render::Scene& scene, const std::vector<render::FeatureRef>& features) {
    if (features.empty()) return tr("Nothing is selected on the map: click a site, village or town first.");
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
    setMessage(text, !refused.isEmpty() && added.isEmpty());
    return text;
}

void RoutePanel::setStart(const QString& place) {
    if (const int i = startBox_->findText(place); i >= 0) startBox_->setCurrentIndex(i);
}
void RoutePanel::setDeparture(const QDate& date, int clockMinutes) {
    departEdit_->setDateTime(QDateTime(date, QTime(clockMinutes / 60, clockMinutes % 60)));
}
void RoutePanel::setDays(int days) { daysSpin_->setValue(days); }
void RoutePanel::setDayLimitHours(double hours) { limitSpin_->setValue(hours); }
void RoutePanel::setRoadNetwork(const QString& path) { roadsEdit_->setText(path); }

void RoutePanel::chooseRoads() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Road network"), QString(),
                                                      tr("Line layers (*.gpkg *.shp *.geojson *.json *.kml *.gml);;All files (*)"));
    if (!path.isEmpty()) roadsEdit_->setText(path);
}

std::optional<RoutePanel::SolveInput> RoutePanel::collectInput() {
    if (!data_) {
        setMessage(tr("The project has no memorial sites to plan with."), true);
        return std::nullopt;
    }
    SolveInput in;
    auto& p = in.problem;
    for (int i = 0; i < sites_->topLevelItemCount(); ++i) {
        const QTreeWidgetItem* item = sites_->topLevelItem(i);
        if (item->isDisabled() || item->checkState(kSiteColumn) != Qt::Checked) continue;
        const std::string id = item->data(kSiteColumn, kIdRole).toString().toStdString();
        std::optional<route::Stop> stop;
        for (const auto& s : data_->sites)
            if (s.id == id && s.stop) stop = s.stop;
        for (const auto& e : extras_)
            if (e.stop.id == id) stop = e.stop;
        if (!stop) continue;
        stop->priority = item->checkState(kMustColumn) == Qt::Checked ? route::Priority::Must : route::Priority::Optional;
        p.stops.push_back(*stop);
    }
    if (p.stops.empty()) {
        setMessage(tr("Tick at least one site (or add one from the map)."), true);
        return std::nullopt;
    }
    auto start = route::findPlace(*data_, startBox_->currentText().toStdString());
    if (!start) {
        setMessage(QString::fromStdString(start.error().message), true);
        return std::nullopt;
    }
    p.trip.start = *start;
    if (const QString end = endBox_->currentData().toString(); !end.isEmpty()) {
        auto place = route::findPlace(*data_, end.toStdString());
        if (!place) {
            setMessage(QString::fromStdString(place.error().message), true);
            return std::nullopt;
        }
        p.trip.end = *place;
    }
    const QDateTime depart = departEdit_->dateTime();
    p.trip.departDate = {depart.date().year(), depart.date().month(), depart.date().day()};
    p.trip.departClock = depart.time().hour() * 60 + depart.time().minute();
    p.trip.days = daysSpin_->value();
    p.trip.dayLimitMinutes = limitSpin_->value() * 60;
    p.trip.lunch.enabled = lunchCheck_->isChecked();
    p.trip.lunch.earliest = lunchFrom_->time().hour() * 60 + lunchFrom_->time().minute();
    p.trip.lunch.latestEnd = lunchTo_->time().hour() * 60 + lunchTo_->time().minute();
    p.trip.lunch.minutes = lunchMinutes_->value();
    if (p.trip.days > 1) p.trip.overnightCandidates = route::seatPlaces(*data_);
    // Ticked stops of the order list keep their relative order.
    std::set<std::string> chosen;
    for (const auto& s : p.stops) chosen.insert(s.id);
    for (int i = 0; i < order_->count(); ++i) {
        const QListWidgetItem* item = order_->item(i);
        const std::string id = item->data(kIdRole).toString().toStdString();
        if (item->data(kKindRole).toString() == QStringLiteral("stop") && item->checkState() == Qt::Checked && chosen.count(id))
            p.pinned.push_back(id);
    }
    if (auto st = route::validate(p); !st) {
        setMessage(QString::fromStdString(st.error().message), true);
        return std::nullopt;
    }
    in.roadsPath = roadsEdit_->text().trimmed().toStdString();
    in.speedKmh = speedSpin_->value();
    in.detour = detourSpin_->value();
    return in;
}

bool RoutePanel::solve() {
    auto input = collectInput();
    if (!input) return false;
    const std::uint64_t generation = ++*generation_;
    const auto latest = generation_;
    const std::string cacheKey = input->roadsPath + "|" + std::to_string(input->speedKmh) + "|" + std::to_string(input->detour);
    std::shared_ptr<const route::RoadNetwork> cachedRoads = cacheKey == roadsPath_ ? roads_ : nullptr;
    solveButton_->setEnabled(false);
    setMessage(tr("Solving…"), false);
    pool_.start([this, generation, latest, input = std::move(*input), cachedRoads, cacheKey] {
        if (latest->load() != generation) return;
        QElapsedTimer timer;
        timer.start();
        SolveOutput out;
        std::unique_ptr<route::TravelModel> straight;
        const route::TravelModel* model = nullptr;
        if (!input.roadsPath.empty()) {
            out.roads = cachedRoads;
            if (!out.roads) {
                route::RoadNetworkOptions options;
                options.defaultSpeedKmh = input.speedKmh;
                options.accessDetour = input.detour;
                auto net = route::RoadNetwork::open(input.roadsPath, "", options);
                if (net)
                    out.roads = std::make_shared<const route::RoadNetwork>(std::move(net).value());
                else
                    out.error = QString::fromStdString(geo::redactConnectionString(net.error().toString()));
            }
            model = out.roads.get();
        } else {
            straight = std::make_unique<route::StraightLineModel>(input.speedKmh, input.detour);
            model = straight.get();
        }
        if (model) {
            auto matrix = model->matrix(route::nodePlaces(input.problem));
            if (matrix) {
                out.matrix = std::make_shared<const route::TravelMatrix>(std::move(matrix).value());
                out.plan = render::RoutePlan{input.problem, route::solve(input.problem, *out.matrix)};
            } else {
                out.error = QString::fromStdString(geo::redactConnectionString(matrix.error().toString()));
            }
        }
        out.milliseconds = static_cast<double>(timer.nsecsElapsed()) / 1e6;
        // The panel outlives every solve: its destructor waits for the pool.
        QMetaObject::invokeMethod(
            this,
            [this, generation, out = std::move(out), cacheKey]() mutable {
                if (generation_->load() != generation) return;
                if (out.roads) {
                    roads_ = out.roads;
                    roadsPath_ = cacheKey;
                }
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
    if (!output.plan) {
        setMessage(tr("The route could not be computed: %1").arg(output.error), true);
        return;
    }
    solveMs_ = output.milliseconds;
    matrix_ = output.matrix;
    setMessage(QString(), false);
    setPlan(std::move(*output.plan));
}

void RoutePanel::setPlan(render::RoutePlan plan) {
    plan_ = std::move(plan);
    rebuildOrderList();
    fillTimetable();
    showSummary();
    exportButton_->setEnabled(true);
    emit planChanged();
}

void RoutePanel::rebuildOrderList() {
    rebuildingOrder_ = true;
    // Pins survive a new solve: the ids ticked before stay ticked.
    std::set<std::string> pinned(plan_->problem.pinned.begin(), plan_->problem.pinned.end());
    order_->clear();
    const auto& p = plan_->problem;
    const auto& it = plan_->itinerary;
    const auto header = [&](const QString& text, const QString& kind) {
        auto* item = new QListWidgetItem(text, order_);
        QFont bold = item->font();
        bold.setBold(true);
        item->setFont(bold);
        item->setData(kIdRole, QString());
        item->setData(kKindRole, kind);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsDragEnabled);
        item->setBackground(QColor(0xee, 0xee, 0xee));
    };
    const auto stopItem = [&](std::size_t s) {
        const route::Stop& stop = p.stops[s];
        auto* item = new QListWidgetItem(order_);
        item->setData(kIdRole, QString::fromStdString(stop.id));
        item->setData(kKindRole, QStringLiteral("stop"));
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(pinned.count(stop.id) ? Qt::Checked : Qt::Unchecked);
        item->setToolTip(tr("Tick to keep this stop's order when solving again"));
    };
    for (int d = 0; d < p.trip.days; ++d) {
        const geo::Date date = geo::Date::fromDaysSinceEpoch(p.trip.departDate.daysSinceEpoch() + d);
        header(tr("Day %1 (%2)").arg(d + 1).arg(QString::fromStdString(date.iso())), QStringLiteral("day"));
        if (static_cast<std::size_t>(d) < it.days.size())
            for (const auto& v : it.days[static_cast<std::size_t>(d)].visits) stopItem(v.stop);
    }
    header(tr("Left out (drag a stop above to include it)"), QStringLiteral("out"));
    for (const auto& dr : it.dropped) stopItem(dr.stop);
    rebuildingOrder_ = false;
    // Texts (visiting numbers, red for broken windows) follow the itinerary.
    std::map<std::string, std::pair<int, bool>> seqAndViolation;
    int seq = 0;
    for (const auto& d : it.days)
        for (const auto& v : d.visits) seqAndViolation[p.stops[v.stop].id] = {++seq, !v.violations.empty()};
    for (int i = 0; i < order_->count(); ++i) {
        QListWidgetItem* item = order_->item(i);
        if (item->data(kKindRole).toString() != QStringLiteral("stop")) continue;
        const std::string id = item->data(kIdRole).toString().toStdString();
        const auto s = std::find_if(p.stops.begin(), p.stops.end(), [&](const route::Stop& x) { return x.id == id; });
        const QString name = QString::fromStdString(s->name.empty() ? s->id : s->name);
        const auto found = seqAndViolation.find(id);
        item->setText(found == seqAndViolation.end() ? QStringLiteral("–  %1 (%2)").arg(name, QString::fromStdString(id))
                                                     : QStringLiteral("%1  %2 (%3)").arg(found->second.first).arg(name, QString::fromStdString(id)));
        item->setForeground(found != seqAndViolation.end() && found->second.second ? kViolationText : QColor(Qt::black));
    }
}

std::vector<std::string> RoutePanel::currentOrder() const {
    std::vector<std::string> order;
    bool firstDay = true;
    for (int i = 0; i < order_->count(); ++i) {
        const QListWidgetItem* item = order_->item(i);
        const QString kind = item->data(kKindRole).toString();
        if (kind == QStringLiteral("out")) break;
        if (kind == QStringLiteral("day")) {
            if (!firstDay) order.push_back("|");
            firstDay = false;
            continue;
        }
        order.push_back(item->data(kIdRole).toString().toStdString());
    }
    while (!order.empty() && order.back() == "|") order.pop_back();  // days left empty at the end
    return order;
}

void RoutePanel::moveOrderRow(int from, int to) {
    if (from < 0 || from >= order_->count() || to < 0 || to >= order_->count() || from == to) return;
    rebuildingOrder_ = true;
    QListWidgetItem* item = order_->takeItem(from);
    order_->insertItem(to, item);
    order_->setCurrentRow(to);
    rebuildingOrder_ = false;
    reevaluate();
}

void RoutePanel::reevaluate() {
    if (!plan_ || !matrix_) return;
    auto evaluated = route::evaluateOrder(plan_->problem, *matrix_, currentOrder());
    if (!evaluated) {
        setMessage(tr("This order cannot be timed: %1").arg(QString::fromStdString(evaluated.error().message)), true);
        return;
    }
    setMessage(QString(), false);
    plan_->itinerary = std::move(evaluated).value();
    // Keep the user's arrangement; refresh numbers and colours only.
    const bool was = rebuildingOrder_;
    rebuildingOrder_ = true;
    std::map<std::string, std::pair<int, bool>> seqAndViolation;
    int seq = 0;
    for (const auto& d : plan_->itinerary.days)
        for (const auto& v : d.visits) seqAndViolation[plan_->problem.stops[v.stop].id] = {++seq, !v.violations.empty()};
    for (int i = 0; i < order_->count(); ++i) {
        QListWidgetItem* item = order_->item(i);
        if (item->data(kKindRole).toString() != QStringLiteral("stop")) continue;
        const std::string id = item->data(kIdRole).toString().toStdString();
        QString text = item->text();
        text = text.mid(text.indexOf(QStringLiteral("  ")) + 2);
        const auto found = seqAndViolation.find(id);
        item->setText((found == seqAndViolation.end() ? QStringLiteral("–") : QString::number(found->second.first)) +
                      QStringLiteral("  ") + text);
        item->setForeground(found != seqAndViolation.end() && found->second.second ? kViolationText : QColor(Qt::black));
    }
    rebuildingOrder_ = was;
    fillTimetable();
    showSummary();
    emit planChanged();
}

void RoutePanel::fillTimetable() {
    model_->clear();
    if (!plan_) return;
    const auto rows = render::timetableRows(*plan_);
    const auto events = route::timetable(plan_->problem, plan_->itinerary);
    QStringList header;
    for (const auto& h : rows.front()) header << h;
    model_->setHorizontalHeaderLabels(header);
    for (std::size_t r = 1; r < rows.size(); ++r) {
        const route::TimetableRow& event = events[r - 1];
        const bool violated = !event.violations.empty() && event.kind != route::TimetableRow::Kind::Dropped;
        const bool dropped = event.kind == route::TimetableRow::Kind::Dropped;
        QList<QStandardItem*> cells;
        for (const auto& text : rows[r]) {
            auto* cell = new QStandardItem(text);
            cell->setToolTip(text);
            if (violated) {
                cell->setForeground(kViolationText);
                cell->setBackground(kViolationBackground);
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
        model_->appendRow(cells);
    }
    table_->resizeColumnsToContents();
    const int noteColumn = model_->columnCount() - 1;
    if (noteColumn > 0) table_->setColumnWidth(noteColumn, std::min(table_->columnWidth(noteColumn), 420));
}

std::vector<int> RoutePanel::flaggedRows() const {
    std::vector<int> out;
    if (!plan_) return out;
    const auto events = route::timetable(plan_->problem, plan_->itinerary);
    for (std::size_t r = 0; r < events.size(); ++r)
        if (!events[r].violations.empty() && events[r].kind != route::TimetableRow::Kind::Dropped) out.push_back(static_cast<int>(r));
    return out;
}

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

bool RoutePanel::exportTo(const QString& path, ExportKind kind) {
    if (!plan_) {
        setMessage(tr("Solve a route first."), true);
        return false;
    }
    if (kind == ExportKind::Xlsx) {
        auto st = route::writeTimetableXlsx(path.toStdString(), plan_->problem, plan_->itinerary, render::uiLanguage());
        if (!st) {
            setMessage(tr("The timetable could not be written: %1").arg(QString::fromStdString(geo::redactConnectionString(st.error().toString()))), true);
            return false;
        }
    } else {
        const route::ExportFormat format = kind == ExportKind::Gpx     ? route::ExportFormat::Gpx
                                           : kind == ExportKind::Kml   ? route::ExportFormat::Kml
                                           : kind == ExportKind::Csv   ? route::ExportFormat::Csv
                                                                       : route::ExportFormat::GeoJson;
        const std::string text = route::exportItinerary(plan_->problem, plan_->itinerary, format);
        QSaveFile file(path);  // written beside, renamed over the target at commit: all or nothing
        if (!file.open(QIODevice::WriteOnly) || file.write(text.data(), static_cast<qint64>(text.size())) != static_cast<qint64>(text.size()) ||
            !file.commit()) {
            setMessage(tr("'%1' could not be written: %2").arg(path, file.errorString()), true);
            return false;
        }
    }
    setMessage(tr("Wrote %1").arg(QFileInfo(path).fileName()), false);
    return true;
}

}  // namespace hongtu::ui
