// Not a test: renders the route planner screenshots of docs/route.md in Chinese. Hidden (tag
// [.screenshots]); run under Xvfb with the real X11 platform to refresh them:
//
//   HONGTU_SCREENSHOT_DIR=docs/images QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1600x1000x24"
//       ./build/tests/ui/ui_tests "[.screenshots][route]"

#include <catch2/catch_test_macros.hpp>

#include <QAction>
#include <QCoreApplication>
#include <QDir>
#include <QDockWidget>
#include <QListWidget>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QTabWidget>
#include <QTranslator>

#include <cstdlib>

#include "render/loaded_project.hpp"
#include "render/map_renderer.hpp"
#include "render/route_layers.hpp"
#include "route_panel_support.hpp"
#include "ui/main_window.hpp"
#include "ui/map_canvas.hpp"
#include "ui/route_panel.hpp"

using namespace hongtu;

namespace {

void settle(ui::MainWindow& window) {
    window.canvas()->waitForRender();
    for (int i = 0; i < 5; ++i) QCoreApplication::processEvents();
    window.canvas()->waitForRender();
}

}  // namespace

TEST_CASE("screenshots: the route planner for docs/route.md", "[.screenshots][route]") {
    const char* dir = std::getenv("HONGTU_SCREENSHOT_DIR");
    REQUIRE(dir != nullptr);
    const QString out = QString::fromLocal8Bit(dir) + QLatin1Char('/');
    QTranslator zh;
    REQUIRE(zh.load(QStringLiteral(":/i18n/hongtu_zh_CN")));
    QCoreApplication::installTranslator(&zh);
    {
        auto loaded = render::loadProject(HONGTU_DEMO_PROJECT);
        REQUIRE(loaded);
        ui::MainWindow window(std::move(loaded).value());
        window.resize(1600, 1000);
        window.show();
        window.findChild<QAction*>(QStringLiteral("routePlannerAction"))->trigger();
        ui::RoutePanel& panel = *window.routePanel();
        test::solveDemoTourInPanel(panel);
        REQUIRE(panel.plan());
        // The tour's area: 兴县 in the north to 柳林 in the south.
        render::Scene routeOnly;
        for (const auto& l : window.canvas()->scene().layers)
            if (render::isRouteLayer(l.id)) routeOnly.layers.push_back(l);
        window.canvas()->zoomToBox(routeOnly.extent());
        settle(window);
        CHECK(window.grab().save(out + QStringLiteral("route-viewer-2day.png")));

        panel.findChild<QTabWidget*>()->setCurrentIndex(2);  // the order tab
        const QListWidget& order = *panel.orderList();
        int lastStop = -1;
        for (int i = 0; i < order.count(); ++i)
            if (order.item(i)->data(Qt::UserRole + 1).toString() == QStringLiteral("out")) lastStop = i - 1;
        panel.moveOrderRow(lastStop, 1);
        settle(window);
        CHECK(window.grab().save(out + QStringLiteral("route-viewer-reordered.png")));
    }
    QCoreApplication::removeTranslator(&zh);
}

// How the route layers print: the map with the route through a QPdfWriter (vector output, the
// path the route sheet takes), for a look with `pdftoppm -r 80 -png`. Written to the temporary
// folder (not docs/: half a megabyte), its path printed.
TEST_CASE("screenshots: the route layers in a PDF", "[.screenshots][route]") {
    const QString path = QDir::tempPath() + QStringLiteral("/hongtu-route-layers-print.pdf");
    QTranslator zh;
    REQUIRE(zh.load(QStringLiteral(":/i18n/hongtu_zh_CN")));
    QCoreApplication::installTranslator(&zh);
    {
        auto loaded = render::loadProject(HONGTU_DEMO_PROJECT);
        REQUIRE(loaded);
        render::Scene scene = loaded->scene;
        ui::RoutePanel panel(HONGTU_DEMO_PROJECT);
        for (const char* county : {"兴县", "临县", "柳林"}) panel.checkCounty(QString::fromUtf8(county));
        panel.setDeparture(QDate(2018, 7, 1), 8 * 60);
        panel.setDays(2);
        REQUIRE(panel.solve());
        panel.waitForSolve();
        REQUIRE(panel.plan());
        auto layers = render::routeLayers(*panel.plan(), scene.displayCrs);
        REQUIRE(layers);
        render::Scene routeOnly;
        routeOnly.layers = *layers;
        scene.layers.insert(scene.layers.end(), layers->begin(), layers->end());
        QPdfWriter pdf(path);
        pdf.setPageSize(QPageSize(QPageSize::A4));
        pdf.setResolution(300);
        pdf.setPageMargins(QMarginsF(10, 10, 10, 10), QPageLayout::Millimeter);
        QPainter painter(&pdf);
        render::MapSettings settings;
        settings.displayCrs = scene.displayCrs;
        settings.dpi = 300;
        settings.outputSize = painter.viewport().size();
        settings.visibleLayerIds = scene.initiallyVisibleLayerIds();
        settings = settings.fittedTo(routeOnly.extent(), 0.08);
        render::renderMap(scene, settings, painter);
        painter.end();
        WARN("wrote " << path.toStdString());
    }
    QCoreApplication::removeTranslator(&zh);
}
