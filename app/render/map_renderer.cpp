#include "render/map_renderer.hpp"

#include <QFont>
#include <QFontMetricsF>
#include <QPaintEngine>
#include <QPainterPath>
#include <QPainterPathStroker>
#include <QPen>

#include "render/basemap.hpp"
#include "render/render_cache.hpp"

#include <algorithm>
#include <array>
#include <climits>
#include <cmath>
#include <cstdint>
#include <mutex>
#include <numbers>
#include <optional>
#include <variant>
#include <vector>

namespace hongtu::render {

bool layerDrawn(const SceneLayer& layer, const MapSettings& settings) {
    return settings.isLayerVisible(layer.id) &&
           (settings.scaleDenominator() <= layer.style.maxScaleDenominator || settings.overridesScaleRange(layer.id));
}

namespace {

// Inclusive overlap test: unlike QRectF::intersects it accepts zero-width bounds (a vertical
// line, a single point).
bool overlaps(const QRectF& a, const QRectF& b) {
    return a.left() <= b.right() && b.left() <= a.right() && a.top() <= b.bottom() && b.top() <= a.bottom();
}

QRectF toRect(const geo::Box& b) { return {b.minX, b.minY, b.width(), b.height()}; }

// On raster targets lines thinner than 1.5 px are drawn 1 px wide: Qt rasterises those
// directly, while any wider pen goes through its general stroker, which made county outlines
// cost 80% of a frame (bench/viewer_bench.cpp). The 0.3 px difference does not show on screen;
// PDF/SVG and print resolutions keep the exact width.
QPen cosmeticPen(const QColor& color, double widthPx, bool rasterTarget) {
    QPen pen(color, rasterTarget && widthPx < 1.5 ? 1.0 : widthPx);
    pen.setCosmetic(true);  // width in device pixels, whatever the map transform
    // Round joins of thick lines look better; on hairlines nobody sees them and they cost a
    // curve per vertex in the stroker (a third of a full-extent frame).
    pen.setJoinStyle(widthPx > 2.5 ? Qt::RoundJoin : Qt::MiterJoin);
    pen.setCapStyle(widthPx > 2.5 ? Qt::RoundCap : Qt::FlatCap);
    return pen;
}

// A layer's classes under the settings: its own, or those of the as-of day for progress layers
// (computed per render: a few microseconds for a thousand projects, see bench/viewer_bench).
class ClassesOf {
public:
    ClassesOf(const SceneLayer& layer, const MapSettings& settings) : layer_(layer) {
        if (layer.asOfClasses && settings.asOf) {
            owned_ = layer.asOfClasses->classify(*settings.asOf, settings.dueSoonDays);
            dynamic_ = true;
        }
    }
    [[nodiscard]] const std::vector<SceneClass>& classes() const { return dynamic_ ? owned_.classes : layer_.classes; }
    [[nodiscard]] const std::vector<std::int32_t>& itemClass() const { return dynamic_ ? owned_.itemClass : layer_.itemClass; }

private:
    const SceneLayer& layer_;
    LayerClasses owned_;
    bool dynamic_ = false;
};

class LayerPainter {
public:
    LayerPainter(const MapSettings& settings, QPainter& painter, RenderStats& stats, std::function<bool()> stop)
        : settings_(settings),
          painter_(painter),
          stats_(stats),
          stop_(std::move(stop)),
          visible_(toRect(settings.visibleExtent())),
          rasterTarget_(painter.paintEngine() && painter.paintEngine()->type() == QPaintEngine::Raster) {}

    // Each class of the layer in legend order, its visible items batched. A layer without
    // resolved classes (built by hand, e.g. a legend swatch) draws everything with its symbol.
    void paint(const SceneLayer& layer) {
        const DrawnItems drawn = selectItems(layer, settings_, visible_);
        const auto& classes = drawn.classes;
        const auto& byClass = drawn.byClass;
        const bool classified = !classes.empty();
        const std::size_t classCount = byClass.size();
        stats_.featuresCulled += drawn.culled;
        std::vector<std::size_t> counts;
        for (const auto& items : byClass) counts.push_back(items.size());
        stats_.drawnPerClass.emplace_back(layer.id, std::move(counts));
        paths_ = rasterTarget_ ? simplifiedPaths(layer, settings_.mapUnitsPerPixel()) : nullptr;
        if (rasterTarget_) {
            const PointMode mode = pointMode(layer, drawn, settings_, visible_);
            if (mode.how == PointDrawing::Aggregated) {
                paintAggregated(layer, drawn, *mode.aggregate);
                return;
            }
            if (mode.how == PointDrawing::PixelBlocks) {
                paintDensity(layer, classes, byClass, classified);  // level of detail: one pixel block per point
                return;
            }
        }
        for (std::size_t c = 0; c < classCount; ++c) {
            if (byClass[c].empty()) continue;
            if (stop_()) return;
            stats_.featuresDrawn += byClass[c].size();
            const Symbol& symbol = classified ? classes[c].symbol : layer.style.symbol;
            std::visit([&](const auto& s) { paint(layer, byClass[c], s); }, symbol);
        }
    }

    // What paint(layer) records in the stats, without drawing: the layer came from the tiles.
    // `drawn`: the layer's selectItems() for these settings when the caller has them.
    void count(const SceneLayer& layer, const DrawnItems* known = nullptr) {
        std::optional<DrawnItems> selected;  // only when the caller has none: no copy of thousands of items a frame
        const DrawnItems& drawn = known ? *known : selected.emplace(selectItems(layer, settings_, visible_));
        stats_.featuresCulled += drawn.culled;
        stats_.featuresDrawn += drawn.count();
        std::vector<std::size_t> counts;
        for (const auto& items : drawn.byClass) counts.push_back(items.size());
        stats_.drawnPerClass.emplace_back(layer.id, std::move(counts));
    }

    // Whether paint() draws the items `drawn` of point layer `layer` (selectItems for `settings`)
    // as their markers on the screen, not as the level of detail (aggregated, pixel blocks).
    // False for a path layer and for proportional markers.
    static bool drawnAsMarkers(const SceneLayer& layer, const DrawnItems& drawn, const MapSettings& settings) {
        if (!layer.paths.empty() || !layer.markerSizeMm.empty()) return false;
        return pointMode(layer, drawn, settings, toRect(settings.visibleExtent())).how == PointDrawing::Markers;
    }

private:
    // Above this many points in view (zoomed out over a province or the country) markers are
    // written as small pixel blocks into one image: at that density their shapes and outlines
    // cannot be told apart, and a sprite per point would cost a second per frame.
    static constexpr std::size_t kDensityMinPoints = 30'000;

public:
    // The items of `layer` to draw inside `visible` (display CRS), per class.
    static DrawnItems selectItems(const SceneLayer& layer, const MapSettings& settings, const QRectF& visible) {
        DrawnItems out;
        const ClassesOf resolved(layer, settings);
        const auto& classes = resolved.classes();
        const auto& itemClass = resolved.itemClass();
        const std::size_t n = layer.itemCount();
        const bool classified = !classes.empty() && itemClass.size() == n;
        if (classified) out.classes = classes;
        out.byClass.resize(classified ? classes.size() : 1);
        const bool isPoints = layer.paths.empty();
        const QRectF cullRect = isPoints ? pointCullRect(layer, classes, settings, visible) : visible;
        const auto addItem = [&](std::size_t i) {
            const std::int32_t cls = classified ? itemClass[i] : 0;
            if (cls >= 0) out.byClass[static_cast<std::size_t>(cls)].push_back(i);  // else: not drawn by this symbology
        };
        if (isPoints && n > kGridMinPoints) {  // national villages: only the grid cells in view
            const std::vector<std::size_t> inView = pointsIn(layer, cullRect);
            out.culled += n - inView.size();
            for (std::size_t i : inView) addItem(i);
        } else {
            for (std::size_t i = 0; i < n; ++i) {
                const bool inView = isPoints ? cullRect.contains(layer.points[i]) : overlaps(layer.pathBounds[i], visible);
                if (!inView) {
                    ++out.culled;
                    continue;
                }
                addItem(i);
            }
        }
        return out;
    }

private:
    static std::size_t visibleCount(const std::vector<std::vector<std::size_t>>& byClass) {
        std::size_t n = 0;
        for (const auto& c : byClass) n += c.size();
        return n;
    }

