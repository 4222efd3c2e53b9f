#include "hongtu/geo/qgis_styles.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
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
        else if (c == '\'') out += "&apos;";
        else out += c;
    }
    return out;
}

std::string num(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

// Exact: a class limit read back by QGIS is the same double.
std::string exact(double v) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

std::string qgisColor(const Rgba& c) {
    return std::to_string(c.r) + "," + std::to_string(c.g) + "," + std::to_string(c.b) + "," + std::to_string(c.a);
}

// {46,239,220} -> "#2eefdc"
std::string hex(const Rgba& c) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "#%02x%02x%02x", c.r & 0xff, c.g & 0xff, c.b & 0xff);
    return buf;
}

std::string prop(const char* k, const std::string& v) { return std::string("<prop k=\"") + k + "\" v=\"" + xmlEscape(v) + "\"/>"; }

const char* symbolType(Geometry::Kind kind) {
    switch (kind) {
        case Geometry::Kind::Point: return "marker";
        case Geometry::Kind::LineString: return "line";
        default: return "fill";
    }
}

// A data-defined property of a symbol layer (QGIS's property collection).
std::string dataDefined(const char* key, const std::string& expression) {
    if (expression.empty()) return {};
    return std::string(
               "<data_defined_properties><Option type=\"Map\"><Option name=\"name\" type=\"QString\" value=\"\"/>"
               "<Option name=\"properties\" type=\"Map\"><Option name=\"") +
           key + "\" type=\"Map\"><Option name=\"active\" type=\"bool\" value=\"true\"/><Option name=\"expression\" type=\"QString\" value=\"" +
           xmlEscape(expression) +
           "\"/><Option name=\"type\" type=\"int\" value=\"3\"/></Option></Option><Option name=\"type\" type=\"QString\" "
           "value=\"collection\"/></Option></data_defined_properties>";
}

void writeSymbol(std::ostringstream& q, const QgisStyle& s, const QgisSymbol& y, const std::string& name) {
    const char* type = symbolType(s.kind);
    q << "   <symbol type=\"" << type << "\" name=\"" << xmlEscape(name) << "\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\">\n";
    if (s.kind == Geometry::Kind::Point) {
        q << "    <layer class=\"SimpleMarker\" enabled=\"1\" locked=\"0\" pass=\"0\">" << prop("name", y.marker)
          << prop("color", qgisColor(y.fill)) << prop("outline_color", qgisColor(y.stroke))
          << prop("outline_style", y.strokeWidthMm > 0 ? "solid" : "no") << prop("outline_width", num(y.strokeWidthMm))
          << prop("outline_width_unit", "MM") << prop("size", num(y.sizeMm)) << prop("size_unit", "MM")
          << dataDefined("size", s.sizeExpression) << "</layer>\n";
    } else if (s.kind == Geometry::Kind::LineString) {
        q << "    <layer class=\"SimpleLine\" enabled=\"1\" locked=\"0\" pass=\"0\">" << prop("line_color", qgisColor(y.fill))
          << prop("line_style", "solid") << prop("line_width", num(y.strokeWidthMm)) << prop("line_width_unit", "MM")
          << prop("capstyle", "round") << prop("joinstyle", "round") << "</layer>\n";
    } else {
        q << "    <layer class=\"SimpleFill\" enabled=\"1\" locked=\"0\" pass=\"0\">" << prop("color", qgisColor(y.fill))
          << prop("style", "solid") << prop("outline_color", qgisColor(y.stroke))
          << prop("outline_style", y.strokeWidthMm > 0 ? "solid" : "no") << prop("outline_width", num(y.strokeWidthMm))
          << prop("outline_width_unit", "MM") << "</layer>\n";
        if (y.hatched)  // the diagonal lines Hongtu draws over "no data"
            q << "    <layer class=\"LinePatternFill\" enabled=\"1\" locked=\"0\" pass=\"0\">" << prop("angle", "45")
              << prop("distance", "1.2") << prop("distance_unit", "MM") << prop("line_width", "0.15") << prop("line_width_unit", "MM")
              << prop("color", "110,110,110,255") << "\n     <symbol type=\"line\" name=\"@" << xmlEscape(name)
              << "@1\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\"><layer class=\"SimpleLine\" enabled=\"1\" locked=\"0\" pass=\"0\">"
              << prop("line_color", "110,110,110,255") << prop("line_width", "0.15") << prop("line_width_unit", "MM")
              << "</layer></symbol>\n    </layer>\n";
    }
    q << "   </symbol>\n";
}

