#pragma once
// 文件 → 新建项目…: a new project from the planner's own files, in three pages: the county
// boundaries (file, code and name fields, title), the villages (the planner's list or the
// official division list), then the check report (fields and encoding detected, villages outside
// their county) and the first monthly ledger with its preview. The same code path as
// `hongtu new` and `hongtu ledger import` (geo::createProject, geo::planLedgerImport).

#include <QWizard>

#include <optional>
#include <string>

#include "hongtu/geo/ledger.hpp"
#include "hongtu/geo/new_project.hpp"

class QComboBox;
class QDateEdit;
class QLineEdit;
class QPlainTextEdit;

namespace hongtu::ui {

class NewProjectWizard : public QWizard {
    Q_OBJECT

public:
    explicit NewProjectWizard(QWidget* parent = nullptr);

    // The fields, for tests and the screenshot in the README.
    void setProjectPath(const QString& path);
    void setCounties(const QString& path);
    void setVillages(const QString& path);
    void setDivision(const QString& dir);
    void setLedger(const QString& path, const QDate& asOf);
    void setNow(std::string iso) { now_ = std::move(iso); }  // default: the clock

    // Creates the project from pages 1 and 2 (false after showing the error, nothing written).
    bool createProject();
    // Previews the first ledger on page 3; applyLedger writes it (done by finishing the wizard).
    bool previewLedger();
    bool applyLedger();

    [[nodiscard]] const std::optional<geo::NewProjectReport>& report() const { return report_; }
    [[nodiscard]] QString projectPath() const;
    [[nodiscard]] QPlainTextEdit* reportView() const { return reportView_; }

    // Finish: imports the first ledger when one was chosen (stays open when that fails).
    void accept() override;

private:
    std::string nowIso() const;

    QLineEdit* projectFile_ = nullptr;
    QLineEdit* counties_ = nullptr;
    QLineEdit* codeField_ = nullptr;
    QLineEdit* nameField_ = nullptr;
    QLineEdit* title_ = nullptr;
    QLineEdit* villages_ = nullptr;
    QLineEdit* division_ = nullptr;
    QComboBox* coords_ = nullptr;
    QPlainTextEdit* reportView_ = nullptr;
    QLineEdit* ledger_ = nullptr;
    QDateEdit* ledgerDate_ = nullptr;
    QPlainTextEdit* ledgerView_ = nullptr;
    std::optional<geo::NewProjectReport> report_;
    std::optional<geo::LedgerPlan> plan_;
    std::string now_;
};

}  // namespace hongtu::ui
