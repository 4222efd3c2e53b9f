#pragma once
// The viewer's progress tools (issue 5), wired into the main window: the as-of slider and date
// field (toolbar), the statistics dock, the overdue list, recording status changes (one, or a
// batch from a spreadsheet) with undo/redo, saving them, and the month-by-month playback with
// frame export. The as-of day lives in the canvas's MapSettings, so the map, the legend and
// every export made from those settings show the same day.

#include <QMessageBox>
#include <QObject>
#include <QPointer>
#include <QString>

#include <memory>
#include <optional>

#include "hongtu/geo/progress.hpp"

class QAction;
class QDateEdit;
class QDockWidget;
class QSlider;
class QToolBar;

namespace hongtu::ui {

class MainWindow;
class OverdueList;
class Playback;
class ProgressDock;
class ProgressSession;
class StatusEditDialog;

class ProgressController : public QObject {
    Q_OBJECT

public:
    // `saved`: the project's progress as read from the file; the map opens on `asOf`.
    ProgressController(MainWindow& window, const geo::ProgressModel& saved, geo::Date asOf);
    ~ProgressController() override;

    [[nodiscard]] geo::Date asOf() const { return asOf_; }
    // Moves everything to `day`: slider, date field, map, legend, statistics, overdue list.
    void setAsOf(geo::Date day);

    [[nodiscard]] QSlider* slider() const { return slider_; }
    [[nodiscard]] QDateEdit* dateEdit() const { return dateEdit_; }
    [[nodiscard]] ProgressDock* statisticsDock() const { return dock_; }
    [[nodiscard]] OverdueList* overdueList() const { return overdue_; }
    [[nodiscard]] ProgressSession* session() const { return session_; }
    [[nodiscard]] Playback* playback() const { return playback_; }

    // The record dialog for the project selected on the map (or none), not yet shown.
    StatusEditDialog* makeEditDialog();
    // Reads a CSV/XLSX batch and applies it as one undo step; returns the problems ("" = ok).
    QString applyBatchFile(const QString& path);
    // Saves the pending edits; returns the error text ("" = saved or nothing to save).
    QString save();
    // Writes one PNG per month into `folder`; returns the number written or -1 (message shown).
    int exportFrames(const QString& folder);
    // After MainWindow::installProject. `readAgain` (the project was read from its source): the
    // session is rebased on it (other editors' saved changes show, unsaved edits are re-applied
    // on top); edits another editor made stale are dropped and listed in a message box (and in
    // lastRebaseReport()). Otherwise (a cached scene) the new scene gets the session's model.
    void projectReloaded(bool readAgain);
    [[nodiscard]] const QString& lastRebaseReport() const { return lastRebaseReport_; }

protected:
    // Closing the window with unsaved status changes asks to save them first.
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void createToolBar();
    void createDocks();
    void createMenu();
    void modelChanged();
    void refreshPanels();
    void reselectOverdue();  // the window's selected project, selected in the overdue list
    void showSelectedProject();
    [[nodiscard]] QString selectedProjectId() const;

    MainWindow& window_;
    geo::Date asOf_;
    std::int64_t firstDay_ = 0, lastDay_ = 0;
    ProgressSession* session_ = nullptr;
    QString lastRebaseReport_;
    QPointer<QMessageBox> rebaseBox_;  // the open report of dropped edits, if any
    bool savingNow_ = false;
    QSlider* slider_ = nullptr;
    QDateEdit* dateEdit_ = nullptr;
    QAction* playAction_ = nullptr;
    ProgressDock* dock_ = nullptr;
    QDockWidget* statsDock_ = nullptr;
    OverdueList* overdue_ = nullptr;
    QDockWidget* overdueDock_ = nullptr;
    Playback* playback_ = nullptr;
};

}  // namespace hongtu::ui
