// One QApplication for the whole test run (widgets, fonts and QPixmap need it), created when
// the run starts and destroyed before Catch2's main returns. Tests run under
// QT_QPA_PLATFORM=offscreen (set by hongtu_add_tests; set here too for running by hand).

#include <catch2/catch_test_case_info.hpp>
#include <catch2/reporters/catch_reporter_event_listener.hpp>
#include <catch2/reporters/catch_reporter_registrars.hpp>

#include <QApplication>
#include <QFont>
#include <QTemporaryDir>

#include <cstdlib>
#include <memory>

namespace {

class QtApplicationListener : public Catch::EventListenerBase {
public:
    using Catch::EventListenerBase::EventListenerBase;

    void testRunStarting(const Catch::TestRunInfo&) override {
        setenv("QT_QPA_PLATFORM", "offscreen", 0);
        // QSettings (填报人, export choices, dock layouts) in a fresh folder per run: no test
        // sees what an earlier run or the user's own viewer remembered.
        if (settings_.isValid()) setenv("XDG_CONFIG_HOME", settings_.path().toLocal8Bit().constData(), 1);
        app_ = std::make_unique<QApplication>(argc_, argv_);
        QApplication::setFont(QFont(QStringLiteral("Noto Sans CJK SC"), 10));
    }
    void testRunEnded(const Catch::TestRunStats&) override { app_.reset(); }

private:
    int argc_ = 1;
    char name_[13] = "hongtu_tests";
    char* argv_[2] = {name_, nullptr};
    QTemporaryDir settings_;
    std::unique_ptr<QApplication> app_;
};

}  // namespace

CATCH_REGISTER_LISTENER(QtApplicationListener)
