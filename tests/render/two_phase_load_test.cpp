// Two-phase loading (issue 16): the first phase (counties and small layers) plus the layers the
// second phase reads give the scene one-phase loading gives, layer by layer.

#include <catch2/catch_test_macros.hpp>

#include <QTemporaryDir>

#include <gdal.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "render/loaded_project.hpp"
#include "render/style_io.hpp"
#include "test_support.hpp"

using namespace hongtu;

namespace {

std::vector<std::string> layerIds(const render::LoadedProject& project) {
    std::vector<std::string> out;
    for (const auto& layer : project.scene.layers) out.push_back(layer.id);
    return out;
}

// Everything a frame, the layer list and the legend read from a layer.
void requireSameLayer(const render::SceneLayer& a, const render::SceneLayer& b) {
    INFO("layer " << a.id);
    CHECK(b.displayName == a.displayName);
    CHECK(b.plainName == a.plainName);
    CHECK(b.kind == a.kind);
    CHECK(b.initiallyVisible == a.initiallyVisible);
    CHECK(b.syntheticPositions == a.syntheticPositions);
    CHECK(b.syntheticValues == a.syntheticValues);
    CHECK(render::styleToJson(b.style) == render::styleToJson(a.style));
    CHECK(b.style.maxScaleDenominator == a.style.maxScaleDenominator);
    CHECK(b.featureCount() == a.featureCount());
    CHECK(b.skippedFeatures == a.skippedFeatures);
    CHECK(b.points == a.points);
    CHECK(b.pathBounds == a.pathBounds);
    CHECK(b.extent == a.extent);
    std::vector<std::string> fa, fb;
    for (const auto& f : a.fields) fa.push_back(f.name);
    for (const auto& f : b.fields) fb.push_back(f.name);
    CHECK(fb == fa);
    REQUIRE(b.classes.size() == a.classes.size());
    for (std::size_t i = 0; i < a.classes.size(); ++i) {
        CHECK(b.classes[i].label == a.classes[i].label);
        CHECK(b.classes[i].count == a.classes[i].count);
    }
    CHECK(b.itemClass == a.itemClass);
    CHECK(b.markerSizeMm == a.markerSizeMm);
    CHECK((b.asOfClasses != nullptr) == (a.asOfClasses != nullptr));
    REQUIRE(b.labels.size() == a.labels.size());
    for (std::size_t i = 0; i < a.labels.size(); ++i) {
        CHECK(b.labelText(i) == a.labelText(i));
        CHECK(b.labels[i].anchor == a.labels[i].anchor);
        CHECK(b.labels[i].item == a.labels[i].item);
    }
}

void requireSameProject(const render::LoadedProject& one, const render::LoadedProject& two) {
    REQUIRE(two.scene.displayCrs == one.scene.displayCrs);
    CHECK(two.automaticDisplayCrs == one.automaticDisplayCrs);
    CHECK(two.zone.cmEpsg == one.zone.cmEpsg);
    CHECK(two.zone.extentFits == one.zone.extentFits);
    CHECK(two.lonLatExtent == one.lonLatExtent);
    CHECK((two.progress != nullptr) == (one.progress != nullptr));
    CHECK(two.progressDate == one.progressDate);
    QStringList w1 = one.warnings, w2 = two.warnings;  // the same, perhaps in another order
    w1.sort();
    w2.sort();
    CHECK(w2 == w1);
    REQUIRE(layerIds(two) == layerIds(one));
    for (std::size_t i = 0; i < one.scene.layers.size(); ++i) requireSameLayer(one.scene.layers[i], two.scene.layers[i]);
}

struct TwoPhases {
    render::FirstPhase first;
    std::vector<std::string> firstIds;  // the scene's layers after the first phase
    render::LoadedProject whole;        // first phase + the rest
};

TwoPhases loadInTwoPhases(const std::string& path, const render::ProjectOptions& options) {
    auto first = render::loadFirstPhase(path, options);
    REQUIRE(first);
    TwoPhases out;
    out.firstIds = layerIds(first->project);
    out.whole = first->project;
    if (first->rest) {
        auto rest = render::loadRemainingLayers(*first->rest);
        REQUIRE(rest);
        REQUIRE_FALSE(rest->whole);
        render::addRemainingLayers(out.whole, std::move(rest).value());
    }
    out.first = std::move(first).value();
    return out;
}

// Path elements (about one a vertex) of a layer's polygons.
std::size_t pathElements(const render::SceneLayer& layer) {
    std::size_t n = 0;
    for (const auto& path : layer.paths) n += static_cast<std::size_t>(path.elementCount());
    return n;
}

std::vector<std::string> pendingIds(const render::FirstPhase& first) {
    std::vector<std::string> out;
    for (const auto& p : first.pending) out.push_back(p.id);
    return out;
}

// A copy of the demo without construction progress (status_history dropped): the opening map
// is then the income theme, not the progress theme.
std::string demoWithoutProgress(const QTemporaryDir& dir) {
    const std::string path = (dir.path() + QStringLiteral("/luliang-no-progress.gpkg")).toStdString();
    std::filesystem::copy_file(HONGTU_DEMO_PROJECT, path);
    GDALAllRegister();
    GDALDatasetH ds = GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE, nullptr, nullptr, nullptr);
    REQUIRE(ds);
    for (int i = 0; i < GDALDatasetGetLayerCount(ds); ++i)
        if (std::string(OGR_L_GetName(GDALDatasetGetLayer(ds, i))) == "status_history") {
            REQUIRE(GDALDatasetDeleteLayer(ds, i) == OGRERR_NONE);
            break;
        }
    GDALClose(ds);
    return path;
}

}  // namespace

