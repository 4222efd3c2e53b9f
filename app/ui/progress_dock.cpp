#include "ui/progress_dock.hpp"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCoreApplication>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QFont>
#include <QHeaderView>
#include <QHorizontalBarSeries>
#include <QLabel>
#include <QLineSeries>
#include <QLocale>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <numeric>

#include "render/progress_theme.hpp"

namespace hongtu::ui {

namespace {

QString areaName(const geo::progress::Area& a) { return a.name.empty() ? QString::fromStdString(a.code) : QString::fromStdString(a.name); }

QString wanYuan(std::int64_t yuan) {
    return QLocale::c().toString(static_cast<double>(yuan) / 10000.0, 'f', 1);
}

qint64 msecs(geo::Date d) { return QDateTime(QDate(d.year, d.month, d.day), QTime(12, 0), Qt::UTC).toMSecsSinceEpoch(); }

geo::Date monthEnd(int year, int month) {
    const QDate first(year, month, 1);
    return {year, month, first.daysInMonth()};
}

}  // namespace

QString formatRate(std::optional<double> rate) {
    if (!rate) return QCoreApplication::translate("hongtu::ui::ProgressDock", "none planned");
    return QLocale::c().toString(*rate * 100, 'f', 1) + QLatin1Char('%');
}

QString barLabel(const QString& county, std::optional<double> rate) {
    return county + QStringLiteral("  ") + formatRate(rate);
}

void CountyProgressModel::setRows(std::vector<geo::progress::AreaProgress> rows) {
    if (rows.size() == rows_.size()) {  // same counties, new numbers: no reset, the sort stays
        rows_ = std::move(rows);
        if (!rows_.empty()) emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    rows_ = std::move(rows);
    endResetModel();
}

int CountyProgressModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : static_cast<int>(rows_.size()); }
int CountyProgressModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant CountyProgressModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const geo::progress::AreaProgress& a = rows_[static_cast<std::size_t>(index.row())];
    const geo::progress::Tally& t = a.tally.all;
    if (role == kCodeRole) return QString::fromStdString(a.area.code);
    if (role == Qt::TextAlignmentRole && index.column() != Name) return int(Qt::AlignRight | Qt::AlignVCenter);
    const bool display = role == Qt::DisplayRole;
    if (!display && role != kSortRole) return {};
    switch (index.column()) {
        case Name: return areaName(a.area);
        case Planned: return QVariant::fromValue<qlonglong>(t.planned);
        case Started: return QVariant::fromValue<qlonglong>(t.started);
        case Completed: return QVariant::fromValue<qlonglong>(t.completed);
        case Accepted: return QVariant::fromValue<qlonglong>(t.accepted);
        case Overdue: return QVariant::fromValue<qlonglong>(t.overdue);
        case Rate: {
            const auto rate = t.completionRate();
            if (display) return formatRate(rate);
            return rate ? *rate : -1.0;  // none planned sorts below 0%
        }
        case BudgetStarted:
            if (display) return wanYuan(t.budgetStartedYuan);
            return QVariant::fromValue<qlonglong>(t.budgetStartedYuan);
        default: return {};
    }
}

QVariant CountyProgressModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
        case Name: return tr("County");
        case Planned: return tr("Planned");
        case Started: return tr("Started");
        case Completed: return tr("Completed");
        case Accepted: return tr("Accepted");
        case Overdue: return tr("Overdue");
        case Rate: return tr("Completion rate");
        case BudgetStarted: return tr("Budget started (10k yuan)");
        default: return {};
    }
}

