#pragma once
// Windows and dialogs that fit the screen they open on: a county office's 1366×768 laptop, a
// 1024×700 projector, a 1920×1080 monitor.

#include <QRect>
#include <QSize>

class QMainWindow;
class QScrollArea;
class QWidget;

namespace hongtu::ui {

// The available geometry (without task bars) of the screen `widget` is on, or of its parent's,
// or the primary screen's.
[[nodiscard]] QRect availableGeometry(const QWidget* widget);

// Caps the widget's maximum size at the available geometry and shrinks it to fit, keeping the
// size it asked for when that fits. For dialogs: call after the dialog sized itself. A window
// is fitted again each time it is shown, to the screen it opens on and less its frame (title
// bar), and moved so that its frame lies on that screen.
void fitToScreen(QWidget* widget);

// `content` in a frameless, resizable scroll area: a dock can then be narrower or lower than
// its content's minimum size (it scrolls instead of pushing the map or other docks away).
[[nodiscard]] QScrollArea* scrollable(QWidget* content, QWidget* parent);

// True below 1280×800: docks are tabbed instead of stacked, so the map keeps its room.
[[nodiscard]] bool isSmallScreen(QSize available);

// The QSettings key of the window layout remembered for a screen size: "layout/1366x768".
[[nodiscard]] QString layoutKey(QSize available);

}  // namespace hongtu::ui
