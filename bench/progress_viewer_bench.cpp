// The viewer's "as-of change -> new frame" on the demo project: moving the as-of day
// (ProgressController::setAsOf: statistics dock, overdue list, legend, map settings), then the
// render thread's frame, then painting the window (canvas, docks, charts). Reference in the same
// run: a small pan of the map (a frame of the same day). Prints p50/p95; nothing asserts on time.
//
//   ninja -C build progress_viewer_bench && ./build/bench/progress_viewer_bench [--frames N]

#include <QApplication>
#include <QElapsedTimer>
#include <QKeyEvent>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "render/loaded_project.hpp"
#include "ui/main_window.hpp"
#include "ui/map_canvas.hpp"
#include "ui/progress_controller.hpp"

using namespace hongtu;

namespace {

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const std::size_t i = static_cast<std::size_t>(std::ceil(p * static_cast<double>(v.size()))) - 1;
    return v[std::min(i, v.size() - 1)];
}

struct Times {
    std::vector<double> update, render, paint, total;
};

template <typename Step>
Times measure(ui::MainWindow& window, int frames, Step step) {
    Times t;
    for (int f = 0; f < frames; ++f) {
        QElapsedTimer clock;
        clock.start();
        step(f);
        const double a = static_cast<double>(clock.nsecsElapsed()) / 1e6;
        window.canvas()->waitForRender();
        const double b = static_cast<double>(clock.nsecsElapsed()) / 1e6;
        QCoreApplication::processEvents();
        const double c = static_cast<double>(clock.nsecsElapsed()) / 1e6;
        t.update.push_back(a);
        t.render.push_back(b - a);
        t.paint.push_back(c - b);
        t.total.push_back(c);
    }
    return t;
}

void print(const char* name, const Times& t) {
    std::printf("%-26s %8.1f %8.1f %8.1f %8.1f %8.1f %8.1f %8.1f %8.1f\n", name, percentile(t.update, 0.5), percentile(t.update, 0.95),
                percentile(t.render, 0.5), percentile(t.render, 0.95), percentile(t.paint, 0.5), percentile(t.paint, 0.95),
                percentile(t.total, 0.5), percentile(t.total, 0.95));
}

}  // namespace

int main(int argc, char** argv) {
    setenv("QT_QPA_PLATFORM", "offscreen", 0);
    int frames = 60;
    for (int i = 1; i < argc; ++i)
        if (std::string(argv[i]) == "--frames" && i + 1 < argc) frames = std::max(1, std::atoi(argv[++i]));
    QApplication app(argc, argv);
    auto project = render::loadProject(HONGTU_DEMO_PROJECT, render::ProjectOptions{.displayCrs = {}, .progressDate = geo::Date{2018, 6, 30}});
    if (!project || !project->progress) {
        std::fprintf(stderr, "progress_viewer_bench: the demo project has no progress data\n");
        return 2;
    }
    ui::MainWindow window(std::move(project).value());
    window.resize(1600, 1000);
    window.show();
    ui::ProgressController* progress = window.progressController();
    measure(window, 5, [&](int f) { progress->setAsOf(geo::Date{2017, 1 + f, 28}); });  // warm-up

    std::printf("window 1600x1000 (offscreen), %d frames, ms\n", frames);
    std::printf("%-26s %8s %8s %8s %8s %8s %8s %8s %8s\n", "", "upd p50", "upd p95", "rnd p50", "rnd p95", "pnt p50", "pnt p95",
                "all p50", "all p95");
    const Times asOf = measure(window, frames, [&](int f) {
        const int m = f % 30;  // month ends 2017-01 .. 2019-06, as the playback steps
        progress->setAsOf(geo::Date{2017 + m / 12, m % 12 + 1, 28});
    });
    print("as-of change (slider)", asOf);
    const Times pan = measure(window, frames, [&](int f) {
        // Reference: a pan with the arrow keys (the same day), left and right in turn.
        QKeyEvent key(QEvent::KeyPress, f % 2 == 0 ? Qt::Key_Left : Qt::Key_Right, Qt::NoModifier);
        QCoreApplication::sendEvent(window.canvas(), &key);
    });
    print("pan, arrow key (ref.)", pan);
    std::printf("ratio as-of / pan, all p50: %.2f\n", percentile(asOf.total, 0.5) / std::max(1e-9, percentile(pan.total, 0.5)));
    return 0;
}
