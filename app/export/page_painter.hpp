#pragma once
// The one page painter: paints a layout with its context onto any QPainter (a QImage for PNG
// and the dialog's preview, QPdfWriter, QSvgGenerator), so every format shows the same page.
// The painter's device units are pixels at layout.dpi, origin at the page's top-left corner.

#include <QPainter>

#include <string>
#include <vector>

#include "export/layout.hpp"
#include "export/page_context.hpp"
#include "hongtu/geo/result.hpp"

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

struct PageStats {
    std::size_t featuresDrawn = 0;
    std::size_t verticesBefore = 0, verticesAfter = 0;  // of the main map's paths, around simplification
    double scaleDenominator = 0;                        // of the first map frame
    double scaleBarKm = 0, scaleBarMm = 0;              // as drawn
};

// The scale (the N of 1:N) the page's first map frame is drawn at; 0 when it has none.
[[nodiscard]] double frameScaleDenominator(const PageLayout& layout, const PageContext& context);

// Page size in device pixels at layout.dpi (rounded to whole pixels).
[[nodiscard]] QSize pagePixelSize(const PageLayout& layout);

// Paints the page. Call checkGlyphs first: this paints whatever glyphs the font has.
PageStats paintPage(QPainter& painter, const PageLayout& layout, const PageContext& context);

// The text items' text with {unit}, {as_of}, {today}, {sources} and {layers} filled in.
[[nodiscard]] std::string resolveText(const std::string& text, const PageContext& context);
// "2018-06-30" -> "2018年6月30日" (the text itself when it is not an ISO date).
[[nodiscard]] std::string chineseDate(const std::string& iso);

}  // namespace hongtu::exporting
