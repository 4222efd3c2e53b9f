// geo/pg_store against a real PostgreSQL + PostGIS (the fixture started by scripts/pg-test-server).
// Every test works in its own fresh database, so they can run in parallel.

#include <catch2/catch_test_macros.hpp>
#include <catch2/matchers/catch_matchers_string.hpp>

#include <chrono>

#include <libpq-fe.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <thread>

#include "hongtu/geo/datasource.hpp"
#include "hongtu/geo/pg/store.hpp"
#include "hongtu/geo/progress/store.hpp"
#include "pg_test_server.hpp"

namespace fs = std::filesystem;
using namespace hongtu::geo;
using namespace hongtu::geo::pg;
using namespace hongtu::geo::progress;
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
        c.value("DELETE FROM hongtu_schema_version WHERE version >= 2");
        c.value("ALTER TABLE venue_projects DROP COLUMN row_version");
    }
    auto migrated = pgMigrate(db.pg());
    REQUIRE(migrated);
    CHECK(migrated->before == 1);
    CHECK(migrated->after == pgLatestSchemaVersion());
    REQUIRE(migrated->applied.size() == static_cast<std::size_t>(pgLatestSchemaVersion() - 1));
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
    CHECK(tables == 16);  // 12 tables (with QGIS's layer_styles) and the 4 progress views, made again in the file

    // Importing the exported file again changes nothing, and says so.
    auto reimport = pgImport(out.string(), db.pg());
    REQUIRE(reimport);
    for (const auto& t : reimport->tables) {
        INFO(t.table);
        CHECK(t.added + t.changed + t.removed == 0);
        CHECK(t.unchanged > 0);
    }
}

