#pragma once
// 进度 → 导入台账…: a county's monthly ledger as a snapshot as of a date. Preview first (how the
// columns were read, then every change the import will make: added / moved / backwards / vanished /
// planned date changed / row errors, each with the join rule that matched the row), then apply
// (one transaction, geo::applyLedgerPlan). The same code path as `hongtu ledger import`.

#include <QDialog>

#include <optional>
#include <string>

#include "hongtu/geo/ledger.hpp"

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;

namespace hongtu::ui {

class LedgerImportDialog : public QDialog {
    Q_OBJECT

public:
    explicit LedgerImportDialog(std::string projectPath, QWidget* parent = nullptr);

    // What the buttons do (tests and the wizard call them directly). false after showing the error.
    bool preview();  // reads the ledger and the project, fills the mapping and the change table
    bool apply();    // writes the previewed plan; emits applied()

    void setLedger(const QString& path);
    void setAsOf(const QDate& day);
    void setRecordedAt(std::string iso) { recordedAt_ = std::move(iso); }  // default: the clock
    [[nodiscard]] const std::optional<geo::LedgerPlan>& plan() const { return plan_; }
    [[nodiscard]] QTableWidget* changeTable() const { return changes_; }

signals:
    // After a successful apply: the ledger's date (the map moves to it) and a one-line summary.
    void applied(const QDate& asOf, const QString& summary);

private:
    geo::LedgerOptions options() const;

    std::string projectPath_;
    std::string recordedAt_;
    QLineEdit* file_ = nullptr;
    QDateEdit* asOf_ = nullptr;
    QComboBox* kind_ = nullptr;
    QCheckBox* strict_ = nullptr;
    QPlainTextEdit* mapping_ = nullptr;
    QTableWidget* changes_ = nullptr;
    QLabel* summary_ = nullptr;
    QPushButton* applyButton_ = nullptr;
    std::optional<geo::LedgerPlan> plan_;
};

}  // namespace hongtu::ui
