// geo/pg_store against a real PostgreSQL + PostGIS (the fixture started by scripts/pg-test-server).
// Every test works in its own fresh database, so they can run in parallel.

#include <catch2/catch_test_macros.hpp>
#include <catch2/matchers/catch_matchers_string.hpp>

#include <libpq-fe.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <random>
#include <sstream>
#include <string>

#include "hongtu/geo/datasource.hpp"
#include "hongtu/geo/pg_store.hpp"
#include "hongtu/geo/progress_store.hpp"
#include "pg_test_server.hpp"

namespace fs = std::filesystem;
using namespace hongtu::geo;
using Catch::Matchers::ContainsSubstring;

namespace {

using hongtu::test::readFile;

// The fixture's server, or a SKIP naming why there is none.
struct Server {
    fs::path dir;
    std::string service() const { return "service=hongtu_test"; }
};

Server serverOrSkip(const fs::path& dir = HONGTU_PG_DIR) {
    hongtu::test::useTestServerOrSkip(dir);
    return {dir};
}

struct PgConn {
    PGconn* c;
    explicit PgConn(const std::string& conninfo) : c(PQconnectdb(conninfo.c_str())) {
        REQUIRE(PQstatus(c) == CONNECTION_OK);
    }
    ~PgConn() { PQfinish(c); }
    PgConn(const PgConn&) = delete;
    PgConn& operator=(const PgConn&) = delete;
    // Fixed SQL of the test itself.
    std::string value(const std::string& sql) const {
        std::unique_ptr<PGresult, decltype(&PQclear)> r(PQexec(c, sql.c_str()), &PQclear);
        INFO(sql << ": " << PQresultErrorMessage(r.get()));
        REQUIRE((PQresultStatus(r.get()) == PGRES_TUPLES_OK || PQresultStatus(r.get()) == PGRES_COMMAND_OK));
        return PQntuples(r.get()) > 0 ? PQgetvalue(r.get(), 0, 0) : "";
    }
};

// A fresh, empty database on the server; dropped at the end. Its "PG:" connection string.
class FreshDb {
public:
    explicit FreshDb(const Server& s) : admin_(s.service()) {
        std::random_device rd;
        name_ = "t_" + std::to_string(rd()) + std::to_string(rd() % 1000);
        admin_.value("CREATE DATABASE " + name_);
    }
    ~FreshDb() {
        PQclear(PQexec(admin_.c, ("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)").c_str()));
    }
    FreshDb(const FreshDb&) = delete;
    FreshDb& operator=(const FreshDb&) = delete;
    [[nodiscard]] std::string conninfo() const { return "service=hongtu_test dbname=" + name_; }
    [[nodiscard]] std::string pg() const { return "PG:" + conninfo(); }

private:
    PgConn admin_;
    std::string name_;
};

fs::path tempDir(const std::string& name) {
    fs::path d = fs::path(HONGTU_BINARY_DIR) / "pg-test-work" / (name + std::to_string(std::random_device{}()));
    fs::create_directories(d);
    return d;
}

const Feature* byFid(const Layer& l, std::int64_t fid) {
    for (const auto& f : l.features)
        if (f.fid == fid) return &f;
    return nullptr;
}

std::int64_t historyRows(const FreshDb& db) {
    PgConn c(db.conninfo());
    return std::atoll(c.value("SELECT count(*) FROM status_history").c_str());
}

}  // namespace

TEST_CASE("init creates the schema on an empty database; migrate refuses an empty one and applies what is missing",
          "[pg]") {
    auto server = serverOrSkip();
    FreshDb db(server);

    auto refused = pgMigrate(db.pg());
    REQUIRE_FALSE(refused);
    CHECK_THAT(refused.error().message, ContainsSubstring("hongtu db init"));

    auto init = pgInit(db.pg());
    REQUIRE(init);
    CHECK(init->before == 0);
    CHECK(init->after == pgLatestSchemaVersion());
    CHECK(init->applied.size() == static_cast<std::size_t>(pgLatestSchemaVersion()));

    auto again = pgInit(db.pg());
    REQUIRE(again);
    CHECK(again->applied.empty());

    auto status = pgStatus(db.pg());
    REQUIRE(status);
    CHECK(status->schemaVersion == pgLatestSchemaVersion());
    CHECK_THAT(status->server, ContainsSubstring("PostGIS 3"));
    CHECK(status->tables.size() == 11);

    // A database left at version 1 (before row versions) is brought up to date by migrate.
    {
        PgConn c(db.conninfo());
        c.value("DELETE FROM hongtu_schema_version WHERE version = 2");
        c.value("ALTER TABLE venue_projects DROP COLUMN row_version");
    }
    auto migrated = pgMigrate(db.pg());
    REQUIRE(migrated);
    CHECK(migrated->before == 1);
    CHECK(migrated->after == 2);
    REQUIRE(migrated->applied.size() == 1);
    PgConn c(db.conninfo());
    CHECK(c.value("SELECT count(*) FROM information_schema.columns WHERE table_name = 'venue_projects' AND "
                  "column_name = 'row_version'") == "1");
}

