#include "export/page_painter.hpp"

#include <QFont>
#include <QFontInfo>
#include <QFontMetricsF>
#include <QPainterPath>
#include <QPicture>
#include <QRawFont>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "export/page_fonts.hpp"
#include "export/scale_bar.hpp"
#include "hongtu/geo/crs.hpp"
#include "render/legend_swatch.hpp"
#include "render/map_renderer.hpp"
#include "render/qt_convert.hpp"

namespace hongtu::exporting {

namespace {

constexpr double kMmPerInch = 25.4;
// The smallest type a legend shrinks to before it takes more columns (on paper).
constexpr double kLegendMinPt = 7;
// The narrowest legend column, in millimetres.
constexpr double kLegendMinColumnMm = 25;

using render::qs;

struct Page {
    const PageLayout& layout;
    const PageContext& context;
    PageStats* record = nullptr;  // what is drawn, when asked
    bool paintMaps = true;        // false: lay out only (layoutPage)
    double pxPerMm() const { return layout.dpi / kMmPerInch; }
    QRectF rect(const RectMm& r) const { return {r.x * pxPerMm(), r.y * pxPerMm(), r.w * pxPerMm(), r.h * pxPerMm()}; }
    QFont font(double pt, bool bold = false) const {
        QFont f(pageFamily(qs(layout.fontFamily)));
        f.setPixelSize(std::max(1, static_cast<int>(std::lround(pt * layout.dpi / 72))));
        f.setBold(bold);
        // No fallback font (a missing glyph must not come from another font), and no shaping where
        // the script does not need it: shaped digit glyphs are not in the font's character map, and
        // the PDF's text layer then lost them.
        f.setStyleStrategy(QFont::StyleStrategy(QFont::NoFontMerging | QFont::PreferNoShaping));
        // Unhinted: the same advances on paper and in a PNG, and on the first page as on the
        // next (hinted advances came from whichever glyphs the cache held).
        f.setHintingPreference(QFont::PreferNoHinting);
        return f;
    }
    std::size_t indexOf(const PageItem& item) const { return static_cast<std::size_t>(&item - layout.items.data()); }

