// pg_bench: national-scale data jobs against GDAL's own tools and PostGIS's own SQL, measured
// in the same run on the same files (wall-clock seconds: the PostGIS work happens in the
// server process, so client CPU time would flatter it). Not a test: prints figures.
//
//   pg_bench --gpkg national.gpkg --db "PG:service=hongtu_test dbname=a" --ref-db "PG:... dbname=b"
//
// Jobs (each prints a RESULT line that bench/run gathers into results.csv):
//   load_gpkg     read counties + villages into memory: hongtu DataSource::readLayer
//                 vs ogr2ogr -f Memory (GDAL reading every feature into memory)
//   load_postgis  GeoPackage -> PostGIS: hongtu db import (one transaction, change report)
//                 vs ogr2ogr -f PostgreSQL (GiST index, COPY)
//   pip           assign every village to the county polygon containing it:
//                 geo::assignPointsToPolygons (GEOS prepared geometries + STRtree)
//                 vs PostGIS ST_Contains join with a GiST index
// RESULT lines: ratio = reference_s / hongtu_s (above 1: hongtu is faster).

#include <libpq-fe.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>

#include "hongtu/geo/datasource.hpp"
#include "hongtu/geo/pg/store.hpp"
#include "hongtu/geo/spatial.hpp"

using namespace hongtu::geo;
using namespace hongtu::geo::pg;
using Clock = std::chrono::steady_clock;

namespace {

double seconds(const std::function<void()>& f) {
    const auto t0 = Clock::now();
    f();
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

std::string arg(int argc, char** argv, const char* name) {
    for (int i = 1; i + 1 < argc; ++i)
        if (std::strcmp(argv[i], name) == 0) return argv[i + 1];
    return {};
}

void result(const char* name, const char* what, double ours, const char* reference, double theirs) {
    std::printf("%-13s hongtu %8.2f s   %-36s %8.2f s   ratio %5.2f\n", name, ours, reference, theirs, theirs / ours);
    std::printf("RESULT name=%s what=\"%s\" hongtu_s=%.3f reference=\"%s\" reference_s=%.3f ratio=%.3f\n", name, what, ours,
                reference, theirs, theirs / ours);
    std::fflush(stdout);
}

std::string conninfo(const std::string& db) { return db.rfind("PG:", 0) == 0 ? db.substr(3) : db; }

int fail(const std::string& what) {
    std::fprintf(stderr, "pg_bench: %s\n", what.c_str());
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    const std::string gpkg = arg(argc, argv, "--gpkg"), db = arg(argc, argv, "--db"), refDb = arg(argc, argv, "--ref-db");
    if (gpkg.empty() || db.empty() || refDb.empty())
        return fail("usage: pg_bench --gpkg national.gpkg --db PG:... --ref-db PG:... (two empty databases)");

    // 1. Reading the national layers into memory.
    Layer villages, counties;
    bool ok = true;
    const double oursLoad = seconds([&] {
        auto ds = DataSource::open(gpkg);
        if (!ds) {
            ok = false;
            return;
        }
        auto v = ds->readLayer("villages");
        auto c = ds->readLayer("counties");
        if (!v || !c) {
            ok = false;
            return;
        }
        villages = std::move(*v);
        counties = std::move(*c);
    });
    if (!ok) return fail("cannot read " + gpkg);
    const std::string ogr = "ogr2ogr -f Memory mem '" + gpkg + "' counties villages";
    const double refLoad = seconds([&] { ok = std::system(ogr.c_str()) == 0; });
    if (!ok) return fail("reference failed: " + ogr);
    std::printf("national layers: %zu villages, %zu counties\n", villages.features.size(), counties.features.size());
    result("load_gpkg", "read counties + villages (GeoPackage)", oursLoad, "ogr2ogr -f Memory", refLoad);

    // 2. Loading into PostGIS.
    std::string report;
    const double oursPg = seconds([&] {
        auto r = pgImport(gpkg, db);
        ok = r.ok();
        report = r ? r->text() : r.error().toString();
    });
    if (!ok) return fail("hongtu db import failed: " + report);
    const std::string ref = "ogr2ogr -f PostgreSQL '" + refDb + "' '" + gpkg +
                            "' -lco SPATIAL_INDEX=GIST -lco GEOMETRY_NAME=geom -lco FID=fid";
    const double refPg = seconds([&] { ok = std::system(ref.c_str()) == 0; });
    if (!ok) return fail("reference failed: ogr2ogr -f PostgreSQL");
    result("load_postgis", "GeoPackage -> PostGIS (every layer)", oursPg, "ogr2ogr -f PostgreSQL", refPg);

    // 3. Point in polygon for every village.
    std::size_t inside = 0;
    const double oursPip = seconds([&] {
        auto r = assignPointsToPolygons(villages, "village_code", counties, "county_code", 6);
        ok = r.ok();
        if (r) inside = r->inCodedUnit + r->outsideCodedUnit;
    });
    if (!ok) return fail("assignPointsToPolygons failed");
    PGconn* c = PQconnectdb(conninfo(db).c_str());
    if (PQstatus(c) != CONNECTION_OK) return fail("cannot connect: " + std::string(PQerrorMessage(c)));
    PQclear(PQexec(c, "ANALYZE villages; ANALYZE counties"));
    long long pgInside = 0;
    const double refPip = seconds([&] {
        PGresult* r = PQexec(c, "SELECT count(*) FROM villages v JOIN counties c ON ST_Contains(c.geom, v.geom)");
        ok = PQresultStatus(r) == PGRES_TUPLES_OK;
        if (ok) pgInside = std::atoll(PQgetvalue(r, 0, 0));
        PQclear(r);
    });
    PQfinish(c);
    if (!ok) return fail("PostGIS ST_Contains query failed");
    std::printf("villages inside a county: hongtu %zu, PostGIS %lld\n", inside, pgInside);
    result("pip", "assign every village to its county polygon", oursPip, "PostGIS ST_Contains + GiST", refPip);
    return 0;
}
