// Itinerary exports. Written by hand (no XML/JSON library in geo/) with fixed number formats so
// that outputs are byte-for-byte reproducible.

#include "hongtu/geo/route/export.hpp"

#include <charconv>

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "hongtu/geo/datasource.hpp"
#include "hongtu/geo/table.hpp"

namespace hongtu::geo::route {

namespace {

std::string num(double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, std::abs(v) < 0.5 * std::pow(10.0, -decimals) ? 0.0 : v);
    return buf;
}

std::string km(double meters) { return num(meters / 1000.0, 1); }

// Escapes markup and drops characters XML 1.0 forbids (a \x0B in a site name made the GPX invalid).
std::string xml(const std::string& s) { return xmlText(s); }

std::string json(const std::string& s) {
    std::string o = "\"";
    for (unsigned char ch : s) {
        switch (ch) {
            case '"': o += "\\\""; break;
            case '\\': o += "\\\\"; break;
            case '\n': o += "\\n"; break;
            case '\r': o += "\\r"; break;
            case '\t': o += "\\t"; break;
            default:
                if (ch < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", ch);
                    o += buf;
                } else {
                    o += static_cast<char>(ch);
                }
        }
    }
    return o + "\"";
}

// Quoted when needed, formula-leading text neutralised (the timetable is opened in Excel).
std::string csvField(const std::string& s) { return csvCell(s); }

// "2018-07-01T08:00:00+08:00"
std::string isoTime(const RouteProblem& p, double minutes) {
    const double whole = std::round(minutes);
    return Date::fromDaysSinceEpoch(p.trip.departDate.daysSinceEpoch() + static_cast<std::int64_t>(std::floor(whole / kMinutesPerDay)))
               .iso() +
           "T" + clockText(whole) + ":00+08:00";
}

const std::string& nodeName(const Itinerary& it, std::size_t node) { return it.nodes[node].name; }

std::string stopTitle(const RouteProblem& p, std::size_t s) {
    const Stop& st = p.stops[s];
    return st.id + " " + (st.name.empty() ? st.id : st.name);
}

std::string reasonsText(const std::vector<Reason>& rs, bool zh) {
    std::string o;
    for (const auto& r : rs) o += (o.empty() ? "" : (zh ? "；" : "; ")) + (zh ? r.zh : r.en);
    return o;
}

// ------------------------------------------------------------------------------------- text

std::string toText(const RouteProblem& p, const Itinerary& it) {
    std::ostringstream o;
    const int wd = weekday(p.trip.departDate);
    o << "路线行程表  " << p.trip.departDate.iso() << "（" << weekdayZh(wd) << "）出发，共" << it.days.size() << "天";
    o << "，行车" << durationZh(it.driveMinutes) << " · " << km(it.meters) << " 公里\n";
    o << "出发地：" << p.trip.start.name << "　终点：" << (p.trip.end ? p.trip.end->name : p.trip.start.name + "（返回）")
      << "　每日上限：" << durationZh(p.trip.dayLimitMinutes) << "\n";
    o << "求解：" << (it.info.method == "exact" ? "精确（动态规划）" : it.info.method == "heuristic" ? "启发式（局部搜索）"
                                                                                                     : "手动顺序");
    if (it.info.method == "heuristic") o << "，种子 " << it.info.seed << (it.info.timeLimitHit ? "，已达时间上限" : "");
    o << "\n";
    o << (it.feasible ? "结论：可行\n" : "结论：有问题（见下）\n");
    for (const auto& d : it.days) {
        o << "\n第" << d.index + 1 << "天  " << d.date.iso() << "（" << weekdayZh(weekday(d.date)) << "）\n";
        o << "  " << clockText(d.leave) << "  从 " << nodeName(it, d.startNode) << " 出发\n";
        auto legLine = [&](const Leg& l) {
            o << "         ↓ 行车 " << durationZh(l.driveMinutes) << " · " << km(l.meters) << " 公里";
            if (l.lunchOnTheWay) o << "（途中午餐 " << clockText(*l.lunchOnTheWay) << "-" << clockText(*l.lunchOnTheWay + p.trip.lunch.minutes) << "）";
            o << "\n";
        };
        int seq = 0;
        for (const auto& v : d.visits) {
            legLine(v.legIn);
            o << "  " << clockText(v.arrive) << "  到达 " << ++seq << ". " << stopTitle(p, v.stop) << "\n";
            if (v.lunchBefore)
                o << "         午餐 " << clockText(*v.lunchBefore) << "-" << clockText(*v.lunchBefore + p.trip.lunch.minutes) << "\n";
            if (v.waitMinutes > 0.5) o << "         等候开馆 " << durationZh(v.waitMinutes) << "\n";
            o << "         参观 " << clockText(v.visitStart) << "-" << clockText(v.visitEnd) << "（"
              << durationZh(v.visitEnd - v.visitStart) << "）";
            if (v.slackMinutes >= 0) o << "　余量 " << durationZh(v.slackMinutes);
            o << "\n";
            if (v.lunchAfter)
                o << "         午餐 " << clockText(*v.lunchAfter) << "-" << clockText(*v.lunchAfter + p.trip.lunch.minutes) << "\n";
            for (const auto& r : v.violations) o << "         ！ " << r.zh << "\n";
            o << "  " << clockText(v.depart) << "  离开\n";
        }
        legLine(d.legOut);
        o << "  " << clockText(d.arrive) << "  到达 " << nodeName(it, d.endNode) << (d.overnight ? "（住宿）" : "（终点）") << "\n";
        if (d.lunchAtEnd)
            o << "         午餐 " << clockText(*d.lunchAtEnd) << "-" << clockText(*d.lunchAtEnd + p.trip.lunch.minutes) << "\n";
        o << "  当日：行车 " << durationZh(d.driveMinutes) << " · " << km(d.meters) << " 公里，历时 " << durationZh(d.durationMinutes)
          << "（上限 " << durationZh(p.trip.dayLimitMinutes) << "）\n";
        for (const auto& r : d.violations) o << "  ！ " << r.zh << "\n";
    }
    if (!it.dropped.empty()) {
        o << "\n未安排：\n";
        for (const auto& dr : it.dropped)
            o << "  - " << stopTitle(p, dr.stop) << (p.stops[dr.stop].priority == Priority::Must ? "【必去】" : "【可选】") << "："
              << reasonsText(dr.reasons, true) << "\n";
    }
    if (!it.problems.empty()) {
        o << "\n问题：\n";
        for (const auto& r : it.problems) o << "  - " << r.zh << "\n";
    }
    bool phone = false;
    for (const auto& d : it.days)
        for (const auto& v : d.visits) phone = phone || p.stops[v.stop].hours.confirmByPhone || p.stops[v.stop].hours.unknown;
    if (phone) o << "\n注：部分地点开放时间需电话确认或未知。\n";
    return o.str();
}

// ------------------------------------------------------------------------------------- JSON

std::string reasonsJson(const std::vector<Reason>& rs) {
    std::string o = "[";
    for (std::size_t k = 0; k < rs.size(); ++k)
        o += (k ? ", " : "") + std::string("{\"zh\": ") + json(rs[k].zh) + ", \"en\": " + json(rs[k].en) + "}";
    return o + "]";
}

std::string optTime(const RouteProblem& p, const std::optional<double>& t) { return t ? json(isoTime(p, *t)) : "null"; }

std::string legJson(const RouteProblem& p, const Itinerary& it, const Leg& l) {
    return "{\"from\": " + json(nodeName(it, l.fromNode)) + ", \"to\": " + json(nodeName(it, l.toNode)) +
           ", \"depart\": " + json(isoTime(p, l.depart)) + ", \"arrive\": " + json(isoTime(p, l.arrive)) +
           ", \"drive_minutes\": " + num(l.driveMinutes, 1) + ", \"km\": " + km(l.meters) +
           ", \"lunch_on_the_way\": " + optTime(p, l.lunchOnTheWay) + "}";
}

std::string toJson(const RouteProblem& p, const Itinerary& it) {
    std::ostringstream o;
    o << "{\n  \"departure\": " << json(isoTime(p, p.trip.departClock)) << ",\n";
    o << "  \"start\": " << json(p.trip.start.name) << ",\n  \"end\": " << json(p.trip.end ? p.trip.end->name : p.trip.start.name) << ",\n";
    o << "  \"solver\": {\"method\": " << json(it.info.method) << ", \"seed\": " << it.info.seed
      << ", \"time_limit_hit\": " << (it.info.timeLimitHit ? "true" : "false") << "},\n";
    o << "  \"feasible\": " << (it.feasible ? "true" : "false") << ",\n";
    o << "  \"drive_minutes\": " << num(it.driveMinutes, 1) << ",\n  \"km\": " << km(it.meters) << ",\n";
    o << "  \"days\": [";
    for (std::size_t k = 0; k < it.days.size(); ++k) {
        const Day& d = it.days[k];
        o << (k ? "," : "") << "\n    {\"day\": " << d.index + 1 << ", \"date\": " << json(d.date.iso())
          << ", \"weekday\": " << json(weekdayEn(weekday(d.date))) << ", \"start\": " << json(nodeName(it, d.startNode))
          << ", \"leave\": " << json(isoTime(p, d.leave)) << ",\n     \"visits\": [";
        for (std::size_t v = 0; v < d.visits.size(); ++v) {
            const Visit& x = d.visits[v];
            const Stop& s = p.stops[x.stop];
            o << (v ? "," : "") << "\n       {\"seq\": " << v + 1 << ", \"id\": " << json(s.id) << ", \"name\": " << json(s.name)
              << ", \"lon\": " << num(s.lonLat.x, 6) << ", \"lat\": " << num(s.lonLat.y, 6) << ",\n        \"leg_in\": " << legJson(p, it, x.legIn)
              << ",\n        \"arrive\": " << json(isoTime(p, x.arrive)) << ", \"lunch_before\": " << optTime(p, x.lunchBefore)
              << ", \"visit_start\": " << json(isoTime(p, x.visitStart)) << ", \"visit_end\": " << json(isoTime(p, x.visitEnd))
              << ", \"lunch_after\": " << optTime(p, x.lunchAfter) << ", \"depart\": " << json(isoTime(p, x.depart))
              << ", \"wait_minutes\": " << num(x.waitMinutes, 1) << ", \"slack_minutes\": " << num(x.slackMinutes, 1)
              << ", \"violations\": " << reasonsJson(x.violations) << "}";
        }
        o << "],\n     \"leg_out\": " << legJson(p, it, d.legOut) << ",\n     \"end\": " << json(nodeName(it, d.endNode))
          << ", \"overnight\": " << (d.overnight ? "true" : "false") << ", \"arrive\": " << json(isoTime(p, d.arrive))
          << ", \"lunch_at_end\": " << optTime(p, d.lunchAtEnd) << ", \"drive_minutes\": " << num(d.driveMinutes, 1)
          << ", \"km\": " << km(d.meters) << ", \"duration_minutes\": " << num(d.durationMinutes, 1)
          << ", \"violations\": " << reasonsJson(d.violations) << "}";
    }
    o << "\n  ],\n  \"dropped\": [";
    for (std::size_t k = 0; k < it.dropped.size(); ++k) {
        const Stop& s = p.stops[it.dropped[k].stop];
        o << (k ? "," : "") << "\n    {\"id\": " << json(s.id) << ", \"name\": " << json(s.name)
          << ", \"priority\": " << json(s.priority == Priority::Must ? "must" : "optional")
          << ", \"reasons\": " << reasonsJson(it.dropped[k].reasons) << "}";
    }
    o << "\n  ],\n  \"problems\": " << reasonsJson(it.problems) << "\n}\n";
    return o.str();
}

// ------------------------------------------------------------------------------------- CSV

std::string toCsv(const RouteProblem& p, const Itinerary& it) {
    std::ostringstream o;
    o << "\xEF\xBB\xBF";  // UTF-8 BOM: Excel on Chinese Windows otherwise assumes GBK
    o << "day,date,seq,event,id,place,time,until,drive_minutes,drive_km,wait_minutes,slack_minutes,note\n";
    for (const auto& d : it.days) {
        const std::string day = std::to_string(d.index + 1), date = d.date.iso();
        auto row = [&](const std::string& seq, const std::string& event, const std::string& id, const std::string& place, double t,
                       std::optional<double> until, const Leg* leg, std::optional<double> wait, std::optional<double> slack,
                       const std::string& note) {
            o << day << "," << date << "," << seq << "," << event << "," << csvField(id) << "," << csvField(place) << ","
              << clockText(t) << "," << (until ? clockText(*until) : "") << "," << (leg ? num(leg->driveMinutes, 0) : "") << ","
              << (leg ? km(leg->meters) : "") << "," << (wait ? num(*wait, 0) : "") << "," << (slack ? num(*slack, 0) : "") << ","
              << csvField(note) << "\n";
        };
        row("", "depart", "", nodeName(it, d.startNode), d.leave, std::nullopt, nullptr, std::nullopt, std::nullopt, "");
        int seq = 0;
        for (const auto& v : d.visits) {
            const Stop& s = p.stops[v.stop];
            const std::string q = std::to_string(++seq);
            if (v.legIn.lunchOnTheWay)
                row(q, "lunch", "", "途中", *v.legIn.lunchOnTheWay, *v.legIn.lunchOnTheWay + p.trip.lunch.minutes, nullptr, std::nullopt,
                    std::nullopt, "");
            row(q, "arrive", s.id, s.name, v.arrive, std::nullopt, &v.legIn, std::nullopt, std::nullopt, "");
            if (v.lunchBefore)
                row(q, "lunch", s.id, s.name, *v.lunchBefore, *v.lunchBefore + p.trip.lunch.minutes, nullptr, std::nullopt, std::nullopt, "");
            row(q, "visit", s.id, s.name, v.visitStart, v.visitEnd, nullptr, v.waitMinutes, v.slackMinutes, reasonsText(v.violations, true));
            if (v.lunchAfter)
                row(q, "lunch", s.id, s.name, *v.lunchAfter, *v.lunchAfter + p.trip.lunch.minutes, nullptr, std::nullopt, std::nullopt, "");
            row(q, "leave", s.id, s.name, v.depart, std::nullopt, nullptr, std::nullopt, std::nullopt, "");
        }
        if (d.legOut.lunchOnTheWay)
            row("", "lunch", "", "途中", *d.legOut.lunchOnTheWay, *d.legOut.lunchOnTheWay + p.trip.lunch.minutes, nullptr, std::nullopt,
                std::nullopt, "");
        row("", d.overnight ? "overnight" : "end", "", nodeName(it, d.endNode), d.arrive, std::nullopt, &d.legOut, std::nullopt,
            std::nullopt, reasonsText(d.violations, true));
        if (d.lunchAtEnd)
            row("", "lunch", "", nodeName(it, d.endNode), *d.lunchAtEnd, *d.lunchAtEnd + p.trip.lunch.minutes, nullptr, std::nullopt,
                std::nullopt, "");
    }
    for (const auto& dr : it.dropped) {
        const Stop& s = p.stops[dr.stop];
        o << ",,,dropped," << csvField(s.id) << "," << csvField(s.name) << ",,,,,,," << csvField(reasonsText(dr.reasons, true)) << "\n";
    }
    return o.str();
}

// ------------------------------------------------------------------------------------- GPX

// GPX times are UTC (GPX 1.1 schema: "not local time"); local time in Lüliang is UTC+8.
std::string utcTime(const RouteProblem& p, double localMinutes) {
    const double whole = std::round(localMinutes) - 8 * 60;
    return Date::fromDaysSinceEpoch(p.trip.departDate.daysSinceEpoch() + static_cast<std::int64_t>(std::floor(whole / kMinutesPerDay))).iso() +
           "T" + clockText(whole) + ":00Z";
}

std::string ll(const XY& p) { return "lat=\"" + num(p.y, 7) + "\" lon=\"" + num(p.x, 7) + "\""; }

std::string toGpx(const RouteProblem& p, const Itinerary& it) {
    std::ostringstream o;
    o << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<gpx version=\"1.1\" creator=\"Hongtu\" xmlns=\"http://www.topografix.com/GPX/1/1\" "
         "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
         "xsi:schemaLocation=\"http://www.topografix.com/GPX/1/1 http://www.topografix.com/GPX/1/1/gpx.xsd\">\n";
    o << "  <metadata>\n    <name>" << xml("路线 " + p.trip.start.name + " " + p.trip.departDate.iso()) << "</name>\n"
      << "    <time>" << utcTime(p, p.trip.departClock) << "</time>\n  </metadata>\n";
    for (const auto& d : it.days) {
        int seq = 0;
        for (const auto& v : d.visits) {
            const Stop& s = p.stops[v.stop];
            o << "  <wpt " << ll(s.lonLat) << ">\n    <time>" << utcTime(p, v.arrive) << "</time>\n"
              << "    <name>" << xml(std::to_string(d.index + 1) + "-" + std::to_string(++seq) + " " + s.name) << "</name>\n"
              << "    <desc>" << xml("第" + std::to_string(d.index + 1) + "天 到达" + clockText(v.arrive) + " 参观" + clockText(v.visitStart) + "-" + clockText(v.visitEnd) + " 离开" + clockText(v.depart))
              << "</desc>\n    <type>stop</type>\n  </wpt>\n";
        }
        if (d.overnight)
            o << "  <wpt " << ll(it.nodes[d.endNode].lonLat) << ">\n    <time>" << utcTime(p, d.arrive) << "</time>\n    <name>"
              << xml("第" + std::to_string(d.index + 1) + "晚 住宿 " + nodeName(it, d.endNode)) << "</name>\n    <type>overnight</type>\n  </wpt>\n";
    }
    for (const auto& d : it.days) {
        o << "  <rte>\n    <name>" << xml("第" + std::to_string(d.index + 1) + "天 " + d.date.iso()) << "</name>\n    <number>"
          << d.index + 1 << "</number>\n";
        o << "    <rtept " << ll(it.nodes[d.startNode].lonLat) << "><time>" << utcTime(p, d.leave) << "</time><name>"
          << xml(nodeName(it, d.startNode)) << "</name></rtept>\n";
        for (const auto& v : d.visits)
            o << "    <rtept " << ll(p.stops[v.stop].lonLat) << "><time>" << utcTime(p, v.arrive) << "</time><name>"
              << xml(p.stops[v.stop].name) << "</name></rtept>\n";
        o << "    <rtept " << ll(it.nodes[d.endNode].lonLat) << "><time>" << utcTime(p, d.arrive) << "</time><name>"
          << xml(nodeName(it, d.endNode)) << "</name></rtept>\n  </rte>\n";
    }
    for (const auto& d : it.days) {
        o << "  <trk>\n    <name>" << xml("第" + std::to_string(d.index + 1) + "天 " + d.date.iso()) << "</name>\n    <number>"
          << d.index + 1 << "</number>\n    <trkseg>\n";
        std::vector<XY> pts;
        auto add = [&](const Leg& l) {
            for (const auto& q : l.path)
                if (pts.empty() || !(pts.back() == q)) pts.push_back(q);
        };
        for (const auto& v : d.visits) add(v.legIn);
        add(d.legOut);
        for (const auto& q : pts) o << "      <trkpt " << ll(q) << "/>\n";
        o << "    </trkseg>\n  </trk>\n";
    }
    o << "</gpx>\n";
    return o.str();
}

// ------------------------------------------------------------------------------------- KML

std::string toKml(const RouteProblem& p, const Itinerary& it) {
    static const char* const colours[] = {"ff0000dd", "ffdd7700", "ff00aa00", "ffaa00aa", "ff00aaff", "ff777777"};  // aabbggrr
    std::ostringstream o;
    o << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<kml xmlns=\"http://www.opengis.net/kml/2.2\">\n<Document>\n"
      << "  <name>" << xml("路线 " + p.trip.start.name + " " + p.trip.departDate.iso()) << "</name>\n";
    for (std::size_t k = 0; k < it.days.size(); ++k)
        o << "  <Style id=\"day" << k + 1 << "\"><LineStyle><color>" << colours[k % 6] << "</color><width>4</width></LineStyle></Style>\n";
    for (const auto& d : it.days) {
        o << "  <Folder>\n    <name>" << xml("第" + std::to_string(d.index + 1) + "天 " + d.date.iso()) << "</name>\n";
        int seq = 0;
        for (const auto& v : d.visits) {
            const Stop& s = p.stops[v.stop];
            o << "    <Placemark>\n      <name>" << xml(std::to_string(++seq) + ". " + s.name) << "</name>\n      <description>"
              << xml("到达" + clockText(v.arrive) + " 参观" + clockText(v.visitStart) + "-" + clockText(v.visitEnd) + " 离开" +
                     clockText(v.depart))
              << "</description>\n      <Point><coordinates>" << num(s.lonLat.x, 7) << "," << num(s.lonLat.y, 7)
              << "</coordinates></Point>\n    </Placemark>\n";
        }
        o << "    <Placemark>\n      <name>" << xml("第" + std::to_string(d.index + 1) + "天路线") << "</name>\n      <styleUrl>#day"
          << d.index + 1 << "</styleUrl>\n      <LineString><tessellate>1</tessellate><coordinates>";
        bool first = true;
        XY last{std::nan(""), std::nan("")};
        auto add = [&](const Leg& l) {
            for (const auto& q : l.path) {
                if (!first && q == last) continue;
                o << (first ? "" : " ") << num(q.x, 7) << "," << num(q.y, 7);
                first = false;
                last = q;
            }
        };
        for (const auto& v : d.visits) add(v.legIn);
        add(d.legOut);
        o << "</coordinates></LineString>\n    </Placemark>\n  </Folder>\n";
    }
    o << "</Document>\n</kml>\n";
    return o.str();
}

// ------------------------------------------------------------------------------------- GeoJSON

std::string coords(const std::vector<XY>& pts) {
    std::string o = "[";
    for (std::size_t k = 0; k < pts.size(); ++k) o += (k ? "," : "") + std::string("[") + num(pts[k].x, 7) + "," + num(pts[k].y, 7) + "]";
    return o + "]";
}

std::string toGeoJson(const RouteProblem& p, const Itinerary& it) {
    std::ostringstream o;
    o << "{\"type\": \"FeatureCollection\", \"features\": [";
    bool first = true;
    auto sep = [&] {
        o << (first ? "\n" : ",\n");
        first = false;
    };
    for (const auto& d : it.days) {
        int seq = 0;
        auto leg = [&](const Leg& l, int legSeq) {
            sep();
            o << "{\"type\": \"Feature\", \"geometry\": {\"type\": \"LineString\", \"coordinates\": " << coords(l.path)
              << "}, \"properties\": {\"kind\": \"leg\", \"day\": " << d.index + 1 << ", \"seq\": " << legSeq
              << ", \"from\": " << json(nodeName(it, l.fromNode)) << ", \"to\": " << json(nodeName(it, l.toNode))
              << ", \"depart\": " << json(isoTime(p, l.depart)) << ", \"arrive\": " << json(isoTime(p, l.arrive))
              << ", \"drive_minutes\": " << num(l.driveMinutes, 1) << ", \"km\": " << km(l.meters) << "}}";
        };
        for (const auto& v : d.visits) {
            ++seq;
            leg(v.legIn, seq);
            const Stop& s = p.stops[v.stop];
            sep();
            o << "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [" << num(s.lonLat.x, 7) << ","
              << num(s.lonLat.y, 7) << "]}, \"properties\": {\"kind\": \"visit\", \"day\": " << d.index + 1 << ", \"seq\": " << seq
              << ", \"id\": " << json(s.id) << ", \"name\": " << json(s.name) << ", \"arrive\": " << json(isoTime(p, v.arrive))
              << ", \"visit_start\": " << json(isoTime(p, v.visitStart)) << ", \"visit_end\": " << json(isoTime(p, v.visitEnd))
              << ", \"depart\": " << json(isoTime(p, v.depart)) << ", \"slack_minutes\": " << num(v.slackMinutes, 1) << "}}";
        }
        leg(d.legOut, seq + 1);
        sep();
        o << "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [" << num(it.nodes[d.endNode].lonLat.x, 7)
          << "," << num(it.nodes[d.endNode].lonLat.y, 7) << "]}, \"properties\": {\"kind\": \"" << (d.overnight ? "overnight" : "end")
          << "\", \"day\": " << d.index + 1 << ", \"name\": " << json(nodeName(it, d.endNode)) << ", \"arrive\": " << json(isoTime(p, d.arrive))
          << "}}";
    }
    o << "\n]}\n";
    return o.str();
}

}  // namespace

