#pragma once
// Text encodings of tables sent by county offices: UTF-8, UTF-8 with a BOM (Excel's "CSV
// UTF-8"), and GB18030/GBK (Excel's plain "CSV" on a Chinese Windows).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hongtu/geo/result.hpp"

namespace hongtu::geo {

enum class Encoding { Utf8,
                      Utf8Bom,
                      Gb18030 };

[[nodiscard]] const char* encodingName(Encoding e);  // "UTF-8", "UTF-8 (BOM)", "GB18030"
// Accepts "utf-8", "utf8", "utf-8-bom", "gbk", "gb2312", "gb18030", "cp936" (any case).
[[nodiscard]] Result<Encoding> parseEncodingName(const std::string& name);

// BOM first, then UTF-8, else GB18030 (a superset of GBK and GB2312). Text that is UTF-8 except
// for a few broken bytes (at least 20 good multi-byte characters per broken byte) is UTF-8: use
// repairUtf8 to decode it and name the damaged places. Never fails: the conversion tells
// whether GB18030 really fits.
[[nodiscard]] Encoding detectEncoding(std::string_view bytes);

// UTF-8 with every byte that breaks it replaced by U+FFFD, and the byte offsets of those bytes.
struct Utf8Repair {
    std::string text;
    std::vector<std::size_t> badOffsets;
};
[[nodiscard]] Utf8Repair repairUtf8(std::string_view bytes);

[[nodiscard]] bool isValidUtf8(std::string_view bytes);

// The encoding of a DBF file's text (the attribute table of a shapefile) read from its bytes:
// the same detector as for CSV, run over the text fields of up to the first 1 MB of records.
// nullopt when the text is plain ASCII (any encoding reads it), or the file is no DBF.
// Used when a shapefile has no .cpg: GDAL then reads GBK bytes as if they were Latin-1.
[[nodiscard]] std::optional<Encoding> detectDbfEncoding(const std::string& dbfPath);

// Converts to UTF-8 without BOM. The error says at which byte offset decoding failed.
[[nodiscard]] Result<std::string> toUtf8(std::string_view bytes, Encoding from);

// UTF-8 to GB18030 (for tests and for writing files that old Excel versions open).
[[nodiscard]] Result<std::string> utf8ToGb18030(std::string_view utf8);

}  // namespace hongtu::geo
