#pragma once
// Writes a painted page to a file: PNG (exact pixel size for the DPI, pHYs written), PDF
// (vector, fonts embedded, title/creator metadata), SVG (text as <text>) or TIFF. Every
// write goes to a temporary file that replaces the target only when complete.

#include <QPdfWriter>

#include <string>

#include "export/layout.hpp"
#include "export/page_context.hpp"
#include "export/page_painter.hpp"
#include "export/png_encoder.hpp"
#include "hongtu/geo/result.hpp"

namespace hongtu::exporting {

enum class PageFormat { Png,
                        Pdf,
                        Svg,
                        Tiff };

// From a name ("png", "pdf", "svg", "tiff") or a file's extension.
[[nodiscard]] geo::Result<PageFormat> formatFromName(const std::string& name);
[[nodiscard]] geo::Result<PageFormat> formatFromPath(const std::string& path);
[[nodiscard]] const char* formatExtension(PageFormat format);

struct PageMetadata {
    std::string title;   // PDF/SVG title, e.g. "兴县村级组织建设简报"
    std::string author;  // PDF XMP dc:creator
    std::string creator = "宏图 Hongtu";
};

// Sets up a PDF writer for pages of `layout`: its DPI, its paper, no margins, the title and
// the creator (writePage adds XMP metadata; the route sheet writes several pages into one).
void preparePdfWriter(QPdfWriter& writer, const PageLayout& layout, const PageMetadata& metadata);

// Size presets (CLI --preset, the export dialog): the DPI and how PNG pages are compressed.
//   email  150 dpi, deflate level 6, at most 256 colours (the page's most frequent; antialiased
//          edges take the nearest): an A4 page of a few hundred KB, to mail or send on a phone
//   print  300 dpi, deflate level 3: the default of the built-in templates
//   press  600 dpi, deflate level 6: for a print shop
enum class SizePreset { Email,
                        Print,
                        Press };
[[nodiscard]] geo::Result<SizePreset> presetFromName(const std::string& name);
[[nodiscard]] const char* presetName(SizePreset preset);
[[nodiscard]] double presetDpi(SizePreset preset);

struct WriteOptions {
    PngOptions png;
};
[[nodiscard]] WriteOptions presetOptions(SizePreset preset);

// Checks the glyphs, then paints and writes. Errors name the file and, for missing glyphs,
// the characters and items.
[[nodiscard]] geo::Result<PageStats> writePage(const std::string& path, PageFormat format, const PageLayout& layout,
                                               const PageContext& context, const PageMetadata& metadata = {},
                                               const WriteOptions& options = {});

// The page as an image at the layout's DPI (what PNG writes; also the dialog's preview).
[[nodiscard]] QImage renderPageImage(const PageLayout& layout, const PageContext& context, PageStats* stats = nullptr);

// A file name for a unit's page: "兴县_141123.pdf". Characters no file system accepts
// (/ \ : * ? " < > | and control characters) are replaced by '_'; Chinese is kept.
[[nodiscard]] std::string unitFileName(const std::string& name, const std::string& code, PageFormat format);

}  // namespace hongtu::exporting
