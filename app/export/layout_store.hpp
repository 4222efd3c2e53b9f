#pragma once
// Layouts saved in the project GeoPackage (table hongtu_layouts: name, json), written
// atomically; a name not saved there falls back to the built-in template of that name.

#include <string>
#include <vector>

#include "export/layout.hpp"
#include "hongtu/geo/result.hpp"

namespace hongtu::exporting {

inline constexpr const char* kLayoutTable = "hongtu_layouts";

// The project's saved layouts (none when the table does not exist). A stored layout whose
// JSON is bad gives an error naming the table, the layout and the key.
[[nodiscard]] geo::Result<std::vector<PageLayout>> loadStoredLayouts(const std::string& projectPath);
// Adds or replaces `layout` (by name) in the project, keeping the other layouts.
[[nodiscard]] geo::Status saveLayout(const std::string& projectPath, const PageLayout& layout);
// `nameOrFile`: a .json file, a layout saved in the project, or a built-in template.
[[nodiscard]] geo::Result<PageLayout> resolveLayout(const std::string& projectPath, const std::string& nameOrFile);

}  // namespace hongtu::exporting
