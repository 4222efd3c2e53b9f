// Frame times of the viewer's renderer: render::renderMap at 1920x1080 for a project at several
// zoom levels, panning in small steps as a user drags, against a naive reference renderer in
// the same run (every feature drawn one by one, no culling, no batching). Prints p50/p95 per
// level. Not a test: nothing asserts on time.
//
//   ./build/bench/viewer_bench [PROJECT.gpkg] [--frames N]
//   ./build/bench/viewer_bench --national "$(bench/national-dataset)" [--frames N] [--naive-frames N]
//
// The project defaults to the Lüliang demo. --national takes the national GeoPackage (2,870
// counties, 578,000 villages) and zooms from the whole country down to one county around
// Lüliang; the naive reference is measured on fewer frames there (it takes seconds each;
// --naive-frames 0 leaves it out, then the RESULT line is not printed).
// "full redraw" is renderMap of the whole frame; "pan frame" is what the canvas paints while a
// render for the new view is running: the last frame drawn shifted (MapCanvas::paintEvent).

#include <QGuiApplication>
#include <QImage>
#include <QPainter>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <time.h>

#include "hongtu/geo/crs.hpp"
#include "render/loaded_project.hpp"
#include "render/map_renderer.hpp"
#include "render/progress_theme.hpp"
#include "render/render_cache.hpp"
#include "tile_error.hpp"

using namespace hongtu;
using Clock = std::chrono::steady_clock;

namespace {

double ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

// CPU time of this thread, ms: what a frame costs whatever else the shared machine runs (wall
// clock times there are inflated by every other process; the canvas renders on one thread).
double threadCpuMs() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const std::size_t i = static_cast<std::size_t>(std::ceil(p * static_cast<double>(v.size()))) - 1;
    return v[std::min(i, v.size() - 1)];
}

// The reference: what a first implementation does. Same symbols, no viewport culling, one draw
// call per feature, labels without collision checks are skipped (it draws none).
void renderNaive(const render::Scene& scene, const render::MapSettings& s, QPainter& p) {
    p.fillRect(QRectF(QPointF(0, 0), QSizeF(s.outputSize)), s.background);
    p.setRenderHint(QPainter::Antialiasing, true);
    const QTransform toPixel = s.mapToPixel();
    for (const auto& layer : scene.layers) {
        if (!s.isLayerVisible(layer.id)) continue;
        for (std::size_t i = 0; i < layer.paths.size(); ++i) {
            const render::Symbol& sym = layer.classes.empty() ? layer.style.symbol : layer.classes[std::max(0, layer.itemClass[i])].symbol;
            const auto* fill = std::get_if<render::FillSymbol>(&sym);
            p.setPen(QPen(fill ? fill->stroke : Qt::black, 1));
            p.setBrush(fill ? QBrush(fill->fill) : Qt::NoBrush);
            p.drawPath(toPixel.map(layer.paths[i]));
        }
        for (std::size_t i = 0; i < layer.points.size(); ++i) {
            const render::Symbol& sym = layer.classes.empty() ? layer.style.symbol : layer.classes[std::max(0, layer.itemClass[i])].symbol;
            const auto* m = std::get_if<render::MarkerSymbol>(&sym);
            const double r = s.pixelsFromMm(m ? m->sizeMm : 1) / 2;
            p.setPen(QPen(m ? m->stroke : Qt::white, 1));
            p.setBrush(m ? m->fill : Qt::black);
            p.drawEllipse(toPixel.map(layer.points[i]), r, r);
        }
    }
}

// The load average of the machine (the first figure of /proc/loadavg), -1 when unknown.
double loadAverage() {
    double load = -1;
    if (FILE* f = std::fopen("/proc/loadavg", "r")) {
        if (std::fscanf(f, "%lf", &load) != 1) load = -1;
        std::fclose(f);
    }
    return load;
}

using test::TileError;
using test::tileError;

struct Level {
    const char* name;
    double scale;  // 0 = full extent
};

// `base` zoomed to `level`'s scale (full extent for 0), centred on the anchor's place.
render::MapSettings viewAt(const render::MapSettings& base, const Level& level, QPointF anchor) {
    render::MapSettings s = base;
    if (level.scale <= 0) return s;
    s = s.zoomedBy(s.scaleDenominator() / level.scale, anchor);
    const geo::XY at = s.toMap(anchor);
    const geo::Box v = s.visibleExtent();
    s.extent = {at.x - v.width() / 2, at.y - v.height() / 2, at.x + v.width() / 2, at.y + v.height() / 2};
    return s;
}

}  // namespace

