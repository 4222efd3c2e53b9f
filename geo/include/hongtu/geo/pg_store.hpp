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

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "hongtu/geo/progress_store.hpp"
#include "hongtu/geo/result.hpp"

namespace hongtu::geo {

// True for "PG:..." connection strings.
[[nodiscard]] bool isPostgresSource(const std::string& source);

// The newest schema this build knows (the migrations applied by pgInit/pgMigrate).
[[nodiscard]] int pgLatestSchemaVersion();

struct SchemaReport {
    int before = 0;                     // 0 = not a Hongtu database yet
    int after = 0;
    std::vector<std::string> applied;   // "2: row versions, append-only history, change notifications"
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
    std::string server;                 // "PostgreSQL 15.18, PostGIS 3.3"
    std::vector<TableCount> tables;
};
[[nodiscard]] Result<StoreStatus> pgStatus(const std::string& db);

// Rows added / changed / removed per table, keyed by feature id (fid).
struct TableDiff {
    std::string table;
    std::int64_t added = 0, changed = 0, removed = 0, unchanged = 0;
    bool created = false;               // the table did not exist at the target
};
struct TransferReport {
    std::vector<TableDiff> tables;
    // One line per table: "villages: 12 added, 3 changed, 0 removed, 2441 unchanged".
    [[nodiscard]] std::string text() const;
};

// Copies every layer of the GeoPackage `gpkg` into the PostGIS project `db` (creating the
// schema first when needed), replacing the rows of those tables, in ONE transaction: any
// failure leaves the database as it was. Feature ids are kept; row_version moves on for the
// project rows whose content changed. Layer names must be plain identifiers (letters, digits,
// underscore).
[[nodiscard]] Result<TransferReport> pgImport(const std::string& gpkg, const std::string& db);

// Writes the PostGIS project `db` to the GeoPackage `gpkg` (atomically: the file is replaced
// only when everything was written); the report compares with the file that was there.
// Server-side columns (row_version) are left out.
[[nodiscard]] Result<TransferReport> pgExport(const std::string& db, const std::string& gpkg);

// Status changes saved into a PostGIS project (recordStatusChanges calls this for PG: paths).
// One transaction: the project rows are locked (SELECT ... FOR UPDATE), their row_version is
// checked against options.expectedVersions, the batch is validated against the history as
// committed, the rows are appended and the versions moved on. A lost connection rolls back.
[[nodiscard]] Result<RecordSummary> pgRecordStatusChanges(const std::string& db, const std::vector<ChangeRequest>& batch,
                                                          const RecordOptions& options);

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

}  // namespace hongtu::geo
