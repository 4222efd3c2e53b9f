#pragma once
// Place-name normalisation for joins by name: full-width/half-width forms, spaces, and the
// administrative suffixes that county offices add or leave out (村委会, 社区居委会, ...).

#include <string>
#include <string_view>
#include <vector>

namespace hongtu::geo {

// Full-width ASCII (Ａ１（）) to half-width, ideographic space to nothing, all whitespace
// removed, ASCII letters lower-cased.
[[nodiscard]] std::string normalizeWidthAndSpace(std::string_view utf8);

// normalizeWidthAndSpace, then the trailing village/community suffix removed:
// 村民委员会, 村委会, 社区居民委员会, 社区居委会, 居民委员会, 居委会, 社区, 村 (longest first).
// "东庄村委会", "东庄村", "东庄 村" and "东庄" all give "东庄".
[[nodiscard]] std::string normalizeVillageName(std::string_view utf8);

// Township names: strips 街道办事处, 街道办, 街道, 镇, 乡 (when a name remains).
[[nodiscard]] std::string normalizeTownshipName(std::string_view utf8);

// The one county name rule (join, route, search). Names a county may be written as: the name
// itself, and without its county-level suffix 市, 县, 区 or 旗 ("孝义市" -> {"孝义市", "孝义"},
// "兴县" -> {"兴县", "兴"}, "鄂托克旗" -> {"鄂托克旗", "鄂托克"}), or without 城区 when two
// characters remain (a seat's urban district: "离石城区" -> {"离石城区", "离石"}).
[[nodiscard]] std::vector<std::string> countyNameAliases(std::string_view utf8);
// Two spellings of the same county: they share an alias ("兴" and "兴县", "离石" and "离石区").
[[nodiscard]] bool sameCountyName(std::string_view a, std::string_view b);
// The short form a county is shown by: its shortest alias of two or more characters
// ("柳林县" -> "柳林", "离石区" -> "离石"; "兴县" stays "兴县").
[[nodiscard]] std::string countyShortName(std::string_view utf8);

// Levenshtein distance counted in Unicode code points (not bytes).
[[nodiscard]] std::size_t editDistance(std::string_view a, std::string_view b);

// Number of Unicode code points.
[[nodiscard]] std::size_t codePointCount(std::string_view utf8);

}  // namespace hongtu::geo
