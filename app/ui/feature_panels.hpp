#pragma once
// Two small docks of the viewer: the attributes of the identified feature, and search by name
// or code with its list of results. They show what render::feature_query finds.

#include <QWidget>

#include <vector>

#include "render/feature_query.hpp"
#include "render/scene.hpp"

class QLabel;
class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QTreeWidget;

namespace hongtu::ui {

class ProjectFieldTitles;

// Field / value rows of one feature, under the layer's name.
class FeatureInfoPanel : public QWidget {
    Q_OBJECT

public:
    explicit FeatureInfoPanel(QWidget* parent = nullptr);
    void showFeature(const render::Scene& scene, const render::FeatureRef& feature);
    void showNothing();
    [[nodiscard]] QTreeWidget* tree() const { return tree_; }
    // The value shown for `field`, or an empty string (tests).
    [[nodiscard]] QString valueOf(const QString& field) const;       // as stored, by field name
    [[nodiscard]] QString shownValueOf(const QString& field) const;  // as shown (value label)
    // The project's own field titles (gpkg_data_columns), not owned; null: the built-in ones.
    void setProjectTitles(const ProjectFieldTitles* titles) { titles_ = titles; }

private:
    QLabel* title_ = nullptr;
    QTreeWidget* tree_ = nullptr;
    const ProjectFieldTitles* titles_ = nullptr;
};

// A search box and its results, grouped by kind (县（市、区）/乡镇/村/项目/纪念地/其他) under a
// heading each, every result naming its kind; Enter picks the best hit, a click on a result
// picks that one. Memorial sites are also found by the township and village they are in
// (蔡家崖 finds the halls of 蔡家崖乡).
class SearchPanel : public QWidget {
    Q_OBJECT

public:
    explicit SearchPanel(QWidget* parent = nullptr);
    void setScene(const render::Scene* scene) { scene_ = scene; }
    // Runs the search, lists the hits and picks the first; returns the number of hits.
    int search(const QString& query);
    [[nodiscard]] QLineEdit* edit() const { return edit_; }
    [[nodiscard]] QListWidget* results() const { return results_; }
    // The list item of the i-th hit (best first), or null; the list also holds headings.
    [[nodiscard]] QListWidgetItem* hitItem(int i) const;
    // The kind of a layer's features as the search shows it: 县（市、区）, 乡镇, 村, 项目, 纪念地…
    [[nodiscard]] static QString kindOfLayer(const std::string& layerId);

signals:
    void featureChosen(const hongtu::render::FeatureRef& feature);

private:
    const render::Scene* scene_ = nullptr;
    QLineEdit* edit_ = nullptr;
    QListWidget* results_ = nullptr;
    QLabel* status_ = nullptr;
    std::vector<render::SearchHit> hits_;
};

}  // namespace hongtu::ui
