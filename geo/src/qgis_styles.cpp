#include "hongtu/geo/qgis_styles.hpp"

#include <cstdio>
#include <sstream>

namespace hongtu::geo {

namespace {

std::string xmlEscape(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '&') out += "&amp;";
        else if (c == '<') out += "&lt;";
        else if (c == '>') out += "&gt;";
        else if (c == '"') out += "&quot;";
        else out += c;
    }
    return out;
}

std::string num(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

// "246,239,220" -> "#f6efdc"
std::string hex(const std::string& rgb) {
    int r = 0, g = 0, b = 0;
    std::sscanf(rgb.c_str(), "%d,%d,%d", &r, &g, &b);
    char buf[8];
    std::snprintf(buf, sizeof buf, "#%02x%02x%02x", r & 0xff, g & 0xff, b & 0xff);
    return buf;
}

std::string prop(const char* k, const std::string& v) { return std::string("<prop k=\"") + k + "\" v=\"" + xmlEscape(v) + "\"/>"; }

}  // namespace

std::string toQml(const SimpleStyle& s) {
    const bool point = s.kind == Geometry::Kind::Point;
    std::ostringstream q;
    q << "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
      << "<qgis version=\"3.22.0\" styleCategories=\"Symbology|Labeling\" labelsEnabled=\"" << (s.labelField.empty() ? 0 : 1) << "\">\n"
      << " <renderer-v2 type=\"singleSymbol\" symbollevels=\"0\" enableorderby=\"0\" forceraster=\"0\">\n  <symbols>\n"
      << "   <symbol type=\"" << (point ? "marker" : "fill") << "\" name=\"0\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\">\n";
    if (point) {
        q << "    <layer class=\"SimpleMarker\" enabled=\"1\" locked=\"0\" pass=\"0\">" << prop("name", s.marker)
          << prop("color", s.fill + ",255") << prop("outline_color", s.stroke + ",255") << prop("outline_style", "solid")
          << prop("outline_width", num(s.strokeWidthMm)) << prop("outline_width_unit", "MM") << prop("size", num(s.markerSizeMm))
          << prop("size_unit", "MM") << "</layer>\n";
    } else {
        q << "    <layer class=\"SimpleFill\" enabled=\"1\" locked=\"0\" pass=\"0\">" << prop("color", s.fill + ",255")
          << prop("style", "solid") << prop("outline_color", s.stroke + ",255") << prop("outline_style", "solid")
          << prop("outline_width", num(s.strokeWidthMm)) << prop("outline_width_unit", "MM") << "</layer>\n";
    }
    q << "   </symbol>\n  </symbols>\n  <rotation/>\n  <sizescale/>\n </renderer-v2>\n";
    if (!s.labelField.empty()) {
        q << " <labeling type=\"simple\">\n  <settings calloutType=\"simple\">\n"
          << "   <text-style fieldName=\"" << xmlEscape(s.labelField) << "\" isExpression=\"0\" fontFamily=\"Noto Sans CJK SC\" fontSize=\""
          << num(s.labelSizePt) << "\" fontSizeUnit=\"Point\" textColor=\"" << s.labelColor << ",255\" textOpacity=\"1\">\n"
          << "    <text-buffer bufferDraw=\"1\" bufferSize=\"0.5\" bufferSizeUnits=\"MM\" bufferColor=\"255,255,255,255\" bufferOpacity=\"1\"/>\n"
          << "   </text-style>\n   <placement placement=\"" << (point ? 6 : 0) << "\" dist=\"1\" distUnits=\"MM\"/>\n"
          << "   <rendering obstacle=\"1\" scaleVisibility=\"0\"/>\n  </settings>\n </labeling>\n";
    }
    q << " <layerGeometryType>" << (point ? 0 : 2) << "</layerGeometryType>\n</qgis>\n";
    return q.str();
}

