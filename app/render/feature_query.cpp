#include "render/feature_query.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "hongtu/geo/names.hpp"

namespace hongtu::render {

namespace {

const std::vector<std::string> kNameFields{"name", "name_zh", "joined_name", "名称", "NAME"};

// The layer's own code (a village's county_code is not its code).
std::string codeFieldOf(const SceneLayer& layer) {
    if (layer.id == "counties") return "county_code";
    if (layer.id == "townships") return "township_code";
    if (layer.id == "villages") return "village_code";
    for (const char* f : {"joined_code", "code", "id"})
        if (layer.fieldIndex(f)) return f;
    return {};
}

std::string nameFieldOf(const SceneLayer& layer) {
    for (const auto& f : kNameFields)
        if (layer.fieldIndex(f)) return f;
    return {};
}

// Among equally good hits: counties, then villages (the programme's unit: "蔡家崖" is the village
// before the township named after it), then townships, then everything else.
int layerOrder(const std::string& id) {
    if (id == "counties") return 0;
    if (id == "villages") return 1;
    if (id == "townships") return 2;
    return 3;
}

// The name as its level writes it without suffixes.
std::string normalized(const std::string& layerId, const std::string& name) {
    if (layerId == "villages") return geo::normalizeVillageName(name);
    if (layerId == "townships") return geo::normalizeTownshipName(name);
    if (layerId == "counties") return geo::countyNameAliases(name).back();
    return geo::normalizeWidthAndSpace(name);
}

bool allDigits(const std::string& s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

std::map<std::string, QString> countyNames(const Scene& scene) {
    std::map<std::string, QString> out;
    const SceneLayer* counties = scene.find("counties");
    if (!counties) return out;
    for (std::size_t i = 0; i < counties->itemCount(); ++i)
        out[counties->text(i, "county_code")] = QString::fromStdString(counties->text(i, nameFieldOf(*counties)));
    return out;
}

// Each item's class on the settings' as-of day (progress layers), else the layer's own.
std::vector<std::int32_t> classesOn(const SceneLayer& layer, const MapSettings& settings) {
    if (layer.asOfClasses && settings.asOf) return classesAsOf(layer, settings.asOf, settings.dueSoonDays).itemClass;
    return layer.itemClass;
}

bool drawn(const std::vector<std::int32_t>& itemClass, const SceneLayer& layer, std::size_t item) {
    return itemClass.size() != layer.itemCount() || itemClass[item] >= 0;
}

}  // namespace

std::vector<SearchHit> searchFeatures(const Scene& scene, const QString& query, std::size_t limit) {
    const std::string q = geo::normalizeWidthAndSpace(query.trimmed().toStdString());
    std::vector<SearchHit> hits;
    if (q.empty()) return hits;
    const bool isCode = allDigits(q);
    const auto counties = countyNames(scene);

    for (const SceneLayer& layer : scene.layers) {
        const std::string nameField = nameFieldOf(layer), codeField = codeFieldOf(layer);
        const std::string qName = normalized(layer.id, q);
        for (std::size_t i = 0; i < layer.itemCount(); ++i) {
            const std::string name = nameField.empty() ? std::string() : layer.text(i, nameField);
            const std::string code = codeField.empty() ? std::string() : layer.text(i, codeField);
            int rank = -1;
            if (isCode) {
                if (code == q) rank = 0;
                else if (q.size() >= 6 && code.rfind(q, 0) == 0) rank = 4;
            } else if (!name.empty()) {
                const std::string n = geo::normalizeWidthAndSpace(name);
                const std::string base = normalized(layer.id, name);
                // A suffix in the query ("蔡家崖村", "蔡家崖乡") prefers units of that level.
                const bool querySaysLevel = qName != q;
                if (n == q) rank = 1;
                else if (!qName.empty() && base == qName) rank = querySaysLevel ? 2 : 3;
                else if (n.rfind(q, 0) == 0) rank = 4;
                else if (n.find(q) != std::string::npos) rank = 5;
            }
            if (rank < 0) continue;
            const std::string county = layer.text(i, "county_code");
            const auto where = counties.find(county);
            hits.push_back({{layer.id, i},
                            QString::fromStdString(name),
                            QString::fromStdString(code),
                            where == counties.end() || layer.id == "counties" ? QString() : where->second,
                            rank});
        }
    }
    std::stable_sort(hits.begin(), hits.end(), [](const SearchHit& a, const SearchHit& b) {
        if (a.rank != b.rank) return a.rank < b.rank;
        return layerOrder(a.feature.layerId) < layerOrder(b.feature.layerId);
    });
    if (hits.size() > limit) hits.resize(limit);
    return hits;
}

std::optional<FeatureRef> featureAt(const Scene& scene, const MapSettings& settings, QPointF pixel, double tolerancePx) {
    const QTransform toPixel = settings.mapToPixel();
    for (auto it = scene.layers.rbegin(); it != scene.layers.rend(); ++it) {
        const SceneLayer& layer = *it;
        if (!settings.isLayerVisible(layer.id) || layer.points.empty()) continue;
        double radius = tolerancePx;
        if (const auto* m = std::get_if<MarkerSymbol>(&layer.style.symbol)) radius = std::max(radius, settings.pixelsFromMm(m->sizeMm) / 2);
        double best = std::numeric_limits<double>::infinity();
        std::optional<std::size_t> bestItem;
        const auto itemClass = classesOn(layer, settings);
        for (std::size_t i = 0; i < layer.points.size(); ++i) {
            if (!drawn(itemClass, layer, i)) continue;
            double r = radius;
            if (i < layer.markerSizeMm.size()) r = std::max(r, settings.pixelsFromMm(layer.markerSizeMm[i]) / 2);
            const QPointF d = toPixel.map(layer.points[i]) - pixel;
            const double dist = std::hypot(d.x(), d.y());
            if (dist <= r && dist < best) {
                best = dist;
                bestItem = i;
            }
        }
        if (bestItem) return FeatureRef{layer.id, *bestItem};
    }
    const geo::XY m = settings.toMap(pixel);
    const QPointF map(m.x, m.y);
    for (auto it = scene.layers.rbegin(); it != scene.layers.rend(); ++it) {
        const SceneLayer& layer = *it;
        if (!settings.isLayerVisible(layer.id) || layer.kind != geo::Geometry::Kind::Polygon) continue;
        const auto itemClass = classesOn(layer, settings);
        for (std::size_t i = 0; i < layer.paths.size(); ++i)
            if (drawn(itemClass, layer, i) && layer.pathBounds[i].contains(map) && layer.paths[i].contains(map)) return FeatureRef{layer.id, i};
    }
    return std::nullopt;
}

std::vector<FeatureRef> featuresIn(const Scene& scene, const MapSettings& settings, const QRectF& pixelRect) {
    const geo::XY a = settings.toMap(pixelRect.topLeft()), b = settings.toMap(pixelRect.bottomRight());
    const QRectF map = QRectF(QPointF(a.x, a.y), QPointF(b.x, b.y)).normalized();
    std::vector<FeatureRef> out;
    for (const SceneLayer& layer : scene.layers) {
        if (!settings.isLayerVisible(layer.id)) continue;
        const auto itemClass = classesOn(layer, settings);
        for (std::size_t i = 0; i < layer.points.size(); ++i)
            if (drawn(itemClass, layer, i) && map.contains(layer.points[i])) out.push_back({layer.id, i});
        for (std::size_t i = 0; i < layer.paths.size(); ++i)
            if (drawn(itemClass, layer, i) && map.contains(layer.pathBounds[i])) out.push_back({layer.id, i});
    }
    return out;
}

geo::Box featureBounds(const Scene& scene, const FeatureRef& feature) {
    const SceneLayer* layer = scene.find(feature.layerId);
    geo::Box box;
    if (!layer) return box;
    if (feature.item < layer->points.size()) {
        box.expand(geo::XY{layer->points[feature.item].x(), layer->points[feature.item].y()});
    } else if (feature.item < layer->pathBounds.size()) {
        const QRectF& r = layer->pathBounds[feature.item];
        box.expand(geo::XY{r.left(), r.top()});
        box.expand(geo::XY{r.right(), r.bottom()});
    }
    return box;
}

}  // namespace hongtu::render
