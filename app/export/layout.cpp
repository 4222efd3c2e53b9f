#include "export/layout.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <utility>

#include "hongtu/geo/json_reader.hpp"

namespace hongtu::exporting {

namespace {

using nlohmann::json;

constexpr std::array<std::pair<ItemKind, const char*>, 15> kKindNames{{
    {ItemKind::Map, "map"},
    {ItemKind::Title, "title"},
    {ItemKind::Subtitle, "subtitle"},
    {ItemKind::Legend, "legend"},
    {ItemKind::ScaleBar, "scale_bar"},
    {ItemKind::NorthArrow, "north_arrow"},
    {ItemKind::DataDate, "data_date"},
    {ItemKind::Credits, "credits"},
    {ItemKind::SyntheticNotice, "synthetic_notice"},
    {ItemKind::Inset, "inset"},
    {ItemKind::Table, "table"},
    {ItemKind::Chart, "chart"},
    {ItemKind::Text, "text"},
    {ItemKind::SouthChinaSea, "south_china_sea"},
    {ItemKind::MapNotice, "map_notice"},
}};

std::string kindList() {
    std::string out;
    for (const auto& [kind, name] : kKindNames) out += (out.empty() ? "" : ", ") + std::string(name);
    return out;
}

const char* alignName(Align a) {
    switch (a) {
        case Align::Left: return "left";
        case Align::Center: return "center";
        case Align::Right: return "right";
    }
    return "left";
}

// Bad values are named by key path (geo/json_reader.hpp) in these words; layoutFromJson turns the
// one JsonKeyError into a geo::Error.
std::string trimmedNumber(double d) {
    std::string s = std::to_string(d);
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
}

std::string outsideRange(const json& value, double min, double max) {
    return "must be between " + trimmedNumber(min) + " and " + trimmedNumber(max) + ", not " + value.dump();
}

constexpr geo::JsonWording kWording{"(top level)", "must be an object { ... }", "must be text in quotes", "must be a number",
                                    "must be true or false", "is missing", "unknown key", &outsideRange};

using geo::failAtKey;

// One object of a layout, read in the layout's words.
geo::JsonObjectReader objectReader(const json& j, std::string path) { return {j, std::move(path), kWording}; }

Orientation orientationFrom(const std::string& s, const std::string& path) {
    if (s == "portrait") return Orientation::Portrait;
    if (s == "landscape") return Orientation::Landscape;
    failAtKey(path, "must be 'portrait' or 'landscape', not '" + s + "'");
}

PageItem readItem(const json& j, const std::string& path) {
    auto r = objectReader(j, path);
    PageItem item;
    const json& kind = r.require("kind");
    if (!kind.is_string()) failAtKey(r.pathOf("kind"), "must be text");
    const auto k = itemKindFromName(kind.get<std::string>());
    if (!k) failAtKey(r.pathOf("kind"), "unknown item kind '" + kind.get<std::string>() + "' (known: " + kindList() + ")");
    item.kind = *k;
    const json& rect = r.require("rect_mm");
    if (!rect.is_array() || rect.size() != 4 || !std::all_of(rect.begin(), rect.end(), [](const json& v) { return v.is_number(); }))
        failAtKey(r.pathOf("rect_mm"), "must be [x, y, width, height] in millimetres");
    item.rect = {rect[0].get<double>(), rect[1].get<double>(), rect[2].get<double>(), rect[3].get<double>()};
    if (!(item.rect.w > 0) || !(item.rect.h > 0)) failAtKey(r.pathOf("rect_mm"), "width and height must be positive");
    // Paper is at most 5000 mm a side: an item 100 000 mm wide (a hostile or broken layout) would
    // ask the renderer for gigapixels.
    if (!(std::abs(item.rect.x) <= 5000 && std::abs(item.rect.y) <= 5000 && item.rect.w <= 5000 && item.rect.h <= 5000))
        failAtKey(r.pathOf("rect_mm"), "must lie within 5000 mm of the page corner and be at most 5000 mm wide and high");
    item.text = r.text("text", "");
    item.fontPt = r.number("font_pt", item.fontPt, 2, 200);
    item.bold = r.boolean("bold", false);
    const std::string align = r.text("align", "left");
    if (align == "left") item.align = Align::Left;
    else if (align == "center") item.align = Align::Center;
    else if (align == "right") item.align = Align::Right;
    else failAtKey(r.pathOf("align"), "must be 'left', 'center' or 'right', not '" + align + "'");
    item.frame = r.boolean("frame", false);
    item.table = r.text("table", "");
    if (!item.table.empty() && item.table != "statistics" && item.table != "timetable")
        failAtKey(r.pathOf("table"), "must be 'statistics' or 'timetable', not '" + item.table + "'");
    item.valueColumn = static_cast<int>(r.number("value_column", -1, -1, 50));
    r.rejectUnknown();
    return item;
}

PageLayout readLayout(const json& j) {
    auto r = objectReader(j, "");
    PageLayout layout;
    layout.name = r.text("name", "");
    {
        auto p = objectReader(r.require("paper"), "paper");
        const std::string size = p.text("size", "A4");
        const Orientation o = orientationFrom(p.text("orientation", "portrait"), "paper.orientation");
        const double w = p.number("width_mm", 0, 0, 5000);
        const double h = p.number("height_mm", 0, 0, 5000);
        auto paper = makePaper(size, o, w, h);
        if (!paper) failAtKey(size == "custom" ? "paper.width_mm" : "paper.size", paper.error().message);
        layout.paper = *paper;
        p.rejectUnknown();
    }
    if (const json* m = r.find("margins_mm")) {
        auto mr = objectReader(*m, "margins_mm");
        layout.margins.top = mr.number("top", 10, 0, 200);
        layout.margins.right = mr.number("right", 10, 0, 200);
        layout.margins.bottom = mr.number("bottom", 10, 0, 200);
        layout.margins.left = mr.number("left", 10, 0, 200);
        mr.rejectUnknown();
    }
    layout.dpi = r.number("dpi", 300, 30, 1200);
    layout.fontFamily = r.text("font", layout.fontFamily);
    if (const json* layers = r.find("layers")) {
        if (!layers->is_array()) failAtKey("layers", "must be a list [ \"counties\", \"villages\" ] of layer ids");
        for (std::size_t i = 0; i < layers->size(); ++i) {
            const json& id = (*layers)[i];
            if (!id.is_string() || id.get<std::string>().empty())
                failAtKey(geo::jsonIndexPath("layers", i), "must be a layer id (text)");
            layout.layers.push_back(id.get<std::string>());
        }
    }
    const json& items = r.require("items");
    if (!items.is_array()) failAtKey("items", "must be a list [ ... ] of items");
    for (std::size_t i = 0; i < items.size(); ++i) layout.items.push_back(readItem(items[i], geo::jsonIndexPath("items", i)));
    r.rejectUnknown();
    if (auto budget = checkPixelBudget(layout); !budget) failAtKey("dpi", budget.error().message);
    return layout;
}

// --- Built-in templates -----------------------------------------------------------------------

PageItem item(ItemKind kind, RectMm rect, std::string text = {}, double fontPt = 9, bool bold = false,
              Align align = Align::Left) {
    PageItem it;
    it.kind = kind;
    it.rect = rect;
    it.text = std::move(text);
    it.fontPt = fontPt;
    it.bold = bold;
    it.align = align;
    return it;
}

// The map notice of national and provincial pages (export/page_context.hpp kDefaultMapNotice).
constexpr const char* kDefaultNoticeText = "示意图，不作为权属争议依据；公开使用须以标准地图为底图并送审";

// Height of the footer under the content, in millimetres on A4 (scaled with the paper).
constexpr double kFooterMm = 15;

// Common frame: title, subtitle and the footer line (date, credits, synthetic notice).
struct Frame {
    double x0, y0, w, h, s;  // content box and the type scale (1 on A4)
};

Frame frameOf(const PageLayout& l) {
    const double w = l.paper.widthMm - l.margins.left - l.margins.right;
    const double h = l.paper.heightMm - l.margins.top - l.margins.bottom;
    const double s = std::clamp(std::sqrt(l.paper.widthMm * l.paper.heightMm / (210.0 * 297.0)), 0.6, 2.0);
    return {l.margins.left, l.margins.top, w, h, s};
}

void addHeaderFooter(PageLayout& l, const Frame& f, const std::string& title, const std::string& subtitle) {
    l.items.push_back(item(ItemKind::Title, {f.x0, f.y0, f.w, 11 * f.s}, title, 20 * f.s, true, Align::Center));
    l.items.push_back(item(ItemKind::Subtitle, {f.x0, f.y0 + 11 * f.s, f.w, 7 * f.s}, subtitle, 11 * f.s, false, Align::Center));
    // The footer (kFooterMm high): the data date, the synthetic notice beside it (two lines: it
    // names every synthetic layer drawn), the credits under both.
    const double fy = f.y0 + f.h - (kFooterMm - 2) * f.s;
    l.items.push_back(item(ItemKind::DataDate, {f.x0, fy, f.w * 0.3, 5 * f.s}, "数据截至 {as_of}", 8.5 * f.s, true));
    l.items.push_back(item(ItemKind::SyntheticNotice, {f.x0 + f.w * 0.3, fy, f.w * 0.7, 8 * f.s},
                           "注意：图中含合成（虚构）数据：{layers}，仅供演示，不代表实际情况", 7.5 * f.s, true, Align::Right));
    l.items.push_back(item(ItemKind::Credits, {f.x0, fy + 8 * f.s, f.w, 5 * f.s},
                           "数据来源：{sources}。制图：宏图 Hongtu，{today}", 6.5 * f.s));
}

// Map frame with its overlays: north arrow top-right, scale bar bottom-left, inset top-left.
void addMap(PageLayout& l, const Frame& f, RectMm map, bool inset) {
    PageItem m = item(ItemKind::Map, map);
    m.frame = true;
    l.items.push_back(m);
    l.items.push_back(item(ItemKind::NorthArrow, {map.x + map.w - 14 * f.s, map.y + 3 * f.s, 10 * f.s, 15 * f.s}));
    l.items.push_back(item(ItemKind::ScaleBar, {map.x + 4 * f.s, map.y + map.h - 14 * f.s, std::min(70.0 * f.s, map.w * 0.45), 11 * f.s},
                           {}, 7.5 * f.s));
    if (inset) {
        PageItem in = item(ItemKind::Inset, {map.x + 2 * f.s, map.y + 2 * f.s, 34 * f.s, 38 * f.s});
        in.frame = true;
        l.items.push_back(in);
    }
    // China's map rules (drawn only where they apply: national and provincial pages). The South
    // China Sea inset in the lower right, as tall as a quarter of the frame (its area is about
    // three quarters as wide as high); the notice above the scale bar.
    const double seaH = std::min(map.h * 0.27, 80.0 * f.s), seaW = seaH * 0.74;
    PageItem sea = item(ItemKind::SouthChinaSea, {map.x + map.w - seaW - 2 * f.s, map.y + map.h - seaH - 2 * f.s, seaW, seaH},
                        "南海诸岛", 7 * f.s);
    sea.frame = true;
    l.items.push_back(sea);
    const double noticeW = std::min(map.w * 0.55, 110.0 * f.s);
    l.items.push_back(item(ItemKind::MapNotice, {map.x + 4 * f.s, map.y + map.h - 24 * f.s, noticeW, 9 * f.s}, kDefaultNoticeText,
                           7 * f.s));
}

PageItem tableItem(RectMm r, const std::string& table, double fontPt) {
    PageItem t = item(ItemKind::Table, r, {}, fontPt);
    t.table = table;
    return t;
}

PageItem chartItem(RectMm r, const std::string& title, int column, double fontPt) {
    PageItem c = item(ItemKind::Chart, r, title, fontPt);
    c.table = "statistics";
    c.valueColumn = column;
    c.frame = false;
    return c;
}

PageLayout placeCountyBriefing(PageLayout l) {
    const Frame f = frameOf(l);
    addHeaderFooter(l, f, "{unit}村级组织建设简报", "{theme}（{breakdown}）");
    const double top = f.y0 + 20 * f.s, bottom = f.y0 + f.h - kFooterMm * f.s;
    if (l.paper.orientation == Orientation::Portrait) {
        // The legend gets two thirds of the column under the map: a county page lists the
        // project statuses, the townships' circles with their sizes and the muted counties.
        const double mapH = (bottom - top) * 0.53;
        addMap(l, f, {f.x0, top, f.w, mapH}, true);
        const double y = top + mapH + 4 * f.s, restH = bottom - y;
        l.items.push_back(item(ItemKind::Legend, {f.x0, y, f.w * 0.42, restH * 0.66}, "图例", 7.5 * f.s));
        l.items.push_back(tableItem({f.x0 + f.w * 0.45, y, f.w * 0.55, restH}, "statistics", 7 * f.s));
        l.items.push_back(chartItem({f.x0, y + restH * 0.68, f.w * 0.42, restH * 0.32}, "{theme}（%）", 3, 6.5 * f.s));
    } else {
        const double mapW = f.w * 0.64;
        addMap(l, f, {f.x0, top, mapW, bottom - top}, true);
        const double x = f.x0 + mapW + 4 * f.s, w = f.w - mapW - 4 * f.s, h = bottom - top;
        // The side column holds the legend and the table; the chart (the table's rate column
        // again, and the map's circles) is left out for room.
        l.items.push_back(item(ItemKind::Legend, {x, top, w, h * 0.46}, "图例", 7.5 * f.s));
        l.items.push_back(tableItem({x, top + h * 0.48, w, h * 0.52}, "statistics", 7 * f.s));
    }
    return l;
}

PageLayout placeCityOverview(PageLayout l) {
    const Frame f = frameOf(l);
    addHeaderFooter(l, f, "{unit}村级组织建设总览", "各县（市、区）{theme}");
    const double top = f.y0 + 20 * f.s, bottom = f.y0 + f.h - kFooterMm * f.s;
    if (l.paper.orientation == Orientation::Landscape) {
        const double mapW = f.w * 0.66;
        addMap(l, f, {f.x0, top, mapW, bottom - top}, false);
        const double x = f.x0 + mapW + 5 * f.s, w = f.w - mapW - 5 * f.s, h = bottom - top;
        l.items.push_back(item(ItemKind::Legend, {x, top, w, h * 0.34}, "图例", 8 * f.s));
        l.items.push_back(tableItem({x, top + h * 0.36, w, h * 0.38}, "statistics", 7 * f.s));
        l.items.push_back(chartItem({x, top + h * 0.76, w, h * 0.24}, "{theme}（%）", 3, 6.5 * f.s));
    } else {
        const double mapH = (bottom - top) * 0.6;
        addMap(l, f, {f.x0, top, f.w, mapH}, false);
        const double y = top + mapH + 4 * f.s, h = bottom - y;
        l.items.push_back(item(ItemKind::Legend, {f.x0, y, f.w * 0.42, h * 0.6}, "图例", 7.5 * f.s));
        l.items.push_back(tableItem({f.x0 + f.w * 0.45, y, f.w * 0.55, h}, "statistics", 7 * f.s));
        l.items.push_back(chartItem({f.x0, y + h * 0.62, f.w * 0.42, h * 0.38}, "{theme}（%）", 3, 6.5 * f.s));
    }
    return l;
}

PageLayout placeRouteSheet(PageLayout l) {
    const Frame f = frameOf(l);
    addHeaderFooter(l, f, "{unit}调研路线", "路线与日程");
    const double top = f.y0 + 20 * f.s, bottom = f.y0 + f.h - kFooterMm * f.s;
    const double mapH = (bottom - top) * (l.paper.orientation == Orientation::Portrait ? 0.55 : 0.62);
    addMap(l, f, {f.x0, top, f.w, mapH}, true);
    const double y = top + mapH + 4 * f.s, h = bottom - y;
    l.items.push_back(item(ItemKind::Legend, {f.x0, y, f.w * 0.3, h}, "图例", 7.5 * f.s));
    l.items.push_back(tableItem({f.x0 + f.w * 0.32, y, f.w * 0.68, h}, "timetable", 7.5 * f.s));
    return l;
}

}  // namespace

const char* itemKindName(ItemKind kind) {
    for (const auto& [k, name] : kKindNames)
        if (k == kind) return name;
    return "?";
}

std::optional<ItemKind> itemKindFromName(const std::string& name) {
    for (const auto& [k, n] : kKindNames)
        if (name == n) return k;
    return std::nullopt;
}

geo::Result<Paper> makePaper(const std::string& size, Orientation orientation, double customWidthMm, double customHeightMm) {
    Paper p;
    p.size = size;
    p.orientation = orientation;
    double a = 0, b = 0;  // short, long side
    if (size == "A4") {
        a = 210;
        b = 297;
    } else if (size == "A3") {
        a = 297;
        b = 420;
    } else if (size == "custom") {
        if (!(customWidthMm >= 50 && customHeightMm >= 50))
            return geo::Error{"a custom paper needs width_mm and height_mm of at least 50 mm", "", "", {}};
        p.widthMm = customWidthMm;
        p.heightMm = customHeightMm;
        return p;
    } else {
        return geo::Error{"unknown paper size '" + size + "' (known: A4, A3, custom)", "", "", {}};
    }
    p.widthMm = orientation == Orientation::Portrait ? a : b;
    p.heightMm = orientation == Orientation::Portrait ? b : a;
    return p;
}

const PageItem* PageLayout::first(ItemKind kind) const {
    for (const auto& i : items)
        if (i.kind == kind) return &i;
    return nullptr;
}

geo::Result<PageLayout> layoutFromJson(const std::string& text, const std::string& source) {
    json j;
    try {
        j = json::parse(text);
    } catch (const json::parse_error& e) {
        return geo::Error{"not valid JSON (at byte " + std::to_string(e.byte) + "): " + e.what(), source, "", {}};
    } catch (const json::exception& e) {  // e.g. out_of_range.406 for 2e308 (fuzzing found the abort)
        return geo::Error{std::string("not usable JSON: ") + e.what(), source, "", {}};
    }
    try {
        return readLayout(j);
    } catch (const geo::JsonKeyError& bad) {
        return geo::Error{bad.text(), source, "", {}};
    } catch (const json::exception& e) {
        return geo::Error{std::string("a value has the wrong type: ") + e.what(), source, "", {}};
    }
}

PixelLimits PixelLimits::fromEnvironment() {
    PixelLimits l;
    if (const char* side = std::getenv("HONGTU_MAX_PAGE_SIDE_PX"); side && std::atoi(side) > 0) l.maxSide = std::atoi(side);
    if (const char* mp = std::getenv("HONGTU_MAX_PAGE_MEGAPIXELS"); mp && std::atof(mp) > 0) l.maxMegapixels = std::atof(mp);
    return l;
}

geo::Status checkPixelBudget(const PageLayout& layout, const PixelLimits& limits) {
    const auto px = [&](double mm) { return mm * layout.dpi / 25.4; };
    const double w = px(layout.paper.widthMm), h = px(layout.paper.heightMm);
    char buf[320];
    if (!(w <= limits.maxSide && h <= limits.maxSide) || !(w * h <= limits.maxMegapixels * 1e6)) {
        std::snprintf(buf, sizeof buf,
                      "a %.0f x %.0f mm page at %.0f dpi would be %.0f x %.0f pixels (%.0f megapixels); pages are limited to "
                      "%d pixels a side and %.0f megapixels: lower the dpi (or set HONGTU_MAX_PAGE_SIDE_PX / "
                      "HONGTU_MAX_PAGE_MEGAPIXELS)",
                      layout.paper.widthMm, layout.paper.heightMm, layout.dpi, w, h, w * h / 1e6, limits.maxSide,
                      limits.maxMegapixels);
        return geo::Error{buf, {}, {}, {}};
    }
    for (std::size_t i = 0; i < layout.items.size(); ++i) {
        const auto& r = layout.items[i].rect;
        const double iw = px(r.w), ih = px(r.h);
        if (!(iw <= limits.maxSide && ih <= limits.maxSide) || !(iw * ih <= limits.maxMegapixels * 1e6)) {
            std::snprintf(buf, sizeof buf,
                          "items[%zu] (%s) would be %.0f x %.0f pixels at %.0f dpi; items are limited to %d pixels "
                          "a side and %.0f megapixels",
                          i, itemKindName(layout.items[i].kind), iw, ih, layout.dpi, limits.maxSide, limits.maxMegapixels);
            return geo::Error{buf, {}, {}, {}};
        }
    }
    return geo::Done{};
}

std::string layoutToJson(const PageLayout& l) {
    json j;
    j["name"] = l.name;
    j["paper"] = {{"size", l.paper.size},
                  {"orientation", l.paper.orientation == Orientation::Portrait ? "portrait" : "landscape"},
                  {"width_mm", l.paper.widthMm},
                  {"height_mm", l.paper.heightMm}};
    j["margins_mm"] = {{"top", l.margins.top}, {"right", l.margins.right}, {"bottom", l.margins.bottom}, {"left", l.margins.left}};
    j["dpi"] = l.dpi;
    j["font"] = l.fontFamily;
    if (!l.layers.empty()) j["layers"] = l.layers;
    j["items"] = json::array();
    for (const auto& i : l.items) {
        json o{{"kind", itemKindName(i.kind)}, {"rect_mm", {i.rect.x, i.rect.y, i.rect.w, i.rect.h}}};
        if (!i.text.empty()) o["text"] = i.text;
        o["font_pt"] = i.fontPt;
        if (i.bold) o["bold"] = true;
        if (i.align != Align::Left) o["align"] = alignName(i.align);
        if (i.frame) o["frame"] = true;
        if (!i.table.empty()) o["table"] = i.table;
        if (i.valueColumn >= 0) o["value_column"] = i.valueColumn;
        j["items"].push_back(std::move(o));
    }
    return j.dump(2, ' ', false, json::error_handler_t::replace);  // text that is not UTF-8 becomes U+FFFD, never an exception
}

std::vector<std::string> builtinTemplateNames() { return {"county-briefing", "city-overview", "route-sheet"}; }

geo::Result<PageLayout> builtinTemplate(const std::string& name, const std::optional<Paper>& paper) {
    PageLayout l;
    l.name = name;
    l.dpi = 300;
    if (name == "county-briefing") {
        l.paper = paper ? *paper : makePaper("A4", Orientation::Portrait).value();
        return placeCountyBriefing(std::move(l));
    }
    if (name == "city-overview") {
        l.paper = paper ? *paper : makePaper("A3", Orientation::Landscape).value();
        return placeCityOverview(std::move(l));
    }
    if (name == "route-sheet") {
        l.paper = paper ? *paper : makePaper("A4", Orientation::Portrait).value();
        return placeRouteSheet(std::move(l));
    }
    std::string known;
    for (const auto& n : builtinTemplateNames()) known += (known.empty() ? "" : ", ") + n;
    return geo::Error{"unknown layout '" + name + "' (built-in: " + known + ")", "", "", {}};
}

geo::Result<PageLayout> applyChanges(PageLayout layout, const LayoutChanges& c) {
    if (!c.paperSize.empty() || c.orientation) {
        auto paper = makePaper(c.paperSize.empty() ? layout.paper.size : c.paperSize,
                               c.orientation.value_or(layout.paper.orientation), layout.paper.widthMm, layout.paper.heightMm);
        if (!paper) return paper.error();
        const auto builtin = builtinTemplateNames();
        if (std::find(builtin.begin(), builtin.end(), layout.name) != builtin.end()) {
            auto placed = builtinTemplate(layout.name, *paper);
            if (!placed) return placed.error();
            placed->dpi = layout.dpi;
            placed->fontFamily = layout.fontFamily;
            layout = std::move(placed).value();
        } else {
            layout.paper = *paper;
        }
    }
    if (c.dpi > 0) layout.dpi = c.dpi;
    if (!c.title.empty())
        for (auto& item : layout.items)
            if (item.kind == ItemKind::Title) item.text = c.title;
    if (auto budget = checkPixelBudget(layout, PixelLimits::fromEnvironment()); !budget) return budget.error();
    return layout;
}

}  // namespace hongtu::exporting
