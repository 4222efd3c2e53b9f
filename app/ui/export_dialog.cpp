#include "ui/export_dialog.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDate>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPixmap>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include "export/layout_store.hpp"
#include "export/page_painter.hpp"
#include "export/page_writer.hpp"
#include "hongtu/geo/clock.hpp"
#include "hongtu/geo/datasource.hpp"
#include "render/qt_convert.hpp"
#include "render/route_layers.hpp"
#include "ui/date_field.hpp"
#include "ui/screen_fit.hpp"

namespace hongtu::ui {

namespace {
constexpr double kMinPreviewDpi = 30;

// The preflight's check names (export/preflight.hpp) as a planner reads them.
QString checkTitle(const std::string& check) {
    static const std::pair<const char*, const char*> titles[] = {
        {"legend", QT_TRANSLATE_NOOP("hongtu::ui::ExportDialog", "Legend does not match the map")},
        {"overlap", QT_TRANSLATE_NOOP("hongtu::ui::ExportDialog", "Texts overlap")},
        {"outside-item", QT_TRANSLATE_NOOP("hongtu::ui::ExportDialog", "Text leaves its box")},
        {"off-page", QT_TRANSLATE_NOOP("hongtu::ui::ExportDialog", "Off the page")},
        {"crosses-item", QT_TRANSLATE_NOOP("hongtu::ui::ExportDialog", "Text crosses another item")},
        {"elided", QT_TRANSLATE_NOOP("hongtu::ui::ExportDialog", "Text is cut")},
        {"line-break", QT_TRANSLATE_NOOP("hongtu::ui::ExportDialog", "Line break against Chinese typesetting rules")},
        {"glyph", QT_TRANSLATE_NOOP("hongtu::ui::ExportDialog", "Character missing from the font")},
        {"scale-bar", QT_TRANSLATE_NOOP("hongtu::ui::ExportDialog", "Scale bar disagrees with the scale")},
        {"fit", QT_TRANSLATE_NOOP("hongtu::ui::ExportDialog", "Text does not fit")},
        {"subtitle", QT_TRANSLATE_NOOP("hongtu::ui::ExportDialog", "Subtitle does not match the map")},
        {"pdf-text", QT_TRANSLATE_NOOP("hongtu::ui::ExportDialog", "PDF text layer")},
    };
    for (const auto& [name, title] : titles)
        if (check == name) return QCoreApplication::translate("hongtu::ui::ExportDialog", title);
    return QString::fromStdString(check);
}

}  // namespace

ExportDialog::ExportDialog(const render::LoadedProject& project, std::vector<std::string> visibleLayerIds, QWidget* parent)
    : QDialog(parent),
      project_(project),
      visibleLayerIds_(std::move(visibleLayerIds)),
      counties_(exporting::countyUnits(project.scene)),
      today_(geo::Clock().today().iso()) {
    setWindowTitle(tr("Export map"));
    setObjectName(QStringLiteral("exportDialog"));

    template_ = new QComboBox(this);
    template_->addItem(tr("County briefing"), QStringLiteral("county-briefing"));
    template_->addItem(tr("City overview"), QStringLiteral("city-overview"));
    template_->addItem(tr("Route sheet"), QStringLiteral("route-sheet"));
    paper_ = new QComboBox(this);
    paper_->addItem(tr("Template's paper"), QString());
    paper_->addItem(QStringLiteral("A4"), QStringLiteral("A4"));
    paper_->addItem(QStringLiteral("A3"), QStringLiteral("A3"));
    orientation_ = new QComboBox(this);
    orientation_->addItem(tr("Template's orientation"), QString());
    orientation_->addItem(tr("Portrait"), QStringLiteral("portrait"));
    orientation_->addItem(tr("Landscape"), QStringLiteral("landscape"));
    dpi_ = new QSpinBox(this);
    dpi_->setRange(30, 1200);
    dpi_->setValue(300);
    dpi_->setSuffix(QStringLiteral(" dpi"));
    // Size presets, as hongtu export --preset: the DPI and the PNG compression.
    preset_ = new QComboBox(this);
    preset_->setObjectName(QStringLiteral("exportPreset"));
    preset_->addItem(tr("Custom"), QString());
    preset_->addItem(tr("Email (150 dpi, small file)"), QStringLiteral("email"));
    preset_->addItem(tr("Print (300 dpi)"), QStringLiteral("print"));
    preset_->addItem(tr("Press (600 dpi)"), QStringLiteral("press"));
    preset_->setCurrentIndex(preset_->findData(QStringLiteral("print")));  // the templates' 300 dpi
    preset_->setToolTip(tr("Email: a small image to mail or send by phone; print: the office printer; press: a print shop"));
    format_ = new QComboBox(this);
    for (const char* f : {"pdf", "png", "svg"}) format_->addItem(QString::fromLatin1(f).toUpper(), QString::fromLatin1(f));
    title_ = new QLineEdit(this);
    title_->setPlaceholderText(tr("Template's title ({unit} is the unit's name)"));
    unit_ = new QComboBox(this);
    unit_->addItem(tr("Whole city"), QString());
    for (const auto& c : counties_) unit_->addItem(QString::fromStdString(c.name), QString::fromStdString(c.code));
    unit_->setCurrentIndex(counties_.empty() ? 0 : 1);
    asOf_ = new DateField(render::toQDate(geo::Clock().today()), this);
    asOf_->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    asOf_->setCalendarPopup(true);

    auto* form = new QFormLayout;
    form->addRow(tr("Template"), template_);
    form->addRow(tr("Unit"), unit_);
    form->addRow(tr("Paper"), paper_);
    form->addRow(tr("Orientation"), orientation_);
    form->addRow(tr("Size"), preset_);
    form->addRow(tr("Resolution"), dpi_);
    form->addRow(tr("Format"), format_);
    form->addRow(tr("Title"), title_);
    form->addRow(tr("Data as of"), asOf_);
    // The planned route is for a route sheet; a county briefing does not show it unless asked.
    routeLayers_ = new QCheckBox(tr("Include the planned route"), this);
    routeLayers_->setObjectName(QStringLiteral("exportRouteLayers"));
    routeLayers_->setToolTip(tr("Draw the route layers (legs, stops, overnight towns) on the page. Off for briefings, on for route sheets."));
    form->addRow(QString(), routeLayers_);
    status_ = new QLabel(this);
    status_->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->button(QDialogButtonBox::Close)->setText(tr("Close"));
    export_ = buttons->addButton(tr("Export…"), QDialogButtonBox::AcceptRole);
    export_->setObjectName(QStringLiteral("exportButton"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(export_, &QPushButton::clicked, this, &ExportDialog::chooseFileAndExport);

    auto* left = new QVBoxLayout;
    left->addLayout(form);
    left->addWidget(status_);
    left->addStretch(1);
    left->addWidget(buttons);
    previewLabel_ = new QLabel(this);
    previewLabel_->setObjectName(QStringLiteral("exportPreview"));
    previewLabel_->setMinimumSize(240, 300);
    previewLabel_->setAlignment(Qt::AlignCenter);
    previewLabel_->setStyleSheet(QStringLiteral("background: #777;"));
    auto* layout = new QHBoxLayout(this);
    layout->addLayout(left);
    layout->addWidget(previewLabel_, 1);

    // The route switch follows the template (a route sheet shows the route, a briefing not).
    routeLayers_->setChecked(false);
    connect(template_, &QComboBox::currentIndexChanged, this, [this] {
        routeLayers_->setChecked(template_->currentData().toString() == QLatin1String("route-sheet"));
    });
    // A preset sets the DPI; a DPI of one's own is "custom".
    connect(preset_, &QComboBox::currentIndexChanged, this, [this] {
        const auto preset = exporting::presetFromName(preset_->currentData().toString().toStdString());
        if (preset) dpi_->setValue(static_cast<int>(exporting::presetDpi(*preset)));
    });
    connect(dpi_, &QSpinBox::valueChanged, this, [this](int dpi) {
        const auto preset = exporting::presetFromName(preset_->currentData().toString().toStdString());
        if (preset && exporting::presetDpi(*preset) != dpi) preset_->setCurrentIndex(0);
    });
    restoreChoices();
    for (QComboBox* c : {template_, paper_, orientation_, unit_})
        connect(c, &QComboBox::currentIndexChanged, this, &ExportDialog::updatePreview);
    connect(routeLayers_, &QCheckBox::toggled, this, &ExportDialog::updatePreview);
    connect(title_, &QLineEdit::editingFinished, this, &ExportDialog::updatePreview);
    connect(asOf_, &QDateEdit::dateChanged, this, &ExportDialog::updatePreview);
    updatePreview();
    fitToScreen(this);
}

geo::Result<exporting::PageLayout> ExportDialog::currentLayout() const {
    auto layout = exporting::resolveLayout(project_.path, template_->currentData().toString().toStdString());
    if (!layout) return layout.error();
    exporting::LayoutChanges changes;
    changes.paperSize = paper_->currentData().toString().toStdString();
    const QString o = orientation_->currentData().toString();
    if (!o.isEmpty()) changes.orientation = o == QLatin1String("landscape") ? exporting::Orientation::Landscape : exporting::Orientation::Portrait;
    changes.dpi = dpi_->value();
    changes.title = title_->text().toStdString();
    return exporting::applyChanges(std::move(layout).value(), changes);
}

exporting::PageContext ExportDialog::currentContext() const {
    std::vector<std::string> layers = visibleLayerIds_;
    if (!routeLayers_->isChecked()) std::erase_if(layers, [](const std::string& id) { return render::isRouteLayer(id); });
    exporting::ContextOptions options{asOf_->date().toString(Qt::ISODate).toStdString(), today_, layers};
    const int i = unit_->currentIndex() - 1;
    const exporting::Unit* unit = i >= 0 && i < static_cast<int>(counties_.size()) ? &counties_[static_cast<std::size_t>(i)] : nullptr;
    return exporting::makeContext(project_, unit, options);
}

void ExportDialog::updatePreview() {
    auto layout = currentLayout();
    if (!layout) {
        status_->setText(QString::fromStdString(geo::redactConnectionString(layout.error().toString())));
        export_->setEnabled(false);
        return;
    }
    // The page at the resolution that fills the preview (a low DPI: the painter is the same).
    const double fit = std::min(previewLabel_->width() / (layout->paper.widthMm / 25.4),
                                previewLabel_->height() / (layout->paper.heightMm / 25.4));
    layout->dpi = std::max(kMinPreviewDpi, std::floor(fit));
    const exporting::PageContext context = currentContext();
    if (const auto missing = exporting::checkGlyphs(*layout, context); !missing.empty()) {
        status_->setText(QString::fromStdString(exporting::describeMissingGlyphs(missing)));
        export_->setEnabled(false);
    } else {
        status_->clear();
        export_->setEnabled(true);
    }
    preview_ = exporting::renderPageImage(*layout, context);
    previewLabel_->setPixmap(QPixmap::fromImage(preview_).scaled(previewLabel_->size(), Qt::KeepAspectRatio, Qt::SmoothTransformation));
}

geo::Status ExportDialog::exportTo(const QString& path) {
    auto layout = currentLayout();
    if (!layout) return layout.error();
    auto format = exporting::formatFromName(format_->currentData().toString().toStdString());
    if (!format) return format.error();
    const exporting::PageContext context = currentContext();
    exporting::PageMetadata meta;
    if (const auto* title = layout->first(exporting::ItemKind::Title)) meta.title = exporting::resolveText(title->text, context);
    meta.author = "宏图 Hongtu";
    auto written = exporting::writePage(path.toStdString(), *format, *layout, context, meta, writeOptions());
    if (!written) {
        status_->setText(QString::fromStdString(geo::redactConnectionString(written.error().toString())));
        return written.error();
    }
    status_->setText(tr("Saved %1 (scale 1:%2)").arg(path).arg(static_cast<qlonglong>(written->scaleDenominator)));
    saveChoices();
    return geo::Done{};
}

QString ExportDialog::settingsGroup() const {
    // One group per project file: its path's hash (QSettings keys cannot hold every path).
    const QByteArray hash = QCryptographicHash::hash(QByteArray::fromStdString(project_.path), QCryptographicHash::Sha1).toHex().left(12);
    return QStringLiteral("export/") + QString::fromLatin1(hash);
}

void ExportDialog::saveChoices() const {
    QSettings s;
    s.beginGroup(settingsGroup());
    s.setValue(QStringLiteral("template"), template_->currentData());
    s.setValue(QStringLiteral("unit"), unit_->currentData());
    s.setValue(QStringLiteral("paper"), paper_->currentData());
    s.setValue(QStringLiteral("orientation"), orientation_->currentData());
    s.setValue(QStringLiteral("preset"), preset_->currentData());
    s.setValue(QStringLiteral("dpi"), dpi_->value());
    s.setValue(QStringLiteral("format"), format_->currentData());
    s.setValue(QStringLiteral("routeLayers"), routeLayers_->isChecked());
}

void ExportDialog::restoreChoices() {
    QSettings s;
    s.beginGroup(settingsGroup());
    const auto pick = [&](QComboBox* box, const char* key) {
        if (!s.contains(QLatin1String(key))) return;
        const int i = box->findData(s.value(QLatin1String(key)));
        if (i >= 0) box->setCurrentIndex(i);
    };
    pick(template_, "template");
    pick(unit_, "unit");
    pick(paper_, "paper");
    pick(orientation_, "orientation");
    pick(format_, "format");
    pick(preset_, "preset");
    if (s.contains(QStringLiteral("dpi"))) dpi_->setValue(s.value(QStringLiteral("dpi")).toInt());
    if (s.contains(QStringLiteral("routeLayers"))) routeLayers_->setChecked(s.value(QStringLiteral("routeLayers")).toBool());
}

std::vector<exporting::Finding> ExportDialog::preflightFindings() const {
    auto layout = currentLayout();
    if (!layout) return {};
    return exporting::preflight(*layout, currentContext());
}

exporting::WriteOptions ExportDialog::writeOptions() const {
    const auto preset = exporting::presetFromName(preset_->currentData().toString().toStdString());
    return preset ? exporting::presetOptions(*preset) : exporting::WriteOptions{};
}

bool ExportDialog::confirmPreflight() {
    const auto findings = preflightFindings();
    if (findings.empty()) return true;
    QStringList lines;
    constexpr std::size_t kShown = 12;  // the box stays on the screen; the CLI lists them all
    for (std::size_t i = 0; i < findings.size() && i < kShown; ++i) {
        const exporting::Finding& f = findings[i];
        lines << QStringLiteral("• %1：%2%3")
                     .arg(checkTitle(f.check), f.item.empty() ? QString() : QString::fromStdString(f.item) + QStringLiteral(" — "),
                          QString::fromStdString(f.message));
    }
    if (findings.size() > kShown)
        lines << tr("and %n more (hongtu export --check lists them all)", nullptr, static_cast<int>(findings.size() - kShown));
    status_->setText(tr("The page check found %n problem(s).", nullptr, static_cast<int>(findings.size())));
    QMessageBox box(QMessageBox::Warning, tr("Check the page"),
                    tr("The page check (as hongtu export --check) found %n problem(s) on this page:", nullptr,
                       static_cast<int>(findings.size())),
                    QMessageBox::NoButton, this);
    box.setObjectName(QStringLiteral("preflightFindings"));
    box.setInformativeText(lines.join(QLatin1Char('\n')));
    QPushButton* back = box.addButton(tr("Go back and change the page"), QMessageBox::RejectRole);
    back->setObjectName(QStringLiteral("preflightBack"));
    QPushButton* anyway = box.addButton(tr("Export anyway"), QMessageBox::AcceptRole);
    anyway->setObjectName(QStringLiteral("preflightExportAnyway"));
    box.setDefaultButton(back);
    box.exec();
    return box.clickedButton() == anyway;
}

void ExportDialog::chooseFileAndExport() {
    if (!confirmPreflight()) return;
    const QString ext = format_->currentData().toString();
    const QString suggested = unit_->currentText() + QStringLiteral(".") + ext;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export map"), suggested, QStringLiteral("*.") + ext);
    if (!path.isEmpty()) (void)exportTo(path);
}

void ExportDialog::setTemplate(const QString& name) { template_->setCurrentIndex(std::max(0, template_->findData(name))); }
void ExportDialog::setUnit(const QString& name) {
    const int i = name.isEmpty() ? 0 : unit_->findText(name);
    if (i >= 0) unit_->setCurrentIndex(i);
}
void ExportDialog::setAsOf(const QString& isoDate) { asOf_->setDate(QDate::fromString(isoDate, Qt::ISODate)); }
void ExportDialog::setDpi(int dpi) { dpi_->setValue(dpi); }
void ExportDialog::setRouteLayers(bool on) { routeLayers_->setChecked(on); }
void ExportDialog::setPreset(const QString& name) { preset_->setCurrentIndex(std::max(0, preset_->findData(name))); }
void ExportDialog::setFormat(const QString& extension) { format_->setCurrentIndex(std::max(0, format_->findData(extension))); }

}  // namespace hongtu::ui
