#include "ui/playback.hpp"

#include <QCoreApplication>
#include <QDate>
#include <QDir>
#include <QFont>
#include <QFontMetricsF>
#include <QImage>
#include <QPainter>

#include <algorithm>

#include "render/legend_swatch.hpp"
#include "render/map_renderer.hpp"
#include "render/progress_theme.hpp"
#include "ui/progress_dock.hpp"

namespace hongtu::ui {

std::vector<geo::Date> playbackMonths(const geo::progress::ProgressModel& model) {
    std::vector<geo::Date> out;
    const auto range = render::historyRange(model);
    if (!range) return out;
    int y = range->first.year, m = range->first.month;
    while (y < range->second.year || (y == range->second.year && m <= range->second.month)) {
        out.push_back({y, m, QDate(y, m, 1).daysInMonth()});
        if (++m > 12) {
            m = 1;
            ++y;
        }
    }
    return out;
}

namespace {

// Date, city numbers and the synthetic-data note, top left on a white box.
void drawCaption(QImage& image, const geo::progress::ProgressModel& model, geo::Date day, double dpi) {
    const geo::progress::Snapshot s = model.evaluate(day);
    const geo::progress::Tally& t = s.city.all;
    const QString line1 = QCoreApplication::translate("hongtu::ui::Playback", "Construction progress as of %1").arg(QString::fromStdString(day.iso()));
    const QString line2 = QCoreApplication::translate("hongtu::ui::Playback", "%1 of %2 planned projects completed (%3), %4 overdue")
                              .arg(t.completed)
                              .arg(t.planned)
                              .arg(formatRate(t.completionRate()))
                              .arg(t.overdue);
    const QString line3 = QCoreApplication::translate("hongtu::ui::Playback", "Synthetic data (demo); positions synthetic");
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    QFont big(QStringLiteral("Noto Sans CJK SC"));
    big.setPixelSize(static_cast<int>(16 * dpi / 96));
    big.setBold(true);
    QFont small(QStringLiteral("Noto Sans CJK SC"));
    small.setPixelSize(static_cast<int>(12 * dpi / 96));
    const QFontMetricsF fb(big), fs(small);
    const double pad = 8 * dpi / 96;
    const double w = std::max({fb.horizontalAdvance(line1), fs.horizontalAdvance(line2), fs.horizontalAdvance(line3)}) + 2 * pad;
    const double h = fb.height() + 2 * fs.height() + 2 * pad;
    p.setPen(QPen(QColor(0x80, 0x80, 0x80), 1));
    p.setBrush(QColor(255, 255, 255, 230));
    p.drawRect(QRectF(pad, pad, w, h));
    p.setPen(QColor(0x20, 0x20, 0x20));
    p.setFont(big);
    p.drawText(QPointF(2 * pad, 2 * pad + fb.ascent()), line1);
    p.setFont(small);
    p.drawText(QPointF(2 * pad, 2 * pad + fb.height() + fs.ascent()), line2);
    p.setPen(QColor(0x9b, 0x11, 0x0b));
    p.drawText(QPointF(2 * pad, 2 * pad + fb.height() + fs.height() + fs.ascent()), line3);
}

// The legend of the progress layers on the day, bottom left: the status classes (all kinds of
// project together, counts summed) and the choropleth's classes, each with its count.
void drawLegend(QImage& image, const render::Scene& scene, const render::MapSettings& settings) {
    struct Row {
        QString label;
        render::Symbol symbol;
        geo::Geometry::Kind kind;
        std::size_t count;
        std::size_t order;  // class index: the legend order of the layer
    };
    std::vector<Row> status, rate;
    for (const render::SceneLayer& layer : scene.layers) {
        if (!layer.asOfClasses || !settings.isLayerVisible(layer.id)) continue;
        const render::LayerClasses classes = render::classesAsOf(layer, settings.asOf, settings.dueSoonDays);
        auto& rows = layer.kind == geo::Geometry::Kind::Polygon ? rate : status;
        for (std::size_t k = 0; k < classes.classes.size(); ++k) {
            const render::SceneClass& c = classes.classes[k];
            if (c.count == 0) continue;
            const auto same = std::find_if(rows.begin(), rows.end(), [&](const Row& r) { return r.label == c.label; });
            if (same != rows.end()) same->count += c.count;
            else rows.push_back({c.label, c.symbol, layer.kind, c.count, k});
        }
    }
    for (auto* rows : {&status, &rate})
        std::stable_sort(rows->begin(), rows->end(), [](const Row& a, const Row& b) { return a.order < b.order; });
    if (status.empty() && rate.empty()) return;
    const double dpi = settings.dpi;
    const double unit = dpi / 96;
    QFont font(QStringLiteral("Noto Sans CJK SC"));
    font.setPixelSize(static_cast<int>(12 * unit));
    QFont bold = font;
    bold.setBold(true);
    const QFontMetricsF fm(font), fb(bold);
    const double line = std::max(fm.height(), 16 * unit) + 2 * unit;
    const double swatch = 14 * unit;
    const double pad = 8 * unit;
    const QString statusTitle = QCoreApplication::translate("hongtu::ui::Playback", "Projects by status");
    const QString rateTitle = QCoreApplication::translate("hongtu::ui::Playback", "Completion rate by county");
    double width = std::max(fb.horizontalAdvance(statusTitle), fb.horizontalAdvance(rateTitle));
    for (const auto* rows : {&status, &rate})
        for (const Row& r : *rows)
            width = std::max(width, swatch + 6 * unit + fm.horizontalAdvance(r.label + QStringLiteral("  ") + QString::number(r.count)));
    const double height = line * static_cast<double>(status.size() + rate.size() + (status.empty() ? 0 : 1) + (rate.empty() ? 0 : 1));
    const QRectF box(pad, image.height() / image.devicePixelRatioF() - height - 3 * pad, width + 2 * pad, height + 2 * pad);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(QColor(0x80, 0x80, 0x80), 1));
    p.setBrush(QColor(255, 255, 255, 230));
    p.drawRect(box);
    double y = box.top() + pad;
    const auto section = [&](const QString& title, const std::vector<Row>& rows) {
        if (rows.empty()) return;
        p.setPen(QColor(0x20, 0x20, 0x20));
        p.setFont(bold);
        p.drawText(QPointF(box.left() + pad, y + fm.ascent()), title);
        y += line;
        p.setFont(font);
        for (const Row& r : rows) {
            const QImage sw = render::renderSymbolSwatch(r.symbol, r.kind, QSize(static_cast<int>(swatch), static_cast<int>(swatch)), dpi);
            p.drawImage(QPointF(box.left() + pad, y + (fm.height() - swatch) / 2), sw);
            p.drawText(QPointF(box.left() + pad + swatch + 6 * unit, y + fm.ascent()), r.label + QStringLiteral("  ") + QString::number(r.count));
            y += line;
        }
    };
    section(statusTitle, status);
    section(rateTitle, rate);
}

}  // namespace

