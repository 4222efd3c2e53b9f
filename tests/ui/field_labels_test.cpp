// Chinese everywhere a user reads (ui/field_labels.hpp): field titles and value labels in
// identify and the attribute table, name_en hidden, and a walk over every widget of the main
// window and its dialogs in zh_CN that fails on text that is an untranslated identifier.
#include <catch2/catch_test_macros.hpp>

#include <QAbstractButton>
#include <QAction>
#include <QComboBox>
#include <QCoreApplication>
#include <QDockWidget>
#include <QFile>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QTabBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTranslator>
#include <QTreeWidget>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <cstdlib>

#include "render/loaded_project.hpp"
#include "render/progress_theme.hpp"
#include "test_support.hpp"
#include "ui/attribute_table.hpp"
#include "ui/export_dialog.hpp"
#include "ui/feature_panels.hpp"
#include "ui/field_labels.hpp"
#include "ui/import_table_dialog.hpp"
#include "ui/main_window.hpp"
#include "ui/map_canvas.hpp"
#include "ui/progress_controller.hpp"
#include "ui/status_edit_dialog.hpp"

using namespace hongtu;

namespace {

// snake_case words (project_id, name_en, village_venue) and the raw English values the issue
// found in the Chinese interface.
const QRegularExpression kIdentifier(QStringLiteral(R"(\b[a-z][a-z0-9]*_[a-z0-9_]+\b)"));
const QStringList kRawValues{QStringLiteral("estimated"), QStringLiteral("suggested, not sourced"), QStringLiteral("confirm by phone"),
                             QStringLiteral("daily 09:00"), QStringLiteral("memorials.md")};

void collect(const QString& where, const QString& text, QStringList& bad) {
    if (text.isEmpty()) return;
    if (kIdentifier.match(text).hasMatch()) bad << where + QStringLiteral(": ") + text;
    for (const QString& raw : kRawValues)
        if (text.contains(raw)) bad << where + QStringLiteral(": ") + text;
}

void collectModel(const QString& where, const QAbstractItemModel* model, QStringList& bad, int maxRows = 50) {
    if (!model) return;
    for (int c = 0; c < model->columnCount(); ++c) collect(where + QStringLiteral(" header"), model->headerData(c, Qt::Horizontal).toString(), bad);
    for (int r = 0; r < std::min(maxRows, model->rowCount()); ++r)
        for (int c = 0; c < model->columnCount(); ++c) collect(where, model->index(r, c).data().toString(), bad);
}

// Every text a user can read in `root` and its children.
QStringList untranslated(QWidget* root) {
    QStringList bad;
    QList<QWidget*> widgets = root->findChildren<QWidget*>();
    widgets << root;
    for (QWidget* w : widgets) {
        const QString name = QString::fromLatin1(w->metaObject()->className()) + QLatin1Char(' ') + w->objectName();
        collect(name + QStringLiteral(" tooltip"), w->toolTip(), bad);
        if (auto* l = qobject_cast<QLabel*>(w)) collect(name, l->text(), bad);
        if (auto* b = qobject_cast<QAbstractButton*>(w)) collect(name, b->text(), bad);
        if (auto* g = qobject_cast<QGroupBox*>(w)) collect(name, g->title(), bad);
        if (auto* d = qobject_cast<QDockWidget*>(w)) collect(name, d->windowTitle(), bad);
        if (auto* e = qobject_cast<QLineEdit*>(w)) collect(name + QStringLiteral(" placeholder"), e->placeholderText(), bad);
        if (auto* c = qobject_cast<QComboBox*>(w))
            for (int i = 0; i < c->count(); ++i) collect(name, c->itemText(i), bad);
        if (auto* t = qobject_cast<QTabBar*>(w))
            for (int i = 0; i < t->count(); ++i) collect(name, t->tabText(i), bad);
        if (auto* tree = qobject_cast<QTreeWidget*>(w)) collectModel(name, tree->model(), bad);
        if (auto* table = qobject_cast<QTableView*>(w)) collectModel(name, table->model(), bad);
        for (QAction* a : w->actions()) {
            collect(name + QStringLiteral(" action"), a->text(), bad);
            if (a->menu())
                for (QAction* m : a->menu()->actions()) collect(name + QStringLiteral(" menu"), m->text(), bad);
        }
    }
    bad.removeDuplicates();
    return bad;
}

std::optional<std::size_t> siteNamed(const render::Scene& scene, const std::string& id) {
    const render::SceneLayer* sites = scene.find("memorial_sites");
    if (!sites) return std::nullopt;
    for (std::size_t i = 0; i < sites->itemCount(); ++i)
        if (sites->text(i, "id") == id) return i;
    return std::nullopt;
}

}  // namespace

