#include "hongtu/geo/progress/status_saving.hpp"

#include "hongtu/geo/datasource.hpp"
#include "hongtu/geo/pg/store.hpp"

namespace hongtu::geo::progress {

Result<RecordSummary> saveStatusChanges(const std::string& path, const std::vector<ChangeRequest>& batch,
                                        const RecordOptions& options) {
    if (isPostgresSource(path)) return pg::pgRecordStatusChanges(path, batch, options);
    return recordStatusChanges(path, batch, options);
}

}  // namespace hongtu::geo::progress
