#pragma once
// Integer apportionment: split a total over weights so the parts sum exactly to the total.

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <vector>

namespace hongtu::datagen {

// Largest-remainder (Hamilton) method in exact integer arithmetic. Each part gets
// floor(total * w / W); the units left over go to the largest remainders, ties to the lower
// index. Contract: weights >= 0, their sum > 0, and total * max(weight) fits in int64.
[[nodiscard]] inline std::vector<std::int64_t> largestRemainder(std::int64_t total,
                                                                const std::vector<std::int64_t>& weights) {
    const std::int64_t sum = std::accumulate(weights.begin(), weights.end(), std::int64_t{0});
    std::vector<std::int64_t> parts(weights.size(), 0);
    if (sum <= 0) return parts;
    std::vector<std::int64_t> remainder(weights.size(), 0);
    std::int64_t given = 0;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        parts[i] = total * weights[i] / sum;
        remainder[i] = total * weights[i] % sum;
        given += parts[i];
    }
    std::vector<std::size_t> order(weights.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return remainder[a] > remainder[b]; });
    for (std::size_t k = 0; given < total && k < order.size(); ++k, ++given) ++parts[order[k]];
    return parts;
}

}  // namespace hongtu::datagen
