#include <catch2/catch_test_macros.hpp>
#include <catch2/matchers/catch_matchers_string.hpp>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <thread>

#include <sys/wait.h>
#include <unistd.h>

#include "hongtu/geo/datasource.hpp"
#include "hongtu/geo/progress/store.hpp"

using namespace hongtu::geo;
using namespace hongtu::geo::progress;
using Catch::Matchers::ContainsSubstring;
namespace fs = std::filesystem;

namespace {

std::string fixture(const char* name) { return std::string(HONGTU_TEST_DATA) + "/progress/" + name; }

fs::path tempDir() {
    auto dir = fs::temp_directory_path() / ("hongtu_progress_test_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    return dir;
}

// A private copy of a fixture, for tests that write.
std::string copyOf(const char* name, const std::string& as) {
    const auto target = tempDir() / as;
    fs::copy_file(fixture(name), target, fs::copy_options::overwrite_existing);
    fs::remove(target.string() + "-journal");
    return target.string();
}

Date d(const char* iso) { return *Date::parseIso(iso); }

std::size_t historyRows(const std::string& path) {
    auto data = readProgressData(path);
    REQUIRE(data);
    return data->history.size();
}

bool hasColumn(const std::string& path, const std::string& layer, const std::string& column) {
    auto ds = DataSource::open(path);
    REQUIRE(ds);
    auto info = ds->layerInfo(layer);
    REQUIRE(info);
    for (const auto& f : info->fields)
        if (f.name == column) return true;
    return false;
}

const std::string kNow = "2018-07-02T09:00:00Z";

}  // namespace

TEST_CASE("progress_store: reads the fixture whether dates are DATE or TEXT", "[progress_store]") {
    for (const char* name : {"fixture.gpkg", "fixture_textdates.gpkg"}) {
        INFO(name);
        auto m = loadProgress(fixture(name));
        REQUIRE(m);
        CHECK(m->projects().size() == 7);
        CHECK(m->data().history.size() == 13);
        CHECK(m->countyName("141124") == "临县");
        REQUIRE(m->counties().size() == 3);
        REQUIRE(m->townships().size() == 4);
        const auto i = *m->indexOf("TH-141124100");
        CHECK(m->projects()[i].kind == ProjectKind::TownshipHousing);
        CHECK(m->projects()[i].name == "临泉镇");
        CHECK(m->projects()[i].plannedCompletion == d("2018-10-31"));
        CHECK(m->projects()[i].budgetYuan == 2'000'000);

        const auto s = m->evaluate(d("2018-06-30"), {30});
        const auto county = m->tallies(s, AdminLevel::County);
        CHECK(county[0].area.name == "兴县");
        CHECK(county[0].tally.all.planned == 5);
        CHECK(county[0].tally.all.completed == 1);
        CHECK(county[0].tally.all.overdue == 1);
        CHECK(county[0].tally.all.dueSoon == 2);
        CHECK(county[1].tally.all.completed == 1);
        CHECK_FALSE(county[2].tally.all.completionRate());
        CHECK(s.states[*m->indexOf("VV-141123-0001")].category == Category::Accepted);
    }
}

TEST_CASE("progress_store: missing tables and bad rows are named", "[progress_store]") {
    SECTION("a file that is not a project") {
        auto m = loadProgress(std::string(HONGTU_TEST_DATA) + "/geo/two_counties.geojson");
        REQUIRE_FALSE(m);
        CHECK_THAT(m.error().message, ContainsSubstring("neither a venue_projects nor a housing_projects table"));
    }
    SECTION("a missing file") {
        auto m = loadProgress("/nonexistent/项目.gpkg");
        REQUIRE_FALSE(m);
        CHECK_THAT(m.error().toString(), ContainsSubstring("/nonexistent/项目.gpkg"));
    }
}

TEST_CASE("progress_store: an edit is a new row and survives reopening", "[progress_store]") {
    const auto path = copyOf("fixture.gpkg", "edit.gpkg");
    REQUIRE_FALSE(hasColumn(path, "status_history", "who"));
    auto saved = recordStatusChanges(path, {{"VV-141123-0002", "completed", "2018-07-01", "主体完工", "张工", 0}}, {kNow, {}, {}});
    REQUIRE(saved);
    CHECK(saved->migrated);
    REQUIRE(saved->saved.size() == 1);
    CHECK(saved->saved[0].row == 14);

    auto m = loadProgress(path);
    REQUIRE(m);
    CHECK(m->data().history.size() == 14);
    const auto i = *m->indexOf("VV-141123-0002");
    const auto* last = m->latestChange(i);
    REQUIRE(last);
    CHECK(last->stage == Stage::Completed);
    CHECK(last->date == d("2018-07-01"));
    CHECK(last->who == "张工");
    CHECK(last->note == "主体完工");
    CHECK(last->recordedAt == kNow);
    CHECK(last->previous == Stage::UnderConstruction);
    // The earlier rows are untouched; their new columns are empty.
    CHECK(m->historyOf(i).size() == 3);
    CHECK(m->historyOf(i)[1]->stage == Stage::UnderConstruction);
    CHECK(m->historyOf(i)[1]->who.empty());
    CHECK(m->evaluate(d("2018-07-01")).states[i].category == Category::Completed);
    CHECK(m->evaluate(d("2018-06-30")).states[i].category == Category::Overdue);

    SECTION("a second save does not migrate again, and validates against the saved row") {
        auto again = recordStatusChanges(path, {{"VV-141123-0002", "completed", "2018-07-02", "", "李工", 0}}, {kNow, {}, {}});
        REQUIRE_FALSE(again);
        CHECK_THAT(again.error().message, ContainsSubstring("already 完工 (completed) since 2018-07-01"));
        auto next = recordStatusChanges(path, {{"VV-141123-0002", "accepted", "2018-07-02", "", "李工", 0}}, {kNow, {}, {}});
        REQUIRE(next);
        CHECK_FALSE(next->migrated);
        CHECK(historyRows(path) == 15);
    }
}

TEST_CASE("progress_store: edits into a file whose dates are text", "[progress_store]") {
    const auto path = copyOf("fixture_textdates.gpkg", "edit_text.gpkg");
    REQUIRE(recordStatusChanges(path, {{"VV-141123-0003", "完工", "2018/7/1", "", "张工", 0}}, {kNow, {}, {}}));
    auto m = loadProgress(path);
    REQUIRE(m);
    const auto* last = m->latestChange(*m->indexOf("VV-141123-0003"));
    CHECK(last->stage == Stage::Completed);
    CHECK(last->date == d("2018-07-01"));
}

TEST_CASE("progress_store: a refused batch changes nothing", "[progress_store]") {
    const auto path = copyOf("fixture.gpkg", "refused.gpkg");
    const auto before = fs::file_size(path);
    const std::vector<ChangeRequest> batch = {
        {"VV-141123-0002", "completed", "2018-07-01", "", "张工", 2},
        {"VV-141123-0003", "completed", "2018-07-01", "", "张工", 3},
        {"VV-141123-0003", "planned", "2018-07-01", "", "张工", 4},   // backwards
        {"VV-404", "completed", "2018-07-01", "", "张工", 5},         // unknown
        {"CV-141123-0001", "完成", "2018-07-01", "", "张工", 6},      // unknown word
        {"CV-141123-0001", "completed", "2018-7-32", "", "张工", 7},  // not a date
    };
    auto r = recordStatusChanges(path, batch, {kNow, "批量.csv", {}});
    REQUIRE_FALSE(r);
    const auto text = r.error().toString();
    CHECK_THAT(text, ContainsSubstring("批量.csv"));
    CHECK_THAT(text, ContainsSubstring("4 of 6 changes refused, nothing was saved"));
    CHECK_THAT(text, ContainsSubstring("row 4: project 'VV-141123-0003': cannot move back"));
    CHECK_THAT(text, ContainsSubstring("row 5: project 'VV-404' does not exist"));
    CHECK_THAT(text, ContainsSubstring("row 6: project 'CV-141123-0001': unknown status '完成'"));
    CHECK_THAT(text, ContainsSubstring("row 7: project 'CV-141123-0001': the date '2018-7-32' is not a date"));
    CHECK(historyRows(path) == 13);
    CHECK_FALSE(hasColumn(path, "status_history", "who"));  // not even the migration
    CHECK(fs::file_size(path) == before);
}

TEST_CASE("progress_store: a batch from a CSV file", "[progress_store]") {
    const auto path = copyOf("fixture.gpkg", "batch.gpkg");
    const auto csv = tempDir() / "changes.csv";
    {
        std::ofstream out(csv);
        out << "project_id,status,date,note,who\n"
               "VV-141123-0002,completed,2018-07-01,主体完工,\n"
               "VV-141123-0002,accepted,2018/07/02,验收合格,王科长\n";
    }
    auto batch = readChangeRequests(csv.string(), "张工");
    REQUIRE(batch);
    REQUIRE(batch->size() == 2);
    CHECK((*batch)[0].row == 2);
    CHECK((*batch)[0].who == "张工");
    CHECK((*batch)[1].who == "王科长");
    auto r = recordStatusChanges(path, *batch, {kNow, csv.string(), {}});
    REQUIRE(r);
    CHECK(r->saved.size() == 2);
    CHECK(historyRows(path) == 15);

    SECTION("a CSV without the needed columns") {
        const auto bad = tempDir() / "bad.csv";
        std::ofstream(bad) << "id,state\nVV-1,completed\n";
        auto b = readChangeRequests(bad.string());
        REQUIRE_FALSE(b);
        CHECK_THAT(b.error().message, ContainsSubstring("no column 'project_id'"));
    }
}

TEST_CASE("progress_store: only GeoPackage projects can be edited", "[progress_store]") {
    const auto path = tempDir() / "copy.geojson";
    fs::copy_file(std::string(HONGTU_TEST_DATA) + "/geo/two_counties.geojson", path, fs::copy_options::overwrite_existing);
    auto r = recordStatusChanges(path.string(), {}, {kNow, {}, {}});
    REQUIRE_FALSE(r);
    CHECK_THAT(r.error().message, ContainsSubstring("a project is a GeoPackage"));
}

TEST_CASE("progress_store: a PostGIS project is refused by the file store, named without its password", "[progress_store]") {
    // hongtu_geo never reaches the PostGIS backend: saveStatusChanges (hongtu_geo_pg) picks it.
    auto r = recordStatusChanges("PG:dbname=hongtu password=geheim", {}, {kNow, {}, {}});
    REQUIRE_FALSE(r);
    CHECK_THAT(r.error().message, ContainsSubstring("PostGIS project"));
    CHECK_THAT(r.error().toString(), !ContainsSubstring("geheim"));
}

namespace {

// A project with `n` planned venues in one county, for saves that take a while.
std::string bigProject(std::size_t n) {
    using K = Geometry::Kind;
    Layer venues{"venue_projects",
                 {{"project_id", FieldType::Text}, {"kind", FieldType::Text}, {"township_code", FieldType::Text}, {"county_code", FieldType::Text}, {"planned_completion", FieldType::Date}, {"budget_yuan", FieldType::Integer}},
                 K::Empty,
                 {},
                 {}};
    Layer history{"status_history",
                  {{"project_id", FieldType::Text}, {"status", FieldType::Text}, {"date", FieldType::Date}, {"note", FieldType::Text}},
                  K::Empty,
                  {},
                  {}};
    for (std::size_t i = 0; i < n; ++i) {
        const std::string id = "VV-" + std::to_string(100000 + i);
        venues.features.push_back({static_cast<std::int64_t>(i + 1),
                                   {id, std::string("village_venue"), std::string("141123100"), std::string("141123"),
                                    Date{2018, 10, 31}, std::int64_t{500000}},
                                   {}});
        history.features.push_back(
            {static_cast<std::int64_t>(i + 1), {id, std::string("planned"), Date{2017, 3, 1}, std::string("计划下达")}, {}});
    }
    const auto path = (tempDir() / "big.gpkg").string();
    REQUIRE(writeLayersAtomically(path, {venues, history}));
    return path;
}

std::vector<ChangeRequest> startAll(std::size_t n) {
    std::vector<ChangeRequest> batch;
    for (std::size_t i = 0; i < n; ++i)
        batch.push_back({"VV-" + std::to_string(100000 + i), "under_construction", "2018-03-01", "开工", "张工",
                         static_cast<std::int64_t>(i + 2)});
    return batch;
}

// Runs a save in a child process; `kill` decides when it dies. Returns the child's wait status.
template <typename Kill>
int saveInChild(const std::string& path, const std::vector<ChangeRequest>& batch, RecordOptions options, Kill kill) {
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        auto r = recordStatusChanges(path, batch, options);
        ::_exit(r ? 0 : 3);
    }
    kill(pid);
    int status = 0;
    ::waitpid(pid, &status, 0);
    return status;
}

// Old state (only the planned rows) or new state (every project started), never a mix.
void requireOldOrNew(const std::string& path, std::size_t n, bool& sawOld, bool& sawNew) {
    auto m = loadProgress(path);  // rolls back a hot journal left by the killed save
    if (!m) FAIL(m.error().toString());
    // A journal may remain (SQLite leaves a non-hot one), but any read-only reader opens the file.
    REQUIRE(DataSource::open(path));
    const auto s = m->evaluate(Date{2018, 6, 30});
    const auto started = s.city.all.started;
    INFO("history rows " << m->data().history.size() << ", started " << started);
    REQUIRE((started == 0 || started == static_cast<std::int64_t>(n)));
    REQUIRE(m->data().history.size() == (started == 0 ? n : 2 * n));
    (started == 0 ? sawOld : sawNew) = true;
}

}  // namespace

