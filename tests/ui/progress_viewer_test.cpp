// The viewer's progress tools on the demo project (a copy per test): the as-of slider drives the
// map's legend and the statistics dock, the dock agrees with `hongtu progress`, the overdue list
// against a hand-checked project, edits with undo/redo, save and reopen, frame export, and a
// viewer save killed with SIGKILL in a child process.

#include <catch2/catch_test_macros.hpp>
#include <catch2/matchers/catch_matchers_string.hpp>

#include <QAbstractBarSeries>
#include <QApplication>
#include <QBarCategoryAxis>
#include <QBarSet>
#include <QComboBox>
#include <QCoreApplication>
#include <QDateEdit>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QInputMethodEvent>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QRegularExpression>
#include <QSettings>
#include <QSlider>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <QUndoStack>

#include <nlohmann/json.hpp>

#include <sys/wait.h>
#include <unistd.h>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <sstream>
#include <thread>

#include "cli/progress_command.hpp"
#include "hongtu/geo/datasource.hpp"
#include "hongtu/geo/progress/errors.hpp"
#include "hongtu/geo/progress/store.hpp"
#include "hongtu/geo/project_store.hpp"
#include "render/loaded_project.hpp"
#include "render/progress_theme.hpp"
#include "ui/date_field.hpp"
#include "ui/feature_panels.hpp"
#include "ui/legend_panel.hpp"
#include "ui/main_window.hpp"
#include "ui/map_canvas.hpp"
#include "ui/overdue_list.hpp"
#include "ui/playback.hpp"
#include "ui/progress_controller.hpp"
#include "ui/progress_dock.hpp"
#include "ui/progress_session.hpp"
#include "ui/status_edit_dialog.hpp"

using namespace hongtu;
namespace fs = std::filesystem;

namespace {

// A private copy of the demo project (edits must not touch the bundled one).
struct DemoCopy {
    QTemporaryDir dir;
    std::string path;
    DemoCopy() : path((dir.path() + QStringLiteral("/luliang.gpkg")).toStdString()) {
        fs::copy_file(HONGTU_DEMO_PROJECT, path);
    }
};

std::unique_ptr<ui::MainWindow> openWindow(const std::string& path, geo::Date asOf) {
    auto project = render::loadProject(path, render::ProjectOptions{.displayCrs = {}, .progressDate = asOf});
    REQUIRE(project);
    auto window = std::make_unique<ui::MainWindow>(std::move(project).value());
    window->resize(1400, 900);
    return window;
}

// Class label -> count of a layer's legend entry.
std::map<QString, int> legendCounts(const ui::LegendPanel& legend, const char* layerId) {
    std::map<QString, int> out;
    for (int i = 0; i < legend.topLevelItemCount(); ++i) {
        const QTreeWidgetItem* entry = legend.topLevelItem(i);
        if (entry->data(0, Qt::UserRole).toString() != QString::fromUtf8(layerId)) continue;
        for (int c = 0; c < entry->childCount(); ++c)
            if (!entry->child(c)->text(1).isEmpty()) out[entry->child(c)->text(0)] = entry->child(c)->text(1).toInt();
    }
    return out;
}

int sum(const std::map<QString, int>& counts) {
    int total = 0;
    for (const auto& [label, n] : counts) total += n;
    return total;
}

// Counts per county code of the dock's table.
std::map<std::string, geo::progress::Tally> dockRows(const ui::ProgressDock& dock) {
    std::map<std::string, geo::progress::Tally> out;
    for (const auto& row : dock.tableModel()->rows()) out[row.area.code] = row.tally.all;
    return out;
}

}  // namespace

TEST_CASE("progress viewer: the slider drives the map legend, the statistics and the overdue list", "[progress][viewer]") {
    DemoCopy demo;
    auto window = openWindow(demo.path, {2018, 6, 30});
    ui::ProgressController* progress = window->progressController();
    REQUIRE(progress);
    // Opens on the data date: the demo's figures of docs/progress.md.
    CHECK(window->canvas()->settings().asOf == std::optional<geo::Date>(geo::Date{2018, 6, 30}));
    CHECK(window->canvas()->settings().isLayerVisible(render::kCountyProgressLayer));
    CHECK(window->canvas()->settings().isLayerVisible(render::kVillageVenueLayer));
    CHECK_FALSE(window->canvas()->settings().isLayerVisible("counties"));  // the income theme, switched off
    const geo::progress::Tally june = progress->statisticsDock()->cityTally();
    CHECK(june.planned == 946);
    CHECK(june.completed == 829);
    CHECK(june.overdue == 74);
    CHECK(progress->overdueList()->model()->rowCount() == 74);
    const auto juneLegend = legendCounts(*window->legendPanel(), render::kVillageVenueLayer);
    CHECK(juneLegend.at(QStringLiteral("Overdue")) == 60);

    // The slider, as a user drags it, to 2017-03-31.
    progress->slider()->setValue(static_cast<int>(geo::Date{2017, 3, 31}.daysSinceEpoch()));
    CHECK(progress->dateEdit()->date() == QDate(2017, 3, 31));
    CHECK(window->canvas()->settings().asOf == std::optional<geo::Date>(geo::Date{2017, 3, 31}));
    const geo::progress::Tally march = progress->statisticsDock()->cityTally();
    CHECK(march.planned < june.planned);
    CHECK(march.completed == 0);
    const auto marchLegend = legendCounts(*window->legendPanel(), render::kVillageVenueLayer);
    CHECK(marchLegend != juneLegend);
    CHECK_FALSE(marchLegend.contains(QStringLiteral("Completed")));
    // Every village venue in the programme on the day is drawn once, in exactly one class.
    geo::progress::Tally villageVenues;
    const auto model = progress->session()->currentShared();
    const auto snapshot = model->evaluate({2017, 3, 31});
    for (const auto& county : snapshot.counties) villageVenues.add(county.byKind[0]);
    CHECK(sum(marchLegend) == villageVenues.planned);
    CHECK(progress->overdueList()->model()->rowCount() == static_cast<int>(march.overdue));

    // The date field drives the slider and the map too.
    progress->dateEdit()->setDate(QDate(2019, 6, 30));
    CHECK(progress->slider()->value() == static_cast<int>(geo::Date{2019, 6, 30}.daysSinceEpoch()));
    CHECK(progress->statisticsDock()->cityTally().completed > june.completed);

    // The choropleth's legend follows the day, and "none planned" is its own class.
    render::MapSettings early = window->canvas()->settings();
    early.asOf = geo::Date{2016, 12, 31};
    const auto before = render::classesAsOf(*window->project().scene.find(render::kCountyProgressLayer), early.asOf, 30);
    CHECK(before.classes[static_cast<std::size_t>(render::completionClass(std::nullopt))].count == 13);
    CHECK(before.classes[0].count == 0);  // not 0%: nobody planned anything yet
}