TEST_CASE("field labels: titles and values in the UI language, name_en hidden", "[ui][i18n]") {
    QTranslator zh;
    REQUIRE(zh.load(QStringLiteral(":/i18n/hongtu_zh_CN")));
    QCoreApplication::installTranslator(&zh);
    CHECK(ui::fieldLabel("project_id") == QStringLiteral("项目编号"));
    CHECK(ui::fieldLabel("planned_completion") == QStringLiteral("计划完工日期"));
    CHECK(ui::fieldLabel("budget_yuan") == QStringLiteral("预算（元）"));
    CHECK(ui::fieldLabel("some_new_column") == QStringLiteral("some_new_column"));  // unknown: its name
    CHECK_FALSE(ui::knownField("some_new_column"));
    CHECK(ui::hiddenByDefault("name_en"));
    CHECK_FALSE(ui::hiddenByDefault("name_zh"));
    CHECK(ui::valueLabel("kind", QStringLiteral("village_venue")) == QStringLiteral("村级组织活动场所"));
    CHECK(ui::valueLabel("coord_status", QStringLiteral("estimated")).startsWith(QStringLiteral("估计")));
    CHECK(ui::valueLabel("opening_hours", QStringLiteral("daily 09:00-17:00; confirm by phone")) == QStringLiteral("每天 09:00-17:00; 请电话确认"));
    CHECK(ui::valueLabel("opening_hours", QStringLiteral("Tue-Sun 09:00-17:00")) == QStringLiteral("周二-周日 09:00-17:00"));
    CHECK(ui::valueLabel("hours_status", QStringLiteral("sourced: https://265xx.com/w432/286831.html (2023)")) ==
          QStringLiteral("公开出处：https://265xx.com/w432/286831.html (2023)"));
    CHECK(ui::valueLabel("name", QStringLiteral("蔡家崖村")) == QStringLiteral("蔡家崖村"));
    QCoreApplication::removeTranslator(&zh);
    // English UI: English titles.
    CHECK(ui::fieldLabel("planned_completion") == QStringLiteral("Planned completion date"));
}

TEST_CASE("field labels: the identify panel of a memorial site reads in Chinese", "[ui][i18n]") {
    QTranslator zh;
    REQUIRE(zh.load(QStringLiteral(":/i18n/hongtu_zh_CN")));
    QCoreApplication::installTranslator(&zh);
    {
        auto project = render::loadProject(HONGTU_DEMO_PROJECT);
        REQUIRE(project);
        ui::MainWindow window(std::move(project).value());
        window.resize(1366, 768);
        window.arrangeForScreen({1366, 768});
        window.show();
        const auto site = siteNamed(window.project().scene, "LL01");  // 晋绥边区革命纪念馆
        REQUIRE(site);
        window.showFeature({"memorial_sites", *site});
        ui::FeatureInfoPanel& info = *window.featureInfo();
        CHECK(info.valueOf(QStringLiteral("name_zh")) == QStringLiteral("晋绥边区革命纪念馆"));
        CHECK(info.valueOf(QStringLiteral("name_en")).isEmpty());  // hidden
        CHECK(info.shownValueOf(QStringLiteral("coord_status")).isEmpty());
        CHECK(info.shownValueOf(QStringLiteral("opening_hours")) == QStringLiteral("周二-周日 09:00-17:00"));
        CHECK(info.shownValueOf(QStringLiteral("visit_minutes_status")) == QStringLiteral("本项目建议值，无公开出处"));
        QStringList titles;
        for (int i = 0; i < info.tree()->topLevelItemCount(); ++i) titles << info.tree()->topLevelItem(i)->text(0);
        CHECK(titles.contains(QStringLiteral("开放时间")));
        CHECK(titles.contains(QStringLiteral("乡镇")));
        CHECK(untranslated(&info).isEmpty());
        // Every title and value readable whole: a long source wraps instead of ending in "…".
        window.findChild<QDockWidget*>(QStringLiteral("featureInfoDock"))->raise();
        for (int i = 0; i < 5; ++i) QCoreApplication::processEvents();
        int cells = 0, multiLine = 0;
        const auto cut = test::cutCells(*info.tree(), &cells, &multiLine);
        for (const auto& c : cut) UNSCOPED_INFO(c);
        CHECK(cut.empty());
        CHECK(cells > 20);
        CHECK(multiLine > 0);  // 来源 needs more than one line in the dock
        if (const char* dir = std::getenv("HONGTU_SCREENSHOT_DIR")) {
            window.canvas()->waitForRender();
            for (int i = 0; i < 5; ++i) QCoreApplication::processEvents();
            CHECK(window.grab().save(QString::fromLocal8Bit(dir) + QStringLiteral("/viewer-identify-memorial.png")));
        }
    }
    QCoreApplication::removeTranslator(&zh);
}

