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
class QTreeWidget;

namespace hongtu::ui {

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

private:
    QLabel* title_ = nullptr;
    QTreeWidget* tree_ = nullptr;
};

// A search box and its results; Enter picks the best hit, a click on a result picks that one.
class SearchPanel : public QWidget {
    Q_OBJECT

public:
    explicit SearchPanel(QWidget* parent = nullptr);
    void setScene(const render::Scene* scene) { scene_ = scene; }
    // Runs the search, lists the hits and picks the first; returns the number of hits.
    int search(const QString& query);
    [[nodiscard]] QLineEdit* edit() const { return edit_; }
    [[nodiscard]] QListWidget* results() const { return results_; }

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
