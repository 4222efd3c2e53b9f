#include "hongtu/geo/route/project.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <variant>

#include "hongtu/geo/datasource.hpp"
#include "hongtu/geo/names.hpp"

namespace hongtu::geo::route {

namespace {

// "90", "90min", "1.5h", "1h30" -> minutes.
std::optional<double> minutesOf(const Value& v) {
    if (const auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
    if (const auto* d = std::get_if<double>(&v)) return *d;
    const std::string s = toText(v);
    try {
        std::size_t pos = 0;
        const double a = std::stod(s, &pos);
        const std::string rest = s.substr(pos);
        if (rest.empty() || rest == "min" || rest == "m" || rest == "分钟") return a;
        if (rest == "h") return a * 60;
        if (rest[0] == 'h') return a * 60 + std::stod(rest.substr(1));
    } catch (const std::exception&) {
    }
    return std::nullopt;
}

}  // namespace

bool inCounty(const SiteRecord& site, const std::string& county) {
    return !site.county.empty() && sameCountyName(site.county, county);
}

Result<RouteProjectData> loadRouteProject(const std::string& path) {
    auto ds = DataSource::open(path);
    if (!ds) return ds.error();
    RouteProjectData data;
    data.path = path;

    auto sites = ds->readLayer("memorial_sites");
    if (!sites) return sites.error();
    for (const char* f : {"id", "name_zh", "visit_minutes", "opening_hours"})
        if (!sites->fieldIndex(f))
            return Error{std::string("the layer has no field '") + f + "', which the route planner needs", redactConnectionString(path), "memorial_sites", {}};
    const bool hasCounty = sites->fieldIndex("county").has_value();
    for (std::size_t i = 0; i < sites->features.size(); ++i) {
        SiteRecord r;
        r.id = toText(sites->at(i, "id"));
        r.name = toText(sites->at(i, "name_zh"));
        r.county = hasCounty ? toText(sites->at(i, "county")) : "";
        r.fid = sites->features[i].fid;
        const auto fail = [&](const std::string& message) {
            r.problem = Error{"site '" + r.id + "' (" + r.name + "): " + message, redactConnectionString(path), "memorial_sites", r.fid};
        };
        const auto& g = sites->features[i].geometry;
        const auto minutes = minutesOf(sites->at(i, "visit_minutes"));
        if (g.kind != Geometry::Kind::Point || g.empty()) {
            fail("it has no point position");
        } else if (!minutes) {
            fail("visit_minutes '" + toText(sites->at(i, "visit_minutes")) + "' is not a number of minutes");
        } else {
            auto stop = makeStop(r.id, r.name, g.asPoint(), *minutes, toText(sites->at(i, "opening_hours")));
            if (stop)
                r.stop = std::move(*stop);
            else
                r.problem = Error{stop.error().message, redactConnectionString(path), "memorial_sites", r.fid};
        }
        data.sites.push_back(std::move(r));
    }

    auto seats = ds->readLayer("county_seats");
    if (!seats) return seats.error();
    if (!seats->fieldIndex("name_zh"))
        return Error{"the layer has no field 'name_zh'", redactConnectionString(path), "county_seats", {}};
    std::map<std::string, std::string> countyNames;
    if (auto counties = ds->readLayer("counties"); counties && counties->fieldIndex("county_code") && counties->fieldIndex("name"))
        for (std::size_t i = 0; i < counties->features.size(); ++i)
            countyNames[toText(counties->at(i, "county_code"))] = toText(counties->at(i, "name"));
    for (std::size_t i = 0; i < seats->features.size(); ++i) {
        if (seats->features[i].geometry.kind != Geometry::Kind::Point || seats->features[i].geometry.empty()) continue;
        CountySeat s;
        s.seat = toText(seats->at(i, "name_zh"));
        const auto code = seats->fieldIndex("county_code") ? toText(seats->at(i, "county_code")) : "";
        const auto county = countyNames.find(code);
        s.county = countyShortName(county != countyNames.end() ? county->second : normalizeTownshipName(s.seat));
        s.lonLat = seats->features[i].geometry.asPoint();
        data.seats.push_back(std::move(s));
    }
    return data;
}

Result<Place> findPlace(const RouteProjectData& data, const std::string& text) {
    const auto parts = splitList(text);
    if (parts.size() == 2) {
        double lon = 0, lat = 0;
        const auto whole = [](const std::string& s, double& v) {
            auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
            if (ec == std::errc::result_out_of_range) v = std::numeric_limits<double>::infinity();  // "1e999"
            return (ec == std::errc{} || ec == std::errc::result_out_of_range) && p == s.data() + s.size();
        };
        if (whole(parts[0], lon) && whole(parts[1], lat)) {
            // "nan,nan", "inf,0" and "500,500" used to be accepted (a NaN start snapped to road vertex 0).
            const std::string file = redactConnectionString(data.path);
            if (std::isfinite(lon) && std::isfinite(lat) && std::abs(lon) <= 90 && std::abs(lat) > 90 && std::abs(lat) <= 180)
                return Error{"'" + text + "' is not a position: longitude and latitude look swapped; write the longitude first, e.g. " +
                                 parts[1] + "," + parts[0],
                             file,
                             {},
                             {}};
            if (!std::isfinite(lon) || !std::isfinite(lat) || std::abs(lon) > 180 || std::abs(lat) > 90)
                return Error{"'" + text + "' is not a position: write longitude,latitude in degrees, e.g. 111.14,37.52", file, {}, {}};
            // Inside the project's area: the box around its county seats and sites, 0.5° (about 50 km) wider.
            Box area;
            for (const auto& seat : data.seats) area.expand(seat.lonLat);
            for (const auto& site : data.sites)
                if (site.stop) area.expand(site.stop->lonLat);
            if (!area.empty() && (lon < area.minX - 0.5 || lon > area.maxX + 0.5 || lat < area.minY - 0.5 || lat > area.maxY + 0.5)) {
                char box[160];
                std::snprintf(box, sizeof box, "%.2f-%.2f°E, %.2f-%.2f°N", area.minX - 0.5, area.maxX + 0.5, area.minY - 0.5,
                              area.maxY + 0.5);
                return Error{"'" + text + "' lies outside the project's area (" + box +
                                 "); were longitude and latitude swapped, or is it another coordinate system?",
                             file,
                             {},
                             {}};
            }
            return Place{text, {lon, lat}};
        }
    }
    for (const auto& s : data.seats)
        if (sameCountyName(s.county, text) || s.seat == text || normalizeTownshipName(s.seat) == normalizeTownshipName(text))
            return Place{s.county, s.lonLat};
    std::string known;
    for (const auto& s : data.seats) known += (known.empty() ? "" : ", ") + s.county;
    return Error{"'" + text + "' is neither a county seat (" + known + ") nor 'lon,lat'", redactConnectionString(data.path), "county_seats", {}};
}

std::vector<Place> seatPlaces(const RouteProjectData& data) {
    std::vector<Place> out;
    for (const auto& s : data.seats) out.push_back({s.county, s.lonLat});
    return out;
}

}  // namespace hongtu::geo::route
