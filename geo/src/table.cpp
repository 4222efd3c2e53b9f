#include "hongtu/geo/table.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>

#include "hongtu/geo/datasource.hpp"
#include "hongtu/geo/names.hpp"
#include "utf8_support.hpp"

namespace hongtu::geo {

std::optional<std::size_t> Table::columnIndex(const std::string& name) const {
    const std::string want = normalizeWidthAndSpace(name);
    for (std::size_t i = 0; i < columns.size(); ++i)
        if (normalizeWidthAndSpace(columns[i]) == want) return i;
    return std::nullopt;
}

Error Table::missingColumn(const std::string& name) const {
    std::string list;
    for (const auto& c : columns) list += (list.empty() ? "" : ", ") + c;
    return Error{"there is no column '" + name + "'; the columns are: " + list, file, sheet, headerRow};
}

namespace {

// Records as they are read: the cells of each, and its 1-based starting line, side by side
// (the cells become Table::rows without another copy).
struct CsvRows {
    std::vector<std::vector<std::string>> cells;
    std::vector<std::int64_t> lines;
};

std::optional<Error> parseCsvInto(std::string_view s, char delim, CsvRows& out) {
    // One pass over the bytes: a run of plain characters (or of a quoted cell's characters) is
    // copied at once; the records and their cells are allocated once, sized by the line count
    // and the previous record. The rules are those of RFC 4180 as county offices write it: a
    // quote opens a quoted cell only as a cell's first character ("" inside it is one quote);
    // anywhere else it is a plain character.
    const auto lineCount = static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n')) + 1;
    out.cells.reserve(lineCount);
    out.lines.reserve(lineCount);
    struct Record {
        std::int64_t line = 0;
        std::vector<std::string> cells;
    } rec;
    std::string cell;
    std::int64_t line = 1;
    rec.line = 1;
    bool inQuotes = false, cellStarted = false;
    std::int64_t quoteLine = 0;
    std::size_t cellsHint = 0;  // cells of the previous record
    const char* p = s.data();
    const std::size_t n = s.size();
    std::size_t i = 0;
    const auto endCell = [&] {
        if (rec.cells.empty() && cellsHint) rec.cells.reserve(cellsHint);
        rec.cells.push_back(std::move(cell));
        cell.clear();
        cellStarted = false;
    };
    while (i < n) {
        if (inQuotes) {
            const void* q = std::memchr(p + i, '"', n - i);
            const std::size_t end = q ? static_cast<std::size_t>(static_cast<const char*>(q) - p) : n;
            line += std::count(p + i, p + end, '\n');
            cell.append(p + i, end - i);
            i = end;
            if (i >= n) break;
            if (i + 1 < n && p[i + 1] == '"') {
                cell.push_back('"');
                i += 2;
            } else {
                inQuotes = false;
                ++i;
            }
            continue;
        }
        const char c = p[i];
        if (c == '"' && !cellStarted) {
            inQuotes = true;
            cellStarted = true;
            quoteLine = line;
            ++i;
        } else if (c == delim) {
            endCell();
            ++i;
        } else if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < n && p[i + 1] == '\n') ++i;
            ++i;
            endCell();
            cellsHint = rec.cells.size();
            out.cells.push_back(std::move(rec.cells));
            out.lines.push_back(rec.line);
            rec = Record{};
            ++line;
            rec.line = line;
        } else {
            std::size_t j = i + 1;
            while (j < n && p[j] != delim && p[j] != '\r' && p[j] != '\n') ++j;
            cell.append(p + i, j - i);
            cellStarted = true;
            i = j;
        }
    }
    if (inQuotes)
        return Error{"a quoted cell that starts on line " + std::to_string(quoteLine) + " is never closed", {}, {}, quoteLine};
    if (cellStarted || !rec.cells.empty()) {
        endCell();
        out.cells.push_back(std::move(rec.cells));
        out.lines.push_back(rec.line);
    }
    return std::nullopt;
}

}  // namespace

