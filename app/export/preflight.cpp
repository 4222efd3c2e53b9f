#include "export/preflight.hpp"

#include <QRegularExpression>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <map>
#include <set>
#include <variant>
#include <vector>

#include "export/page_fonts.hpp"
#include "export/scale_bar.hpp"
#include "render/map_renderer.hpp"

namespace hongtu::exporting {

namespace {

constexpr double kMmPerInch = 25.4;

std::string itemLabel(const PageLayout& layout, std::size_t i) {
    if (i >= layout.items.size()) return {};
    return "items[" + std::to_string(i) + "] (" + itemKindName(layout.items[i].kind) + ")";
}

std::string quoted(const QString& s) { return "'" + s.toStdString() + "'"; }

std::string mm(double px, double dpi) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f mm", px / dpi * kMmPerInch);
    return buf;
}

QString withoutSpace(QString s) {
    s.remove(QRegularExpression(QStringLiteral("\\s")));
    return s;
}

QString layerName(const PageContext& context, const std::string& id) {
    if (context.scene)
        if (const render::SceneLayer* l = context.scene->find(id)) return l->displayName;
    for (const auto& o : context.overlays)
        if (o.id == id) return o.displayName;
    return QString::fromStdString(id);
}

void checkLegend(const PageLayout& layout, const PageContext& context, const PageStats& page, std::vector<Finding>& out) {
    const PageItem* map = layout.first(ItemKind::Map);
    if (!map || !context.scene) return;
    const auto drawn = drawnClasses(context, page);
    if (page.legends.empty()) {
        if (!drawn.empty())
            out.push_back({"legend", "", "the map draws " + std::to_string(drawn.size()) + " symbol classes and the page has no legend"});
        return;
    }
    std::set<std::pair<std::string, QString>> listed;
    for (const auto& l : page.legends) listed.insert(l.entries.begin(), l.entries.end());
    const std::string item = itemLabel(layout, page.legends.front().item);
    // Proportional symbols: the legend shows reference sizes, the map one drawing class.
    std::set<std::string> proportional;
    for (const auto& [id, label] : drawn)
        if (const render::SceneLayer* l = context.scene->find(id); l && !l->markerSizeMm.empty()) proportional.insert(id);
    const auto listsLayer = [&](const std::string& id) {
        return std::any_of(listed.begin(), listed.end(), [&](const auto& e) { return e.first == id; });
    };
    for (const auto& [id, label] : drawn) {
        if (proportional.count(id) ? listsLayer(id) : listed.count({id, label}) > 0) continue;
        out.push_back({"legend", item,
                       "the map draws " + quoted(label) + " of " + quoted(layerName(context, id)) + " and the legend does not list it"});
    }
    for (const auto& [id, label] : listed) {
        if (proportional.count(id)) continue;
        if (drawn.count({id, label})) continue;
        out.push_back({"legend", item,
                       "the legend lists " + quoted(label) + " of " + quoted(layerName(context, id)) + ", which the map does not draw"});
    }
}

void checkTexts(const PageLayout& layout, const PageStats& page, std::vector<Finding>& out) {
    const double px = layout.dpi / kMmPerInch;
    const double tol = 0.15 * px;  // boxes that touch are not overlapping
    const QRectF pageRect(0, 0, layout.paper.widthMm * px, layout.paper.heightMm * px);
    const auto itemRect = [&](std::size_t i) {
        const RectMm& r = layout.items[i].rect;
        return QRectF(r.x * px, r.y * px, r.w * px, r.h * px);
    };
    const auto inside = [&](const QRectF& box, const QRectF& area) { return area.adjusted(-tol, -tol, tol, tol).contains(box); };
    const auto& texts = page.texts;
    for (std::size_t i = 0; i < layout.items.size(); ++i)
        if (!inside(itemRect(i), pageRect))
            out.push_back({"off-page", itemLabel(layout, i), "the item's box leaves the page"});
    for (std::size_t a = 0; a < texts.size(); ++a) {
        const DrawnText& t = texts[a];
        const QRectF box = t.box;
        if (!inside(box, pageRect)) {
            out.push_back({"off-page", itemLabel(layout, t.item), "the text " + quoted(t.text) + " leaves the page"});
            continue;
        }
        if (t.item < layout.items.size() && !inside(box, itemRect(t.item)))
            out.push_back({"outside-item", itemLabel(layout, t.item),
                           "the text " + quoted(t.text) + " leaves its item's box (" + mm(std::max({itemRect(t.item).left() - box.left(), box.right() - itemRect(t.item).right(), itemRect(t.item).top() - box.top(), box.bottom() - itemRect(t.item).bottom()}), layout.dpi) +
                               " beyond it)"});
        const QRectF core = box.adjusted(tol, tol, -tol, -tol);
        for (std::size_t i = 0; i < layout.items.size(); ++i) {
            if (i == t.item) continue;
            const QRectF other = itemRect(i);
            // An item lying on another (the scale bar on the map) is inside it: only a text that
            // straddles the other item's edge crosses it.
            if (core.intersects(other) && !inside(box, other) && !(t.item < layout.items.size() && other.contains(itemRect(t.item))))
                out.push_back({"crosses-item", itemLabel(layout, t.item),
                               "the text " + quoted(t.text) + " crosses the edge of " + itemLabel(layout, i)});
        }
        for (std::size_t b = a + 1; b < texts.size(); ++b)
            if (core.intersects(texts[b].box.adjusted(tol, tol, -tol, -tol)))
                out.push_back({"overlap", itemLabel(layout, t.item),
                               "the text " + quoted(t.text) + " overlaps " + quoted(texts[b].text) +
                                   (texts[b].item != t.item ? " of " + itemLabel(layout, texts[b].item) : std::string())});
    }
    // Paragraphs: all their lines drawn (nothing cut or elided), broken by the Chinese rule.
    for (std::size_t a = 0; a < texts.size();) {
        std::size_t b = a + 1;
        while (b < texts.size() && texts[b].line > 0 && texts[b].source == texts[a].source && texts[b].item == texts[a].item) ++b;
        QString joined;
        for (std::size_t k = a; k < b; ++k) joined += texts[k].text;
        const QString& source = texts[a].source;
        const std::string item = itemLabel(layout, texts[a].item);
        if (withoutSpace(joined) != withoutSpace(source) ||
            (joined.contains(QChar(0x2026)) && !source.contains(QChar(0x2026))))
            out.push_back({"elided", item, "the text " + quoted(source) + " is printed as " + quoted(joined)});
        for (std::size_t k = a; k < b; ++k) {
            const QString& line = texts[k].text;
            if (k > a && !line.isEmpty() && isClosingMark(line.front()))
                out.push_back({"line-break", item, "a line of " + quoted(source) + " starts with " + quoted(line.left(1))});
            if (k + 1 < b && !line.isEmpty() && isOpeningMark(line.back()))
                out.push_back({"line-break", item, "a line of " + quoted(source) + " ends with " + quoted(line.right(1))});
        }
        a = b;
    }
}

void checkScaleBar(const PageLayout& layout, const PageContext& context, const PageStats& page, std::vector<Finding>& out) {
    const PageItem* bar = layout.first(ItemKind::ScaleBar);
    if (!bar || page.scaleText.empty()) return;
    const std::size_t index = static_cast<std::size_t>(bar - layout.items.data());
    std::string digits;
    for (const char c : page.scaleText.substr(page.scaleText.find(':') + 1))
        if (c >= '0' && c <= '9') digits += c;
    const double printed = digits.empty() ? 0 : std::stod(digits);
    const double barScale = page.scaleBarMm > 0 ? page.scaleBarKm * 1e6 / page.scaleBarMm : 0;
    const double frame = page.scaleDenominator;
    const auto off = [](double a, double b) { return b > 0 ? std::abs(a - b) / b : 1.0; };
    (void)context;
    // The numeric scale is rounded to three significant digits (0.5%); the bar is measured on
    // the ellipsoid and the frame's scale on the grid (the Gauss-Krüger scale factor, < 1%).
    const auto n = [](double v) { return std::to_string(static_cast<long long>(std::llround(v))); };
    char barText[64];
    std::snprintf(barText, sizeof barText, "%g km on %.1f mm", page.scaleBarKm, page.scaleBarMm);
    if (off(printed, barScale) > 0.006)
        out.push_back({"scale-bar", itemLabel(layout, index),
                       std::string("the bar (") + barText + ") says 1:" + n(barScale) + ", its text " + page.scaleText});
    if (off(barScale, frame) > 0.01)
        out.push_back({"scale-bar", itemLabel(layout, index),
                       std::string("the bar (") + barText + ") says 1:" + n(barScale) + ", the map frame is drawn at 1:" + n(frame)});
}

// Points whose markers overprint: the frame's extent cut into cells one marker across; a point
// sharing its cell with another is drawn (at least partly) over it.
void checkOverprint(const PageLayout& layout, const PageContext& context, const PageStats& page, std::vector<Finding>& out) {
    if (!context.scene || page.frameMapUnitsPerMm <= 0) return;
    const PageItem* map = layout.first(ItemKind::Map);
    if (!map) return;
    const std::size_t index = static_cast<std::size_t>(map - layout.items.data());
    const geo::Box& view = page.frameExtent;
    for (const auto& [id, counts] : page.drawnPerClass) {
        const render::SceneLayer* layer = context.scene->find(id);
        if (!layer || layer->points.empty() || !layer->paths.empty()) continue;
        // Only where the page set the layer's scale range aside: inside its range the style's
        // author chose the density (the demo's project markers touch by design).
        if (!context.map.overridesScaleRange(id) || !(page.scaleDenominator > layer->style.maxScaleDenominator)) continue;
        std::size_t drawn = 0;
        for (const auto n : counts) drawn += n;
        if (drawn < 100) continue;
        const auto* marker = std::get_if<render::MarkerSymbol>(&layer->style.symbol);
        if (!marker || !layer->markerSizeMm.empty()) continue;  // proportional symbols overlap by design
        const double cell = (marker->sizeMm + 2 * marker->strokeWidthMm) * page.frameMapUnitsPerMm;
        if (!(cell > 0) || !(view.width() / cell < 1e6) || !(view.height() / cell < 1e6)) continue;
        const auto columns = static_cast<std::uint64_t>(view.width() / cell) + 1;
        std::vector<std::uint64_t> cells;
        cells.reserve(layer->points.size());
        for (const QPointF& p : layer->points) {
            if (!(p.x() >= view.minX && p.x() <= view.maxX && p.y() >= view.minY && p.y() <= view.maxY)) continue;
            cells.push_back(static_cast<std::uint64_t>((p.y() - view.minY) / cell) * columns +
                            static_cast<std::uint64_t>((p.x() - view.minX) / cell));
        }
        std::sort(cells.begin(), cells.end());
        std::size_t shared = 0;
        for (std::size_t i = 0; i < cells.size();) {
            std::size_t j = i + 1;
            while (j < cells.size() && cells[j] == cells[i]) ++j;
            if (j - i > 1) shared += j - i;
            i = j;
        }
        if (cells.empty() || shared * 4 <= cells.size()) continue;
        char text[400];
        std::snprintf(text, sizeof text,
                      "%zu of the %zu points of '%s' in the frame are drawn over another at 1:%.0f (%.1f mm markers): the dots "
                      "merge into areas; zoom in (a province or county page) or leave the layer out",
                      shared, cells.size(), layerName(context, id).toStdString().c_str(), page.scaleDenominator, marker->sizeMm);
        out.push_back({"overprint", itemLabel(layout, index), text});
    }
}

// The subtitle names the unit the statistics are by ({breakdown}: 按乡镇统计); the map's thematic
// layers must colour or size by that unit too.
void checkBreakdown(const PageLayout& layout, const PageContext& context, const PageStats& page, std::vector<Finding>& out) {
    if (context.breakdownLevel.empty()) return;
    std::size_t index = layout.items.size();
    for (std::size_t i = 0; i < layout.items.size(); ++i)
        if (layout.items[i].text.find("{breakdown}") != std::string::npos) index = std::min(index, i);
    if (index == layout.items.size()) return;
    const auto word = [](const std::string& level) {
        return level == "county" ? std::string("county") : level == "township" ? std::string("township")
                                                                               : std::string("village");
    };
    for (const auto& [id, counts] : page.drawnPerClass) {
        const auto it = context.thematicLevels.find(id);
        if (it == context.thematicLevels.end() || it->second == context.breakdownLevel) continue;
        std::size_t drawn = 0;
        for (const auto n : counts) drawn += n;
        if (drawn == 0) continue;
        out.push_back({"subtitle", itemLabel(layout, index),
                       "the text says " + context.breakdown + " (by " + word(context.breakdownLevel) + ") and the map shows " +
                           quoted(layerName(context, id)) + " by " + word(it->second)});
    }
}

// China's map rules (docs/export.md): a national map shows the whole territory, national pages
// and those of Hainan and Guangdong carry the South China Sea inset with the dashed line, and
// national and provincial pages print the map notice.
void checkMapRules(const PageLayout& layout, const PageContext& context, const PageStats& page, std::vector<Finding>& out) {
    if (context.scope == MapScope::Local || !layout.first(ItemKind::Map)) return;
    const std::string scope = context.scope == MapScope::National ? "a national map" : "a provincial map";
    const auto drawn = [&](const std::string& id) {
        for (const auto& [layer, counts] : page.drawnPerClass)
            if (layer == id)
                for (const auto n : counts)
                    if (n > 0) return true;
        return false;
    };
    if (context.scope == MapScope::National) {
        // Taiwan, Hong Kong and Macau: the areas without division codes, drawn in the frame.
        const render::SceneLayer* admin = context.scene ? context.scene->find("admin_areas") : nullptr;
        std::set<std::string> regions;
        if (admin)
            for (std::size_t i = 0; i < admin->itemCount(); ++i) regions.insert(admin->text(i, "region"));
        std::string missing;
        for (const char* r : {"台湾省", "香港特别行政区", "澳门特别行政区"})
            if (!regions.count(r)) missing += (missing.empty() ? "" : "、") + std::string(r);
        if (!missing.empty())
            out.push_back({"territory", "", scope + " without " + missing + " is a problem map (问题地图): the project has no admin_areas for them (build it "
                                                                            "with hongtu dataset build-national)"});
        else if (!drawn("admin_areas"))
            out.push_back({"territory", "", scope + " must draw 台湾省、香港、澳门: the layer admin_areas is switched off"});
    }
    if (context.southChinaSeaInset) {
        const PageItem* sea = layout.first(ItemKind::SouthChinaSea);
        if (!sea)
            out.push_back({"south-china-sea", "",
                           scope + " needs the South China Sea inset (南海诸岛附图): the layout has no south_china_sea item"});
        const render::SceneLayer* line = context.scene ? context.scene->find("sea_boundary") : nullptr;
        if (!line || !context.map.isLayerVisible("sea_boundary"))
            out.push_back({"south-china-sea", sea ? itemLabel(layout, static_cast<std::size_t>(sea - layout.items.data())) : "",
                           std::string("the South China Sea dashed line is not drawn: ") +
                               (line ? "the layer sea_boundary is switched off" : "the project has no sea_boundary layer (build it with hongtu dataset build-national)")});
    }
    const PageItem* notice = layout.first(ItemKind::MapNotice);
    bool printed = false;
    if (notice)
        for (const auto& t : page.texts)
            printed = printed || (t.item == static_cast<std::size_t>(notice - layout.items.data()) && !t.text.isEmpty());
    if (!printed)
        out.push_back({"map-notice", notice ? itemLabel(layout, static_cast<std::size_t>(notice - layout.items.data())) : "",
                       scope + " must say what it is (" + std::string(kDefaultMapNotice) + "): " +
                           (notice ? "the notice is empty" : "the layout has no map_notice item")});
}

}  // namespace

