// The route sheet (export/route_sheet.hpp) of a 3-day tour of every memorial site of the demo:
// times and durations are never elided, long names and notes wrap onto continuation rows, long
// tours continue on further pages, the trip's dates and the data date are printed apart.
#include <catch2/catch_test_macros.hpp>

#include <QCoreApplication>
#include <QFile>
#include <QFontMetricsF>
#include <QImage>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTranslator>

#include <set>

#include "export/page_painter.hpp"
#include "export/route_sheet.hpp"
#include "hongtu/geo/route/project.hpp"
#include "hongtu/geo/route/route.hpp"
#include "render/loaded_project.hpp"
#include "render/route_layers.hpp"

using namespace hongtu;

namespace {

render::RoutePlan threeDayTour() {
    namespace route = geo::route;
    auto data = route::loadRouteProject(HONGTU_DEMO_PROJECT);
    REQUIRE(data.ok());
    render::RoutePlan plan;
    for (const auto& site : data->sites)
        if (site.stop) plan.problem.stops.push_back(*site.stop);
    plan.problem.trip.start = *route::findPlace(*data, "离石");
    plan.problem.trip.departDate = {2018, 7, 1};
    plan.problem.trip.days = 3;
    plan.problem.trip.overnightCandidates = route::seatPlaces(*data);
    const auto matrix = route::StraightLineModel().matrix(route::nodePlaces(plan.problem));
    REQUIRE(matrix.ok());
    route::RouteOptions options;
    options.seed = 1;
    plan.itinerary = route::solve(plan.problem, *matrix, options);
    return plan;
}

// The painter's font for a table item (page_painter.cpp).
QFont pageFont(const exporting::PageLayout& l, double pt, bool bold) {
    QFont f(QString::fromStdString(l.fontFamily));
    f.setPixelSize(std::max(1, static_cast<int>(std::lround(pt * l.dpi / 72))));
    f.setBold(bold);
    f.setStyleStrategy(QFont::StyleStrategy(QFont::NoFontMerging | QFont::PreferNoShaping));
    return f;
}

}  // namespace

