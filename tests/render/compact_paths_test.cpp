#include <catch2/catch_test_macros.hpp>

#include <QPainterPath>

#include <cmath>
#include <utility>
#include <vector>

#include "render/compact_paths.hpp"
#include "render/scene.hpp"

using namespace hongtu;
using render::CompactPaths;

namespace {

// A county-like polygon far from the origin: an outer ring of n vertices with a hole, and a
// second part (an island), in metres of a projected CRS (4,000 km east, 4,500 km north).
geo::Geometry county(double cx, double cy, double radius, int n) {
    std::vector<geo::XY> outer, hole, island;
    for (int k = 0; k <= n; ++k) {
        const double a = 2 * M_PI * (k % n) / n, r = radius * (1 + 0.3 * std::sin(7 * a));
        outer.push_back({cx + r * std::cos(a), cy + r * std::sin(a)});
    }
    for (int k = 0; k <= 8; ++k) hole.push_back({cx + 0.1 * radius * std::cos(-M_PI * (k % 8) / 4), cy + 0.1 * radius * std::sin(-M_PI * (k % 8) / 4)});
    island = {{cx + 2 * radius, cy}, {cx + 2.1 * radius, cy}, {cx + 2.1 * radius, cy + 0.1 * radius}, {cx + 2 * radius, cy}};
    geo::Geometry g;
    g.kind = geo::Geometry::Kind::Polygon;
    g.parts = {{outer, hole}, {island}};
    return g;
}

double worstElementDistance(const QPainterPath& a, const QPainterPath& b) {
    REQUIRE(a.elementCount() == b.elementCount());
    double worst = 0;
    for (int k = 0; k < a.elementCount(); ++k) {
        REQUIRE(a.elementAt(k).type == b.elementAt(k).type);
        worst = std::max({worst, std::abs(a.elementAt(k).x - b.elementAt(k).x), std::abs(a.elementAt(k).y - b.elementAt(k).y)});
    }
    return worst;
}

}  // namespace

TEST_CASE("compact paths: polygons come back with the same elements, within a millimetre at 4,000 km", "[compact_paths]") {
    CompactPaths paths;
    std::vector<QPainterPath> originals;
    for (int i = 0; i < 20; ++i) {
        // Counties 150 km across, and one province-sized path 2,000 km across.
        const double radius = i == 19 ? 1'000'000 : 75'000;
        originals.push_back(render::toPainterPath(county(4'000'000 + 10'000 * i, 4'500'000 - 7'000 * i, radius, 500 + 37 * i)));
        paths.push_back(originals.back(), CompactPaths::Rings::Closed);
    }
    REQUIRE(paths.size() == originals.size());
    for (std::size_t i = 0; i < originals.size(); ++i) {
        const QPainterPath back = paths[i];
        CHECK(back.fillRule() == Qt::OddEvenFill);
        // The largest offset / 2^30 is the step: 1 mm for the province, 0.1 mm for a county.
        CHECK(worstElementDistance(originals[i], back) <= (i == 19 ? 2e-3 : 3e-4));
        CHECK(std::abs(back.boundingRect().left() - originals[i].boundingRect().left()) < 2e-3);
    }
    paths.shrink_to_fit();
    // A vertex costs 8 bytes (two steps), against a QPainterPath element's 24.
    CHECK(static_cast<double>(paths.bytes()) / static_cast<double>(paths.vertexCount()) < 10);
}

TEST_CASE("compact paths: lines stay open, closed rings close again, curves are flattened", "[compact_paths]") {
    CompactPaths paths;
    // A line that comes back to where it started (a round tour): open when said so...
    QPainterPath loop;
    loop.moveTo(0, 0);
    loop.lineTo(100, 0);
    loop.lineTo(100, 100);
    loop.lineTo(0, 0);
    paths.push_back(loop, CompactPaths::Rings::Open);
    // ... and closed when detected (every ring ends where it starts).
    paths.push_back(loop);
    QPainterPath ellipse;
    ellipse.addEllipse(QPointF(50, 50), 40, 20);
    paths.push_back(ellipse);
    QPainterPath winding;
    winding.setFillRule(Qt::WindingFill);
    winding.moveTo(0, 0);
    winding.lineTo(10, 0);
    paths.push_back(winding);
    paths.emplace_back();

    QPainterPath openLoop = paths[0], closedLoop = paths[1];
    CHECK(openLoop.elementCount() == 4);
    CHECK(closedLoop.elementCount() == 4);
    // Stroked as the ring closed by hand is (Qt's stroker joins a ring that ends where it starts).
    QPainterPathStroker stroker;
    stroker.setWidth(10);
    stroker.setCapStyle(Qt::SquareCap);
    stroker.setJoinStyle(Qt::MiterJoin);
    QPainterPath closedByHand = loop;
    closedByHand.closeSubpath();
    CHECK(stroker.createStroke(closedLoop) == stroker.createStroke(closedByHand));

    const QPainterPath flat = paths[2];
    for (int k = 0; k < flat.elementCount(); ++k) CHECK_FALSE(flat.elementAt(k).isCurveTo());
    CHECK(flat.elementCount() > 8);
    CHECK(flat.contains(QPointF(50, 50)));
    CHECK(flat.contains(QPointF(88, 50)));
    CHECK_FALSE(flat.contains(QPointF(50, 72)));
    CHECK(paths.fillRule(3) == Qt::WindingFill);
    CHECK(paths[3].fillRule() == Qt::WindingFill);
    CHECK(paths[4].isEmpty());
    CHECK(paths.size() == 5);

    std::vector<int> counts;
    for (const QPainterPath& p : paths) counts.push_back(p.elementCount());
    CHECK(counts == std::vector<int>{4, 4, flat.elementCount(), 2, 0});
}

