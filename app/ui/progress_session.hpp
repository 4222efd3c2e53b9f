#pragma once
// The viewer's progress edits of one session: status changes validated against the model and
// kept in memory (undo/redo through a QUndoStack), written by save() as new status_history rows
// in one transaction (geo::progress::recordStatusChanges). Nothing is written before save(); a refused or
// interrupted save changes nothing in the file.

#include <QObject>
#include <QString>
#include <QStringList>
#include <QUndoStack>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "hongtu/geo/progress/progress.hpp"
#include "hongtu/geo/progress/store.hpp"

namespace hongtu::ui {

// A refused change in the planner's words (Chinese in the zh_CN UI), naming its row when it
// came from a spreadsheet: "第 3 行：项目 VV-X 不存在".
[[nodiscard]] QString describeProblem(const geo::Error& problem);
[[nodiscard]] QString describeProblems(const geo::progress::BatchCheck& check);

// The current time as ISO 8601 UTC ("2018-07-02T09:30:00Z"), for recorded_at.
[[nodiscard]] std::string utcNow();
// Who edits when the form says nothing: the system user's full name (the passwd entry's
// comment field, as `finger` shows it), else the login name.
[[nodiscard]] QString osUserName();
// The 填报人 the form proposes: the name last used (QSettings "progress/recordedBy"), else
// osUserName(). rememberRecorder() stores a name after a change was accepted.
[[nodiscard]] QString proposedRecorder();
void rememberRecorder(const QString& name);

class ProgressSession : public QObject {
    Q_OBJECT

public:
    ProgressSession(std::string projectPath, geo::progress::ProgressModel saved, QObject* parent = nullptr);

    [[nodiscard]] const geo::progress::ProgressModel& current() const { return session_.current(); }
    [[nodiscard]] std::shared_ptr<const geo::progress::ProgressModel> currentShared() const { return current_; }
    [[nodiscard]] QUndoStack* undoStack() { return &undo_; }
    [[nodiscard]] std::size_t pendingCount() const { return session_.pending().size(); }

    // Validates `batch` against the current model; on success it becomes one undo step (and the
    // map follows at once), else nothing changes and the problems are returned as text.
    // `recordedAt` is the clock (ISO 8601 UTC); `label` names the step in the undo menu.
    QString apply(const std::vector<geo::progress::ChangeRequest>& batch, const std::string& recordedAt, const QString& label);

    // Writes the pending changes (one transaction), reloads the saved history and clears the
    // undo stack (saved history is not undone). Returns an error text, empty on success.
    // `afterRow` is passed to the store (tests kill the process there).
    // In a shared (PostGIS) project each changed project's row_version as loaded goes with the
    // save: when another editor saved a change of it since, the store refuses the whole save
    // (nothing written) and the text names the project and the other editor's change.
    QString save(const std::string& recordedAt, std::function<void(std::size_t)> afterRow = {});
    // Whether a save() is running (it runs off the UI thread; the window keeps repainting).
    [[nodiscard]] bool saving() const { return saving_; }
    // Whether the last save() was refused because another editor changed one of the projects.
    [[nodiscard]] bool lastSaveConflicted() const { return lastSaveConflicted_; }

    // The project was read again (View → Refresh, or another editor's change arrived): `fresh`
    // becomes the saved state and the unsaved changes are re-applied on top of it, each undo
    // step keeping its name. Changes another editor made stale (a PostGIS project's row version
    // moved on) or that no longer follow the history are dropped; the returned text lists them
    // with the reason ("" when none was dropped).
    QString rebase(geo::progress::ProgressModel fresh);

signals:
    void modelChanged();              // current() changed: an edit, undo, redo or a save
    void savingChanged(bool saving);  // a save started (true) or ended (false)

private:
    friend class ProgressEditCommand;
    void publish();

    std::string path_;
    geo::progress::EditSession session_;
    std::shared_ptr<const geo::progress::ProgressModel> current_;
    QUndoStack undo_;
    bool lastSaveConflicted_ = false;
    bool saving_ = false;
    bool quiet_ = false;  // while rebase() rebuilds the undo stack
};

}  // namespace hongtu::ui
