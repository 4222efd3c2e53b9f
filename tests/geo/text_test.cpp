#include <catch2/catch_test_macros.hpp>

#include "hongtu/geo/text.hpp"

using namespace hongtu::geo;

TEST_CASE("text: trimming drops ASCII whitespace at both ends only", "[text]") {
    CHECK(trim("  兴县 \t\r\n") == "兴县");
    CHECK(trim("a b") == "a b");
    CHECK(trim(" \t ").empty());
    CHECK(trim("").empty());
    CHECK(trim("　兴县　") == "　兴县　");  // the ideographic space is not ASCII whitespace
}

TEST_CASE("text: lower case touches ASCII letters only", "[text]") {
    CHECK(lowerAscii("Under_Construction") == "under_construction");
    CHECK(lowerAscii(".SHP") == ".shp");
    CHECK(lowerAscii("兴县ABC１") == "兴县abc１");
}

TEST_CASE("text: a typed list splits at the given separators and the full-width comma", "[text]") {
    CHECK(splitList("兴县, 临县，柳林") == std::vector<std::string>{"兴县", "临县", "柳林"});
    CHECK(splitList("a;b|c", ";") == std::vector<std::string>{"a", "b|c"});
    CHECK(splitList(" , ,，").empty());
    CHECK(splitList("111.14,37.52") == std::vector<std::string>{"111.14", "37.52"});
}
