#include "hongtu/geo/project_schema.hpp"

namespace hongtu::geo::schema {

const std::vector<TableSpec>& projectTables() {
    using K = Geometry::Kind;
    constexpr FieldType T = FieldType::Text, I = FieldType::Integer, R = FieldType::Real, D = FieldType::Date;
    static const std::vector<TableSpec> tables{
        {kCounties, K::Polygon, {{"county_code", T}, {"name", T}, {"city_code", T}, {"label_lon", R}, {"label_lat", R}, {"source", T}}},
        {kTownships, K::Point, {{"township_code", T}, {"name", T}, {"county_code", T}, {"kind", T}, {"position_source", T}}},
        {kVillages, K::Point, {{"village_code", T}, {"name", T}, {"township_code", T}, {"county_code", T}, {"kind", T}, {"has_collective_income", I}, {"position_source", T}}},
        {kCountySeats, K::Point, {{"county_code", T}, {"name_zh", T}, {"geonames_name", T}, {"source", T}, {"position_source", T}}},
        {kMemorialSites, K::Point, {{"id", T}, {"name_zh", T}, {"name_en", T}, {"county", T}, {"county_code", T}, {"township", T}, {"village", T}, {"coord_uncertainty_km", R}, {"coord_status", T}, {"category", T}, {"confidence", T}, {"position_source", T}, {"visit_minutes", I}, {"visit_minutes_status", T}, {"opening_hours", T}, {"hours_status", T}, {"phone", T}, {"source", T}}},
        {kVenueProjects, K::Empty, {{"project_id", T}, {"kind", T}, {"village_code", T}, {"village_name", T}, {"township_code", T}, {"county_code", T}, {"planned_start", D}, {"planned_completion", D}, {"budget_yuan", I}, {"floor_area_m2", I}, {"synthetic", I}}, true},
        {kHousingProjects, K::Empty, {{"project_id", T}, {"township_code", T}, {"township_name", T}, {"county_code", T}, {"housing_units", I}, {"planned_start", D}, {"planned_completion", D}, {"budget_yuan", I}, {"synthetic", I}}, true},
        {kHousingFacilities, K::Empty, {{"project_id", T}, {"facility", T}, {"synthetic", I}}},
        {kStatusHistory, K::Empty, {{"project_id", T}, {"status", T}, {"date", D}, {"note", T}, {"synthetic", I}, {"who", T}, {"recorded_at", T}, {"previous_status", T}}},
        {kCountyIndicators, K::Empty, {{"county_code", T}, {"name", T}, {"villages", I}, {"villages_with_collective_income", I}, {"reserve_talents", I}, {"talents_in_committees", I}, {"talents_as_secretaries", I}, {"budget_yuan", I}, {"synthetic", I}}},
        {kLayerMetadata, K::Empty, {{"layer", T}, {"synthetic", I}, {"position_source", T}, {"source", T}, {"licence", T}, {"description", T}}},
    };
    return tables;
}

const TableSpec* find(std::string_view name) {
    for (const auto& t : projectTables())
        if (name == t.name) return &t;
    return nullptr;
}

bool isBookkeepingTable(std::string_view name) { return name == kImports || name == kLayerStyles || name == kLayouts; }

}  // namespace hongtu::geo::schema
