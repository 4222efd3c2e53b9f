#include "ui/window_shortcuts.hpp"

#include <QAction>
#include <QApplication>
#include <QKeyEvent>
#include <QKeySequence>

namespace hongtu::ui {

WindowShortcuts::WindowShortcuts(QWidget* window) : QObject(window), window_(window) {
    if (qApp) qApp->installEventFilter(this);
}

void WindowShortcuts::add(QAction* action) { actions_.emplace_back(action); }

bool WindowShortcuts::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() != QEvent::KeyPress || !window_) return QObject::eventFilter(watched, event);
    auto* widget = qobject_cast<QWidget*>(watched);
    if (!widget || !(widget == window_ || window_->isAncestorOf(widget))) return QObject::eventFilter(watched, event);
    const auto* key = static_cast<QKeyEvent*>(event);
    if (key->modifiers() == Qt::NoModifier || key->key() == Qt::Key_unknown) return QObject::eventFilter(watched, event);
    const QKeySequence pressed(key->keyCombination());
    for (const auto& action : actions_) {
        if (!action || !action->isEnabled()) continue;
        for (const QKeySequence& s : action->shortcuts()) {
            if (s.matches(pressed) != QKeySequence::ExactMatch) continue;
            action->trigger();
            return true;
        }
    }
    return QObject::eventFilter(watched, event);
}

}  // namespace hongtu::ui
