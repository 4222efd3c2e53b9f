#pragma once
// 记录进度变更: one status change for one project (stage, the day it happened, a note, who).
// The dialog only collects the change; ProgressSession validates it, and a refused change keeps
// the dialog open with the reason.

#include <QDialog>

#include <functional>

#include "hongtu/geo/progress/progress.hpp"

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;

namespace hongtu::ui {

class StatusEditDialog : public QDialog {
    Q_OBJECT

public:
    // `model` lists the projects (for the completer and the current stage); `projectId` is the
    // project selected on the map or in a list (may be empty); `date` the day proposed.
    StatusEditDialog(const geo::progress::ProgressModel& model, const QString& projectId, geo::Date date, QWidget* parent = nullptr);

    // Called on OK with the typed change; an empty answer accepts, a text is shown and the
    // dialog stays open.
    void setValidator(std::function<QString(const geo::progress::ChangeRequest&)> validator) { validator_ = std::move(validator); }

    [[nodiscard]] geo::progress::ChangeRequest request() const;
    [[nodiscard]] QLineEdit* projectEdit() const { return project_; }
    [[nodiscard]] QComboBox* stageBox() const { return stage_; }
    [[nodiscard]] QDateEdit* dateEdit() const { return date_; }
    [[nodiscard]] QLineEdit* noteEdit() const { return note_; }
    [[nodiscard]] QLineEdit* whoEdit() const { return who_; }
    [[nodiscard]] QLabel* messageLabel() const { return message_; }
    [[nodiscard]] QLabel* currentLabel() const { return current_; }  // 当前: the status on the form's day

    void accept() override;

private:
    void showCurrent();

    const geo::progress::ProgressModel& model_;
    QLineEdit* project_ = nullptr;
    QLabel* current_ = nullptr;
    QComboBox* stage_ = nullptr;
    QDateEdit* date_ = nullptr;
    QLineEdit* note_ = nullptr;
    QLineEdit* who_ = nullptr;
    QLabel* message_ = nullptr;
    std::function<QString(const geo::progress::ChangeRequest&)> validator_;
};

}  // namespace hongtu::ui
