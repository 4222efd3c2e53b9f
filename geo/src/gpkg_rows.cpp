#include "gpkg_rows.hpp"

#include <sqlite3.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <memory>
#include <utility>

namespace hongtu::geo::detail {

namespace {

std::string quoted(const std::string& identifier) {
    std::string q = "\"";
    for (char c : identifier) {
        if (c == '"') q += '"';
        q += c;
    }
    return q + "\"";
}

double readDouble(const unsigned char* p, bool little) {
    unsigned char b[8];
    std::memcpy(b, p, 8);
    constexpr bool hostLittle = std::endian::native == std::endian::little;
    if (little != hostLittle)
        for (int i = 0; i < 4; ++i) std::swap(b[i], b[7 - i]);
    double d = 0;
    std::memcpy(&d, b, 8);
    return d;
}

std::uint32_t readUint32(const unsigned char* p, bool little) {
    return little ? std::uint32_t(p[0]) | std::uint32_t(p[1]) << 8 | std::uint32_t(p[2]) << 16 | std::uint32_t(p[3]) << 24
                  : std::uint32_t(p[3]) | std::uint32_t(p[2]) << 8 | std::uint32_t(p[1]) << 16 | std::uint32_t(p[0]) << 24;
}

// A GeoPackage geometry blob (OGC 12-128r18 §2.1.3) holding a 2D/Z/M/ZM point, as OGR reads it:
// the empty flag or NaN x and y is an empty point. nullopt: not such a blob.
std::optional<GpkgPoint> decodePoint(const unsigned char* b, std::size_t n) {
    if (n < 8 || b[0] != 'G' || b[1] != 'P') return std::nullopt;
    const unsigned char flags = b[3];
    if (flags & 0x20) return std::nullopt;  // extended geometry type
    static constexpr std::size_t envelopeBytes[8] = {0, 32, 48, 48, 64, 0, 0, 0};
    const unsigned envelope = (flags >> 1) & 0x7;
    if (envelope > 4) return std::nullopt;
    std::size_t at = 8 + envelopeBytes[envelope];
    if (n < at + 5) return std::nullopt;
    const unsigned char order = b[at];
    if (order > 1) return std::nullopt;
    const bool little = order == 1;
    const std::uint32_t type = readUint32(b + at + 1, little);
    if (type != 1 && type != 1001 && type != 2001 && type != 3001) return std::nullopt;
    at += 5;
    if (n < at + 16) return std::nullopt;
    GpkgPoint p;
    p.xy = XY{readDouble(b + at, little), readDouble(b + at + 8, little)};
    p.present = !(flags & 0x10) && !(std::isnan(p.xy.x) && std::isnan(p.xy.y));
    if (!p.present) p.xy = {};
    return p;
}

struct DbCloser {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct StmtCloser {
    void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};

}  // namespace

bool readGpkgRows(const GpkgRowsRequest& rq, const std::function<void(const std::string_view* cells, const GpkgPoint& point)>& row) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(rq.path, ec)) return false;  // /vsizip/ and the like: OGR reads them
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(rq.path.c_str(), &raw, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
    std::unique_ptr<sqlite3, DbCloser> db(raw);
    if (rc != SQLITE_OK) return false;
    sqlite3_busy_timeout(db.get(), rq.lockTimeoutMs);
    // One sequential scan: pages straight from the mapped file, not copied into SQLite's cache.
    sqlite3_exec(db.get(), "PRAGMA mmap_size = 1073741824", nullptr, nullptr, nullptr);
    std::string sql = "SELECT ";
    for (std::size_t i = 0; i < rq.columns.size(); ++i) sql += (i ? ", " : "") + quoted(rq.columns[i]);
    if (!rq.geometryColumn.empty()) sql += (rq.columns.empty() ? "" : ", ") + quoted(rq.geometryColumn);
    if (rq.columns.empty() && rq.geometryColumn.empty()) sql += "1";
    sql += " FROM " + quoted(rq.table) + " ORDER BY " + (rq.fidColumn.empty() ? std::string("rowid") : quoted(rq.fidColumn));
    sqlite3_stmt* rawStmt = nullptr;
    if (sqlite3_prepare_v2(db.get(), sql.c_str(), -1, &rawStmt, nullptr) != SQLITE_OK) return false;
    std::unique_ptr<sqlite3_stmt, StmtCloser> stmt(rawStmt);
    const int nColumns = static_cast<int>(rq.columns.size());
    std::vector<std::string_view> cells(rq.columns.size());
    for (;;) {
        const int step = sqlite3_step(stmt.get());
        if (step == SQLITE_DONE) break;
        if (step != SQLITE_ROW) return false;  // locked, I/O error: OGR reads it again and says what is wrong
        for (int c = 0; c < nColumns; ++c) {
            const int type = sqlite3_column_type(stmt.get(), c);
            if (type == SQLITE_NULL) {
                cells[static_cast<std::size_t>(c)] = {};
                continue;
            }
            if (type != SQLITE_TEXT) return false;
            const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt.get(), c));
            const auto bytes = static_cast<std::size_t>(sqlite3_column_bytes(stmt.get(), c));
            const void* nul = std::memchr(text, '\0', bytes);
            cells[static_cast<std::size_t>(c)] =
                std::string_view(text, nul ? static_cast<std::size_t>(static_cast<const char*>(nul) - text) : bytes);
        }
        GpkgPoint point;
        if (!rq.geometryColumn.empty()) {
            const int type = sqlite3_column_type(stmt.get(), nColumns);
            if (type == SQLITE_BLOB) {
                const auto* blob = static_cast<const unsigned char*>(sqlite3_column_blob(stmt.get(), nColumns));
                const auto decoded = decodePoint(blob, static_cast<std::size_t>(sqlite3_column_bytes(stmt.get(), nColumns)));
                if (!decoded) return false;
                point = *decoded;
            } else if (type != SQLITE_NULL) {
                return false;
            }
        }
        row(cells.data(), point);
    }
    return true;
}

}  // namespace hongtu::geo::detail
