#include <catch2/catch_test_macros.hpp>
#include <catch2/matchers/catch_matchers_string.hpp>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

#include "hongtu/geo/datasource.hpp"
#include "hongtu/geo/join.hpp"
#include "hongtu/geo/layer_styles.hpp"
#include "hongtu/geo/project_import.hpp"
#include "hongtu/geo/project_store.hpp"

using namespace hongtu::geo;
using Catch::Matchers::ContainsSubstring;

namespace {

std::filesystem::path scratch() {
    const auto dir = std::filesystem::temp_directory_path() / ("hongtu_store_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    return dir;
}

std::string copyOfDemo(const char* name) {
    const auto path = (scratch() / name).string();
    std::filesystem::copy_file(HONGTU_DEMO_PROJECT, path, std::filesystem::copy_options::overwrite_existing);
    return path;
}

std::string bytesOf(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

Layer noteRows(const std::string& table, std::initializer_list<const char*> notes) {
    Layer rows;
    rows.name = table;
    rows.fields = {{"note", FieldType::Text}, {"n", FieldType::Integer}};
    std::int64_t n = 0;
    for (const char* note : notes) {
        Feature f;
        f.values = {std::string(note), ++n};
        rows.features.push_back(std::move(f));
    }
    return rows;
}

// Runs an SQL statement with GDAL on its own connection (another program on the same file).
void execOn(const std::string& path, const std::string& sql) {
    GDALAllRegister();
    GDALDataset* ds = GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE, nullptr, nullptr, nullptr);
    REQUIRE(ds);
    ds->ReleaseResultSet(ds->ExecuteSQL(sql.c_str(), nullptr, nullptr));
    GDALClose(ds);
}

}  // namespace

TEST_CASE("project_store: a change is one transaction in place, other tables untouched", "[project_store]") {
    const std::string path = copyOfDemo("inplace.gpkg");
    struct stat before {};
    REQUIRE(::stat(path.c_str(), &before) == 0);
    auto store = ProjectStore::open(path);
    REQUIRE(store);
    REQUIRE(store->write([](ProjectWriter& w) { return w.appendRows(noteRows("store_notes", {"a", "b"})); }));
    REQUIRE(store->write([](ProjectWriter& w) -> Status {
        auto d = w.deleteRows("store_notes", "note", "a");
        if (!d) return d.error();
        CHECK(*d == 1);
        return w.upsertRows(noteRows("store_notes", {"b", "c"}), "note");
    }));
    auto notes = store->read("store_notes");
    REQUIRE(notes);
    REQUIRE(notes->features.size() == 2);
    CHECK(toText(notes->at(0, "note")) == "b");  // updated in place: keeps its row
    CHECK(toText(notes->at(0, "n")) == "1");
    CHECK(toText(notes->at(1, "note")) == "c");
    auto villages = store->read("villages");
    REQUIRE(villages);
    CHECK(villages->features.size() > 1000);
    // The same file, not a copy renamed over it.
    struct stat after {};
    REQUIRE(::stat(path.c_str(), &after) == 0);
    CHECK(after.st_ino == before.st_ino);
}

TEST_CASE("project_store: an import that fails on its last row leaves the project byte-identical", "[project_store]") {
    const std::string path = copyOfDemo("failed_import.gpkg");
    const std::string before = bytesOf(path);
    Table table;
    table.file = "t.csv";
    table.columns = {"县代码", "说明"};
    table.rows = {{"141123", "一"}, {"141124", "二"}, {"141125", "三"}};
    table.rowNumbers = {2, 3, 4};
    AdminUnits units0;
    {
        auto project = DataSource::open(path);
        REQUIRE(project);
        auto loaded = loadAdminUnits(*project);
        REQUIRE(loaded);
        units0 = std::move(loaded).value();
    }
    const AdminUnits* units = &units0;
    JoinOptions jo;
    jo.level = AdminLevel::County;
    jo.keyColumn = "县代码";
    jo.manyRowsPerUnit = true;
    auto report = joinTable(table, *units, jo);
    REQUIRE(report);
    std::int64_t written = 0;
    ImportOptions io;
    io.layerName = "half_import";
    io.importedAt = "2026-12-02T08:00:00Z";
    io.afterRow = [&](const std::string&, std::int64_t row) {
        written = row;
        return row < 3;  // the third (last) row was written, then the import fails
    };
    auto summary = importJoinedTable(path, table, *report, *units, io);
    REQUIRE_FALSE(summary);
    CHECK(written == 3);
    CHECK_THAT(summary.error().toString(), ContainsSubstring("failed_import.gpkg"));
    CHECK(bytesOf(path) == before);
    // And the same import, not stopped, is complete.
    io.afterRow = nullptr;
    auto ok = importJoinedTable(path, table, *report, *units, io);
    REQUIRE(ok);
    CHECK(ok->imported == 3);
}

TEST_CASE("project_store: a writer meeting a held lock waits its timeout, names the holder and changes nothing",
          "[project_store]") {
    const std::string path = copyOfDemo("held.gpkg");
    int ready[2];
    REQUIRE(::pipe(ready) == 0);
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        // Another program holds the write lock for two seconds.
        auto store = ProjectStore::open(path);
        if (!store) ::_exit(3);
        auto st = store->write([&](ProjectWriter& w) -> Status {
            if (auto a = w.appendRows(noteRows("holder", {"x"})); !a) return a;
            const char byte = 'L';
            if (::write(ready[1], &byte, 1) != 1) ::_exit(4);
            std::this_thread::sleep_for(std::chrono::seconds(2));
            return Done{};
        });
        ::_exit(st ? 0 : 5);
    }
    char byte = 0;
    REQUIRE(::read(ready[0], &byte, 1) == 1);
    const std::string before = bytesOf(path);

