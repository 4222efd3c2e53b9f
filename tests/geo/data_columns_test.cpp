// gpkg_data_columns (geo/data_columns.hpp): titles read from a GeoPackage made here with GDAL;
// a GeoPackage without the table and a missing file.
#include <catch2/catch_test_macros.hpp>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <filesystem>
#include <string>

#include "hongtu/geo/data_columns.hpp"

using namespace hongtu;
namespace fs = std::filesystem;

namespace {

// A GeoPackage with one table "venue_projects" (project_id, budget_yuan); `titles` adds the
// gpkg_data_columns table with two rows.
std::string makeGpkg(const fs::path& dir, bool titles) {
    GDALAllRegister();
    const std::string path = (dir / (titles ? "with.gpkg" : "without.gpkg")).string();
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
    REQUIRE(driver != nullptr);
    GDALDataset* ds = driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
    REQUIRE(ds != nullptr);
    OGRLayer* layer = ds->CreateLayer("venue_projects", nullptr, wkbNone, nullptr);
    REQUIRE(layer != nullptr);
    OGRFieldDefn id("project_id", OFTString), budget("budget_yuan", OFTInteger64);
    REQUIRE(layer->CreateField(&id) == OGRERR_NONE);
    REQUIRE(layer->CreateField(&budget) == OGRERR_NONE);
    if (titles) {
        for (const char* sql : {
                 "CREATE TABLE gpkg_data_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, name TEXT, title TEXT, "
                 "description TEXT, mime_type TEXT, constraint_name TEXT, CONSTRAINT pk_gdc PRIMARY KEY (table_name, column_name))",
                 "INSERT INTO gpkg_data_columns (table_name, column_name, name, title, description) VALUES "
                 "('venue_projects', 'project_id', 'project_id', '项目编号', '村级组织活动场所项目的编号')",
                 "INSERT INTO gpkg_data_columns (table_name, column_name, name, title) VALUES "
                 "('venue_projects', 'budget_yuan', '预算（元）', NULL)",
                 "INSERT INTO gpkg_data_columns (table_name, column_name, name, title) VALUES "
                 "('venue_projects', 'kind', 'kind', NULL)"}) {
            OGRLayer* r = ds->ExecuteSQL(sql, nullptr, "SQLITE");
            if (r) ds->ReleaseResultSet(r);
        }
    }
    GDALClose(ds);
    return path;
}

}  // namespace

TEST_CASE("data_columns: titles come from gpkg_data_columns, the name when there is no title", "[data_columns]") {
    const fs::path dir = fs::temp_directory_path() / "hongtu_data_columns_test";
    fs::remove_all(dir);
    fs::create_directories(dir);
    const auto titles = geo::readColumnTitles(makeGpkg(dir, true));
    REQUIRE(titles);
    REQUIRE(titles->size() == 2);  // 'kind' has neither a title nor a name of its own
    CHECK((*titles)[0] == geo::ColumnTitle{"venue_projects", "budget_yuan", "预算（元）", ""});
    CHECK((*titles)[1] == geo::ColumnTitle{"venue_projects", "project_id", "项目编号", "村级组织活动场所项目的编号"});

    const auto none = geo::readColumnTitles(makeGpkg(dir, false));
    REQUIRE(none);
    CHECK(none->empty());

    const auto missing = geo::readColumnTitles((dir / "nope.gpkg").string());
    REQUIRE_FALSE(missing);
    CHECK(missing.error().toString().find("nope.gpkg") != std::string::npos);
    fs::remove_all(dir);
}
