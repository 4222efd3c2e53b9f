// The import dialog driven offscreen with the real messy fixtures against a copy of the demo
// project: preview and encoding, the join report model and its filters, export, import and
// the reload of the main window.

#include <catch2/catch_test_macros.hpp>

#include <QComboBox>
#include <QCoreApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListWidgetItem>
#include <QMessageBox>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTranslator>

#include <filesystem>

#include "hongtu/geo/datasource.hpp"
#include "render/loaded_project.hpp"
#include "test_support.hpp"
#include "ui/import_table_dialog.hpp"
#include "ui/join_report_model.hpp"
#include "ui/layer_panel.hpp"
#include "ui/main_window.hpp"
#include "ui/map_canvas.hpp"

using namespace hongtu;

namespace {

QString joinData(const char* name) { return QStringLiteral(HONGTU_TEST_DATA "/join/") + QString::fromUtf8(name); }

// A copy of the demo project in a temporary directory: imports write into it.
struct ProjectCopy {
    QTemporaryDir dir;
    std::string path;
    ProjectCopy() {
        REQUIRE(dir.isValid());
        path = (dir.path() + QStringLiteral("/luliang.gpkg")).toStdString();
        std::filesystem::copy_file(HONGTU_DEMO_PROJECT, path);
    }
};

int proxyRows(const ui::ImportTableDialog& dialog) { return dialog.reportFilter()->rowCount(); }

void chooseFilter(ui::ImportTableDialog& dialog, int statusOrMode) {
    QComboBox* box = dialog.statusFilterBox();
    const int i = box->findData(statusOrMode);
    REQUIRE(i >= 0);
    box->setCurrentIndex(i);
}

QMessageBox* errorBox(const QWidget& dialog) { return dialog.findChild<QMessageBox*>(QStringLiteral("importErrorBox")); }

}  // namespace