    StoreOptions options;
    options.lockTimeoutMs = 300;
    auto store = ProjectStore::open(path, options);
    REQUIRE(store);
    const auto start = std::chrono::steady_clock::now();
    auto st = store->write([](ProjectWriter& w) { return w.appendRows(noteRows("waiter", {"y"})); });
    const auto waited = std::chrono::steady_clock::now() - start;
    REQUIRE_FALSE(st);
    CHECK_THAT(st.error().message, ContainsSubstring("another program"));
    CHECK_THAT(st.error().message, ContainsSubstring("process " + std::to_string(child)));
    CHECK_THAT(st.error().message, ContainsSubstring("saved nothing"));
    CHECK(waited < std::chrono::milliseconds(1900));  // gave up at its timeout, not when the holder finished
    CHECK(bytesOf(path) == before);

    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    // Once the holder is done, the same write goes through, and both changes are there.
    REQUIRE(store->write([](ProjectWriter& w) { return w.appendRows(noteRows("waiter", {"y"})); }));
    auto reread = ProjectStore::open(path);
    REQUIRE(reread);
    CHECK(reread->hasTable("holder"));
    CHECK(reread->hasTable("waiter"));
}

TEST_CASE("project_store: a project in WAL mode, read by another connection meanwhile, loses nothing", "[project_store]") {
    const std::string path = copyOfDemo("wal.gpkg");
    execOn(path, "PRAGMA journal_mode = WAL");
    // Another program keeps the file open (as QGIS does) while Hongtu saves.
    GDALDataset* other = GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE, nullptr, nullptr, nullptr);
    REQUIRE(other);
    OGRLayer* otherLayer = other->GetLayerByName("counties");
    REQUIRE(otherLayer);
    const auto counties = otherLayer->GetFeatureCount();
    REQUIRE(writeLayerStyles(path, {{"counties", R"({"opacity":0.5})", "2026-12-02T08:00:00Z"}}));
    auto store = ProjectStore::open(path);
    REQUIRE(store);
    REQUIRE(store->write([](ProjectWriter& w) { return w.appendRows(noteRows("wal_notes", {"kept"})); }));
    CHECK(std::filesystem::exists(path + "-wal"));  // the changes sit in the WAL, which stays with its file
    // The other program sees Hongtu's commits, and its own writes are kept too.
    OGRLayer* seen = other->ExecuteSQL("SELECT count(*) FROM wal_notes", nullptr, nullptr);
    REQUIRE(seen);
    OGRFeatureUniquePtr count(seen->GetNextFeature());
    REQUIRE(count);
    CHECK(count->GetFieldAsInteger64(0) == 1);
    other->ReleaseResultSet(seen);
    other->ReleaseResultSet(other->ExecuteSQL("CREATE TABLE other_program (x INTEGER)", nullptr, nullptr));
    CHECK(otherLayer->GetFeatureCount() == counties);
    GDALClose(other);
    store = ProjectStore::open(path);
    REQUIRE(store);
    auto ds = DataSource::open(path);
    REQUIRE(ds);
    auto styles = readLayerStyles(*ds);
    REQUIRE(styles);
    REQUIRE(styles->size() == 1);
    CHECK(styles->front().styleJson == R"({"opacity":0.5})");
    auto notes = store->read("wal_notes");
    REQUIRE(notes);
    CHECK(notes->features.size() == 1);
}