std::string toSld(const SimpleStyle& s) {
    const bool point = s.kind == Geometry::Kind::Point;
    std::ostringstream x;
    x << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<StyledLayerDescriptor version=\"1.1.0\" xmlns=\"http://www.opengis.net/sld\" xmlns:se=\"http://www.opengis.net/se\" "
         "xmlns:ogc=\"http://www.opengis.net/ogc\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
         "xsi:schemaLocation=\"http://www.opengis.net/sld http://schemas.opengis.net/sld/1.1.0/StyledLayerDescriptor.xsd\">\n"
      << " <NamedLayer>\n  <se:Name>" << xmlEscape(s.table) << "</se:Name>\n  <UserStyle>\n   <se:Name>" << xmlEscape(s.table)
      << "</se:Name>\n   <se:FeatureTypeStyle>\n    <se:Rule>\n";
    // SLD sizes are pixels at 0.28 mm each.
    const auto px = [](double mm) { return num(mm / 0.28); };
    if (point) {
        x << "     <se:PointSymbolizer><se:Graphic><se:Mark><se:WellKnownName>" << s.marker << "</se:WellKnownName>"
          << "<se:Fill><se:SvgParameter name=\"fill\">" << hex(s.fill) << "</se:SvgParameter></se:Fill>"
          << "<se:Stroke><se:SvgParameter name=\"stroke\">" << hex(s.stroke) << "</se:SvgParameter><se:SvgParameter name=\"stroke-width\">"
          << px(s.strokeWidthMm) << "</se:SvgParameter></se:Stroke></se:Mark><se:Size>" << px(s.markerSizeMm)
          << "</se:Size></se:Graphic></se:PointSymbolizer>\n";
    } else {
        x << "     <se:PolygonSymbolizer><se:Fill><se:SvgParameter name=\"fill\">" << hex(s.fill) << "</se:SvgParameter></se:Fill>"
          << "<se:Stroke><se:SvgParameter name=\"stroke\">" << hex(s.stroke) << "</se:SvgParameter><se:SvgParameter name=\"stroke-width\">"
          << px(s.strokeWidthMm) << "</se:SvgParameter></se:Stroke></se:PolygonSymbolizer>\n";
    }
    if (!s.labelField.empty())
        x << "     <se:TextSymbolizer><se:Label><ogc:PropertyName>" << xmlEscape(s.labelField) << "</ogc:PropertyName></se:Label>"
          << "<se:Font><se:SvgParameter name=\"font-size\">" << num(s.labelSizePt * 0.3528 / 0.28) << "</se:SvgParameter></se:Font>"
          << "<se:Halo><se:Radius>" << px(0.5) << "</se:Radius><se:Fill><se:SvgParameter name=\"fill\">#ffffff</se:SvgParameter></se:Fill></se:Halo>"
          << "<se:Fill><se:SvgParameter name=\"fill\">" << hex(s.labelColor) << "</se:SvgParameter></se:Fill></se:TextSymbolizer>\n";
    x << "    </se:Rule>\n   </se:FeatureTypeStyle>\n  </UserStyle>\n </NamedLayer>\n</StyledLayerDescriptor>\n";
    return x.str();
}

Layer qgisLayerStyles(const std::vector<SimpleStyle>& styles, const std::string& updateTime) {
    Layer l;
    l.name = "layer_styles";
    l.fields = {{"f_table_catalog", FieldType::Text}, {"f_table_schema", FieldType::Text}, {"f_table_name", FieldType::Text},
                {"f_geometry_column", FieldType::Text}, {"styleName", FieldType::Text},      {"styleQML", FieldType::Text},
                {"styleSLD", FieldType::Text},        {"useAsDefault", FieldType::Integer}, {"description", FieldType::Text},
                {"owner", FieldType::Text},           {"ui", FieldType::Text},              {"update_time", FieldType::Text}};
    std::int64_t fid = 0;
    for (const auto& s : styles)
        l.features.push_back({++fid,
                              {std::string(), std::string(), s.table, std::string("geom"), s.table, toQml(s), toSld(s), std::int64_t{1},
                               std::string("Hongtu default style (as the viewer draws the layer)"), std::string("hongtu"), Value{},
                               updateTime},
                              {}});
    return l;
}

}  // namespace hongtu::geo
