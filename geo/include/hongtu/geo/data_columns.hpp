#pragma once
// Field titles stored with a GeoPackage project: the standard table gpkg_data_columns
// (OGC 12-128r18, "Schema" extension) gives a column of a table a human-readable title
// ("项目编号" for project_id) and description. Read-only here; the viewer shows the titles in
// identify and the attribute table, before its built-in table of titles.

#include <string>
#include <vector>

#include "hongtu/geo/result.hpp"

namespace hongtu::geo {

struct ColumnTitle {
    std::string table;        // table_name
    std::string column;       // column_name
    std::string title;        // title, else name (when it differs from the column)
    std::string description;  // may be empty
    friend bool operator==(const ColumnTitle&, const ColumnTitle&) = default;
};

// Every row of gpkg_data_columns with a title, in table then column order. A GeoPackage
// without the table (most have none), or a source that is not a GeoPackage, gives an empty
// list; a file that cannot be opened is an error naming it.
[[nodiscard]] Result<std::vector<ColumnTitle>> readColumnTitles(const std::string& path);

}  // namespace hongtu::geo
