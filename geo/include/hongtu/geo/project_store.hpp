#pragma once
// The one door to a project for every change: a GeoPackage (or a PostGIS project read through
// GDAL) opened once, and every change made as ONE transaction in place.
//
// - Never a copy of the file renamed over it: another program's save (a county office's status
//   change, QGIS editing the same file, a file in WAL mode) is never overwritten.
// - SQLite: the write lock is taken when the transaction starts (the equivalent of BEGIN
//   IMMEDIATE), waiting up to StoreOptions::lockTimeoutMs for another writer; a writer that
//   cannot get it changes nothing and says which process holds the file.
// - A failure inside the change (an error returned, an exception, a killed process) leaves the
//   file exactly as it was: SQLite rolls the transaction back.
//
// Reading is the DataSource's job (store.source()); reads made through the ProjectWriter see the
// transaction's own changes. Table names of a project live in project_schema.hpp.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "hongtu/geo/datasource.hpp"
#include "hongtu/geo/result.hpp"

namespace hongtu::geo {

struct StoreOptions {
    // How long to wait for another program's lock, in milliseconds; -1 = defaultLockTimeoutMs()
    // (HONGTU_LOCK_TIMEOUT_MS, else 15 s).
    int lockTimeoutMs = -1;
};

// The changes of one transaction. Only valid inside ProjectStore::write.
class ProjectWriter {
public:
    [[nodiscard]] bool hasTable(const std::string& name) const;
    // Reads a whole table as it is inside this transaction.
    [[nodiscard]] Result<Layer> read(const std::string& name) const;
    // Replaces the table `layer.name` by `layer` (drops and re-creates it), or adds it.
    [[nodiscard]] Status replaceLayer(const Layer& layer, const WriteOptions& options = {});
    // Deletes the rows of `table` whose column `column` holds the text `value`; returns how many.
    // A table that does not exist has no rows to delete.
    [[nodiscard]] Result<std::int64_t> deleteRows(const std::string& table, const std::string& column,
                                                  const std::string& value);
    // Puts each row of `rows` into the table `rows.name`: a row whose column `keyColumn` holds
    // the same text as an existing row's replaces that row's values in place (keeping its place
    // and id), the others are appended. Table and columns are created as in appendRows.
    [[nodiscard]] Status upsertRows(const Layer& rows, const std::string& keyColumn);
    // Appends the rows of `rows` (matched to the table's columns by name) to the table
    // `rows.name`; the table (without geometry) and missing columns are created first.
    [[nodiscard]] Status appendRows(const Layer& rows);
    // The project as GDAL sees it inside the transaction (geo's own store code only).
    [[nodiscard]] const DataSource& source() const { return source_; }
    [[nodiscard]] const std::string& shownPath() const { return shown_; }

private:
    friend class ProjectStore;
    ProjectWriter(const DataSource& source, std::string shown) : source_(source), shown_(std::move(shown)) {}
    const DataSource& source_;
    std::string shown_;
};

class ProjectStore {
public:
    // Opens the project at `path` (a GeoPackage file, or a PG: connection string) for reading
    // and changing. The error names the path (passwords removed).
    [[nodiscard]] static Result<ProjectStore> open(const std::string& path, const StoreOptions& options = {});

    ProjectStore(ProjectStore&&) noexcept;
    ProjectStore& operator=(ProjectStore&&) noexcept;
    ~ProjectStore();

    [[nodiscard]] const DataSource& source() const { return *source_; }
    [[nodiscard]] const std::string& path() const { return path_; }
    [[nodiscard]] std::string shownPath() const { return redactConnectionString(path_); }
    [[nodiscard]] bool hasTable(const std::string& name) const;
    [[nodiscard]] Result<Layer> read(const std::string& name) const;

    // Runs `change` inside one transaction and commits it when it returns Done; on an error (or
    // an exception, which is passed on) nothing of it is kept. A project locked by another
    // program longer than the lock timeout gives an error that names the process holding it.
    [[nodiscard]] Status write(const std::function<Status(ProjectWriter&)>& change);

private:
    ProjectStore(std::string path, std::unique_ptr<DataSource> source, bool sqlite, int lockTimeoutMs);
    void rollBack();
    std::string path_;
    std::unique_ptr<DataSource> source_;
    bool sqlite_ = false;
    int lockTimeoutMs_ = 0;
};

// Who holds a lock on the SQLite file at `path`, e.g. "process 4242 (hongtu import t.csv …)",
// or "" when no other process on this machine does (or it cannot be told).
[[nodiscard]] std::string describeLockHolder(const std::string& path);

}  // namespace hongtu::geo
