#include "export/page_painter.hpp"

#include <QFont>
#include <QFontInfo>
#include <QFontMetricsF>
#include <QPainterPath>
#include <QRawFont>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "export/scale_bar.hpp"
#include "render/legend_swatch.hpp"
#include "render/map_renderer.hpp"

namespace hongtu::exporting {

namespace {

constexpr double kMmPerInch = 25.4;

QString qs(const std::string& s) { return QString::fromStdString(s); }

struct Page {
    const PageLayout& layout;
    const PageContext& context;
    double pxPerMm() const { return layout.dpi / kMmPerInch; }
    QRectF rect(const RectMm& r) const { return {r.x * pxPerMm(), r.y * pxPerMm(), r.w * pxPerMm(), r.h * pxPerMm()}; }
    QFont font(double pt, bool bold = false) const {
        QFont f(qs(layout.fontFamily));
        f.setPixelSize(std::max(1, static_cast<int>(std::lround(pt * layout.dpi / 72))));
        f.setBold(bold);
        // No fallback font (a missing glyph must not come from another font), and no shaping where
        // the script does not need it: shaped digit glyphs are not in the font's character map, and
        // the PDF's text layer then lost them.
        f.setStyleStrategy(QFont::StyleStrategy(QFont::NoFontMerging | QFont::PreferNoShaping));
        return f;
    }
};

std::string itemName(std::size_t index, const PageItem& item) {
    return "items[" + std::to_string(index) + "] (" + itemKindName(item.kind) + ")";
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
    return s;
}

// The scene the main map draws: the visible project layers (simplified to half a device pixel
// when asked) and the overlays on top.
render::Scene frameScene(const Page& page, const render::MapSettings& settings, PageStats& stats) {
    render::Scene scene;
    if (!page.context.scene) return scene;
    scene.displayCrs = page.context.scene->displayCrs;
    const double tolerance = settings.mapUnitsPerPixel() * 0.5;
    for (const auto& layer : page.context.scene->layers) {
        if (!render::layerDrawn(layer, settings)) continue;
        scene.layers.push_back(layer);
        if (!page.context.simplify) continue;
        for (auto& path : scene.layers.back().paths) path = simplified(path, tolerance, stats.verticesBefore, stats.verticesAfter);
    }
    for (const auto& overlay : page.context.overlays) scene.layers.push_back(overlay);
    return scene;
}

void paintMap(QPainter& painter, const Page& page, const QRectF& frame, PageStats& stats) {
    if (!page.context.scene) return;
    render::MapSettings settings = frameSettings(page, frame, page.context.map.extent);
    for (const auto& o : page.context.overlays) settings.visibleLayerIds.push_back(o.id);
    const render::Scene scene = frameScene(page, settings, stats);
    painter.save();
    painter.translate(frame.topLeft());
    painter.setClipRect(QRectF(QPointF(0, 0), frame.size()));
    const render::RenderStats r = render::renderMap(scene, settings, painter);
    painter.restore();
    stats.featuresDrawn += r.featuresDrawn;
    if (stats.scaleDenominator == 0) stats.scaleDenominator = settings.scaleDenominator();
}

// The first map frame's settings (scale bar, north arrow and inset refer to it).
std::optional<render::MapSettings> mainFrame(const Page& page) {
    const PageItem* map = page.layout.first(ItemKind::Map);
    if (!map || !page.context.scene) return std::nullopt;
    return frameSettings(page, page.rect(map->rect), page.context.map.extent);
}

void paintInset(QPainter& painter, const Page& page, const QRectF& rect) {
    if (!page.context.scene) return;
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
    painter.save();
    // A white plate under the bar keeps it readable over the map.
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(255, 255, 255, 215));
    const double textW = fm.horizontalAdvance(qs(ScaleBar::lengthText(bar->lengthKm)));
    painter.drawRect(QRectF(r.left(), r.top(), std::min(r.width(), len + 6 * px + textW / 2), r.height()));
    painter.setFont(font);
    painter.setPen(QPen(Qt::black, std::max(1.0, 0.15 * px)));
    const double seg = len / bar->segments;
    for (int i = 0; i < bar->segments; ++i) {
        painter.setBrush(i % 2 == 0 ? QColor(Qt::black) : QColor(Qt::white));
        painter.drawRect(QRectF(x0 + i * seg, y0, seg, h));
    }
    painter.setPen(Qt::black);
    painter.drawText(QPointF(x0, r.top() + fm.ascent()), qs(bar->scaleText()));
    const double ty = y0 + h + fm.ascent() + 0.3 * px;
    painter.drawText(QPointF(x0 - fm.horizontalAdvance(QStringLiteral("0")) / 2, ty), QStringLiteral("0"));
    const QString end = qs(ScaleBar::lengthText(bar->lengthKm));
    painter.drawText(QPointF(x0 + len - fm.horizontalAdvance(end) / 2, ty), end);
    painter.restore();
    stats.scaleBarKm = bar->lengthKm;
    stats.scaleBarMm = bar->lengthMm;
}

void paintNorthArrow(QPainter& painter, const Page& page, const PageItem& item) {
    const auto frame = mainFrame(page);
    const QRectF r = page.rect(item.rect);
    const double angle = frame ? trueNorthAngle(*frame) : 0;
    const QFont font = page.font(std::max(6.0, item.rect.w * 0.9), true);
    const QFontMetricsF fm(font);
    painter.save();
    painter.setFont(font);
    painter.setPen(Qt::black);
    painter.drawText(QRectF(r.left(), r.top(), r.width(), fm.height()), Qt::AlignHCenter | Qt::AlignTop, QStringLiteral("北"));
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

// --- Legend -------------------------------------------------------------------------------------

struct LegendRow {
    bool heading = false;
    QString text;
    const render::SceneLayer* layer = nullptr;
    const render::Symbol* symbol = nullptr;  // nullptr for headings
};

// The legend lists what the first map frame draws (its scale hides some layers).
std::vector<LegendRow> legendRows(const Page& page) {
    const PageContext& c = page.context;
    std::vector<LegendRow> rows;
    if (!c.scene) return rows;
    const std::optional<render::MapSettings> frame = mainFrame(page);
    std::vector<const render::SceneLayer*> layers;
    for (const auto& o : c.overlays)
        if (!o.displayName.isEmpty()) layers.push_back(&o);
    for (auto it = c.scene->layers.rbegin(); it != c.scene->layers.rend(); ++it)
        if (frame ? render::layerDrawn(*it, *frame) : c.map.isLayerVisible(it->id)) layers.push_back(&*it);
    std::reverse(layers.begin(), layers.begin() + static_cast<long>(std::count_if(c.overlays.begin(), c.overlays.end(),
                                                                                     [](const auto& o) { return !o.displayName.isEmpty(); })));
    for (const render::SceneLayer* l : layers) {
        if (l->classes.empty()) {
            rows.push_back({false, l->displayName, l, &l->style.symbol});
            continue;
        }
        // The layer's name first: three layers may share one theme title (建设状态 of venues,
        // community venues and housing), and the printed legend must say which is which.
        const QString& title = l->style.legendTitle;
        rows.push_back({true, title.isEmpty() || title == l->displayName ? l->displayName : l->displayName + QStringLiteral("：") + title,
                        l, nullptr});
        for (const auto& cls : l->classes) {
            if (cls.count == 0 && l->id != "counties") continue;
            rows.push_back({false, cls.label.isEmpty() ? l->displayName : cls.label, l, &cls.symbol});
        }
    }
    return rows;
}

// An item's own title (legend, chart) at the top of its box; returns the y below it, `gapMm` on.
double paintItemTitle(QPainter& painter, const Page& page, const PageItem& item, const QFont& font, double gapMm) {
    const QRectF r = page.rect(item.rect);
    if (item.text.empty()) return r.top();
    painter.setFont(font);
    painter.setPen(Qt::black);
    const QFontMetricsF tf(font);
    painter.drawText(QPointF(r.left(), r.top() + tf.ascent()), qs(resolveText(item.text, page.context)));
    return r.top() + tf.height() + gapMm * page.pxPerMm();
}

void paintLegend(QPainter& painter, const Page& page, const PageItem& item) {
    const QRectF r = page.rect(item.rect);
    const auto rows = legendRows(page);
    const QFont titleFont = page.font(item.fontPt * 1.2, true);
    const double px = page.pxPerMm();
    painter.save();
    painter.setClipRect(r.adjusted(-1, -1, 1, 1));
    double y = paintItemTitle(painter, page, item, titleFont, 0.8);
    // Shrink the type until the rows fit in one or two columns.
    // A heading wider than its column takes two lines (it may carry "synthetic data").
    const auto linesOf = [&](const LegendRow& row, double pt, double colW) {
        return row.heading && QFontMetricsF(page.font(pt, true)).horizontalAdvance(row.text) > colW - px ? 2 : 1;
    };
    const auto linesNeeded = [&](double pt, double colW) {
        int n = 0;
        for (const auto& row : rows) n += linesOf(row, pt, colW);
        return static_cast<double>(n);
    };
    double pt = item.fontPt;
    int columns = 1;
    for (;; pt *= 0.92) {
        const double rowH = QFontMetricsF(page.font(pt)).height() * 1.35;
        const double perColumn = std::floor((r.bottom() - y) / rowH);
        if (perColumn >= linesNeeded(pt, r.width())) { columns = 1; break; }
        if (2 * perColumn >= linesNeeded(pt, r.width() / 2) + 1 && r.width() > 60 * px) { columns = 2; break; }
        if (pt < 4.5) break;
    }
    const QFont font = page.font(pt), bold = page.font(pt, true);
    const QFontMetricsF fm(font);
    const double rowH = fm.height() * 1.35;
    const double swatchW = fm.height() * 1.6, swatchH = fm.height() * 1.0;
    const double colW = r.width() / columns;
    const double top = y;
    int column = 0;
    for (const auto& row : rows) {
        const int lines = linesOf(row, pt, colW);
        if (y + lines * rowH > r.bottom() + 0.5) {
            if (++column >= columns) break;
            y = top;
        }
        const double x = r.left() + column * colW;
        painter.setPen(QColor(0x22, 0x22, 0x22));
        if (row.heading) {
            painter.setFont(bold);
            if (lines == 1) {
                painter.drawText(QPointF(x, y + (rowH - fm.height()) / 2 + fm.ascent()), row.text);
            } else {
                // Two lines, broken where the first one is full; the rest elided if still too long.
                const QFontMetricsF bm(bold);
                int cut = static_cast<int>(row.text.size());
                while (cut > 1 && bm.horizontalAdvance(row.text.left(cut)) > colW - px) --cut;
                painter.drawText(QPointF(x, y + (rowH - fm.height()) / 2 + fm.ascent()), row.text.left(cut));
                painter.drawText(QPointF(x, y + rowH + (rowH - fm.height()) / 2 + fm.ascent()),
                                 bm.elidedText(row.text.mid(cut), Qt::ElideRight, colW - px));
            }
            y += (lines - 1) * rowH;
        } else {
            const QSize sw(std::max(1, static_cast<int>(swatchW)), std::max(1, static_cast<int>(swatchH)));
            const QImage swatch = render::renderSymbolSwatch(*row.symbol, row.layer->kind, sw, page.layout.dpi);
            painter.drawImage(QPointF(x + 0.5 * px, y + (rowH - swatchH) / 2), swatch);
            painter.setFont(font);
            const double tx = x + 0.5 * px + swatchW + 1.2 * px;
            const QString t = fm.elidedText(row.text, Qt::ElideRight, colW - (tx - x) - px);
            painter.drawText(QPointF(tx, y + (rowH - fm.height()) / 2 + fm.ascent()), t);
        }
        y += rowH;
    }
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

// How many rows fit, and at what size.
struct TableFit {
    double pt = 0, rowH = 0;
    std::size_t shown = 0;  // data rows drawn; the rest are summarised in one line
};

TableFit fitTable(const Page& page, const PageItem& item, const TableRows& t, double height) {
    TableFit fit;
    const std::size_t needed = t.rows.size() + 1;  // + header
    for (fit.pt = item.fontPt;; fit.pt *= 0.92) {
        fit.rowH = QFontMetricsF(page.font(fit.pt)).height() * 1.3;
        const auto rows = static_cast<std::size_t>(std::floor(height / fit.rowH));
        if (rows >= needed) { fit.shown = t.rows.size(); return fit; }
        if (fit.pt < 5) {
            fit.shown = rows >= 3 ? rows - 2 : 0;  // header + "... N more"
            return fit;
        }
    }
}

QString moreRowsText(std::size_t n) { return QStringLiteral("……另有 %1 行").arg(n); }

void paintTable(QPainter& painter, const Page& page, const PageItem& item) {
    const TableRows& t = rowsFor(page.context, item);
    if (t.header.empty() && t.rows.empty()) return;
    const QRectF r = page.rect(item.rect);
    const double px = page.pxPerMm();
    const TableFit fit = fitTable(page, item, t, r.height());
    const QFont font = page.font(fit.pt), bold = page.font(fit.pt, true);
    const QFontMetricsF fm(font), bm(bold);
    const std::size_t cols = std::max(t.header.size(), t.rows.empty() ? 0 : t.rows.front().size());
    // Column widths from the widest text, scaled to the item's width.
    std::vector<double> widths(cols, 0);
    for (std::size_t c = 0; c < t.header.size(); ++c) widths[c] = bm.horizontalAdvance(qs(t.header[c])) + 2 * px;
    for (std::size_t i = 0; i < fit.shown; ++i)
        for (std::size_t c = 0; c < t.rows[i].size() && c < cols; ++c)
            widths[c] = std::max(widths[c], fm.horizontalAdvance(qs(t.rows[i][c])) + 2 * px);
    double total = 0;
    for (double w : widths) total += w;
    if (total <= 0) return;
    for (double& w : widths) w *= r.width() / total;
    painter.save();
    painter.setClipRect(r.adjusted(-1, -1, 1, 1));
    double y = r.top();
    const auto drawRow = [&](const std::vector<std::string>& cells, bool header) {
        if (header) {
            painter.fillRect(QRectF(r.left(), y, r.width(), fit.rowH), QColor(0xe8, 0xe4, 0xda));
        }
        painter.setFont(header ? bold : font);
        painter.setPen(QColor(0x22, 0x22, 0x22));
        double x = r.left();
        for (std::size_t c = 0; c < cols; ++c) {
            const QString text = c < cells.size() ? qs(cells[c]) : QString();
            double v = 0;
            const bool right = !header && c > 0 && (isNumeric(cells.size() > c ? cells[c] : "", v) || text.endsWith('%'));
            const QRectF cell(x + px, y, widths[c] - 2 * px, fit.rowH);
            painter.drawText(cell, Qt::AlignVCenter | (right ? Qt::AlignRight : Qt::AlignLeft),
                             (header ? bm : fm).elidedText(text, Qt::ElideRight, cell.width()));
            x += widths[c];
        }
        y += fit.rowH;
        painter.setPen(QPen(QColor(0xbb, 0xbb, 0xbb), std::max(1.0, 0.1 * px)));
        painter.drawLine(QPointF(r.left(), y), QPointF(r.right(), y));
    };
    drawRow(t.header, true);
    for (std::size_t i = 0; i < fit.shown; ++i) drawRow(t.rows[i], t.rows[i].front() == "合计");
    if (fit.shown < t.rows.size()) drawRow({moreRowsText(t.rows.size() - fit.shown).toStdString()}, false);
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
    const QFont titleFont = page.font(item.fontPt * 1.1, true);
    const QFontMetricsF tf(titleFont);
    painter.save();
    painter.setClipRect(r.adjusted(-1, -1, 1, 1));
    double y = paintItemTitle(painter, page, item, titleFont, 0.5);
    const double barH = (r.bottom() - y) / static_cast<double>(bars.size());
    const double pt = std::min(item.fontPt, barH * 0.8 / page.layout.dpi * 72);
    const QFont font = page.font(pt);
    const QFontMetricsF fm(font);
    double labelW = 0, maxV = 0;
    for (const auto& b : bars) {
        labelW = std::max(labelW, fm.horizontalAdvance(b.label));
        maxV = std::max(maxV, b.value);
    }
    const QString maxText = QString::number(maxV, 'f', 1);
    const double x0 = r.left() + labelW + px;
    const double span = std::max(1.0, r.right() - x0 - fm.horizontalAdvance(maxText) - px);
    painter.setFont(font);
    for (std::size_t i = 0; i < bars.size(); ++i) {
        const double by = y + static_cast<double>(i) * barH;
        painter.setPen(QColor(0x22, 0x22, 0x22));
        painter.drawText(QRectF(r.left(), by, labelW, barH), Qt::AlignRight | Qt::AlignVCenter, bars[i].label);
        const double w = maxV > 0 ? span * bars[i].value / maxV : 0;
        painter.fillRect(QRectF(x0, by + barH * 0.15, w, barH * 0.7), QColor(0x41, 0xab, 0x5d));
        painter.drawText(QRectF(x0 + w + 0.5 * px, by, r.right() - x0 - w, barH), Qt::AlignLeft | Qt::AlignVCenter,
                         QString::number(bars[i].value, 'f', 1));
    }
    painter.restore();
}

// --- Text items ---------------------------------------------------------------------------------

bool drawsText(ItemKind k) {
    return k == ItemKind::Title || k == ItemKind::Subtitle || k == ItemKind::Text || k == ItemKind::Credits ||
           k == ItemKind::DataDate || k == ItemKind::SyntheticNotice;
}

void paintText(QPainter& painter, const Page& page, const PageItem& item, const QString& text) {
    const QRectF r = page.rect(item.rect);
    // Shrink a text that is too wide for its box rather than cut it.
    double pt = item.fontPt;
    QFont font = page.font(pt, item.bold);
    while (QFontMetricsF(font).horizontalAdvance(text) > r.width() && pt > 4) {
        pt *= 0.95;
        font = page.font(pt, item.bold);
    }
    painter.save();
    painter.setFont(font);
    painter.setPen(item.kind == ItemKind::SyntheticNotice ? QColor(0xb0, 0x1c, 0x12) : QColor(0x11, 0x11, 0x11));
    const Qt::Alignment h = item.align == Align::Center ? Qt::AlignHCenter : (item.align == Align::Right ? Qt::AlignRight : Qt::AlignLeft);
    painter.drawText(r, h | Qt::AlignVCenter, text);
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
        out.push_back({fam, qs(resolveText(item.text, c))});
        for (const auto& row : legendRows(page)) out.push_back({fam, row.text});
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
    } else if (item.kind == ItemKind::Map && c.scene) {
        // The map's own labels, in their style's font: those the renderer may draw in this frame
        // (the layer's labels shown at the frame's scale, the anchor inside the frame's extent).
        // A village name with a rare character does not stop a national overview that shows no
        // village names.
        const render::MapSettings frame = frameSettings(page, page.rect(item.rect), c.map.extent);
        const double scale = frame.scaleDenominator();
        const geo::Box visible = frame.visibleExtent();
        const auto addLayer = [&](const render::SceneLayer& l) {
            if (!l.style.label.enabled || scale > l.style.label.maxScaleDenominator || scale > l.style.maxScaleDenominator) return;
            for (const auto& label : l.labels)
                if (label.anchor.x() >= visible.minX && label.anchor.x() <= visible.maxX && label.anchor.y() >= visible.minY &&
                    label.anchor.y() <= visible.maxY)
                    out.push_back({l.style.label.fontFamily.toStdString(), label.text});
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

// The context as the page uses it: with the main frame's scale, so the texts name only what
// the frame draws.
static PageContext atFrameScale(const PageLayout& layout, const PageContext& context) {
    PageContext c = context;
    if (const auto frame = mainFrame(Page{layout, context})) c.frameScaleDenominator = frame->scaleDenominator();
    return c;
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
    const PageContext scaled = atFrameScale(layout, context);
    const Page page{layout, scaled};
    PageStats stats;
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setRenderHint(QPainter::TextAntialiasing, true);
    const QSize size = pagePixelSize(layout);
    painter.fillRect(QRect(QPoint(0, 0), size), Qt::white);
    // Maps first, then what lies on them (inset, scale bar, north arrow), then the rest.
    const auto order = [](ItemKind k) {
        if (k == ItemKind::Map) return 0;
        if (k == ItemKind::Inset || k == ItemKind::ScaleBar || k == ItemKind::NorthArrow) return 2;
        return 1;
    };
    for (int pass = 0; pass <= 2; ++pass) {
        if (pass == 1) maskOutsideMaps(painter, page, size);
        for (const auto& item : layout.items) {
            if (order(item.kind) != pass) continue;
            const QRectF r = page.rect(item.rect);
            switch (item.kind) {
                case ItemKind::Map: paintMap(painter, page, r, stats); break;
                case ItemKind::Inset: paintInset(painter, page, r); break;
                case ItemKind::ScaleBar: paintScaleBar(painter, page, item, stats); break;
                case ItemKind::NorthArrow: paintNorthArrow(painter, page, item); break;
                case ItemKind::Legend: paintLegend(painter, page, item); break;
                case ItemKind::Table: paintTable(painter, page, item); break;
                case ItemKind::Chart: paintChart(painter, page, item); break;
                default: {
                    const std::string text = itemText(item, page.context);
                    if (!text.empty()) paintText(painter, page, item, qs(text));
                }
            }
            if (item.frame) {
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

}  // namespace hongtu::exporting
