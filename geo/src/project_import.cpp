#include "hongtu/geo/project_import.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>

#include "hongtu/geo/datasource.hpp"
#include "hongtu/geo/dates.hpp"
#include "hongtu/geo/names.hpp"
#include "hongtu/geo/project_schema.hpp"
#include "hongtu/geo/project_store.hpp"

namespace hongtu::geo {

namespace {

constexpr const char* kImportsTable = schema::kImports;
const char* const kExtraFields[] = {"joined_code", "joined_name", "source_file", "source_row", "coord_system"};

bool validLayerName(const std::string& s) {
    std::string lower;
    for (char c : s) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    // The import log and SQLite/GeoPackage system tables are never import targets.
    // Hongtu's own bookkeeping tables (hongtu_imports, hongtu_layouts, ...) neither.
    if (lower.rfind("hongtu_", 0) == 0 || schema::isBookkeepingTable(lower) || lower.rfind("gpkg_", 0) == 0 || lower.rfind("rtree_", 0) == 0 || lower.rfind("sqlite_", 0) == 0)
        return false;
    return !s.empty() && s.size() <= 60 && std::isalpha(static_cast<unsigned char>(s[0])) &&
           std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isalnum(c) || c == '_'; });
}

// Rows of a layer keyed by joined_code, each as its text values (for the change report).
std::map<std::string, std::vector<std::string>> rowsByCode(const Layer& l) {
    std::map<std::string, std::vector<std::string>> out;
    auto key = l.fieldIndex("joined_code");
    if (!key) return out;
    // Where a row sits in the file, or the file's name, is not a change of the row.
    std::map<std::string, int> seen;
    const auto sourceRow = l.fieldIndex("source_row"), sourceFile = l.fieldIndex("source_file");
    for (const auto& f : l.features) {
        std::vector<std::string> vals;
        for (std::size_t i = 0; i < f.values.size(); ++i)
            if (i != sourceRow && i != sourceFile) vals.push_back(toText(f.values[i]));
        // Several rows may share a unit (--rows-per-unit many): the k-th row of a unit is its key.
        const std::string code = toText(f.values[*key]);
        out[code + "#" + std::to_string(seen[code]++)] = std::move(vals);
    }
    return out;
}

}  // namespace

namespace {

bool nameHas(const std::string& n, std::initializer_list<const char*> words) {
    return std::any_of(words.begin(), words.end(), [&](const char* w) { return n.find(w) != std::string::npos; });
}

// A column is read as dates only when its name says so and names no amount: "验收日期" and
// "计划完工" are dates, "验收面积（m²）" and "完工投资" are not. Excel day numbers (43281) count
// as dates only in a column named 日期/date or one that also holds written dates; a column of
// 5-digit numbers alone is numbers (12000 m² became 1932-11-08).
struct DateColumnRule {
    bool named = false;
    bool serialsAllowed = false;
};
DateColumnRule dateColumnRule(const Table& table, std::size_t c) {
    const std::string n = normalizeWidthAndSpace(table.columns[c]);
    DateColumnRule rule;
    rule.named = nameHas(n, {"日期", "时间", "开工", "完工", "竣工", "验收", "date"}) &&
                 !nameHas(n, {"面积", "投资", "金额", "资金", "经费", "费用", "造价", "元", "数", "量", "率", "人", "m2", "m²", "㎡",
                              "amount", "area", "yuan", "cost"});
    if (!rule.named) return rule;
    rule.serialsAllowed = nameHas(n, {"日期", "date"});
    for (const auto& row : table.rows)
        if (!rule.serialsAllowed && parseFlexibleDate(row[c], false)) rule.serialsAllowed = true;
    return rule;
}

}  // namespace

std::vector<std::size_t> detectDateColumns(const Table& table) {
    std::vector<std::size_t> out;
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
        const auto rule = dateColumnRule(table, c);
        if (!rule.named) continue;
        bool any = false, all = true;
        for (const auto& row : table.rows) {
            if (normalizeWidthAndSpace(row[c]).empty()) continue;
            any = true;
            all = all && parseFlexibleDate(row[c], rule.serialsAllowed).has_value();
        }
        if (any && all) out.push_back(c);
    }
    return out;
}

// The imported (matched) rows' Excel day numbers that became dates, for the summary.
static std::vector<std::string> numbersReadAsDates(const Table& table, const std::vector<std::size_t>& dateColumns,
                                                   const JoinReport& report) {
    std::vector<std::string> out;
    for (std::size_t c : dateColumns)
        for (std::size_t i = 0; i < table.rows.size() && i < report.rows.size(); ++i) {
            if (report.rows[i].status != JoinStatus::Matched || !report.rows[i].unit) continue;
            const auto& cell = table.rows[i][c];
            if (parseFlexibleDate(cell, false) || !parseFlexibleDate(cell, true)) continue;
            out.push_back(table.columns[c] + " row " + std::to_string(table.rowNumbers[i]) + ": " + normalizeWidthAndSpace(cell) +
                          " -> " + parseFlexibleDate(cell, true)->iso());
        }
    return out;
}

std::string ImportSummary::text() const {
    std::string s = "imported " + std::to_string(imported) + " rows into layer '" + layer + "'";
    if (skipped) s += " (" + std::to_string(skipped) + " rows not matched were left out; see the join report)";
    if (!dateColumns.empty()) {
        s += "; dates written as ISO in:";
        for (const auto& c : dateColumns) s += " " + c;
    }
    if (!numbersAsDates.empty()) {
        s += "; Excel day numbers read as dates (check them):";
        for (std::size_t i = 0; i < numbersAsDates.size() && i < 20; ++i) s += (i ? ", " : " ") + numbersAsDates[i];
        if (numbersAsDates.size() > 20) s += " and " + std::to_string(numbersAsDates.size() - 20) + " more";
    }
    if (replacedPrevious)
        s += "; against the previous import: " + std::to_string(added) + " added, " + std::to_string(removed) + " removed, " +
             std::to_string(changed) + " changed, " + std::to_string(unchanged) + " unchanged";
    return s;
}

