#include "hongtu/geo/data_columns.hpp"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <filesystem>
#include <memory>

#include "gdal_support.hpp"

namespace hongtu::geo {

namespace {
std::string text(OGRFeature& f, const char* field) {
    const int i = f.GetFieldIndex(field);
    return i >= 0 && f.IsFieldSetAndNotNull(i) ? std::string(f.GetFieldAsString(i)) : std::string();
}
}  // namespace

Result<std::vector<ColumnTitle>> readColumnTitles(const std::string& path) {
    detail::ensureGdal();
    std::vector<ColumnTitle> out;
    if (!std::filesystem::exists(path)) return Error{"the file does not exist", path, {}, {}};
    detail::GdalErrorCapture capture;
    auto opened = detail::openVector(path, false);
    if (!opened) return opened.error();
    detail::DatasetPtr ds = std::move(opened).value();
    if (!ds->GetDriver() || std::string(ds->GetDriver()->GetDescription()) != "GPKG") return out;
    // The table is optional: ask sqlite_master first, so a missing table is not an error.
    OGRLayer* exists = ds->ExecuteSQL("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'gpkg_data_columns'", nullptr, nullptr);
    const bool present = exists && exists->GetFeatureCount() > 0;
    if (exists) ds->ReleaseResultSet(exists);
    if (!present) return out;
    OGRLayer* rows = ds->ExecuteSQL(
        "SELECT table_name, column_name, name, title, description FROM gpkg_data_columns ORDER BY table_name, column_name", nullptr, nullptr);
    if (!rows) return Error{"gpkg_data_columns cannot be read: " + capture.lastError(), path, {}, {}};
    for (auto& f : *rows) {
        ColumnTitle t{text(*f, "table_name"), text(*f, "column_name"), text(*f, "title"), text(*f, "description")};
        if (t.title.empty()) {
            const std::string name = text(*f, "name");
            if (name != t.column) t.title = name;
        }
        if (!t.table.empty() && !t.column.empty() && !t.title.empty()) out.push_back(std::move(t));
    }
    ds->ReleaseResultSet(rows);
    return out;
}

}  // namespace hongtu::geo
