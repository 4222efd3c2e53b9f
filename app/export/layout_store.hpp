#pragma once
// Layouts saved in the project GeoPackage (table hongtu_layouts: name, json), each saved in
// place in one transaction; a name not saved there falls back to the built-in template of that name.

#include <string>
#include <vector>

#include "export/layout.hpp"
#include "hongtu/geo/project_schema.hpp"
#include "hongtu/geo/result.hpp"

namespace hongtu::exporting {

inline constexpr const char* kLayoutTable = geo::schema::kLayouts;

// The project's saved layouts (none when the table does not exist). A stored layout whose
// JSON is bad is left out; when `skipped` is given it gets an error naming the table, the
// layout and the key.
[[nodiscard]] geo::Result<std::vector<PageLayout>> loadStoredLayouts(const std::string& projectPath,
                                                                     std::vector<geo::Error>* skipped = nullptr);
// Adds or replaces `layout` (by name) in the project, keeping the other layouts: one
// transaction in place (geo::ProjectStore).
[[nodiscard]] geo::Status saveLayout(const std::string& projectPath, const PageLayout& layout);
// Deletes the stored layout `name`; true when there was one.
[[nodiscard]] geo::Result<bool> deleteLayout(const std::string& projectPath, const std::string& name);
// `nameOrFile`: a .json file, a layout saved in the project, or a built-in template.
[[nodiscard]] geo::Result<PageLayout> resolveLayout(const std::string& projectPath, const std::string& nameOrFile);

}  // namespace hongtu::exporting
