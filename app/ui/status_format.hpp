#pragma once
// Number formatting for the status bar, kept free of words so the window can translate the
// surrounding text.

#include <QString>

namespace hongtu::ui {

// "1:250,000": rounded to 3 significant digits, since the last digits only flicker.
[[nodiscard]] QString formatScale(double scaleDenominator);
// "512,345 m" (projected coordinates to the metre).
[[nodiscard]] QString formatMetres(double value);
// "111.1342°E" / "37.5156°N" (4 decimals, about 10 m); west/south for negative values.
[[nodiscard]] QString formatLongitude(double degrees);
[[nodiscard]] QString formatLatitude(double degrees);

}  // namespace hongtu::ui