TEST_CASE("route sheet: a 3-day tour prints every time and duration in full, on as many pages as it needs", "[route][sheet]") {
    // In Chinese, as `hongtu route --sheet` and the viewer print it.
    QTranslator zh;
    REQUIRE(zh.load(QStringLiteral(":/i18n/hongtu_zh_CN")));
    QCoreApplication::installTranslator(&zh);
    struct Remove {
        QTranslator& t;
        ~Remove() { QCoreApplication::removeTranslator(&t); }
    } remove{zh};
    auto project = render::loadProject(HONGTU_DEMO_PROJECT);
    REQUIRE(project);
    const render::RoutePlan plan = threeDayTour();
    REQUIRE(plan.itinerary.days.size() == 3);
    auto pages = exporting::routeSheetPages(*project, plan, {});
    REQUIRE(pages);
    REQUIRE_FALSE(pages->empty());

    const auto source = render::timetableRows(plan);
    const auto header = source.front();
    REQUIRE(header.size() == 9);
    std::vector<std::vector<std::string>> printed;
    for (const auto& page : *pages) {
        const exporting::PageItem* table = page.layout.first(exporting::ItemKind::Table);
        REQUIRE(table != nullptr);
        CHECK(table->fontPt >= 7);
        const QFontMetricsF fm(pageFont(page.layout, table->fontPt, false)), bm(pageFont(page.layout, table->fontPt, true));
        const double pxPerMm = page.layout.dpi / 25.4;
        // The rows fit the table's height at its type size: the painter does not shrink the type.
        const double rowH = fm.height() * 1.3;
        CHECK(static_cast<double>(page.context.timetable.rows.size() + 1) * rowH <= table->rect.h * pxPerMm);
        // The columns' natural widths fit the table's width: the painter elides nothing.
        std::vector<double> widths(header.size(), 0);
        for (std::size_t c = 0; c < header.size(); ++c) widths[c] = bm.horizontalAdvance(header[c]) + 2 * pxPerMm;
        for (const auto& row : page.context.timetable.rows)
            for (std::size_t c = 0; c < row.size(); ++c)
                widths[c] = std::max(widths[c], fm.horizontalAdvance(QString::fromStdString(row[c])) + 2 * pxPerMm);
        double total = 0;
        for (double w : widths) total += w;
        CHECK(total <= table->rect.w * pxPerMm);
        printed.insert(printed.end(), page.context.timetable.rows.begin(), page.context.timetable.rows.end());
        // The data date is the project's, the trip's date is printed as 出行日期.
        CHECK(page.context.asOf == project->progressDate.iso());
        const exporting::PageItem* subtitle = page.layout.first(exporting::ItemKind::Subtitle);
        REQUIRE(subtitle != nullptr);
        CHECK(subtitle->text.find("出行日期 2018年7月1日至7月3日（3天）") != std::string::npos);
    }
    // Every source row is printed, its wrapped cells joined again give the source text, and
    // the times are whole: HH:MM, never "…".
    static const QRegularExpression time(QStringLiteral(R"(^(\d{2}:\d{2})?$)"));
    std::size_t at = 0;
    for (std::size_t r = 1; r < source.size(); ++r) {
        REQUIRE(at < printed.size());
        const auto& first = printed[at];
        QString place = QString::fromStdString(first[2]), note = QString::fromStdString(first[8]);
        for (std::size_t c : {0u, 1u, 3u, 4u, 5u, 6u, 7u}) CHECK(QString::fromStdString(first[c]) == source[r][c]);
        CHECK(time.match(QString::fromStdString(first[3])).hasMatch());
        CHECK(time.match(QString::fromStdString(first[4])).hasMatch());
        ++at;
        while (at < printed.size() && printed[at][0].empty() && printed[at][3].empty() && printed[at][1].empty() &&
               printed[at][5].empty()) {
            place += QString::fromStdString(printed[at][2]);
            note += QString::fromStdString(printed[at][8]);
            ++at;
        }
        const auto squeeze = [](QString s) { return s.remove(QLatin1Char(' ')); };
        CHECK(squeeze(place) == squeeze(source[r][2]));
        CHECK(squeeze(note) == squeeze(source[r][8]));
    }
    CHECK(at == printed.size());

    // The map frame draws each route layer once (not from the scene and again as an overlay).
    const auto& first = pages->front().context;
    for (const auto& id : first.map.visibleLayerIds) CHECK_FALSE(render::isRouteLayer(id));
    std::multiset<std::string> overlays;
    for (const auto& l : first.overlays) overlays.insert(l.id);
    CHECK(overlays.count(render::kRouteLegsLayerId) == 1);
    CHECK(overlays.count(render::kRouteStopsLayerId) == 1);
    CHECK(overlays.count(render::kRoutePlacesLayerId) == 1);

    SECTION("written as one PDF, or one PNG per page") {
        QTemporaryDir dir;
        const std::string pdf = dir.filePath(QStringLiteral("tour.pdf")).toStdString();
        auto written = exporting::writeRouteSheet(pdf, *project, plan, {});
        REQUIRE(written);
        CHECK(written->size() == 1);
        QFile f(QString::fromStdString(pdf));
        REQUIRE(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        CHECK(bytes.count("/Type /Page\n") + bytes.count("/Type /Page\r") + bytes.count("/Type /Page ") +
                  bytes.count("/Type /Page>") >=
              1);
        const std::string png = dir.filePath(QStringLiteral("tour.png")).toStdString();
        auto pngs = exporting::writeRouteSheet(png, *project, plan, {});
        REQUIRE(pngs);
        CHECK(pngs->size() == pages->size());
        for (const auto& p : *pngs) CHECK_FALSE(QImage(QString::fromStdString(p)).isNull());
        if (const char* out = std::getenv("HONGTU_SHEET_DIR"))
            for (std::size_t i = 0; i < pngs->size(); ++i)
                QFile::copy(QString::fromStdString((*pngs)[i]), QString::fromLocal8Bit(out) + QStringLiteral("/route-sheet-3day-%1.png").arg(i + 1));
    }
}

TEST_CASE("route sheet: the trip's dates in Chinese, one day without a range", "[route][sheet]") {
    render::RoutePlan plan;
    plan.problem.trip.departDate = {2018, 12, 31};
    plan.itinerary.days.resize(2);
    CHECK(exporting::tripDateText(plan) == "出行日期 2018年12月31日至2019年1月1日（2天）");
    plan.itinerary.days.resize(1);
    CHECK(exporting::tripDateText(plan) == "出行日期 2018年12月31日（1天）");
}
