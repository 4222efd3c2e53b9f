#include "hongtu/geo/text.hpp"

#include <cctype>

namespace hongtu::geo {

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

std::string lowerAscii(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::vector<std::string> splitList(const std::string& text, const std::string& separators) {
    std::vector<std::string> out;
    std::string cur;
    auto flush = [&] {
        const auto a = cur.find_first_not_of(" \t"), b = cur.find_last_not_of(" \t");
        if (a != std::string::npos) out.push_back(cur.substr(a, b - a + 1));
        cur.clear();
    };
    for (std::size_t i = 0; i < text.size();) {
        if (text.compare(i, 3, "，") == 0) {  // the full-width comma of Chinese input
            flush();
            i += 3;
        } else if (separators.find(text[i]) != std::string::npos) {
            flush();
            ++i;
        } else {
            cur += text[i++];
        }
    }
    flush();
    return out;
}

}  // namespace hongtu::geo
