#include "hongtu/geo/dates.hpp"

#include <cctype>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "hongtu/geo/names.hpp"

namespace hongtu::geo {

Date fromExcelSerial(int serial) {
    // Excel's day 1 is 1900-01-01 and it counts a 29 Feb 1900 that never was; from serial 61
    // on, day 0 is effectively 1899-12-30.
    constexpr std::int64_t k18991230 = -25569;  // days from 1970-01-01 back to 1899-12-30
    return Date::fromDaysSinceEpoch(k18991230 + serial - (serial < 61 ? -1 : 0));
}

namespace {

bool validYmd(int y, int m, int d) {
    char buf[16];
    if (y < 1000 || y > 9999) return false;
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return Date::parseIso(buf).has_value();
}

bool isPlainIso(std::string_view t) {
    if (t.size() != 10 || t[4] != '-' || t[7] != '-') return false;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (!std::isdigit(static_cast<unsigned char>(t[i]))) return false;
    return true;
}

std::vector<int> numbersIn(const std::string& s, std::vector<std::string>& separators) {
    std::vector<int> nums;
    std::string sep;
    std::size_t i = 0;
    while (i < s.size()) {
        if (std::isdigit(static_cast<unsigned char>(s[i]))) {
            separators.push_back(sep);
            sep.clear();
            std::size_t j = i;
            while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) ++j;
            if (j - i > 8) return {};
            int v = 0;
            std::from_chars(s.data() + i, s.data() + j, v);
            nums.push_back(v);
            i = j;
        } else {
            sep.push_back(s[i]);
            ++i;
        }
    }
    separators.push_back(sep);
    return nums;
}

}  // namespace

std::optional<Date> parseFlexibleDate(std::string_view text, bool allowExcelSerial) {
    // The common case first (every GeoPackage DATE cell of a progress history): YYYY-MM-DD.
    if (isPlainIso(text)) {
        const int y = std::stoi(std::string(text.substr(0, 4))), m = std::stoi(std::string(text.substr(5, 2))),
                  d = std::stoi(std::string(text.substr(8, 2)));
        return validYmd(y, m, d) ? std::optional<Date>(Date{y, m, d}) : std::nullopt;
    }
    std::string s = normalizeWidthAndSpace(text);
    if (s.empty()) return std::nullopt;
    // A datetime "2018-06-30 00:00:00" or "2018-06-30T00:00:00Z": keep the date part.
    if (auto t = s.find_first_of("tT"); t == 10) s.resize(10);  // lower-cased by the normaliser
    if (s.size() > 10 && s[4] == '-' && s[7] == '-' && std::isdigit(static_cast<unsigned char>(s[10]))) s.resize(10);

    std::vector<std::string> seps;
    auto nums = numbersIn(s, seps);
    if (nums.size() == 1 && seps.front().empty() && seps.back().empty()) {
        const std::string digits = s;
        if (digits.size() == 8) {  // 20180630
            const int y = nums[0] / 10000, m = nums[0] / 100 % 100, d = nums[0] % 100;
            if (validYmd(y, m, d)) return Date{y, m, d};
        }
        // Only 5-digit serials (1927..2173): "2018" is a year and "201806" a month, not days.
        if (allowExcelSerial && digits.size() == 5) return fromExcelSerial(nums[0]);
        return std::nullopt;
    }
    // Excel serial with a fraction (date-time): "43281.5"
    if (allowExcelSerial && nums.size() == 2 && seps[1] == "." && seps[0].empty() && seps[2].empty() && s.find('.') == 5) {
        return fromExcelSerial(nums[0]);
    }
    if (nums.size() != 3 || !seps[0].empty()) return std::nullopt;
    const std::string &a = seps[1], &b = seps[2], &tail = seps[3];
    const bool chinese = a == "年" && b == "月" && (tail == "日" || tail == "号" || tail.empty());
    const bool plain = (a == "-" || a == "/" || a == ".") && a == b && tail.empty();
    if (!chinese && !plain) return std::nullopt;
    if (validYmd(nums[0], nums[1], nums[2])) return Date{nums[0], nums[1], nums[2]};
    return std::nullopt;
}

}  // namespace hongtu::geo
