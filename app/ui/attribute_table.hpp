#pragma once
// The attribute table dock: the features of one layer as rows (sortable, filterable by text),
// linked both ways to the map selection: selecting rows selects the features on the map, and a
// selection made on the map (click, box, search) selects and shows its rows.

#include <QAbstractTableModel>
#include <QWidget>

#include <vector>

#include "render/feature_query.hpp"
#include "render/scene.hpp"

class QComboBox;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace hongtu::ui {

class ProjectFieldTitles;

// One row per item of a scene layer, one column per field. Sorts numbers as numbers.
class LayerTableModel : public QAbstractTableModel {
    Q_OBJECT

public:
    explicit LayerTableModel(QObject* parent = nullptr);
    void setLayer(const render::SceneLayer* layer);  // not owned; nullptr = empty
    [[nodiscard]] const render::SceneLayer* layer() const { return layer_; }
    // The project's own field titles (gpkg_data_columns), not owned; null: the built-in ones.
    void setProjectTitles(const ProjectFieldTitles* titles) { titles_ = titles; }

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    const render::SceneLayer* layer_ = nullptr;
    const ProjectFieldTitles* titles_ = nullptr;
};

class AttributeTable : public QWidget {
    Q_OBJECT

public:
    explicit AttributeTable(QWidget* parent = nullptr);
    // The scene must outlive the table or be replaced by another setScene call.
    void setScene(const render::Scene* scene);
    void showLayer(const std::string& layerId);
    // Selects (and scrolls to) the rows of `features` that belong to the shown layer.
    void showSelection(const std::vector<render::FeatureRef>& features);

    [[nodiscard]] QComboBox* layerBox() const { return layerBox_; }
    [[nodiscard]] QLineEdit* filterEdit() const { return filter_; }
    [[nodiscard]] QTableView* view() const { return view_; }
    [[nodiscard]] LayerTableModel* model() const { return model_; }
    [[nodiscard]] QSortFilterProxyModel* proxy() const { return proxy_; }

signals:
    // The user selected rows: these features should be the map selection.
    void selectionChanged(const std::vector<hongtu::render::FeatureRef>& features);

private:
    void emitSelection();

    const render::Scene* scene_ = nullptr;
    QComboBox* layerBox_ = nullptr;
    QLineEdit* filter_ = nullptr;
    QLabel* count_ = nullptr;
    QTableView* view_ = nullptr;
    LayerTableModel* model_ = nullptr;
    QSortFilterProxyModel* proxy_ = nullptr;
    bool syncing_ = false;  // selection set from the map: not echoed back
};

}  // namespace hongtu::ui
