#include "ui/import_table_dialog.hpp"
#include "ui/background_task.hpp"

#include <QApplication>
#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QRegularExpressionValidator>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

#include "hongtu/geo/clock.hpp"
#include "hongtu/geo/datasource.hpp"
#include "hongtu/geo/layer_checks.hpp"
#include "hongtu/geo/project_import.hpp"
#include "ui/join_report_model.hpp"
#include "ui/screen_fit.hpp"

namespace hongtu::ui {

namespace {

constexpr int kPreviewRows = 20;

QString text(const std::string& s) { return QString::fromStdString(s); }

// The checks of `hongtu info` on the table, one a line, in the UI's language.
QString findingsText(const std::vector<geo::Finding>& findings) {
    const bool chinese = QLocale().language() == QLocale::Chinese;
    QStringList lines;
    for (const auto& f : findings)
        lines << (f.problem ? QCoreApplication::translate("hongtu::ui::ImportTableDialog", "Problem: %1")
                            : QCoreApplication::translate("hongtu::ui::ImportTableDialog", "Note: %1"))
                     .arg(text(chinese && !f.messageZh.empty() ? f.messageZh : f.message));
    return lines.join(QLatin1Char('\n'));
}

std::string currentUtcIso() {
    return geo::Clock().utcIso();
}

// The column combos hold the column name as item data; "" = none chosen.
std::string chosenColumn(const QComboBox* box) { return box->currentData().toString().toStdString(); }

void selectColumn(QComboBox* box, const QString& column) {
    const int i = box->findData(column);
    if (i >= 0) box->setCurrentIndex(i);
}

// The first column whose name contains one of `keywords` (tried in order) and none of `unless`.
QString findColumn(const std::vector<std::string>& columns, std::initializer_list<const char*> keywords,
                   std::initializer_list<const char*> unless = {}) {
    for (const char* keyword : keywords) {
        for (const auto& c : columns) {
            const QString name = text(c);
            if (!name.contains(QString::fromUtf8(keyword), Qt::CaseInsensitive)) continue;
            const bool excluded = std::any_of(unless.begin(), unless.end(), [&](const char* u) {
                return name.contains(QString::fromUtf8(u), Qt::CaseInsensitive);
            });
            if (!excluded) return name;
        }
    }
    return {};
}

bool isSpreadsheet(const QString& path) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    return suffix == QStringLiteral("xlsx") || suffix == QStringLiteral("ods") || suffix == QStringLiteral("xls");
}

}  // namespace

ImportTableDialog::ImportTableDialog(std::string projectPath, QWidget* parent)
    : QDialog(parent), projectPath_(std::move(projectPath)), clock_(currentUtcIso) {
    setWindowTitle(tr("Import table"));
    setObjectName(QStringLiteral("importTableDialog"));
    pages_ = new QStackedWidget(this);
    pages_->addWidget(createSetupPage());
    pages_->addWidget(createReportPage());
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(pages_);
    resize(1120, 720);
    fitToScreen(this);  // a 1024×700 screen: no larger than the screen
}

ImportTableDialog::~ImportTableDialog() = default;

bool ImportTableDialog::showingReport() const { return pages_->currentIndex() == 1; }

QString ImportTableDialog::suggestedLayerName(const QString& tablePath) {
    QString name = QFileInfo(tablePath).completeBaseName().toLower();
    name.replace(QRegularExpression(QStringLiteral("[^a-z0-9_]+")), QStringLiteral("_"));
    name.remove(QRegularExpression(QStringLiteral("^[_0-9]+|_+$")));
    if (name.isEmpty()) return QStringLiteral("imported_table");
    return (name + QStringLiteral("_import")).left(60);
}

// --- setup page --------------------------------------------------------------------------------

