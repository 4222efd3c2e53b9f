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
    CHECK(countyNameAliases("鄂托克旗") == std::vector<std::string>{"鄂托克旗", "鄂托克"});
    CHECK(countyNameAliases("离石城区") == std::vector<std::string>{"离石城区", "离石"});
    CHECK(countyNameAliases("朔城区") == std::vector<std::string>{"朔城区", "朔城"});
}

TEST_CASE("names: two spellings of a county are the same county, and its short form keeps two characters", "[names]") {
    CHECK(sameCountyName("兴", "兴县"));
    CHECK(sameCountyName("离石区", "离石"));
    CHECK(sameCountyName("孝义市", "孝义县"));
    CHECK(sameCountyName("离石城区", "离石区"));
    CHECK_FALSE(sameCountyName("兴县", "临县"));
    CHECK_FALSE(sameCountyName("", "兴县"));
    CHECK(countyShortName("离石区") == "离石");
    CHECK(countyShortName("柳林县") == "柳林");
    CHECK(countyShortName("兴县") == "兴县");
    CHECK(countyShortName("离石城区") == "离石");
}

TEST_CASE("names: edit distance counts characters, not bytes", "[names]") {
    CHECK(editDistance("蔡家崖", "蔡家涯") == 1);
    CHECK(editDistance("东庄", "东庄沿") == 1);
    CHECK(editDistance("", "东庄") == 2);
    CHECK(editDistance("abc", "abc") == 0);
    CHECK(codePointCount("刘胡兰村") == 4);
}
