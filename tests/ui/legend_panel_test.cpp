// The screen legend (ui/legend_panel.hpp) on a small screen: every heading and class label is
// shown whole — long headings wrap onto more lines, no text ends in "…" — at 1024×700 and
// 1366×768, in Chinese, with the window laid out as it opens on that screen.
#include <catch2/catch_test_macros.hpp>

#include <QApplication>
#include <QDockWidget>
#include <QHeaderView>
#include <QTranslator>
#include <QTreeWidgetItemIterator>

#include "render/loaded_project.hpp"
#include "test_support.hpp"
#include "ui/legend_panel.hpp"
#include "ui/main_window.hpp"
#include "ui/map_canvas.hpp"

using namespace hongtu;

using test::settle;

TEST_CASE("legend panel: no heading or label is cut at 1024×700 or 1366×768", "[ui][legend]") {
    test::forDemoWindowsInChinese({QSize(1024, 700), QSize(1366, 768)}, "legendDock", [](ui::MainWindow& window, QSize) {
        ui::LegendPanel& legend = *window.legendPanel();
        REQUIRE(legend.isVisible());
        REQUIRE(legend.topLevelItemCount() > 3);
        int checked = 0, multiLine = 0;
        const auto cut = test::cutCells(legend, &checked, &multiLine);
        for (const auto& c : cut) UNSCOPED_INFO(c);
        CHECK(cut.empty());
        bool sawDateHeading = false;
        for (QTreeWidgetItemIterator it(&legend); *it; ++it)
            sawDateHeading = sawDateHeading || (*it)->text(0).contains(QStringLiteral("截至 2018-06-30"));
        CHECK(checked > 15);
        // The long headings did need more than one line here (the check above is not vacuous).
        CHECK(multiLine > 0);
        CHECK(sawDateHeading);  // the completion-rate heading with its date, whole
    });
}

TEST_CASE("legend panel: rows grow and shrink as the panel is resized", "[ui][legend]") {
    auto project = render::loadProject(HONGTU_DEMO_PROJECT, render::ProjectOptions{.displayCrs = {}, .progressDate = geo::Date{2018, 6, 30}});
    REQUIRE(project);
    ui::MainWindow window(std::move(project).value());
    window.resize(1920, 1080);
    window.show();
    settle(window);
    ui::LegendPanel legend;
    legend.showLegend(window.canvas()->scene(), window.canvas()->settings());
    // The longest heading: its row is one line when the legend is wide, several when narrow.
    QTreeWidgetItem* longest = nullptr;
    for (QTreeWidgetItemIterator it(&legend); *it; ++it)
        if (!longest || (*it)->text(0).size() > longest->text(0).size()) longest = *it;
    REQUIRE(longest != nullptr);
    INFO(longest->text(0).toStdString());
    legend.show();
    const auto rowHeight = [&](int width) {
        legend.resize(width, 600);
        for (int i = 0; i < 3; ++i) QCoreApplication::processEvents();  // the rows are laid out again by themselves
        return legend.visualRect(legend.indexFromItem(longest, 0)).height();
    };
    const int wide = rowHeight(900);
    const int narrow = rowHeight(140);
    CHECK(narrow >= 2 * wide - 4);
    CHECK(rowHeight(900) == wide);
}
