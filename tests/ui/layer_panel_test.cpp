// The layer list (ui/layer_panel.hpp) on a small screen: every layer's name and count is shown
// whole — a long name wraps onto a second line — in the window as it opens at 1024×700 and
// 1366×768, in Chinese.
#include <catch2/catch_test_macros.hpp>

#include <QDockWidget>
#include <QStyle>
#include <QTranslator>

#include "render/loaded_project.hpp"
#include "test_support.hpp"
#include "ui/layer_panel.hpp"
#include "ui/main_window.hpp"
#include "ui/map_canvas.hpp"

using namespace hongtu;

TEST_CASE("layer panel: no layer name is cut at 1024×700 or 1366×768", "[ui][layers]") {
    test::forDemoWindowsInChinese({QSize(1024, 700), QSize(1366, 768)}, "layersDock", [](ui::MainWindow& window, QSize screen) {
        auto* list = window.findChild<ui::LayerPanel*>();
        REQUIRE(list != nullptr);
        REQUIRE(list->isVisible());
        REQUIRE(list->count() >= 6);
        // The text's room in a row: less the check box, the swatch and the style's margins.
        const QStyle* style = list->style();
        const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, list) + 1;
        const int indicator = style->pixelMetric(QStyle::PM_IndicatorWidth, nullptr, list);
        const int viewWidth = list->viewport()->width();
        int multiLine = 0;
        for (int row = 0; row < list->count(); ++row) {
            QListWidgetItem* item = list->item(row);
            const QRect r = list->visualItemRect(item);
            const int textWidth = r.width() - indicator - list->iconSize().width() - 6 * margin;
            const test::Wrapped w = test::wrapped(item->text(), list->font(), textWidth);
            INFO("'" << item->text().toStdString() << "' in " << r.width() << "x" << r.height() << " at x " << r.x() << ", text "
                     << textWidth << " px wide needs " << w.widest << "x" << w.height);
            CHECK(r.left() >= 0);
            CHECK(r.right() < viewWidth + 1);
            CHECK(w.widest <= textWidth + 0.5);
            CHECK(w.height <= r.height() + 0.5);
            if (w.lines > 1) ++multiLine;
        }
        if (screen.width() < 1366) CHECK(multiLine > 0);  // the long names did need a second line
    });
}
