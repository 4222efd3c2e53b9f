#pragma once
// Symbology as plain data (mapnik's symbolizers): no drawing code here; map_renderer.cpp paints
// it. Sizes are in millimetres on the output, so screen, PNG and print agree at their DPI.

#include <QColor>
#include <QString>

#include <limits>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "hongtu/geo/classify.hpp"

namespace hongtu::render {

// How a graduated style classifies its numbers (geo/classify.hpp).
using geo::ClassMethod;

struct FillSymbol {  // polygons
    QColor fill{0xf3, 0xe9, 0xd2};
    QColor stroke{0x8b, 0x5a, 0x2b};
    double strokeWidthMm = 0.3;
    bool hatched = false;  // diagonal lines over the fill ("no data"; readable in greyscale)
};

struct LineSymbol {  // line strings
    QColor color{0x40, 0x40, 0x40};
    double widthMm = 0.3;
};

enum class MarkerShape { Circle,
                         Square,
                         Triangle,
                         Star };

struct MarkerSymbol {  // points
    MarkerShape shape = MarkerShape::Circle;
    double sizeMm = 1.5;  // diameter of the circle / side of the square / outer star diameter
    QColor fill{0x33, 0x66, 0x99};
    QColor stroke{Qt::white};
    double strokeWidthMm = 0.2;  // 0 = no outline
};

using Symbol = std::variant<FillSymbol, LineSymbol, MarkerSymbol>;

struct LabelStyle {
    bool enabled = false;
    QString fontFamily = QStringLiteral("Noto Sans CJK SC");
    double sizePt = 9;
    QColor color{0x33, 0x33, 0x33};
    QColor halo{Qt::white};
    double haloMm = 0.5;
    // Labels show only at scales larger than 1:maxScaleDenominator (zoomed in enough).
    double maxScaleDenominator = std::numeric_limits<double>::infinity();
};

// --- Symbology: how a feature's attributes pick its symbol -------------------------------------
// The symbols of the classes take the layer's base symbol (LayerStyle::symbol) and change only
// its colour or size, so outlines and shapes stay consistent across a layer.

// Every feature with the layer's symbol.
struct SingleSymbology {};

// A fixed colour per value of a text field (e.g. venue status). Values not listed are drawn
// with `otherColor` when set, and not drawn otherwise; both are listed in the legend.
struct ValueClass {
    std::string value;
    QString label;  // shown in the legend, already translated
    QColor color;
};
struct CategorizedSymbology {
    std::string field;
    std::vector<ValueClass> categories;
    std::optional<QColor> otherColor;
};

// A choropleth (polygons) or graduated colours (points) of a numeric field.
struct GraduatedSymbology {
    std::string field;
    ClassMethod method = ClassMethod::Quantile;
    int classCount = 5;
    std::vector<double> userBreaks;  // ClassMethod::Fixed
    std::vector<QColor> palette;     // light to dark; sampled when it has more or fewer colours than classes
    // A value that gets its own class outside the classification (e.g. 100 for "100% done").
    std::optional<double> separateValue;
    QString separateLabel;
    QColor separateColor;
    QColor noDataColor{0xd9, 0xd9, 0xd9};  // NULL or not a number; drawn hatched
    int decimals = 1;                      // of the class limits in the legend
    QString unit;                          // appended to the legend limits, e.g. "%"
};

// Marker area proportional to a numeric field (budget, floor area): the largest value gets
// maxSizeMm; values <= 0 and NULL are not drawn.
struct ProportionalSymbology {
    std::string field;
    double maxSizeMm = 9;
    double minSizeMm = 0.8;          // so small values stay visible
    std::optional<double> maxValue;  // default: the layer's largest value
    int decimals = 0;
    QString unit;
};

using Symbology = std::variant<SingleSymbology, CategorizedSymbology, GraduatedSymbology, ProportionalSymbology>;

// Which labels win when they collide: higher first (county > township > village).
// Route is an overlay the user just asked for (route_layers.hpp): its labels come first.
enum class LabelPriority { Low = 0,
                           Village = 10,
                           Township = 20,
                           Site = 25,
                           County = 30,
                           Route = 40 };

struct LayerStyle {
    Symbol symbol = FillSymbol{};
    Symbology symbology;
    QString legendTitle;  // what the classes measure, e.g. "share of villages with collective income"; translated
    LabelStyle label;
    LabelPriority labelPriority = LabelPriority::Low;
    double opacity = 1.0;  // of the layer's features (0 transparent .. 1 opaque); labels stay opaque
    // The layer (and its labels) is drawn only at scales larger than 1:maxScaleDenominator
    // (zoomed in enough): 578,000 village dots say nothing on a map of the whole country.
    double maxScaleDenominator = std::numeric_limits<double>::infinity();
};

// Sequential palettes after ColorBrewer (colorbrewer2.org, Apache 2.0 licence): lightness
// changes monotonically, so the classes stay in order when printed in greyscale.
enum class Palette { YellowGreen,
                     OrangeRed,
                     Blues,
                     Purples };
[[nodiscard]] std::vector<QColor> sequentialPalette(Palette palette, int classes);

}  // namespace hongtu::render
