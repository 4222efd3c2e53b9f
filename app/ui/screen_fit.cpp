#include "ui/screen_fit.hpp"

#include <QGuiApplication>
#include <QScreen>
#include <QScrollArea>
#include <QString>
#include <QWidget>

namespace hongtu::ui {

QRect availableGeometry(const QWidget* widget) {
    for (const QWidget* w = widget; w; w = w->parentWidget())
        if (QScreen* s = w->screen()) return s->availableGeometry();
    if (QScreen* s = QGuiApplication::primaryScreen()) return s->availableGeometry();
    return {0, 0, 1024, 700};
}

void fitToScreen(QWidget* widget) {
    if (!widget) return;
    const QSize available = availableGeometry(widget).size();
    widget->setMaximumSize(available);
    widget->resize(widget->size().boundedTo(available));
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
