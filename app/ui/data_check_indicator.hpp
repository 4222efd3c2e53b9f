#pragma once
// 数据检查 in the status bar: what `hongtu info` found in the project's map layers when the
// viewer opened it (invalid polygons, NaN coordinates, duplicate codes, …). Hidden when there is
// nothing to say; its link lists every finding with its layer and features.

#include <QLabel>

#include <vector>

#include "render/project.hpp"

namespace hongtu::ui {

class DataCheckIndicator : public QLabel {
    Q_OBJECT
public:
    explicit DataCheckIndicator(QWidget* parent = nullptr);
    void setFindings(std::vector<render::Project::DataFinding> findings);
    // The list as the dialog shows it, one finding a line ("问题  图层 'villages'：…").
    [[nodiscard]] QStringList lines() const;
    void showDialog();

private:
    std::vector<render::Project::DataFinding> findings_;
};

}  // namespace hongtu::ui
