#pragma once
// QGIS's own style table in a GeoPackage: `layer_styles` (f_table_name, f_geometry_column,
// styleName, styleQML, styleSLD, useAsDefault, ...). QGIS applies the default row of a layer when
// it opens the layer from the GeoPackage, so a project opened in QGIS shows Hongtu's map.
// Written with every saved style (layer_styles.hpp: in the same transaction as
// hongtu_layer_styles). Qt-free: the viewer translates its LayerStyle into a QgisStyle
// (app/render/qgis_style.hpp).
//
// Renderers: a single symbol, categories of a text field (an empty value is QGIS's "all other
// values"), or ranges of a number field. Hongtu's classes are b_i <= v < b_(i+1) (the last one
// closed); QGIS's ranges are closed on both ends and the first matching range wins, so each
// range but the last ends at the largest double below the next break: a value on a break falls
// in the same class in both programs.

#include <string>
#include <utility>
#include <vector>

#include "hongtu/geo/feature.hpp"

namespace hongtu::geo {

struct Rgba {
    int r = 0, g = 0, b = 0, a = 255;
    friend bool operator==(const Rgba&, const Rgba&) = default;
};

struct QgisSymbol {
    Rgba fill{246, 239, 220};       // polygons and markers; lines: the line's colour
    Rgba stroke{140, 90, 50};       // outline of polygons and markers
    double strokeWidthMm = 0.35;    // polygons and markers: the outline (0 = none); lines: the width
    double sizeMm = 1.5;            // markers
    std::string marker = "circle";  // circle, square, triangle, star
    bool hatched = false;           // polygons: diagonal lines over the fill ("no data")
};

enum class QgisRenderer { Single,
                          Categorized,
                          Graduated };

struct QgisClass {
    std::string value;            // Categorized: the field's text ("" = all other values)
    double lower = 0, upper = 0;  // Graduated: lower <= v <= upper (see above)
    std::string label;            // the legend's text
    QgisSymbol symbol;
    // Graduated: the "no data" class (NULL, not a number, or in none of the other ranges).
    // QGIS's ranges never hold NULL, so the QML classifies the expression
    // with_variable('v', field, CASE WHEN <v in one of the other ranges> THEN @v ELSE kQgisNoData END)
    // and this class is the range [kQgisNoData, kQgisNoData]: QGIS 3.22 draws those features in
    // this class's symbol, and the layer stays a graduated one (legend, styling dock). The SLD
    // gives it an ElseFilter.
    bool noData = false;
};

// The value a graduated layer's "no data" features are classified by in QGIS (see noData).
inline constexpr double kQgisNoData = -1.0e308;

struct QgisStyle {
    std::string table;  // layer name in the GeoPackage
    Geometry::Kind kind = Geometry::Kind::Polygon;
    QgisRenderer renderer = QgisRenderer::Single;
    QgisSymbol symbol;               // the single symbol, and the legend's base symbol
    std::string field;               // Categorized / Graduated
    std::vector<QgisClass> classes;  // in legend order
    // Markers sized by a QGIS expression in millimetres (proportional symbols); empty = fixed.
    std::string sizeExpression;
    double opacity = 1;              // of the layer
    double maxScaleDenominator = 0;  // drawn only at scales larger than 1:N; 0 = at every scale
    std::string labelField;          // empty = no labels
    std::string labelFont = "Noto Sans CJK SC";
    double labelSizePt = 9;
    Rgba labelColor{51, 51, 51};
    double labelMaxScaleDenominator = 0;  // labels only at scales larger than 1:N; 0 = at every scale
};

// Hongtu's classes under `breaks` (k+1 ascending limits) as k QGIS ranges {lower, upper}: the
// same values fall in the same class (a value on an inner break in the upper one).
[[nodiscard]] std::vector<std::pair<double, double>> qgisRanges(const std::vector<double>& breaks);

[[nodiscard]] std::string toQml(const QgisStyle& s);  // QGIS 3 style document (readable by 3.22+)
[[nodiscard]] std::string toSld(const QgisStyle& s);  // OGC SLD 1.1 for other tools

// The rows of QGIS's `layer_styles` table for `styles` (one default style per layer, styleName =
// the table's name), as an attribute-only Layer: written whole by a new project, or upserted
// by styleName when a style is saved (writeLayerStyles).
[[nodiscard]] Layer qgisLayerStyles(const std::vector<QgisStyle>& styles, const std::string& updateTime);

}  // namespace hongtu::geo
