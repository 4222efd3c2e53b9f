#pragma once
// A briefing page layout as plain data: paper, margins, DPI and the items placed on it (in
// millimetres from the page's top-left corner). Read from and written to JSON; built-in
// templates come from code and adapt to the paper chosen.

#include <optional>
#include <string>
#include <vector>

#include "hongtu/geo/result.hpp"

namespace hongtu::exporting {

enum class ItemKind {
    Map,    // the map frame: the project scene (plus overlays) fitted to the unit
    Title,  // text; "{unit}" is replaced by the unit's name
    Subtitle,
    Legend,    // the visible layers' symbols and classes
    ScaleBar,  // ground length at the frame centre, round 1/2/5 x 10^n km, with "1:N"
    NorthArrow,
    DataDate,         // "数据截至 2018年6月30日" from the as-of date
    Credits,          // source / credits line
    SyntheticNotice,  // drawn only when a drawn layer is synthetic
    Inset,            // locator: the whole project, the map frame's extent outlined
    Table,            // rows of strings (statistics or a route timetable)
    Chart,            // bar chart of one numeric column of the table rows
    Text,             // free text
    SouthChinaSea,    // 南海诸岛附图: its own map frame of the South China Sea, drawn when the page needs it
    MapNotice,        // 示意图… notice, drawn on national and provincial pages (China's map rules)
};

[[nodiscard]] const char* itemKindName(ItemKind kind);
[[nodiscard]] std::optional<ItemKind> itemKindFromName(const std::string& name);

struct RectMm {
    double x = 0, y = 0, w = 0, h = 0;
    friend bool operator==(const RectMm&, const RectMm&) = default;
};

enum class Align { Left,
                   Center,
                   Right };

struct PageItem {
    ItemKind kind = ItemKind::Text;
    RectMm rect;
    std::string text;  // Title/Subtitle/Credits/Text/SyntheticNotice; placeholders {unit} {as_of}
    double fontPt = 10;
    bool bold = false;
    Align align = Align::Left;
    bool frame = false;    // a thin border around the item
    std::string table;     // Table/Chart: "statistics" (per unit) or "timetable" (route)
    int valueColumn = -1;  // Chart: which column of the rows holds the bar values
    friend bool operator==(const PageItem&, const PageItem&) = default;
};

enum class Orientation { Portrait,
                         Landscape };

struct Paper {
    std::string size = "A4";  // "A4", "A3" or "custom"
    Orientation orientation = Orientation::Portrait;
    double widthMm = 210, heightMm = 297;  // resolved for the orientation
    friend bool operator==(const Paper&, const Paper&) = default;
};

// A4/A3 in the orientation; custom takes the given millimetres.
[[nodiscard]] geo::Result<Paper> makePaper(const std::string& size, Orientation orientation, double customWidthMm = 0,
                                           double customHeightMm = 0);

struct Margins {
    double top = 10, right = 10, bottom = 10, left = 10;
    friend bool operator==(const Margins&, const Margins&) = default;
};

struct PageLayout {
    std::string name;  // e.g. "county-briefing"
    Paper paper;
    Margins margins;
    double dpi = 300;
    std::string fontFamily = "Noto Sans CJK SC";
    // The layers the page's maps draw (layer ids; JSON "layers"); empty = as the viewer starts.
    // A layer named here is drawn at every scale, its scale range set aside (a national page
    // that asks for the villages gets every village; the preflight warns when they overprint).
    // `hongtu export --layers` replaces this list.
    std::vector<std::string> layers;
    std::vector<PageItem> items;
    friend bool operator==(const PageLayout&, const PageLayout&) = default;

    [[nodiscard]] const PageItem* first(ItemKind kind) const;
};

// The pixel budget of a page and of each item at the layout's dpi: a page or item larger than
// this is refused with a message, instead of an allocation that fails (a null image written
// to: a crash) or takes all memory. Layouts live in project files that people exchange.
// Configurable with the environment variables HONGTU_MAX_PAGE_SIDE_PX and HONGTU_MAX_PAGE_MEGAPIXELS.
struct PixelLimits {
    int maxSide = 40000;         // pixels, either side
    double maxMegapixels = 600;  // width x height / 1e6
    [[nodiscard]] static PixelLimits fromEnvironment();
};
[[nodiscard]] geo::Status checkPixelBudget(const PageLayout& layout, const PixelLimits& limits = PixelLimits::fromEnvironment());

// JSON text <-> layout. Errors name the bad key by its path, e.g.
// "items[3].kind: unknown item kind 'lgend'"; unknown keys are errors too (a typo must not
// silently fall back to a default). `source` names the file or the project table in messages.
[[nodiscard]] geo::Result<PageLayout> layoutFromJson(const std::string& json, const std::string& source = "layout");
[[nodiscard]] std::string layoutToJson(const PageLayout& layout);

// Built-in templates: "county-briefing" (A4 portrait), "city-overview" (A3 landscape),
// "route-sheet" (A4 portrait). `paper` overrides the template's paper; items are placed for it.
[[nodiscard]] std::vector<std::string> builtinTemplateNames();
[[nodiscard]] geo::Result<PageLayout> builtinTemplate(const std::string& name, const std::optional<Paper>& paper = {});

// What the CLI options and the export dialog change on a layout: the paper (a built-in
// template is placed anew for it; other layouts keep their items), the DPI (0 = keep) and the
// title text (empty = keep). The CLI and the dialog both go through this, so they agree.
struct LayoutChanges {
    std::string paperSize;                   // "A4", "A3"; empty = keep
    std::optional<Orientation> orientation;  // empty = keep
    double dpi = 0;
    std::string title;
};
[[nodiscard]] geo::Result<PageLayout> applyChanges(PageLayout layout, const LayoutChanges& changes);

}  // namespace hongtu::exporting
