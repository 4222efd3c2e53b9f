#include <catch2/catch_approx.hpp>
#include <catch2/catch_test_macros.hpp>

#include <QApplication>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>
#include <algorithm>

#include "dense_points.hpp"
#include "hongtu/geo/crs.hpp"
#include "render/loaded_project.hpp"
#include "render/map_renderer.hpp"
#include "test_support.hpp"
#include "ui/map_canvas.hpp"

using namespace hongtu;
using Catch::Approx;
using test::pixelIs;

namespace {

render::LoadedProject loadMiniProject() {
    auto project = render::loadProject(test::miniProjectPath());
    REQUIRE(project);
    return std::move(project).value();
}

void wheel(QWidget& w, QPointF at, int angleDeltaY) {
    QWheelEvent event(at, w.mapToGlobal(at), QPoint(), QPoint(0, angleDeltaY), Qt::NoButton, Qt::NoModifier,
                      Qt::NoScrollPhase, false);
    QApplication::sendEvent(&w, &event);
}

void mouse(QWidget& w, QEvent::Type type, QPointF at, Qt::MouseButton button, Qt::MouseButtons buttons) {
    QMouseEvent event(type, at, w.mapToGlobal(at), button, buttons, Qt::NoModifier);
    QApplication::sendEvent(&w, &event);
}

void key(QWidget& w, int k) {
    QKeyEvent event(QEvent::KeyPress, k, Qt::NoModifier);
    QApplication::sendEvent(&w, &event);
}

bool contains(const geo::Box& outer, const geo::Box& inner) {
    return outer.minX <= inner.minX && outer.minY <= inner.minY && outer.maxX >= inner.maxX && outer.maxY >= inner.maxY;
}

}  // namespace

TEST_CASE("map_canvas: starts at full extent and follows resizes", "[map_canvas]") {
    const render::LoadedProject project = loadMiniProject();
    ui::MapCanvas canvas(project.scene);
    canvas.resize(800, 600);
    canvas.show();
    CHECK(canvas.settings().outputSize == QSize(800, 600));
    CHECK(canvas.settings().displayCrs == "EPSG:4546");
    CHECK(contains(canvas.settings().visibleExtent(), project.scene.extent()));

    SECTION("an untouched view refits, and the new size is painted fully") {
        canvas.resize(300, 700);
        CHECK(canvas.settings().outputSize == QSize(300, 700));
        CHECK(contains(canvas.settings().visibleExtent(), project.scene.extent()));
        canvas.waitForRender();
        const QImage shot = canvas.grab().toImage();
        CHECK(shot.size() == QSize(300, 700));
        auto toDisplay = geo::Transformer::create("EPSG:4490", "EPSG:4546");
        REQUIRE(toDisplay);
        const QPointF county = canvas.settings().toPixel(*toDisplay->forward({111.05, 37.45}));
        CHECK(pixelIs(shot, county, std::get<render::FillSymbol>(project.scene.find("counties")->style.symbol).fill));
        CHECK(pixelIs(shot, {150, 5}, canvas.settings().background));
    }
    SECTION("a zoomed view keeps its scale and centre") {
        wheel(canvas, {400, 300}, 240);
        const double mupp = canvas.settings().mapUnitsPerPixel();
        const geo::XY centre = canvas.settings().visibleExtent().center();
        canvas.resize(1000, 500);
        CHECK(canvas.settings().mapUnitsPerPixel() == Approx(mupp));
        CHECK(canvas.settings().visibleExtent().center().x == Approx(centre.x));
        CHECK(canvas.settings().visibleExtent().center().y == Approx(centre.y));
    }
}

