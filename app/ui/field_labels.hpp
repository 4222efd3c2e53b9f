#pragma once
// What a user reads instead of a column name or a stored code: field titles (项目编号,
// 计划完工日期, 预算（元）…) and value labels (村级组织活动场所, 估计, 每天 09:00-17:00…), used by
// identify and the attribute table. One table for every layer of the programme's projects;
// a field it does not know keeps its name. Fields only a machine needs (name_en, the
// position's provenance code…) are hidden from identify by default.
//
// In the English UI the labels are the English titles; in zh_CN they come from
// app/i18n/hongtu_zh_CN.ts like every other word.

#include <QString>

#include <map>
#include <string>
#include <vector>

#include "hongtu/geo/data_columns.hpp"

namespace hongtu::ui {

// Titles the project carries (GeoPackage gpkg_data_columns, geo/data_columns.hpp), per table
// and column. They win over the built-in table.
class ProjectFieldTitles {
public:
    ProjectFieldTitles() = default;
    explicit ProjectFieldTitles(const std::vector<geo::ColumnTitle>& titles);
    // The table's own title for the column, else the column's title in any table (the progress
    // layers are drawn from venue_projects, housing_projects), else empty.
    [[nodiscard]] QString title(const std::string& layerId, const std::string& field) const;
    [[nodiscard]] bool empty() const { return byTable_.empty(); }

private:
    std::map<std::string, std::map<std::string, QString>> byTable_;
    std::map<std::string, QString> byColumn_;  // the first title of each column name
};

// The title a user reads for a field of a layer: the project's, else fieldLabel(field).
[[nodiscard]] QString fieldLabel(const ProjectFieldTitles* project, const std::string& layerId, const std::string& field);

// The title of a field: "project_id" -> 项目编号; an unknown field -> its own name.
[[nodiscard]] QString fieldLabel(const std::string& field);
// True for a field the table knows (fieldLabel gives a title, not the name).
[[nodiscard]] bool knownField(const std::string& field);
// Fields hidden from identify unless asked for: name_en, synthetic flags, provenance codes.
[[nodiscard]] bool hiddenByDefault(const std::string& field);
// A stored value as a user reads it: kind codes, status words, opening hours, 0/1 flags,
// sources ("memorials.md gazetteer…" -> the public web pages it was compiled from).
[[nodiscard]] QString valueLabel(const std::string& field, const QString& value);

}  // namespace hongtu::ui
