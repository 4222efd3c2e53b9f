#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include <unistd.h>

#include "entries.hpp"
#include "hongtu/geo/codes.hpp"
#include "hongtu/geo/dates.hpp"
#include "hongtu/geo/encoding.hpp"
#include "hongtu/geo/names.hpp"
#include "hongtu/geo/route/route.hpp"
#include "hongtu/geo/table.hpp"

namespace hongtu::fuzz {

bool throwOnBroken = false;

void broken(const char* what, const std::string& detail) {
    if (throwOnBroken) throw BrokenProperty{std::string(what) + " (" + detail + ")"};
    std::fprintf(stderr, "fuzz: property broken: %s (%s)\n", what, detail.c_str());
    std::abort();
}

namespace {

std::string_view view(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

// The bytes as a file (one per process, rewritten each run) for the readers that take a path;
// removed when the process ends.
std::string scratchFile(const char* ext, std::string_view bytes) {
    static struct Cleanup {
        std::vector<std::string> paths;
        ~Cleanup() {
            std::error_code ec;
            for (const auto& p : paths) std::filesystem::remove(p, ec);
        }
    } cleanup;
    const std::string path = (std::filesystem::temp_directory_path() / ("hongtu_fuzz_" + std::to_string(::getpid()) + ext)).string();
    if (std::find(cleanup.paths.begin(), cleanup.paths.end(), path) == cleanup.paths.end()) cleanup.paths.push_back(path);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    return out ? path : std::string();
}

bool xmlSafe(std::string_view s) {
    for (unsigned char c : s)
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return false;
    return geo::isValidUtf8(s);
}

}  // namespace

int csvReader(const std::uint8_t* data, std::size_t size) {
    const auto bytes = view(data, size);
    const auto enc = geo::detectEncoding(bytes);
    auto text = geo::toUtf8(bytes, enc);
    if (!text) return 0;
    if (!geo::isValidUtf8(*text)) broken("toUtf8 gives UTF-8", geo::encodingName(enc));
    for (char delim : {',', ';', '\t'}) {
        auto records = geo::parseCsv(*text, delim);
        if (!records) continue;
        std::int64_t last = 0;
        for (const auto& r : *records) {
            if (r.line <= last) broken("CSV record lines increase", std::to_string(r.line));
            last = r.line;
        }
    }
    // The whole reader on a file (limits, NUL refusal, damaged UTF-8, header detection, shape).
    if (const auto path = scratchFile(".csv", bytes); !path.empty()) {
        auto table = geo::readTable(path);
        if (table) {
            if (table->rows.size() != table->rowNumbers.size()) broken("one row number per row", path);
            for (const auto& row : table->rows)
                if (row.size() != table->columns.size()) broken("every row has a cell per column", path);
            if (!geo::isValidUtf8(table->encoding)) broken("the encoding line is UTF-8", table->encoding);
        } else if (table.error().message.empty()) {
            broken("a refused table says why", path);
        }
    }
    // Any cell written by the report writers reads back as the same text (plus the apostrophe
    // that neutralises a formula), and is never a formula.
    const std::string cell = *text;
    const std::string written = geo::csvCell(cell);
    if (!written.empty() && (written[0] == '=' || written[0] == '+' || written[0] == '-' || written[0] == '@')) {
        // Only a plain signed number (-12.5, +9) may start like a formula.
        double d = 0;
        const char* b = written.data() + 1;
        auto [p, ec] = std::from_chars(b, written.data() + written.size(), d);
        const bool number = written.size() > 1 && (std::isdigit(static_cast<unsigned char>(*b)) || *b == '.') &&
                            ec == std::errc{} && p == written.data() + written.size();
        if (!number) broken("csvCell neutralises formulas", written);
    }
    auto back = geo::parseCsv(written, ',');
    if (!back) broken("csvCell output parses", back.error().message);
    std::string joined;
    if (!back->empty()) {
        const auto& cells = back->front().cells;
        if (back->size() != 1 || cells.size() != 1) {
            if (!cell.empty()) broken("csvCell gives one cell", written);
        } else {
            joined = cells.front();
        }
    }
    if (joined != cell && joined != "'" + cell) broken("csvCell round trip", written);
    const std::string xml = geo::xmlText(cell);
    if (!xmlSafe(xml)) broken("xmlText gives XML characters only", xml);
    return 0;
}

int encodingDetector(const std::uint8_t* data, std::size_t size) {
    const auto bytes = view(data, size);
    if (const auto path = scratchFile(".dbf", bytes); !path.empty()) (void)geo::detectDbfEncoding(path);  // any bytes as a DBF
    const auto enc = geo::detectEncoding(bytes);
    const bool utf8 = geo::isValidUtf8(bytes);
    for (auto from : {geo::Encoding::Utf8, geo::Encoding::Utf8Bom, geo::Encoding::Gb18030}) {
        auto t = geo::toUtf8(bytes, from);
        if (t && !geo::isValidUtf8(*t)) broken("toUtf8 output is UTF-8", geo::encodingName(from));
    }
    if (utf8 && enc == geo::Encoding::Gb18030) broken("valid UTF-8 is never detected as GB18030", {});
    if (utf8 && bytes.find('\0') == std::string_view::npos) {
        auto gb = geo::utf8ToGb18030(bytes);
        if (gb) {
            auto back = geo::toUtf8(*gb, geo::Encoding::Gb18030);
            if (!back) broken("GB18030 round trip decodes", back.error().message);
            if (*back != bytes) broken("GB18030 round trip gives the same text", *back);
        }
    }
    return 0;
}

int dateParser(const std::uint8_t* data, std::size_t size) {
    const auto text = view(data, size);
    for (bool serial : {true, false}) {
        const auto d = geo::parseFlexibleDate(text, serial);
        if (!d) continue;
        const auto again = geo::Date::parseIso(d->iso());
        if (!again || *again != *d) broken("a parsed date is a valid calendar date", d->iso());
        if (!serial && geo::parseFlexibleDate(text, true) != d) broken("allowing serials changes no other date", d->iso());
    }
    return 0;
}

int codesAndNames(const std::uint8_t* data, std::size_t size) {
    const auto text = view(data, size);
    for (auto level : {geo::AdminLevel::County, geo::AdminLevel::Township, geo::AdminLevel::Village}) {
        const auto c = geo::checkCode(text, level);
        if (c.ok() && c.code.size() != geo::codeLength(level)) broken("a valid code has its level's length", c.code);
        if (c.ok()) (void)geo::countyOf(c.code);
    }
    const auto norm = geo::normalizeWidthAndSpace(text);
    if (!geo::isValidUtf8(norm)) broken("normalised names are UTF-8", norm);
    (void)geo::normalizeVillageName(text);
    (void)geo::normalizeTownshipName(text);
    (void)geo::countyNameAliases(text);
    const auto half = text.substr(0, text.size() / 2), rest = text.substr(text.size() / 2);
    const auto d = geo::editDistance(half, rest);
    if (geo::editDistance(half, half) != 0) broken("editDistance(a, a) == 0", std::string(half));
    if (d > std::max(geo::codePointCount(half), geo::codePointCount(rest))) broken("editDistance bounded by the longer", {});
    return 0;
}

int routeHours(const std::uint8_t* data, std::size_t size) {
    const auto text = view(data, size);
    auto h = geo::route::OpeningHours::parse(text);
    if (!h) {
        if (h.error().message.empty()) broken("a refused opening-hours text says why", std::string(text));
        return 0;
    }
    for (int day = 0; day < 7; ++day) {
        for (const auto& w : h->week[static_cast<std::size_t>(day)])
            if (!(w.open >= 0 && w.open < w.close && w.close <= 24 * 60)) broken("time windows lie within a day", h->windowsText(day));
        (void)h->windowsText(day);
    }
    return 0;
}

std::vector<Target> geoTargets() {
    return {{"csv", csvReader}, {"encoding", encodingDetector}, {"dates", dateParser}, {"codes_names", codesAndNames}, {"route_hours", routeHours}};
}

}  // namespace hongtu::fuzz