ProgressDock::ProgressDock(QWidget* parent) : QWidget(parent) {
    city_ = new QLabel(this);
    city_->setObjectName(QStringLiteral("progressCityLabel"));
    city_->setWordWrap(true);

    model_ = new CountyProgressModel(this);
    proxy_ = new QSortFilterProxyModel(this);
    proxy_->setSourceModel(model_);
    proxy_->setSortRole(CountyProgressModel::kSortRole);
    table_ = new QTableView(this);
    table_->setObjectName(QStringLiteral("countyProgressTable"));
    table_->setModel(proxy_);
    table_->setSortingEnabled(true);
    table_->sortByColumn(CountyProgressModel::Rate, Qt::DescendingOrder);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    // 完工率 right after the county (shown order only): on a narrow dock it stays in view.
    table_->horizontalHeader()->moveSection(CountyProgressModel::Rate, 1);
    connect(table_, &QTableView::clicked, this, [this](const QModelIndex& index) {
        emit countyChosen(index.data(CountyProgressModel::kCodeRole).toString());
    });

    barChart_ = new QChart;
    barChart_->setTitle(tr("Completion rate by county"));
    barChart_->legend()->hide();
    barChart_->setMargins(QMargins(2, 2, 2, 2));
    auto* barView = new QChartView(barChart_, this);
    barView->setRenderHint(QPainter::Antialiasing);
    // Room for every county's label at 1024×700 (Qt Charts hides labels that would touch); the
    // splitter gives the chart more when there is room.
    barView->setMinimumHeight(250);

    curveChart_ = new QChart;
    curveChart_->setTitle(tr("Completed projects, cumulative, against the target"));
    curveChart_->setMargins(QMargins(2, 2, 2, 2));
    auto* curveView = new QChartView(curveChart_, this);
    curveView->setRenderHint(QPainter::Antialiasing);
    curveView->setMinimumHeight(160);

    // The table above, the two charts as tabs below: each stays readable in a dock.
    auto* charts = new QTabWidget(this);
    charts->setObjectName(QStringLiteral("progressCharts"));
    charts->addTab(barView, tr("By county"));
    charts->addTab(curveView, tr("Over time"));
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(table_);
    splitter->addWidget(charts);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({240, 420});
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(city_);
    layout->addWidget(splitter, 1);
}

void ProgressDock::setModel(std::shared_ptr<const geo::progress::ProgressModel> model, geo::Date asOf) {
    progress_ = std::move(model);
    rebuildCurve();
    showAsOf(asOf);
}

void ProgressDock::rebuildCurve() {
    curveChart_->removeAllSeries();
    for (QAbstractAxis* axis : curveChart_->axes()) {
        curveChart_->removeAxis(axis);
        delete axis;
    }
    cumulative_ = target_ = marker_ = nullptr;
    if (!progress_) return;
    const auto range = render::historyRange(*progress_);
    if (!range) return;
    cumulative_ = new QLineSeries;
    cumulative_->setName(tr("Completed (cumulative, month end)"));
    int y = range->first.year, m = range->first.month;
    geo::progress::Snapshot s;
    qint64 firstX = 0, lastX = 0;
    double maxY = 0;
    while (true) {
        const geo::Date end = monthEnd(y, m);
        progress_->index().evaluate(end, {}, s);
        const qint64 x = msecs(end);
        if (cumulative_->count() == 0) firstX = x;
        lastX = x;
        cumulative_->append(static_cast<qreal>(x), static_cast<qreal>(s.city.all.completed));
        maxY = std::max(maxY, static_cast<double>(s.city.all.planned));
        if (y > range->second.year || (y == range->second.year && m >= range->second.month)) break;
        if (++m > 12) {
            m = 1;
            ++y;
        }
    }
    const geo::progress::ProgrammeTargets targets;
    const auto targetTotal = static_cast<double>(std::accumulate(targets.count.begin(), targets.count.end(), std::int64_t{0}));
    maxY = std::max(maxY, targetTotal);
    target_ = new QLineSeries;
    target_->setName(tr("Target (%1 projects)").arg(targetTotal));
    target_->append(static_cast<qreal>(firstX), targetTotal);
    target_->append(static_cast<qreal>(lastX), targetTotal);
    QPen targetPen(QColor(0xd7, 0x19, 0x1c), 1.5, Qt::DashLine);
    target_->setPen(targetPen);
    marker_ = new QLineSeries;
    marker_->setName(tr("As-of date"));
    marker_->setPen(QPen(QColor(0x55, 0x55, 0x55), 1, Qt::DotLine));
    cumulative_->setPen(QPen(QColor(0x31, 0x82, 0xbd), 2));
    curveChart_->addSeries(cumulative_);
    curveChart_->addSeries(target_);
    curveChart_->addSeries(marker_);
    auto* xAxis = new QDateTimeAxis;
    xAxis->setFormat(QStringLiteral("yyyy-MM"));
    xAxis->setTickCount(6);
    xAxis->setRange(QDateTime::fromMSecsSinceEpoch(firstX, Qt::UTC), QDateTime::fromMSecsSinceEpoch(lastX, Qt::UTC));
    auto* yAxis = new QValueAxis;
    yAxis->setRange(0, maxY * 1.05);
    yAxis->setLabelFormat(QStringLiteral("%d"));
    yAxis->applyNiceNumbers();
    curveChart_->addAxis(xAxis, Qt::AlignBottom);
    curveChart_->addAxis(yAxis, Qt::AlignLeft);
    for (QLineSeries* series : {cumulative_, target_, marker_}) {
        series->attachAxis(xAxis);
        series->attachAxis(yAxis);
    }
}

