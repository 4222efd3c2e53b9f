#include <catch2/catch_test_macros.hpp>
#include <catch2/matchers/catch_matchers_string.hpp>

#include <filesystem>
#include <fstream>
#include <vector>

#include "hongtu/geo/datasource.hpp"

using namespace hongtu::geo;
using Catch::Matchers::ContainsSubstring;

namespace {
std::string data(const std::string& name) { return std::string(HONGTU_TEST_DATA) + "/geo/" + name; }
std::filesystem::path tempDir() {
    auto dir = std::filesystem::temp_directory_path() / ("hongtu_ds_test_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    return dir;
}
}  // namespace

TEST_CASE("datasource: GeoJSON polygons with codes as text", "[datasource]") {
    auto ds = DataSource::open(data("two_counties.geojson"));
    REQUIRE(ds);
    auto layers = ds->layers();
    REQUIRE(layers.size() == 1);
    CHECK(layers[0].featureCount == 2);
    CHECK(layers[0].geometryKind == Geometry::Kind::Polygon);
    CHECK(layers[0].crs == "EPSG:4326");
    CHECK(layers[0].extent.minX == 110.7);
    auto layer = ds->readLayer(layers[0].name);
    REQUIRE(layer);
    CHECK(layer->features.size() == 2);
    CHECK(std::get<std::string>(layer->at(0, "code")) == "141123");
    CHECK(std::get<std::string>(layer->at(1, "name")) == "临县");
    CHECK(layer->features[0].geometry.parts[0][0].size() == 5);
}

TEST_CASE("datasource: features one at a time are the features readLayer reads", "[datasource]") {
    auto ds = DataSource::open(data("villages.csv"));
    REQUIRE(ds);
    const Layer whole = ds->readLayer("villages").value();
    std::vector<Feature> streamed;
    REQUIRE(ds->forEachFeature("villages", [&](Feature& f) {
        streamed.push_back(std::move(f));
        return true;
    }));
    REQUIRE(streamed.size() == whole.features.size());
    for (std::size_t i = 0; i < streamed.size(); ++i) {
        CHECK(streamed[i].fid == whole.features[i].fid);
        CHECK(streamed[i].values == whole.features[i].values);
        CHECK(streamed[i].geometry == whole.features[i].geometry);
    }
    // false stops the read there, without an error.
    int seen = 0;
    REQUIRE(ds->forEachFeature("villages", [&](Feature&) { return ++seen < 2; }));
    CHECK(seen == 2);
    const auto missing = ds->forEachFeature("no_such_layer", [](Feature&) { return true; });
    REQUIRE_FALSE(missing);
    CHECK_THAT(missing.error().toString(), ContainsSubstring("no layer"));
}

TEST_CASE("datasource: shapefile with UTF-8 .cpg", "[datasource]") {
    auto ds = DataSource::open(data("counties_shp"));
    REQUIRE(ds);
    CHECK(ds->driverName() == "ESRI Shapefile");
    auto layer = ds->readLayer("counties");
    REQUIRE(layer);
    CHECK(layer->features.size() == 2);
    CHECK(std::get<std::string>(layer->at(0, "name")) == "兴县");
    CHECK(layer->crs == "EPSG:4326");
}

TEST_CASE("datasource: CSV with X/Y columns keeps codes as text", "[datasource]") {
    auto ds = DataSource::open(data("villages.csv"));
    REQUIRE(ds);
    auto layer = ds->readLayer("villages");
    REQUIRE(layer);
    REQUIRE(layer->features.size() == 5);
    CHECK(layer->geometryKind == Geometry::Kind::Point);
    CHECK(std::get<std::string>(layer->at(4, "village_code")) == "010000000001");  // leading zero kept
    CHECK(layer->features[0].geometry.asPoint() == XY{111.081, 38.476});
}

TEST_CASE("datasource: XLSX read as text, KML as points", "[datasource]") {
    auto xlsx = DataSource::open(data("villages.xlsx"));
    REQUIRE(xlsx);
    auto sheet = xlsx->readLayer(xlsx->layers().at(0).name);
    REQUIRE(sheet);
    CHECK(sheet->features.size() == 5);
    CHECK(sheet->fields[0].type == FieldType::Text);
    CHECK(std::get<std::string>(sheet->at(4, "village_code")) == "010000000001");

    auto kml = DataSource::open(data("villages.kml"));
    REQUIRE(kml);
    auto placemarks = kml->readLayer(kml->layers().at(0).name);
    REQUIRE(placemarks);
    CHECK(placemarks->features.size() == 5);
    CHECK(placemarks->geometryKind == Geometry::Kind::Point);
}

TEST_CASE("datasource: broken inputs give errors naming the file", "[datasource]") {
    SECTION("missing file") {
        auto ds = DataSource::open(data("no_such_file.gpkg"));
        REQUIRE_FALSE(ds);
        CHECK_THAT(ds.error().toString(), ContainsSubstring("no_such_file.gpkg") && ContainsSubstring("does not exist"));
    }
    SECTION("truncated GeoJSON") {
        auto ds = DataSource::open(data("truncated.geojson"));
        REQUIRE_FALSE(ds);
        CHECK_THAT(ds.error().toString(), ContainsSubstring("truncated.geojson"));
    }
    SECTION("shapefile without its .dbf") {
        auto ds = DataSource::open(data("missing_dbf/counties.shp"));
        if (ds) {  // GDAL opens geometry-only; then the attributes are simply absent
            auto layer = ds->readLayer("counties");
            REQUIRE(layer);
            CHECK(layer->fields.empty());
        } else {
            CHECK_THAT(ds.error().toString(), ContainsSubstring("counties.shp"));
        }
    }
    SECTION("empty layer reads as zero features") {
        auto ds = DataSource::open(data("empty.geojson"));
        REQUIRE(ds);
        auto layer = ds->readLayer(ds->layers().at(0).name);
        REQUIRE(layer);
        CHECK(layer->features.empty());
    }
    SECTION("unknown layer") {
        auto ds = DataSource::open(data("two_counties.geojson"));
        REQUIRE(ds);
        auto layer = ds->readLayer("villages");
        REQUIRE_FALSE(layer);
        CHECK(layer.error().layer == "villages");
    }
    SECTION("projected coordinates under a lon/lat CRS") {
        auto ds = DataSource::open(data("wrong_crs.geojson"));
        REQUIRE(ds);
        CHECK_THAT(ds->layers().at(0).problem, ContainsSubstring("cannot be longitude/latitude"));
        auto layer = ds->readLayer(ds->layers().at(0).name);
        REQUIRE_FALSE(layer);
        CHECK_THAT(layer.error().toString(), ContainsSubstring("wrong_crs.geojson") && ContainsSubstring("probably wrong"));
    }
}

TEST_CASE("datasource: swapped axes and zone-number eastings under a lon/lat CRS get the right diagnosis", "[datasource][crs]") {
    const std::string bad = std::string(HONGTU_TEST_DATA) + "/bad/";
    auto swapped = DataSource::open(bad + "swapped_axes.geojson");
    REQUIRE(swapped);
    CHECK_THAT(swapped->layers().at(0).problem, ContainsSubstring("longitude and latitude are swapped"));
    CHECK_THAT(swapped->layers().at(0).problem, !ContainsSubstring("copied .prj"));
    auto zone = DataSource::open(bad + "lying_prj");
    REQUIRE(zone);
    CHECK_THAT(zone->layers().at(0).problem, ContainsSubstring("zone number 37 in front of the easting"));
    CHECK_THAT(zone->layers().at(0).problem, ContainsSubstring("EPSG:4525"));
}

TEST_CASE("datasource: a GBK shapefile without .cpg is decoded as GB18030 and says so", "[datasource]") {
    auto ds = DataSource::open(std::string(HONGTU_TEST_DATA) + "/bad/gbk_without_cpg");
    REQUIRE(ds);
    CHECK(ds->encodingNote() == "GB18030 (detected: no .cpg file)");
    auto layer = ds->readLayer("villages");
    REQUIRE(layer);
    CHECK(std::get<std::string>(layer->at(0, "name")) == "蔚汾村");
    // With a .cpg nothing is guessed.
    auto cpg = DataSource::open(std::string(HONGTU_TEST_DATA) + "/bad/shp_without_shx/../lying_prj");
    REQUIRE(cpg);
    CHECK(cpg->encodingNote().empty());
}

TEST_CASE("datasource: Gauss-Krüger variant detected from the eastings", "[datasource][crs]") {
    auto cm = DataSource::open(data("gk_cm"));
    REQUIRE(cm);
    CHECK(cm->readLayer("counties")->crs == "EPSG:4546");
    // .prj says CM 111E (EPSG:4546) but eastings carry the zone number 37: EPSG:4525.
    auto zone = DataSource::open(data("gk_zone_prefixed"));
    REQUIRE(zone);
    CHECK(zone->layers().at(0).crs == "EPSG:4525");
    CHECK(zone->readLayer("counties")->crs == "EPSG:4525");
}

TEST_CASE("datasource: atomic GeoPackage write round-trips and is deterministic", "[datasource]") {
    auto src = DataSource::open(data("two_counties.geojson"));
    REQUIRE(src);
    Layer counties = src->readLayer("two_counties").value();
    counties.name = "counties";
    Layer table;
    table.name = "notes";
    table.fields = {{"code", FieldType::Text}, {"count", FieldType::Integer}, {"share", FieldType::Real}, {"due", FieldType::Date}};
    table.features.push_back({1, {std::string("141123"), std::int64_t{5}, 0.91, Date{2018, 6, 30}}, {}});
    table.features.push_back({2, {std::string("141124"), Value{}, Value{}, Value{}}, {}});

    const auto dir = tempDir();
    WriteOptions opts;
    opts.fixedTimestamp = "2019-06-30T00:00:00Z";
    const auto a = (dir / "a.gpkg").string(), b = (dir / "b.gpkg").string();
    REQUIRE(writeLayersAtomically(a, {counties, table}, opts));
    REQUIRE(writeLayersAtomically(b, {counties, table}, opts));

    auto slurp = [](const std::string& p) {
        std::ifstream in(p, std::ios::binary);
        return std::string(std::istreambuf_iterator<char>(in), {});
    };
    CHECK(slurp(a) == slurp(b));

    auto back = DataSource::open(a);
    REQUIRE(back);
    auto notes = back->readLayer("notes");
    REQUIRE(notes);
    CHECK(std::get<std::string>(notes->at(0, "code")) == "141123");
    CHECK(std::get<std::int64_t>(notes->at(0, "count")) == 5);
    CHECK(std::get<Date>(notes->at(0, "due")) == Date{2018, 6, 30});
    CHECK(isNull(notes->at(1, "count")));
    auto polys = back->readLayer("counties");
    REQUIRE(polys);
    CHECK(polys->crs == "EPSG:4326");
    CHECK(polys->features[1].geometry == counties.features[1].geometry);

    SECTION("a failed write leaves the previous file untouched") {
        Layer bad = table;
        bad.name = "bad";
        bad.geometryKind = Geometry::Kind::Point;
        bad.crs = "EPSG:999999";  // unknown CRS: fails before anything is renamed
        const auto before = slurp(a);
        auto st = writeLayersAtomically(a, {counties, bad}, opts);
        REQUIRE_FALSE(st);
        CHECK_THAT(st.error().toString(), ContainsSubstring("bad"));
        CHECK(slurp(a) == before);
        for (auto& e : std::filesystem::directory_iterator(dir)) CHECK(e.path().filename().string().find(".tmp") == std::string::npos);
    }
    std::filesystem::remove_all(dir);
}

TEST_CASE("datasource: passwords never appear in messages", "[datasource]") {
    CHECK(redactConnectionString("PG:host=db user=plan password=s3cret dbname=hongtu") ==
          "PG:host=db user=plan password=*** dbname=hongtu");
    CHECK(redactConnectionString("postgresql://plan:s3cret@db/hongtu") == "postgresql://plan:***@db/hongtu");
}