TEST_CASE("progress_store: SIGKILL during a save leaves the old or the new state", "[progress_store][durability]") {
    constexpr std::size_t n = 3000;
    const auto path = bigProject(n);
    const auto batch = startAll(n);
    bool sawOld = false, sawNew = false;

    SECTION("killed inside the transaction, after some rows or all rows but before the commit") {
        for (std::size_t killAfter : {std::size_t{1}, n / 2, n}) {
            RecordOptions options{kNow, {}, [killAfter](std::size_t rows) {
                                      if (rows == killAfter) ::raise(SIGKILL);
                                  }};
            const int status = saveInChild(path, batch, options, [](pid_t) {});
            REQUIRE(WIFSIGNALED(status));
            CHECK(WTERMSIG(status) == SIGKILL);
            requireOldOrNew(path, n, sawOld, sawNew);
            CHECK(sawOld);
            CHECK_FALSE(sawNew);
        }
        // After the rollbacks the file still takes the save.
        REQUIRE(recordStatusChanges(path, batch, {kNow, {}, {}}));
        requireOldOrNew(path, n, sawOld, sawNew);
        CHECK(sawNew);
    }

    SECTION("killed from outside at increasing delays, including during the commit") {
        // Measure one save, then kill at fractions of it. Each run starts from the old state.
        const auto pristine = path + ".pristine";
        fs::copy_file(path, pristine, fs::copy_options::overwrite_existing);
        const auto t0 = std::chrono::steady_clock::now();
        REQUIRE(saveInChild(path, batch, {kNow, {}, {}}, [](pid_t) {}) == 0);
        const auto full = std::chrono::steady_clock::now() - t0;
        int killed = 0, finished = 0, hotJournals = 0;
        for (int step = 0; step <= 12; ++step) {
            fs::copy_file(pristine, path, fs::copy_options::overwrite_existing);
            fs::remove(path + "-journal");
            const auto delay = full * step / 10;
            const int status = saveInChild(path, batch, {kNow, {}, {}}, [delay](pid_t pid) {
                std::this_thread::sleep_for(delay);
                ::kill(pid, SIGKILL);
            });
            (WIFSIGNALED(status) ? killed : finished) += 1;
            if (fs::exists(path + "-journal") && fs::file_size(path + "-journal") > 0) ++hotJournals;
            requireOldOrNew(path, n, sawOld, sawNew);
        }
        INFO("killed " << killed << ", finished " << finished << ", hot journals rolled back " << hotJournals);
        CHECK(killed > 0);
        CHECK(sawOld);
    }
}