Result<ImportSummary> importJoinedTable(const std::string& projectPath, const Table& table, const JoinReport& report,
                                        const AdminUnits& units, const ImportOptions& options) {
    if (!validLayerName(options.layerName))
        return Error{"the layer name '" + options.layerName + "' is not allowed: use letters, digits and _ (start with a letter)",
                     projectPath,
                     options.layerName,
                     {}};
    for (const auto& c : table.columns)
        for (const char* extra : kExtraFields)
            if (c == extra)
                return Error{"the table has a column named '" + c + "', which the import uses itself; rename it", table.file,
                             table.sheet, table.headerRow};

    const auto& target = units.at(report.level);
    Layer out;
    out.name = options.layerName;
    out.geometryKind = Geometry::Kind::Point;
    out.crs = "EPSG:4490";
    for (const auto& c : table.columns) out.fields.push_back({c, FieldType::Text});
    for (const char* extra : kExtraFields) out.fields.push_back({extra, std::string(extra) == "source_row" ? FieldType::Integer : FieldType::Text});

    ImportSummary summary;
    summary.layer = options.layerName;
    const std::string sourceName = std::filesystem::path(table.file).filename().string();
    const auto dateCols = detectDateColumns(table);
    for (auto c : dateCols) summary.dateColumns.push_back(table.columns[c]);
    summary.numbersAsDates = numbersReadAsDates(table, dateCols, report);
    for (std::size_t i = 0; i < report.rows.size(); ++i) {
        const auto& r = report.rows[i];
        if (r.status != JoinStatus::Matched || !r.unit) {
            ++summary.skipped;
            continue;
        }
        Feature f;
        f.fid = static_cast<std::int64_t>(out.features.size() + 1);
        for (std::size_t c = 0; c < table.rows[i].size(); ++c) {
            const auto& cell = table.rows[i][c];
            const bool isDate = std::find(dateCols.begin(), dateCols.end(), c) != dateCols.end();
            f.values.emplace_back(isDate && parseFlexibleDate(cell) ? parseFlexibleDate(cell)->iso() : cell);
        }
        const auto& unit = target[*r.unit];
        f.values.emplace_back(unit.code);
        f.values.emplace_back(unit.name);
        f.values.emplace_back(sourceName);
        f.values.emplace_back(static_cast<std::int64_t>(r.row));
        f.values.emplace_back(report.coordSystem.empty() ? Value{} : Value{report.coordSystem});
        if (r.lonLat) f.geometry = Geometry::point(*r.lonLat);
        else if (unit.lonLat) f.geometry = Geometry::point(*unit.lonLat);
        out.features.push_back(std::move(f));
    }
    summary.imported = out.features.size();

    Layer record;
    record.name = kImportsTable;
    record.fields = {{"layer", FieldType::Text}, {"source_file", FieldType::Text}, {"sheet", FieldType::Text}, {"encoding", FieldType::Text}, {"method", FieldType::Text}, {"level", FieldType::Text}, {"coord_system", FieldType::Text}, {"rows", FieldType::Integer}, {"imported", FieldType::Integer}, {"imported_at", FieldType::Text}};
    Feature row;
    row.values = {options.layerName, sourceName, table.sheet, table.encoding, report.method, std::string(levelName(report.level)),
                  report.coordSystem.empty() ? Value{} : Value{report.coordSystem}, static_cast<std::int64_t>(report.rows.size()),
                  static_cast<std::int64_t>(summary.imported), options.importedAt};
    record.features.push_back(std::move(row));

    auto store = ProjectStore::open(projectPath);
    if (!store) return store.error();
    const std::string shown = store->shownPath();
    WriteOptions wo;
    wo.fixedTimestamp = options.importedAt;
    wo.afterRow = options.afterRow;
    // Everything below is one transaction: the comparison with the previous import is made
    // against what the file holds while it is locked, and the layer and its log row are
    // replaced together.
    auto st = store->write([&](ProjectWriter& w) -> Status {
        const bool previous = w.hasTable(options.layerName);
        bool previousIsImport = false;
        if (w.hasTable(kImportsTable)) {
            auto existing = w.read(kImportsTable);
            if (!existing) return existing.error();
            const auto layerColumn = existing->fieldIndex("layer");
            if (!layerColumn)
                return Error{"the import log has no column 'layer'; the project is damaged", shown, kImportsTable, {}};
            for (const auto& f : existing->features)
                if (toText(f.values[*layerColumn]) == options.layerName) previousIsImport = true;
        }
        if (previous && !previousIsImport)
            return Error{"the project already has a layer with this name that is not an import; choose another name", shown, options.layerName, {}};
        if (previous) {
            auto old = w.read(options.layerName);
            if (!old) return old.error();
            summary.replacedPrevious = true;
            const auto before = rowsByCode(*old), after = rowsByCode(out);
            for (const auto& [code, vals] : after) {
                auto it = before.find(code);
                if (it == before.end()) ++summary.added;
                else if (it->second != vals) ++summary.changed;
                else ++summary.unchanged;
            }
            for (const auto& [code, vals] : before)
                if (!after.count(code)) ++summary.removed;
        }
        if (auto s = w.replaceLayer(out, wo); !s) return s;
        if (auto d = w.deleteRows(kImportsTable, "layer", options.layerName); !d) return d.error();
        return w.appendRows(record);
    });
    if (!st) return st.error();
    return summary;
}

}  // namespace hongtu::geo
