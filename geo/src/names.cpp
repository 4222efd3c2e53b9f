#include "hongtu/geo/names.hpp"

#include <algorithm>
#include <array>
#include <numeric>

#include "utf8_support.hpp"

namespace hongtu::geo {

namespace detail {

std::u32string decodeUtf8(std::string_view s) {
    std::u32string out;
    out.reserve(s.size());
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t n = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 ? 1
                                   : (c & 0xF0) == 0xE0   ? 2
                                   : (c & 0xF8) == 0xF0   ? 3
                                                          : 99;
        if (n == 0) {
            out.push_back(c);
            ++i;
            continue;
        }
        if (n == 99 || i + n >= s.size()) {
            out.push_back(0xFFFD);
            ++i;
            continue;
        }
        char32_t cp = n == 1 ? (c & 0x1F) : n == 2 ? (c & 0x0F)
                                                   : (c & 0x07);
        bool ok = true;
        for (std::size_t k = 1; k <= n; ++k) {
            const auto cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xC0) != 0x80) {
                ok = false;
                break;
            }
            cp = (cp << 6) | (cc & 0x3F);
        }
        // Overlong forms, surrogates and values beyond U+10FFFF are not UTF-8 (fuzzing found
        // "\xF7\xB7\xB7\xB7" decoded to 0x1F7DF7 and written back as invalid UTF-8).
        if (ok && ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10FFFF ||
                   (cp >= 0xD800 && cp <= 0xDFFF)))
            ok = false;
        if (!ok) {
            out.push_back(0xFFFD);
            ++i;
            continue;
        }
        out.push_back(cp);
        i += n + 1;
    }
    return out;
}

std::string encodeUtf8(std::u32string_view s) {
    std::string out;
    out.reserve(s.size() * 3);
    for (char32_t cp : s) {
        if (cp < 0x80) {
            out.push_back(static_cast<char>(cp));
        } else if (cp < 0x800) {
            out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        } else if (cp < 0x10000) {
            out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        } else {
            out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        }
    }
    return out;
}

}  // namespace detail

namespace {

bool isSpace(char32_t c) {
    return c == U' ' || c == U'\t' || c == U'\r' || c == U'\n' || c == 0x3000 || c == 0xA0 || c == 0xFEFF ||
           (c >= 0x2000 && c <= 0x200B);
}

std::u32string widthAndSpace(std::string_view utf8) {
    std::u32string out;
    for (char32_t c : detail::decodeUtf8(utf8)) {
        if (isSpace(c)) continue;
        if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;  // full-width ASCII block
        if (c >= U'A' && c <= U'Z') c += 32;
        out.push_back(c);
    }
    return out;
}

bool endsWith(const std::u32string& s, std::u32string_view suffix) {
    return s.size() >= suffix.size() && std::u32string_view(s).substr(s.size() - suffix.size()) == suffix;
}

std::string stripSuffixes(std::u32string s, std::initializer_list<std::u32string_view> suffixes) {
    for (auto suffix : suffixes) {
        if (endsWith(s, suffix) && s.size() > suffix.size()) {
            s.resize(s.size() - suffix.size());
            break;
        }
    }
    return detail::encodeUtf8(s);
}

}  // namespace

std::string normalizeWidthAndSpace(std::string_view utf8) {
    // Fast path for what most cells are (codes, numbers): printable ASCII without spaces or capitals.
    if (std::all_of(utf8.begin(), utf8.end(), [](char c) { return c > ' ' && c < 0x7F && !(c >= 'A' && c <= 'Z'); }))
        return std::string(utf8);
    return detail::encodeUtf8(widthAndSpace(utf8));
}

std::string normalizeVillageName(std::string_view utf8) {
    // Longest first, so "社区居委会" is not cut to "社区居" by "委会"-less rules.
    return stripSuffixes(widthAndSpace(utf8), {U"社区居民委员会", U"村民委员会", U"社区居委会", U"居民委员会", U"村委会",
                                               U"居委会", U"社区", U"村"});
}

std::string normalizeTownshipName(std::string_view utf8) {
    return stripSuffixes(widthAndSpace(utf8), {U"街道办事处", U"街道办", U"街道", U"镇", U"乡"});
}

std::vector<std::string> countyNameAliases(std::string_view utf8) {
    auto s = widthAndSpace(utf8);
    std::vector<std::string> out{detail::encodeUtf8(s)};
    if (s.size() >= 4 && endsWith(s, U"城区"))
        out.push_back(detail::encodeUtf8(s.substr(0, s.size() - 2)));
    else if (s.size() >= 2 && (endsWith(s, U"市") || endsWith(s, U"县") || endsWith(s, U"区") || endsWith(s, U"旗")))
        out.push_back(detail::encodeUtf8(s.substr(0, s.size() - 1)));
    return out;
}

bool sameCountyName(std::string_view a, std::string_view b) {
    const auto as = countyNameAliases(a), bs = countyNameAliases(b);
    return std::any_of(as.begin(), as.end(), [&](const std::string& x) { return std::find(bs.begin(), bs.end(), x) != bs.end(); });
}

std::string countyShortName(std::string_view utf8) {
    const auto aliases = countyNameAliases(utf8);
    return codePointCount(aliases.back()) >= 2 ? aliases.back() : aliases.front();
}

std::size_t codePointCount(std::string_view utf8) { return detail::decodeUtf8(utf8).size(); }

std::size_t editDistance(std::string_view a8, std::string_view b8) {
    const auto a = detail::decodeUtf8(a8), b = detail::decodeUtf8(b8);
    std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
    std::iota(prev.begin(), prev.end(), 0);
    for (std::size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j)
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

}  // namespace hongtu::geo
