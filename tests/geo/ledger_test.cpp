#include <catch2/catch_test_macros.hpp>
#include <catch2/matchers/catch_matchers_string.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>

#include "hongtu/geo/ledger.hpp"
#include "hongtu/geo/new_project.hpp"
#include "hongtu/geo/progress/store.hpp"

using namespace hongtu::geo;
using namespace hongtu::geo::progress;
using Catch::Matchers::ContainsSubstring;
namespace fs = std::filesystem;

namespace {
std::string fixture(const std::string& name) { return std::string(HONGTU_LEDGER_FIXTURES) + "/" + name; }

std::string bytes(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A new 阳泉 project (hongtu new with the village list) in a directory of its own.
std::string newProject(const std::string& name) {
    const fs::path d = fs::path(HONGTU_BINARY_DIR) / "tests" / "ledger_scratch" / name;
    fs::remove_all(d);
    fs::create_directories(d);
    NewProjectOptions o;
    o.countiesPath = fixture("boundary/阳泉县界.shp");
    o.villagesPath = fixture("villages.xlsx");
    o.divisionDir = std::string(HONGTU_TEST_DATA) + "/ledger/division";
    o.createdAt = "2018-04-01T00:00:00Z";
    const std::string path = (d / "阳泉.gpkg").string();
    auto r = createProject(path, o);
    REQUIRE(r);
    return path;
}

LedgerOptions at(const std::string& date) {
    LedgerOptions o;
    o.asOf = date;
    o.recordedAt = date + "T12:00:00Z";
    return o;
}

LedgerPlan import(const std::string& project, const std::string& ledger, const LedgerOptions& o) {
    auto plan = planLedgerImport(project, fixture(ledger), o);
    REQUIRE(plan);
    auto st = applyLedgerPlan(project, *plan, o);
    REQUIRE(st);
    return *plan;
}

const LedgerChange* change(const LedgerPlan& p, const std::string& id, LedgerChangeType type) {
    for (const auto& c : p.changes)
        if (c.projectId == id && c.type == type) return &c;
    return nullptr;
}
}  // namespace

TEST_CASE("Status words as ledgers write them map to the four stages; others are refused with the list", "[ledger]") {
    CHECK(parseLedgerStatus("计划") == Stage::Planned);
    CHECK(parseLedgerStatus("未开工") == Stage::Planned);
    CHECK(parseLedgerStatus("在建") == Stage::UnderConstruction);
    CHECK(parseLedgerStatus(" 施工中 ") == Stage::UnderConstruction);
    CHECK(parseLedgerStatus("主体完工") == Stage::UnderConstruction);  // the building stands, the work goes on
    CHECK(parseLedgerStatus("已完工") == Stage::Completed);
    CHECK(parseLedgerStatus("竣工") == Stage::Completed);
    CHECK(parseLedgerStatus("已验收") == Stage::Accepted);
    CHECK(parseLedgerStatus("交付使用") == Stage::Accepted);
    CHECK(parseLedgerStatus("completed") == Stage::Completed);
    CHECK_FALSE(parseLedgerStatus("基本完工"));
    CHECK_FALSE(parseLedgerStatus(""));
    CHECK_THAT(acceptedStatusWords(), ContainsSubstring("交付使用") && ContainsSubstring("未开工"));
    CHECK(parseLedgerField("村代码") == LedgerField::VillageCode);
    CHECK(parseLedgerField("投资/预算（万元）") == LedgerField::BudgetWan);
    CHECK(parseLedgerField("计划总投资(万元)") == LedgerField::BudgetWan);
    CHECK(parseLedgerField("status") == LedgerField::Status);
    CHECK_FALSE(parseLedgerField("备注"));
}

TEST_CASE("Three monthly ledgers: added, moved with the ledger's own dates, backwards and vanished reported, re-import changes nothing",
          "[ledger]") {
    const std::string project = newProject("three_months");

    // April: XLSX, title row, merged two-level header, 2 codes in scientific notation.
    auto april = import(project, "ledger_2018-04.xlsx", at("2018-04-30"));
    INFO(april.text());
    CHECK(april.headerRow == 3);
    CHECK(april.rows == 20);
    CHECK(april.count(LedgerChangeType::Added) == 20);
    CHECK(april.count(LedgerChangeType::RowError) == 0);
    const LedgerChange* p3 = change(april, "YQ2018-003", LedgerChangeType::Added);
    REQUIRE(p3);
    CHECK(p3->rule == "name");  // the code was destroyed, the name + township matched
    CHECK_THAT(p3->message, ContainsSubstring("invalid_code"));
    CHECK(change(april, "YQ2018-001", LedgerChangeType::Added)->rule == "code");
    bool planned = false;
    for (const auto& m : april.mapping) planned = planned || (m.field == LedgerField::PlannedCompletion && m.name == "计划完工");
    CHECK(planned);

    // May: GBK CSV with a title row; 2 new projects (one without its code), statuses move.
    auto may = import(project, "ledger_2018-05.csv", at("2018-05-31"));
    INFO(may.text());
    CHECK(may.encoding == "GB18030");
    CHECK(may.count(LedgerChangeType::Added) == 2);
    CHECK(change(may, "YQ2018-021", LedgerChangeType::Added)->rule == "name");
    CHECK(may.count(LedgerChangeType::Moved) == 10);  // P01, P02, P04, P08, P09 and the five odd ones of P11..P20
    const LedgerChange* p4 = change(may, "YQ2018-004", LedgerChangeType::Moved);
    REQUIRE(p4);
    CHECK(p4->date == "2018-05-20");  // the ledger's 完工日期, not the snapshot date

    // June: XLSX; P08 goes backwards, P09 vanished, P05's planned completion changed.
    auto june = import(project, "ledger_2018-06.xlsx", at("2018-06-30"));
    INFO(june.text());
    CHECK(june.count(LedgerChangeType::Backwards) == 1);
    CHECK(change(june, "YQ2018-008", LedgerChangeType::Backwards));
    CHECK(june.count(LedgerChangeType::Vanished) == 1);
    CHECK(change(june, "YQ2018-009", LedgerChangeType::Vanished));
    REQUIRE(change(june, "YQ2018-005", LedgerChangeType::PlanChanged));
    CHECK_THAT(change(june, "YQ2018-005", LedgerChangeType::PlanChanged)->message, ContainsSubstring("2018-10-31"));

    auto model = loadProgress(project);
    REQUIRE(model);
    auto data = readProgressData(project);
    REQUIRE(data);
    CHECK(data->projects.size() == 22);
    std::map<std::string, Date> p6;  // 交付使用 with 完工日期 06-15 and 验收日期 06-30: two rows
    for (const auto& h : data->history)
        if (h.projectId == "YQ2018-006") p6[stageWord(h.stage)] = h.date;
    CHECK(p6.at("completed").iso() == "2018-06-15");
    CHECK(p6.at("accepted").iso() == "2018-06-30");
    // Budgets in 万元 become yuan.
    for (const auto& p : data->projects)
        if (p.id == "YQ2018-001") CHECK(p.budgetYuan == 215000);  // 21.5 万元

    // Re-importing June changes nothing, to the byte.
    const std::string before = bytes(project);
    auto again = import(project, "ledger_2018-06.xlsx", at("2018-06-30"));
    CHECK(again.newProjects.empty());
    CHECK(again.newHistory.empty());
    CHECK(bytes(project) == before);
}

TEST_CASE("An import that fails mid-write leaves the project byte-identical", "[ledger]") {
    const std::string project = newProject("mid_write");
    const std::string before = bytes(project);
    auto o = at("2018-04-30");
    o.afterRow = [](std::size_t written) { return written < 25; };  // projects written, then history rows fail
    auto plan = planLedgerImport(project, fixture("ledger_2018-04.xlsx"), o);
    REQUIRE(plan);
    auto st = applyLedgerPlan(project, *plan, o);
    REQUIRE_FALSE(st);
    CHECK_THAT(st.error().message, ContainsSubstring("nothing was saved"));
    CHECK(bytes(project) == before);
    auto data = readProgressData(project);
    REQUIRE(data);
    CHECK(data->projects.empty());
}

TEST_CASE("Bad ledgers: an unknown status word, duplicate ids, an empty sheet; each names the file and row, nothing changes",
          "[ledger]") {
    const std::string project = newProject("bad");
    import(project, "ledger_2018-04.xlsx", at("2018-04-30"));
    const std::string before = bytes(project);

    auto o = at("2018-05-31");
    auto plan = planLedgerImport(project, fixture("bad_status.csv"), o);
    REQUIRE(plan);
    INFO(plan->text());
    REQUIRE(plan->count(LedgerChangeType::RowError) == 1);
    const LedgerChange* bad = nullptr;
    for (const auto& c : plan->changes)
        if (c.type == LedgerChangeType::RowError) bad = &c;
    CHECK(bad->row == 6);  // title row 1, header row 2, the 4th project
    CHECK_THAT(bad->message, ContainsSubstring("基本完工") && ContainsSubstring("bad_status.csv") && ContainsSubstring("第 6 行") &&
                                 ContainsSubstring("交付使用"));
    CHECK(plan->count(LedgerChangeType::Vanished) == 0);  // the row with the bad word is still in the ledger
    o.strict = true;
    CHECK(plan->refused(true));
    CHECK_FALSE(applyLedgerPlan(project, *plan, o));
    CHECK(bytes(project) == before);

    auto dup = planLedgerImport(project, fixture("dup_ids.csv"), o);
    REQUIRE_FALSE(dup);
    CHECK_THAT(dup.error().toString(), ContainsSubstring("dup_ids.csv") && ContainsSubstring("YQ2018-003") &&
                                           ContainsSubstring("rows 5 and 8"));
    CHECK(dup.error().row == 8);

    auto empty = planLedgerImport(project, fixture("empty.xlsx"), o);
    REQUIRE_FALSE(empty);
    CHECK_THAT(empty.error().toString(), ContainsSubstring("empty.xlsx") && ContainsSubstring("no project rows"));
    CHECK(bytes(project) == before);
}

TEST_CASE("ledger: --map overrides the detected column; an unknown field word is refused, listing the fields", "[ledger]") {
    const std::string project = newProject("mapping");
    auto o = at("2018-04-30");
    o.map = {{"进度/状态", "status"}};
    auto april = import(project, "ledger_2018-04.xlsx", o);
    bool given = false;
    for (const auto& m : april.mapping) given = given || (m.field == LedgerField::Status && m.how == "--map 指定");
    CHECK(given);
    auto unknown = at("2018-04-30");
    unknown.map = {{"进度/状态", "progress_percent"}};
    auto refused = planLedgerImport(project, fixture("ledger_2018-04.xlsx"), unknown);
    REQUIRE_FALSE(refused);
    CHECK_THAT(refused.error().message, ContainsSubstring("progress_percent") && ContainsSubstring("village_code"));
}

TEST_CASE("A row with neither code nor name joins by its coordinates; township housing gets ids from the township code",
          "[ledger]") {
    const std::string project = newProject("location_housing");
    const fs::path dir = fs::path(project).parent_path();
    // 城区's first village has coordinates in the village list (the county's label point).
    {
        std::ofstream csv(dir / "coords.csv", std::ios::binary);
        csv << "项目编号,村代码,村名,县（市、区）,经度,纬度,进度\n"
               "G-1,,,城区,113.600669,37.847436,在建\n";
    }
    auto o = at("2018-06-30");
    auto plan = planLedgerImport(project, (dir / "coords.csv").string(), o);
    REQUIRE(plan);
    INFO(plan->text());
    REQUIRE(plan->changes.size() == 1);
    CHECK(plan->changes[0].type == LedgerChangeType::Added);
    CHECK(plan->changes[0].rule == "location");
    CHECK_THAT(plan->changes[0].message, ContainsSubstring("按坐标匹配"));

    {
        std::ofstream csv(dir / "housing.csv", std::ios::binary);
        csv << "乡镇,县（市、区）,计划完工,投资（万元）,进度,完工日期\n"
               "冠山镇,平定县,2018-10-31,120,在建,\n"
               "娘子关镇,平定县,2018-09-30,95.5,已完工,2018-06-20\n";
    }
    auto h = at("2018-06-30");
    h.kind = LedgerKind::Housing;
    auto housingPlan = planLedgerImport(project, (dir / "housing.csv").string(), h);
    REQUIRE(housingPlan);
    REQUIRE(applyLedgerPlan(project, *housingPlan, h));
    const LedgerPlan& housing = *housingPlan;
    INFO(housing.text());
    CHECK(housing.count(LedgerChangeType::Added) == 2);
    auto data = readProgressData(project);
    REQUIRE(data);
    REQUIRE(data->projects.size() == 2);
    std::map<std::string, const Project*> byId;
    for (const auto& p : data->projects) byId[p.id] = &p;
    REQUIRE(byId.count("TH-140321100"));  // 冠山镇's code
    CHECK(byId.at("TH-140321100")->kind == ProjectKind::TownshipHousing);
    CHECK(byId.at("TH-140321100")->budgetYuan == 1200000);
    std::size_t completed = 0;
    for (const auto& c : data->history) completed += c.stage == Stage::Completed && c.date.iso() == "2018-06-20";
    CHECK(completed == 1);
}

TEST_CASE("A preview applied after the project changed is refused; nothing is written twice", "[ledger]") {
    const std::string project = newProject("stale");
    const auto o = at("2018-04-30");
    auto first = planLedgerImport(project, fixture("ledger_2018-04.xlsx"), o);
    auto second = planLedgerImport(project, fixture("ledger_2018-04.xlsx"), o);
    REQUIRE(first);
    REQUIRE(second);
    REQUIRE(applyLedgerPlan(project, *first, o));
    const std::string before = bytes(project);
    auto stale = applyLedgerPlan(project, *second, o);  // the same 20 projects again: refused
    REQUIRE_FALSE(stale);
    CHECK_THAT(stale.error().message, ContainsSubstring("preview it again"));
    CHECK(bytes(project) == before);
    auto data = readProgressData(project);
    REQUIRE(data);
    CHECK(data->projects.size() == 20);
}

TEST_CASE("A stage dated before the change already recorded keeps the history in order and says so", "[ledger]") {
    const std::string project = newProject("late_dates");
    const fs::path dir = fs::path(project).parent_path();
    {
        std::ofstream a(dir / "a.csv", std::ios::binary);
        a << "项目编号,村代码,进度,计划开工\nL-1,140302001001,计划,2018-03-01\nL-2,140302001002,计划,\n";
        std::ofstream b(dir / "b.csv", std::ios::binary);
        b << "项目编号,村代码,进度,开工日期\nL-1,140302001001,在建,2018-04-15\nL-2,140302001002,在建,2018-04-15\n";
    }
    auto april = planLedgerImport(project, (dir / "a.csv").string(), at("2018-04-30"));
    REQUIRE(april);
    REQUIRE(applyLedgerPlan(project, *april, at("2018-04-30")));
    auto may = planLedgerImport(project, (dir / "b.csv").string(), at("2018-05-31"));
    REQUIRE(may);
    INFO(may->text());
    REQUIRE(may->count(LedgerChangeType::Moved) == 2);
    const LedgerChange* l1 = change(*may, "L-1", LedgerChangeType::Moved);
    const LedgerChange* l2 = change(*may, "L-2", LedgerChangeType::Moved);
    REQUIRE(l1);
    REQUIRE(l2);
    CHECK(l1->date == "2018-04-15");  // planned since its planned start (03-01), started 04-15
    CHECK(l1->message.empty());
    CHECK(l2->date == "2018-04-30");  // planned on April's ledger date: the start cannot be earlier
    CHECK_THAT(l2->message, ContainsSubstring("2018-04-15") && ContainsSubstring("按 2018-04-30 记录"));
}

TEST_CASE("The same files and times give the same project, to the byte", "[ledger]") {
    const std::string a = newProject("same_a"), b = newProject("same_b");
    CHECK(bytes(a) == bytes(b));
    for (const auto& p : {a, b}) import(p, "ledger_2018-04.xlsx", at("2018-04-30"));
    CHECK(bytes(a) == bytes(b));
}
