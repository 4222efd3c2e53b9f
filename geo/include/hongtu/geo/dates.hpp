#pragma once
// Dates as they arrive in spreadsheets, GeoPackage TEXT columns and date fields: ISO,
// 2018/6/30, 2018.6.30, 2018年6月30日, 20180630, ISO date-times (the date part), and Excel
// serial numbers (days since 1899-12-30, as Excel counts them). The one loose date parser.

#include <optional>
#include <string_view>

#include "hongtu/geo/feature.hpp"

namespace hongtu::geo {

// nullopt when the text is no date. An Excel serial is accepted only with exactly 5 digits
// (10000..99999, 1927..2173; "2018" is a year and "201806" a month, never serials) and when
// `allowExcelSerial` is set.
[[nodiscard]] std::optional<Date> parseFlexibleDate(std::string_view text, bool allowExcelSerial = true);

[[nodiscard]] Date fromExcelSerial(int serial);

}  // namespace hongtu::geo
