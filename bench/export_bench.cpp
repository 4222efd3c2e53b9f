// Briefing export speed: (1) the city map as an A3 landscape 300-dpi PNG (4961 x 3508 px), the
// whole page (map, legend, table, chart) through exporting::writePage, against a naive
// reference in the same run that only draws the map — every feature one by one, unsimplified,
// pens scaled with the map transform — and encodes the PNG; (2) the 13-county batch of A4
// 300-dpi PDFs. Prints wall times and the process's peak RSS (getrusage) after each step.
// Not a test: nothing asserts on time.
//
//   ./build/bench/export_bench [PROJECT.gpkg] [--repeat N] [--no-batch] [--name NAME]
//
// The project defaults to the Lüliang demo; a national project GeoPackage works the same way.

#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QImage>
#include <QImageWriter>
#include <QPainter>
#include <QTemporaryDir>

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <variant>

#include "export/layout.hpp"
#include "export/page_context.hpp"
#include "export/page_painter.hpp"
#include "export/page_writer.hpp"
#include "render/loaded_project.hpp"

using namespace hongtu;
using Clock = std::chrono::steady_clock;

namespace {

double seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

double peakRssMb() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

// A first implementation: the map frame at the page's pixel size, each feature drawn on its
// own with the map transform on the painter (pens and markers scaled through it), no culling,
// no simplification, no label placement; then the PNG written.
double gNaivePaintSeconds = 0;  // of the last naiveMapPng call, without the PNG encoding

void naiveMapPng(const render::Scene& scene, const render::MapSettings& s, const QString& path) {
    const auto start = Clock::now();
    QImage image(s.outputSize, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing, true);
    const double mupp = s.mapUnitsPerPixel();
    p.setTransform(s.mapToPixel());
    for (const auto& layer : scene.layers) {
        if (!s.isLayerVisible(layer.id)) continue;
        const auto symbolOf = [&](std::size_t i) -> const render::Symbol& {
            return layer.classes.empty() || layer.itemClass.size() <= i || layer.itemClass[i] < 0
                       ? layer.style.symbol
                       : layer.classes[static_cast<std::size_t>(layer.itemClass[i])].symbol;
        };
        for (std::size_t i = 0; i < layer.paths.size(); ++i) {
            const render::Symbol& sym = symbolOf(i);
            if (const auto* f = std::get_if<render::FillSymbol>(&sym)) {
                p.setPen(QPen(f->stroke, s.pixelsFromMm(f->strokeWidthMm) * mupp));
                p.setBrush(f->fill);
            } else if (const auto* l = std::get_if<render::LineSymbol>(&sym)) {
                p.setPen(QPen(l->color, s.pixelsFromMm(l->widthMm) * mupp));
                p.setBrush(Qt::NoBrush);
            }
            p.drawPath(layer.paths[i]);
        }
        for (std::size_t i = 0; i < layer.points.size(); ++i) {
            const auto* m = std::get_if<render::MarkerSymbol>(&symbolOf(i));
            if (!m) continue;
            const double r = s.pixelsFromMm(m->sizeMm) * mupp / 2;
            p.setPen(QPen(m->stroke, s.pixelsFromMm(m->strokeWidthMm) * mupp));
            p.setBrush(m->fill);
            p.drawEllipse(layer.points[i], r, r);
        }
    }
    p.end();
    gNaivePaintSeconds = seconds(Clock::now() - start);
    QImageWriter(path, "png").write(image);
}

}  // namespace

