// The PDF's text layer is the text the page drew: pdftotext (poppler) of each template gives
// the drawn strings, with no Kangxi radicals or compatibility ideographs the page did not draw.

#include <catch2/catch_test_macros.hpp>
#include <catch2/matchers/catch_matchers_string.hpp>

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <algorithm>
#include <map>

#include "export/layout.hpp"
#include "export/page_context.hpp"
#include "export/page_fonts.hpp"
#include "export/page_painter.hpp"
#include "export/page_writer.hpp"
#include "export_support.hpp"

using namespace hongtu;
using Catch::Matchers::ContainsSubstring;

namespace {

const exporting::ContextOptions kOptions{"2018-06-30", "2026-11-27", std::nullopt};

QString pdfText(const std::string& path) {
    QProcess p;
    p.start(QStringLiteral("pdftotext"), {QStringLiteral("-raw"), QStringLiteral("-enc"), QStringLiteral("UTF-8"),
                                          QString::fromStdString(path), QStringLiteral("-")});
    REQUIRE(p.waitForFinished(30000));
    REQUIRE(p.exitCode() == 0);
    return QString::fromUtf8(p.readAllStandardOutput());
}

// The characters of `s` without white space, counted.
std::map<char32_t, int> characters(const QString& s) {
    std::map<char32_t, int> out;
    for (const char32_t c : s.toStdU32String())
        if (!QChar::isSpace(c) && c != 0xC) ++out[c];
    return out;
}

bool isRadicalOrCompatibility(char32_t c) {
    return (c >= 0x2E80 && c <= 0x2FDF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
}

std::string describe(const std::map<char32_t, int>& a, const std::map<char32_t, int>& b) {
    std::string out;
    for (const auto& [c, n] : a) {
        const auto it = b.find(c);
        const int m = it == b.end() ? 0 : it->second;
        if (m != n) out += QString::fromUcs4(&c, 1).toStdString() + "(" + std::to_string(n) + " vs " + std::to_string(m) + ") ";
    }
    return out;
}

exporting::PageContext contextFor(const std::string& layout) {
    const auto& project = test::demoProject();
    if (layout == "city-overview") return exporting::makeContext(project, nullptr, kOptions);
    auto unit = exporting::findUnit(exporting::countyUnits(project.scene), "兴县");
    REQUIRE(unit);
    return exporting::makeContext(project, &*unit, kOptions);
}

}  // namespace

TEST_CASE("the page fonts are built and loaded", "[export][pdf-text]") {
    (void)test::demoProject();  // an application exists
    INFO(exporting::pageFontProblem());
    REQUIRE(exporting::loadPageFonts());
    CHECK(exporting::pageFamily(QStringLiteral("Noto Sans CJK SC")) == QStringLiteral("Hongtu Noto Sans CJK SC"));
    CHECK(exporting::pageFamily(QStringLiteral("Some Other Font")) == QStringLiteral("Some Other Font"));
}

TEST_CASE("pdftotext of every template gives the strings the page drew", "[export][pdf-text]") {
    QTemporaryDir dir;
    for (const auto& name : exporting::builtinTemplateNames()) {
        INFO(name);
        auto layout = exporting::builtinTemplate(name);
        REQUIRE(layout);
        layout->dpi = 100;
        const auto context = contextFor(name);
        const std::string path = dir.filePath(QString::fromStdString(name + ".pdf")).toStdString();
        auto written = exporting::writePage(path, exporting::PageFormat::Pdf, *layout, context);
        REQUIRE(written);
        REQUIRE_FALSE(written->texts.empty());
        QString drawn;
        for (const auto& t : written->texts) drawn += t.text;
        const QString text = pdfText(path);
        const auto want = characters(drawn), got = characters(text);
        INFO("differences (drawn vs extracted): " << describe(want, got) << describe(got, want));
        CHECK(want == got);
        // Each drawn line comes out whole (pdftotext -raw keeps the drawing order).
        QString flat = text;
        flat.remove(QRegularExpression(QStringLiteral("\\s")));
        for (const auto& t : written->texts) {
            QString line = t.text;
            line.remove(QRegularExpression(QStringLiteral("\\s")));
            INFO("line: " << t.text.toStdString());
            CHECK(flat.contains(line));
        }
        for (const char32_t c : text.toStdU32String()) {
            INFO("U+" << std::hex << static_cast<unsigned>(c));
            CHECK_FALSE(isRadicalOrCompatibility(c));
        }
        CHECK_FALSE(text.contains(QChar(0x2026)));  // nothing elided
        if (name == "county-briefing")
            for (const char* word : {"完工", "项目", "革命", "示意", "日", "兴县"}) CHECK(text.contains(QString::fromUtf8(word)));
    }
}

TEST_CASE("a radical that really is in the text stays a radical, next to the ideograph it looks like", "[export][pdf-text]") {
    QTemporaryDir dir;
    auto layout = exporting::builtinTemplate("county-briefing");
    REQUIRE(layout);
    layout->dpi = 60;
    // U+2F2F KANGXI RADICAL WORK, then 工 (U+5DE5): one glyph in Noto Sans CJK, two characters here.
    layout->items.front().text = "\u2F2F\u5DE5\u2F49\u6708 {unit}";
    const std::string path = dir.filePath(QStringLiteral("r.pdf")).toStdString();
    REQUIRE(exporting::writePage(path, exporting::PageFormat::Pdf, *layout, contextFor("county-briefing")));
    CHECK_THAT(pdfText(path).toStdString(), ContainsSubstring("\u2F2F\u5DE5\u2F49\u6708 兴县"));
}