TEST_CASE("compact paths: copies share until one changes; append copies a path exactly", "[compact_paths]") {
    CompactPaths a;
    a.push_back(render::toPainterPath(county(500'000, 300'000, 20'000, 300)), CompactPaths::Rings::Closed);
    CompactPaths b = a;  // a derived layer (the progress layer of the counties)
    b.push_back(render::toPainterPath(county(600'000, 300'000, 20'000, 100)), CompactPaths::Rings::Closed);
    CHECK(a.size() == 1);
    CHECK(b.size() == 2);
    CHECK(worstElementDistance(a[0], b[0]) == 0);

    CompactPaths c;
    c.append(b, 1);
    c.append(a, 0);
    c.append(c, 0);  // from itself
    REQUIRE(c.size() == 3);
    CHECK(worstElementDistance(c[0], b[1]) == 0);
    CHECK(worstElementDistance(c[1], a[0]) == 0);
    CHECK(worstElementDistance(c[2], b[1]) == 0);
    CHECK(c.vertexCount() == a.vertexCount() + 2 * (b.vertexCount() - a.vertexCount()));
    // Rings stay rings: the hole is still a hole (odd-even) after the copy.
    CHECK_FALSE(c[1].contains(QPointF(500'000, 300'000)));
    CHECK(c[1].contains(QPointF(500'000 + 5'000, 300'000 + 5'000)));
}

TEST_CASE("compact paths: a selection (a simplified band) draws the source's vertices it names, at 4 bytes a vertex", "[compact_paths]") {
    CompactPaths source;
    for (int i = 0; i < 3; ++i) source.push_back(render::toPainterPath(county(4'000'000 + 200'000 * i, 3'000'000, 50'000, 2'000)), CompactPaths::Rings::Closed);
    CompactPaths band = CompactPaths::selectionOf(source);
    std::size_t kept = 0;
    for (std::size_t i = 0; i < source.size(); ++i) {
        // Every third vertex of each ring, and its last (the ring stays closed).
        std::vector<std::pair<std::uint32_t, bool>> selected;
        source.forEachRing(i, [&](const QPointF*, std::size_t n, std::uint32_t first) {
            for (std::size_t k = 0; k < n; ++k)
                if (k % 3 == 0 || k + 1 == n) selected.emplace_back(first + static_cast<std::uint32_t>(k), k == 0);
        });
        band.addSelected(i, selected);
        kept += selected.size();
    }
    band.shrink_to_fit();
    REQUIRE(band.size() == source.size());
    CHECK(band.vertexCount() == kept);
    CHECK(static_cast<double>(band.bytes()) < 4.2 * static_cast<double>(kept) + 1024);
    for (std::size_t i = 0; i < source.size(); ++i) {
        const QPainterPath full = source[i], reduced = band[i];
        // The same rings (moveTo count), each vertex one of the source's, in order.
        int moves = 0, fullMoves = 0, at = 0;
        for (int k = 0; k < full.elementCount(); ++k) fullMoves += full.elementAt(k).isMoveTo();
        for (int k = 0; k < reduced.elementCount(); ++k) {
            const QPainterPath::Element e = reduced.elementAt(k);
            moves += e.isMoveTo();
            while (at < full.elementCount() && (full.elementAt(at).x != e.x || full.elementAt(at).y != e.y)) ++at;
            REQUIRE(at < full.elementCount());
        }
        CHECK(moves == fullMoves);
        CHECK(reduced.fillRule() == full.fillRule());
        const bool firstRingCloses = moves > 1 || reduced.elementAt(reduced.elementCount() - 1).x == reduced.elementAt(0).x;
        CHECK(firstRingCloses);
    }
    // A copy of a path of the selection into a plain list holds the same vertices.
    CompactPaths plain;
    plain.append(band, 1);
    CHECK(worstElementDistance(plain[0], band[1]) == 0);
}
