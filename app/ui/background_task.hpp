#pragma once
// Runs a blocking job (a save into the project, a read of it) on a worker thread while the UI
// thread keeps turning its event loop: the window repaints, timers and network notifications
// run, but user input is held back until the job is done, so nothing can be clicked twice.
// The result (or the job's exception) comes back on the calling thread.

#include <QCoreApplication>
#include <QEventLoop>
#include <QMetaObject>

#include <exception>
#include <optional>
#include <thread>
#include <utility>

namespace hongtu::ui {

template <typename Job>
auto runInBackground(Job job) -> decltype(job()) {
    using Result = decltype(job());
    std::optional<Result> result;
    std::exception_ptr failure;
    QEventLoop loop;
    std::thread worker([&] {
        try {
            result.emplace(job());
        } catch (...) {
            failure = std::current_exception();
        }
        QMetaObject::invokeMethod(
            &loop, [&loop] { loop.quit(); }, Qt::QueuedConnection);
    });
    if (QCoreApplication::instance()) loop.exec(QEventLoop::ExcludeUserInputEvents);
    worker.join();
    if (failure) std::rethrow_exception(failure);
    return std::move(*result);
}

}  // namespace hongtu::ui