TEST_CASE("field labels: no widget of the main window or its dialogs shows an untranslated identifier in zh_CN", "[ui][i18n]") {
    QTranslator zh;
    REQUIRE(zh.load(QStringLiteral(":/i18n/hongtu_zh_CN")));
    QCoreApplication::installTranslator(&zh);
    {
        auto project = render::loadProject(HONGTU_DEMO_PROJECT, render::ProjectOptions{.displayCrs = {}, .progressDate = geo::Date{2018, 6, 30}});
        REQUIRE(project);
        ui::MainWindow window(std::move(project).value());
        window.resize(1366, 768);
        window.show();
        // Identify a project and show the attribute table of each layer in turn.
        window.attributeDock()->show();
        QStringList bad;
        QComboBox* layers = window.attributeTable()->layerBox();
        for (int i = 0; i < layers->count(); ++i) {
            layers->setCurrentIndex(i);
            const std::string id = layers->itemData(i).toString().toStdString();
            if (window.project().scene.find(id) && window.project().scene.find(id)->itemCount() > 0) window.showFeature({id, 0});
            bad << untranslated(&window);
        }
        ui::ExportDialog exportDialog(window.project(), window.canvas()->settings().visibleLayerIds, &window);
        bad << untranslated(&exportDialog);
        std::unique_ptr<ui::StatusEditDialog> edit(window.progressController()->makeEditDialog());
        bad << untranslated(edit.get());
        ui::ImportTableDialog import(window.project().path, &window);
        bad << untranslated(&import);
        bad.removeDuplicates();
        INFO(bad.join(QLatin1Char('\n')).toStdString());
        CHECK(bad.isEmpty());
    }
    QCoreApplication::removeTranslator(&zh);
}

TEST_CASE("field labels: titles stored with the project (gpkg_data_columns) win over the built-in ones", "[ui][i18n]") {
    QTemporaryDir dir;
    const std::string path = dir.filePath(QStringLiteral("luliang.gpkg")).toStdString();
    REQUIRE(QFile::copy(QStringLiteral(HONGTU_DEMO_PROJECT), QString::fromStdString(path)));
    {
        GDALAllRegister();  // this test may run alone, before anything else opened GDAL
        GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE));
        REQUIRE(ds);
        for (const char* sql : {
                 "CREATE TABLE IF NOT EXISTS gpkg_data_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, name TEXT, "
                 "title TEXT, description TEXT, mime_type TEXT, constraint_name TEXT, CONSTRAINT pk_gdc PRIMARY KEY (table_name, column_name))",
                 "INSERT INTO gpkg_data_columns (table_name, column_name, name, title) VALUES "
                 "('memorial_sites', 'opening_hours', 'opening_hours', '开放时段（县党史办核实）')",
                 "INSERT INTO gpkg_data_columns (table_name, column_name, name, title) VALUES "
                 "('venue_projects', 'budget_yuan', 'budget_yuan', '批复预算（元）')"}) {
            OGRLayer* r = ds->ExecuteSQL(sql, nullptr, "SQLITE");
            if (r) ds->ReleaseResultSet(r);
        }
    }
    auto project = render::loadProject(path);
    REQUIRE(project);
    ui::MainWindow window(std::move(project).value());
    const auto site = siteNamed(window.project().scene, "LL01");
    REQUIRE(site);
    window.showFeature({"memorial_sites", *site});
    QStringList titles;
    for (int i = 0; i < window.featureInfo()->tree()->topLevelItemCount(); ++i) titles << window.featureInfo()->tree()->topLevelItem(i)->text(0);
    CHECK(titles.contains(QStringLiteral("开放时段（县党史办核实）")));
    // The progress layers are drawn from venue_projects: the column's title carries over.
    window.attributeTable()->showLayer(render::kVillageVenueLayer);
    const QAbstractItemModel* model = window.attributeTable()->model();
    QStringList headers;
    for (int c = 0; c < model->columnCount(); ++c) headers << model->headerData(c, Qt::Horizontal).toString();
    CHECK(headers.contains(QStringLiteral("批复预算（元）")));
}