QWidget* ImportTableDialog::createSetupPage() {
    auto* page = new QWidget(this);
    auto* layout = new QVBoxLayout(page);

    auto* source = new QGroupBox(tr("Table"), page);
    auto* sourceForm = new QFormLayout(source);
    fileEdit_ = new QLineEdit(source);
    fileEdit_->setReadOnly(true);
    fileEdit_->setPlaceholderText(tr("CSV, XLSX, ODS or DBF file"));
    auto* browse = new QPushButton(tr("Browse…"), source);
    connect(browse, &QPushButton::clicked, this, &ImportTableDialog::browseForTable);
    auto* fileRow = new QHBoxLayout;
    fileRow->addWidget(fileEdit_, 1);
    fileRow->addWidget(browse);
    sourceForm->addRow(tr("File:"), fileRow);

    sheetBox_ = new QComboBox(source);
    encodingBox_ = new QComboBox(source);
    encodingBox_->addItem(tr("Detect automatically"), QString());
    encodingBox_->addItem(QStringLiteral("UTF-8"), QStringLiteral("utf-8"));
    encodingBox_->addItem(tr("GB18030 (GBK, Excel on Chinese Windows)"), QStringLiteral("gb18030"));
    headerRowBox_ = new QSpinBox(source);
    headerRowBox_->setRange(0, 1000);
    headerRowBox_->setSpecialValueText(tr("Detect automatically"));
    auto* readRow = new QHBoxLayout;
    readRow->addWidget(new QLabel(tr("Sheet:"), source));
    readRow->addWidget(sheetBox_, 1);
    readRow->addSpacing(12);
    readRow->addWidget(new QLabel(tr("Encoding:"), source));
    readRow->addWidget(encodingBox_, 1);
    readRow->addSpacing(12);
    readRow->addWidget(new QLabel(tr("Column names on row:"), source));
    readRow->addWidget(headerRowBox_);
    sourceForm->addRow(readRow);
    for (QComboBox* box : {sheetBox_, encodingBox_})
        connect(box, &QComboBox::currentIndexChanged, this, [this] {
            if (!fillingWidgets_ && !tablePath_.isEmpty()) reloadTable();
        });
    connect(headerRowBox_, &QSpinBox::valueChanged, this, [this] {
        if (!fillingWidgets_ && !tablePath_.isEmpty()) reloadTable();
    });
    layout->addWidget(source);

    auto* previewBox = new QGroupBox(tr("Preview: check that the Chinese text reads correctly"), page);
    auto* previewLayout = new QVBoxLayout(previewBox);
    previewInfo_ = new QLabel(tr("No table chosen yet."), previewBox);
    previewInfo_->setWordWrap(true);
    preview_ = new QTableWidget(previewBox);
    preview_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    preview_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    previewLayout->addWidget(previewInfo_);
    previewLayout->addWidget(preview_, 1);
    layout->addWidget(previewBox, 1);

    auto* joinBox = new QGroupBox(tr("Join"), page);
    joinForm_ = new QFormLayout(joinBox);
    levelBox_ = new QComboBox(joinBox);
    levelBox_->addItem(tr("Villages (12-digit codes)"), static_cast<int>(geo::AdminLevel::Village));
    levelBox_->addItem(tr("Townships (9-digit codes)"), static_cast<int>(geo::AdminLevel::Township));
    levelBox_->addItem(tr("Counties (6-digit codes)"), static_cast<int>(geo::AdminLevel::County));
    joinForm_->addRow(tr("Join to:"), levelBox_);
    methodBox_ = new QComboBox(joinBox);
    methodBox_->addItem(tr("By division code"), static_cast<int>(Method::Code));
    methodBox_->addItem(tr("By name, with the county/township columns"), static_cast<int>(Method::Name));
    methodBox_->addItem(tr("By coordinates (longitude/latitude columns)"), static_cast<int>(Method::Location));
    joinForm_->addRow(tr("Method:"), methodBox_);

    auto columnBox = [joinBox] {
        auto* box = new QComboBox(joinBox);
        box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        return box;
    };
    // Every method's rows live in the one form; showMethodFields() shows those of the method.
    keyColumn_ = columnBox();
    joinForm_->addRow(tr("Code column:"), keyColumn_);
    nameColumn_ = columnBox();
    townshipColumn_ = columnBox();
    joinForm_->addRow(tr("Name column:"), nameColumn_);
    joinForm_->addRow(tr("Township column (optional):"), townshipColumn_);
    lonColumn_ = columnBox();
    latColumn_ = columnBox();
    coordSystem_ = new QComboBox(joinBox);
    coordSystem_->addItem(tr("— state where the coordinates come from —"), -1);
    coordSystem_->addItem(tr("CGCS2000 (national surveying, Tianditu)"), static_cast<int>(geo::CoordSystem::Cgcs2000));
    coordSystem_->addItem(tr("WGS84 (GPS devices)"), static_cast<int>(geo::CoordSystem::Wgs84));
    coordSystem_->addItem(tr("GCJ-02 (copied from Amap/Gaode or Tencent maps)"), static_cast<int>(geo::CoordSystem::Gcj02));
    coordSystem_->addItem(tr("BD-09 (copied from Baidu maps)"), static_cast<int>(geo::CoordSystem::Bd09));
    joinForm_->addRow(tr("Longitude column:"), lonColumn_);
    joinForm_->addRow(tr("Latitude column:"), latColumn_);
    joinForm_->addRow(tr("Coordinate system:"), coordSystem_);
    countyColumn_ = columnBox();
    joinForm_->addRow(tr("County column (checks codes, tells names apart):"), countyColumn_);
    connect(methodBox_, &QComboBox::currentIndexChanged, this, &ImportTableDialog::showMethodFields);
    layout->addWidget(joinBox);

    auto* buttons = new QDialogButtonBox(page);
    joinButton_ = buttons->addButton(tr("Join and show the report"), QDialogButtonBox::AcceptRole);
    joinButton_->setEnabled(false);
    buttons->addButton(tr("Close"), QDialogButtonBox::RejectRole);
    connect(joinButton_, &QPushButton::clicked, this, [this] { runJoin(); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    showMethodFields();
    return page;
}

void ImportTableDialog::showMethodFields() {
    const auto method = static_cast<Method>(methodBox_->currentData().toInt());
    joinForm_->setRowVisible(keyColumn_, method == Method::Code);
    for (QWidget* w : {static_cast<QWidget*>(nameColumn_), static_cast<QWidget*>(townshipColumn_)})
        joinForm_->setRowVisible(w, method == Method::Name);
    for (QWidget* w : {static_cast<QWidget*>(lonColumn_), static_cast<QWidget*>(latColumn_), static_cast<QWidget*>(coordSystem_)})
        joinForm_->setRowVisible(w, method == Method::Location);
    joinForm_->setRowVisible(countyColumn_, method != Method::Location);
}

void ImportTableDialog::browseForTable() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Import table"), QFileInfo(tablePath_).path(),
                                                      tr("Tables (*.csv *.xlsx *.ods *.dbf);;All files (*)"));
    if (!path.isEmpty()) openTable(path);
}

