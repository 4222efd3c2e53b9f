#include "hongtu/geo/encoding.hpp"
#include "hongtu/geo/text.hpp"

#include <iconv.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdint>
#include <fstream>
#include <memory>
#include <vector>

namespace hongtu::geo {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

struct IconvCloser {
    void operator()(iconv_t* cd) const {
        iconv_close(*cd);
        delete cd;
    }
};

Result<std::string> convert(std::string_view in, const char* from, const char* to) {
    iconv_t raw = iconv_open(to, from);
    if (raw == reinterpret_cast<iconv_t>(-1))
        return Error{std::string("this system cannot convert ") + from + " to " + to, {}, {}, {}};
    std::unique_ptr<iconv_t, IconvCloser> cd(new iconv_t(raw));
    std::string out;
    out.resize(in.size() * 2 + 16);
    char* inPtr = const_cast<char*>(in.data());
    std::size_t inLeft = in.size();
    char* outPtr = out.data();
    std::size_t outLeft = out.size();
    while (inLeft > 0) {
        if (iconv(*cd, &inPtr, &inLeft, &outPtr, &outLeft) != static_cast<std::size_t>(-1)) continue;
        if (errno == E2BIG) {
            const std::size_t used = static_cast<std::size_t>(outPtr - out.data());
            out.resize(out.size() * 2);
            outPtr = out.data() + used;
            outLeft = out.size() - used;
            continue;
        }
        const auto offset = static_cast<std::size_t>(inPtr - in.data());
        return Error{std::string("the text is not valid ") + from + " at byte " + std::to_string(offset), {}, {}, {}};
    }
    out.resize(static_cast<std::size_t>(outPtr - out.data()));
    return out;
}

}  // namespace

const char* encodingName(Encoding e) {
    switch (e) {
        case Encoding::Utf8: return "UTF-8";
        case Encoding::Utf8Bom: return "UTF-8 (BOM)";
        case Encoding::Gb18030: return "GB18030";
    }
    return "";
}

Result<Encoding> parseEncodingName(const std::string& name) {
    const std::string n = lowerAscii(name);
    if (n == "utf-8" || n == "utf8") return Encoding::Utf8;
    if (n == "utf-8-bom" || n == "utf8-bom" || n == "utf-8-sig") return Encoding::Utf8Bom;
    if (n == "gbk" || n == "gb2312" || n == "gb18030" || n == "cp936" || n == "936") return Encoding::Gb18030;
    return Error{"unknown encoding '" + name + "' (use utf-8, utf-8-bom or gb18030)", {}, {}, {}};
}

namespace {
// Offset of the first byte that is not part of a valid UTF-8 sequence, or npos.
std::size_t firstInvalidUtf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t n = 0;
        std::uint32_t cp = 0;
        if (c < 0x80) {
            ++i;
            continue;
        }
        if ((c & 0xE0) == 0xC0) {
            n = 1;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            n = 2;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            n = 3;
            cp = c & 0x07;
        } else return i;
        for (std::size_t k = 1; k <= n; ++k) {
            if (i + k >= s.size()) return i;
            const auto cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xC0) != 0x80) return i;
            cp = (cp << 6) | (cc & 0x3F);
        }
        // Overlong forms, surrogates and out-of-range values are not UTF-8.
        if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10FFFF ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += n + 1;
    }
    return std::string_view::npos;
}
}  // namespace

bool isValidUtf8(std::string_view s) { return firstInvalidUtf8(s) == std::string_view::npos; }

Encoding detectEncoding(std::string_view bytes) {
    if (bytes.substr(0, 3) == kBom) return Encoding::Utf8Bom;
    // Count well-formed multi-byte UTF-8 characters and bytes that break UTF-8. GBK/GB18030
    // Chinese breaks UTF-8 at nearly every character; a UTF-8 file damaged by a stray byte or a
    // cut-off character has a few breaks among many good characters. One stray byte used to make
    // the whole file decode as GB18030, which turns UTF-8 Chinese into different Chinese.
    std::size_t good = 0, bad = 0, i = 0;
    while (i < bytes.size()) {
        if (static_cast<unsigned char>(bytes[i]) < 0x80) {
            ++i;
            continue;
        }
        const auto off = firstInvalidUtf8(bytes.substr(i, 4));
        if (off == 0) {
            ++bad;
            ++i;
            continue;
        }
        const auto c = static_cast<unsigned char>(bytes[i]);
        const std::size_t n = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3
                                                                          : 4;
        ++good;
        i += n;
    }
    if (bad == 0 || good >= 20 * bad) return Encoding::Utf8;
    return Encoding::Gb18030;
}

