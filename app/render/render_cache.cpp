#include "render/render_cache.hpp"

#include <algorithm>
#include <cmath>

namespace hongtu::render {

namespace {

void buildGrid(const SceneLayer& layer, LayerRenderCache& c) {
    c.gridBuilt = true;
    const std::size_t n = layer.points.size();
    double minX = INFINITY, minY = INFINITY, maxX = -INFINITY, maxY = -INFINITY;
    for (const QPointF& p : layer.points) {
        minX = std::min(minX, p.x());
        minY = std::min(minY, p.y());
        maxX = std::max(maxX, p.x());
        maxY = std::max(maxY, p.y());
    }
    // About 16 points per cell on average.
    const double w = std::max(maxX - minX, 1e-9), h = std::max(maxY - minY, 1e-9);
    const double cells = std::max(1.0, static_cast<double>(n) / 16);
    c.cellSize = std::sqrt(w * h / cells);
    c.gridMinX = minX;
    c.gridMinY = minY;
    c.cellsX = std::max(1, static_cast<int>(std::ceil(w / c.cellSize)) + 1);
    c.cellsY = std::max(1, static_cast<int>(std::ceil(h / c.cellSize)) + 1);
    const auto cellOf = [&](const QPointF& p) {
        const int cx = std::clamp(static_cast<int>((p.x() - c.gridMinX) / c.cellSize), 0, c.cellsX - 1);
        const int cy = std::clamp(static_cast<int>((p.y() - c.gridMinY) / c.cellSize), 0, c.cellsY - 1);
        return static_cast<std::size_t>(cy) * static_cast<std::size_t>(c.cellsX) + static_cast<std::size_t>(cx);
    };
    const std::size_t cellCount = static_cast<std::size_t>(c.cellsX) * static_cast<std::size_t>(c.cellsY);
    c.cellStart.assign(cellCount + 1, 0);
    for (const QPointF& p : layer.points) ++c.cellStart[cellOf(p) + 1];
    for (std::size_t i = 0; i < cellCount; ++i) c.cellStart[i + 1] += c.cellStart[i];
    c.cellItems.assign(n, 0);
    std::vector<std::uint32_t> fill(c.cellStart.begin(), c.cellStart.end() - 1);
    for (std::size_t i = 0; i < n; ++i) c.cellItems[fill[cellOf(layer.points[i])]++] = static_cast<std::uint32_t>(i);
    c.itemLabel.assign(n, -1);
    for (std::size_t k = 0; k < layer.labels.size(); ++k)
        if (layer.labels[k].item < n) c.itemLabel[layer.labels[k].item] = static_cast<std::int32_t>(k);
}

}  // namespace

std::vector<std::size_t> pointsIn(const SceneLayer& layer, const QRectF& rect) {
    LayerRenderCache& c = *layer.renderCache;
    {
        const std::lock_guard lock(c.mutex);
        if (!c.gridBuilt) buildGrid(layer, c);
    }
    std::vector<std::size_t> out;
    const int x0 = std::max(0, static_cast<int>(std::floor((rect.left() - c.gridMinX) / c.cellSize)));
    const int x1 = std::min(c.cellsX - 1, static_cast<int>(std::floor((rect.right() - c.gridMinX) / c.cellSize)));
    const int y0 = std::max(0, static_cast<int>(std::floor((rect.top() - c.gridMinY) / c.cellSize)));
    const int y1 = std::min(c.cellsY - 1, static_cast<int>(std::floor((rect.bottom() - c.gridMinY) / c.cellSize)));
    for (int y = y0; y <= y1; ++y) {
        for (int x = x0; x <= x1; ++x) {
            const std::size_t cell = static_cast<std::size_t>(y) * static_cast<std::size_t>(c.cellsX) + static_cast<std::size_t>(x);
            for (std::uint32_t k = c.cellStart[cell]; k < c.cellStart[cell + 1]; ++k) {
                const std::size_t i = c.cellItems[k];
                const QPointF& p = layer.points[i];
                if (p.x() >= rect.left() && p.x() <= rect.right() && p.y() >= rect.top() && p.y() <= rect.bottom()) out.push_back(i);
            }
        }
    }
    // The drawing order of the layer, whatever the cells; when tens of thousands are in view
    // they are drawn as pixel blocks per class, where the order cannot be seen.
    if (out.size() <= 30'000) std::sort(out.begin(), out.end());
    return out;
}

std::int32_t labelOfPoint(const SceneLayer& layer, std::size_t item) {
    const auto& labels = layer.renderCache->itemLabel;
    return item < labels.size() ? labels[item] : -1;
}

QPainterPath simplifyPath(const QPainterPath& path, double tolerance) {
    QPainterPath out;
    out.setFillRule(path.fillRule());
    const double t2 = tolerance * tolerance;
    const int n = path.elementCount();
    int i = 0;
    while (i < n) {
        // One subpath: a MoveTo and the LineTos after it.
        const QPainterPath::Element start = path.elementAt(i);
        int end = i + 1;
        while (end < n && path.elementAt(end).type != QPainterPath::MoveToElement) ++end;
        out.moveTo(start.x, start.y);
        QPointF last(start.x, start.y);
        for (int k = i + 1; k < end; ++k) {
            const QPainterPath::Element e = path.elementAt(k);
            const double dx = e.x - last.x(), dy = e.y - last.y();
            if (k + 1 < end && dx * dx + dy * dy < t2) continue;  // the ring's last vertex always stays
            out.lineTo(e.x, e.y);
            last = QPointF(e.x, e.y);
        }
        i = end;
    }
    return out;
}

std::shared_ptr<const std::vector<QPainterPath>> simplifiedPaths(const SceneLayer& layer, double mapUnitsPerPixel) {
    if (layer.paths.empty() || !(mapUnitsPerPixel > 0)) return nullptr;
    LayerRenderCache& c = *layer.renderCache;
    const std::lock_guard lock(c.mutex);
    if (c.vertexCount == 0)
        for (const auto& p : layer.paths) c.vertexCount += static_cast<std::size_t>(p.elementCount());
    if (c.vertexCount < kSimplifyMinVertices) return nullptr;
    // Band b covers 2^b <= map units per pixel < 2^(b+1); its tolerance is half a pixel at the
    // band's finest scale, so no vertex moves visibly anywhere in the band.
    const int band = static_cast<int>(std::floor(std::log2(mapUnitsPerPixel)));
    auto& slot = c.simplified[band];
    if (!slot) {
        const double tolerance = 0.5 * std::ldexp(1.0, band);
        auto paths = std::make_shared<std::vector<QPainterPath>>();
        paths->reserve(layer.paths.size());
        for (const auto& p : layer.paths) paths->push_back(simplifyPath(p, tolerance));
        slot = std::move(paths);
    }
    return slot;
}

}  // namespace hongtu::render