void ImportTableDialog::fillSheets(const QString& path) {
    fillingWidgets_ = true;
    sheetBox_->clear();
    if (isSpreadsheet(path)) {
        if (auto source = geo::DataSource::open(path.toStdString()))
            for (const auto& layer : source->layers()) sheetBox_->addItem(text(layer.name), text(layer.name));
    }
    sheetBox_->setEnabled(sheetBox_->count() > 1);
    if (sheetBox_->count() == 0) sheetBox_->addItem(tr("(not a spreadsheet)"), QString());
    fillingWidgets_ = false;
}

bool ImportTableDialog::openTable(const QString& path) {
    tablePath_ = path;
    fileEdit_->setText(QDir::toNativeSeparators(path));
    fillSheets(path);
    layerName_->setText(suggestedLayerName(path));
    if (!reloadTable()) return false;
    guessColumns();
    return true;
}

bool ImportTableDialog::reloadTable() {
    geo::TableOptions options;
    options.sheet = sheetBox_->currentData().toString().toStdString();
    options.headerRow = headerRowBox_->value();
    if (const QString enc = encodingBox_->currentData().toString(); !enc.isEmpty()) {
        auto parsed = geo::parseEncodingName(enc.toStdString());
        if (parsed) options.encoding = *parsed;
    }
    QApplication::setOverrideCursor(Qt::WaitCursor);
    auto table = geo::readTable(tablePath_.toStdString(), options);
    QApplication::restoreOverrideCursor();
    if (!table) {
        table_.reset();
        showPreview();
        showError(table.error(), tr("The table could not be read."));
        return false;
    }
    table_ = std::move(table).value();
    showPreview();
    fillColumnChoices();
    return true;
}

