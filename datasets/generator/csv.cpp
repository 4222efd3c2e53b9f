#include "generator/csv.hpp"

#include <filesystem>
#include <fstream>

namespace hongtu::datagen {

CsvRow parseCsvLine(const std::string& line) {
    CsvRow out;
    std::string field;
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < line.size() && line[i + 1] == '"') {
                    field += '"';
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            out.push_back(std::move(field));
            field.clear();
        } else {
            field += c;
        }
    }
    out.push_back(std::move(field));
    return out;
}

geo::Result<CsvTable> readCsv(const std::string& path, const std::string& keepPrefix) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return geo::Error{"cannot open the file for reading", path, {}, {}};
    CsvTable t;
    std::string line;
    std::int64_t lineNo = 0;
    bool haveHeader = false;
    while (std::getline(in, line)) {
        ++lineNo;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (lineNo == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
        if (line.empty() || line[0] == '#') continue;
        if (!haveHeader) {
            t.header = parseCsvLine(line);
            haveHeader = true;
            continue;
        }
        if (!keepPrefix.empty() && line.rfind(keepPrefix, 0) != 0) continue;
        auto row = parseCsvLine(line);
        if (row.size() != t.header.size())
            return geo::Error{"expected " + std::to_string(t.header.size()) + " fields but found " +
                                  std::to_string(row.size()),
                              path,
                              {},
                              lineNo};
        t.rows.push_back(std::move(row));
        t.lines.push_back(lineNo);
    }
    if (!haveHeader) return geo::Error{"the file has no header line", path, {}, {}};
    return t;
}

geo::Result<std::size_t> column(const CsvTable& t, const std::string& name, const std::string& path) {
    for (std::size_t i = 0; i < t.header.size(); ++i)
        if (t.header[i] == name) return i;
    return geo::Error{"the column '" + name + "' is missing", path, {}, 1};
}

std::string csvField(const std::string& s) {
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

geo::Status writeExcelCsv(const std::string& path, const CsvRow& header, const std::vector<CsvRow>& rows) {
    std::string text = "\xEF\xBB\xBF";
    auto add = [&text](const CsvRow& r) {
        for (std::size_t i = 0; i < r.size(); ++i) {
            if (i) text += ',';
            text += csvField(r[i]);
        }
        text += "\r\n";
    };
    add(header);
    for (const auto& r : rows) add(r);
    return writeFileAtomically(path, text);
}

geo::Status writeFileAtomically(const std::string& path, const std::string& content) {
    namespace fs = std::filesystem;
    const fs::path target(path);
    const fs::path tmp = target.parent_path() / (".~" + target.filename().string() + ".tmp");
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) return geo::Error{"cannot create the file", tmp.string(), {}, {}};
        out.write(content.data(), static_cast<std::streamsize>(content.size()));
        out.close();
        if (!out) return geo::Error{"writing failed (disk full?)", tmp.string(), {}, {}};
    }
    std::error_code ec;
    fs::rename(tmp, target, ec);
    if (ec) {
        fs::remove(tmp, ec);
        return geo::Error{"cannot replace the file: " + ec.message(), path, {}, {}};
    }
    return geo::Done{};
}

}  // namespace hongtu::datagen
