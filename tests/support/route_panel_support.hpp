#pragma once
// The route tests' demo tour (route_test_support.hpp) ticked and solved in a real RoutePanel:
// 兴县, 临县 and 柳林's sites from 离石, leaving 2018-07-01 08:00, 10 hours a day.

#include <catch2/catch_test_macros.hpp>

#include <QDate>
#include <QString>

#include "ui/route_panel.hpp"

namespace hongtu::test {

inline void solveDemoTourInPanel(ui::RoutePanel& panel) {
    REQUIRE(panel.checkCounty(QStringLiteral("兴县")) == 5);
    REQUIRE(panel.checkCounty(QStringLiteral("临县")) == 4);
    REQUIRE(panel.checkCounty(QStringLiteral("柳林")) == 3);
    panel.setStart(QStringLiteral("离石"));
    panel.setDeparture(QDate(2018, 7, 1), 8 * 60);
    panel.setDays(2);
    panel.setDayLimitHours(10);
    REQUIRE(panel.solve());
    panel.waitForSolve();
}

}  // namespace hongtu::test
