#include "ui/route_order_list.hpp"

#include <QAbstractItemModel>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "ui/route_timetable.hpp"

namespace hongtu::ui {

namespace {

namespace route = geo::route;

constexpr int kIdRole = Qt::UserRole;        // stop id ("" for headers)
constexpr int kKindRole = Qt::UserRole + 1;  // "stop", "day", "out"

}  // namespace

RouteOrderList::RouteOrderList(QWidget* parent) : QWidget(parent) {
    auto* v = new QVBoxLayout(this);
    auto* help = new QLabel(tr("Drag a stop to change the order or the day; the timetable is recomputed and broken opening hours "
                               "show in red. Ticked stops keep their order when you solve again."),
                            this);
    help->setWordWrap(true);
    v->addWidget(help);
    list_ = new QListWidget(this);
    list_->setObjectName(QStringLiteral("routeOrder"));
    list_->setDragDropMode(QAbstractItemView::InternalMove);
    list_->setDefaultDropAction(Qt::MoveAction);
    list_->setSelectionMode(QAbstractItemView::SingleSelection);
    v->addWidget(list_, 1);
    auto* row = new QHBoxLayout;
    auto* up = new QPushButton(tr("Move up"), this);
    auto* down = new QPushButton(tr("Move down"), this);
    connect(up, &QPushButton::clicked, this, [this] {
        const int r = list_->currentRow();
        if (r > 0) moveRow(r, r - 1);
    });
    connect(down, &QPushButton::clicked, this, [this] {
        const int r = list_->currentRow();
        if (r >= 0 && r + 1 < list_->count()) moveRow(r, r + 1);
    });
    row->addWidget(up);
    row->addWidget(down);
    row->addStretch();
    v->addLayout(row);
    // A drag moves rows (or removes and inserts them): recompute once the drop is complete.
    const auto later = [this] {
        if (rebuilding_) return;
        QTimer::singleShot(0, this, [this] {
            if (!rebuilding_) emit orderChanged();
        });
    };
    connect(list_->model(), &QAbstractItemModel::rowsMoved, this, later);
    connect(list_->model(), &QAbstractItemModel::rowsInserted, this, later);
}

void RouteOrderList::showPlan(const render::RoutePlan& plan) {
    rebuilding_ = true;
    // Pins survive a new solve: the ids ticked before stay ticked.
    std::set<std::string> pinned(plan.problem.pinned.begin(), plan.problem.pinned.end());
    list_->clear();
    const auto& p = plan.problem;
    const auto& it = plan.itinerary;
    const auto header = [&](const QString& text, const QString& kind) {
        auto* item = new QListWidgetItem(text, list_);
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
        auto* item = new QListWidgetItem(list_);
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
    rebuilding_ = false;
    setTexts(plan, true);
}

void RouteOrderList::renumber(const render::RoutePlan& plan) {
    const bool was = rebuilding_;
    rebuilding_ = true;
    setTexts(plan, false);
    rebuilding_ = was;
}

// Visiting numbers and red for broken windows follow the itinerary. With names: "3  name (id)";
// without, only the number before the two spaces is replaced.
void RouteOrderList::setTexts(const render::RoutePlan& plan, bool withNames) {
    const auto& p = plan.problem;
    std::map<std::string, std::pair<int, bool>> seqAndViolation;
    int seq = 0;
    for (const auto& d : plan.itinerary.days)
        for (const auto& v : d.visits) seqAndViolation[p.stops[v.stop].id] = {++seq, !v.violations.empty()};
    for (int i = 0; i < list_->count(); ++i) {
        QListWidgetItem* item = list_->item(i);
        if (item->data(kKindRole).toString() != QStringLiteral("stop")) continue;
        const std::string id = item->data(kIdRole).toString().toStdString();
        const auto found = seqAndViolation.find(id);
        if (withNames) {
            const auto s = std::find_if(p.stops.begin(), p.stops.end(), [&](const route::Stop& x) { return x.id == id; });
            const QString name = QString::fromStdString(s->name.empty() ? s->id : s->name);
            item->setText(found == seqAndViolation.end()
                              ? QStringLiteral("–  %1 (%2)").arg(name, QString::fromStdString(id))
                              : QStringLiteral("%1  %2 (%3)").arg(found->second.first).arg(name, QString::fromStdString(id)));
        } else {
            QString text = item->text();
            text = text.mid(text.indexOf(QStringLiteral("  ")) + 2);
            item->setText((found == seqAndViolation.end() ? QStringLiteral("–") : QString::number(found->second.first)) +
                          QStringLiteral("  ") + text);
        }
        item->setForeground(found != seqAndViolation.end() && found->second.second ? routeViolationText() : QColor(Qt::black));
    }
}

std::vector<std::string> RouteOrderList::currentOrder() const {
    std::vector<std::string> order;
    bool firstDay = true;
    for (int i = 0; i < list_->count(); ++i) {
        const QListWidgetItem* item = list_->item(i);
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

std::vector<std::string> RouteOrderList::pinnedIds(const std::vector<route::Stop>& stops) const {
    std::set<std::string> chosen;
    for (const auto& s : stops) chosen.insert(s.id);
    std::vector<std::string> pinned;
    for (int i = 0; i < list_->count(); ++i) {
        const QListWidgetItem* item = list_->item(i);
        const std::string id = item->data(kIdRole).toString().toStdString();
        if (item->data(kKindRole).toString() == QStringLiteral("stop") && item->checkState() == Qt::Checked && chosen.count(id))
            pinned.push_back(id);
    }
    return pinned;
}

void RouteOrderList::moveRow(int from, int to) {
    if (from < 0 || from >= list_->count() || to < 0 || to >= list_->count() || from == to) return;
    rebuilding_ = true;
    QListWidgetItem* item = list_->takeItem(from);
    list_->insertItem(to, item);
    list_->setCurrentRow(to);
    rebuilding_ = false;
    emit orderChanged();
}

}  // namespace hongtu::ui
