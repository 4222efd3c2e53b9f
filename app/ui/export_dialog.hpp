#pragma once
// File -> Export map…: template, paper, orientation, DPI, format, title, unit and as-of date,
// with a live preview painted by the same page painter the CLI uses; Export writes the file.
// The choices of the last export are remembered per project (QSettings "export/<hash>"); the
// main window then sets the unit to the 县 box's county. The planned route's layers are drawn
// only when "包括规划路线" is ticked (on for the route-sheet template, off for briefings).
// Size presets (邮件 / 打印 / 印刷, as `hongtu export --preset`) set the DPI and the PNG
// compression. Export… first runs the page preflight (as `hongtu export --check`); when it has
// findings they are listed, and the user goes back to change the page or writes it anyway.

#include <QDialog>
#include <QImage>

#include <optional>
#include <string>
#include <vector>

#include "export/layout.hpp"
#include "export/page_context.hpp"
#include "export/page_writer.hpp"
#include "export/preflight.hpp"
#include "hongtu/geo/result.hpp"
#include "render/loaded_project.hpp"

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace hongtu::ui {

class ExportDialog : public QDialog {
    Q_OBJECT
public:
    // `visibleLayerIds`: what the map canvas shows now (the page prints the same layers).
    ExportDialog(const render::LoadedProject& project, std::vector<std::string> visibleLayerIds, QWidget* parent = nullptr);

    // The page as chosen now, at its export DPI (what Export writes) and the preview's picture.
    [[nodiscard]] geo::Result<exporting::PageLayout> currentLayout() const;
    [[nodiscard]] exporting::PageContext currentContext() const;
    [[nodiscard]] QImage previewImage() const { return preview_; }
    // Writes the page to `path` in the chosen format; the error is also shown in the dialog.
    geo::Status exportTo(const QString& path);
    // The preflight of the page as chosen now (at its export DPI).
    [[nodiscard]] std::vector<exporting::Finding> preflightFindings() const;
    // How the chosen preset writes (PNG compression); the default without a preset.
    [[nodiscard]] exporting::WriteOptions writeOptions() const;

    // For tests and scripted use: pick by visible text / value.
    void setTemplate(const QString& name);
    void setUnit(const QString& name);  // "" = the whole city
    void setAsOf(const QString& isoDate);
    void setToday(const QString& isoDate) {
        today_ = isoDate.toStdString();
        updatePreview();
    }
    void setDpi(int dpi);
    void setFormat(const QString& extension);
    void setRouteLayers(bool on);
    void setPreset(const QString& name);  // "email", "print", "press"; "" = custom
    [[nodiscard]] QComboBox* presetBox() const { return preset_; }
    [[nodiscard]] QSpinBox* dpiBox() const { return dpi_; }
    [[nodiscard]] QPushButton* exportButton() const { return export_; }
    [[nodiscard]] QComboBox* unitBox() const { return unit_; }
    [[nodiscard]] QComboBox* formatBox() const { return format_; }
    [[nodiscard]] QCheckBox* routeLayersBox() const { return routeLayers_; }

public slots:
    void updatePreview();

private:
    void chooseFileAndExport();
    // Runs the preflight; with findings, asks whether to write anyway. True: go on and write.
    bool confirmPreflight();
    [[nodiscard]] QString settingsGroup() const;
    void saveChoices() const;
    void restoreChoices();

    const render::LoadedProject& project_;
    std::vector<std::string> visibleLayerIds_;
    std::vector<exporting::Unit> counties_;
    std::string today_;
    QComboBox* template_ = nullptr;
    QComboBox* paper_ = nullptr;
    QComboBox* orientation_ = nullptr;
    QSpinBox* dpi_ = nullptr;
    QComboBox* format_ = nullptr;
    QComboBox* preset_ = nullptr;
    QLineEdit* title_ = nullptr;
    QComboBox* unit_ = nullptr;
    QDateEdit* asOf_ = nullptr;
    QCheckBox* routeLayers_ = nullptr;
    QLabel* previewLabel_ = nullptr;
    QLabel* status_ = nullptr;
    QPushButton* export_ = nullptr;
    QImage preview_;
};

}  // namespace hongtu::ui