TEST_CASE("import of an exported field copy reports rows added, changed and removed", "[pg]") {
    auto server = serverOrSkip();
    FreshDb db(server);
    REQUIRE(pgImport(HONGTU_DEMO_PROJECT, db.pg()));

    // A field copy (exported, so it carries the export record) where one village was renamed,
    // one removed and one added.
    const auto dir = tempDir("diff");
    const auto copy = dir / "field.gpkg";
    REQUIRE(pgExport(db.pg(), copy.string()));
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
    CHECK(report->conflicts.empty());
    PgConn c(db.conninfo());
    CHECK(c.value("SELECT name FROM villages WHERE fid = " + std::to_string(villages->features[0].fid)) == "改名村");
    CHECK(c.value("SELECT count(*) FROM villages WHERE fid = " + std::to_string(villages->features[1].fid)) == "0");
    CHECK(c.value("SELECT count(*) FROM villages WHERE fid = 900000") == "1");
    // The staging schema is gone.
    CHECK(c.value("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'hongtu_import_%'") == "0");
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

TEST_CASE("status history is append-only in the database itself: UPDATE, DELETE and TRUNCATE are refused", "[pg]") {
    auto server = serverOrSkip();
    FreshDb db(server);
    REQUIRE(pgImport(HONGTU_DEMO_PROJECT, db.pg()));
    const auto rows = historyRows(db);
    REQUIRE(rows > 0);
    PgConn c(db.conninfo());
    for (const char* sql : {"UPDATE status_history SET status = 'accepted'", "DELETE FROM status_history",
                            "TRUNCATE status_history", "TRUNCATE status_history RESTART IDENTITY CASCADE"}) {
        INFO(sql);
        std::unique_ptr<PGresult, decltype(&PQclear)> r(PQexec(c.c, sql), &PQclear);
        CHECK(PQresultStatus(r.get()) == PGRES_FATAL_ERROR);
        CHECK_THAT(PQresultErrorMessage(r.get()), ContainsSubstring("append-only"));
    }
    CHECK(historyRows(db) == rows);
}

namespace {

std::string scalar(const FreshDb& db, const std::string& sql) {
    PgConn c(db.conninfo());
    return c.value(sql);
}

// Sets an environment variable for the scope of a test.
struct ScopedEnv {
    std::string name;
    ScopedEnv(std::string n, const std::string& value) : name(std::move(n)) { ::setenv(name.c_str(), value.c_str(), 1); }
    ~ScopedEnv() { ::unsetenv(name.c_str()); }
};

}  // namespace

TEST_CASE("db import after changes recorded on the server keeps them; versions never go back", "[pg]") {
    auto server = serverOrSkip();
    FreshDb db(server);
    REQUIRE(pgImport(HONGTU_DEMO_PROJECT, db.pg()));
    const auto before = historyRows(db);
    const std::string field = (tempDir("field") / "field.gpkg").string();
    REQUIRE(pgExport(db.pg(), field));

    // Two status changes saved on the server after the export (the field copy does not have them).
    RecordOptions options;
    options.recordedAt = "2019-01-06T09:00:00Z";
    REQUIRE(pgRecordStatusChanges(db.pg(), {{"CV-141181-0007", "completed", "2019-01-05", "", "张三", 0}}, options));
    REQUIRE(pgRecordStatusChanges(db.pg(), {{"TH-141124205", "completed", "2019-01-05", "", "李四", 0}}, options));
    CHECK(historyRows(db) == before + 2);
    CHECK(scalar(db, "SELECT row_version FROM venue_projects WHERE project_id = 'CV-141181-0007'") == "2");

    // Importing the stale field copy, and the original demo file (no export record), changes none of that.
    for (const auto& file : {field, std::string(HONGTU_DEMO_PROJECT)}) {
        INFO(file);
        auto report = pgImport(file, db.pg());
        REQUIRE(report);
        CHECK(historyRows(db) == before + 2);
        CHECK(scalar(db, "SELECT count(*) FROM status_history WHERE who IN ('张三', '李四')") == "2");
        CHECK(scalar(db, "SELECT row_version FROM venue_projects WHERE project_id = 'CV-141181-0007'") == "2");
        bool seen = false;
        for (const auto& t : report->tables)
            if (t.table == "status_history") {
                seen = true;
                CHECK(t.removed == 0);
                CHECK(t.keptOnServer == 2);
                CHECK(t.added == 0);
            }
        CHECK(seen);
        CHECK_THAT(report->text(), ContainsSubstring("status_history: 0 added, 0 changed, 0 removed"));
        CHECK_THAT(report->text(), ContainsSubstring("2 only on the server (kept)"));
    }

    // A change recorded in the field copy (a GeoPackage save) is appended, with a fresh id when
    // the server gave its id to another change meanwhile; nothing of the server's is rewritten.
    RecordOptions fieldOptions;
    fieldOptions.recordedAt = "2019-01-08T09:00:00Z";
    REQUIRE(recordStatusChanges(field, {{"TH-141124208", "completed", "2019-01-07", "", "王五", 0}}, fieldOptions));
    auto report = pgImport(field, db.pg());
    REQUIRE(report);
    CHECK(historyRows(db) == before + 3);
    CHECK(scalar(db, "SELECT count(*) FROM status_history WHERE who = '王五'") == "1");
    CHECK(scalar(db, "SELECT count(*) FROM status_history WHERE who IN ('张三', '李四')") == "2");
    CHECK(scalar(db, "SELECT count(DISTINCT fid) FROM status_history") == std::to_string(before + 3));
    // An editor's save after the import gets a fresh id (the sequence moved past every imported id).
    RecordOptions later;
    later.recordedAt = "2019-01-10T09:00:00Z";
    REQUIRE(pgRecordStatusChanges(db.pg(), {{"TH-141124205", "accepted", "2019-01-09", "", "李四", 0}}, later));
    CHECK(historyRows(db) == before + 4);
}

TEST_CASE("a row changed on both sides since the export is a conflict: listed, the server's version kept unless --prefer file",
          "[pg]") {
    auto server = serverOrSkip();
    FreshDb db(server);
    REQUIRE(pgImport(HONGTU_DEMO_PROJECT, db.pg()));
    const std::string field = (tempDir("conflict") / "field.gpkg").string();
    REQUIRE(pgExport(db.pg(), field));
    std::optional<Layer> villages, venues;
    {
        auto ds = DataSource::open(field);
        REQUIRE(ds);
        auto v = ds->readLayer("villages");
        REQUIRE(v);
        villages = std::move(*v);
        auto p = ds->readLayer("venue_projects");
        REQUIRE(p);
        venues = std::move(*p);
    }
    const auto iName = *villages->fieldIndex("name");
    const auto both = villages->features[0].fid, fileOnly = villages->features[1].fid, serverOnly = villages->features[2].fid;
    const auto iBudget = *venues->fieldIndex("budget_yuan");
    const auto iProject = *venues->fieldIndex("project_id");
    const auto venueFid = venues->features[0].fid;
    const std::string venueId = std::get<std::string>(venues->features[0].values[iProject]);
    const std::string versionSql = "SELECT row_version FROM venue_projects WHERE fid = " + std::to_string(venueFid);
    const std::string versionBefore = scalar(db, versionSql);

    // On the server: two villages renamed, one project's budget changed.
    {
        PgConn c(db.conninfo());
        c.value("UPDATE villages SET name = '服务器村' WHERE fid = " + std::to_string(both));
        c.value("UPDATE villages SET name = '服务器乙村' WHERE fid = " + std::to_string(serverOnly));
        c.value("UPDATE venue_projects SET budget_yuan = 111 WHERE fid = " + std::to_string(venueFid));
    }
    // In the field copy: the first village renamed too (conflict), the second one (file only),
    // and the same project's budget (conflict).
    villages->features[0].values[iName] = std::string("外业村");
    villages->features[1].values[iName] = std::string("外业乙村");
    venues->features[0].values[iBudget] = std::int64_t{222};
    WriteOptions keep;
    keep.keepFids = true;
    REQUIRE(replaceLayersAtomically(field, {*villages, *venues}, keep));

    auto report = pgImport(field, db.pg());
    REQUIRE(report);
    INFO(report->text());
    REQUIRE(report->conflicts.size() == 2);
    CHECK(report->conflicts[0].table == "villages");
    CHECK(report->conflicts[0].fid == both);
    CHECK_FALSE(report->conflicts[0].tookFile);
    CHECK(report->conflicts[1].table == "venue_projects");
    CHECK(report->conflicts[1].label == venueId);
    CHECK_THAT(report->text(), ContainsSubstring("conflict: villages fid " + std::to_string(both)));
    CHECK_THAT(report->text(), ContainsSubstring("the server's version was kept"));
    auto name = [&](std::int64_t fid) { return scalar(db, "SELECT name FROM villages WHERE fid = " + std::to_string(fid)); };
    CHECK(name(both) == "服务器村");          // conflict: the server's
    CHECK(name(fileOnly) == "外业乙村");      // changed in the file only: the file's
    CHECK(name(serverOnly) == "服务器乙村");  // changed on the server only: the server's
    CHECK(scalar(db, "SELECT budget_yuan FROM venue_projects WHERE fid = " + std::to_string(venueFid)) == "111");
    CHECK(scalar(db, versionSql) == versionBefore);

    // --prefer file: the file's version of the conflicting rows, the project's version moves on.
    ImportOptions preferFile;
    preferFile.preferFile = true;
    auto second = pgImport(field, db.pg(), preferFile);
    REQUIRE(second);
    REQUIRE(second->conflicts.size() == 2);
    CHECK(second->conflicts[0].tookFile);
    CHECK(name(both) == "外业村");
    CHECK(name(serverOnly) == "服务器乙村");
    CHECK(scalar(db, "SELECT budget_yuan FROM venue_projects WHERE fid = " + std::to_string(venueFid)) == "222");
    CHECK(std::stoll(scalar(db, versionSql)) == std::stoll(versionBefore) + 1);
}

TEST_CASE("a save or an import that meets a held lock returns within the lock timeout, says so and changes nothing",
          "[pg]") {
    auto server = serverOrSkip();
    FreshDb db(server);
    REQUIRE(pgImport(HONGTU_DEMO_PROJECT, db.pg()));
    const auto rows = historyRows(db);
    ScopedEnv timeout("HONGTU_PG_LOCK_TIMEOUT", "1s");
    RecordOptions options;
    options.recordedAt = "2019-01-06T09:00:00Z";
    using Clock = std::chrono::steady_clock;

    // Another session (an import, a psql user) holds the project table.
    {
        PgConn holder(db.conninfo());
        holder.value("BEGIN");
        holder.value("LOCK TABLE venue_projects IN EXCLUSIVE MODE");
        const auto t0 = Clock::now();
        auto saved = pgRecordStatusChanges(db.pg(), {{"CV-141181-0007", "completed", "2019-01-05", "", "张三", 0}}, options);
        const auto waited = Clock::now() - t0;
        REQUIRE_FALSE(saved);
        CHECK_THAT(saved.error().message, ContainsSubstring("lock was not released within 1s"));
        CHECK_THAT(saved.error().message, ContainsSubstring("held by a program, user hongtu from 127.0.0.1"));
        CHECK_THAT(saved.error().message, ContainsSubstring("Nothing was changed"));
        CHECK(waited >= std::chrono::milliseconds(900));
        CHECK(waited < std::chrono::seconds(5));
        holder.value("ROLLBACK");
    }
    CHECK(historyRows(db) == rows);

    // An editor is in the middle of a save (holds the editors' lock): an import waits at most the
    // lock timeout, then gives up and leaves everything (also its staging tables) as it was.
    {
        PgConn editor(db.conninfo());
        editor.value("BEGIN");
        editor.value("SELECT pg_advisory_xact_lock_shared(4242002)");
        const std::string field = (tempDir("locked") / "field.gpkg").string();
        REQUIRE(pgExport(db.pg(), field));
        const auto t0 = Clock::now();
        auto imported = pgImport(field, db.pg());
        const auto waited = Clock::now() - t0;
        REQUIRE_FALSE(imported);
        CHECK_THAT(imported.error().message, ContainsSubstring("another editor or an import is changing the project"));
        CHECK_THAT(imported.error().message, ContainsSubstring("held by a program, user hongtu"));
        CHECK(waited < std::chrono::seconds(30));
        editor.value("ROLLBACK");
        CHECK(scalar(db, "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'hongtu_import_%'") == "0");
    }
    CHECK(historyRows(db) == rows);
    // With the lock free again, the same save goes through.
    REQUIRE(pgRecordStatusChanges(db.pg(), {{"CV-141181-0007", "completed", "2019-01-05", "", "张三", 0}}, options));
    CHECK(historyRows(db) == rows + 1);
}

TEST_CASE("a malformed timeout setting is refused by name", "[pg]") {
    ScopedEnv timeout("HONGTU_PG_LOCK_TIMEOUT", "1s; DROP TABLE x");
    auto t = pgTimeouts();
    REQUIRE_FALSE(t);
    CHECK_THAT(t.error().message, ContainsSubstring("HONGTU_PG_LOCK_TIMEOUT"));
    auto conninfo = pgSessionConnInfo("PG:host=h dbname=d");
    REQUIRE_FALSE(conninfo);
}

TEST_CASE("every session carries the timeouts, and the connection string's own settings win", "[pg]") {
    auto plain = pgSessionConnInfo("PG:host=h dbname=d password=s3cret");
    REQUIRE(plain);
    CHECK_THAT(*plain, ContainsSubstring("-c lock_timeout=10s"));
    CHECK_THAT(*plain, ContainsSubstring("-c statement_timeout=10min"));
    CHECK_THAT(*plain, ContainsSubstring("connect_timeout=10"));
    CHECK_THAT(*plain, ContainsSubstring("application_name='hongtu "));
    auto own = pgSessionConnInfo("PG:host=h connect_timeout=3 options='-c lock_timeout=2s'");
    REQUIRE(own);
    CHECK_THAT(*own, ContainsSubstring("connect_timeout=3"));
    CHECK_THAT(*own, !ContainsSubstring("lock_timeout=10s"));
    CHECK_THAT(*own, ContainsSubstring("-c lock_timeout=2s"));

    // And the server applies them.
    auto server = serverOrSkip();
    ScopedEnv timeout("HONGTU_PG_STATEMENT_TIMEOUT", "1234ms");
    auto info = pgSessionConnInfo("PG:" + server.service());
    REQUIRE(info);
    PgConn c(*info);
    CHECK(c.value("SHOW statement_timeout") == "1234ms");
    CHECK(c.value("SHOW lock_timeout") == "10s");
}

TEST_CASE("db export refuses an existing file unless forced, then reports every layer, also those only in the file",
          "[pg]") {
    auto server = serverOrSkip();
    FreshDb db(server);
    REQUIRE(pgImport(HONGTU_DEMO_PROJECT, db.pg()));
    const std::string out = (tempDir("export") / "field.gpkg").string();
    auto first = pgExport(db.pg(), out);
    REQUIRE(first);
    CHECK(first->tables.size() == 12);  // with QGIS's layer_styles

    // A layer added to the file locally (e.g. a `hongtu import` on the field laptop).
    Layer local;
    local.name = "local_notes";
    local.fields = {{"note", FieldType::Text}};
    local.features.push_back({1, {std::string("只在外业文件里")}, {}});
    REQUIRE(replaceLayersAtomically(out, {local}));
    const auto size = fs::file_size(out);

    auto refused = pgExport(db.pg(), out);
    REQUIRE_FALSE(refused);
    CHECK_THAT(refused.error().message, ContainsSubstring("--force"));
    CHECK(fs::file_size(out) == size);

    ExportOptions force;
    force.force = true;
    auto forced = pgExport(db.pg(), out, force);
    REQUIRE(forced);
    INFO(forced->text());
    bool reported = false;
    for (const auto& t : forced->tables)
        if (t.table == "local_notes") {
            reported = true;
            CHECK(t.onlyInFile);
            CHECK(t.unchanged == 1);
        }
    CHECK(reported);
    CHECK_THAT(forced->text(), ContainsSubstring("local_notes: only in the file, kept"));
    auto back = DataSource::open(out);
    REQUIRE(back);
    auto notes = back->readLayer("local_notes");
    REQUIRE(notes);
    CHECK(notes->features.size() == 1);
}

TEST_CASE("the redaction hides every form of password, also a quoted one with an escaped quote and a URI one with @",
          "[pg]") {
    CHECK(redactConnectionString("PG:host=db password=s3cret dbname=x") == "PG:host=db password=*** dbname=x");
    CHECK(redactConnectionString("PG:host=db PASSWORD = 's3 cret' dbname=x") == "PG:host=db PASSWORD = *** dbname=x");
    CHECK(redactConnectionString(R"(PG:password='a\'b c' dbname=x)") == "PG:password=*** dbname=x");
    CHECK(redactConnectionString(R"(PG:password='a\\' dbname=x)") == "PG:password=*** dbname=x");
    CHECK(redactConnectionString("postgresql://plan:s3cret@db/hongtu") == "postgresql://plan:***@db/hongtu");
    CHECK(redactConnectionString("postgresql://plan:p@ss@w0rd@db:5432/hongtu?sslmode=require") ==
          "postgresql://plan:***@db:5432/hongtu?sslmode=require");
    CHECK(redactConnectionString("postgres://db/hongtu?user=u&password=s3cret&sslmode=require") ==
          "postgres://db/hongtu?user=u&password=***&sslmode=require");
    CHECK(redactConnectionString("file 'PG:host=db password=s3cret', layer 'x': failed") == "file 'PG:host=db password=*** layer 'x': failed");  // a bare value runs to the next space
    CHECK(redactConnectionString("password authentication failed for user \"u\"") ==
          "password authentication failed for user \"u\"");
    CHECK(redactConnectionString("/data/passwords.gpkg") == "/data/passwords.gpkg");
    CHECK(redactConnectionString("postgresql://plan@db/hongtu") == "postgresql://plan@db/hongtu");
    for (const std::string s : {"PG:password=s3cret", "PG:password='s3cret'", R"(PG:password='x\'s3cret')",
                                "postgresql://u:s3cret@h/d", "postgresql://u:a@s3cret@h/d", "a password=s3cret\nb"})
        CHECK_THAT(redactConnectionString(s), !ContainsSubstring("s3cret"));
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

TEST_CASE("a save and an import at the same time both finish, one after the other, and the saved change survives",
          "[pg]") {
    auto server = serverOrSkip();
    FreshDb db(server);
    REQUIRE(pgImport(HONGTU_DEMO_PROJECT, db.pg()));
    const std::string field = (tempDir("together") / "field.gpkg").string();
    REQUIRE(pgExport(db.pg(), field));
    const auto rows = historyRows(db);
    ScopedEnv timeout("HONGTU_PG_LOCK_TIMEOUT", "60s");
    using Clock = std::chrono::steady_clock;

    // The save pauses after writing its first row (its transaction open, its locks held) and
    // starts the import right then, in another thread with its own connections.
    std::optional<Result<TransferReport>> imported;
    Clock::time_point importStart, importEnd;
    std::thread importer;
    RecordOptions options;
    options.recordedAt = "2019-01-06T09:00:00Z";
    options.afterRow = [&](std::size_t written) {
        if (written != 1) return;
        importer = std::thread([&] {
            importStart = Clock::now();
            imported.emplace(pgImport(field, db.pg()));
            importEnd = Clock::now();
        });
        std::this_thread::sleep_for(std::chrono::seconds(3));
    };
    auto saved = pgRecordStatusChanges(db.pg(), {{"CV-141181-0007", "completed", "2019-01-05", "", "张三", 0}}, options);
    const auto saveEnd = Clock::now();
    REQUIRE(importer.joinable());
    importer.join();
    REQUIRE(saved);
    REQUIRE(imported);
    INFO((*imported ? (*imported)->text() : imported->error().toString()));
    REQUIRE(*imported);
    // They overlapped (the import started while the save held its locks) and the import waited
    // for the save instead of deadlocking or overwriting it.
    CHECK(importStart < saveEnd);
    CHECK(importEnd > saveEnd);
    CHECK(historyRows(db) == rows + 1);
    CHECK(scalar(db, "SELECT count(*) FROM status_history WHERE who = '张三'") == "1");
    CHECK(scalar(db, "SELECT row_version FROM venue_projects WHERE project_id = 'CV-141181-0007'") == "2");
}
