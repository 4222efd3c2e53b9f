#pragma once
// Chinese statistical division codes (统计用区划代码) as text: 2 digits province, 4 city,
// 6 county, 9 township, 12 village. They are identifiers, never numbers.

#include <optional>
#include <string>
#include <string_view>

namespace hongtu::geo {

// The one administrative level of Hongtu: codes, joins (county, township or village), progress
// tallies (city, county, township) and the units a page is made for (province to township).
enum class AdminLevel { Province,
                        City,
                        County,
                        Township,
                        Village };

[[nodiscard]] constexpr std::size_t codeLength(AdminLevel l) {
    switch (l) {
        case AdminLevel::Province: return 2;
        case AdminLevel::City: return 4;
        case AdminLevel::County: return 6;
        case AdminLevel::Township: return 9;
        case AdminLevel::Village: return 12;
    }
    return 12;
}
[[nodiscard]] const char* levelName(AdminLevel l);    // "province", "city", "county", "township", "village"
[[nodiscard]] const char* levelNameZh(AdminLevel l);  // "省", "市", "县", "乡镇", "村"
// A level a table can be joined to: "county", "township" or "village" (nothing else).
[[nodiscard]] std::optional<AdminLevel> parseLevel(std::string_view s);
// True for the levels a table joins to (County, Township, Village).
[[nodiscard]] constexpr bool isJoinLevel(AdminLevel l) {
    return l == AdminLevel::County || l == AdminLevel::Township || l == AdminLevel::Village;
}

struct CodeCheck {
    std::string code;            // the cleaned code when valid
    std::string problem;         // empty when valid; otherwise a sentence for the planner (English)
    std::string problemZh;       // the same sentence in Chinese
    bool unrecoverable = false;  // true for scientific notation: the digits are gone
    [[nodiscard]] bool ok() const { return problem.empty(); }
};

// Cleans a code cell: trims spaces (also full-width), drops a trailing ".0" that spreadsheets
// add to numbers, and checks digits and length for `level`. "1.41123E+11" is reported as
// unrecoverable: the spreadsheet rounded the code and no one can tell the lost digits.
[[nodiscard]] CodeCheck checkCode(std::string_view cell, AdminLevel level);

// The county code (first 6 digits) of a township or village code.
[[nodiscard]] std::string countyOf(std::string_view code);

}  // namespace hongtu::geo