    // Draws one line of text with the left end of its baseline at `baseline` and records it.
    void line(QPainter& painter, const PageItem& item, QPointF baseline, const QString& text, const QFont& font, double pt,
              const QString& source = {}, int lineNo = 0) const {
        if (text.isEmpty()) return;
        drawTextLine(painter, baseline, text, font);
        if (!record) return;
        const QFontMetricsF fm(font);
        record->texts.push_back({indexOf(item), text, source.isEmpty() ? text : source,
                                 QRectF(baseline.x(), baseline.y() - fm.ascent(), lineWidth(text, font), fm.ascent() + fm.descent()),
                                 pt, lineNo});
    }
    // One line placed in `box` by `align` (horizontal and vertical).
    void lineIn(QPainter& painter, const PageItem& item, const QRectF& box, Qt::Alignment align, const QString& text,
                const QFont& font, double pt) const {
        const QFontMetricsF fm(font);
        const double w = lineWidth(text, font);
        double x = box.left();
        if (align & Qt::AlignHCenter) x = box.center().x() - w / 2;
        else if (align & Qt::AlignRight) x = box.right() - w;
        double y = box.top() + fm.ascent();
        if (align & Qt::AlignVCenter) y = box.center().y() - fm.height() / 2 + fm.ascent();
        else if (align & Qt::AlignBottom) y = box.bottom() - fm.descent();
        line(painter, item, QPointF(x, y), text, font, pt);
    }
    void misfit(const PageItem& item, const std::string& what) const {
        if (record) record->misfits.push_back(itemName(item) + ": " + what);
    }
    std::string itemName(const PageItem& item) const {
        return "items[" + std::to_string(indexOf(item)) + "] (" + itemKindName(item.kind) + ")";
    }
};

std::string itemName(std::size_t index, const PageItem& item) {
    return "items[" + std::to_string(index) + "] (" + itemKindName(item.kind) + ")";
}

std::string ptText(double pt) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.1f", pt);
    return buf;
}

// --- Paragraphs: wrapped first, then shrunk ------------------------------------------------------

struct Paragraph {
    double pt = 0;
    QFont font;
    std::vector<QString> lines;
    double lineH = 0;  // baseline to baseline
    bool fits = false;
};

// `text` broken into lines of at most `width`, at the largest size from `maxPt` down to
// `minPt` at which the lines fit `height` (wrap before shrink). At `minPt` it may not fit.
Paragraph fitParagraph(const Page& page, const QString& text, bool bold, double width, double height, double maxPt,
                       double minPt, double leading = 1.0) {
    Paragraph p;
    minPt = std::min(minPt, maxPt);
    for (double pt = maxPt;; pt = std::max(minPt, pt * 0.95)) {
        p.pt = pt;
        p.font = page.font(pt, bold);
        p.lines = breakLines(text, p.font, width);
        const QFontMetricsF fm(p.font);
        p.lineH = fm.height() * leading;
        double widest = 0;
        for (const auto& l : p.lines) widest = std::max(widest, lineWidth(l, p.font));
        const double h = fm.height() + (static_cast<double>(p.lines.size()) - 1) * p.lineH;
        p.fits = h <= height + 0.5 && widest <= width + 0.5;
        if (p.fits || pt <= minPt) return p;
    }
}

// Draws a paragraph's lines from `top`, aligned in [left, left + width]; returns the y below it.
double drawParagraph(QPainter& painter, const Page& page, const PageItem& item, const Paragraph& p, const QString& source,
                     double left, double top, double width, Qt::Alignment align) {
    const QFontMetricsF fm(p.font);
    double y = top;
    for (std::size_t i = 0; i < p.lines.size(); ++i) {
        const double w = lineWidth(p.lines[i], p.font);
        double x = left;
        if (align & Qt::AlignHCenter) x = left + (width - w) / 2;
        else if (align & Qt::AlignRight) x = left + width - w;
        page.line(painter, item, QPointF(x, y + fm.ascent()), p.lines[i], p.font, p.pt, source, static_cast<int>(i));
        y += i + 1 < p.lines.size() ? p.lineH : fm.height();
    }
    return y;
}

double paragraphHeight(const Paragraph& p) {
    const QFontMetricsF fm(p.font);
    return p.lines.empty() ? 0 : fm.height() + (static_cast<double>(p.lines.size()) - 1) * p.lineH;
}

// --- Map frame --------------------------------------------------------------------------------

QPainterPath simplified(const QPainterPath& p, double tolerance, std::size_t& before, std::size_t& after) {
    QPainterPath out;
    out.setFillRule(p.fillRule());
    const int n = p.elementCount();
    before += static_cast<std::size_t>(n);
    QPointF last;
    const double tol2 = tolerance * tolerance;
    for (int i = 0; i < n; ++i) {
        const QPainterPath::Element e = p.elementAt(i);
        const QPointF pt(e.x, e.y);
        if (e.isMoveTo()) {
            out.moveTo(pt);
            last = pt;
            ++after;
            continue;
        }
        const bool endOfSubpath = i + 1 == n || p.elementAt(i + 1).isMoveTo();
        const QPointF d = pt - last;
        if (endOfSubpath || d.x() * d.x() + d.y() * d.y() >= tol2) {
            out.lineTo(pt);
            last = pt;
            ++after;
        }
    }
    return out;
}

// The frame's settings: the context's view fitted into the frame at the page's DPI.
render::MapSettings frameSettings(const Page& page, const QRectF& frame, const geo::Box& extent) {
    render::MapSettings s = page.context.map;
    s.outputSize = QSize(std::max(1, static_cast<int>(std::lround(frame.width()))),
                         std::max(1, static_cast<int>(std::lround(frame.height()))));
    s.dpi = page.layout.dpi;
    s.extent = extent;
    s.pointDensityLevelOfDetail = false;  // a page draws every marker as its symbol
    return s;
}

// The extent a map frame shows: the context's; for the first frame of a page whose South China
// Sea inset lies on it, widened to the east (then to the south) until no polygon of the mainland,
// Taiwan, Hong Kong or Macau lies under the inset. The islands the inset shows (features reaching
// below the context's extent, which leaves them out) may lie under it.
geo::Box mapExtent(const Page& page, const PageItem& item) {
    const geo::Box base = page.context.map.extent;
    const PageItem* sea = page.layout.first(ItemKind::SouthChinaSea);
    if (&item != page.layout.first(ItemKind::Map) || !page.context.southChinaSeaInset || !sea || !page.context.scene) return base;
    const QRectF frame = page.rect(item.rect);
    const QRectF seaRect = page.rect(sea->rect).intersected(frame);
    if (seaRect.isEmpty()) return base;
    std::vector<QRectF> obstacles;
    for (const auto& layer : page.context.scene->layers) {
        if (layer.paths.empty() || layer.id == "sea_boundary" || !page.context.map.isLayerVisible(layer.id)) continue;
        for (const QRectF& b : layer.pathBounds)
            if (b.top() >= base.minY) obstacles.push_back(b);  // y up: top() is the south edge
    }
    geo::Box e = base;
    for (int step = 0; step < 60; ++step) {
        const render::MapSettings s = frameSettings(page, frame, e);
        const double margin = s.pixelsFromMm(1.5);
        const geo::XY a = s.toMap(seaRect.topLeft() - frame.topLeft() - QPointF(margin, margin));
        const geo::XY b = s.toMap(seaRect.bottomRight() - frame.topLeft() + QPointF(margin, margin));
        const QRectF keepOut(QPointF(std::min(a.x, b.x), std::min(a.y, b.y)), QPointF(std::max(a.x, b.x), std::max(a.y, b.y)));
        const bool clash = std::any_of(obstacles.begin(), obstacles.end(), [&](const QRectF& o) { return o.intersects(keepOut); });
        if (!clash) return e;
        if (step < 30) e.maxX += 0.02 * base.width();
        else e.minY -= 0.02 * base.height();
    }
    return e;
}

// The scene the main map draws: the visible project layers (simplified to half a device pixel
// when asked) and the overlays on top.
render::Scene frameScene(const Page& page, const render::MapSettings& settings, PageStats& stats) {
    render::Scene scene;
    if (!page.context.scene) return scene;
    scene.displayCrs = page.context.scene->displayCrs;
    scene.basemap = page.context.scene->basemap;  // e.g. the standard map (标准地图) under a page for publication
    const double tolerance = settings.mapUnitsPerPixel() * 0.5;
    for (const auto& layer : page.context.scene->layers) {
        if (!render::layerDrawn(layer, settings)) continue;
        scene.layers.push_back(layer);
        if (!page.context.simplify) continue;
        render::CompactPaths kept;
        const render::CompactPaths& paths = scene.layers.back().paths;
        kept.reserve(paths.size());
        for (const QPainterPath& path : paths)
            kept.push_back(simplified(path, tolerance, stats.verticesBefore, stats.verticesAfter), render::CompactPaths::Rings::Open);
        scene.layers.back().paths = std::move(kept);
    }
    for (const auto& overlay : page.context.overlays) scene.layers.push_back(overlay);
    return scene;
}

// The first map frame's settings (scale bar, north arrow, legend and inset refer to it).
std::optional<render::MapSettings> mainFrame(const Page& page) {
    const PageItem* map = page.layout.first(ItemKind::Map);
    if (!map || !page.context.scene) return std::nullopt;
    return frameSettings(page, page.rect(map->rect), mapExtent(page, *map));
}

render::LegendModel frameLegend(const Page& page) {
    const auto frame = mainFrame(page);
    if (!frame) return {};
    return render::legendModel(*page.context.scene, *frame, page.context.overlays);
}

void paintMap(QPainter& painter, const Page& page, const PageItem& item, PageStats& stats) {
    if (!page.context.scene) return;
    const QRectF frame = page.rect(item.rect);
    render::MapSettings settings = frameSettings(page, frame, mapExtent(page, item));
    for (const auto& o : page.context.overlays) settings.visibleLayerIds.push_back(o.id);
    const bool first = &item == page.layout.first(ItemKind::Map);
    if (stats.scaleDenominator == 0) {
        stats.scaleDenominator = settings.scaleDenominator();
        stats.frameMapUnitsPerMm = settings.mapUnitsPerPixel() * settings.pixelsFromMm(1);
        stats.frameExtent = settings.visibleExtent();
    }
    if (!page.paintMaps) {
        if (!first) return;
        // What the renderer would draw, by its own selection.
        for (const auto& layer : page.context.scene->layers)
            if (render::layerDrawn(layer, settings)) {
                const render::DrawnItems d = render::drawnItems(layer, settings);
                std::vector<std::size_t> counts;
                for (const auto& c : d.byClass) counts.push_back(c.size());
                stats.drawnPerClass.emplace_back(layer.id, std::move(counts));
            }
        for (const auto& layer : page.context.overlays) {
            const render::DrawnItems d = render::drawnItems(layer, settings);
            std::vector<std::size_t> counts;
            for (const auto& c : d.byClass) counts.push_back(c.size());
            stats.drawnPerClass.emplace_back(layer.id, std::move(counts));
        }
        return;
    }
    // A raster page without overlays draws the project's scene itself: the frame scene is a
    // copy of every drawn layer (578,130 villages with their attribute rows on a national page)
    // made only to hold simplified paths (vector pages) and the overlays.
    const render::Scene& project = *page.context.scene;
    const bool direct = !page.context.simplify && page.context.overlays.empty() && !project.basemap;
    const render::Scene scene = direct ? render::Scene{} : frameScene(page, settings, stats);
    painter.save();
    painter.translate(frame.topLeft());
    painter.setClipRect(QRectF(QPointF(0, 0), frame.size()));
    const render::RenderStats r = render::renderMap(direct ? project : scene, settings, painter);
    painter.restore();
    stats.featuresDrawn += r.featuresDrawn;
    if (first) stats.drawnPerClass = r.drawnPerClass;
}

void paintInset(QPainter& painter, const Page& page, const QRectF& rect) {
    // A national map is its own locator: the inset would only hide part of the country.
    if (!page.context.scene || !page.paintMaps || page.context.scope == MapScope::National) return;
    const render::SceneLayer* counties = page.context.scene->find("counties");
    render::Scene scene;
    scene.displayCrs = page.context.scene->displayCrs;
    if (counties) {
        render::SceneLayer plain = *counties;
        plain.style.symbol = render::FillSymbol{QColor(0xee, 0xee, 0xee), QColor(0x88, 0x88, 0x88), 0.15};
        plain.style.label.enabled = false;
        plain.classes.clear();
        plain.itemClass.clear();
        scene.layers.push_back(std::move(plain));
    } else {
        for (const auto& l : page.context.scene->layers) {
            render::SceneLayer plain = l;
            plain.style.label.enabled = false;
            scene.layers.push_back(std::move(plain));
        }
    }
    render::MapSettings s;
    s.displayCrs = scene.displayCrs;
    s.outputSize = QSize(static_cast<int>(rect.width()), static_cast<int>(rect.height()));
    s.dpi = page.layout.dpi;
    for (const auto& l : scene.layers) s.visibleLayerIds.push_back(l.id);
    s = s.fittedTo(page.context.projectExtent, 0.05);
    painter.save();
    painter.translate(rect.topLeft());
    painter.setClipRect(QRectF(QPointF(0, 0), rect.size()));
    render::renderMap(scene, s, painter);
    if (const auto frame = mainFrame(page)) {
        const geo::Box v = frame->visibleExtent();
        const QTransform t = s.mapToPixel();
        const QRectF box = t.mapRect(QRectF(v.minX, v.minY, v.width(), v.height()));
        QPen pen(QColor(0xd7, 0x26, 0x1e), std::max(1.0, s.pixelsFromMm(0.4)));
        painter.setPen(pen);
        painter.setBrush(Qt::NoBrush);
        // A small frame (a county in the city) is shown at least 2 mm wide, so it can be seen.
        const double minPx = s.pixelsFromMm(2);
        QRectF shown = box;
        if (shown.width() < minPx || shown.height() < minPx)
            shown = QRectF(box.center() - QPointF(minPx / 2, minPx / 2), QSizeF(minPx, minPx));
        painter.drawRect(shown);
    }
    painter.restore();
}

// --- South China Sea inset (南海诸岛附图) ------------------------------------------------------------

// The inset's view: its own frame, the South China Sea area, the context's layers at its own scale.
render::MapSettings seaSettings(const Page& page, const QRectF& rect) {
    render::MapSettings s = page.context.map;
    s.outputSize = QSize(std::max(1, static_cast<int>(std::lround(rect.width()))), std::max(1, static_cast<int>(std::lround(rect.height()))));
    s.dpi = page.layout.dpi;
    s.extent = page.context.southChinaSeaExtent;
    return s;
}

// "1:37 000 000" of the inset, as its own scale bar would print it.
QString seaScaleText(const render::MapSettings& s) {
    const auto bar = computeScaleBar(s, 10);
    return bar ? qs(bar->scaleText()) : QString();
}

void paintSouthChinaSea(QPainter& painter, const Page& page, const PageItem& item) {
    if (!page.context.southChinaSeaInset || !page.context.scene || page.context.southChinaSeaExtent.empty()) return;
    const QRectF rect = page.rect(item.rect);
    const render::MapSettings s = seaSettings(page, rect);
    if (page.paintMaps) {
        // The drawn layers without labels, each path cut to the inset's area: vector pages (SVG
        // writes no clip paths) would otherwise spill the mainland over the main map.
        const geo::Box v = s.visibleExtent();
        const QRectF area(v.minX, v.minY, v.width(), v.height());
        QPainterPath areaPath;
        areaPath.addRect(area);
        render::Scene scene;
        scene.displayCrs = page.context.scene->displayCrs;
        scene.basemap = page.context.scene->basemap;
        render::MapSettings shown = s;  // with the islands' layers
        auto toLonLat = geo::Transformer::create(s.displayCrs, "EPSG:4490");
        const double mainSouth = page.context.map.extent.minY;
        const auto isSeaIsland = [&](const QRectF& b) {
            if (b.top() < mainSouth) return true;  // y up: top() is the south edge; left out of the main frame
            if (!toLonLat) return false;
            const auto sw = toLonLat->forward(geo::XY{b.left(), b.top()}), ne = toLonLat->forward(geo::XY{b.right(), b.bottom()});
            return sw && ne && sw->x >= 111 && ne->x <= 123 && sw->y >= 3 && ne->y <= 21.5;
        };
        for (const auto& layer : page.context.scene->layers) {
            if (!render::layerDrawn(layer, s)) continue;
            render::SceneLayer copy = layer;
            copy.style.label.enabled = false;
            // Hairline outlines: at the inset's scale the mainland's county borders would merge
            // into one dark patch. The South China Sea islands (features reaching below the main
            // frame's extent, 三沙, or lying in the open sea, 东沙) are drawn again on top, filled
            // in their outline's colour with a wider outline, so each island shows as a dot.
            std::optional<render::SceneLayer> islands;
            if (copy.id != "sea_boundary" && !copy.paths.empty()) {
                render::SceneLayer dots = copy;
                dots.id = copy.id + "_islands";
                const bool classified = !dots.classes.empty() && dots.itemClass.size() == dots.itemCount();
                if (!classified) {
                    dots.classes = {render::SceneClass{QString(), dots.style.symbol, 0}};
                    dots.itemClass.assign(dots.itemCount(), 0);
                }
                dots.asOfClasses.reset();
                bool any = false;
                for (std::size_t i = 0; i < dots.itemCount(); ++i) {
                    const bool island = area.intersects(dots.pathBounds[i]) && isSeaIsland(dots.pathBounds[i]);
                    if (!island) dots.itemClass[i] = -1;
                    any = any || (island && dots.itemClass[i] >= 0);
                }
                for (auto& cls : dots.classes)
                    if (auto* f = std::get_if<render::FillSymbol>(&cls.symbol)) {
                        f->fill = f->stroke;
                        f->strokeWidthMm = std::max(f->strokeWidthMm, 0.3);
                    }
                if (any) islands = std::move(dots);
                const auto thin = [](render::Symbol& symbol) {
                    if (auto* f = std::get_if<render::FillSymbol>(&symbol)) f->strokeWidthMm = std::min(f->strokeWidthMm, 0.12);
                };
                thin(copy.style.symbol);
                for (auto& cls : copy.classes) thin(cls.symbol);
            }
            const auto cut = [&](std::size_t i) { return copy.pathBounds[i].intersects(area) && !area.contains(copy.pathBounds[i]); };
            bool anyCut = false;
            for (std::size_t i = 0; i < copy.paths.size() && !anyCut; ++i) anyCut = cut(i);
            if (anyCut) {  // the paths crossing the inset's edge cut to it, the others as they are
                render::CompactPaths clipped;
                clipped.reserve(copy.paths.size());
                for (std::size_t i = 0; i < copy.paths.size(); ++i) {
                    if (!cut(i)) {
                        clipped.append(copy.paths, i);
                        continue;
                    }
                    const QPainterPath inside = copy.paths[i].intersected(areaPath);
                    clipped.push_back(inside);
                    copy.pathBounds[i] = inside.boundingRect();
                }
                copy.paths = std::move(clipped);
            }
            scene.layers.push_back(std::move(copy));
            if (islands) {
                shown.visibleLayerIds.push_back(islands->id);
                scene.layers.push_back(std::move(*islands));
            }
        }
        painter.save();
        painter.translate(rect.topLeft());
        painter.setClipRect(QRectF(QPointF(0, 0), rect.size()));
        render::renderMap(scene, shown, painter);
        painter.restore();
    }
    // The caption (南海诸岛) in the lower right, the inset's own scale in the lower left.
    painter.save();
    painter.setPen(QColor(0x11, 0x11, 0x11));
    const double inner = 1.2 * page.pxPerMm();
    const QRectF textBox = rect.adjusted(inner, inner, -inner, -inner);
    const QString caption = qs(resolveText(item.text.empty() ? std::string("南海诸岛") : item.text, page.context));
    page.lineIn(painter, item, textBox, Qt::AlignRight | Qt::AlignBottom, caption, page.font(item.fontPt), item.fontPt);
    const double scalePt = std::max(4.0, item.fontPt * 0.75);
    if (const QString scale = seaScaleText(s); !scale.isEmpty())
        page.lineIn(painter, item, textBox, Qt::AlignLeft | Qt::AlignBottom, scale, page.font(scalePt), scalePt);
    painter.restore();
}

// --- Scale bar and north arrow ------------------------------------------------------------------

std::vector<std::string> scaleBarTexts(const ScaleBar& bar) {
    std::vector<std::string> out{"0", ScaleBar::lengthText(bar.lengthKm), bar.scaleText()};
    return out;
}

void paintScaleBar(QPainter& painter, const Page& page, const PageItem& item, PageStats& stats) {
    const auto frame = mainFrame(page);
    if (!frame) return;
    const QRectF r = page.rect(item.rect);
    const QFont font = page.font(item.fontPt);
    const QFontMetricsF fm(font);
    auto bar = computeScaleBar(*frame, item.rect.w * 0.8);
    if (!bar) return;
    const double px = page.pxPerMm();
    const double len = bar->lengthMm * px;
    const double h = 1.6 * px;
    const double x0 = r.left() + 3 * px, y0 = r.top() + fm.height() + 0.8 * px;
    const QString end = qs(ScaleBar::lengthText(bar->lengthKm));
    painter.save();
    // A white plate under the bar keeps it readable over the map.
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(255, 255, 255, 215));
    const double textW = lineWidth(end, font);
    painter.drawRect(QRectF(r.left(), r.top(), std::min(r.width(), len + 6 * px + textW / 2), r.height()));
    painter.setPen(QPen(Qt::black, std::max(1.0, 0.15 * px)));
    const double seg = len / bar->segments;
    for (int i = 0; i < bar->segments; ++i) {
        painter.setBrush(i % 2 == 0 ? QColor(Qt::black) : QColor(Qt::white));
        painter.drawRect(QRectF(x0 + i * seg, y0, seg, h));
    }
    painter.setPen(Qt::black);
    page.line(painter, item, QPointF(x0, r.top() + fm.ascent()), qs(bar->scaleText()), font, item.fontPt);
    const double ty = y0 + h + fm.ascent() + 0.3 * px;
    page.line(painter, item, QPointF(x0 - lineWidth(QStringLiteral("0"), font) / 2, ty), QStringLiteral("0"), font, item.fontPt);
    page.line(painter, item, QPointF(x0 + len - textW / 2, ty), end, font, item.fontPt);
    painter.restore();
    stats.scaleBarKm = bar->lengthKm;
    stats.scaleBarMm = bar->lengthMm;
    stats.scaleText = bar->scaleText();
}

