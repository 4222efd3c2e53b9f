// The layer dock's order, opacity and style editor, and the display CRS menu, on the real
// window with a copy of the mini project (styles are saved into the file).
#include <catch2/catch_approx.hpp>
#include <catch2/catch_test_macros.hpp>
#include <catch2/matchers/catch_matchers_string.hpp>

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>

#include <unistd.h>

#include <filesystem>

#include "hongtu/geo/crs.hpp"
#include "hongtu/geo/datasource.hpp"
#include "render/loaded_project.hpp"
#include "render/style_io.hpp"
#include "test_support.hpp"
#include "ui/field_labels.hpp"
#include "ui/layer_controls.hpp"
#include "ui/layer_panel.hpp"
#include "ui/main_window.hpp"
#include "ui/map_canvas.hpp"
#include "ui/style_editor.hpp"

using namespace hongtu;
using Catch::Approx;
using test::pixelIs;

namespace {

std::string projectCopy(const char* name) {
    const auto dir = std::filesystem::temp_directory_path() / ("hongtu_layer_styling_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto path = (dir / name).string();
    std::filesystem::copy_file(test::miniProjectPath(), path, std::filesystem::copy_options::overwrite_existing);
    return path;
}

std::vector<std::string> sceneOrder(const ui::MainWindow& w) {
    std::vector<std::string> ids;
    for (const auto& l : w.project().scene.layers) ids.push_back(l.id);
    return ids;
}

}  // namespace

TEST_CASE("layer styling: up/down change the drawing order, opacity blends and is saved", "[layer_styling]") {
    const std::string path = projectCopy("order.gpkg");
    auto project = render::loadProject(path);
    REQUIRE(project);
    ui::MainWindow window(std::move(project).value());
    window.resize(1000, 700);
    window.show();
    ui::LayerPanel& panel = *window.layerPanel();
    panel.setCurrentItem(panel.itemFor("counties"));
    ui::LayerControls& controls = *window.layerControls();
    CHECK_FALSE(controls.downButton()->isEnabled());  // already at the bottom
    controls.upButton()->click();
    CHECK(sceneOrder(window) == std::vector<std::string>{"villages", "counties", "townships", "memorial_sites"});
    CHECK(window.layerPanel()->currentItem()->data(Qt::UserRole).toString() == QStringLiteral("counties"));
    CHECK(window.layerPanel()->item(2)->data(Qt::UserRole).toString() == QStringLiteral("counties"));
    window.layerControls()->downButton()->click();
    CHECK(sceneOrder(window) == std::vector<std::string>{"counties", "villages", "townships", "memorial_sites"});

    // Opacity 0 shows the background where the county was; 50% blends it with white.
    ui::MapCanvas& canvas = *window.canvas();
    auto toDisplay = geo::Transformer::create("EPSG:4490", canvas.settings().displayCrs);
    REQUIRE(toDisplay);
    const QPointF at = canvas.settings().toPixel(*toDisplay->forward({111.05, 37.45}));
    const QColor fill = std::get<render::FillSymbol>(window.project().scene.find("counties")->style.symbol).fill;
    window.layerPanel()->setCurrentItem(window.layerPanel()->itemFor("counties"));
    window.layerControls()->opacitySlider()->setValue(0);
    canvas.waitForRender();
    CHECK(pixelIs(canvas.grab().toImage(), at, Qt::white));
    window.layerControls()->opacitySlider()->setValue(50);
    canvas.waitForRender();
    const QColor half((fill.red() + 255) / 2, (fill.green() + 255) / 2, (fill.blue() + 255) / 2);
    CHECK(pixelIs(canvas.grab().toImage(), at, half, 3));
    CHECK(window.project().scene.find("counties")->style.opacity == Approx(0.5));

    // Saved: a fresh load of the file has it.
    auto again = render::loadProject(path);
    REQUIRE(again);
    CHECK(again->scene.find("counties")->style.opacity == Approx(0.5));
    CHECK(again->warnings.isEmpty());
}

TEST_CASE("layer styling: the style editor previews on the map, Cancel restores, Save writes the project", "[layer_styling]") {
    const std::string path = projectCopy("editor.gpkg");
    auto project = render::loadProject(path);
    REQUIRE(project);
    ui::MainWindow window(std::move(project).value());
    window.resize(1000, 700);
    window.show();
    ui::MapCanvas& canvas = *window.canvas();
    auto toDisplay = geo::Transformer::create("EPSG:4490", canvas.settings().displayCrs);
    REQUIRE(toDisplay);
    const QPointF at = canvas.settings().toPixel(*toDisplay->forward({111.05, 37.45}));
    const render::LayerStyle original = window.project().scene.find("counties")->style;

    ui::StyleEditor* editor = window.openStyleEditor("counties");
    REQUIRE(editor);
    editor->kindBox()->setCurrentIndex(ui::StyleEditor::Single);
    editor->setFillColor(QColor(0x20, 0x60, 0xc0));
    canvas.waitForRender();
    CHECK(pixelIs(canvas.grab().toImage(), at, QColor(0x20, 0x60, 0xc0)));  // live preview
    CHECK(std::holds_alternative<render::SingleSymbology>(window.project().scene.find("counties")->style.symbology));
    editor->reject();
    canvas.waitForRender();
    CHECK(render::styleToJson(window.project().scene.find("counties")->style) == render::styleToJson(original));
}

TEST_CASE("layer styling: a graduated style edited on the demo is saved and read back", "[layer_styling]") {
    const auto dir = std::filesystem::temp_directory_path() / ("hongtu_layer_styling_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const std::string path = (dir / "demo.gpkg").string();
    std::filesystem::copy_file(HONGTU_DEMO_PROJECT, path, std::filesystem::copy_options::overwrite_existing);
    auto project = render::loadProject(path);
    REQUIRE(project);
    ui::MainWindow window(std::move(project).value());
    window.resize(1000, 700);
    window.show();
    ui::StyleEditor* editor = window.openStyleEditor("counties");
    REQUIRE(editor);
    CHECK(editor->kindBox()->currentIndex() == ui::StyleEditor::Graduated);
    CHECK(editor->fieldBox()->currentData().toString() == QStringLiteral("collective_income_share"));
    CHECK(editor->fieldBox()->currentText() == ui::fieldLabel("collective_income_share"));  // its title, not the column name
    CHECK(editor->methodBox()->currentIndex() == static_cast<int>(render::ClassMethod::NaturalBreaks));
    editor->methodBox()->setCurrentIndex(static_cast<int>(render::ClassMethod::EqualInterval));
    editor->classesBox()->setValue(3);
    editor->paletteBox()->setCurrentIndex(1);  // orange-red
    editor->labelsBox()->setChecked(false);
    CHECK(editor->maxScaleBox()->value() == 0);  // the demo's counties: drawn at every scale
    editor->maxScaleBox()->setValue(5'000'000);
    CHECK(window.project().scene.find("counties")->style.maxScaleDenominator == 5'000'000);
    CHECK(window.project().scene.find("counties")->classes.size() >= 3);  // 3 classes (+ 100%, no data when present)
    const render::SceneLayer* counties = window.project().scene.find("counties");
    const auto& g = std::get<render::GraduatedSymbology>(counties->style.symbology);
    CHECK(g.method == render::ClassMethod::EqualInterval);
    CHECK(g.classCount == 3);
    CHECK_FALSE(counties->style.label.enabled);
    editor->accept();
    auto again = render::loadProject(path);
    REQUIRE(again);
    const auto& saved = std::get<render::GraduatedSymbology>(again->scene.find("counties")->style.symbology);
    CHECK(saved.method == render::ClassMethod::EqualInterval);
    CHECK(saved.classCount == 3);
    CHECK(saved.palette.front() == render::sequentialPalette(render::Palette::OrangeRed, 4).front());  // 3 + the 100% class
    CHECK(saved.separateValue == 100.0);
    CHECK_FALSE(again->scene.find("counties")->style.label.enabled);
    CHECK(again->scene.find("counties")->style.maxScaleDenominator == 5'000'000);
    // The same save wrote QGIS's default style of the table: 3 ranges + 100%, orange-red, no
    // labels, drawn up to 1:5,000,000.
    auto source = geo::DataSource::open(path);
    REQUIRE(source);
    auto qgis = source->readLayer("layer_styles");
    REQUIRE(qgis);
    std::string qml;
    for (const auto& f : qgis->features)
        if (geo::toText(f.values[*qgis->fieldIndex("styleName")]) == "counties") qml = geo::toText(f.values[*qgis->fieldIndex("styleQML")]);
    const QColor first = render::sequentialPalette(render::Palette::OrangeRed, 4).front();
    CHECK_THAT(qml, Catch::Matchers::ContainsSubstring("type=\"graduatedSymbol\"") &&
                        Catch::Matchers::ContainsSubstring(QStringLiteral("%1,%2,%3,255").arg(first.red()).arg(first.green()).arg(first.blue()).toStdString()) &&
                        Catch::Matchers::ContainsSubstring("labelsEnabled=\"0\"") && Catch::Matchers::ContainsSubstring("minScale=\"5e+06\""));
    std::size_t ranges = 0;
    for (std::size_t at = qml.find("<range "); at != std::string::npos; at = qml.find("<range ", at + 1)) ++ranges;
    CHECK(ranges == again->scene.find("counties")->classes.size());
}

TEST_CASE("layer styling: the display CRS switches and keeps the centre and scale", "[layer_styling]") {
    auto project = render::loadProject(test::miniProjectPath());
    REQUIRE(project);
    ui::MainWindow window(std::move(project).value());
    window.resize(1000, 700);
    window.show();
    ui::MapCanvas& canvas = *window.canvas();
    const auto lonLatCentre = [&] {
        auto t = geo::Transformer::create(canvas.settings().displayCrs, "EPSG:4490");
        return *t->forward(canvas.settings().visibleExtent().center());
    };
    const geo::XY before = lonLatCentre();
    const double scale = canvas.settings().scaleDenominator();
    for (const char* action : {"crsWebMercatorAction", "crsGeographicAction", "crsAutomaticAction"}) {
        QAction* a = window.findChild<QAction*>(QString::fromLatin1(action));
        REQUIRE(a);
        a->trigger();
        const geo::XY c = lonLatCentre();
        CHECK(c.x == Approx(before.x).margin(1e-4));
        CHECK(c.y == Approx(before.y).margin(1e-4));
        CHECK(canvas.settings().scaleDenominator() == Approx(scale).epsilon(0.01));
    }
    CHECK(window.project().scene.displayCrs == "EPSG:4546");
    window.findChild<QAction*>(QStringLiteral("crsGeographicAction"))->trigger();
    CHECK(window.project().scene.displayCrs == "EPSG:4490");
    CHECK(canvas.settings().displayCrs == "EPSG:4490");
    // The county is drawn where it is: the pixel at 111.05°E 37.45°N is the county fill.
    const QColor fill = std::get<render::FillSymbol>(window.project().scene.find("counties")->style.symbol).fill;
    canvas.waitForRender();
    const QImage image = canvas.grab().toImage();
    CHECK(pixelIs(image, canvas.settings().toPixel({111.05, 37.45}), fill, 40));
}