TEST_CASE("progress viewer: the statistics dock shows what `hongtu progress` prints", "[progress][viewer][cli]") {
    DemoCopy demo;
    auto window = openWindow(demo.path, {2018, 6, 30});
    ui::ProgressController* progress = window->progressController();
    REQUIRE(progress);
    for (const geo::Date day : {geo::Date{2017, 6, 30}, geo::Date{2018, 6, 30}, geo::Date{2019, 6, 4}}) {
        progress->setAsOf(day);
        cli::ProgressCommandOptions options;
        options.project = demo.path;
        options.asOf = day.iso();
        options.format = "json";
        std::ostringstream out, err;
        REQUIRE(cli::runProgress(options, "2026-01-01", out, err) == 0);
        const auto json = nlohmann::json::parse(out.str());
        const auto rows = dockRows(*progress->statisticsDock());
        INFO("as of " << day.iso());
        std::size_t compared = 0;
        for (const auto& area : json.at("areas")) {
            const std::string code = area.at("code");
            REQUIRE(rows.contains(code));
            const geo::progress::Tally& t = rows.at(code);
            const auto& all = area.at("all");
            CHECK(all.at("planned").get<std::int64_t>() == t.planned);
            CHECK(all.at("started").get<std::int64_t>() == t.started);
            CHECK(all.at("completed").get<std::int64_t>() == t.completed);
            CHECK(all.at("accepted").get<std::int64_t>() == t.accepted);
            CHECK(all.at("overdue").get<std::int64_t>() == t.overdue);
            ++compared;
        }
        CHECK(compared == rows.size());
        const auto& city = json.at("city");
        CHECK(city.at("planned").get<std::int64_t>() == progress->statisticsDock()->cityTally().planned);
        CHECK(city.at("completed").get<std::int64_t>() == progress->statisticsDock()->cityTally().completed);
        CHECK(city.at("overdue").get<std::int64_t>() == progress->statisticsDock()->cityTally().overdue);

        // The overdue list: the same projects, the same days, the same order.
        options.overdue = true;
        std::ostringstream late;
        REQUIRE(cli::runProgress(options, "2026-01-01", late, err) == 0);
        const auto list = nlohmann::json::parse(late.str()).at("projects");
        const ui::OverdueModel& m = *progress->overdueList()->model();
        REQUIRE(static_cast<int>(list.size()) == m.rowCount());
        for (int r = 0; r < m.rowCount(); ++r) {
            CHECK(list[static_cast<std::size_t>(r)].at("project_id").get<std::string>() ==
                  m.index(r, ui::OverdueModel::ProjectId).data().toString().toStdString());
            CHECK(-list[static_cast<std::size_t>(r)].at("days_to_due").get<int>() == m.index(r, ui::OverdueModel::DaysLate).data().toInt());
        }
    }
}

