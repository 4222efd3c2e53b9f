#pragma once
// The viewer's QApplication. Every viewer action runs inside notify(): an exception that escapes
// a slot or an event handler is shown as a message box and the viewer stays open, instead of
// std::terminate closing it with unsaved edits (the viewer's counterpart of main's last-resort
// handler). A geo::Error thrown as such names its file, layer and row in the message.

#include <QApplication>
#include <QString>

namespace hongtu::ui {

class GuardedApplication : public QApplication {
public:
    GuardedApplication(int& argc, char** argv);
    bool notify(QObject* receiver, QEvent* event) override;

    // The text of the last error shown (empty if none): what the box said, for the log and tests.
    [[nodiscard]] const QString& lastError() const { return lastError_; }

private:
    void report(const QString& detail);
    bool reporting_ = false;
    QString lastError_;
};

}  // namespace hongtu::ui
