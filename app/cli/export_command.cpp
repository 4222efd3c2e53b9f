#include "cli/export_command.hpp"
#include "cli/gui_app.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <QCoreApplication>
#include <QGuiApplication>
#include <QTranslator>

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "export/layout.hpp"
#include "export/layout_store.hpp"
#include "export/page_context.hpp"
#include "export/page_writer.hpp"
#include "export/preflight.hpp"
#include "hongtu/geo/datasource.hpp"
#include "hongtu/geo/feature.hpp"
#include "render/basemap.hpp"
#include "render/loaded_project.hpp"

namespace hongtu::cli {

namespace {

struct ExportOptions {
    std::string project;
    std::string layout = "county-briefing";
    std::string county, township, province;
    std::string notice;
    std::string basemap;
    bool eachCounty = false, eachTownship = false;
    std::string out, outDir, format;
    std::string asOf, today;
    double dpi = 0;
    std::string preset;
    std::string paper, orientation;
    std::string title;
    std::vector<std::string> layers;
    bool printLayout = false;
    bool storeLayout = false;
    std::string deleteLayout;
    bool check = false;
    bool force = false;
};

std::atomic<bool> gCancelled{false};
extern "C" void onInterrupt(int) { gCancelled = true; }

int fail(const std::string& message) {
    std::cerr << "hongtu export: " << geo::redactConnectionString(message) << "\n";  // no password of a PG: project
    return 2;
}

struct PageFindings {
    std::string unit, code;
    std::vector<exporting::Finding> findings;
};

// hongtu export --check: every page laid out and checked, nothing written; exit 1 on findings.
int printCheck(const std::vector<PageFindings>& pages, const std::string& layoutName, bool json) {
    std::size_t withFindings = 0;
    for (const auto& p : pages) withFindings += p.findings.empty() ? 0 : 1;
    if (json) {
        nlohmann::json out;
        out["layout"] = layoutName;
        out["pages"] = nlohmann::json::array();
        for (const auto& p : pages) {
            nlohmann::json page{{"unit", p.unit}, {"code", p.code}, {"findings", nlohmann::json::array()}};
            for (const auto& f : p.findings) page["findings"].push_back({{"check", f.check}, {"item", f.item}, {"message", f.message}});
            out["pages"].push_back(std::move(page));
        }
        out["pages_with_findings"] = withFindings;
        std::cout << out.dump(2) << "\n";
    } else {
        for (const auto& p : pages) {
            std::cout << p.unit << (p.code.empty() ? "" : " (" + p.code + ")") << ": "
                      << (p.findings.empty() ? "no findings" : std::to_string(p.findings.size()) + " findings") << "\n";
            for (const auto& f : p.findings) std::cout << "  " << exporting::describeFinding(f) << "\n";
        }
        if (pages.size() > 1) {
            std::cout << withFindings << " of " << pages.size() << " pages have findings";
            std::string names;
            for (const auto& p : pages)
                if (!p.findings.empty()) names += (names.empty() ? "" : ", ") + p.unit;
            std::cout << (names.empty() ? "" : ": " + names) << "\n";
        }
    }
    return withFindings > 0 ? 1 : 0;
}

int run(const ExportOptions& o) {
    auto app = makeGuiApp();
    QTranslator translator;  // layer names and legend titles in Chinese, as on screen
    if (translator.load(QStringLiteral(":/i18n/hongtu_zh_CN"))) QCoreApplication::installTranslator(&translator);

    if (!o.deleteLayout.empty()) {
        if (o.project.empty()) return fail("--project is required");
        auto removed = exporting::deleteLayout(o.project, o.deleteLayout);
        if (!removed) return fail(removed.error().toString());
        if (!*removed) return fail("the project has no stored layout named '" + o.deleteLayout + "'");
        std::cout << "deleted the stored layout '" << o.deleteLayout << "' from " << geo::redactConnectionString(o.project) << "\n";
        return 0;
    }
    std::vector<geo::Error> skipped;
    if (!o.project.empty()) {
        if (auto stored = exporting::loadStoredLayouts(o.project, &skipped); stored)
            for (const auto& e : skipped) std::cerr << "hongtu export: warning: " << e.toString() << "\n";
    }
    auto layout = exporting::resolveLayout(o.project, o.layout);
    if (!layout) return fail(layout.error().toString());
    exporting::WriteOptions writeOptions;
    double dpi = o.dpi;
    if (!o.preset.empty()) {
        const auto preset = exporting::presetFromName(o.preset);
        if (!preset) return fail(preset.error().message);
        writeOptions = exporting::presetOptions(*preset);
        if (dpi == 0) dpi = exporting::presetDpi(*preset);  // --dpi wins over the preset's
    }
    exporting::LayoutChanges changes{o.paper, std::nullopt, dpi, o.title};
    if (!o.orientation.empty())
        changes.orientation = o.orientation == "landscape" ? exporting::Orientation::Landscape : exporting::Orientation::Portrait;
    layout = exporting::applyChanges(std::move(layout).value(), changes);
    if (!layout) return fail(layout.error().message);
    if (o.printLayout) {
        std::cout << exporting::layoutToJson(*layout) << "\n";
        return 0;
    }
    if (o.project.empty()) return fail("--project is required");
    if (o.storeLayout) {
        if (auto saved = exporting::saveLayout(o.project, *layout); !saved) return fail(saved.error().toString());
        std::cout << "saved layout '" << layout->name << "' in " << geo::redactConnectionString(o.project) << "\n";
        return 0;
    }
    if (!o.asOf.empty() && !geo::Date::parseIso(o.asOf)) return fail("--as-of '" + o.asOf + "' is not a date (YYYY-MM-DD)");
    if (!o.today.empty() && !geo::Date::parseIso(o.today)) return fail("--today '" + o.today + "' is not a date (YYYY-MM-DD)");

    // The one clock of this run: --today fixes it (at noon of that day in the project's zone), so
    // the map's default day and the page's making date are the same day.
    const geo::Clock clock = o.today.empty() ? geo::Clock() : geo::Clock::fixedDay(*geo::Date::parseIso(o.today));
    auto project = render::loadProject(o.project, render::ProjectOptions{.displayCrs = {}, .progressDate = {}, .clock = clock});
    if (!project) return fail(project.error().toString());
    for (const auto& w : project->warnings) std::cerr << "hongtu export: warning: " << geo::redactConnectionString(w.toStdString()) << "\n";
    if (!o.basemap.empty()) {
        // A raster under every map frame of the page, warped into its CRS (e.g. the standard map 标准地图, georeferenced).
        auto basemap = render::Basemap::open(o.basemap);
        if (!basemap) return fail("--basemap: " + basemap.error().toString());
        project->scene.basemap = *basemap;
    }

    exporting::ContextOptions options{o.asOf, o.today, std::nullopt};
    options.clock = clock;
    options.mapNotice = o.notice;
    // The layers asked for by name (--layers, else the layout's "layers") are drawn at every
    // scale: a page that asks for the villages gets them (the preflight warns when they overprint).
    const std::vector<std::string>& asked = !o.layers.empty() ? o.layers : layout->layers;
    if (!asked.empty()) {
        for (const auto& id : asked)
            if (!project->scene.find(id))
                return fail(std::string(!o.layers.empty() ? "--layers" : "the layout's \"layers\"") + ": the project has no layer '" + id + "'");
        options.visibleLayerIds = asked;
        options.scaleRangeOverrideIds = asked;
    }

    // Which pages.
    std::vector<exporting::Unit> units;
    bool cityPage = false;
    if (o.eachCounty) units = exporting::countyUnits(project->scene);
    else if (o.eachTownship) units = exporting::townshipUnits(project->scene);
    else if (!o.province.empty()) {
        auto unit = exporting::findUnit(exporting::provinceUnits(project->scene), o.province);
        if (!unit) return fail(unit.error().message);
        units.push_back(*unit);
    } else if (!o.county.empty() || !o.township.empty()) {
        const auto all = o.county.empty() ? exporting::townshipUnits(project->scene) : exporting::countyUnits(project->scene);
        auto unit = exporting::findUnit(all, o.county.empty() ? o.township : o.county);
        if (!unit) return fail(unit.error().message);
        units.push_back(*unit);
    } else {
        cityPage = true;
    }
    const bool batch = o.eachCounty || o.eachTownship;
    if (o.check) {
        if (!o.format.empty() && o.format != "json" && o.format != "text")
            return fail("--check prints its findings as text or json (--format text|json), not '" + o.format + "'");
        std::vector<PageFindings> pages;
        const std::size_t n = cityPage ? 1 : units.size();
        for (std::size_t i = 0; i < n; ++i) {
            const exporting::Unit* unit = cityPage ? nullptr : &units[i];
            const exporting::PageContext context = exporting::makeContext(*project, unit, options);
            pages.push_back({context.unitName, unit ? unit->code : "", exporting::preflight(*layout, context)});
        }
        return printCheck(pages, layout->name, o.format == "json");
    }
    if (batch && o.outDir.empty()) return fail("--each-county/--each-township write one file per unit: give --out-dir DIR");
    if (!batch && o.out.empty()) return fail("give the output file with -o FILE.pdf (or .png, .svg)");

    auto format = !o.format.empty() ? exporting::formatFromName(o.format) : batch ? exporting::formatFromName("pdf")
                                                                                  : exporting::formatFromPath(o.out);
    if (!format) return fail(format.error().toString());
    if (batch) {
        std::error_code ec;
        std::filesystem::create_directories(o.outDir, ec);
        if (ec) return fail("cannot create the folder '" + o.outDir + "': " + ec.message());
    }

    // A batch never writes two pages into one file (two units of the same name and code get
    // "_2", "_3" …), and never overwrites a page already in the folder unless --force.
    std::vector<std::string> batchPaths;
    if (batch) {
        std::map<std::string, int> seen;
        std::vector<std::string> existing;
        for (const auto& unit : units) {
            const std::string name = exporting::unitFileName(unit.name, unit.code, *format);
            const int n = ++seen[name];
            std::filesystem::path file(name);
            if (n > 1) file = file.stem().string() + "_" + std::to_string(n) + file.extension().string();
            const std::string path = (std::filesystem::path(o.outDir) / file).string();
            std::error_code ec;
            if (std::filesystem::is_regular_file(path, ec)) existing.push_back(file.string());
            batchPaths.push_back(path);
        }
        if (!existing.empty() && !o.force) {
            std::string list;
            for (std::size_t i = 0; i < existing.size() && i < 5; ++i) list += (i ? ", " : "") + existing[i];
            if (existing.size() > 5) list += ", …";
            return fail("the folder '" + o.outDir + "' already has " + std::to_string(existing.size()) + " of these pages (" + list +
                        "); nothing was written. Use another --out-dir, or --force to replace them");
        }
    }

    gCancelled = false;
    const auto previous = std::signal(SIGINT, onInterrupt);
    std::vector<std::string> failures;
    std::vector<PageFindings> checked;  // pages with preflight findings
    std::size_t written = 0;
    const std::size_t total = cityPage ? 1 : units.size();
    for (std::size_t i = 0; i < total; ++i) {
        if (gCancelled) break;
        const exporting::Unit* unit = cityPage ? nullptr : &units[i];
        const exporting::PageContext context = exporting::makeContext(*project, unit, options);
        const std::string path = batch ? batchPaths[i] : o.out;
        exporting::PageMetadata meta;
        meta.title = exporting::resolveText(layout->first(exporting::ItemKind::Title)
                                                ? layout->first(exporting::ItemKind::Title)->text
                                                : context.unitName,
                                            context);
        meta.author = "宏图 Hongtu";
        // The preflight runs before the page is written; its findings are reported, the page is
        // written all the same (hongtu export --check writes nothing and exits 1 on findings).
        const auto findings = exporting::preflight(*layout, context);
        if (!findings.empty()) {
            checked.push_back({context.unitName, unit ? unit->code : "", findings});
            for (const auto& f : findings)
                std::cerr << "hongtu export: " << context.unitName << ": " << exporting::describeFinding(f) << "\n";
        }
        auto page = exporting::writePage(path, *format, *layout, context, meta, writeOptions);
        if (batch) std::cerr << "[" << (i + 1) << "/" << total << "] " << context.unitName << " ";
        if (page) {
            ++written;
            if (batch) std::cerr << "-> " << path << "\n";
            else std::cout << "wrote " << path << " (1:" << static_cast<long long>(page->scaleDenominator) << ")\n";
        } else {
            failures.push_back(context.unitName + ": " + page.error().toString());
            if (batch) std::cerr << "FAILED\n";
        }
    }
    std::signal(SIGINT, previous);
    if (batch) std::cout << "wrote " << written << " of " << total << " pages to " << o.outDir << "\n";
    if (gCancelled) std::cerr << "hongtu export: cancelled after " << written << " pages; the pages written are complete.\n";
    for (const auto& f : failures) std::cerr << "hongtu export: FAILED " << geo::redactConnectionString(f) << "\n";
    if (batch && !checked.empty()) {
        std::string names;
        for (const auto& p : checked) names += (names.empty() ? "" : ", ") + p.unit + " (" + std::to_string(p.findings.size()) + ")";
        std::cerr << "hongtu export: " << checked.size() << " of " << total << " pages have preflight findings: " << names
                  << " (hongtu export --check lists them)\n";
    }
    if (!failures.empty() || gCancelled) return 1;
    return 0;
}

}  // namespace

Command addExportCommand(CLI::App& app) {
    auto o = std::make_shared<ExportOptions>();
    auto* cmd = app.add_subcommand("export", "Briefing pages (PDF/PNG/SVG) from a page layout: the city, one unit, or one page per county/township");
    cmd->add_option("--project", o->project, "Project GeoPackage");
    cmd->add_option("--layout", o->layout,
                    "Built-in template (county-briefing, city-overview, route-sheet), a layout saved in the project, or a .json file")
        ->capture_default_str();
    auto* county = cmd->add_option("--county", o->county, "One county's page (name or code, e.g. 兴县 or 兴)");
    auto* township = cmd->add_option("--township", o->township, "One township's page (name or code)");
    auto* each = cmd->add_flag("--each-county", o->eachCounty, "One page per county into --out-dir");
    auto* eachT = cmd->add_flag("--each-township", o->eachTownship, "One page per township into --out-dir");
    auto* province = cmd->add_option("--province", o->province,
                                     "One province's page (name or code, e.g. 山西省 or 14): its counties, the neighbours muted");
    province->excludes(county, township, each, eachT);
    cmd->add_option("--notice", o->notice,
                    std::string("The map notice of national and provincial pages (default: ") + exporting::kDefaultMapNotice + ")");
    cmd->add_option("--basemap", o->basemap,
                    "A raster under the maps (GeoTIFF, MBTiles, any georeferenced GDAL raster), e.g. the standard map 标准地图 "
                    "for a page to publish (docs/export.md)");
    county->excludes(township, each, eachT);
    township->excludes(each, eachT);
    each->excludes(eachT);
    cmd->add_option("-o,--out", o->out, "Output file; the extension picks the format (.pdf .png .svg .tiff)");
    cmd->add_option("--out-dir", o->outDir, "Folder for --each-county/--each-township pages (名称_代码.pdf)");
    cmd->add_option("--format", o->format, "pdf, png, svg or tiff (default: from -o, pdf for batches); with --check: text or json");
    cmd->add_flag("--check", o->check,
                  "Preflight only: lay out the pages, print the findings (legend, overlapping or cut text, line breaks, glyphs, "
                  "scale bar) and exit 1 if there are any; nothing is written");
    cmd->add_option("--as-of", o->asOf, "Date the page reports on, YYYY-MM-DD (printed as 数据截至 …; default: --today)");
    cmd->add_option("--today", o->today, "Date printed as the making date and taken as today, YYYY-MM-DD (default: today in UTC+8)");
    cmd->add_option("--dpi", o->dpi, "Resolution (default: the layout's, 300)")->check(CLI::Range(30.0, 1200.0));
    cmd->add_option("--preset", o->preset,
                    "Size preset: email (150 dpi, small PNG), print (300 dpi), press (600 dpi); --dpi overrides its DPI")
        ->check(CLI::IsMember({"email", "print", "press"}));
    cmd->add_option("--paper", o->paper, "A4, A3 (built-in templates are re-placed for it)")->check(CLI::IsMember({"A4", "A3"}));
    cmd->add_option("--orientation", o->orientation, "portrait or landscape")->check(CLI::IsMember({"portrait", "landscape"}));
    cmd->add_option("--title", o->title, "Title text ({unit} is the unit's name)");
    cmd->add_option("--layers", o->layers,
                    "Layers to draw (ids, comma separated; default: the layout's \"layers\", else as the viewer starts); "
                    "a layer named here is drawn at every scale, its scale range set aside")
        ->delimiter(',');
    cmd->add_flag("--print-layout", o->printLayout, "Print the layout as JSON (to edit and pass back with --layout FILE.json)");
    cmd->add_flag("--store-layout", o->storeLayout, "Save the layout into the project (table hongtu_layouts) under its name");
    cmd->add_option("--delete-layout", o->deleteLayout, "Delete the layout of this name stored in the project");
    cmd->add_flag("--force", o->force, "--each-county/--each-township: replace pages already in --out-dir");
    return {cmd, [o] { return run(*o); }};
}

}  // namespace hongtu::cli