void ImportTableDialog::showPreview() {
    preview_->clear();
    joinButton_->setEnabled(table_.has_value());
    if (!table_) {
        preview_->setRowCount(0);
        preview_->setColumnCount(0);
        previewInfo_->setText(tr("The table could not be read with these settings."));
        return;
    }
    const geo::Table& t = *table_;
    const QString how = t.encodingDetected ? tr("detected") : tr("chosen");
    previewInfo_->setText(tr("Encoding %1 (%2) · column names on row %3 · %n data row(s). The first rows:", "", static_cast<int>(t.rows.size()))
                              .arg(text(t.encoding), how)
                              .arg(t.headerRow));
    if (const QString checks = findingsText(geo::checkTable(t)); !checks.isEmpty())
        previewInfo_->setText(checks + QStringLiteral("\n") + previewInfo_->text());
    const int shown = std::min<int>(kPreviewRows, static_cast<int>(t.rows.size()));
    preview_->setColumnCount(static_cast<int>(t.columns.size()));
    preview_->setRowCount(shown);
    QStringList headers, rowNumbers;
    for (const auto& c : t.columns) headers << text(c);
    preview_->setHorizontalHeaderLabels(headers);
    for (int r = 0; r < shown; ++r) {
        rowNumbers << QString::number(t.rowNumbers[static_cast<std::size_t>(r)]);
        const auto& cells = t.rows[static_cast<std::size_t>(r)];
        for (std::size_t c = 0; c < cells.size(); ++c)
            preview_->setItem(r, static_cast<int>(c), new QTableWidgetItem(text(cells[c])));
    }
    preview_->setVerticalHeaderLabels(rowNumbers);  // the row numbers a planner sees in Excel
}

void ImportTableDialog::fillColumnChoices() {
    fillingWidgets_ = true;
    const auto fill = [this](QComboBox* box, bool optional) {
        const QString previous = box->currentData().toString();
        box->clear();
        if (optional) box->addItem(tr("(none)"), QString());
        for (const auto& c : table_->columns) box->addItem(text(c), text(c));
        selectColumn(box, previous);
    };
    fill(keyColumn_, false);
    fill(nameColumn_, false);
    fill(lonColumn_, false);
    fill(latColumn_, false);
    fill(countyColumn_, true);
    fill(townshipColumn_, true);
    fillingWidgets_ = false;
}

// Sensible first choices from the column names Chinese offices use; the planner confirms them.
void ImportTableDialog::guessColumns() {
    if (!table_) return;
    const auto& cols = table_->columns;
    const QString code = findColumn(cols, {"村代码", "区划代码", "代码", "code"}, {"县", "乡", "镇", "county"});
    const QString name = findColumn(cols, {"村名称", "村名", "名称", "name"}, {"县", "乡", "镇", "项目", "county"});
    const QString county = findColumn(cols, {"县", "county"}, {"代码", "code"});
    const QString township = findColumn(cols, {"乡镇", "乡", "镇", "township"}, {"代码", "code"});
    const QString lon = findColumn(cols, {"经度", "lon", "lng"});
    const QString lat = findColumn(cols, {"纬度", "lat"});
    fillingWidgets_ = true;
    selectColumn(keyColumn_, code);
    selectColumn(nameColumn_, name);
    selectColumn(countyColumn_, county);
    selectColumn(townshipColumn_, township);
    selectColumn(lonColumn_, lon);
    selectColumn(latColumn_, lat);
    const Method method = !code.isEmpty()                      ? Method::Code
                          : (!lon.isEmpty() && !lat.isEmpty()) ? Method::Location
                                                               : Method::Name;
    methodBox_->setCurrentIndex(methodBox_->findData(static_cast<int>(method)));
    fillingWidgets_ = false;
    showMethodFields();
}

geo::JoinOptions ImportTableDialog::joinOptions() const {
    geo::JoinOptions o;
    o.level = static_cast<geo::AdminLevel>(levelBox_->currentData().toInt());
    switch (static_cast<Method>(methodBox_->currentData().toInt())) {
        case Method::Code:
            o.keyColumn = chosenColumn(keyColumn_);
            o.countyColumn = chosenColumn(countyColumn_);
            break;
        case Method::Name:
            o.nameColumn = chosenColumn(nameColumn_);
            o.countyColumn = chosenColumn(countyColumn_);
            o.townshipColumn = chosenColumn(townshipColumn_);
            break;
        case Method::Location:
            o.lonColumn = chosenColumn(lonColumn_);
            o.latColumn = chosenColumn(latColumn_);
            if (const int cs = coordSystem_->currentData().toInt(); cs >= 0) o.coordSystem = static_cast<geo::CoordSystem>(cs);
            break;
    }
    return o;
}

