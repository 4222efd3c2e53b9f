#pragma once
// Window-wide shortcuts that win over a text field's own key bindings: on X11 a QLineEdit or a
// QDateEdit takes Ctrl+E ("end of line") and other Ctrl keys for itself, so 记录状态变更 (Ctrl+E)
// did nothing while the search box or the as-of date had focus. Installed on the application,
// this filter triggers the action itself when such a key press reaches any widget of `window`
// (its docks too, floating or not).

#include <QObject>
#include <QPointer>
#include <QWidget>

#include <vector>

class QAction;

namespace hongtu::ui {

class WindowShortcuts : public QObject {
    Q_OBJECT

public:
    explicit WindowShortcuts(QWidget* window);
    // The action's shortcut now works from any focus inside the window.
    void add(QAction* action);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QPointer<QWidget> window_;
    std::vector<QPointer<QAction>> actions_;
};

}  // namespace hongtu::ui
