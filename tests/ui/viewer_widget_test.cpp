// The whole viewer window on the Lüliang demo project, offscreen: pan, zoom, identify a known
// village by clicking it, find 蔡家崖 by search, zoom to a county, and a legend that lists what
// is drawn.

#include <catch2/catch_approx.hpp>
#include <catch2/catch_test_macros.hpp>

#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QListWidget>
#include <QMouseEvent>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTreeWidget>
#include <QWheelEvent>

#include <map>

#include "render/feature_query.hpp"
#include "render/loaded_project.hpp"
#include "test_support.hpp"
#include "ui/attribute_table.hpp"
#include "ui/feature_panels.hpp"
#include "ui/layer_panel.hpp"
#include "ui/legend_panel.hpp"
#include "ui/main_window.hpp"
#include "ui/map_canvas.hpp"

using namespace hongtu;

namespace {

void mouse(QWidget& w, QEvent::Type type, QPointF at, Qt::MouseButton button, Qt::MouseButtons buttons,
           Qt::KeyboardModifiers modifiers = Qt::NoModifier) {
    QMouseEvent event(type, at, w.mapToGlobal(at), button, buttons, modifiers);
    QApplication::sendEvent(&w, &event);
}

void click(QWidget& w, QPointF at) {
    mouse(w, QEvent::MouseButtonPress, at, Qt::LeftButton, Qt::LeftButton);
    mouse(w, QEvent::MouseButtonRelease, at, Qt::LeftButton, Qt::NoButton);
}

void wheel(QWidget& w, QPointF at, int angleDeltaY) {
    QWheelEvent event(at, w.mapToGlobal(at), QPoint(), QPoint(0, angleDeltaY), Qt::NoButton, Qt::NoModifier,
                      Qt::NoScrollPhase, false);
    QApplication::sendEvent(&w, &event);
}

QStringList legendTexts(const QTreeWidget& tree) {
    QStringList out;
    for (int i = 0; i < tree.topLevelItemCount(); ++i) {
        const QTreeWidgetItem* top = tree.topLevelItem(i);
        out << top->text(0);
        for (int c = 0; c < top->childCount(); ++c) out << top->child(c)->text(0) + QLatin1Char('|') + top->child(c)->text(1);
    }
    return out;
}

}  // namespace

