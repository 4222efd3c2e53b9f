#pragma once
// The one page painter: paints a layout with its context onto any QPainter (a QImage for PNG
// and the dialog's preview, QPdfWriter, QSvgGenerator), so every format shows the same page.
// The painter's device units are pixels at layout.dpi, origin at the page's top-left corner.

#include <QPainter>
#include <QRectF>
#include <QString>

#include <optional>
#include <string>
#include <vector>

#include "export/layout.hpp"
#include "export/page_context.hpp"
#include "hongtu/geo/result.hpp"
#include "render/legend_model.hpp"

namespace hongtu::exporting {

// A text of the page whose font lacks some characters.
struct MissingGlyphs {
    std::string item;      // "items[0] (title)"
    std::string font;      // the family that was checked
    std::u32string chars;  // each missing character once, in order of appearance
};

// Every text the page would draw (titles, legend, table, chart, scale bar, and the map labels
// shown at the frame's scale inside its extent) checked against the fonts it is drawn in.
// Empty when all glyphs exist.
[[nodiscard]] std::vector<MissingGlyphs> checkGlyphs(const PageLayout& layout, const PageContext& context);
// One sentence naming the missing characters and their items, for an export error.
[[nodiscard]] std::string describeMissingGlyphs(const std::vector<MissingGlyphs>& missing);

// One line of text as the page drew it, in device pixels at layout.dpi.
struct DrawnText {
    std::size_t item = 0;  // index into layout.items
    QString text;          // the line
    QString source;        // the whole text the line belongs to (a heading, a title)
    QRectF box;            // advance width x (ascent + descent), where it was drawn
    double pt = 0;         // type size on paper
    int line = 0;          // 0 = first line of its source
};

// What the legend of a page lists, and what did not fit.
struct LegendPrinted {
    std::size_t item = 0;
    std::vector<std::pair<std::string, QString>> entries;  // (layer id, class label) printed
    double pt = 0;                                         // type size used
    int columns = 0;
    std::size_t left = 0;  // entries (and headings) that did not fit even at the smallest size
};

struct PageStats {
    std::size_t featuresDrawn = 0;
    std::size_t verticesBefore = 0, verticesAfter = 0;  // of the main map's paths, around simplification
    double scaleDenominator = 0;                        // of the first map frame
    double frameMapUnitsPerMm = 0;                      // of the first map frame: display-CRS units per mm of paper
    geo::Box frameExtent;                               // of the first map frame: what it shows (display CRS)
    double scaleBarKm = 0, scaleBarMm = 0;              // as drawn
    std::string scaleText;                              // "1:561 000" as printed
    // What the page drew, for the preflight (export/preflight.hpp) and the tests:
    std::vector<DrawnText> texts;
    std::vector<LegendPrinted> legends;
    // Per layer of the first map frame: features drawn per class, as the renderer reports them
    // (when the map was painted) or as it would draw them (layoutPage).
    std::vector<std::pair<std::string, std::vector<std::size_t>>> drawnPerClass;
    // Items whose text did not fit their box at the smallest type size: one sentence each.
    std::vector<std::string> misfits;
};

// The view of the page's first map frame as the page draws it (with a South China Sea inset on
// it, the extent widened so the inset covers no mainland), and the inset's own view; nullopt
// when the page has no map frame, or needs no inset.
[[nodiscard]] std::optional<render::MapSettings> mainMapSettings(const PageLayout& layout, const PageContext& context);
[[nodiscard]] std::optional<render::MapSettings> southChinaSeaSettings(const PageLayout& layout, const PageContext& context);

// The scale (the N of 1:N) the page's first map frame is drawn at; 0 when it has none.
[[nodiscard]] double frameScaleDenominator(const PageLayout& layout, const PageContext& context);

// Page size in device pixels at layout.dpi (rounded to whole pixels).
[[nodiscard]] QSize pagePixelSize(const PageLayout& layout);

// Paints the page. Call checkGlyphs first: this paints whatever glyphs the font has.
PageStats paintPage(QPainter& painter, const PageLayout& layout, const PageContext& context);
// Lays the page out without drawing its maps (fast): the texts, legends and fits as paintPage
// would make them, the maps' classes as the renderer would draw them.
[[nodiscard]] PageStats layoutPage(const PageLayout& layout, const PageContext& context);

// The legend of the page's first map frame (render/legend_model.hpp); empty without one.
[[nodiscard]] render::LegendModel pageLegend(const PageLayout& layout, const PageContext& context);

// The text items' text with {unit}, {as_of}, {today}, {sources} and {layers} filled in.
[[nodiscard]] std::string resolveText(const std::string& text, const PageContext& context);
// "2018-06-30" -> "2018年6月30日" (the text itself when it is not an ISO date).
[[nodiscard]] std::string chineseDate(const std::string& iso);

}  // namespace hongtu::exporting
