#include "hongtu/geo/table.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "hongtu/geo/datasource.hpp"
#include "hongtu/geo/names.hpp"

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

Result<std::vector<CsvRecord>> parseCsv(const std::string& s, char delim) {
    std::vector<CsvRecord> out;
    CsvRecord rec;
    std::string cell;
    std::int64_t line = 1;
    rec.line = 1;
    bool inQuotes = false, cellStarted = false;
    std::int64_t quoteLine = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (inQuotes) {
            if (c == '"') {
                if (i + 1 < s.size() && s[i + 1] == '"') {
                    cell.push_back('"');
                    ++i;
                } else {
                    inQuotes = false;
                }
            } else {
                if (c == '\n') ++line;
                cell.push_back(c);
            }
            continue;
        }
        if (c == '"' && !cellStarted) {
            inQuotes = true;
            cellStarted = true;
            quoteLine = line;
        } else if (c == delim) {
            rec.cells.push_back(std::move(cell));
            cell.clear();
            cellStarted = false;
        } else if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ++i;
            rec.cells.push_back(std::move(cell));
            cell.clear();
            cellStarted = false;
            out.push_back(std::move(rec));
            rec = CsvRecord{};
            ++line;
            rec.line = line;
        } else {
            cell.push_back(c);
            cellStarted = true;
        }
    }
    if (inQuotes)
        return Error{"a quoted cell that starts on line " + std::to_string(quoteLine) + " is never closed", {}, {}, quoteLine};
    if (cellStarted || !rec.cells.empty()) {
        rec.cells.push_back(std::move(cell));
        out.push_back(std::move(rec));
    }
    return out;
}

namespace {

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

char detectDelimiter(const std::string& text) {
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
// drops blank rows (their numbers are simply absent).
Result<Table> shape(Table t, std::vector<CsvRecord> records, int headerRow) {
    std::size_t maxFilled = 0;
    for (const auto& r : records) maxFilled = std::max(maxFilled, filled(r.cells));
    if (maxFilled == 0) return Error{"the table is empty", t.file, t.sheet, {}};
    std::size_t headerIdx = records.size();
    if (headerRow > 0) {
        for (std::size_t i = 0; i < records.size(); ++i)
            if (records[i].line == headerRow) headerIdx = i;
        if (headerIdx == records.size())
            return Error{"row " + std::to_string(headerRow) + " (the header row asked for) is empty or absent", t.file, t.sheet, headerRow};
    } else {
        const std::size_t need = std::max<std::size_t>(std::min<std::size_t>(2, maxFilled), (maxFilled + 1) / 2);
        for (std::size_t i = 0; i < records.size(); ++i)
            if (filled(records[i].cells) >= need) { headerIdx = i; break; }
    }
    if (filled(records[headerIdx].cells) == 0)
        return Error{"row " + std::to_string(records[headerIdx].line) + " (the header row asked for) is empty", t.file, t.sheet,
                     records[headerIdx].line};
    t.headerRow = static_cast<int>(records[headerIdx].line);
    auto& header = records[headerIdx].cells;
    while (!header.empty() && normalizeWidthAndSpace(header.back()).empty()) header.pop_back();
    for (std::size_t c = 0; c < header.size(); ++c) {
        std::string name = header[c];
        // Trim ASCII spaces; a BOM here would mean a double-encoded file: strip it too.
        if (name.rfind("\xEF\xBB\xBF", 0) == 0) name.erase(0, 3);
        while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.pop_back();
        while (!name.empty() && (name.front() == ' ' || name.front() == '\t')) name.erase(0, 1);
        t.columns.push_back(name.empty() ? "column " + std::to_string(c + 1) : name);
    }
    for (std::size_t c = 0; c < t.columns.size(); ++c)
        for (std::size_t d = c + 1; d < t.columns.size(); ++d)
            if (normalizeWidthAndSpace(t.columns[c]) == normalizeWidthAndSpace(t.columns[d]))
                return Error{"the column name '" + t.columns[c] + "' appears twice (columns " + std::to_string(c + 1) + " and " +
                                 std::to_string(d + 1) + "); rename one",
                             t.file, t.sheet, t.headerRow};
    for (std::size_t i = headerIdx + 1; i < records.size(); ++i) {
        auto& cells = records[i].cells;
        if (filled(cells) == 0) continue;
        if (cells.size() > t.columns.size()) {
            bool extraFilled = false;
            for (std::size_t c = t.columns.size(); c < cells.size(); ++c) extraFilled = extraFilled || !normalizeWidthAndSpace(cells[c]).empty();
            if (extraFilled)
                return Error{"this row has " + std::to_string(cells.size()) + " cells but the header has " +
                                 std::to_string(t.columns.size()) + " columns (a stray delimiter?)",
                             t.file, t.sheet, records[i].line};
        }
        cells.resize(t.columns.size());
        t.rows.push_back(std::move(cells));
        t.rowNumbers.push_back(records[i].line);
    }
    return t;
}

Result<Table> readCsv(const std::string& path, const TableOptions& options) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Error{"the file cannot be read", path, {}, {}};
    std::stringstream buf;
    buf << in.rdbuf();
    const std::string bytes = buf.str();
    Table t;
    t.file = path;
    t.sheet = std::filesystem::path(path).stem().string();
    const Encoding enc = options.encoding.value_or(detectEncoding(bytes));
    t.encoding = encodingName(enc);
    t.encodingDetected = !options.encoding.has_value();
    auto text = toUtf8(bytes, enc);
    if (!text) return Error{text.error().message, path, t.sheet, {}};
    auto records = parseCsv(*text, detectDelimiter(*text));
    if (!records) {
        Error e = records.error();
        e.file = path;
        e.layer = t.sheet;
        return e;
    }
    return shape(std::move(t), std::move(*records), options.headerRow);
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
    t.encoding = spreadsheet ? "UTF-8 (spreadsheet)" : (options.encoding ? encodingName(*options.encoding) : "from .cpg / DBF header");
    t.encodingDetected = !options.encoding.has_value();
    std::vector<CsvRecord> records;
    if (!spreadsheet) {
        // DBF: field names are the header; record numbers are the rows.
        CsvRecord header{0, {}};
        for (const auto& f : layer->fields) header.cells.push_back(f.name);
        records.push_back(std::move(header));
    }
    for (const auto& f : layer->features) {
        CsvRecord r;
        // XLSX/ODS feature ids are sheet row numbers; DBF record n is shown as row n.
        r.line = spreadsheet ? f.fid : f.fid + 1;
        for (const auto& v : f.values) r.cells.push_back(toText(v));
        records.push_back(std::move(r));
    }
    return shape(std::move(t), std::move(records), spreadsheet ? options.headerRow : 0);
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