void ProgressDock::rebuildBars(const std::vector<std::string>& codes) {
    barChart_->removeAllSeries();
    for (QAbstractAxis* axis : barChart_->axes()) {
        barChart_->removeAxis(axis);
        delete axis;
    }
    auto* series = new QHorizontalBarSeries;
    bars_ = new QBarSet(tr("Completion rate"));
    bars_->setColor(QColor(0x31, 0x82, 0xbd));
    barAxis_ = new QBarCategoryAxis;
    for (std::size_t i = 0; i < codes.size(); ++i) {
        *bars_ << 0.0;
        barAxis_->append(QString::fromStdString(codes[i]));  // placeholders, named by showAsOf
    }
    barCounties_ = codes;
    series->append(bars_);
    // The value is written beside the county's name on the axis ("方山县  5.9%"), outside the
    // bar: a label inside the bar's end was clipped on short bars (5.88% read "88%").
    series->setLabelsVisible(false);
    series->setBarWidth(0.75);
    QFont small = barChart_->font();
    small.setPointSizeF(7.5);
    barChart_->addSeries(series);
    barAxis_->setLabelsFont(small);
    barAxis_->setTruncateLabels(false);
    auto* values = new QValueAxis;
    values->setRange(0, 100);
    values->setLabelFormat(QStringLiteral("%d%%"));
    barChart_->addAxis(barAxis_, Qt::AlignLeft);
    barChart_->addAxis(values, Qt::AlignBottom);
    series->attachAxis(barAxis_);
    series->attachAxis(values);
    connect(bars_, &QBarSet::clicked, this, [this](int index) {
        if (index >= 0 && static_cast<std::size_t>(index) < barCounties_.size())
            emit countyChosen(QString::fromStdString(barCounties_[static_cast<std::size_t>(index)]));
    });
}

void ProgressDock::showAsOf(geo::Date asOf) {
    asOf_ = asOf;
    if (!progress_) return;
    const geo::progress::Snapshot snapshot = progress_->evaluate(asOf);
    auto rows = progress_->tallies(snapshot, geo::AdminLevel::County);
    cityTally_ = snapshot.city.all;
    const geo::progress::Tally& c = cityTally_;
    city_->setText(tr("Whole city as of %1 (a change dated that day counts): %2 planned, %3 started, %4 completed (%5), %6 overdue")
                       .arg(QString::fromStdString(asOf.iso()))
                       .arg(c.planned)
                       .arg(c.started)
                       .arg(c.completed)
                       .arg(formatRate(c.completionRate()))
                       .arg(c.overdue));

    // Bars in the counties layer order (first county at the top), names on the axis. Built
    // once per set of counties; a new day only changes the values (a rebuilt chart relayouts,
    // which made every slider step cost ~150 ms of painting).
    std::vector<std::string> codes;
    for (auto it = rows.rbegin(); it != rows.rend(); ++it) codes.push_back(it->area.code);
    if (codes != barCounties_ || !bars_) rebuildBars(codes);
    for (std::size_t i = 0; i < codes.size(); ++i) {
        const auto& area = rows[rows.size() - 1 - i];
        const auto rate = area.tally.all.completionRate();
        const qreal value = rate ? *rate * 100 : 0.0;
        if (bars_->at(static_cast<int>(i)) != value) bars_->replace(static_cast<int>(i), value);
        const QString name = barLabel(areaName(area.area), rate);
        const QString old = barAxis_->at(static_cast<int>(i));
        if (old != name) barAxis_->replace(old, name);
    }

    model_->setRows(std::move(rows));

    if (marker_ && cumulative_ && cumulative_->count() > 0) {
        const qreal x = static_cast<qreal>(msecs(asOf));
        marker_->clear();
        marker_->append(x, 0);
        marker_->append(x, static_cast<qreal>(c.completed));
    }
}

}  // namespace hongtu::ui