std::optional<ExportFormat> parseExportFormat(const std::string& name) {
    if (name == "text" || name == "txt") return ExportFormat::Text;
    if (name == "json") return ExportFormat::Json;
    if (name == "csv") return ExportFormat::Csv;
    if (name == "gpx") return ExportFormat::Gpx;
    if (name == "kml") return ExportFormat::Kml;
    if (name == "geojson") return ExportFormat::GeoJson;
    if (name == "xlsx") return ExportFormat::Xlsx;
    return std::nullopt;
}

std::optional<ExportFormat> exportFormatForPath(const std::string& path) {
    std::string ext = std::filesystem::path(path).extension().string();
    if (ext.size() < 2) return std::nullopt;
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    ext.erase(0, 1);
    if (ext == "text") return std::nullopt;  // "text" is a format name, not an extension
    return parseExportFormat(ext);
}

std::string exportItinerary(const RouteProblem& problem, const Itinerary& itinerary, ExportFormat format) {
    switch (format) {
        case ExportFormat::Text: return toText(problem, itinerary);
        case ExportFormat::Json: return toJson(problem, itinerary);
        case ExportFormat::Csv: return toCsv(problem, itinerary);
        case ExportFormat::Gpx: return toGpx(problem, itinerary);
        case ExportFormat::Kml: return toKml(problem, itinerary);
        case ExportFormat::GeoJson: return toGeoJson(problem, itinerary);
        case ExportFormat::Xlsx: throw std::invalid_argument("exportItinerary: XLSX is not a text format; use writeItinerary");
    }
    return {};
}

