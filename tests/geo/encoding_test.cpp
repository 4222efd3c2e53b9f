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

TEST_CASE("encoding: a UTF-8 file with one stray byte stays UTF-8, and the byte is found", "[encoding]") {
    std::string text;
    for (int i = 0; i < 10; ++i) text += "141123100001,蔚汾村,兴县\n";
    std::string damaged = text;
    damaged = damaged.substr(0, 40) + std::string(1, static_cast<char>(0xFF)) + damaged.substr(40);  // (insert() trips a GCC 12 -Wrestrict false positive)
    CHECK(detectEncoding(damaged) == Encoding::Utf8);                                                // was GB18030 for the whole file
    const auto r = repairUtf8(damaged);
    REQUIRE(r.badOffsets == std::vector<std::size_t>{40});
    CHECK(isValidUtf8(r.text));
    CHECK(r.text.find("\xEF\xBF\xBD") != std::string::npos);
    // Real GBK stays GBK, however much ASCII is around it.
    auto gbk = utf8ToGb18030(text);
    REQUIRE(gbk);
    CHECK(detectEncoding(*gbk) == Encoding::Gb18030);
}

TEST_CASE("encoding: a GBK shapefile table without .cpg is detected from its text fields", "[encoding]") {
    const std::string bad = std::string(HONGTU_TEST_DATA) + "/bad/";
    CHECK(detectDbfEncoding(bad + "gbk_without_cpg/villages.dbf") == Encoding::Gb18030);
    CHECK(detectDbfEncoding(bad + "shp_without_prj/villages.dbf") == Encoding::Utf8);
    CHECK_FALSE(detectDbfEncoding(bad + "binary_named.csv"));
    CHECK_FALSE(detectDbfEncoding(bad + "empty.csv"));
    CHECK_FALSE(detectDbfEncoding("/nonexistent.dbf"));
}
