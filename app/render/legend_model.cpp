#include "render/legend_model.hpp"

#include <QCoreApplication>

#include <algorithm>

#include "render/map_renderer.hpp"

namespace hongtu::render {

namespace {

LegendLayer legendLayer(const SceneLayer& layer, const MapSettings& settings) {
    LegendLayer out;
    out.id = layer.id;
    out.name = layer.displayName;
    out.kind = layer.kind;
    out.maxScaleDenominator = layer.style.maxScaleDenominator;
    const LayerClasses day = classesAsOf(layer, settings.asOf, settings.dueSoonDays);
    out.title = day.legendTitle.isEmpty() ? layer.style.legendTitle : day.legendTitle;
    out.proportional = !layer.markerSizeMm.empty() && layer.sizeLegend.empty();
    for (const auto& size : layer.sizeLegend) out.sizes.push_back({size.label, size.symbol, 0, 0, false});
    out.sizeTitle = layer.sizeLegendTitle;
    const bool classified = !day.classes.empty() && day.itemClass.size() == layer.itemCount();
    // A single class without a label is the layer's own symbol.
    out.classified = classified && !(day.classes.size() == 1 && day.classes.front().label.isEmpty());
    for (const std::int32_t c : day.itemClass) out.total += c >= 0 ? 1 : 0;
    if (!classified) out.total = layer.featureCount();

    if (!layerDrawn(layer, settings)) {
        out.state = LegendLayer::State::OutOfScale;
        return out;
    }
    const DrawnItems drawn = drawnItems(layer, settings);
    out.count = drawn.count();
    if (out.count == 0) {
        out.state = LegendLayer::State::NoneInView;
        return out;
    }
    if (!out.classified) {
        out.entries.push_back({layer.displayName, classified ? day.classes.front().symbol : layer.style.symbol, out.count,
                               out.total, true});
        return out;
    }
    if (out.proportional) {
        // One drawing class, the sizes vary per point: the reference sizes, the count once.
        for (std::size_t c = 0; c < day.classes.size(); ++c)
            out.entries.push_back({day.classes[c].label, day.classes[c].symbol, c == 0 ? out.count : 0, c == 0 ? out.total : 0,
                                   c == 0});
        return out;
    }
    std::vector<std::size_t> totals(day.classes.size(), 0);
    for (const std::int32_t c : day.itemClass)
        if (c >= 0 && static_cast<std::size_t>(c) < totals.size()) ++totals[static_cast<std::size_t>(c)];
    for (std::size_t c = 0; c < day.classes.size() && c < drawn.byClass.size(); ++c) {
        if (drawn.byClass[c].empty()) continue;  // not drawn in this frame: not listed
        out.entries.push_back({day.classes[c].label.isEmpty() ? layer.displayName : day.classes[c].label, day.classes[c].symbol,
                               drawn.byClass[c].size(), totals[c], true});
    }
    return out;
}

}  // namespace

QString LegendLayer::heading() const {
    if (title.isEmpty() || title == name) return name;
    return name + QStringLiteral("：") + title;
}

const LegendLayer* LegendModel::find(const std::string& id) const {
    for (const auto& l : layers)
        if (l.id == id) return &l;
    return nullptr;
}

std::vector<std::pair<std::string, QString>> LegendModel::drawnEntries() const {
    std::vector<std::pair<std::string, QString>> out;
    for (const auto& l : layers) {
        if (l.state != LegendLayer::State::Drawn) continue;
        for (const auto& e : l.entries) out.emplace_back(l.id, e.label);
    }
    return out;
}

LegendModel legendModel(const Scene& scene, const MapSettings& settings, const std::vector<SceneLayer>& overlays) {
    LegendModel model;
    // Overlays are drawn last (on top): listed first, the last drawn first.
    MapSettings withOverlays = settings;
    for (const auto& o : overlays) withOverlays.visibleLayerIds.push_back(o.id);
    for (auto it = overlays.rbegin(); it != overlays.rend(); ++it)
        if (!it->displayName.isEmpty()) model.layers.push_back(legendLayer(*it, withOverlays));
    for (auto it = scene.layers.rbegin(); it != scene.layers.rend(); ++it)
        if (settings.isLayerVisible(it->id)) model.layers.push_back(legendLayer(*it, settings));
    return model;
}

}  // namespace hongtu::render
