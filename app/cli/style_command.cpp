#include "cli/style_command.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <QColor>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <optional>
#include <sstream>
#include <string>

#include "cli/gui_app.hpp"
#include "hongtu/geo/clock.hpp"
#include "hongtu/geo/datasource.hpp"
#include "hongtu/geo/layer_styles.hpp"
#include "hongtu/geo/pg/store.hpp"
#include "render/loaded_project.hpp"
#include "render/qgis_style.hpp"
#include "render/style_io.hpp"
#include "render/symbology.hpp"

namespace hongtu::cli {

namespace {

struct StyleOptions {
    std::string project;
    std::string layer;
    std::string json;  // a file, or - for standard input
    std::string at;    // updated_at, ISO; default: now (UTC)
    bool classes = false;
};

int fail(const std::string& message) {
    std::cerr << "hongtu style: " << message << "\n";
    return 2;
}

// What the map draws: each layer QGIS can open, its symbology and its resolved classes with
// their colours and feature counts, as JSON (the QGIS test compares QGIS's renderer with it).
int runClasses(const StyleOptions& o) {
    auto loaded = render::loadProject(o.project);
    if (!loaded) return fail(loaded.error().toString());
    nlohmann::json out = nlohmann::json::array();
    for (const auto& layer : loaded->scene.layers) {
        const auto qgis = render::toQgisStyle(loaded->scene, layer);
        if (!qgis) continue;
        const char* kind = std::visit(
            [](const auto& s) {
            using T = std::decay_t<decltype(s)>;
            if constexpr (std::is_same_v<T, render::CategorizedSymbology>) return "categorized";
            else if constexpr (std::is_same_v<T, render::GraduatedSymbology>) return "graduated";
            else if constexpr (std::is_same_v<T, render::ProportionalSymbology>) return "proportional";
            else return "single";
            },
            layer.style.symbology);
        // A progress layer's classes follow the as-of day, not its symbology.
        if (layer.asOfClasses) kind = qgis->renderer == geo::QgisRenderer::Graduated ? "graduated" : "categorized";
        nlohmann::json classes = nlohmann::json::array();
        for (const auto& c : layer.classes) {
            const QColor colour = std::visit(
                [](const auto& y) -> QColor {
                    if constexpr (std::is_same_v<std::decay_t<decltype(y)>, render::LineSymbol>) return y.color;
                    else return y.fill;
                },
                c.symbol);
            classes.push_back({{"label", c.label.toStdString()}, {"color", colour.name().toStdString()}, {"count", c.count}});
        }
        out.push_back({{"layer", layer.id}, {"symbology", kind}, {"labels", layer.style.label.enabled}, {"opacity", layer.style.opacity}, {"label_max_scale", std::isfinite(layer.style.label.maxScaleDenominator) ? layer.style.label.maxScaleDenominator : 0.0}, {"classes", classes}});
        if (const auto* p = std::get_if<render::ProportionalSymbology>(&layer.style.symbology)) out.back()["max_size_mm"] = p->maxSizeMm;
    }
    std::cout << out.dump(1) << "\n";
    return 0;
}

int runList(const StyleOptions& o) {
    if (o.classes) return runClasses(o);
    auto source = geo::DataSource::open(o.project);
    if (!source) return fail(source.error().toString());
    std::vector<geo::Error> skipped;
    auto styles = geo::readLayerStyles(*source, &skipped);
    if (!styles) return fail(styles.error().toString());
    for (const auto& e : skipped) std::cerr << "hongtu style: warning: " << e.toString() << "\n";
    for (const auto& s : *styles) std::cout << s.layerId << "\t" << s.updatedAt << "\t" << s.styleJson << "\n";
    return 0;
}

// The QGIS form of `layerId` drawn with the style `text` (saved JSON), on the project as it is
// now: its classes are resolved on the layer's data, as the viewer would draw it. nullopt when
// the layer is not a table QGIS can open (a derived layer) or the project cannot be drawn.
std::optional<geo::QgisStyle> qgisFormOf(const std::string& project, const std::string& layerId, const std::string& text) {
    auto loaded = render::loadProject(project);
    if (!loaded) return std::nullopt;
    auto it = std::find_if(loaded->scene.layers.begin(), loaded->scene.layers.end(),
                           [&](const render::SceneLayer& l) { return l.id == layerId; });
    if (it == loaded->scene.layers.end()) return std::nullopt;
    // As loadProject applies a saved style: over the layer's default (an imported layer: over
    // the style it has now).
    render::LayerStyle base = it->style;
    for (const auto& def : render::projectLayerDefinitions())
        if (def.id == layerId) base = def.style;
    auto style = render::styleFromJson(text, base);
    if (!style) return std::nullopt;
    it->style = std::move(style).value();
    render::resolveSymbology(*it);
    return render::toQgisStyle(loaded->scene, *it);
}

int runSet(const StyleOptions& o) {
    std::string text;
    if (o.json == "-") {
        text.assign(std::istreambuf_iterator<char>(std::cin), {});
    } else {
        std::ifstream in(o.json, std::ios::binary);
        if (!in) return fail("file '" + o.json + "': cannot be read");
        text.assign(std::istreambuf_iterator<char>(in), {});
    }
    // Only a style the viewer can read is saved.
    if (auto style = render::styleFromJson(text, render::LayerStyle{}); !style)
        return fail("file '" + o.json + "': not a layer style: " + style.error().message);
    // QGIS's layer_styles gets the same style, in the same transaction.
    std::vector<geo::QgisStyle> qgis;
    // (A PostgreSQL project gets none: geo::writeLayerStyles leaves QGIS's styles there alone.)
    if (!geo::isPostgresSource(o.project))
        if (auto q = qgisFormOf(o.project, o.layer, text)) qgis.push_back(std::move(*q));
    auto saved = geo::writeLayerStyles(o.project, {{o.layer, text, o.at.empty() ? geo::Clock().utcIso() : o.at}}, qgis);
    if (!saved) return fail(saved.error().toString());
    std::cout << "saved the style of layer '" << o.layer << "' in " << geo::redactConnectionString(o.project)
              << (qgis.empty() ? "" : " (also as its QGIS default style)") << "\n";
    return 0;
}

int runQgis(const StyleOptions& o) {
    auto written = render::writeQgisStyles(o.project, o.at.empty() ? geo::Clock().utcIso() : o.at);
    if (!written) return fail(written.error().toString());
    std::cout << "wrote the QGIS default style of " << *written << " layers into " << geo::redactConnectionString(o.project) << "\n";
    return 0;
}

}  // namespace

Command addStyleCommand(CLI::App& app) {
    auto o = std::make_shared<StyleOptions>();
    auto* cmd = app.add_subcommand("style", "Layer styles saved in a project (list, set)");
    cmd->require_subcommand(1);
    auto* list = cmd->add_subcommand("list", "Print each saved style: layer id, saved at, JSON");
    list->add_option("--project", o->project, "Project GeoPackage")->required();
    list->add_flag("--classes", o->classes, "Print what the map draws instead: each layer's classes, colours and counts (JSON)");
    auto* set = cmd->add_subcommand("set", "Save one layer's style (JSON as the viewer's style editor writes it)");
    set->add_option("--project", o->project, "Project GeoPackage")->required();
    set->add_option("--layer", o->layer, "Layer id, e.g. counties")->required();
    set->add_option("--json", o->json, "Style JSON file, or - for standard input")->required();
    set->add_option("--at", o->at, "Time recorded with the style, ISO 8601 (default: now, UTC)");
    auto* qgis = cmd->add_subcommand("qgis",
                                     "Write every layer's style (saved or default) as its QGIS default style (layer_styles), and (re)make the "
                                     "progress views QGIS draws the progress layers from");
    qgis->add_option("--project", o->project, "Project GeoPackage")->required();
    qgis->add_option("--at", o->at, "Time recorded with the styles, ISO 8601 (default: now, UTC)");
    return {cmd, [o, list, set, qgis]() -> int {
                const auto app = makeChineseGuiApp();  // legend labels in Chinese, as on screen
                if (*list) return runList(*o);
                if (*set) return runSet(*o);
                if (*qgis) return runQgis(*o);
                return 2;
            }};
}

}  // namespace hongtu::cli