Status writeItinerary(const std::string& path, const RouteProblem& problem, const Itinerary& itinerary, ExportFormat format,
                      Language language) {
    if (format == ExportFormat::Xlsx) return writeTimetableXlsx(path, problem, itinerary, language);
    const std::string text = exportItinerary(problem, itinerary, format);
    namespace fs = std::filesystem;
    const fs::path target(path);
    const fs::path tmp = target.parent_path() / (".~" + target.filename().string() + ".tmp");
    std::error_code ec;
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) return Error{std::string("cannot write the file: ") + std::strerror(errno), path, {}, {}};
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
        out.close();
        if (!out) {
            fs::remove(tmp, ec);
            return Error{"cannot write the file (is the disk full?)", path, {}, {}};
        }
    }
    if (fs::exists(target, ec)) fs::permissions(tmp, fs::status(target, ec).permissions(), ec);
    fs::rename(tmp, target, ec);
    if (ec) {
        const std::string why = ec.message();
        fs::remove(tmp, ec);
        return Error{"cannot replace the file: " + why, path, {}, {}};
    }
    return Done{};
}

// ------------------------------------------------------------------------------------- timetable

namespace {

Reason lunchNote(const RouteProblem& p, double start, bool onTheWay) {
    const std::string span = clockText(start) + "-" + clockText(start + p.trip.lunch.minutes);
    return onTheWay ? Reason{"途中午餐 " + span, "lunch on the way " + span} : Reason{"午餐 " + span, "lunch " + span};
}

}  // namespace

