#pragma once
// The one clock: every "now" and "today" Hongtu needs comes from a Clock, so that tests and
// reproducible runs pass a fixed one (determinism: "today" is an input). "Today" is the
// calendar day in the project's zone (China Standard Time, UTC+8, by default), the same for the
// map, the pages and the reports whatever the machine's time zone.

#include <chrono>
#include <functional>
#include <string>

#include "hongtu/geo/feature.hpp"

namespace hongtu::geo {

class Clock {
public:
    using TimePoint = std::chrono::system_clock::time_point;
    // The system clock, days counted in UTC+`utcOffsetHours`.
    explicit Clock(int utcOffsetHours = 8);
    // A fixed instant (tests, reproducible runs).
    [[nodiscard]] static Clock fixed(TimePoint at, int utcOffsetHours = 8);
    // Fixed at noon of `day` in the clock's zone (a "today" given as a date: --today).
    [[nodiscard]] static Clock fixedDay(Date day, int utcOffsetHours = 8);

    [[nodiscard]] TimePoint now() const { return now_(); }
    // "2026-12-02T03:56:49Z".
    [[nodiscard]] std::string utcIso() const;
    // The calendar day in the clock's zone.
    [[nodiscard]] Date today() const;

private:
    std::function<TimePoint()> now_;
    int offsetHours_;
};

}  // namespace hongtu::geo