bool ImportTableDialog::runJoin() {
    if (!table_) return false;
    const auto method = static_cast<Method>(methodBox_->currentData().toInt());
    if (method == Method::Location && coordSystem_->currentData().toInt() < 0) {
        // Never guessed: a wrong system shifts every point by hundreds of metres.
        showError({"state which coordinate system the longitude/latitude columns are in", table_->file, table_->sheet, {}},
                  tr("Choose the coordinate system first."));
        return false;
    }
    QApplication::setOverrideCursor(Qt::WaitCursor);
    auto project = geo::DataSource::open(projectPath_);
    std::optional<geo::Error> failure;
    if (!project) {
        failure = project.error();
    } else if (auto units = geo::loadAdminUnits(*project); !units) {
        failure = units.error();
    } else {
        units_ = std::move(units).value();
    }
    project = geo::Error{"closed", projectPath_, {}, {}};  // release the file: an import replaces it
    std::optional<geo::JoinReport> report;
    if (!failure) {
        if (auto r = geo::joinTable(*table_, *units_, joinOptions()))
            report = std::move(r).value();
        else
            failure = r.error();
    }
    QApplication::restoreOverrideCursor();
    if (failure) {
        showError(*failure, tr("The table could not be joined."));
        return false;
    }
    reportModel_->setReport(std::move(*report), *units_);
    unitsModel_->setReport(reportModel_->report(), reportModel_->units());
    showReport();
    pages_->setCurrentIndex(1);
    return true;
}

// --- report page -------------------------------------------------------------------------------

