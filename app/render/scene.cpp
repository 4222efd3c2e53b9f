#include "render/scene.hpp"

#include <algorithm>
#include <limits>

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
    if (!index || item >= attributes.rowCount()) return {};
    return attributes.text(item, *index);
}

QString SceneLayer::labelText(std::size_t label) const {
    if (labelColumn) {
        const std::size_t item = labels[label].item;
        if (item >= attributes.rowCount() || *labelColumn >= attributes.columnCount()) return {};
        const geo::Column& column = attributes.column(*labelColumn);
        if (const std::string_view text = column.textView(item); !text.empty())
            return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
        return QString::fromStdString(column.text(item));
    }
    return label < labelTexts.size() ? labelTexts[label] : QString();
}

void SceneLayer::setLabelText(std::size_t label, const QString& text) {
    if (labelColumn) {
        std::vector<QString> texts;
        texts.reserve(labels.size());
        for (std::size_t k = 0; k < labels.size(); ++k) texts.push_back(labelText(k));
        labelTexts = std::move(texts);
        labelColumn.reset();
    }
    if (labelTexts.size() < labels.size()) labelTexts.resize(labels.size());
    labelTexts[label] = text;
}

void SceneLayer::addLabel(const QString& text, QPointF anchor, std::size_t item) {
    labels.push_back({anchor, item});
    labelTexts.push_back(text);
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
    // One element a vertex (plus a closing one a ring): without the reservation the element
    // list grows by doubling and keeps up to a third more than it needs (national counties:
    // 5.75 million vertices, 24 bytes each).
    std::size_t elements = 0;
    for (const auto& part : g.parts)
        for (const auto& ring : part) elements += ring.size() + 1;
    path.reserve(static_cast<int>(std::min<std::size_t>(elements, std::numeric_limits<int>::max())));
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

SceneLayerBuilder::SceneLayerBuilder(std::string sourceName, std::vector<geo::Field> fields, geo::Geometry::Kind declaredKind,
                                     const geo::Transformer& toDisplay, const SceneLayerSpec& spec)
    : sourceName_(std::move(sourceName)), toDisplay_(toDisplay) {
    out_.id = spec.id;
    out_.displayName = spec.displayName;
    out_.kind = declaredKind;
    out_.style = spec.style;
    out_.initiallyVisible = spec.initiallyVisible;
    out_.fields = std::move(fields);
    out_.attributes = geo::Columns(out_.fields.size());
    if (!spec.labelField.empty()) labelIndex_ = out_.fieldIndex(spec.labelField);
    out_.labelColumn = labelIndex_;
    // Indices of the label anchor fields, or the field count when the layer has none.
    const std::size_t noField = out_.fields.size();
    anchorX_ = out_.fieldIndex(spec.labelAnchorFields.first).value_or(noField);
    anchorY_ = out_.fieldIndex(spec.labelAnchorFields.second).value_or(noField);
}

void SceneLayerBuilder::reserve(std::size_t features) {
    out_.attributes.reserve(features);
    if (out_.kind == geo::Geometry::Kind::Point) {
        out_.points.reserve(features);
        if (labelIndex_) out_.labels.reserve(features);
    } else if (out_.kind != geo::Geometry::Kind::Empty) {
        out_.paths.reserve(features);
        out_.pathBounds.reserve(features);
    }
}

void SceneLayerBuilder::add(geo::Geometry g, const std::vector<geo::Value>& values) {
    // A layer declared as generic "Geometry" reports no kind; its features still say theirs.
    if (out_.kind == geo::Geometry::Kind::Empty) out_.kind = g.kind;
    if (g.empty()) return;
    if (!toDisplay_.forward(g)) {
        ++out_.skippedFeatures;
        return;
    }
    const std::size_t firstItem = out_.itemCount();
    if (g.kind == geo::Geometry::Kind::Point) {
        for (const auto& part : g.parts) {
            if (part.empty() || part.front().empty()) continue;
            const geo::XY p = part.front().front();
            out_.points.emplace_back(p.x, p.y);
            out_.attributes.appendRow(values);  // a multipoint's parts share the row
            out_.extent.expand(p);
        }
    } else {
        const QPainterPath path = toPainterPath(g);
        const QRectF bounds = path.boundingRect();
        out_.paths.push_back(path, g.kind == geo::Geometry::Kind::Polygon ? CompactPaths::Rings::Closed : CompactPaths::Rings::Open);
        out_.pathBounds.push_back(bounds);
        out_.attributes.appendRow(values);
        out_.extent.expand(toBox(bounds));
    }
    if (labelIndex_ && out_.itemCount() > firstItem && !geo::isNull(values[*labelIndex_])) {
        // The text is the label field's cell of firstItem (labelColumn): only non-empty ones.
        if (const auto* s = std::get_if<std::string>(&values[*labelIndex_]); s && s->empty()) return;
        // A label placed by the data (lon/lat fields in the layer's CRS, saved at import, or
        // e.g. 香港 beside its polygon where the label does not hide 澳门); else computed here.
        std::optional<geo::XY> anchor;
        if (anchorX_ < values.size() && anchorY_ < values.size()) {
            const auto* x = std::get_if<double>(&values[anchorX_]);
            const auto* y = std::get_if<double>(&values[anchorY_]);
            if (x && y) anchor = toDisplay_.forward(geo::XY{*x, *y});
        }
        if (!anchor) anchor = labelAnchor(g);
        if (anchor) out_.labels.push_back({{anchor->x, anchor->y}, firstItem});
    }
}

geo::Result<SceneLayer> SceneLayerBuilder::finish() && {
    if (out_.kind == geo::Geometry::Kind::Empty)
        return geo::Error{"this layer has no geometry, so it cannot be drawn on the map", "", sourceName_, {}};
    out_.attributes.shrinkToFit();
    out_.points.shrink_to_fit();
    out_.labels.shrink_to_fit();
    out_.paths.shrink_to_fit();
    out_.pathBounds.shrink_to_fit();
    resolveSymbology(out_);
    return std::move(out_);
}

geo::Result<SceneLayer> buildSceneLayer(const geo::Layer& source, const geo::Transformer& toDisplay,
                                        const SceneLayerSpec& spec) {
    SceneLayerBuilder builder(source.name, source.fields, source.geometryKind, toDisplay, spec);
    builder.reserve(source.features.size());
    for (const auto& feature : source.features) builder.add(feature.geometry, feature.values);
    return std::move(builder).finish();
}

}  // namespace hongtu::render