void paintNorthArrow(QPainter& painter, const Page& page, const PageItem& item) {
    const auto frame = mainFrame(page);
    const QRectF r = page.rect(item.rect);
    const double angle = frame ? trueNorthAngle(*frame) : 0;
    const double pt = std::max(6.0, item.rect.w * 0.9);
    const QFont font = page.font(pt, true);
    const QFontMetricsF fm(font);
    painter.save();
    painter.setPen(Qt::black);
    page.lineIn(painter, item, QRectF(r.left(), r.top(), r.width(), fm.height()), Qt::AlignHCenter | Qt::AlignTop,
                QStringLiteral("北"), font, pt);
    const QRectF arrow(r.left(), r.top() + fm.height(), r.width(), r.height() - fm.height());
    painter.translate(arrow.center());
    painter.rotate(angle);
    const double hw = arrow.width() * 0.32, hh = arrow.height() * 0.45;
    QPainterPath left, right;
    left.moveTo(0, -hh);
    left.lineTo(-hw, hh);
    left.lineTo(0, hh * 0.45);
    left.closeSubpath();
    right.moveTo(0, -hh);
    right.lineTo(hw, hh);
    right.lineTo(0, hh * 0.45);
    right.closeSubpath();
    painter.setPen(QPen(Qt::black, std::max(1.0, 0.2 * page.pxPerMm())));
    painter.setBrush(Qt::black);
    painter.drawPath(left);
    painter.setBrush(Qt::white);
    painter.drawPath(right);
    painter.restore();
}