std::vector<TimetableRow> timetable(const RouteProblem& p, const Itinerary& it) {
    std::vector<TimetableRow> rows;
    int seq = 0;
    for (const auto& d : it.days) {
        const int day = d.index + 1;
        TimetableRow dep;
        dep.kind = TimetableRow::Kind::Depart;
        dep.day = day;
        dep.node = d.startNode;
        dep.place = nodeName(it, d.startNode);
        dep.leave = d.leave;
        dep.notes.push_back({d.date.iso() + " " + weekdayZh(weekday(d.date)) + " 出发",
                             d.date.iso() + " " + weekdayEn(weekday(d.date)) + " departure"});
        rows.push_back(std::move(dep));
        for (const auto& v : d.visits) {
            const Stop& s = p.stops[v.stop];
            TimetableRow r;
            r.kind = TimetableRow::Kind::Visit;
            r.day = day;
            r.seq = ++seq;
            r.stop = v.stop;
            r.place = s.name.empty() ? s.id : s.name;
            r.arrive = v.arrive;
            r.leave = v.depart;
            r.driveMinutes = v.legIn.driveMinutes;
            r.meters = v.legIn.meters;
            r.slackMinutes = v.slackMinutes;
            if (v.legIn.lunchOnTheWay) r.notes.push_back(lunchNote(p, *v.legIn.lunchOnTheWay, true));
            if (v.lunchBefore) r.notes.push_back(lunchNote(p, *v.lunchBefore, false));
            if (v.waitMinutes > 0.5)
                r.notes.push_back({"等候开馆" + durationZh(v.waitMinutes), "waits " + durationEn(v.waitMinutes) + " for opening"});
            r.notes.push_back({"参观 " + clockText(v.visitStart) + "-" + clockText(v.visitEnd),
                               "visit " + clockText(v.visitStart) + "-" + clockText(v.visitEnd)});
            if (v.lunchAfter) r.notes.push_back(lunchNote(p, *v.lunchAfter, false));
            if (s.hours.unknown)
                r.notes.push_back({"开放时间未知", "opening hours unknown"});
            else if (s.hours.confirmByPhone)
                r.notes.push_back({"需电话确认", "confirm by phone"});
            r.violations = v.violations;
            rows.push_back(std::move(r));
        }
        TimetableRow arr;
        arr.kind = TimetableRow::Kind::Arrive;
        arr.day = day;
        arr.node = d.endNode;
        arr.overnight = d.overnight;
        arr.place = nodeName(it, d.endNode);
        arr.arrive = d.arrive;
        arr.driveMinutes = d.legOut.driveMinutes;
        arr.meters = d.legOut.meters;
        if (d.legOut.lunchOnTheWay) arr.notes.push_back(lunchNote(p, *d.legOut.lunchOnTheWay, true));
        arr.notes.push_back(d.overnight ? Reason{"住宿", "overnight"} : Reason{"终点", "end of the tour"});
        if (d.lunchAtEnd) arr.notes.push_back(lunchNote(p, *d.lunchAtEnd, false));
        arr.notes.push_back({"当日行车" + durationZh(d.driveMinutes) + " · " + km(d.meters) + "公里，历时" + durationZh(d.durationMinutes),
                             "day: " + durationEn(d.driveMinutes) + " driving, " + km(d.meters) + " km, " +
                                 durationEn(d.durationMinutes) + " in all"});
        arr.violations = d.violations;
        rows.push_back(std::move(arr));
    }
    for (const auto& dr : it.dropped) {
        const Stop& s = p.stops[dr.stop];
        TimetableRow r;
        r.kind = TimetableRow::Kind::Dropped;
        r.stop = dr.stop;
        r.place = s.name.empty() ? s.id : s.name;
        r.notes.push_back(s.priority == Priority::Must ? Reason{"必去点未安排", "must-visit stop left out"}
                                                       : Reason{"可选点未安排", "optional stop left out"});
        r.violations = dr.reasons;
        rows.push_back(std::move(r));
    }
    return rows;
}

