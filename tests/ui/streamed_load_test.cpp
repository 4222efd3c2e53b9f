// The viewer's two-phase opening (issue 16), offscreen: the window shows the counties of the
// first phase at once with 「正在加载：…」 in the status bar, then every layer once the rest has
// been read off the UI thread; a reload or a closed window while loading does no harm.
#include <catch2/catch_test_macros.hpp>

#include <QImage>
#include <QLabel>
#include <QSignalSpy>

#include <memory>
#include <string>
#include <vector>

#include "render/loaded_project.hpp"
#include "test_support.hpp"
#include "ui/data_check_indicator.hpp"
#include "ui/layer_panel.hpp"
#include "ui/main_window.hpp"
#include "ui/map_canvas.hpp"
#include "ui/project_document.hpp"

using namespace hongtu;
using Change = ui::ProjectDocument::Change;

namespace {

std::vector<std::string> layerIds(const render::Scene& scene) {
    std::vector<std::string> ids;
    for (const auto& layer : scene.layers) ids.push_back(layer.id);
    return ids;
}

// Pixels of `image` within a small tolerance of `colour`.
int pixelsOf(const QImage& image, const QColor& colour) {
    int n = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            if (test::pixelIs(image, QPointF(x, y), colour, 6)) ++n;
    return n;
}

const QColor kCountyFill(0xf6, 0xef, 0xdc);      // loaded_project.cpp countyStyle (no income share)
const QColor kTownshipFill(0x1f, 0x5f, 0x99);    // townshipStyle's squares
const QColor kMemorialStroke(0xd7, 0x26, 0x1e);  // memorialStyle's stars

struct Opened {
    render::FirstPhase first;
    std::unique_ptr<ui::MainWindow> window;
};

Opened openFirstPhase() {
    auto first = render::loadFirstPhase(test::miniProjectPath());
    REQUIRE(first);
    REQUIRE(first->rest);
    Opened out;
    out.window = std::make_unique<ui::MainWindow>(first->project);
    out.window->resize(1200, 800);
    out.window->show();
    out.first = std::move(first).value();
    return out;
}

}  // namespace

TEST_CASE("streamed load: the window shows the counties first, then every layer", "[ui][two-phase]") {
    Opened opened = openFirstPhase();
    ui::MainWindow& window = *opened.window;
    ui::ProjectDocument& document = window.document();
    QSignalSpy changed(&document, &ui::ProjectDocument::changed);
    QSignalSpy loading(&document, &ui::ProjectDocument::loadingChanged);
    document.streamRemaining(opened.first.rest, opened.first.pending);

    // No event has been processed yet: what the window shows now is the first phase.
    CHECK(document.isLoading());
    CHECK(layerIds(document.scene()) == std::vector<std::string>{"counties"});
    CHECK(window.layerPanel()->count() == 1);
    auto* status = window.findChild<QLabel*>(QStringLiteral("loadingLayers"));
    REQUIRE(status);
    CHECK(status->isVisible());
    CHECK(status->text().startsWith(QStringLiteral("Loading: Villages (3), Townships (")));
    const QImage before = window.canvas()->grab().toImage();
    CHECK(pixelsOf(before, kCountyFill) > before.width() * before.height() / 50);
    CHECK(pixelsOf(before, kTownshipFill) == 0);
    CHECK(pixelsOf(before, kMemorialStroke) == 0);

    document.finishLoading();
    test::settle(window);
    CHECK_FALSE(document.isLoading());
    CHECK(layerIds(document.scene()) == std::vector<std::string>{"counties", "villages", "townships", "memorial_sites"});
    CHECK(window.layerPanel()->count() == 4);
    CHECK(window.canvas()->settings().isLayerVisible("memorial_sites"));
    CHECK(window.canvas()->settings().isLayerVisible("counties"));
    CHECK_FALSE(status->isVisible());
    // One change added the layers (the canvas, layer list and legend follow it).
    REQUIRE(changed.count() == 1);
    CHECK(changed.at(0).at(0).value<ui::ProjectDocument::Changes>() == ui::ProjectDocument::Changes(Change::Layers));
    REQUIRE(loading.count() == 2);
    CHECK(loading.at(0).at(0).toBool());
    CHECK_FALSE(loading.at(1).at(0).toBool());
    const QImage after = window.canvas()->grab().toImage();
    CHECK(pixelsOf(after, kTownshipFill) > 0);
    CHECK(pixelsOf(after, kMemorialStroke) > 0);
}

