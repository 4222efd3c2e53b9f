#pragma once
// Watches a PostGIS project for changes saved by other editors (LISTEN/NOTIFY through
// geo::pg::PgChangeListener) and tells the main window, which reloads the project. Quiet for
// GeoPackage projects (create() returns nullptr) and when the listener cannot connect; says so
// (lost()) when its connection goes away.

#include <QObject>
#include <QStringList>

#include <memory>
#include <string>

class QSocketNotifier;
class QTimer;

namespace hongtu::geo::pg {
class PgChangeListener;
}

namespace hongtu::ui {

class PgChangeWatcher : public QObject {
    Q_OBJECT
public:
    // nullptr when `projectPath` is not a "PG:" project or nobody can listen.
    [[nodiscard]] static PgChangeWatcher* create(const std::string& projectPath, QObject* parent);
    ~PgChangeWatcher() override;

signals:
    // Tables changed by a committed transaction (several notifications within 300 ms become one signal).
    void changed(const QStringList& tables);
    // The listening connection was lost (server restart, network, idle cut): from now on other
    // editors' changes show only after View → Refresh. Emitted once.
    void lost();

private:
    PgChangeWatcher(std::unique_ptr<geo::pg::PgChangeListener> listener, QObject* parent);
    void readNotifications();

    std::unique_ptr<geo::pg::PgChangeListener> listener_;
    QSocketNotifier* notifier_ = nullptr;
    QTimer* settle_ = nullptr;
    QStringList pending_;
};

}  // namespace hongtu::ui
