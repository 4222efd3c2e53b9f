// Classification methods against breaks computed by hand.

#include <catch2/catch_approx.hpp>
#include <catch2/catch_test_macros.hpp>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

#include "hongtu/geo/classify.hpp"

using namespace hongtu::geo;
using Catch::Approx;

namespace {
const double kNaN = std::numeric_limits<double>::quiet_NaN();

std::vector<std::size_t> classCounts(const std::vector<double>& breaks, const std::vector<double>& values) {
    std::vector<std::size_t> counts(breaks.size() - 1, 0);
    for (double v : values)
        if (auto c = classIndex(breaks, v)) ++counts[*c];
    return counts;
}
}  // namespace

TEST_CASE("classify: equal interval splits the range evenly", "[classify]") {
    const std::vector<double> values{0, 7, 100, 42, kNaN, 55};
    const auto breaks = equalIntervalBreaks(values, 4);
    CHECK(breaks == std::vector<double>{0, 25, 50, 75, 100});
    CHECK(classCounts(breaks, values) == std::vector<std::size_t>{2, 1, 1, 1});  // 100 is in the closed top class

    SECTION("a single distinct value is one class") {
        CHECK(equalIntervalBreaks(std::vector<double>{5, 5, 5}, 3) == std::vector<double>{5, 5});
        CHECK(classIndex(std::vector<double>{5, 5}, 5) == 0u);
    }
    SECTION("no data gives no breaks") { CHECK(equalIntervalBreaks(std::vector<double>{kNaN}, 3).empty()); }
}

TEST_CASE("classify: quantiles put equal counts in each class", "[classify]") {
    // 1..10 in five classes: ranks ceil(i*10/5) = 2, 4, 6, 8 -> values 3, 5, 7, 9.
    std::vector<double> values;
    for (int i = 10; i >= 1; --i) values.push_back(i);
    const auto breaks = quantileBreaks(values, 5);
    CHECK(breaks == std::vector<double>{1, 3, 5, 7, 9, 10});
    CHECK(classCounts(breaks, values) == std::vector<std::size_t>{2, 2, 2, 2, 2});

    SECTION("uneven counts: 7 values in 3 classes -> ranks 3 and 5") {
        const std::vector<double> seven{10, 20, 30, 40, 50, 60, 70};
        const auto b = quantileBreaks(seven, 3);
        CHECK(b == std::vector<double>{10, 40, 60, 70});
        CHECK(classCounts(b, seven) == std::vector<std::size_t>{3, 2, 2});
    }
    SECTION("ties merge classes instead of making empty ones") {
        const std::vector<double> ties{1, 1, 1, 1, 1, 1, 2, 3};
        const auto b = quantileBreaks(ties, 4);  // ranks 2, 4, 6 -> 1, 1, 2
        CHECK(b == std::vector<double>{1, 2, 3});
    }
}

TEST_CASE("classify: natural breaks find the gaps", "[classify]") {
    const std::vector<double> values{22, 1, 2, 3, 10, 11, 12, 20, 21};
    CHECK(naturalBreaks(values, 3) == std::vector<double>{1, 10, 20, 22});

    SECTION("hand-computed: {0, 1, 5, 6, 7} in two classes") {
        // {0,1}|{5,6,7}: SSD 0.5 + 2 = 2.5; {0}|{1,5,6,7}: 0 + 14.75; {0,1,5}|{6,7}: 14 + 0.5.
        CHECK(naturalBreaks(std::vector<double>{7, 0, 6, 1, 5}, 2) == std::vector<double>{0, 5, 7});
    }
    SECTION("the choropleth's county shares") {
        // Shares of villages with collective income, in %: a low group, a middle group, a high group.
        const std::vector<double> shares{84.9, 85.4, 87.8, 88.4, 89.2, 89.6, 90.1, 90.4, 94.0, 94.5, 94.7};
        const auto b = naturalBreaks(shares, 3);
        CHECK(b == std::vector<double>{84.9, 87.8, 94.0, 94.7});
    }
    SECTION("more classes than values") { CHECK(naturalBreaks(std::vector<double>{3, 1}, 5) == std::vector<double>{1, 3}); }
    SECTION("a sample keeps the range of a large input") {
        std::vector<double> many;
        for (int i = 0; i < 20'000; ++i) many.push_back(i % 2 == 0 ? i * 0.001 : 1000 + i * 0.001);
        const auto b = naturalBreaks(many, 2, 500);
        REQUIRE(b.size() == 3);
        CHECK(b[0] == 0);
        CHECK(b[1] > 1000);
        CHECK(b[2] == Approx(1000 + 19'999 * 0.001));
    }
}

TEST_CASE("classify: fixed breaks and class lookup", "[classify]") {
    const std::vector<double> user{100, 0, 50, 75, 25, 50};
    const auto breaks = fixedBreaks(user);
    CHECK(breaks == std::vector<double>{0, 25, 50, 75, 100});
    CHECK(computeBreaks(ClassMethod::Fixed, std::vector<double>{}, 0, user) == breaks);
    CHECK(classIndex(breaks, 0) == 0u);
    CHECK(classIndex(breaks, 24.999) == 0u);
    CHECK(classIndex(breaks, 25) == 1u);
    CHECK(classIndex(breaks, 99.9) == 3u);
    CHECK(classIndex(breaks, 100) == 3u);
    CHECK_FALSE(classIndex(breaks, -0.1));
    CHECK_FALSE(classIndex(breaks, 100.1));
    CHECK_FALSE(classIndex(breaks, kNaN));
    CHECK_THROWS_AS(quantileBreaks(user, 0), std::invalid_argument);
}
