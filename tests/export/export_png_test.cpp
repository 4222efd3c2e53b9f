// PNG pages: compressed (libspng, fast deflate; a palette when the page has few colours),
// lossless, with the DPI in pHYs; size presets.

#include <catch2/catch_test_macros.hpp>

#include <QBuffer>
#include <QFile>
#include <QImage>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdint>
#include <string>

#include "export/layout.hpp"
#include "export/page_context.hpp"
#include "export/page_writer.hpp"
#include "export/png_encoder.hpp"
#include "export_support.hpp"

using namespace hongtu;

namespace {

const exporting::ContextOptions kOptions{"2018-06-30", "2026-11-27", std::nullopt};

std::uint32_t u32(const QByteArray& b, qsizetype i) {
    return (static_cast<std::uint32_t>(static_cast<unsigned char>(b[i])) << 24) |
           (static_cast<std::uint32_t>(static_cast<unsigned char>(b[i + 1])) << 16) |
           (static_cast<std::uint32_t>(static_cast<unsigned char>(b[i + 2])) << 8) | static_cast<unsigned char>(b[i + 3]);
}

// IHDR colour type (2 = RGB, 3 = palette) and the pHYs pixels per metre of a PNG file.
struct PngHeader {
    int colourType = -1;
    std::uint32_t ppmX = 0, ppmY = 0;
    int unit = -1;
};

PngHeader header(const QByteArray& png) {
    PngHeader h;
    REQUIRE(png.startsWith("\x89PNG\r\n\x1a\n"));
    REQUIRE(png.mid(12, 4) == "IHDR");
    h.colourType = static_cast<unsigned char>(png[25]);
    const auto at = png.indexOf("pHYs");
    if (at > 0) {
        REQUIRE(u32(png, at - 4) == 9);
        h.ppmX = u32(png, at + 4);
        h.ppmY = u32(png, at + 8);
        h.unit = static_cast<unsigned char>(png[at + 12]);
    }
    return h;
}

QByteArray encode(const QImage& image, double dpi) {
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    auto info = exporting::writePng(buffer, image, dpi);
    REQUIRE(info);
    CHECK(info->bytes == static_cast<std::size_t>(buffer.data().size()));
    return buffer.data();
}

}  // namespace

TEST_CASE("a page with at most 256 colours is written as a palette PNG, any other as RGB; both lossless", "[export][png]") {
    QImage few(300, 200, QImage::Format_RGB32);
    few.fill(Qt::white);
    for (int y = 20; y < 80; ++y)
        for (int x = 0; x < 300; ++x) few.setPixel(x, y, qRgb(x % 200, 30, 200));  // 200 colours + white
    const QByteArray a = encode(few, 300);
    CHECK(header(a).colourType == 3);
    CHECK(QImage::fromData(a).convertToFormat(QImage::Format_RGB32) == few);

    QImage many = few;
    for (int x = 0; x < 300; ++x) many.setPixel(x, 100, qRgb(x % 256, x / 256, 7));  // 256 more
    const QByteArray b = encode(many, 150);
    CHECK(header(b).colourType == 2);
    CHECK(QImage::fromData(b).convertToFormat(QImage::Format_RGB32) == many);
    CHECK(header(b).ppmX == 5906);  // 150 dpi = 5905.5 px/m, rounded
    CHECK(header(b).unit == 1);
}

TEST_CASE("each template's PNG page at 300 dpi is under 2 MB, lossless and carries its DPI", "[export][png]") {
    QTemporaryDir dir;
    const auto& project = test::demoProject();
    const auto xing = test::demoCounty("兴县");
    for (const auto& name : exporting::builtinTemplateNames()) {
        INFO(name);
        auto layout = exporting::builtinTemplate(name);
        REQUIRE(layout);
        REQUIRE(layout->dpi == 300);
        const auto context = exporting::makeContext(project, name == "city-overview" ? nullptr : &xing, kOptions);
        const std::string path = dir.filePath(QString::fromStdString(name + ".png")).toStdString();
        REQUIRE(exporting::writePage(path, exporting::PageFormat::Png, *layout, context));
        QFile f(QString::fromStdString(path));
        REQUIRE(f.open(QIODevice::ReadOnly));
        const QByteArray png = f.readAll();
        INFO("size: " << png.size() / 1024 << " kB");
        CHECK(png.size() < 2'000'000);  // was 26 MB (A4) and 52 MB (A3) with Qt's writer
        const PngHeader h = header(png);
        CHECK(h.ppmX == 11811);  // 300 dpi
        CHECK(h.ppmY == 11811);
        CHECK(h.unit == 1);
        CHECK(QImage::fromData(png).size() == exporting::pagePixelSize(*layout));
        // Lossless: the page image comes back pixel for pixel.
        const QImage page = exporting::renderPageImage(*layout, context);
        const QByteArray again = encode(page, layout->dpi);
        CHECK(again.size() < 2'000'000);
        CHECK(QImage::fromData(again).convertToFormat(QImage::Format_RGB32) == page.convertToFormat(QImage::Format_RGB32));
        // A map page compresses better unfiltered than with per-row filters (the imagery choice).
        exporting::PngOptions photo;
        photo.photo = true;
        QBuffer filtered;
        filtered.open(QIODevice::WriteOnly);
        REQUIRE(exporting::writePng(filtered, page, layout->dpi, photo));
        CHECK(again.size() < filtered.data().size());
    }
}

