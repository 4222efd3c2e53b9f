#pragma once
// Shared by the export tests: the demo project, loaded once (it takes a second).

#include <catch2/catch_test_macros.hpp>

#include <QCoreApplication>
#include <QTranslator>

#include "export/page_context.hpp"
#include "render/loaded_project.hpp"

namespace hongtu::test {

inline const render::LoadedProject& demoProject() {
    static const render::LoadedProject project = [] {
        // Chinese layer names, as the CLI and the viewer show them.
        static QTranslator translator;
        if (translator.load(QStringLiteral(":/i18n/hongtu_zh_CN"))) QCoreApplication::installTranslator(&translator);
        auto p = render::loadProject(HONGTU_DEMO_PROJECT);
        REQUIRE(p);
        return std::move(p).value();
    }();
    return project;
}

// A county of the demo project as the unit of a page ("兴县"), REQUIREd to exist.
inline exporting::Unit demoCounty(const std::string& name) {
    auto unit = exporting::findUnit(exporting::countyUnits(demoProject().scene), name);
    REQUIRE(unit);
    return std::move(unit).value();
}

// The page context of the demo's 兴县 as of 2018-06-30 (the day the legend tests look at).
inline exporting::PageContext xingContext() {
    static const exporting::Unit xing = demoCounty("兴县");
    return exporting::makeContext(demoProject(), &xing, {"2018-06-30", "2026-11-27", std::nullopt});
}

}  // namespace hongtu::test

// --- Legend swatches measured on a page image ------------------------------------------------

#include <QImage>

#include <algorithm>
#include <map>
#include <set>
#include <vector>

#include "export/layout.hpp"
#include "export/page_context.hpp"
#include "export/page_painter.hpp"
#include "render/legend_model.hpp"