    // The marker symbol of class c (the layer's symbol without classes); null for other symbols.
    static const MarkerSymbol* markerOf(const SceneLayer& layer, const std::vector<SceneClass>& classes, bool classified, std::size_t c) {
        return std::get_if<MarkerSymbol>(classified ? &classes[c].symbol : &layer.style.symbol);
    }

    void paintDensity(const SceneLayer& layer, const std::vector<SceneClass>& classes,
                      const std::vector<std::vector<std::size_t>>& byClass, bool classified) {
        std::vector<const MarkerSymbol*> symbols;
        for (std::size_t c = 0; c < byClass.size(); ++c) symbols.push_back(markerOf(layer, classes, classified, c));
        stats_.featuresDrawn += visibleCount(byClass);
        paintDensityPoints(symbols, byClass.size(), visibleCount(byClass), [&](std::size_t c, const auto& draw) {
            for (std::size_t i : byClass[c]) draw(layer.points[i]);
        });
    }

    // Points of class c (display CRS) written as pixel blocks into one image: `forEach(c, draw)`
    // calls draw(point) for each point of class c; classes in order, later ones on top.
    template <class ForEach>
    void paintDensityPoints(const std::vector<const MarkerSymbol*>& symbols, std::size_t classCount, std::size_t total,
                            const ForEach& forEach) {
        const QSize size = settings_.outputSize;
        const QTransform toPixel = settings_.mapToPixel();
        QImage image(size, QImage::Format_ARGB32_Premultiplied);
        if (image.isNull()) {
            // The allocation failed (a huge page or map frame): bits() would be null and the loop
            // below would write through it. Draw the points one by one instead.
            for (std::size_t c = 0; c < classCount; ++c) {
                if (stop_()) return;
                if (!symbols[c]) continue;
                const QColor fill = symbols[c]->fill;
                forEach(c, [&](const QPointF& at) {
                    const QPointF p = toPixel.map(at);
                    if (std::abs(p.x()) < 1e9 && std::abs(p.y()) < 1e9) painter_.fillRect(QRectF(p.x() - 1, p.y() - 1, 2, 2), fill);
                });
            }
            return;
        }
        image.fill(Qt::transparent);
        auto* bits = reinterpret_cast<QRgb*>(image.bits());
        const qsizetype stride = image.bytesPerLine() / 4;
        for (std::size_t c = 0; c < classCount; ++c) {
            if (stop_()) return;
            const MarkerSymbol* m = symbols[c];
            if (!m) continue;
            const QRgb color = qPremultiply(m->fill.rgba());
            // One pixel per point at national extent (hundreds of thousands in view), else at
            // most the marker's size, capped at 3 px so dense areas keep their texture.
            const int side = total > 200'000 ? 1 : std::clamp(static_cast<int>(std::lround(settings_.pixelsFromMm(m->sizeMm))), 1, 3);
            const double half = side / 2.0;
            forEach(c, [&](const QPointF& at) {
                const QPointF p = toPixel.map(at);
                // NaN or far-off points: converting them to int is undefined; they are not on the image anyway.
                if (!(std::abs(p.x()) < 1e9 && std::abs(p.y()) < 1e9)) return;
                const int x0 = static_cast<int>(std::floor(p.x() - half + 0.5)), y0 = static_cast<int>(std::floor(p.y() - half + 0.5));
                for (int y = std::max(0, y0); y < std::min(size.height(), y0 + side); ++y) {
                    QRgb* row = bits + y * stride;
                    for (int x = std::max(0, x0); x < std::min(size.width(), x0 + side); ++x) row[x] = color;
                }
            });
        }
        painter_.drawImage(QPointF(0, 0), image);
    }

    // The level of detail at overview scales: the layer's prepared aggregate for this zoom band
    // (render_cache.hpp), one marker per occupied cell and class, its markers in view by class.
    struct AggregateInView {
        std::vector<std::vector<QPointF>> at;  // display CRS, per class
        std::vector<std::size_t> merged;       // points the markers of each class stand for
        std::size_t markers = 0;
    };
    // Nullopt when the band has no aggregate or its markers in view would not halve the points
    // in view (then every point is drawn).
    static std::optional<AggregateInView> aggregateInView(const SceneLayer& layer, const DrawnItems& drawn, const MapSettings& settings,
                                                          const QRectF& visible) {
        const auto aggregate = aggregatedPoints(layer, settings.mapUnitsPerPixel());
        if (!aggregate || aggregate->rowStart.empty()) return std::nullopt;
        const bool classified = !drawn.classes.empty();
        const std::size_t classCount = drawn.byClass.size();
        const QRectF cull = pointCullRect(layer, drawn.classes, settings, visible);
        AggregateInView out;
        out.at.resize(classCount);
        out.merged.assign(classCount, 0);
        const std::size_t rows = aggregate->rowStart.size() - 1;
        const double firstRow = std::floor((cull.top() - aggregate->minY) / aggregate->cellSize);
        const double lastRow = std::floor((cull.bottom() - aggregate->minY) / aggregate->cellSize);
        if (!(lastRow >= 0 && firstRow < static_cast<double>(rows))) return std::nullopt;
        const std::size_t r0 = static_cast<std::size_t>(std::max(0.0, firstRow));
        const std::size_t r1 = static_cast<std::size_t>(std::min(static_cast<double>(rows - 1), lastRow));
        for (std::size_t k = aggregate->rowStart[r0]; k < aggregate->rowStart[r1 + 1]; ++k) {
            const PointAggregate::Marker& m = aggregate->markers[k];
            const std::size_t cls = classified ? static_cast<std::size_t>(m.cls) : 0;
            if (cls >= classCount || !cull.contains(m.at)) continue;
            out.at[cls].push_back(m.at);
            out.merged[cls] += m.count;
            ++out.markers;
        }
        if (out.markers * 2 > visibleCount(drawn.byClass)) return std::nullopt;  // does not halve them here
        return out;
    }

