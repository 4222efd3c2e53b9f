#pragma once
// Playback of construction progress month by month (a QTimer moving the as-of date), and the
// export of one PNG per month for a briefing (YYYY-MM.png, drawn by render::renderMap like the
// screen, with the date, the city's numbers and "synthetic data" in the corner).

#include <QObject>
#include <QString>
#include <QTimer>

#include <vector>

#include "hongtu/geo/progress/progress.hpp"
#include "hongtu/geo/result.hpp"
#include "render/map_settings.hpp"
#include "render/scene.hpp"

namespace hongtu::ui {

// The last day of every month from the first to the last change in the history.
[[nodiscard]] std::vector<geo::Date> playbackMonths(const geo::progress::ProgressModel& model);

// Writes `folder`/YYYY-MM.png for each day of `days` (the map of `settings` on that day).
// Returns the files written; an error names the file that could not be written.
[[nodiscard]] geo::Result<std::vector<QString>> exportFrames(const render::Scene& scene, render::MapSettings settings,
                                                             const geo::progress::ProgressModel& model, const std::vector<geo::Date>& days,
                                                             const QString& folder);

class Playback : public QObject {
    Q_OBJECT

public:
    explicit Playback(QObject* parent = nullptr);
    // Steps through `days` every `intervalMs`, starting after `from` (or at the first day when
    // `from` is at or after the last one).
    void start(std::vector<geo::Date> days, geo::Date from, int intervalMs = 700);
    void stop();
    [[nodiscard]] bool isRunning() const { return timer_.isActive(); }

signals:
    void dayReached(geo::Date day);
    void finished();

private:
    void step();
    QTimer timer_;
    std::vector<geo::Date> days_;
    std::size_t next_ = 0;
};

}  // namespace hongtu::ui
