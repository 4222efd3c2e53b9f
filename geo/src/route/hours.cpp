// Opening-hours text, weekdays and time formatting for the route module.
// The grammar is documented in docs/route.md ("Opening hours").

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "hongtu/geo/route/route.hpp"
#include "hongtu/geo/text.hpp"

namespace hongtu::geo::route {

int weekday(const Date& d) {
    // 1970-01-01 was a Thursday (ISO weekday index 3).
    const auto days = d.daysSinceEpoch();
    return static_cast<int>(((days % 7) + 7 + 3) % 7);
}

const char* weekdayZh(int w) {
    static const char* const names[] = {"周一", "周二", "周三", "周四", "周五", "周六", "周日"};
    return names[((w % 7) + 7) % 7];
}

const char* weekdayEn(int w) {
    static const char* const names[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    return names[((w % 7) + 7) % 7];
}

std::string clockText(double minutes) {
    long m = std::lround(minutes);
    m = ((m % kMinutesPerDay) + kMinutesPerDay) % kMinutesPerDay;
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02ld:%02ld", m / 60, m % 60);
    return buf;
}

namespace {
// Whole minutes under an hour as `minutesFormat` (%ld), longer as `hoursFormat` (%ld, %02ld).
std::string duration(double minutes, const char* minutesFormat, const char* hoursFormat) {
    const long m = std::lround(minutes);
    char buf[48];
    if (m < 60) std::snprintf(buf, sizeof buf, minutesFormat, m);
    else std::snprintf(buf, sizeof buf, hoursFormat, m / 60, m % 60);
    return buf;
}
}  // namespace

std::string durationEn(double minutes) { return duration(minutes, "%ld min", "%ld h %02ld min"); }

std::string durationZh(double minutes) { return duration(minutes, "%ld分钟", "%ld小时%02ld分"); }

OpeningHours OpeningHours::alwaysOpen() {
    OpeningHours h;
    for (auto& d : h.week) d = {TimeWindow{0, kMinutesPerDay}};
    return h;
}

std::string OpeningHours::windowsText(int wd) const {
    std::string s;
    for (const auto& w : week[static_cast<std::size_t>(((wd % 7) + 7) % 7)]) {
        if (!s.empty()) s += ", ";
        s += clockText(w.open) + "-" + (w.close >= kMinutesPerDay ? std::string("24:00") : clockText(w.close));
    }
    return s;
}

namespace {

// Normalises full-width punctuation and Chinese connectors to ASCII so that one grammar covers
// "周二至周日 09:00-17:00；周一闭馆" and "Tue-Sun 09:00-17:00; Mon closed".
std::string normalise(std::string_view in) {
    static const std::pair<std::string_view, std::string_view> replacements[] = {
        {"；", ";"}, {"，", ","}, {"、", ","}, {"：", ":"}, {"－", "-"}, {"–", "-"}, {"—", "-"}, {"~", "-"}, {"～", "-"}, {"至", "-"}, {"到", "-"}, {"（", "("}, {"）", ")"}, {"\u3000", " "}};
    std::string out;
    for (std::size_t i = 0; i < in.size();) {
        bool replaced = false;
        for (const auto& [from, to] : replacements) {
            if (in.substr(i, from.size()) == from) {
                out += to;
                i += from.size();
                replaced = true;
                break;
            }
        }
        if (!replaced) out += in[i++];
    }
    // Drop parenthesised comments: "by appointment (school campus)".
    std::string cleaned;
    int depth = 0;
    for (char ch : out) {
        if (ch == '(') ++depth;
        else if (ch == ')') depth = std::max(0, depth - 1);
        else if (depth == 0) cleaned += ch;
    }
    return cleaned;
}

struct Cursor {
    std::string s;
    std::size_t i = 0;
    void skipSpace() {
        while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    }
    [[nodiscard]] bool done() {
        skipSpace();
        return i >= s.size();
    }
    bool eat(std::string_view word) {
        skipSpace();
        if (s.compare(i, word.size(), word) == 0) {
            i += word.size();
            return true;
        }
        return false;
    }
    [[nodiscard]] std::string rest() const { return std::string(trim(std::string_view(s).substr(std::min(i, s.size())))); }
};

// Weekday names: English (3 letters or full), Chinese 周一/星期一/礼拜一 (日 and 天 = Sunday).
std::optional<int> eatDay(Cursor& c) {
    c.skipSpace();
    static const char* const full[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
    static const char* const shortEn[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    const std::string low = lowerAscii(c.s.substr(c.i, 12));
    for (int d = 0; d < 7; ++d) {
        const std::string f = full[d];
        if (low.compare(0, f.size(), f) == 0) {
            c.i += f.size();
            return d;
        }
    }
    for (int d = 0; d < 7; ++d) {
        const std::string f = shortEn[d];
        if (low.compare(0, 3, f) == 0 && (low.size() == 3 || !std::isalpha(static_cast<unsigned char>(low[3])))) {
            c.i += 3;
            return d;
        }
    }
    static const char* const prefixes[] = {"星期", "礼拜", "周"};
    static const char* const digits[] = {"一", "二", "三", "四", "五", "六", "日", "天", "七"};
    for (const char* p : prefixes) {
        const std::size_t save = c.i;
        if (!c.eat(p)) continue;
        for (int d = 0; d < 9; ++d) {
            if (c.s.compare(c.i, std::string_view(digits[d]).size(), digits[d]) == 0) {
                c.i += std::string_view(digits[d]).size();
                return d >= 6 ? 6 : d;
            }
        }
        c.i = save;
    }
    return std::nullopt;
}

std::optional<int> eatClock(Cursor& c) {
    c.skipSpace();
    std::size_t j = c.i;
    int h = 0, digits = 0;
    while (j < c.s.size() && std::isdigit(static_cast<unsigned char>(c.s[j])) && digits < 2) {
        h = h * 10 + (c.s[j] - '0');
        ++j, ++digits;
    }
    if (digits == 0 || j >= c.s.size() || c.s[j] != ':') return std::nullopt;
    ++j;
    int m = 0;
    for (int k = 0; k < 2; ++k, ++j) {
        if (j >= c.s.size() || !std::isdigit(static_cast<unsigned char>(c.s[j]))) return std::nullopt;
        m = m * 10 + (c.s[j] - '0');
    }
    if (h > 24 || m > 59 || (h == 24 && m != 0)) return std::nullopt;
    c.i = j;
    return h * 60 + m;
}

bool isRemark(const std::string& clause) {
    static const char* const remarks[] = {"confirm by phone", "call ahead", "电话确认", "请电话确认", "需电话确认",
                                          "需预约", "预约", "by appointment"};
    const std::string low = lowerAscii(clause);
    for (const char* r : remarks)
        if (low == r) return true;
    return false;
}

}  // namespace

Result<OpeningHours> OpeningHours::parse(std::string_view text) {
    OpeningHours h;
    h.text = std::string(text);
    const std::string norm = normalise(text);
    if (trim(norm).empty()) {
        h = alwaysOpen();
        h.unknown = true;
        h.text = std::string(text);
        return h;
    }
    auto fail = [&](const std::string& part, const std::string& expected) {
        return Error{"opening hours '" + std::string(text) + "': cannot read '" + part + "' (" + expected +
                         "; see docs/route.md, e.g. 'Tue-Sun 09:00-12:00,14:00-17:00; Mon closed')",
                     {},
                     {},
                     {}};
    };
    bool anyDays = false;
    bool appointment = false;
    std::size_t start = 0;
    while (start <= norm.size()) {
        std::size_t semi = norm.find(';', start);
        if (semi == std::string::npos) semi = norm.size();
        const std::string clause(trim(std::string_view(norm).substr(start, semi - start)));
        start = semi + 1;
        if (clause.empty()) continue;
        if (isRemark(clause)) {
            h.confirmByPhone = true;
            if (lowerAscii(clause) == "by appointment" || clause == "需预约" || clause == "预约") appointment = true;
            continue;
        }
        Cursor c{clause, 0};
        // Days: "daily" / 每天 / 每日 / 全天, or a list of days and ranges.
        std::array<bool, 7> days{};
        bool gotDays = false;
        for (const char* every : {"daily", "every day", "每天", "每日", "全年", "天天"}) {
            if (lowerAscii(c.s.substr(c.i, std::string_view(every).size())) == every) {
                c.i += std::string_view(every).size();
                days.fill(true);
                gotDays = true;
                break;
            }
        }
        while (!gotDays || (c.s.size() > c.i)) {
            const std::size_t save = c.i;
            if (gotDays && !c.eat(",")) break;
            auto d = eatDay(c);
            if (!d) {
                c.i = save;
                break;
            }
            int last = *d;
            const std::size_t beforeDash = c.i;
            if (c.eat("-")) {
                auto e = eatDay(c);
                if (!e) c.i = beforeDash;  // "Mon 09:00-..." is not a range of days
                else last = *e;
            }
            for (int k = *d;; k = (k + 1) % 7) {
                days[static_cast<std::size_t>(k)] = true;
                if (k == last) break;
            }
            gotDays = true;
        }
        if (!gotDays) {
            // Bare times ("09:00-17:00") mean every day.
            Cursor peek = c;
            if (!eatClock(peek)) return fail(clause, "expected weekdays such as 'Tue-Sun', '周二至周日' or 'daily'");
            days.fill(true);
        }
        c.eat(",");
        std::vector<TimeWindow> windows;
        const std::string restLow = lowerAscii(c.rest());
        if (restLow == "closed" || restLow == "闭馆" || restLow == "休息" || restLow == "休馆" || restLow == "不开放") {
            // closed on those days
        } else if (restLow == "daylight hours" || restLow == "daylight" || restLow == "白天") {
            windows.push_back({8 * 60, 18 * 60});
        } else if (restLow == "24h" || restLow == "24 hours" || restLow == "全天" || restLow == "全天开放") {
            windows.push_back({0, kMinutesPerDay});
        } else {
            do {
                auto open = eatClock(c);
                if (!open) return fail(c.rest().empty() ? clause : c.rest(), "expected a time such as 09:00");
                if (!c.eat("-")) return fail(c.rest().empty() ? clause : c.rest(), "expected '-' between opening and closing time");
                auto close = eatClock(c);
                if (!close) return fail(c.rest().empty() ? clause : c.rest(), "expected a closing time such as 17:00");
                if (*close <= *open)
                    return fail(clause, "the closing time " + clockText(*close) + " is not after the opening time " +
                                            clockText(*open));
                windows.push_back({*open, *close});
            } while (c.eat(","));
            if (!c.done()) return fail(c.rest(), "unexpected text after the times");
            std::sort(windows.begin(), windows.end(), [](auto& a, auto& b) { return a.open < b.open; });
            for (std::size_t k = 1; k < windows.size(); ++k)
                if (windows[k].open < windows[k - 1].close)
                    return fail(clause, "the time windows overlap");
        }
        for (std::size_t d = 0; d < 7; ++d)
            if (days[d]) h.week[d] = windows;  // a later clause overrides earlier ones for its days
        anyDays = true;
    }
    if (!anyDays) {
        if (!appointment) return fail(std::string(trim(norm)), "no weekdays and times found");
        // "by appointment": memorials.md's convention for village sites, 09:00-17:00 daily.
        for (auto& d : h.week) d = {TimeWindow{9 * 60, 17 * 60}};
    }
    return h;
}

}  // namespace hongtu::geo::route
