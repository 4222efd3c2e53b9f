#include <catch2/catch_test_macros.hpp>

#include <QCoreApplication>
#include <QFile>
#include <QTranslator>

#include "render/loaded_project.hpp"
#include "test_support.hpp"

using namespace hongtu;

TEST_CASE("i18n: the Chinese translation is embedded and complete", "[i18n]") {
    QTranslator zh;
    REQUIRE(zh.load(QStringLiteral(":/i18n/hongtu_zh_CN")));
    CHECK(zh.translate("hongtu::render::LoadedProject", "Counties") == QStringLiteral("县(市、区)"));
    CHECK(zh.translate("hongtu::ui::LayerDock", "Layers") == QStringLiteral("图层"));  // the 图层 dock
    CHECK(zh.translate("hongtu::ui::MainWindow", "Legend") == QStringLiteral("图例"));

    SECTION("every message in the .ts file has a finished translation") {
        QFile ts(QStringLiteral(HONGTU_SOURCE_DIR "/app/i18n/hongtu_zh_CN.ts"));
        REQUIRE(ts.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(ts.readAll());
        CHECK(text.count(QStringLiteral("<message")) > 10);
        CHECK_FALSE(text.contains(QStringLiteral("type=\"unfinished\"")));
        CHECK_FALSE(text.contains(QStringLiteral("type=\"vanished\"")));
    }
    SECTION("layer names are translated when the project loads") {
        QCoreApplication::installTranslator(&zh);
        auto project = render::loadProject(test::miniProjectPath());
        QCoreApplication::removeTranslator(&zh);
        REQUIRE(project);
        CHECK(project->scene.find("memorial_sites")->displayName == QStringLiteral("革命纪念地"));
        CHECK(project->scene.find("villages")->displayName == QStringLiteral("村"));
    }
}
