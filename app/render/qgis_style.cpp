#include "render/qgis_style.hpp"

#include <cmath>
#include <cstdio>
#include <tuple>

#include "hongtu/geo/layer_styles.hpp"
#include "render/loaded_project.hpp"
#include "render/progress_theme.hpp"
#include "render/symbology.hpp"

namespace hongtu::render {

namespace {

geo::Rgba rgba(const QColor& c) { return {c.red(), c.green(), c.blue(), c.alpha()}; }

const char* markerName(MarkerShape shape) {
    switch (shape) {
        case MarkerShape::Square: return "square";
        case MarkerShape::Triangle: return "triangle";
        case MarkerShape::Star: return "star";
        case MarkerShape::Circle: break;
    }
    return "circle";
}

geo::QgisSymbol qgisSymbol(const Symbol& symbol) {
    geo::QgisSymbol out;
    std::visit(
        [&](const auto& s) {
        using T = std::decay_t<decltype(s)>;
        if constexpr (std::is_same_v<T, FillSymbol>) {
            out.fill = rgba(s.fill);
            out.stroke = rgba(s.stroke);
            out.strokeWidthMm = s.strokeWidthMm;
            out.hatched = s.hatched;
        } else if constexpr (std::is_same_v<T, MarkerSymbol>) {
            out.fill = rgba(s.fill);
            out.stroke = rgba(s.stroke);
            out.strokeWidthMm = s.strokeWidthMm;
            out.sizeMm = s.sizeMm;
            out.marker = markerName(s.shape);
        } else {
            out.fill = rgba(s.color);
            out.strokeWidthMm = s.widthMm;
        }
        },
        symbol);
    return out;
}

std::string labelFieldOf(const SceneLayer& layer) {
    if (!layer.style.label.enabled) return {};
    for (const auto& def : projectLayerDefinitions())
        if (def.id == layer.id)
            for (const auto& candidate : def.labelFieldCandidates)
                if (layer.fieldIndex(candidate)) return candidate;
    return {};
}

std::string quotedField(const std::string& field) {
    std::string out = "\"";
    for (char c : field) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

std::string number(double v) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

// What every layer's QGIS style starts from: its table, geometry, symbol, opacity and scale range.
geo::QgisStyle qgisStyleBase(const SceneLayer& layer) {
    geo::QgisStyle q;
    q.table = layer.id;
    q.kind = layer.kind;
    q.symbol = qgisSymbol(layer.style.symbol);
    q.opacity = layer.style.opacity;
    q.maxScaleDenominator = std::isfinite(layer.style.maxScaleDenominator) ? layer.style.maxScaleDenominator : 0;
    return q;
}

// A progress layer (progress_theme.hpp) as QGIS draws its view (geo/progress/views.hpp): the
// points categorized by the view's `category`, the counties graduated by `completion_pct`, in
// the classes, colours and labels Hongtu's legend has.
std::optional<geo::QgisStyle> progressQgisStyle(const Scene& scene, const SceneLayer& layer) {
    const bool county = layer.id == kCountyProgressLayer;
    if (!county && layer.id != kVillageVenueLayer && layer.id != kCommunityVenueLayer && layer.id != kHousingLayer) return std::nullopt;
    geo::QgisStyle q = qgisStyleBase(layer);
    q.labelFont = layer.style.label.fontFamily.toStdString();
    q.labelSizePt = layer.style.label.sizePt;
    q.labelColor = rgba(layer.style.label.color);
    q.labelMaxScaleDenominator = std::isfinite(layer.style.label.maxScaleDenominator) ? layer.style.label.maxScaleDenominator : 0;
    if (county) {
        // The counties' own label field (the view holds every column of counties).
        const SceneLayer* counties = scene.find("counties");
        q.labelField = counties ? labelFieldOf(*counties) : std::string();
        if (!layer.style.label.enabled) q.labelField.clear();
        const std::vector<SceneClass> classes = completionClasses();  // 0–<25 … 90–<100, 100%, none planned
        q.renderer = geo::QgisRenderer::Graduated;
        q.field = "to_real(\"completion_pct\")";  // a view's computed column is text to GDAL
        auto ranges = geo::qgisRanges({0, 25, 50, 75, 90, 100});
        ranges.back().second = std::nextafter(100.0, -INFINITY);
        ranges.emplace_back(100.0, 100.0);
        for (std::size_t i = 0; i < classes.size(); ++i) {
            geo::QgisClass c{std::string(), 0, 0, classes[i].label.toStdString(), qgisSymbol(classes[i].symbol)};
            if (i < ranges.size()) std::tie(c.lower, c.upper) = ranges[i];
            else c.noData = true;  // none planned
            q.classes.push_back(c);
        }
    } else {
        q.labelField = layer.style.label.enabled ? "name" : "";
        q.renderer = geo::QgisRenderer::Categorized;
        q.field = "category";
        const auto categories = pointCategories();
        for (std::size_t i = 0; i < categories.size() && i < layer.classes.size(); ++i)
            q.classes.push_back({geo::progress::categoryWord(categories[i]), 0, 0, layer.classes[i].label.toStdString(), qgisSymbol(layer.classes[i].symbol)});
    }
    return q;
}

}  // namespace

std::optional<geo::QgisStyle> toQgisStyle(const Scene& scene, const SceneLayer& layer) {
    if (layer.asOfClasses) return progressQgisStyle(scene, layer);
    if (layer.kind == geo::Geometry::Kind::Empty) return std::nullopt;
    geo::QgisStyle q = qgisStyleBase(layer);
    q.labelField = labelFieldOf(layer);
    q.labelFont = layer.style.label.fontFamily.toStdString();
    q.labelSizePt = layer.style.label.sizePt;
    q.labelColor = rgba(layer.style.label.color);
    q.labelMaxScaleDenominator = std::isfinite(layer.style.label.maxScaleDenominator) ? layer.style.label.maxScaleDenominator : 0;
    const auto fieldOrExpression = [&](const std::string& field) {
        const std::string expression = qgisFieldExpression(scene, layer.id, field);
        return expression.empty() ? field : expression;
    };
    const auto classSymbol = [&](std::size_t i) {
        return i < layer.classes.size() ? qgisSymbol(layer.classes[i].symbol) : q.symbol;
    };
    const auto classLabel = [&](std::size_t i) { return i < layer.classes.size() ? layer.classes[i].label.toStdString() : std::string(); };
    std::visit(
        [&](const auto& s) {
        using T = std::decay_t<decltype(s)>;
        if constexpr (std::is_same_v<T, CategorizedSymbology>) {
            q.renderer = geo::QgisRenderer::Categorized;
            q.field = fieldOrExpression(s.field);
            for (std::size_t i = 0; i < s.categories.size(); ++i)
                q.classes.push_back({s.categories[i].value, 0, 0, classLabel(i), classSymbol(i)});
            if (s.otherColor)  // "" is QGIS's "all other values"
                q.classes.push_back({std::string(), 0, 0, classLabel(s.categories.size()), classSymbol(s.categories.size())});
        } else if constexpr (std::is_same_v<T, GraduatedSymbology>) {
            q.renderer = geo::QgisRenderer::Graduated;
            q.field = fieldOrExpression(s.field);
            const auto ranges = geo::qgisRanges(graduatedBreaks(layer, s));
            for (std::size_t i = 0; i < ranges.size(); ++i)
                q.classes.push_back({std::string(), ranges[i].first, ranges[i].second, classLabel(i), classSymbol(i)});
            if (s.separateValue) {
                const double v = *s.separateValue;
                geo::QgisClass separate{std::string(), v, v, classLabel(ranges.size()), classSymbol(ranges.size())};
                // QGIS takes the first range that holds a value: the separate value goes
                // first when a range holds it, else where Hongtu's legend has it.
                bool inside = false;
                for (auto& r : q.classes) {
                    if (r.upper == v && r.lower < v) r.upper = std::nextafter(v, -INFINITY);
                    else if (r.lower <= v && v <= r.upper) inside = true;
                }
                if (inside) q.classes.insert(q.classes.begin(), separate);
                else q.classes.push_back(separate);
            }
            // Hongtu's "no data" class (features with no value, or outside fixed breaks)
            // follows the ranges and the separate class (resolveSymbology).
            const std::size_t drawn = ranges.size() + (s.separateValue ? 1 : 0);
            if (layer.classes.size() > drawn) {
                geo::QgisClass noData{std::string(), 0, 0, classLabel(drawn), classSymbol(drawn)};
                noData.noData = true;
                q.classes.push_back(noData);
            }
        } else if constexpr (std::is_same_v<T, ProportionalSymbology>) {
            // Area proportional to the value (resolveSymbology): values <= 0 and NULL are not drawn.
            const double maxValue = proportionalMaxValue(layer, s);
            const std::string f = quotedField(s.field);
            if (maxValue > 0)
                q.sizeExpression = "CASE WHEN " + f + " > 0 THEN max(" + number(s.minSizeMm) + ", " + number(s.maxSizeMm) + " * sqrt(" + f +
                                   " / " + number(maxValue) + ")) ELSE 0 END";
        }
        },
        layer.style.symbology);
    return q;
}

std::vector<geo::QgisStyle> qgisStyles(const Scene& scene) {
    std::vector<geo::QgisStyle> out;
    for (const auto& layer : scene.layers)
        if (auto q = toQgisStyle(scene, layer)) out.push_back(std::move(*q));
    return out;
}

geo::Result<std::size_t> writeQgisStyles(const std::string& path, const std::string& updatedAt) {
    auto loaded = loadProject(path);
    if (!loaded) return loaded.error();
    const auto styles = qgisStyles(loaded->scene);
    if (auto st = geo::writeLayerStyles(path, {}, styles, updatedAt); !st) return st.error();
    return styles.size();
}

}  // namespace hongtu::render
