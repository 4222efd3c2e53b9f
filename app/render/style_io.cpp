#include "render/style_io.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <cmath>
#include <utility>

#include "hongtu/geo/json_reader.hpp"

namespace hongtu::render {

namespace {

using nlohmann::json;

// Bad values are named by key path (geo/json_reader.hpp) in these words; styleFromJson turns the
// one JsonKeyError into a geo::Error.
std::string outsideRange(const json& value, double min, double max) {
    return "the value " + value.dump() + " is outside " + json(min).dump() + " to " + json(max).dump();
}

constexpr geo::JsonWording kWording{"(style)", "expected an object { ... }", "expected a text", "expected a number",
                                    "expected true or false", "missing", "unknown key", &outsideRange};

[[noreturn]] void fail(const std::string& key, const std::string& what) { geo::failAtKey(key, what); }

constexpr std::pair<MarkerShape, const char*> kShapes[] = {
    {MarkerShape::Circle, "circle"}, {MarkerShape::Square, "square"}, {MarkerShape::Triangle, "triangle"}, {MarkerShape::Star, "star"}};
constexpr std::pair<ClassMethod, const char*> kMethods[] = {{ClassMethod::EqualInterval, "equal_interval"},
                                                            {ClassMethod::Quantile, "quantile"},
                                                            {ClassMethod::NaturalBreaks, "natural_breaks"},
                                                            {ClassMethod::Fixed, "fixed"}};
constexpr std::pair<LabelPriority, const char*> kPriorities[] = {{LabelPriority::Low, "low"},
                                                                 {LabelPriority::Village, "village"},
                                                                 {LabelPriority::Township, "township"},
                                                                 {LabelPriority::Site, "site"},
                                                                 {LabelPriority::County, "county"}};

template <typename E, std::size_t N>
const char* nameOf(const std::pair<E, const char*> (&names)[N], E value) {
    for (const auto& [v, n] : names)
        if (v == value) return n;
    return names[0].second;
}

template <typename E, std::size_t N>
E enumAt(const json& j, const std::string& key, const std::pair<E, const char*> (&names)[N]) {
    if (!j.is_string()) fail(key, "expected a text");
    const std::string s = j.get<std::string>();
    std::string allowed;
    for (const auto& [v, n] : names) {
        if (s == n) return v;
        allowed += (allowed.empty() ? "" : ", ") + std::string(n);
    }
    fail(key, "unknown value '" + s + "' (one of: " + allowed + ")");
}

std::string colorText(const QColor& c) {
    return c.alpha() == 255 ? c.name(QColor::HexRgb).toStdString() : c.name(QColor::HexArgb).toStdString();
}

QColor colorAt(const json& j, const std::string& key) {
    if (!j.is_string()) fail(key, "expected a colour such as \"#336699\"");
    const QColor c(QString::fromStdString(j.get<std::string>()));
    if (!c.isValid()) fail(key, "'" + j.get<std::string>() + "' is not a colour (expected e.g. \"#336699\")");
    return c;
}

double numberAt(const json& j, const std::string& key, double min, double max) { return geo::jsonNumberAt(j, key, min, max, kWording); }
std::string textAt(const json& j, const std::string& key) { return geo::jsonTextAt(j, key, kWording); }
bool boolAt(const json& j, const std::string& key) { return geo::jsonBooleanAt(j, key, kWording); }
void objectAt(const json& j, const std::string& key) { (void)geo::jsonObjectAt(j, key, kWording); }
template <typename F>
void with(const json& obj, const std::string& path, const char* key, F&& f) { geo::withJsonKey(obj, path, key, std::forward<F>(f)); }

json symbolToJson(const Symbol& symbol) {
    return std::visit(
        [](const auto& s) -> json {
            using T = std::decay_t<decltype(s)>;
            if constexpr (std::is_same_v<T, FillSymbol>)
                return {{"type", "fill"}, {"fill", colorText(s.fill)}, {"stroke", colorText(s.stroke)}, {"stroke_width_mm", s.strokeWidthMm}, {"hatched", s.hatched}};
            else if constexpr (std::is_same_v<T, LineSymbol>)
                return {{"type", "line"}, {"color", colorText(s.color)}, {"width_mm", s.widthMm}};
            else
                return {{"type", "marker"}, {"shape", nameOf(kShapes, s.shape)}, {"size_mm", s.sizeMm}, {"fill", colorText(s.fill)}, {"stroke", colorText(s.stroke)}, {"stroke_width_mm", s.strokeWidthMm}};
        },
        symbol);
}

Symbol symbolFromJson(const json& j, const Symbol& base) {
    const std::string p = "symbol";
    objectAt(j, "symbol");
    std::string type = std::visit(
        [](const auto& s) -> std::string {
            using T = std::decay_t<decltype(s)>;
            if constexpr (std::is_same_v<T, FillSymbol>) return "fill";
            else if constexpr (std::is_same_v<T, LineSymbol>) return "line";
            else return "marker";
        },
        base);
    with(j, p, "type", [&](const json& v, const std::string& k) { type = textAt(v, k); });
    if (type == "fill") {
        FillSymbol s = std::holds_alternative<FillSymbol>(base) ? std::get<FillSymbol>(base) : FillSymbol{};
        with(j, p, "fill", [&](const json& v, const std::string& k) { s.fill = colorAt(v, k); });
        with(j, p, "stroke", [&](const json& v, const std::string& k) { s.stroke = colorAt(v, k); });
        with(j, p, "stroke_width_mm", [&](const json& v, const std::string& k) { s.strokeWidthMm = numberAt(v, k, 0, 20); });
        with(j, p, "hatched", [&](const json& v, const std::string& k) { s.hatched = boolAt(v, k); });
        return s;
    }
    if (type == "line") {
        LineSymbol s = std::holds_alternative<LineSymbol>(base) ? std::get<LineSymbol>(base) : LineSymbol{};
        with(j, p, "color", [&](const json& v, const std::string& k) { s.color = colorAt(v, k); });
        with(j, p, "width_mm", [&](const json& v, const std::string& k) { s.widthMm = numberAt(v, k, 0, 20); });
        return s;
    }
    if (type == "marker") {
        MarkerSymbol s = std::holds_alternative<MarkerSymbol>(base) ? std::get<MarkerSymbol>(base) : MarkerSymbol{};
        with(j, p, "shape", [&](const json& v, const std::string& k) { s.shape = enumAt(v, k, kShapes); });
        with(j, p, "size_mm", [&](const json& v, const std::string& k) { s.sizeMm = numberAt(v, k, 0.1, 50); });
        with(j, p, "fill", [&](const json& v, const std::string& k) { s.fill = colorAt(v, k); });
        with(j, p, "stroke", [&](const json& v, const std::string& k) { s.stroke = colorAt(v, k); });
        with(j, p, "stroke_width_mm", [&](const json& v, const std::string& k) { s.strokeWidthMm = numberAt(v, k, 0, 20); });
        return s;
    }
    fail("symbol.type", "unknown value '" + type + "' (one of: fill, line, marker)");
}

json symbologyToJson(const Symbology& symbology) {
    return std::visit(
        [](const auto& s) -> json {
            using T = std::decay_t<decltype(s)>;
            if constexpr (std::is_same_v<T, SingleSymbology>) {
                return {{"type", "single"}};
            } else if constexpr (std::is_same_v<T, CategorizedSymbology>) {
                json cats = json::array();
                for (const auto& c : s.categories)
                    cats.push_back({{"value", c.value}, {"label", c.label.toStdString()}, {"color", colorText(c.color)}});
                json out{{"type", "categorized"}, {"field", s.field}, {"categories", cats}};
                out["other_color"] = s.otherColor ? json(colorText(*s.otherColor)) : json(nullptr);
                return out;
            } else if constexpr (std::is_same_v<T, GraduatedSymbology>) {
                json palette = json::array();
                for (const auto& c : s.palette) palette.push_back(colorText(c));
                json out{{"type", "graduated"}, {"field", s.field}, {"method", nameOf(kMethods, s.method)}, {"classes", s.classCount}, {"breaks", s.userBreaks}, {"palette", palette}, {"separate_label", s.separateLabel.toStdString()}, {"separate_color", colorText(s.separateColor)}, {"no_data_color", colorText(s.noDataColor)}, {"decimals", s.decimals}, {"unit", s.unit.toStdString()}};
                out["separate_value"] = s.separateValue ? json(*s.separateValue) : json(nullptr);
                return out;
            } else {
                json out{{"type", "proportional"}, {"field", s.field}, {"max_size_mm", s.maxSizeMm}, {"min_size_mm", s.minSizeMm}, {"decimals", s.decimals}, {"unit", s.unit.toStdString()}};
                out["max_value"] = s.maxValue ? json(*s.maxValue) : json(nullptr);
                return out;
            }
        },
        symbology);
}

std::vector<QColor> colorsAt(const json& j, const std::string& key) {
    if (!j.is_array()) fail(key, "expected a list of colours");
    std::vector<QColor> out;
    for (std::size_t i = 0; i < j.size(); ++i) out.push_back(colorAt(j[i], geo::jsonIndexPath(key, i)));
    return out;
}

Symbology symbologyFromJson(const json& j, const Symbology& base) {
    const std::string p = "symbology";
    objectAt(j, "symbology");
    std::string type = std::visit(
        [](const auto& s) -> std::string {
            using T = std::decay_t<decltype(s)>;
            if constexpr (std::is_same_v<T, SingleSymbology>) return "single";
            else if constexpr (std::is_same_v<T, CategorizedSymbology>) return "categorized";
            else if constexpr (std::is_same_v<T, GraduatedSymbology>) return "graduated";
            else return "proportional";
        },
        base);
    with(j, p, "type", [&](const json& v, const std::string& k) { type = textAt(v, k); });
    if (type == "single") return SingleSymbology{};
    if (type == "categorized") {
        auto s = std::holds_alternative<CategorizedSymbology>(base) ? std::get<CategorizedSymbology>(base) : CategorizedSymbology{};
        with(j, p, "field", [&](const json& v, const std::string& k) { s.field = textAt(v, k); });
        with(j, p, "categories", [&](const json& v, const std::string& k) {
            if (!v.is_array()) fail(k, "expected a list of categories");
            s.categories.clear();
            for (std::size_t i = 0; i < v.size(); ++i) {
                const std::string ck = geo::jsonIndexPath(k, i);
                objectAt(v[i], ck);
                ValueClass c;
                with(v[i], ck, "value", [&](const json& x, const std::string& xk) { c.value = textAt(x, xk); });
                with(v[i], ck, "label", [&](const json& x, const std::string& xk) { c.label = QString::fromStdString(textAt(x, xk)); });
                with(v[i], ck, "color", [&](const json& x, const std::string& xk) { c.color = colorAt(x, xk); });
                if (!c.color.isValid()) fail(ck + ".color", "missing");
                s.categories.push_back(std::move(c));
            }
        });
        with(j, p, "other_color", [&](const json& v, const std::string& k) {
            s.otherColor = v.is_null() ? std::nullopt : std::optional<QColor>(colorAt(v, k));
        });
        if (s.field.empty()) fail("symbology.field", "a categorized style needs a field");
        return s;
    }
    if (type == "graduated") {
        auto s = std::holds_alternative<GraduatedSymbology>(base) ? std::get<GraduatedSymbology>(base) : GraduatedSymbology{};
        with(j, p, "field", [&](const json& v, const std::string& k) { s.field = textAt(v, k); });
        with(j, p, "method", [&](const json& v, const std::string& k) { s.method = enumAt(v, k, kMethods); });
        with(j, p, "classes", [&](const json& v, const std::string& k) {
            s.classCount = static_cast<int>(numberAt(v, k, 1, 12));
        });
        with(j, p, "breaks", [&](const json& v, const std::string& k) {
            if (!v.is_array()) fail(k, "expected a list of numbers");
            s.userBreaks.clear();
            for (std::size_t i = 0; i < v.size(); ++i) s.userBreaks.push_back(numberAt(v[i], geo::jsonIndexPath(k, i), -1e300, 1e300));
        });
        with(j, p, "palette", [&](const json& v, const std::string& k) { s.palette = colorsAt(v, k); });
        with(j, p, "separate_value", [&](const json& v, const std::string& k) {
            s.separateValue = v.is_null() ? std::nullopt : std::optional<double>(numberAt(v, k, -1e300, 1e300));
        });
        with(j, p, "separate_label", [&](const json& v, const std::string& k) { s.separateLabel = QString::fromStdString(textAt(v, k)); });
        with(j, p, "separate_color", [&](const json& v, const std::string& k) { s.separateColor = colorAt(v, k); });
        with(j, p, "no_data_color", [&](const json& v, const std::string& k) { s.noDataColor = colorAt(v, k); });
        with(j, p, "decimals", [&](const json& v, const std::string& k) { s.decimals = static_cast<int>(numberAt(v, k, 0, 6)); });
        with(j, p, "unit", [&](const json& v, const std::string& k) { s.unit = QString::fromStdString(textAt(v, k)); });
        if (s.field.empty()) fail("symbology.field", "a graduated style needs a field");
        if (s.palette.empty()) fail("symbology.palette", "a graduated style needs at least one colour");
        if (s.method == ClassMethod::Fixed && s.userBreaks.size() < 2) fail("symbology.breaks", "fixed classes need at least two breaks");
        return s;
    }
    if (type == "proportional") {
        auto s = std::holds_alternative<ProportionalSymbology>(base) ? std::get<ProportionalSymbology>(base) : ProportionalSymbology{};
        with(j, p, "field", [&](const json& v, const std::string& k) { s.field = textAt(v, k); });
        with(j, p, "max_size_mm", [&](const json& v, const std::string& k) { s.maxSizeMm = numberAt(v, k, 0.1, 100); });
        with(j, p, "min_size_mm", [&](const json& v, const std::string& k) { s.minSizeMm = numberAt(v, k, 0, 100); });
        with(j, p, "max_value", [&](const json& v, const std::string& k) {
            s.maxValue = v.is_null() ? std::nullopt : std::optional<double>(numberAt(v, k, 0, 1e300));
        });
        with(j, p, "decimals", [&](const json& v, const std::string& k) { s.decimals = static_cast<int>(numberAt(v, k, 0, 6)); });
        with(j, p, "unit", [&](const json& v, const std::string& k) { s.unit = QString::fromStdString(textAt(v, k)); });
        if (s.field.empty()) fail("symbology.field", "a proportional style needs a field");
        return s;
    }
    fail("symbology.type", "unknown value '" + type + "' (one of: single, categorized, graduated, proportional)");
}

}  // namespace

std::string styleToJson(const LayerStyle& style) {
    const LabelStyle& l = style.label;
    json label{{"enabled", l.enabled}, {"font_family", l.fontFamily.toStdString()}, {"size_pt", l.sizePt}, {"color", colorText(l.color)}, {"halo", colorText(l.halo)}, {"halo_mm", l.haloMm}};
    label["max_scale_denominator"] = std::isfinite(l.maxScaleDenominator) ? json(l.maxScaleDenominator) : json(nullptr);
    json out{{"version", 1},
             {"symbol", symbolToJson(style.symbol)},
             {"symbology", symbologyToJson(style.symbology)},
             {"legend_title", style.legendTitle.toStdString()},
             {"label", label},
             {"label_priority", nameOf(kPriorities, style.labelPriority)},
             {"opacity", style.opacity}};
    out["max_scale_denominator"] = std::isfinite(style.maxScaleDenominator) ? json(style.maxScaleDenominator) : json(nullptr);
    return out.dump(-1, ' ', false, json::error_handler_t::replace);  // category values from GBK data must not throw
}

bool styleSetsScaleRange(const std::string& text) {
    const json j = json::parse(text, nullptr, false);
    return j.is_object() && j.contains("max_scale_denominator");
}

geo::Result<LayerStyle> styleFromJson(const std::string& text, const LayerStyle& base) {
    json j;
    try {
        j = json::parse(text);
    } catch (const json::exception& e) {  // parse errors, and out_of_range.406 for 1e616 (fuzzing found the abort)
        return geo::Error{std::string("the saved style is not valid JSON (") + e.what() + ")", {}, {}, {}};
    }
    try {
        objectAt(j, "");  // "(style): expected an object { ... }"
        LayerStyle s = base;
        with(j, "", "symbol", [&](const json& v, const std::string&) { s.symbol = symbolFromJson(v, base.symbol); });
        with(j, "", "symbology", [&](const json& v, const std::string&) { s.symbology = symbologyFromJson(v, base.symbology); });
        with(j, "", "legend_title", [&](const json& v, const std::string& k) { s.legendTitle = QString::fromStdString(textAt(v, k)); });
        with(j, "", "label", [&](const json& v, const std::string& k) {
            objectAt(v, k);
            const std::string& p = k;
            with(v, p, "enabled", [&](const json& x, const std::string& xk) { s.label.enabled = boolAt(x, xk); });
            with(v, p, "font_family", [&](const json& x, const std::string& xk) { s.label.fontFamily = QString::fromStdString(textAt(x, xk)); });
            with(v, p, "size_pt", [&](const json& x, const std::string& xk) { s.label.sizePt = numberAt(x, xk, 1, 72); });
            with(v, p, "color", [&](const json& x, const std::string& xk) { s.label.color = colorAt(x, xk); });
            with(v, p, "halo", [&](const json& x, const std::string& xk) { s.label.halo = colorAt(x, xk); });
            with(v, p, "halo_mm", [&](const json& x, const std::string& xk) { s.label.haloMm = numberAt(x, xk, 0, 5); });
            with(v, p, "max_scale_denominator", [&](const json& x, const std::string& xk) {
                s.label.maxScaleDenominator = x.is_null() ? std::numeric_limits<double>::infinity() : numberAt(x, xk, 1, 1e12);
            });
        });
        with(j, "", "label_priority", [&](const json& v, const std::string& k) { s.labelPriority = enumAt(v, k, kPriorities); });
        with(j, "", "opacity", [&](const json& v, const std::string& k) { s.opacity = numberAt(v, k, 0, 1); });
        with(j, "", "max_scale_denominator", [&](const json& v, const std::string& k) {
            s.maxScaleDenominator = v.is_null() ? std::numeric_limits<double>::infinity() : numberAt(v, k, 1, 1e12);
        });
        return s;
    } catch (const geo::JsonKeyError& e) {
        return geo::Error{"the saved style has a bad value at key " + e.text(), {}, {}, {}};
    } catch (const json::exception& e) {
        return geo::Error{std::string("the saved style could not be read: ") + e.what(), {}, {}, {}};
    }
}

}  // namespace hongtu::render