std::vector<std::vector<std::string>> timetableText(const RouteProblem& p, const Itinerary& it, Language language) {
    const bool zh = language == Language::Zh;
    std::vector<std::vector<std::string>> out;
    if (zh)
        out.push_back({"天", "序号", "地点", "到达", "离开", "车程", "距离（公里）", "余量", "说明"});
    else
        out.push_back({"Day", "#", "Stop", "Arrive", "Leave", "Drive", "Distance (km)", "Slack", "Note"});
    const auto duration = [&](double m) { return zh ? durationZh(m) : durationEn(m); };
    for (const auto& r : timetable(p, it)) {
        std::vector<std::string> row;
        row.push_back(r.day == 0 ? (zh ? "未安排" : "left out") : (zh ? "第" + std::to_string(r.day) + "天" : "Day " + std::to_string(r.day)));
        row.push_back(r.seq > 0 ? std::to_string(r.seq) : "");
        row.push_back(r.place);
        row.push_back(r.arrive ? clockText(*r.arrive) : "");
        row.push_back(r.leave ? clockText(*r.leave) : "");
        row.push_back(r.driveMinutes ? duration(*r.driveMinutes) : "");
        row.push_back(r.meters ? km(*r.meters) : "");
        std::string slack;
        if (r.slackMinutes) slack = *r.slackMinutes >= 0 ? duration(*r.slackMinutes) : (zh ? "迟" : "late ") + duration(-*r.slackMinutes);
        row.push_back(slack);
        std::string note;
        const char* sep = zh ? "；" : "; ";
        for (const auto& v : r.violations)
            note += (note.empty() ? "" : sep) + std::string(r.kind == TimetableRow::Kind::Dropped ? "" : (zh ? "！" : "! ")) + (zh ? v.zh : v.en);
        for (const auto& n : r.notes) note += (note.empty() ? "" : sep) + (zh ? n.zh : n.en);
        row.push_back(note);
        out.push_back(std::move(row));
    }
    return out;
}