int main(int argc, char** argv) {
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM") && !qEnvironmentVariableIsSet("DISPLAY")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    std::string path = HONGTU_DEMO_PROJECT;
    int repeat = 3;
    bool withBatch = true;                     // --no-batch: only the A3 page (a national project has 2,867 counties)
    std::string resultName = "export_a3_png";  // the RESULT line's name for bench/run's table
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--repeat") == 0 && i + 1 < argc) repeat = std::max(1, std::atoi(argv[++i]));
        else if (std::strcmp(argv[i], "--no-batch") == 0) withBatch = false;
        else if (std::strcmp(argv[i], "--name") == 0 && i + 1 < argc) resultName = argv[++i];
        else path = argv[i];
    }
    const auto t0 = Clock::now();
    auto project = render::loadProject(path);
    if (!project) {
        std::fprintf(stderr, "export_bench: %s\n", project.error().toString().c_str());
        return 2;
    }
    std::size_t features = 0;
    for (const auto& l : project->scene.layers) features += l.featureCount();
    std::printf("project %s: %zu features, loaded in %.2f s, peak RSS %.0f MB\n", path.c_str(), features,
                seconds(Clock::now() - t0), peakRssMb());
    QTemporaryDir dir;
    const exporting::ContextOptions options{"2018-06-30", "2026-11-27", std::nullopt};

    // (1) A3 landscape, 300 dpi, the whole city.
    auto layout = exporting::builtinTemplate("city-overview");
    layout->dpi = 300;
    const QSize px = exporting::pagePixelSize(*layout);
    exporting::PageContext city = exporting::makeContext(*project, nullptr, options);
    double best = 1e9, bestNaive = 1e9, bestPaint = 1e9, bestNaivePaint = 1e9;
    for (int r = 0; r < repeat; ++r) {
        auto t = Clock::now();
        auto written = exporting::writePage(dir.filePath("a3.png").toStdString(), exporting::PageFormat::Png, *layout, city);
        if (!written) {
            std::fprintf(stderr, "export_bench: %s\n", written.error().toString().c_str());
            return 1;
        }
        best = std::min(best, seconds(Clock::now() - t));
        t = Clock::now();
        (void)exporting::renderPageImage(*layout, city);
        bestPaint = std::min(bestPaint, seconds(Clock::now() - t));
    }
    const double rssPage = peakRssMb();
    // The naive reference draws only the map frame, at the same size and DPI.
    const exporting::PageItem* map = layout->first(exporting::ItemKind::Map);
    render::MapSettings frame = city.map;
    frame.dpi = layout->dpi;
    frame.outputSize = QSize(static_cast<int>(map->rect.w * layout->dpi / 25.4), static_cast<int>(map->rect.h * layout->dpi / 25.4));
    for (int r = 0; r < repeat; ++r) {
        const auto t = Clock::now();
        naiveMapPng(project->scene, frame, dir.filePath("naive.png"));
        bestNaive = std::min(bestNaive, seconds(Clock::now() - t));
        bestNaivePaint = std::min(bestNaivePaint, gNaivePaintSeconds);
    }
    std::printf("A3 300 dpi PNG (%d x %d px, best of %d):\n", px.width(), px.height(), repeat);
    std::printf("  hongtu page (map+legend+table+chart): %.2f s  (raster: geometry drawn unsimplified)\n", best);
    std::printf("  naive map frame only (%d x %d px):     %.2f s\n", frame.outputSize.width(), frame.outputSize.height(), bestNaive);
    std::printf("  painting only: hongtu page %.2f s, naive map %.2f s (the rest is PNG encoding)\n", bestPaint, bestNaivePaint);
    std::printf("  ratio naive / hongtu: %.1fx written, %.1fx painting   peak RSS so far %.0f MB\n", bestNaive / best,
                bestNaivePaint / bestPaint, rssPage);
    std::printf(
        "RESULT name=%s what=\"A3 300-dpi PNG page (%zu features)\" hongtu_s=%.4f "
        "reference=\"naive map-only renderer\" reference_s=%.4f ratio=%.3f\n",
        resultName.c_str(), features, best, bestNaive, bestNaive / best);
    if (!withBatch) return 0;

    // (2) the county batch, A4 300-dpi PDFs.
    auto a4 = exporting::builtinTemplate("county-briefing");
    const auto units = exporting::countyUnits(project->scene);
    const auto t = Clock::now();
    std::size_t bytes = 0, ok = 0;
    for (const auto& unit : units) {
        const auto context = exporting::makeContext(*project, &unit, options);
        const std::string out = dir.filePath(QString::fromStdString(exporting::unitFileName(unit.name, unit.code, exporting::PageFormat::Pdf))).toStdString();
        if (exporting::writePage(out, exporting::PageFormat::Pdf, *a4, context)) {
            ++ok;
            bytes += static_cast<std::size_t>(QFileInfo(QString::fromStdString(out)).size());
        }
    }
    const double batch = seconds(Clock::now() - t);
    std::printf("county batch: %zu of %zu A4 300-dpi PDFs in %.2f s (%.2f s/page, %.0f KB/page)   peak RSS %.0f MB\n", ok,
                units.size(), batch, batch / std::max<std::size_t>(1, units.size()),
                static_cast<double>(bytes) / 1024.0 / std::max<std::size_t>(1, ok), peakRssMb());
    return 0;
}