TEST_CASE("import_table_dialog: a GBK spreadsheet, previewed, joined, reported, exported and imported", "[import_dialog]") {
    ProjectCopy project;
    ui::ImportTableDialog dialog(project.path);
    dialog.setClock([] { return std::string("2018-07-01T00:00:00Z"); });
    dialog.show();

    REQUIRE(dialog.openTable(joinData("venues_gbk.csv")));
    // The preview shows the detected encoding and the decoded Chinese text, with Excel's row numbers.
    CHECK(dialog.previewInfoLabel()->text().contains(QStringLiteral("GB18030")));
    REQUIRE(dialog.previewTable()->rowCount() == 10);
    CHECK(dialog.previewTable()->item(0, 2)->text() == QStringLiteral("蔡家崖村委会"));
    CHECK(dialog.previewTable()->verticalHeaderItem(9)->text() == QStringLiteral("12"));  // blank lines keep file numbering
    // The columns are guessed from their Chinese names.
    CHECK(dialog.methodBox()->currentData().toInt() == static_cast<int>(ui::ImportTableDialog::Method::Code));
    CHECK(dialog.keyColumnBox()->currentData().toString() == QStringLiteral("村代码"));
    CHECK(dialog.countyColumnBox()->currentData().toString() == QStringLiteral("县（市、区）"));
    CHECK(dialog.layerNameEdit()->text() == QStringLiteral("venues_gbk_import"));

    REQUIRE(dialog.runJoin());
    CHECK(dialog.showingReport());
    const geo::JoinReport& report = dialog.reportModel()->report();
    REQUIRE(dialog.reportModel()->rowCount() == 10);
    CHECK(report.count(geo::JoinStatus::Matched) == 5);
    CHECK(report.count(geo::JoinStatus::Duplicate) == 1);
    CHECK(report.count(geo::JoinStatus::Unmatched) == 1);
    CHECK(report.count(geo::JoinStatus::PrefixMismatch) == 1);
    CHECK(report.count(geo::JoinStatus::InvalidCode) == 2);
    CHECK(dialog.countsLabel()->text().contains(QStringLiteral("<b>5</b> Matched")));
    CHECK(dialog.countsLabel()->text().contains(QStringLiteral("<b>2</b> Invalid code")));
    CHECK(dialog.unitsModel()->rowCount() == static_cast<int>(report.unitsWithoutRow.size()));
    CHECK(dialog.unitsModel()->rowCount() > 100);
    CHECK(dialog.reportTabs()->tabText(1).contains(QString::number(report.unitsWithoutRow.size())));

    SECTION("the report filters by status and text, and sorts rows as numbers") {
        CHECK(proxyRows(dialog) == 10);
        chooseFilter(dialog, ui::JoinReportFilter::NotMatched);
        CHECK(proxyRows(dialog) == 5);
        chooseFilter(dialog, static_cast<int>(geo::JoinStatus::InvalidCode));
        CHECK(proxyRows(dialog) == 2);
        chooseFilter(dialog, static_cast<int>(geo::JoinStatus::Duplicate));
        REQUIRE(proxyRows(dialog) == 1);
        const QModelIndex dup = dialog.reportFilter()->index(0, ui::JoinReportModel::MessageColumn);
        CHECK(dup.data().toString().contains(QStringLiteral("第4行")));  // names the row that keeps the match (说明, Chinese)
        CHECK(dialog.reportFilter()->index(0, ui::JoinReportModel::KeyColumn).data().toString() == QStringLiteral("141124105206"));

        chooseFilter(dialog, ui::JoinReportFilter::AllStatuses);
        dialog.textFilterEdit()->setText(QStringLiteral("141124105206"));  // 双塔, three rows
        CHECK(proxyRows(dialog) == 3);
        dialog.textFilterEdit()->clear();

        dialog.reportView()->sortByColumn(ui::JoinReportModel::RowColumn, Qt::DescendingOrder);
        CHECK(dialog.reportFilter()->index(0, ui::JoinReportModel::RowColumn).data().toString() == QStringLiteral("12"));
        dialog.reportView()->sortByColumn(ui::JoinReportModel::StatusColumn, Qt::AscendingOrder);
        CHECK(dialog.reportFilter()->index(0, ui::JoinReportModel::StatusColumn).data().toString() == QStringLiteral("Matched"));
        CHECK(dialog.reportFilter()->index(9, ui::JoinReportModel::StatusColumn).data().toString() ==
              QStringLiteral("Code not in stated county"));
    }
    SECTION("the matched unit's code and name are columns of the report") {
        const QModelIndex first = dialog.reportModel()->index(0, ui::JoinReportModel::CodeColumn);
        CHECK(first.data().toString() == QStringLiteral("141123205200"));
        CHECK(dialog.reportModel()->index(0, ui::JoinReportModel::NameColumn).data().toString().startsWith(QStringLiteral("蔡家崖")));
        CHECK(dialog.reportModel()->index(7, ui::JoinReportModel::MessageColumn).data().toString().contains(QStringLiteral("科学计数法")));
    }
    SECTION("the report exports as XLSX with one line per row and the features without rows") {
        const QString out = QString::fromStdString(std::filesystem::path(project.path).parent_path().string()) +
                            QStringLiteral("/report.xlsx");
        REQUIRE(dialog.exportReport(out));
        auto written = geo::DataSource::open(out.toStdString());
        REQUIRE(written);
        const auto layers = written->layers();
        REQUIRE(layers.size() == 2);
        CHECK(layers[0].featureCount == 10);
        CHECK(layers[1].name == "features_without_rows");
        CHECK(layers[1].featureCount == static_cast<std::int64_t>(report.unitsWithoutRow.size()));
    }
    SECTION("importing writes the matched rows as a layer of the project") {
        QString importedLayer;
        QObject::connect(&dialog, &ui::ImportTableDialog::imported,
                         [&](const QString& layer, const QString&) { importedLayer = layer; });
        REQUIRE(dialog.importIntoProject());
        CHECK(importedLayer == QStringLiteral("venues_gbk_import"));
        auto back = geo::DataSource::open(project.path);
        REQUIRE(back);
        auto layer = back->readLayer("venues_gbk_import");
        REQUIRE(layer);
        CHECK(layer->features.size() == 5);
        CHECK(errorBox(dialog) == nullptr);

        auto reloaded = render::loadProject(project.path);
        REQUIRE(reloaded);
        const render::SceneLayer* shown = reloaded->scene.find("venues_gbk_import");
        REQUIRE(shown != nullptr);
        CHECK(shown->points.size() == 5);
        CHECK(shown->displayName.contains(QStringLiteral("venues_gbk.csv")));
        // Joined by code: the points sit at the villages' synthetic positions, and say so.
        CHECK(shown->syntheticPositions);
        CHECK(shown->displayName.endsWith(QStringLiteral(" (synthetic positions)")));
    }
    SECTION("a refused import is shown once, naming the layer, and leaves the project as it was") {
        const auto before = std::filesystem::file_size(project.path);
        dialog.layerNameEdit()->setText(QStringLiteral("counties"));
        CHECK_FALSE(dialog.importIntoProject());
        QMessageBox* box = errorBox(dialog);
        REQUIRE(box != nullptr);
        CHECK(box->informativeText().contains(QStringLiteral("counties")));
        CHECK(dialog.findChildren<QMessageBox*>().size() == 1);
        CHECK(std::filesystem::file_size(project.path) == before);
        auto back = geo::DataSource::open(project.path);
        REQUIRE(back);
        CHECK(back->readLayer("counties")->features.size() == 13);
    }
}