// --- Item titles (legend, chart) ------------------------------------------------------------------

// An item's own title at the top of its box, wrapped to the box's width; returns the y below
// it, `gapMm` on.
double paintItemTitle(QPainter& painter, const Page& page, const PageItem& item, const QString& title, double pt, double gapMm) {
    const QRectF r = page.rect(item.rect);
    if (title.isEmpty()) return r.top();
    const Paragraph p = fitParagraph(page, title, true, r.width(), r.height() / 3, pt, std::min(pt, kLegendMinPt));
    if (!p.fits) page.misfit(item, "its title does not fit in " + std::to_string(p.lines.size()) + " lines");
    painter.setPen(Qt::black);
    return drawParagraph(painter, page, item, p, title, r.left(), r.top(), r.width(), Qt::AlignLeft) + gapMm * page.pxPerMm();
}

// --- Legend -------------------------------------------------------------------------------------

// A row of the legend: a layer's heading, or an entry (swatch, label, count).
struct LegendRow {
    bool heading = false;
    QString text;
    const render::LegendLayer* layer = nullptr;
    const render::LegendEntry* entry = nullptr;
    bool keepWithNext = false;  // a heading stays with its first entry
    bool size = false;          // a reference size of proportional symbols (not a class)
};

std::vector<LegendRow> legendRows(const render::LegendModel& model) {
    std::vector<LegendRow> rows;
    std::vector<const render::LegendLayer*> drawn;
    for (const auto& l : model.layers)
        if (l.state == render::LegendLayer::State::Drawn) drawn.push_back(&l);
    for (std::size_t i = 0; i < drawn.size(); ++i) {
        const render::LegendLayer& l = *drawn[i];
        if (l.classified) {
            // Layers next to each other that measure the same thing (the status of venues,
            // community venues and housing) share one title line; each then names its layer.
            const auto sameTitle = [&](std::size_t j) {
                return j < drawn.size() && drawn[j]->classified && !l.title.isEmpty() && drawn[j]->title == l.title;
            };
            const bool shared = sameTitle(i + 1) || (i > 0 && sameTitle(i - 1) && drawn[i - 1]->title == l.title);
            const bool first = !(i > 0 && drawn[i - 1]->classified && drawn[i - 1]->title == l.title && !l.title.isEmpty());
            if (shared && first) rows.push_back({true, l.title + QStringLiteral("："), &l, nullptr, true});
            rows.push_back({true, shared ? l.name : l.heading(), &l, nullptr, true});
        }
        for (const auto& e : l.entries) rows.push_back({false, e.label, &l, &e, false});
        if (!l.sizes.empty()) {
            // Proportional sizes: what they measure, then the reference circles side by side.
            if (!l.sizeTitle.isEmpty()) rows.push_back({true, l.sizeTitle, &l, nullptr, true, true});
            rows.push_back({false, QString(), &l, nullptr, false, true});
        }
    }
    return rows;
}

// The swatch of an entry: a text line high and 1.6 lines wide, larger for a big marker (the
// reference sizes of proportional symbols are drawn at their size).
QSizeF swatchSize(const LegendRow& row, const QFontMetricsF& fm, double pxPerMm) {
    QSizeF size(fm.height() * 1.6, fm.height());
    if (const auto* m = row.entry ? std::get_if<render::MarkerSymbol>(&row.entry->symbol) : nullptr) {
        const double side = (m->sizeMm + 2 * m->strokeWidthMm + 0.4) * pxPerMm;
        size = size.expandedTo(QSizeF(side, side));
    }
    return size;
}

// The reference circles of proportional symbols in lines that fit `width`: each circle followed
// by its value; a line is as high as its largest circle.
struct SizeLine {
    std::vector<std::size_t> entries;
    double height = 0;
};

double circleSide(const render::LegendEntry& e, const QFontMetricsF& fm, double pxPerMm) {
    const auto* m = std::get_if<render::MarkerSymbol>(&e.symbol);
    return m ? (m->sizeMm + 2 * m->strokeWidthMm + 0.4) * pxPerMm : fm.height();
}

