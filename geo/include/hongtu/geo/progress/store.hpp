#pragma once
// Reading the progress tables of a project (a GeoPackage: venue_projects, housing_projects,
// status_history, counties, townships) into ProgressData, and appending validated status
// changes to status_history in one SQLite transaction. Nothing is ever updated or deleted:
// every change is a new row. A process killed during a save leaves the old state or the new
// one, never a mix (SQLite's rollback journal; see docs/progress.md).

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "hongtu/geo/datasource.hpp"
#include "hongtu/geo/progress/progress.hpp"
#include "hongtu/geo/result.hpp"

namespace hongtu::geo::progress {

// Reads the project's progress tables. Dates are read whether the columns are GeoPackage DATE
// or TEXT (see parseFlexibleDate, without Excel serials). Errors name the file, the table and the row.
[[nodiscard]] Result<ProgressData> readProgressData(const std::string& path);
// recoverInterruptedSave() lives in datasource.hpp (DataSource::open calls it).

// readProgressData + ProgressModel::create.
[[nodiscard]] Result<ProgressModel> loadProgress(const std::string& path);

struct RecordOptions {
    // When the save happens, ISO 8601 UTC ("2018-07-02T09:30:00Z"): the caller's clock. Its
    // date part is "today" for validation (no change may be dated later).
    std::string recordedAt;
    // Where the batch came from (a spreadsheet path), named in the messages; empty for a form.
    std::string batchSource;
    // Called after each row is written, inside the transaction, before the commit (tests use
    // it to kill the process mid-save).
    std::function<void(std::size_t rowsWritten)> afterRow;
    // PostGIS projects: the row_version of each project as the editor saw it (Project::version).
    // When another editor saved a change of that project since, the save is refused with a
    // conflict naming the latest change, and nothing is written (see pg/store.hpp).
    std::map<std::string, std::int64_t> expectedVersions;
};

struct RecordSummary {
    std::vector<StatusChange> saved;  // as written, with their new status_history row ids
    bool migrated = false;            // who / recorded_at / previous_status columns were added
};

// Validates `batch` against the history as it is in the file at the time of the save, then
// appends every change as a new status_history row, all in one transaction: a refused batch
// (any row) changes nothing and the error lists every refused row. Adds the columns who,
// recorded_at and previous_status (TEXT) to status_history when absent, in the same
// transaction. GeoPackage projects only (edited through GDAL/SQLite): a PostGIS project ("PG:...")
// is saved by pgRecordStatusChanges, and saveStatusChanges (status_saving.hpp, hongtu_geo_pg)
// picks the one for a path.
[[nodiscard]] Result<RecordSummary> recordStatusChanges(const std::string& path, const std::vector<ChangeRequest>& batch,
                                                        const RecordOptions& options);

// The save-time check both stores share: `batch` validated against `data` (the history as it is
// in the store inside the save's transaction). The validated changes, or one error listing every
// refused row, naming `shownFile` when the row has no file of its own.
[[nodiscard]] Result<std::vector<StatusChange>> validateForSave(Result<ProgressData> data, const std::vector<ChangeRequest>& batch,
                                                                const RecordOptions& options, const std::string& shownFile);

// The unsaved edits of a session as requests, for recordStatusChanges (revalidated on save).
[[nodiscard]] std::vector<ChangeRequest> toRequests(const std::vector<StatusChange>& changes);

// Reads a batch from a CSV or spreadsheet with the columns project_id, status, date and
// optionally note and who (empty who falls back to `defaultWho`). Rows are numbered as the
// planner sees them: the header is line/row 1, the first change is 2.
[[nodiscard]] Result<std::vector<ChangeRequest>> readChangeRequests(const std::string& path,
                                                                    const std::string& defaultWho = {});

}  // namespace hongtu::geo::progress
