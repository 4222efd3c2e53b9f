#include "hongtu/geo/codes.hpp"

#include <algorithm>
#include <cctype>

#include "hongtu/geo/names.hpp"

namespace hongtu::geo {

const char* levelName(AdminLevel l) {
    switch (l) {
        case AdminLevel::Province: return "province";
        case AdminLevel::City: return "city";
        case AdminLevel::County: return "county";
        case AdminLevel::Township: return "township";
        case AdminLevel::Village: return "village";
    }
    return "";
}

const char* levelNameZh(AdminLevel l) {
    switch (l) {
        case AdminLevel::Province: return "省";
        case AdminLevel::City: return "市";
        case AdminLevel::County: return "县";
        case AdminLevel::Township: return "乡镇";
        case AdminLevel::Village: return "村";
    }
    return "";
}

std::optional<AdminLevel> parseLevel(std::string_view s) {
    if (s == "county") return AdminLevel::County;
    if (s == "township") return AdminLevel::Township;
    if (s == "village") return AdminLevel::Village;
    return std::nullopt;
}

CodeCheck checkCode(std::string_view cell, AdminLevel level) {
    CodeCheck r;
    std::string s = normalizeWidthAndSpace(cell);  // also maps full-width digits to ASCII
    if (s.empty()) {
        r.problem = "the code is empty";
        r.problemZh = "代码为空";
        return r;
    }
    if (s.find_first_of("eE") != std::string::npos && s.find('+') != std::string::npos) {
        r.problem = "the code '" + std::string(cell) +
                    "' is in scientific notation: the spreadsheet stored it as a number and lost digits; "
                    "format the column as text in the source file and export again";
        r.problemZh = "代码“" + std::string(cell) + "”是科学计数法：表格把它当作数字保存，已丢失位数；请在源文件中把该列设为文本后重新导出";
        r.unrecoverable = true;
        return r;
    }
    if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
    if (!std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); })) {
        r.problem = "the code '" + std::string(cell) + "' contains characters other than digits";
        r.problemZh = "代码“" + std::string(cell) + "”含有数字以外的字符";
        return r;
    }
    const std::size_t want = codeLength(level);
    if (s.size() != want) {
        r.problem = "the code '" + s + "' has " + std::to_string(s.size()) + " digits; a " + levelName(level) +
                    " code has " + std::to_string(want);
        r.problemZh = "代码“" + s + "”有" + std::to_string(s.size()) + "位，" + levelNameZh(level) + "级代码应为" +
                      std::to_string(want) + "位";
        return r;
    }
    r.code = s;
    return r;
}

std::string countyOf(std::string_view code) { return std::string(code.substr(0, 6)); }

}  // namespace hongtu::geo