std::vector<SizeLine> sizeLines(const render::LegendLayer& layer, const QFont& font, double width, double pxPerMm) {
    const QFontMetricsF fm(font);
    std::vector<SizeLine> lines(1);
    double x = 0;
    for (std::size_t i = 0; i < layer.sizes.size(); ++i) {
        const double side = circleSide(layer.sizes[i], fm, pxPerMm);
        const double w = 0.5 * pxPerMm + side + 0.8 * pxPerMm + lineWidth(layer.sizes[i].label, font) + 1.5 * pxPerMm;
        if (x > 0 && x + w > width) {
            lines.emplace_back();
            x = 0;
        }
        lines.back().entries.push_back(i);
        lines.back().height = std::max({lines.back().height, side, fm.height()});
        x += w;
    }
    return lines;
}

QString countText(const render::LegendEntry& e) { return e.showCount ? QString::number(e.count) : QString(); }

// The legend laid out at one size in one number of columns.
struct LegendFit {
    double pt = 0;
    int columns = 1;
    double colW = 0, gap = 0;
    struct Placed {
        std::size_t row = 0;
        int column = 0;
        double y = 0, h = 0;
        Paragraph text;
    };
    std::vector<Placed> placed;
    std::size_t left = 0;  // rows that did not fit
};

LegendFit layOutLegend(const Page& page, const std::vector<LegendRow>& rows, double pt, int columns, double width, double top,
                       double bottom) {
    LegendFit fit;
    fit.pt = pt;
    fit.columns = columns;
    const double px = page.pxPerMm();
    fit.gap = columns > 1 ? 3 * px : 0;
    fit.colW = (width - fit.gap * (columns - 1)) / columns;
    const QFont font = page.font(pt);
    const QFontMetricsF fm(font);
    const double rowGap = fm.height() * 0.3;
    // Each row's text at this size; entries leave room for the swatch and the count.
    std::vector<double> heights(rows.size());
    std::vector<Paragraph> texts(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const LegendRow& row = rows[i];
        double w = fit.colW;
        if (row.size && !row.heading) {  // the circles: as many lines as the column needs
            double h = 0;
            for (const auto& line : sizeLines(*row.layer, font, fit.colW, px)) h += line.height;
            heights[i] = h + rowGap;
            continue;
        }
        if (!row.heading) {
            const QString count = countText(*row.entry);
            w -= swatchSize(row, fm, px).width() + 1.2 * px + (count.isEmpty() ? 0 : lineWidth(count, font) + 1.5 * px) + 0.5 * px;
        }
        texts[i] = fitParagraph(page, row.text, row.heading && !row.size, std::max(px, w), 1e9, pt, pt);
        heights[i] = std::max(paragraphHeight(texts[i]), row.heading ? 0.0 : swatchSize(row, fm, px).height()) + rowGap;
    }
    int column = 0;
    double y = top;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        // A heading moves to the next column with its first entry.
        double need = heights[i];
        for (std::size_t j = i; rows[j].keepWithNext && j + 1 < rows.size(); ++j) need += heights[j + 1];
        if (y + need > bottom + 0.5 && y > top) {
            if (++column >= columns) {
                fit.left = rows.size() - i;
                break;
            }
            y = top;
        }
        if (y + heights[i] > bottom + 0.5) {  // taller than a whole column
            fit.left = rows.size() - i;
            break;
        }
        fit.placed.push_back({i, column, y, heights[i], texts[i]});
        y += heights[i];
    }
    return fit;
}

void paintLegend(QPainter& painter, const Page& page, const PageItem& item) {
    const QRectF r = page.rect(item.rect);
    const render::LegendModel model = frameLegend(page);
    const auto rows = legendRows(model);
    const double px = page.pxPerMm();
    painter.save();
    // Counts are the frame's: the title says so when they are not the layers' totals.
    bool partial = false;
    for (const auto& l : model.layers) partial = partial || (l.state == render::LegendLayer::State::Drawn && l.partial());
    QString title = qs(resolveText(item.text, page.context));
    if (!title.isEmpty() && partial && !rows.empty()) title += QStringLiteral("（数量为图内所见）");
    const double top = paintItemTitle(painter, page, item, title, item.fontPt * 1.2, 0.8);
    // Fit: wrap (each row's text to its column), then shrink to kLegendMinPt, then more columns.
    const int maxColumns = std::max(1, std::min(4, static_cast<int>(item.rect.w / kLegendMinColumnMm)));
    const double minPt = std::min(item.fontPt, kLegendMinPt);
    std::optional<LegendFit> fit;
    for (int columns = 1; columns <= maxColumns && !(fit && fit->left == 0); ++columns)
        for (double pt = item.fontPt;; pt = std::max(minPt, pt * 0.94)) {
            fit = layOutLegend(page, rows, pt, columns, r.width(), top, r.bottom());
            if (fit->left == 0 || pt <= minPt) break;
        }
    LegendPrinted printed;
    printed.item = page.indexOf(item);
    if (fit) {
        const QFont font = page.font(fit->pt);
        const QFontMetricsF fm(font);
        for (const auto& placed : fit->placed) {
            const LegendRow& row = rows[placed.row];
            const double x = r.left() + placed.column * (fit->colW + fit->gap);
            painter.setPen(QColor(0x22, 0x22, 0x22));
            if (row.heading) {
                if (row.size) painter.setPen(QColor(0x44, 0x44, 0x44));
                drawParagraph(painter, page, item, placed.text, row.text, x, placed.y, fit->colW, Qt::AlignLeft);
                continue;
            }
            if (row.size) {
                // The reference circles, each followed by its value, centred on their line.
                double y = placed.y;
                for (const auto& line : sizeLines(*row.layer, font, fit->colW, px)) {
                    double cx = x + 0.5 * px;
                    for (const std::size_t k : line.entries) {
                        const auto& e = row.layer->sizes[k];
                        const double side = circleSide(e, fm, px);
                        if (page.paintMaps)
                            render::paintSymbolSwatch(painter, QRectF(cx, y + (line.height - side) / 2, side, side), e.symbol,
                                                      row.layer->kind, page.layout.dpi);
                        cx += side + 0.8 * px;
                        painter.setPen(QColor(0x22, 0x22, 0x22));
                        page.line(painter, item, QPointF(cx, y + (line.height - fm.height()) / 2 + fm.ascent()), e.label, font, fit->pt);
                        cx += lineWidth(e.label, font) + 1.5 * px;
                    }
                    y += line.height;
                }
                continue;
            }
            const QSizeF sw = swatchSize(row, fm, px);
            const double rowH = std::max(fm.height(), sw.height());
            const QRectF swatch(x + 0.5 * px, placed.y + (rowH - sw.height()) / 2, sw.width(), sw.height());
            if (page.paintMaps) render::paintSymbolSwatch(painter, swatch, row.entry->symbol, row.layer->kind, page.layout.dpi);
            const double tx = swatch.right() + 1.2 * px;
            const double textTop = placed.y + std::max(0.0, (rowH - paragraphHeight(placed.text)) / 2);
            drawParagraph(painter, page, item, placed.text, row.text, tx, textTop, x + fit->colW - tx, Qt::AlignLeft);
            const QString count = countText(*row.entry);
            if (!count.isEmpty()) {
                painter.setPen(QColor(0x55, 0x55, 0x55));
                page.line(painter, item, QPointF(x + fit->colW - lineWidth(count, font), textTop + fm.ascent()), count, font, fit->pt);
            }
            if (!row.size) printed.entries.emplace_back(row.layer->id, row.entry->label);
        }
        printed.pt = fit->pt;
        printed.columns = fit->columns;
        printed.left = fit->left;
        if (fit->left > 0)
            page.misfit(item, std::to_string(fit->left) + " of " + std::to_string(rows.size()) + " rows do not fit at " +
                                  ptText(fit->pt) + " pt in " + std::to_string(fit->columns) + " columns");
    }
    if (page.record) page.record->legends.push_back(std::move(printed));
    painter.restore();
}

