// Search by name/code and identify under a pixel, on the real Lüliang demo project.

#include <catch2/catch_approx.hpp>
#include <catch2/catch_test_macros.hpp>

#include <algorithm>

#include "hongtu/geo/crs.hpp"
#include "render/feature_query.hpp"
#include "render/loaded_project.hpp"
#include "test_support.hpp"

using namespace hongtu;

namespace {

const render::LoadedProject& demo() { return test::loadedDemo(); }

}  // namespace

TEST_CASE("feature_query: search tolerates the suffixes planners leave out", "[feature_query]") {
    const render::Scene& scene = demo().scene;
    for (const char* query : {"蔡家崖", "蔡家崖村", "蔡家崖村委会", " 蔡家崖 村 "}) {
        INFO(query);
        const auto hits = render::searchFeatures(scene, QString::fromUtf8(query));
        REQUIRE_FALSE(hits.empty());
        CHECK(hits.front().feature.layerId == "villages");
        CHECK(hits.front().code == QStringLiteral("141123205200"));
        CHECK(hits.front().where == QStringLiteral("兴县"));
    }
    SECTION("the township of the same name is listed too; 乡 in the query puts it first") {
        const auto bare = render::searchFeatures(scene, QStringLiteral("蔡家崖"));
        REQUIRE(bare.size() >= 2);
        CHECK(bare[1].feature.layerId == "townships");
        CHECK(bare[1].name == QStringLiteral("蔡家崖乡"));
        const auto township = render::searchFeatures(scene, QStringLiteral("蔡家崖乡"));
        REQUIRE_FALSE(township.empty());
        CHECK(township.front().feature.layerId == "townships");
    }
    SECTION("by code, exactly and by a county prefix") {
        const auto exact = render::searchFeatures(scene, QStringLiteral("141123205200"));
        REQUIRE(exact.size() == 1);
        CHECK(exact.front().name == QStringLiteral("蔡家崖村委会"));
        CHECK(exact.front().rank == 0);
        const auto county = render::searchFeatures(scene, QStringLiteral("141123"), 1000);
        REQUIRE_FALSE(county.empty());
        CHECK(county.front().feature.layerId == "counties");  // the county itself first
        CHECK(county.size() > 200);                           // then its townships and villages
    }
    SECTION("counties by short name, names shared by several counties all listed") {
        const auto xiaoyi = render::searchFeatures(scene, QStringLiteral("孝义"));
        REQUIRE_FALSE(xiaoyi.empty());
        CHECK(xiaoyi.front().feature.layerId == "counties");
        CHECK(xiaoyi.front().name == QStringLiteral("孝义市"));
        const auto shangzhuang = render::searchFeatures(scene, QStringLiteral("上庄"));
        std::size_t exact = 0;
        for (const auto& h : shangzhuang) exact += h.rank <= 3 && h.name == QStringLiteral("上庄村委会") ? 1 : 0;
        CHECK(exact == 4);
    }
    SECTION("nothing for an unknown name or an empty query") {
        CHECK(render::searchFeatures(scene, QStringLiteral("不存在的地方")).empty());
        CHECK(render::searchFeatures(scene, QStringLiteral("  ")).empty());
    }
}

TEST_CASE("feature_query: identify finds the marker under the cursor, else the county", "[feature_query]") {
    const render::Scene& scene = demo().scene;
    const auto hit = render::searchFeatures(scene, QStringLiteral("141182100200"));  // 贾家庄
    REQUIRE(hit.size() == 1);
    render::MapSettings s;
    s.outputSize = {800, 600};
    s.displayCrs = scene.displayCrs;
    // The collective-income theme (villages shown; the progress layers, whose venue points sit
    // on the villages, switched off).
    s.visibleLayerIds = {"counties", "villages", "townships", "memorial_sites"};
    const geo::Box at = render::featureBounds(scene, hit.front().feature);
    s = s.fittedTo(at);  // 1 km around the village
    const QPointF pixel = s.toPixel(at.center());

    const auto found = render::featureAt(scene, s, pixel + QPointF(2, -1));
    REQUIRE(found);
    CHECK(*found == hit.front().feature);

    SECTION("hidden layers are not identified; the county below is") {
        s.visibleLayerIds = {"counties"};
        const auto county = render::featureAt(scene, s, pixel);
        REQUIRE(county);
        CHECK(county->layerId == "counties");
        CHECK(scene.find("counties")->text(county->item, "name") == "汾阳市");
    }
    SECTION("outside every feature there is nothing") {
        render::MapSettings far = s;
        far.extent = {0, 0, 1000, 1000};
        CHECK_FALSE(render::featureAt(scene, far, {400, 300}));
    }
    SECTION("a box selects the points inside it") {
        const auto inBox = render::featuresIn(scene, s, QRectF(pixel - QPointF(10, 10), QSizeF(20, 20)));
        CHECK(std::find(inBox.begin(), inBox.end(), hit.front().feature) != inBox.end());
    }
}

TEST_CASE("feature_query: the demo's thematic classes and synthetic labels", "[feature_query]") {
    const render::Scene& scene = demo().scene;
    const render::SceneLayer& counties = *scene.find("counties");
    // 13 counties in the choropleth: every one has a share, none is "no data".
    std::size_t classified = 0;
    for (const auto& c : counties.classes) classified += c.count;
    CHECK(classified == 13);
    for (const auto& c : counties.classes) CHECK(c.label != QStringLiteral("No data"));
    CHECK(counties.fieldIndex("collective_income_share"));
    // 兴县: 230 of its 243 村委会 have collective income (the county_indicators table agrees).
    const auto xing = render::searchFeatures(scene, QStringLiteral("141123"));
    REQUIRE_FALSE(xing.empty());
    const double share = std::stod(counties.text(xing.front().feature.item, "collective_income_share"));
    CHECK(share == Catch::Approx(100.0 * 230 / 243));

    const render::SceneLayer& villages = *scene.find("villages");
    CHECK(villages.syntheticPositions);
    CHECK(villages.displayName.endsWith(QStringLiteral(" (synthetic positions)")));
    CHECK_FALSE(counties.syntheticPositions);
    std::size_t total = 0;
    for (const auto& c : villages.classes) total += c.count;
    CHECK(total == villages.points.size());  // every village is in exactly one legend class
}
