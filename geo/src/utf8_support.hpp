#pragma once
// Private UTF-8 <-> code point helpers (not a public header).

#include <string>
#include <string_view>

namespace hongtu::geo::detail {

// Invalid bytes decode as U+FFFD, one per byte.
std::u32string decodeUtf8(std::string_view s);
std::string encodeUtf8(std::u32string_view s);

}  // namespace hongtu::geo::detail