TEST_CASE("GeoPackage -> PostGIS -> GeoPackage keeps every row of every table", "[pg]") {
    auto server = serverOrSkip();
    FreshDb db(server);
    auto imported = pgImport(HONGTU_DEMO_PROJECT, db.pg());
    REQUIRE(imported);
    for (const auto& t : imported->tables) {
        INFO(t.table);
        CHECK(t.changed == 0);
        CHECK(t.removed == 0);
    }
    const auto out = tempDir("roundtrip") / "back.gpkg";
    auto exported = pgExport(db.pg(), out.string());
    REQUIRE(exported);

    auto original = DataSource::open(HONGTU_DEMO_PROJECT);
    auto back = DataSource::open(out.string());
    REQUIRE(original);
    REQUIRE(back);
    std::size_t tables = 0;
    for (const auto& info : original->layers()) {
        INFO("table " << info.name);
        auto a = original->readLayer(info.name);
        auto b = back->readLayer(info.name);
        REQUIRE(a);
        REQUIRE(b);
        ++tables;
        CHECK(a->geometryKind == b->geometryKind);
        CHECK(a->crs == b->crs);
        REQUIRE(a->features.size() == b->features.size());
        // Every column of the original, same type, same value, row by row (by fid).
        for (const auto& field : a->fields) {
            auto j = b->fieldIndex(field.name);
            INFO("column " << field.name);
            REQUIRE(j);
            CHECK(b->fields[*j].type == field.type);
        }
        // The only extra columns: the editor columns of the history (added by the schema, empty here).
        for (const auto& field : b->fields)
            if (!a->fieldIndex(field.name)) {
                CHECK(info.name == "status_history");
                CHECK((field.name == "who" || field.name == "recorded_at" || field.name == "previous_status"));
            }
        for (const auto& fa : a->features) {
            const Feature* fb = byFid(*b, fa.fid);
            INFO("fid " << fa.fid);
            REQUIRE(fb);
            CHECK(fa.geometry == fb->geometry);
            for (std::size_t i = 0; i < a->fields.size(); ++i)
                CHECK(fa.values[i] == fb->values[*b->fieldIndex(a->fields[i].name)]);
        }
    }
    CHECK(tables == 11);

    // Importing the exported file again changes nothing, and says so.
    auto reimport = pgImport(out.string(), db.pg());
    REQUIRE(reimport);
    for (const auto& t : reimport->tables) {
        INFO(t.table);
        CHECK(t.added + t.changed + t.removed == 0);
        CHECK(t.unchanged > 0);
    }
}

TEST_CASE("import reports rows added, changed and removed, in one transaction", "[pg]") {
    auto server = serverOrSkip();
    FreshDb db(server);
    REQUIRE(pgImport(HONGTU_DEMO_PROJECT, db.pg()));

    // A field copy where one village was renamed, one removed and one added.
    const auto dir = tempDir("diff");
    const auto copy = dir / "field.gpkg";
    fs::copy_file(HONGTU_DEMO_PROJECT, copy);
    auto ds = DataSource::open(copy.string());
    REQUIRE(ds);
    auto villages = ds->readLayer("villages");
    REQUIRE(villages);
    Layer edited = *villages;
    const auto iName = *edited.fieldIndex("name");
    edited.features[0].values[iName] = std::string("改名村");
    edited.features.erase(edited.features.begin() + 1);
    Feature added = edited.features.back();
    added.fid = 900000;
    edited.features.push_back(added);
    WriteOptions keep;
    keep.keepFids = true;
    REQUIRE(replaceLayersAtomically(copy.string(), {edited}, keep));

    auto report = pgImport(copy.string(), db.pg());
    REQUIRE(report);
    bool seen = false;
    for (const auto& t : report->tables) {
        if (t.table != "villages") {
            CHECK(t.added + t.changed + t.removed == 0);
            continue;
        }
        seen = true;
        CHECK(t.added == 1);
        CHECK(t.changed == 1);
        CHECK(t.removed == 1);
    }
    CHECK(seen);
    CHECK_THAT(report->text(), ContainsSubstring("villages: 1 added, 1 changed, 1 removed"));
    PgConn c(db.conninfo());
    CHECK(c.value("SELECT name FROM villages WHERE fid = " + std::to_string(villages->features[0].fid)) == "改名村");
}

