#include "export/route_sheet.hpp"

#include <QFileInfo>
#include <QFont>
#include <QFontMetricsF>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>

#include <algorithm>
#include <cmath>

#include "export/page_painter.hpp"
#include "export/page_writer.hpp"
#include "render/progress_theme.hpp"
#include "render/qt_convert.hpp"

namespace hongtu::exporting {

namespace {

constexpr double kMmPerInch = 25.4;
constexpr std::size_t kPlaceColumn = 2, kNoteColumn = 8;  // the columns that wrap (地点, 说明)

using render::qs;

// The painter's table font (page_painter.cpp: Page::font), for measuring in page pixels.
QFont tableFont(const PageLayout& layout, double pt, bool bold) {
    QFont f(qs(layout.fontFamily));
    f.setPixelSize(std::max(1, static_cast<int>(std::lround(pt * layout.dpi / 72))));
    f.setBold(bold);
    f.setStyleStrategy(QFont::StyleStrategy(QFont::NoFontMerging | QFont::PreferNoShaping));
    return f;
}

// Lines of `text` no wider than `width` pixels; breaks after a separator when one is near the
// end of a line, else between characters. Never drops a character.
QStringList wrapText(const QString& text, const QFontMetricsF& fm, double width) {
    QStringList lines;
    QString rest = text;
    static const QString kBreakAfter = QStringLiteral("；;，,、 ·)）");
    while (!rest.isEmpty() && fm.horizontalAdvance(rest) > width) {
        qsizetype n = 1;
        while (n < rest.size() && fm.horizontalAdvance(rest.left(n + 1)) <= width) ++n;
        if (n < rest.size() && rest[n - 1].isHighSurrogate()) --n;  // keep surrogate pairs together
        n = std::max<qsizetype>(n, 1);
        bool atSeparator = false;
        for (qsizetype k = n; k > n * 3 / 5; --k)
            if (kBreakAfter.contains(rest[k - 1])) {
                n = k;
                atSeparator = true;
                break;
            }
        // No line starts with closing punctuation: the character before it goes down with it.
        static const QString kNoStart = QStringLiteral("；;，,、。）)：:");
        if (!atSeparator && n > 1 && n < rest.size() && kNoStart.contains(rest[n])) --n;
        lines << rest.left(n).trimmed();
        rest = rest.mid(n).trimmed();
    }
    if (!rest.isEmpty() || lines.isEmpty()) lines << rest;
    return lines;
}

// One timetable row and its continuation rows (the wrapped name and note).
struct RowGroup {
    std::string day;
    std::vector<std::vector<std::string>> rows;
};

// Splits the long columns so that the sum of the natural column widths (as the painter measures
// them) fits `widthPx`. The painter then widens every column in proportion: nothing is elided.
std::vector<RowGroup> wrapRows(const TableRows& t, const PageLayout& layout, double pt, double widthPx) {
    const QFontMetricsF fm(tableFont(layout, pt, false)), bm(tableFont(layout, pt, true));
    const double pad = 2 * layout.dpi / kMmPerInch;
    const std::size_t cols = t.header.size();
    std::vector<double> natural(cols, 0);
    for (std::size_t c = 0; c < cols; ++c) natural[c] = bm.horizontalAdvance(qs(t.header[c])) + pad;
    for (const auto& row : t.rows)
        for (std::size_t c = 0; c < row.size() && c < cols; ++c)
            natural[c] = std::max(natural[c], fm.horizontalAdvance(qs(row[c])) + pad);
    double fixed = 0;
    for (std::size_t c = 0; c < cols; ++c)
        if (c != kPlaceColumn && c != kNoteColumn) fixed += natural[c];
    // What is left, shared 2:3 between place and note; a column that needs less gives the rest away.
    const double free = std::max(0.0, widthPx * 0.98 - fixed);
    double placeW = free * 0.4, noteW = free - placeW;
    if (kPlaceColumn < cols && natural[kPlaceColumn] < placeW) {
        noteW += placeW - natural[kPlaceColumn];
        placeW = natural[kPlaceColumn];
    }
    if (kNoteColumn < cols && natural[kNoteColumn] < noteW) {
        placeW += noteW - natural[kNoteColumn];
        noteW = natural[kNoteColumn];
    }
    if (kPlaceColumn < cols) placeW = std::max(placeW, bm.horizontalAdvance(qs(t.header[kPlaceColumn])) + pad);
    if (kNoteColumn < cols) noteW = std::max(noteW, bm.horizontalAdvance(qs(t.header[kNoteColumn])) + pad);

    std::vector<RowGroup> groups;
    for (const auto& row : t.rows) {
        RowGroup g;
        g.day = row.empty() ? std::string() : row.front();
        const QStringList place = kPlaceColumn < row.size() ? wrapText(qs(row[kPlaceColumn]), fm, placeW - pad) : QStringList{};
        const QStringList note = kNoteColumn < row.size() ? wrapText(qs(row[kNoteColumn]), fm, noteW - pad) : QStringList{};
        const auto lines = static_cast<std::size_t>(std::max<qsizetype>({1, place.size(), note.size()}));
        for (std::size_t i = 0; i < lines; ++i) {
            std::vector<std::string> out(row.size());
            if (i == 0) out = row;
            if (kPlaceColumn < row.size()) out[kPlaceColumn] = i < static_cast<std::size_t>(place.size()) ? place[static_cast<qsizetype>(i)].toStdString() : "";
            if (kNoteColumn < row.size()) out[kNoteColumn] = i < static_cast<std::size_t>(note.size()) ? note[static_cast<qsizetype>(i)].toStdString() : "";
            g.rows.push_back(std::move(out));
        }
        groups.push_back(std::move(g));
    }
    return groups;
}

// Data rows (besides the header) a table item holds at its own type size (page_painter's fitTable).
std::size_t rowCapacity(const PageLayout& layout, const PageItem& table) {
    const double rowH = QFontMetricsF(tableFont(layout, table.fontPt, false)).height() * 1.3;
    const auto rows = static_cast<std::size_t>(std::floor(table.rect.h * layout.dpi / kMmPerInch / rowH));
    return rows > 1 ? rows - 1 : 0;
}

PageItem* findItem(PageLayout& l, ItemKind kind) {
    for (auto& i : l.items)
        if (i.kind == kind) return &i;
    return nullptr;
}

// Page 1: the map narrowed to leave the legend a column at its right, the timetable across the
// whole width below them.
PageLayout firstPageLayout(PageLayout l, const std::string& subtitle) {
    PageItem* map = findItem(l, ItemKind::Map);
    PageItem* legend = findItem(l, ItemKind::Legend);
    PageItem* table = findItem(l, ItemKind::Table);
    if (!map || !legend || !table) return l;
    const RectMm m = map->rect;
    const double bottom = table->rect.y + table->rect.h;
    const double mapH = m.h * 0.86, legendW = m.w * 0.27, gap = 3;
    const RectMm newMap{m.x, m.y, m.w - legendW - gap, mapH};
    for (auto& i : l.items) {
        if (i.kind == ItemKind::NorthArrow) i.rect.x = newMap.x + newMap.w - (m.x + m.w - i.rect.x);
        if (i.kind == ItemKind::ScaleBar) i.rect.y = newMap.y + newMap.h - (m.y + m.h - i.rect.y);
        if (i.kind == ItemKind::Subtitle) i.text = subtitle;
    }
    map->rect = newMap;
    legend->rect = {newMap.x + newMap.w + gap, m.y, legendW, mapH};
    const double ty = m.y + mapH + 4;
    table->rect = {m.x, ty, m.w, bottom - ty};
    return l;
}

// Later pages: title, subtitle, the timetable over the whole body, the footer.
PageLayout continuationLayout(const PageLayout& first, const std::string& subtitle) {
    PageLayout l = first;
    const PageItem* map = first.first(ItemKind::Map);
    const PageItem* table = first.first(ItemKind::Table);
    l.items.clear();
    for (auto i : first.items) {
        switch (i.kind) {
            case ItemKind::Map:
            case ItemKind::NorthArrow:
            case ItemKind::ScaleBar:
            case ItemKind::Inset:
            case ItemKind::Legend:
            case ItemKind::Chart:
                continue;
            case ItemKind::Table:
                if (map && table) i.rect = {table->rect.x, map->rect.y, table->rect.w, table->rect.y + table->rect.h - map->rect.y};
                break;
            case ItemKind::Subtitle: i.text = subtitle; break;
            case ItemKind::SyntheticNotice: i.text.clear(); break;  // no map on this page
            default: break;
        }
        l.items.push_back(std::move(i));
    }
    return l;
}

std::string monthDay(const geo::Date& d) { return std::to_string(d.month) + "月" + std::to_string(d.day) + "日"; }

}  // namespace

std::string tripDateText(const render::RoutePlan& plan) {
    const geo::Date first = plan.problem.trip.departDate;
    const auto days = std::max<std::size_t>(1, plan.itinerary.days.size());
    const geo::Date last = geo::Date::fromDaysSinceEpoch(first.daysSinceEpoch() + static_cast<std::int64_t>(days) - 1);
    std::string text = "出行日期 " + chineseDate(first.iso());
    if (days > 1) text += "至" + (last.year == first.year ? monthDay(last) : chineseDate(last.iso()));
    return text + "（" + std::to_string(days) + "天）";
}

geo::Result<PageContext> routeSheetContext(const render::LoadedProject& project, const render::RoutePlan& plan,
                                           const ContextOptions& options) {
    auto layers = render::routeLayers(plan, project.scene.displayCrs);
    if (!layers) return layers.error();
    if (layers->empty()) return geo::Error{"the tour has no days to print (nothing was planned)", {}, {}, {}};
    // The data date stays the project's (makeContext: its progress date); the trip's dates are
    // printed separately as 出行日期.
    PageContext c = makeContext(project, nullptr, options);
    geo::Box extent;
    for (const auto& l : *layers) extent.expand(l.extent);
    const double pad = 0.12 * std::max(extent.width(), extent.height()) + 2000;
    c.map.extent = {extent.minX - pad, extent.minY - pad, extent.maxX + pad, extent.maxY + pad};
    // A route layer the project already shows (the viewer's overlays) is not drawn or listed twice.
    std::erase_if(c.map.visibleLayerIds, [](const std::string& id) { return render::isRouteLayer(id); });
    // A driver's map: counties, places and sites under the route, not the construction progress
    // (unless the caller chose the layers).
    if (!options.visibleLayerIds) {
        std::erase_if(c.map.visibleLayerIds, [](const std::string& id) {
            return id == render::kCountyProgressLayer || id == render::kVillageVenueLayer || id == render::kCommunityVenueLayer ||
                   id == render::kHousingLayer;
        });
        if (project.scene.find("counties") &&
            std::find(c.map.visibleLayerIds.begin(), c.map.visibleLayerIds.end(), "counties") == c.map.visibleLayerIds.end())
            c.map.visibleLayerIds.push_back("counties");
    }
    c.overlays.insert(c.overlays.end(), layers->begin(), layers->end());
    const auto rows = render::timetableRows(plan);
    for (std::size_t r = 0; r < rows.size(); ++r) {
        std::vector<std::string> row;
        for (const auto& cell : rows[r]) row.push_back(cell.toStdString());
        if (r == 0) c.timetable.header = std::move(row);
        else c.timetable.rows.push_back(std::move(row));
    }
    return c;
}

geo::Result<std::vector<SheetPage>> routeSheetPages(const render::LoadedProject& project, const render::RoutePlan& plan,
                                                    const ContextOptions& options) {
    auto context = routeSheetContext(project, plan, options);
    if (!context) return context.error();
    auto builtin = builtinTemplate("route-sheet");
    if (!builtin) return builtin.error();
    const std::string trip = tripDateText(plan);
    const PageLayout first = firstPageLayout(std::move(*builtin), "路线与日程 · " + trip);
    const PageItem* table = first.first(ItemKind::Table);
    if (!table) return geo::Error{"the route-sheet template has no timetable", {}, {}, {}};
    const double widthPx = table->rect.w * first.dpi / kMmPerInch;
    const auto groups = wrapRows(context->timetable, first, table->fontPt, widthPx);

    // Whole days per page; a day longer than a page continues on the next.
    const PageLayout later = continuationLayout(first, "日程（续） · " + trip);
    const std::size_t firstCap = rowCapacity(first, *table);
    const std::size_t laterCap = std::max<std::size_t>(1, rowCapacity(later, *later.first(ItemKind::Table)));
    std::vector<std::vector<std::vector<std::string>>> pages(1);
    std::size_t g = 0;
    while (g < groups.size()) {
        std::size_t end = g, dayRows = 0;
        while (end < groups.size() && groups[end].day == groups[g].day) dayRows += groups[end++].rows.size();
        const std::size_t cap = pages.size() == 1 ? firstCap : laterCap;
        const std::size_t used = pages.back().size();
        if (used + dayRows <= cap) {
            for (; g < end; ++g) pages.back().insert(pages.back().end(), groups[g].rows.begin(), groups[g].rows.end());
            continue;
        }
        if (used > 0 && dayRows <= laterCap) {
            pages.emplace_back();
            continue;
        }                       // the day on a page of its own
        for (; g < end; ++g) {  // a day longer than a page: row groups until the page is full
            const std::size_t capNow = pages.size() == 1 ? firstCap : laterCap;
            if (pages.back().size() + groups[g].rows.size() > capNow && !pages.back().empty()) pages.emplace_back();
            pages.back().insert(pages.back().end(), groups[g].rows.begin(), groups[g].rows.end());
        }
    }
    std::vector<SheetPage> out;
    for (std::size_t p = 0; p < pages.size(); ++p) {
        SheetPage page{p == 0 ? first : later, *context};
        page.context.timetable.rows = std::move(pages[p]);
        if (pages.size() > 1)
            for (auto& i : page.layout.items)
                if (i.kind == ItemKind::Subtitle)
                    i.text += "（第" + std::to_string(p + 1) + "页，共" + std::to_string(pages.size()) + "页）";
        out.push_back(std::move(page));
    }
    return out;
}

geo::Result<std::vector<std::string>> writeRouteSheet(const std::string& path, const render::LoadedProject& project,
                                                      const render::RoutePlan& plan, const ContextOptions& options) {
    auto format = formatFromPath(path);
    if (!format) return format.error();
    auto pages = routeSheetPages(project, plan, options);
    if (!pages) return pages.error();
    PageMetadata meta;
    meta.title = resolveText("{unit}调研路线", pages->front().context);
    std::vector<std::string> written;
    if (*format != PageFormat::Pdf) {
        const QFileInfo info(qs(path));
        for (std::size_t p = 0; p < pages->size(); ++p) {
            const std::string file = p == 0 ? path
                                            : (info.path() + "/" + info.completeBaseName() + "-" + QString::number(p + 1) + "." + info.suffix()).toStdString();
            auto st = writePage(file, *format, (*pages)[p].layout, (*pages)[p].context, meta);
            if (!st) return st.error();
            written.push_back(file);
        }
        return written;
    }
    for (const auto& page : *pages)
        if (const auto missing = checkGlyphs(page.layout, page.context); !missing.empty())
            return geo::Error{describeMissingGlyphs(missing), path, "", {}};
    QSaveFile file(qs(path));
    if (!file.open(QIODevice::WriteOnly))
        return geo::Error{"cannot be written: " + file.errorString().toStdString(), path, "", {}};
    {
        const PageLayout& l = pages->front().layout;
        QPdfWriter writer(&file);
        preparePdfWriter(writer, l, meta);
        QPainter painter;
        if (!painter.begin(&writer)) {
            file.cancelWriting();
            return geo::Error{"the PDF could not be started", path, "", {}};
        }
        for (std::size_t p = 0; p < pages->size(); ++p) {
            if (p > 0) writer.newPage();
            paintPage(painter, (*pages)[p].layout, (*pages)[p].context);
        }
        painter.end();
    }
    if (!file.commit()) return geo::Error{"could not be saved: " + file.errorString().toStdString(), path, "", {}};
    written.push_back(path);
    return written;
}

}  // namespace hongtu::exporting
