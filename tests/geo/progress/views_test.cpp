#include <catch2/catch_test_macros.hpp>

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <string>

#include "hongtu/geo/datasource.hpp"
#include "hongtu/geo/progress/progress.hpp"
#include "hongtu/geo/progress/store.hpp"
#include "hongtu/geo/progress/views.hpp"
#include "hongtu/geo/project_store.hpp"

using namespace hongtu::geo;
using namespace hongtu::geo::progress;

namespace {

std::string freshPath(const char* name) {
    const auto dir = std::filesystem::temp_directory_path() / ("hongtu_progress_views_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto path = (dir / name).string();
    std::filesystem::remove(path);
    return path;
}

Layer table(const char* name, std::vector<Field> fields, std::vector<std::vector<Value>> rows) {
    Layer l;
    l.name = name;
    l.fields = std::move(fields);
    for (auto& r : rows) l.features.push_back({static_cast<std::int64_t>(l.features.size() + 1), std::move(r), {}});
    return l;
}

Geometry square(double x, double y) { return Geometry::polygon({{{x, y}, {x + 1, y}, {x + 1, y + 1}, {x, y + 1}, {x, y}}}); }

// Two counties (the second without projects), three villages, one township; projects that
// cover every category on the newest change day 2019-06-30, a Chinese stage word, same-day
// changes and changes recorded out of date order, and a project whose village has no point.
std::string smallProject(const char* name) {
    const std::string path = freshPath(name);
    Layer counties = table("counties", {{"county_code", FieldType::Text}, {"name", FieldType::Text}},
                           {{std::string("140101"), std::string("甲县")}, {std::string("140102"), std::string("乙县")}});
    counties.geometryKind = Geometry::Kind::Polygon;
    counties.crs = "EPSG:4490";
    counties.features[0].geometry = square(112, 37);
    counties.features[1].geometry = square(113, 37);
    Layer villages = table("villages", {{"village_code", FieldType::Text}, {"name", FieldType::Text}},
                           {{std::string("140101001001"), std::string("一村")},
                            {std::string("140101001002"), std::string("二村")},
                            {std::string("140101001003"), std::string("三村")}});
    villages.geometryKind = Geometry::Kind::Point;
    villages.crs = "EPSG:4490";
    for (std::size_t i = 0; i < villages.features.size(); ++i) villages.features[i].geometry = Geometry::point({112.1 + 0.1 * i, 37.5});
    Layer townships = table("townships", {{"township_code", FieldType::Text}, {"name", FieldType::Text}},
                            {{std::string("140101001"), std::string("一镇")}});
    townships.geometryKind = Geometry::Kind::Point;
    townships.crs = "EPSG:4490";
    townships.features[0].geometry = Geometry::point({112.5, 37.5});
    const std::vector<Field> venueFields{{"project_id", FieldType::Text}, {"kind", FieldType::Text}, {"village_code", FieldType::Text}, {"village_name", FieldType::Text}, {"township_code", FieldType::Text}, {"county_code", FieldType::Text}, {"planned_start", FieldType::Text}, {"planned_completion", FieldType::Text}, {"budget_yuan", FieldType::Integer}};
    const auto venue = [](const char* id, const char* kind, const char* village, const char* due) {
        return std::vector<Value>{std::string(id), std::string(kind), std::string(village), std::string("村"), std::string("140101001"),
                                  std::string("140101"), std::string("2019-01-01"), std::string(due), std::int64_t{100}};
    };
    Layer venues = table("venue_projects", venueFields,
                         {venue("P1", "village_venue", "140101001001", "2019-12-31"),    // in progress (在建)
                          venue("P2", "village_venue", "140101001002", "2019-07-15"),    // due soon, not started
                          venue("P3", "village_venue", "140101001003", "2019-05-01"),    // overdue
                          venue("P4", "community_venue", "140101001001", "2019-05-01"),  // accepted (late, but done)
                          venue("P6", "village_venue", "140101001002", "2020-01-01"),    // no change: not started
                          venue("P7", "village_venue", "140101009999", "2019-12-31")});  // no such village: no point
    Layer housing = table("housing_projects",
                          {{"project_id", FieldType::Text}, {"township_code", FieldType::Text}, {"township_name", FieldType::Text}, {"county_code", FieldType::Text}, {"planned_start", FieldType::Text}, {"planned_completion", FieldType::Text}, {"budget_yuan", FieldType::Integer}},
                          {{std::string("P5"), std::string("140101001"), std::string("一镇"), std::string("140101"),
                            std::string("2019-01-01"), std::string("2019-03-01"), std::int64_t{500}}});
    const auto change = [](const char* id, const char* status, const char* date) {
        return std::vector<Value>{std::string(id), std::string(status), std::string(date)};
    };
    Layer history = table("status_history", {{"project_id", FieldType::Text}, {"status", FieldType::Text}, {"date", FieldType::Text}},
                          {change("P1", "planned", "2019-01-01"), change("P1", "在建", "2019-03-01"),
                           change("P2", "planned", "2019-01-01"), change("P3", "under_construction", "2019-02-01"),
                           change("P4", "accepted", "2019-06-30"),  // recorded before an older change
                           change("P4", "completed", "2019-06-01"), change("P5", "completed", "2019-06-30"),
                           change("P5", "under_construction", "2019-06-30"),  // same day, recorded later: it counts
                           change("P5", "completed", "2019-06-30")});         // and this one after it
    REQUIRE(writeLayersAtomically(path, {counties, villages, townships, venues, housing, history}));
    return path;
}

std::vector<std::string> makeViews(const std::string& path) {
    auto store = ProjectStore::open(path);
    REQUIRE(store);
    std::vector<std::string> made;
    REQUIRE(store->write([&](ProjectWriter& w) -> Status {
        auto views = writeProgressViews(w, "2026-12-02T00:00:00Z");
        if (!views) return views.error();
        made = *views;
        return Done{};
    }));
    return made;
}

std::map<std::string, std::string> categoriesOf(const DataSource& ds, const char* view) {
    auto layer = ds.readLayer(view);
    REQUIRE(layer);
    CHECK(layer->geometryKind == Geometry::Kind::Point);
    std::map<std::string, std::string> out;
    for (std::size_t i = 0; i < layer->features.size(); ++i) {
        CHECK_FALSE(layer->features[i].geometry.empty());
        out[toText(layer->at(i, "project_id"))] = toText(layer->at(i, "category"));
    }
    return out;
}

}  // namespace

TEST_CASE("progress views: GDAL lists the four views as layers with their geometry", "[progress_views]") {
    const std::string path = smallProject("views.gpkg");
    CHECK(makeViews(path) == std::vector<std::string>{kCountyProgressView, kVillageVenueView, kCommunityVenueView, kHousingView});
    auto ds = DataSource::open(path);
    REQUIRE(ds);
    std::map<std::string, LayerInfo> infos;
    for (const auto& info : ds->layers()) infos[info.name] = info;
    REQUIRE(infos.count(kCountyProgressView));
    CHECK(infos[kCountyProgressView].geometryKind == Geometry::Kind::Polygon);
    CHECK(infos[kCountyProgressView].featureCount == 2);
    CHECK(infos[kCountyProgressView].crs == "EPSG:4490");
    REQUIRE(infos.count(kVillageVenueView));
    CHECK(infos[kVillageVenueView].geometryKind == Geometry::Kind::Point);
    CHECK(infos[kVillageVenueView].featureCount == 4);  // P1, P2, P3, P6; P7 has no village point
    CHECK(infos[kCommunityVenueView].featureCount == 1);
    CHECK(infos[kHousingView].featureCount == 1);
}

TEST_CASE("progress views: each project's category is Hongtu's on the newest change day", "[progress_views]") {
    const std::string path = smallProject("categories.gpkg");
    makeViews(path);
    auto ds = DataSource::open(path);
    REQUIRE(ds);
    std::map<std::string, std::string> got;
    for (const char* view : {kVillageVenueView, kCommunityVenueView, kHousingView})
        for (const auto& [id, category] : categoriesOf(*ds, view)) got[id] = category;
    CHECK(got == std::map<std::string, std::string>{{"P1", "in_progress"}, {"P2", "due_soon"}, {"P3", "overdue"}, {"P4", "accepted"}, {"P5", "completed"}, {"P6", "not_started"}});
    // The same as the progress model says (the one Hongtu draws from) on 2019-06-30.
    auto model = loadProgress(path);
    REQUIRE(model);
    const Snapshot s = model->evaluate(*Date::parseIso("2019-06-30"));
    for (std::size_t i = 0; i < model->projects().size(); ++i) {
        const auto it = got.find(model->projects()[i].id);
        if (it == got.end()) continue;  // P7: no point
        CHECK(it->second == categoryWord(s.states[i].category));
    }
}

TEST_CASE("progress views: the county view has Hongtu's completion rate, NULL when nothing is planned", "[progress_views]") {
    const std::string path = smallProject("counties.gpkg");
    makeViews(path);
    auto ds = DataSource::open(path);
    REQUIRE(ds);
    auto layer = ds->readLayer(kCountyProgressView);
    REQUIRE(layer);
    REQUIRE(layer->features.size() == 2);
    auto model = loadProgress(path);
    REQUIRE(model);
    const Snapshot s = model->evaluate(*Date::parseIso("2019-06-30"));
    const auto rate = s.counties[0].all.completionRate();  // 甲县: P4, P5 of seven projects
    REQUIRE(rate);
    CHECK(toText(layer->at(0, "county_code")) == "140101");
    CHECK(toText(layer->at(0, "name")) == "甲县");
    // A computed column of a view has no declared type: GDAL reads it as text of 15 significant
    // digits (QGIS's style reads it with to_real). No class changes by it: a rate on a break
    // (1/4, 1/2, 3/4, 9/10, 1) is the same double in both, any other is 1e-4 or more away.
    CHECK(std::abs(std::stod(toText(layer->at(0, "completion_pct"))) - *rate * 100) < 1e-12);
    CHECK(toText(layer->at(0, "projects_planned")) == "7");
    CHECK(toText(layer->at(0, "projects_completed")) == "2");
    CHECK(toText(layer->at(0, "as_of")) == "2019-06-30");
    CHECK(isNull(layer->at(1, "completion_pct")));
}

TEST_CASE("progress views: made again in place, and a user's table of the same name is left alone", "[progress_views]") {
    const std::string path = smallProject("again.gpkg");
    makeViews(path);
    CHECK(makeViews(path).size() == 4);  // replaced, not duplicated
    {
        auto ds = DataSource::open(path);
        REQUIRE(ds);
        const auto layers = ds->layers();
        CHECK(std::count_if(layers.begin(), layers.end(), [](const LayerInfo& l) { return l.name == kVillageVenueView; }) == 1);
    }
    const std::string other = smallProject("user_table.gpkg");
    REQUIRE(replaceLayersAtomically(other, {table(kHousingView, {{"note", FieldType::Text}}, {{std::string("mine")}})}));
    const auto made = makeViews(other);
    CHECK(std::find(made.begin(), made.end(), kHousingView) == made.end());
    auto ds = DataSource::open(other);
    REQUIRE(ds);
    auto mine = ds->readLayer(kHousingView);
    REQUIRE(mine);
    CHECK(toText(mine->at(0, "note")) == "mine");
}

TEST_CASE("progress views: a project without progress tables gets none", "[progress_views]") {
    const std::string path = freshPath("plain.gpkg");
    Layer counties = table("counties", {{"county_code", FieldType::Text}}, {{std::string("140101")}});
    counties.geometryKind = Geometry::Kind::Polygon;
    counties.crs = "EPSG:4490";
    counties.features[0].geometry = square(112, 37);
    REQUIRE(writeLayersAtomically(path, {counties}));
    CHECK(makeViews(path).empty());
}