Result<std::vector<CsvRecord>> parseCsv(const std::string& s, char delim) {
    CsvRows rows;
    if (auto e = parseCsvInto(s, delim, rows)) return *e;
    std::vector<CsvRecord> out(rows.cells.size());
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = CsvRecord{rows.lines[i], std::move(rows.cells[i])};
    return out;
}

std::string csvCell(std::string_view s) {
    std::string v(s);
    if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t' || v[0] == '\r')) {
        // A signed plain number (-12.5, +3) is data, not a formula: leave it readable as a number.
        double d = 0;
        const char* b = v.data() + (v[0] == '+' ? 1 : 0);
        auto [p, ec] = std::from_chars(b, v.data() + v.size(), d);
        const bool number = (v[0] == '-' || v[0] == '+') && v.size() > 1 && (std::isdigit(static_cast<unsigned char>(v[1])) || v[1] == '.') &&
                            ec == std::errc{} && p == v.data() + v.size();
        if (!number) v.insert(v.begin(), '\'');
    }
    if (v.find_first_of(",\"\n\r;") == std::string::npos) return v;
    std::string out = "\"";
    for (char c : v) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string xmlText(std::string_view s) {
    std::string o;
    o.reserve(s.size());
    for (char32_t cp : detail::decodeUtf8(s)) {
        switch (cp) {
            case U'&': o += "&amp;"; continue;
            case U'<': o += "&lt;"; continue;
            case U'>': o += "&gt;"; continue;
            case U'"': o += "&quot;"; continue;
            case U'\'': o += "&apos;"; continue;
            default: break;
        }
        // XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
        const bool allowed = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
                             (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
        o += detail::encodeUtf8(std::u32string(1, allowed ? cp : U'\uFFFD'));
    }
    return o;
}

namespace {

// A file mapped read-only for the time of a read (the CSV's bytes are parsed in place).
class MappedFile {
public:
    MappedFile() = default;
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;
    ~MappedFile() {
        if (data_) ::munmap(data_, size_);
    }
    bool open(const std::string& path, std::size_t size) {
        const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) return false;
        void* p = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
        ::close(fd);
        if (p == MAP_FAILED) return false;
        ::madvise(p, size, MADV_SEQUENTIAL);
        data_ = p;
        size_ = size;
        return true;
    }
    [[nodiscard]] std::string_view view() const { return {static_cast<const char*>(data_), size_}; }

private:
    void* data_ = nullptr;
    std::size_t size_ = 0;
};

std::string lowerExt(const std::string& path) {
    std::string e = std::filesystem::path(path).extension().string();
    std::transform(e.begin(), e.end(), e.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return e;
}

// Blank = only ASCII white space and ideographic spaces (U+3000); cheap, called per cell.
bool isBlank(const std::string& c) {
    for (std::size_t i = 0; i < c.size(); ++i) {
        const char ch = c[i];
        if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n') continue;
        if (c.compare(i, 3, "\xE3\x80\x80") == 0) {
            i += 2;
            continue;
        }
        return false;
    }
    return true;
}

std::size_t filled(const std::vector<std::string>& cells) {
    return static_cast<std::size_t>(std::count_if(cells.begin(), cells.end(), [](const std::string& c) { return !isBlank(c); }));
}

char detectDelimiter(std::string_view text) {
    // Count candidates on the first non-empty lines outside quotes; the most frequent wins.
    std::size_t counts[3] = {0, 0, 0};
    const char cands[3] = {',', ';', '\t'};
    bool inQuotes = false;
    int lines = 0;
    for (char c : text) {
        if (c == '"') inQuotes = !inQuotes;
        if (inQuotes) continue;
        if (c == '\n' && ++lines >= 20) break;
        for (int k = 0; k < 3; ++k)
            if (c == cands[k]) ++counts[k];
    }
    int best = 0;
    for (int k = 1; k < 3; ++k)
        if (counts[k] > counts[best]) best = k;
    return cands[best];
}

// Turns raw records into a table: finds the header row, names empty headers, pads rows,
// drops blank rows (their numbers are simply absent). The rows' cells move into the table.
Result<Table> shape(Table t, CsvRows records, int headerRow, const TableOptions& limits) {
    auto& rows = records.cells;
    const auto& lines = records.lines;
    std::size_t maxFilled = 0;
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const auto& cells = rows[r];
        if (cells.size() > limits.maxColumns)
            return Error{"this row has " + std::to_string(cells.size()) + " cells; tables with up to " +
                             std::to_string(limits.maxColumns) + " columns are read (is the delimiter right?)",
                         t.file, t.sheet, lines[r]};
        for (std::size_t c = 0; c < cells.size(); ++c)
            if (cells[c].size() > limits.maxCellBytes)
                return Error{"column " + std::to_string(c + 1) + " holds " + std::to_string(cells[c].size() / 1024) +
                                 " KB of text in one cell; cells up to " + std::to_string(limits.maxCellBytes / 1024) +
                                 " KB are read (a quote that is never closed?)",
                             t.file, t.sheet, lines[r]};
        maxFilled = std::max(maxFilled, filled(cells));
    }
    if (maxFilled == 0) return Error{"the table is empty", t.file, t.sheet, {}};
    std::size_t headerIdx = rows.size();
    if (headerRow > 0) {
        for (std::size_t i = 0; i < rows.size(); ++i)
            if (lines[i] == headerRow) headerIdx = i;
        if (headerIdx == rows.size())
            return Error{"row " + std::to_string(headerRow) + " (the header row asked for) is empty or absent", t.file, t.sheet, headerRow};
    } else {
        const std::size_t need = std::max<std::size_t>(std::min<std::size_t>(2, maxFilled), (maxFilled + 1) / 2);
        for (std::size_t i = 0; i < rows.size(); ++i)
            if (filled(rows[i]) >= need) {
                headerIdx = i;
                break;
            }
    }
    if (filled(rows[headerIdx]) == 0)
        return Error{"row " + std::to_string(lines[headerIdx]) + " (the header row asked for) is empty", t.file, t.sheet, lines[headerIdx]};
    t.headerRow = static_cast<int>(lines[headerIdx]);
    auto& header = rows[headerIdx];
    while (!header.empty() && normalizeWidthAndSpace(header.back()).empty()) header.pop_back();
    for (std::size_t c = 0; c < header.size(); ++c) {
        std::string name = header[c];
        // Trim ASCII spaces; a BOM here would mean a double-encoded file: strip it too.
        if (name.rfind("\xEF\xBB\xBF", 0) == 0) name.erase(0, 3);
        while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.pop_back();
        while (!name.empty() && (name.front() == ' ' || name.front() == '\t')) name.erase(0, 1);
        t.columns.push_back(name.empty() ? "column " + std::to_string(c + 1) : name);
    }
    std::map<std::string, std::size_t> seen;  // normalised name -> first column (was O(columns²) normalisations)
    for (std::size_t d = 0; d < t.columns.size(); ++d) {
        const auto [it, fresh] = seen.emplace(normalizeWidthAndSpace(t.columns[d]), d);
        if (!fresh)
            return Error{"the column name '" + t.columns[it->second] + "' appears twice (columns " + std::to_string(it->second + 1) +
                             " and " + std::to_string(d + 1) + "); rename one",
                         t.file, t.sheet, t.headerRow};
    }
    // The data rows move down over the header and the blank rows, in place.
    std::size_t kept = 0;
    for (std::size_t i = headerIdx + 1; i < rows.size(); ++i) {
        auto& cells = rows[i];
        if (filled(cells) == 0) continue;
        if (cells.size() > t.columns.size()) {
            bool extraFilled = false;
            for (std::size_t c = t.columns.size(); c < cells.size(); ++c) extraFilled = extraFilled || !normalizeWidthAndSpace(cells[c]).empty();
            if (extraFilled)
                return Error{"this row has " + std::to_string(cells.size()) + " cells but the header has " +
                                 std::to_string(t.columns.size()) + " columns (a stray delimiter?)",
                             t.file, t.sheet, lines[i]};
        }
        cells.resize(t.columns.size());
        records.lines[kept] = lines[i];
        if (kept != i) rows[kept] = std::move(cells);
        ++kept;
    }
    rows.resize(kept);
    records.lines.resize(kept);
    t.rows = std::move(rows);
    t.rowNumbers = std::move(records.lines);
    return t;
}

// "lines 3, 9 and 12" for the byte offsets given.
std::string linesOf(std::string_view bytes, const std::vector<std::size_t>& offsets) {
    std::vector<std::int64_t> lines;
    std::int64_t line = 1;
    std::size_t pos = 0;
    for (std::size_t off : offsets) {
        line += std::count(bytes.begin() + static_cast<std::ptrdiff_t>(pos), bytes.begin() + static_cast<std::ptrdiff_t>(off), '\n');
        pos = off;
        if (lines.empty() || lines.back() != line) lines.push_back(line);
    }
    std::string out = lines.size() == 1 ? "line " : "lines ";
    for (std::size_t i = 0; i < lines.size() && i < 10; ++i) out += (i ? ", " : "") + std::to_string(lines[i]);
    if (lines.size() > 10) out += " and " + std::to_string(lines.size() - 10) + " more";
    return out;
}

Result<Table> readCsv(const std::string& path, const TableOptions& options) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec && size > options.maxFileBytes)
        return Error{"the file has " + std::to_string(size / (1024 * 1024)) + " MB; tables up to " +
                         std::to_string(options.maxFileBytes / (1024 * 1024)) +
                         " MB are read (is this really a county table? split it or use a GeoPackage)",
                     path,
                     {},
                     {}};
    // The file's bytes: mapped (no copy), else read whole (not a character at a time).
    std::string read;
    std::string_view bytes;
    MappedFile mapped;
    if (!ec && size > 0 && mapped.open(path, static_cast<std::size_t>(size))) {
        bytes = mapped.view();
    } else {
        std::ifstream in(path, std::ios::binary);
        if (!in) return Error{"the file cannot be read", path, {}, {}};
        if (!ec) {
            read.resize(static_cast<std::size_t>(size));
            in.read(read.data(), static_cast<std::streamsize>(size));
            read.resize(static_cast<std::size_t>(in.gcount()));
            if (in.gcount() == static_cast<std::streamsize>(size)) read.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        } else {
            read.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        }
        bytes = read;
    }
    Table t;
    t.file = path;
    t.sheet = std::filesystem::path(path).stem().string();
    if (const auto nul = bytes.find('\0'); nul != std::string::npos)
        return Error{"this is not a text table: byte " + std::to_string(nul) +
                         " is a NUL (a binary file, or UTF-16 text; save it from Excel/WPS as \"CSV UTF-8\")",
                     path,
                     t.sheet,
                     {}};
    constexpr std::string_view bom = "\xEF\xBB\xBF";
    const bool startsWithBom = bytes.substr(0, 3) == bom;
    std::string_view utf8;  // the text to parse: a view into `bytes`, or into `converted`
    std::string converted;
    if (!options.encoding && isValidUtf8(bytes.substr(startsWithBom ? 3 : 0))) {
        // What most files are: valid UTF-8, checked once and parsed in place. detectEncoding
        // says the same of such bytes; toUtf8 would drop the BOM (and a second one) and copy.
        const Encoding enc = startsWithBom ? Encoding::Utf8Bom : Encoding::Utf8;
        t.encoding = encodingName(enc);
        utf8 = bytes;
        if (startsWithBom) utf8.remove_prefix(3);
        if (startsWithBom && utf8.substr(0, 3) == bom) utf8.remove_prefix(3);
    } else {
        const Encoding enc = options.encoding.value_or(detectEncoding(bytes));
        t.encoding = encodingName(enc);
        t.encodingDetected = !options.encoding.has_value();
        Result<std::string> text = std::string();
        if (enc != Encoding::Gb18030 && !options.encoding && !isValidUtf8(bytes.substr(enc == Encoding::Utf8Bom ? 3 : 0))) {
            // UTF-8 with a few broken bytes: decode the rest, show the broken bytes as \uFFFD and say where.
            auto repaired = repairUtf8(bytes.substr(enc == Encoding::Utf8Bom ? 3 : 0));
            auto offsets = repaired.badOffsets;
            if (enc == Encoding::Utf8Bom)
                for (auto& o : offsets) o += 3;
            t.encoding += "; " + std::to_string(offsets.size()) + " byte" + (offsets.size() == 1 ? "" : "s") +
                          " that are not UTF-8 shown as \xEF\xBF\xBD on " + linesOf(bytes, offsets);
            text = std::move(repaired.text);
        } else {
            text = toUtf8(bytes, enc);
        }
        if (!text && t.encodingDetected)
            return Error{"this is not a text table: " + text.error().message +
                             ", and it is not UTF-8 either (a binary file, or a spreadsheet saved under a .csv name?)",
                         path,
                         t.sheet,
                         {}};
        if (!text) return Error{text.error().message, path, t.sheet, {}};
        converted = std::move(*text);
        utf8 = converted;
    }
    CsvRows records;
    if (auto e = parseCsvInto(utf8, detectDelimiter(utf8), records)) {
        e->file = path;
        e->layer = t.sheet;
        return *e;
    }
    return shape(std::move(t), std::move(records), options.headerRow, options);
}