int main(int argc, char** argv) {
    setenv("QT_QPA_PLATFORM", "offscreen", 0);
    std::string path = HONGTU_DEMO_PROJECT;
    int frames = 60;
    bool national = false;
    int naiveFramesAsked = -1;  // -1: all frames (4 at national scale)
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--frames" && i + 1 < argc) frames = std::max(1, std::atoi(argv[++i]));
        else if (a == "--national" && i + 1 < argc) {
            national = true;
            path = argv[++i];
        } else if (a == "--naive-frames" && i + 1 < argc) naiveFramesAsked = std::max(0, std::atoi(argv[++i]));
        else path = a;
    }
    const int naiveFrames = naiveFramesAsked >= 0 ? std::min(frames, naiveFramesAsked) : national ? std::min(frames, 4)
                                                                                                  : frames;
    QGuiApplication app(argc, argv);

    const auto t0 = Clock::now();
    auto project = render::loadProject(path);
    if (!project) {
        std::fprintf(stderr, "viewer_bench: %s\n", project.error().toString().c_str());
        return 2;
    }
    const auto t1 = Clock::now();
    render::MapSettings base;
    base.outputSize = {1920, 1080};
    base.dpi = 96;
    base.displayCrs = project->scene.displayCrs;
    base.visibleLayerIds = project->scene.initiallyVisibleLayerIds();
    // HONGTU_BENCH_LAYERS=counties,villages: only these layers (to see which one costs what).
    if (const char* only = std::getenv("HONGTU_BENCH_LAYERS")) {
        base.visibleLayerIds.clear();
        std::string list = only;
        for (std::size_t at = 0; at <= list.size();) {
            const std::size_t comma = std::min(list.find(',', at), list.size());
            if (comma > at) base.visibleLayerIds.push_back(list.substr(at, comma - at));
            at = comma + 1;
        }
    }
    base = base.fittedTo(project->scene.extent());
    QImage image(base.outputSize, QImage::Format_ARGB32_Premultiplied);
    {
        QPainter painter(&image);
        render::renderMap(project->scene, base, painter);
    }
    const auto t2 = Clock::now();
    std::size_t features = 0;
    for (const auto& l : project->scene.layers) features += l.featureCount();
    std::printf("project %s: %zu features in %zu layers (load average %.2f)\n", path.c_str(), features, project->scene.layers.size(),
                loadAverage());
    std::printf("load %.0f ms, first 1920x1080 frame %.1f ms, load to first frame %.0f ms\n\n", ms(t1 - t0), ms(t2 - t1),
                ms(t2 - t0));

    // The level of detail the canvas prepares on a thread of its own after the first frame
    // (aggregated points, simplified paths per zoom band). HONGTU_BENCH_NO_PREPARE=1: not
    // prepared, each band is built by the first frame that needs it (the earlier behaviour).
    if (!std::getenv("HONGTU_BENCH_NO_PREPARE")) {
        const auto p0 = Clock::now();
        render::prepareLevelOfDetail(project->scene, project->scene.extent());
        std::printf("level of detail prepared in %.0f ms (the viewer does this off the UI thread)\n\n", ms(Clock::now() - p0));
    }

    render::Scene noLabels = project->scene;
    for (auto& layer : noLabels.layers) layer.style.label.enabled = false;

    std::vector<Level> levels{{"full extent", 0}, {"1:500,000", 500'000}, {"1:250,000 (county)", 250'000}, {"1:100,000", 100'000}, {"1:50,000 (township)", 50'000}, {"1:25,000 (village)", 25'000}};
    if (national)
        levels = {{"nation (full extent)", 0}, {"1:10,000,000", 10'000'000}, {"1:4,000,000 (province)", 4'000'000}, {"1:1,000,000", 1'000'000}, {"1:500,000 (prefecture)", 500'000}, {"1:250,000 (county)", 250'000}};
    // Zoom around Lüliang (Lishi, 111.14°E 37.52°N) when it is in the data, else the centre.
    QPointF anchor(960, 540);
    if (auto toDisplay = geo::Transformer::create("EPSG:4490", base.displayCrs)) {
        if (const auto lishi = toDisplay->forward(geo::XY{111.14, 37.52})) {
            const QPointF px = base.toPixel(*lishi);
            if (QRectF(0, 0, 1920, 1080).contains(px)) anchor = px;
        }
    }
    std::printf("%-24s %10s %10s %9s %9s %12s %10s %10s %9s %9s %10s %10s\n", "zoom", "redraw p50", "redraw p95", "cpu p50",
                "cpu p95", "no-label p50", "naive p50", "naive p95", "drawn", "labels", "pan p95", "aggregated");
    for (const Level& level : levels) {
        const render::MapSettings s = viewAt(base, level, anchor);
        std::vector<double> ours, unlabelled, naive, pan, cpu;
        QImage shown(base.outputSize, QImage::Format_ARGB32_Premultiplied);
        render::RenderStats stats;
        for (int f = 0; f < frames; ++f) {
            // Panning: 12 px per frame along a slow circle, as a drag moves the view.
            const double angle = 2 * 3.14159265 * f / frames;
            const render::MapSettings frame = s.pannedByPixels({12 * f * std::cos(angle) / 4, 12 * f * std::sin(angle) / 4});
            QPainter painter(&image);
            const double cpu0 = threadCpuMs();
            const auto a = Clock::now();
            stats = render::renderMap(project->scene, frame, painter);
            const auto b = Clock::now();
            cpu.push_back(threadCpuMs() - cpu0);
            if (f < naiveFrames) renderNaive(project->scene, frame, painter);
            const auto c = Clock::now();
            render::renderMap(noLabels, frame, painter);
            const auto d = Clock::now();
            painter.end();
            // The pan frame: the canvas's paint while the next render runs (last frame, shifted).
            {
                QPainter onScreen(&shown);
                const auto e = Clock::now();
                onScreen.fillRect(shown.rect(), Qt::white);
                onScreen.drawImage(QPointF(12 * std::cos(angle), 12 * std::sin(angle)), image);
                onScreen.end();
                pan.push_back(ms(Clock::now() - e));
            }
            ours.push_back(ms(b - a));
            if (f < naiveFrames) naive.push_back(ms(c - b));
            unlabelled.push_back(ms(d - c));
        }
        std::size_t markers = 0;  // aggregated markers drawn for the points in view (0: every point drawn)
        for (const auto& a : stats.aggregated) markers += a.markers;
        std::printf("%-24s %10.2f %10.2f %9.2f %9.2f %12.2f %10.2f %10.2f %9zu %9zu %10.2f %10zu\n", level.name, percentile(ours, 0.5),
                    percentile(ours, 0.95), percentile(cpu, 0.5), percentile(cpu, 0.95), percentile(unlabelled, 0.5), percentile(naive, 0.5), percentile(naive, 0.95),
                    stats.featuresDrawn, stats.labelsDrawn, percentile(pan, 0.95), markers);
        if (level.scale == 0 && !naive.empty())
            std::printf(
                "RESULT name=%s what=\"1920x1080 frame, full extent (p50)\" hongtu_s=%.5f "
                "reference=\"naive QPainter renderer\" reference_s=%.5f ratio=%.3f\n",
                national ? "viewer_frame_national" : "viewer_frame", percentile(ours, 0.5) / 1000, percentile(naive, 0.5) / 1000,
                percentile(naive, 0.5) / percentile(ours, 0.5));
    }

    // The viewer's tiles of the static polygon and line layers (render::StaticLayerTiles): what
    // MapCanvas prepares on its preparing thread after each frame (this zoom level over the view
    // and a quarter around it, one wheel notch in and out), then the frames drawn from them,
    // and the same view drawn both ways compared per 32 x 32 square.
    // HONGTU_BENCH_NO_TILES=1 leaves this out.
    if (!std::getenv("HONGTU_BENCH_NO_TILES")) {
        render::StaticLayerTiles tiles;
        std::printf("\nredraw from prepared tiles (render::StaticLayerTiles, cap %.0f MB), %d frames per zoom, load average %.2f:\n",
                    static_cast<double>(tiles.capBytes()) / (1 << 20), frames, loadAverage());
        std::printf("%-24s %9s %9s %9s %9s %8s %8s %8s %8s %9s %9s %9s %9s %9s\n", "zoom", "prep ms", "prep cpu", "wall p50", "wall p95",
                    "cpu p50", "cpu p95", "scale", "tiles MB", "err worst", "err mean", "in p50", "in p95", "in cpu95");
        for (const Level& level : levels) {
            const render::MapSettings s = viewAt(base, level, anchor);
            const double prepCpu0 = threadCpuMs();
            const auto p0 = Clock::now();
            render::prepareStaticTiles(project->scene, s, tiles);
            const double prepMs = ms(Clock::now() - p0), prepCpu = threadCpuMs() - prepCpu0;
            std::vector<double> wall, cpu, inWall, inCpu;
            std::size_t fromTiles = 0;
            for (int f = 0; f < frames; ++f) {
                const double angle = 2 * 3.14159265 * f / frames;
                const render::MapSettings frame = s.pannedByPixels({12 * f * std::cos(angle) / 4, 12 * f * std::sin(angle) / 4});
                QPainter painter(&image);
                const double cpu0 = threadCpuMs();
                const auto a = Clock::now();
                fromTiles = render::renderMap(project->scene, frame, painter, {}, &tiles).layersFromTiles;
                wall.push_back(ms(Clock::now() - a));
                cpu.push_back(threadCpuMs() - cpu0);
            }
            // One wheel notch in (around the centre), prepared with this view: the next frame.
            const render::MapSettings in = s.zoomedBy(render::kTileLevelStep, QPointF(960, 540));
            for (int f = 0; f < std::max(1, frames / 2); ++f) {
                QPainter painter(&image);
                const double cpu0 = threadCpuMs();
                const auto a = Clock::now();
                render::renderMap(project->scene, in, painter, {}, &tiles);
                inWall.push_back(ms(Clock::now() - a));
                inCpu.push_back(threadCpuMs() - cpu0);
            }
            // What is shown stays true: the view from tiles against drawn directly.
            QImage viaTiles(base.outputSize, QImage::Format_ARGB32_Premultiplied), direct(base.outputSize, QImage::Format_ARGB32_Premultiplied);
            {
                QPainter p(&viaTiles);
                render::renderMap(project->scene, s, p, {}, &tiles);
            }
            {
                // The frame from tiles is the view placed on the tiles' pixel grid (moved by less
                // than half a pixel): the same view drawn directly.
                QPainter p(&direct);
                render::renderMap(project->scene, s.onPixelGrid(), p);
            }
            const TileError err = tileError(viaTiles, direct);
            if (const char* dir = std::getenv("HONGTU_BENCH_SAVE_TILES")) {  // a folder: both pictures per zoom
                const std::string stem = std::string(dir) + "/" + std::to_string(static_cast<long long>(level.scale));
                viaTiles.save(QString::fromStdString(stem + "_tiles.png"));
                direct.save(QString::fromStdString(stem + "_direct.png"));
            }
            const double scaleFactor = s.mapUnitsPerPixel() / tiles.resolution(tiles.levelFor(s.mapUnitsPerPixel()));
            std::printf("%-24s %9.1f %9.1f %9.2f %9.2f %8.2f %8.2f %8.3f %8.1f %9.2f %9.3f %9.2f %9.2f %9.2f%s\n", level.name, prepMs, prepCpu,
                        percentile(wall, 0.5), percentile(wall, 0.95), percentile(cpu, 0.5), percentile(cpu, 0.95), scaleFactor,
                        static_cast<double>(tiles.bytes()) / (1 << 20), err.worst, err.mean, percentile(inWall, 0.5),
                        percentile(inWall, 0.95), percentile(inCpu, 0.95), fromTiles ? "" : "  (not from tiles)");
        }
        std::printf("load average %.2f\n", loadAverage());
    }

    // As-of change -> new frame (progress layers, issue 5): the slider moves the day; the layers
    // classify their projects for it inside renderMap. Reference in the same run: the same view
    // with the day unchanged (what a pan costs), and the classification alone.
    bool hasProgress = false;
    for (const auto& layer : project->scene.layers) hasProgress = hasProgress || layer.asOfClasses != nullptr;
    if (hasProgress) {
        std::vector<double> newDay, sameDay, classifyOnly;
        render::MapSettings s = base;
        for (int f = 0; f < frames; ++f) {
            // Month ends from 2017-01 to 2019-06, as the playback steps (and a slider drag).
            const int month = f % 30;
            const geo::Date day{2017 + month / 12, month % 12 + 1, 28};
            QPainter painter(&image);
            s.asOf = day;
            const auto a = Clock::now();
            render::renderMap(project->scene, s, painter);
            const auto b = Clock::now();
            render::renderMap(project->scene, s, painter);  // the same day again
            const auto c = Clock::now();
            std::size_t classified = 0;
            for (const auto& layer : project->scene.layers)
                if (layer.asOfClasses) classified += render::classesAsOf(layer, day, s.dueSoonDays).itemClass.size();
            const auto d = Clock::now();
            newDay.push_back(ms(b - a));
            sameDay.push_back(ms(c - b));
            classifyOnly.push_back(ms(d - c) + 0 * static_cast<double>(classified));
        }
        std::printf("\nas-of change -> new 1920x1080 frame (full extent, progress layers), %d frames:\n", frames);
        std::printf("  new day    p50 %.2f ms  p95 %.2f ms\n", percentile(newDay, 0.5), percentile(newDay, 0.95));
        std::printf("  same day   p50 %.2f ms  p95 %.2f ms  (reference)\n", percentile(sameDay, 0.5), percentile(sameDay, 0.95));
        std::printf("  classify   p50 %.3f ms  p95 %.3f ms  (all progress layers, no drawing)\n", percentile(classifyOnly, 0.5),
                    percentile(classifyOnly, 0.95));
        std::printf("  ratio new/same day p50 %.2f\n", percentile(newDay, 0.5) / std::max(1e-9, percentile(sameDay, 0.5)));
    }
    return 0;
}