// --- Table and chart ------------------------------------------------------------------------------

const TableRows& rowsFor(const PageContext& c, const PageItem& item) {
    return item.table == "timetable" ? c.timetable : c.statistics;
}

bool isNumeric(const std::string& s, double& value) {
    if (s.empty()) return false;
    char* end = nullptr;
    value = std::strtod(s.c_str(), &end);
    return end && *end == '\0' && std::isfinite(value);
}

QString moreRowsText(std::size_t n) { return QStringLiteral("另有 %1 行未列出").arg(n); }

// How many rows fit, at what size and with which column widths.
struct TableFit {
    double pt = 0, rowH = 0;
    std::size_t shown = 0;  // data rows drawn; the rest are summarised in one line
    std::vector<double> widths;
    bool widthsFit = true;
};

std::vector<double> naturalWidths(const Page& page, const TableRows& t, std::size_t shown, double pt, std::size_t cols) {
    const QFont font = page.font(pt), bold = page.font(pt, true);
    const double px = page.pxPerMm();
    std::vector<double> widths(cols, 0);
    for (std::size_t c = 0; c < t.header.size() && c < cols; ++c) widths[c] = lineWidth(qs(t.header[c]), bold) + 2 * px;
    for (std::size_t i = 0; i < shown; ++i)
        for (std::size_t c = 0; c < t.rows[i].size() && c < cols; ++c) {
            const bool total = t.rows[i].front() == "合计";
            widths[c] = std::max(widths[c], lineWidth(qs(t.rows[i][c]), total ? bold : font) + 2 * px);
        }
    return widths;
}

TableFit fitTable(const Page& page, const PageItem& item, const TableRows& t, double width, double height, std::size_t cols) {
    TableFit fit;
    const std::size_t needed = t.rows.size() + 1;  // + header
    constexpr double kMinPt = 5;
    for (fit.pt = item.fontPt;; fit.pt = std::max(kMinPt, fit.pt * 0.92)) {
        fit.rowH = QFontMetricsF(page.font(fit.pt)).height() * 1.3;
        const auto rows = static_cast<std::size_t>(std::floor(height / fit.rowH));
        fit.shown = rows >= needed ? t.rows.size() : rows >= 3 ? rows - 2
                                                               : 0;  // header + "N more"
        fit.widths = naturalWidths(page, t, fit.shown, fit.pt, cols);
        double total = 0;
        for (double w : fit.widths) total += w;
        fit.widthsFit = total <= width + 0.5;
        if ((rows >= needed && fit.widthsFit) || fit.pt <= kMinPt) {
            // Spare width goes to the columns in proportion; too little shrinks them (and the
            // preflight then finds the texts overlapping).
            if (total > 0)
                for (double& w : fit.widths) w *= width / total;
            return fit;
        }
    }
}

void paintTable(QPainter& painter, const Page& page, const PageItem& item) {
    const TableRows& t = rowsFor(page.context, item);
    if (t.header.empty() && t.rows.empty()) return;
    const QRectF r = page.rect(item.rect);
    const double px = page.pxPerMm();
    const std::size_t cols = std::max(t.header.size(), t.rows.empty() ? 0 : t.rows.front().size());
    const TableFit fit = fitTable(page, item, t, r.width(), r.height(), cols);
    if (!fit.widthsFit) page.misfit(item, "its columns are wider than the table at " + ptText(fit.pt) + " pt");
    const QFont font = page.font(fit.pt), bold = page.font(fit.pt, true);
    painter.save();
    double y = r.top();
    const auto drawRow = [&](const std::vector<std::string>& cells, bool header, bool span) {
        if (header) painter.fillRect(QRectF(r.left(), y, r.width(), fit.rowH), QColor(0xe8, 0xe4, 0xda));
        painter.setPen(QColor(0x22, 0x22, 0x22));
        double x = r.left();
        for (std::size_t c = 0; c < cols; ++c) {
            const QString text = c < cells.size() ? qs(cells[c]) : QString();
            double v = 0;
            const bool right = !header && c > 0 && (isNumeric(cells.size() > c ? cells[c] : "", v) || text.endsWith('%'));
            const double w = span ? r.width() : fit.widths[c];
            const QRectF cell(x + px, y, w - 2 * px, fit.rowH);
            page.lineIn(painter, item, cell, Qt::AlignVCenter | (right ? Qt::AlignRight : Qt::AlignLeft), text, header ? bold : font,
                        fit.pt);
            x += w;
            if (span) break;
        }
        y += fit.rowH;
        painter.setPen(QPen(QColor(0xbb, 0xbb, 0xbb), std::max(1.0, 0.1 * px)));
        painter.drawLine(QPointF(r.left(), y), QPointF(r.right(), y));
    };
    drawRow(t.header, true, false);
    for (std::size_t i = 0; i < fit.shown; ++i) drawRow(t.rows[i], t.rows[i].front() == "合计", false);
    if (fit.shown < t.rows.size()) drawRow({moreRowsText(t.rows.size() - fit.shown).toStdString()}, false, true);
    painter.restore();
}

struct Bar {
    QString label;
    double value = 0;
};

std::vector<Bar> chartBars(const PageContext& c, const PageItem& item) {
    std::vector<Bar> bars;
    const TableRows& t = rowsFor(c, item);
    if (item.valueColumn < 0) return bars;
    const auto col = static_cast<std::size_t>(item.valueColumn);
    for (const auto& row : t.rows) {
        double v = 0;
        if (row.empty() || row.front() == "合计" || col >= row.size() || !isNumeric(row[col], v)) continue;
        bars.push_back({qs(row.front()), v});
    }
    return bars;
}

void paintChart(QPainter& painter, const Page& page, const PageItem& item) {
    const auto bars = chartBars(page.context, item);
    if (bars.empty()) return;
    const QRectF r = page.rect(item.rect);
    const double px = page.pxPerMm();
    painter.save();
    const double y = paintItemTitle(painter, page, item, qs(resolveText(item.text, page.context)), item.fontPt * 1.1, 0.5);
    const double barH = (r.bottom() - y) / static_cast<double>(bars.size());
    // The labels' line height within a bar's height, so neighbouring labels never overlap.
    double pt = item.fontPt;
    while (pt > 3 && QFontMetricsF(page.font(pt)).height() > barH) pt *= 0.95;
    const QFont font = page.font(pt);
    double labelW = 0, maxV = 0;
    for (const auto& b : bars) {
        labelW = std::max(labelW, lineWidth(b.label, font));
        maxV = std::max(maxV, b.value);
    }
    const QString maxText = QString::number(maxV, 'f', 1);
    const double x0 = r.left() + labelW + px;
    const double span = std::max(1.0, r.right() - x0 - lineWidth(maxText, font) - px);
    for (std::size_t i = 0; i < bars.size(); ++i) {
        const double by = y + static_cast<double>(i) * barH;
        painter.setPen(QColor(0x22, 0x22, 0x22));
        page.lineIn(painter, item, QRectF(r.left(), by, labelW, barH), Qt::AlignRight | Qt::AlignVCenter, bars[i].label, font, pt);
        const double w = maxV > 0 ? span * bars[i].value / maxV : 0;
        painter.fillRect(QRectF(x0, by + barH * 0.15, w, barH * 0.7), QColor(0x41, 0xab, 0x5d));
        page.lineIn(painter, item, QRectF(x0 + w + 0.5 * px, by, r.right() - x0 - w, barH), Qt::AlignLeft | Qt::AlignVCenter,
                    QString::number(bars[i].value, 'f', 1), font, pt);
    }
    painter.restore();
}