    // How paint() draws the items `drawn` of `layer` on a raster target (the one decision, also
    // taken for the tiles: drawnAsMarkers): aggregated per class on a grid when that at least
    // halves the markers in view, as pixel blocks above kDensityMinPoints, else each marker.
    // Path layers and proportional markers are always drawn as they are (Markers).
    enum class PointDrawing { Markers, Aggregated, PixelBlocks };
    struct PointMode {
        PointDrawing how = PointDrawing::Markers;
        std::optional<AggregateInView> aggregate;  // for Aggregated
    };
    static PointMode pointMode(const SceneLayer& layer, const DrawnItems& drawn, const MapSettings& settings, const QRectF& visible) {
        PointMode mode;
        if (!layer.paths.empty() || !layer.markerSizeMm.empty() || !settings.pointDensityLevelOfDetail) return mode;
        const std::size_t n = visibleCount(drawn.byClass);
        if (n > kAggregateMinPoints) {
            if (auto aggregate = aggregateInView(layer, drawn, settings, visible)) {
                mode.how = PointDrawing::Aggregated;
                mode.aggregate = std::move(aggregate);
                return mode;
            }
        }
        if (n > kDensityMinPoints) mode.how = PointDrawing::PixelBlocks;
        return mode;
    }

    void paintAggregated(const SceneLayer& layer, const DrawnItems& drawn, const AggregateInView& aggregate) {
        const bool classified = !drawn.classes.empty();
        const std::size_t classCount = drawn.byClass.size();
        const auto& at = aggregate.at;
        const std::size_t markers = aggregate.markers;
        const std::size_t points = visibleCount(drawn.byClass);
        stats_.featuresDrawn += points;
        stats_.aggregated.push_back({layer.id, points, markers, aggregate.merged});
        std::vector<const MarkerSymbol*> symbols;
        for (std::size_t c = 0; c < classCount; ++c) symbols.push_back(markerOf(layer, drawn.classes, classified, c));
        if (markers > kDensityMinPoints) {
            paintDensityPoints(symbols, classCount, markers, [&](std::size_t c, const auto& draw) {
                for (const QPointF& p : at[c]) draw(p);
            });
            return;
        }
        const QTransform toPixel = settings_.mapToPixel();
        for (std::size_t c = 0; c < classCount; ++c) {
            if (at[c].empty() || !symbols[c]) continue;
            if (stop_()) return;
            std::vector<QPointF> pixels;
            pixels.reserve(at[c].size());
            for (const QPointF& p : at[c]) pixels.push_back(toPixel.map(p));
            paintMarkerPixels(pixels, *symbols[c]);
        }
    }

    QPainterPath pathOf(const SceneLayer& layer, std::size_t i) const { return paths_ ? paths_->path(i) : layer.paths[i]; }

    // Points are culled with a margin of the largest symbol so half-visible markers still show.
    static QRectF pointCullRect(const SceneLayer& layer, const std::vector<SceneClass>& classes, const MapSettings& settings,
                                const QRectF& visible) {
        double sizeMm = 0;
        for (const auto& c : classes)
            if (const auto* m = std::get_if<MarkerSymbol>(&c.symbol)) sizeMm = std::max(sizeMm, m->sizeMm + 2 * m->strokeWidthMm);
        if (const auto* m = std::get_if<MarkerSymbol>(&layer.style.symbol)) sizeMm = std::max(sizeMm, m->sizeMm + 2 * m->strokeWidthMm);
        for (float s : layer.markerSizeMm) sizeMm = std::max(sizeMm, static_cast<double>(s) + 0.5);
        const double marginMap = settings.pixelsFromMm(sizeMm) * settings.mapUnitsPerPixel();
        return visible.adjusted(-marginMap, -marginMap, marginMap, marginMap);
    }

    void paintPaths(const SceneLayer& layer, const std::vector<std::size_t>& items, const QPen& pen, const QBrush& brush) {
        painter_.save();
        painter_.setWorldTransform(settings_.mapToPixel(), true);
        painter_.setPen(pen);
        painter_.setBrush(brush);
        for (std::size_t i : items) painter_.drawPath(pathOf(layer, i));
        painter_.restore();
    }

    void paint(const SceneLayer& layer, const std::vector<std::size_t>& items, const FillSymbol& s) {
        const QPen pen = s.strokeWidthMm > 0 ? cosmeticPen(s.stroke, settings_.pixelsFromMm(s.strokeWidthMm), rasterTarget_)
                                             : QPen(Qt::NoPen);
        paintPaths(layer, items, pen, QBrush(s.fill));
        if (!s.hatched) return;
        // The hatch is laid in device pixels (a brush pattern would scale with the map).
        painter_.save();
        QBrush hatch(s.stroke.darker(110), Qt::BDiagPattern);
        const QTransform toPixel = settings_.mapToPixel();
        painter_.setPen(Qt::NoPen);
        painter_.setBrush(hatch);
        for (std::size_t i : items) painter_.drawPath(toPixel.map(pathOf(layer, i)));
        painter_.restore();
    }

    void paint(const SceneLayer& layer, const std::vector<std::size_t>& items, const LineSymbol& s) {
        paintPaths(layer, items, cosmeticPen(s.color, settings_.pixelsFromMm(s.widthMm), rasterTarget_), Qt::NoBrush);
    }

    void paint(const SceneLayer& layer, const std::vector<std::size_t>& items, const MarkerSymbol& s) {
        const double outlinePx = settings_.pixelsFromMm(s.strokeWidthMm);
        const QTransform toPixel = settings_.mapToPixel();
        painter_.save();
        if (!layer.markerSizeMm.empty()) {
            // Proportional symbols: largest first, so small ones stay visible on top.
            std::vector<std::size_t> order = items;
            std::stable_sort(order.begin(), order.end(),
                             [&](std::size_t a, std::size_t b) { return layer.markerSizeMm[a] > layer.markerSizeMm[b]; });
            painter_.setPen(outlinePx > 0 ? QPen(s.stroke, outlinePx) : QPen(Qt::NoPen));
            painter_.setBrush(s.fill);
            for (std::size_t i : order) {
                const double sizePx = settings_.pixelsFromMm(layer.markerSizeMm[i]);
                painter_.drawPath(markerPath(s.shape, sizePx).translated(toPixel.map(layer.points[i])));
            }
            painter_.restore();
            return;
        }
        painter_.restore();
        std::vector<QPointF> pixels;
        pixels.reserve(items.size());
        for (std::size_t i : items) pixels.push_back(toPixel.map(layer.points[i]));
        paintMarkerPixels(pixels, s);
    }