TEST_CASE("SQL injection through a search string, a project id and a layer name does nothing", "[pg]") {
    auto server = serverOrSkip();
    FreshDb db(server);
    REQUIRE(pgImport(HONGTU_DEMO_PROJECT, db.pg()));
    PgConn c(db.conninfo());
    const std::string counties = c.value("SELECT count(*) FROM counties");
    const auto history = historyRows(db);

    // Search text: taken literally (also % and _), bound as a parameter.
    for (const std::string attack : {"'; DROP TABLE counties; --", "x' OR '1'='1", "%", "_", "\\"}) {
        INFO(attack);
        auto hits = pgSearchProjects(db.pg(), attack);
        REQUIRE(hits);
        CHECK(hits->empty());
    }
    auto real = pgSearchProjects(db.pg(), "刘家");
    REQUIRE(real);
    CHECK_FALSE(real->empty());

    // Project id of a status change: an unknown project, refused; nothing written.
    RecordOptions options;
    options.recordedAt = "2019-01-06T09:00:00Z";
    auto bobby = pgRecordStatusChanges(db.pg(), {{"x'); DELETE FROM status_history; --", "completed", "2019-01-05", "", "t", 0}},
                                       options);
    REQUIRE_FALSE(bobby);
    CHECK(historyRows(db) == history);

    // Layer name: a GeoPackage whose layer is called like an attack is refused by name.
    const auto dir = tempDir("inject");
    Layer evil;
    evil.name = "villages\"; DROP TABLE counties; --";
    evil.fields = {{"name", FieldType::Text}};
    evil.features.push_back({1, {std::string("x")}, {}});
    REQUIRE(writeLayersAtomically((dir / "evil.gpkg").string(), {evil}));
    auto refused = pgImport((dir / "evil.gpkg").string(), db.pg());
    REQUIRE_FALSE(refused);
    CHECK(refused.error().layer == evil.name);
    CHECK_THAT(refused.error().message, ContainsSubstring("not a plain table name"));

    CHECK(c.value("SELECT to_regclass('counties') IS NOT NULL") == "t");
    CHECK(c.value("SELECT count(*) FROM counties") == counties);
    CHECK(historyRows(db) == history);
}

TEST_CASE("status history is append-only in the database itself", "[pg]") {
    auto server = serverOrSkip();
    FreshDb db(server);
    REQUIRE(pgImport(HONGTU_DEMO_PROJECT, db.pg()));
    PgConn c(db.conninfo());
    std::unique_ptr<PGresult, decltype(&PQclear)> r(PQexec(c.c, "UPDATE status_history SET status = 'accepted'"), &PQclear);
    CHECK(PQresultStatus(r.get()) == PGRES_FATAL_ERROR);
    CHECK_THAT(PQresultErrorMessage(r.get()), ContainsSubstring("append-only"));
}

