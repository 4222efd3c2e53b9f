#include <catch2/catch_test_macros.hpp>

#include "hongtu/geo/result.hpp"

using namespace hongtu::geo;

TEST_CASE("result: error names file, layer and row", "[result]") {
    Error e{"the code has 11 digits, expected 12", "venues.csv", "Sheet1", 17};
    CHECK(e.toString() == "file 'venues.csv', layer 'Sheet1', row 17: the code has 11 digits, expected 12");
    Error bare{"nothing to read", {}, {}, {}};
    CHECK(bare.toString() == "nothing to read");
}

TEST_CASE("result: value access on an error is a contract violation", "[result]") {
    Result<int> good = 3;
    Result<int> bad = Error{"broken", "a.gpkg", {}, {}};
    CHECK(good.ok());
    CHECK(*good == 3);
    CHECK_FALSE(bad.ok());
    CHECK(bad.error().file == "a.gpkg");
    CHECK_THROWS_AS(bad.value(), BadResultAccess);
}
