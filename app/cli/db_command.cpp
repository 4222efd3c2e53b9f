#include "cli/db_command.hpp"

#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>
#include <string>

#include "hongtu/geo/datasource.hpp"
#include "hongtu/geo/pg/store.hpp"

namespace hongtu::cli {

namespace {

struct DbOptions {
    std::string db;    // "PG:service=..." (or PG:host=... / PG: with PG* variables)
    std::string gpkg;  // import source / export target
    std::string text;  // search text
    int limit = 50;
    std::string prefer = "server";  // import: which side wins a row changed on both sides
    bool force = false;             // export: write into an existing file
};

int fail(const char* what, const geo::Error& e) {
    std::cerr << "hongtu db " << what << ": " << geo::redactConnectionString(e.toString()) << "\n";
    return 2;
}

bool checkDb(const char* what, const std::string& db) {
    if (geo::isPostgresSource(db)) return true;
    std::cerr << "hongtu db " << what << ": --db must be a PostgreSQL connection such as \"PG:service=hongtu\" (got '"
              << geo::redactConnectionString(db) << "')\n";
    return false;
}

void printSchema(const geo::pg::SchemaReport& r) {
    if (r.applied.empty()) std::cout << "数据库结构已是最新（版本 " << r.after << "）\n";
    for (const auto& a : r.applied) std::cout << "已应用迁移 " << a << "\n";
    std::cout << "schema version " << r.before << " -> " << r.after << "\n";
}

}  // namespace

Command addDbCommand(CLI::App& app) {
    auto o = std::make_shared<DbOptions>();
    auto* db = app.add_subcommand("db",
                                  "A project on a shared PostgreSQL/PostGIS server (connection from --db, "
                                  "a pg_service.conf service or the PG* environment; passwords never printed). "
                                  "Every session waits at most HONGTU_PG_LOCK_TIMEOUT (10s) for a lock, "
                                  "HONGTU_PG_STATEMENT_TIMEOUT (10min) for a statement and HONGTU_PG_CONNECT_TIMEOUT "
                                  "(10 s) to connect; a change that times out changes nothing" +
                                      std::string(geo::pg::hasPostgisSupport() ? "" : ". This build has no PostGIS support "
                                                                                      "(HONGTU_WITH_POSTGIS=OFF): every db subcommand says so and exits 2"));
    db->require_subcommand(1);
    auto dbOption = [o](CLI::App* sub) {
        sub->add_option("--db", o->db, "Connection, e.g. \"PG:service=hongtu\" or \"PG:host=... dbname=...\"")->required();
    };
    auto* init = db->add_subcommand("init", "Create the project schema (PostGIS, tables, history, versions) or migrate it");
    dbOption(init);
    auto* migrate = db->add_subcommand("migrate", "Apply the schema migrations this version of Hongtu knows");
    dbOption(migrate);
    auto* status = db->add_subcommand("status", "Schema version, server and row counts");
    dbOption(status);
    auto* import = db->add_subcommand(
        "import",
        "Merge a GeoPackage project into the database (one transaction, never truncates): new rows added, "
        "rows changed only in the file updated, status history appended (never rewritten); a row changed on "
        "both sides since the export is a conflict, listed, left as the server has it (exit code 1)");
    dbOption(import);
    import->add_option("gpkg", o->gpkg, "GeoPackage project to import")->required();
    import->add_option("--prefer", o->prefer, "Who wins a conflict: server (default) or file")
        ->check(CLI::IsMember({"server", "file"}))
        ->capture_default_str();
    auto* exp = db->add_subcommand("export",
                                   "Write every table of the database project to one GeoPackage and report "
                                   "every layer; refuses an existing file unless --force");
    dbOption(exp);
    exp->add_option("--output,-o", o->gpkg, "GeoPackage to write")->required();
    exp->add_flag("--force", o->force,
                  "Write into an existing GeoPackage: the database's tables replace the file's, its other layers stay "
                  "(the report names what the file had that the database does not)");
    auto* search = db->add_subcommand("search", "Find projects by id or village/township name (and show their versions)");
    dbOption(search);
    search->add_option("text", o->text, "Text to look for (taken literally)")->required();
    search->add_option("--limit", o->limit, "At most this many")->capture_default_str();

    return {db, [o, init, migrate, status, import, exp, search] {
                if (!checkDb("", o->db)) return 2;
                if (*init || *migrate) {
                    auto r = *init ? geo::pg::pgInit(o->db) : geo::pg::pgMigrate(o->db);
                    if (!r) return fail(*init ? "init" : "migrate", r.error());
                    printSchema(*r);
                    return 0;
                }
                if (*status) {
                    auto s = geo::pg::pgStatus(o->db);
                    if (!s) return fail("status", s.error());
                    std::cout << geo::redactConnectionString(o->db) << "\n  " << s->server << "\n  schema version "
                              << s->schemaVersion << " (this Hongtu knows " << geo::pg::pgLatestSchemaVersion() << ")\n";
                    for (const auto& t : s->tables) std::cout << "  " << t.table << ": " << t.rows << "\n";
                    return 0;
                }
                if (*import) {
                    geo::pg::ImportOptions options;
                    options.preferFile = o->prefer == "file";
                    auto r = geo::pg::pgImport(o->gpkg, o->db, options);
                    if (!r) return fail("import", r.error());
                    std::cout << "已导入 " << o->gpkg << " -> " << geo::redactConnectionString(o->db) << "\n"
                              << r->text();
                    // Conflicts left as the server has them: imported, with problems to look at (exit 1).
                    return r->conflicts.empty() || options.preferFile ? 0 : 1;
                }
                if (*exp) {
                    geo::pg::ExportOptions options;
                    options.force = o->force;
                    auto r = geo::pg::pgExport(o->db, o->gpkg, options);
                    if (!r) return fail("export", r.error());
                    std::cout << "已导出 " << geo::redactConnectionString(o->db) << " -> " << o->gpkg << "\n"
                              << r->text();
                    return 0;
                }
                if (*search) {
                    auto hits = geo::pg::pgSearchProjects(o->db, o->text, o->limit);
                    if (!hits) return fail("search", hits.error());
                    for (const auto& h : *hits)
                        std::cout << h.projectId << "\t" << h.name << "\t" << h.countyCode << "\tversion " << h.version << "\n";
                    std::cout << hits->size() << " project(s)\n";
                    return 0;
                }
                return 2;
            }};
}

}  // namespace hongtu::cli