TEST_CASE("reduced colours: a page of more than 256 colours keeps its 256 most frequent, the rest take the nearest",
          "[export][png]") {
    // White, a blue band (10,30,200) and a red band (200,30,10), each a different area, and 300
    // single pixels of distinct colours near one of them (an antialiased edge).
    QImage image(400, 300, QImage::Format_RGB32);
    image.fill(Qt::white);
    for (int y = 10; y < 100; ++y)
        for (int x = 0; x < 400; ++x) image.setPixel(x, y, qRgb(10, 30, 200));
    for (int y = 110; y < 150; ++y)
        for (int x = 0; x < 400; ++x) image.setPixel(x, y, qRgb(200, 30, 10));
    for (int i = 0; i < 300; ++i)  // near red or near blue: 300 colours seen once each
        image.setPixel(i, 200, i % 2 ? qRgb(200 - i % 7, 30 + i / 7, 10) : qRgb(10, 30 + i / 7, 200 - i % 5));
    exporting::PngOptions options;
    options.reduceColours = true;
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    auto info = exporting::writePng(buffer, image, 300, options);
    REQUIRE(info);
    CHECK(info->palette);
    CHECK(info->reduced);
    CHECK(header(buffer.data()).colourType == 3);
    const QImage back = QImage::fromData(buffer.data()).convertToFormat(QImage::Format_RGB32);
    // The frequent colours are exact; each rare one is drawn with a colour of the palette at
    // most as far from it as the nearest of the three frequent ones.
    CHECK(back.pixel(5, 50) == qRgb(10, 30, 200));
    CHECK(back.pixel(5, 120) == qRgb(200, 30, 10));
    CHECK(back.pixel(5, 250) == qRgb(255, 255, 255));
    const auto distance = [](QRgb a, QRgb b) {
        const int dr = qRed(a) - qRed(b), dg = qGreen(a) - qGreen(b), db = qBlue(a) - qBlue(b);
        return dr * dr + dg * dg + db * db;
    };
    for (int i = 0; i < 300; ++i) {
        const QRgb original = image.pixel(i, 200);
        const int nearestFrequent = std::min({distance(original, qRgb(10, 30, 200)), distance(original, qRgb(200, 30, 10)),
                                              distance(original, qRgb(255, 255, 255))});
        CHECK(distance(back.pixel(i, 200), original) <= nearestFrequent);
    }
    // Deterministic: the same image gives the same bytes.
    QBuffer again;
    again.open(QIODevice::WriteOnly);
    REQUIRE(exporting::writePng(again, image, 300, options));
    CHECK(again.data() == buffer.data());
    // Without the option the page stays lossless RGB.
    CHECK(header(encode(image, 300)).colourType == 2);
}

TEST_CASE("size presets set the DPI and the compression", "[export][png]") {
    CHECK(exporting::presetDpi(*exporting::presetFromName("email")) == 150);
    CHECK(exporting::presetDpi(*exporting::presetFromName("print")) == 300);
    CHECK(exporting::presetDpi(*exporting::presetFromName("press")) == 600);
    CHECK(exporting::presetOptions(exporting::SizePreset::Print).png.level == 6);
    CHECK(exporting::presetOptions(exporting::SizePreset::Email).png.reduceColours);  // lossy only for email
    CHECK_FALSE(exporting::presetOptions(exporting::SizePreset::Print).png.reduceColours);
    CHECK_FALSE(exporting::presetOptions(exporting::SizePreset::Press).png.reduceColours);
    CHECK_FALSE(exporting::presetFromName("web"));
    for (const auto p : {exporting::SizePreset::Email, exporting::SizePreset::Print, exporting::SizePreset::Press})
        CHECK(*exporting::presetFromName(exporting::presetName(p)) == p);
}
