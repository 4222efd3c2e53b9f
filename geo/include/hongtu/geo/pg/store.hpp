#pragma once
// A project kept in PostgreSQL/PostGIS instead of a GeoPackage, for many editors at once.
//
// The same tables as a GeoPackage project (counties, townships, villages, ..., status_history),
// created and migrated by Hongtu (a hongtu_schema_version table records what was applied).
// Bulk data moves through GDAL's PostgreSQL driver; progress edits, transactions, locks and
// LISTEN/NOTIFY go through libpq, every user value as a bound parameter ($1, $2, ...).
//
// Concurrency: status changes are append-only rows (a trigger refuses UPDATE and DELETE on
// status_history). Every project row carries a row_version; an editor who saw version N and
// saves after someone else moved it on gets a conflict naming who changed it, never an
// overwrite (see recordStatusChanges and RecordOptions::expectedVersions).
//
// Connections: "PG:service=NAME" (pg_service.conf / PGSERVICEFILE), "PG:host=... dbname=..."
// or "PG:" with the PG* environment. Passwords belong in the service file or ~/.pgpass, never
// in a project; every message shows the connection string with the password removed.
//
// This is the hongtu_geo_pg library (the only one that links libpq). A build configured with
// HONGTU_WITH_POSTGIS=OFF has the same functions, each answering kNoPostgisSupport.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "hongtu/geo/datasource.hpp"  // isPostgresSource
#include "hongtu/geo/progress/store.hpp"
#include "hongtu/geo/result.hpp"