TEST_CASE("progress viewer: the overdue list against a hand-checked project", "[progress][viewer]") {
    // VV-141127-0004 陈家营村委会 (岚县): planned completion 2017-07-08; status_history rows
    // 2537 planned 2017-01-23 and 2538 under_construction 2017-04-24, never completed. By hand:
    // on 2017-07-08 it is due that day (due soon, not late); on 2017-07-09 one day late; on
    // 2018-06-30 it is 357 days late (2017-07-08 + 365 = 2018-07-08, minus 8 days).
    DemoCopy demo;
    auto window = openWindow(demo.path, {2018, 6, 30});
    ui::ProgressController* progress = window->progressController();
    const auto daysLate = [&](geo::Date day) -> std::optional<int> {
        progress->setAsOf(day);
        const ui::OverdueModel& m = *progress->overdueList()->model();
        for (int r = 0; r < m.rowCount(); ++r)
            if (m.index(r, ui::OverdueModel::ProjectId).data().toString() == QStringLiteral("VV-141127-0004"))
                return m.index(r, ui::OverdueModel::DaysLate).data().toInt();
        return std::nullopt;
    };
    CHECK_FALSE(daysLate({2017, 7, 8}));
    CHECK(daysLate({2017, 7, 9}) == 1);
    CHECK(daysLate({2018, 6, 30}) == 357);

    // Sorted by days late, most late first; the table sorts by the number, not the text.
    QAbstractItemModel* shown = progress->overdueList()->table()->model();
    REQUIRE(shown->rowCount() == 74);
    int previous = shown->index(0, ui::OverdueModel::DaysLate).data().toInt();
    for (int r = 1; r < shown->rowCount(); ++r) {
        const int days = shown->index(r, ui::OverdueModel::DaysLate).data().toInt();
        CHECK(days <= previous);
        previous = days;
    }
    CHECK(shown->index(0, ui::OverdueModel::DaysLate).data().toInt() >= 357);

    // Double-click: the map zooms to the project's village point and selects it.
    const QModelIndex row = [&] {
        for (int r = 0; r < shown->rowCount(); ++r)
            if (shown->index(r, ui::OverdueModel::ProjectId).data().toString() == QStringLiteral("VV-141127-0004"))
                return shown->index(r, 0);
        return QModelIndex();
    }();
    REQUIRE(row.isValid());
    emit progress->overdueList()->table()->doubleClicked(row);
    REQUIRE(window->canvas()->highlight().size() == 1);
    const render::FeatureRef selected = window->canvas()->highlight().front();
    CHECK(selected.layerId == render::kVillageVenueLayer);
    CHECK(window->project().scene.find(render::kVillageVenueLayer)->text(selected.item, "project_id") == "VV-141127-0004");
    CHECK(window->canvas()->settings().scaleDenominator() < 100'000);

    // A click on the point: identified, and its state on the day in the status bar.
    const geo::Box at = render::featureBounds(window->project().scene, selected);
    emit window->canvas()->clicked(window->canvas()->settings().toPixel(at.center()));
    REQUIRE(window->canvas()->highlight().size() == 1);
    CHECK(window->canvas()->highlight().front() == selected);
    const std::string message = window->statusBar()->currentMessage().toStdString();
    CHECK_THAT(message, Catch::Matchers::ContainsSubstring("VV-141127-0004"));
    CHECK_THAT(message, Catch::Matchers::ContainsSubstring("357"));
}

TEST_CASE("progress viewer: clicking a county in the table selects and zooms to it", "[progress][viewer]") {
    DemoCopy demo;
    auto window = openWindow(demo.path, {2018, 6, 30});
    ui::ProgressDock* dock = window->progressController()->statisticsDock();
    const double fullScale = window->canvas()->settings().scaleDenominator();
    QAbstractItemModel* shown = dock->table()->model();
    const QModelIndex first = shown->index(0, 0);
    const QString code = first.data(ui::CountyProgressModel::kCodeRole).toString();
    emit dock->table()->clicked(first);
    REQUIRE(window->canvas()->highlight().size() == 1);
    const auto feature = window->canvas()->highlight().front();
    CHECK(feature.layerId == render::kCountyProgressLayer);
    CHECK(QString::fromStdString(window->project().scene.find(feature.layerId)->text(feature.item, "county_code")) == code);
    CHECK(window->canvas()->settings().scaleDenominator() < fullScale);
    // A bar: the first bar (top) is the last county of the layer.
    const std::string lastCounty = dock->tableModel()->rows().back().area.code;
    emit dock->barSet()->clicked(0);
    REQUIRE(window->canvas()->highlight().size() == 1);
    const auto barFeature = window->canvas()->highlight().front();
    CHECK(window->project().scene.find(barFeature.layerId)->text(barFeature.item, "county_code") == lastCounty);
    // Rates sort as numbers: the first row has the highest rate.
    CHECK(shown->index(0, ui::CountyProgressModel::Rate).data(ui::CountyProgressModel::kSortRole).toDouble() >=
          shown->index(1, ui::CountyProgressModel::Rate).data(ui::CountyProgressModel::kSortRole).toDouble());
}

TEST_CASE("progress viewer: a recorded change shows at once, undoes, redoes, and survives a restart", "[progress][viewer][edit]") {
    DemoCopy demo;
    const geo::Date day{2018, 7, 1};
    {
        auto window = openWindow(demo.path, day);
        ui::ProgressController* progress = window->progressController();
        const geo::progress::Tally before = progress->statisticsDock()->cityTally();
        const int overdueBefore = progress->overdueList()->model()->rowCount();

        // A refused change: named in Chinese-ready words, nothing applied.
        ui::StatusEditDialog* bad = progress->makeEditDialog();
        bad->projectEdit()->setText(QStringLiteral("VV-141127-0004"));
        bad->stageBox()->setCurrentIndex(2);          // completed
        bad->dateEdit()->setDate(QDate(2017, 1, 1));  // before its previous change (2017-04-24)
        bad->whoEdit()->setText(QStringLiteral("王工"));
        bad->accept();
        CHECK(bad->result() != QDialog::Accepted);
        CHECK_THAT(bad->messageLabel()->text().toStdString(), Catch::Matchers::ContainsSubstring("VV-141127-0004"));
        CHECK_THAT(bad->messageLabel()->text().toStdString(), Catch::Matchers::ContainsSubstring("2017-04-24"));
        CHECK(progress->session()->pendingCount() == 0);
        delete bad;

        ui::StatusEditDialog* dialog = progress->makeEditDialog();
        dialog->projectEdit()->setText(QStringLiteral("VV-141127-0004"));
        dialog->stageBox()->setCurrentIndex(2);  // completed
        dialog->dateEdit()->setDate(QDate(2018, 7, 1));
        dialog->noteEdit()->setText(QStringLiteral("补录完工"));
        dialog->whoEdit()->setText(QStringLiteral("王工"));
        dialog->accept();
        CHECK(dialog->result() == QDialog::Accepted);
        delete dialog;
        CHECK(progress->session()->pendingCount() == 1);
        CHECK(progress->statisticsDock()->cityTally().completed == before.completed + 1);
        CHECK(progress->overdueList()->model()->rowCount() == overdueBefore - 1);
        const auto scene = [&] { return window->project().scene.find(render::kVillageVenueLayer); };
        const auto legendAfterEdit = legendCounts(*window->legendPanel(), render::kVillageVenueLayer);

        // Switching the display CRS there and back (the second time from the cache) keeps the
        // unsaved edit unsaved: nothing is read again, nothing rebased or dropped.
        REQUIRE(window->switchDisplayCrs("EPSG:3857"));
        REQUIRE(window->switchDisplayCrs(""));
        CHECK(progress->session()->pendingCount() == 1);
        CHECK(progress->lastRebaseReport().isEmpty());
        CHECK(progress->statisticsDock()->cityTally().completed == before.completed + 1);
        // F5 reads the file again: the unsaved edit is re-applied on top, still unsaved.
        REQUIRE(window->reloadProject());
        CHECK(progress->session()->pendingCount() == 1);
        CHECK(progress->lastRebaseReport().isEmpty());
        CHECK(progress->statisticsDock()->cityTally().completed == before.completed + 1);

        progress->session()->undoStack()->undo();
        CHECK(progress->session()->pendingCount() == 0);
        CHECK(progress->statisticsDock()->cityTally().completed == before.completed);
        CHECK(legendCounts(*window->legendPanel(), render::kVillageVenueLayer) != legendAfterEdit);
        progress->session()->undoStack()->redo();
        CHECK(progress->statisticsDock()->cityTally().completed == before.completed + 1);
        CHECK(legendCounts(*window->legendPanel(), render::kVillageVenueLayer) == legendAfterEdit);
        CHECK(scene() != nullptr);

        REQUIRE(progress->save().isEmpty());
        CHECK(progress->session()->pendingCount() == 0);
        CHECK_FALSE(progress->session()->undoStack()->canUndo());  // saved history is not undone
        window->canvas()->waitForRender();
    }
    // A restart: a new window on the file.
    auto window = openWindow(demo.path, day);
    const geo::progress::ProgressModel& model = window->progressController()->session()->current();
    const auto index = model.indexOf("VV-141127-0004");
    REQUIRE(index);
    const geo::progress::StatusChange* last = model.latestChange(*index);
    REQUIRE(last);
    CHECK(last->stage == geo::progress::Stage::Completed);
    CHECK(last->date == geo::Date{2018, 7, 1});
    CHECK(last->who == "王工");
    CHECK(last->note == "补录完工");
    CHECK(last->previous == geo::progress::Stage::UnderConstruction);
    CHECK_FALSE(last->recordedAt.empty());
    CHECK(model.data().history.size() == 946 + 935 + 896 + 894 + 1);  // appended, nothing overwritten
    window->canvas()->waitForRender();
}

TEST_CASE("progress viewer: a spreadsheet batch is all or nothing, its problems name the rows", "[progress][viewer][edit]") {
    DemoCopy demo;
    auto window = openWindow(demo.path, {2018, 7, 1});
    ui::ProgressController* progress = window->progressController();
    const QString csv = QString::fromStdString(demo.path) + QStringLiteral(".changes.csv");
    {
        QFile f(csv);
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write(
            "project_id,status,date,note,who\n"
            "VV-141127-0004,完工,2018-07-01,ok,李工\n"
            "VV-NOPE,完工,2018-07-01,,李工\n"
            "VV-141127-0004,在建,2018-07-02,,李工\n");
    }
    const QString problems = progress->applyBatchFile(csv);
    CHECK_THAT(problems.toStdString(), Catch::Matchers::ContainsSubstring("VV-NOPE"));
    CHECK_THAT(problems.toStdString(), Catch::Matchers::ContainsSubstring("3"));
    CHECK(progress->session()->pendingCount() == 0);
    {
        QFile f(csv);
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write("project_id,status,date,note,who\nVV-141127-0004,完工,2018-07-01,ok,李工\n");
    }
    CHECK(progress->applyBatchFile(csv).isEmpty());
    CHECK(progress->session()->pendingCount() == 1);
    CHECK(progress->session()->undoStack()->count() == 1);
    // A file without changes: said so, no empty undo step.
    {
        QFile f(csv);
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write("project_id,status,date,note,who\n");
    }
    CHECK_FALSE(progress->applyBatchFile(csv).isEmpty());
    CHECK(progress->session()->undoStack()->count() == 1);
    progress->session()->undoStack()->undo();
    CHECK(progress->session()->pendingCount() == 0);
    window->canvas()->waitForRender();
}

TEST_CASE("progress viewer: monthly frames for a briefing", "[progress][viewer][playback]") {
    DemoCopy demo;
    auto window = openWindow(demo.path, {2018, 6, 30});
    ui::ProgressController* progress = window->progressController();
    const auto months = ui::playbackMonths(progress->session()->current());
    REQUIRE(months.size() == 30);  // 2017-01 .. 2019-06
    CHECK(months.front() == geo::Date{2017, 1, 31});
    CHECK(months.back() == geo::Date{2019, 6, 30});
    QTemporaryDir out;
    render::MapSettings settings = window->canvas()->settings();
    settings.outputSize = {400, 300};
    auto written = ui::exportFrames(window->project().scene, settings, progress->session()->current(),
                                    {months.front(), months[17], months.back()}, out.path());
    REQUIRE(written);
    REQUIRE(written->size() == 3);
    CHECK(QFileInfo(written->at(0)).fileName() == QStringLiteral("2017-01.png"));
    CHECK(QFileInfo(written->at(1)).fileName() == QStringLiteral("2018-06.png"));
    const QImage a(written->at(0)), b(written->at(1));
    REQUIRE(!a.isNull());
    CHECK(a.size() == QSize(400, 300));
    CHECK(a != b);  // the map changed between the months

    // Playback steps month by month from the current day.
    ui::Playback playback;
    std::vector<geo::Date> reached;
    QObject::connect(&playback, &ui::Playback::dayReached, [&](geo::Date d) { reached.push_back(d); });
    playback.start(months, {2019, 3, 31}, 1);
    for (int i = 0; i < 200 && playback.isRunning(); ++i) {
        QCoreApplication::processEvents();
        QThread::msleep(2);
    }
    CHECK(reached == std::vector<geo::Date>{{2019, 4, 30}, {2019, 5, 31}, {2019, 6, 30}});
    window->canvas()->waitForRender();
}

// --- SIGKILL during the viewer's save ----------------------------------------------------------

namespace {

// Every project that can move on gets its next stage, dated the day after its last change.
std::vector<geo::progress::ChangeRequest> nextStages(const geo::progress::ProgressModel& model) {
    std::vector<geo::progress::ChangeRequest> out;
    for (std::size_t p = 0; p < model.projects().size(); ++p) {
        const geo::progress::StatusChange* last = model.latestChange(p);
        if (!last || last->stage == geo::progress::Stage::Accepted) continue;
        const auto next = static_cast<geo::progress::Stage>(static_cast<int>(last->stage) + 1);
        const geo::Date day = geo::Date::fromDaysSinceEpoch(last->date.daysSinceEpoch() + 1);
        out.push_back({model.projects()[p].id, geo::progress::stageWord(next), day.iso(), "kill test", "tester", 0});
    }
    return out;
}

constexpr const char* kChildProject = "HONGTU_PROGRESS_SAVE_CHILD_PROJECT";
constexpr const char* kChildKillAfter = "HONGTU_PROGRESS_SAVE_CHILD_KILL_AFTER";

}  // namespace

// Run as a child process by the test below: the viewer's save path (ProgressSession::save),
// killing itself after N rows when asked to.
TEST_CASE("progress viewer: save child", "[.progress_save_child]") {
    const char* path = std::getenv(kChildProject);
    REQUIRE(path);
    const long killAfter = std::getenv(kChildKillAfter) ? std::atol(std::getenv(kChildKillAfter)) : -1;
    auto model = geo::progress::loadProgress(path);
    REQUIRE(model);
    ui::ProgressSession session(path, *model);
    REQUIRE(session.apply(nextStages(*model), "2026-01-01T00:00:00Z", QStringLiteral("batch")).isEmpty());
    const QString error = session.save("2026-01-01T00:00:00Z", [killAfter](std::size_t rows) {
        if (killAfter >= 0 && rows == static_cast<std::size_t>(killAfter)) ::raise(SIGKILL);
    });
    REQUIRE(error.isEmpty());
}

TEST_CASE("progress viewer: killed during a save, the project opens with the old or the new state", "[progress][viewer][durability]") {
    DemoCopy demo;
    auto before = geo::progress::loadProgress(demo.path);
    REQUIRE(before);
    const std::size_t oldRows = before->data().history.size();
    const std::size_t batch = nextStages(*before).size();
    REQUIRE(batch > 50);
    const auto runChild = [&](long killAfter, int killFromOutsideMs) {
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QString::fromUtf8(kChildProject), QString::fromStdString(demo.path));
        env.insert(QString::fromUtf8(kChildKillAfter), QString::number(killAfter));
        child.setProcessEnvironment(env);
        child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("[.progress_save_child]")});
        REQUIRE(child.waitForStarted());
        if (killFromOutsideMs >= 0) {
            QThread::msleep(static_cast<unsigned long>(killFromOutsideMs));
            child.kill();  // SIGKILL
        }
        REQUIRE(child.waitForFinished(60'000));
        return child.exitStatus();
    };
    const auto rowsNow = [&] {
        auto model = geo::progress::loadProgress(demo.path);  // recovers a hot journal first
        REQUIRE(model);
        return model->data().history.size();
    };
    // Killed inside the transaction: after one row, half, all rows (before the commit).
    for (long killAfter : {1L, static_cast<long>(batch / 2), static_cast<long>(batch)}) {
        INFO("killed after " << killAfter << " of " << batch << " rows");
        CHECK(runChild(killAfter, -1) == QProcess::CrashExit);
        CHECK(rowsNow() == oldRows);
    }
    // Killed from outside at increasing delays: old or new, never a mix.
    bool sawNew = false;
    for (int ms : {0, 50, 150, 300, 600, 1200}) {
        if (sawNew) break;  // the new state is saved; a repeat would be refused (no stage moves twice)
        runChild(-1, ms);
        const std::size_t rows = rowsNow();
        INFO("killed after " << ms << " ms: " << rows << " rows");
        CHECK((rows == oldRows || rows == oldRows + batch));
        sawNew = rows == oldRows + batch;
    }
    // Finally a save that is not killed lands in full.
    if (!sawNew) {
        CHECK(runChild(-1, -1) == QProcess::NormalExit);
        CHECK(rowsNow() == oldRows + batch);
    }
}

