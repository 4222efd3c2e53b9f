#include "ui/ledger_import_dialog.hpp"
#include "ui/screen_fit.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include "hongtu/geo/clock.hpp"
#include "render/qgis_style.hpp"
#include "render/qt_convert.hpp"

namespace hongtu::ui {

LedgerImportDialog::LedgerImportDialog(std::string projectPath, QWidget* parent)
    : QDialog(parent), projectPath_(std::move(projectPath)) {
    setWindowTitle(tr("Import ledger"));
    setObjectName(QStringLiteral("ledgerImportDialog"));
    auto* form = new QFormLayout;
    file_ = new QLineEdit(this);
    file_->setObjectName(QStringLiteral("ledgerFile"));
    auto* browse = new QPushButton(tr("Browse…"), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Ledger"), QString(), tr("Ledgers (*.xlsx *.ods *.csv)"));
        if (!path.isEmpty()) setLedger(path);
    });
    auto* fileRow = new QHBoxLayout;
    fileRow->addWidget(file_, 1);
    fileRow->addWidget(browse);
    form->addRow(tr("Ledger file"), fileRow);
    asOf_ = new QDateEdit(render::toQDate(geo::Clock().today()), this);
    asOf_->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    asOf_->setCalendarPopup(true);
    form->addRow(tr("Ledger date (as of)"), asOf_);
    kind_ = new QComboBox(this);
    kind_->addItem(tr("Activity venues (village or community by the village)"), QStringLiteral("venue"));
    kind_->addItem(tr("Village activity venues"), QStringLiteral("village_venue"));
    kind_->addItem(tr("Community activity venues"), QStringLiteral("community_venue"));
    kind_->addItem(tr("Township housing"), QStringLiteral("housing"));
    form->addRow(tr("Projects"), kind_);
    strict_ = new QCheckBox(tr("Refuse the whole ledger when a row has an error"), this);
    form->addRow(QString(), strict_);

    mapping_ = new QPlainTextEdit(this);
    mapping_->setReadOnly(true);
    mapping_->setMaximumHeight(130);
    changes_ = new QTableWidget(0, 7, this);
    changes_->setObjectName(QStringLiteral("ledgerChanges"));
    changes_->setHorizontalHeaderLabels({tr("Row"), tr("Change"), tr("Project"), tr("Name"), tr("Status"), tr("Rule"), tr("Note")});
    changes_->horizontalHeader()->setStretchLastSection(true);
    changes_->verticalHeader()->hide();
    changes_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    summary_ = new QLabel(this);
    summary_->setWordWrap(true);

    auto* buttons = new QDialogButtonBox(this);
    auto* previewButton = buttons->addButton(tr("Preview"), QDialogButtonBox::ActionRole);
    applyButton_ = buttons->addButton(tr("Apply"), QDialogButtonBox::AcceptRole);
    applyButton_->setEnabled(false);
    buttons->addButton(QDialogButtonBox::Close)->setText(tr("Close"));
    connect(previewButton, &QPushButton::clicked, this, [this] { preview(); });
    connect(applyButton_, &QPushButton::clicked, this, [this] {
        if (apply()) accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (QObject* w : {static_cast<QObject*>(file_), static_cast<QObject*>(asOf_), static_cast<QObject*>(kind_)}) {
        if (auto* e = qobject_cast<QLineEdit*>(w)) connect(e, &QLineEdit::textChanged, this, [this] { applyButton_->setEnabled(false); });
        if (auto* d = qobject_cast<QDateEdit*>(w)) connect(d, &QDateEdit::dateChanged, this, [this] { applyButton_->setEnabled(false); });
        if (auto* c = qobject_cast<QComboBox*>(w))
            connect(c, &QComboBox::currentIndexChanged, this, [this] { applyButton_->setEnabled(false); });
    }

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("Columns as read"), this));
    layout->addWidget(mapping_);
    layout->addWidget(new QLabel(tr("Changes the import will make"), this));
    layout->addWidget(changes_, 1);
    layout->addWidget(summary_);
    layout->addWidget(buttons);
    resize(980, 640);
    fitToScreen(this);  // a 1024×700 screen: no larger than the screen, less its title bar
}

void LedgerImportDialog::setLedger(const QString& path) { file_->setText(path); }
void LedgerImportDialog::setAsOf(const QDate& day) { asOf_->setDate(day); }

