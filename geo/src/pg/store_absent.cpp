// pg/store.hpp in a build configured with HONGTU_WITH_POSTGIS=OFF (no libpq): every entry point
// that would talk to a server answers kNoPostgisSupport, naming the connection (password removed).
// Built instead of pg/store.cpp, never together with it (geo/CMakeLists.txt).
#include "hongtu/geo/pg/store.hpp"

#include <utility>

namespace hongtu::geo::pg {

// The progress vocabulary this file speaks (geo::progress).
using progress::ChangeRequest;
using progress::RecordOptions;
using progress::RecordSummary;

namespace {
Error noPostgis(const std::string& db) { return Error{kNoPostgisSupport, redactConnectionString(db), {}, {}}; }
}  // namespace

bool hasPostgisSupport() { return false; }

int pgLatestSchemaVersion() { return 0; }

Result<SchemaReport> pgInit(const std::string& db) { return noPostgis(db); }
Result<SchemaReport> pgMigrate(const std::string& db) { return noPostgis(db); }
Result<StoreStatus> pgStatus(const std::string& db) { return noPostgis(db); }

Result<PgTimeouts> pgTimeouts() { return Error{kNoPostgisSupport, {}, {}, {}}; }
Result<std::string> pgSessionConnInfo(const std::string& db) { return noPostgis(db); }
// No session of this build talks to PostgreSQL through libpq; GDAL's own PostgreSQL driver, when
// present, keeps the environment the user gave it.
void applyPgSessionDefaultsToEnvironment() {}

// No import or export runs in this build, so no report is ever filled.
std::string TransferReport::text() const { return {}; }

Result<TransferReport> pgImport(const std::string&, const std::string& db, const ImportOptions&) { return noPostgis(db); }
Result<TransferReport> pgExport(const std::string& db, const std::string&, const ExportOptions&) { return noPostgis(db); }
Result<RecordSummary> pgRecordStatusChanges(const std::string& db, const std::vector<ChangeRequest>&, const RecordOptions&) {
    return noPostgis(db);
}
Result<std::vector<ProjectHit>> pgSearchProjects(const std::string& db, const std::string&, int) { return noPostgis(db); }

struct PgChangeListener::Impl {};
Result<PgChangeListener> PgChangeListener::listen(const std::string& db) { return noPostgis(db); }
PgChangeListener::PgChangeListener(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PgChangeListener::PgChangeListener(PgChangeListener&&) noexcept = default;
PgChangeListener& PgChangeListener::operator=(PgChangeListener&&) noexcept = default;
PgChangeListener::~PgChangeListener() = default;
int PgChangeListener::socket() const { return -1; }
Result<std::vector<std::string>> PgChangeListener::poll(int) { return Error{kNoPostgisSupport, {}, {}, {}}; }

}  // namespace hongtu::geo::pg