QWidget* ImportTableDialog::createReportPage() {
    auto* page = new QWidget(this);
    auto* layout = new QVBoxLayout(page);
    reportTitle_ = new QLabel(page);
    QFont titleFont = reportTitle_->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    reportTitle_->setFont(titleFont);
    reportTitle_->setWordWrap(true);
    counts_ = new QLabel(page);
    counts_->setTextFormat(Qt::RichText);
    counts_->setWordWrap(true);
    layout->addWidget(reportTitle_);
    layout->addWidget(counts_);

    auto* filterRow = new QHBoxLayout;
    statusFilter_ = new QComboBox(page);
    statusFilter_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    textFilter_ = new QLineEdit(page);
    textFilter_->setPlaceholderText(tr("code, name or words of the message"));
    textFilter_->setClearButtonEnabled(true);
    filterRow->addWidget(new QLabel(tr("Show:"), page));
    filterRow->addWidget(statusFilter_);
    filterRow->addSpacing(12);
    filterRow->addWidget(new QLabel(tr("Find:"), page));
    filterRow->addWidget(textFilter_, 1);
    layout->addLayout(filterRow);

    reportModel_ = new JoinReportModel(this);
    reportFilter_ = new JoinReportFilter(this);
    reportFilter_->setSourceModel(reportModel_);
    unitsModel_ = new UnitsWithoutRowModel(this);
    connect(statusFilter_, &QComboBox::currentIndexChanged, this, [this] {
        const QVariant v = statusFilter_->currentData();
        reportFilter_->setStatusFilter(v.isValid() ? v.toInt() : JoinReportFilter::AllStatuses);
    });
    connect(textFilter_, &QLineEdit::textChanged, reportFilter_, &QSortFilterProxyModel::setFilterFixedString);

    const auto makeView = [page](QAbstractItemModel* model) {
        auto* view = new QTableView(page);
        view->setModel(model);
        view->setSortingEnabled(true);
        view->setSelectionBehavior(QAbstractItemView::SelectRows);
        view->setAlternatingRowColors(true);
        view->setWordWrap(false);
        view->verticalHeader()->hide();
        view->horizontalHeader()->setStretchLastSection(true);
        return view;
    };
    reportTabs_ = new QTabWidget(page);
    reportView_ = makeView(reportFilter_);
    reportView_->sortByColumn(JoinReportModel::RowColumn, Qt::AscendingOrder);
    auto* unitsFilter = new QSortFilterProxyModel(this);
    unitsFilter->setSourceModel(unitsModel_);
    unitsView_ = makeView(unitsFilter);
    unitsView_->sortByColumn(UnitsWithoutRowModel::CodeColumn, Qt::AscendingOrder);
    reportTabs_->addTab(reportView_, tr("Rows of the table"));
    reportTabs_->addTab(unitsView_, tr("Features without rows"));
    layout->addWidget(reportTabs_, 1);

    auto* importRow = new QHBoxLayout;
    layerName_ = new QLineEdit(page);
    layerName_->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[A-Za-z][A-Za-z0-9_]{0,59}")), layerName_));
    auto* importButton = new QPushButton(tr("Import into project"), page);
    importButton->setObjectName(QStringLiteral("importButton"));
    auto* exportButton = new QPushButton(tr("Export report…"), page);
    exportButton->setObjectName(QStringLiteral("exportButton"));
    importRow->addWidget(new QLabel(tr("Layer name:"), page));
    importRow->addWidget(layerName_, 1);
    importRow->addWidget(importButton);
    importRow->addSpacing(24);
    importRow->addWidget(exportButton);
    layout->addLayout(importRow);
    importResult_ = new QLabel(page);
    importResult_->setWordWrap(true);
    layout->addWidget(importResult_);
    connect(importButton, &QPushButton::clicked, this, [this] { importIntoProject(); });
    connect(exportButton, &QPushButton::clicked, this, &ImportTableDialog::browseForReport);

    auto* buttons = new QDialogButtonBox(page);
    auto* back = buttons->addButton(tr("Back to the settings"), QDialogButtonBox::ResetRole);
    buttons->addButton(tr("Close"), QDialogButtonBox::RejectRole);
    connect(back, &QPushButton::clicked, this, [this] { pages_->setCurrentIndex(0); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    return page;
}

void ImportTableDialog::showReport() {
    const geo::JoinReport& r = reportModel_->report();
    const QString method = r.method == "code"   ? tr("by code")
                           : r.method == "name" ? tr("by name")
                                                : tr("by coordinates (stated as %1)").arg(text(r.coordSystem));
    const QString where = r.sheet.empty() || QFileInfo(text(r.file)).completeBaseName() == text(r.sheet)
                              ? QFileInfo(text(r.file)).fileName()
                              : QStringLiteral("%1 [%2]").arg(QFileInfo(text(r.file)).fileName(), text(r.sheet));
    reportTitle_->setText(tr("%1: %n row(s) joined to %2 %3", "", static_cast<int>(r.rows.size()))
                              .arg(where, adminLevelText(r.level), method));

    QStringList parts;
    for (geo::JoinStatus s : kJoinStatuses) {
        const std::size_t n = r.count(s);
        if (n == 0) continue;
        const QString colour = s == geo::JoinStatus::Matched ? QStringLiteral("#2e6b1f") : QStringLiteral("#b2401a");
        parts << QStringLiteral("<span style='color:%1'><b>%2</b> %3</span>").arg(colour).arg(n).arg(joinStatusText(s).toHtmlEscaped());
    }
    parts << tr("<b>%1</b> %2 of these counties without a row").arg(r.unitsWithoutRow.size()).arg(adminLevelText(r.level));
    QString countsText = parts.join(QStringLiteral(" &nbsp;·&nbsp; "));
    if (table_) {
        const geo::JoinOptions o = joinOptions();
        // The whole columns' diagnosis (swapped axes, Gauss-Krüger metres), as `hongtu info` gives it.
        if (const QString checks = findingsText(geo::checkTable(*table_, {o.lonColumn, o.latColumn})); !checks.isEmpty())
            countsText += QStringLiteral("<br><span style='color:#b2401a'>%1</span>")
                              .arg(checks.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>")));
    }
    counts_->setText(countsText);
    reportTabs_->setTabText(1, tr("Features without rows (%1)").arg(r.unitsWithoutRow.size()));
    reportTabs_->setTabText(0, tr("Rows of the table (%1)").arg(r.rows.size()));
    updateStatusFilter();
    textFilter_->clear();
    importResult_->clear();
    for (QPushButton* b : findChildren<QPushButton*>(QStringLiteral("importButton")))
        b->setEnabled(r.count(geo::JoinStatus::Matched) > 0);
    reportView_->resizeColumnsToContents();
    for (int c : {JoinReportModel::CandidatesColumn, JoinReportModel::KeyColumn})
        reportView_->setColumnWidth(c, std::min(reportView_->columnWidth(c), 260));
    unitsView_->resizeColumnsToContents();
}

void ImportTableDialog::updateStatusFilter() {
    const geo::JoinReport& r = reportModel_->report();
    statusFilter_->blockSignals(true);
    statusFilter_->clear();
    statusFilter_->addItem(tr("All statuses (%1)").arg(r.rows.size()), JoinReportFilter::AllStatuses);
    // Rows that did not join are what the planner has to act on: offered together first.
    statusFilter_->addItem(tr("Everything not matched (%1)").arg(r.rows.size() - r.count(geo::JoinStatus::Matched)),
                           JoinReportFilter::NotMatched);
    for (geo::JoinStatus s : kJoinStatuses)
        if (const std::size_t n = r.count(s); n > 0)
            statusFilter_->addItem(QStringLiteral("%1 (%2)").arg(joinStatusText(s)).arg(n), static_cast<int>(s));
    statusFilter_->blockSignals(false);
    statusFilter_->setCurrentIndex(0);
    reportFilter_->setStatusFilter(JoinReportFilter::AllStatuses);
}

void ImportTableDialog::browseForReport() {
    const QString base = QFileInfo(tablePath_).path() + QStringLiteral("/") + QFileInfo(tablePath_).completeBaseName() +
                         QStringLiteral("_join_report.xlsx");
    const QString path = QFileDialog::getSaveFileName(this, tr("Export join report"), base,
                                                      tr("Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv)"));
    if (!path.isEmpty()) exportReport(path);
}

bool ImportTableDialog::exportReport(const QString& path) {
    if (!units_ || reportModel_->rowCount() == 0) return false;
    auto status = geo::writeJoinReport(path.toStdString(), reportModel_->report(), reportModel_->units());
    if (!status) {
        showError(status.error(), tr("The report could not be written."));
        return false;
    }
    importResult_->setText(tr("Report written to %1").arg(QDir::toNativeSeparators(path)));
    return true;
}

bool ImportTableDialog::importIntoProject() {
    if (!table_ || !units_) return false;
    geo::ImportOptions options;
    options.layerName = layerName_->text().toStdString();
    options.importedAt = clock_();
    QApplication::setOverrideCursor(Qt::WaitCursor);
    // Off the UI thread: the import may wait for another program's lock on the project.
    auto summary = runInBackground(
        [&] { return geo::importJoinedTable(projectPath_, *table_, reportModel_->report(), reportModel_->units(), options); });
    QApplication::restoreOverrideCursor();
    if (!summary) {
        showError(summary.error(), tr("Nothing was imported; the project is unchanged."));
        return false;
    }
    QString message = tr("Imported %n row(s) into the layer '%1'.", "", static_cast<int>(summary->imported)).arg(layerName_->text());
    if (summary->skipped > 0)
        message += QLatin1Char(' ') + tr("%n row(s) that did not match were left out.", "", static_cast<int>(summary->skipped));
    if (summary->replacedPrevious)
        message += QLatin1Char(' ') + tr("Replaced the previous import: %1 added, %2 removed, %3 changed, %4 unchanged.")
                                          .arg(summary->added)
                                          .arg(summary->removed)
                                          .arg(summary->changed)
                                          .arg(summary->unchanged);
    importResult_->setText(message);
    emit imported(layerName_->text(), message);
    return true;
}

void ImportTableDialog::showError(const geo::Error& error, const QString& what) {
    QStringList where;
    // No password of a PG: project in a dialog.
    if (!error.file.empty()) where << tr("File: %1").arg(QDir::toNativeSeparators(text(geo::redactConnectionString(error.file))));
    if (!error.layer.empty()) where << tr("Sheet/layer: %1").arg(text(error.layer));
    if (error.row) where << tr("Row: %1").arg(*error.row);
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Import table"), what, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("importErrorBox"));
    box->setInformativeText(text(geo::redactConnectionString(error.message)) + (where.isEmpty() ? QString() : QStringLiteral("\n\n") + where.join(QLatin1Char('\n'))));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();  // window-modal, not a nested event loop: the dialog stays scriptable
}

}  // namespace hongtu::ui
