#include "render/scene.hpp"

#include <algorithm>

#include "hongtu/geo/label_point.hpp"
#include "render/qt_convert.hpp"
#include "render/symbology.hpp"

namespace hongtu::render {

namespace {

std::optional<geo::XY> labelAnchor(const geo::Geometry& g) {
    switch (g.kind) {
        case geo::Geometry::Kind::Polygon: return geo::interiorPoint(g);
        case geo::Geometry::Kind::Point: return g.asPoint();
        case geo::Geometry::Kind::LineString: {
            const auto& line = g.parts.front().front();
            if (line.empty()) return std::nullopt;
            return line[line.size() / 2];
        }
        case geo::Geometry::Kind::Empty: break;
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::size_t> SceneLayer::fieldIndex(const std::string& field) const {
    for (std::size_t i = 0; i < fields.size(); ++i)
        if (fields[i].name == field) return i;
    return std::nullopt;
}

std::string SceneLayer::text(std::size_t item, const std::string& field) const {
    const auto index = fieldIndex(field);
    if (!index || item >= attributes.size()) return {};
    return geo::toText(attributes[item][*index]);
}

LayerClasses classesAsOf(const SceneLayer& layer, const std::optional<geo::Date>& asOf, int dueSoonDays) {
    if (layer.asOfClasses && asOf) return layer.asOfClasses->classify(*asOf, dueSoonDays);
    return {layer.classes, layer.itemClass, {}};
}

geo::Box Scene::extent() const {
    geo::Box box;
    for (const auto& layer : layers) box.expand(layer.extent);
    return box;
}

const SceneLayer* Scene::find(const std::string& id) const {
    const auto it = std::find_if(layers.begin(), layers.end(), [&](const SceneLayer& l) { return l.id == id; });
    return it == layers.end() ? nullptr : &*it;
}

std::vector<std::string> Scene::initiallyVisibleLayerIds() const {
    std::vector<std::string> ids;
    for (const auto& layer : layers)
        if (layer.initiallyVisible) ids.push_back(layer.id);
    return ids;
}

QPainterPath toPainterPath(const geo::Geometry& g) {
    QPainterPath path;
    path.setFillRule(Qt::OddEvenFill);
    const bool closeRings = g.kind == geo::Geometry::Kind::Polygon;
    for (const auto& part : g.parts) {
        for (const auto& ring : part) {
            if (ring.empty()) continue;
            path.moveTo(ring.front().x, ring.front().y);
            for (std::size_t i = 1; i < ring.size(); ++i) path.lineTo(ring[i].x, ring[i].y);
            if (closeRings) path.closeSubpath();
        }
    }
    return path;
}

geo::Result<SceneLayer> buildSceneLayer(const geo::Layer& source, const geo::Transformer& toDisplay,
                                        const SceneLayerSpec& spec) {
    // A layer declared as generic "Geometry" reports no kind; its features still say theirs.
    geo::Geometry::Kind kind = source.geometryKind;
    for (std::size_t i = 0; kind == geo::Geometry::Kind::Empty && i < source.features.size(); ++i)
        kind = source.features[i].geometry.kind;
    if (kind == geo::Geometry::Kind::Empty)
        return geo::Error{"this layer has no geometry, so it cannot be drawn on the map", "", source.name, {}};

    SceneLayer out;
    out.id = spec.id;
    out.displayName = spec.displayName;
    out.kind = kind;
    out.style = spec.style;
    out.initiallyVisible = spec.initiallyVisible;

    const auto labelIndex = spec.labelField.empty() ? std::nullopt : source.fieldIndex(spec.labelField);
    // Indices of the label anchor fields, or the field count when the layer has none.
    const std::size_t noField = source.fields.size();
    const std::size_t anchorX = source.fieldIndex(spec.labelAnchorFields.first).value_or(noField);
    const std::size_t anchorY = source.fieldIndex(spec.labelAnchorFields.second).value_or(noField);
    out.fields = source.fields;

    for (const auto& feature : source.features) {
        if (feature.geometry.empty()) continue;
        geo::Geometry g = feature.geometry;
        if (!toDisplay.forward(g)) {
            ++out.skippedFeatures;
            continue;
        }
        const std::size_t firstItem = out.itemCount();
        if (g.kind == geo::Geometry::Kind::Point) {
            for (const auto& part : g.parts) {
                if (part.empty() || part.front().empty()) continue;
                const geo::XY p = part.front().front();
                out.points.emplace_back(p.x, p.y);
                out.attributes.push_back(feature.values);  // a multipoint's parts share the row
                out.extent.expand(p);
            }
        } else {
            QPainterPath path = toPainterPath(g);
            const QRectF bounds = path.boundingRect();
            out.paths.push_back(std::move(path));
            out.pathBounds.push_back(bounds);
            out.attributes.push_back(feature.values);
            out.extent.expand(toBox(bounds));
        }
        if (labelIndex && out.itemCount() > firstItem) {
            const std::string text = geo::toText(feature.values[*labelIndex]);
            auto anchor = labelAnchor(g);
            // A label placed by the data (lon/lat fields in the layer's CRS), e.g. 香港 beside its
            // polygon where the label does not hide 澳门.
            if (anchorX < feature.values.size() && anchorY < feature.values.size()) {
                const auto* x = std::get_if<double>(&feature.values[anchorX]);
                const auto* y = std::get_if<double>(&feature.values[anchorY]);
                if (x && y)
                    if (const auto at = toDisplay.forward(geo::XY{*x, *y})) anchor = *at;
            }
            if (!text.empty() && anchor) out.labels.push_back({QString::fromStdString(text), {anchor->x, anchor->y}, firstItem});
        }
    }
    resolveSymbology(out);
    return out;
}

}  // namespace hongtu::render
