#include "hongtu/geo/classify.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace hongtu::geo {

namespace {

std::vector<double> sortedData(std::span<const double> values) {
    std::vector<double> out;
    out.reserve(values.size());
    for (double v : values)
        if (!std::isnan(v)) out.push_back(v);
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<double> deduplicated(std::vector<double> breaks) {
    breaks.erase(std::unique(breaks.begin(), breaks.end()), breaks.end());
    // A single distinct value still makes one (degenerate) class [v, v].
    if (breaks.size() == 1) breaks.push_back(breaks.front());
    return breaks;
}

void requireClasses(int classes) {
    if (classes < 1) throw std::invalid_argument("classification needs at least one class");
}

}  // namespace

std::vector<double> equalIntervalBreaks(std::span<const double> values, int classes) {
    requireClasses(classes);
    const auto data = sortedData(values);
    if (data.empty()) return {};
    const double lo = data.front(), hi = data.back();
    std::vector<double> breaks;
    for (int i = 0; i < classes; ++i) breaks.push_back(lo + (hi - lo) * i / classes);
    breaks.push_back(hi);  // exact, not lo + (hi - lo) * k / k
    return deduplicated(std::move(breaks));
}

std::vector<double> quantileBreaks(std::span<const double> values, int classes) {
    requireClasses(classes);
    const auto data = sortedData(values);
    if (data.empty()) return {};
    const std::size_t n = data.size(), k = static_cast<std::size_t>(classes);
    std::vector<double> breaks{data.front()};
    for (std::size_t i = 1; i < k; ++i) {
        const std::size_t rank = (i * n + k - 1) / k;  // ceil(i*n/k)
        if (rank < n) breaks.push_back(data[rank]);
    }
    breaks.push_back(data.back());
    return deduplicated(std::move(breaks));
}

std::vector<double> naturalBreaks(std::span<const double> values, int classes, std::size_t maxSample) {
    requireClasses(classes);
    auto data = sortedData(values);
    if (data.empty()) return {};
    if (maxSample >= 2 && data.size() > maxSample) {
        std::vector<double> sample;
        for (std::size_t i = 0; i < maxSample; ++i) sample.push_back(data[i * (data.size() - 1) / (maxSample - 1)]);
        data = std::move(sample);
    }
    const std::size_t n = data.size();
    const std::size_t k = std::min<std::size_t>(static_cast<std::size_t>(classes), n);

    // Fisher-Jenks dynamic programme. cost[j][m]: least sum of squared deviations of the first
    // m+1 values in j+1 classes; start[j][m]: index of the first value of the last class.
    const double inf = std::numeric_limits<double>::infinity();
    std::vector<std::vector<double>> cost(k, std::vector<double>(n, inf));
    std::vector<std::vector<std::size_t>> start(k, std::vector<std::size_t>(n, 0));
    // Prefix sums give the squared deviations of any run data[a..b] in O(1).
    std::vector<double> sum(n + 1, 0), sumSq(n + 1, 0);
    for (std::size_t i = 0; i < n; ++i) {
        sum[i + 1] = sum[i] + data[i];
        sumSq[i + 1] = sumSq[i] + data[i] * data[i];
    }
    const auto ssd = [&](std::size_t a, std::size_t b) {  // inclusive
        const double s = sum[b + 1] - sum[a], s2 = sumSq[b + 1] - sumSq[a];
        const double count = static_cast<double>(b - a + 1);
        return std::max(0.0, s2 - s * s / count);
    };
    for (std::size_t m = 0; m < n; ++m) cost[0][m] = ssd(0, m);
    for (std::size_t j = 1; j < k; ++j) {
        for (std::size_t m = j; m < n; ++m) {
            for (std::size_t first = j; first <= m; ++first) {  // the last class is data[first..m]
                const double c = cost[j - 1][first - 1] + ssd(first, m);
                if (c < cost[j][m]) {
                    cost[j][m] = c;
                    start[j][m] = first;
                }
            }
        }
    }
    std::vector<double> breaks(k + 1);
    breaks[0] = data.front();
    breaks[k] = data.back();
    std::size_t end = n - 1;
    for (std::size_t j = k - 1; j >= 1; --j) {
        const std::size_t first = start[j][end];
        breaks[j] = data[first];
        end = first - 1;
    }
    return deduplicated(std::move(breaks));
}

std::vector<double> fixedBreaks(std::span<const double> userBreaks) {
    std::vector<double> breaks;
    for (double b : userBreaks)
        if (!std::isnan(b)) breaks.push_back(b);
    std::sort(breaks.begin(), breaks.end());
    breaks.erase(std::unique(breaks.begin(), breaks.end()), breaks.end());
    return breaks;
}

std::vector<double> computeBreaks(ClassMethod method, std::span<const double> values, int classes,
                                  std::span<const double> userBreaks) {
    switch (method) {
        case ClassMethod::EqualInterval: return equalIntervalBreaks(values, classes);
        case ClassMethod::Quantile: return quantileBreaks(values, classes);
        case ClassMethod::NaturalBreaks: return naturalBreaks(values, classes);
        case ClassMethod::Fixed: return fixedBreaks(userBreaks);
    }
    return {};
}

std::optional<std::size_t> classIndex(std::span<const double> breaks, double v) {
    if (std::isnan(v) || breaks.size() < 2 || v < breaks.front() || v > breaks.back()) return std::nullopt;
    // First break greater than v; the class starts one before it. The closed top lands in the last class.
    const auto it = std::upper_bound(breaks.begin(), breaks.end(), v);
    const auto i = static_cast<std::size_t>(it - breaks.begin());
    return std::min(i, breaks.size() - 1) - 1;
}

}  // namespace hongtu::geo
