#include <catch2/catch_test_macros.hpp>
#include <catch2/matchers/catch_matchers_floating_point.hpp>
#include <catch2/matchers/catch_matchers_string.hpp>

#include "hongtu/geo/progress/progress.hpp"

using namespace hongtu::geo;
using namespace hongtu::geo::progress;
using Catch::Matchers::ContainsSubstring;
using Catch::Matchers::WithinAbs;

namespace {

Date d(const char* iso) { return *Date::parseIso(iso); }

// The hand-checked cases of tests/data/progress/csv (docs/progress.md, "Fixture"), built in
// memory so the model is tested without GDAL.
ProgressData fixture() {
    ProgressData data;
    data.source = "fixture";
    auto venue = [&](const char* id, ProjectKind k, const char* township, const char* county, const char* end, std::int64_t budget) {
        Project p;
        p.id = id;
        p.kind = k;
        p.townshipCode = township;
        p.countyCode = county;
        p.plannedCompletion = d(end);
        p.budgetYuan = budget;
        p.table = k == ProjectKind::TownshipHousing ? "housing_projects" : "venue_projects";
        p.row = static_cast<std::int64_t>(data.projects.size()) + 1;
        data.projects.push_back(p);
    };
    venue("VV-141123-0001", ProjectKind::VillageVenue, "141123100", "141123", "2018-05-31", 1'000'000);
    venue("VV-141123-0002", ProjectKind::VillageVenue, "141123100", "141123", "2018-06-15", 800'000);
    venue("VV-141123-0003", ProjectKind::VillageVenue, "141123101", "141123", "2018-07-30", 600'000);
    venue("CV-141123-0001", ProjectKind::CommunityVenue, "141123101", "141123", "2018-06-30", 500'000);
    venue("VV-141124-0001", ProjectKind::VillageVenue, "141124100", "141124", "2018-12-31", 700'000);
    venue("TH-141124100", ProjectKind::TownshipHousing, "141124100", "141124", "2018-10-31", 2'000'000);
    venue("TH-141123100", ProjectKind::TownshipHousing, "141123100", "141123", "2018-09-30", 1'500'000);
    auto change = [&](const char* id, Stage s, const char* date) {
        StatusChange c;
        c.projectId = id;
        c.stage = s;
        c.date = d(date);
        c.row = static_cast<std::int64_t>(data.history.size()) + 1;
        data.history.push_back(c);
    };
    change("CV-141123-0001", Stage::Planned, "2017-04-01");
    change("TH-141124100", Stage::Planned, "2017-05-01");
    change("TH-141124100", Stage::UnderConstruction, "2018-03-01");
    change("TH-141124100", Stage::Completed, "2018-06-30");
    change("VV-141123-0001", Stage::Planned, "2017-03-01");
    change("VV-141123-0001", Stage::UnderConstruction, "2017-06-01");
    change("VV-141123-0001", Stage::Completed, "2018-05-20");
    change("VV-141123-0001", Stage::Accepted, "2018-06-30");
    change("VV-141123-0002", Stage::Planned, "2017-03-01");
    change("VV-141123-0002", Stage::UnderConstruction, "2017-07-01");
    change("VV-141123-0003", Stage::Planned, "2017-04-01");
    change("VV-141123-0003", Stage::UnderConstruction, "2018-01-10");
    change("VV-141124-0001", Stage::Planned, "2018-07-01");
    data.counties = {{"141123", "兴县", ""}, {"141124", "临县", ""}, {"141126", "石楼县", ""}};
    data.townships = {{"141123100", "蔚汾镇", "141123"}, {"141123101", "魏家滩镇", "141123"}, {"141124100", "临泉镇", "141124"}, {"141126100", "灵泉镇", "141126"}};
    return data;
}

ProgressModel model() { return ProgressModel::create(fixture()).value(); }

ProjectState stateOf(const ProgressModel& m, const Snapshot& s, const char* id) { return s.states[*m.indexOf(id)]; }

}  // namespace

TEST_CASE("progress: stage words in English and Chinese", "[progress]") {
    CHECK(parseStage("completed") == Stage::Completed);
    CHECK(parseStage(" Under_Construction ") == Stage::UnderConstruction);
    CHECK(parseStage("验收") == Stage::Accepted);
    CHECK_FALSE(parseStage("done"));
}

TEST_CASE("progress: a change dated D counts on D", "[progress]") {
    const auto m = model();
    const auto project = *m.indexOf("VV-141123-0001");  // accepted 2018-06-30, completed 2018-05-20
    const auto& ix = m.index();
    const auto day = [](const char* iso) { return static_cast<std::int32_t>(d(iso).daysSinceEpoch()); };
    CHECK(ix.stageAsOf(project, day("2018-06-30")) == Stage::Accepted);
    CHECK(ix.stageAsOf(project, day("2018-06-29")) == Stage::Completed);
    CHECK(ix.stageAsOf(project, day("2018-05-20")) == Stage::Completed);
    CHECK(ix.stageAsOf(project, day("2017-03-01")) == Stage::Planned);
    CHECK_FALSE(ix.stageAsOf(project, day("2017-02-28")));

    SECTION("before the first change the project is not yet in the programme") {
        const auto s = m.evaluate(d("2017-02-28"));
        CHECK(stateOf(m, s, "VV-141123-0001").category == Category::Unplanned);
        CHECK(stateOf(m, s, "VV-141123-0001").stage == -1);
    }
    SECTION("a project without any change is planned (undated) and not started") {
        const auto s = m.evaluate(d("2010-01-01"));
        CHECK(stateOf(m, s, "TH-141123100").category == Category::NotStarted);
        CHECK(s.city.all.planned == 1);
    }
    SECTION("same-day changes: the one recorded last counts") {
        auto data = fixture();
        StatusChange c;
        c.projectId = "VV-141123-0002";
        c.stage = Stage::Completed;
        c.date = d("2018-06-20");
        data.history.push_back(c);
        c.stage = Stage::Accepted;
        data.history.push_back(c);
        const auto m2 = ProgressModel::create(data).value();
        CHECK(m2.index().stageAsOf(*m2.indexOf("VV-141123-0002"), day("2018-06-20")) == Stage::Accepted);
        CHECK(m2.latestChange(*m2.indexOf("VV-141123-0002"))->stage == Stage::Accepted);
    }
}

TEST_CASE("progress: overdue and due soon, hand-checked", "[progress]") {
    const auto m = model();
    SECTION("as of 2018-06-30, due-soon window 30 days") {
        const auto s = m.evaluate(d("2018-06-30"), {30});
        CHECK(stateOf(m, s, "VV-141123-0001").category == Category::Accepted);  // accepted on D
        CHECK(stateOf(m, s, "TH-141124100").category == Category::Completed);   // completed on D
        CHECK(stateOf(m, s, "VV-141123-0002").category == Category::Overdue);   // due 06-15, under construction
        CHECK(stateOf(m, s, "VV-141123-0002").daysToDue == -15);
        CHECK(stateOf(m, s, "VV-141123-0003").category == Category::DueSoon);  // due 07-30: 30 days, inside the window
        CHECK(stateOf(m, s, "VV-141123-0003").daysToDue == 30);
        CHECK(stateOf(m, s, "CV-141123-0001").category == Category::DueSoon);  // due on D itself: not yet late
        CHECK(stateOf(m, s, "CV-141123-0001").daysToDue == 0);
        CHECK(stateOf(m, s, "VV-141124-0001").category == Category::Unplanned);  // planned 07-01
        CHECK(stateOf(m, s, "TH-141123100").category == Category::NotStarted);   // no change, due 09-30

        const auto late = m.lateProjects(s);
        REQUIRE(late.size() == 1);
        CHECK(m.projects()[late[0].project].id == "VV-141123-0002");
        const auto soon = m.lateProjects(s, true);
        REQUIRE(soon.size() == 2);
        CHECK(m.projects()[soon[0].project].id == "CV-141123-0001");  // soonest first
        CHECK(m.projects()[soon[1].project].id == "VV-141123-0003");
    }
    SECTION("a window of 29 days leaves the 30-day project in progress") {
        const auto s = m.evaluate(d("2018-06-30"), {29});
        CHECK(stateOf(m, s, "VV-141123-0003").category == Category::InProgress);
    }
    SECTION("one day later the community venue (never started) is overdue") {
        const auto s = m.evaluate(d("2018-07-01"), {30});
        CHECK(stateOf(m, s, "CV-141123-0001").category == Category::Overdue);
        CHECK(stateOf(m, s, "CV-141123-0001").daysToDue == -1);
        const auto late = m.lateProjects(s);
        REQUIRE(late.size() == 2);
        CHECK(m.projects()[late[0].project].id == "VV-141123-0002");  // most days late first
        CHECK(late[0].daysToDue == -16);
    }
    SECTION("completion ends lateness") {
        const auto s = m.evaluate(d("2018-06-01"), {30});
        // VV-141123-0001 was due 05-31 and completed 05-20: completed, not overdue.
        CHECK(stateOf(m, s, "VV-141123-0001").category == Category::Completed);
    }
}

TEST_CASE("progress: tallies by county, township and city", "[progress]") {
    const auto m = model();
    const auto s = m.evaluate(d("2018-06-30"), {30});

    SECTION("county") {
        const auto rows = m.tallies(s, AdminLevel::County);
        REQUIRE(rows.size() == 3);
        CHECK(rows[0].area.name == "兴县");
        const Tally& xing = rows[0].tally.all;
        CHECK(xing.planned == 5);
        CHECK(xing.started == 3);
        CHECK(xing.inProgress == 2);
        CHECK(xing.notStarted == 2);
        CHECK(xing.completed == 1);
        CHECK(xing.accepted == 1);
        CHECK(xing.overdue == 1);
        CHECK(xing.dueSoon == 2);
        CHECK(xing.budgetPlannedYuan == 4'400'000);
        CHECK(xing.budgetStartedYuan == 2'400'000);
        CHECK_THAT(*xing.completionRate(), WithinAbs(0.2, 1e-12));
        CHECK(rows[0].tally.byKind[static_cast<int>(ProjectKind::CommunityVenue)].planned == 1);

        const Tally& lin = rows[1].tally.all;  // the venue is planned only from 07-01
        CHECK(lin.planned == 1);
        CHECK(lin.completed == 1);
        CHECK(*lin.completionRate() == 1.0);

        CHECK(rows[2].area.name == "石楼县");
        CHECK(rows[2].tally.all.planned == 0);
        CHECK_FALSE(rows[2].tally.all.completionRate());  // none planned, not 0%
    }
    SECTION("township: 0% and none planned are different") {
        const auto rows = m.tallies(s, AdminLevel::Township);
        REQUIRE(rows.size() == 4);
        CHECK(rows[0].area.name == "蔚汾镇");
        CHECK(rows[0].tally.all.planned == 3);
        CHECK(rows[0].tally.all.completed == 1);
        CHECK(rows[1].area.name == "魏家滩镇");
        CHECK(rows[1].tally.all.planned == 2);
        REQUIRE(rows[1].tally.all.completionRate());
        CHECK(*rows[1].tally.all.completionRate() == 0.0);
        CHECK(rows[3].area.name == "灵泉镇");
        CHECK_FALSE(rows[3].tally.all.completionRate());
    }
    SECTION("city equals the sum of the counties") {
        const auto rows = m.tallies(s, AdminLevel::City);
        REQUIRE(rows.size() == 1);
        CHECK(rows[0].area.code == "1411");
        CHECK(rows[0].tally.all.planned == 6);
        CHECK(rows[0].tally.all.completed == 2);
        Tally sum;
        for (const auto& c : s.counties) sum.add(c.all);
        CHECK(sum == rows[0].tally.all);
    }
    SECTION("before anything was dated, only the undated plan counts") {
        const auto early = m.evaluate(d("2017-02-01"));
        const auto rows = m.tallies(early, AdminLevel::County);
        CHECK(rows[0].tally.all.planned == 1);              // 兴县: the housing project without history
        CHECK(*rows[0].tally.all.completionRate() == 0.0);  // 0%
        CHECK_FALSE(rows[1].tally.all.completionRate());    // 临县: none planned yet
    }
    SECTION("targets") {
        const auto t = m.targetProgress(s);
        REQUIRE(t.size() == 3);
        CHECK(t[0].target == 778);
        CHECK(t[0].tally.completed == 1);
        CHECK(t[1].target == 44);
        CHECK(t[2].target == 124);
        CHECK(t[2].tally.completed == 1);
        CHECK_THAT(*t[2].shareOfTarget(), WithinAbs(1.0 / 124, 1e-12));
    }
    SECTION("evaluate into a reused snapshot gives the same result") {
        Snapshot reused = m.evaluate(d("2017-01-01"));
        m.index().evaluate(d("2018-06-30"), {30}, reused);
        CHECK(reused.city.all == s.city.all);
        CHECK(reused.counties.size() == s.counties.size());
    }
}

TEST_CASE("progress: the model refuses inconsistent data naming the row", "[progress]") {
    SECTION("history naming an unknown project") {
        auto data = fixture();
        data.history[3].projectId = "VV-999";
        auto m = ProgressModel::create(data);
        REQUIRE_FALSE(m);
        CHECK(m.error().layer == "status_history");
        CHECK(m.error().row == 4);
        CHECK_THAT(m.error().message, ContainsSubstring("VV-999"));
    }
    SECTION("duplicate project ids") {
        auto data = fixture();
        data.projects[2].id = data.projects[0].id;
        auto m = ProgressModel::create(data);
        REQUIRE_FALSE(m);
        CHECK_THAT(m.error().message, ContainsSubstring("appears twice"));
        CHECK(m.error().row == 3);
    }
}

TEST_CASE("progress: validation of status changes", "[progress]") {
    const auto m = model();
    const std::string now = "2018-07-02T09:00:00Z";
    auto one = [&](ChangeRequest r) {
        r.row = 7;
        return validateChanges(m, {r}, now, "batch.csv");
    };
    auto message = [](const BatchCheck& c) {
        REQUIRE(c.problems.size() == 1);
        CHECK(c.problems[0].row == 7);
        CHECK(c.problems[0].file == "batch.csv");
        return c.problems[0].message;
    };
    SECTION("a valid change records the previous stage") {
        auto c = one({"VV-141123-0002", "completed", "2018-07-01", "完工", "张工", 0});
        REQUIRE(c.ok());
        REQUIRE(c.changes.size() == 1);
        CHECK(c.changes[0].previous == Stage::UnderConstruction);
        CHECK(c.changes[0].recordedAt == now);
        CHECK(c.changes[0].who == "张工");
    }
    SECTION("unknown project") {
        CHECK_THAT(message(one({"VV-000", "completed", "2018-07-01", "", "张工", 0})),
                   ContainsSubstring("project 'VV-000' does not exist"));
    }
    SECTION("unknown status word") {
        CHECK_THAT(message(one({"VV-141123-0002", "done", "2018-07-01", "", "张工", 0})),
                   ContainsSubstring("unknown status 'done'"));
    }
    SECTION("a date that does not parse") {
        CHECK_THAT(message(one({"VV-141123-0002", "completed", "2018-13-01", "", "张工", 0})),
                   ContainsSubstring("the date '2018-13-01' is not a date"));
    }
    SECTION("a date after today") {
        CHECK_THAT(message(one({"VV-141123-0002", "completed", "2018-07-03", "", "张工", 0})),
                   ContainsSubstring("after today (2018-07-02)"));
    }
    SECTION("a date before the previous change") {
        CHECK_THAT(message(one({"VV-141123-0002", "completed", "2017-06-30", "", "张工", 0})),
                   ContainsSubstring("before its previous change (在建 (under_construction) on 2017-07-01)"));
    }
    SECTION("moving backwards") {
        CHECK_THAT(message(one({"VV-141123-0001", "under_construction", "2018-07-01", "", "张工", 0})),
                   ContainsSubstring("cannot move back from 验收 (accepted, since 2018-06-30)"));
    }
    SECTION("repeating the current stage") {
        CHECK_THAT(message(one({"VV-141123-0002", "在建", "2018-07-01", "", "张工", 0})),
                   ContainsSubstring("already 在建"));
    }
    SECTION("missing who") {
        CHECK_THAT(message(one({"VV-141123-0002", "completed", "2018-07-01", "", " ", 0})),
                   ContainsSubstring("who made the change is missing"));
    }
    SECTION("a batch checks each row against the earlier rows of the same batch") {
        std::vector<ChangeRequest> batch = {
            {"VV-141123-0002", "completed", "2018-07-01", "", "张工", 2},
            {"VV-141123-0002", "accepted", "2018-07-02", "", "张工", 3},
            {"VV-141123-0003", "completed", "2018-07-01", "", "张工", 4},
        };
        auto c = validateChanges(m, batch, now);
        REQUIRE(c.ok());
        CHECK(c.changes[1].previous == Stage::Completed);
        batch.push_back({"VV-141123-0002", "completed", "2018-07-02", "", "张工", 5});  // backwards within the batch
        batch.push_back({"nope", "completed", "2018-07-02", "", "张工", 6});
        auto refused = validateChanges(m, batch, now, "batch.csv");
        CHECK_FALSE(refused.ok());
        CHECK(refused.changes.empty());  // all or nothing
        REQUIRE(refused.problems.size() == 2);
        CHECK(refused.problems[0].row == 5);
        CHECK(refused.problems[1].row == 6);
        const auto summary = refused.summary().toString();
        CHECK_THAT(summary, ContainsSubstring("2 of 5 changes refused, nothing was saved"));
        CHECK_THAT(summary, ContainsSubstring("row 5: project 'VV-141123-0002'"));
        CHECK_THAT(summary, ContainsSubstring("row 6: project 'nope' does not exist"));
    }
}

TEST_CASE("progress: edit session undo and redo", "[progress]") {
    EditSession session(model());
    const auto id = *session.current().indexOf("VV-141123-0002");
    const auto asOf = d("2018-07-02");
    auto stage = [&] { return session.current().evaluate(asOf).states[id].stage; };
    CHECK(stage() == static_cast<std::int8_t>(Stage::UnderConstruction));
    REQUIRE(session.apply({{"VV-141123-0002", "completed", "2018-07-01", "", "张工", 0}}, "2018-07-02T00:00:00Z").ok());
    REQUIRE(session.apply({{"VV-141123-0002", "accepted", "2018-07-02", "", "张工", 0}}, "2018-07-02T00:00:00Z").ok());
    CHECK(stage() == static_cast<std::int8_t>(Stage::Accepted));
    CHECK(session.pending().size() == 2);
    REQUIRE(session.undo());
    CHECK(stage() == static_cast<std::int8_t>(Stage::Completed));
    REQUIRE(session.undo());
    CHECK(stage() == static_cast<std::int8_t>(Stage::UnderConstruction));
    CHECK_FALSE(session.undo());
    REQUIRE(session.redo());
    CHECK(stage() == static_cast<std::int8_t>(Stage::Completed));
    // A refused edit changes nothing and keeps the redo stack.
    CHECK_FALSE(session.apply({{"VV-141123-0002", "planned", "2018-07-02", "", "张工", 0}}, "2018-07-02T00:00:00Z").ok());
    CHECK(session.canRedo());
    CHECK(session.pending().size() == 1);
}

TEST_CASE("progress: a refresh keeps unsaved edits and drops those another editor made stale", "[progress]") {
    // A shared project: every project row carries a version (PostGIS row_version).
    ProgressData seen = fixture();
    for (auto& p : seen.projects) p.version = 1;
    EditSession session(ProgressModel::create(seen).value());
    const std::string at = "2018-07-10T08:00:00Z";
    REQUIRE(session.apply({{"VV-141123-0002", "completed", "2018-07-05", "", "李工", 0}}, at).ok());  // step 0: goes stale
    REQUIRE(session.apply({{"VV-141123-0003", "completed", "2018-07-06", "", "李工", 0},
                           {"CV-141123-0001", "under_construction", "2018-07-06", "", "李工", 0}},
                          at)
                .ok());                                                                                        // step 1
    REQUIRE(session.apply({{"VV-141124-0001", "under_construction", "2018-07-07", "", "李工", 0}}, at).ok());  // step 2
    CHECK(session.expectedVersions() == std::map<std::string, std::int64_t>{
                                            {"CV-141123-0001", 1}, {"VV-141123-0002", 1}, {"VV-141123-0003", 1}, {"VV-141124-0001", 1}});

    // Meanwhile another editor saved: VV-141123-0002 completed on 07-03 (its version moved on),
    // and VV-141124-0001 under construction on 07-08 without a version change (a GeoPackage
    // editor, say): the history alone makes the unsaved step 2 (dated 07-07) come too early.
    ProgressData fresh = seen;
    fresh.projects[1].version = 2;
    StatusChange other;
    other.projectId = "VV-141123-0002";
    other.stage = Stage::Completed;
    other.date = d("2018-07-03");
    other.who = "王主任";
    fresh.history.push_back(other);
    other.projectId = "VV-141124-0001";
    other.stage = Stage::UnderConstruction;
    other.date = d("2018-07-08");
    fresh.history.push_back(other);

    const auto result = session.rebase(ProgressModel::create(fresh).value());
    REQUIRE(result.dropped.size() == 2);
    CHECK(result.dropped[0].projectId == "VV-141123-0002");
    CHECK_THAT(result.reasons[0].message, ContainsSubstring("changed by another editor") && ContainsSubstring("王主任") &&
                                              ContainsSubstring("2018-07-03") && ContainsSubstring("was dropped"));
    CHECK(result.dropped[1].projectId == "VV-141124-0001");
    CHECK_THAT(result.reasons[1].message, ContainsSubstring("before its previous change") && ContainsSubstring("was dropped"));
    CHECK(result.keptSteps == std::vector<std::size_t>{1});
    // The other editor's changes and the kept step both show; nothing else is pending.
    const auto& m = session.current();
    const auto s = m.evaluate(d("2018-07-10"));
    CHECK(s.states[*m.indexOf("VV-141123-0002")].stage == static_cast<std::int8_t>(Stage::Completed));
    CHECK(m.latestChange(*m.indexOf("VV-141123-0002"))->who == "王主任");
    CHECK(s.states[*m.indexOf("VV-141123-0003")].stage == static_cast<std::int8_t>(Stage::Completed));
    CHECK(s.states[*m.indexOf("CV-141123-0001")].stage == static_cast<std::int8_t>(Stage::UnderConstruction));
    REQUIRE(session.pending().size() == 2);
    CHECK(session.pending()[0].projectId == "VV-141123-0003");
    // The kept edits are saved against the versions of the project as read again.
    CHECK(session.expectedVersions().size() == 2);
    CHECK(session.canUndo());
    REQUIRE(session.undo());
    CHECK(session.pending().empty());
    CHECK_FALSE(session.canUndo());

    // Without unsaved edits a refresh only takes the fresh model.
    EditSession quiet(ProgressModel::create(seen).value());
    CHECK(quiet.rebase(ProgressModel::create(fresh).value()).dropped.empty());
    CHECK(quiet.current().data().history.size() == fresh.history.size());
}
