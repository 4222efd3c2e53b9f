#include "hongtu/geo/clock.hpp"

#include <ctime>

namespace hongtu::geo {

Clock::Clock(int utcOffsetHours) : now_([] { return std::chrono::system_clock::now(); }), offsetHours_(utcOffsetHours) {}

Clock Clock::fixed(TimePoint at, int utcOffsetHours) {
    Clock c(utcOffsetHours);
    c.now_ = [at] { return at; };
    return c;
}

Clock Clock::fixedDay(Date day, int utcOffsetHours) {
    const auto noonUtc = std::chrono::seconds{day.daysSinceEpoch() * 86400 + (12 - utcOffsetHours) * 3600LL};
    return fixed(TimePoint{noonUtc}, utcOffsetHours);
}

std::string Clock::utcIso() const {
    const std::time_t t = std::chrono::system_clock::to_time_t(now());
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

Date Clock::today() const {
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(now().time_since_epoch()).count() +
                         static_cast<long long>(offsetHours_) * 3600;
    const long long days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
    return Date::fromDaysSinceEpoch(days);
}

}  // namespace hongtu::geo