// --- Text items ---------------------------------------------------------------------------------

bool drawsText(ItemKind k) {
    return k == ItemKind::Title || k == ItemKind::Subtitle || k == ItemKind::Text || k == ItemKind::Credits ||
           k == ItemKind::DataDate || k == ItemKind::SyntheticNotice || k == ItemKind::MapNotice;
}

// Whether `text` fits the item's box at the sizes paintText tries.
bool textFits(const Page& page, const PageItem& item, const QString& text) {
    const QRectF r = page.rect(item.rect);
    const double minPt = std::min(item.fontPt, std::max(6.0, item.fontPt * 0.6));
    return fitParagraph(page, text, item.bold, r.width(), r.height(), item.fontPt, minPt).fits;
}

void paintText(QPainter& painter, const Page& page, const PageItem& item, const QString& text) {
    const QRectF r = page.rect(item.rect);
    // Wrap to the box first, then shrink (to 60% of the size, at most down to 6 pt).
    const double minPt = std::min(item.fontPt, std::max(6.0, item.fontPt * 0.6));
    const Paragraph p = fitParagraph(page, text, item.bold, r.width(), r.height(), item.fontPt, minPt);
    if (!p.fits)
        page.misfit(item, "its text does not fit in " + std::to_string(p.lines.size()) + " lines at " + ptText(p.pt) + " pt");
    painter.save();
    painter.setPen(item.kind == ItemKind::SyntheticNotice ? QColor(0xb0, 0x1c, 0x12) : QColor(0x11, 0x11, 0x11));
    const Qt::Alignment h = item.align == Align::Center ? Qt::AlignHCenter : (item.align == Align::Right ? Qt::AlignRight : Qt::AlignLeft);
    const double top = r.center().y() - paragraphHeight(p) / 2;
    if (item.kind == ItemKind::MapNotice) {
        // It lies on the map: a white plate under its lines keeps it readable.
        double widest = 0;
        for (const auto& l : p.lines) widest = std::max(widest, lineWidth(l, p.font));
        const double pad = 0.8 * page.pxPerMm();
        double left = r.left();
        if (h & Qt::AlignHCenter) left = r.center().x() - widest / 2;
        else if (h & Qt::AlignRight) left = r.right() - widest;
        painter.save();
        painter.setPen(Qt::NoPen);
        painter.setBrush(QColor(255, 255, 255, 225));
        painter.drawRect(QRectF(left - pad, top - pad, widest + 2 * pad, paragraphHeight(p) + 2 * pad).intersected(r));
        painter.restore();
    }
    drawParagraph(painter, page, item, p, text, r.left(), top, r.width(), h);
    painter.restore();
}

std::string join(const std::vector<std::string>& v, const std::string& sep) {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
    return out;
}

// The text an item draws ("" = the item draws nothing).
std::string itemText(const PageItem& item, const PageContext& c) {
    if (item.kind == ItemKind::SyntheticNotice && syntheticLayerNames(c).empty()) return {};
    if (item.kind == ItemKind::MapNotice) {
        if (c.scope == MapScope::Local) return {};
        return resolveText(!c.mapNotice.empty() ? c.mapNotice : !item.text.empty() ? item.text
                                                                                   : std::string(kDefaultMapNotice),
                           c);
    }
    return resolveText(item.text, c);
}

// Every (font family, text) the item draws.
std::vector<std::pair<std::string, QString>> textsOf(const PageItem& item, const Page& page) {
    std::vector<std::pair<std::string, QString>> out;
    const std::string& fam = page.layout.fontFamily;
    const PageContext& c = page.context;
    if (drawsText(item.kind)) {
        out.push_back({fam, qs(itemText(item, c))});
    } else if (item.kind == ItemKind::Legend) {
        out.push_back({fam, qs(resolveText(item.text, c)) + QStringLiteral("（数量为图内所见）")});
        const render::LegendModel model = frameLegend(page);
        for (const auto& row : legendRows(model)) {
            out.push_back({fam, row.text});
            if (row.entry) out.push_back({fam, countText(*row.entry)});
        }
    } else if (item.kind == ItemKind::Table) {
        const TableRows& t = rowsFor(c, item);
        for (const auto& h : t.header) out.push_back({fam, qs(h)});
        for (const auto& row : t.rows)
            for (const auto& cell : row) out.push_back({fam, qs(cell)});
        out.push_back({fam, moreRowsText(0)});
    } else if (item.kind == ItemKind::Chart) {
        out.push_back({fam, qs(resolveText(item.text, c))});
        for (const auto& b : chartBars(c, item)) out.push_back({fam, b.label + QString::number(b.value, 'f', 1)});
    } else if (item.kind == ItemKind::ScaleBar) {
        if (const auto frame = mainFrame(page))
            if (auto bar = computeScaleBar(*frame, item.rect.w * 0.8))
                for (const auto& t : scaleBarTexts(*bar)) out.push_back({fam, qs(t)});
    } else if (item.kind == ItemKind::NorthArrow) {
        out.push_back({fam, QStringLiteral("北")});
    } else if (item.kind == ItemKind::SouthChinaSea) {
        if (c.southChinaSeaInset) {
            out.push_back({fam, qs(resolveText(item.text.empty() ? std::string("南海诸岛") : item.text, c))});
            out.push_back({fam, seaScaleText(seaSettings(page, page.rect(item.rect)))});
        }
    } else if (item.kind == ItemKind::Map && c.scene) {
        // The map's own labels, in their style's font: those the renderer may draw in this frame
        // (the layer's labels shown at the frame's scale, the anchor inside the frame's extent).
        // A village name with a rare character does not stop a national overview that shows no
        // village names.
        const render::MapSettings frame = frameSettings(page, page.rect(item.rect), mapExtent(page, item));
        const double scale = frame.scaleDenominator();
        const geo::Box visible = frame.visibleExtent();
        const auto addLayer = [&](const render::SceneLayer& l) {
            if (!l.style.label.enabled || scale > l.style.label.maxScaleDenominator) return;
            if (scale > l.style.maxScaleDenominator && !frame.overridesScaleRange(l.id)) return;
            for (std::size_t k = 0; k < l.labels.size(); ++k)
                if (const QPointF at = l.labels[k].anchor; at.x() >= visible.minX && at.x() <= visible.maxX && at.y() >= visible.minY &&
                                                           at.y() <= visible.maxY)
                    out.push_back({l.style.label.fontFamily.toStdString(), l.labelText(k)});
        };
        for (const auto& l : c.scene->layers)
            if (c.map.isLayerVisible(l.id)) addLayer(l);
        for (const auto& l : c.overlays) addLayer(l);
    }
    return out;
}

// White over everything outside the map frames: SVG ignores clip paths (QSvgGenerator writes
// none), so features beyond a frame's edge would spill over the page there.
void maskOutsideMaps(QPainter& painter, const Page& page, QSize size) {
    QPainterPath outside;
    outside.setFillRule(Qt::OddEvenFill);
    outside.addRect(QRectF(QPointF(0, 0), QSizeF(size)));
    bool any = false;
    for (const auto& item : page.layout.items)
        if (item.kind == ItemKind::Map) {
            outside.addRect(page.rect(item.rect));
            any = true;
        }
    if (any) painter.fillPath(outside, Qt::white);
}

// The context as the page uses it: with the main frame's scale, so the texts name only what
// the frame draws.
PageContext atFrameScale(const PageLayout& layout, const PageContext& context) {
    PageContext c = context;
    if (const auto frame = mainFrame(Page{layout, context})) c.frameScaleDenominator = frame->scaleDenominator();
    return c;
}

