#pragma once
// Saving status changes into a project, whichever store holds it: a GeoPackage file through
// recordStatusChanges (progress/store.hpp), a PostGIS project ("PG:...") through
// pg::pgRecordStatusChanges (pg/store.hpp). Part of hongtu_geo_pg, so that hongtu_geo never depends
// on the PostGIS backend; in a build without PostGIS a PG: project gets kNoPostgisSupport.

#include <string>
#include <vector>

#include "hongtu/geo/progress/store.hpp"
#include "hongtu/geo/result.hpp"

namespace hongtu::geo::progress {

// recordStatusChanges for a file, pgRecordStatusChanges for "PG:..." (same batch, same options,
// same guarantees: one transaction, every refused row listed, nothing written on refusal).
[[nodiscard]] Result<RecordSummary> saveStatusChanges(const std::string& path, const std::vector<ChangeRequest>& batch,
                                                      const RecordOptions& options);

}  // namespace hongtu::geo::progress
