#include "render/symbology.hpp"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace hongtu::render {

namespace {

double numberOf(const geo::Value& v) {
    if (const auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
    if (const auto* d = std::get_if<double>(&v)) return *d;
    if (const auto* s = std::get_if<std::string>(&v)) {
        try {
            std::size_t used = 0;
            const double d = std::stod(*s, &used);
            if (used == s->size()) return d;
        } catch (const std::exception&) {
        }
    }
    return std::numeric_limits<double>::quiet_NaN();
}

QString number(double v, int decimals) {
    QLocale l = QLocale::c();
    l.setNumberOptions(QLocale::DefaultNumberOptions);  // group separators: 1,200,000
    return l.toString(v, 'f', decimals);
}

// The base symbol with another colour (fill for polygons, marker fill, line colour).
Symbol recoloured(const Symbol& base, const QColor& color) {
    Symbol out = base;
    std::visit(
        [&](auto& s) {
        using T = std::decay_t<decltype(s)>;
        if constexpr (std::is_same_v<T, FillSymbol>) s.fill = color;
        else if constexpr (std::is_same_v<T, MarkerSymbol>) s.fill = color;
        else s.color = color;
        },
        out);
    return out;
}

std::vector<double> numbers(const SceneLayer& layer, const std::string& field) {
    std::vector<double> out(layer.itemCount(), std::numeric_limits<double>::quiet_NaN());
    const auto index = layer.fieldIndex(field);
    if (!index) return out;
    for (std::size_t i = 0; i < out.size() && i < layer.attributes.rowCount(); ++i) out[i] = numberOf(layer.attributes.value(i, *index));
    return out;
}

QColor paletteColor(const std::vector<QColor>& palette, std::size_t i, std::size_t classes) {
    if (palette.empty()) return QColor(0x80, 0x80, 0x80);
    if (classes <= 1) return palette.back();
    const std::size_t at = static_cast<std::size_t>(std::lround(static_cast<double>(i) * (palette.size() - 1) / (classes - 1)));
    return palette[std::min(at, palette.size() - 1)];
}

void resolve(SceneLayer& layer, const SingleSymbology&) {
    layer.classes = {{QString(), layer.style.symbol, layer.itemCount()}};
    layer.itemClass.assign(layer.itemCount(), 0);
}

void resolve(SceneLayer& layer, const CategorizedSymbology& c) {
    const std::size_t n = layer.itemCount();
    layer.itemClass.assign(n, -1);
    std::map<std::string, std::int32_t> byValue;
    for (const ValueClass& cat : c.categories) {
        byValue.emplace(cat.value, static_cast<std::int32_t>(layer.classes.size()));
        layer.classes.push_back({cat.label, recoloured(layer.style.symbol, cat.color), 0});
    }
    std::int32_t other = -1;
    if (c.otherColor) {
        other = static_cast<std::int32_t>(layer.classes.size());
        layer.classes.push_back({QCoreApplication::translate("hongtu::render::Symbology", "Other values"), recoloured(layer.style.symbol, *c.otherColor), 0});
    }
    for (std::size_t i = 0; i < n; ++i) {
        const auto it = byValue.find(layer.text(i, c.field));
        const std::int32_t cls = it == byValue.end() ? other : it->second;
        layer.itemClass[i] = cls;
        if (cls >= 0) ++layer.classes[static_cast<std::size_t>(cls)].count;
    }
}

void resolve(SceneLayer& layer, const GraduatedSymbology& g) {
    const std::vector<double> values = numbers(layer, g.field);
    const std::vector<double> breaks = graduatedBreaks(layer, g);
    const std::size_t k = breaks.size() < 2 ? 0 : breaks.size() - 1;
    for (std::size_t i = 0; i < k; ++i) {
        const bool last = i + 1 == k;
        // Half-open classes: "84.9 – < 87.8 %"; the top class is closed: "94.0 – 94.7 %".
        const QString label = last ? QStringLiteral("%1 – %2%3").arg(number(breaks[i], g.decimals), number(breaks[i + 1], g.decimals), g.unit)
                                   : QStringLiteral("%1 – < %2%3").arg(number(breaks[i], g.decimals), number(breaks[i + 1], g.decimals), g.unit);
        layer.classes.push_back({label, recoloured(layer.style.symbol, paletteColor(g.palette, i, k)), 0});
    }
    std::int32_t separate = -1, noData = -1;
    if (g.separateValue) {
        separate = static_cast<std::int32_t>(layer.classes.size());
        layer.classes.push_back({g.separateLabel.isEmpty() ? number(*g.separateValue, g.decimals) + g.unit : g.separateLabel,
                                 recoloured(layer.style.symbol, g.separateColor), 0});
    }
    const auto addNoData = [&] {
        noData = static_cast<std::int32_t>(layer.classes.size());
        Symbol symbol = recoloured(layer.style.symbol, g.noDataColor);
        if (auto* fill = std::get_if<FillSymbol>(&symbol)) fill->hatched = true;
        layer.classes.push_back({QCoreApplication::translate("hongtu::render::Symbology", "No data"), symbol, 0});
    };
    layer.itemClass.assign(values.size(), -1);
    for (std::size_t i = 0; i < values.size(); ++i) {
        const double v = values[i];
        std::int32_t cls = -1;
        if (g.separateValue && v == *g.separateValue) {
            cls = separate;
        } else if (auto c = geo::classIndex(breaks, v)) {
            cls = static_cast<std::int32_t>(*c);
        } else {  // NaN, or outside fixed breaks: shown as no data, never dropped silently
            if (noData < 0) addNoData();
            cls = noData;
        }
        layer.itemClass[i] = cls;
        ++layer.classes[static_cast<std::size_t>(cls)].count;
    }
}

void resolve(SceneLayer& layer, const ProportionalSymbology& p) {
    const std::vector<double> values = numbers(layer, p.field);
    const double maxValue = proportionalMaxValue(layer, p);
    layer.itemClass.assign(values.size(), -1);
    layer.markerSizeMm.assign(values.size(), 0);
    const auto sizeFor = [&](double v) {
        // Area proportional to the value: the diameter grows with its square root.
        const double d = maxValue > 0 ? p.maxSizeMm * std::sqrt(std::max(0.0, v) / maxValue) : 0;
        return std::max(p.minSizeMm, d);
    };
    // Legend: three reference sizes (the maximum, half and a tenth of it), as on printed maps.
    for (double f : {1.0, 0.5, 0.1}) {
        Symbol symbol = layer.style.symbol;
        if (auto* m = std::get_if<MarkerSymbol>(&symbol)) m->sizeMm = sizeFor(maxValue * f);
        layer.classes.push_back({number(maxValue * f, p.decimals) + p.unit, symbol, 0});
    }
    std::size_t drawn = 0;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (std::isnan(values[i]) || values[i] <= 0) continue;
        layer.itemClass[i] = 0;  // one drawing class; the size varies per point
        layer.markerSizeMm[i] = static_cast<float>(sizeFor(values[i]));
        ++drawn;
    }
    layer.classes[0].count = drawn;
}

}  // namespace