Utf8Repair repairUtf8(std::string_view bytes) {
    Utf8Repair r;
    r.text.reserve(bytes.size());
    std::size_t i = 0;
    while (i < bytes.size()) {
        const auto bad = firstInvalidUtf8(bytes.substr(i));
        if (bad == std::string_view::npos) {
            r.text.append(bytes.substr(i));
            break;
        }
        r.text.append(bytes.substr(i, bad));
        r.text += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER, one per broken byte
        r.badOffsets.push_back(i + bad);
        i += bad + 1;
    }
    return r;
}

Result<std::string> toUtf8(std::string_view bytes, Encoding from) {
    switch (from) {
        case Encoding::Utf8Bom:
            if (bytes.substr(0, 3) == kBom) bytes.remove_prefix(3);
            [[fallthrough]];
        case Encoding::Utf8:
            if (bytes.substr(0, 3) == kBom) bytes.remove_prefix(3);  // a BOM nobody announced
            if (const auto bad = firstInvalidUtf8(bytes); bad != std::string_view::npos) {
                return Error{"the text is not valid UTF-8 at byte " + std::to_string(bad) +
                                 " (is the file GBK/GB18030? choose that encoding)",
                             {},
                             {},
                             {}};
            }
            return std::string(bytes);
        case Encoding::Gb18030: return convert(bytes, "GB18030", "UTF-8");
    }
    return std::string(bytes);
}

std::optional<Encoding> detectDbfEncoding(const std::string& dbfPath) {
    std::ifstream in(dbfPath, std::ios::binary);
    if (!in) return std::nullopt;
    unsigned char head[32];
    if (!in.read(reinterpret_cast<char*>(head), sizeof head)) return std::nullopt;
    const std::size_t headerSize = head[8] | (head[9] << 8);
    const std::size_t recordSize = head[10] | (head[11] << 8);
    if (headerSize < 33 || recordSize < 1) return std::nullopt;
    // Field descriptors: 32 bytes each until 0x0D; type 'C' is text.
    struct TextField {
        std::size_t offset, length;
    };
    std::vector<TextField> fields;
    std::size_t offset = 1;  // byte 0 of a record is the deletion flag
    for (std::size_t pos = 32; pos + 32 <= headerSize; pos += 32) {
        unsigned char d[32];
        if (!in.read(reinterpret_cast<char*>(d), 1)) return std::nullopt;
        if (d[0] == 0x0D) break;
        if (!in.read(reinterpret_cast<char*>(d) + 1, 31)) return std::nullopt;
        const std::size_t length = d[16];
        if (d[11] == 'C' && offset + length <= recordSize) fields.push_back({offset, length});
        offset += length;
    }
    if (fields.empty()) return std::nullopt;
    in.clear();
    in.seekg(static_cast<std::streamoff>(headerSize));
    std::string text, record(recordSize, '\0');
    while (text.size() < 1024 * 1024 && in.read(record.data(), static_cast<std::streamsize>(recordSize))) {
        for (const auto& f : fields) {
            std::string_view cell(record.data() + f.offset, f.length);
            while (!cell.empty() && (cell.back() == ' ' || cell.back() == '\0')) cell.remove_suffix(1);
            text.append(cell);
            text.push_back('\n');
        }
    }
    if (std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) return std::nullopt;
    return detectEncoding(text);
}

Result<std::string> utf8ToGb18030(std::string_view utf8) { return convert(utf8, "UTF-8", "GB18030"); }

}  // namespace hongtu::geo