// The largest double below v: Hongtu's half-open class [b_i, b_(i+1)) as QGIS's closed range.
double below(double v) { return std::nextafter(v, -std::numeric_limits<double>::infinity()); }

// A field name or a QGIS expression as an expression.
std::string asExpression(const std::string& field) {
    if (field.find_first_of(" ()\"'+-*/,=<>@") != std::string::npos) return "(" + field + ")";
    return "\"" + field + "\"";
}

// The graduated attribute QGIS classifies: the field itself, or, with a "no data" class, the
// field's value when one of the other ranges holds it and kQgisNoData otherwise (NULL too).
std::string graduatedAttribute(const QgisStyle& s) {
    if (std::none_of(s.classes.begin(), s.classes.end(), [](const QgisClass& c) { return c.noData; })) return s.field;
    std::string inRange;
    for (const auto& c : s.classes) {
        if (c.noData) continue;
        if (!inRange.empty()) inRange += " OR ";
        inRange += "(@v >= " + exact(c.lower) + " AND @v <= " + exact(c.upper) + ")";
    }
    if (inRange.empty()) inRange = "FALSE";
    return "with_variable('v', " + asExpression(s.field) + ", CASE WHEN " + inRange + " THEN @v ELSE " + exact(kQgisNoData) + " END)";
}

}  // namespace

std::vector<std::pair<double, double>> qgisRanges(const std::vector<double>& breaks) {
    std::vector<std::pair<double, double>> out;
    for (std::size_t i = 0; i + 1 < breaks.size(); ++i)
        out.emplace_back(breaks[i], i + 2 == breaks.size() ? breaks[i + 1] : below(breaks[i + 1]));
    return out;
}

std::string toQml(const QgisStyle& s) {
    const bool point = s.kind == Geometry::Kind::Point;
    std::ostringstream q;
    q << "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
      << "<qgis version=\"3.22.0\" styleCategories=\"Symbology|Labeling|Rendering\" labelsEnabled=\"" << (s.labelField.empty() ? 0 : 1)
      << "\" hasScaleBasedVisibilityFlag=\"" << (s.maxScaleDenominator > 0 ? 1 : 0) << "\" minScale=\"" << num(s.maxScaleDenominator)
      << "\" maxScale=\"0\">\n";
    const char* common = "symbollevels=\"0\" enableorderby=\"0\" forceraster=\"0\"";
    switch (s.renderer) {
        case QgisRenderer::Single:
            q << " <renderer-v2 type=\"singleSymbol\" " << common << ">\n  <symbols>\n";
            writeSymbol(q, s, s.symbol, "0");
            q << "  </symbols>\n";
            break;
        case QgisRenderer::Categorized: {
            q << " <renderer-v2 type=\"categorizedSymbol\" attr=\"" << xmlEscape(s.field) << "\" " << common << ">\n  <categories>\n";
            for (std::size_t i = 0; i < s.classes.size(); ++i)
                q << "   <category render=\"true\" symbol=\"" << i << "\" value=\"" << xmlEscape(s.classes[i].value) << "\" label=\""
                  << xmlEscape(s.classes[i].label) << "\"/>\n";
            q << "  </categories>\n  <symbols>\n";
            for (std::size_t i = 0; i < s.classes.size(); ++i) writeSymbol(q, s, s.classes[i].symbol, std::to_string(i));
            q << "  </symbols>\n  <source-symbol>\n";
            writeSymbol(q, s, s.symbol, "0");
            q << "  </source-symbol>\n";
            break;
        }
        case QgisRenderer::Graduated: {
            q << " <renderer-v2 type=\"graduatedSymbol\" attr=\"" << xmlEscape(graduatedAttribute(s)) << "\" graduatedMethod=\"GraduatedColor\" "
              << common << ">\n  <ranges>\n";
            for (std::size_t i = 0; i < s.classes.size(); ++i)
                q << "   <range render=\"true\" symbol=\"" << i << "\" lower=\"" << exact(s.classes[i].noData ? kQgisNoData : s.classes[i].lower)
                  << "\" upper=\"" << exact(s.classes[i].noData ? kQgisNoData : s.classes[i].upper) << "\" label=\"" << xmlEscape(s.classes[i].label) << "\"/>\n";
            q << "  </ranges>\n  <symbols>\n";
            for (std::size_t i = 0; i < s.classes.size(); ++i) writeSymbol(q, s, s.classes[i].symbol, std::to_string(i));
            q << "  </symbols>\n  <source-symbol>\n";
            writeSymbol(q, s, s.symbol, "0");
            q << "  </source-symbol>\n  <mode name=\"manual\"/>\n";
            break;
        }
    }
    q << "  <rotation/>\n  <sizescale/>\n </renderer-v2>\n";
    if (!s.labelField.empty()) {
        q << " <labeling type=\"simple\">\n  <settings calloutType=\"simple\">\n"
          << "   <text-style fieldName=\"" << xmlEscape(s.labelField) << "\" isExpression=\"0\" fontFamily=\"" << xmlEscape(s.labelFont)
          << "\" fontSize=\"" << num(s.labelSizePt) << "\" fontSizeUnit=\"Point\" textColor=\"" << qgisColor(s.labelColor)
          << "\" textOpacity=\"1\">\n"
          << "    <text-buffer bufferDraw=\"1\" bufferSize=\"0.5\" bufferSizeUnits=\"MM\" bufferColor=\"255,255,255,255\" bufferOpacity=\"1\"/>\n"
          << "   </text-style>\n   <placement placement=\"" << (point ? 6 : 0) << "\" dist=\"1\" distUnits=\"MM\"/>\n"
          // QGIS stores a label's most zoomed-out scale as scaleMax (QgsPalLayerSettings::minimumScale).
          << "   <rendering obstacle=\"1\" scaleVisibility=\"" << (s.labelMaxScaleDenominator > 0 ? 1 : 0) << "\" scaleMax=\""
          << num(s.labelMaxScaleDenominator) << "\" scaleMin=\"0\"/>\n  </settings>\n </labeling>\n";
    }
    q << " <layerOpacity>" << num(s.opacity) << "</layerOpacity>\n";
    q << " <layerGeometryType>" << (point ? 0 : s.kind == Geometry::Kind::LineString ? 1
                                                                                     : 2)
      << "</layerGeometryType>\n</qgis>\n";
    return q.str();
}

