#include "hongtu/geo/layer_styles.hpp"

#include <algorithm>

#include "gdal_support.hpp"
#include "hongtu/geo/datasource.hpp"
#include "hongtu/geo/progress/views.hpp"
#include "hongtu/geo/project_store.hpp"

namespace hongtu::geo {

namespace {

Layer toTable(const std::vector<StoredLayerStyle>& styles) {
    Layer table;
    table.name = kLayerStylesTable;
    table.fields = {{"layer_id", FieldType::Text}, {"style_json", FieldType::Text}, {"updated_at", FieldType::Text}};
    for (const auto& s : styles) {
        Feature f;
        f.fid = static_cast<std::int64_t>(table.features.size() + 1);
        f.values = {s.layerId, s.styleJson, s.updatedAt};
        table.features.push_back(std::move(f));
    }
    return table;
}

}  // namespace

Result<std::vector<StoredLayerStyle>> readLayerStyles(const DataSource& source, std::vector<Error>* skipped) {
    std::vector<StoredLayerStyle> out;
    if (!source.hasLayer(kLayerStylesTable)) return out;
    auto table = source.readLayer(kLayerStylesTable);
    if (!table) return table.error();
    const auto id = table->fieldIndex("layer_id");
    const auto json = table->fieldIndex("style_json");
    const auto updated = table->fieldIndex("updated_at");
    if (!id || !json)
        return Error{"the table of saved layer styles lacks its column 'layer_id' or 'style_json'",
                     redactConnectionString(source.path()),
                     kLayerStylesTable,
                     {}};
    for (std::size_t i = 0; i < table->features.size(); ++i) {
        const auto& v = table->features[i].values;
        // One bad row is reported and left out; it blocks neither the other styles nor a save.
        if (isNull(v[*id]) || toText(v[*id]).empty()) {
            if (skipped)
                skipped->push_back(Error{"a saved layer style has no layer_id and is ignored", redactConnectionString(source.path()),
                                         kLayerStylesTable, table->features[i].fid});
            continue;
        }
        out.push_back({toText(v[*id]), toText(v[*json]), updated ? toText(v[*updated]) : std::string()});
    }
    return out;
}

Status writeLayerStyles(const std::string& path, const std::vector<StoredLayerStyle>& styles, const std::vector<QgisStyle>& qgis,
                        const std::string& qgisUpdatedAt) {
    for (const auto& s : styles)
        if (s.layerId.empty()) return Error{"a layer style to save has no layer id", redactConnectionString(path), kLayerStylesTable, {}};
    const std::string updated = !qgisUpdatedAt.empty() ? qgisUpdatedAt : styles.empty() ? std::string()
                                                                                        : styles.front().updatedAt;
    // gpkg_contents.last_change gets the style's time, not the clock: the same save gives the
    // same bytes (the demo generator writes its QGIS styles this way).
    detail::ensureGdal();
    detail::ScopedConfig stamp("OGR_CURRENT_DATE", updated);
    auto store = ProjectStore::open(path);
    if (!store) return store.error();
    // One transaction: each style's row is replaced in place; the other rows, and every other
    // table, are not touched.
    return store->write([&](ProjectWriter& w) -> Status {
        if (!styles.empty())
            if (auto st = w.upsertRows(toTable(styles), "layer_id"); !st) return st;
        // QGIS keeps a PostgreSQL project's styles in a table of its own making; only a
        // GeoPackage gets them from here.
        if (isPostgresSource(path)) return Done{};
        // The progress layers Hongtu derives are views QGIS can open (progress/views.hpp): made
        // (or made again) with their styles.
        std::vector<std::string> views;
        if (std::any_of(qgis.begin(), qgis.end(), [](const QgisStyle& q) { return progress::isProgressView(q.table); })) {
            auto made = progress::writeProgressViews(w, updated);
            if (!made) return made.error();
            views = std::move(made).value();
        }
        std::vector<QgisStyle> present;
        for (const auto& q : qgis)
            if (progress::isProgressView(q.table) ? std::find(views.begin(), views.end(), q.table) != views.end() : w.hasTable(q.table))
                present.push_back(q);
        if (present.empty()) return Done{};
        return w.upsertRows(qgisLayerStyles(present, updated), "styleName");
    });
}

}  // namespace hongtu::geo