std::vector<double> graduatedBreaks(const SceneLayer& layer, const GraduatedSymbology& g) {
    std::vector<double> classified;
    for (double v : numbers(layer, g.field))
        if (!std::isnan(v) && !(g.separateValue && v == *g.separateValue)) classified.push_back(v);
    return classified.empty() && g.method != ClassMethod::Fixed ? std::vector<double>{}
                                                                : geo::computeBreaks(g.method, classified, g.classCount, g.userBreaks);
}

double proportionalMaxValue(const SceneLayer& layer, const ProportionalSymbology& p) {
    if (p.maxValue) return *p.maxValue;
    double maxValue = 0;
    for (double v : numbers(layer, p.field))
        if (!std::isnan(v)) maxValue = std::max(maxValue, v);
    return maxValue;
}

void resolveSymbology(SceneLayer& layer) {
    layer.classes.clear();
    layer.itemClass.clear();
    layer.markerSizeMm.clear();
    std::visit([&](const auto& s) { resolve(layer, s); }, layer.style.symbology);
}

std::vector<QColor> sequentialPalette(Palette palette, int classes) {
    // The 7-class schemes; fewer classes are sampled evenly from them.
    static const std::map<Palette, std::vector<QRgb>> schemes{
        {Palette::YellowGreen, {0xffffcc, 0xd9f0a3, 0xaddd8e, 0x78c679, 0x41ab5d, 0x238443, 0x005a32}},
        {Palette::OrangeRed, {0xfef0d9, 0xfdd49e, 0xfdbb84, 0xfc8d59, 0xef6548, 0xd7301f, 0x990000}},
        {Palette::Blues, {0xeff3ff, 0xc6dbef, 0x9ecae1, 0x6baed6, 0x4292c6, 0x2171b5, 0x084594}},
        {Palette::Purples, {0xf2f0f7, 0xdadaeb, 0xbcbddc, 0x9e9ac8, 0x807dba, 0x6a51a3, 0x4a1486}},
    };
    const auto& rgb = schemes.at(palette);
    std::vector<QColor> all;
    for (QRgb c : rgb) all.emplace_back(c);
    if (classes <= 0) return {};
    std::vector<QColor> out;
    for (int i = 0; i < classes; ++i) out.push_back(paletteColor(all, static_cast<std::size_t>(i), static_cast<std::size_t>(classes)));
    return out;
}

}  // namespace hongtu::render
