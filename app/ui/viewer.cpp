#include "ui/viewer.hpp"

#include <QApplication>
#include <QEvent>
#include <QFont>
#include <QLibraryInfo>
#include <QLocale>
#include <QMessageBox>
#include <QScreen>
#include <QTimer>
#include <QTranslator>

#include <malloc.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <functional>
#include <iterator>
#include <sstream>
#include <string>

#include "hongtu/geo/crs.hpp"
#include "hongtu/geo/datasource.hpp"
#include "render/loaded_project.hpp"
#include "ui/guarded_application.hpp"
#include "ui/main_window.hpp"
#include "ui/map_canvas.hpp"

namespace hongtu::ui {

namespace {

// The viewer's own strings from :/i18n, then Qt's (standard dialog buttons) from the system.
void installTranslators(QApplication& app, const QString& language, QTranslator& ours, QTranslator& qt) {
    if (language == QStringLiteral("en")) return;  // the source strings are English
    if (ours.load(QStringLiteral(":/i18n/hongtu_") + language)) app.installTranslator(&ours);
    if (qt.load(QStringLiteral("qtbase_") + language, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        app.installTranslator(&qt);
    QLocale::setDefault(QLocale(language));
}

std::string environment(const char* name) {
    const char* value = std::getenv(name);
    return value ? value : "";
}

// Seconds since the kernel started this process (/proc/self/stat, clock ticks since boot), so
// the figure includes the dynamic loader and Qt's start; -1 when unknown.
double secondsSinceProcessStart() {
    std::ifstream in("/proc/self/stat");
    std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto close = stat.rfind(')');
    if (close == std::string::npos) return -1;
    std::istringstream fields(stat.substr(close + 2));
    std::string field;
    for (int i = 3; i <= 22 && fields >> field; ++i) {
    }  // field 22: starttime
    timespec now{};
    if (field.empty() || clock_gettime(CLOCK_BOOTTIME, &now) != 0) return -1;
    const double started = std::stod(field) / static_cast<double>(sysconf(_SC_CLK_TCK));
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9 - started;
}

// Peak resident set so far (VmHWM), in MB.
double peakRssMb() {
    std::ifstream in("/proc/self/status");
    for (std::string line; std::getline(in, line);)
        if (line.rfind("VmHWM:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
    return -1;
}

double cpuSeconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) * 1e-6; };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// HONGTU_EXIT_AFTER_FIRST_FRAME (bench/first_frame): prints how long after the process started
// the canvas painted its first frame ("first_frame"), and, with the value "all", when every
// layer had been loaded and drawn ("all_layers"); then the process ends at once (without
// waiting for a load still running). With "tour", after all layers it also shows the views a
// planner visits (1:10M, 1:4M, 1:1M, 1:500k, 1:250k around Lüliang), waits at each for the
// frame and two seconds of the canvas's preparation (tiles, level of detail), and prints
// "tour" with the peak RSS of the whole visit. Not a user feature: a measurement hook.
class LaunchProbe : public QObject {
public:
    LaunchProbe(MainWindow& window, bool waitForAll, bool tour)
        : QObject(&window), window_(window), waitForAll_(waitForAll || tour), tour_(tour) {
        window.canvas()->installEventFilter(this);
        connect(&window.document(), &ProjectDocument::loadingChanged, this, [this](bool loading) {
            if (!loading) loaded_ = true;
        });
    }

    bool eventFilter(QObject* watched, QEvent* event) override {
        if (event->type() == QEvent::Paint && window_.canvas()->settings().isValid() && !pending_) {
            const bool allNow = !window_.document().isLoading() && (loaded_ || !streamed_);
            if (!firstDone_ || (waitForAll_ && allNow)) {
                pending_ = true;
                // After the paint event (and the flush of the window's backing store).
                QTimer::singleShot(0, this, [this, allNow] { painted(allNow); });
            }
        }
        return QObject::eventFilter(watched, event);
    }

    void setStreamed(bool streamed) { streamed_ = streamed; }

private:
    void report(const char* what) {
        std::printf("hongtu viewer: %s_s=%.3f cpu_s=%.3f peak_rss_mb=%.0f layers=%zu\n", what, secondsSinceProcessStart(), cpuSeconds(),
                    peakRssMb(), window_.document().scene().layers.size());
        std::fflush(stdout);
    }
    void painted(bool allNow) {
        pending_ = false;
        if (!firstDone_) {
            firstDone_ = true;
            report("first_frame");
        }
        if (touring_) return;
        if (!waitForAll_ || allNow) {
            if (waitForAll_) report("all_layers");
            if (tour_) {
                touring_ = true;
                tourStep(0);
                return;
            }
            std::_Exit(0);
        }
    }

    void tourStep(std::size_t i) {
        static constexpr double kScales[] = {10'000'000, 4'000'000, 1'000'000, 500'000, 250'000};
        if (i == std::size(kScales)) {
            report("tour");
            std::_Exit(0);
        }
        MapCanvas& canvas = *window_.canvas();
        render::MapSettings view = canvas.settings();
        QPointF anchor(view.outputSize.width() / 2.0, view.outputSize.height() / 2.0);
        if (auto toDisplay = geo::Transformer::create("EPSG:4490", view.displayCrs))
            if (const auto lishi = toDisplay->forward(geo::XY{111.14, 37.52})) anchor = view.toPixel(*lishi);  // 离石
        view = view.zoomedBy(view.scaleDenominator() / kScales[i], anchor);
        auto* once = new QObject(this);
        connect(&canvas, &MapCanvas::frameReady, once, [this, once, i] {
            delete once;
            QTimer::singleShot(2000, this, [this, i] { tourStep(i + 1); });
        });
        canvas.setView(view);
    }

    MainWindow& window_;
    bool waitForAll_;
    bool tour_;
    bool touring_ = false;
    bool streamed_ = false;
    bool loaded_ = false;
    bool firstDone_ = false;
    bool pending_ = false;
};

// Runs `then` once the canvas has painted its first frame: the streamed layers are read after
// it, so on a machine with few cores the first frame does not share them with the reader.
class AfterFirstPaint : public QObject {
public:
    AfterFirstPaint(MapCanvas& canvas, std::function<void()> then) : QObject(&canvas), canvas_(canvas), then_(std::move(then)) {
        canvas.installEventFilter(this);
    }
    bool eventFilter(QObject* watched, QEvent* event) override {
        if (event->type() == QEvent::Paint && then_ && canvas_.settings().isValid()) {
            canvas_.removeEventFilter(this);
            QTimer::singleShot(0, this, [this] {
                auto then = std::move(then_);
                then_ = nullptr;
                then();
            });
        }
        return QObject::eventFilter(watched, event);
    }

private:
    MapCanvas& canvas_;
    std::function<void()> then_;
};

}  // namespace

int runViewer(int argc, char** argv, const ViewerOptions& options) {
    // Two malloc arenas instead of one a thread (loader, renders, tile and level-of-detail
    // preparation, data check): memory a thread frees is reused by the others rather than kept
    // in its own arena. National project, six zooms visited: peak RSS 974 -> 860 MB (issue 16).
    mallopt(M_ARENA_MAX, 2);
    GuardedApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Hongtu"));
    QApplication::setOrganizationName(QStringLiteral("Hongtu"));  // QSettings: ~/.config/Hongtu/Hongtu.conf
    // Noto Sans CJK SC has every glyph the Chinese UI and labels need (OFL licence).
    QFont font(QStringLiteral("Noto Sans CJK SC"));
    font.setPointSizeF(10);
    QApplication::setFont(font);

    QTranslator ours, qt;
    installTranslators(app, QString::fromStdString(options.language), ours, qt);

    // The counties first (render::loadFirstPhase), the rest streamed once the window shows
    // (issue 16). HONGTU_ONE_PHASE_LOAD=1 reads every layer before the window opens, as the
    // viewer did before (for comparing launch times).
    const auto asOf = options.asOf.empty() ? std::nullopt : geo::Date::parseIso(options.asOf);
    const render::ProjectOptions projectOptions{.displayCrs = {}, .progressDate = asOf, .clock = options.clock};
    geo::Result<render::FirstPhase> first = geo::Error{};
    if (environment("HONGTU_ONE_PHASE_LOAD") == "1") {
        auto whole = render::loadProject(options.projectPath, projectOptions);
        if (whole) first = render::FirstPhase{std::move(whole).value(), nullptr, {}};
        else first = whole.error();
    } else {
        first = render::loadFirstPhase(options.projectPath, projectOptions);
    }
    if (!environment("HONGTU_EXIT_AFTER_FIRST_FRAME").empty())
        std::printf("hongtu viewer: first_phase_loaded_s=%.3f cpu_s=%.3f\n", secondsSinceProcessStart(), cpuSeconds());
    if (!first) {
        // The one place a load error reaches the user.
        QMessageBox::critical(nullptr, QCoreApplication::translate("hongtu::ui::Viewer", "Hongtu"),
                              QCoreApplication::translate("hongtu::ui::Viewer", "The project could not be opened.") +
                                  QStringLiteral("\n\n") + QString::fromStdString(geo::redactConnectionString(first.error().toString())));
        return 2;
    }

    MainWindow window(std::move(first->project));
    const QSize available = window.screen()->availableSize();
    window.resize(std::min(1400, available.width()), std::min(900, available.height()));
    window.arrangeForScreen(available);
    const std::string probe = environment("HONGTU_EXIT_AFTER_FIRST_FRAME");
    LaunchProbe* launchProbe = probe.empty() || probe == "0" ? nullptr : new LaunchProbe(window, probe == "all", probe == "tour");
    if (first->rest) {
        // 「正在加载：…」 from the first frame on; the reading starts once it is painted.
        if (launchProbe) launchProbe->setStreamed(true);
        window.document().streamRemaining(std::move(first->rest), std::move(first->pending), false);
        new AfterFirstPaint(*window.canvas(), [&window] { window.document().startStreaming(); });
    }
    if (launchProbe) std::printf("hongtu viewer: window_built_s=%.3f cpu_s=%.3f\n", secondsSinceProcessStart(), cpuSeconds());
    window.show();
    return QApplication::exec();
}

}  // namespace hongtu::ui
