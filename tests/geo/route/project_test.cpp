// route_project: memorial sites and county seats of a project, as the route planner reads them.

#include <catch2/catch_test_macros.hpp>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <string>

#include "hongtu/geo/datasource.hpp"
#include "hongtu/geo/route/project.hpp"

using namespace hongtu::geo;
using namespace hongtu::geo::route;

namespace {

Feature pointFeature(std::int64_t fid, XY p, std::vector<Value> values) {
    Feature f;
    f.fid = fid;
    f.geometry.kind = Geometry::Kind::Point;
    f.geometry.parts = {{{p}}};
    f.values = std::move(values);
    return f;
}

}  // namespace

TEST_CASE("route_project: the demo project's sites and seats", "[route_project]") {
    auto data = loadRouteProject(HONGTU_DEMO_PROJECT);
    REQUIRE(data.ok());
    CHECK(data->sites.size() == 22);
    CHECK(std::all_of(data->sites.begin(), data->sites.end(), [](const SiteRecord& s) { return s.stop.has_value(); }));
    const auto ll13 = std::find_if(data->sites.begin(), data->sites.end(), [](const SiteRecord& s) { return s.id == "LL13"; });
    REQUIRE(ll13 != data->sites.end());
    CHECK(ll13->name == "刘胡兰纪念馆");
    CHECK(ll13->stop->hours.closedOn(0));  // Mondays

    const auto count = [&](const std::string& county) {
        return std::count_if(data->sites.begin(), data->sites.end(), [&](const SiteRecord& s) { return inCounty(s, county); });
    };
    CHECK(count("兴县") == 5);
    CHECK(count("临县") == 4);
    CHECK(count("柳林") == 3);
    CHECK(count("柳林县") == 3);

    auto lishi = findPlace(*data, "离石区");
    REQUIRE(lishi.ok());
    CHECK(lishi->name == "离石");
    CHECK(std::abs(lishi->lonLat.x - 111.134) < 0.01);
    CHECK(findPlace(*data, "离石")->name == "离石");
    CHECK(findPlace(*data, "111.1,37.5")->lonLat == XY{111.1, 37.5});
    auto taiyuan = findPlace(*data, "太原");
    REQUIRE_FALSE(taiyuan.ok());
    CHECK(taiyuan.error().message.find("'太原' is neither a county seat") != std::string::npos);
    CHECK(taiyuan.error().message.find("离石") != std::string::npos);
    CHECK(seatPlaces(*data).size() == data->seats.size());
}

TEST_CASE("route_project: a county is found by every spelling a join accepts (兴 for 兴县)", "[route_project]") {
    auto data = loadRouteProject(HONGTU_DEMO_PROJECT);
    REQUIRE(data.ok());
    for (const char* spelling : {"兴县", "兴"}) {
        INFO(spelling);
        auto place = findPlace(*data, spelling);
        REQUIRE(place.ok());
        CHECK(place->name == "兴县");
    }
    CHECK(findPlace(*data, "离石区")->name == "离石");
    CHECK(findPlace(*data, "蔚汾镇")->name == "兴县");  // the seat's town
    CHECK(findPlace(*data, "蔚汾")->name == "兴县");
    const auto sitesIn = [&](const std::string& county) {
        return std::count_if(data->sites.begin(), data->sites.end(), [&](const SiteRecord& s) { return inCounty(s, county); });
    };
    CHECK(sitesIn("兴") > 0);
    CHECK(sitesIn("兴") == sitesIn("兴县"));
}

TEST_CASE("route_project: a start of nan,nan, inf,0, 500,500 or a point outside the project's area is refused", "[route_project]") {
    auto data = loadRouteProject(HONGTU_DEMO_PROJECT);
    REQUIRE(data.ok());
    for (const char* bad : {"nan,nan", "inf,0", "500,500", "1e999,37"}) {
        INFO(bad);
        auto p = findPlace(*data, bad);
        REQUIRE_FALSE(p.ok());
        CHECK(p.error().message.find("is not a position") != std::string::npos);
    }
    auto swapped = findPlace(*data, "37.5,111.1");
    REQUIRE_FALSE(swapped.ok());
    CHECK(swapped.error().message.find("look swapped; write the longitude first, e.g. 111.1,37.5") != std::string::npos);
    auto beijing = findPlace(*data, "116.4,39.9");
    REQUIRE_FALSE(beijing.ok());
    CHECK(beijing.error().message.find("outside the project's area") != std::string::npos);
    CHECK(findPlace(*data, "111.1, 37.5").ok());
}

TEST_CASE("route_project: a bad row is reported with file, layer and feature; a missing layer is an error", "[route_project]") {
    const auto dir = std::filesystem::temp_directory_path() / ("hongtu_route_project_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const std::string path = (dir / "bad.gpkg").string();

    Layer sites;
    sites.name = "memorial_sites";
    sites.crs = "EPSG:4490";
    sites.geometryKind = Geometry::Kind::Point;
    sites.fields = {{"id", FieldType::Text}, {"name_zh", FieldType::Text}, {"county", FieldType::Text}, {"visit_minutes", FieldType::Text}, {"opening_hours", FieldType::Text}};
    sites.features = {pointFeature(1, {111.1, 37.5}, {std::string("A1"), std::string("好馆"), std::string("离石区"), std::string("60"), std::string("daily 09:00-17:00")}),
                      pointFeature(2, {111.2, 37.6}, {std::string("A2"), std::string("坏馆"), std::string("离石区"), std::string("60"), std::string("weekdays nine to five")}),
                      pointFeature(3, {111.3, 37.7}, {std::string("A3"), std::string("无时长"), std::string("离石区"), std::string("long"), std::string("")})};
    Layer seats;
    seats.name = "county_seats";
    seats.crs = "EPSG:4490";
    seats.geometryKind = Geometry::Kind::Point;
    seats.fields = {{"name_zh", FieldType::Text}};
    seats.features = {pointFeature(1, {111.13, 37.51}, {std::string("离石区")})};

    SECTION("bad rows") {
        REQUIRE(writeLayersAtomically(path, {sites, seats}).ok());
        auto data = loadRouteProject(path);
        REQUIRE(data.ok());
        REQUIRE(data->sites.size() == 3);
        CHECK(data->sites[0].stop.has_value());
        REQUIRE(data->sites[1].problem.has_value());
        const std::string bad = data->sites[1].problem->toString();
        CHECK(bad.find("bad.gpkg") != std::string::npos);
        CHECK(bad.find("memorial_sites") != std::string::npos);
        CHECK(bad.find("A2") != std::string::npos);
        CHECK(bad.find("weekdays nine to five") != std::string::npos);
        CHECK(data->sites[1].problem->row == 2);
        REQUIRE(data->sites[2].problem.has_value());
        CHECK(data->sites[2].problem->message.find("visit_minutes 'long'") != std::string::npos);
        CHECK(findPlace(*data, "离石")->name == "离石");
    }
    SECTION("no county_seats layer") {
        REQUIRE(writeLayersAtomically(path, {sites}).ok());
        auto data = loadRouteProject(path);
        REQUIRE_FALSE(data.ok());
        CHECK(data.error().toString().find("county_seats") != std::string::npos);
    }
    std::filesystem::remove_all(dir);
}
