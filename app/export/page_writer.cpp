#include "export/page_writer.hpp"
#include "render/qt_convert.hpp"

#include <QBuffer>
#include <QImageWriter>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>

#include <algorithm>
#include <cctype>
#include <cmath>

namespace hongtu::exporting {

namespace {

using render::qs;

QByteArray xmlEscape(const std::string& s) { return qs(s).toHtmlEscaped().toUtf8(); }

QByteArray xmpMetadata(const PageMetadata& m) {
    return QByteArray(
               "<?xpacket begin='\xEF\xBB\xBF' id='W5M0MpCehiHzreSzNTczkc9d'?>\n"
               "<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>\n"
               "<rdf:Description rdf:about='' xmlns:dc='http://purl.org/dc/elements/1.1/' xmlns:xmp='http://ns.adobe.com/xap/1.0/'>\n"
               "<dc:title><rdf:Alt><rdf:li xml:lang='x-default'>") +
           xmlEscape(m.title) + "</rdf:li></rdf:Alt></dc:title>\n<dc:creator><rdf:Seq><rdf:li>" + xmlEscape(m.author) +
           "</rdf:li></rdf:Seq></dc:creator>\n<xmp:CreatorTool>" + xmlEscape(m.creator) +
           "</xmp:CreatorTool>\n</rdf:Description></rdf:RDF></x:xmpmeta>\n<?xpacket end='w'?>";
}

geo::Error fileError(const std::string& path, const std::string& message) { return geo::Error{message, path, "", {}}; }

}  // namespace

geo::Result<PageFormat> formatFromName(const std::string& name) {
    std::string n = name;
    std::transform(n.begin(), n.end(), n.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (n == "png") return PageFormat::Png;
    if (n == "pdf") return PageFormat::Pdf;
    if (n == "svg") return PageFormat::Svg;
    if (n == "tif" || n == "tiff") return PageFormat::Tiff;
    return geo::Error{"unknown page format '" + name + "' (known: png, pdf, svg, tiff)", "", "", {}};
}

geo::Result<PageFormat> formatFromPath(const std::string& path) {
    const auto dot = path.find_last_of('.');
    const auto slash = path.find_last_of('/');
    if (dot == std::string::npos || (slash != std::string::npos && dot < slash))
        return geo::Error{"the file name has no extension (.png, .pdf, .svg or .tiff) to tell the format", path, "", {}};
    auto f = formatFromName(path.substr(dot + 1));
    if (!f) return fileError(path, f.error().message);
    return f;
}

void preparePdfWriter(QPdfWriter& writer, const PageLayout& layout, const PageMetadata& metadata) {
    writer.setResolution(static_cast<int>(std::lround(layout.dpi)));
    writer.setPageSize(QPageSize(QSizeF(layout.paper.widthMm, layout.paper.heightMm), QPageSize::Millimeter));
    writer.setPageMargins(QMarginsF(0, 0, 0, 0));
    writer.setTitle(qs(metadata.title));
    writer.setCreator(qs(metadata.creator));
}

const char* formatExtension(PageFormat format) {
    switch (format) {
        case PageFormat::Png: return "png";
        case PageFormat::Pdf: return "pdf";
        case PageFormat::Svg: return "svg";
        case PageFormat::Tiff: return "tiff";
    }
    return "png";
}

QImage renderPageImage(const PageLayout& layout, const PageContext& context, PageStats* stats) {
    QImage image(pagePixelSize(layout), QImage::Format_RGB32);
    if (image.isNull()) return image;  // out of memory: the caller reports a null image, never paints into it
    const int dotsPerMetre = static_cast<int>(std::lround(layout.dpi / 0.0254));
    image.setDotsPerMeterX(dotsPerMetre);
    image.setDotsPerMeterY(dotsPerMetre);
    image.fill(Qt::white);
    // Raster pages draw the geometry in full: the rasteriser is faster than simplifying it
    // first (national A3 300 dpi, bench/export_bench: 2.4 s against 3.7 s). PDF and SVG pages
    // are simplified to half a device pixel, which keeps their files small.
    PageContext raster = context;
    raster.simplify = false;
    QPainter painter(&image);
    const PageStats s = paintPage(painter, layout, raster);
    painter.end();
    if (stats) *stats = s;
    return image;
}

geo::Result<SizePreset> presetFromName(const std::string& name) {
    if (name == "email") return SizePreset::Email;
    if (name == "print") return SizePreset::Print;
    if (name == "press") return SizePreset::Press;
    return geo::Error{"unknown size preset '" + name + "' (known: email, print, press)", "", "", {}};
}

const char* presetName(SizePreset preset) {
    switch (preset) {
        case SizePreset::Email: return "email";
        case SizePreset::Print: return "print";
        case SizePreset::Press: return "press";
    }
    return "print";
}

double presetDpi(SizePreset preset) {
    switch (preset) {
        case SizePreset::Email: return 150;
        case SizePreset::Print: return 300;
        case SizePreset::Press: return 600;
    }
    return 300;
}

WriteOptions presetOptions(SizePreset preset) {
    WriteOptions o;
    o.png.level = 6;
    // To mail or send on a phone: at most 256 colours (the page's own; antialiased edges take
    // the nearest), about a third of the bytes.
    o.png.reduceColours = preset == SizePreset::Email;
    return o;
}

geo::Result<PageStats> writePage(const std::string& path, PageFormat format, const PageLayout& layout,
                                 const PageContext& context, const PageMetadata& metadata, const WriteOptions& options) {
    if (auto budget = checkPixelBudget(layout); !budget) return fileError(path, budget.error().message);
    if (const auto missing = checkGlyphs(layout, context); !missing.empty())
        return fileError(path, describeMissingGlyphs(missing));
    QSaveFile file(qs(path));
    if (!file.open(QIODevice::WriteOnly))
        return fileError(path, "cannot be written: " + file.errorString().toStdString());
    PageStats stats;
    const QSize size = pagePixelSize(layout);
    switch (format) {
        case PageFormat::Png: {
            const QImage image = renderPageImage(layout, context, &stats);
            if (image.isNull()) {
                file.cancelWriting();
                return fileError(path, "there is not enough memory for a " + std::to_string(size.width()) + " x " +
                                           std::to_string(size.height()) + " pixel page: lower the dpi");
            }
            PngOptions pngOptions = options.png;
            pngOptions.photo = pngOptions.photo || (context.scene && context.scene->basemap);  // imagery: per-row filters
            auto png = writePng(file, image, layout.dpi, pngOptions);
            if (!png) {
                file.cancelWriting();
                return fileError(path, "the image could not be written: " + png.error().message);
            }
            break;
        }
        case PageFormat::Tiff: {
            const QImage image = renderPageImage(layout, context, &stats);
            if (image.isNull()) {
                file.cancelWriting();
                return fileError(path, "there is not enough memory for a " + std::to_string(size.width()) + " x " +
                                           std::to_string(size.height()) + " pixel page: lower the dpi");
            }
            QImageWriter writer(&file, "tiff");
            if (!writer.write(image)) {
                file.cancelWriting();
                return fileError(path, "the image could not be written: " + writer.errorString().toStdString() +
                                           " (TIFF needs the qt6-image-formats-plugins package)");
            }
            break;
        }
        case PageFormat::Pdf: {
            QPdfWriter writer(&file);
            preparePdfWriter(writer, layout, metadata);
            writer.setDocumentXmpMetadata(xmpMetadata(metadata));
            QPainter painter;
            if (!painter.begin(&writer)) {
                file.cancelWriting();
                return fileError(path, "the PDF could not be started");
            }
            stats = paintPage(painter, layout, context);
            painter.end();
            break;
        }
        case PageFormat::Svg: {
            QSvgGenerator svg;
            svg.setOutputDevice(&file);
            svg.setSize(size);
            svg.setViewBox(QRect(QPoint(0, 0), size));
            svg.setResolution(static_cast<int>(std::lround(layout.dpi)));
            svg.setTitle(qs(metadata.title));
            svg.setDescription(qs(metadata.creator));
            QPainter painter;
            if (!painter.begin(&svg)) {
                file.cancelWriting();
                return fileError(path, "the SVG could not be started");
            }
            stats = paintPage(painter, layout, context);
            painter.end();
            break;
        }
    }
    if (!file.commit()) return fileError(path, "could not be saved: " + file.errorString().toStdString());
    return stats;
}

std::string unitFileName(const std::string& name, const std::string& code, PageFormat format) {
    std::string base;
    for (const unsigned char c : name + (code.empty() ? "" : "_" + code)) {
        const bool bad = c < 0x20 || c == 0x7f || std::string("/\\:*?\"<>|").find(static_cast<char>(c)) != std::string::npos;
        base += bad ? '_' : static_cast<char>(c);
    }
    while (!base.empty() && (base.back() == '.' || base.back() == ' ')) base.pop_back();
    while (!base.empty() && (base.front() == '.' || base.front() == ' ')) base.erase(base.begin());
    if (base.empty()) base = "page";
    return base + "." + formatExtension(format);
}

}  // namespace hongtu::exporting