TEST_CASE("streamed load: the data check starts when every layer is in", "[ui][two-phase]") {
    Opened opened = openFirstPhase();
    ui::MainWindow& window = *opened.window;
    ui::ProjectDocument& document = window.document();
    auto* indicator = window.findChild<ui::DataCheckIndicator*>(QStringLiteral("dataCheckIndicator"));
    REQUIRE(indicator);
    QSignalSpy checked(indicator, &ui::DataCheckIndicator::checked);
    document.streamRemaining(opened.first.rest, opened.first.pending, false);  // the reading waits
    test::settle(window);
    QCoreApplication::processEvents(QEventLoop::AllEvents, 300);
    CHECK(indicator->checking());  // due, not started: it would re-read the layers being streamed
    CHECK(checked.count() == 0);
    document.finishLoading();
    REQUIRE(checked.wait(20'000));
    CHECK_FALSE(indicator->checking());
    CHECK(checked.count() == 1);
}

TEST_CASE("streamed load: a reload while loading reads the whole project once", "[ui][two-phase]") {
    Opened opened = openFirstPhase();
    ui::ProjectDocument& document = opened.window->document();
    document.streamRemaining(opened.first.rest, opened.first.pending);
    REQUIRE(document.reload());
    CHECK_FALSE(document.isLoading());
    CHECK(layerIds(document.scene()) == std::vector<std::string>{"counties", "villages", "townships", "memorial_sites"});
    // Nothing arrives later and adds the streamed layers a second time.
    test::settle(*opened.window);
    CHECK(layerIds(document.scene()).size() == 4);
}

TEST_CASE("streamed load: a project replaced while loading does not get the old project's layers", "[ui][two-phase]") {
    Opened opened = openFirstPhase();
    ui::ProjectDocument& document = opened.window->document();
    document.streamRemaining(opened.first.rest, opened.first.pending);
    auto other = render::loadProject(test::miniProjectPath());
    REQUIRE(other);
    document.replace(std::move(other).value());
    CHECK_FALSE(document.isLoading());
    test::settle(*opened.window);
    CHECK(layerIds(document.scene()).size() == 4);
}

TEST_CASE("streamed load: closing the window while loading", "[ui][two-phase]") {
    Opened opened = openFirstPhase();
    opened.window->document().streamRemaining(opened.first.rest, opened.first.pending);
    opened.window.reset();  // joins the reader; the result it posts is dropped with the document
    QCoreApplication::processEvents();
    SUCCEED("no crash");
}

TEST_CASE("streamed load: the route drawn while loading stays on top", "[ui][two-phase]") {
    Opened opened = openFirstPhase();
    ui::ProjectDocument& document = opened.window->document();
    document.streamRemaining(opened.first.rest, opened.first.pending);
    render::SceneLayer route = document.scene().layers.front();  // any layer will do as an overlay
    route.id = "route_line";
    document.setOverlays("route", {route});
    document.finishLoading();
    CHECK(layerIds(document.scene()) == std::vector<std::string>{"counties", "villages", "townships", "memorial_sites", "route_line"});
}

TEST_CASE("streamed load: reading that starts after the first frame", "[ui][two-phase]") {
    Opened opened = openFirstPhase();
    ui::ProjectDocument& document = opened.window->document();
    document.streamRemaining(opened.first.rest, opened.first.pending, false);
    CHECK(document.isLoading());  // announced at once (the status bar says so on the first frame)
    test::settle(*opened.window);
    CHECK(document.isLoading());  // nothing reads until asked
    CHECK(layerIds(document.scene()).size() == 1);

    SECTION("started") {
        document.startStreaming();
        document.finishLoading();
        CHECK(layerIds(document.scene()).size() == 4);
    }
    SECTION("an export waits for it, which starts it") {
        document.finishLoading();
        CHECK_FALSE(document.isLoading());
        CHECK(layerIds(document.scene()).size() == 4);
    }
    SECTION("dropped before it started") {
        auto other = render::loadProject(test::miniProjectPath());
        REQUIRE(other);
        document.replace(std::move(other).value());
        CHECK_FALSE(document.isLoading());
        CHECK(layerIds(document.scene()).size() == 4);
    }
}
