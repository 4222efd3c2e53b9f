#include "ui/guarded_application.hpp"

#include <QMessageBox>

#include <cstdio>
#include <exception>
#include <new>

namespace hongtu::ui {

GuardedApplication::GuardedApplication(int& argc, char** argv) : QApplication(argc, argv) {}

bool GuardedApplication::notify(QObject* receiver, QEvent* event) {
    try {
        return QApplication::notify(receiver, event);
    } catch (const std::bad_alloc&) {
        report(QCoreApplication::translate("hongtu::ui::Viewer", "The computer ran out of memory."));
    } catch (const std::exception& e) {
        report(QString::fromUtf8(e.what()));
    } catch (...) {
        report(QCoreApplication::translate("hongtu::ui::Viewer", "An error of unknown kind."));
    }
    return false;
}

void GuardedApplication::report(const QString& detail) {
    lastError_ = detail;
    std::fprintf(stderr, "hongtu: unexpected error in the viewer: %s\n", detail.toLocal8Bit().constData());
    if (reporting_) return;  // one box at a time, even if the box's own events throw
    reporting_ = true;
    QMessageBox box(QMessageBox::Critical, QCoreApplication::translate("hongtu::ui::Viewer", "Hongtu"),
                    QCoreApplication::translate("hongtu::ui::Viewer",
                                                "This action stopped on an unexpected error; the viewer stays open. "
                                                "Please check the result of the action and report the error.") +
                        QStringLiteral("\n\n") + detail);
    box.setObjectName(QStringLiteral("unexpectedErrorBox"));
    box.exec();
    reporting_ = false;
}

}  // namespace hongtu::ui
