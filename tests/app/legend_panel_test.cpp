// The screen legend (ui/legend_panel.hpp) on a small screen: every heading and class label is
// shown whole — long headings wrap onto more lines, no text ends in "…" — at 1024×700 and
// 1366×768, in Chinese, with the window laid out as it opens on that screen.
#include <catch2/catch_test_macros.hpp>

#include <QApplication>
#include <QDockWidget>
#include <QHeaderView>
#include <QStyle>
#include <QTextLayout>
#include <QTranslator>
#include <QTreeWidgetItemIterator>

#include "render/project.hpp"
#include "ui/legend_panel.hpp"
#include "ui/main_window.hpp"
#include "ui/map_canvas.hpp"

using namespace hongtu;

namespace {

void settle(ui::MainWindow& window) {
    window.canvas()->waitForRender();
    for (int i = 0; i < 5; ++i) QCoreApplication::processEvents();
}

// The height `text` needs in `font` when wrapped at `width` pixels (Qt's line breaking), and
// the widest line (a word longer than the width overflows it).
struct Wrapped {
    double height = 0;
    double widest = 0;
};
Wrapped wrapped(const QString& text, const QFont& font, double width) {
    QTextLayout layout(text, font);
    QTextOption option;
    option.setWrapMode(QTextOption::WordWrap);
    layout.setTextOption(option);
    Wrapped w;
    layout.beginLayout();
    for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
        line.setLineWidth(width);
        w.height += line.height();
        w.widest = std::max(w.widest, line.naturalTextWidth());
    }
    layout.endLayout();
    return w;
}

}  // namespace

TEST_CASE("legend panel: no heading or label is cut at 1024×700 or 1366×768", "[ui][legend]") {
    QTranslator zh;
    REQUIRE(zh.load(QStringLiteral(":/i18n/hongtu_zh_CN")));
    QCoreApplication::installTranslator(&zh);
    for (const QSize screen : {QSize(1024, 700), QSize(1366, 768)}) {
        INFO("screen " << screen.width() << "x" << screen.height());
        auto project = render::loadProject(HONGTU_DEMO_PROJECT, render::ProjectOptions{.displayCrs = {}, .progressDate = geo::Date{2018, 6, 30}});
        REQUIRE(project);
        ui::MainWindow window(std::move(project).value());
        window.resize(screen);
        window.arrangeForScreen(screen);
        window.show();
        auto* dock = window.findChild<QDockWidget*>(QStringLiteral("legendDock"));
        REQUIRE(dock != nullptr);
        dock->raise();
        settle(window);
        ui::LegendPanel& legend = *window.legendPanel();
        REQUIRE(legend.isVisible());
        REQUIRE(legend.topLevelItemCount() > 3);
        legend.doItemsLayout();

        const int margin = legend.style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, &legend) + 1;
        const int viewWidth = legend.viewport()->width();
        int checked = 0, multiLine = 0;
        bool sawDateHeading = false;
        for (QTreeWidgetItemIterator it(&legend); *it; ++it) {
            QTreeWidgetItem* item = *it;
            for (int column = 0; column < legend.columnCount(); ++column) {
                const QString text = item->text(column);
                if (text.isEmpty() || (column > 0 && item->isFirstColumnSpanned())) continue;
                const QRect r = legend.visualRect(legend.indexFromItem(item, column));
                INFO("row '" << text.toStdString() << "' column " << column << " at " << r.x() << "," << r.y() << " " << r.width()
                             << "x" << r.height() << " in a view " << viewWidth << " wide");
                REQUIRE(r.isValid());
                // The cell lies inside the view (no horizontal scrolling hides its end)…
                CHECK(r.left() >= 0);
                CHECK(r.right() < viewWidth + 1);
                // …and its text, wrapped at the cell's text width, fits the cell's height.
                int textWidth = r.width() - 2 * margin;
                if (!item->icon(column).isNull() && column == 0) textWidth -= legend.iconSize().width() + 2 * margin;
                const Wrapped w = wrapped(text, item->font(column), textWidth);
                CHECK(w.widest <= textWidth + 0.5);
                CHECK(w.height <= r.height() + 0.5);
                CHECK_FALSE(text.contains(QChar(0x2026)));
                if (w.height > 1.5 * QFontMetricsF(item->font(column)).height()) ++multiLine;
                if (text.contains(QStringLiteral("截至 2018-06-30"))) sawDateHeading = true;
                ++checked;
            }
        }
        CHECK(checked > 15);
        // The long headings did need more than one line here (the check above is not vacuous).
        CHECK(multiLine > 0);
        CHECK(sawDateHeading);  // the completion-rate heading with its date, whole
    }
    QCoreApplication::removeTranslator(&zh);
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
        QCoreApplication::processEvents();
        legend.doItemsLayout();
        return legend.visualRect(legend.indexFromItem(longest, 0)).height();
    };
    const int wide = rowHeight(900);
    const int narrow = rowHeight(140);
    CHECK(narrow >= 2 * wide - 4);
    CHECK(rowHeight(900) == wide);
}
