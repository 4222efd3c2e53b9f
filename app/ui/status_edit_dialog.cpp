#include "ui/status_edit_dialog.hpp"

#include <QComboBox>
#include <QCompleter>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QStringList>
#include <QVBoxLayout>

#include "render/progress_theme.hpp"
#include "render/qt_convert.hpp"
#include "ui/date_field.hpp"
#include "ui/progress_session.hpp"
#include "ui/screen_fit.hpp"

namespace hongtu::ui {

namespace {
using render::toQDate;
}  // namespace

StatusEditDialog::StatusEditDialog(const geo::progress::ProgressModel& model, const QString& projectId, geo::Date date, QWidget* parent)
    : QDialog(parent), model_(model) {
    setWindowTitle(tr("Record a status change"));
    auto* form = new QFormLayout;
    project_ = new QLineEdit(projectId, this);
    project_->setObjectName(QStringLiteral("projectIdEdit"));
    QStringList ids;
    for (const auto& p : model.projects()) ids << QString::fromStdString(p.id);
    auto* completer = new QCompleter(ids, project_);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    project_->setCompleter(completer);
    form->addRow(tr("Project"), project_);
    current_ = new QLabel(this);
    current_->setWordWrap(true);
    form->addRow(tr("Now"), current_);
    stage_ = new QComboBox(this);
    for (geo::progress::Stage s : {geo::progress::Stage::Planned, geo::progress::Stage::UnderConstruction, geo::progress::Stage::Completed, geo::progress::Stage::Accepted})
        stage_->addItem(QString::fromUtf8(render::stageDisplayName(s)), QString::fromUtf8(geo::progress::stageWord(s)));
    form->addRow(tr("New status"), stage_);
    date_ = new DateField(toQDate(date), this);
    date_->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    date_->setCalendarPopup(true);
    form->addRow(tr("Date of the change"), date_);
    note_ = new QLineEdit(this);
    form->addRow(tr("Note"), note_);
    who_ = new QLineEdit(proposedRecorder(), this);
    who_->setObjectName(QStringLiteral("recordedByEdit"));
    form->addRow(tr("Recorded by"), who_);
    message_ = new QLabel(this);
    message_->setWordWrap(true);
    message_->setStyleSheet(QStringLiteral("color: #b00000"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &StatusEditDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &StatusEditDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(message_);
    layout->addWidget(buttons);
    connect(project_, &QLineEdit::textChanged, this, &StatusEditDialog::showCurrent);
    connect(date_, &QDateEdit::dateChanged, this, &StatusEditDialog::showCurrent);  // 当前 = on the chosen day
    showCurrent();
    resize(460, sizeHint().height());
    fitToScreen(this);
}

void StatusEditDialog::showCurrent() {
    const auto index = model_.indexOf(project_->text().trimmed().toStdString());
    if (!index) {
        current_->setText(tr("(no such project)"));
        return;
    }
    const geo::progress::Project& p = model_.projects()[*index];
    QString text = QString::fromStdString(p.name);
    // The status on the form's day: the last change dated on or before it.
    const QDate day = date_->date();
    const geo::progress::StatusChange* last = nullptr;
    for (const geo::progress::StatusChange* c : model_.historyOf(*index))
        if (QDate(c->date.year, c->date.month, c->date.day) <= day && (!last || !(c->date < last->date))) last = c;
    if (last) {
        text += QStringLiteral(" — ") + tr("%1 since %2").arg(QString::fromUtf8(render::stageDisplayName(last->stage)), QString::fromStdString(last->date.iso()));
        // Propose the next stage.
        const int next = std::min(3, static_cast<int>(last->stage) + 1);
        stage_->setCurrentIndex(next);
    } else {
        text += QStringLiteral(" — ") + tr("no change recorded yet");
    }
    if (p.plannedCompletion) text += QStringLiteral("；") + tr("planned completion %1").arg(QString::fromStdString(p.plannedCompletion->iso()));
    current_->setText(text);
}

geo::progress::ChangeRequest StatusEditDialog::request() const {
    geo::progress::ChangeRequest r;
    r.projectId = project_->text().trimmed().toStdString();
    r.status = stage_->currentData().toString().toStdString();
    r.date = date_->date().toString(Qt::ISODate).toStdString();
    r.note = note_->text().toStdString();
    r.who = who_->text().trimmed().toStdString();
    return r;
}

void StatusEditDialog::accept() {
    if (validator_) {
        const QString problem = validator_(request());
        if (!problem.isEmpty()) {
            message_->setText(problem);
            return;
        }
    }
    rememberRecorder(who_->text());
    QDialog::accept();
}

}  // namespace hongtu::ui
