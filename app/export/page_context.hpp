#pragma once
// Everything a page shows besides its layout: the scene and the map view (as the screen shows
// it: visible layers, as-of date), the unit the page is about, the texts and the table rows.
// Built from a loaded project for the whole city, one county or one township.

#include <QPainterPath>

#include <map>
#include <memory>
#include <optional>

#include <string>
#include <vector>
#include "hongtu/geo/progress/progress.hpp"

#include "hongtu/geo/clock.hpp"
#include "hongtu/geo/codes.hpp"
#include "hongtu/geo/feature.hpp"
#include "hongtu/geo/result.hpp"
#include "render/loaded_project.hpp"
#include "render/map_settings.hpp"
#include "render/scene.hpp"

namespace hongtu::exporting {

// Rows of strings for a table item (statistics per unit, or a route's timetable); the chart
// reads one of the columns as numbers.
struct TableRows {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
    [[nodiscard]] bool empty() const { return rows.empty(); }
};

// What a page's main map frame shows, for China's map rules (docs/export.md): a national map
// (the frame covers 90–120°E, 25–45°N), a provincial one (a province, a municipality, or the
// counties of more than one prefecture-level city), or a local one (a city, a county). National
// and provincial pages print the map notice; national pages, and provincial ones of Hainan and
// Guangdong, carry the South China Sea inset (南海诸岛附图).
enum class MapScope { Local,
                      Provincial,
                      National };
[[nodiscard]] const char* mapScopeName(MapScope scope);  // "local", "provincial", "national"

// The notice national and provincial pages print: Hongtu cannot issue a map review number (审图号).
inline constexpr const char* kDefaultMapNotice = "示意图，不作为权属争议依据；公开使用须以标准地图为底图并送审";

// The South China Sea inset's area (lon/lat): the whole dashed line, Hainan and the coast.
inline constexpr double kSouthChinaSeaLonLat[4] = {106.5, 2.8, 123.8, 25.0};  // min lon, min lat, max lon, max lat
// Features reaching south of this latitude are the South China Sea islands: the main frame of a
// page with the inset leaves them to the inset (so it shows the mainland, about 18–54°N).
inline constexpr double kSouthChinaSeaNorthLat = 17.0;

struct PageContext {
    const render::Scene* scene = nullptr;  // the scene the page draws (the project's, or ownedScene)
    // A unit's page draws its own copy of the scene (makeContext): neighbouring counties muted,
    // the projects of other units left out, the unit's thematic layer added.
    std::shared_ptr<const render::Scene> ownedScene;
    geo::Box projectExtent;  // what the inset locator shows (display CRS)
    // The view: display CRS, visible layers, background; `extent` is what the map frame fits.
    // Its size and DPI are replaced by the frame's on the page.
    render::MapSettings map;
    // The scale (1:N) the page's map frame is drawn at, set by the page painter (0 = unknown):
    // layers outside their scale range there are not named as synthetic data on the page.
    double frameScaleDenominator = 0;
    // Drawn over the project's layers in the main map (a route's legs and stops, the unit's outline).
    std::vector<render::SceneLayer> overlays;
    std::string unitName;                              // "兴县", "吕梁市"
    std::string unitCode;                              // "141123"
    std::string theme = "有集体经济收入的村委会占比";  // what the statistics measure ({theme} in texts)
    std::string breakdown;                             // what the statistics rows are: "按乡镇统计" ({breakdown} in texts)
    std::string breakdownLevel;                        // the unit of those rows: "county", "township" or "village"
    // Thematic layers and the unit they colour or size by ("county_progress" -> "county"): the
    // preflight checks that the map shows what the subtitle says ({breakdown}).
    std::map<std::string, std::string> thematicLevels;
    std::string asOf;                  // ISO date the page reports on; the data-date item prints it
    std::string today;                 // ISO date the page is made (an input, for determinism)
    std::vector<std::string> sources;  // credits line
    // The same without the packages and versions in brackets (民政部区划代码): what a credits line
    // prints when the full one does not fit its box (an A4 page of the national data, four sources).
    std::vector<std::string> sourcesShort;
    TableRows statistics;  // "statistics" tables and charts
    TableRows timetable;   // "timetable" tables (route sheets)
    // Vector pages (PDF, SVG): geometry is simplified to the output resolution (half a device
    // pixel) before drawing, for smaller files. Raster pages always draw it in full.
    bool simplify = true;
    // China's map rules: what the frame shows, whether the South China Sea inset is required and
    // what it shows (display CRS), and the notice text (empty = the map_notice item's own).
    MapScope scope = MapScope::Local;
    bool southChinaSeaInset = false;
    geo::Box southChinaSeaExtent;
    std::string mapNotice;
};

// A unit a page can be made for.
struct Unit {
    geo::AdminLevel level = geo::AdminLevel::County;  // Province, City, County or Township
    std::string code, name;
    geo::Box extent;  // display CRS
};

// The project's counties (from the "counties" layer) and townships (from "townships", their
// extent taken from their villages), in code order.
// What a page of the whole project calls it ({unit}): 吕梁市 when every county is in the
// programme's city (county codes 1411xx, DOMAIN.md), 全国 when the counties span provinces,
// else 项目范围. Never the programme's city for data that is not in it.
[[nodiscard]] std::string wholeProjectName(const render::Scene& scene);
[[nodiscard]] std::vector<Unit> countyUnits(const render::Scene& scene);
[[nodiscard]] std::vector<Unit> townshipUnits(const render::Scene& scene);
// The provinces of the project's counties (province_code, else the first two digits of the
// county code), named from GB/T 2260 (山西省), in code order.
[[nodiscard]] std::vector<Unit> provinceUnits(const render::Scene& scene);
// "山西省" for "14" (GB/T 2260 province-level codes, Taiwan, Hong Kong and Macau included); "" if unknown.
[[nodiscard]] std::string provinceName(const std::string& code);
// The unit whose name or code is `key`; else the county or township whose name `key` spells
// as joins accept it (兴 for 兴县, 蔡家崖 for 蔡家崖乡); else an error listing a few that exist.
[[nodiscard]] geo::Result<Unit> findUnit(const std::vector<Unit>& units, const std::string& key);

struct ContextOptions {
    std::string asOf;                                         // empty = today
    std::string today;                                        // ISO; empty = `clock`'s day (the project's zone, UTC+8)
    std::optional<std::vector<std::string>> visibleLayerIds;  // default: the scene's initially visible
    // Layers drawn at every scale (render::MapSettings::scaleRangeOverrideIds): the layers a
    // page's layout or `hongtu export --layers` asks for by name.
    std::vector<std::string> scaleRangeOverrideIds;
    std::string mapNotice;            // the map notice's text (hongtu export --notice); empty = the layout's
    geo::Clock clock = geo::Clock();  // the one clock, injected by the caller
};

// The page context for the whole project (unit = nullptr: the city) or one unit: the map fits
// the unit, the unit's outline is drawn over it, statistics rows are per township (county
// page), per village (township page) or per county (city page). Sources come from the
// project's layer_metadata.
[[nodiscard]] PageContext makeContext(const render::LoadedProject& project, const Unit* unit, const ContextOptions& options);

// Statistics of the demo theme (village committees with collective income) under a unit.
[[nodiscard]] TableRows incomeStatistics(const render::Scene& scene, const Unit* unit);
// Completion of the programme's projects as of `asOf` (geo::progress::ProgressModel): per county for the
// city, per township for a county; columns name, planned, completed, completion rate (%),
// overdue. Empty for a township page (too few projects to tabulate).
[[nodiscard]] TableRows progressStatistics(const geo::progress::ProgressModel& model, const Unit* unit, geo::Date asOf);

// Names of the drawn layers (main scene and overlays) that hold synthetic data: visible, and
// inside their scale range at context.frameScaleDenominator when that is set.
[[nodiscard]] std::vector<std::string> syntheticLayerNames(const PageContext& context);

}  // namespace hongtu::exporting
