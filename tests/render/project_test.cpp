#include <catch2/catch_approx.hpp>
#include <catch2/catch_test_macros.hpp>
#include <catch2/matchers/catch_matchers_string.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "render/loaded_project.hpp"
#include "test_support.hpp"

using namespace hongtu;
using Catch::Approx;
using Catch::Matchers::ContainsSubstring;

TEST_CASE("project: the mini project loads into the Gauss-Krüger zone of CM 111°E", "[project]") {
    auto project = render::loadProject(test::miniProjectPath());
    REQUIRE(project);
    const render::Scene& scene = project->scene;
    CHECK(scene.displayCrs == "EPSG:4546");
    CHECK(project->zone.cmEpsg == 4546);
    CHECK(project->warnings.isEmpty());
    CHECK(project->lonLatExtent.minX == Approx(111.0).margin(1e-6));
    CHECK(project->lonLatExtent.maxY == Approx(37.7).margin(1e-6));

    SECTION("layers in drawing order, counties at the bottom") {
        REQUIRE(scene.layers.size() == 4);
        CHECK(scene.layers[0].id == "counties");
        CHECK(scene.layers[1].id == "villages");
        CHECK(scene.layers[2].id == "townships");
        CHECK(scene.layers[3].id == "memorial_sites");
        CHECK(scene.initiallyVisibleLayerIds().size() == 4);
        CHECK(scene.find("counties")->displayName == QStringLiteral("Counties"));  // no translator installed
    }
    SECTION("features are reprojected to metres") {
        const render::SceneLayer& counties = *scene.find("counties");
        CHECK(counties.paths.size() == 2);
        CHECK(counties.pathBounds.size() == 2);
        CHECK(scene.find("villages")->points.size() == 3);
        CHECK(scene.find("townships")->points.size() == 2);
        CHECK(scene.find("memorial_sites")->points.size() == 1);
        // 0.6° of longitude at 37.5°N is about 53 km.
        CHECK(scene.extent().width() == Approx(53'000).margin(1'000));
        CHECK(scene.extent().minX > 400'000);
        CHECK(scene.extent().minY > 4'100'000);
    }
    SECTION("county labels come from the name field and sit inside their county") {
        const render::SceneLayer& counties = *scene.find("counties");
        REQUIRE(counties.labels.size() == 2);
        CHECK(counties.labelText(0) == QStringLiteral("离石区"));
        CHECK(counties.labelText(1) == QStringLiteral("方山县"));
        for (std::size_t i = 0; i < 2; ++i) CHECK(counties.paths[i].contains(counties.labels[i].anchor));
    }
}

TEST_CASE("project: unusable sources give an error that names the file", "[project]") {
    SECTION("missing file") {
        auto project = render::loadProject(std::string(HONGTU_TEST_DATA) + "/app/no_such_project.gpkg");
        REQUIRE_FALSE(project);
        CHECK_THAT(project.error().toString(), ContainsSubstring("no_such_project.gpkg"));
    }
    SECTION("a GeoPackage without the project's layers") {
        auto project = render::loadProject(test::notAProjectPath());
        REQUIRE_FALSE(project);
        CHECK_THAT(project.error().file, ContainsSubstring("not_a_project.gpkg"));
        CHECK_THAT(project.error().message, ContainsSubstring("counties"));
    }
}

TEST_CASE("project: the display CRS can be Web Mercator or CGCS2000 geographic", "[project]") {
    auto mercator = render::loadProject(test::miniProjectPath(), {"EPSG:3857"});
    REQUIRE(mercator);
    CHECK(mercator->scene.displayCrs == "EPSG:3857");
    CHECK(mercator->automaticDisplayCrs == "EPSG:4546");
    // 111.0°E in Web Mercator metres
    CHECK(mercator->scene.extent().minX == Approx(111.0 * 6378137.0 * 3.141592653589793 / 180).margin(1));
    auto geographic = render::loadProject(test::miniProjectPath(), {"EPSG:4490"});
    REQUIRE(geographic);
    CHECK(geographic->scene.extent().minX == Approx(111.0).margin(1e-6));
    CHECK(geographic->scene.extent().maxY == Approx(37.7).margin(1e-6));
    CHECK(geographic->warnings.isEmpty());
    auto bad = render::loadProject(test::miniProjectPath(), {"EPSG:999999"});
    REQUIRE_FALSE(bad);  // no layer can be drawn: one error that names the CRS
    CHECK_THAT(bad.error().toString(), ContainsSubstring("999999"));
}

TEST_CASE("project: the viewer opens every malformed file of tests/data/bad or says which file it could not open",
          "[project]") {
    // The viewer's open is render::loadProject: no crash, and a refusal names the file.
    const std::filesystem::path dir = std::string(HONGTU_TEST_DATA) + "/bad";
    std::size_t entries = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
        const std::string name = e.path().filename().string();
        if (name == "make_bad.sh" || name == "README.md") continue;
        ++entries;
        INFO(name);
        auto p = render::loadProject(e.path().string());
        if (!p) CHECK_THAT(p.error().toString(), ContainsSubstring(name));
        // The data check the viewer runs after opening: no crash; a source it cannot read is named.
        const auto findings = render::checkProjectData(e.path().string());
        if (!p && !findings.empty() && findings.front().layer.isEmpty())
            CHECK_THAT(findings.front().message.toStdString(), ContainsSubstring(name));
    }
    CHECK(entries >= 20);
}

TEST_CASE("project: the viewer's data check is hongtu info's checks on the map layers", "[project]") {
    const auto dir = std::filesystem::temp_directory_path() / ("hongtu_project_checks_" + std::to_string(::getpid()));
    const auto findings = render::checkProjectData(test::badCountiesFile(dir));
    CHECK(findings.size() == 2);
    QStringList all;
    for (const auto& f : findings) {
        CHECK(f.layer == QStringLiteral("counties"));
        CHECK(f.problem);
        all << f.message;
    }
    const std::string text = all.join(QLatin1Char('\n')).toStdString();
    CHECK_THAT(text, ContainsSubstring("Layer 'Counties'"));
    CHECK_THAT(text, ContainsSubstring("1 polygon is invalid (Self-intersection"));
    CHECK_THAT(text, ContainsSubstring("feature 0"));
    CHECK_THAT(text, ContainsSubstring("'code' appears more than once (141121)"));
    std::filesystem::remove_all(dir);

    // The demo and the mini project are clean: nothing to say.
    CHECK(render::checkProjectData(test::miniProjectPath()).empty());
    for (const auto& f : render::checkProjectData(HONGTU_DEMO_PROJECT)) {
        INFO(f.message.toStdString());
        CHECK_FALSE(f.problem);
    }
}
