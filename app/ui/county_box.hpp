#pragma once
// The 县 box of the navigation toolbar: 全域 and the scene's counties. Choosing one asks for it
// to be shown (countyChosen) or for the whole area; the box follows the document: refilled when
// the project is replaced, and naming the county of the one selected feature, without zooming.

#include <QComboBox>

#include <cstddef>
#include <vector>

#include "render/feature_query.hpp"

namespace hongtu::ui {

class ProjectDocument;

class CountyBox : public QComboBox {
    Q_OBJECT

public:
    CountyBox(const ProjectDocument& document, QWidget* parent = nullptr);

    // The county shown (item of the "counties" layer), or -1 for the whole area.
    [[nodiscard]] int county() const { return currentData().toInt(); }

signals:
    void countyChosen(const hongtu::render::FeatureRef& county);
    void wholeAreaChosen();

private:
    void fill();
    void follow(const std::vector<render::FeatureRef>& features);

    const ProjectDocument& document_;
};

}  // namespace hongtu::ui