geo::Result<std::vector<QString>> exportFrames(const render::Scene& scene, render::MapSettings settings, const geo::progress::ProgressModel& model,
                                               const std::vector<geo::Date>& days, const QString& folder) {
    if (!QDir().mkpath(folder)) return geo::Error{"the folder cannot be created", folder.toStdString(), {}, {}};
    std::vector<QString> written;
    for (const geo::Date& day : days) {
        settings.asOf = day;
        QImage image = render::renderToImage(scene, settings);
        drawCaption(image, model, day, settings.dpi);
        drawLegend(image, scene, settings);
        const QString file = QDir(folder).filePath(QStringLiteral("%1-%2.png").arg(day.year, 4, 10, QLatin1Char('0')).arg(day.month, 2, 10, QLatin1Char('0')));
        if (!image.save(file, "PNG")) return geo::Error{"the image could not be written", file.toStdString(), {}, {}};
        written.push_back(file);
    }
    return written;
}

Playback::Playback(QObject* parent) : QObject(parent) { connect(&timer_, &QTimer::timeout, this, &Playback::step); }

void Playback::start(std::vector<geo::Date> days, geo::Date from, int intervalMs) {
    days_ = std::move(days);
    next_ = 0;
    while (next_ < days_.size() && days_[next_] <= from) ++next_;
    if (next_ >= days_.size()) next_ = 0;
    if (days_.empty()) return;
    timer_.start(intervalMs);
    step();
}

void Playback::stop() {
    if (!timer_.isActive()) return;
    timer_.stop();
    emit finished();
}

void Playback::step() {
    if (next_ >= days_.size()) {
        stop();
        return;
    }
    emit dayReached(days_[next_++]);
    if (next_ >= days_.size()) stop();
}

}  // namespace hongtu::ui
