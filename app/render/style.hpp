#pragma once
// Symbology as plain data (mapnik's symbolizers): no drawing code here; map_renderer.cpp paints
// it. Sizes are in millimetres on the output, so screen, PNG and print agree at their DPI.

#include <QColor>
#include <QString>

#include <limits>
#include <variant>

namespace hongtu::render {

struct FillSymbol {  // polygons
    QColor fill{0xf3, 0xe9, 0xd2};
    QColor stroke{0x8b, 0x5a, 0x2b};
    double strokeWidthMm = 0.3;
};

struct LineSymbol {  // line strings
    QColor color{0x40, 0x40, 0x40};
    double widthMm = 0.3;
};

enum class MarkerShape { Circle, Square, Triangle, Star };

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

struct LayerStyle {
    Symbol symbol = FillSymbol{};
    LabelStyle label;
};

}  // namespace hongtu::render
