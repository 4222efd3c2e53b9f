#include "render/map_renderer.hpp"

#include <QFont>
#include <QFontMetricsF>
#include <QPainterPath>
#include <QPen>

#include <cmath>
#include <numbers>
#include <variant>
#include <vector>

namespace hongtu::render {

namespace {

// Inclusive overlap test: unlike QRectF::intersects it accepts zero-width bounds (a vertical
// line, a single point).
bool overlaps(const QRectF& a, const QRectF& b) {
    return a.left() <= b.right() && b.left() <= a.right() && a.top() <= b.bottom() && b.top() <= a.bottom();
}

QRectF toRect(const geo::Box& b) { return {b.minX, b.minY, b.width(), b.height()}; }

QPen cosmeticPen(const QColor& color, double widthPx) {
    QPen pen(color, widthPx);
    pen.setCosmetic(true);  // width in device pixels, whatever the map transform
    pen.setJoinStyle(Qt::RoundJoin);
    pen.setCapStyle(Qt::RoundCap);
    return pen;
}

class LayerPainter {
public:
    LayerPainter(const MapSettings& settings, QPainter& painter, RenderStats& stats)
        : settings_(settings), painter_(painter), stats_(stats), visible_(toRect(settings.visibleExtent())) {}

    void paint(const SceneLayer& layer) {
        std::visit([&](const auto& symbol) { paint(layer, symbol); }, layer.style.symbol);
    }

private:
    void paintPaths(const SceneLayer& layer, const QPen& pen, const QBrush& brush) {
        painter_.save();
        painter_.setWorldTransform(settings_.mapToPixel(), true);
        painter_.setPen(pen);
        painter_.setBrush(brush);
        for (std::size_t i = 0; i < layer.paths.size(); ++i) {
            if (!overlaps(layer.pathBounds[i], visible_)) {
                ++stats_.featuresCulled;
                continue;
            }
            painter_.drawPath(layer.paths[i]);
            ++stats_.featuresDrawn;
        }
        painter_.restore();
    }

    void paint(const SceneLayer& layer, const FillSymbol& s) {
        const QPen pen = s.strokeWidthMm > 0 ? cosmeticPen(s.stroke, settings_.pixelsFromMm(s.strokeWidthMm))
                                             : QPen(Qt::NoPen);
        paintPaths(layer, pen, QBrush(s.fill));
    }

    void paint(const SceneLayer& layer, const LineSymbol& s) {
        paintPaths(layer, cosmeticPen(s.color, settings_.pixelsFromMm(s.widthMm)), Qt::NoBrush);
    }

    void paint(const SceneLayer& layer, const MarkerSymbol& s) {
        const double sizePx = settings_.pixelsFromMm(s.sizeMm);
        const double outlinePx = settings_.pixelsFromMm(s.strokeWidthMm);
        // Cull with a margin of one symbol so half-visible markers at the edge still show.
        const double marginMap = (sizePx + 2 * outlinePx) * settings_.mapUnitsPerPixel();
        const QRectF cullRect = visible_.adjusted(-marginMap, -marginMap, marginMap, marginMap);
        const QTransform toPixel = settings_.mapToPixel();

        std::vector<QPointF> pixels;
        pixels.reserve(layer.points.size());
        for (const QPointF& p : layer.points) {
            if (!cullRect.contains(p)) {
                ++stats_.featuresCulled;
                continue;
            }
            pixels.push_back(toPixel.map(p));
        }
        stats_.featuresDrawn += pixels.size();
        if (pixels.empty()) return;

        painter_.save();
        if (s.shape == MarkerShape::Circle || s.shape == MarkerShape::Square) {
            // One drawPoints call per pass: a wide pen's cap is the marker. Outlines first, so
            // touching markers merge instead of hiding each other's fill.
            const Qt::PenCapStyle cap = s.shape == MarkerShape::Circle ? Qt::RoundCap : Qt::SquareCap;
            if (outlinePx > 0) {
                QPen outline(s.stroke, sizePx + 2 * outlinePx, Qt::SolidLine, cap);
                painter_.setPen(outline);
                painter_.drawPoints(pixels.data(), static_cast<int>(pixels.size()));
            }
            painter_.setPen(QPen(s.fill, sizePx, Qt::SolidLine, cap));
            painter_.drawPoints(pixels.data(), static_cast<int>(pixels.size()));
        } else {
            const QPainterPath marker = markerPath(s.shape, sizePx);
            QPainterPath all;
            all.setFillRule(Qt::WindingFill);  // overlapping markers must not cancel out (odd-even would)
            for (const QPointF& p : pixels) all.addPath(marker.translated(p));
            painter_.setPen(outlinePx > 0 ? QPen(s.stroke, outlinePx) : QPen(Qt::NoPen));
            painter_.setBrush(s.fill);
            painter_.drawPath(all);
        }
        painter_.restore();
    }