TEST_CASE("progress viewer: conflicts and dropped edits are described in the planner's words", "[progress][viewer]") {
    // By code and arguments (geo::ErrorCode): the English message is never read back.
    using geo::ErrorCode;
    const auto say = [](ErrorCode code, std::map<std::string, std::string> args, std::vector<geo::Error> details = {}) {
        const geo::Error e = geo::progress::progressError(code, std::move(args), std::move(details));
        CHECK_FALSE(e.message.empty());  // the CLI's words, made from the same arguments
        return ui::describeProblem(e).toStdString();
    };
    // The store's conflict (geo/src/pg/store.cpp), with and without who/when. Stages in the
    // legend's words (已完工, 已验收), whatever word the store used.
    CHECK(say(ErrorCode::ProgressVersionConflict,
              {{"project", "VV-141123-0002"}, {"seen_version", "1"}, {"version", "2"}, {"latest_status", "completed"}, {"latest_date", "2025-05-31"}, {"latest_who", "王主任"}, {"latest_saved_at", "2025-06-02T08:00:00Z"}}) ==
          "project VV-141123-0002 was changed by another editor after you loaded it (latest: 已完工 on 2025-05-31, recorded by "
          "王主任); your change was not saved: check the status and enter it again");
    CHECK(say(ErrorCode::ProgressVersionConflict, {{"project", "X-1"}, {"seen_version", "3"}, {"version", "4"}}) ==
          "project X-1 was changed by another editor after you loaded it; your change was not saved: check the status and enter it again");
    // Edits dropped by a refresh (geo::progress::EditSession::rebase): by version, with a name holding ')'.
    CHECK(say(ErrorCode::ProgressChangedByOtherEditor,
              {{"project", "VV-1"}, {"status", "accepted"}, {"date", "2025-06-01"}, {"latest_status", "completed"}, {"latest_date", "2025-05-30"}, {"latest_who", "王(二)"}}) ==
          "project VV-1 was changed by another editor (now 已完工 since 2025-05-30, recorded by 王(二)); your unsaved change to 已验收 "
          "on 2025-06-01 was dropped: check the status and enter it again");
    // ... and by the history: the reason is described, then what was dropped.
    const geo::Error already = geo::progress::progressError(
        ErrorCode::ProgressStatusUnchanged,
        {{"project", "VV-2"}, {"status", "under_construction"}, {"date", "2018-07-09"}, {"prev_status", "under_construction"}, {"prev_date", "2018-07-08"}});
    CHECK(say(ErrorCode::ProgressChangeDropped, {{"project", "VV-2"}, {"status", "under_construction"}, {"date", "2018-07-09"}},
              {already}) == "project VV-2 is already 在建 since 2018-07-08; your unsaved change to 在建 on 2018-07-09 was dropped");
    CHECK(say(ErrorCode::ProgressProjectVanished, {{"project", "VV-3"}, {"status", "completed"}, {"date", "2018-07-09"}}) ==
          "project VV-3 no longer exists; your unsaved change to 已完工 on 2018-07-09 was dropped");
    // The save conflict's details are the per-project conflicts; its message is the CLI's.
    const geo::Error conflict = geo::progress::progressError(
        ErrorCode::ProgressSaveConflict, {},
        {geo::progress::progressError(ErrorCode::ProgressVersionConflict, {{"project", "X-1"}, {"seen_version", "3"}, {"version", "4"}})});
    CHECK(conflict.details.size() == 1);
    CHECK(conflict.message.rfind("conflict: project 'X-1' was changed by someone else", 0) == 0);
    // A message with no code is shown as it is: nothing is recognised from its text.
    CHECK(ui::describeProblem(geo::Error{"project 'VV-3' no longer exists; your unsaved change to 完工 (completed) on "
                                         "2018-07-09 was dropped",
                                         {},
                                         {},
                                         {}})
              .toStdString()
              .find("(completed)") != std::string::npos);
}

