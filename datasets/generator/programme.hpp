#pragma once
// The synthetic programme data: collective income, venue and housing projects with status
// histories and budgets, and county indicators, made to match the source's totals exactly.

#include <cstdint>

#include "generator/model.hpp"
#include "hongtu/geo/result.hpp"

namespace hongtu::datagen {

// The facts of the 2018 Lüliang report (DOMAIN.md) that the synthetic parts reproduce.
struct ProgrammeTotals {
    static constexpr std::int64_t villageVenues = 778;
    static constexpr std::int64_t communityVenues = 44;
    static constexpr std::int64_t housingTownships = 124;
    static constexpr std::int64_t villagesWithIncome = 1959;  // round(0.91 * 2153)
    static constexpr std::int64_t reserveTalents = 7931;
    static constexpr std::int64_t talentsInCommittees = 451;
    static constexpr std::int64_t talentsAsSecretaries = 144;
    static constexpr std::int64_t budgetYuan = 557'000'000;  // 5.57亿元
};

inline constexpr const char* kFiveSmall[] = {"小食堂", "小澡堂", "小厕所", "小图书室", "小文体活动室"};

// The last day of the tracked period; no status change is dated after it.
inline constexpr geo::Date kAsOf{2019, 6, 30};

[[nodiscard]] geo::Status buildProgramme(Model& model, std::uint64_t seed);

}  // namespace hongtu::datagen
