#include "render/route_layers.hpp"

#include <QCoreApplication>
#include <QStringList>

#include <algorithm>

#include "hongtu/geo/crs.hpp"

namespace hongtu::render {

namespace {

namespace route = geo::route;

const std::string kLonLat = "EPSG:4490";
constexpr double kLabelGroupMeters = 3000;

geo::Geometry pointGeometry(const geo::XY& p) {
    geo::Geometry g;
    g.kind = geo::Geometry::Kind::Point;
    g.parts = {{{p}}};
    return g;
}

geo::Geometry lineGeometry(std::vector<geo::XY> pts) {
    geo::Geometry g;
    g.kind = geo::Geometry::Kind::LineString;
    g.parts = {{std::move(pts)}};
    return g;
}

// Categories "1", "2", ... for the days of the plan, in the day colours.
CategorizedSymbology dayCategories(const RoutePlan& plan) {
    CategorizedSymbology c;
    c.field = "day";
    for (const auto& d : plan.itinerary.days)
        c.categories.push_back({std::to_string(d.index + 1),
                                QCoreApplication::translate("hongtu::render::Route", "Day %1 (%2)").arg(d.index + 1).arg(QString::fromStdString(d.date.iso())), routeDayColor(d.index)});
    return c;
}

LabelStyle routeLabel(const QColor& color, double sizePt) {
    LabelStyle l;
    l.enabled = true;
    l.sizePt = sizePt;
    l.color = color;
    l.haloMm = 0.6;
    return l;
}

geo::Layer legsLayer(const RoutePlan& plan) {
    const auto& it = plan.itinerary;
    geo::Layer l;
    l.name = kRouteLegsLayerId;
    l.crs = kLonLat;
    l.geometryKind = geo::Geometry::Kind::LineString;
    l.fields = {{"day", geo::FieldType::Text}, {"seq", geo::FieldType::Integer}, {"from", geo::FieldType::Text}, {"to", geo::FieldType::Text}, {"drive_minutes", geo::FieldType::Real}, {"km", geo::FieldType::Real}};
    std::int64_t fid = 0;
    for (const auto& d : it.days) {
        std::int64_t seq = 0;
        auto add = [&](const route::Leg& leg) {
            std::vector<geo::XY> pts = leg.path;
            if (pts.size() < 2) pts = {it.nodes[leg.fromNode].lonLat, it.nodes[leg.toNode].lonLat};
            geo::Feature f;
            f.fid = ++fid;
            f.geometry = lineGeometry(std::move(pts));
            f.values = {std::to_string(d.index + 1), ++seq, it.nodes[leg.fromNode].name, it.nodes[leg.toNode].name, leg.driveMinutes,
                        leg.meters / 1000.0};
            l.features.push_back(std::move(f));
        };
        for (const auto& v : d.visits) add(v.legIn);
        add(d.legOut);
    }
    return l;
}

geo::Layer placesLayer(const RoutePlan& plan) {
    const auto& it = plan.itinerary;
    geo::Layer l;
    l.name = kRoutePlacesLayerId;
    l.crs = kLonLat;
    l.geometryKind = geo::Geometry::Kind::Point;
    l.fields = {{"kind", geo::FieldType::Text}, {"name", geo::FieldType::Text}, {"label", geo::FieldType::Text}, {"day", geo::FieldType::Text}};
    std::int64_t fid = 0;
    auto add = [&](const std::string& kind, const route::Place& place, const QString& label, int day) {
        geo::Feature f;
        f.fid = ++fid;
        f.geometry = pointGeometry(place.lonLat);
        f.values = {kind, place.name, label.toStdString(), day > 0 ? geo::Value(std::to_string(day)) : geo::Value(std::monostate{})};
        l.features.push_back(std::move(f));
    };
    if (it.days.empty()) return l;
    const route::Place& start = it.nodes[it.days.front().startNode];
    const route::Place& end = it.nodes[it.days.back().endNode];
    const bool roundTrip = start.lonLat == end.lonLat;
    const QString startName = QString::fromStdString(start.name);
    add("start", start, roundTrip ? QCoreApplication::translate("hongtu::render::Route", "Start and end %1").arg(startName) : QCoreApplication::translate("hongtu::render::Route", "Start %1").arg(startName), 0);
    for (const auto& d : it.days)
        if (d.overnight)
            add("overnight", it.nodes[d.endNode], QCoreApplication::translate("hongtu::render::Route", "Night %1 %2").arg(d.index + 1).arg(QString::fromStdString(it.nodes[d.endNode].name)),
                d.index + 1);
    if (!roundTrip) add("end", end, QCoreApplication::translate("hongtu::render::Route", "End %1").arg(QString::fromStdString(end.name)), 0);
    return l;
}

geo::Layer stopsLayer(const RoutePlan& plan) {
    const auto& it = plan.itinerary;
    geo::Layer l;
    l.name = kRouteStopsLayerId;
    l.crs = kLonLat;
    l.geometryKind = geo::Geometry::Kind::Point;
    l.fields = {{"label", geo::FieldType::Text}, {"day", geo::FieldType::Text}, {"seq", geo::FieldType::Integer}, {"id", geo::FieldType::Text}, {"name", geo::FieldType::Text}, {"arrive", geo::FieldType::Text}, {"leave", geo::FieldType::Text}, {"violations", geo::FieldType::Integer}};
    // Visits next to each other in the tour and on the ground (蔡家崖 and 北坡, 300 m apart; 庄上 and 寨上, 1.8 km)
    // share one label, "3, 4 中共中央晋绥分局旧址": two labels there would collide and one of
    // them would be left out at most scales.
    std::int64_t seq = 0;
    std::size_t groupStart = 0;
    QStringList groupNumbers;
    const auto closeGroup = [&] {
        if (groupNumbers.isEmpty()) return;
        const std::string& first = std::get<std::string>(l.features[groupStart].values[4]);
        const QString label = groupNumbers.join(QStringLiteral(", ")) + QStringLiteral(" ") +
                              shortStopName(first.empty() ? std::get<std::string>(l.features[groupStart].values[3]) : first);
        l.features[groupStart].values[0] = label.toStdString();
        groupNumbers.clear();
    };
    for (const auto& d : it.days)
        for (const auto& v : d.visits) {
            const route::Stop& s = plan.problem.stops[v.stop];
            const bool joins = !groupNumbers.isEmpty() &&
                               geo::geodesicDistance(l.features[groupStart].geometry.asPoint(), s.lonLat) < kLabelGroupMeters;
            if (!joins) {
                closeGroup();
                groupStart = l.features.size();
            }
            geo::Feature f;
            f.fid = ++seq;
            f.geometry = pointGeometry(s.lonLat);
            groupNumbers << QString::number(seq);
            f.values = {std::string(), std::to_string(d.index + 1), seq, s.id, s.name, route::clockText(v.arrive),
                        route::clockText(v.depart), static_cast<std::int64_t>(v.violations.size())};
            l.features.push_back(std::move(f));
        }
    closeGroup();
    return l;
}

}  // namespace

bool isRouteLayer(const std::string& layerId) {
    return layerId == kRouteLegsLayerId || layerId == kRoutePlacesLayerId || layerId == kRouteStopsLayerId;
}

QColor routeDayColor(int dayIndex) {
    // Dark2 and Set1 hues (ColorBrewer), darkened where white halos would wash them out.
    static const QRgb colors[] = {0xd7301f, 0x1f78b4, 0x238b45, 0x6a3d9a, 0xe6550d, 0x8c510a, 0xce1256, 0x4d4d4d};
    return QColor(colors[static_cast<std::size_t>(std::max(0, dayIndex)) % std::size(colors)]);
}

QString shortStopName(const std::string& name, int maxChars) {
    QString s = QString::fromStdString(name);
    for (const QChar open : {QChar('('), QChar(u'（'), QChar('/'), QChar(u'／')}) {
        const qsizetype at = s.indexOf(open);
        if (at > 0) s = s.left(at);
    }
    s = s.trimmed();
    if (s.size() > maxChars) s = s.left(maxChars - 1) + QChar(u'…');
    return s;
}

geo::Result<std::vector<SceneLayer>> routeLayers(const RoutePlan& plan, const std::string& displayCrs) {
    std::vector<SceneLayer> out;
    if (plan.itinerary.days.empty()) return out;
    auto toDisplay = geo::Transformer::create(kLonLat, displayCrs);
    if (!toDisplay) return toDisplay.error();

    {
        LayerStyle style;
        style.symbol = LineSymbol{QColor(0x40, 0x40, 0x40), 1.0};
        style.symbology = dayCategories(plan);
        style.legendTitle = QCoreApplication::translate("hongtu::render::Route", "Drives, by day");
        auto layer = buildSceneLayer(legsLayer(plan), *toDisplay, {kRouteLegsLayerId, QCoreApplication::translate("hongtu::render::Route", "Route: drives"), style, "", true});
        if (!layer) return layer.error();
        out.push_back(std::move(layer).value());
    }
    {
        LayerStyle style;
        style.symbol = MarkerSymbol{MarkerShape::Square, 3.0, QColor(0x22, 0x22, 0x22), QColor(Qt::white), 0.35};
        CategorizedSymbology kinds;
        kinds.field = "kind";
        const auto& it = plan.itinerary;
        const bool roundTrip = it.nodes[it.days.front().startNode].lonLat == it.nodes[it.days.back().endNode].lonLat;
        kinds.categories = {{"start", roundTrip ? QCoreApplication::translate("hongtu::render::Route", "Start and end") : QCoreApplication::translate("hongtu::render::Route", "Start"), QColor(0x22, 0x22, 0x22)},
                            {"end", QCoreApplication::translate("hongtu::render::Route", "End"), QColor(0x22, 0x22, 0x22)},
                            {"overnight", QCoreApplication::translate("hongtu::render::Route", "Overnight town"), QColor(0x5e, 0x3c, 0x99)}};
        style.symbology = kinds;
        style.label = routeLabel(QColor(0x22, 0x22, 0x22), 9);
        style.labelPriority = LabelPriority::Route;
        auto layer = buildSceneLayer(placesLayer(plan), *toDisplay, {kRoutePlacesLayerId, QCoreApplication::translate("hongtu::render::Route", "Route: start, end and nights"), style, "label", true});
        if (!layer) return layer.error();
        out.push_back(std::move(layer).value());
    }
    {
        LayerStyle style;
        style.symbol = MarkerSymbol{MarkerShape::Circle, 3.4, QColor(0xd7, 0x30, 0x1f), QColor(Qt::white), 0.4};
        style.symbology = dayCategories(plan);
        style.legendTitle = QCoreApplication::translate("hongtu::render::Route", "Visits in order, by day (site positions are estimates)");
        style.label = routeLabel(QColor(0x1a, 0x1a, 0x1a), 9);
        style.labelPriority = LabelPriority::Route;
        auto layer = buildSceneLayer(stopsLayer(plan), *toDisplay, {kRouteStopsLayerId, QCoreApplication::translate("hongtu::render::Route", "Route: visits"), style, "label", true});
        if (!layer) return layer.error();
        out.push_back(std::move(layer).value());
    }
    return out;
}

geo::route::Language uiLanguage() {
    // Translated to "zh" in hongtu_zh_CN.ts: the installed translation decides, not the system locale.
    return QCoreApplication::translate("hongtu::render::Route", "en", "language code of the route timetable's notes: en or zh") ==
                   QStringLiteral("zh")
               ? geo::route::Language::Zh
               : geo::route::Language::En;
}

std::vector<std::vector<QString>> timetableRows(const RoutePlan& plan) {
    std::vector<std::vector<QString>> out;
    for (const auto& row : geo::route::timetableText(plan.problem, plan.itinerary, uiLanguage())) {
        std::vector<QString> cells;
        cells.reserve(row.size());
        for (const auto& cell : row) cells.push_back(QString::fromStdString(cell));
        out.push_back(std::move(cells));
    }
    return out;
}

}  // namespace hongtu::render
