#include <catch2/catch_test_macros.hpp>

#include "hongtu/geo/dates.hpp"

using namespace hongtu::geo;

TEST_CASE("dates: the forms county offices use", "[dates]") {
    const Date d{2018, 6, 30};
    for (const char* s : {"2018-06-30", "2018/6/30", "2018.6.30", "2018年6月30日", "2018年06月30号", "20180630",
                          "2018-06-30 00:00:00", "2018-06-30T08:00:00Z", "２０１８年６月３０日"})
        CHECK(parseFlexibleDate(s) == d);
}

TEST_CASE("dates: Excel serial numbers", "[dates]") {
    CHECK(parseFlexibleDate("43281") == Date{2018, 6, 30});
    CHECK(parseFlexibleDate("43281.5") == Date{2018, 6, 30});
    CHECK(fromExcelSerial(1) == Date{1900, 1, 1});
    CHECK_FALSE(parseFlexibleDate("2018"));     // a year, not serial 2018 (1905-07-10)
    CHECK_FALSE(parseFlexibleDate("2018.06"));  // a month
    CHECK_FALSE(parseFlexibleDate("201806"));
    CHECK(fromExcelSerial(61) == Date{1900, 3, 1});
    CHECK(fromExcelSerial(43465) == Date{2018, 12, 31});
    CHECK_FALSE(parseFlexibleDate("43281", false));
}

TEST_CASE("dates: without Excel serials, the forms of progress tables and typed dates", "[dates]") {
    // What the progress tables' loose reader accepted (now this one parser).
    const Date d{2018, 6, 30};
    for (const char* s : {"2018-06-30", "2018/6/30", "2018.06.30", "2018年6月30日", "2018-06-30T08:00:00Z", " 2018-06-30 ",
                          "2018-06-30 08:00:00"})
        CHECK(parseFlexibleDate(s, false) == d);
    for (const char* s : {"2018-02-30", "2018/06-30", "30/06/2018", "43281", "43281.5", ""}) CHECK_FALSE(parseFlexibleDate(s, false));
}

TEST_CASE("dates: non-dates are refused", "[dates]") {
    for (const char* s : {"", "2018-02-30", "2018/13/1", "30/6/2018", "明年", "2018-6", "2018-06/30"})
        CHECK_FALSE(parseFlexibleDate(s));
}
