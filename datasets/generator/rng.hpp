#pragma once
// A seeded random source whose every output is fixed by the C++ standard and IEEE arithmetic.
//
// std::mt19937_64's sequence is specified by the standard, but std::uniform_*_distribution and
// std::normal_distribution are not (libstdc++, libc++ and MSVC give different numbers), so the
// transforms here are our own and use no libm functions: the dataset must be byte-identical
// wherever it is regenerated.

#include <cstdint>
#include <random>
#include <utility>
#include <vector>

namespace hongtu::datagen {

class Rng {
public:
    explicit Rng(std::uint64_t seed) : engine_(seed) {}

    // A stream for one purpose (positions, projects, ...): independent of how many numbers
    // the other purposes drew, so changing one part does not reshuffle the others.
    [[nodiscard]] static Rng stream(std::uint64_t seed, std::uint64_t purpose) {
        return Rng(seed ^ (purpose * 0x9E3779B97F4A7C15ULL));
    }

    [[nodiscard]] std::uint64_t next() { return engine_(); }

    // Uniform in [0, 1) with 53 random bits.
    [[nodiscard]] double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
    // Uniform in [lo, hi).
    [[nodiscard]] double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }

    // Uniform integer in [0, n), n > 0, without modulo bias (rejection of the short tail).
    [[nodiscard]] std::uint64_t below(std::uint64_t n) {
        const std::uint64_t threshold = (0 - n) % n;  // 2^64 mod n
        for (;;) {
            const std::uint64_t r = engine_();
            if (r >= threshold) return r % n;
        }
    }
    // Uniform integer in [lo, hi] (inclusive).
    [[nodiscard]] std::int64_t between(std::int64_t lo, std::int64_t hi) {
        return lo + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(hi - lo) + 1));
    }

    // Approximately standard normal: the Irwin-Hall sum of 12 uniforms minus 6 (mean 0,
    // variance 1, tails cut at +-6). Needs no log/sqrt/cos, so it is exact IEEE arithmetic.
    [[nodiscard]] double normal() {
        double s = 0;
        for (int i = 0; i < 12; ++i) s += uniform();
        return s - 6.0;
    }

    // Fisher-Yates shuffle with our own integer draws.
    template <typename T>
    void shuffle(std::vector<T>& v) {
        for (std::size_t i = v.size(); i > 1; --i) {
            const auto j = static_cast<std::size_t>(below(i));
            std::swap(v[i - 1], v[j]);
        }
    }

private:
    std::mt19937_64 engine_;
};

}  // namespace hongtu::datagen
