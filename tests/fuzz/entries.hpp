#pragma once
// The fuzzed entry points, shared by the libFuzzer targets (fuzz_<name>.cpp, built with clang
// when HONGTU_FUZZ is on) and by the corpus replay test that runs in every normal build
// (replay_test.cpp: each file of tests/fuzz/corpus/<name>/ goes through the same function).
// Each entry feeds the bytes to a parser and checks what must hold for any input; a violated
// check aborts (libFuzzer keeps the input as a crash).

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace hongtu::fuzz {

using Entry = int (*)(const std::uint8_t* data, std::size_t size);

int csvReader(const std::uint8_t* data, std::size_t size);         // encoding detection + CSV parser + csvCell
int encodingDetector(const std::uint8_t* data, std::size_t size);  // detectEncoding, toUtf8, GB18030 round trip
int dateParser(const std::uint8_t* data, std::size_t size);        // parseFlexibleDate
int codesAndNames(const std::uint8_t* data, std::size_t size);     // checkCode, name normalisers, editDistance
int routeHours(const std::uint8_t* data, std::size_t size);        // OpeningHours::parse
int layoutJson(const std::uint8_t* data, std::size_t size);        // export layouts (app)
int styleJson(const std::uint8_t* data, std::size_t size);         // layer styles (app)

struct Target {
    const char* name;  // folder under tests/fuzz/corpus/ and suffix of the fuzz_<name> binary
    Entry entry;
};

// The geo targets (always) and, when the app is built, the JSON readers.
std::vector<Target> geoTargets();
std::vector<Target> appTargets();

// A broken property: aborts with a message (a crash for libFuzzer), or throws BrokenProperty when
// throwOnBroken is set (the replay test, which then names the corpus file).
[[noreturn]] void broken(const char* what, const std::string& detail);
struct BrokenProperty {
    std::string message;
};
extern bool throwOnBroken;

}  // namespace hongtu::fuzz
