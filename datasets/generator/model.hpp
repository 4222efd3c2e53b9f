#pragma once
// The generator's in-memory model of the Lüliang demo project, before it becomes layers.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "hongtu/geo/feature.hpp"

namespace hongtu::datagen {

inline constexpr const char* kCityCode = "1411";
inline constexpr const char* kEchartsVersion = "0.1.4";
inline constexpr const char* kDivisionVersion = "2.7.0";
inline constexpr const char* kEchartsMapsVersion = "1.1.0";     // Hong Kong and Macau (national data)
inline constexpr const char* kWorldGeoJsonZhVersion = "2.1.5";  // the South China Sea dashed line, 钓鱼岛 (national data)
inline constexpr const char* kCitiesVersion = "1.1.64";

struct County {
    std::string code;  // 6 digits
    std::string name;  // 离石区 ...
    geo::Geometry polygon;
    geo::XY label;  // echarts `cp`
    // County seat
    geo::XY seat;
    std::string seatNameZh;    // 蔚汾镇, 离石城区, ...
    std::string geonamesName;  // "Weifen"; empty when not in GeoNames
    std::string seatPositionSource;
    std::string seatTownshipName;  // the township that holds the seat, when it is a 镇
    double areaKm2 = 0;
};

struct Township {
    std::string code;  // 9 digits
    std::string name;
    std::string countyCode;
    std::string kind;  // 镇 / 乡 / 街道 / 其他
    geo::XY pos;
};

struct Village {
    std::string code;  // 12 digits
    std::string name;
    std::string townshipCode;
    std::string countyCode;
    std::string kind;  // 村委会 / 社区居委会 / 其他
    geo::XY pos;
    bool collectiveIncome = false;
};

struct Memorial {
    std::string id, nameZh, nameEn, county, countyCode, township, village;
    double lat = 0, lon = 0, uncertaintyKm = 0;
    std::string coordStatus, category, confidence;
    std::int64_t visitMinutes = 0;
    std::string openingHours, hoursStatus, phone;
};

struct StatusChange {
    std::string status;  // planned / under_construction / completed / accepted
    geo::Date date;
    std::string note;
};

struct Project {
    std::string id;
    std::string kind;                      // village_venue / community_venue / township_housing
    std::string villageCode, villageName;  // venues only
    std::string townshipCode, townshipName;
    std::string countyCode;
    geo::Date plannedStart, plannedCompletion;
    std::int64_t budgetYuan = 0;
    std::int64_t floorAreaM2 = 0;   // venues
    std::int64_t housingUnits = 0;  // housing
    std::vector<StatusChange> history;
};

struct CountyIndicators {
    std::string countyCode, name;
    std::int64_t villages = 0, villagesWithIncome = 0;
    std::int64_t reserveTalents = 0, talentsInCommittees = 0, talentsAsSecretaries = 0;
    std::int64_t budgetYuan = 0;
};

struct Model {
    std::vector<County> counties;              // by code
    std::vector<Township> townships;           // by code
    std::vector<Village> villages;             // by code
    std::vector<Memorial> memorials;           // by id
    std::vector<Project> venues;               // by id
    std::vector<Project> housing;              // by id
    std::vector<CountyIndicators> indicators;  // by county code
};

}  // namespace hongtu::datagen