    static QPainterPath markerPath(MarkerShape shape, double sizePx) {
        QPainterPath path;
        const double r = sizePx / 2;
        if (shape == MarkerShape::Triangle) {
            path.moveTo(0, -r);
            path.lineTo(r * 0.866, r * 0.5);
            path.lineTo(-r * 0.866, r * 0.5);
            path.closeSubpath();
            return path;
        }
        // Five-pointed star, point up; inner radius 0.382 r as in the national flag's stars.
        for (int i = 0; i < 10; ++i) {
            const double radius = i % 2 == 0 ? r : r * 0.382;
            const double angle = -std::numbers::pi / 2 + i * std::numbers::pi / 5;
            const QPointF p(radius * std::cos(angle), radius * std::sin(angle));
            if (i == 0)
                path.moveTo(p);
            else
                path.lineTo(p);
        }
        path.closeSubpath();
        return path;
    }

    const MapSettings& settings_;
    QPainter& painter_;
    RenderStats& stats_;
    QRectF visible_;  // display CRS
};

// Labels of all visible layers, drawn last and top layer first, skipping any that would
// overlap a label already placed.
void paintLabels(const Scene& scene, const MapSettings& settings, QPainter& painter, RenderStats& stats) {
    const QRectF visible = toRect(settings.visibleExtent());
    const QTransform toPixel = settings.mapToPixel();
    const double scale = settings.scaleDenominator();
    std::vector<QRectF> placed;
    painter.save();
    for (auto it = scene.layers.rbegin(); it != scene.layers.rend(); ++it) {
        const SceneLayer& layer = *it;
        const LabelStyle& style = layer.style.label;
        if (!style.enabled || layer.labels.empty() || !settings.isLayerVisible(layer.id)) continue;
        if (scale > style.maxScaleDenominator) continue;

        QFont font(style.fontFamily);
        font.setPixelSize(std::max(1, static_cast<int>(std::lround(style.sizePt * settings.dpi / 72))));
        const QFontMetricsF metrics(font);
        const double haloPx = settings.pixelsFromMm(style.haloMm);
        QPen haloPen(style.halo, 2 * haloPx, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
        // Point labels go to the right of the marker, so the halo never hides it; polygon
        // labels are centred on their anchor.
        const auto* marker = std::get_if<MarkerSymbol>(&layer.style.symbol);
        const double besideMarkerPx =
            marker ? settings.pixelsFromMm(marker->sizeMm / 2 + marker->strokeWidthMm + 0.6) + haloPx : -1;

        for (const SceneLabel& label : layer.labels) {
            if (!visible.contains(label.anchor)) continue;
            const QPointF at = toPixel.map(label.anchor);
            const double width = metrics.horizontalAdvance(label.text);
            const double left = marker ? at.x() + besideMarkerPx : at.x() - width / 2;
            const QRectF box(left, at.y() - metrics.height() / 2, width, metrics.height());
            bool clash = false;
            for (const QRectF& other : placed) clash = clash || box.intersects(other);
            if (clash) continue;
            placed.push_back(box.adjusted(-haloPx, -haloPx, haloPx, haloPx));

            QPainterPath text;
            text.addText(QPointF(box.left(), box.top() + metrics.ascent()), font, label.text);
            if (haloPx > 0) painter.strokePath(text, haloPen);
            painter.fillPath(text, style.color);
            ++stats.labelsDrawn;
        }
    }
    painter.restore();
}

}  // namespace

RenderStats renderMap(const Scene& scene, const MapSettings& settings, QPainter& painter) {
    RenderStats stats;
    painter.save();
    painter.fillRect(QRectF(QPointF(0, 0), QSizeF(settings.outputSize)), settings.background);
    if (settings.isValid()) {
        painter.setRenderHint(QPainter::Antialiasing, true);
        painter.setRenderHint(QPainter::TextAntialiasing, true);
        LayerPainter layerPainter(settings, painter, stats);
        for (const SceneLayer& layer : scene.layers)
            if (settings.isLayerVisible(layer.id)) layerPainter.paint(layer);
        paintLabels(scene, settings, painter, stats);
    }
    painter.restore();
    return stats;
}

QImage renderToImage(const Scene& scene, const MapSettings& settings) {
    QImage image(settings.outputSize, QImage::Format_ARGB32_Premultiplied);
    const int dotsPerMetre = static_cast<int>(std::lround(settings.dpi / 0.0254));
    image.setDotsPerMeterX(dotsPerMetre);
    image.setDotsPerMeterY(dotsPerMetre);
    image.fill(Qt::transparent);  // a transparent background must not show uninitialised memory
    QPainter painter(&image);
    renderMap(scene, settings, painter);
    painter.end();
    return image;
}

}  // namespace hongtu::render