TEST_CASE("two-phase load: the demo project ends in the one-phase scene", "[project][two-phase]") {
    const render::ProjectOptions options{.displayCrs = {}, .progressDate = geo::Date{2018, 6, 30}};
    auto one = render::loadProject(HONGTU_DEMO_PROJECT, options);
    REQUIRE(one);
    const TwoPhases two = loadInTwoPhases(HONGTU_DEMO_PROJECT, options);

    // The demo opens on the progress theme, placed on the villages and townships: they come
    // first; the memorial sites are streamed.
    CHECK(pendingIds(two.first) == std::vector<std::string>{"memorial_sites"});
    CHECK(std::find(two.firstIds.begin(), two.firstIds.end(), "memorial_sites") == two.firstIds.end());
    CHECK(two.firstIds.front() == "counties");
    CHECK(two.first.project.progress != nullptr);
    REQUIRE(two.first.pending.size() == 1);
    CHECK(two.first.pending[0].featureCount == static_cast<std::int64_t>(one->scene.find("memorial_sites")->featureCount()));
    requireSameProject(*one, two.whole);
}

TEST_CASE("two-phase load: the demo without progress streams the townships and memorial sites", "[project][two-phase]") {
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const std::string path = demoWithoutProgress(dir);
    auto one = render::loadProject(path);
    REQUIRE(one);
    REQUIRE_FALSE(one->progress);
    const TwoPhases two = loadInTwoPhases(path, {});
    // The counties are coloured by the villages' income share: the villages come with them.
    CHECK(two.firstIds == std::vector<std::string>{"counties", "villages"});
    CHECK(pendingIds(two.first) == std::vector<std::string>{"townships", "memorial_sites"});
    CHECK(two.first.project.scene.find("counties")->classes.size() == one->scene.find("counties")->classes.size());
    requireSameProject(*one, two.whole);
}

