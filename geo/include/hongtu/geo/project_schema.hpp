#pragma once
// The tables of a Hongtu project, in one place: their names, geometry and columns. The
// GeoPackage writers (dataset generators, `hongtu new`), the PostGIS store's DDL (`db init`,
// `db migrate`) and the readers all take the names from here.

#include <string>
#include <string_view>
#include <vector>

#include "hongtu/geo/feature.hpp"

namespace hongtu::geo::schema {

// Map layers.
inline constexpr const char* kCounties = "counties";
inline constexpr const char* kTownships = "townships";
inline constexpr const char* kVillages = "villages";
inline constexpr const char* kCountySeats = "county_seats";
inline constexpr const char* kMemorialSites = "memorial_sites";
// Programme data (attribute tables).
inline constexpr const char* kVenueProjects = "venue_projects";
inline constexpr const char* kHousingProjects = "housing_projects";
inline constexpr const char* kHousingFacilities = "housing_facilities";
inline constexpr const char* kStatusHistory = "status_history";
inline constexpr const char* kCountyIndicators = "county_indicators";
inline constexpr const char* kLayerMetadata = "layer_metadata";
// Bookkeeping written by Hongtu itself.
inline constexpr const char* kImports = "hongtu_imports";
inline constexpr const char* kLayerStyles = "hongtu_layer_styles";
inline constexpr const char* kLayouts = "hongtu_layouts";

struct Column {
    const char* name;
    FieldType type;
};

struct TableSpec {
    const char* name;
    Geometry::Kind geometry;      // Empty: an attribute table
    std::vector<Column> columns;  // without fid and geometry
    bool versioned = false;       // rows carry row_version on a PostGIS project (optimistic saves)
};

// The project tables, in the order they are created, imported and exported (a table is listed
// after the tables its codes refer to).
[[nodiscard]] const std::vector<TableSpec>& projectTables();

// The spec of `name`, or nullptr.
[[nodiscard]] const TableSpec* find(std::string_view name);

// Tables Hongtu writes for itself; they are never import targets or data layers.
[[nodiscard]] bool isBookkeepingTable(std::string_view name);

}  // namespace hongtu::geo::schema
