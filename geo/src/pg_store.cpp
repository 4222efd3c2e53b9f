#include "hongtu/geo/pg_store.hpp"

#include <cpl_conv.h>
#include <gdal_priv.h>
#include <libpq-fe.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <poll.h>
#include <set>
#include <sstream>

#include "gdal_support.hpp"
#include "hongtu/geo/datasource.hpp"
#include "hongtu/geo/progress.hpp"

namespace hongtu::geo {

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

class Connection {
public:
    static Result<Connection> open(const std::string& db) {
        std::unique_ptr<PGconn, ConnCloser> c(PQconnectdb(conninfoOf(db).c_str()));
        if (!c) return Error{"cannot connect to the database (out of memory)", redactConnectionString(db), {}, {}};
        if (PQstatus(c.get()) != CONNECTION_OK)
            return Error{"cannot connect to the database: " + redactConnectionString(trimmed(PQerrorMessage(c.get()))),
                         redactConnectionString(db), {}, {}};
        PQsetNoticeProcessor(c.get(), [](void*, const char*) {}, nullptr);  // no NOTICE chatter on stderr
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
        if (lost())
            return Error{"the connection to the database server was lost (" + why +
                             "); the server rolls back the unfinished change, nothing of it was saved",
                         shown(), table, {}};
        return Error{"the database refused the operation: " + redactConnectionString(why), shown(), table, {}};
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

// The project tables, in the order they are created and exported.
const std::vector<std::string>& projectTables() {
    static const std::vector<std::string> t{"counties",        "townships",          "villages",
                                            "county_seats",    "memorial_sites",     "venue_projects",
                                            "housing_projects", "housing_facilities", "status_history",
                                            "county_indicators", "layer_metadata"};
    return t;
}
const std::vector<std::string> kVersionedTables{"venue_projects", "housing_projects"};

struct Migration {
    int version;
    const char* description;
    const char* sql;
};

// Types as GDAL maps them both ways (GeoPackage INTEGER <-> bigint, REAL <-> double precision,
// DATE <-> date, TEXT <-> text), so GeoPackage -> PostGIS -> GeoPackage keeps every value.
const Migration kMigrations[] = {
    {1, "project tables (same as a GeoPackage project), spatial indexes",
     R"SQL(
CREATE EXTENSION IF NOT EXISTS postgis;
CREATE TABLE IF NOT EXISTS counties (fid bigserial PRIMARY KEY, geom geometry(Polygon,4490), county_code text,
  name text, city_code text, label_lon double precision, label_lat double precision, source text);
CREATE TABLE IF NOT EXISTS townships (fid bigserial PRIMARY KEY, geom geometry(Point,4490), township_code text,
  name text, county_code text, kind text, position_source text);
CREATE TABLE IF NOT EXISTS villages (fid bigserial PRIMARY KEY, geom geometry(Point,4490), village_code text,
  name text, township_code text, county_code text, kind text, has_collective_income bigint, position_source text);
CREATE TABLE IF NOT EXISTS county_seats (fid bigserial PRIMARY KEY, geom geometry(Point,4490), county_code text,
  name_zh text, geonames_name text, source text, position_source text);
CREATE TABLE IF NOT EXISTS memorial_sites (fid bigserial PRIMARY KEY, geom geometry(Point,4490), id text,
  name_zh text, name_en text, county text, county_code text, township text, village text,
  coord_uncertainty_km double precision, coord_status text, category text, confidence text, position_source text,
  visit_minutes bigint, visit_minutes_status text, opening_hours text, hours_status text, phone text, source text);
CREATE TABLE IF NOT EXISTS venue_projects (fid bigserial PRIMARY KEY, project_id text, kind text, village_code text,
  village_name text, township_code text, county_code text, planned_start date, planned_completion date,
  budget_yuan bigint, floor_area_m2 bigint, synthetic bigint);
CREATE TABLE IF NOT EXISTS housing_projects (fid bigserial PRIMARY KEY, project_id text, township_code text,
  township_name text, county_code text, housing_units bigint, planned_start date, planned_completion date,
  budget_yuan bigint, synthetic bigint);
CREATE TABLE IF NOT EXISTS housing_facilities (fid bigserial PRIMARY KEY, project_id text, facility text,
  synthetic bigint);
CREATE TABLE IF NOT EXISTS status_history (fid bigserial PRIMARY KEY, project_id text, status text, date date,
  note text, synthetic bigint);
CREATE TABLE IF NOT EXISTS county_indicators (fid bigserial PRIMARY KEY, county_code text, name text,
  villages bigint, villages_with_collective_income bigint, reserve_talents bigint, talents_in_committees bigint,
  talents_as_secretaries bigint, budget_yuan bigint, synthetic bigint);
CREATE TABLE IF NOT EXISTS layer_metadata (fid bigserial PRIMARY KEY, layer text, synthetic bigint,
  position_source text, source text, licence text, description text);
CREATE INDEX IF NOT EXISTS counties_geom_geom_idx ON counties USING gist (geom);
CREATE INDEX IF NOT EXISTS townships_geom_geom_idx ON townships USING gist (geom);
CREATE INDEX IF NOT EXISTS villages_geom_geom_idx ON villages USING gist (geom);
CREATE INDEX IF NOT EXISTS county_seats_geom_geom_idx ON county_seats USING gist (geom);
CREATE INDEX IF NOT EXISTS memorial_sites_geom_geom_idx ON memorial_sites USING gist (geom);
)SQL"},
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
  FOREACH t IN ARRAY ARRAY['counties','townships','villages','county_seats','memorial_sites','venue_projects',
                           'housing_projects','housing_facilities','status_history','county_indicators','layer_metadata']
  LOOP
    EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', t || '_notify', t);
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I '
                   'FOR EACH STATEMENT EXECUTE FUNCTION hongtu_notify_change()', t || '_notify', t);
  END LOOP;
END $$;
)SQL"},
};

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
    for (const auto& m : kMigrations) {
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

struct DatasetCloser {
    void operator()(GDALDataset* ds) const { GDALClose(GDALDataset::ToHandle(ds)); }
};
using DatasetPtr = std::unique_ptr<GDALDataset, DatasetCloser>;

Result<DatasetPtr> openGdal(const std::string& path, bool update) {
    detail::ensureGdal();
    GdalErrorCapture capture;
    const unsigned flags = GDAL_OF_VECTOR | GDAL_OF_VERBOSE_ERROR | (update ? GDAL_OF_UPDATE : GDAL_OF_READONLY);
    // PG driver: list every table (also those without geometry), no schema scan of other users.
    const char* pgOptions[] = {"LIST_ALL_TABLES=YES", nullptr};
    DatasetPtr ds(GDALDataset::Open(path.c_str(), flags, nullptr, isPostgresSource(path) ? pgOptions : nullptr, nullptr));
    if (!ds)
        return Error{"cannot be opened" + std::string(update ? " for writing" : "") + ": " +
                         redactConnectionString(capture.lastError()),
                     redactConnectionString(path), {}, {}};
    return ds;
}

// Layers of a PostGIS project that belong to the project (not PostGIS's or Hongtu's bookkeeping).
bool isProjectLayer(const std::string& name) {
    static const std::set<std::string> skip{kVersionTable, "spatial_ref_sys", "geometry_columns", "geography_columns",
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

OGRwkbGeometryType flatType(OGRLayer& l) { return wkbFlatten(l.GetGeomType()); }

}  // namespace

bool isPostgresSource(const std::string& source) { return source.rfind("PG:", 0) == 0; }

int pgLatestSchemaVersion() { return kMigrations[std::size(kMigrations) - 1].version; }

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
        out << t.table << ": " << t.added << " added, " << t.changed << " changed, " << t.removed << " removed, " << t.unchanged
            << " unchanged" << (t.created ? " (new table)" : "") << "\n";
    }
    return out.str();
}

Result<TransferReport> pgImport(const std::string& gpkg, const std::string& db) {
    if (!std::filesystem::exists(gpkg)) return Error{"the file does not exist", gpkg, {}, {}};
    auto source = DataSource::open(gpkg);
    if (!source) return source.error();
    std::vector<std::string> names;
    for (const auto& info : source->layers()) {
        if (!plainIdentifier(info.name))
            return Error{"the layer name is not a plain table name (only letters, digits and _ are allowed, "
                         "starting with a letter); rename the layer before importing",
                         gpkg, info.name, {}};
        names.push_back(info.name);
    }
    if (auto schema = pgInit(db); !schema) return schema.error();

    // What is there now, for the report and the row versions.
    auto target = DataSource::open(db);
    if (!target) return target.error();
    std::set<std::string> existing;
    for (const auto& info : target->layers()) existing.insert(info.name);

    auto src = openGdal(gpkg, false);
    if (!src) return src.error();
    auto dst = openGdal(db, true);
    if (!dst) return dst.error();
    const std::string shown = redactConnectionString(db);
    GdalErrorCapture capture;
    // COPY instead of one INSERT per row also for tables that exist already (GDAL's default
    // uses COPY only for tables it has just created): 578,000 villages in seconds, not minutes.
    struct UseCopy {
        UseCopy() { CPLSetThreadLocalConfigOption("PG_USE_COPY", "YES"); }
        ~UseCopy() { CPLSetThreadLocalConfigOption("PG_USE_COPY", nullptr); }
        UseCopy(const UseCopy&) = delete;
        UseCopy& operator=(const UseCopy&) = delete;
    } useCopy;
    if ((*dst)->StartTransaction(FALSE) != OGRERR_NONE)
        return Error{"cannot start a transaction: " + redactConnectionString(capture.lastError()), shown, {}, {}};
    bool committed = false;
    struct Rollback {
        GDALDataset& ds;
        bool& done;
        ~Rollback() {
            if (!done) ds.RollbackTransaction();
        }
    } rollback{**dst, committed};

    TransferReport report;
    for (const auto& name : orderedLayers(names)) {
        auto incoming = source->readLayer(name);
        if (!incoming) return incoming.error();
        std::optional<Layer> before;
        if (existing.count(name)) {
            auto b = target->readLayer(name);
            if (!b) return b.error();
            before = std::move(*b);
        }
        report.tables.push_back(diffLayers(name, before ? &*before : nullptr, *incoming));

        // Row versions move on for the rows whose content changed.
        std::map<std::int64_t, std::int64_t> versions;
        if (before) {
            if (auto iv = before->fieldIndex("row_version")) {
                std::map<std::int64_t, const Feature*> old;
                for (const auto& f : before->features) old.emplace(f.fid, &f);
                for (const auto& f : incoming->features) {
                    auto it = old.find(f.fid);
                    if (it == old.end()) continue;
                    const auto* v = std::get_if<std::int64_t>(&it->second->values[*iv]);
                    const std::int64_t was = v ? *v : 1;
                    versions[f.fid] = sameRow(*incoming, f, *before, *it->second) ? was : was + 1;
                }
            }
        }

        OGRLayer* in = (*src)->GetLayerByName(name.c_str());
        if (!in) return Error{"the layer disappeared while importing", gpkg, name, {}};
        OGRLayer* out = (*dst)->GetLayerByName(name.c_str());
        if (!out) {
            CPLStringList lco;
            lco.AddNameValue("FID", "fid");
            lco.AddNameValue("GEOMETRY_NAME", "geom");
            lco.AddNameValue("SPATIAL_INDEX", "GIST");
            out = (*dst)->CreateLayer(name.c_str(), in->GetSpatialRef(), in->GetGeomType(), lco.List());
            if (!out)
                return Error{"cannot create the table: " + redactConnectionString(capture.lastError()), shown, name, {}};
        } else {
            // Existing table: a multi-part source widens a single-part column (counties of a national dataset).
            if (in->GetGeomType() != wkbNone && out->GetGeomType() != wkbNone && flatType(*in) != flatType(*out)) {
                const char* type = OGRToOGCGeomType(in->GetGeomType());
                OGRLayer* r = (*dst)->ExecuteSQL(("ALTER TABLE " + quoteIdent(name) + " ALTER COLUMN geom TYPE geometry(" +
                                                  std::string(type) + ",4490) USING ST_Multi(geom)")
                                                     .c_str(),
                                                 nullptr, nullptr);
                if (r) (*dst)->ReleaseResultSet(r);
                if (!capture.lastError().empty())
                    return Error{"cannot change the geometry type to " + std::string(type) + ": " + capture.lastError(), shown,
                                 name, {}};
            }
            OGRLayer* r = (*dst)->ExecuteSQL(("TRUNCATE " + quoteIdent(name)).c_str(), nullptr, nullptr);
            if (r) (*dst)->ReleaseResultSet(r);
            if (!capture.lastError().empty())
                return Error{"cannot empty the table: " + redactConnectionString(capture.lastError()), shown, name, {}};
        }
        // Columns the target lacks are added (same name and type).
        for (int i = 0; i < in->GetLayerDefn()->GetFieldCount(); ++i) {
            auto* fd = in->GetLayerDefn()->GetFieldDefn(i);
            if (out->GetLayerDefn()->GetFieldIndex(fd->GetNameRef()) >= 0) continue;
            if (!plainIdentifier(fd->GetNameRef()))
                return Error{std::string("the column name '") + fd->GetNameRef() + "' is not a plain name (letters, digits, _)",
                             gpkg, name, {}};
            if (out->CreateField(fd) != OGRERR_NONE)
                return Error{std::string("cannot add the column '") + fd->GetNameRef() + "': " + capture.lastError(), shown,
                             name, {}};
        }
        if (auto s = copyFeatures(*in, *out, versions, shown); !s) return s.error();
    }
    if ((*dst)->CommitTransaction() != OGRERR_NONE)
        return Error{"cannot save the import (commit failed): " + redactConnectionString(capture.lastError()), shown, {}, {}};
    committed = true;
    // Sequences follow the kept fids, so new rows (status changes) get fresh ids.
    auto c = Connection::open(db);
    if (!c) return c.error();
    for (const auto& name : names) {
        auto seq = c->exec("SELECT pg_get_serial_sequence($1, 'fid')", {quoteIdent(name)}, name);
        if (!seq) return seq.error();
        if (PQgetisnull(seq->get(), 0, 0)) continue;
        if (auto s = c->exec("SELECT setval($1::regclass, coalesce((SELECT max(fid) FROM " + quoteIdent(name) + "), 0) + 1, false)",
                             {PQgetvalue(seq->get(), 0, 0)}, name);
            !s)
            return s.error();
    }
    return report;
}

Result<TransferReport> pgExport(const std::string& db, const std::string& gpkg) {
    auto source = DataSource::open(db);
    if (!source) return source.error();
    std::vector<std::string> names;
    for (const auto& info : source->layers())
        if (isProjectLayer(info.name)) names.push_back(info.name);
    if (names.empty()) return Error{"the database holds no project tables", redactConnectionString(db), {}, {}};

    std::optional<DataSource> previous;
    if (std::filesystem::exists(gpkg)) {
        auto p = DataSource::open(gpkg);
        if (p) previous = std::move(*p);
    }
    std::set<std::string> previousLayers;
    if (previous)
        for (const auto& info : previous->layers()) previousLayers.insert(info.name);

    std::vector<Layer> layers;
    TransferReport report;
    for (const auto& name : orderedLayers(names)) {
        auto layer = source->readLayer(name);
        if (!layer) return layer.error();
        // row_version is the server's concurrency bookkeeping: not part of the field copy.
        if (auto iv = layer->fieldIndex("row_version")) {
            layer->fields.erase(layer->fields.begin() + static_cast<std::ptrdiff_t>(*iv));
            for (auto& f : layer->features) f.values.erase(f.values.begin() + static_cast<std::ptrdiff_t>(*iv));
        }
        std::optional<Layer> before;
        if (previousLayers.count(name)) {
            auto b = previous->readLayer(name);
            if (b) before = std::move(*b);
        }
        report.tables.push_back(diffLayers(name, before ? &*before : nullptr, *layer));
        layers.push_back(std::move(*layer));
    }
    previous.reset();
    WriteOptions options;
    options.keepFids = true;
    if (auto s = writeLayersAtomically(gpkg, layers, options); !s) return s.error();
    return report;
}

// ---------------------------------------------------------------------------------------------
// Status changes on a shared server.

Result<RecordSummary> pgRecordStatusChanges(const std::string& db, const std::vector<ChangeRequest>& batch,
                                            const RecordOptions& options) {
    const std::string shown = redactConnectionString(db);
    if (!parseDateLoose(options.recordedAt))
        return Error{"the recording time '" + options.recordedAt + "' is not an ISO date-time", shown, {}, {}};
    auto c = Connection::open(db);
    if (!c) return c.error();
    auto version = schemaVersion(*c);
    if (!version) return version.error();
    if (*version < 2)
        return Error{"the database schema is at version " + std::to_string(*version) + "; run `hongtu db migrate` first", shown,
                     {}, {}};

    PgTransaction tx(*c);
    if (auto s = tx.begin(); !s) return s.error();
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
    std::vector<std::string> conflicts;
    for (const auto& [id, seen] : options.expectedVersions) {
        auto it = current.find(id);
        if (it == current.end() || it->second.second == seen) continue;
        std::string last;
        auto who = c->exec(
            "SELECT status, date::text, coalesce(who, ''), coalesce(recorded_at, '') FROM status_history "
            "WHERE project_id = $1 ORDER BY fid DESC LIMIT 1",
            {id}, "status_history");
        if (who && PQntuples(who->get()) > 0) {
            last = std::string("; the latest change is '") + PQgetvalue(who->get(), 0, 0) + "' on " + PQgetvalue(who->get(), 0, 1);
            const std::string by = PQgetvalue(who->get(), 0, 2), at = PQgetvalue(who->get(), 0, 3);
            if (!by.empty()) last += " by " + by;
            if (!at.empty()) last += " (saved " + at + ")";
        }
        conflicts.push_back("project '" + id + "' was changed by someone else after you loaded it (you saw version " +
                            std::to_string(seen) + ", it is now " + std::to_string(it->second.second) + last +
                            "). Your change was NOT saved: reload the project, check the status and enter it again.");
    }
    if (!conflicts.empty()) {
        std::string message = "conflict: ";
        for (std::size_t i = 0; i < conflicts.size(); ++i) message += (i ? "\n" : "") + conflicts[i];
        return Error{message, shown, "status_history", {}};
    }

    // Validate against the history as committed: the locks keep other editors of these
    // projects waiting until this transaction ends.
    auto validated = validateForSave(readProgressData(db), batch, options, shown);
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
    impl->conn.reset(PQconnectdb(conninfoOf(db).c_str()));
    if (!impl->conn || PQstatus(impl->conn.get()) != CONNECTION_OK)
        return Error{"cannot connect to the database: " +
                         redactConnectionString(trimmed(impl->conn ? PQerrorMessage(impl->conn.get()) : "out of memory")),
                     impl->shown, {}, {}};
    ResultPtr r(PQexec(impl->conn.get(), (std::string("LISTEN ") + kPgChangeChannel).c_str()));
    if (!r || PQresultStatus(r.get()) != PGRES_COMMAND_OK)
        return Error{"cannot listen for changes: " + trimmed(PQerrorMessage(impl->conn.get())), impl->shown, {}, {}};
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
    if (!PQconsumeInput(c)) return Error{"the change listener lost its connection: " + trimmed(PQerrorMessage(c)), impl_->shown, {}, {}};
    drain();
    if (tables.empty() && timeoutMs > 0) {
        pollfd p{PQsocket(c), POLLIN, 0};
        if (::poll(&p, 1, timeoutMs) > 0) {
            if (!PQconsumeInput(c))
                return Error{"the change listener lost its connection: " + trimmed(PQerrorMessage(c)), impl_->shown, {}, {}};
            drain();
        }
    }
    return tables;
}

}  // namespace hongtu::geo
