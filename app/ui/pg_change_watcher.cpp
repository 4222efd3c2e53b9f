#include "ui/pg_change_watcher.hpp"

#include <QSocketNotifier>
#include <QTimer>

#include "hongtu/geo/pg/store.hpp"

namespace hongtu::ui {

PgChangeWatcher* PgChangeWatcher::create(const std::string& projectPath, QObject* parent) {
    if (!geo::isPostgresSource(projectPath)) return nullptr;
    auto listener = geo::pg::PgChangeListener::listen(projectPath);
    if (!listener) return nullptr;  // View → Refresh still works
    return new PgChangeWatcher(std::make_unique<geo::pg::PgChangeListener>(std::move(*listener)), parent);
}

PgChangeWatcher::PgChangeWatcher(std::unique_ptr<geo::pg::PgChangeListener> listener, QObject* parent)
    : QObject(parent), listener_(std::move(listener)) {
    notifier_ = new QSocketNotifier(static_cast<qintptr>(listener_->socket()), QSocketNotifier::Read, this);
    connect(notifier_, &QSocketNotifier::activated, this, &PgChangeWatcher::readNotifications);
    settle_ = new QTimer(this);
    settle_->setSingleShot(true);
    settle_->setInterval(300);
    connect(settle_, &QTimer::timeout, this, [this] {
        QStringList tables = pending_;
        pending_.clear();
        tables.removeDuplicates();
        emit changed(tables);
    });
}

PgChangeWatcher::~PgChangeWatcher() = default;

void PgChangeWatcher::readNotifications() {
    auto tables = listener_->poll(0);
    if (!tables) {
        notifier_->setEnabled(false);  // connection lost: stop watching (View → Refresh still works)
        emit lost();
        return;
    }
    for (const auto& t : *tables) pending_ << QString::fromStdString(t);
    if (!pending_.isEmpty()) settle_->start();
}

}  // namespace hongtu::ui
