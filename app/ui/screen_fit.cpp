#include "ui/screen_fit.hpp"

#include <QEvent>
#include <QGuiApplication>
#include <QScreen>
#include <QScrollArea>
#include <QString>
#include <QVariant>
#include <QWidget>
#include <QWindow>

namespace hongtu::ui {

QRect availableGeometry(const QWidget* widget) {
    for (const QWidget* w = widget; w; w = w->parentWidget())
        if (QScreen* s = w->screen()) return s->availableGeometry();
    if (QScreen* s = QGuiApplication::primaryScreen()) return s->availableGeometry();
    return {0, 0, 1024, 700};
}

namespace {

// The window frame (title bar, borders) around `widget` once it is shown; none before.
QMargins frameOf(const QWidget* widget) {
    if (!widget->isWindow() || !widget->windowHandle() || !widget->isVisible()) return {};
    return widget->windowHandle()->frameMargins();
}

void fitNow(QWidget* widget) {
    const QRect available = availableGeometry(widget);
    const QSize room = available.size().shrunkBy(frameOf(widget)).expandedTo(QSize(100, 100));
    widget->setMaximumSize(room);
    widget->resize(widget->size().boundedTo(room));
    if (!widget->isWindow() || !widget->isVisible()) return;
    // On the screen: the frame moved inside the available geometry (a dialog centred on a
    // larger parent, or opened near the screen's edge).
    const QRect frame = widget->frameGeometry();
    QPoint shift;
    if (frame.right() > available.right()) shift.rx() = available.right() - frame.right();
    if (frame.bottom() > available.bottom()) shift.ry() = available.bottom() - frame.bottom();
    if (frame.left() + shift.x() < available.left()) shift.rx() = available.left() - frame.left();
    if (frame.top() + shift.y() < available.top()) shift.ry() = available.top() - frame.top();
    if (!shift.isNull()) widget->move(widget->pos() + shift);
}

// Fits the window again when it is shown: then its screen and frame are known.
class FitOnShow : public QObject {
public:
    using QObject::QObject;
    bool eventFilter(QObject* watched, QEvent* event) override {
        if (event->type() == QEvent::Show) fitNow(static_cast<QWidget*>(watched));
        return false;
    }
};

}  // namespace

void fitToScreen(QWidget* widget) {
    if (!widget) return;
    fitNow(widget);
    if (widget->isWindow() && !widget->property("hongtuFitOnShow").toBool()) {
        widget->setProperty("hongtuFitOnShow", true);
        widget->installEventFilter(new FitOnShow(widget));
    }
}

QScrollArea* scrollable(QWidget* content, QWidget* parent) {
    auto* area = new QScrollArea(parent);
    area->setFrameShape(QFrame::NoFrame);
    area->setWidgetResizable(true);
    area->setWidget(content);
    return area;
}

bool isSmallScreen(QSize available) { return available.width() < 1280 || available.height() < 800; }

QString layoutKey(QSize available) {
    return QStringLiteral("layout/%1x%2").arg(available.width()).arg(available.height());
}

}  // namespace hongtu::ui
