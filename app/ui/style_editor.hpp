#pragma once
// 图层样式: the style editor of one layer. Symbology kind (single, categorized, graduated,
// proportional), field, classification method, classes, palette or fixed breaks, colours,
// sizes, opacity, labels. Every edit emits styleEdited() with the whole new style, so the map
// (and legend) show it at once; Cancel emits the original style again. OK means "save": the
// window writes the style into the project.

#include <QDialog>

#include "render/scene.hpp"
#include "render/style.hpp"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QLabel;

namespace hongtu::ui {

class StyleEditor : public QDialog {
    Q_OBJECT

public:
    // `layer` supplies the fields, the kind and the current style; it is read only here.
    explicit StyleEditor(const render::SceneLayer& layer, QWidget* parent = nullptr);

    [[nodiscard]] render::LayerStyle style() const;
    [[nodiscard]] const std::string& layerId() const { return layerId_; }

    // The controls, for tests and for the window's screenshots.
    [[nodiscard]] QComboBox* kindBox() const { return kind_; }
    [[nodiscard]] QComboBox* fieldBox() const { return field_; }
    [[nodiscard]] QComboBox* methodBox() const { return method_; }
    [[nodiscard]] QSpinBox* classesBox() const { return classes_; }
    [[nodiscard]] QComboBox* paletteBox() const { return palette_; }
    [[nodiscard]] QLineEdit* breaksEdit() const { return breaks_; }
    [[nodiscard]] QDoubleSpinBox* sizeBox() const { return size_; }
    [[nodiscard]] QSpinBox* opacityBox() const { return opacity_; }
    [[nodiscard]] QSpinBox* maxScaleBox() const { return maxScale_; }  // 0 = drawn at every scale
    [[nodiscard]] QCheckBox* labelsBox() const { return labels_; }
    [[nodiscard]] QDoubleSpinBox* labelSizeBox() const { return labelSize_; }
    void setFillColor(const QColor& c);

    // Kinds in the order of kindBox().
    enum Kind { Single = 0,
                Categorized = 1,
                Graduated = 2,
                Proportional = 3 };

signals:
    void styleEdited(const render::LayerStyle& style);

private:
    void edited();
    void updateEnabled();
    void fillFields();
    QPushButton* colorButton(QColor* target);

    std::string layerId_;
    render::LayerStyle original_;
    bool isPoints_ = false;
    bool isLines_ = false;
    // Distinct values (for categories) and numeric-ness of each field.
    std::vector<std::pair<std::string, bool>> fields_;  // name, numeric
    std::vector<std::vector<std::string>> distinct_;    // per field, at most kMaxCategories + 1
    QColor fill_, stroke_;
    QComboBox* kind_ = nullptr;
    QComboBox* field_ = nullptr;
    QComboBox* method_ = nullptr;
    QSpinBox* classes_ = nullptr;
    QComboBox* palette_ = nullptr;
    QLineEdit* breaks_ = nullptr;
    QDoubleSpinBox* size_ = nullptr;
    QDoubleSpinBox* strokeWidth_ = nullptr;
    QSpinBox* opacity_ = nullptr;
    QSpinBox* maxScale_ = nullptr;
    QCheckBox* labels_ = nullptr;
    QDoubleSpinBox* labelSize_ = nullptr;
    QLabel* problem_ = nullptr;
    QPushButton* fillButton_ = nullptr;
    bool building_ = true;
};

}  // namespace hongtu::ui
