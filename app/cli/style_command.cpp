#include "cli/style_command.hpp"

#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <sstream>
#include <string>

#include "hongtu/geo/clock.hpp"
#include "hongtu/geo/datasource.hpp"
#include "hongtu/geo/layer_styles.hpp"
#include "render/style_io.hpp"

namespace hongtu::cli {

namespace {

struct StyleOptions {
    std::string project;
    std::string layer;
    std::string json;  // a file, or - for standard input
    std::string at;    // updated_at, ISO; default: now (UTC)
};

int fail(const std::string& message) {
    std::cerr << "hongtu style: " << message << "\n";
    return 2;
}

int runList(const StyleOptions& o) {
    auto source = geo::DataSource::open(o.project);
    if (!source) return fail(source.error().toString());
    std::vector<geo::Error> skipped;
    auto styles = geo::readLayerStyles(*source, &skipped);
    if (!styles) return fail(styles.error().toString());
    for (const auto& e : skipped) std::cerr << "hongtu style: warning: " << e.toString() << "\n";
    for (const auto& s : *styles) std::cout << s.layerId << "\t" << s.updatedAt << "\t" << s.styleJson << "\n";
    return 0;
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
    auto saved = geo::writeLayerStyles(o.project, {{o.layer, text, o.at.empty() ? geo::Clock().utcIso() : o.at}});
    if (!saved) return fail(saved.error().toString());
    std::cout << "saved the style of layer '" << o.layer << "' in " << geo::redactConnectionString(o.project) << "\n";
    return 0;
}

}  // namespace

Command addStyleCommand(CLI::App& app) {
    auto o = std::make_shared<StyleOptions>();
    auto* cmd = app.add_subcommand("style", "Layer styles saved in a project (list, set)");
    cmd->require_subcommand(1);
    auto* list = cmd->add_subcommand("list", "Print each saved style: layer id, saved at, JSON");
    list->add_option("--project", o->project, "Project GeoPackage")->required();
    auto* set = cmd->add_subcommand("set", "Save one layer's style (JSON as the viewer's style editor writes it)");
    set->add_option("--project", o->project, "Project GeoPackage")->required();
    set->add_option("--layer", o->layer, "Layer id, e.g. counties")->required();
    set->add_option("--json", o->json, "Style JSON file, or - for standard input")->required();
    set->add_option("--at", o->at, "Time recorded with the style, ISO 8601 (default: now, UTC)");
    return {cmd, [o, list, set]() -> int {
                if (*list) return runList(*o);
                if (*set) return runSet(*o);
                return 2;
            }};
}

}  // namespace hongtu::cli
