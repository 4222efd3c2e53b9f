#pragma once
// Dates as they arrive in spreadsheets: ISO, 2018/6/30, 2018.6.30, 2018年6月30日, 20180630,
// and Excel serial numbers (days since 1899-12-30, as Excel counts them).

#include <optional>
#include <string_view>

#include "hongtu/geo/feature.hpp"

namespace hongtu::geo {

// nullopt when the text is no date; an Excel serial is accepted only in 1..2958465
// (1900-01-01 .. 9999-12-31) and when `allowExcelSerial` is set (numbers in a date column).
[[nodiscard]] std::optional<Date> parseFlexibleDate(std::string_view text, bool allowExcelSerial = true);

[[nodiscard]] Date fromExcelSerial(int serial);

}  // namespace hongtu::geo
