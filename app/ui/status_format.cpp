#include "ui/status_format.hpp"

#include <QLocale>

#include <cmath>

namespace hongtu::ui {

namespace {
QLocale grouping() {
    QLocale l = QLocale::c();
    l.setNumberOptions(QLocale::DefaultNumberOptions);  // C locale omits group separators by default
    return l;
}
}  // namespace

QString formatScale(double scaleDenominator) {
    if (!(scaleDenominator > 0) || !std::isfinite(scaleDenominator)) return QStringLiteral("1:?");
    const double magnitude = std::pow(10.0, std::floor(std::log10(scaleDenominator)) - 2);
    const double rounded = std::max(1.0, std::round(scaleDenominator / magnitude) * magnitude);
    return QStringLiteral("1:") + grouping().toString(static_cast<qlonglong>(std::llround(rounded)));
}

QString formatMetres(double value) {
    return grouping().toString(static_cast<qlonglong>(std::llround(value))) + QStringLiteral(" m");
}

QString formatLongitude(double degrees) {
    return QString::number(std::abs(degrees), 'f', 4) + (degrees < 0 ? QStringLiteral("°W") : QStringLiteral("°E"));
}

QString formatLatitude(double degrees) {
    return QString::number(std::abs(degrees), 'f', 4) + (degrees < 0 ? QStringLiteral("°S") : QStringLiteral("°N"));
}

}  // namespace hongtu::ui