namespace hongtu::test {

// A patch of one colour on an image: its bounding box and how many pixels it has.
struct Blob {
    QRect box;
    int pixels = 0;
};

// The 4-connected patches of `colour` (each channel within `tolerance`) inside `area`.
inline std::vector<Blob> blobsOf(const QImage& source, const QRect& area, QColor colour, int tolerance) {
    const QImage image = source.convertToFormat(QImage::Format_RGB32);
    const QRect r = area.intersected(image.rect());
    const auto near = [&](int x, int y) {
        const QRgb p = image.pixel(x, y);
        return std::abs(qRed(p) - colour.red()) <= tolerance && std::abs(qGreen(p) - colour.green()) <= tolerance &&
               std::abs(qBlue(p) - colour.blue()) <= tolerance;
    };
    std::vector<char> seen(static_cast<std::size_t>(r.width() * r.height()), 0);
    const auto at = [&](int x, int y) -> char& { return seen[static_cast<std::size_t>((y - r.top()) * r.width() + (x - r.left()))]; };
    std::vector<Blob> out;
    for (int y = r.top(); y <= r.bottom(); ++y)
        for (int x = r.left(); x <= r.right(); ++x) {
            if (at(x, y) || !near(x, y)) continue;
            Blob b;
            std::vector<QPoint> stack{{x, y}};
            at(x, y) = 1;
            while (!stack.empty()) {
                const QPoint p = stack.back();
                stack.pop_back();
                ++b.pixels;
                b.box = b.box.isNull() ? QRect(p, p) : b.box.united(QRect(p, p));
                for (const QPoint d : {QPoint(1, 0), QPoint(-1, 0), QPoint(0, 1), QPoint(0, -1)}) {
                    const QPoint q = p + d;
                    if (!r.contains(q) || at(q.x(), q.y()) || !near(q.x(), q.y())) continue;
                    at(q.x(), q.y()) = 1;
                    stack.push_back(q);
                }
            }
            out.push_back(b);
        }
    return out;
}

// The circle and square swatches of a page's legend, measured on its image: each patch of a
// class's fill colour inside the legend is as wide as it is high (a circle is not a pill, a
// square is not clipped) and fills its box as a circle (π/4) or a square (all of it) does.
// Returns how many swatches were measured; `problems` lists the ones out of shape.
inline int measureLegendSwatches(const QImage& page, const exporting::PageLayout& layout, const exporting::PageContext& context,
                                 const exporting::PageStats& stats, std::vector<std::string>& problems) {
    const exporting::PageItem* legend = layout.first(exporting::ItemKind::Legend);
    REQUIRE(legend != nullptr);
    const double px = page.width() / layout.paper.widthMm;  // the image's pixels per mm
    const QRect area(static_cast<int>(legend->rect.x * px), static_cast<int>(legend->rect.y * px), static_cast<int>(legend->rect.w * px),
                     static_cast<int>(legend->rect.h * px));
    // The symbol of each class the legend printed (the model the page's legend is drawn from).
    const render::LegendModel model = exporting::pageLegend(layout, context);
    std::map<QRgb, std::set<render::MarkerShape>> shapes;  // fill colour -> shapes drawn in it
    std::map<QRgb, double> sizes;                          // fill colour -> smallest marker, mm
    std::vector<QColor> others;                            // every other colour the legend draws (outlines, areas, lines, other shapes)
    for (const auto& l : model.layers)
        for (const auto* list : {&l.entries, &l.sizes})
            for (const auto& e : *list) {
                const auto* m = std::get_if<render::MarkerSymbol>(&e.symbol);
                if (const auto* f = std::get_if<render::FillSymbol>(&e.symbol)) others.insert(others.end(), {f->fill, f->stroke});
                if (const auto* line = std::get_if<render::LineSymbol>(&e.symbol)) others.push_back(line->color);
                if (m) others.push_back(m->stroke);
                const bool printed = std::any_of(stats.legends.begin(), stats.legends.end(), [&](const auto& p) {
                    return std::find(p.entries.begin(), p.entries.end(), std::pair{l.id, e.label}) != p.entries.end();
                });
                if (!m || !printed || m->fill.lightness() > 235 || m->fill.alpha() < 255) {  // white or see-through: not measurable
                    if (m) others.push_back(m->fill);
                    continue;
                }
                shapes[m->fill.rgb()].insert(m->shape);
                sizes[m->fill.rgb()] = sizes.count(m->fill.rgb()) ? std::min(sizes[m->fill.rgb()], m->sizeMm) : m->sizeMm;
            }
    const auto close = [](QColor a, QColor b) {
        return std::abs(a.red() - b.red()) <= 30 && std::abs(a.green() - b.green()) <= 30 && std::abs(a.blue() - b.blue()) <= 30;
    };
    int measured = 0;
    for (const auto& [rgb, kinds] : shapes) {
        const bool onlyRound = kinds == std::set<render::MarkerShape>{render::MarkerShape::Circle};
        const bool onlySquare = kinds == std::set<render::MarkerShape>{render::MarkerShape::Square};
        if (!onlyRound && !onlySquare) continue;  // a colour shared with stars or triangles
        if (std::any_of(others.begin(), others.end(), [&](QColor o) { return o.alpha() > 0 && close(o, QColor(rgb)); })) continue;
        if (std::any_of(shapes.begin(), shapes.end(), [&](const auto& s) { return s.first != rgb && close(QColor(s.first), QColor(rgb)); }))
            continue;
        const double expected = sizes[rgb] * px;  // the marker's diameter or side, in pixels
        for (const Blob& b : blobsOf(page, area, QColor(rgb), 12)) {
            if (b.pixels < 6 || std::min(b.box.width(), b.box.height()) < 0.4 * expected) continue;  // an anti-aliased edge
            ++measured;
            const double w = b.box.width(), h = b.box.height();
            const double fillRatio = b.pixels / (w * h);
            const bool square = std::abs(w - h) <= std::max(1.0, 0.12 * std::max(w, h));
            const bool shaped = onlyRound ? fillRatio > 0.6 && fillRatio < 0.93 : fillRatio > 0.8;
            if (!square || !shaped)
                problems.push_back(std::string(onlyRound ? "circle " : "square ") + QColor(rgb).name().toStdString() + " at " +
                                   std::to_string(b.box.x()) + "," + std::to_string(b.box.y()) + " is " + std::to_string(b.box.width()) +
                                   "x" + std::to_string(b.box.height()) + " px, filled " + std::to_string(fillRatio));
        }
    }
    return measured;
}

}  // namespace hongtu::test
