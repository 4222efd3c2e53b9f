#include <catch2/catch_test_macros.hpp>

#include <QApplication>
#include <QLabel>
#include <QListWidgetItem>
#include <QMouseEvent>

#include "hongtu/geo/crs.hpp"
#include "render/loaded_project.hpp"
#include "test_support.hpp"
#include "ui/layer_panel.hpp"
#include "ui/main_window.hpp"
#include "ui/map_canvas.hpp"

using namespace hongtu;
using test::pixelIs;

namespace {

bool anyLabelContains(const QWidget& w, const QString& text) {
    for (const QLabel* label : w.findChildren<QLabel*>())
        if (label->text().contains(text)) return true;
    return false;
}

}  // namespace

TEST_CASE("main_window: shows the project with its layers, title and status", "[main_window]") {
    auto project = render::loadProject(test::miniProjectPath());
    REQUIRE(project);
    ui::MainWindow window(std::move(project).value());
    window.resize(1000, 700);
    window.show();

    CHECK(window.windowTitle().endsWith(QStringLiteral("mini_project.gpkg")));
    ui::LayerPanel& panel = *window.layerPanel();
    REQUIRE(panel.count() == 4);
    CHECK(panel.item(0)->data(Qt::UserRole).toString() == QStringLiteral("memorial_sites"));  // top layer first
    CHECK(panel.item(3)->data(Qt::UserRole).toString() == QStringLiteral("counties"));
    CHECK_FALSE(panel.item(3)->icon().isNull());
    CHECK(anyLabelContains(window, QStringLiteral("1:")));

    SECTION("unticking a layer hides it on the canvas") {
        ui::MapCanvas& canvas = *window.canvas();
        auto toDisplay = geo::Transformer::create("EPSG:4490", canvas.settings().displayCrs);
        REQUIRE(toDisplay);
        const auto at = [&] { return canvas.settings().toPixel(*toDisplay->forward({111.05, 37.45})); };
        const QColor fill = std::get<render::FillSymbol>(window.project().scene.find("counties")->style.symbol).fill;
        canvas.waitForRender();
        CHECK(pixelIs(canvas.grab().toImage(), at(), fill));

        panel.itemFor("counties")->setCheckState(Qt::Unchecked);
        CHECK_FALSE(canvas.settings().isLayerVisible("counties"));
        canvas.waitForRender();
        CHECK(pixelIs(canvas.grab().toImage(), at(), canvas.settings().background));

        panel.itemFor("counties")->setCheckState(Qt::Checked);
        CHECK(canvas.settings().isLayerVisible("counties"));
        canvas.waitForRender();
        CHECK(pixelIs(canvas.grab().toImage(), at(), fill));
    }
    SECTION("the cursor position shows in metres and in lon/lat") {
        ui::MapCanvas& canvas = *window.canvas();
        const QPointF at(canvas.width() / 2.0, canvas.height() / 2.0);
        QMouseEvent move(QEvent::MouseMove, at, canvas.mapToGlobal(at), Qt::NoButton, Qt::NoButton, Qt::NoModifier);
        QApplication::sendEvent(&canvas, &move);
        CHECK(anyLabelContains(window, QStringLiteral("(EPSG:4546)")));
        CHECK(anyLabelContains(window, QStringLiteral("°E")));
        CHECK(anyLabelContains(window, QStringLiteral("111.")));  // the fixture lies at 111.0–111.6°E
    }
}
