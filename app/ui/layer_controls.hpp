#pragma once
// The buttons under the layer list: move the chosen layer up or down, its opacity, and its
// style editor. They act on the LayerPanel's current row and say what to do by signals; the
// window changes the scene (the one source of the drawing order).

#include <QString>
#include <QWidget>

#include <map>

class QPushButton;
class QSlider;
class QLabel;

namespace hongtu::ui {

class LayerPanel;

class LayerControls : public QWidget {
    Q_OBJECT

public:
    LayerControls(LayerPanel* panel, QWidget* parent = nullptr);

    // Opacities in percent by layer id, so the slider shows the chosen layer's value.
    void setOpacityOf(const QString& layerId, int percent);
    [[nodiscard]] QSlider* opacitySlider() const { return opacity_; }
    [[nodiscard]] QPushButton* upButton() const { return up_; }
    [[nodiscard]] QPushButton* downButton() const { return down_; }
    [[nodiscard]] QPushButton* styleButton() const { return style_; }

signals:
    void moveRequested(const QString& layerId, int steps);          // +1 = up (drawn later, on top)
    void opacityChanged(const QString& layerId, double opacity);    // while dragging
    void opacityCommitted(const QString& layerId, double opacity);  // released: save it
    void styleRequested(const QString& layerId);

private:
    void currentChanged();
    [[nodiscard]] QString currentId() const;

    LayerPanel* panel_;
    QPushButton* up_ = nullptr;
    QPushButton* down_ = nullptr;
    QPushButton* style_ = nullptr;
    QSlider* opacity_ = nullptr;
    QLabel* opacityLabel_ = nullptr;
    std::map<QString, int> opacities_;
};

}  // namespace hongtu::ui
