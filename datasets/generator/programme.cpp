#include "generator/programme.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "generator/allocate.hpp"
#include "generator/rng.hpp"

namespace hongtu::datagen {

namespace {

constexpr std::uint64_t kIncomeStream = 3;
constexpr std::uint64_t kVenueStream = 4;
constexpr std::uint64_t kHousingStream = 5;
constexpr std::uint64_t kHistoryStream = 6;
constexpr std::uint64_t kIndicatorStream = 7;

// Real villages the report names: 兴县裴家湾村 built a 700 m²+ centre; 汾阳市贾家庄村 and
// 孝义市东庄村 are the exemplary villages. They get a venue (and income) in the synthetic data.
constexpr const char* kPeijiawan = "141123102222";
constexpr const char* kNamedVillages[] = {kPeijiawan, "141182100200", "141181003206"};

bool named(const std::string& code) {
    return std::any_of(std::begin(kNamedVillages), std::end(kNamedVillages), [&](const char* c) { return code == c; });
}

geo::Date addDays(geo::Date d, std::int64_t days) { return geo::Date::fromDaysSinceEpoch(d.daysSinceEpoch() + days); }
geo::Date minDate(geo::Date a, geo::Date b) { return a < b ? a : b; }
geo::Date maxDate(geo::Date a, geo::Date b) { return a < b ? b : a; }
std::string pad4(std::size_t n) {
    std::string s = std::to_string(n);
    return std::string(4 - std::min<std::size_t>(4, s.size()), '0') + s;
}

geo::Error totalsError(const std::string& what) { return geo::Error{"internal: " + what, {}, {}, {}}; }

// Per county, the villages of one kind (codes ascending).
std::map<std::string, std::vector<Village*>> byCounty(Model& model, const std::string& kind) {
    std::map<std::string, std::vector<Village*>> out;
    for (const auto& c : model.counties) out[c.code];
    for (auto& v : model.villages)
        if (v.kind == kind) out[v.countyCode].push_back(&v);
    return out;
}

// Status history of one project: planned -> under_construction -> completed -> accepted,
// dated, moving forward only, nothing after kAsOf.
void makeHistory(Project& p, Rng& rng, bool forceOnTime) {
    const geo::Date first{2017, 1, 3};
    p.history.clear();
    const geo::Date planned = maxDate(first, addDays(p.plannedStart, -rng.between(30, 75)));
    p.history.push_back({"planned", planned, "计划下达"});

    const double r = rng.uniform();
    enum class Outcome { OnTime,
                         Late,
                         Stuck,
                         NotStarted } outcome =
        forceOnTime ? Outcome::OnTime
        : r < 0.78  ? Outcome::OnTime
        : r < 0.95  ? Outcome::Late
        : r < 0.99  ? Outcome::Stuck
                    : Outcome::NotStarted;
    if (outcome == Outcome::NotStarted) return;

    const std::int64_t startDelay = outcome == Outcome::OnTime ? rng.between(0, 30) : rng.between(20, 120);
    const geo::Date started = minDate(kAsOf, maxDate(planned, addDays(p.plannedStart, startDelay)));
    p.history.push_back({"under_construction", started, "开工"});
    if (outcome == Outcome::Stuck) return;

    geo::Date done;
    std::string note = "完工";
    if (outcome == Outcome::OnTime) {
        done = maxDate(addDays(started, 45), addDays(p.plannedCompletion, -rng.between(0, 40)));
        if (done > p.plannedCompletion) done = p.plannedCompletion;
        if (done < started) done = started;
        if (done > kAsOf) return;
    } else {
        const std::int64_t late = rng.between(15, 300);
        done = addDays(p.plannedCompletion, late);
        if (done > kAsOf) return;  // still under construction on the as-of date
        note = "完工（逾期" + std::to_string(late) + "天）";
    }
    p.history.push_back({"completed", done, note});
    const geo::Date accepted = addDays(done, rng.between(15, 90));
    if (accepted <= kAsOf) p.history.push_back({"accepted", accepted, "通过验收"});
}

}  // namespace

geo::Status buildProgramme(Model& model, std::uint64_t seed) {
    using T = ProgrammeTotals;
    auto villagesByCounty = byCounty(model, "村委会");
    auto communitiesByCounty = byCounty(model, "社区居委会");
    std::vector<std::string> countyCodes;
    for (const auto& c : model.counties) countyCodes.push_back(c.code);

    // --- Collective income: 1,959 of 2,153 村委会, county rates varying around 91% ------------
    {
        Rng rng = Rng::stream(seed, kIncomeStream);
        std::int64_t villages = 0;
        std::vector<std::int64_t> weights;
        for (const auto& code : countyCodes) {
            const auto n = static_cast<std::int64_t>(villagesByCounty[code].size());
            villages += n;
            weights.push_back(n * rng.between(50, 150));
        }
        const auto without = largestRemainder(villages - T::villagesWithIncome, weights);
        for (std::size_t i = 0; i < countyCodes.size(); ++i) {
            std::vector<Village*> pool;
            for (auto* v : villagesByCounty[countyCodes[i]]) {
                v->collectiveIncome = true;
                if (!named(v->code)) pool.push_back(v);
            }
            if (without[i] > static_cast<std::int64_t>(pool.size())) return totalsError("collective-income quota too large");
            rng.shuffle(pool);
            for (std::int64_t k = 0; k < without[i]; ++k) pool[static_cast<std::size_t>(k)]->collectiveIncome = false;
        }
    }

    // --- Venue projects: 778 in 村委会, 44 in 社区居委会, by largest remainder per county -----
    Rng venueRng = Rng::stream(seed, kVenueStream);
    std::map<std::string, std::string> townshipName;
    for (const auto& t : model.townships) townshipName[t.code] = t.name;
    for (const bool community : {false, true}) {
        auto& groups = community ? communitiesByCounty : villagesByCounty;
        std::vector<std::int64_t> counts;
        for (const auto& code : countyCodes) counts.push_back(static_cast<std::int64_t>(groups[code].size()));
        const auto quota = largestRemainder(community ? T::communityVenues : T::villageVenues, counts);
        for (std::size_t i = 0; i < countyCodes.size(); ++i) {
            std::vector<Village*> forced, pool;
            for (auto* v : groups[countyCodes[i]]) {
                if (named(v->code)) forced.push_back(v);
                else if (v->name.find("虚拟") == std::string::npos) pool.push_back(v);  // no venue in a "virtual community"
            }
            venueRng.shuffle(pool);
            std::vector<Village*> chosen = forced;
            for (auto* v : pool)
                if (static_cast<std::int64_t>(chosen.size()) < quota[i]) chosen.push_back(v);
            if (static_cast<std::int64_t>(chosen.size()) != quota[i]) return totalsError("venue quota cannot be met");
            std::sort(chosen.begin(), chosen.end(), [](const Village* a, const Village* b) { return a->code < b->code; });
            std::size_t n = 0;
            for (const auto* v : chosen) {
                Project p;
                p.id = std::string(community ? "CV-" : "VV-") + countyCodes[i] + "-" + pad4(++n);
                p.kind = community ? "community_venue" : "village_venue";
                p.villageCode = v->code;
                p.villageName = v->name;
                p.townshipCode = v->townshipCode;
                p.townshipName = townshipName[v->townshipCode];
                p.countyCode = v->countyCode;
                p.plannedStart = addDays(geo::Date{2017, 3, 1}, venueRng.between(0, 91));
                p.plannedCompletion = addDays(p.plannedStart, venueRng.between(120, 240));
                p.floorAreaM2 = community ? 10 * venueRng.between(30, 100) : 10 * venueRng.between(15, 60);
                if (v->code == std::string(kPeijiawan)) p.floorAreaM2 = 720;  // "700 m²+ multi-function centre"
                model.venues.push_back(std::move(p));
            }
        }
    }
    std::sort(model.venues.begin(), model.venues.end(), [](const Project& a, const Project& b) { return a.id < b.id; });

    // --- Township housing: 124 of the 136 镇 and 乡 ---------------------------------------
    {
        Rng rng = Rng::stream(seed, kHousingStream);
        std::vector<const Township*> pool;
        for (const auto& t : model.townships)
            if (t.kind == "镇" || t.kind == "乡") pool.push_back(&t);
        if (static_cast<std::int64_t>(pool.size()) < T::housingTownships) return totalsError("too few 镇/乡");
        rng.shuffle(pool);
        pool.resize(static_cast<std::size_t>(T::housingTownships));
        std::sort(pool.begin(), pool.end(), [](const Township* a, const Township* b) { return a->code < b->code; });
        for (const auto* t : pool) {
            Project p;
            p.id = "TH-" + t->code;
            p.kind = "township_housing";
            p.townshipCode = t->code;
            p.townshipName = t->name;
            p.countyCode = t->countyCode;
            p.plannedStart = addDays(geo::Date{2017, 4, 1}, rng.between(0, 213));
            p.plannedCompletion = addDays(p.plannedStart, rng.between(240, 420));
            p.housingUnits = rng.between(8, 36);
            model.housing.push_back(std::move(p));
        }
    }

    // --- Status histories ---------------------------------------------------------------------
    {
        Rng rng = Rng::stream(seed, kHistoryStream);
        for (auto& p : model.venues) makeHistory(p, rng, named(p.villageCode));
        for (auto& p : model.housing) makeHistory(p, rng, false);
    }

    // --- Budgets: 557,000,000 yuan in whole thousands, by a cost weight per project -----------
    {
        std::vector<Project*> all;
        std::vector<std::int64_t> weights;
        for (auto& p : model.venues) {
            all.push_back(&p);
            weights.push_back(p.floorAreaM2 * (p.kind == "community_venue" ? 1800 : 1500));
        }
        for (auto& p : model.housing) {
            all.push_back(&p);
            weights.push_back(p.housingUnits * 45 * 2000 + 5 * 50'000);  // units of ~45 m² + the five small rooms
        }
        const auto thousands = largestRemainder(T::budgetYuan / 1000, weights);
        for (std::size_t i = 0; i < all.size(); ++i) all[i]->budgetYuan = thousands[i] * 1000;
    }

    // --- County indicators --------------------------------------------------------------------
    {
        Rng rng = Rng::stream(seed, kIndicatorStream);
        std::vector<std::int64_t> weights;
        for (const auto& code : countyCodes)
            weights.push_back(static_cast<std::int64_t>(villagesByCounty[code].size()) * rng.between(80, 120));
        const auto reserve = largestRemainder(T::reserveTalents, weights);
        const auto committees = largestRemainder(T::talentsInCommittees, reserve);
        const auto secretaries = largestRemainder(T::talentsAsSecretaries, committees);
        for (std::size_t i = 0; i < model.counties.size(); ++i) {
            const auto& c = model.counties[i];
            CountyIndicators ind;
            ind.countyCode = c.code;
            ind.name = c.name;
            for (const auto* v : villagesByCounty[c.code]) {
                ++ind.villages;
                if (v->collectiveIncome) ++ind.villagesWithIncome;
            }
            ind.reserveTalents = reserve[i];
            ind.talentsInCommittees = committees[i];
            ind.talentsAsSecretaries = secretaries[i];
            if (!(ind.talentsAsSecretaries <= ind.talentsInCommittees && ind.talentsInCommittees <= ind.reserveTalents))
                return totalsError("talent counts not nested in county " + c.code);
            for (const auto& p : model.venues)
                if (p.countyCode == c.code) ind.budgetYuan += p.budgetYuan;
            for (const auto& p : model.housing)
                if (p.countyCode == c.code) ind.budgetYuan += p.budgetYuan;
            model.indicators.push_back(ind);
        }
    }

    // --- Check the totals against the source ---------------------------------------------------
    std::int64_t vv = 0, cv = 0, income = 0, budget = 0;
    for (const auto& p : model.venues) (p.kind == "village_venue" ? vv : cv) += 1;
    for (const auto& v : model.villages) income += v.collectiveIncome ? 1 : 0;
    for (const auto& i : model.indicators) budget += i.budgetYuan;
    if (vv != T::villageVenues || cv != T::communityVenues) return totalsError("venue totals");
    if (static_cast<std::int64_t>(model.housing.size()) != T::housingTownships) return totalsError("housing total");
    if (income != T::villagesWithIncome) return totalsError("collective-income total");
    if (budget != T::budgetYuan) return totalsError("budget total");
    return geo::Done{};
}

}  // namespace hongtu::datagen
