#include "export/page_fonts.hpp"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFontMetricsF>
#include <QGuiApplication>
#include <QMutex>
#include <QRawFont>
#include <QTextCharFormat>

#include <algorithm>
#include <map>
#include <mutex>

namespace hongtu::exporting {

namespace {

const QString kCopyPrefix = QStringLiteral("Hongtu ");

struct Loaded {
    bool tried = false;
    QStringList families;  // original families that have a copy
    QString problem;
};

Loaded& loaded() {
    static Loaded l;
    return l;
}

QMutex& mutex() {
    static QMutex m;
    return m;
}

QStringList fontDirs() {
    QStringList dirs;
    const QByteArray env = qgetenv("HONGTU_PAGE_FONT_DIR");
    if (!env.isEmpty()) dirs << QString::fromLocal8Bit(env);
#ifdef HONGTU_PAGE_FONT_DIR
    dirs << QStringLiteral(HONGTU_PAGE_FONT_DIR);
#endif
    if (QCoreApplication::instance()) {
        const QString app = QCoreApplication::applicationDirPath();
        dirs << app + QStringLiteral("/fonts") << app + QStringLiteral("/../fonts") << app + QStringLiteral("/../share/hongtu/fonts");
    }
    return dirs;
}

// Characters the copy of `family` (bold or not) lacks and the original has: drawn in the original.
bool leftToOriginal(char32_t ch, const QFont& copy) {
    struct Fonts {
        QRawFont copy, original;
    };
    static std::map<std::pair<QString, bool>, Fonts> cache;
    static QMutex cacheMutex;
    const QMutexLocker lock(&cacheMutex);
    const auto key = std::make_pair(copy.family(), copy.bold());
    auto it = cache.find(key);
    if (it == cache.end()) {
        QFont c = copy, o = copy;
        c.setPixelSize(20);
        o.setPixelSize(20);
        o.setFamily(originalFamily(copy));
        it = cache.emplace(key, Fonts{QRawFont::fromFont(c), QRawFont::fromFont(o)}).first;
    }
    return !it->second.copy.supportsCharacter(ch) && it->second.original.supportsCharacter(ch);
}

}  // namespace

bool loadPageFonts() {
    const QMutexLocker lock(&mutex());
    Loaded& l = loaded();
    if (l.tried) return !l.families.isEmpty();
    if (!qobject_cast<QGuiApplication*>(QCoreApplication::instance())) return false;  // try again with an application
    l.tried = true;
    QString searched;
    for (const QString& dir : fontDirs()) {
        const QDir d(dir);
        const QStringList files = d.entryList({QStringLiteral("Hongtu*.otf"), QStringLiteral("Hongtu*.ttf")}, QDir::Files, QDir::Name);
        searched += (searched.isEmpty() ? "" : ", ") + QDir::cleanPath(dir);
        if (files.isEmpty()) continue;
        for (const QString& f : files) {
            const int id = QFontDatabase::addApplicationFont(d.absoluteFilePath(f));
            for (const QString& family : QFontDatabase::applicationFontFamilies(id))
                if (family.startsWith(kCopyPrefix) && !l.families.contains(family.mid(kCopyPrefix.size())))
                    l.families << family.mid(kCopyPrefix.size());
        }
        if (!l.families.isEmpty()) break;
    }
    if (l.families.isEmpty())
        l.problem = QStringLiteral("the page fonts (HongtuNotoSansCJKsc-*.otf, built with python3-fonttools) were not found in ") +
                    searched + QStringLiteral(": a PDF's text layer may name characters wrongly (⼯ for 工)");
    return !l.families.isEmpty();
}

std::string pageFontProblem() {
    loadPageFonts();
    const QMutexLocker lock(&mutex());
    return loaded().problem.toStdString();
}

QString pageFamily(const QString& family) {
    loadPageFonts();
    const QMutexLocker lock(&mutex());
    return loaded().families.contains(family) ? kCopyPrefix + family : family;
}

QString originalFamily(const QFont& font) {
    const QString f = font.family();
    return f.startsWith(kCopyPrefix) ? f.mid(kCopyPrefix.size()) : f;
}

QList<QTextLayout::FormatRange> originalFontRuns(const QString& text, const QFont& font) {
    QList<QTextLayout::FormatRange> runs;
    if (!font.family().startsWith(kCopyPrefix)) return runs;
    QFont original = font;
    original.setFamily(originalFamily(font));
    for (qsizetype i = 0; i < text.size();) {
        const char32_t ch = text.at(i).isHighSurrogate() && i + 1 < text.size() ? QChar::surrogateToUcs4(text.at(i), text.at(i + 1))
                                                                                : text.at(i).unicode();
        const int len = ch > 0xFFFF ? 2 : 1;
        if (ch >= 0x80 && leftToOriginal(ch, font)) {
            if (!runs.isEmpty() && runs.back().start + runs.back().length == i) {
                runs.back().length += len;
            } else {
                QTextLayout::FormatRange r;
                r.start = static_cast<int>(i);
                r.length = len;
                r.format.setFont(original);
                r.format.setFontStyleStrategy(font.styleStrategy());
                runs.push_back(r);
            }
        }
        i += len;
    }
    return runs;
}

namespace {
// `layout` set up for `text` in `font` (each run in its original font) with `wrap`, its layout begun.
void beginLayout(QTextLayout& layout, const QString& text, const QFont& font, QTextOption::WrapMode wrap) {
    layout.setFormats(originalFontRuns(text, font));
    QTextOption option;
    option.setWrapMode(wrap);
    layout.setTextOption(option);
    layout.beginLayout();
}
}  // namespace

void drawTextLine(QPainter& painter, QPointF baseline, const QString& text, const QFont& font) {
    if (text.isEmpty()) return;
    QTextLayout layout(text, font);
    beginLayout(layout, text, font, QTextOption::NoWrap);
    QTextLine line = layout.createLine();
    if (!line.isValid()) {
        layout.endLayout();
        return;
    }
    line.setLineWidth(1e7);
    line.setPosition(QPointF(0, 0));
    layout.endLayout();
    layout.draw(&painter, baseline - QPointF(0, line.ascent()));
}

bool isClosingMark(QChar c) {
    static const QString marks = QStringLiteral("）】」』〕〉》〗〙〛，。、：；！？’”％·…‥～—)]}>,.:;!?%");
    return marks.contains(c);
}

bool isOpeningMark(QChar c) {
    static const QString marks = QStringLiteral("（【「『〔〈《〖〘〚‘“([{<");
    return marks.contains(c);
}

namespace {

struct Span {
    qsizetype start = 0, length = 0;
};

// One paragraph (no line separators) broken by QTextLayout: the spans of its lines.
std::vector<Span> qtLines(const QString& text, const QFont& font, double width) {
    std::vector<Span> out;
    QTextLayout layout(text, font);
    beginLayout(layout, text, font, QTextOption::WrapAtWordBoundaryOrAnywhere);
    for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
        line.setLineWidth(std::max(1.0, width));
        out.push_back({line.textStart(), line.textLength()});
    }
    layout.endLayout();
    return out;
}

QString trimmedEnd(QString s) {
    while (!s.isEmpty() && s.back().isSpace()) s.chop(1);
    return s;
}

}  // namespace

