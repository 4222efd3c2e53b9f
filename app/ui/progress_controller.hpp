#pragma once
// The viewer's progress tools (issue 5): the as-of slider and date field (toolbar), the
// statistics dock, the overdue list, recording status changes (one, or a batch from a
// spreadsheet) with undo/redo, saving them, and the month-by-month playback with frame export.
// They work on the ProjectDocument: the as-of day is the document's (the canvas draws it, so the
// map, the legend and every export made from its settings show the same day), the session's
// model is drawn through it, a reload of it rebases the unsaved edits, and its selection is the
// overdue list's. The window places the toolbar, the menu and the two docks.

#include <QMessageBox>
#include <QObject>
#include <QPointer>
#include <QString>

#include <memory>
#include <optional>

#include "hongtu/geo/progress/progress.hpp"
#include "render/feature_query.hpp"

class QAction;
class QMainWindow;
class QMenu;
class QDateEdit;
class QDockWidget;
class QSlider;
class QToolBar;

namespace hongtu::ui {

class MapCanvas;
class OverdueList;
class ProjectDocument;
class Playback;
class ProgressDock;
class ProgressSession;
class StatusEditDialog;
class WindowShortcuts;

class ProgressController : public QObject {
    Q_OBJECT

public:
    // What the tools work in: the window that holds their toolbar, docks and menu (and whose
    // closing asks to save), the document, the canvas (clicks, frames) and the window's shortcuts.
    struct Host {
        QMainWindow& window;
        ProjectDocument& document;
        MapCanvas& canvas;
        WindowShortcuts& shortcuts;
    };
    // `saved`: the project's progress as read from the file; the map opens on `asOf`.
    ProgressController(Host host, const geo::progress::ProgressModel& saved, geo::Date asOf);
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
    [[nodiscard]] QDockWidget* statisticsDockWidget() const { return statsDock_; }
    [[nodiscard]] QDockWidget* overdueDockWidget() const { return overdueDock_; }
    [[nodiscard]] QMenu* menu() const { return menu_; }

    // The record dialog for the project selected on the map (or none), not yet shown.
    StatusEditDialog* makeEditDialog();
    // Reads a CSV/XLSX batch and applies it as one undo step; returns the problems ("" = ok).
    QString applyBatchFile(const QString& path);
    // Saves the pending edits; returns the error text ("" = saved or nothing to save).
    QString save();
    // Writes one PNG per month into `folder`; returns the number written or -1 (message shown).
    int exportFrames(const QString& folder);
    // After the document's project is replaced (it calls this). `readAgain` (the project was read from its source): the
    // session is rebased on it (other editors' saved changes show, unsaved edits are re-applied
    // on top); edits another editor made stale are dropped and listed in a message box (and in
    // lastRebaseReport()). Otherwise (a cached scene) the new scene gets the session's model.
    void projectReloaded(bool readAgain);
    [[nodiscard]] const QString& lastRebaseReport() const { return lastRebaseReport_; }

signals:
    // A county (statistics) or project (overdue list) to show on the map.
    void featureChosen(const hongtu::render::FeatureRef& feature);

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

    QMainWindow& window_;
    ProjectDocument& document_;
    MapCanvas& canvas_;
    WindowShortcuts& shortcuts_;
    QMenu* menu_ = nullptr;
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