Result<Table> readWithGdal(const std::string& path, const TableOptions& options, bool spreadsheet) {
    OpenOptions oo;
    oo.allText = true;
    oo.firstRowIsHeader = false;  // we find the header row ourselves (titles above it are common)
    if (!spreadsheet && options.encoding)
        oo.shapefileEncoding = *options.encoding == Encoding::Gb18030 ? "GB18030" : "UTF-8";
    auto ds = DataSource::open(path, oo);
    if (!ds) return ds.error();
    const auto layers = ds->layers();
    if (layers.empty()) return Error{"the file holds no sheet or table", path, {}, {}};
    std::string sheet = options.sheet.empty() ? layers.front().name : options.sheet;
    if (std::none_of(layers.begin(), layers.end(), [&](const LayerInfo& l) { return l.name == sheet; })) {
        std::string names;
        for (const auto& l : layers) names += (names.empty() ? "" : ", ") + l.name;
        return Error{"there is no sheet '" + sheet + "'; the sheets are: " + names, path, {}, {}};
    }
    auto layer = ds->readLayer(sheet);
    if (!layer) return layer.error();
    Table t;
    t.file = path;
    t.sheet = sheet;
    t.encoding = spreadsheet                   ? "UTF-8 (spreadsheet)"
                 : options.encoding            ? encodingName(*options.encoding)
                 : !ds->encodingNote().empty() ? ds->encodingNote().substr(0, ds->encodingNote().find(' ')) + ", no .cpg file"
                                               : "from .cpg / DBF header";
    t.encodingDetected = !options.encoding.has_value();
    CsvRows records;
    if (!spreadsheet) {
        // DBF: field names are the header; record numbers are the rows.
        std::vector<std::string> header;
        for (const auto& f : layer->fields) header.push_back(f.name);
        records.cells.push_back(std::move(header));
        records.lines.push_back(0);
    }
    for (const auto& f : layer->features) {
        std::vector<std::string> cells;
        for (const auto& v : f.values) cells.push_back(toText(v));
        records.cells.push_back(std::move(cells));
        // XLSX/ODS feature ids are sheet row numbers; DBF record n is shown as row n.
        records.lines.push_back(spreadsheet ? f.fid : f.fid + 1);
    }
    return shape(std::move(t), std::move(records), spreadsheet ? options.headerRow : 0, options);
}

}  // namespace

Result<Table> readTable(const std::string& path, const TableOptions& options) {
    if (!std::filesystem::exists(path)) return Error{"the file does not exist", path, {}, {}};
    const std::string ext = lowerExt(path);
    if (ext == ".csv" || ext == ".txt" || ext == ".tsv") return readCsv(path, options);
    if (ext == ".xlsx" || ext == ".ods") return readWithGdal(path, options, true);
    if (ext == ".dbf" || ext == ".shp") return readWithGdal(path, options, false);
    if (ext == ".xls")
        return Error{"old Excel .xls files cannot be read; save the sheet as .xlsx or CSV in Excel/WPS", path, {}, {}};
    return Error{"unknown table format '" + ext + "' (use CSV, XLSX, ODS or DBF)", path, {}, {}};
}

}  // namespace hongtu::geo
