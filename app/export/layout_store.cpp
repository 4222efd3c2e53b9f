#include "export/layout_store.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "hongtu/geo/datasource.hpp"
#include "hongtu/geo/project_store.hpp"

namespace hongtu::exporting {

geo::Result<std::vector<PageLayout>> loadStoredLayouts(const std::string& projectPath, std::vector<geo::Error>* skipped) {
    std::vector<PageLayout> out;
    const std::string shown = geo::redactConnectionString(projectPath);
    auto source = geo::DataSource::open(projectPath);
    if (!source) return source.error();
    if (!source->hasLayer(kLayoutTable)) return out;
    auto table = source->readLayer(kLayoutTable);
    if (!table) return table.error();
    const auto name = table->fieldIndex("name");
    const auto json = table->fieldIndex("json");
    if (!name || !json) return geo::Error{"the table needs the columns 'name' and 'json'", shown, kLayoutTable, {}};
    for (std::size_t i = 0; i < table->features.size(); ++i) {
        const std::string layoutName = geo::toText(table->features[i].values[*name]);
        auto layout = layoutFromJson(geo::toText(table->features[i].values[*json]), shown);
        if (!layout) {
            // One bad stored layout is reported and left out: the others, and the built-in
            // templates, still work, and it can be overwritten or deleted.
            geo::Error e = layout.error();
            e.file = shown;
            e.layer = kLayoutTable;
            e.row = table->features[i].fid;
            e.message = "the stored layout '" + layoutName + "' is ignored: " + e.message;
            if (skipped) skipped->push_back(std::move(e));
            continue;
        }
        layout->name = layoutName;
        out.push_back(std::move(layout).value());
    }
    return out;
}

namespace {

geo::Layer layoutRows() {
    geo::Layer table;
    table.name = kLayoutTable;
    table.fields = {{"name", geo::FieldType::Text}, {"json", geo::FieldType::Text}};
    return table;
}

}  // namespace

geo::Status saveLayout(const std::string& projectPath, const PageLayout& layout) {
    const std::string shown = geo::redactConnectionString(projectPath);
    if (layout.name.empty()) return geo::Error{"a layout needs a name to be saved", shown, kLayoutTable, {}};
    auto store = geo::ProjectStore::open(projectPath);
    if (!store) return store.error();
    // One transaction in place: the row of this name is replaced, the others stay as they are
    // (also a stored layout that no longer reads).
    return store->write([&](geo::ProjectWriter& w) -> geo::Status {
        geo::Layer rows = layoutRows();
        geo::Feature f;
        f.values = {geo::Value(layout.name), geo::Value(layoutToJson(layout))};
        rows.features.push_back(std::move(f));
        return w.upsertRows(rows, "name");
    });
}

geo::Result<bool> deleteLayout(const std::string& projectPath, const std::string& name) {
    auto store = geo::ProjectStore::open(projectPath);
    if (!store) return store.error();
    std::int64_t removed = 0;
    auto st = store->write([&](geo::ProjectWriter& w) -> geo::Status {
        auto d = w.deleteRows(kLayoutTable, "name", name);
        if (!d) return d.error();
        removed = *d;
        return geo::Done{};
    });
    if (!st) return st.error();
    return removed > 0;
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
        std::vector<geo::Error> skipped;
        auto stored = loadStoredLayouts(projectPath, &skipped);
        if (!stored) return stored.error();
        for (auto& l : *stored)
            if (l.name == nameOrFile) return l;
        // Asked for by name and stored, but unreadable: say so rather than use a built-in.
        for (const auto& e : skipped)
            if (e.message.find("'" + nameOrFile + "'") != std::string::npos) return e;
    }
    return builtinTemplate(nameOrFile);
}

}  // namespace hongtu::exporting