namespace {

void sldSymbolizer(std::ostringstream& x, const QgisStyle& s, const QgisSymbol& y) {
    // SLD sizes are pixels at 0.28 mm each.
    const auto px = [](double mm) { return num(mm / 0.28); };
    const auto opacity = [](const Rgba& c) { return c.a == 255 ? std::string() : "<se:SvgParameter name=\"fill-opacity\">" + num(c.a / 255.0) + "</se:SvgParameter>"; };
    const std::string stroke = y.strokeWidthMm > 0 ? "<se:Stroke><se:SvgParameter name=\"stroke\">" + hex(y.stroke) +
                                                         "</se:SvgParameter><se:SvgParameter name=\"stroke-width\">" + px(y.strokeWidthMm) +
                                                         "</se:SvgParameter></se:Stroke>"
                                                   : std::string();
    if (s.kind == Geometry::Kind::Point) {
        x << "     <se:PointSymbolizer><se:Graphic><se:Mark><se:WellKnownName>" << y.marker << "</se:WellKnownName>"
          << "<se:Fill><se:SvgParameter name=\"fill\">" << hex(y.fill) << "</se:SvgParameter>" << opacity(y.fill) << "</se:Fill>" << stroke
          << "</se:Mark><se:Size>" << px(y.sizeMm) << "</se:Size></se:Graphic></se:PointSymbolizer>\n";
    } else if (s.kind == Geometry::Kind::LineString) {
        x << "     <se:LineSymbolizer><se:Stroke><se:SvgParameter name=\"stroke\">" << hex(y.fill)
          << "</se:SvgParameter><se:SvgParameter name=\"stroke-width\">" << px(y.strokeWidthMm) << "</se:SvgParameter></se:Stroke></se:LineSymbolizer>\n";
    } else {
        x << "     <se:PolygonSymbolizer><se:Fill><se:SvgParameter name=\"fill\">" << hex(y.fill) << "</se:SvgParameter>" << opacity(y.fill)
          << "</se:Fill>" << stroke << "</se:PolygonSymbolizer>\n";
    }
}

std::string compare(const char* op, const std::string& field, const std::string& literal) {
    return std::string("<ogc:") + op + "><ogc:PropertyName>" + xmlEscape(field) + "</ogc:PropertyName><ogc:Literal>" + xmlEscape(literal) +
           "</ogc:Literal></ogc:" + op + ">";
}

}  // namespace

