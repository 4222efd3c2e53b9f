#include <catch2/catch_test_macros.hpp>
#include <catch2/matchers/catch_matchers_string.hpp>

#include "hongtu/geo/encoding.hpp"

using namespace hongtu::geo;

TEST_CASE("encoding: BOM, UTF-8 and GB18030 are told apart", "[encoding]") {
    const std::string utf8 = "村代码,村名称";
    auto gbk = utf8ToGb18030(utf8);
    REQUIRE(gbk);
    CHECK(*gbk != utf8);
    CHECK(detectEncoding("\xEF\xBB\xBF" + utf8) == Encoding::Utf8Bom);
    CHECK(detectEncoding(utf8) == Encoding::Utf8);
    CHECK(detectEncoding(*gbk) == Encoding::Gb18030);
    CHECK(detectEncoding("plain ascii") == Encoding::Utf8);
}

TEST_CASE("encoding: conversion strips the BOM and round-trips GB18030", "[encoding]") {
    const std::string utf8 = "东庄村委会,孝义市";
    CHECK(*toUtf8("\xEF\xBB\xBF" + utf8, Encoding::Utf8Bom) == utf8);
    CHECK(*toUtf8("\xEF\xBB\xBF" + utf8, Encoding::Utf8) == utf8);  // unannounced BOM
    CHECK(*toUtf8(*utf8ToGb18030(utf8), Encoding::Gb18030) == utf8);
}

TEST_CASE("encoding: invalid UTF-8 names the byte offset", "[encoding]") {
    const std::string bad = std::string("abc") + "\xB4\xE5";  // GBK bytes of 村
    CHECK_FALSE(isValidUtf8(bad));
    auto r = toUtf8(bad, Encoding::Utf8);
    REQUIRE_FALSE(r);
    CHECK_THAT(r.error().message, Catch::Matchers::ContainsSubstring("byte 3"));
    CHECK_FALSE(isValidUtf8("\xC0\xAF"));  // overlong
    CHECK(*parseEncodingName("GBK") == Encoding::Gb18030);
    CHECK(*parseEncodingName("utf-8-bom") == Encoding::Utf8Bom);
    CHECK_FALSE(parseEncodingName("latin1"));
}