namespace hongtu::geo::pg {

// What every entry point below answers in a build without PostGIS (HONGTU_WITH_POSTGIS=OFF).
inline constexpr const char* kNoPostgisSupport =
    "this build has no PostGIS support (configured with HONGTU_WITH_POSTGIS=OFF)";
// False in such a build.
[[nodiscard]] bool hasPostgisSupport();

// The newest schema this build knows (the migrations applied by pgInit/pgMigrate).
[[nodiscard]] int pgLatestSchemaVersion();

struct SchemaReport {
    int before = 0;  // 0 = not a Hongtu database yet
    int after = 0;
    std::vector<std::string> applied;  // "2: row versions, append-only history, change notifications"
};

// Creates the schema in an empty database (PostGIS extension, project tables, history,
// versions) and applies every migration; on an existing Hongtu database it only migrates.
// Each migration runs in its own transaction: a failure leaves the previous version intact.
[[nodiscard]] Result<SchemaReport> pgInit(const std::string& db);
// Applies the migrations missing from an existing Hongtu database (refuses an empty one).
[[nodiscard]] Result<SchemaReport> pgMigrate(const std::string& db);

struct TableCount {
    std::string table;
    std::int64_t rows = 0;
};
struct StoreStatus {
    int schemaVersion = 0;
    std::string server;  // "PostgreSQL 15.18, PostGIS 3.3"
    std::vector<TableCount> tables;
};
[[nodiscard]] Result<StoreStatus> pgStatus(const std::string& db);

// --- Sessions: every PostgreSQL session Hongtu opens waits a bounded time ----------------------
//
// lock_timeout, statement_timeout and idle_in_transaction_session_timeout are set on every
// session (libpq and GDAL's PostgreSQL driver alike, through the connection's `options`), and
// connect_timeout on every connection. Defaults: lock 10s, statement 10min, idle in a
// transaction 10min, connect 10 s. Each can be changed by an environment variable
// (HONGTU_PG_LOCK_TIMEOUT, HONGTU_PG_STATEMENT_TIMEOUT, HONGTU_PG_IDLE_TIMEOUT: a PostgreSQL
// duration such as "500ms", "30s", "5min" or a number of milliseconds; HONGTU_PG_CONNECT_TIMEOUT:
// seconds) or by the connection string itself (options='-c lock_timeout=2s', connect_timeout=3:
// what the connection string says wins).
struct PgTimeouts {
    std::string lock = "10s";
    std::string statement = "10min";
    std::string idleInTransaction = "10min";
    int connectSeconds = 10;
};
// The defaults above with the environment applied; an error names a malformed variable.
[[nodiscard]] Result<PgTimeouts> pgTimeouts();
// The libpq connection string Hongtu uses for `db` ("PG:..." or a bare conninfo/URI): the
// caller's settings plus the timeouts and application_name "hongtu <pid>@<host>" (so an
// administrator sees who holds a lock). Without the "PG:" prefix.
[[nodiscard]] Result<std::string> pgSessionConnInfo(const std::string& db);
// Sets PGOPTIONS / PGCONNECT_TIMEOUT (when not set already) so that PostgreSQL sessions opened
// by other code in this process (GDAL readers of a PG: project) get the same timeouts. Call it
// once at program start, before threads.
void applyPgSessionDefaultsToEnvironment();

// --- Moving a project between a GeoPackage and the server ---------------------------------------

// Per table, by feature id (fid).
struct TableDiff {
    std::string table;
    std::int64_t added = 0, changed = 0, removed = 0, unchanged = 0;
    std::int64_t keptOnServer = 0;   // import: rows only on the server (added there, or no export record), kept
    std::int64_t newerOnServer = 0;  // import: changed on the server only since the export, kept as the server has it
    std::int64_t conflicts = 0;      // import: changed on both sides (or unknown base), see TransferReport::conflicts
    bool created = false;            // the table did not exist at the target
    bool onlyInFile = false;         // export: a layer of the target file that the database does not have (kept)
};
// A row changed on both sides since the last export (or one the importer cannot tell).
struct RowConflict {
    std::string table;
    std::int64_t fid = 0;
    std::string label;      // project_id / code / name of the row, when it has one
    std::string what;       // "changed in the file and on the server", ...
    bool tookFile = false;  // --prefer file: the file's version was written
};
struct TransferReport {
    std::vector<TableDiff> tables;
    std::vector<RowConflict> conflicts;
    std::vector<std::string> notes;  // plain sentences (e.g. "the file was not exported from this database")
    // One line per table: "villages: 12 added, 3 changed, 0 removed, 2441 unchanged", then the
    // conflicts, one per line.
    [[nodiscard]] std::string text() const;
};

struct ImportOptions {
    // A row changed both in the file and on the server since the export: by default the server's
    // version stays (and the conflict is listed); preferFile writes the file's version instead.
    bool preferFile = false;
};

// Merges every layer of the GeoPackage `gpkg` into the PostGIS project `db` (creating the schema
// first when needed), in ONE transaction that first takes the project's write lock (the advisory
// lock editors take, then LOCK TABLE ... IN EXCLUSIVE MODE, readers are not blocked): any failure
// or a lock not obtained within the lock timeout leaves the database as it was. Nothing is
// truncated:
//  - status_history is append-only: the file's changes that are not on the server are appended
//    (with a fresh id when their id is taken by another change); the server's rows are never
//    removed or rewritten.
//  - other tables, by fid: rows new in the file are added; a row changed only in the file is
//    updated; a row changed only on the server stays; a row changed on both sides is a conflict
//    (listed, the server's version stays unless options.preferFile); a row the file deleted is
//    deleted only when the server did not change it. "Since the export" comes from the export
//    record `db export` writes into the GeoPackage (hongtu_export_base); a file without a record
//    from this database has no base: a row that differs is a conflict, a row only on the server
//    stays.
//  - row_version of a project row only moves forward (+1 when the import changes the row).
//  - sequences are moved past the highest id inside the same transaction.
// Layer and column names must be plain identifiers (letters, digits, underscore).
[[nodiscard]] Result<TransferReport> pgImport(const std::string& gpkg, const std::string& db,
                                              const ImportOptions& options = {});

struct ExportOptions {
    // The target exists: without force the export refuses (nothing written). With force, the
    // database's tables replace those of the file, in place; the file's other layers stay and
    // the report names them and the rows the file had that the database does not.
    bool force = false;
};

// Writes every table of the PostGIS project `db` into the GeoPackage `gpkg`, plus the export record
// (hongtu_export_base, hongtu_export_info: per row a hash of its content, and this database's id)
// that a later `db import` of the file uses to tell what changed on which side. The report lists
// every layer: the database's tables (compared with the file that was there) and the layers only
// in the file. Server-side columns (row_version) are left out.
[[nodiscard]] Result<TransferReport> pgExport(const std::string& db, const std::string& gpkg,
                                              const ExportOptions& options = {});

// Status changes saved into a PostGIS project (saveStatusChanges calls this for PG: paths).
// One transaction on one connection: the editors' shared advisory lock (an import holds it
// exclusively), the project rows locked (SELECT ... FOR UPDATE), their row_version checked against
// options.expectedVersions, the batch validated against the history as committed (read in the
// same transaction), the rows appended and the versions moved on. A lost connection rolls back; a
// lock not obtained within the lock timeout changes nothing and says so.
[[nodiscard]] Result<progress::RecordSummary> pgRecordStatusChanges(const std::string& db,
                                                                    const std::vector<progress::ChangeRequest>& batch,
                                                                    const progress::RecordOptions& options);

struct ProjectHit {
    std::string projectId, table, name, countyCode;
    std::int64_t version = 0;
};
// Projects whose id or village/township name contains `text` (a literal: % and _ match
// themselves), at most `limit`, sorted by project id.
[[nodiscard]] Result<std::vector<ProjectHit>> pgSearchProjects(const std::string& db, const std::string& text,
                                                               int limit = 50);

// LISTEN on the project's change channel. Every committed change of a project table sends a
// notification naming the table (a trigger installed by the schema).
class PgChangeListener {
public:
    [[nodiscard]] static Result<PgChangeListener> listen(const std::string& db);
    PgChangeListener(PgChangeListener&&) noexcept;
    PgChangeListener& operator=(PgChangeListener&&) noexcept;
    ~PgChangeListener();
    // The socket to watch for readability (e.g. with a QSocketNotifier); -1 when closed.
    [[nodiscard]] int socket() const;
    // Waits up to timeoutMs (0 = just check) and returns the tables named by the notifications
    // received, in order (empty when none). An error when the connection is lost.
    [[nodiscard]] Result<std::vector<std::string>> poll(int timeoutMs);

private:
    struct Impl;
    explicit PgChangeListener(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

// The channel name used by the notify trigger.
inline constexpr const char* kPgChangeChannel = "hongtu_changes";

}  // namespace hongtu::geo::pg