TEST_CASE("import_table_dialog: coordinates need a stated system; Shaanxi is outside", "[import_dialog]") {
    ProjectCopy project;
    ui::ImportTableDialog dialog(project.path);
    REQUIRE(dialog.openTable(joinData("memorials_gcj02.csv")));
    CHECK(dialog.methodBox()->currentData().toInt() == static_cast<int>(ui::ImportTableDialog::Method::Location));
    CHECK(dialog.lonColumnBox()->currentData().toString() == QStringLiteral("经度"));
    CHECK(dialog.latColumnBox()->currentData().toString() == QStringLiteral("纬度"));
    dialog.levelBox()->setCurrentIndex(dialog.levelBox()->findData(static_cast<int>(geo::AdminLevel::County)));

    // Never guessed: joining without stating the system is refused.
    CHECK_FALSE(dialog.runJoin());
    CHECK_FALSE(dialog.showingReport());
    REQUIRE(errorBox(dialog) != nullptr);
    errorBox(dialog)->close();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);

    dialog.coordSystemBox()->setCurrentIndex(dialog.coordSystemBox()->findData(static_cast<int>(geo::CoordSystem::Gcj02)));
    REQUIRE(dialog.runJoin());
    const geo::JoinReport& report = dialog.reportModel()->report();
    CHECK(report.coordSystem == "GCJ-02");
    CHECK(report.count(geo::JoinStatus::Matched) == 3);
    CHECK(report.count(geo::JoinStatus::OutsideArea) == 1);
    CHECK(report.count(geo::JoinStatus::InvalidCoordinates) == 1);
    CHECK(dialog.reportModel()->index(0, ui::JoinReportModel::NameColumn).data().toString() == QStringLiteral("兴县"));
}

TEST_CASE("import_table_dialog: swapped coordinate columns are diagnosed as hongtu info does", "[import_dialog]") {
    ProjectCopy project;
    ui::ImportTableDialog dialog(project.path);
    REQUIRE(dialog.openTable(joinData("sites_swapped_columns.csv")));
    REQUIRE(dialog.methodBox()->currentData().toInt() == static_cast<int>(ui::ImportTableDialog::Method::Location));
    dialog.levelBox()->setCurrentIndex(dialog.levelBox()->findData(static_cast<int>(geo::AdminLevel::County)));
    dialog.coordSystemBox()->setCurrentIndex(dialog.coordSystemBox()->findData(static_cast<int>(geo::CoordSystem::Cgcs2000)));
    REQUIRE(dialog.runJoin());
    const QString counts = dialog.countsLabel()->text();
    INFO(counts.toStdString());
    CHECK(counts.contains(QStringLiteral("longitude and latitude are swapped in 3 of 3 rows")));
    CHECK(counts.contains(QStringLiteral("choose '纬度' as the longitude column")));
}