PageStats paint(QPainter& painter, const PageLayout& layout, const PageContext& context, bool paintMaps) {
    const PageContext scaled = atFrameScale(layout, context);
    PageStats stats;
    const Page page{layout, scaled, &stats, paintMaps};
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setRenderHint(QPainter::TextAntialiasing, true);
    const QSize size = pagePixelSize(layout);
    painter.fillRect(QRect(QPoint(0, 0), size), Qt::white);
    // Maps first, then what lies on them (inset, scale bar, north arrow), then the rest.
    const auto order = [](ItemKind k) {
        if (k == ItemKind::Map) return 0;
        if (k == ItemKind::Inset || k == ItemKind::ScaleBar || k == ItemKind::NorthArrow || k == ItemKind::SouthChinaSea ||
            k == ItemKind::MapNotice)
            return 2;
        return 1;
    };
    for (int pass = 0; pass <= 2; ++pass) {
        if (pass == 1) maskOutsideMaps(painter, page, size);
        for (const auto& item : layout.items) {
            if (order(item.kind) != pass) continue;
            const QRectF r = page.rect(item.rect);
            switch (item.kind) {
                case ItemKind::Map: paintMap(painter, page, item, stats); break;
                case ItemKind::Inset: paintInset(painter, page, r); break;
                case ItemKind::ScaleBar: paintScaleBar(painter, page, item, stats); break;
                case ItemKind::NorthArrow: paintNorthArrow(painter, page, item); break;
                case ItemKind::Legend: paintLegend(painter, page, item); break;
                case ItemKind::Table: paintTable(painter, page, item); break;
                case ItemKind::Chart: paintChart(painter, page, item); break;
                case ItemKind::SouthChinaSea: paintSouthChinaSea(painter, page, item); break;
                default: {
                    std::string text = itemText(item, page.context);
                    if (item.kind == ItemKind::Credits && !text.empty() && !textFits(page, item, qs(text))) {
                        // Too many sources for the box: their names without the packages and versions.
                        PageContext brief = page.context;
                        brief.sources = page.context.sourcesShort;
                        text = itemText(item, brief);
                    }
                    if (!text.empty()) paintText(painter, page, item, qs(text));
                }
            }
            // Items of China's map rules that the page does not need draw nothing, not even a frame.
            const bool unused = (item.kind == ItemKind::SouthChinaSea && !page.context.southChinaSeaInset) ||
                                (item.kind == ItemKind::Inset && page.context.scope == MapScope::National) ||
                                (item.kind == ItemKind::MapNotice && page.context.scope == MapScope::Local);
            if (item.frame && !unused) {
                painter.save();
                painter.setPen(QPen(QColor(0x33, 0x33, 0x33), std::max(1.0, 0.25 * page.pxPerMm())));
                painter.setBrush(Qt::NoBrush);
                painter.drawRect(r);
                painter.restore();
            }
        }
    }
    painter.restore();
    return stats;
}

}  // namespace

std::string chineseDate(const std::string& iso) {
    int y = 0, m = 0, d = 0;
    if (iso.size() == 10 && std::sscanf(iso.c_str(), "%4d-%2d-%2d", &y, &m, &d) == 3)
        return std::to_string(y) + "年" + std::to_string(m) + "月" + std::to_string(d) + "日";
    return iso;
}

std::string resolveText(const std::string& text, const PageContext& c) {
    std::string out = text;
    const auto replace = [&](const std::string& key, const std::string& value) {
        for (std::size_t pos = out.find(key); pos != std::string::npos; pos = out.find(key, pos + value.size()))
            out.replace(pos, key.size(), value);
    };
    replace("{unit}", c.unitName);
    replace("{breakdown}", c.breakdown);
    replace("{theme}", c.theme);
    replace("{as_of}", chineseDate(c.asOf));
    replace("{today}", c.today);
    replace("{sources}", join(c.sources, "；"));
    replace("{layers}", join(syntheticLayerNames(c), "、"));
    return out;
}

std::optional<render::MapSettings> mainMapSettings(const PageLayout& layout, const PageContext& context) {
    return mainFrame(Page{layout, context});
}

std::optional<render::MapSettings> southChinaSeaSettings(const PageLayout& layout, const PageContext& context) {
    const PageItem* sea = layout.first(ItemKind::SouthChinaSea);
    if (!sea || !context.southChinaSeaInset) return std::nullopt;
    const Page page{layout, context};
    return seaSettings(page, page.rect(sea->rect));
}

double frameScaleDenominator(const PageLayout& layout, const PageContext& context) {
    const auto frame = mainFrame(Page{layout, context});
    return frame ? frame->scaleDenominator() : 0;
}

QSize pagePixelSize(const PageLayout& layout) {
    return {static_cast<int>(std::lround(layout.paper.widthMm * layout.dpi / kMmPerInch)),
            static_cast<int>(std::lround(layout.paper.heightMm * layout.dpi / kMmPerInch))};
}

std::vector<MissingGlyphs> checkGlyphs(const PageLayout& layout, const PageContext& context) {
    const PageContext scaled = atFrameScale(layout, context);
    const Page page{layout, scaled};
    std::vector<MissingGlyphs> out;
    std::map<std::string, QRawFont> fonts;
    const auto rawFont = [&](const std::string& family) -> const QRawFont& {
        auto it = fonts.find(family);
        if (it == fonts.end()) {
            QFont f(qs(family));
            f.setStyleStrategy(QFont::NoFontMerging);
            f.setPixelSize(20);
            // A family that is not installed resolves to another font: check against nothing.
            const bool installed = QFontInfo(f).family().compare(qs(family), Qt::CaseInsensitive) == 0;
            it = fonts.emplace(family, installed ? QRawFont::fromFont(f) : QRawFont()).first;
        }
        return it->second;
    };
    for (std::size_t i = 0; i < layout.items.size(); ++i) {
        std::map<std::string, MissingGlyphs> byFont;
        for (const auto& [family, text] : textsOf(layout.items[i], page)) {
            const QRawFont& font = rawFont(family);
            for (const char32_t ch : text.toStdU32String()) {
                if (ch < 0x20) continue;
                if (font.isValid() && font.supportsCharacter(ch)) continue;
                auto& m = byFont[family];
                if (m.chars.find(ch) == std::u32string::npos) m.chars.push_back(ch);
            }
        }
        for (auto& [family, m] : byFont) {
            m.item = itemName(i, layout.items[i]);
            m.font = family;
            out.push_back(std::move(m));
        }
    }
    return out;
}

std::string describeMissingGlyphs(const std::vector<MissingGlyphs>& missing) {
    std::string out;
    for (const auto& m : missing) {
        char code[16];
        std::string chars;
        for (char32_t ch : m.chars) {
            std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(ch));
            chars += (chars.empty() ? "'" : ", '") + QString::fromUcs4(&ch, 1).toStdString() + "' (" + code + ")";
        }
        out += (out.empty() ? "" : "; ") + m.item + ": the font '" + m.font + "' has no glyph for " + chars;
    }
    return out.empty() ? out : "the page would print boxes instead of characters: " + out;
}

PageStats paintPage(QPainter& painter, const PageLayout& layout, const PageContext& context) {
    return paint(painter, layout, context, true);
}

PageStats layoutPage(const PageLayout& layout, const PageContext& context) {
    QPicture picture;
    QPainter painter(&picture);
    PageStats stats = paint(painter, layout, context, false);
    painter.end();
    return stats;
}

render::LegendModel pageLegend(const PageLayout& layout, const PageContext& context) {
    const PageContext scaled = atFrameScale(layout, context);
    return frameLegend(Page{layout, scaled});
}

}  // namespace hongtu::exporting
