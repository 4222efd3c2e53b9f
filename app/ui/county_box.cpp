#include "ui/county_box.hpp"

#include <QSignalBlocker>

#include "ui/project_document.hpp"

namespace hongtu::ui {

CountyBox::CountyBox(const ProjectDocument& document, QWidget* parent) : QComboBox(parent), document_(document) {
    setObjectName(QStringLiteral("countyBox"));
    setSizeAdjustPolicy(QComboBox::AdjustToContents);
    fill();
    connect(this, &QComboBox::currentIndexChanged, this, [this] {
        if (county() < 0) emit wholeAreaChosen();
        else emit countyChosen({"counties", static_cast<std::size_t>(county())});
    });
    connect(&document, &ProjectDocument::changed, this, [this](ProjectDocument::Changes what) {
        if (what & ProjectDocument::Change::Scene) fill();
    });
    connect(&document, &ProjectDocument::selectionChanged, this, &CountyBox::follow);
}

void CountyBox::fill() {
    const QSignalBlocker quiet(this);
    clear();
    addItem(tr("Whole area"), -1);
    if (const render::SceneLayer* counties = document_.scene().find("counties"))
        for (std::size_t i = 0; i < counties->itemCount(); ++i)
            addItem(QString::fromStdString(counties->text(i, "name")), static_cast<int>(i));
}

void CountyBox::follow(const std::vector<render::FeatureRef>& features) {
    // The county of the one selected feature (a 岚县 project: 岚县); several features or none
    // leave the box as it is.
    if (features.size() != 1) return;
    const render::SceneLayer* layer = document_.scene().find(features.front().layerId);
    const render::SceneLayer* counties = document_.scene().find("counties");
    if (!layer || !counties || features.front().item >= layer->itemCount()) return;
    const std::string code = layer->text(features.front().item, "county_code");
    if (code.empty()) return;
    for (std::size_t i = 0; i < counties->itemCount(); ++i) {
        if (counties->text(i, "county_code") != code) continue;
        const int row = findData(static_cast<int>(i));
        if (row >= 0 && row != currentIndex()) {
            const QSignalBlocker quiet(this);
            setCurrentIndex(row);
        }
        return;
    }
}

}  // namespace hongtu::ui
