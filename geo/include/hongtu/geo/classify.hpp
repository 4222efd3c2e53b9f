#pragma once
// Classification of numbers for graduated (choropleth) maps, as pure functions of the values.
//
// Breaks are k+1 ascending numbers b0 < b1 < ... < bk for k classes. Class i holds the values
// b_i <= v < b_{i+1}; the last class is closed (b_{k-1} <= v <= b_k). For the data-driven
// methods b0 is the smallest and bk the largest value, and each inner break is the smallest
// value of its class. NaN means "no data": it is ignored by every method and belongs to no
// class. Breaks that would repeat (many equal values) are merged, so fewer classes may result.

#include <cstddef>
#include <optional>
#include <span>
#include <vector>

namespace hongtu::geo {

enum class ClassMethod { EqualInterval,
                         Quantile,
                         NaturalBreaks,
                         Fixed };

// k classes of equal width between the smallest and the largest value.
[[nodiscard]] std::vector<double> equalIntervalBreaks(std::span<const double> values, int classes);

// k classes of (nearly) equal counts: class i starts at the value of rank ceil(i*n/k) (0-based)
// in sorted order.
[[nodiscard]] std::vector<double> quantileBreaks(std::span<const double> values, int classes);

// Jenks natural breaks (Fisher's exact optimisation of the within-class sum of squared
// deviations), O(k·n²): fine for thousands of areas. Above `maxSample` values an evenly
// spaced sample of the sorted values is classified (national village tables).
[[nodiscard]] std::vector<double> naturalBreaks(std::span<const double> values, int classes, std::size_t maxSample = 3000);

// User breaks, sorted and de-duplicated (no data needed).
[[nodiscard]] std::vector<double> fixedBreaks(std::span<const double> userBreaks);

[[nodiscard]] std::vector<double> computeBreaks(ClassMethod method, std::span<const double> values, int classes,
                                                std::span<const double> userBreaks = {});

// The class of `v` under `breaks`, or nullopt for NaN and for values outside [b0, bk].
[[nodiscard]] std::optional<std::size_t> classIndex(std::span<const double> breaks, double v);

}  // namespace hongtu::geo
