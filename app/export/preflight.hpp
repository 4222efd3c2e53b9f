#pragma once
// The page preflight: checks a laid-out page before it is written (hongtu export --check, every
// export and batch, the export dialog). Each finding names its check, the item and what is
// wrong in one sentence; docs/export.md shows an example of each.
//
//   legend           a symbol class the map frame draws is not in the legend (or the legend
//                    lists one it does not draw)
//   overlap          two text boxes overlap
//   outside-item     a text leaves the box of its item
//   off-page         a text or an item leaves the page
//   crosses-item     a text crosses the edge of another item (the map frame, the table...)
//   elided           a text is cut ("…" that is not in the source, or lines missing)
//   line-break       a line starts with a closing mark (）：，。、) or ends with an opening one (（)
//   glyph            a character the font has no glyph for
//   scale-bar        the scale bar's length and the printed 1:N disagree with the frame's scale
//   fit              a text does not fit its box at the smallest type size (legend rows left out)
//   subtitle         the subtitle's unit ({breakdown}: 按乡镇统计) is not the unit the map's
//                    thematic layer is drawn by (a county choropleth on a page by township)
//   pdf-text         the page fonts are missing: a PDF's text layer may be wrong (⼯ for 工)
//   overprint        a point layer drawn outside its scale range because the page asked for it
//                    (layout "layers", --layers) covers itself: more than a quarter of its points
//                    in the frame share a marker-sized cell with another (a national page that
//                    asks for every village); the count stays true, the dots do not
//   territory        a national map without Taiwan, Hong Kong or Macau (China's map rules)
//   south-china-sea  a page that needs the South China Sea inset has none, or no dashed line
//   map-notice       a national or provincial page without the map notice

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "export/layout.hpp"
#include "export/page_context.hpp"
#include "export/page_painter.hpp"

namespace hongtu::exporting {

struct Finding {
    std::string check;    // one of the names above
    std::string item;     // "items[4] (legend)", "" for the page
    std::string message;  // one sentence
};

// Checks a page as laid out (layoutPage) or painted (paintPage / writePage's stats).
// Every (layer id, class label) the page's map frame drew, as the legend names classes: a layer
// without classes is its own name. The legend check compares the printed legend with this.
[[nodiscard]] std::set<std::pair<std::string, QString>> drawnClasses(const PageContext& context, const PageStats& page);

[[nodiscard]] std::vector<Finding> checkPage(const PageLayout& layout, const PageContext& context, const PageStats& page);
// Lays the page out (without drawing its maps) and checks it.
[[nodiscard]] std::vector<Finding> preflight(const PageLayout& layout, const PageContext& context);

// "items[4] (legend): legend: ..." one line per finding.
[[nodiscard]] std::string describeFinding(const Finding& f);

}  // namespace hongtu::exporting
