// ui/wrapping_rows.hpp: a tree's long texts wrap and their rows grow, at any width, and the
// rows follow the view when it is resized; the same tree without it cuts them.
#include <catch2/catch_test_macros.hpp>

#include <QCoreApplication>
#include <QHeaderView>
#include <QTreeWidget>

#include "test_support.hpp"
#include "ui/wrapping_rows.hpp"

using namespace hongtu;

namespace {

void fill(QTreeWidget& tree) {
    tree.setColumnCount(2);
    tree.setHeaderHidden(true);
    tree.header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    const QStringList values{QStringLiteral("晋绥边区革命纪念馆"), QStringLiteral("周二-周日 09:00-17:00"),
                             QStringLiteral("该纪念地的公开网页资料（汇编于本项目 memorials.md，逐条出处见 source 字段）"),
                             QStringLiteral("估计（按地名推定，未经实测）")};
    for (int i = 0; i < values.size(); ++i) {
        auto* row = new QTreeWidgetItem(&tree);
        row->setText(0, QStringLiteral("字段%1").arg(i + 1));
        row->setText(1, values[i]);
    }
    auto* heading = new QTreeWidgetItem(&tree);  // a heading across both columns
    heading->setText(0, QStringLiteral("完工率（完工数 / 计划数），截至 2018-06-30（合成数据）"));
    heading->setFirstColumnSpanned(true);
}

void showAt(QTreeWidget& tree, int width) {
    tree.resize(width, 400);
    tree.show();
    for (int i = 0; i < 3; ++i) QCoreApplication::processEvents();
}

}  // namespace

TEST_CASE("wrapping rows: long texts wrap and rows grow; without it they are cut", "[ui][wrap]") {
    QTreeWidget plain;
    fill(plain);
    showAt(plain, 220);
    CHECK_FALSE(test::cutCells(plain).empty());  // the check finds cut texts

    QTreeWidget tree;
    fill(tree);
    ui::wrapRows(&tree);
    showAt(tree, 220);
    int cells = 0, multiLine = 0;
    auto cut = test::cutCells(tree, &cells, &multiLine);
    for (const auto& c : cut) UNSCOPED_INFO(c);
    CHECK(cut.empty());
    CHECK(cells == 9);
    CHECK(multiLine >= 2);
    const int narrowHeight = tree.visualRect(tree.indexFromItem(tree.topLevelItem(2), 1)).height();

    // Wider: the rows shrink back to one line by themselves.
    showAt(tree, 1200);
    multiLine = 0;
    cut = test::cutCells(tree, nullptr, &multiLine);
    CHECK(cut.empty());
    CHECK(multiLine == 0);
    CHECK(tree.visualRect(tree.indexFromItem(tree.topLevelItem(2), 1)).height() < narrowHeight);
}
