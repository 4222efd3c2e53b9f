#include "export/layout_store.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "hongtu/geo/datasource.hpp"

namespace hongtu::exporting {

geo::Result<std::vector<PageLayout>> loadStoredLayouts(const std::string& projectPath) {
    std::vector<PageLayout> out;
    auto source = geo::DataSource::open(projectPath);
    if (!source) return source.error();
    const auto layers = source->layers();
    if (std::none_of(layers.begin(), layers.end(), [](const geo::LayerInfo& l) { return l.name == kLayoutTable; })) return out;
    auto table = source->readLayer(kLayoutTable);
    if (!table) return table.error();
    const auto name = table->fieldIndex("name");
    const auto json = table->fieldIndex("json");
    if (!name || !json) return geo::Error{"the table needs the columns 'name' and 'json'", projectPath, kLayoutTable, {}};
    for (std::size_t i = 0; i < table->features.size(); ++i) {
        const std::string layoutName = geo::toText(table->features[i].values[*name]);
        auto layout = layoutFromJson(geo::toText(table->features[i].values[*json]), projectPath);
        if (!layout) {
            geo::Error e = layout.error();
            e.layer = kLayoutTable;
            e.row = static_cast<std::int64_t>(i + 1);
            e.message = "layout '" + layoutName + "': " + e.message;
            return e;
        }
        layout->name = layoutName;
        out.push_back(std::move(layout).value());
    }
    return out;
}

geo::Status saveLayout(const std::string& projectPath, const PageLayout& layout) {
    if (layout.name.empty()) return geo::Error{"a layout needs a name to be saved", projectPath, kLayoutTable, {}};
    auto stored = loadStoredLayouts(projectPath);
    if (!stored) return stored.error();
    geo::Layer table;
    table.name = kLayoutTable;
    table.fields = {{"name", geo::FieldType::Text}, {"json", geo::FieldType::Text}};
    bool replaced = false;
    for (auto& l : *stored) {
        if (l.name == layout.name) {
            l = layout;
            replaced = true;
        }
    }
    if (!replaced) stored->push_back(layout);
    std::int64_t fid = 1;
    for (const auto& l : *stored) {
        geo::Feature f;
        f.fid = fid++;
        f.values = {geo::Value(l.name), geo::Value(layoutToJson(l))};
        table.features.push_back(std::move(f));
    }
    return geo::replaceLayersAtomically(projectPath, {table});
}

geo::Result<PageLayout> resolveLayout(const std::string& projectPath, const std::string& nameOrFile) {
    if (nameOrFile.size() > 5 && nameOrFile.ends_with(".json")) {
        std::ifstream in(std::filesystem::path(nameOrFile), std::ios::binary);
        if (!in) return geo::Error{"the layout file cannot be read", nameOrFile, "", {}};
        std::stringstream ss;
        ss << in.rdbuf();
        return layoutFromJson(ss.str(), nameOrFile);
    }
    if (!projectPath.empty()) {
        auto stored = loadStoredLayouts(projectPath);
        if (!stored) return stored.error();
        for (auto& l : *stored)
            if (l.name == nameOrFile) return l;
    }
    return builtinTemplate(nameOrFile);
}

}  // namespace hongtu::exporting
