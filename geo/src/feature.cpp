#include "hongtu/geo/feature.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace hongtu::geo {

void Box::expand(XY p) {
    minX = std::min(minX, p.x);
    minY = std::min(minY, p.y);
    maxX = std::max(maxX, p.x);
    maxY = std::max(maxY, p.y);
}

void Box::expand(const Box& b) {
    if (b.empty()) return;
    expand(XY{b.minX, b.minY});
    expand(XY{b.maxX, b.maxY});
}

bool Box::contains(XY p) const { return p.x >= minX && p.x <= maxX && p.y >= minY && p.y <= maxY; }

bool Box::intersects(const Box& b) const {
    return !empty() && !b.empty() && b.minX <= maxX && b.maxX >= minX && b.minY <= maxY && b.maxY >= minY;
}

namespace {
bool isLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
int daysInMonth(int y, int m) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && isLeap(y) ? 29 : kDays[m - 1];
}
}  // namespace

std::optional<Date> Date::parseIso(const std::string& s) {
    int y = 0, m = 0, d = 0;
    char tail = 0;
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    if (std::sscanf(s.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3) return std::nullopt;
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return std::nullopt;
    return Date{y, m, d};
}

std::string Date::iso() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return buf;
}

// Howard Hinnant's days_from_civil / civil_from_days.
std::int64_t Date::daysSinceEpoch() const {
    const int y = year - (month <= 2 ? 1 : 0);
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned mp = static_cast<unsigned>(month + (month > 2 ? -3 : 9));
    const unsigned doy = (153 * mp + 2) / 5 + static_cast<unsigned>(day) - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

Date Date::fromDaysSinceEpoch(std::int64_t z) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return Date{static_cast<int>(y + (m <= 2 ? 1 : 0)), static_cast<int>(m), static_cast<int>(d)};
}

std::string toText(const Value& v) {
    struct Visitor {
        std::string operator()(std::monostate) const { return {}; }
        std::string operator()(std::int64_t i) const { return std::to_string(i); }
        std::string operator()(double d) const {
            char buf[32];
            std::snprintf(buf, sizeof buf, "%.15g", d);
            return buf;
        }
        std::string operator()(const std::string& s) const { return s; }
        std::string operator()(const Date& d) const { return d.iso(); }
    };
    return std::visit(Visitor{}, v);
}

bool isNull(const Value& v) { return std::holds_alternative<std::monostate>(v); }

Geometry Geometry::point(XY p) {
    Geometry g;
    g.kind = Kind::Point;
    g.parts.push_back(Part{Ring{p}});
    return g;
}

Geometry Geometry::polygon(std::vector<Ring> rings) {
    Geometry g;
    g.kind = Kind::Polygon;
    g.parts.push_back(std::move(rings));
    return g;
}

Geometry Geometry::lineString(Ring vertices) {
    Geometry g;
    g.kind = Kind::LineString;
    g.parts.push_back(Part{std::move(vertices)});
    return g;
}

Box Geometry::bounds() const {
    Box b;
    for (const auto& part : parts)
        for (const auto& ring : part)
            for (const auto& p : ring) b.expand(p);
    return b;
}

std::size_t Geometry::vertexCount() const {
    std::size_t n = 0;
    for (const auto& part : parts)
        for (const auto& ring : part) n += ring.size();
    return n;
}

XY Geometry::asPoint() const {
    if (kind != Kind::Point || parts.empty() || parts[0].empty() || parts[0][0].empty())
        throw std::logic_error("Geometry::asPoint on a geometry that is not a point");
    return parts[0][0][0];
}

const char* kindName(Geometry::Kind k) {
    switch (k) {
        case Geometry::Kind::Empty: return "None";
        case Geometry::Kind::Point: return "Point";
        case Geometry::Kind::LineString: return "LineString";
        case Geometry::Kind::Polygon: return "Polygon";
    }
    return "None";
}

std::optional<std::size_t> Layer::fieldIndex(const std::string& name) const {
    for (std::size_t i = 0; i < fields.size(); ++i)
        if (fields[i].name == name) return i;
    return std::nullopt;
}

Box Layer::bounds() const {
    Box b;
    for (const auto& f : features) b.expand(f.geometry.bounds());
    return b;
}

const Value& Layer::at(std::size_t i, const std::string& field) const {
    auto idx = fieldIndex(field);
    if (!idx) throw std::out_of_range("layer '" + name + "' has no field '" + field + "'");
    return features.at(i).values.at(*idx);
}

}  // namespace hongtu::geo