TEST_CASE("map_canvas: the wheel zooms around the cursor", "[map_canvas]") {
    const render::LoadedProject project = loadMiniProject();
    ui::MapCanvas canvas(project.scene);
    canvas.resize(800, 600);
    canvas.show();
    const double mupp = canvas.settings().mapUnitsPerPixel();
    const QPointF cursor(200, 150);
    const geo::XY under = canvas.settings().toMap(cursor);

    wheel(canvas, cursor, 120);  // one notch towards the map
    CHECK(canvas.settings().mapUnitsPerPixel() == Approx(mupp / 1.25));
    CHECK(canvas.settings().toMap(cursor).x == Approx(under.x));
    CHECK(canvas.settings().toMap(cursor).y == Approx(under.y));

    wheel(canvas, cursor, -240);  // two notches away
    CHECK(canvas.settings().mapUnitsPerPixel() == Approx(mupp * 1.25));

    SECTION("zooming stops at street level") {
        for (int i = 0; i < 100; ++i) wheel(canvas, cursor, 120);
        CHECK(canvas.settings().scaleDenominator() >= ui::MapCanvas::kMinScaleDenominator);
        CHECK(canvas.settings().scaleDenominator() < 1000);
    }
}

TEST_CASE("map_canvas: dragging pans with the cursor", "[map_canvas]") {
    const render::LoadedProject project = loadMiniProject();
    ui::MapCanvas canvas(project.scene);
    canvas.resize(800, 600);
    canvas.show();
    const double mupp = canvas.settings().mapUnitsPerPixel();
    const geo::Box before = canvas.settings().visibleExtent();
    const geo::XY grabbed = canvas.settings().toMap({400, 300});

    mouse(canvas, QEvent::MouseButtonPress, {400, 300}, Qt::LeftButton, Qt::LeftButton);
    mouse(canvas, QEvent::MouseMove, {420, 310}, Qt::NoButton, Qt::LeftButton);
    mouse(canvas, QEvent::MouseMove, {450, 320}, Qt::NoButton, Qt::LeftButton);
    mouse(canvas, QEvent::MouseButtonRelease, {450, 320}, Qt::LeftButton, Qt::NoButton);

    const geo::Box after = canvas.settings().visibleExtent();
    CHECK(after.minX == Approx(before.minX - 50 * mupp));  // dragged east: the view shows more west
    CHECK(after.maxY == Approx(before.maxY + 20 * mupp));  // dragged south: more north
    CHECK(canvas.settings().toMap({450, 320}).x == Approx(grabbed.x));
    CHECK(canvas.settings().toMap({450, 320}).y == Approx(grabbed.y));
    CHECK(canvas.settings().mapUnitsPerPixel() == Approx(mupp));

    SECTION("moving without a button pressed does not pan") {
        mouse(canvas, QEvent::MouseMove, {100, 100}, Qt::NoButton, Qt::NoButton);
        CHECK(canvas.settings().visibleExtent() == after);
    }
}

TEST_CASE("map_canvas: keys zoom, pan and return to the full extent", "[map_canvas]") {
    const render::LoadedProject project = loadMiniProject();
    ui::MapCanvas canvas(project.scene);
    canvas.resize(800, 600);
    canvas.show();
    const render::MapSettings start = canvas.settings();

    key(canvas, Qt::Key_Plus);
    CHECK(canvas.settings().mapUnitsPerPixel() == Approx(start.mapUnitsPerPixel() / 1.5));
    const geo::Box zoomed = canvas.settings().visibleExtent();
    key(canvas, Qt::Key_Left);
    CHECK(canvas.settings().visibleExtent().minX == Approx(zoomed.minX - 200 * canvas.settings().mapUnitsPerPixel()));
    key(canvas, Qt::Key_Up);
    CHECK(canvas.settings().visibleExtent().maxY == Approx(zoomed.maxY + 150 * canvas.settings().mapUnitsPerPixel()));
    key(canvas, Qt::Key_Minus);
    key(canvas, Qt::Key_Minus);
    CHECK(canvas.settings().mapUnitsPerPixel() == Approx(start.mapUnitsPerPixel() * 1.5));
    key(canvas, Qt::Key_Home);
    CHECK(canvas.settings().visibleExtent() == start.visibleExtent());
}

