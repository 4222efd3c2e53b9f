// The viewer's last-resort handler (issue 17): an exception that escapes a slot or an event
// handler becomes a message box naming the error, and the viewer goes on handling events.
// Its own executable: the GuardedApplication is the process's one QApplication.

#include <catch2/catch_test_macros.hpp>
#include <catch2/matchers/catch_matchers_string.hpp>
#include <catch2/reporters/catch_reporter_event_listener.hpp>
#include <catch2/reporters/catch_reporter_registrars.hpp>

#include <QMessageBox>
#include <QMouseEvent>
#include <QPushButton>
#include <QTimer>
#include <QWidget>

#include <cstdlib>
#include <memory>
#include <new>
#include <stdexcept>

#include "ui/guarded_application.hpp"

using Catch::Matchers::ContainsSubstring;
using hongtu::ui::GuardedApplication;

namespace {

std::unique_ptr<GuardedApplication> app;

class GuardedApplicationListener : public Catch::EventListenerBase {
public:
    using Catch::EventListenerBase::EventListenerBase;
    void testRunStarting(const Catch::TestRunInfo&) override {
        setenv("QT_QPA_PLATFORM", "offscreen", 0);
        app = std::make_unique<GuardedApplication>(argc_, argv_);
        // The tests show the error box with no window behind it: closing it must not quit.
        QGuiApplication::setQuitOnLastWindowClosed(false);
    }
    void testRunEnded(const Catch::TestRunStats&) override { app.reset(); }

private:
    int argc_ = 1;
    char name_[32] = "guarded_application_tests";
    char* argv_[2] = {name_, nullptr};
};

// Closes the error box when it appears and keeps its text (its timer dies with the watcher).
struct BoxWatcher {
    QString text;
    int boxes = 0;
    QTimer timer;
    void start() {
        QObject::connect(&timer, &QTimer::timeout, &timer, [this] {
            for (QWidget* w : QApplication::topLevelWidgets()) {
                auto* box = qobject_cast<QMessageBox*>(w);
                if (box && box->isVisible() && box->objectName() == QStringLiteral("unexpectedErrorBox")) {
                    text = box->text();
                    ++boxes;
                    box->accept();
                }
            }
        });
        timer.start(20);
    }
};

// A widget whose event handler throws, as a bug in a viewer action would.
class ThrowingObject : public QObject {
public:
    bool event(QEvent* e) override {
        if (e->type() == QEvent::User) throw std::runtime_error("file 'ledger.xlsx', layer 'venue_projects', row 17: boom");
        if (e->type() == QEvent::User + 1) throw std::bad_alloc();
        if (e->type() == QEvent::User + 2) ++handled;
        return QObject::event(e);
    }
    int handled = 0;
};

}  // namespace

CATCH_REGISTER_LISTENER(GuardedApplicationListener)

TEST_CASE("guarded application: an exception in an event handler becomes a message and the viewer goes on",
          "[guarded_application]") {
    BoxWatcher watcher;
    watcher.start();
    ThrowingObject target;
    QCoreApplication::postEvent(&target, new QEvent(QEvent::User));
    QCoreApplication::postEvent(&target, new QEvent(static_cast<QEvent::Type>(QEvent::User + 2)));
    QTimer::singleShot(300, app.get(), [] { QCoreApplication::exit(0); });
    CHECK(QCoreApplication::exec() == 0);
    CHECK(watcher.boxes == 1);
    CHECK_THAT(watcher.text.toStdString(), ContainsSubstring("the viewer stays open"));
    CHECK_THAT(watcher.text.toStdString(), ContainsSubstring("file 'ledger.xlsx', layer 'venue_projects', row 17"));
    CHECK(target.handled == 1);  // the event after the failing one was still handled
    CHECK_THAT(app->lastError().toStdString(), ContainsSubstring("row 17: boom"));
}

TEST_CASE("guarded application: out of memory in an action is said in words", "[guarded_application]") {
    BoxWatcher watcher;
    watcher.start();
    ThrowingObject target;
    QCoreApplication::postEvent(&target, new QEvent(static_cast<QEvent::Type>(QEvent::User + 1)));
    QTimer::singleShot(300, app.get(), [] { QCoreApplication::exit(0); });
    QCoreApplication::exec();
    CHECK(watcher.boxes == 1);
    CHECK_THAT(watcher.text.toStdString(), ContainsSubstring("ran out of memory"));
}

TEST_CASE("guarded application: a button whose slot throws leaves the window usable", "[guarded_application]") {
    // (Qt leaves the throwing connection itself in an undefined state; the window and its other
    // actions must go on working, and the user is told.)
    BoxWatcher watcher;
    watcher.start();
    QWidget window;
    auto* failing = new QPushButton(QStringLiteral("导出"), &window);
    auto* other = new QPushButton(QStringLiteral("保存"), &window);
    other->move(0, 60);
    QObject::connect(failing, &QPushButton::clicked, [] { throw std::runtime_error("the export stopped: page too large"); });
    int saved = 0;
    QObject::connect(other, &QPushButton::clicked, [&saved] { ++saved; });
    window.show();
    // Press and release as the window system delivers them (posted, through notify()).
    const auto click = [](QPushButton* button) {
        const QPointF at(button->width() / 2.0, button->height() / 2.0);
        const QPointF global = button->mapToGlobal(at);
        QCoreApplication::postEvent(button, new QMouseEvent(QEvent::MouseButtonPress, at, global, Qt::LeftButton,
                                                            Qt::LeftButton, Qt::NoModifier));
        QCoreApplication::postEvent(button, new QMouseEvent(QEvent::MouseButtonRelease, at, global, Qt::LeftButton,
                                                            Qt::NoButton, Qt::NoModifier));
    };
    // The failing button is pressed as a queued action (QAbstractButton::click through notify()):
    // a mouse event unwound by the exception makes Qt leak its event point (258 bytes, LeakSanitizer).
    QTimer::singleShot(50, failing, [&] { QMetaObject::invokeMethod(failing, &QAbstractButton::click, Qt::QueuedConnection); });
    QTimer::singleShot(600, other, [&] { click(other); });
    QTimer::singleShot(900, app.get(), [] { QCoreApplication::exit(0); });
    QCoreApplication::exec();
    CHECK(watcher.boxes == 1);
    CHECK_THAT(watcher.text.toStdString(), ContainsSubstring("page too large"));
    CHECK(saved == 1);  // the other action still works
    CHECK(window.isVisible());
}