TEST_CASE("import_table_dialog: an unreadable file is one message naming it", "[import_dialog]") {
    ProjectCopy project;
    ui::ImportTableDialog dialog(project.path);
    CHECK_FALSE(dialog.openTable(QStringLiteral("/nonexistent/县里的表.csv")));
    QMessageBox* box = errorBox(dialog);
    REQUIRE(box != nullptr);
    CHECK(box->informativeText().contains(QStringLiteral("县里的表.csv")));
    CHECK(dialog.findChildren<QMessageBox*>().size() == 1);
    CHECK_FALSE(dialog.table().has_value());
}

TEST_CASE("import_table_dialog: status names in Chinese and layer names for the import", "[import_dialog]") {
    QTranslator zh;
    REQUIRE(zh.load(QStringLiteral(":/i18n/hongtu_zh_CN")));
    QCoreApplication::installTranslator(&zh);
    CHECK(ui::joinStatusText(geo::JoinStatus::Matched) == QStringLiteral("已匹配"));
    CHECK(ui::joinStatusText(geo::JoinStatus::Unmatched) == QStringLiteral("未匹配"));
    CHECK(ui::joinStatusText(geo::JoinStatus::Ambiguous) == QStringLiteral("多义"));
    CHECK(ui::joinStatusText(geo::JoinStatus::Duplicate) == QStringLiteral("重复"));
    CHECK(ui::joinStatusText(geo::JoinStatus::InvalidCode) == QStringLiteral("代码无效"));
    CHECK(ui::joinStatusText(geo::JoinStatus::PrefixMismatch) == QStringLiteral("代码与县不符"));
    CHECK(ui::joinStatusText(geo::JoinStatus::OutsideArea) == QStringLiteral("超出范围"));
    CHECK(ui::joinStatusText(geo::JoinStatus::InvalidCoordinates) == QStringLiteral("坐标无效"));
    QCoreApplication::removeTranslator(&zh);

    CHECK(ui::ImportTableDialog::suggestedLayerName(QStringLiteral("/x/Venues 2018.xlsx")) == QStringLiteral("venues_2018_import"));
    CHECK(ui::ImportTableDialog::suggestedLayerName(QStringLiteral("/x/兴县场所.csv")) == QStringLiteral("imported_table"));
    CHECK(ui::ImportTableDialog::suggestedLayerName(QStringLiteral("/x/2018_场所.csv")) == QStringLiteral("imported_table"));
}

TEST_CASE("import_table_dialog: the main window's menu opens it and shows the imported layer", "[import_dialog]") {
    ProjectCopy project;
    auto loaded = render::loadProject(project.path);
    REQUIRE(loaded);
    ui::MainWindow window(std::move(loaded).value());
    window.resize(1200, 800);
    window.show();
    const int layersBefore = window.layerPanel()->count();
    const render::MapSettings viewBefore = window.canvas()->settings();

    ui::ImportTableDialog* dialog = window.openImportDialog();
    REQUIRE(dialog != nullptr);
    CHECK(window.openImportDialog() == dialog);  // one at a time
    dialog->setClock([] { return std::string("2018-07-01T00:00:00Z"); });
    REQUIRE(dialog->openTable(joinData("venues_gbk.csv")));
    REQUIRE(dialog->runJoin());
    REQUIRE(dialog->importIntoProject());

    CHECK(window.project().scene.find("venues_gbk_import") != nullptr);
    CHECK(window.layerPanel()->count() == layersBefore + 1);
    QListWidgetItem* item = window.layerPanel()->itemFor("venues_gbk_import");
    REQUIRE(item != nullptr);
    CHECK(item->checkState() == Qt::Checked);
    CHECK(window.canvas()->settings().isLayerVisible("venues_gbk_import"));
    CHECK(window.canvas()->settings().visibleExtent() == viewBefore.visibleExtent());  // the view stays
}
