#include "ui/progress_controller.hpp"

#include <QAction>
#include <QApplication>
#include <QDateEdit>
#include <QDockWidget>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QScopedValueRollback>
#include <QSlider>
#include <QStatusBar>
#include <QToolBar>
#include <QUndoStack>

#include <QMainWindow>
#include "hongtu/geo/datasource.hpp"
#include "hongtu/geo/progress/store.hpp"
#include "render/progress_theme.hpp"

#include "render/qt_convert.hpp"
#include "ui/date_field.hpp"
#include "ui/document_actions.hpp"
#include "ui/map_canvas.hpp"
#include "ui/overdue_list.hpp"
#include "ui/playback.hpp"
#include "ui/progress_dock.hpp"
#include "ui/progress_session.hpp"
#include "ui/project_document.hpp"
#include "ui/status_edit_dialog.hpp"
#include "ui/window_shortcuts.hpp"

namespace hongtu::ui {

namespace {
using render::toQDate;
geo::Date fromQDate(const QDate& d) { return {d.year(), d.month(), d.day()}; }
}  // namespace

ProgressController::ProgressController(Host host, const geo::progress::ProgressModel& saved, geo::Date asOf)
    : QObject(&host.window), window_(host.window), document_(host.document), canvas_(host.canvas), shortcuts_(host.shortcuts), asOf_(asOf) {
    session_ = new ProgressSession(document_.project().path, saved, this);
    playback_ = new Playback(this);
    const auto range = render::historyRange(saved);
    firstDay_ = range ? geo::Date{range->first.year, range->first.month, 1}.daysSinceEpoch() : asOf.daysSinceEpoch();
    // To the end of the last change's month, so playback and slider reach the same last frame.
    lastDay_ = range ? geo::Date{range->second.year, range->second.month, QDate(range->second.year, range->second.month, 1).daysInMonth()}
                           .daysSinceEpoch()
                     : asOf.daysSinceEpoch();
    createToolBar();
    createDocks();
    createMenu();
    connect(session_, &ProgressSession::modelChanged, this, &ProgressController::modelChanged);
    connect(playback_, &Playback::dayReached, this, &ProgressController::setAsOf);
    connect(playback_, &Playback::finished, this, [this] { playAction_->setText(tr("Play")); });
    dock_->setModel(session_->currentShared(), asOf_);
    setAsOf(asOf);
    window_.installEventFilter(this);
    // A click on a project point (the window identifies first): its state on the day, in the
    // status bar.
    connect(&canvas_, &MapCanvas::clicked, this, [this] { showSelectedProject(); });
    // The day set elsewhere (a ledger import): the slider, the panels follow.
    connect(&document_, &ProjectDocument::changed, this, [this](ProjectDocument::Changes what) {
        if (what & ProjectDocument::Change::AsOf && document_.asOf() && *document_.asOf() != asOf_) setAsOf(*document_.asOf());
        if (what & ProjectDocument::Change::Scene) projectReloaded(bool(what & ProjectDocument::Change::ReadAgain));
    });
    // One selection: a project selected elsewhere is selected in the list.
    connect(&document_, &ProjectDocument::selectionChanged, this, [this] { reselectOverdue(); });
}

void ProgressController::showSelectedProject() {
    const auto& selection = document_.selection();
    if (selection.size() != 1) return;
    const auto project = render::projectOfFeature(document_.scene(), selection.front());
    if (!project) return;
    const geo::progress::ProgressModel& model = session_->current();
    const geo::progress::Project& p = model.projects()[*project];
    const geo::progress::ProjectState state =
        model.index().stateAsOf(*project, static_cast<std::int32_t>(asOf_.daysSinceEpoch()), geo::progress::ProgressOptions{});
    QString text = tr("%1 %2 as of %3: %4").arg(QString::fromStdString(p.id), QString::fromStdString(p.name), QString::fromStdString(asOf_.iso()), QString::fromUtf8(geo::progress::categoryNameZh(state.category)));
    if (state.category == geo::progress::Category::Overdue) text += tr(", %1 days late").arg(-state.daysToDue);
    if (p.plannedCompletion) text += tr("; planned completion %1").arg(QString::fromStdString(p.plannedCompletion->iso()));
    window_.statusBar()->showMessage(text);
}

bool ProgressController::eventFilter(QObject* watched, QEvent* event) {
    if (watched != &window_ || event->type() != QEvent::Close || session_->pendingCount() == 0) return QObject::eventFilter(watched, event);
    const auto answer = QMessageBox::question(
        &window_, tr("Unsaved status changes"),
        tr("%n status change(s) are not saved yet. Save them before closing?", "", static_cast<int>(session_->pendingCount())),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Cancel) {
        event->ignore();
        return true;
    }
    if (answer == QMessageBox::Save) {
        const QString problem = save();
        if (!problem.isEmpty()) {
            QMessageBox::warning(&window_, tr("Save"), problem);
            event->ignore();
            return true;
        }
    }
    return QObject::eventFilter(watched, event);
}

ProgressController::~ProgressController() = default;

void ProgressController::createToolBar() {
    QToolBar* bar = window_.addToolBar(tr("Progress"));
    bar->setObjectName(QStringLiteral("progressToolBar"));
    bar->addWidget(new QLabel(tr("As of:"), bar));
    slider_ = new QSlider(Qt::Horizontal, bar);
    slider_->setObjectName(QStringLiteral("asOfSlider"));
    slider_->setRange(static_cast<int>(firstDay_), static_cast<int>(std::max(firstDay_, lastDay_)));
    slider_->setPageStep(30);
    slider_->setMinimumWidth(320);
    slider_->setToolTip(tr("Moves the as-of date: the map, legend, statistics and exports follow"));
    bar->addWidget(slider_);
    dateEdit_ = new DateField(bar);
    dateEdit_->setObjectName(QStringLiteral("asOfDateEdit"));
    dateEdit_->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    dateEdit_->setCalendarPopup(true);
    bar->addWidget(dateEdit_);
    playAction_ = bar->addAction(tr("Play"), this, [this] {
        if (playback_->isRunning()) {
            playback_->stop();
            return;
        }
        playAction_->setText(tr("Stop"));
        playback_->start(playbackMonths(session_->current()), asOf_);
    });
    playAction_->setObjectName(QStringLiteral("playAction"));
    connect(slider_, &QSlider::valueChanged, this, [this](int day) { setAsOf(geo::Date::fromDaysSinceEpoch(day)); });
    connect(dateEdit_, &QDateEdit::dateChanged, this, [this](const QDate& d) {
        if (d.isValid()) setAsOf(fromQDate(d));
    });
}

void ProgressController::createDocks() {
    dock_ = new ProgressDock(&window_);
    statsDock_ = new QDockWidget(tr("Progress statistics"), &window_);
    statsDock_->setObjectName(QStringLiteral("progressDock"));
    statsDock_->setWidget(dock_);
    window_.addDockWidget(Qt::RightDockWidgetArea, statsDock_);
    connect(dock_, &ProgressDock::countyChosen, this, [this](const QString& code) {
        if (const auto feature = render::countyFeature(document_.scene(), code.toStdString())) emit featureChosen(*feature);
    });

    overdue_ = new OverdueList(&window_);
    overdueDock_ = new QDockWidget(tr("Overdue projects"), &window_);
    overdueDock_->setObjectName(QStringLiteral("overdueDock"));
    overdueDock_->setWidget(overdue_);
    window_.addDockWidget(Qt::BottomDockWidgetArea, overdueDock_);
    connect(overdue_, &OverdueList::projectChosen, this, [this](std::size_t project) {
        if (const auto feature = render::projectFeature(document_.scene(), project)) emit featureChosen(*feature);
    });
    // One selection: a row chosen in the list is the document's selection (what Ctrl+E records
    // for; the attribute panel shows it).
    connect(overdue_, &OverdueList::projectSelected, this, [this](std::size_t project) {
        if (const auto feature = render::projectFeature(document_.scene(), project)) document_.select({*feature});
    });
}

void ProgressController::createMenu() {
    QMenu* menu = menu_ = window_.menuBar()->addMenu(tr("&Progress"));
    QAction* record = menu->addAction(tr("Record status change…"), this, [this] {
        StatusEditDialog* dialog = makeEditDialog();
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    record->setObjectName(QStringLiteral("recordStatusAction"));
    record->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    shortcuts_.add(record);  // also from the search box and the date field
    menu->addAction(tr("Bulk update from spreadsheet…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(&window_, tr("Status changes"), QString(),
                                                          tr("Spreadsheets (*.csv *.xlsx)"));
        if (path.isEmpty()) return;
        const QString problems = applyBatchFile(path);
        if (!problems.isEmpty()) QMessageBox::warning(&window_, tr("Status changes refused"), problems);
    });
    QAction* undo = session_->undoStack()->createUndoAction(this, tr("Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = session_->undoStack()->createRedoAction(this, tr("Redo"));
    redo->setShortcut(QKeySequence::Redo);
    menu->addAction(undo);
    menu->addAction(redo);
    QAction* saveAction = menu->addAction(tr("Save status changes"), this, [this] {
        const QString problem = save();
        if (!problem.isEmpty()) QMessageBox::warning(&window_, tr("Save"), problem);
    });
    saveAction->setObjectName(QStringLiteral("saveProgressAction"));
    // While a save runs (off the UI thread) the window says so and cannot start another.
    connect(session_, &ProgressSession::savingChanged, this, [this, saveAction](bool saving) {
        saveAction->setEnabled(!saving);
        if (saving) {
            QApplication::setOverrideCursor(Qt::WaitCursor);
            window_.statusBar()->showMessage(tr("Saving status changes…"));
        } else {
            QApplication::restoreOverrideCursor();
            window_.statusBar()->clearMessage();
        }
    });
    saveAction->setShortcut(QKeySequence::Save);
    menu->addSeparator();
    menu->addAction(playAction_);
    menu->addAction(tr("Export monthly frames…"), this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(&window_, tr("Folder for the frames"));
        if (!folder.isEmpty()) exportFrames(folder);
    });
    menu->addSeparator();
    menu->addAction(statsDock_->toggleViewAction());
    menu->addAction(overdueDock_->toggleViewAction());
}

void ProgressController::setAsOf(geo::Date day) {
    if (slider_->value() != static_cast<int>(day.daysSinceEpoch()) || dateEdit_->date() != toQDate(day) ||
        document_.asOf() != std::optional<geo::Date>(day)) {
        asOf_ = day;
        {
            const QSignalBlocker a(slider_), b(dateEdit_);
            slider_->setValue(static_cast<int>(day.daysSinceEpoch()));
            dateEdit_->setDate(toQDate(day));
        }
        document_.setAsOf(day);  // the canvas draws the document's day
        refreshPanels();
    }
}

void ProgressController::refreshPanels() {
    dock_->showAsOf(asOf_);
    overdue_->show(session_->currentShared(), asOf_);
    reselectOverdue();
    // The status bar's identify line belongs to a day: say the selected project's status on
    // the new one, or nothing.
    window_.statusBar()->clearMessage();
    showSelectedProject();
}

void ProgressController::reselectOverdue() {
    const auto& selection = document_.selection();
    std::optional<std::size_t> project;
    if (selection.size() == 1) project = render::projectOfFeature(document_.scene(), selection.front());
    overdue_->selectProject(project);
}

void ProgressController::modelChanged() {
    document_.setProgressModel(session_->currentShared());
    dock_->setModel(session_->currentShared(), asOf_);
    overdue_->show(session_->currentShared(), asOf_);
    reselectOverdue();
    const auto pending = session_->pendingCount();
    window_.statusBar()->showMessage(pending ? tr("%n unsaved status change(s)", "", static_cast<int>(pending)) : tr("All status changes saved"));
}

QString ProgressController::selectedProjectId() const {
    const auto& selection = document_.selection();
    if (selection.size() != 1) return {};
    const auto project = render::projectOfFeature(document_.scene(), selection.front());
    if (!project) return {};
    return QString::fromStdString(session_->current().projects()[*project].id);
}

StatusEditDialog* ProgressController::makeEditDialog() {
    auto* dialog = new StatusEditDialog(session_->current(), selectedProjectId(), asOf_, &window_);
    dialog->setValidator([this](const geo::progress::ChangeRequest& request) {
        return session_->apply({request}, utcNow(),
                               tr("Status of %1").arg(QString::fromStdString(request.projectId)));
    });
    return dialog;
}

QString ProgressController::applyBatchFile(const QString& path) {
    auto batch = geo::progress::readChangeRequests(path.toStdString(), osUserName().toStdString());
    if (!batch) return describeProblem(batch.error());
    return session_->apply(*batch, utcNow(), tr("Status changes from %1").arg(QFileInfo(path).fileName()));
}

QString ProgressController::save() {
    QString problem = session_->save(utcNow());
    const QScopedValueRollback<bool> saving(savingNow_, true);  // the report goes into the save's message
    if (session_->lastSaveConflicted() && DocumentActions::reload(document_, window_)) {
        // Read the project again at once: the map shows the other editor's change, the stale
        // edits are dropped (listed below) and the others stay unsaved, ready to save again.
        problem += QStringLiteral("\n\n") + tr("The project was read again.");
        if (!lastRebaseReport_.isEmpty()) problem += QLatin1Char('\n') + lastRebaseReport_;
        if (session_->pendingCount() > 0)
            problem += QLatin1Char('\n') + tr("%n other unsaved change(s) are kept: save again to record them.", "",
                                              static_cast<int>(session_->pendingCount()));
    }
    return problem;
}

int ProgressController::exportFrames(const QString& folder) {
    document_.finishLoading();  // the frames show the whole project (layers still streamed, issue 16)
    auto written = ui::exportFrames(document_.scene(), canvas_.settings(), session_->current(),
                                    playbackMonths(session_->current()), folder);
    if (!written) {
        QMessageBox::warning(&window_, tr("Export frames"), QString::fromStdString(geo::redactConnectionString(written.error().toString())));
        return -1;
    }
    window_.statusBar()->showMessage(tr("%n frame(s) written to %1", "", static_cast<int>(written->size())).arg(folder));
    return static_cast<int>(written->size());
}

void ProgressController::projectReloaded(bool readAgain) {
    lastRebaseReport_.clear();
    const auto fresh = document_.project().progress;
    if (!readAgain || !fresh) {  // a cached scene, or no progress tables any more: the session's model
        document_.setProgressModel(session_->currentShared());
        return;
    }
    // Another editor's saved changes now show; the unsaved ones are re-applied on top of them.
    lastRebaseReport_ = session_->rebase(*fresh);  // publishes: map, statistics, overdue list follow
    if (lastRebaseReport_.isEmpty() || savingNow_) return;
    // One non-modal box: a change arriving from the network must not block the viewer, and
    // further reports are added to the open box instead of piling up.
    if (!rebaseBox_) {
        rebaseBox_ = new QMessageBox(QMessageBox::Warning, tr("Changed by another editor"), QString(), QMessageBox::Ok, &window_);
        rebaseBox_->setObjectName(QStringLiteral("rebaseReport"));
        rebaseBox_->setAttribute(Qt::WA_DeleteOnClose);
        rebaseBox_->setWindowModality(Qt::NonModal);
        rebaseBox_->setText(lastRebaseReport_);
    } else {
        rebaseBox_->setText(rebaseBox_->text() + QStringLiteral("\n\n") + lastRebaseReport_);
    }
    rebaseBox_->show();
    window_.statusBar()->showMessage(tr("Unsaved status changes were dropped: another editor changed the same projects"));
}

}  // namespace hongtu::ui