TEST_CASE("a stale version is reported as a conflict naming the other editor; nothing is overwritten", "[pg]") {
    auto server = serverOrSkip();
    FreshDb db(server);
    REQUIRE(pgImport(HONGTU_DEMO_PROJECT, db.pg()));
    auto model = loadProgress(db.pg());
    REQUIRE(model);
    // Two editors loaded the project: both see version 1 of CV-141181-0007 (under construction).
    auto listener = PgChangeListener::listen(db.pg());
    REQUIRE(listener);
    RecordOptions first;
    first.recordedAt = "2019-01-06T09:00:00Z";
    first.expectedVersions["CV-141181-0007"] = 1;
    auto a = pgRecordStatusChanges(db.pg(), {{"CV-141181-0007", "completed", "2019-01-05", "", "张三", 0}}, first);
    REQUIRE(a);
    REQUIRE(a->saved.size() == 1);

    RecordOptions second = first;
    second.recordedAt = "2019-01-07T09:00:00Z";
    const auto before = historyRows(db);
    auto b = pgRecordStatusChanges(db.pg(), {{"CV-141181-0007", "accepted", "2019-01-07", "", "李四", 0}}, second);
    REQUIRE_FALSE(b);
    CHECK_THAT(b.error().message, ContainsSubstring("changed by someone else"));
    CHECK_THAT(b.error().message, ContainsSubstring("张三"));
    CHECK(historyRows(db) == before);

    // After reloading (version 2) the same change goes through.
    auto hits = pgSearchProjects(db.pg(), "CV-141181-0007");
    REQUIRE(hits);
    REQUIRE(hits->size() == 1);
    CHECK(hits->front().version == 2);
    second.expectedVersions["CV-141181-0007"] = 2;
    REQUIRE(pgRecordStatusChanges(db.pg(), {{"CV-141181-0007", "accepted", "2019-01-07", "", "李四", 0}}, second));
    auto reloaded = loadProgress(db.pg());
    REQUIRE(reloaded);
    CHECK(historyRows(db) == before + 1);

    // The viewer's listener heard about both saves.
    auto heard = listener->poll(2000);
    REQUIRE(heard);
    REQUIRE_FALSE(heard->empty());
    CHECK(std::find(heard->begin(), heard->end(), "status_history") != heard->end());
}

TEST_CASE("the server going away mid-save: a clear error, nothing half-written after the restart", "[pg][crash]") {
    serverOrSkip();  // the fixture tells whether a server can run here at all
    // Its own server: crashing the shared one would disturb the tests running beside this one.
    const fs::path dir = fs::path(HONGTU_BINARY_DIR) / "pg-test-crash";
    const std::string script = HONGTU_PG_SCRIPT;
    const int started = std::system((script + " start '" + dir.string() + "' >/dev/null 2>&1").c_str());
    struct Stop {
        std::string cmd;
        ~Stop() { (void)std::system(cmd.c_str()); }
    } stop{script + " stop '" + dir.string() + "' >/dev/null 2>&1"};
    if (started != 0) SKIP("a second test server could not be started: " + readFile(dir / "skip-reason"));
    ::setenv("PGSERVICEFILE", (dir / "pg_service.conf").c_str(), 1);
    const std::string db = "PG:service=hongtu_test";
    REQUIRE(pgImport(HONGTU_DEMO_PROJECT, db));
    const std::string conninfo = "service=hongtu_test";
    auto count = [&] {
        PgConn c(conninfo);
        return std::atoll(c.value("SELECT count(*) FROM status_history").c_str());
    };
    const auto before = count();

    RecordOptions options;
    options.recordedAt = "2019-01-06T09:00:00Z";
    options.afterRow = [&](std::size_t rows) {
        if (rows == 1) REQUIRE(std::system((script + " crash '" + dir.string() + "'").c_str()) == 0);
    };
    auto saved = pgRecordStatusChanges(db,
                                       {{"CV-141181-0007", "completed", "2019-01-05", "", "张三", 0},
                                        {"TH-141124205", "completed", "2019-01-05", "", "张三", 0}},
                                       options);
    REQUIRE_FALSE(saved);
    CHECK_THAT(saved.error().message, ContainsSubstring("connection to the database server was lost"));
    CHECK_THAT(saved.error().message, ContainsSubstring("nothing of it was saved"));

    REQUIRE(std::system((script + " restart '" + dir.string() + "'").c_str()) == 0);
    CHECK(count() == before);
    PgConn c(conninfo);
    CHECK(c.value("SELECT count(*) FROM status_history WHERE who = '张三'") == "0");
    CHECK(c.value("SELECT max(row_version) FROM venue_projects") == "1");
    ::setenv("PGSERVICEFILE", (fs::path(HONGTU_PG_DIR) / "pg_service.conf").c_str(), 1);
}

TEST_CASE("connection errors name the server without the password", "[pg]") {
    auto refused = pgStatus("PG:host=127.0.0.1 port=1 dbname=x user=u password=geheim connect_timeout=2");
    REQUIRE_FALSE(refused);
    CHECK_THAT(refused.error().toString(), !ContainsSubstring("geheim"));
    CHECK_THAT(refused.error().toString(), ContainsSubstring("cannot connect"));
}