TEST_CASE("map_canvas: views are rendered off the UI thread; stale renders are dropped", "[map_canvas]") {
    const render::LoadedProject project = loadMiniProject();
    ui::MapCanvas canvas(project.scene);
    canvas.resize(800, 600);
    canvas.show();
    canvas.waitForRender();
    int frames = 0;
    QObject::connect(&canvas, &ui::MapCanvas::frameReady, [&] { ++frames; });

    // Three quick moves: only the last view's frame may arrive.
    key(canvas, Qt::Key_Plus);
    key(canvas, Qt::Key_Left);
    key(canvas, Qt::Key_Up);
    canvas.waitForRender();
    CHECK(frames == 1);
    const QImage shown = canvas.grab().toImage().convertToFormat(QImage::Format_RGB32);
    // The canvas's frames are its view on the tiles' pixel grid (moved by under half a pixel).
    const QImage expected = render::renderToImage(project.scene, canvas.settings().onPixelGrid()).convertToFormat(QImage::Format_RGB32);
    CHECK(shown == expected);  // the same renderer, the same pixels

    SECTION("until the frame arrives the last one is shown moved with the view") {
        const geo::XY county = canvas.settings().toMap({400, 300});
        mouse(canvas, QEvent::MouseButtonPress, {400, 300}, Qt::LeftButton, Qt::LeftButton);
        mouse(canvas, QEvent::MouseMove, {450, 300}, Qt::NoButton, Qt::LeftButton);
        // Without waiting: the old frame, drawn 50 px to the right, shows the same place under the cursor.
        const QImage preview = canvas.grab().toImage();
        CHECK(preview.pixelColor(450, 300) == shown.pixelColor(400, 300));
        mouse(canvas, QEvent::MouseButtonRelease, {450, 300}, Qt::LeftButton, Qt::NoButton);
        CHECK(canvas.settings().toMap({450, 300}).x == Approx(county.x));
    }
}

TEST_CASE("map_renderer: a render asked to stop stops", "[map_canvas]") {
    const render::LoadedProject project = loadMiniProject();
    render::MapSettings s;
    s.outputSize = {400, 300};
    s.displayCrs = project.scene.displayCrs;
    s.visibleLayerIds = project.scene.initiallyVisibleLayerIds();
    s = s.fittedTo(project.scene.extent());
    QImage image(s.outputSize, QImage::Format_ARGB32_Premultiplied);
    QPainter painter(&image);
    const auto stopped = render::renderMap(project.scene, s, painter, [] { return true; });
    CHECK(stopped.cancelled);
    CHECK(stopped.featuresDrawn == 0);
    int asked = 0;
    const auto full = render::renderMap(project.scene, s, painter, [&] { ++asked; return false; });
    CHECK_FALSE(full.cancelled);
    CHECK(full.featuresDrawn > 0);
    CHECK(asked > 4);  // between layers, classes and before the labels
}

TEST_CASE("map_canvas: dense points drawn aggregated are said so in a note on the map, which goes when zoomed in", "[map_canvas]") {
    const render::Scene scene = test::densePointScene(40'000);
    ui::MapCanvas canvas(scene);
    canvas.resize(900, 600);
    canvas.show();
    (void)canvas.grab();  // the first frame is rendered in the paint
    canvas.waitForRender();
    const auto* note = canvas.findChild<QLabel*>(QStringLiteral("aggregationNote"));
    REQUIRE(note);
    CHECK(note->isVisible());
    CHECK(note->text().contains(QStringLiteral("Villages")));
    const auto& classOf = scene.layers.front().itemClass;
    const auto drawn = static_cast<qulonglong>(std::count_if(classOf.begin(), classOf.end(), [](std::int32_t c) { return c >= 0; }));
    CHECK(note->text().contains(QLocale().toString(drawn)));  // every point of a class is in view
    CHECK(canvas.rect().contains(note->geometry()));

    for (int i = 0; i < 9; ++i) canvas.zoomIn();  // 1.5^9: a few hundred points in view
    canvas.waitForRender();
    CHECK_FALSE(note->isVisible());
}
