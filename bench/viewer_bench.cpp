// Frame times of the viewer's renderer: render::renderMap at 1920x1080 for a project at several
// zoom levels, panning in small steps as a user drags, against a naive reference renderer in
// the same run (every feature drawn one by one, no culling, no batching). Prints p50/p95 per
// level. Not a test: nothing asserts on time.
//
//   ./build-ui/bench/viewer_bench [PROJECT.gpkg] [--frames N]
//
// The project defaults to the Lüliang demo; any project GeoPackage works (e.g. the national
// one generated for the national-scale benchmark).

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

#include "render/map_renderer.hpp"
#include "render/project.hpp"

using namespace hongtu;
using Clock = std::chrono::steady_clock;

namespace {

double ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

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

struct Level {
    const char* name;
    double scale;  // 0 = full extent
};

}  // namespace

int main(int argc, char** argv) {
    setenv("QT_QPA_PLATFORM", "offscreen", 0);
    std::string path = HONGTU_DEMO_PROJECT;
    int frames = 60;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--frames" && i + 1 < argc) frames = std::max(1, std::atoi(argv[++i]));
        else path = a;
    }
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
    base = base.fittedTo(project->scene.extent());
    QImage image(base.outputSize, QImage::Format_ARGB32_Premultiplied);
    {
        QPainter painter(&image);
        render::renderMap(project->scene, base, painter);
    }
    const auto t2 = Clock::now();
    std::size_t features = 0;
    for (const auto& l : project->scene.layers) features += l.featureCount();
    std::printf("project %s: %zu features in %zu layers\n", path.c_str(), features, project->scene.layers.size());
    std::printf("load %.0f ms, first 1920x1080 frame %.1f ms, load to first frame %.0f ms\n\n", ms(t1 - t0), ms(t2 - t1),
                ms(t2 - t0));

    render::Scene noLabels = project->scene;
    for (auto& layer : noLabels.layers) layer.style.label.enabled = false;

    const std::vector<Level> levels{{"full extent", 0}, {"1:500,000", 500'000}, {"1:250,000 (county)", 250'000},
                                    {"1:100,000", 100'000}, {"1:50,000 (township)", 50'000}, {"1:25,000 (village)", 25'000}};
    std::printf("%-22s %10s %10s %12s %10s %10s %9s %9s\n", "zoom", "p50 ms", "p95 ms", "no-label p50", "naive p50",
                "naive p95", "drawn", "labels");
    for (const Level& level : levels) {
        render::MapSettings s = base;
        if (level.scale > 0) s = s.zoomedBy(s.scaleDenominator() / level.scale, QPointF(960, 540));
        std::vector<double> ours, unlabelled, naive;
        render::RenderStats stats;
        for (int f = 0; f < frames; ++f) {
            // Panning: 12 px per frame along a slow circle, as a drag moves the view.
            const double angle = 2 * 3.14159265 * f / frames;
            const render::MapSettings frame = s.pannedByPixels({12 * f * std::cos(angle) / 4, 12 * f * std::sin(angle) / 4});
            QPainter painter(&image);
            const auto a = Clock::now();
            stats = render::renderMap(project->scene, frame, painter);
            const auto b = Clock::now();
            renderNaive(project->scene, frame, painter);
            const auto c = Clock::now();
            render::renderMap(noLabels, frame, painter);
            const auto d = Clock::now();
            ours.push_back(ms(b - a));
            naive.push_back(ms(c - b));
            unlabelled.push_back(ms(d - c));
        }
        std::printf("%-22s %10.2f %10.2f %12.2f %10.2f %10.2f %9zu %9zu\n", level.name, percentile(ours, 0.5),
                    percentile(ours, 0.95), percentile(unlabelled, 0.5), percentile(naive, 0.5), percentile(naive, 0.95),
                    stats.featuresDrawn, stats.labelsDrawn);
        if (level.scale == 0)
            std::printf("RESULT name=viewer_frame what=\"1920x1080 frame, full extent (p50)\" hongtu_s=%.5f "
                        "reference=\"naive QPainter renderer\" reference_s=%.5f ratio=%.3f\n",
                        percentile(ours, 0.5) / 1000, percentile(naive, 0.5) / 1000,
                        percentile(naive, 0.5) / percentile(ours, 0.5));
    }
    return 0;
}
