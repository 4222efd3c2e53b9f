#pragma once
// QGIS's own style table in a GeoPackage: `layer_styles` (f_table_name, f_geometry_column,
// styleName, styleQML, styleSLD, useAsDefault, ...). QGIS applies the default row of a layer when
// it opens the layer from the GeoPackage. Hongtu writes simple-symbol styles (a fill or a marker
// and a label field) that match the viewer's default look for a project made with `hongtu new`.
// Not yet: the viewer's edited, categorized or graduated styles (hongtu_layer_styles) are not
// translated to QML.

#include <string>
#include <vector>

#include "hongtu/geo/feature.hpp"

namespace hongtu::geo {

struct SimpleStyle {
    std::string table;               // layer name in the GeoPackage
    Geometry::Kind kind = Geometry::Kind::Polygon;
    std::string fill = "246,239,220";  // R,G,B
    std::string stroke = "140,90,50";
    double strokeWidthMm = 0.35;
    double markerSizeMm = 1.5;       // points
    std::string marker = "circle";   // circle, square
    std::string labelField;          // empty = no labels
    double labelSizePt = 9;
    std::string labelColor = "51,51,51";
};

[[nodiscard]] std::string toQml(const SimpleStyle& s);   // QGIS 3 style document (readable by 3.22+)
[[nodiscard]] std::string toSld(const SimpleStyle& s);   // OGC SLD 1.1 for other tools

// The rows of QGIS's `layer_styles` table for `styles` (one default style per layer), as an
// attribute-only Layer to write with the project.
[[nodiscard]] Layer qgisLayerStyles(const std::vector<SimpleStyle>& styles, const std::string& updateTime);

}  // namespace hongtu::geo
