// route_plan: the one route pipeline (request -> travel model -> matrix -> itinerary) and the one
// writer for every export format.

#include <catch2/catch_test_macros.hpp>

#include <unistd.h>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <vector>

#include "hongtu/geo/datasource.hpp"
#include "hongtu/geo/route/export.hpp"
#include "hongtu/geo/route/plan.hpp"
#include "hongtu/geo/route/route.hpp"

using namespace hongtu::geo;
using namespace hongtu::geo::route;

namespace {

const XY kLishi{111.13417, 37.51556};
const std::string kGridRoads = HONGTU_TEST_DATA "/route/grid_roads.geojson";  // a 2 km grid near 离石

Stop stop(const std::string& id, XY p, double minutes, const std::string& hours) {
    auto s = makeStop(id, id, p, minutes, hours, Priority::Must);
    REQUIRE(s.ok());
    return *s;
}

// Four sites of the demo around 离石 over two days, with the county seats for the night.
PlanRequest twoDayRequest() {
    PlanRequest r;
    r.problem.stops = {stop("LL15", {110.885, 37.445}, 40, "daily 09:00-17:00"), stop("LL05", {110.91, 37.8}, 45, "daily 09:00-17:00"),
                       stop("LL01", {111.081, 38.476}, 120, "Tue-Sun 09:00-17:00"),
                       stop("LL13", {112.2, 37.41}, 75, "Tue-Sun 09:00-17:00")};
    r.problem.trip.start = {"离石", kLishi};
    r.problem.trip.departDate = {2018, 7, 2};
    r.problem.trip.days = 2;
    r.problem.trip.overnightCandidates = {{"兴县", {111.16664, 38.48064}}, {"临县", {111.02059, 37.97965}}};
    r.travel.speedKmh = 45;
    r.travel.detour = 1.3;
    return r;
}

std::string readFile(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

struct TempDir {
    std::filesystem::path path = std::filesystem::temp_directory_path() / ("hongtu_route_plan_" + std::to_string(::getpid()));
    TempDir() { std::filesystem::create_directories(path); }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
};

}  // namespace

TEST_CASE("route plan: a straight-line request gives what the model, the matrix and the solver give by hand", "[route][route_plan]") {
    const PlanRequest request = twoDayRequest();
    auto planned = planRoute(request);
    REQUIRE(planned.ok());
    const auto matrix = StraightLineModel(45, 1.3).matrix(nodePlaces(request.problem));
    REQUIRE(matrix.ok());
    const Itinerary byHand = solve(request.problem, *matrix, request.options);
    CHECK(planned->matrix->minutes == matrix->minutes);
    CHECK(planned->matrix->modelDescription == matrix->modelDescription);
    CHECK(exportItinerary(planned->problem, planned->itinerary, ExportFormat::Json) ==
          exportItinerary(request.problem, byHand, ExportFormat::Json));
    CHECK(planned->itinerary.info.method == "exact");
    CHECK(planned->itinerary.days.size() == 2);
}

TEST_CASE("route plan: a given order is timed, not optimised, and an unknown id is refused", "[route][route_plan]") {
    PlanRequest request = twoDayRequest();
    request.order = {"LL13", "LL15", "|", "LL05", "LL01"};
    auto planned = planRoute(request);
    REQUIRE(planned.ok());
    CHECK(planned->itinerary.info.method == "manual");
    REQUIRE(planned->itinerary.days.size() == 2);
    REQUIRE(planned->itinerary.days[0].visits.size() == 2);
    CHECK(planned->problem.stops[planned->itinerary.days[0].visits[0].stop].id == "LL13");
    request.order = {"LL13", "LL99"};
    auto unknown = planRoute(request);
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().message.find("LL99") != std::string::npos);
}

TEST_CASE("route plan: a bad problem is named before a road network is read; a missing network names its file", "[route][route_plan]") {
    PlanRequest request = twoDayRequest();
    request.travel.roadsPath = "/no/such/roads.gpkg";
    auto missing = planRoute(request);
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().toString().find("/no/such/roads.gpkg") != std::string::npos);
    request.problem.stops[1].id = "LL15";  // two stops with the same id
    auto duplicate = planRoute(request);
    REQUIRE_FALSE(duplicate.ok());
    CHECK(duplicate.error().message.find("LL15") != std::string::npos);
    CHECK(duplicate.error().toString().find("roads.gpkg") == std::string::npos);
}

TEST_CASE("route plan: roads that do not reach the stops say which place is too far", "[route][route_plan]") {
    PlanRequest request = twoDayRequest();
    request.travel.roadsPath = kGridRoads;
    auto planned = planRoute(request);
    REQUIRE_FALSE(planned.ok());
    CHECK(planned.error().message.find("km") != std::string::npos);
}

