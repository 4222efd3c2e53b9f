// Replays every file of tests/fuzz/corpus/<target>/ (seeds, and every input a fuzzer found that
// once crashed, kept as a regression file) through the same entry the libFuzzer target drives.
// Runs in every normal build (no clang or libFuzzer needed).

#include <catch2/catch_test_macros.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "entries.hpp"

namespace fs = std::filesystem;

namespace {

std::size_t replay(const hongtu::fuzz::Target& t) {
    const fs::path dir = fs::path(HONGTU_FUZZ_CORPUS) / t.name;
    REQUIRE(fs::is_directory(dir));
    std::vector<fs::path> files;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (e.is_regular_file()) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    hongtu::fuzz::throwOnBroken = true;
    for (const auto& f : files) {
        std::ifstream in(f, std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        INFO("corpus file " << f.string());
        try {
            t.entry(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
        } catch (const hongtu::fuzz::BrokenProperty& b) {
            FAIL(b.message);
        }
    }
    return files.size();
}

void replayAll(const std::vector<hongtu::fuzz::Target>& targets) {
    for (const auto& t : targets) {
        INFO("fuzz target " << t.name);
        CHECK(replay(t) >= 3);  // a target without seeds would test nothing
    }
}

}  // namespace

TEST_CASE("fuzz corpus: every seed and former crash of the geo parsers goes through without a crash", "[fuzz]") {
    replayAll(hongtu::fuzz::geoTargets());
}

#ifdef HONGTU_FUZZ_APP
TEST_CASE("fuzz corpus: every seed and former crash of the layout and style readers goes through", "[fuzz]") {
    replayAll(hongtu::fuzz::appTargets());
}
#endif
