#pragma once
// 文件 → 导入表格…: pick a spreadsheet from a county office, confirm how it was read (encoding,
// header row, first rows), choose how it joins (code / name + county / coordinates in a stated
// system), look at the join report row by row, export it, and import the matched rows into the
// project as a layer. The dialog calls geo::readTable, geo::joinTable, geo::writeJoinReport
// and geo::importJoinedTable: the same code path as `hongtu join` / `hongtu import`.

#include <QDialog>
#include <QString>

#include <functional>
#include <optional>
#include <string>

#include "hongtu/geo/join.hpp"
#include "hongtu/geo/table.hpp"

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QStackedWidget;
class QTabWidget;
class QTableView;
class QTableWidget;

namespace hongtu::ui {

class JoinReportFilter;
class JoinReportModel;
class UnitsWithoutRowModel;

class ImportTableDialog : public QDialog {
    Q_OBJECT

public:
    enum class Method { Code = 0,
                        Name = 1,
                        Location = 2 };

    // `projectPath`: the GeoPackage the table is joined to and imported into.
    explicit ImportTableDialog(std::string projectPath, QWidget* parent = nullptr);
    ~ImportTableDialog() override;

    // The timestamp recorded with an import (ISO 8601 UTC); the default reads the system clock.
    void setClock(std::function<std::string()> clock) { clock_ = std::move(clock); }

    // What the buttons do, callable directly (tests, and a file passed in by the main window).
    // Each returns false after showing the error once in a message box.
    bool openTable(const QString& path);  // fills the sheet list, reads and previews the table
    bool reloadTable();                   // after a sheet/encoding/header-row change
    bool runJoin();                       // joins and shows the report page
    bool exportReport(const QString& path);
    bool importIntoProject();  // the layer name from layerNameEdit()

    [[nodiscard]] const std::optional<geo::Table>& table() const { return table_; }
    [[nodiscard]] geo::JoinOptions joinOptions() const;  // from the widgets

    // The widgets, for tests and for the screenshot in docs.
    [[nodiscard]] QComboBox* sheetBox() const { return sheetBox_; }
    [[nodiscard]] QComboBox* encodingBox() const { return encodingBox_; }
    [[nodiscard]] QSpinBox* headerRowBox() const { return headerRowBox_; }
    [[nodiscard]] QLabel* previewInfoLabel() const { return previewInfo_; }
    [[nodiscard]] QTableWidget* previewTable() const { return preview_; }
    [[nodiscard]] QComboBox* levelBox() const { return levelBox_; }
    [[nodiscard]] QComboBox* methodBox() const { return methodBox_; }
    [[nodiscard]] QComboBox* keyColumnBox() const { return keyColumn_; }
    [[nodiscard]] QComboBox* nameColumnBox() const { return nameColumn_; }
    [[nodiscard]] QComboBox* countyColumnBox() const { return countyColumn_; }
    [[nodiscard]] QComboBox* townshipColumnBox() const { return townshipColumn_; }
    [[nodiscard]] QComboBox* lonColumnBox() const { return lonColumn_; }
    [[nodiscard]] QComboBox* latColumnBox() const { return latColumn_; }
    [[nodiscard]] QComboBox* coordSystemBox() const { return coordSystem_; }
    [[nodiscard]] QLabel* countsLabel() const { return counts_; }
    [[nodiscard]] QComboBox* statusFilterBox() const { return statusFilter_; }
    [[nodiscard]] QLineEdit* textFilterEdit() const { return textFilter_; }
    [[nodiscard]] QTableView* reportView() const { return reportView_; }
    [[nodiscard]] QTableView* unitsView() const { return unitsView_; }
    [[nodiscard]] QTabWidget* reportTabs() const { return reportTabs_; }
    [[nodiscard]] JoinReportModel* reportModel() const { return reportModel_; }
    [[nodiscard]] JoinReportFilter* reportFilter() const { return reportFilter_; }
    [[nodiscard]] UnitsWithoutRowModel* unitsModel() const { return unitsModel_; }
    [[nodiscard]] QLineEdit* layerNameEdit() const { return layerName_; }
    [[nodiscard]] bool showingReport() const;

    // A layer name the import accepts (letters, digits, _), from the file's base name.
    [[nodiscard]] static QString suggestedLayerName(const QString& tablePath);

signals:
    // After a successful import: the project file changed and should be reloaded.
    void imported(const QString& layerName, const QString& summary);

private:
    QWidget* createSetupPage();
    QWidget* createReportPage();
    void browseForTable();
    void browseForReport();
    void fillSheets(const QString& path);
    void fillColumnChoices();
    void guessColumns();
    void showPreview();
    void showMethodFields();
    void showReport();
    void updateStatusFilter();
    void showError(const geo::Error& error, const QString& what);

    std::string projectPath_;
    std::function<std::string()> clock_;
    QString tablePath_;
    std::optional<geo::Table> table_;
    std::optional<geo::AdminUnits> units_;  // loaded once from the project
    bool fillingWidgets_ = false;           // suppresses reloads while widgets are refilled

    QStackedWidget* pages_ = nullptr;
    QLineEdit* fileEdit_ = nullptr;
    QComboBox* sheetBox_ = nullptr;
    QComboBox* encodingBox_ = nullptr;
    QSpinBox* headerRowBox_ = nullptr;
    QLabel* previewInfo_ = nullptr;
    QTableWidget* preview_ = nullptr;
    QComboBox* levelBox_ = nullptr;
    QComboBox* methodBox_ = nullptr;
    QFormLayout* joinForm_ = nullptr;
    QComboBox* keyColumn_ = nullptr;
    QComboBox* nameColumn_ = nullptr;
    QComboBox* countyColumn_ = nullptr;  // code joins: prefix check; name joins: disambiguation
    QComboBox* townshipColumn_ = nullptr;
    QComboBox* lonColumn_ = nullptr;
    QComboBox* latColumn_ = nullptr;
    QComboBox* coordSystem_ = nullptr;
    QPushButton* joinButton_ = nullptr;

    QLabel* reportTitle_ = nullptr;
    QLabel* counts_ = nullptr;
    QComboBox* statusFilter_ = nullptr;
    QLineEdit* textFilter_ = nullptr;
    QTabWidget* reportTabs_ = nullptr;
    QTableView* reportView_ = nullptr;
    QTableView* unitsView_ = nullptr;
    JoinReportModel* reportModel_ = nullptr;
    JoinReportFilter* reportFilter_ = nullptr;
    UnitsWithoutRowModel* unitsModel_ = nullptr;
    QLineEdit* layerName_ = nullptr;
    QLabel* importResult_ = nullptr;
};

}  // namespace hongtu::ui
