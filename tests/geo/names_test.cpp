#include <catch2/catch_test_macros.hpp>

#include "hongtu/geo/names.hpp"

using namespace hongtu::geo;

TEST_CASE("names: village suffixes, widths and spaces normalise away", "[names]") {
    for (const char* n : {"东庄村委会", "东庄村", "东庄", "东 庄 村", "东庄村民委员会", "　东庄村　"})
        CHECK(normalizeVillageName(n) == "东庄");
    CHECK(normalizeVillageName("东关社区居委会") == "东关");
    CHECK(normalizeVillageName("东关社区") == "东关");
    CHECK(normalizeVillageName("村") == "村");  // nothing left to strip to
    CHECK(normalizeWidthAndSpace("ＡＢ１２（东庄）") == "ab12(东庄)");
}

TEST_CASE("names: township and county forms", "[names]") {
    CHECK(normalizeTownshipName("蔡家崖乡") == "蔡家崖");
    CHECK(normalizeTownshipName("凤山街道办事处") == "凤山");
    CHECK(countyNameAliases("孝义市") == std::vector<std::string>{"孝义市", "孝义"});
    CHECK(countyNameAliases("兴县") == std::vector<std::string>{"兴县", "兴"});
    CHECK(countyNameAliases("县") == std::vector<std::string>{"县"});
}

TEST_CASE("names: edit distance counts characters, not bytes", "[names]") {
    CHECK(editDistance("蔡家崖", "蔡家涯") == 1);
    CHECK(editDistance("东庄", "东庄沿") == 1);
    CHECK(editDistance("", "东庄") == 2);
    CHECK(editDistance("abc", "abc") == 0);
    CHECK(codePointCount("刘胡兰村") == 4);
}
