#include "hongtu/geo/pg/store.hpp"
#include "hongtu/geo/progress/errors.hpp"
#include "hongtu/geo/progress/views.hpp"

#include <cpl_conv.h>
#include <gdal_priv.h>
#include <libpq-fe.h>
#include <ogrsf_frmts.h>

#include <poll.h>
#include <unistd.h>
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <set>
#include <sstream>

#include "gdal_support.hpp"
#include "hongtu/geo/clock.hpp"
#include "hongtu/geo/datasource.hpp"
#include "hongtu/geo/dates.hpp"
#include "hongtu/geo/progress/progress.hpp"
#include "hongtu/geo/project_schema.hpp"
#include "hongtu/geo/project_store.hpp"

namespace hongtu::geo::pg {

// The progress vocabulary this file speaks (geo::progress).
using progress::ChangeRequest;
using progress::isProgressView;
using progress::parseStage;
using progress::ProgressData;
using progress::progressError;
using progress::Project;
using progress::ProjectKind;
using progress::RecordOptions;
using progress::RecordSummary;
using progress::stageWord;
using progress::StatusChange;
using progress::validateForSave;

namespace {

using detail::GdalErrorCapture;

// ---------------------------------------------------------------------------------------------
// libpq with RAII: one connection, results freed on scope exit, parameters always bound.

struct ConnCloser {
    void operator()(PGconn* c) const { PQfinish(c); }
};
struct ResultFreer {
    void operator()(PGresult* r) const { PQclear(r); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultFreer>;

std::string conninfoOf(const std::string& db) { return db.rfind("PG:", 0) == 0 ? db.substr(3) : db; }

std::string trimmed(const char* s) {
    std::string out = s ? s : "";
    while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
    return out;
}

const std::vector<std::string>& projectTableNames();

// A PostgreSQL duration as the user may write it: digits, optionally ms/s/min/h/d (no spaces,
// nothing else: the value goes into the session's options string).
bool plainDuration(const std::string& v) {
    std::size_t i = 0;
    while (i < v.size() && std::isdigit(static_cast<unsigned char>(v[i]))) ++i;
    if (i == 0) return false;
    const std::string unit = v.substr(i);
    return unit.empty() || unit == "ms" || unit == "s" || unit == "min" || unit == "h" || unit == "d";
}

std::string quoteConnValue(const std::string& v) {
    const bool plain = !v.empty() && std::none_of(v.begin(), v.end(), [](char ch) {
        return ch == '\'' || ch == '\\' || std::isspace(static_cast<unsigned char>(ch));
    });
    if (plain) return v;
    std::string out = "'";
    for (char ch : v) {
        if (ch == '\'' || ch == '\\') out += '\\';
        out += ch;
    }
    return out + "'";
}

// "lock_timeout=2s" style settings the caller's own options already make.
bool optionsSet(const std::string& options, const std::string& name) { return options.find(name) != std::string::npos; }

class Connection {
public:
    static Result<Connection> open(const std::string& db) {
        auto conninfo = pgSessionConnInfo(db);
        if (!conninfo) return conninfo.error();
        std::unique_ptr<PGconn, ConnCloser> c(PQconnectdb(conninfo->c_str()));
        if (!c) return Error{"cannot connect to the database (out of memory)", redactConnectionString(db), {}, {}};
        if (PQstatus(c.get()) != CONNECTION_OK)
            return Error{"cannot connect to the database: " + redactConnectionString(trimmed(PQerrorMessage(c.get()))),
                         redactConnectionString(db),
                         {},
                         {}};
        PQsetNoticeProcessor(
            c.get(), [](void*, const char*) {}, nullptr);  // no NOTICE chatter on stderr
        return Connection(std::move(c), db);
    }

    // Runs `sql` with `params` bound as text ($1, $2, ...). Never interpolates user values.
    Result<ResultPtr> exec(const std::string& sql, const std::vector<std::string>& params = {},
                           const std::string& table = {}) {
        std::vector<const char*> values;
        values.reserve(params.size());
        for (const auto& p : params) values.push_back(p.c_str());
        ResultPtr r(PQexecParams(conn_.get(), sql.c_str(), static_cast<int>(values.size()), nullptr, values.data(), nullptr,
                                 nullptr, 0));
        const auto status = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) return failure(r.get(), table);
        return r;
    }
    // Same with a NULL where `isNull[i]`.
    Result<ResultPtr> execNullable(const std::string& sql, const std::vector<std::string>& params,
                                   const std::vector<bool>& isNull, const std::string& table) {
        std::vector<const char*> values;
        for (std::size_t i = 0; i < params.size(); ++i) values.push_back(isNull[i] ? nullptr : params[i].c_str());
        ResultPtr r(PQexecParams(conn_.get(), sql.c_str(), static_cast<int>(values.size()), nullptr, values.data(), nullptr,
                                 nullptr, 0));
        const auto status = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) return failure(r.get(), table);
        return r;
    }
    // Fixed SQL of this file only (no user value), possibly several statements.
    Status run(const std::string& sql, const std::string& table = {}) {
        ResultPtr r(PQexec(conn_.get(), sql.c_str()));
        const auto status = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) return failure(r.get(), table);
        return Done{};
    }
    [[nodiscard]] bool lost() const { return PQstatus(conn_.get()) != CONNECTION_OK; }
    [[nodiscard]] PGconn* raw() const { return conn_.get(); }
    [[nodiscard]] std::string shown() const { return redactConnectionString(db_); }

private:
    Connection(std::unique_ptr<PGconn, ConnCloser> c, std::string db) : conn_(std::move(c)), db_(std::move(db)) {}
    Error failure(PGresult* r, const std::string& table) const {
        std::string why = trimmed(r ? PQresultErrorMessage(r) : PQerrorMessage(conn_.get()));
        if (why.empty()) why = trimmed(PQerrorMessage(conn_.get()));
        why = redactConnectionString(why);
        if (lost())
            return Error{"the connection to the database server was lost (" + why +
                             "); the server rolls back the unfinished change, nothing of it was saved",
                         shown(),
                         table,
                         {}};
        const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
        const std::string code = state ? state : "";
        auto t = pgTimeouts();
        if (code == "55P03")  // lock_not_available: lock_timeout ran out
            return Error{"another editor or an import is changing the project right now: its lock was not released within " +
                             (t ? t->lock : std::string("the lock timeout")) + " (HONGTU_PG_LOCK_TIMEOUT)" + lockHolders() +
                             ". Nothing was changed; try again in a moment",
                         shown(),
                         table,
                         {}};
        if (code == "57014")  // query_canceled: statement_timeout ran out
            return Error{"the server did not finish within " + (t ? t->statement : std::string("the statement timeout")) +
                             " (HONGTU_PG_STATEMENT_TIMEOUT). Nothing was changed",
                         shown(),
                         table,
                         {}};
        if (code == "40P01")
            return Error{
                "the server stopped this change because it waited in a circle with another one (deadlock). "
                "Nothing was changed; try again",
                shown(),
                table,
                {}};
        return Error{"the database refused the operation: " + why, shown(), table, {}};
    }
    // Who holds the project's write locks now (the advisory lock of saves and imports, or a
    // write lock on a project table), asked on a fresh short connection: " (held by hongtu
    // 4711@laptop-3, user planner from 10.0.0.5, in a transaction since 09:14:02 UTC)".
    std::string lockHolders() const {
        auto info = pgSessionConnInfo(db_);
        if (!info) return {};
        std::unique_ptr<PGconn, ConnCloser> c(PQconnectdb(info->c_str()));
        if (!c || PQstatus(c.get()) != CONNECTION_OK) return {};
        std::string tables = "{";
        for (const auto& t : projectTableNames()) tables += (tables.size() > 1 ? "," : "") + t;
        tables += "}";
        const char* values[] = {tables.c_str()};
        ResultPtr r(PQexecParams(
            c.get(),
            "SELECT DISTINCT a.pid, coalesce(nullif(a.application_name, ''), 'a program'), a.usename, "
            "coalesce(host(a.client_addr), 'this server'), coalesce(to_char(a.xact_start AT TIME ZONE 'UTC', 'HH24:MI:SS'), '') "
            "FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
            "WHERE l.granted AND a.pid <> pg_backend_pid() AND a.datname = current_database() AND ("
            "(l.locktype = 'advisory' AND l.objid = 4242002) OR (l.locktype = 'relation' AND l.mode <> 'AccessShareLock' AND "
            "l.relation IN (SELECT c.oid FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace "
            "AND c.relname = ANY($1::text[])))) ORDER BY 1 LIMIT 5",
            1, nullptr, values, nullptr, nullptr, 0));
        if (!r || PQresultStatus(r.get()) != PGRES_TUPLES_OK || PQntuples(r.get()) == 0) return {};
        std::string out = "; held by ";
        for (int i = 0; i < PQntuples(r.get()); ++i) {
            if (i) out += "; and by ";
            out += std::string(PQgetvalue(r.get(), i, 1)) + ", user " + PQgetvalue(r.get(), i, 2) + " from " +
                   PQgetvalue(r.get(), i, 3);
            if (*PQgetvalue(r.get(), i, 4)) out += std::string(", in a transaction since ") + PQgetvalue(r.get(), i, 4) + " UTC";
        }
        return redactConnectionString(out);
    }
    std::unique_ptr<PGconn, ConnCloser> conn_;
    std::string db_;
};

// Rolls back unless committed (also when the connection is already gone: then the server did).
class PgTransaction {
public:
    explicit PgTransaction(Connection& c) : c_(c) {}
    ~PgTransaction() {
        if (active_ && !c_.lost()) (void)c_.exec("ROLLBACK");
    }
    PgTransaction(const PgTransaction&) = delete;
    PgTransaction& operator=(const PgTransaction&) = delete;
    Status begin() {
        auto s = c_.run("BEGIN");
        active_ = s.ok();
        return s;
    }
    Status commit() {
        active_ = false;
        return c_.run("COMMIT");
    }

private:
    Connection& c_;
    bool active_ = false;
};

std::string quoteIdent(const std::string& name) {
    std::string out = "\"";
    for (char ch : name) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
    return out + "\"";
}

bool plainIdentifier(const std::string& name) {
    if (name.empty() || name.size() > 63) return false;
    if (!(std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_')) return false;
    return std::all_of(name.begin(), name.end(),
                       [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_'; });
}

// ---------------------------------------------------------------------------------------------
// The schema: the tables of a GeoPackage project, then the migrations.

constexpr const char* kVersionTable = "hongtu_schema_version";

// The project tables (project_schema.hpp), in the order they are created and exported.
const std::vector<std::string>& projectTables() {
    static const std::vector<std::string> t = [] {
        std::vector<std::string> names;
        for (const auto& spec : schema::projectTables()) names.emplace_back(spec.name);
        return names;
    }();
    return t;
}
const std::vector<std::string>& projectTableNames() { return projectTables(); }
const std::vector<std::string> kVersionedTables = [] {
    std::vector<std::string> names;
    for (const auto& spec : schema::projectTables())
        if (spec.versioned) names.emplace_back(spec.name);
    return names;
}();

struct Migration {
    int version;
    std::string description;
    std::string sql;
};

// Types as GDAL maps them both ways (GeoPackage INTEGER <-> bigint, REAL <-> double precision,
// DATE <-> date, TEXT <-> text), so GeoPackage -> PostGIS -> GeoPackage keeps every value.
std::string pgType(FieldType t) {
    switch (t) {
        case FieldType::Integer: return "bigint";
        case FieldType::Real: return "double precision";
        case FieldType::Date: return "date";
        case FieldType::Text: return "text";
    }
    return "text";
}

// Migration 1: every project table of project_schema.hpp, with spatial indexes.
std::string projectTablesDdl() {
    std::string sql = "CREATE EXTENSION IF NOT EXISTS postgis;\n";
    for (const auto& t : schema::projectTables()) {
        sql += "CREATE TABLE IF NOT EXISTS " + std::string(t.name) + " (fid bigserial PRIMARY KEY";
        if (t.geometry == Geometry::Kind::Polygon) sql += ", geom geometry(Polygon,4490)";
        if (t.geometry == Geometry::Kind::Point) sql += ", geom geometry(Point,4490)";
        if (t.geometry == Geometry::Kind::LineString) sql += ", geom geometry(LineString,4490)";
        for (const auto& c : t.columns) sql += ", " + std::string(c.name) + " " + pgType(c.type);
        sql += ");\n";
    }
    for (const auto& t : schema::projectTables())
        if (t.geometry != Geometry::Kind::Empty)
            sql += "CREATE INDEX IF NOT EXISTS " + std::string(t.name) + "_geom_geom_idx ON " + t.name + " USING gist (geom);\n";
    return sql;
}

const std::vector<Migration>& migrations() {
    static const std::vector<Migration> all = [] {
        std::string tables;
        for (const auto& t : projectTables()) tables += (tables.empty() ? "'" : ",'") + t + "'";
        struct Text {
            int version;
            const char* description;
            const char* sql;
        };
        const Text later[] = {
            {2, "row versions on project rows, append-only status history with editor columns, change notifications",
             R"SQL(
ALTER TABLE venue_projects ADD COLUMN IF NOT EXISTS row_version bigint DEFAULT 1;
ALTER TABLE housing_projects ADD COLUMN IF NOT EXISTS row_version bigint DEFAULT 1;
CREATE UNIQUE INDEX IF NOT EXISTS venue_projects_project_id_idx ON venue_projects (project_id);
CREATE UNIQUE INDEX IF NOT EXISTS housing_projects_project_id_idx ON housing_projects (project_id);
ALTER TABLE status_history ADD COLUMN IF NOT EXISTS who text;
ALTER TABLE status_history ADD COLUMN IF NOT EXISTS recorded_at text;
ALTER TABLE status_history ADD COLUMN IF NOT EXISTS previous_status text;
CREATE INDEX IF NOT EXISTS status_history_project_id_idx ON status_history (project_id);
CREATE OR REPLACE FUNCTION hongtu_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'status_history is append-only: a status change is corrected by a new row, never by %', TG_OP;
END $$;
DROP TRIGGER IF EXISTS status_history_append_only ON status_history;
CREATE TRIGGER status_history_append_only BEFORE UPDATE OR DELETE ON status_history
  FOR EACH ROW EXECUTE FUNCTION hongtu_history_append_only();
CREATE OR REPLACE FUNCTION hongtu_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('hongtu_changes', TG_TABLE_NAME);
  RETURN NULL;
END $$;
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY[@TABLES@]
  LOOP
    EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', t || '_notify', t);
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I '
                   'FOR EACH STATEMENT EXECUTE FUNCTION hongtu_notify_change()', t || '_notify', t);
  END LOOP;
END $$;
)SQL"},
            {3, "history refuses TRUNCATE too; database identity for export records",
             R"SQL(
DROP TRIGGER IF EXISTS status_history_no_truncate ON status_history;
CREATE TRIGGER status_history_no_truncate BEFORE TRUNCATE ON status_history
  FOR EACH STATEMENT EXECUTE FUNCTION hongtu_history_append_only();
CREATE TABLE IF NOT EXISTS hongtu_database (id text PRIMARY KEY, created_at timestamptz NOT NULL DEFAULT now());
INSERT INTO hongtu_database (id) SELECT gen_random_uuid()::text WHERE NOT EXISTS (SELECT 1 FROM hongtu_database);
)SQL"},
        };
        std::vector<Migration> out{{1, "project tables (same as a GeoPackage project), spatial indexes", projectTablesDdl()}};
        for (const auto& m : later) {
            std::string sql = m.sql;
            if (auto at = sql.find("@TABLES@"); at != std::string::npos) sql.replace(at, 8, tables);
            out.push_back({m.version, m.description, sql});
        }
        return out;
    }();
    return all;
}

// Editors take this advisory lock shared for the length of a save, an import exclusively.
constexpr long long kWriteLock = 4242002;
// The export record db export writes into a GeoPackage (not project layers).
constexpr const char* kExportBase = "hongtu_export_base";
constexpr const char* kExportInfo = "hongtu_export_info";
constexpr const char* kDatabaseTable = "hongtu_database";

Result<int> schemaVersion(Connection& c) {
    auto exists = c.exec("SELECT to_regclass($1) IS NOT NULL", {kVersionTable});
    if (!exists) return exists.error();
    if (std::strcmp(PQgetvalue(exists->get(), 0, 0), "t") != 0) return 0;
    auto v = c.exec(std::string("SELECT coalesce(max(version), 0) FROM ") + kVersionTable);
    if (!v) return v.error();
    return std::atoi(PQgetvalue(v->get(), 0, 0));
}

Result<SchemaReport> applyMigrations(const std::string& db, bool allowEmpty) {
    auto c = Connection::open(db);
    if (!c) return c.error();
    SchemaReport report;
    for (const auto& m : migrations()) {
        PgTransaction tx(*c);
        if (auto s = tx.begin(); !s) return s.error();
        // One migrator at a time (two `db init` at once wait for each other).
        if (auto s = c->run("SELECT pg_advisory_xact_lock(4242001)"); !s) return s.error();
        if (auto s = c->run(std::string("CREATE TABLE IF NOT EXISTS ") + kVersionTable +
                            " (version integer PRIMARY KEY, description text NOT NULL, "
                            "applied_at timestamptz NOT NULL DEFAULT now())");
            !s)
            return s.error();
        auto v = schemaVersion(*c);
        if (!v) return v.error();
        if (m.version == 1) report.before = *v;
        if (*v == 0 && !allowEmpty)
            return Error{"this database holds no Hongtu project yet; create it with `hongtu db init`", c->shown(), {}, {}};
        if (*v >= m.version) continue;
        if (auto s = c->run(m.sql); !s) {
            Error e = s.error();
            e.message = "migration " + std::to_string(m.version) + " (" + m.description + ") failed, nothing of it applied: " +
                        e.message;
            return e;
        }
        if (auto s = c->exec(std::string("INSERT INTO ") + kVersionTable + " (version, description) VALUES ($1, $2)",
                             {std::to_string(m.version), m.description});
            !s)
            return s.error();
        if (auto s = tx.commit(); !s) return s.error();
        report.applied.push_back(std::to_string(m.version) + ": " + m.description);
    }
    auto v = schemaVersion(*c);
    if (!v) return v.error();
    report.after = *v;
    return report;
}

// ---------------------------------------------------------------------------------------------
// Comparing two versions of a table, row by row (by fid).

bool sameRow(const Layer& a, const Feature& fa, const Layer& b, const Feature& fb) {
    if (a.geometryKind != Geometry::Kind::Empty && !(fa.geometry == fb.geometry)) return false;
    for (std::size_t i = 0; i < a.fields.size(); ++i) {
        const auto j = b.fieldIndex(a.fields[i].name);
        if (!j) return false;
        if (!(fa.values[i] == fb.values[*j])) return false;
    }
    return true;
}

// `before` may be absent (the table is new at the target). Compares the columns of `after`.
TableDiff diffLayers(const std::string& table, const Layer* before, const Layer& after) {
    TableDiff d;
    d.table = table;
    if (!before) {
        d.created = true;
        d.added = static_cast<std::int64_t>(after.features.size());
        return d;
    }
    std::map<std::int64_t, const Feature*> old;
    for (const auto& f : before->features) old.emplace(f.fid, &f);
    for (const auto& f : after.features) {
        auto it = old.find(f.fid);
        if (it == old.end()) {
            ++d.added;
            continue;
        }
        if (sameRow(after, f, *before, *it->second)) ++d.unchanged;
        else ++d.changed;
        old.erase(it);
    }
    d.removed = static_cast<std::int64_t>(old.size());
    return d;
}

using detail::DatasetPtr;

Result<DatasetPtr> openGdal(const std::string& path, bool update) {
    // PG driver: list every table (also those without geometry), no schema scan of other users.
    return detail::openVector(path, update, isPostgresSource(path) ? std::vector<std::string>{"LIST_ALL_TABLES=YES"} : std::vector<std::string>{});
}

// Layers of a PostGIS project that belong to the project (not PostGIS's or Hongtu's bookkeeping).
bool isProjectLayer(const std::string& name) {
    static const std::set<std::string> skip{kVersionTable, kDatabaseTable, kExportBase, kExportInfo, "spatial_ref_sys", "geometry_columns", "geography_columns",
                                            "raster_columns", "raster_overviews", "topology", "layer"};
    return !skip.count(name) && name.rfind("pg_", 0) != 0;
}

std::vector<std::string> orderedLayers(std::vector<std::string> names) {
    std::vector<std::string> out;
    for (const auto& t : projectTables())
        if (std::find(names.begin(), names.end(), t) != names.end()) out.push_back(t);
    std::sort(names.begin(), names.end());
    for (const auto& n : names)
        if (std::find(out.begin(), out.end(), n) == out.end()) out.push_back(n);
    return out;
}

// Copies the features of `src` into `dst` (same field names), keeping feature ids.
Status copyFeatures(OGRLayer& src, OGRLayer& dst, const std::map<std::int64_t, std::int64_t>& newVersions,
                    const std::string& shown) {
    auto* sdefn = src.GetLayerDefn();
    auto* ddefn = dst.GetLayerDefn();
    std::vector<int> map(static_cast<std::size_t>(sdefn->GetFieldCount()), -1);
    for (int i = 0; i < sdefn->GetFieldCount(); ++i) map[static_cast<std::size_t>(i)] = ddefn->GetFieldIndex(sdefn->GetFieldDefn(i)->GetNameRef());
    const int iVersion = ddefn->GetFieldIndex("row_version");
    src.ResetReading();
    GdalErrorCapture capture;
    while (OGRFeatureUniquePtr f{src.GetNextFeature()}) {
        OGRFeatureUniquePtr out(OGRFeature::CreateFeature(ddefn));
        if (out->SetFrom(f.get(), map.data(), TRUE) != OGRERR_NONE)
            return Error{"cannot convert the row: " + capture.lastError(), shown, dst.GetName(), f->GetFID()};
        out->SetFID(f->GetFID());
        if (iVersion >= 0 && map.end() == std::find(map.begin(), map.end(), iVersion)) {
            auto it = newVersions.find(f->GetFID());
            out->SetField(iVersion, static_cast<GIntBig>(it == newVersions.end() ? 1 : it->second));
        }
        if (dst.CreateFeature(out.get()) != OGRERR_NONE)
            return Error{"cannot write the row: " + redactConnectionString(capture.lastError()), shown, dst.GetName(),
                         f->GetFID()};
    }
    return Done{};
}

}  // namespace

bool hasPostgisSupport() { return true; }

Result<PgTimeouts> pgTimeouts() {
    PgTimeouts t;
    for (auto [var, target] : {std::pair<const char*, std::string*>{"HONGTU_PG_LOCK_TIMEOUT", &t.lock},
                               {"HONGTU_PG_STATEMENT_TIMEOUT", &t.statement},
                               {"HONGTU_PG_IDLE_TIMEOUT", &t.idleInTransaction}}) {
        const char* v = std::getenv(var);
        if (!v || !*v) continue;
        if (!plainDuration(v))
            return Error{std::string(var) + " is '" + v + "'; expected a duration such as 500ms, 30s or 5min", {}, {}, {}};
        *target = v;
    }
    if (const char* v = std::getenv("HONGTU_PG_CONNECT_TIMEOUT"); v && *v) {
        const std::string text = v;
        if (text.empty() || text.size() > 6 || !std::all_of(text.begin(), text.end(), [](char ch) { return std::isdigit(static_cast<unsigned char>(ch)); }))
            return Error{"HONGTU_PG_CONNECT_TIMEOUT is '" + text + "'; expected a number of seconds", {}, {}, {}};
        t.connectSeconds = std::atoi(v);
    }
    return t;
}

namespace {
std::string timeoutOptions(const PgTimeouts& t, const std::string& callerOptions) {
    std::string o;
    if (!optionsSet(callerOptions, "lock_timeout")) o += "-c lock_timeout=" + t.lock + " ";
    if (!optionsSet(callerOptions, "statement_timeout")) o += "-c statement_timeout=" + t.statement + " ";
    if (!optionsSet(callerOptions, "idle_in_transaction_session_timeout"))
        o += "-c idle_in_transaction_session_timeout=" + t.idleInTransaction + " ";
    return o + callerOptions;
}
}  // namespace

Result<std::string> pgSessionConnInfo(const std::string& db) {
    auto t = pgTimeouts();
    if (!t) return t.error();
    const std::string conninfo = conninfoOf(db);
    char* err = nullptr;
    PQconninfoOption* parsed = PQconninfoParse(conninfo.c_str(), &err);
    if (!parsed) {
        std::string why = err ? trimmed(err) : "out of memory";
        if (err) PQfreemem(err);
        return Error{"the connection string cannot be read: " + redactConnectionString(why), redactConnectionString(db), {}, {}};
    }
    std::string out, options;
    bool connectTimeout = false, appName = false;
    for (PQconninfoOption* o = parsed; o->keyword; ++o) {
        if (!o->val) continue;
        const std::string key = o->keyword;
        if (key == "options") {
            options = o->val;
            continue;
        }
        if (key == "connect_timeout") connectTimeout = true;
        if (key == "application_name") appName = true;
        out += key + "=" + quoteConnValue(o->val) + " ";
    }
    PQconninfoFree(parsed);
    // libpq reads PGOPTIONS only when the connection names no options: keep the user's settings.
    if (options.empty())
        if (const char* env = std::getenv("PGOPTIONS")) options = env;
    if (!connectTimeout) out += "connect_timeout=" + std::to_string(t->connectSeconds) + " ";
    if (!appName) {
        char host[64] = {};
        ::gethostname(host, sizeof host - 1);
        std::string name = "hongtu " + std::to_string(::getpid()) + "@" + host;
        out += "application_name=" + quoteConnValue(name.substr(0, 63)) + " ";
    }
    out += "options=" + quoteConnValue(timeoutOptions(*t, options));
    return out;
}

void applyPgSessionDefaultsToEnvironment() {
    auto t = pgTimeouts();
    if (!t) return;  // reported by the first connection
    const char* current = std::getenv("PGOPTIONS");
    ::setenv("PGOPTIONS", timeoutOptions(*t, current ? current : "").c_str(), 1);
    if (!std::getenv("PGCONNECT_TIMEOUT")) ::setenv("PGCONNECT_TIMEOUT", std::to_string(t->connectSeconds).c_str(), 1);
}

int pgLatestSchemaVersion() { return migrations().back().version; }

Result<SchemaReport> pgInit(const std::string& db) { return applyMigrations(db, true); }
Result<SchemaReport> pgMigrate(const std::string& db) { return applyMigrations(db, false); }

Result<StoreStatus> pgStatus(const std::string& db) {
    auto c = Connection::open(db);
    if (!c) return c.error();
    StoreStatus st;
    auto v = schemaVersion(*c);
    if (!v) return v.error();
    st.schemaVersion = *v;
    auto server = c->exec(
        "SELECT current_setting('server_version'), "
        "(SELECT extversion FROM pg_extension WHERE extname = 'postgis')");
    if (!server) return server.error();
    st.server = std::string("PostgreSQL ") + PQgetvalue(server->get(), 0, 0);
    if (!PQgetisnull(server->get(), 0, 1)) st.server += std::string(", PostGIS ") + PQgetvalue(server->get(), 0, 1);
    auto tables = c->exec(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = current_schema() AND c.relkind IN ('r','p') ORDER BY c.relname");
    if (!tables) return tables.error();
    std::vector<std::string> names;
    for (int i = 0; i < PQntuples(tables->get()); ++i) {
        std::string n = PQgetvalue(tables->get(), i, 0);
        if (isProjectLayer(n)) names.push_back(n);
    }
    for (const auto& n : orderedLayers(names)) {
        auto count = c->exec("SELECT count(*) FROM " + quoteIdent(n), {}, n);
        if (!count) return count.error();
        st.tables.push_back({n, std::atoll(PQgetvalue(count->get(), 0, 0))});
    }
    return st;
}

std::string TransferReport::text() const {
    std::ostringstream out;
    for (const auto& t : tables) {
        if (t.onlyInFile) {
            out << t.table << ": only in the file, kept as it was (" << t.unchanged << " rows; not in the database)\n";
            continue;
        }
        out << t.table << ": " << t.added << " added, " << t.changed << " changed, " << t.removed << " removed, " << t.unchanged
            << " unchanged";
        if (t.keptOnServer) out << ", " << t.keptOnServer << " only on the server (kept)";
        if (t.newerOnServer) out << ", " << t.newerOnServer << " newer on the server (kept)";
        if (t.conflicts) out << ", " << t.conflicts << " conflicts";
        out << (t.created ? " (new table)" : "") << "\n";
    }
    for (const auto& n : notes) out << n << "\n";
    if (!conflicts.empty()) {
        out << conflicts.size() << " conflict(s): rows changed on both sides since the export\n";
        for (const auto& c : conflicts)
            out << "  conflict: " << c.table << " fid " << c.fid << (c.label.empty() ? "" : " (" + c.label + ")") << ": " << c.what
                << (c.tookFile ? "; the file's version was written (--prefer file)" : "; the server's version was kept") << "\n";
    }
    return out.str();
}

namespace {

struct Column {
    std::string name, type;
};

Result<std::vector<Column>> columnsOf(Connection& c, const std::string& relation, const std::string& table) {
    auto r = c.exec(
        "SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 "
        "AND NOT attisdropped ORDER BY attnum",
        {relation}, table);
    if (!r) return r.error();
    std::vector<Column> out;
    for (int i = 0; i < PQntuples(r->get()); ++i) out.push_back({PQgetvalue(r->get(), i, 0), PQgetvalue(r->get(), i, 1)});
    return out;
}

Result<bool> relationExists(Connection& c, const std::string& relation) {
    auto r = c.exec("SELECT to_regclass($1) IS NOT NULL", {relation});
    if (!r) return r.error();
    return std::strcmp(PQgetvalue(r->get(), 0, 0), "t") == 0;
}

// A 64-bit hash of a ROW(...) expression's text form (the export record's row fingerprint).
std::string hashOf(const std::string& rowExpr) {
    return "('x' || substr(md5((" + rowExpr + ")::text), 1, 16))::bit(64)::bigint";
}

std::string joined(const std::vector<std::string>& parts, const std::string& sep) {
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? sep : "") + parts[i];
    return out;
}

bool isGeometryType(const std::string& type) { return type.rfind("geometry", 0) == 0; }
bool isMultiType(const std::string& type) { return type.find("Multi") != std::string::npos; }

// Plain identifiers only (checked by the callers): a string literal of one.
std::string literal(const std::string& plain) { return "'" + plain + "'"; }

std::string randomHex() {
    std::random_device rd;
    char buf[17];
    std::snprintf(buf, sizeof buf, "%08x%08x", rd(), rd());
    return buf;
}

// GDAL's PostgreSQL driver writes with COPY also into tables that exist already.
struct UseCopy {
    UseCopy() { CPLSetThreadLocalConfigOption("PG_USE_COPY", "YES"); }
    ~UseCopy() { CPLSetThreadLocalConfigOption("PG_USE_COPY", nullptr); }
    UseCopy(const UseCopy&) = delete;
    UseCopy& operator=(const UseCopy&) = delete;
};

// Moves the fid sequence of `table` past its highest id (inside the caller's transaction).
Status advanceSequence(Connection& c, const std::string& table) {
    auto seq = c.exec("SELECT pg_get_serial_sequence($1, 'fid')", {quoteIdent(table)}, table);
    if (!seq) return seq.error();
    if (PQgetisnull(seq->get(), 0, 0)) return Done{};
    if (auto s = c.exec("SELECT setval($1::regclass, greatest(coalesce((SELECT max(fid) FROM " + quoteIdent(table) +
                            "), 0) + 1, nextval($1::regclass)), false)",
                        {PQgetvalue(seq->get(), 0, 0)}, table);
        !s)
        return s.error();
    return Done{};
}

// Per table: the fids and row hashes of the given columns (server bookkeeping left out).
struct Fingerprints {
    std::vector<std::string> columns;
    std::map<std::int64_t, std::int64_t> rows;
};
Result<std::map<std::string, Fingerprints>> fingerprints(Connection& c, const std::vector<std::string>& tables) {
    std::map<std::string, Fingerprints> out;
    PgTransaction tx(c);
    if (auto s = tx.begin(); !s) return s.error();
    if (auto s = c.run("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"); !s) return s.error();
    for (const auto& t : tables) {
        auto cols = columnsOf(c, quoteIdent(t), t);
        if (!cols) return cols.error();
        Fingerprints f;
        std::vector<std::string> exprs;
        for (const auto& col : *cols) {
            if (col.name == "fid" || col.name == "row_version") continue;
            f.columns.push_back(col.name);
            exprs.push_back("t." + quoteIdent(col.name));
        }
        auto r = c.exec("SELECT fid, " + hashOf("ROW(" + joined(exprs, ", ") + ")") + " FROM " + quoteIdent(t) + " t", {}, t);
        if (!r) return r.error();
        for (int i = 0; i < PQntuples(r->get()); ++i)
            f.rows[std::atoll(PQgetvalue(r->get(), i, 0))] = std::atoll(PQgetvalue(r->get(), i, 1));
        out[t] = std::move(f);
    }
    if (auto s = tx.commit(); !s) return s.error();
    return out;
}

Result<std::string> databaseId(Connection& c) {
    auto has = relationExists(c, kDatabaseTable);
    if (!has) return has.error();
    if (!*has) return std::string();
    auto r = c.exec(std::string("SELECT id FROM ") + kDatabaseTable + " ORDER BY created_at LIMIT 1");
    if (!r) return r.error();
    return PQntuples(r->get()) > 0 ? std::string(PQgetvalue(r->get(), 0, 0)) : std::string();
}

// The row's name for a conflict line: the first of these columns the table has.
std::string labelColumn(const std::vector<std::string>& columns) {
    for (const char* c : {"project_id", "village_code", "township_code", "county_code", "id", "layer", "name"})
        if (std::find(columns.begin(), columns.end(), c) != columns.end()) return c;
    return {};
}

}  // namespace

Result<TransferReport> pgImport(const std::string& gpkg, const std::string& db, const ImportOptions& options) {
    if (!std::filesystem::exists(gpkg)) return Error{"the file does not exist", gpkg, {}, {}};
    std::vector<std::string> names;
    bool hasRecord = false;
    {
        auto source = DataSource::open(gpkg);
        if (!source) return source.error();
        int record = 0;
        for (const auto& info : source->layers()) {
            if (info.name == kExportBase || info.name == kExportInfo) {
                ++record;
                continue;
            }
            // QGIS's progress views compute from the tables (progress/views.hpp): not data.
            if (isProgressView(info.name)) continue;
            if (!plainIdentifier(info.name))
                return Error{
                    "the layer name is not a plain table name (only letters, digits and _ are allowed, "
                    "starting with a letter); rename the layer before importing",
                    gpkg,
                    info.name,
                    {}};
            if (info.name == kVersionTable || info.name == kDatabaseTable || info.name.rfind("hongtu_import_", 0) == 0)
                return Error{"the layer has the name of the server's own bookkeeping; rename the layer before importing", gpkg, info.name, {}};
            names.push_back(info.name);
        }
        hasRecord = record == 2;
    }
    if (auto schema = pgInit(db); !schema) return schema.error();
    const std::string shown = redactConnectionString(db);
    auto session = pgSessionConnInfo(db);
    if (!session) return session.error();
    auto c = Connection::open(db);
    if (!c) return c.error();

    // 1. The file's rows go into a private staging schema (its own name, dropped at the end):
    //    COPY, no lock on the project tables, invisible to the viewers.
    const std::string stage = "hongtu_import_" + std::to_string(::getpid()) + "_" + randomHex();
    if (auto s = c->run("CREATE SCHEMA " + stage); !s) return s.error();
    struct DropStage {
        Connection& c;
        std::string schema;
        ~DropStage() {
            if (!c.lost()) (void)c.run("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    } dropStage{*c, stage};
    {
        auto src = openGdal(gpkg, false);
        if (!src) return src.error();
        auto dst = openGdal("PG:" + *session, true);
        if (!dst) return dst.error();
        GdalErrorCapture capture;
        UseCopy useCopy;
        std::vector<std::string> upload = names;
        if (hasRecord) {
            upload.push_back(kExportBase);
            upload.push_back(kExportInfo);
        }
        for (const auto& name : upload) {
            OGRLayer* in = (*src)->GetLayerByName(name.c_str());
            if (!in) return Error{"the layer disappeared while importing", gpkg, name, {}};
            for (int i = 0; i < in->GetLayerDefn()->GetFieldCount(); ++i)
                if (!plainIdentifier(in->GetLayerDefn()->GetFieldDefn(i)->GetNameRef()))
                    return Error{std::string("the column name '") + in->GetLayerDefn()->GetFieldDefn(i)->GetNameRef() +
                                     "' is not a plain name (letters, digits, _)",
                                 gpkg,
                                 name,
                                 {}};
            CPLStringList lco;
            lco.AddNameValue("FID", "fid");
            lco.AddNameValue("GEOMETRY_NAME", "geom");
            lco.AddNameValue("SPATIAL_INDEX", "NONE");
            lco.AddNameValue("SCHEMA", stage.c_str());
            lco.AddNameValue("LAUNDER", "NO");
            OGRLayer* out = (*dst)->CreateLayer(name.c_str(), in->GetSpatialRef(), in->GetGeomType(), lco.List());
            if (!out) return Error{"cannot stage the table: " + redactConnectionString(capture.lastError()), shown, name, {}};
            for (int i = 0; i < in->GetLayerDefn()->GetFieldCount(); ++i)
                if (out->CreateField(in->GetLayerDefn()->GetFieldDefn(i)) != OGRERR_NONE)
                    return Error{"cannot stage the column '" + std::string(in->GetLayerDefn()->GetFieldDefn(i)->GetNameRef()) +
                                     "': " + redactConnectionString(capture.lastError()),
                                 shown,
                                 name,
                                 {}};
            if (auto s = copyFeatures(*in, *out, {}, shown); !s) return s.error();
        }
        (*dst)->FlushCache();
        if (!capture.lastError().empty())
            return Error{"cannot stage the file's rows: " + redactConnectionString(capture.lastError()), shown, {}, {}};
    }

    // 2. One transaction: the write lock, the snapshot, the merge, the sequences.
    PgTransaction tx(*c);
    if (auto s = tx.begin(); !s) return s.error();
    if (auto s = c->exec("SELECT pg_advisory_xact_lock($1::bigint)", {std::to_string(kWriteLock)}); !s) return s.error();
    std::vector<std::string> existing;
    for (const auto& name : orderedLayers(names)) {
        auto e = relationExists(*c, quoteIdent(name));
        if (!e) return e.error();
        if (*e) existing.push_back(quoteIdent(name));
    }
    // Writers wait (editors also hold the advisory lock); readers such as the viewers go on.
    if (!existing.empty())
        if (auto s = c->run("LOCK TABLE " + joined(existing, ", ") + " IN EXCLUSIVE MODE"); !s) return s.error();

    TransferReport report;
    auto id = databaseId(*c);
    if (!id) return id.error();
    std::map<std::string, std::vector<std::string>> baseColumns;  // layer -> columns hashed at export
    if (hasRecord) {
        auto r = c->exec("SELECT layer, columns FROM " + stage + "." + kExportInfo + " WHERE database_id = $1", {*id});
        if (!r) return r.error();
        for (int i = 0; i < PQntuples(r->get()); ++i) {
            std::vector<std::string> cols;
            std::stringstream list(PQgetvalue(r->get(), i, 1));
            for (std::string col; std::getline(list, col, ',');)
                if (!col.empty()) cols.push_back(col);
            baseColumns[PQgetvalue(r->get(), i, 0)] = cols;
        }
    }
    bool serverHasRows = false;
    for (const auto& t : existing) {
        auto any = c->exec("SELECT EXISTS (SELECT 1 FROM " + t + ")");
        if (!any) return any.error();
        serverHasRows = serverHasRows || std::strcmp(PQgetvalue(any->get(), 0, 0), "t") == 0;
    }
    if (baseColumns.empty() && serverHasRows)
        report.notes.push_back(hasRecord ? "the file was exported from another database: rows that differ from the server are "
                                           "conflicts, rows only on the server are kept"
                                         : "the file carries no export record of this database (it was not written by "
                                           "`hongtu db export`): rows that differ from the server are conflicts, rows only "
                                           "on the server are kept");

    for (const auto& name : orderedLayers(names)) {
        const std::string S = stage + "." + quoteIdent(name), T = quoteIdent(name);
        auto scols = columnsOf(*c, S, name);
        if (!scols) return scols.error();
        auto exists = relationExists(*c, T);
        if (!exists) return exists.error();
        TableDiff d;
        d.table = name;
        if (!*exists) {
            std::string ddl = "CREATE TABLE " + T + " (fid bigserial PRIMARY KEY";
            std::string geom;
            for (const auto& col : *scols) {
                if (col.name == "fid") continue;
                ddl += ", " + quoteIdent(col.name) + " " + col.type;
                if (isGeometryType(col.type) && geom.empty()) geom = col.name;
            }
            if (auto s = c->run(ddl + ")", name); !s) return s.error();
            if (!geom.empty())
                if (auto s = c->run("CREATE INDEX ON " + T + " USING gist (" + quoteIdent(geom) + ")", name); !s) return s.error();
            if (auto s = c->run("CREATE TRIGGER " + quoteIdent(name.substr(0, 50) + "_notify") +
                                    " AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON " + T +
                                    " FOR EACH STATEMENT EXECUTE FUNCTION hongtu_notify_change()",
                                name);
                !s)
                return s.error();
            d.created = true;
        } else {
            auto tcols = columnsOf(*c, T, name);
            if (!tcols) return tcols.error();
            for (const auto& col : *scols) {
                auto it = std::find_if(tcols->begin(), tcols->end(), [&](const Column& t) { return t.name == col.name; });
                if (it == tcols->end()) {
                    if (auto s = c->run("ALTER TABLE " + T + " ADD COLUMN " + quoteIdent(col.name) + " " + col.type, name); !s)
                        return s.error();
                } else if (isGeometryType(col.type) && isGeometryType(it->type) && isMultiType(col.type) &&
                           !isMultiType(it->type)) {
                    // A multi-part source widens a single-part column (counties of a national dataset).
                    if (auto s = c->run("ALTER TABLE " + T + " ALTER COLUMN " + quoteIdent(col.name) + " TYPE " + col.type +
                                            " USING ST_Multi(" + quoteIdent(col.name) + ")",
                                        name);
                        !s)
                        return s.error();
                }
            }
        }
        auto tcolsNow = columnsOf(*c, T, name);
        if (!tcolsNow) return tcolsNow.error();
        std::map<std::string, std::string> ttype, stype;
        for (const auto& col : *tcolsNow) ttype[col.name] = col.type;
        for (const auto& col : *scols) stype[col.name] = col.type;
        const bool versioned = ttype.count("row_version") > 0;
        auto fileExpr = [&](const std::string& col) {
            const std::string& t = ttype[col];
            if (!stype.count(col)) return "NULL::" + t;
            if (isGeometryType(t) && isMultiType(t) && !isMultiType(stype[col])) return "ST_Multi(s." + quoteIdent(col) + ")::" + t;
            return "s." + quoteIdent(col) + "::" + t;
        };
        std::vector<std::string> cols, fileExprs, serverExprs, quoted;
        for (const auto& col : *scols) {
            if (col.name == "fid" || col.name == "row_version") continue;
            cols.push_back(col.name);
            quoted.push_back(quoteIdent(col.name));
            fileExprs.push_back(fileExpr(col.name));
            serverExprs.push_back("t." + quoteIdent(col.name));
        }
        const std::string fileRow = "ROW(" + joined(fileExprs, ", ") + ")", serverRow = "ROW(" + joined(serverExprs, ", ") + ")";
        const bool history = name == "status_history";
        auto base = baseColumns.find(name);
        std::string baseJoin = "", baseSelect = "NULL::bigint", fileHash = "NULL::bigint", serverHash = "NULL::bigint";
        if (!history && base != baseColumns.end()) {
            std::vector<std::string> bf, bs;
            for (const auto& col : base->second) {
                if (!ttype.count(col)) continue;
                bf.push_back(fileExpr(col));
                bs.push_back("t." + quoteIdent(col));
            }
            fileHash = hashOf("ROW(" + joined(bf, ", ") + ")");
            serverHash = hashOf("ROW(" + joined(bs, ", ") + ")");
            baseSelect = "b.row_hash";
            baseJoin = " LEFT JOIN " + stage + "." + kExportBase + " b ON b.layer = " + literal(name) +
                       " AND b.row_fid = coalesce(s.fid, t.fid)";
        }
        const std::string label = labelColumn(cols);
        const std::string labelExpr = label.empty() ? "NULL::text" : "coalesce(t." + quoteIdent(label) + "::text, s." + quoteIdent(label) + "::text)";
        if (auto s = c->run("DROP TABLE IF EXISTS pg_temp.hongtu_cmp"); !s) return s.error();
        if (auto s = c->run("CREATE TEMP TABLE hongtu_cmp AS SELECT coalesce(s.fid, t.fid) AS fid, s.fid IS NOT NULL AS in_file, "
                            "t.fid IS NOT NULL AS on_server, (s.fid IS NOT NULL AND t.fid IS NOT NULL AND " +
                                fileRow + " IS NOT DISTINCT FROM " + serverRow + ") AS same, " + baseSelect +
                                " AS base, CASE WHEN s.fid IS NOT NULL THEN " + fileHash + " END AS file_hash, "
                                                                                           "CASE WHEN t.fid IS NOT NULL THEN " +
                                serverHash + " END AS server_hash, NULL::text AS kind, " +
                                labelExpr + " AS label FROM " + S + " s FULL JOIN " + T + " t ON t.fid = s.fid" + baseJoin,
                            name);
            !s)
            return s.error();
        if (history) {
            // Append-only: the server's rows stay; the file's changes not on the server are appended.
            if (auto s = c->run("UPDATE hongtu_cmp SET kind = CASE WHEN same THEN 'same' WHEN in_file AND NOT on_server THEN 'add' "
                                "WHEN in_file THEN 'append' ELSE 'kept' END",
                                name);
                !s)
                return s.error();
            // A change already on the server under another id (same content) is not appended twice.
            if (auto s = c->run("UPDATE hongtu_cmp c SET kind = 'same' FROM " + S +
                                    " s WHERE c.fid = s.fid AND c.kind IN ('add', 'append') AND " + hashOf(fileRow) +
                                    " IN (SELECT " + hashOf(serverRow) + " FROM " + T + " t)",
                                name);
                !s)
                return s.error();
        } else if (auto s = c->run(
                       "UPDATE hongtu_cmp SET kind = CASE WHEN same THEN 'same' "
                       "WHEN in_file AND NOT on_server THEN CASE WHEN base IS NULL THEN 'add' WHEN file_hash = base THEN "
                       "'gone_on_server' ELSE 'conflict_deleted_on_server' END "
                       "WHEN in_file THEN CASE WHEN base IS NULL THEN 'conflict_no_base' WHEN server_hash = base THEN 'update' "
                       "WHEN file_hash = base THEN 'newer_on_server' ELSE 'conflict' END "
                       "ELSE CASE WHEN base IS NULL THEN 'kept' WHEN server_hash = base THEN 'delete' "
                       "ELSE 'conflict_deleted_in_file' END END",
                       name);
                   !s)
            return s.error();

        auto listed = c->exec("SELECT fid, kind, coalesce(label, '') FROM hongtu_cmp WHERE kind LIKE 'conflict%' ORDER BY fid", {}, name);
        if (!listed) return listed.error();
        for (int i = 0; i < PQntuples(listed->get()); ++i) {
            const std::string kind = PQgetvalue(listed->get(), i, 1);
            RowConflict rc;
            rc.table = name;
            rc.fid = std::atoll(PQgetvalue(listed->get(), i, 0));
            rc.label = PQgetvalue(listed->get(), i, 2);
            rc.what = kind == "conflict"                     ? "changed in the file and on the server since the export"
                      : kind == "conflict_no_base"           ? "differs between the file and the server, and the file has no export "
                                                               "record of this row to tell which side changed it"
                      : kind == "conflict_deleted_on_server" ? "deleted on the server, changed in the file"
                                                             : "changed on the server, deleted in the file";
            rc.tookFile = options.preferFile;
            report.conflicts.push_back(rc);
        }
        d.conflicts = PQntuples(listed->get());
        if (options.preferFile)
            if (auto s = c->run("UPDATE hongtu_cmp SET kind = CASE kind WHEN 'conflict_deleted_on_server' THEN 'add' "
                                "WHEN 'conflict_deleted_in_file' THEN 'delete' ELSE 'update' END WHERE kind LIKE 'conflict%'",
                                name);
                !s)
                return s.error();

        const std::string colList = joined(quoted, ", "), fileList = joined(fileExprs, ", ");
        if (auto s = c->run("INSERT INTO " + T + " (fid" + (cols.empty() ? "" : ", " + colList) + ") SELECT s.fid" +
                                (cols.empty() ? "" : ", " + fileList) + " FROM " + S +
                                " s JOIN hongtu_cmp c ON c.fid = s.fid WHERE c.kind = 'add' ORDER BY s.fid",
                            name);
            !s)
            return s.error();
        if (auto s = advanceSequence(*c, name); !s) return s.error();
        if (history && !cols.empty())
            if (auto s = c->run("INSERT INTO " + T + " (" + colList + ") SELECT " + fileList + " FROM " + S +
                                    " s JOIN hongtu_cmp c ON c.fid = s.fid WHERE c.kind = 'append' ORDER BY s.fid",
                                name);
                !s)
                return s.error();
        if (!history && !cols.empty()) {
            std::string set = "(" + colList + ") = ROW(" + fileList + ")";
            if (versioned) set += ", row_version = coalesce(t.row_version, 1) + 1";  // versions only move forward
            if (auto s = c->run("UPDATE " + T + " t SET " + set + " FROM " + S +
                                    " s JOIN hongtu_cmp c ON c.fid = s.fid WHERE t.fid = s.fid AND c.kind = 'update'",
                                name);
                !s)
                return s.error();
            if (auto s = c->run("DELETE FROM " + T + " t USING hongtu_cmp c WHERE t.fid = c.fid AND c.kind = 'delete'", name); !s)
                return s.error();
        }
        auto counts = c->exec("SELECT kind, count(*) FROM hongtu_cmp GROUP BY kind", {}, name);
        if (!counts) return counts.error();
        for (int i = 0; i < PQntuples(counts->get()); ++i) {
            const std::string kind = PQgetvalue(counts->get(), i, 0);
            const std::int64_t n = std::atoll(PQgetvalue(counts->get(), i, 1));
            if (kind == "same") d.unchanged += n;
            else if (kind == "add" || kind == "append") d.added += n;
            else if (kind == "update") d.changed += n;
            else if (kind == "delete") d.removed += n;
            else if (kind == "kept") d.keptOnServer += n;
            else if (kind == "newer_on_server" || kind == "gone_on_server" || kind.rfind("conflict", 0) == 0) d.newerOnServer += n;
        }
        if (!options.preferFile) d.newerOnServer -= d.conflicts;  // counted apart
        report.tables.push_back(d);
    }
    if (auto s = tx.commit(); !s) {
        Error e = s.error();
        e.message = "the import was not confirmed by the server, nothing of it was saved: " + e.message;
        return e;
    }
    return report;
}

Result<TransferReport> pgExport(const std::string& db, const std::string& gpkg, const ExportOptions& options) {
    const bool exists = std::filesystem::exists(gpkg);
    if (exists && !options.force)
        return Error{
            "the file exists already and was left as it is. Give --force to write the database's tables into it "
            "(its other layers are kept; the report says what the file had that the database does not)",
            gpkg,
            {},
            {}};
    auto session = pgSessionConnInfo(db);
    if (!session) return session.error();
    auto c = Connection::open(db);
    if (!c) return c.error();
    auto st = pgStatus(db);
    if (!st) return st.error();
    std::vector<std::string> names;
    for (const auto& t : st->tables) names.push_back(t.table);
    if (names.empty()) return Error{"the database holds no project tables", redactConnectionString(db), {}, {}};
    auto id = databaseId(*c);
    if (!id) return id.error();

    // The export record: each row's fingerprint, read before and after the rows themselves; a row
    // that changed in between gets none (a later import then treats it as unknown, never as unchanged).
    auto first = fingerprints(*c, names);
    if (!first) return first.error();
    auto source = DataSource::open("PG:" + *session);
    if (!source) return source.error();
    std::vector<Layer> layers;
    for (const auto& name : names) {
        auto layer = source->readLayer(name);
        if (!layer) return layer.error();
        // row_version is the server's concurrency bookkeeping: not part of the field copy.
        if (auto iv = layer->fieldIndex("row_version")) {
            layer->fields.erase(layer->fields.begin() + static_cast<std::ptrdiff_t>(*iv));
            for (auto& f : layer->features) f.values.erase(f.values.begin() + static_cast<std::ptrdiff_t>(*iv));
        }
        layers.push_back(std::move(*layer));
    }
    auto second = fingerprints(*c, names);
    if (!second) return second.error();

    TransferReport report;
    if (!id->empty()) {
        Layer base, info;
        base.name = kExportBase;
        base.fields = {{"layer", FieldType::Text}, {"row_fid", FieldType::Integer}, {"row_hash", FieldType::Integer}};
        info.name = kExportInfo;
        info.fields = {{"database_id", FieldType::Text}, {"layer", FieldType::Text}, {"columns", FieldType::Text}, {"exported_at", FieldType::Text}};
        const std::string now = Clock().utcIso();
        std::int64_t fid = 0, unsure = 0;
        for (const auto& [table, fp] : *first) {
            const auto& again = (*second)[table];
            for (const auto& [row, hash] : fp.rows) {
                auto it = again.rows.find(row);
                if (it == again.rows.end() || it->second != hash || again.columns != fp.columns) {
                    ++unsure;
                    continue;
                }
                base.features.push_back({++fid, {table, row, hash}, {}});
            }
            info.features.push_back({static_cast<std::int64_t>(info.features.size() + 1), {*id, table, joined(fp.columns, ","), std::string(now)}, {}});
        }
        if (unsure)
            report.notes.push_back(std::to_string(unsure) +
                                   " row(s) changed on the server while they were exported; a later import treats them as "
                                   "not known to be unchanged");
        layers.push_back(std::move(base));
        layers.push_back(std::move(info));
    } else {
        report.notes.push_back("the database has no identity yet (run `hongtu db migrate`): the file carries no export record");
    }

    // The report: each table against the file that was there, then the layers only in the file.
    if (exists) {
        auto previous = DataSource::open(gpkg);
        if (!previous) return previous.error();
        std::set<std::string> previousLayers;
        for (const auto& info : previous->layers()) previousLayers.insert(info.name);
        for (const auto& layer : layers) {
            if (layer.name == kExportBase || layer.name == kExportInfo) continue;
            std::optional<Layer> before;
            if (previousLayers.count(layer.name)) {
                auto b = previous->readLayer(layer.name);
                if (b) before = std::move(*b);
            }
            report.tables.push_back(diffLayers(layer.name, before ? &*before : nullptr, layer));
            previousLayers.erase(layer.name);
        }
        previousLayers.erase(kExportBase);
        previousLayers.erase(kExportInfo);
        for (const auto& name : previousLayers) {
            TableDiff d;
            d.table = name;
            d.onlyInFile = true;
            for (const auto& info : previous->layers())
                if (info.name == name) d.unchanged = info.featureCount;
            report.tables.push_back(d);
        }
    } else {
        for (const auto& layer : layers)
            if (layer.name != kExportBase && layer.name != kExportInfo) report.tables.push_back(diffLayers(layer.name, nullptr, layer));
    }
    WriteOptions write;
    write.keepFids = true;
    // The progress views QGIS reads (geo/progress/views.hpp) are not database tables: the file
    // gets them made again from the exported tables, in the transaction that writes those into an
    // existing file; a new file is written whole first, then given its views.
    const std::string lastChange = Clock().utcIso();
    const auto tablesAndViews = [&](ProjectWriter& w) -> Status {
        for (const auto& layer : layers)
            if (auto st = w.replaceLayer(layer, write); !st) return st;
        if (auto views = progress::writeProgressViews(w, lastChange); !views) return views.error();
        return Done{};
    };
    if (!exists) {
        if (auto s = writeLayersAtomically(gpkg, layers, write); !s) return s.error();
        layers.clear();  // written: only the views remain to be made
    }
    auto store = ProjectStore::open(gpkg);
    if (!store) return store.error();
    if (auto s = store->write(tablesAndViews); !s) return s.error();
    return report;
}

// ---------------------------------------------------------------------------------------------
// Status changes on a shared server.

namespace {

// The project as progress validation needs it, read on `c` (inside the caller's transaction, so
// the save validates against exactly what it appends to). Same rules as the GeoPackage reader.
Result<ProgressData> readProgressOn(Connection& c, const std::string& shown) {
    ProgressData data;
    data.source = shown;
    auto text = [](PGresult* r, int i, int j) { return PQgetisnull(r, i, j) ? std::string() : std::string(PQgetvalue(r, i, j)); };
    auto date = [&](PGresult* r, int i, int j, const std::string& id, const char* column,
                    const std::string& table) -> Result<std::optional<Date>> {
        if (PQgetisnull(r, i, j)) return std::optional<Date>();
        auto d = parseFlexibleDate(PQgetvalue(r, i, j), false);
        if (!d)
            return Error{std::string("the ") + column + " '" + PQgetvalue(r, i, j) + "' of project '" + id + "' is not a date", shown,
                         table, std::atoll(PQgetvalue(r, i, 0))};
        return std::optional<Date>(*d);
    };
    bool any = false;
    for (const std::string table : {"venue_projects", "housing_projects"}) {
        auto e = relationExists(c, table);
        if (!e) return e.error();
        if (!*e) continue;
        any = true;
        const bool venue = table == "venue_projects";
        auto r = c.exec(std::string("SELECT fid, project_id, ") + (venue ? "kind, village_name, village_code" : "NULL, township_name, NULL") +
                            ", township_code, county_code, row_version, budget_yuan, planned_start::text, planned_completion::text FROM " +
                            table + " ORDER BY fid",
                        {}, table);
        if (!r) return r.error();
        PGresult* q = r->get();
        for (int i = 0; i < PQntuples(q); ++i) {
            Project p;
            p.row = std::atoll(PQgetvalue(q, i, 0));
            p.id = text(q, i, 1);
            p.table = table;
            if (venue) {
                const std::string kind = text(q, i, 2);
                if (kind == "village_venue") p.kind = ProjectKind::VillageVenue;
                else if (kind == "community_venue") p.kind = ProjectKind::CommunityVenue;
                else
                    return Error{"project '" + p.id + "' has the kind '" + kind + "'; expected village_venue or community_venue",
                                 shown, table, p.row};
            } else {
                p.kind = ProjectKind::TownshipHousing;
            }
            p.name = text(q, i, 3);
            p.villageCode = text(q, i, 4);
            p.townshipCode = text(q, i, 5);
            p.countyCode = text(q, i, 6);
            p.version = PQgetisnull(q, i, 7) ? 0 : std::atoll(PQgetvalue(q, i, 7));
            p.budgetYuan = PQgetisnull(q, i, 8) ? 0 : std::atoll(PQgetvalue(q, i, 8));
            auto start = date(q, i, 9, p.id, "planned_start", table);
            if (!start) return start.error();
            auto end = date(q, i, 10, p.id, "planned_completion", table);
            if (!end) return end.error();
            p.plannedStart = *start;
            p.plannedCompletion = *end;
            data.projects.push_back(std::move(p));
        }
    }
    if (!any) return Error{"the project has neither a venue_projects nor a housing_projects table", shown, {}, {}};
    auto h = c.exec("SELECT fid, project_id, status, date::text, note, who, recorded_at, previous_status FROM status_history ORDER BY fid",
                    {}, "status_history");
    if (!h) return h.error();
    PGresult* q = h->get();
    for (int i = 0; i < PQntuples(q); ++i) {
        StatusChange ch;
        ch.row = std::atoll(PQgetvalue(q, i, 0));
        ch.projectId = text(q, i, 1);
        const std::string word = text(q, i, 2);
        auto stage = parseStage(word);
        if (!stage)
            return Error{"unknown status '" + word + "' for project '" + ch.projectId +
                             "'; expected planned, under_construction, completed or accepted",
                         shown, "status_history", ch.row};
        ch.stage = *stage;
        auto d = date(q, i, 3, ch.projectId, "date", "status_history");
        if (!d) return d.error();
        if (!*d) return Error{"the status change of project '" + ch.projectId + "' has no date", shown, "status_history", ch.row};
        ch.date = **d;
        ch.note = text(q, i, 4);
        ch.who = text(q, i, 5);
        ch.recordedAt = text(q, i, 6);
        if (!PQgetisnull(q, i, 7)) ch.previous = parseStage(PQgetvalue(q, i, 7));
        data.history.push_back(std::move(ch));
    }
    for (const auto& [table, query] :
         {std::pair<std::string, std::string>{"counties", "SELECT county_code, name, NULL FROM counties WHERE county_code IS NOT NULL"},
          {"townships", "SELECT township_code, name, county_code FROM townships WHERE township_code IS NOT NULL"}}) {
        auto e = relationExists(c, table);
        if (!e) return e.error();
        if (!*e) continue;
        auto r = c.exec(query + " ORDER BY 1", {}, table);
        if (!r) return r.error();
        auto& areas = table == "counties" ? data.counties : data.townships;
        for (int i = 0; i < PQntuples(r->get()); ++i)
            areas.push_back({text(r->get(), i, 0), text(r->get(), i, 1), text(r->get(), i, 2)});
    }
    return data;
}

}  // namespace

Result<RecordSummary> pgRecordStatusChanges(const std::string& db, const std::vector<ChangeRequest>& batch,
                                            const RecordOptions& options) {
    const std::string shown = redactConnectionString(db);
    if (!parseFlexibleDate(options.recordedAt, false))
        return Error{"the recording time '" + options.recordedAt + "' is not an ISO date-time", shown, {}, {}};
    auto c = Connection::open(db);
    if (!c) return c.error();
    auto version = schemaVersion(*c);
    if (!version) return version.error();
    if (*version < 2)
        return Error{"the database schema is at version " + std::to_string(*version) + "; run `hongtu db migrate` first", shown, {}, {}};

    PgTransaction tx(*c);
    if (auto s = tx.begin(); !s) return s.error();
    // Editors share this lock; an import holds it alone (waits are bounded by lock_timeout).
    if (auto s = c->exec("SELECT pg_advisory_xact_lock_shared($1::bigint)", {std::to_string(kWriteLock)}); !s) return s.error();
    // Lock the rows of the projects in the batch (same order for every editor: no deadlock).
    std::set<std::string> ids;
    for (const auto& r : batch) ids.insert(r.projectId);
    std::string array = "{";
    for (const auto& id : ids) {
        if (array.size() > 1) array += ',';
        array += '"';
        for (char ch : id) {
            if (ch == '"' || ch == '\\') array += '\\';
            array += ch;
        }
        array += '"';
    }
    array += '}';
    std::map<std::string, std::pair<std::string, std::int64_t>> current;  // id -> (table, version)
    for (const auto& table : kVersionedTables) {
        auto r = c->exec("SELECT project_id, row_version FROM " + quoteIdent(table) +
                             " WHERE project_id = ANY($1::text[]) ORDER BY project_id FOR UPDATE",
                         {array}, table);
        if (!r) return r.error();
        for (int i = 0; i < PQntuples(r->get()); ++i)
            current[PQgetvalue(r->get(), i, 0)] = {table, PQgetisnull(r->get(), i, 1) ? 1 : std::atoll(PQgetvalue(r->get(), i, 1))};
    }
    // Optimistic check: the editor saw a version; someone else may have moved it on since.
    std::vector<Error> conflicts;
    for (const auto& [id, seen] : options.expectedVersions) {
        auto it = current.find(id);
        if (it == current.end() || it->second.second == seen) continue;
        std::map<std::string, std::string> args{
            {"project", id}, {"seen_version", std::to_string(seen)}, {"version", std::to_string(it->second.second)}};
        auto who = c->exec(
            "SELECT status, date::text, coalesce(who, ''), coalesce(recorded_at, '') FROM status_history "
            "WHERE project_id = $1 ORDER BY fid DESC LIMIT 1",
            {id}, "status_history");
        if (who && PQntuples(who->get()) > 0) {
            args["latest_status"] = PQgetvalue(who->get(), 0, 0);
            args["latest_date"] = PQgetvalue(who->get(), 0, 1);
            if (const std::string by = PQgetvalue(who->get(), 0, 2); !by.empty()) args["latest_who"] = by;
            if (const std::string at = PQgetvalue(who->get(), 0, 3); !at.empty()) args["latest_saved_at"] = at;
        }
        conflicts.push_back(progressError(ErrorCode::ProgressVersionConflict, std::move(args)));
    }
    if (!conflicts.empty()) {
        Error e = progressError(ErrorCode::ProgressSaveConflict, {}, std::move(conflicts));
        e.file = shown;
        e.layer = "status_history";
        return e;
    }

    // Validate against the history as committed, read in this same transaction (a second
    // connection could wait on an import that waits on these row locks): the locks keep other
    // editors of these projects waiting until this transaction ends.
    auto validated = validateForSave(readProgressOn(*c, shown), batch, options, shown);
    if (!validated) return validated.error();

    RecordSummary summary;
    for (auto& ch : *validated) {
        auto r = c->execNullable(
            "INSERT INTO status_history (project_id, status, date, note, who, recorded_at, previous_status, synthetic) "
            "VALUES ($1, $2, $3::date, $4, $5, $6, $7, 0) RETURNING fid",
            {ch.projectId, stageWord(ch.stage), ch.date.iso(), ch.note, ch.who, ch.recordedAt,
             ch.previous ? stageWord(*ch.previous) : std::string()},
            {false, false, false, false, false, false, !ch.previous}, "status_history");
        if (!r) return r.error();
        ch.row = std::atoll(PQgetvalue(r->get(), 0, 0));
        auto it = current.find(ch.projectId);
        if (it != current.end()) {
            if (auto u = c->exec("UPDATE " + quoteIdent(it->second.first) +
                                     " SET row_version = coalesce(row_version, 1) + 1 WHERE project_id = $1",
                                 {ch.projectId}, it->second.first);
                !u)
                return u.error();
        }
        summary.saved.push_back(ch);
        if (options.afterRow) options.afterRow(summary.saved.size());
    }
    if (auto s = tx.commit(); !s) {
        Error e = s.error();
        e.message = "the save was not confirmed by the server: " + e.message;
        return e;
    }
    return summary;
}

Result<std::vector<ProjectHit>> pgSearchProjects(const std::string& db, const std::string& text, int limit) {
    auto c = Connection::open(db);
    if (!c) return c.error();
    // The search text is a literal: escape LIKE's wildcards, then bind it.
    std::string pattern = "%";
    for (char ch : text) {
        if (ch == '%' || ch == '_' || ch == '\\') pattern += '\\';
        pattern += ch;
    }
    pattern += '%';
    auto r = c->exec(
        "SELECT project_id, table_name, name, county_code, version FROM ("
        "  SELECT project_id, 'venue_projects' AS table_name, village_name AS name, county_code, row_version AS version "
        "  FROM venue_projects UNION ALL "
        "  SELECT project_id, 'housing_projects', township_name, county_code, row_version FROM housing_projects) p "
        "WHERE project_id LIKE $1 OR name LIKE $1 ORDER BY project_id LIMIT $2::integer",
        {pattern, std::to_string(limit)});
    if (!r) return r.error();
    std::vector<ProjectHit> hits;
    for (int i = 0; i < PQntuples(r->get()); ++i)
        hits.push_back({PQgetvalue(r->get(), i, 0), PQgetvalue(r->get(), i, 1), PQgetvalue(r->get(), i, 2),
                        PQgetvalue(r->get(), i, 3), PQgetisnull(r->get(), i, 4) ? 1 : std::atoll(PQgetvalue(r->get(), i, 4))});
    return hits;
}

// ---------------------------------------------------------------------------------------------

struct PgChangeListener::Impl {
    std::unique_ptr<PGconn, ConnCloser> conn;
    std::string shown;
};

PgChangeListener::PgChangeListener(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PgChangeListener::PgChangeListener(PgChangeListener&&) noexcept = default;
PgChangeListener& PgChangeListener::operator=(PgChangeListener&&) noexcept = default;
PgChangeListener::~PgChangeListener() = default;

Result<PgChangeListener> PgChangeListener::listen(const std::string& db) {
    auto impl = std::make_unique<Impl>();
    impl->shown = redactConnectionString(db);
    auto conninfo = pgSessionConnInfo(db);  // connect_timeout too: the viewer waits for this
    if (!conninfo) return conninfo.error();
    impl->conn.reset(PQconnectdb(conninfo->c_str()));
    if (!impl->conn || PQstatus(impl->conn.get()) != CONNECTION_OK)
        return Error{"cannot connect to the database: " +
                         redactConnectionString(trimmed(impl->conn ? PQerrorMessage(impl->conn.get()) : "out of memory")),
                     impl->shown,
                     {},
                     {}};
    ResultPtr r(PQexec(impl->conn.get(), (std::string("LISTEN ") + kPgChangeChannel).c_str()));
    if (!r || PQresultStatus(r.get()) != PGRES_COMMAND_OK)
        return Error{"cannot listen for changes: " + redactConnectionString(trimmed(PQerrorMessage(impl->conn.get()))), impl->shown, {}, {}};
    return PgChangeListener(std::move(impl));
}

int PgChangeListener::socket() const { return impl_ && impl_->conn ? PQsocket(impl_->conn.get()) : -1; }

Result<std::vector<std::string>> PgChangeListener::poll(int timeoutMs) {
    std::vector<std::string> tables;
    PGconn* c = impl_->conn.get();
    auto drain = [&] {
        while (PGnotify* n = PQnotifies(c)) {
            tables.emplace_back(n->extra ? n->extra : "");
            PQfreemem(n);
        }
    };
    if (!PQconsumeInput(c)) return Error{"the change listener lost its connection: " + redactConnectionString(trimmed(PQerrorMessage(c))), impl_->shown, {}, {}};
    drain();
    if (tables.empty() && timeoutMs > 0) {
        pollfd p{PQsocket(c), POLLIN, 0};
        if (::poll(&p, 1, timeoutMs) > 0) {
            if (!PQconsumeInput(c))
                return Error{"the change listener lost its connection: " + redactConnectionString(trimmed(PQerrorMessage(c))), impl_->shown, {}, {}};
            drain();
        }
    }
    return tables;
}

}  // namespace hongtu::geo::pg
