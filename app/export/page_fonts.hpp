#pragma once
// The fonts pages draw their text in, and the one way pages draw a line of text.
//
// PDF text layer: Qt's PDF writer (6.4) names each embedded glyph by the lowest code point that
// maps to it in the font, and Noto Sans CJK maps the Kangxi radical ⼯ (U+2F2F) and the
// ideograph 工 (U+5DE5) to one glyph, so pdftotext, search and copy gave 完⼯ for 完工. Pages
// therefore draw in a copy of the font built with the project (make_page_font.py: the family
// "Hongtu Noto Sans CJK SC", same glyphs, each shared glyph left with its preferred code point),
// and draw the few characters the copy leaves out (a radical that really is in the data) in the
// original font, whose lowest code point for that glyph is that character. Every text a page
// draws goes through drawTextLine(), which makes those runs.

#include <QFont>
#include <QList>
#include <QPainter>
#include <QString>
#include <QTextLayout>

#include <string>
#include <vector>

namespace hongtu::exporting {

// Registers the page fonts with Qt once (needs a QGuiApplication): from $HONGTU_PAGE_FONT_DIR,
// the build tree, or fonts/ next to or above the executable. True when they are available.
bool loadPageFonts();
// Empty when the page fonts are loaded; else one sentence for the preflight.
[[nodiscard]] std::string pageFontProblem();

// The family pages draw `family` in: its copy when one is loaded ("Noto Sans CJK SC" ->
// "Hongtu Noto Sans CJK SC"), else `family` itself.
[[nodiscard]] QString pageFamily(const QString& family);

// The ranges of `text` to draw in the original family instead of the page copy of `font`.
[[nodiscard]] QList<QTextLayout::FormatRange> originalFontRuns(const QString& text, const QFont& font);

// Draws one line of text with its left end of the baseline at `baseline`, in `font` (made by a
// page: its family already the page family), the runs the copy lacks in the original font.
void drawTextLine(QPainter& painter, QPointF baseline, const QString& text, const QFont& font);

// Draws one line of text in `rect`, aligned (left/centre/right, top/centre/bottom) as asked.
void drawTextIn(QPainter& painter, const QRectF& rect, Qt::Alignment align, const QString& text, const QFont& font);

// Chinese line-breaking rule (GB/T 15834 and common typesetting practice): these marks never
// start a line (closing brackets and quotes, the pause and stop marks, colon, semicolon...) or
// end one (opening brackets and quotes).
[[nodiscard]] bool isClosingMark(QChar c);
[[nodiscard]] bool isOpeningMark(QChar c);

// The lines of `text` at most `width` wide (device pixels), broken by Qt's text layout (UAX #14
// line breaking, which already keeps closing marks with the character before them), and the
// Chinese rule enforced where UAX #14 allows otherwise (a break forced inside a word longer than
// the line): the character before a closing mark, or an opening mark, moves to the next line.
// When the marks alone fill a line, they hang at the end of the line before instead (it is then
// wider than `width` by those marks). '\n' starts a new line.
[[nodiscard]] std::vector<QString> breakLines(const QString& text, const QFont& font, double width);
// The width of a line as drawTextLine draws it.
[[nodiscard]] double lineWidth(const QString& text, const QFont& font);

// The font's original family when `font` uses a page copy, else its family.
[[nodiscard]] QString originalFamily(const QFont& font);

}  // namespace hongtu::exporting
