#include "ui/progress_session.hpp"
#include "ui/background_task.hpp"

#include "hongtu/geo/datasource.hpp"
#include "hongtu/geo/progress/status_saving.hpp"

#include "render/progress_theme.hpp"

#include <QCoreApplication>
#include <QDateTime>
#include <QScopedValueRollback>
#include <QSettings>
#include <QUndoCommand>

#ifdef Q_OS_UNIX
#include <pwd.h>
#include <unistd.h>
#include "hongtu/geo/clock.hpp"
#endif

namespace hongtu::ui {

// One validated batch: the first redo is the apply itself, later ones re-apply it.
class ProgressEditCommand : public QUndoCommand {
public:
    ProgressEditCommand(ProgressSession& session, const QString& text) : session_(session) { setText(text); }
    void redo() override {
        if (first_) {
            first_ = false;
        } else {
            session_.session_.redo();
        }
        session_.publish();
    }
    void undo() override {
        session_.session_.undo();
        session_.publish();
    }

private:
    ProgressSession& session_;
    bool first_ = true;
};

namespace {
// A status word as stored ("completed") in the UI's words (已完工, as the legend); unknown words as they are.
QString stageText(const QString& word) {
    if (const auto stage = geo::progress::parseStage(word.toStdString())) return QString::fromUtf8(render::stageDisplayName(*stage));
    return word;
}
}  // namespace

QString describeProblem(const geo::Error& problem) {
    // By code and arguments (geo::ErrorCode); the message is only shown, never read.
    const auto arg = [&problem](const char* key) {
        const auto it = problem.args.find(key);
        return it == problem.args.end() ? QString() : QString::fromStdString(it->second);
    };
    const QString project = arg("project");
    QString text;
    switch (problem.code) {
        case geo::ErrorCode::ProgressVersionConflict:
            text = arg("latest_status").isEmpty()
                       ? QCoreApplication::translate("hongtu::ui::ProgressSession", "project %1 was changed by another editor after you loaded it; your change was not saved: check the status and enter it again")
                             .arg(project)
                       : QCoreApplication::translate("hongtu::ui::ProgressSession", "project %1 was changed by another editor after you loaded it (latest: %2 on %3, recorded by %4); your change was not saved: check the status and enter it again")
                             .arg(project, stageText(arg("latest_status")), arg("latest_date"),
                                  arg("latest_who").isEmpty() ? QStringLiteral("?") : arg("latest_who"));
            break;
        case geo::ErrorCode::ProgressChangedByOtherEditor:
            text = arg("latest_status").isEmpty()
                       ? QCoreApplication::translate("hongtu::ui::ProgressSession", "project %1 was changed by another editor; your unsaved change to %2 on %3 was dropped: check the status and enter it again")
                             .arg(project, stageText(arg("status")), arg("date"))
                       : QCoreApplication::translate("hongtu::ui::ProgressSession", "project %1 was changed by another editor (now %2 since %3, recorded by %4); your unsaved change to %5 on %6 was dropped: check the status and enter it again")
                             .arg(project, stageText(arg("latest_status")), arg("latest_date"),
                                  arg("latest_who").isEmpty() ? QStringLiteral("?") : arg("latest_who"), stageText(arg("status")),
                                  arg("date"));
            break;
        case geo::ErrorCode::ProgressProjectVanished:
            text = QCoreApplication::translate("hongtu::ui::ProgressSession", "project %1 no longer exists; your unsaved change to %2 on %3 was dropped")
                       .arg(project, stageText(arg("status")), arg("date"));
            break;
        case geo::ErrorCode::ProgressChangeDropped:
            text = QCoreApplication::translate("hongtu::ui::ProgressSession", "%1; your unsaved change to %2 on %3 was dropped")
                       .arg(problem.details.empty() ? QString() : describeProblem(problem.details.front()), stageText(arg("status")),
                            arg("date"));
            break;
        case geo::ErrorCode::ProgressProjectIdEmpty: text = QCoreApplication::translate("hongtu::ui::ProgressSession", "the project id is empty"); break;
        case geo::ErrorCode::ProgressProjectUnknown: text = QCoreApplication::translate("hongtu::ui::ProgressSession", "project %1 does not exist").arg(project); break;
        case geo::ErrorCode::ProgressStatusUnknown:
            text = QCoreApplication::translate("hongtu::ui::ProgressSession", "project %1: unknown status '%2'; use 计划, 在建, 完工 or 验收").arg(project, arg("status"));
            break;
        case geo::ErrorCode::ProgressDateInvalid:
            text = QCoreApplication::translate("hongtu::ui::ProgressSession", "project %1: '%2' is not a date; write it like 2018-07-01").arg(project, arg("date"));
            break;
        case geo::ErrorCode::ProgressDateAfterToday:
            text = QCoreApplication::translate("hongtu::ui::ProgressSession", "project %1: the date %2 is after today (%3)").arg(project, arg("date"), arg("today"));
            break;
        case geo::ErrorCode::ProgressWhoMissing: text = QCoreApplication::translate("hongtu::ui::ProgressSession", "project %1: who made the change is missing").arg(project); break;
        case geo::ErrorCode::ProgressDateBeforePrevious:
            text = QCoreApplication::translate("hongtu::ui::ProgressSession", "project %1: the date %2 is before its previous change (%3 on %4)")
                       .arg(project, arg("date"), stageText(arg("prev_status")), arg("prev_date"));
            break;
        case geo::ErrorCode::ProgressStatusBackwards:
            text = QCoreApplication::translate("hongtu::ui::ProgressSession", "project %1: cannot move back from %2 (since %3) to %4; the status only moves forward")
                       .arg(project, stageText(arg("prev_status")), arg("prev_date"), stageText(arg("status")));
            break;
        case geo::ErrorCode::ProgressStatusUnchanged:
            text = QCoreApplication::translate("hongtu::ui::ProgressSession", "project %1 is already %2 since %3").arg(project, stageText(arg("prev_status")), arg("prev_date"));
            break;
        case geo::ErrorCode::ProgressSaveConflict:
        case geo::ErrorCode::Unspecified:
            text = QString::fromStdString(problem.message);  // an error without a code: as the store wrote it
            break;
    }
    if (problem.row) text = QCoreApplication::translate("hongtu::ui::ProgressSession", "Row %1: %2").arg(*problem.row).arg(text);
    return text;
}

QString describeProblems(const geo::progress::BatchCheck& check) {
    QStringList lines;
    lines << QCoreApplication::translate("hongtu::ui::ProgressSession", "%1 of %2 change(s) refused, nothing was recorded:").arg(check.problems.size()).arg(check.batchSize);
    for (const auto& p : check.problems) lines << QStringLiteral("  • ") + describeProblem(p);
    return lines.join(QLatin1Char('\n'));
}

std::string utcNow() {
    return geo::Clock().utcIso();
}

QString osUserName() {
#ifdef Q_OS_UNIX
    if (const passwd* pw = getpwuid(getuid())) {
        // GECOS: "Full Name,room,phone,..."; the first part is the full name.
        const QString full = QString::fromLocal8Bit(pw->pw_gecos ? pw->pw_gecos : "").section(QLatin1Char(','), 0, 0).trimmed();
        if (!full.isEmpty()) return full;
        if (pw->pw_name && *pw->pw_name) return QString::fromLocal8Bit(pw->pw_name);
    }
#endif
    QString name = qEnvironmentVariable("USER");
    if (name.isEmpty()) name = qEnvironmentVariable("USERNAME");
    return name;
}

QString proposedRecorder() {
    const QString remembered = QSettings().value(QStringLiteral("progress/recordedBy")).toString().trimmed();
    return remembered.isEmpty() ? osUserName() : remembered;
}

void rememberRecorder(const QString& name) {
    if (!name.trimmed().isEmpty()) QSettings().setValue(QStringLiteral("progress/recordedBy"), name.trimmed());
}

ProgressSession::ProgressSession(std::string projectPath, geo::progress::ProgressModel saved, QObject* parent)
    : QObject(parent), path_(std::move(projectPath)), session_(std::move(saved)) {
    current_ = std::make_shared<const geo::progress::ProgressModel>(session_.current());
}

void ProgressSession::publish() {
    if (quiet_) return;
    current_ = std::make_shared<const geo::progress::ProgressModel>(session_.current());
    emit modelChanged();
}

QString ProgressSession::apply(const std::vector<geo::progress::ChangeRequest>& batch, const std::string& recordedAt, const QString& label) {
    const geo::progress::BatchCheck check = session_.apply(batch, recordedAt);
    if (!check.ok()) return describeProblems(check);
    if (check.changes.empty()) return tr("There is no status change to record.");  // nothing applied, no undo step
    undo_.push(new ProgressEditCommand(*this, label));                             // its first redo publishes
    return {};
}

QString ProgressSession::save(const std::string& recordedAt, std::function<void(std::size_t)> afterRow) {
    if (saving_) return tr("A save is already running.");
    lastSaveConflicted_ = false;
    const auto pending = session_.pending();
    if (pending.empty()) return {};
    geo::progress::RecordOptions options;
    options.recordedAt = recordedAt;
    options.afterRow = std::move(afterRow);
    options.expectedVersions = session_.expectedVersions();
    // The save and the read after it wait on the disk, the network or another program's lock:
    // they run off the UI thread, which keeps repainting while it holds user input back.
    struct Outcome {
        geo::Result<geo::progress::RecordSummary> saved;
        std::optional<geo::Result<geo::progress::ProgressModel>> reloaded;
    };
    saving_ = true;
    emit savingChanged(true);
    const auto requests = geo::progress::toRequests(pending);
    Outcome outcome = runInBackground([path = path_, requests, options]() -> Outcome {
        Outcome o{geo::progress::saveStatusChanges(path, requests, options), std::nullopt};
        if (o.saved) o.reloaded = geo::progress::loadProgress(path);
        return o;
    });
    saving_ = false;
    emit savingChanged(false);
    auto& saved = outcome.saved;
    if (!saved) {
        if (saved.error().code == geo::ErrorCode::ProgressSaveConflict) {
            lastSaveConflicted_ = true;
            QStringList lines;
            for (const auto& conflict : saved.error().details) lines << QStringLiteral("  • ") + describeProblem(conflict);
            return tr("Nothing was saved: another editor changed the same project(s) after you loaded them.") +
                   QLatin1Char('\n') + lines.join(QLatin1Char('\n'));
        }
        return tr("Nothing was saved: %1").arg(QString::fromStdString(geo::redactConnectionString(saved.error().toString())));
    }
    auto& reloaded = *outcome.reloaded;
    if (!reloaded)
        return tr("The changes were saved, but the project could not be read again: %1")
            .arg(QString::fromStdString(geo::redactConnectionString(reloaded.error().toString())));
    session_.markSaved(std::move(reloaded).value());
    undo_.clear();
    publish();
    return {};
}

QString ProgressSession::rebase(geo::progress::ProgressModel fresh) {
    QStringList labels;  // the names of the steps that are done (the undo stack's lower part)
    for (int i = 0; i < undo_.index(); ++i) labels << undo_.text(i);
    const geo::progress::EditSession::Rebase result = session_.rebase(std::move(fresh));
    undo_.clear();
    {
        const QScopedValueRollback<bool> quiet(quiet_, true);  // one publish below, not one per step
        for (const std::size_t step : result.keptSteps)
            undo_.push(new ProgressEditCommand(*this, step < static_cast<std::size_t>(labels.size()) ? labels[static_cast<int>(step)] : QString()));
    }
    publish();
    if (result.dropped.empty()) return {};
    QStringList lines;
    lines << tr("%n unsaved status change(s) could not be kept after reading the project again:", "",
                static_cast<int>(result.dropped.size()));
    for (const auto& reason : result.reasons) lines << QStringLiteral("  • ") + describeProblem(reason);
    return lines.join(QLatin1Char('\n'));
}

}  // namespace hongtu::ui
