#pragma once
// 数据检查 in the status bar: what `hongtu info` finds in the project's map layers (invalid
// polygons, NaN coordinates, duplicate codes, …), checked off the UI thread after the map is on
// screen. Hidden when there is nothing to say; its link lists every finding with its layer and
// features.

#include <QLabel>

#include <string>
#include <thread>
#include <vector>

#include "render/loaded_project.hpp"

namespace hongtu::ui {

class DataCheckIndicator : public QLabel {
    Q_OBJECT
public:
    explicit DataCheckIndicator(QWidget* parent = nullptr);
    ~DataCheckIndicator() override;  // waits for a running check

    // Checks the project at `path` in a background thread; the findings replace the shown ones
    // when it ends (a later call supersedes an earlier one).
    void checkInBackground(const std::string& path);
    // A check is due but waits (for the viewer to finish loading the project): checking() is
    // true until checkInBackground is called.
    void expectCheck() { expected_ = true; }
    void setFindings(std::vector<render::DataFinding> findings);
    [[nodiscard]] bool checking() const { return expected_ || pending_ > 0; }
    // The list as the dialog shows it, one finding a line ("问题  图层“villages”：…").
    [[nodiscard]] QStringList lines() const;
    void showDialog();

signals:
    void checked();  // findings of the latest check are shown

private:
    std::vector<render::DataFinding> findings_;
    std::vector<std::jthread> threads_;
    int generation_ = 0;
    int pending_ = 0;
    bool expected_ = false;
};

}  // namespace hongtu::ui