geo::LedgerOptions LedgerImportDialog::options() const {
    geo::LedgerOptions o;
    o.asOf = asOf_->date().toString(Qt::ISODate).toStdString();
    o.kind = geo::parseLedgerKind(kind_->currentData().toString().toStdString());
    o.strict = strict_->isChecked();
    o.recordedAt = recordedAt_.empty() ? geo::Clock().utcIso() : recordedAt_;
    o.who = tr("ledger import").toStdString();
    return o;
}

bool LedgerImportDialog::preview() {
    applyButton_->setEnabled(false);
    plan_.reset();
    changes_->setRowCount(0);
    auto plan = geo::planLedgerImport(projectPath_, file_->text().toStdString(), options());
    if (!plan) {
        QMessageBox::warning(this, tr("Import ledger"), QString::fromStdString(plan.error().toString()));
        return false;
    }
    QString mapping = tr("%1: encoding %2, header on row %3, %4 rows")
                          .arg(QString::fromStdString(plan->file), QString::fromStdString(plan->encoding))
                          .arg(plan->headerRow)
                          .arg(plan->rows);
    for (const auto& m : plan->mapping)
        mapping += QStringLiteral("\n%1 (%2) ← %3  [%4]")
                       .arg(QString::fromUtf8(geo::ledgerFieldNameZh(m.field)), QString::fromUtf8(geo::ledgerFieldWord(m.field)),
                            QString::fromStdString(m.name), QString::fromStdString(m.how));
    mapping_->setPlainText(mapping);
    int row = 0;
    for (const auto& c : plan->changes) {
        if (c.type == geo::LedgerChangeType::Unchanged) continue;
        changes_->insertRow(row);
        const QStringList cells{c.row ? QString::number(c.row) : QStringLiteral("—"), QString::fromUtf8(geo::ledgerChangeNameZh(c.type)),
                                QString::fromStdString(c.projectId), QString::fromStdString(c.name),
                                c.from.empty() ? QString::fromStdString(c.to) : QString::fromStdString(c.from + " → " + c.to),
                                c.rule == "code"       ? tr("code")
                                : c.rule == "name"     ? tr("name")
                                : c.rule == "location" ? tr("location")
                                                       : QString::fromStdString(c.rule),
                                QString::fromStdString(c.message)};
        for (int k = 0; k < cells.size(); ++k) changes_->setItem(row, k, new QTableWidgetItem(cells[k]));
        ++row;
    }
    changes_->resizeColumnsToContents();
    const bool refused = plan->refused(strict_->isChecked());
    summary_->setText(tr("Added %1, moved %2, unchanged %3, backwards %4, vanished %5, planned date changed %6, row errors %7. "
                         "Writes %8 projects and %9 status rows.")
                          .arg(plan->count(geo::LedgerChangeType::Added))
                          .arg(plan->count(geo::LedgerChangeType::Moved))
                          .arg(plan->count(geo::LedgerChangeType::Unchanged))
                          .arg(plan->count(geo::LedgerChangeType::Backwards))
                          .arg(plan->count(geo::LedgerChangeType::Vanished))
                          .arg(plan->count(geo::LedgerChangeType::PlanChanged))
                          .arg(plan->count(geo::LedgerChangeType::RowError))
                          .arg(plan->newProjects.size())
                          .arg(plan->newHistory.size()) +
                      (refused ? QStringLiteral("\n") + tr("Rows with errors: nothing will be imported while the strict option is on.")
                               : QString()));
    plan_ = std::move(*plan);
    applyButton_->setEnabled(!refused);
    return true;
}

bool LedgerImportDialog::apply() {
    if (!plan_ && !preview()) return false;
    const geo::LedgerOptions o = options();
    auto st = geo::applyLedgerPlan(projectPath_, *plan_, o);
    if (!st) {
        QMessageBox::warning(this, tr("Import ledger"),
                             QString::fromStdString(st.error().toString()) + QStringLiteral("\n\n") + tr("The project was not changed."));
        return false;
    }
    // As `hongtu ledger import` does: QGIS's progress views and default styles made again, so the
    // file opened in QGIS shows the new day too. A failure here leaves the import saved; it is said.
    if (!plan_->newProjects.empty() || !plan_->newHistory.empty()) {
        if (auto qgis = render::writeQgisStyles(projectPath_, o.recordedAt); !qgis)
            QMessageBox::warning(this, tr("Import ledger"),
                                 tr("The ledger was imported, but the QGIS styles could not be written: %1")
                                     .arg(QString::fromStdString(qgis.error().toString())));
    }
    emit applied(asOf_->date(), tr("Ledger imported: %1 projects added, %2 status rows")
                                    .arg(plan_->newProjects.size())
                                    .arg(plan_->newHistory.size()));
    return true;
}

}  // namespace hongtu::ui
