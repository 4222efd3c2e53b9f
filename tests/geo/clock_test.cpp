#include <catch2/catch_test_macros.hpp>

#include "hongtu/geo/clock.hpp"

using namespace hongtu::geo;

TEST_CASE("clock: today is the day in China Standard Time, now is UTC", "[clock]") {
    // 2026-12-01 17:30 UTC is already 2026-12-02 01:30 in Beijing.
    const auto at = std::chrono::system_clock::time_point{std::chrono::seconds{1796146200}};
    const Clock beijing = Clock::fixed(at);
    CHECK(beijing.utcIso() == "2026-12-01T17:30:00Z");
    CHECK(beijing.today().iso() == "2026-12-02");
    CHECK(Clock::fixed(at, 0).today().iso() == "2026-12-01");
    const Clock system;
    const auto diff = system.now() - std::chrono::system_clock::now();
    CHECK(diff < std::chrono::seconds(5));
    CHECK(diff > std::chrono::seconds(-5));
}

TEST_CASE("clock: a clock fixed on a day gives that day as today in its zone", "[clock]") {
    const Date day{2018, 7, 1};
    CHECK(Clock::fixedDay(day).today() == day);
    CHECK(Clock::fixedDay(day, 0).today() == day);
    CHECK(Clock::fixedDay(day, -5).today() == day);
    CHECK(Clock::fixedDay(day).utcIso() == "2018-07-01T04:00:00Z");
}
