#include "hongtu/geo/layer_styles.hpp"

#include <algorithm>

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

Result<std::vector<StoredLayerStyle>> readLayerStyles(const DataSource& source) {
    std::vector<StoredLayerStyle> out;
    const auto layers = source.layers();
    if (std::none_of(layers.begin(), layers.end(), [](const LayerInfo& l) { return l.name == kLayerStylesTable; })) return out;
    auto table = source.readLayer(kLayerStylesTable);
    if (!table) return table.error();
    const auto id = table->fieldIndex("layer_id");
    const auto json = table->fieldIndex("style_json");
    const auto updated = table->fieldIndex("updated_at");
    if (!id || !json)
        return Error{"the table of saved layer styles lacks its column 'layer_id' or 'style_json'", source.path(),
                     kLayerStylesTable, {}};
    for (std::size_t i = 0; i < table->features.size(); ++i) {
        const auto& v = table->features[i].values;
        if (isNull(v[*id])) return Error{"a saved layer style has no layer_id", source.path(), kLayerStylesTable, static_cast<std::int64_t>(i + 1)};
        out.push_back({toText(v[*id]), toText(v[*json]), updated ? toText(v[*updated]) : std::string()});
    }
    return out;
}

Status writeLayerStyles(const std::string& path, const std::vector<StoredLayerStyle>& styles) {
    std::vector<StoredLayerStyle> merged;
    {
        auto source = DataSource::open(path);
        if (!source) return source.error();
        auto existing = readLayerStyles(*source);
        if (!existing) return existing.error();
        merged = std::move(existing).value();
    }  // the file is closed before it is replaced
    for (const auto& s : styles) {
        if (s.layerId.empty()) return Error{"a layer style to save has no layer id", path, kLayerStylesTable, {}};
        const auto it = std::find_if(merged.begin(), merged.end(), [&](const StoredLayerStyle& m) { return m.layerId == s.layerId; });
        if (it == merged.end()) merged.push_back(s);
        else *it = s;
    }
    return replaceLayersAtomically(path, {toTable(merged)});
}

}  // namespace hongtu::geo
