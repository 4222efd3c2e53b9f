#include "hongtu/geo/progress/views.hpp"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <optional>

#include "gdal_support.hpp"
#include "hongtu/geo/datasource.hpp"
#include "hongtu/geo/project_schema.hpp"

namespace hongtu::geo::progress {

namespace {

using detail::GdalErrorCapture;

std::string quoted(std::string_view text) {  // an SQL string literal
    std::string out = "'";
    for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
}

std::string ident(std::string_view name) {  // an SQL identifier
    std::string out = "\"";
    for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

// The rows of a SELECT as text (NULL = ""), inside the writer's transaction.
std::vector<std::vector<std::string>> query(GDALDataset& ds, const std::string& sql) {
    std::vector<std::vector<std::string>> out;
    OGRLayer* result = ds.ExecuteSQL(sql.c_str(), nullptr, nullptr);
    if (!result) return out;
    while (OGRFeatureUniquePtr f{result->GetNextFeature()}) {
        std::vector<std::string> row;
        for (int i = 0; i < f->GetFieldCount(); ++i) row.push_back(f->IsFieldSetAndNotNull(i) ? f->GetFieldAsString(i) : "");
        out.push_back(std::move(row));
    }
    ds.ReleaseResultSet(result);
    return out;
}

struct SqlObject {
    bool exists = false;
    bool view = false;
};

SqlObject objectNamed(GDALDataset& ds, const std::string& name) {
    const auto rows = query(ds, "SELECT type FROM sqlite_master WHERE lower(name) = lower(" + quoted(name) + ") AND type IN ('table', 'view')");
    if (rows.empty()) return {};
    return {true, rows.front().front() == "view"};
}

bool hasColumns(GDALDataset& ds, const std::string& table, std::initializer_list<const char*> columns) {
    const auto rows = query(ds, "SELECT name FROM pragma_table_info(" + quoted(table) + ")");
    for (const char* c : columns) {
        bool found = false;
        for (const auto& r : rows) found = found || r.front() == c;
        if (!found) return false;
    }
    return true;
}

struct GeometryColumn {
    std::string column, type, srsId, minX, minY, maxX, maxY;
};

// The registered geometry column of a feature table (and its extent), or nullopt.
std::optional<GeometryColumn> geometryColumn(GDALDataset& ds, const std::string& table) {
    const auto rows = query(ds,
                            "SELECT g.column_name, g.geometry_type_name, g.srs_id, c.min_x, c.min_y, c.max_x, c.max_y "
                            "FROM gpkg_geometry_columns g JOIN gpkg_contents c ON lower(c.table_name) = lower(g.table_name) "
                            "WHERE lower(g.table_name) = lower(" +
                                quoted(table) + ")");
    if (rows.empty() || rows.front().size() < 7) return std::nullopt;
    const auto& r = rows.front();
    return GeometryColumn{r[0], r[1], r[2], r[3], r[4], r[5], r[6]};
}

// The day of the newest change (today when there is none), and each project's stage after
// its last change up to that day (every change is on or before it): 0 planned .. 3 accepted.
std::string latestStagesSql() {
    const std::string h = ident(schema::kStatusHistory);
    return "asof AS (SELECT COALESCE(MAX(\"date\"), date('now')) AS d FROM " + h +
           "), "
           "ranked AS (SELECT project_id, status, ROW_NUMBER() OVER (PARTITION BY project_id ORDER BY \"date\" DESC, fid DESC) AS n FROM " +
           h +
           "), "
           "latest AS (SELECT project_id, CASE lower(trim(status)) "
           "WHEN 'planned' THEN 0 WHEN '计划' THEN 0 "
           "WHEN 'under_construction' THEN 1 WHEN 'under construction' THEN 1 WHEN '在建' THEN 1 "
           "WHEN 'completed' THEN 2 WHEN '完工' THEN 2 WHEN 'accepted' THEN 3 WHEN '验收' THEN 3 END AS stage "
           "FROM ranked WHERE n = 1)";
}

// geo::progress::Category's word for a project with stage `stage` (NULL = no change) and planned
// completion `due` on the as-of day `d` (ProgressIndex::stateAsOf, 30 days "due soon").
std::string categorySql(const std::string& stage, const std::string& due, const std::string& d) {
    return "CASE WHEN " + stage + " = 3 THEN 'accepted' WHEN " + stage + " = 2 THEN 'completed' " +  //
           "WHEN julianday(" + due + ") < julianday(" + d + ") THEN 'overdue' " +                    //
           "WHEN julianday(" + due + ") - julianday(" + d + ") <= 30 THEN 'due_soon' " +             //
           "WHEN " + stage + " = 1 THEN 'in_progress' ELSE 'not_started' END";
}

std::string stageSql(const std::string& stage) {
    return "CASE " + stage + " WHEN 0 THEN 'planned' WHEN 1 THEN 'under_construction' WHEN 2 THEN 'completed' WHEN 3 THEN 'accepted' END";
}

struct PointView {
    const char* name;
    const char* projects;    // project table
    const char* kindFilter;  // venue kind, or nullptr (housing)
    const char* at;          // the layer the points come from
    const char* code;        // the code joining them
    const char* nameColumn;  // the project's name column
};

std::string pointViewSql(const PointView& v, const GeometryColumn& g) {
    const std::string code = v.code;
    const std::string geom = ident(g.column);
    const bool venue = v.kindFilter != nullptr;
    std::string sql = "CREATE VIEW " + ident(v.name) + " AS WITH " + latestStagesSql() +
                      ", "
                      // The first point of each code (Hongtu takes the first feature of a code).
                      "place AS (SELECT " +
                      ident(code) + " AS code, MIN(fid) AS at_fid FROM " + ident(v.at) +
                      " WHERE " + ident(code) + " IS NOT NULL GROUP BY " + ident(code) +
                      ") "
                      "SELECT p.fid AS fid, p.project_id AS project_id, p." +
                      ident(v.nameColumn) + " AS name, " +
                      (venue ? std::string("p.kind") : std::string("'township_housing'")) + " AS kind, " +
                      "p.county_code AS county_code, p.township_code AS township_code, " +
                      (venue ? std::string("p.village_code") : std::string("NULL")) + " AS village_code, " +
                      "p.planned_start AS planned_start, p.planned_completion AS planned_completion, p.budget_yuan AS budget_yuan, " +
                      stageSql("l.stage") + " AS stage, " + categorySql("l.stage", "p.planned_completion", "asof.d") + " AS category, " +
                      "asof.d AS as_of, a." + geom + " AS " + geom + " FROM " + ident(v.projects) + " p " +
                      "JOIN place ON place.code = p." + ident(code) + " JOIN " + ident(v.at) + " a ON a.fid = place.at_fid " +
                      "LEFT JOIN latest l ON l.project_id = p.project_id CROSS JOIN asof";
    if (venue) sql += std::string(" WHERE p.kind = ") + quoted(v.kindFilter);
    return sql;
}

std::string countyViewSql(bool venues, bool housing) {
    std::string projects;
    if (venues) projects += "SELECT project_id, county_code FROM " + ident(schema::kVenueProjects);
    if (venues && housing) projects += " UNION ALL ";
    if (housing) projects += "SELECT project_id, county_code FROM " + ident(schema::kHousingProjects);
    // completed / planned as Hongtu computes it (the rate, then × 100: the same double).
    return "CREATE VIEW " + ident(kCountyProgressView) + " AS WITH " + latestStagesSql() +
           ", "
           "tally AS (SELECT p.county_code AS code, COUNT(*) AS planned, SUM(CASE WHEN l.stage >= 2 THEN 1 ELSE 0 END) AS completed "
           "FROM (" +
           projects +
           ") p LEFT JOIN latest l ON l.project_id = p.project_id GROUP BY p.county_code) "
           "SELECT c.*, COALESCE(t.planned, 0) AS projects_planned, COALESCE(t.completed, 0) AS projects_completed, "
           "CASE WHEN t.planned > 0 THEN CAST(t.completed AS REAL) / t.planned * 100 END AS completion_pct, asof.d AS as_of "
           "FROM " +
           ident(schema::kCounties) + " c LEFT JOIN tally t ON t.code = c.county_code CROSS JOIN asof";
}

Status exec(GDALDataset& ds, const std::string& sql, const std::string& shown, const std::string& view) {
    GdalErrorCapture capture;
    OGRLayer* result = ds.ExecuteSQL(sql.c_str(), nullptr, nullptr);
    if (result) ds.ReleaseResultSet(result);
    if (const std::string why = capture.lastError(); !why.empty())
        return Error{"cannot write the QGIS progress view: " + why, shown, view, {}};
    return Done{};
}

Status makeView(GDALDataset& ds, const std::string& shown, const std::string& name, const std::string& createSql, const GeometryColumn& g,
                const std::string& lastChange) {
    const std::string n = quoted(name);
    for (const std::string& sql : {"DROP VIEW IF EXISTS " + ident(name), "DELETE FROM gpkg_geometry_columns WHERE lower(table_name) = lower(" + n + ")",
                                   "DELETE FROM gpkg_contents WHERE lower(table_name) = lower(" + n + ")", createSql})
        if (auto st = exec(ds, sql, shown, name); !st) return st;
    const auto num = [](const std::string& v) { return v.empty() ? std::string("NULL") : v; };
    const std::string contents =
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change, min_x, min_y, "
        "max_x, max_y, srs_id) VALUES (" +
        n + ", 'features', " + n + ", " +
        quoted("Hongtu: construction progress as of the newest status change (a view; docs/own_data.md)") + ", " +
        quoted(lastChange) + ", " + num(g.minX) + ", " + num(g.minY) + ", " + num(g.maxX) + ", " + num(g.maxY) +
        ", " + g.srsId + ")";
    const std::string columns = "INSERT INTO gpkg_geometry_columns (table_name, column_name, geometry_type_name, srs_id, z, m) VALUES (" + n +
                                ", " + quoted(g.column) + ", " + quoted(g.type) + ", " + g.srsId + ", 0, 0)";
    for (const std::string& sql : {contents, columns})
        if (auto st = exec(ds, sql, shown, name); !st) return st;
    return Done{};
}

}  // namespace

bool isProgressView(std::string_view name) {
    return name == kCountyProgressView || name == kVillageVenueView || name == kCommunityVenueView || name == kHousingView;
}

Result<std::vector<std::string>> writeProgressViews(ProjectWriter& w, const std::string& lastChange) {
    std::vector<std::string> made;
    if (isPostgresSource(w.source().path())) return made;
    GDALDataset& ds = detail::gdalDataset(w.source());
    const std::string shown = w.shownPath();
    const auto has = [&](const char* table) { return objectNamed(ds, table).exists; };
    // A table of the view's name (a user's layer) is never replaced.
    const auto free = [&](const char* name) {
        const auto o = objectNamed(ds, name);
        return !o.exists || o.view;
    };
    if (!has(schema::kStatusHistory) || !hasColumns(ds, schema::kStatusHistory, {"fid", "project_id", "status", "date"})) return made;
    const bool venues = has(schema::kVenueProjects) &&
                        hasColumns(ds, schema::kVenueProjects, {"fid", "project_id", "kind", "village_code", "village_name", "township_code", "county_code", "planned_start", "planned_completion", "budget_yuan"});
    const bool housing = has(schema::kHousingProjects) &&
                         hasColumns(ds, schema::kHousingProjects, {"fid", "project_id", "township_code", "township_name", "county_code", "planned_start", "planned_completion", "budget_yuan"});
    if (!venues && !housing) return made;

    if (free(kCountyProgressView) && has(schema::kCounties) && hasColumns(ds, schema::kCounties, {"fid", "county_code"}))
        if (const auto g = geometryColumn(ds, schema::kCounties)) {
            if (auto st = makeView(ds, shown, kCountyProgressView, countyViewSql(venues, housing), *g, lastChange); !st) return st.error();
            made.emplace_back(kCountyProgressView);
        }
    const PointView points[] = {
        {kVillageVenueView, schema::kVenueProjects, "village_venue", schema::kVillages, "village_code", "village_name"},
        {kCommunityVenueView, schema::kVenueProjects, "community_venue", schema::kVillages, "village_code", "village_name"},
        {kHousingView, schema::kHousingProjects, nullptr, schema::kTownships, "township_code", "township_name"},
    };
    for (const auto& v : points) {
        if (!(v.kindFilter ? venues : housing) || !free(v.name) || !has(v.at) || !hasColumns(ds, v.at, {"fid", v.code})) continue;
        const auto g = geometryColumn(ds, v.at);
        if (!g) continue;
        if (auto st = makeView(ds, shown, v.name, pointViewSql(v, *g), *g, lastChange); !st) return st.error();
        made.emplace_back(v.name);
    }
    return made;
}

}  // namespace hongtu::geo::progress