TEST_CASE("route plan: the model cache reads a road network once per source", "[route][route_plan]") {
    TravelModelCache cache;
    TravelSource roads;
    roads.roadsPath = kGridRoads;
    auto a = cache.get(roads);
    auto b = cache.get(roads);
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CHECK(a->get() == b->get());
    roads.speedKmh = 30;  // another speed is another model
    auto c = cache.get(roads);
    REQUIRE(c.ok());
    CHECK(c->get() != a->get());
    TravelSource straight;  // made anew, the network stays kept
    auto d = cache.get(straight);
    REQUIRE(d.ok());
    CHECK(dynamic_cast<const StraightLineModel*>(d->get()) != nullptr);
    auto again = cache.get(roads);
    REQUIRE(again.ok());
    CHECK(again->get() == c->get());
    TravelSource missing = roads;
    missing.roadsPath = "/no/such/roads.gpkg";
    auto failed = cache.get(missing);
    REQUIRE_FALSE(failed.ok());
    CHECK(failed.error().toString().find("/no/such/roads.gpkg") != std::string::npos);
    auto kept = cache.get(roads);  // a failed read keeps the last good network
    REQUIRE(kept.ok());
    CHECK(kept->get() == c->get());
}

TEST_CASE("route export formats: one enum with XLSX, by name and by file extension", "[route][route_plan]") {
    CHECK(parseExportFormat("xlsx") == ExportFormat::Xlsx);
    CHECK(exportFormatForPath("/tmp/行程.XLSX") == ExportFormat::Xlsx);
    CHECK(exportFormatForPath("tour.gpx") == ExportFormat::Gpx);
    CHECK(exportFormatForPath("tour.geojson") == ExportFormat::GeoJson);
    CHECK(exportFormatForPath("tour.txt") == ExportFormat::Text);
    CHECK_FALSE(exportFormatForPath("tour.pdf"));
    CHECK_FALSE(exportFormatForPath("tour"));
    CHECK_FALSE(exportFormatForPath("tour.text"));
    CHECK_FALSE(isTextFormat(ExportFormat::Xlsx));
    CHECK(isTextFormat(ExportFormat::Csv));
    const PlanRequest request = twoDayRequest();
    auto planned = planRoute(request);
    REQUIRE(planned.ok());
    CHECK_THROWS_AS(exportItinerary(planned->problem, planned->itinerary, ExportFormat::Xlsx), std::invalid_argument);
}

TEST_CASE("route writeItinerary: the text formats' bytes, the XLSX workbook, a failed write leaves the old file", "[route][route_plan]") {
    const PlanRequest request = twoDayRequest();
    auto planned = planRoute(request);
    REQUIRE(planned.ok());
    TempDir dir;
    for (auto format : {ExportFormat::Text, ExportFormat::Json, ExportFormat::Csv, ExportFormat::Gpx, ExportFormat::Kml, ExportFormat::GeoJson}) {
        const auto path = dir.path / "tour.out";
        REQUIRE(writeItinerary(path.string(), planned->problem, planned->itinerary, format).ok());
        CHECK(readFile(path) == exportItinerary(planned->problem, planned->itinerary, format));
    }
    const auto xlsx = dir.path / "行程.xlsx";
    REQUIRE(writeItinerary(xlsx.string(), planned->problem, planned->itinerary, ExportFormat::Xlsx, Language::En).ok());
    auto ds = DataSource::open(xlsx.string());
    REQUIRE(ds.ok());
    auto sheet = ds->readLayer("timetable");
    REQUIRE(sheet.ok());
    CHECK(sheet->features.size() == timetable(planned->problem, planned->itinerary).size());
    CHECK(sheet->fields[2].name == "Stop");

    const auto kept = dir.path / "kept.gpx";
    { std::ofstream(kept) << "old"; }
    std::filesystem::permissions(dir.path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec);
    auto refused = writeItinerary(kept.string(), planned->problem, planned->itinerary, ExportFormat::Gpx);
    std::filesystem::permissions(dir.path, std::filesystem::perms::owner_all);
    if (::geteuid() != 0) {  // root writes anywhere
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.error().toString().find("kept.gpx") != std::string::npos);
        CHECK(readFile(kept) == "old");
    }
    auto nowhere = writeItinerary((dir.path / "no/such/dir/tour.gpx").string(), planned->problem, planned->itinerary, ExportFormat::Gpx);
    REQUIRE_FALSE(nowhere.ok());
    CHECK(nowhere.error().toString().find("tour.gpx") != std::string::npos);
}