Status writeTimetableXlsx(const std::string& path, const RouteProblem& problem, const Itinerary& itinerary, Language language) {
    const auto table = timetableText(problem, itinerary, language);
    Layer layer;
    layer.name = "timetable";
    for (std::size_t c = 0; c < table.front().size(); ++c)
        layer.fields.push_back({table.front()[c], c == 1 ? FieldType::Integer : c == 6 ? FieldType::Real
                                                                                       : FieldType::Text});
    for (std::size_t i = 1; i < table.size(); ++i) {
        Feature f;
        f.fid = static_cast<std::int64_t>(i);
        for (std::size_t c = 0; c < table[i].size(); ++c) {
            const std::string& cell = table[i][c];
            std::int64_t whole = 0;
            double real = 0;
            if (cell.empty() && (c == 1 || c == 6))
                f.values.emplace_back(std::monostate{});
            else if (c == 1 && std::from_chars(cell.data(), cell.data() + cell.size(), whole).ptr == cell.data() + cell.size())
                f.values.emplace_back(whole);
            else if (c == 6 && std::from_chars(cell.data(), cell.data() + cell.size(), real).ptr == cell.data() + cell.size())
                f.values.emplace_back(real);
            else  // text, and a number column whose cell is not a number stays readable as text
                f.values.emplace_back(cell);
        }
        layer.features.push_back(std::move(f));
    }
    WriteOptions options;
    options.driver = "XLSX";
    return writeLayersAtomically(path, {layer}, options);
}

}  // namespace hongtu::geo::route
