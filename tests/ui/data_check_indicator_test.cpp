// 数据检查 in the viewer's status bar (issue 17): the checks of `hongtu info` run when the viewer
// opens a project, and what they found is one click away, in Chinese.

#include <catch2/catch_test_macros.hpp>
#include <catch2/matchers/catch_matchers_string.hpp>

#include <QElapsedTimer>
#include <QLocale>
#include <QStatusBar>
#include <QTranslator>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "render/loaded_project.hpp"
#include "test_support.hpp"
#include "ui/data_check_indicator.hpp"
#include "ui/main_window.hpp"

using namespace hongtu;
using Catch::Matchers::ContainsSubstring;

namespace {
bool waitForCheck(const ui::DataCheckIndicator& indicator) {
    QElapsedTimer t;
    t.start();
    while (indicator.checking() && t.elapsed() < 20'000) QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    return !indicator.checking();
}
}  // namespace

TEST_CASE("data check: the viewer names the invalid polygon and the duplicate code of a layer it opens, in Chinese",
          "[data_check_indicator]") {
    QTranslator zh;
    REQUIRE(zh.load(QStringLiteral(":/i18n/hongtu_zh_CN")));
    QCoreApplication::installTranslator(&zh);
    const QLocale before;
    QLocale::setDefault(QLocale(QLocale::Chinese, QLocale::China));

    const auto dir = std::filesystem::temp_directory_path() / ("hongtu_data_check_" + std::to_string(::getpid()));
    const std::string path = test::badCountiesFile(dir);
    auto project = render::loadProject(path);
    REQUIRE(project);
    {
        ui::MainWindow window(std::move(project).value());
        window.show();
        auto* button = window.statusBar()->findChild<ui::DataCheckIndicator*>(QStringLiteral("dataCheckIndicator"));
        REQUIRE(button);
        CHECK_FALSE(button->isVisible());  // the window is up before the check ends
        REQUIRE(waitForCheck(*button));
        CHECK(button->isVisible());
        CHECK(button->text().contains(QStringLiteral(">数据检查：2 个问题</a>")));
        const std::string lines = button->lines().join(QLatin1Char('\n')).toStdString();
        CHECK_THAT(lines, ContainsSubstring("问题  图层“县(市、区)”：1 个面要素无效（要素 0：自相交，位于 111.250000, 37.250000）"));
        CHECK_THAT(lines, ContainsSubstring("字段“code”有 1 个值重复出现（141121）"));
    }
    std::filesystem::remove_all(dir);
    QCoreApplication::removeTranslator(&zh);
    QLocale::setDefault(before);
}

TEST_CASE("data check: a clean project shows no button", "[data_check_indicator]") {
    auto project = render::loadProject(test::miniProjectPath());
    REQUIRE(project);
    ui::MainWindow window(std::move(project).value());
    window.show();
    auto* button = window.statusBar()->findChild<ui::DataCheckIndicator*>(QStringLiteral("dataCheckIndicator"));
    REQUIRE(button);
    REQUIRE(waitForCheck(*button));
    CHECK_FALSE(button->isVisible());
}
