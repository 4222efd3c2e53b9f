#include <catch2/catch_test_macros.hpp>

#include "ui/status_format.hpp"

using namespace hongtu::ui;

TEST_CASE("status_format: scales are rounded to three significant digits", "[status_format]") {
    CHECK(formatScale(250'000) == QStringLiteral("1:250,000"));
    CHECK(formatScale(123'456.7) == QStringLiteral("1:123,000"));
    CHECK(formatScale(987.6) == QStringLiteral("1:988"));
    CHECK(formatScale(0) == QStringLiteral("1:?"));
}

TEST_CASE("status_format: coordinates", "[status_format]") {
    CHECK(formatMetres(512'345.4) == QStringLiteral("512,345 m"));
    CHECK(formatLongitude(111.13421) == QStringLiteral("111.1342°E"));
    CHECK(formatLatitude(37.51559) == QStringLiteral("37.5156°N"));
    CHECK(formatLongitude(-3.5) == QStringLiteral("3.5000°W"));
}
