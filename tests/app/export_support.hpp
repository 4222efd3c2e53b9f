#pragma once
// Shared by the export tests: the demo project, loaded once (it takes a second).

#include <catch2/catch_test_macros.hpp>

#include <QCoreApplication>
#include <QTranslator>

#include "render/project.hpp"

namespace hongtu::test {

inline const render::Project& demoProject() {
    static const render::Project project = [] {
        // Chinese layer names, as the CLI and the viewer show them.
        static QTranslator translator;
        if (translator.load(QStringLiteral(":/i18n/hongtu_zh_CN"))) QCoreApplication::installTranslator(&translator);
        auto p = render::loadProject(HONGTU_DEMO_PROJECT);
        REQUIRE(p);
        return std::move(p).value();
    }();
    return project;
}

}  // namespace hongtu::test