std::set<std::pair<std::string, QString>> drawnClasses(const PageContext& context, const PageStats& page) {
    std::set<std::pair<std::string, QString>> out;
    if (!context.scene) return out;
    for (const auto& [id, counts] : page.drawnPerClass) {
        const render::SceneLayer* layer = context.scene->find(id);
        for (const auto& o : context.overlays)
            if (o.id == id) layer = &o;
        if (!layer) continue;
        const render::LayerClasses day = render::classesAsOf(*layer, context.map.asOf, context.map.dueSoonDays);
        const bool classified = !day.classes.empty() && day.itemClass.size() == layer->itemCount();
        for (std::size_t c = 0; c < counts.size(); ++c) {
            if (counts[c] == 0) continue;
            QString label = classified ? day.classes[c].label : QString();
            if (label.isEmpty()) label = layer->displayName;
            out.insert({id, label});
        }
    }
    return out;
}

std::vector<Finding> checkPage(const PageLayout& layout, const PageContext& context, const PageStats& page) {
    std::vector<Finding> out;
    checkLegend(layout, context, page, out);
    checkTexts(layout, page, out);
    for (const auto& m : checkGlyphs(layout, context)) {
        std::string chars;
        for (const char32_t ch : m.chars) {
            char code[16];
            std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(ch));
            chars += (chars.empty() ? "" : ", ") + QString::fromUcs4(&ch, 1).toStdString() + " (" + code + ")";
        }
        out.push_back({"glyph", m.item, "the font '" + m.font + "' has no glyph for " + chars});
    }
    checkScaleBar(layout, context, page, out);
    checkBreakdown(layout, context, page, out);
    checkOverprint(layout, context, page, out);
    checkMapRules(layout, context, page, out);
    for (const auto& m : page.misfits) {
        const auto colon = m.find(": ");
        out.push_back({"fit", m.substr(0, colon), colon == std::string::npos ? m : m.substr(colon + 2)});
    }
    if (const std::string problem = pageFontProblem(); !problem.empty()) out.push_back({"pdf-text", "", problem});
    return out;
}

std::vector<Finding> preflight(const PageLayout& layout, const PageContext& context) {
    return checkPage(layout, context, layoutPage(layout, context));
}

std::string describeFinding(const Finding& f) {
    return (f.item.empty() ? std::string("page") : f.item) + ": " + f.check + ": " + f.message;
}

}  // namespace hongtu::exporting