TEST_CASE("project_store: an error inside the change rolls everything back", "[project_store]") {
    const std::string path = copyOfDemo("rollback.gpkg");
    const std::string before = bytesOf(path);
    auto store = ProjectStore::open(path);
    REQUIRE(store);
    auto st = store->write([](ProjectWriter& w) -> Status {
        if (auto a = w.appendRows(noteRows("never", {"a", "b", "c"})); !a) return a;
        if (auto d = w.deleteRows("status_history", "status", "planned"); !d) return d.error();
        return Error{"refused by the test", w.shownPath(), "never", 3};
    });
    REQUIRE_FALSE(st);
    CHECK(st.error().message == "refused by the test");
    auto again = store->write([](ProjectWriter&) -> Status { return Done{}; });
    INFO((again.ok() ? std::string("ok") : again.error().toString()));
    CHECK(again);
    CHECK_THROWS(store->write([](ProjectWriter& w) -> Status {
        (void)w.appendRows(noteRows("never", {"x"}));
        throw std::runtime_error("unexpected");
    }));
    store = Error{"closed", path, {}, {}};
    CHECK(bytesOf(path) == before);
}

TEST_CASE("project_store: only GeoPackages and PostGIS are projects; a missing file is named", "[project_store]") {
    auto missing = ProjectStore::open((scratch() / "nope.gpkg").string());
    REQUIRE_FALSE(missing);
    CHECK_THAT(missing.error().toString(), ContainsSubstring("nope.gpkg"));
    auto csv = ProjectStore::open(HONGTU_TEST_DATA "/join/venues_bom.csv");
    REQUIRE_FALSE(csv);
    CHECK_THAT(csv.error().message, ContainsSubstring("GeoPackage"));
}

TEST_CASE("project_store: an output file written atomically keeps a symlink and its permissions, leaves no temporary",
          "[project_store]") {
    const auto dir = scratch() / "outputs";
    std::filesystem::create_directories(dir);
    const auto real = dir / "real.gpkg";
    const auto link = dir / "link.gpkg";
    std::filesystem::remove(real);
    std::filesystem::remove(link);
    Layer t = noteRows("t", {"a"});
    REQUIRE(writeLayersAtomically(real.string(), {t}));
    std::filesystem::permissions(real, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write |
                                           std::filesystem::perms::group_read);
    std::filesystem::create_symlink("real.gpkg", link);
    // A temporary left by a killed writer (a process that no longer exists) is cleaned up.
    const auto orphan = dir / ".~real.999999999.tmp.gpkg";
    { std::ofstream(orphan) << "left over"; }
    REQUIRE(writeLayersAtomically(link.string(), {noteRows("t", {"a", "b"})}));
    CHECK(std::filesystem::is_symlink(link));
    CHECK((std::filesystem::status(real).permissions() & std::filesystem::perms::others_read) == std::filesystem::perms::none);
    CHECK((std::filesystem::status(real).permissions() & std::filesystem::perms::group_read) != std::filesystem::perms::none);
    CHECK_FALSE(std::filesystem::exists(orphan));
    auto ds = DataSource::open(real.string());
    REQUIRE(ds);
    auto rows = ds->readLayer("t");
    REQUIRE(rows);
    CHECK(rows->features.size() == 2);
    for (const auto& entry : std::filesystem::directory_iterator(dir))
        CHECK(entry.path().filename().string().find(".tmp") == std::string::npos);
}