std::string toSld(const QgisStyle& s) {
    std::ostringstream x;
    x << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<StyledLayerDescriptor version=\"1.1.0\" xmlns=\"http://www.opengis.net/sld\" xmlns:se=\"http://www.opengis.net/se\" "
         "xmlns:ogc=\"http://www.opengis.net/ogc\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
         "xsi:schemaLocation=\"http://www.opengis.net/sld http://schemas.opengis.net/sld/1.1.0/StyledLayerDescriptor.xsd\">\n"
      << " <NamedLayer>\n  <se:Name>" << xmlEscape(s.table) << "</se:Name>\n  <UserStyle>\n   <se:Name>" << xmlEscape(s.table)
      << "</se:Name>\n   <se:FeatureTypeStyle>\n";
    const auto scale = [&] {
        if (s.maxScaleDenominator > 0) x << "     <se:MaxScaleDenominator>" << num(s.maxScaleDenominator) << "</se:MaxScaleDenominator>\n";
    };
    if (s.renderer == QgisRenderer::Single) {
        x << "    <se:Rule>\n";
        scale();
        sldSymbolizer(x, s, s.symbol);
        x << "    </se:Rule>\n";
    }
    for (std::size_t i = 0; s.renderer != QgisRenderer::Single && i < s.classes.size(); ++i) {
        const QgisClass& c = s.classes[i];
        x << "    <se:Rule>\n     <se:Name>" << xmlEscape(c.label) << "</se:Name>\n";
        if ((s.renderer == QgisRenderer::Categorized && c.value.empty()) || (s.renderer == QgisRenderer::Graduated && c.noData)) {
            x << "     <se:ElseFilter/>\n";
        } else if (s.renderer == QgisRenderer::Categorized) {
            x << "     <ogc:Filter>" << compare("PropertyIsEqualTo", s.field, c.value) << "</ogc:Filter>\n";
        } else {
            x << "     <ogc:Filter><ogc:And>" << compare("PropertyIsGreaterThanOrEqualTo", s.field, exact(c.lower))
              << compare("PropertyIsLessThanOrEqualTo", s.field, exact(c.upper)) << "</ogc:And></ogc:Filter>\n";
        }
        scale();
        sldSymbolizer(x, s, c.symbol);
        x << "    </se:Rule>\n";
    }
    if (!s.labelField.empty()) {
        x << "    <se:Rule>\n";
        scale();
        x << "     <se:TextSymbolizer><se:Label><ogc:PropertyName>" << xmlEscape(s.labelField) << "</ogc:PropertyName></se:Label>"
          << "<se:Font><se:SvgParameter name=\"font-family\">" << xmlEscape(s.labelFont) << "</se:SvgParameter><se:SvgParameter name=\"font-size\">"
          << num(s.labelSizePt * 0.3528 / 0.28) << "</se:SvgParameter></se:Font>"
          << "<se:Halo><se:Radius>" << num(0.5 / 0.28) << "</se:Radius><se:Fill><se:SvgParameter name=\"fill\">#ffffff</se:SvgParameter></se:Fill></se:Halo>"
          << "<se:Fill><se:SvgParameter name=\"fill\">" << hex(s.labelColor) << "</se:SvgParameter></se:Fill></se:TextSymbolizer>\n    </se:Rule>\n";
    }
    x << "   </se:FeatureTypeStyle>\n  </UserStyle>\n </NamedLayer>\n</StyledLayerDescriptor>\n";
    return x.str();
}

Layer qgisLayerStyles(const std::vector<QgisStyle>& styles, const std::string& updateTime) {
    Layer l;
    l.name = "layer_styles";
    l.fields = {{"f_table_catalog", FieldType::Text}, {"f_table_schema", FieldType::Text}, {"f_table_name", FieldType::Text}, {"f_geometry_column", FieldType::Text}, {"styleName", FieldType::Text}, {"styleQML", FieldType::Text}, {"styleSLD", FieldType::Text}, {"useAsDefault", FieldType::Integer}, {"description", FieldType::Text}, {"owner", FieldType::Text}, {"ui", FieldType::Text}, {"update_time", FieldType::Text}};
    std::int64_t fid = 0;
    for (const auto& s : styles)
        l.features.push_back({++fid,
                              {std::string(), std::string(), s.table, std::string("geom"), s.table, toQml(s), toSld(s), std::int64_t{1},
                               std::string("Hongtu: the layer as the viewer draws it"), std::string("hongtu"), Value{}, updateTime},
                              {}});
    return l;
}

}  // namespace hongtu::geo