std::vector<QString> breakLines(const QString& text, const QFont& font, double width) {
    std::vector<QString> out;
    QString normalised = text;
    normalised.replace(QChar::LineSeparator, QLatin1Char('\n'));
    for (const QString& paragraph : normalised.split(QLatin1Char('\n'))) {
        QString rest = paragraph;
        for (int guard = 0; guard < 10000; ++guard) {
            const std::vector<Span> lines = qtLines(rest, font, width);
            if (lines.empty()) {
                out.push_back(QString());
                break;
            }
            // The first boundary that breaks the rule, if any.
            std::size_t bad = lines.size();
            for (std::size_t k = 0; k + 1 < lines.size() && bad == lines.size(); ++k) {
                const QString line = trimmedEnd(rest.mid(lines[k].start, lines[k].length));
                const QString next = rest.mid(lines[k + 1].start, lines[k + 1].length);
                if ((!line.isEmpty() && isOpeningMark(line.back())) || (!next.isEmpty() && isClosingMark(next.front()))) bad = k;
            }
            if (bad == lines.size()) {
                for (const Span& l : lines) out.push_back(trimmedEnd(rest.mid(l.start, l.length)));
                break;
            }
            // Push out: the line before the bad boundary gives up its last character (when the next
            // line starts with a closing mark) and any opening marks it then ends with.
            const QString line = trimmedEnd(rest.mid(lines[bad].start, lines[bad].length));
            const QString next = rest.mid(lines[bad + 1].start, lines[bad + 1].length);
            qsizetype cut = line.size();
            if (!next.isEmpty() && isClosingMark(next.front())) {
                --cut;
                while (cut > 0 && isClosingMark(line.at(cut))) --cut;  // a run of closing marks moves together
            }
            while (cut > 0 && isOpeningMark(line.at(cut - 1))) --cut;
            if (cut <= 0) {
                // Nothing to give (a run of marks as wide as the line): push in instead, the
                // closing marks hang at the end of the line before (a common practice too).
                qsizetype hang = 0;
                while (hang < next.size() && isClosingMark(next.at(hang))) ++hang;
                if (hang == 0 || lines[bad + 1].length <= hang) {  // nothing to pull up: keep Qt's lines
                    for (const Span& l : lines) out.push_back(trimmedEnd(rest.mid(l.start, l.length)));
                    break;
                }
                for (std::size_t k = 0; k < bad; ++k) out.push_back(trimmedEnd(rest.mid(lines[k].start, lines[k].length)));
                out.push_back(line + next.left(hang));
                rest = rest.mid(lines[bad + 1].start + hang);
                continue;
            }
            for (std::size_t k = 0; k < bad; ++k) out.push_back(trimmedEnd(rest.mid(lines[k].start, lines[k].length)));
            out.push_back(line.left(cut));
            rest = rest.mid(lines[bad].start + cut);
        }
    }
    return out;
}

double lineWidth(const QString& text, const QFont& font) {
    // The original font's runs have the same metrics (the copy keeps every glyph and advance).
    return text.isEmpty() ? 0 : QFontMetricsF(font).horizontalAdvance(text);
}

void drawTextIn(QPainter& painter, const QRectF& rect, Qt::Alignment align, const QString& text, const QFont& font) {
    if (text.isEmpty()) return;
    const QFontMetricsF fm(font);
    const double w = lineWidth(text, font);
    double x = rect.left();
    if (align & Qt::AlignHCenter) x = rect.center().x() - w / 2;
    else if (align & Qt::AlignRight) x = rect.right() - w;
    double y = rect.top() + fm.ascent();
    if (align & Qt::AlignVCenter) y = rect.center().y() - fm.height() / 2 + fm.ascent();
    else if (align & Qt::AlignBottom) y = rect.bottom() - fm.descent();
    drawTextLine(painter, QPointF(x, y), text, font);
}

}  // namespace hongtu::exporting
