#pragma once
// Small text helpers every module needs, written once: ASCII whitespace trimming, ASCII lower
// case, and the lists users type ("兴县, 临县，柳林"). UTF-8 passes through untouched.

#include <string>
#include <string_view>
#include <vector>

namespace hongtu::geo {

// `s` without leading and trailing ASCII whitespace (space, tab, CR, LF, VT, FF).
[[nodiscard]] std::string_view trim(std::string_view s);
// ASCII letters lower-cased; every other byte (UTF-8 included) kept.
[[nodiscard]] std::string lowerAscii(std::string_view s);
// A list typed by a user ("兴县, 临县，柳林"): split at any of `separators` and at the full-width
// comma，, items trimmed of spaces and tabs, empty items dropped.
[[nodiscard]] std::vector<std::string> splitList(const std::string& text, const std::string& separators = ",");

}  // namespace hongtu::geo
