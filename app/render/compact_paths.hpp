#pragma once
// Paths kept compact: the polygons and lines of a scene layer (SceneLayer::paths) and their
// simplified zoom bands (render_cache.hpp). A QPainterPath element takes 24 bytes a vertex;
// here a vertex is two 32-bit integers, its offset from the path's first vertex in steps of
// 1/2^30 of the path's largest offset (1 mm for a path 1,000 km across; a float offset would
// be 6 cm there). The national counties' 5.75 million vertices took 165 MB as QPainterPaths.
//
// A path is handed out as a QPainterPath built on demand (path(i), operator[]): what the
// renderer draws in view, the hit test of a click, a page's clip. Copies share their data
// (copy on write), so a layer derived from another (the progress layers of the counties, a
// preview) costs no second copy of its geometry.

#include <QPainterPath>
#include <QPointF>

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <utility>
#include <vector>

namespace hongtu::render {

class CompactPaths {
public:
    // Appends a QPainterPath; curves (a path built by hand, e.g. an ellipse) are kept flattened.
    // Rings: Closed = each ends with closeSubpath() when rebuilt (polygons), Open = never (lines),
    // Detect = closed when every ring of the path ends where it starts.
    enum class Rings { Detect, Open, Closed };
    void push_back(const QPainterPath& path, Rings rings = Rings::Detect);
    void emplace_back() { push_back(QPainterPath()); }
    // Appends path i of `other` as it is there (no rounding again).
    void append(const CompactPaths& other, std::size_t i);

    // A selection of `source`'s vertices (a simplified zoom band): 4 bytes a vertex, an index
    // into the source it shares. Paths are added with addSelected only; `source` is not a
    // selection itself.
    [[nodiscard]] static CompactPaths selectionOf(const CompactPaths& source);
    // Appends source path i reduced to `kept`: source vertex numbers (as forEachRing gives
    // them), true at each ring's first.
    void addSelected(std::size_t i, const std::vector<std::pair<std::uint32_t, bool>>& kept);
    void reserve(std::size_t paths, std::size_t vertices = 0);
    void shrink_to_fit();  // when every path is in: no spare capacity kept

    [[nodiscard]] QPainterPath path(std::size_t i) const;
    [[nodiscard]] QPainterPath operator[](std::size_t i) const { return path(i); }
    [[nodiscard]] QPainterPath back() const { return path(size() - 1); }
    [[nodiscard]] std::size_t size() const { return d_ ? d_->scale.size() : 0; }
    [[nodiscard]] bool empty() const { return size() == 0; }
    [[nodiscard]] std::size_t vertexCount() const { return d_ ? (d_->base ? d_->index.size() : d_->xy.size() / 2) : 0; }
    [[nodiscard]] std::size_t bytes() const;
    [[nodiscard]] Qt::FillRule fillRule(std::size_t i) const;

    // Rings of path i without building a QPainterPath: each(const QPointF* vertices, std::size_t n,
    // std::uint32_t firstVertex) is called once per ring with its vertices (a buffer reused
    // between rings) and the number of its first vertex in this object (see addSelected).
    template <typename Each>
    void forEachRing(std::size_t i, Each&& each) const;

    // Iteration hands out the paths by value.
    class const_iterator {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = QPainterPath;
        using difference_type = std::ptrdiff_t;
        using pointer = void;
        using reference = QPainterPath;
        const_iterator(const CompactPaths* owner, std::size_t i) : owner_(owner), i_(i) {}
        QPainterPath operator*() const { return owner_->path(i_); }
        const_iterator& operator++() {
            ++i_;
            return *this;
        }
        bool operator==(const const_iterator& o) const { return i_ == o.i_; }

    private:
        const CompactPaths* owner_;
        std::size_t i_;
    };
    [[nodiscard]] const_iterator begin() const { return {this, 0}; }
    [[nodiscard]] const_iterator end() const { return {this, size()}; }

private:
    struct Data {
        std::vector<std::int32_t> xy;               // x, y of each vertex: steps from its path's origin
        std::vector<std::uint32_t> ringStart{0};    // first vertex of each ring, and one past the last
        std::vector<std::uint32_t> pathRing{0};     // first ring of each path, and one past the last
        std::vector<QPointF> origin;                // each path's first vertex
        std::vector<double> scale;                  // each path's step, map units
        std::vector<std::uint8_t> flags;            // each path's Qt::FillRule (bit 0) and closed rings (bit 1)
        // A selection: vertex v is base->xy[2 * index[v]], xy is empty.
        std::shared_ptr<const Data> base;
        std::vector<std::uint32_t> index;
        [[nodiscard]] std::int32_t x(std::uint32_t v) const { return base ? base->xy[2 * index[v]] : xy[2 * v]; }
        [[nodiscard]] std::int32_t y(std::uint32_t v) const { return base ? base->xy[2 * index[v] + 1] : xy[2 * v + 1]; }
    };
    Data& mutableData();
    std::shared_ptr<Data> d_;
};

template <typename Each>
void CompactPaths::forEachRing(std::size_t i, Each&& each) const {
    const Data& d = *d_;
    const std::uint32_t r0 = d.pathRing[i], r1 = d.pathRing[i + 1];
    const QPointF o = d.origin[i];
    const double s = d.scale[i];
    std::vector<QPointF> ring;
    for (std::uint32_t r = r0; r < r1; ++r) {
        const std::uint32_t v0 = d.ringStart[r], v1 = d.ringStart[r + 1];
        ring.clear();
        ring.reserve(v1 - v0);
        for (std::uint32_t v = v0; v < v1; ++v) ring.emplace_back(o.x() + d.x(v) * s, o.y() + d.y(v) * s);
        each(static_cast<const QPointF*>(ring.data()), ring.size(), v0);
    }
}

}  // namespace hongtu::render
