#pragma once
// The project's own value types for vector data: attribute values, geometry, features and
// in-memory layers. GDAL/OGR types never appear here; datasource.cpp converts at the edge.

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace hongtu::geo {

struct XY {
    double x = 0;  // easting or longitude (traditional GIS order, always)
    double y = 0;  // northing or latitude
    friend bool operator==(const XY&, const XY&) = default;
};

struct Box {
    double minX = std::numeric_limits<double>::infinity();
    double minY = std::numeric_limits<double>::infinity();
    double maxX = -std::numeric_limits<double>::infinity();
    double maxY = -std::numeric_limits<double>::infinity();

    [[nodiscard]] bool empty() const { return !(minX <= maxX && minY <= maxY); }
    [[nodiscard]] double width() const { return empty() ? 0 : maxX - minX; }
    [[nodiscard]] double height() const { return empty() ? 0 : maxY - minY; }
    [[nodiscard]] XY center() const { return {(minX + maxX) / 2, (minY + maxY) / 2}; }
    void expand(XY p);
    void expand(const Box& b);
    [[nodiscard]] bool contains(XY p) const;
    [[nodiscard]] bool intersects(const Box& b) const;
    friend bool operator==(const Box&, const Box&) = default;
};

// A date without time zone, ISO 8601 (YYYY-MM-DD). Validated on construction.
struct Date {
    int year = 1970, month = 1, day = 1;
    [[nodiscard]] static std::optional<Date> parseIso(const std::string& s);
    [[nodiscard]] std::string iso() const;
    [[nodiscard]] std::int64_t daysSinceEpoch() const;  // 1970-01-01 = 0
    [[nodiscard]] static Date fromDaysSinceEpoch(std::int64_t days);
    friend auto operator<=>(const Date&, const Date&) = default;
};

enum class FieldType { Integer,
                       Real,
                       Text,
                       Date };

struct Field {
    std::string name;
    FieldType type = FieldType::Text;
    friend bool operator==(const Field&, const Field&) = default;
};

// An attribute value. monostate = NULL. Codes are always Text, never numbers.
using Value = std::variant<std::monostate, std::int64_t, double, std::string, Date>;

[[nodiscard]] std::string toText(const Value& v);  // NULL -> ""
[[nodiscard]] bool isNull(const Value& v);

// Geometry as plain coordinates. Every kind keeps its parts the same way:
//  - Point:      each part is one ring holding one coordinate
//  - LineString: each part is one ring holding the line's vertices
//  - Polygon:    each part is a polygon: ring 0 exterior, further rings holes
// `multi` records whether the source geometry was a Multi* type.
struct Geometry {
    enum class Kind { Empty,
                      Point,
                      LineString,
                      Polygon };
    using Ring = std::vector<XY>;
    using Part = std::vector<Ring>;

    Kind kind = Kind::Empty;
    bool multi = false;
    std::vector<Part> parts;

    [[nodiscard]] static Geometry point(XY p);
    [[nodiscard]] static Geometry polygon(std::vector<Ring> rings);
    [[nodiscard]] static Geometry lineString(Ring vertices);

    [[nodiscard]] bool empty() const { return kind == Kind::Empty || parts.empty(); }
    [[nodiscard]] Box bounds() const;
    [[nodiscard]] std::size_t vertexCount() const;
    // First coordinate of a point geometry; contract: kind == Point.
    [[nodiscard]] XY asPoint() const;
    friend bool operator==(const Geometry&, const Geometry&) = default;
};

[[nodiscard]] const char* kindName(Geometry::Kind k);  // "Point", "LineString", ...

struct Feature {
    std::int64_t fid = -1;      // source feature id (OGR FID), or row number for tables
    std::vector<Value> values;  // one per Layer::fields entry
    Geometry geometry;
};

// A whole layer read into memory: schema, features, CRS and provenance.
struct Layer {
    std::string name;
    std::vector<Field> fields;
    Geometry::Kind geometryKind = Geometry::Kind::Empty;  // Empty = attribute-only table
    std::string crs;                                      // "EPSG:4490" when known, else WKT; empty = none
    std::vector<Feature> features;
    // Members of geometry collections left out while reading because their type differed from
    // the collection's first member (layer_checks reports them).
    std::int64_t droppedGeometryParts = 0;

    [[nodiscard]] std::optional<std::size_t> fieldIndex(const std::string& name) const;
    [[nodiscard]] Box bounds() const;
    // Value of `field` in feature i, contract: field exists.
    [[nodiscard]] const Value& at(std::size_t i, const std::string& field) const;
};

}  // namespace hongtu::geo
