#include <catch2/catch_test_macros.hpp>
#include <catch2/matchers/catch_matchers_string.hpp>

#include "hongtu/geo/codes.hpp"

using namespace hongtu::geo;
using Catch::Matchers::ContainsSubstring;

TEST_CASE("codes: valid codes of each level", "[codes]") {
    CHECK(checkCode("141123205200", AdminLevel::Village).code == "141123205200");
    CHECK(checkCode(" 141123205 ", AdminLevel::Township).code == "141123205");
    CHECK(checkCode("141181", AdminLevel::County).ok());
    CHECK(checkCode("１４１１８１", AdminLevel::County).code == "141181");           // full-width digits
    CHECK(checkCode("141123205200.0", AdminLevel::Village).code == "141123205200");  // spreadsheet float
    CHECK(countyOf("141123205200") == "141123");
}

TEST_CASE("codes: scientific notation is unrecoverable, never rounded", "[codes]") {
    auto c = checkCode("1.41123E+11", AdminLevel::Village);
    CHECK_FALSE(c.ok());
    CHECK(c.unrecoverable);
    CHECK_THAT(c.problem, ContainsSubstring("scientific notation") && ContainsSubstring("as text"));
}

TEST_CASE("codes: wrong length and stray characters are explained", "[codes]") {
    CHECK_THAT(checkCode("14112320520", AdminLevel::Village).problem, ContainsSubstring("11 digits") && ContainsSubstring("12"));
    CHECK_THAT(checkCode("14112A205200", AdminLevel::Village).problem, ContainsSubstring("other than digits"));
    CHECK_THAT(checkCode("", AdminLevel::Village).problem, ContainsSubstring("empty"));
    CHECK(parseLevel("township") == AdminLevel::Township);
    CHECK_FALSE(parseLevel("province"));
}

TEST_CASE("codes: one level enum from province to village", "[codes]") {
    CHECK(codeLength(AdminLevel::Province) == 2);
    CHECK(codeLength(AdminLevel::City) == 4);
    CHECK(codeLength(AdminLevel::County) == 6);
    CHECK(codeLength(AdminLevel::Township) == 9);
    CHECK(codeLength(AdminLevel::Village) == 12);
    CHECK(std::string(levelName(AdminLevel::City)) == "city");
    CHECK(std::string(levelNameZh(AdminLevel::Province)) == "省");
    CHECK(isJoinLevel(AdminLevel::County));
    CHECK_FALSE(isJoinLevel(AdminLevel::City));
    CHECK_FALSE(parseLevel("city"));
}