TEST_CASE("progress viewer: Ctrl+E records for the row selected in the overdue list, from any focus", "[progress][viewer][selection]") {
    DemoCopy demo;
    auto window = openWindow(demo.path, {2018, 6, 30});
    window->show();
    window->activateWindow();
    REQUIRE(QTest::qWaitForWindowActive(window.get()));
    ui::ProgressController* progress = window->progressController();
    ui::OverdueList* overdue = progress->overdueList();
    QAbstractItemModel* shown = overdue->table()->model();
    REQUIRE(shown->rowCount() > 3);
    // A map selection first (another project), then a row of the list: the row wins, as the
    // user's last choice, and the map shows the same selection.
    const QModelIndex other = shown->index(0, ui::OverdueModel::ProjectId);
    emit overdue->table()->doubleClicked(other);
    const QModelIndex row = shown->index(3, ui::OverdueModel::ProjectId);
    const QString id = row.data().toString();
    overdue->table()->selectionModel()->setCurrentIndex(row, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    REQUIRE(window->selection().size() == 1);
    CHECK(QString::fromStdString(window->project().scene.find(window->selection().front().layerId)->text(window->selection().front().item, "project_id")) == id);
    CHECK(overdue->selectedProject().has_value());

    const auto ctrlEFrom = [&](QWidget* focus) -> QString {
        focus->setFocus();
        QCoreApplication::processEvents();
        QTest::keyClick(focus, Qt::Key_E, Qt::ControlModifier);
        QCoreApplication::processEvents();
        auto* dialog = window->findChild<ui::StatusEditDialog*>();
        if (!dialog) return QStringLiteral("(no dialog)");
        const QString project = dialog->projectEdit()->text();
        delete dialog;
        return project;
    };
    CHECK(ctrlEFrom(overdue->table()) == id);
    CHECK(ctrlEFrom(window->searchPanel()->edit()) == id);  // a QLineEdit takes Ctrl+E for itself on X11
    CHECK(ctrlEFrom(progress->dateEdit()) == id);

    // The other way: a project selected on the map is selected in the list; a county clears it.
    emit overdue->table()->doubleClicked(other);
    CHECK(overdue->selectedProject() == shown->index(0, 0).data(ui::OverdueModel::kProjectRole).toULongLong());
    window->select({});
    CHECK_FALSE(overdue->selectedProject().has_value());
}

TEST_CASE("progress viewer: the county box and the status bar follow the selection and the day", "[progress][viewer][selection]") {
    DemoCopy demo;
    auto window = openWindow(demo.path, {2018, 6, 30});
    ui::ProgressController* progress = window->progressController();
    window->countyBox()->setCurrentIndex(window->countyBox()->findText(QStringLiteral("兴县")));
    // VV-141127-0004 is in 岚县: jumping to it sets the box to 岚县.
    const render::SceneLayer* venues = window->project().scene.find(render::kVillageVenueLayer);
    REQUIRE(venues != nullptr);
    std::optional<std::size_t> item;
    for (std::size_t i = 0; i < venues->itemCount() && !item; ++i)
        if (venues->text(i, "project_id") == "VV-141127-0004") item = i;
    REQUIRE(item);
    const render::FeatureRef feature{render::kVillageVenueLayer, *item};
    window->showFeature(feature);
    CHECK(window->countyBox()->currentText() == QStringLiteral("岚县"));
    CHECK(window->canvas()->highlight().size() == 1);  // the box moved without a new selection

    // The status bar's identify line is of the day shown: another day, another (or no) line.
    emit window->canvas()->clicked(window->canvas()->settings().toPixel(render::featureBounds(window->project().scene, feature).center()));
    CHECK_THAT(window->statusBar()->currentMessage().toStdString(), Catch::Matchers::ContainsSubstring("2018-06-30"));
    progress->setAsOf({2017, 7, 9});
    const std::string message = window->statusBar()->currentMessage().toStdString();
    CHECK_THAT(message, !Catch::Matchers::ContainsSubstring("2018-06-30"));
    if (!message.empty()) CHECK_THAT(message, Catch::Matchers::ContainsSubstring("2017-07-09"));
}

TEST_CASE("progress viewer: the bar chart's labels give each county's rate on every day of the history", "[progress][viewer][chart]") {
    auto project = render::loadProject(HONGTU_DEMO_PROJECT, render::ProjectOptions{.displayCrs = {}, .progressDate = geo::Date{2017, 1, 1}});
    REQUIRE(project);
    REQUIRE(project->progress);
    const auto range = render::historyRange(*project->progress);
    REQUIRE(range);
    ui::ProgressDock dock;
    dock.resize(440, 700);
    dock.setModel(project->progress, range->first);
    dock.show();
    const QRegularExpression number(QStringLiteral(R"((\d+\.\d)%$)"));
    int days = 0, labels = 0;
    for (auto d = range->first.daysSinceEpoch(); d <= range->second.daysSinceEpoch(); ++d, ++days) {
        const geo::Date day = geo::Date::fromDaysSinceEpoch(d);
        dock.showAsOf(day);
        QBarSet* bars = dock.barSet();
        QBarCategoryAxis* axis = dock.barAxis();
        REQUIRE(bars != nullptr);
        REQUIRE(axis != nullptr);
        REQUIRE(axis->count() == bars->count());
        // The value labels are beside the bars (on the axis), never inside a bar's end.
        for (const auto* series : dock.findChildren<QAbstractBarSeries*>()) CHECK_FALSE(series->isLabelsVisible());
        const auto rows = project->progress->tallies(project->progress->evaluate(day), geo::AdminLevel::County);
        for (int i = 0; i < bars->count(); ++i) {
            const auto& area = rows[rows.size() - 1 - static_cast<std::size_t>(i)];
            const auto rate = area.tally.all.completionRate();
            const QString label = axis->at(i);
            INFO(day.iso() << " " << label.toStdString());
            CHECK(label.startsWith(QString::fromStdString(area.area.name)));
            if (!rate) {
                CHECK(label.endsWith(ui::formatRate(rate)));
                continue;
            }
            const auto m = number.match(label);
            REQUIRE(m.hasMatch());
            CHECK(std::abs(m.captured(1).toDouble() - bars->at(i)) <= 0.05 + 1e-9);  // the label says the bar's value
            CHECK(std::abs(bars->at(i) - *rate * 100) < 1e-9);
            ++labels;
        }
    }
    CHECK(days > 300);
    CHECK(labels > 300);
}

TEST_CASE("progress viewer: the form's 当前 is the status on its day, in the legend's words; 填报人 is remembered", "[progress][viewer][edit]") {
    DemoCopy demo;
    auto window = openWindow(demo.path, {2018, 6, 30});
    ui::ProgressController* progress = window->progressController();
    QSettings().remove(QStringLiteral("progress/recordedBy"));
    {
        std::unique_ptr<ui::StatusEditDialog> dialog(progress->makeEditDialog());
        // No name remembered: the system user's full name (or login).
        CHECK(dialog->whoEdit()->text() == ui::osUserName());
        CHECK_FALSE(dialog->whoEdit()->text().isEmpty());
        // VV-141127-0004: planned 2017-01-23, under construction 2017-04-24.
        dialog->projectEdit()->setText(QStringLiteral("VV-141127-0004"));
        dialog->dateEdit()->setDate(QDate(2017, 3, 1));
        CHECK(dialog->currentLabel()->text().contains(QStringLiteral("未开工")));
        CHECK(dialog->currentLabel()->text().contains(QStringLiteral("2017-01-23")));
        dialog->dateEdit()->setDate(QDate(2017, 5, 1));
        CHECK(dialog->currentLabel()->text().contains(QStringLiteral("在建")));
        CHECK(dialog->currentLabel()->text().contains(QStringLiteral("2017-04-24")));
        // The stage box speaks the legend's words too.
        QStringList stages;
        for (int i = 0; i < dialog->stageBox()->count(); ++i) stages << dialog->stageBox()->itemText(i);
        CHECK(stages == QStringList{QStringLiteral("未开工"), QStringLiteral("在建"), QStringLiteral("已完工"), QStringLiteral("已验收")});
        dialog->stageBox()->setCurrentIndex(2);
        dialog->dateEdit()->setDate(QDate(2018, 7, 1));
        dialog->whoEdit()->setText(QStringLiteral("王工"));
        dialog->accept();
        REQUIRE(dialog->result() == QDialog::Accepted);
    }
    std::unique_ptr<ui::StatusEditDialog> next(progress->makeEditDialog());
    CHECK(next->whoEdit()->text() == QStringLiteral("王工"));
    // The overdue list's stage column uses the same words.
    const QAbstractItemModel* m = progress->overdueList()->model();
    const QStringList words{QStringLiteral("未开工"), QStringLiteral("在建"), QStringLiteral("已完工"), QStringLiteral("已验收"), QString()};
    for (int r = 0; r < m->rowCount(); ++r) CHECK(words.contains(m->index(r, ui::OverdueModel::Stage).data().toString()));
    QSettings().remove(QStringLiteral("progress/recordedBy"));
}

TEST_CASE("progress viewer: the date field takes a whole typed date after Ctrl+A", "[progress][viewer][dates]") {
    DemoCopy demo;
    auto window = openWindow(demo.path, {2019, 6, 4});
    window->show();
    window->activateWindow();
    REQUIRE(QTest::qWaitForWindowActive(window.get()));
    ui::ProgressController* progress = window->progressController();
    QDateEdit* field = progress->dateEdit();
    const auto type = [&](const QString& text) {
        field->setFocus();
        QTest::keyClick(field, Qt::Key_A, Qt::ControlModifier);
        for (const QChar c : text) {
            if (c.unicode() < 128) {
                QTest::keyClick(field, c.toLatin1());
            } else {  // what an input method sends for 年, 月, 日
                QInputMethodEvent commit;
                commit.setCommitString(QString(c));
                QCoreApplication::sendEvent(QApplication::focusWidget() ? QApplication::focusWidget() : field, &commit);
            }
        }
        QTest::keyClick(QApplication::focusWidget() ? QApplication::focusWidget() : field, Qt::Key_Return);
        QCoreApplication::processEvents();
    };
    type(QStringLiteral("2017-06-30"));
    CHECK(field->date() == QDate(2017, 6, 30));
    CHECK(window->canvas()->settings().asOf == geo::Date{2017, 6, 30});
    type(QStringLiteral("2018年6月30日"));
    CHECK(field->date() == QDate(2018, 6, 30));
    type(QStringLiteral("2018/1/5"));
    CHECK(field->date() == QDate(2018, 1, 5));
    type(QStringLiteral("not a date"));
    CHECK(field->date() == QDate(2018, 1, 5));  // refused: the date stays
    CHECK(ui::DateField::parse(QStringLiteral("2017.06.30")) == QDate(2017, 6, 30));
    CHECK_FALSE(ui::DateField::parse(QStringLiteral("2017-13-30")).isValid());
    // Viewing days wrote nothing into the project.
    window.reset();
    const auto reopened = render::loadProject(demo.path);
    REQUIRE(reopened);
    auto original = render::loadProject(HONGTU_DEMO_PROJECT);
    REQUIRE(original);
    CHECK(reopened->progressDate == original->progressDate);
    CHECK(std::filesystem::file_size(demo.path) == std::filesystem::file_size(HONGTU_DEMO_PROJECT));
}

// Another program holds the project's write lock for three seconds: the viewer's save gives up
// at its lock timeout with a message naming that program, saves nothing, and the UI thread's
// event loop keeps turning all the while (the save runs off the UI thread).
TEST_CASE("progress viewer: a save meeting a held lock waits its timeout while the window keeps turning",
          "[progress][viewer][store]") {
    DemoCopy demo;
    auto model = geo::progress::loadProgress(demo.path);
    REQUIRE(model);
    ui::ProgressSession session(demo.path, *model);
    REQUIRE(session.apply(nextStages(*model), "2026-01-01T00:00:00Z", QStringLiteral("batch")).isEmpty());
    const std::size_t rowsBefore = model->data().history.size();

    int ready[2];
    REQUIRE(::pipe(ready) == 0);
    const pid_t holder = ::fork();
    REQUIRE(holder >= 0);
    if (holder == 0) {
        auto store = geo::ProjectStore::open(demo.path);
        if (!store) ::_exit(3);
        auto st = store->write([&](geo::ProjectWriter&) -> geo::Status {
            const char byte = 'L';
            if (::write(ready[1], &byte, 1) != 1) ::_exit(4);
            std::this_thread::sleep_for(std::chrono::seconds(3));
            return geo::Done{};
        });
        ::_exit(st ? 0 : 5);
    }
    char byte = 0;
    REQUIRE(::read(ready[0], &byte, 1) == 1);

    ::setenv("HONGTU_LOCK_TIMEOUT_MS", "1000", 1);
    int ticks = 0;
    QTimer ticker;
    QObject::connect(&ticker, &QTimer::timeout, [&] { ++ticks; });
    ticker.start(20);
    std::vector<bool> savingStates;
    QObject::connect(&session, &ui::ProgressSession::savingChanged, [&](bool s) { savingStates.push_back(s); });
    const auto start = std::chrono::steady_clock::now();
    const QString error = session.save("2026-01-01T00:00:00Z");
    const auto took = std::chrono::steady_clock::now() - start;
    ::unsetenv("HONGTU_LOCK_TIMEOUT_MS");
    ticker.stop();

    CHECK_THAT(error.toStdString(), Catch::Matchers::ContainsSubstring("another program"));
    CHECK_THAT(error.toStdString(), Catch::Matchers::ContainsSubstring("process " + std::to_string(holder)));
    CHECK(took < std::chrono::milliseconds(2800));  // its own timeout, not the holder's three seconds
    CHECK(ticks >= 10);                             // the event loop kept turning during the save
    CHECK(savingStates == std::vector<bool>{true, false});
    CHECK(session.pendingCount() > 0);  // nothing lost: the edits are still unsaved

    int status = 0;
    REQUIRE(::waitpid(holder, &status, 0) == holder);
    auto after = geo::progress::loadProgress(demo.path);
    REQUIRE(after);
    CHECK(after->data().history.size() == rowsBefore);
    // Once the other program is done, the same save goes through.
    CHECK(session.save("2026-01-01T00:00:01Z").isEmpty());
    auto saved = geo::progress::loadProgress(demo.path);
    REQUIRE(saved);
    CHECK(saved->data().history.size() > rowsBefore);
}

// The viewer's save races `hongtu import` (another process writing the same GeoPackage): every
// save the viewer reports as done is in the file, and so is every import.
TEST_CASE("progress viewer: saves racing a command-line import on the same project lose nothing", "[progress][viewer][store]") {
    DemoCopy demo;
    const QString hongtu = QStringLiteral(HONGTU_BINARY_DIR "/app/hongtu");
    REQUIRE(QFileInfo::exists(hongtu));
    const QString table = QStringLiteral(HONGTU_SOURCE_DIR "/datasets/luliang/tables/memorial_sites.csv");
    QProcess importer;
    importer.setProcessEnvironment([] {
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        return env;
    }());
    // Six imports in a row, each into a layer of its own; it prints one line per import done.
    importer.start(QStringLiteral("sh"), {QStringLiteral("-c"),
                                          QStringLiteral("for i in 1 2 3 4 5 6; do \"$0\" import \"$1\" --project \"$2\" --layer race_$i "
                                                         "--to county --key-column 县代码 --rows-per-unit many >/dev/null && echo imported $i; done"),
                                          hongtu, table, QString::fromStdString(demo.path)});
    REQUIRE(importer.waitForStarted());

    auto model = geo::progress::loadProgress(demo.path);
    REQUIRE(model);
    ui::ProgressSession session(demo.path, *model);
    std::size_t savedRows = 0;
    int saves = 0;
    while (importer.state() != QProcess::NotRunning || saves < 3) {
        auto batch = nextStages(session.current());
        if (batch.size() > 20) batch.resize(20);
        if (batch.empty()) break;
        REQUIRE(session.apply(batch, "2026-01-01T00:00:00Z", QStringLiteral("batch")).isEmpty());
        const QString error = session.save("2026-01-01T00:00:00Z");
        INFO(error.toStdString());
        REQUIRE(error.isEmpty());
        savedRows += batch.size();
        ++saves;
    }
    REQUIRE(importer.waitForFinished(120000));
    const QString log = QString::fromUtf8(importer.readAllStandardOutput());
    CHECK(log.count(QStringLiteral("imported")) == 6);

    auto after = geo::progress::loadProgress(demo.path);
    REQUIRE(after);
    CHECK(after->data().history.size() == model->data().history.size() + savedRows);
    auto ds = geo::DataSource::open(demo.path);
    REQUIRE(ds);
    for (int i = 1; i <= 6; ++i) CHECK(ds->layerInfo("race_" + std::to_string(i)).ok());
    INFO("saves: " << saves << ", rows: " << savedRows);
    CHECK(saves >= 3);
}