    // Markers of one symbol centred on `pixels` (device pixels).
    void paintMarkerPixels(const std::vector<QPointF>& pixels, const MarkerSymbol& s) {
        const double outlinePx = settings_.pixelsFromMm(s.strokeWidthMm);
        const double sizePx = settings_.pixelsFromMm(s.sizeMm);
        painter_.save();
        if (rasterTarget_ && pixels.size() > 8) {
            // Raster targets (screen, PNG): the marker is drawn once into a sprite and blitted,
            // instead of being rasterised per point. Vector targets (PDF, SVG) keep real shapes.
            // Circles and squares in two passes like the vector path below: every outline first,
            // then every fill, so touching markers merge instead of hiding each other's fill
            // (tests/render/map_renderer_test.cpp compares the two paths tile by tile).
            const bool twoPass = (s.shape == MarkerShape::Circle || s.shape == MarkerShape::Square) && outlinePx > 0;
            // Each stamp in 4 x 4 sub-pixel phases: a marker lands within an eighth of a pixel
            // of where the vector path puts it (whole pixels shifted dense clusters visibly).
            constexpr int kPhases = 4;
            // The target's pixels, when the stamps can be blended into them directly (thousands
            // of markers cost about a microsecond each through drawImage): a premultiplied ARGB
            // image of its own, under no clip, no opacity and no transform but a whole-pixel shift.
            QImage* target = nullptr;
            int shiftX = 0, shiftY = 0;
            if (painter_.device() && painter_.device()->devType() == QInternal::Image && !painter_.hasClipping() &&
                painter_.opacity() >= 1.0 && painter_.compositionMode() == QPainter::CompositionMode_SourceOver &&
                painter_.worldTransform().type() <= QTransform::TxTranslate) {
                auto* image = static_cast<QImage*>(painter_.device());
                const QTransform& t = painter_.worldTransform();
                if (image->format() == QImage::Format_ARGB32_Premultiplied && image->isDetached() && t.dx() == std::round(t.dx()) &&
                    t.dy() == std::round(t.dy())) {
                    target = image;
                    shiftX = static_cast<int>(t.dx());
                    shiftY = static_cast<int>(t.dy());
                }
            }
            uchar* bits = target ? target->bits() : nullptr;
            const qsizetype stride = target ? target->bytesPerLine() : 0;
            const int targetW = target ? target->width() : 0, targetH = target ? target->height() : 0;
            // SourceOver of a premultiplied stamp: d = s + d * (255 - sa) / 255 per channel, two
            // channels at a time (as Qt's own blend does).
            const auto blend = [&](const QImage& stamp, int x0, int y0) {
                const int sx0 = std::max(0, -x0), sy0 = std::max(0, -y0);
                const int sx1 = std::min(stamp.width(), targetW - x0), sy1 = std::min(stamp.height(), targetH - y0);
                for (int sy = sy0; sy < sy1; ++sy) {
                    const auto* src = reinterpret_cast<const quint32*>(stamp.constScanLine(sy));
                    auto* dst = reinterpret_cast<quint32*>(bits + (y0 + sy) * stride) + x0;
                    for (int sx = sx0; sx < sx1; ++sx) {
                        const quint32 s = src[sx];
                        const quint32 a = s >> 24;
                        if (a == 0) continue;
                        if (a == 255) {
                            dst[sx] = s;
                            continue;
                        }
                        const quint32 inv = 255 - a, d = dst[sx];
                        quint32 rb = (d & 0xff00ff) * inv, ag = ((d >> 8) & 0xff00ff) * inv;
                        rb = ((rb + ((rb >> 8) & 0xff00ff) + 0x800080) >> 8) & 0xff00ff;
                        ag = (ag + ((ag >> 8) & 0xff00ff) + 0x800080) & 0xff00ff00;
                        dst[sx] = s + (rb | ag);
                    }
                }
            };
            const auto blit = [&](const MarkerSymbol& symbol, double size, double outline) {
                std::array<QImage, kPhases * kPhases> stamps;
                for (const QPointF& p : pixels) {
                    const double fx = std::floor(p.x()), fy = std::floor(p.y());
                    int px = static_cast<int>(std::lround((p.x() - fx) * kPhases)), py = static_cast<int>(std::lround((p.y() - fy) * kPhases));
                    double ox = fx, oy = fy;
                    if (px == kPhases) px = 0, ox += 1;
                    if (py == kPhases) py = 0, oy += 1;
                    QImage& stamp = stamps[static_cast<std::size_t>(py * kPhases + px)];
                    if (stamp.isNull()) stamp = markerSprite(symbol, size, outline, QPointF(double(px) / kPhases, double(py) / kPhases));
                    const int half = stamp.width() / 2;  // the stamp's marker centre is at (half, half) + phase
                    if (bits && std::abs(ox) < 1e8 && std::abs(oy) < 1e8)
                        blend(stamp, static_cast<int>(ox) - half + shiftX, static_cast<int>(oy) - half + shiftY);
                    else
                        painter_.drawImage(QPointF(ox - half, oy - half), stamp);
                }
            };
            if (twoPass) {
                MarkerSymbol outline = s;
                outline.fill = s.stroke;
                blit(outline, sizePx + 2 * outlinePx, 0);
                blit(s, sizePx, 0);
            } else {
                blit(s, sizePx, outlinePx);
            }
            painter_.restore();
            return;
        }
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

    // The marker centred in a transparent image with a one-pixel margin (odd size, so the
    // centre falls on a pixel centre).
    // `phase`: the marker's centre moved right and down by that fraction of a pixel.
    static QImage markerSprite(const MarkerSymbol& s, double sizePx, double outlinePx, QPointF phase = {}) {
        const int side = 2 * static_cast<int>(std::ceil((sizePx + 2 * outlinePx) / 2)) + 3;
        QImage sprite(side, side, QImage::Format_ARGB32_Premultiplied);
        sprite.fill(Qt::transparent);
        QPainter p(&sprite);
        p.setRenderHint(QPainter::Antialiasing, true);
        p.translate(side / 2 + phase.x(), side / 2 + phase.y());  // whole-pixel corner (side / 2, side / 2) + phase
        const QPainterPath marker = markerPath(s.shape, sizePx);
        if (outlinePx > 0) {
            QPen outline(s.stroke, 2 * outlinePx);
            outline.setJoinStyle(Qt::MiterJoin);
            p.strokePath(marker, outline);  // outside half of the doubled pen is the outline
        }
        p.fillPath(marker, s.fill);
        return sprite;
    }

    static QPainterPath markerPath(MarkerShape shape, double sizePx) {
        QPainterPath path;
        const double r = sizePx / 2;
        if (shape == MarkerShape::Circle) {
            path.addEllipse(QPointF(0, 0), r, r);
            return path;
        }
        if (shape == MarkerShape::Square) {
            path.addRect(-r, -r, sizePx, sizePx);
            return path;
        }
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
    std::function<bool()> stop_;
    QRectF visible_;  // display CRS
    bool rasterTarget_;
    std::shared_ptr<const CompactPaths> paths_;  // simplified paths of the current layer, or null
};

// ---- The viewer's tiles of static layers (render_cache.hpp: StaticLayerTiles) ----

bool drawnAtAll(const SceneLayer& layer, const MapSettings& settings) {
    return layerDrawn(layer, settings) && layer.style.opacity > 0;
}

// Layers whose picture depends on nothing but the view (no as-of classes): polygon and line
// layers, and large point layers where the view draws their markers (not their level of
// detail, which depends on what is in view; proportional markers stay direct). Small point
// layers are drawn directly: they cost little, and stay exactly where they are.
// `drawn`: set to the point layer's items in view (selectItems), for the legend's counts.
bool tileableIn(const SceneLayer& layer, const MapSettings& settings, std::optional<DrawnItems>& drawn) {
    if (layer.asOfClasses) return false;
    if (!layer.paths.empty()) return true;
    if (layer.points.size() <= kGridMinPoints || !layer.markerSizeMm.empty()) return false;
    drawn = LayerPainter::selectItems(layer, settings, toRect(settings.visibleExtent()));
    return LayerPainter::drawnAsMarkers(layer, *drawn, settings);
}

// A run of consecutive drawn tileable layers (layers in between that are not drawn do not
// break it): scene.layers[first .. last], of which `layers` are drawn.
struct TileRun {
    std::size_t first = 0, last = 0;
    std::vector<std::size_t> layers;
    std::vector<std::optional<DrawnItems>> drawn;  // per entry of `layers`: a point layer's items in view
    std::uint64_t signature = 0;
};

class Fnv {
public:
    void add(const void* data, std::size_t n) {
        const auto* b = static_cast<const unsigned char*>(data);
        for (std::size_t i = 0; i < n; ++i) h_ = (h_ ^ b[i]) * 1099511628211ull;
    }
    template <class T>
    void add(const T& v) {
        add(&v, sizeof v);
    }
    void add(const QColor& c) { add(c.rgba()); }
    void add(const std::string& s) {
        add(s.size());
        add(s.data(), s.size());
    }
    [[nodiscard]] std::uint64_t value() const { return h_; }

private:
    std::uint64_t h_ = 14695981039346656037ull;
};

void addSymbol(Fnv& h, const Symbol& symbol) {
    h.add(symbol.index());
    if (const auto* f = std::get_if<FillSymbol>(&symbol)) {
        h.add(f->fill), h.add(f->stroke), h.add(f->strokeWidthMm), h.add(f->hatched);
    } else if (const auto* l = std::get_if<LineSymbol>(&symbol)) {
        h.add(l->color), h.add(l->widthMm);
    } else if (const auto* m = std::get_if<MarkerSymbol>(&symbol)) {
        h.add(m->shape), h.add(m->sizeMm), h.add(m->fill), h.add(m->stroke), h.add(m->strokeWidthMm);
    }
}

// What the tiles of a run depend on besides the level: the layers (the identity of their
// geometry, their order), their symbols, classes and opacity, and the DPI (widths in mm).
std::uint64_t signatureOf(const Scene& scene, const MapSettings& settings, const TileRun& run) {
    Fnv h;
    h.add(settings.dpi);
    h.add(settings.displayCrs);
    for (const std::size_t i : run.layers) {
        const SceneLayer& layer = scene.layers[i];
        h.add(i);
        h.add(layer.id);
        h.add(reinterpret_cast<std::uintptr_t>(layer.renderCache.get()));  // new geometry, new cache
        h.add(layer.paths.size());
        h.add(layer.points.size());
        h.add(layer.style.opacity);
        addSymbol(h, layer.style.symbol);
        h.add(layer.classes.size());
        for (const SceneClass& c : layer.classes) addSymbol(h, c.symbol);
        h.add(layer.itemClass.data(), layer.itemClass.size() * sizeof(std::int32_t));
    }
    return h.value();
}

std::vector<TileRun> tileRuns(const Scene& scene, const MapSettings& settings) {
    std::vector<TileRun> runs;
    bool open = false;
    for (std::size_t i = 0; i < scene.layers.size(); ++i) {
        const SceneLayer& layer = scene.layers[i];
        if (!drawnAtAll(layer, settings)) continue;
        std::optional<DrawnItems> drawn;
        if (!tileableIn(layer, settings, drawn)) {
            open = false;
            continue;
        }
        if (!open) runs.push_back({i, i, {}, {}, 0});
        open = true;
        runs.back().last = i;
        runs.back().layers.push_back(i);
        runs.back().drawn.push_back(std::move(drawn));
    }
    for (TileRun& run : runs) run.signature = signatureOf(scene, settings, run);
    return runs;
}

struct TileRange {
    std::int64_t x0 = 0, y0 = 0, x1 = -1, y1 = -1;  // inclusive
    [[nodiscard]] std::int64_t count() const { return (x1 - x0 + 1) * (y1 - y0 + 1); }
};

TileRange tilesOver(const geo::Box& box, double span) {
    return {static_cast<std::int64_t>(std::floor(box.minX / span)), static_cast<std::int64_t>(std::floor(box.minY / span)),
            static_cast<std::int64_t>(std::floor(box.maxX / span)), static_cast<std::int64_t>(std::floor(box.maxY / span))};
}

// More tiles than this for one view: something is off (a huge window); drawn directly.
constexpr std::int64_t kMaxTilesPerView = 2000;
// Blocks of at most this many tiles a side are rendered as one image and cut (4: a 4 MB image;
// 8 made 16 MB images and 32 MB spikes of memory while one was cut into tiles).
constexpr std::int64_t kBlockTiles = 4;

// Renders the run's layers over tiles [x0..x1] x [y0..y1] of `level` into one image and stores
// the tiles. `like`: the view whose layers, styles and day are drawn. False when stopped.
bool renderTileBlock(const Scene& scene, const MapSettings& like, StaticLayerTiles& tiles, const TileRun& run, std::int64_t level,
                     const TileRange& block, const std::function<bool()>& stop) {
    const double span = kTilePx * StaticLayerTiles::resolution(level);
    MapSettings b = like;
    b.extent = {static_cast<double>(block.x0) * span, static_cast<double>(block.y0) * span, static_cast<double>(block.x1 + 1) * span,
                static_cast<double>(block.y1 + 1) * span};
    b.outputSize = QSize(static_cast<int>(block.x1 - block.x0 + 1) * kTilePx, static_cast<int>(block.y1 - block.y0 + 1) * kTilePx);
    // The run's point layers are drawn as markers in the view: so in every block, whatever
    // number of points falls in it.
    b.pointDensityLevelOfDetail = false;
    QImage image(b.outputSize, QImage::Format_ARGB32_Premultiplied);
    if (image.isNull()) return false;
    image.fill(Qt::transparent);
    {
        QPainter p(&image);
        p.setRenderHint(QPainter::Antialiasing, true);
        RenderStats ignored;
        LayerPainter painter(
            b, p, ignored, stop ? stop : [] { return false; });
        for (const std::size_t i : run.layers) {  // as decided for the view, whatever the block holds
            const SceneLayer& layer = scene.layers[i];
            if (stop && stop()) return false;
            p.save();
            p.setOpacity(std::clamp(layer.style.opacity, 0.0, 1.0));
            painter.paint(layer);
            p.restore();
        }
    }
    if (stop && stop()) return false;  // the picture may be incomplete
    for (std::int64_t y = block.y0; y <= block.y1; ++y)
        for (std::int64_t x = block.x0; x <= block.x1; ++x) {
            const QRect at(static_cast<int>(x - block.x0) * kTilePx, static_cast<int>(block.y1 - y) * kTilePx, kTilePx, kTilePx);
            tiles.insert({run.signature, level, x, y}, image.copy(at));
        }
    return true;
}

// Renders the missing tiles of `range`, block by block. Returns the number rendered, or -1 when stopped.
std::int64_t renderMissingTiles(const Scene& scene, const MapSettings& like, StaticLayerTiles& tiles, const TileRun& run, std::int64_t level,
                                const TileRange& range, const std::function<bool()>& stop) {
    std::int64_t built = 0;
    for (std::int64_t by = range.y0; by <= range.y1; by += kBlockTiles)
        for (std::int64_t bx = range.x0; bx <= range.x1; bx += kBlockTiles) {
            TileRange missing{INT64_MAX, INT64_MAX, INT64_MIN, INT64_MIN};
            for (std::int64_t y = by; y <= std::min(range.y1, by + kBlockTiles - 1); ++y)
                for (std::int64_t x = bx; x <= std::min(range.x1, bx + kBlockTiles - 1); ++x)
                    if (!tiles.find({run.signature, level, x, y})) {
                        missing.x0 = std::min(missing.x0, x), missing.x1 = std::max(missing.x1, x);
                        missing.y0 = std::min(missing.y0, y), missing.y1 = std::max(missing.y1, y);
                    }
            if (missing.x1 < missing.x0) continue;
            if (!renderTileBlock(scene, like, tiles, run, level, missing, stop)) return -1;
            built += missing.count();
        }
    return built;
}

// Draws the run from the tiles of the view's level, or else of the closest finer level kept
// (scaled down by less than kTileLevelStep). False (nothing drawn) when more than a quarter of
// the tiles the view needs are missing on those levels: the caller draws the layers themselves.
bool paintFromTiles(const Scene& scene, const MapSettings& settings, QPainter& painter, StaticLayerTiles& tiles, const TileRun& run,
                    const std::function<bool()>& stop) {
    const double m = settings.mapUnitsPerPixel();
    const std::int64_t own = StaticLayerTiles::levelFor(m);
    std::vector<std::int64_t> levels{own};
    const std::vector<std::int64_t> kept = tiles.levelsKept(run.signature);
    for (auto it = kept.rbegin(); it != kept.rend(); ++it) {  // coarsest first: the closest below the view's own
        const double f = m / StaticLayerTiles::resolution(*it);
        if (*it != own && f >= 1 && f < kTileLevelStep * (1 + 1e-9)) levels.push_back(*it);
    }
    std::int64_t level = 0;
    double r = 0, span = 0;
    TileRange range;
    std::vector<std::optional<QImage>> found;
    bool usable = false;
    for (const std::int64_t candidate : levels) {
        level = candidate;
        r = StaticLayerTiles::resolution(level);
        span = kTilePx * r;
        range = tilesOver(settings.visibleExtent(), span);
        if (range.count() > kMaxTilesPerView || range.count() <= 0) return false;
        found.clear();
        found.reserve(static_cast<std::size_t>(range.count()));
        std::int64_t missing = 0;
        for (std::int64_t y = range.y0; y <= range.y1; ++y)
            for (std::int64_t x = range.x0; x <= range.x1; ++x) {
                found.push_back(tiles.find({run.signature, level, x, y}));
                missing += found.back() ? 0 : 1;
            }
        if (missing * 4 > range.count()) continue;
        usable = true;
        if (missing > 0) {
            if (renderMissingTiles(scene, settings, tiles, run, level, range, stop) < 0) return false;
            std::size_t k = 0;
            for (std::int64_t y = range.y0; y <= range.y1; ++y)
                for (std::int64_t x = range.x0; x <= range.x1; ++x, ++k)
                    if (!found[k] && !(found[k] = tiles.find({run.signature, level, x, y}))) return false;  // dropped by the cap
        }
        break;
    }
    if (!usable) return false;
    const double f = m / r;  // 1 <= f < kTileLevelStep: tile pixels per screen pixel (1 on the view's own level)
    const bool exact = std::abs(f - 1) < 1e-5;
    const geo::Box v = settings.visibleExtent();
    painter.save();
    // Tiles edge to edge: whole-pixel rectangles, no antialiased edges between them.
    painter.setRenderHint(QPainter::Antialiasing, false);
    painter.setRenderHint(QPainter::SmoothPixmapTransform, !exact);
    // Exact level: the tiles at whole pixels, 256 apart, the first column and the top row placed
    // where they belong rounded once (at most half a pixel). Rounded there and not at the grid's
    // origin: the level's resolution differs from the view's by up to 3e-7 (levelFor), which
    // thousands of tiles from the origin (a street-level view) would add up to pixels.
    const double firstLeft = std::round((static_cast<double>(range.x0) * span - v.minX) / m);
    const double topTop = std::round((v.maxY - static_cast<double>(range.y1 + 1) * span) / m);
    const double offsetX = firstLeft - static_cast<double>(range.x0) * kTilePx;
    const double offsetY = topTop + static_cast<double>(range.y1 + 1) * kTilePx;
    std::size_t k = 0;
    for (std::int64_t y = range.y0; y <= range.y1; ++y)
        for (std::int64_t x = range.x0; x <= range.x1; ++x, ++k) {
            const QImage& tile = *found[k];
            if (tile.isNull()) continue;  // nothing there
            if (exact) {
                painter.drawImage(QPointF(static_cast<double>(x) * kTilePx + offsetX, offsetY - static_cast<double>(y + 1) * kTilePx), tile);
            } else {
                const QPointF topLeft = settings.toPixel({static_cast<double>(x) * span, static_cast<double>(y + 1) * span});
                const QPointF bottomRight = settings.toPixel({static_cast<double>(x + 1) * span, static_cast<double>(y) * span});
                painter.drawImage(QRectF(topLeft, bottomRight), tile);
            }
        }
    painter.restore();
    return true;
}

// What label k of `layer` in `style` needs (see LabelPathCache): its size, its outlines
// (vector targets) or its image (raster targets), each built on first use.
enum class LabelNeed { Size,
                       Outline,
                       Sprite };

// The glyph outlines of `text` and their halo stroke, origin at the top-left corner.
void labelOutlines(const QString& text, const QFont& font, double haloPx, QPainterPath& glyphs, QPainterPath& halo) {
    glyphs.addText(QPointF(0, QFontMetricsF(font).ascent()), font, text);
    if (haloPx <= 0) return;
    QPainterPathStroker stroker;
    stroker.setWidth(2 * haloPx);
    stroker.setJoinStyle(Qt::RoundJoin);
    stroker.setCapStyle(Qt::RoundCap);
    halo = stroker.createStroke(glyphs);  // winding fill; the text covers the glyph insides
}

// The cache entries of `layer`'s labels in one style; the caller holds the cache's mutex while
// it uses them (one lookup a layer and frame, not one a label: thousands of candidates).
std::vector<LabelPathCache::Entry>& labelEntries(const SceneLayer& layer, int pixelSize, double haloPx, const LabelStyle& style) {
    LabelPathCache& cache = *layer.labelCache;
    const LabelPathCache::Key key{pixelSize, static_cast<int>(std::lround(haloPx * 100)), style.color.rgba(), style.halo.rgba(),
                                  style.fontFamily.toStdString()};
    auto& entries = cache.byStyle[key];
    if (entries.size() != layer.labels.size()) entries.assign(layer.labels.size(), {});
    return entries;
}

const LabelPathCache::Entry& labelPicture(std::vector<LabelPathCache::Entry>& entries, const SceneLayer& layer, std::size_t k,
                                          const QFont& font, double haloPx, const LabelStyle& style, LabelNeed need) {
    LabelPathCache::Entry& e = entries[k];
    if (!e.sized) {
        const QFontMetricsF metrics(font);
        e.size = QSizeF(metrics.horizontalAdvance(layer.labelText(k)), metrics.height());
        e.sized = true;
    }
    if (need == LabelNeed::Outline && !e.outlined) {
        labelOutlines(layer.labelText(k), font, haloPx, e.text, e.halo);
        e.outlined = true;
    }
    if (need == LabelNeed::Sprite && e.sprite.isNull()) {
        QPainterPath glyphs, halo;
        if (e.outlined) {
            glyphs = e.text;
            halo = e.halo;
        } else {
            labelOutlines(layer.labelText(k), font, haloPx, glyphs, halo);  // not kept: the image is
        }
        const int margin = static_cast<int>(std::ceil(haloPx)) + 1;
        QImage drawn(static_cast<int>(std::ceil(e.size.width())) + 2 * margin, static_cast<int>(std::ceil(e.size.height())) + 2 * margin,
                     QImage::Format_ARGB32_Premultiplied);
        drawn.fill(Qt::transparent);
        {
            QPainter p(&drawn);
            p.setRenderHint(QPainter::Antialiasing, true);
            p.translate(margin, margin);
            if (haloPx > 0) p.fillPath(halo, style.halo);
            p.fillPath(glyphs, style.color);
        }
        // A copy is kept, not the image painted on: that one keeps its raster paint engine, whose
        // buffers have grown to the glyphs' flattened outlines (tens of KB a label; 85 MB for the
        // labels of a national tour).
        e.sprite = drawn.copy();
    }
    return e;
}

// The boxes of the labels placed so far, in a grid of 64-pixel cells over the output: a label
// is tested against the boxes of the cells it covers (thousands of candidate township labels
// against hundreds placed were millions of tests a frame).
class PlacedBoxes {
public:
    explicit PlacedBoxes(QSize output)
        : cols_(std::max(1, (output.width() + kCell - 1) / kCell)), rows_(std::max(1, (output.height() + kCell - 1) / kCell)), cells_(static_cast<std::size_t>(cols_) * static_cast<std::size_t>(rows_)) {}
    [[nodiscard]] bool clashes(const QRectF& box) const {
        for (const std::size_t c : cellsOf(box))
            for (const std::uint32_t k : cells_[c])
                if (box.intersects(boxes_[k])) return true;
        return false;
    }
    void add(const QRectF& box) {
        const auto k = static_cast<std::uint32_t>(boxes_.size());
        boxes_.push_back(box);
        for (const std::size_t c : cellsOf(box)) cells_[c].push_back(k);
    }

private:
    static constexpr int kCell = 64;
    // The cells `box` covers; cells outside the output are clamped to its border cells, so two
    // boxes that intersect always share one. None for a box that is not finite.
    [[nodiscard]] std::vector<std::size_t> cellsOf(const QRectF& box) const {
        std::vector<std::size_t> out;
        if (!(std::isfinite(box.left()) && std::isfinite(box.right()) && std::isfinite(box.top()) && std::isfinite(box.bottom()))) return out;
        const auto cell = [](double v, int n) { return std::clamp(static_cast<int>(std::floor(v / kCell)), 0, n - 1); };
        const int x0 = cell(box.left(), cols_), x1 = cell(box.right(), cols_), y0 = cell(box.top(), rows_), y1 = cell(box.bottom(), rows_);
        for (int y = y0; y <= y1; ++y)
            for (int x = x0; x <= x1; ++x) out.push_back(static_cast<std::size_t>(y) * static_cast<std::size_t>(cols_) + static_cast<std::size_t>(x));
        return out;
    }
    int cols_, rows_;
    std::vector<std::vector<std::uint32_t>> cells_;
    std::vector<QRectF> boxes_;
};

// Labels of all visible layers, drawn last. Higher label priority is placed first (county >
// memorial site > township > village; among equals the upper layer first); a label that would
// overlap one already placed is left out, so village names appear only where they fit.
void paintLabels(const Scene& scene, const MapSettings& settings, QPainter& painter, RenderStats& stats) {
    const QRectF visible = toRect(settings.visibleExtent());
    const QTransform toPixel = settings.mapToPixel();
    const double scale = settings.scaleDenominator();
    std::vector<const SceneLayer*> order;
    for (auto it = scene.layers.rbegin(); it != scene.layers.rend(); ++it) {
        const LabelStyle& style = it->style.label;
        if (!style.enabled || it->labels.empty() || !layerDrawn(*it, settings)) continue;
        if (scale > style.maxScaleDenominator) continue;
        order.push_back(&*it);
    }
    std::stable_sort(order.begin(), order.end(), [](const SceneLayer* a, const SceneLayer* b) {
        return static_cast<int>(a->style.labelPriority) > static_cast<int>(b->style.labelPriority);
    });

    const bool rasterTarget = painter.paintEngine() && painter.paintEngine()->type() == QPaintEngine::Raster;
    PlacedBoxes placed(settings.outputSize);
    painter.save();
    for (const SceneLayer* layerPtr : order) {
        const SceneLayer& layer = *layerPtr;
        const LabelStyle& style = layer.style.label;
        QFont font(style.fontFamily);
        const int pixelSize = std::max(1, static_cast<int>(std::lround(style.sizePt * settings.dpi / 72)));
        font.setPixelSize(pixelSize);
        const double haloPx = settings.pixelsFromMm(style.haloMm);
        const std::lock_guard cacheLock(layer.labelCache->mutex);  // another render may share the layer's pictures
        std::vector<LabelPathCache::Entry>& entries = labelEntries(layer, pixelSize, haloPx, style);
        // Point labels go to the right of the marker, so the halo never hides it; polygon
        // labels are centred on their anchor.
        const auto* marker = std::get_if<MarkerSymbol>(&layer.style.symbol);
        const ClassesOf resolved(layer, settings);
        const auto& itemClass = resolved.itemClass();
        const bool classified = itemClass.size() == layer.itemCount() && !resolved.classes().empty();

        std::vector<std::size_t> candidates;  // large point layers: only the labels of points in view
        const bool viaGrid = !layer.points.empty() && layer.points.size() > kGridMinPoints;
        if (viaGrid)
            for (std::size_t item : pointsIn(layer, visible))
                if (const std::int32_t k = labelOfPoint(layer, item); k >= 0) candidates.push_back(static_cast<std::size_t>(k));
        const std::size_t labelCount = viaGrid ? candidates.size() : layer.labels.size();
        for (std::size_t c = 0; c < labelCount; ++c) {
            const std::size_t k = viaGrid ? candidates[c] : c;
            const SceneLabel& label = layer.labels[k];
            if (!visible.contains(label.anchor)) continue;
            if (classified && label.item < itemClass.size() && itemClass[label.item] < 0) continue;  // feature not drawn
            double markerMm = marker ? marker->sizeMm : 0;
            if (marker && label.item < layer.markerSizeMm.size()) markerMm = layer.markerSizeMm[label.item];
            const double besideMarkerPx =
                marker ? settings.pixelsFromMm(markerMm / 2 + marker->strokeWidthMm + 0.6) + haloPx : -1;
            const QPointF at = toPixel.map(label.anchor);
            const QSizeF size = labelPicture(entries, layer, k, font, haloPx, style, LabelNeed::Size).size;
            const double left = marker ? at.x() + besideMarkerPx : at.x() - size.width() / 2;
            const QRectF box(QPointF(left, at.y() - size.height() / 2), size);
            if (placed.clashes(box)) continue;
            placed.add(box.adjusted(-haloPx, -haloPx, haloPx, haloPx));

            // Whole pixels: the glyphs stay crisp, and the cached pictures are reused as they are.
            const QPointF origin(std::round(box.left()), std::round(box.top()));
            if (rasterTarget) {
                const LabelPathCache::Entry& picture = labelPicture(entries, layer, k, font, haloPx, style, LabelNeed::Sprite);
                const int margin = static_cast<int>(std::ceil(haloPx)) + 1;
                painter.drawImage(origin - QPointF(margin, margin), picture.sprite);
            } else {  // PDF/SVG: real, selectable-shape outlines
                const LabelPathCache::Entry& outline = labelPicture(entries, layer, k, font, haloPx, style, LabelNeed::Outline);
                if (haloPx > 0) painter.fillPath(outline.halo.translated(origin), style.halo);
                painter.fillPath(outline.text.translated(origin), style.color);
            }
            ++stats.labelsDrawn;
        }
    }
    painter.restore();
}

}  // namespace

std::size_t DrawnItems::count() const {
    std::size_t n = 0;
    for (const auto& c : byClass) n += c.size();
    return n;
}

DrawnItems drawnItems(const SceneLayer& layer, const MapSettings& settings) {
    if (!layerDrawn(layer, settings) || layer.style.opacity <= 0) {
        DrawnItems none;
        none.classes = classesAsOf(layer, settings.asOf, settings.dueSoonDays).classes;
        none.byClass.resize(std::max<std::size_t>(1, none.classes.size()));
        return none;
    }
    return LayerPainter::selectItems(layer, settings, toRect(settings.visibleExtent()));
}

RenderStats renderMap(const Scene& scene, const MapSettings& settings, QPainter& painter, const RenderCancelled& cancelled) {
    return renderMap(scene, settings, painter, cancelled, nullptr);
}

RenderStats renderMap(const Scene& scene, const MapSettings& requested, QPainter& painter, const RenderCancelled& cancelled,
                      StaticLayerTiles* tiles) {
    // The screen's tiles: raster target, no scaling (a translation is fine), never on pages.
    const bool useTiles = tiles && requested.isValid() && requested.pointDensityLevelOfDetail && painter.paintEngine() &&
                          painter.paintEngine()->type() == QPaintEngine::Raster &&
                          painter.worldTransform().type() <= QTransform::TxTranslate;
    const MapSettings settings = useTiles ? requested.onPixelGrid() : requested;
    RenderStats stats;
    const auto stop = [&] { return cancelled && (stats.cancelled = cancelled()); };
    painter.save();
    painter.fillRect(QRectF(QPointF(0, 0), QSizeF(settings.outputSize)), settings.background);
    if (settings.isValid()) {
        painter.setRenderHint(QPainter::Antialiasing, true);
        painter.setRenderHint(QPainter::TextAntialiasing, true);
        if (scene.basemap) {
            const QImage base = scene.basemap->imageFor(settings);
            if (!base.isNull()) painter.drawImage(QPointF(0, 0), base);
        }
        LayerPainter layerPainter(settings, painter, stats, stop);
        const std::vector<TileRun> runs = useTiles ? tileRuns(scene, settings) : std::vector<TileRun>{};
        std::size_t nextRun = 0;
        for (std::size_t l = 0; l < scene.layers.size(); ++l) {
            const SceneLayer& layer = scene.layers[l];
            if (stop()) break;
            if (!layerDrawn(layer, settings) || layer.style.opacity <= 0) continue;
            if (nextRun < runs.size() && runs[nextRun].first == l) {
                const TileRun& run = runs[nextRun++];
                if (paintFromTiles(scene, settings, painter, *tiles, run, stop)) {
                    for (std::size_t k = 0; k < run.layers.size(); ++k) {
                        layerPainter.count(scene.layers[run.layers[k]], run.drawn[k] ? &*run.drawn[k] : nullptr);
                        ++stats.layersFromTiles;
                    }
                    l = run.last;
                    continue;
                }
            }
            painter.save();
            painter.setOpacity(std::clamp(layer.style.opacity, 0.0, 1.0));
            layerPainter.paint(layer);
            painter.restore();
        }
        if (!stop()) paintLabels(scene, settings, painter, stats);
    }
    painter.restore();
    return stats;
}

std::size_t prepareStaticTiles(const Scene& scene, const MapSettings& view, StaticLayerTiles& tiles,
                               const std::function<bool()>& cancelled) {
    if (!view.isValid() || !view.pointDensityLevelOfDetail) return 0;
    const std::function<bool()> stop = cancelled ? cancelled : [] { return false; };
    const double m = view.mapUnitsPerPixel();
    std::size_t built = 0;
    std::function<void()> ownLevel;  // marks the view's own tiles used
    // This level first (pans), then one notch in, then one out.
    for (const int step : {0, -1, 1}) {
        const std::int64_t level = StaticLayerTiles::levelFor(m * std::pow(kTileLevelStep, step));
        const double r = StaticLayerTiles::resolution(level);
        // A view at this level, centred where the view is: its layers and styles are drawn.
        const geo::Box v = view.visibleExtent();
        MapSettings like = view;
        const double grow = r / m;
        like.extent = {v.center().x - v.width() / 2 * grow, v.center().y - v.height() / 2 * grow, v.center().x + v.width() / 2 * grow,
                       v.center().y + v.height() / 2 * grow};
        // A pan shows up to a quarter more on each side; a notch in stays inside the view, a notch
        // out's frame is prepared over the view itself (the next preparation widens it).
        const double margin = step == 0 ? 0.25 : 0;
        const geo::Box area{v.minX - margin * v.width(), v.minY - margin * v.height(), v.maxX + margin * v.width(),
                            v.maxY + margin * v.height()};
        const TileRange range = tilesOver(area, kTilePx * r);
        if (range.count() > kMaxTilesPerView) continue;
        const std::vector<TileRun> runs = tileRuns(scene, like);
        for (const TileRun& run : runs) {
            if (stop()) return built;
            const std::int64_t n = renderMissingTiles(scene, like, tiles, run, level, range, stop);
            if (n < 0) return built;
            built += static_cast<std::size_t>(n);
        }
        // The view's own tiles stay the most recently used: when the cache is full, the notches'
        // tiles go before them (and every older view's before those).
        if (step == 0) ownLevel = [&tiles, runs, level, range] {
            for (const TileRun& run : runs)
                for (std::int64_t y = range.y0; y <= range.y1; ++y)
                    for (std::int64_t x = range.x0; x <= range.x1; ++x) (void)tiles.find({run.signature, level, x, y});
        };
        else if (ownLevel) ownLevel();
        if (stop()) return built;
        // The label pictures (glyph outlines, halos) of what the frames over this area at this
        // level will show: built on first use otherwise, by the first frame at a new zoom.
        // Placed over the whole area on a one-pixel image, so nothing is drawn.
        MapSettings labelled = like;
        labelled.extent = area;
        labelled.outputSize = QSize(static_cast<int>(std::ceil(area.width() / r)), static_cast<int>(std::ceil(area.height() / r)));
        QImage nowhere(1, 1, QImage::Format_ARGB32_Premultiplied);
        QPainter p(&nowhere);
        RenderStats ignored;
        paintLabels(scene, labelled, p, ignored);
    }
    return built;
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
