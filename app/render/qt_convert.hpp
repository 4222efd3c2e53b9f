#pragma once
// The small conversions between geo's value types and Qt's, written once for render, export and ui.

#include <QDate>
#include <QRectF>
#include <QString>

#include <string>

#include "hongtu/geo/feature.hpp"

namespace hongtu::render {

[[nodiscard]] inline QString qs(const std::string& s) { return QString::fromStdString(s); }
[[nodiscard]] inline QDate toQDate(geo::Date d) { return QDate(d.year, d.month, d.day); }
[[nodiscard]] inline geo::Box toBox(const QRectF& r) { return {r.left(), r.top(), r.right(), r.bottom()}; }

}  // namespace hongtu::render
