#pragma once
// Minimal CSV reading and writing for the generator's inputs and the office tables.

#include <cstdint>
#include <string>
#include <vector>

#include "hongtu/geo/result.hpp"

namespace hongtu::datagen {

using CsvRow = std::vector<std::string>;

// Splits one CSV line (RFC 4180 quoting; no line breaks inside fields).
[[nodiscard]] CsvRow parseCsvLine(const std::string& line);

struct CsvTable {
    CsvRow header;
    std::vector<CsvRow> rows;
    std::vector<std::int64_t> lines;  // 1-based line number of each row, for messages
};

// Reads a CSV file. Lines starting with '#' are comments. When `keepPrefix` is not empty,
// only data lines starting with it are kept (a cheap filter for the 37 MB villages.csv).
// Every row must have as many fields as the header; the error names file and line.
[[nodiscard]] geo::Result<CsvTable> readCsv(const std::string& path, const std::string& keepPrefix = {});

// Index of `name` in the header, or an error naming the file.
[[nodiscard]] geo::Result<std::size_t> column(const CsvTable& t, const std::string& name, const std::string& path);

// One field as Excel writes it: quoted only when needed.
[[nodiscard]] std::string csvField(const std::string& s);

// Writes rows as Excel's "CSV UTF-8" does: UTF-8 BOM, comma separators, CRLF line ends.
[[nodiscard]] geo::Status writeExcelCsv(const std::string& path, const CsvRow& header, const std::vector<CsvRow>& rows);

// Writes `content` to `path` through a temporary file renamed at the end.
[[nodiscard]] geo::Status writeFileAtomically(const std::string& path, const std::string& content);

}  // namespace hongtu::datagen