TEST_CASE("two-phase load: counties first, every point layer streamed", "[project][two-phase]") {
    auto one = render::loadProject(test::miniProjectPath());
    REQUIRE(one);
    const TwoPhases two = loadInTwoPhases(test::miniProjectPath(), {});
    CHECK(two.firstIds == std::vector<std::string>{"counties"});
    CHECK(pendingIds(two.first) == std::vector<std::string>{"villages", "townships", "memorial_sites"});
    REQUIRE(two.first.pending.size() == 3);
    CHECK(two.first.pending[0].featureCount == 3);
    CHECK(two.first.pending[0].displayName == QStringLiteral("Villages"));  // no translator installed
    // The display CRS is decided by the first phase, and is the one-phase choice.
    CHECK(two.first.project.scene.displayCrs == "EPSG:4546");
    requireSameProject(*one, two.whole);

    SECTION("a streamed layer goes before the first map layer drawn after it, else last") {
        render::LoadedProject shown = two.first.project;
        render::SceneLayer other;
        other.id = "not_a_map_layer";  // as a progress layer: placed by its own rule
        shown.scene.layers.push_back(other);
        auto rest = render::loadRemainingLayers(*two.first.rest);
        REQUIRE(rest);
        render::addRemainingLayers(shown, std::move(rest).value());
        CHECK(layerIds(shown) == std::vector<std::string>{"counties", "not_a_map_layer", "villages", "townships", "memorial_sites"});
    }
    SECTION("a cancelled second phase reads nothing") {
        auto rest = render::loadRemainingLayers(*two.first.rest, [] { return true; });
        CHECK_FALSE(rest);
    }
}

TEST_CASE("two-phase load: detailed boundaries are first drawn from a coarse copy, then replaced", "[project][two-phase]") {
    const render::ProjectOptions options{.displayCrs = {}, .progressDate = geo::Date{2018, 6, 30}};
    auto one = render::loadProject(HONGTU_DEMO_PROJECT, options);
    REQUIRE(one);
    render::ProjectOptions coarse = options;
    coarse.previewMinVertices = 1000;     // the demo's 13 counties have 7,764 vertices
    coarse.previewTolerance = 1.0 / 200;  // coarser than the national default: the demo's vertices are far apart
    const TwoPhases two = loadInTwoPhases(HONGTU_DEMO_PROJECT, coarse);

    // The counties come first, coarse: fewer vertices, the same features, labels and classes.
    const render::SceneLayer& preview = *two.first.project.scene.find("counties");
    const render::SceneLayer& detailed = *one->scene.find("counties");
    CHECK(pathElements(preview) < pathElements(detailed) / 2);
    CHECK(pathElements(preview) > 13 * 4);
    CHECK(preview.featureCount() == detailed.featureCount());
    CHECK(preview.labels.size() == detailed.labels.size());
    CHECK(preview.itemClass == detailed.itemClass);
    for (std::size_t i = 0; i < preview.pathBounds.size(); ++i) {  // within the tolerance of the detailed outline
        const QRectF a = preview.pathBounds[i], b = detailed.pathBounds[i];
        const double slack = 2 * coarse.previewTolerance * std::max(detailed.extent.width(), detailed.extent.height());
        CHECK(std::abs(a.left() - b.left()) < slack);
        CHECK(std::abs(a.bottom() - b.bottom()) < slack);
    }
    // The detailed counties are the second phase's first pending layer, and replace the preview.
    REQUIRE_FALSE(two.first.pending.empty());
    CHECK(two.first.pending.front().id == "counties");
    CHECK(std::count(two.firstIds.begin(), two.firstIds.end(), "counties") == 1);
    requireSameProject(*one, two.whole);
    CHECK(pathElements(*two.whole.scene.find("counties")) == pathElements(detailed));
}

TEST_CASE("two-phase load: a project that is only counties has nothing to stream", "[project][two-phase]") {
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const std::string path = test::badCountiesFile(dir.path().toStdString());
    auto one = render::loadProject(path);
    REQUIRE(one);
    auto first = render::loadFirstPhase(path);
    REQUIRE(first);
    CHECK_FALSE(first->rest);
    CHECK(first->pending.empty());
    requireSameProject(*one, first->project);
}
