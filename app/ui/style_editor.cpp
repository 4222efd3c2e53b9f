#include "ui/style_editor.hpp"

#include <QCheckBox>
#include <QColorDialog>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

#include "ui/field_labels.hpp"
#include "ui/screen_fit.hpp"

namespace hongtu::ui {

namespace {

constexpr std::size_t kMaxCategories = 12;

// ColorBrewer "Set1"/"Dark2"-like qualitative colours for categories (no order implied).
const std::vector<QRgb> kQualitative{0x1b9e77, 0xd95f02, 0x7570b3, 0xe7298a, 0x66a61e, 0xe6ab02,
                                     0xa6761d, 0x666666, 0x377eb8, 0xe41a1c, 0x4daf4a, 0x984ea3};

const render::Palette kPalettes[] = {render::Palette::YellowGreen, render::Palette::OrangeRed, render::Palette::Blues,
                                     render::Palette::Purples};

void setButtonColor(QPushButton* b, const QColor& c) {
    b->setStyleSheet(QStringLiteral("background-color: %1; min-width: 48px;").arg(c.name()));
    b->setText(c.name());
}

}  // namespace

StyleEditor::StyleEditor(const render::SceneLayer& layer, QWidget* parent)
    : QDialog(parent), layerId_(layer.id), original_(layer.style) {
    setWindowTitle(tr("Layer style — %1").arg(layer.displayName));
    setObjectName(QStringLiteral("styleEditor"));
    isPoints_ = layer.kind == geo::Geometry::Kind::Point;
    isLines_ = layer.kind == geo::Geometry::Kind::LineString;

    for (std::size_t f = 0; f < layer.fields.size(); ++f) {
        const auto type = layer.fields[f].type;
        fields_.emplace_back(layer.fields[f].name, type == geo::FieldType::Integer || type == geo::FieldType::Real);
        std::set<std::string> values;
        for (std::size_t row = 0; f < layer.attributes.columnCount() && row < layer.attributes.rowCount(); ++row) {
            if (layer.attributes.isNull(row, f)) continue;
            values.insert(layer.attributes.text(row, f));
            if (values.size() > kMaxCategories) break;
        }
        distinct_.emplace_back(values.begin(), values.end());
    }

    std::visit(
        [this](const auto& s) {
        using T = std::decay_t<decltype(s)>;
        if constexpr (std::is_same_v<T, render::FillSymbol>) {
            fill_ = s.fill;
            stroke_ = s.stroke;
        } else if constexpr (std::is_same_v<T, render::LineSymbol>) {
            fill_ = s.color;
            stroke_ = s.color;
        } else {
            fill_ = s.fill;
            stroke_ = s.stroke;
        }
        },
        original_.symbol);

    kind_ = new QComboBox(this);
    kind_->addItems({tr("Single symbol"), tr("Categories (one colour per value)"), tr("Graduated colours (classes)"),
                     tr("Proportional symbols (size by value)")});
    field_ = new QComboBox(this);
    method_ = new QComboBox(this);
    method_->addItems({tr("Equal interval"), tr("Quantile (equal counts)"), tr("Natural breaks (Jenks)"), tr("Fixed breaks")});
    classes_ = new QSpinBox(this);
    classes_->setRange(2, 9);
    palette_ = new QComboBox(this);
    palette_->addItems({tr("Yellow–green"), tr("Orange–red"), tr("Blues"), tr("Purples")});
    breaks_ = new QLineEdit(this);
    breaks_->setPlaceholderText(tr("e.g. 0, 25, 50, 75, 100"));
    size_ = new QDoubleSpinBox(this);
    size_->setRange(0.2, 30);
    size_->setSingleStep(0.2);
    size_->setSuffix(QStringLiteral(" mm"));
    strokeWidth_ = new QDoubleSpinBox(this);
    strokeWidth_->setRange(0, 5);
    strokeWidth_->setSingleStep(0.05);
    strokeWidth_->setSuffix(QStringLiteral(" mm"));
    opacity_ = new QSpinBox(this);
    opacity_->setRange(0, 100);
    opacity_->setSuffix(QStringLiteral(" %"));
    // The layer's scale range: drawn only at 1:N or closer; 0 = at every scale.
    maxScale_ = new QSpinBox(this);
    maxScale_->setRange(0, 100'000'000);
    maxScale_->setSingleStep(100'000);
    maxScale_->setGroupSeparatorShown(true);
    maxScale_->setPrefix(QStringLiteral("1:"));
    maxScale_->setSpecialValueText(tr("every scale"));
    maxScale_->setToolTip(tr("The layer is drawn only when the map is at this scale or closer (0 = at every scale)"));
    labels_ = new QCheckBox(tr("Show labels"), this);
    labelSize_ = new QDoubleSpinBox(this);
    labelSize_->setRange(4, 36);
    labelSize_->setSuffix(QStringLiteral(" pt"));
    problem_ = new QLabel(this);
    problem_->setStyleSheet(QStringLiteral("color: #b00020;"));
    problem_->setWordWrap(true);

    fillButton_ = colorButton(&fill_);
    QPushButton* strokeButton = colorButton(&stroke_);

    auto* form = new QFormLayout;
    form->addRow(tr("Symbology:"), kind_);
    form->addRow(tr("Field:"), field_);
    form->addRow(tr("Method:"), method_);
    form->addRow(tr("Classes:"), classes_);
    form->addRow(tr("Palette:"), palette_);
    form->addRow(tr("Fixed breaks:"), breaks_);
    form->addRow(isLines_ ? tr("Line colour:") : tr("Fill colour:"), fillButton_);
    if (!isLines_) form->addRow(tr("Outline colour:"), strokeButton);
    form->addRow(isPoints_ ? tr("Symbol size:") : tr("Line width:"), isPoints_ || isLines_ ? size_ : strokeWidth_);
    if (isPoints_) form->addRow(tr("Outline width:"), strokeWidth_);
    // The fields this geometry has no row for stay hidden (a child outside the form would
    // otherwise show in the dialog's top-left corner).
    if (!isPoints_ && !isLines_) size_->hide();
    if (isLines_) {
        strokeWidth_->hide();
        strokeButton->hide();
    }
    form->addRow(tr("Opacity:"), opacity_);
    form->addRow(tr("Drawn up to:"), maxScale_);
    form->addRow(labels_);
    form->addRow(tr("Label size:"), labelSize_);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Save to project"));
    buttons->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
    auto* note = new QLabel(tr("The map shows every change at once. Saving writes the style into the project file."), this);
    note->setWordWrap(true);
    // The controls scroll on a small screen (1024×700); the buttons stay in view below them.
    auto* controls = new QWidget(this);
    auto* controlsLayout = new QVBoxLayout(controls);
    controlsLayout->setContentsMargins(0, 0, 0, 0);
    controlsLayout->addLayout(form);
    controlsLayout->addWidget(problem_);
    controlsLayout->addWidget(note);
    controlsLayout->addStretch(1);
    QScrollArea* scroll = scrollable(controls, this);
    scroll->setObjectName(QStringLiteral("styleEditorControls"));
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(scroll, 1);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(this, &QDialog::rejected, this, [this] { emit styleEdited(original_); });

    // The current style into the controls.
    const render::Symbology& sy = original_.symbology;
    kind_->setCurrentIndex(static_cast<int>(sy.index()));
    fillFields();
    std::string field;
    std::visit([&](const auto& s) {
        if constexpr (!std::is_same_v<std::decay_t<decltype(s)>, render::SingleSymbology>) field = s.field;
    },
               sy);
    if (const int i = field_->findData(QString::fromStdString(field)); i >= 0) field_->setCurrentIndex(i);
    classes_->setValue(5);
    if (const auto* g = std::get_if<render::GraduatedSymbology>(&sy)) {
        method_->setCurrentIndex(static_cast<int>(g->method));
        classes_->setValue(g->classCount);
        QStringList b;
        for (double v : g->userBreaks) b << QString::number(v);
        breaks_->setText(b.join(QStringLiteral(", ")));
        for (int p = 0; p < 4; ++p)
            if (!g->palette.empty() && render::sequentialPalette(kPalettes[p], 7).front() == g->palette.front()) palette_->setCurrentIndex(p);
    } else {
        method_->setCurrentIndex(static_cast<int>(render::ClassMethod::NaturalBreaks));
    }
    if (const auto* m = std::get_if<render::MarkerSymbol>(&original_.symbol)) {
        size_->setValue(m->sizeMm);
        strokeWidth_->setValue(m->strokeWidthMm);
    } else if (const auto* l = std::get_if<render::LineSymbol>(&original_.symbol)) {
        size_->setValue(l->widthMm);
    } else if (const auto* f = std::get_if<render::FillSymbol>(&original_.symbol)) {
        strokeWidth_->setValue(f->strokeWidthMm);
    }
    if (const auto* p = std::get_if<render::ProportionalSymbology>(&sy)) size_->setValue(p->maxSizeMm);
    opacity_->setValue(static_cast<int>(std::lround(original_.opacity * 100)));
    maxScale_->setValue(std::isfinite(original_.maxScaleDenominator)
                            ? static_cast<int>(std::min(original_.maxScaleDenominator, 100'000'000.0))
                            : 0);
    labels_->setChecked(original_.label.enabled);
    labelSize_->setValue(original_.label.sizePt);

    connect(kind_, &QComboBox::currentIndexChanged, this, [this] { fillFields(); edited(); });
    for (QComboBox* box : {field_, method_, palette_}) connect(box, &QComboBox::currentIndexChanged, this, &StyleEditor::edited);
    for (QSpinBox* box : {classes_, opacity_, maxScale_}) connect(box, &QSpinBox::valueChanged, this, &StyleEditor::edited);
    for (QDoubleSpinBox* box : {size_, strokeWidth_, labelSize_}) connect(box, &QDoubleSpinBox::valueChanged, this, &StyleEditor::edited);
    connect(breaks_, &QLineEdit::editingFinished, this, &StyleEditor::edited);
    connect(labels_, &QCheckBox::toggled, this, &StyleEditor::edited);
    building_ = false;
    updateEnabled();
    // As tall as the controls where the screen has room; never taller than the screen.
    controls->adjustSize();
    resize(std::max(controls->sizeHint().width() + 2 * layout->contentsMargins().left() + 24, 420),
           controls->sizeHint().height() + buttons->sizeHint().height() + layout->spacing() + 2 * layout->contentsMargins().top() + 4);
    fitToScreen(this);
}

QPushButton* StyleEditor::colorButton(QColor* target) {
    auto* b = new QPushButton(this);
    setButtonColor(b, *target);
    connect(b, &QPushButton::clicked, this, [this, b, target] {
        const QColor c = QColorDialog::getColor(*target, this);
        if (!c.isValid()) return;
        *target = c;
        setButtonColor(b, c);
        edited();
    });
    return b;
}

void StyleEditor::setFillColor(const QColor& c) {
    fill_ = c;
    setButtonColor(fillButton_, c);
    edited();
}

void StyleEditor::fillFields() {
    const int kind = kind_->currentIndex();
    const QString current = field_->currentData().toString();
    const bool wasBuilding = building_;
    building_ = true;
    field_->clear();
    for (std::size_t f = 0; f < fields_.size(); ++f) {
        const bool numeric = fields_[f].second;
        if ((kind == Graduated || kind == Proportional) && !numeric) continue;
        if (kind == Categorized && distinct_[f].size() > kMaxCategories) continue;  // too many values to tell apart
        const QString name = QString::fromStdString(fields_[f].first);
        field_->addItem(fieldLabel(fields_[f].first), name);  // 项目编号, not project_id; the data is the column
    }
    if (const int i = field_->findData(current); i >= 0) field_->setCurrentIndex(i);
    building_ = wasBuilding;
}

void StyleEditor::updateEnabled() {
    const int kind = kind_->currentIndex();
    field_->setEnabled(kind != Single);
    const bool graduated = kind == Graduated;
    method_->setEnabled(graduated);
    classes_->setEnabled(graduated && method_->currentIndex() != static_cast<int>(render::ClassMethod::Fixed));
    palette_->setEnabled(graduated);
    breaks_->setEnabled(graduated && method_->currentIndex() == static_cast<int>(render::ClassMethod::Fixed));
    labelSize_->setEnabled(labels_->isChecked());
    kind_->setItemData(Proportional, isPoints_ ? QVariant() : QVariant(0), Qt::UserRole - 1);  // points only
}

render::LayerStyle StyleEditor::style() const {
    render::LayerStyle s = original_;
    const std::string field = field_->currentData().toString().toStdString();
    const int kind = kind_->currentIndex();
    problem_->clear();
    std::visit(
        [&](auto& sym) {
        using T = std::decay_t<decltype(sym)>;
        if constexpr (std::is_same_v<T, render::FillSymbol>) {
            sym.fill = fill_;
            sym.stroke = stroke_;
            sym.strokeWidthMm = strokeWidth_->value();
        } else if constexpr (std::is_same_v<T, render::LineSymbol>) {
            sym.color = fill_;
            sym.widthMm = size_->value();
        } else {
            sym.fill = fill_;
            sym.stroke = stroke_;
            if (kind != Proportional) sym.sizeMm = size_->value();
            sym.strokeWidthMm = strokeWidth_->value();
        }
        },
        s.symbol);
    s.opacity = opacity_->value() / 100.0;
    s.maxScaleDenominator = maxScale_->value() > 0 ? maxScale_->value() : std::numeric_limits<double>::infinity();
    s.label.enabled = labels_->isChecked();
    s.label.sizePt = labelSize_->value();

    if (kind == Single || field.empty()) {
        s.symbology = render::SingleSymbology{};
        if (kind != Single) problem_->setText(tr("This layer has no field for this kind of symbology."));
        return s;
    }
    if (kind == Categorized) {
        render::CategorizedSymbology c;
        c.field = field;
        if (const auto* old = std::get_if<render::CategorizedSymbology>(&original_.symbology); old && old->field == field) {
            c = *old;  // keep the categories the project defined (their labels and colours)
        } else {
            const auto it = std::find_if(fields_.begin(), fields_.end(), [&](const auto& f) { return f.first == field; });
            const auto& values = distinct_[static_cast<std::size_t>(it - fields_.begin())];
            for (std::size_t i = 0; i < values.size(); ++i)
                c.categories.push_back({values[i], QString::fromStdString(values[i]), QColor(kQualitative[i % kQualitative.size()])});
            c.otherColor = QColor(0x99, 0x99, 0x99);
        }
        s.symbology = c;
        return s;
    }
    if (kind == Graduated) {
        render::GraduatedSymbology g;
        if (const auto* old = std::get_if<render::GraduatedSymbology>(&original_.symbology)) g = *old;
        const bool sameField = g.field == field;
        g.field = field;
        g.method = static_cast<render::ClassMethod>(method_->currentIndex());
        g.classCount = classes_->value();
        if (!sameField) {  // the 100% class and the unit belonged to the old field
            g.separateValue.reset();
            g.unit.clear();
        }
        if (g.method == render::ClassMethod::Fixed) {
            g.userBreaks.clear();
            for (const QString& part : breaks_->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
                bool ok = false;
                const double v = part.trimmed().toDouble(&ok);
                if (!ok) {
                    problem_->setText(tr("'%1' is not a number; write the breaks as numbers separated by commas.").arg(part.trimmed()));
                    g.userBreaks.clear();
                    break;
                }
                g.userBreaks.push_back(v);
            }
            if (g.userBreaks.size() < 2) {
                if (problem_->text().isEmpty()) problem_->setText(tr("Fixed classes need at least two breaks."));
                g.method = render::ClassMethod::Quantile;
            } else {
                g.classCount = static_cast<int>(g.userBreaks.size()) - 1;
            }
        }
        // The lighter classes of a 7-class scheme when a separate class takes the darkest.
        const int classes = g.method == render::ClassMethod::Fixed ? g.classCount : classes_->value();
        g.palette = render::sequentialPalette(kPalettes[std::clamp(palette_->currentIndex(), 0, 3)], g.separateValue ? classes + 1 : classes);
        if (g.separateValue) {
            g.separateColor = g.palette.back();
            g.palette.pop_back();
        }
        s.symbology = g;
        return s;
    }
    render::ProportionalSymbology p;
    if (const auto* old = std::get_if<render::ProportionalSymbology>(&original_.symbology)) p = *old;
    p.field = field;
    p.maxSizeMm = size_->value();
    s.symbology = p;
    return s;
}

void StyleEditor::edited() {
    if (building_) return;
    updateEnabled();
    emit styleEdited(style());
}

}  // namespace hongtu::ui