TEST_CASE("viewer: pan, zoom, identify, search and county zoom on the demo project", "[viewer]") {
    const auto opened = test::openWindow(HONGTU_DEMO_PROJECT, QSize(1400, 900));
    ui::MainWindow& window = *opened;
    ui::MapCanvas& canvas = *window.canvas();
    const double startScale = canvas.settings().scaleDenominator();

    SECTION("a click on a village shows its attributes and selects it; a drag pans instead") {
        // The collective-income theme: villages on, the progress points (on the villages) off.
        window.layerPanel()->itemFor("villages")->setCheckState(Qt::Checked);
        for (const char* id : {"village_venue_projects", "community_venue_projects", "township_housing_projects"})
            window.layerPanel()->itemFor(id)->setCheckState(Qt::Unchecked);
        // Zoom in around 贾家庄 so its marker is the only one under the cursor.
        const auto hits = render::searchFeatures(window.project().scene, QStringLiteral("141182100200"));
        REQUIRE(hits.size() == 1);
        const geo::Box village = render::featureBounds(window.project().scene, hits.front().feature);
        for (int i = 0; i < 12; ++i) wheel(canvas, canvas.settings().toPixel(village.center()), 120);
        CHECK(canvas.settings().scaleDenominator() < startScale / 10);
        const QPointF at = canvas.settings().toPixel(village.center());
        click(canvas, at + QPointF(1, 1));
        CHECK(window.featureInfo()->valueOf(QStringLiteral("village_code")) == QStringLiteral("141182100200"));
        CHECK(window.featureInfo()->valueOf(QStringLiteral("name")) == QStringLiteral("贾家庄村委会"));
        REQUIRE(canvas.highlight().size() == 1);
        CHECK(canvas.highlight().front() == hits.front().feature);

        const geo::Box before = canvas.settings().visibleExtent();
        mouse(canvas, QEvent::MouseButtonPress, at, Qt::LeftButton, Qt::LeftButton);
        mouse(canvas, QEvent::MouseMove, at + QPointF(40, 0), Qt::NoButton, Qt::LeftButton);
        mouse(canvas, QEvent::MouseButtonRelease, at + QPointF(40, 0), Qt::LeftButton, Qt::NoButton);
        CHECK(canvas.settings().visibleExtent().minX < before.minX);  // panned
        CHECK(canvas.highlight().size() == 1);                        // and not a new identify
    }
    SECTION("search finds 蔡家崖 without its suffix and zooms to it") {
        ui::SearchPanel& search = *window.searchPanel();
        search.edit()->setText(QStringLiteral("蔡家崖"));
        QMetaObject::invokeMethod(search.edit(), "returnPressed");
        REQUIRE(search.results()->count() >= 1);
        CHECK(search.hitItem(0)->text().contains(QStringLiteral("蔡家崖村委会")));
        CHECK(search.hitItem(0)->text().contains(QStringLiteral("兴县")));
        CHECK(window.featureInfo()->valueOf(QStringLiteral("village_code")) == QStringLiteral("141123205200"));
        CHECK(canvas.settings().scaleDenominator() <= 51'000);
        const auto hit = render::searchFeatures(window.project().scene, QStringLiteral("141123205200")).front();
        const geo::XY village = render::featureBounds(window.project().scene, hit.feature).center();
        const geo::XY centre = canvas.settings().visibleExtent().center();
        CHECK(std::abs(centre.x - village.x) < 1);
        CHECK(std::abs(centre.y - village.y) < 1);
        // The zoomed map draws the village marker and labels its name.
        canvas.waitForRender();
        const QImage shot = canvas.grab().toImage();
        CHECK_FALSE(test::pixelIs(shot, canvas.settings().toPixel(village), canvas.settings().background));
    }
    SECTION("the county box zooms to a county and back to the whole area") {
        QComboBox& counties = *window.countyBox();
        REQUIRE(counties.count() == 14);
        counties.setCurrentIndex(counties.findText(QStringLiteral("石楼县")));
        REQUIRE(canvas.highlight().size() == 1);
        CHECK(canvas.highlight().front().layerId == "counties");
        CHECK(canvas.settings().scaleDenominator() < startScale / 2);
        CHECK(window.featureInfo()->valueOf(QStringLiteral("county_code")) == QStringLiteral("141126"));
        counties.setCurrentIndex(0);
        CHECK(canvas.settings().scaleDenominator() == Catch::Approx(startScale));
    }
    SECTION("the legend lists the visible layers and the choropleth classes with counts") {
        const QStringList legend = legendTexts(*window.legendPanel());
        INFO(legend.join(QLatin1Char('\n')).toStdString());
        CHECK(legend.contains(QStringLiteral("Revolutionary memorial sites")));
        // The opening view: the progress layers (the villages belong to the income theme, off).
        CHECK(legend.contains(QStringLiteral("Village activity venues (projects) (synthetic positions)")));
        CHECK_FALSE(legend.contains(QStringLiteral("Villages (synthetic positions)")));
        int countySum = 0;
        for (const QString& row : legend)
            if (row.contains(QStringLiteral("%|"))) countySum += row.section(QLatin1Char('|'), 1).toInt();
        CHECK(countySum == 13);
        window.layerPanel()->itemFor("memorial_sites")->setCheckState(Qt::Unchecked);
        CHECK_FALSE(legendTexts(*window.legendPanel()).contains(QStringLiteral("Revolutionary memorial sites")));
    }
    SECTION("Shift + drag selects the features in the box") {
        mouse(canvas, QEvent::MouseButtonPress, {500, 300}, Qt::LeftButton, Qt::LeftButton, Qt::ShiftModifier);
        mouse(canvas, QEvent::MouseMove, {700, 500}, Qt::NoButton, Qt::LeftButton, Qt::ShiftModifier);
        const geo::Box before = canvas.settings().visibleExtent();
        mouse(canvas, QEvent::MouseButtonRelease, {700, 500}, Qt::LeftButton, Qt::NoButton, Qt::ShiftModifier);
        CHECK(canvas.settings().visibleExtent() == before);  // no pan
        CHECK(canvas.highlight().size() > 10);
    }
}

TEST_CASE("viewer: the attribute table filters, sorts and follows the map selection both ways", "[viewer]") {
    const auto opened = test::openWindow(HONGTU_DEMO_PROJECT, QSize(1400, 900));
    ui::MainWindow& window = *opened;
    window.attributeDock()->show();
    ui::AttributeTable& table = *window.attributeTable();

    table.layerBox()->setCurrentIndex(table.layerBox()->findData(QStringLiteral("villages")));
    REQUIRE(table.proxy()->rowCount() == 2456);
    table.filterEdit()->setText(QStringLiteral("蔡家崖"));
    REQUIRE(table.proxy()->rowCount() == 1);

    SECTION("selecting a row selects the feature on the map") {
        table.view()->selectRow(0);
        REQUIRE(window.canvas()->highlight().size() == 1);
        const auto& f = window.canvas()->highlight().front();
        CHECK(f.layerId == "villages");
        CHECK(window.project().scene.find("villages")->text(f.item, "village_code") == "141123205200");
        CHECK(window.featureInfo()->valueOf(QStringLiteral("name")) == QStringLiteral("蔡家崖村委会"));
    }
    SECTION("a selection on the map selects its rows") {
        table.filterEdit()->clear();
        const auto hit = render::searchFeatures(window.project().scene, QStringLiteral("141182100200")).front();
        window.showFeature(hit.feature);
        const auto rows = table.view()->selectionModel()->selectedRows();
        REQUIRE(rows.size() == 1);
        const int column = window.project().scene.find("villages")->fieldIndex("village_code").value();
        CHECK(rows.front().siblingAtColumn(column).data().toString() == QStringLiteral("141182100200"));
        // A county from the county box switches the table to the counties.
        window.countyBox()->setCurrentIndex(window.countyBox()->findText(QStringLiteral("兴县")));
        CHECK(table.layerBox()->currentData().toString() == QStringLiteral("counties"));
        CHECK(table.view()->selectionModel()->selectedRows().size() == 1);
    }
    SECTION("numbers sort as numbers") {
        table.filterEdit()->clear();
        table.layerBox()->setCurrentIndex(table.layerBox()->findData(QStringLiteral("counties")));
        const int share = window.project().scene.find("counties")->fieldIndex("collective_income_share").value();
        table.view()->sortByColumn(share, Qt::DescendingOrder);
        const double top = table.proxy()->index(0, share).data().toDouble();
        const double next = table.proxy()->index(1, share).data().toDouble();
        CHECK(top >= next);
        CHECK(top == Catch::Approx(100.0 * 230 / 243).epsilon(1e-6));  // 兴县 has the highest share
    }
}

TEST_CASE("viewer: search results are grouped by kind, find memorial sites by their township, and switch their layer on", "[viewer][search]") {
    const auto opened = test::openWindow(HONGTU_DEMO_PROJECT, QSize(1400, 900));
    ui::MainWindow& window = *opened;
    ui::MapCanvas& canvas = *window.canvas();
    ui::LayerPanel& layers = *window.layerPanel();
    layers.itemFor("villages")->setCheckState(Qt::Unchecked);
    REQUIRE_FALSE(canvas.settings().isLayerVisible("villages"));

    ui::SearchPanel& search = *window.searchPanel();
    REQUIRE(search.search(QStringLiteral("蔡家崖")) >= 3);
    // The best hit, the village, is chosen: its layer is switched on (tick and map).
    CHECK(canvas.settings().isLayerVisible("villages"));
    CHECK(layers.itemFor("villages")->checkState() == Qt::Checked);
    // Headings name the kinds, in order; every hit is under its kind.
    QStringList headings;
    QString heading;
    std::map<QString, QStringList> byKind;
    for (int r = 0; r < search.results()->count(); ++r) {
        QListWidgetItem* item = search.results()->item(r);
        if (!item->data(Qt::UserRole).isValid()) {
            heading = item->text();
            headings << heading;
            CHECK(item->flags() == Qt::NoItemFlags);
        } else {
            byKind[heading] << item->text();
        }
    }
    const QStringList expectedOrder{ui::SearchPanel::kindOfLayer("townships"), ui::SearchPanel::kindOfLayer("villages"),
                                    ui::SearchPanel::kindOfLayer("memorial_sites")};
    for (const QString& kind : expectedOrder) CHECK(headings.contains(kind));
    CHECK(headings.indexOf(expectedOrder[0]) < headings.indexOf(expectedOrder[1]));
    CHECK(headings.indexOf(expectedOrder[1]) < headings.indexOf(expectedOrder[2]));
    // 晋绥边区革命纪念馆 and 中共中央晋绥分局旧址 are in 蔡家崖乡: found by the place name.
    const QStringList sites = byKind[ui::SearchPanel::kindOfLayer("memorial_sites")];
    CHECK(sites.filter(QStringLiteral("晋绥边区革命纪念馆")).size() == 1);
    CHECK(sites.filter(QStringLiteral("中共中央晋绥分局旧址")).size() == 1);

    // Choosing a site turns its layer on too.
    layers.itemFor("memorial_sites")->setCheckState(Qt::Unchecked);
    for (int r = 0; r < search.results()->count(); ++r)
        if (search.results()->item(r)->text().contains(QStringLiteral("晋绥边区革命纪念馆"))) {
            emit search.results()->itemActivated(search.results()->item(r));
            break;
        }
    CHECK(canvas.settings().isLayerVisible("memorial_sites"));
    REQUIRE(canvas.highlight().size() == 1);
    CHECK(canvas.highlight().front().layerId == "memorial_sites");
}
