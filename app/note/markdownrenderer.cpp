#include "note/markdownrenderer.h"

#include "note/note.h"
#include "tasks/taskparser.h"

#include <QCoreApplication>
#include <QLocale>
#include <QRegularExpression>
#include <QSet>
#include <QStringList>

#include <md4c-html.h>
#include <md4c.h>

#include <algorithm>
#include <functional>
#include <limits>
#include <vector>

namespace minutes {

namespace {

// Private-use characters carry what md4c must not see as markdown through it; the HTML is then
// patched. Any of them already in a note is replaced first, so a note cannot forge one.
constexpr char16_t AnchorOpen = 0xE000;     // <line digits> AnchorClose
constexpr char16_t AnchorClose = 0xE001;
constexpr char16_t LinkOpen = 0xE002;       // <wikilink number> LinkClose
constexpr char16_t LinkClose = 0xE003;
constexpr char16_t StatusOpen = 0xE004;     // <code point digits> StatusClose
constexpr char16_t StatusClose = 0xE005;
constexpr char16_t DoneOpen = 0xE006;
constexpr char16_t DoneClose = 0xE007;
constexpr char16_t FirstToken = 0xE000;
constexpr char16_t LastToken = 0xE00F;

struct WikiLinkToken
{
    QString target;
    QString text;
    bool embed = false;
};

qsizetype utf8Size(QStringView text)
{
    qsizetype bytes = 0;
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        bytes += u < 0x80 ? 1 : u < 0x800 ? 2 : QChar::isSurrogate(u) ? 2 : 3;
    }
    return bytes;
}

QString token(char16_t open, qint64 number, char16_t close)
{
    return QChar(open) + QString::number(number) + QChar(close);
}

bool isImageName(const QString &name)
{
    static const QRegularExpression image(QStringLiteral("\\.(png|jpe?g|gif|bmp|svg|webp)$"),
                                          QRegularExpression::CaseInsensitiveOption);
    return image.match(name).hasMatch();
}

// Position and length of the checkbox ("[x]" or the malformed "[ ?]") of a task line, else -1.
std::pair<qsizetype, qsizetype> checkboxOf(QStringView line)
{
    qsizetype i = 0;
    while (i < line.size() && (line[i].isSpace() || line[i] == u'>'))
        ++i;
    if (i < line.size() && (line[i] == u'-' || line[i] == u'*' || line[i] == u'+')) {
        ++i;
    } else {
        const qsizetype digits = i;
        while (i < line.size() && line[i].isDigit())
            ++i;
        if (i == digits || i >= line.size() || (line[i] != u'.' && line[i] != u')'))
            return {-1, 0};
        ++i;
    }
    const qsizetype afterMarker = i;
    while (i < line.size() && line[i] == u' ')
        ++i;
    if (i == afterMarker || i >= line.size() || line[i] != u'[')
        return {-1, 0};
    const qsizetype close = line.indexOf(u']', i + 1);
    if (close < 0 || close - i > 4)
        return {-1, 0};
    return {i, close - i + 1};
}

bool isFenceLine(QStringView line, QChar *fenceChar, qsizetype *fenceLength)
{
    qsizetype i = 0;
    while (i < line.size() && i < 3 && line[i] == u' ')
        ++i;
    if (i >= line.size() || (line[i] != u'`' && line[i] != u'~'))
        return false;
    const QChar c = line[i];
    qsizetype n = 0;
    while (i + n < line.size() && line[i + n] == c)
        ++n;
    if (n < 3)
        return false;
    *fenceChar = c;
    *fenceLength = n;
    return true;
}

// Replaces [[wikilinks]] outside inline code by tokens.
QString replaceWikiLinks(QStringView line, QList<WikiLinkToken> *links)
{
    QString out;
    out.reserve(line.size());
    // Searches that failed stay failed further on: remembering them keeps a line of thousands of
    // "[[" or of unmatched backtick runs linear instead of quadratic.
    qsizetype nextClose = -2;                // position of the next "]]" (-1: none), -2: not searched
    QSet<qsizetype> unmatchedRuns;           // backtick run lengths with no closing run ahead
    qsizetype i = 0;
    while (i < line.size()) {
        const QChar c = line[i];
        if (c == u'\\' && i + 1 < line.size()) {
            out += line.mid(i, 2);
            i += 2;
            continue;
        }
        if (c == u'`') {
            qsizetype run = 0;
            while (i + run < line.size() && line[i + run] == u'`')
                ++run;
            // A code span closes at the next run of exactly as many backticks.
            qsizetype end = -1;
            for (qsizetype j = unmatchedRuns.contains(run) ? line.size() : i + run; j < line.size();) {
                if (line[j] != u'`') {
                    ++j;
                    continue;
                }
                qsizetype other = 0;
                while (j + other < line.size() && line[j + other] == u'`')
                    ++other;
                if (other == run) {
                    end = j + other;
                    break;
                }
                j += other;
            }
            if (end < 0)
                unmatchedRuns.insert(run);
            const qsizetype stop = end < 0 ? i + run : end;
            out += line.mid(i, stop - i);
            i = stop;
            continue;
        }
        if (c == u'[' && i + 1 < line.size() && line[i + 1] == u'[') {
            if (nextClose == -2 || (nextClose >= 0 && nextClose < i + 2))
                nextClose = line.indexOf(u"]]", i + 2);
            const qsizetype close = nextClose;
            const QStringView inner = close < 0 ? QStringView() : line.mid(i + 2, close - i - 2);
            if (close >= 0 && !inner.contains(u'[') && !inner.trimmed().isEmpty()) {
                WikiLinkToken link;
                const qsizetype bar = inner.indexOf(u'|');
                link.target = (bar < 0 ? inner : inner.left(bar)).trimmed().toString();
                const QString alias = bar < 0 ? QString() : inner.mid(bar + 1).trimmed().toString();
                if (!alias.isEmpty()) {
                    link.text = alias;
                } else {
                    link.text = link.target;
                    link.text.replace(QLatin1Char('#'), QStringLiteral(" › "));
                }
                if (!link.target.isEmpty()) {
                    if (out.endsWith(u'!')) {
                        out.chop(1);
                        link.embed = true;
                    }
                    out += token(LinkOpen, links->size(), LinkClose);
                    links->append(link);
                    i = close + 2;
                    continue;
                }
            }
        }
        out += c;
        ++i;
    }
    return out;
}

QString escaped(const QString &text)
{
    return text.toHtmlEscaped();
}

QString statusGlyph(char32_t status)
{
    switch (status) {
    case U'x': return QStringLiteral("<span class=\"task-done\">\u2611</span>");
    case U'-': return QStringLiteral("<span class=\"task-cancelled\">\u2612</span>");
    case U'/': return QStringLiteral("<span class=\"task-progress\">\u25D0</span>");
    case U' ': return QStringLiteral("<span class=\"task-open\">\u2610</span>");
    default:
        return QStringLiteral("<span class=\"task-open\" title=\"[%1]\">\u2610</span>")
            .arg(QString::fromUcs4(&status, 1).toHtmlEscaped());
    }
}

// Turns the tokens in md4c's output into HTML. A token inside a tag (an image's alt text, a
// link's URL) becomes plain escaped text so it cannot break the markup.
QString patchHtml(const QString &html, const QList<WikiLinkToken> &links)
{
    QString out;
    out.reserve(html.size() + links.size() * 48);
    bool inTag = false;
    for (qsizetype i = 0; i < html.size(); ++i) {
        const char16_t c = html.at(i).unicode();
        if (c == u'<')
            inTag = true;
        else if (c == u'>')
            inTag = false;
        if (c < FirstToken || c > LastToken) {
            out += html.at(i);
            continue;
        }
        const auto readNumber = [&](char16_t close) -> qint64 {
            const qsizetype end = html.indexOf(QChar(close), i + 1);
            if (end < 0)
                return -1;
            bool ok = false;
            const qint64 n = QStringView(html).mid(i + 1, end - i - 1).toLongLong(&ok);
            i = end;
            return ok ? n : -1;
        };
        switch (c) {
        case AnchorOpen: {
            const qint64 line = readNumber(AnchorClose);
            if (!inTag && line > 0)
                out += QStringLiteral("<a name=\"%1\"></a>").arg(MarkdownRenderer::lineAnchor(int(line)));
            break;
        }
        case LinkOpen: {
            const qint64 n = readNumber(LinkClose);
            if (n < 0 || n >= links.size())
                break;
            const WikiLinkToken &link = links.at(n);
            const QString href = QString::fromLatin1(MarkdownRenderer::linkUrl(link.target).toEncoded()).toHtmlEscaped();
            if (inTag)
                out += escaped(link.text);
            else if (link.embed && isImageName(link.target))
                out += QStringLiteral("<img src=\"%1\" alt=\"%2\">").arg(href, escaped(link.text));
            else
                out += QStringLiteral("<a class=\"wikilink\" href=\"%1\">%2</a>").arg(href, escaped(link.text));
            break;
        }
        case StatusOpen: {
            const qint64 code = readNumber(StatusClose);
            if (!inTag && code > 0)
                out += statusGlyph(char32_t(code));
            break;
        }
        case DoneOpen:
            if (!inTag)
                out += QStringLiteral("<span class=\"done\">");
            break;
        case DoneClose:
            if (!inTag)
                out += QStringLiteral("</span>");
            break;
        default:
            break;
        }
    }

    // md4c's own task checkboxes (lines the task parser did not take) and table borders.
    static const QRegularExpression checkbox(QStringLiteral("<input type=\"checkbox\"[^>]*>"));
    QRegularExpressionMatchIterator it = checkbox.globalMatch(out);
    QString result;
    qsizetype last = 0;
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        result += QStringView(out).mid(last, match.capturedStart() - last);
        result += statusGlyph(match.captured().contains(QLatin1String("checked")) ? U'x' : U' ');
        result += QLatin1Char(' ');
        last = match.capturedEnd();
    }
    result += QStringView(out).mid(last);
    // A list of tasks shows its status glyphs instead of bullets.
    static const QRegularExpression taskList(QStringLiteral("<ul>(\\s*<li>\\s*(?:<p>)?<span class=\"task-)"));
    result.replace(taskList, QStringLiteral("<ul style=\"list-style-type: none\">\\1"));
    result.replace(QLatin1String("<table>"), QLatin1String("<table class=\"md\" cellspacing=\"0\" cellpadding=\"5\">"));
    return result;
}

void appendOutput(const MD_CHAR *text, MD_SIZE size, void *userdata)
{
    static_cast<QByteArray *>(userdata)->append(text, qsizetype(size));
}

// md4c-html with our flags; nullopt only on allocation failure.
std::optional<QByteArray> md4cHtml(QStringView markdown)
{
    // md4c 0.4.8 reads up to a byte past the end in places: hand it zeroed bytes beyond `size`.
    const QByteArray utf8 = markdown.toUtf8();
    std::vector<char> buffer(size_t(utf8.size()) + 64, '\0');
    std::copy(utf8.cbegin(), utf8.cend(), buffer.begin());
    QByteArray html;
    html.reserve(utf8.size() * 3 / 2 + 256);
    if (md_html(buffer.data(), MD_SIZE(utf8.size()), appendOutput, &html, MD_DIALECT_GITHUB | MD_FLAG_NOHTML, 0) != 0)
        return std::nullopt;
    return html;
}

QString formatSize(qsizetype bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

QString tr(const char *text)
{
    return QCoreApplication::translate("MarkdownRenderer", text);
}

// ---- Bounding md4c's work -------------------------------------------------------------------

struct LineSpan
{
    qsizetype start = 0;   // in the md4c source; `end` excludes the '\n'
    qsizetype end = 0;
};

// Blank-line separated text (a fenced block, blank lines and all, is one block).
struct Block
{
    qsizetype first = 0;   // line indexes, inclusive
    qsizetype last = 0;
    qint64 cost = 0;       // sum over its paragraphs of marks x lines + autolinks^2
    qsizetype maxMarks = 0;
    int depth = 0;
    QString plainReason;   // set: shown as plain text
};

bool isBlank(QStringView line)
{
    for (const QChar c : line) {
        if (c != u' ' && c != u'\t' && c != u'\r')
            return false;
    }
    return true;
}

// What md4c 0.4.8's quadratic paths work on: brackets, emphasis, code and entity marks, and the
// starts of autolinks.
bool isMark(char16_t c)
{
    switch (c) {
    case u'[': case u']': case u'(': case u')': case u'!': case u'*': case u'_': case u'~':
    case u'`': case u'<': case u'>': case u'&': case u'\\': case u'|': case u'@':
        return true;
    default:
        return false;
    }
}

// The container prefix of a line: block quote and list markers, and its indentation.
struct LineShape
{
    int depth = 0;             // markers, plus two columns of indentation per level
    bool item = false;         // a list item with text after its marker
    bool ordered = false;
    bool orderedOne = false;   // "1." or "1)": may interrupt a paragraph
    int itemIndent = 0;        // columns before the first list marker (after any '>')
    int contentColumn = 0;
    bool heading = false;
};

LineShape shapeOf(QStringView line)
{
    LineShape shape;
    int indentation = 0;
    int column = 0;   // since the last '>'
    bool firstMarker = true;
    qsizetype i = 0;
    const qsizetype n = line.size();
    const auto spaceAt = [&](qsizetype k) { return k >= n || line[k] == u' ' || line[k] == u'\t' || line[k] == u'\r'; };
    for (;;) {
        while (i < n && (line[i] == u' ' || line[i] == u'\t')) {
            const int width = line[i] == u'\t' ? 4 : 1;
            indentation += width;
            column += width;
            ++i;
        }
        if (i >= n)
            break;
        const QChar c = line[i];
        if (c == u'>') {
            ++shape.depth;
            ++i;
            column = 0;
            continue;
        }
        qsizetype marker = 0;
        bool ordered = false;
        if ((c == u'-' || c == u'*' || c == u'+') && spaceAt(i + 1)) {
            marker = 1;
        } else {
            qsizetype j = i;
            while (j < n && j - i < 9 && line[j].isDigit())
                ++j;
            if (j > i && j < n && (line[j] == u'.' || line[j] == u')') && spaceAt(j + 1)) {
                marker = j + 1 - i;
                ordered = true;
            }
        }
        if (marker == 0) {
            if (c == u'#') {
                qsizetype j = i;
                while (j < n && line[j] == u'#')
                    ++j;
                shape.heading = j - i <= 6 && spaceAt(j);
            }
            break;
        }
        if (firstMarker) {
            firstMarker = false;
            shape.ordered = ordered;
            shape.orderedOne = ordered && line.mid(i, marker - 1).toInt() == 1;
            shape.itemIndent = column;
            shape.contentColumn = column + int(marker) + 1;
            shape.item = !isBlank(line.mid(i + marker));
        }
        ++shape.depth;
        i += marker;
        column += int(marker);
    }
    shape.depth += indentation / 2;
    return shape;
}

// Splits `source` into blocks and estimates what each costs md4c. Paragraph boundaries inside a
// block are only assumed where md4c must see one (a heading, a list item that may interrupt a
// paragraph): a guess too few overestimates the cost, never underestimates it.
QList<Block> planBlocks(QStringView source, const QList<LineSpan> &lines)
{
    QList<Block> blocks;
    std::optional<Block> block;
    qsizetype marks = 0;
    qsizetype autolinks = 0;
    qint64 paragraphLines = 0;
    bool paragraphIsItem = false;
    bool paragraphIsOrdered = false;
    int contentColumn = 0;
    bool afterHeading = false;

    const auto endParagraph = [&] {
        if (block && paragraphLines > 0) {
            block->cost += qint64(marks) * paragraphLines + qint64(autolinks) * autolinks;
            block->maxMarks = qMax(block->maxMarks, marks);
        }
        marks = 0;
        autolinks = 0;
        paragraphLines = 0;
        paragraphIsItem = false;
        paragraphIsOrdered = false;
        afterHeading = false;
    };
    const auto endBlock = [&] {
        endParagraph();
        if (block)
            blocks.append(*block);
        block.reset();
        contentColumn = 0;
    };
    const auto addLine = [&](qsizetype index, QStringView line) {
        if (!block) {
            block = Block();
            block->first = index;
        }
        block->last = index;
        const LineShape shape = shapeOf(line);
        block->depth = qMax(block->depth, shape.depth);
        const bool itemStarts = shape.item && shape.itemIndent < contentColumn + 4
                                && (!shape.ordered || shape.orderedOne || paragraphIsOrdered);
        if (paragraphLines > 0 && (afterHeading || shape.heading || itemStarts))
            endParagraph();
        if (itemStarts) {
            paragraphIsItem = true;
            paragraphIsOrdered = shape.ordered;
            contentColumn = shape.contentColumn;
        }
        afterHeading = shape.heading;
        ++paragraphLines;
        for (qsizetype i = 0; i < line.size(); ++i) {
            const char16_t c = line[i].unicode();
            if (isMark(c))
                ++marks;
            if (c == u'@') {
                ++autolinks;
            } else if (c == u':' && line.mid(i + 1, 2) == u"//") {
                ++autolinks;
                ++marks;
            } else if ((c == u'w' || c == u'W') && line.mid(i, 4).compare(u"www.", Qt::CaseInsensitive) == 0) {
                ++autolinks;
                ++marks;
            } else if (c == u'\r' && i + 1 < line.size()) {
                ++paragraphLines;   // md4c ends a line at a lone CR too
            }
        }
    };

    bool inFence = false;
    QChar fenceChar;
    qsizetype fenceLength = 0;
    for (qsizetype index = 0; index < lines.size(); ++index) {
        QStringView line = source.mid(lines[index].start, lines[index].end - lines[index].start);
        if (isBlank(line)) {
            if (inFence) {
                endParagraph();
                block->last = index;
            } else {
                endBlock();
            }
            continue;
        }
        const QStringView fenceText = line.endsWith(u'\r') ? line.chopped(1) : line;
        QChar c;
        qsizetype n = 0;
        if (isFenceLine(fenceText, &c, &n)) {
            if (!inFence) {
                endBlock();
                inFence = true;
                fenceChar = c;
                fenceLength = n;
                addLine(index, line);
                continue;
            }
            if (c == fenceChar && n >= fenceLength && fenceText.trimmed().size() == n) {
                addLine(index, line);
                inFence = false;
                endBlock();
                continue;
            }
        }
        addLine(index, line);
    }
    endBlock();
    return blocks;
}

// Marks the blocks md4c should not see, in note order, within `budget`.
void choosePlainBlocks(QList<Block> *blocks, qint64 budget)
{
    if (budget == std::numeric_limits<qint64>::max())
        return;
    // Blocks this cheap always go to md4c: even thousands of them stay fast.
    constexpr qint64 SmallCost = 10'000;
    qint64 spent = 0;
    for (Block &block : *blocks) {
        if (block.depth > MarkdownRenderer::MaxNesting) {
            block.plainReason = tr("nested more than %1 levels deep").arg(MarkdownRenderer::MaxNesting);
        } else if (block.maxMarks > MarkdownRenderer::MaxParagraphMarks || block.cost > budget) {
            block.plainReason = tr("too dense with brackets, emphasis or code marks to format in time");
        } else if (block.cost > SmallCost && block.cost > budget - spent) {
            block.plainReason = tr("the time for formatting this note is used up");
        } else {
            spent += block.cost;
        }
    }
}

struct BoundedHtml
{
    QString html;
    QList<PlainTextPart> plainText;
};

// Renders `source` (md4c input, lines at `lines`) block by block within `budget`. Blocks md4c is
// spared show shownLine(index) as escaped text, with an anchor on each line in `anchors`; md4c's
// output goes through `finish`. With no such block, all of source goes to md4c in one call.
BoundedHtml renderBounded(const QString &source, const QList<LineSpan> &lines,
                          const std::function<QStringView(qsizetype)> &shownLine, int firstLine,
                          const QSet<int> &anchors, qint64 budget,
                          const std::function<QString(const QByteArray &)> &finish)
{
    QList<Block> blocks = planBlocks(source, lines);
    choosePlainBlocks(&blocks, budget);

    const auto plainHtml = [&](qsizetype first, qsizetype last) {
        QString html = QStringLiteral("<pre class=\"plain\" style=\"white-space: pre-wrap\">");
        QString text;   // escaped a run of lines at a time: blocks can be 100,000 lines long
        for (qsizetype index = first; index <= last; ++index) {
            const int line = firstLine + int(index);
            if (anchors.contains(line)) {
                html += text.toHtmlEscaped();
                text.clear();
                html += QStringLiteral("<a name=\"%1\"></a>").arg(MarkdownRenderer::lineAnchor(line));
            }
            text += shownLine(index);
            if (index < last)
                text += QLatin1Char('\n');
        }
        return html + text.toHtmlEscaped() + QStringLiteral("</pre>\n");
    };
    const auto markdownHtml = [&](qsizetype start, qsizetype end, qsizetype firstIndex, qsizetype lastIndex) {
        const std::optional<QByteArray> html = md4cHtml(QStringView(source).mid(start, end - start));
        // Only on allocation failure: show the text rather than nothing.
        return html ? finish(*html) : plainHtml(firstIndex, lastIndex);
    };

    BoundedHtml out;
    const bool anyPlain = std::any_of(blocks.cbegin(), blocks.cend(),
                                      [](const Block &block) { return !block.plainReason.isEmpty(); });
    if (!anyPlain) {
        out.html = markdownHtml(0, source.size(), 0, lines.size() - 1);
        return out;
    }
    for (qsizetype b = 0; b < blocks.size();) {
        const Block &block = blocks.at(b);
        if (!block.plainReason.isEmpty()) {
            out.html += plainHtml(block.first, block.last);
            out.plainText.append({firstLine + int(block.first), firstLine + int(block.last), block.plainReason});
            ++b;
            continue;
        }
        qsizetype e = b;
        while (e + 1 < blocks.size() && blocks.at(e + 1).plainReason.isEmpty())
            ++e;
        const LineSpan &last = lines.at(blocks.at(e).last);
        out.html += markdownHtml(lines.at(block.first).start, qMin(last.end + 1, source.size()), block.first,
                                 blocks.at(e).last);
        b = e + 1;
    }
    return out;
}

QString plainTextNotice(const QList<PlainTextPart> &parts)
{
    constexpr qsizetype Named = 3;
    QStringList named;
    for (qsizetype i = 0; i < parts.size() && i < Named; ++i) {
        const PlainTextPart &part = parts.at(i);
        const QString lines = part.firstLine == part.lastLine
            ? tr("line %1").arg(part.firstLine)
            : tr("lines %1\u2013%2").arg(part.firstLine).arg(part.lastLine);
        named.append(QStringLiteral("%1 (%2)").arg(lines, part.reason));
    }
    QString text = tr("Parts of this note are shown as plain text: %1").arg(named.join(QStringLiteral("; ")));
    if (parts.size() > Named)
        text += tr("; and %1 more").arg(parts.size() - Named);
    return QStringLiteral("<p class=\"banner\">%1.</p>\n").arg(text.toHtmlEscaped());
}

QList<LineSpan> splitLines(QStringView text)
{
    QList<LineSpan> lines;
    for (qsizetype start = 0; start < text.size();) {
        qsizetype end = text.indexOf(u'\n', start);
        if (end < 0)
            end = text.size();
        lines.append({start, end});
        start = end + 1;
    }
    return lines;
}

} // namespace

QUrl MarkdownRenderer::linkUrl(const QString &target)
{
    QUrl url;
    url.setScheme(linkScheme());
    url.setPath(target, QUrl::DecodedMode);
    return url;
}

std::optional<QString> MarkdownRenderer::linkTarget(const QUrl &url)
{
    if (url.scheme() != linkScheme())
        return std::nullopt;
    QString target = url.path(QUrl::FullyDecoded);
    if (url.hasFragment())   // a '#' written unencoded in a hand-made URL
        target += QLatin1Char('#') + url.fragment(QUrl::FullyDecoded);
    return target;
}

MarkdownRenderer::Options MarkdownRenderer::optionsFor(const Note &note)
{
    Options options;
    options.firstLine = note.bodyLine;
    for (const NoteTask &task : note.tasks)
        options.taskLines.insert(task.line, task.status);
    for (const Section &section : note.sections)
        options.anchorLines.append(section.line);
    return options;
}

RenderedMarkdown MarkdownRenderer::render(const Note &note)
{
    return render(note.body, optionsFor(note));
}

RenderedMarkdown MarkdownRenderer::markdownToHtml(const QString &markdown, qint64 workBudget)
{
    RenderedMarkdown rendered;
    rendered.inputBytes = utf8Size(markdown);
    const QList<LineSpan> lines = splitLines(markdown);
    const auto shownLine = [&](qsizetype index) {
        const QStringView line = QStringView(markdown).mid(lines[index].start, lines[index].end - lines[index].start);
        return line.endsWith(u'\r') ? line.chopped(1) : line;
    };
    BoundedHtml bounded = renderBounded(markdown, lines, shownLine, 1, {}, workBudget,
                                        [](const QByteArray &html) { return QString::fromUtf8(html); });
    rendered.html = std::move(bounded.html);
    rendered.plainText = std::move(bounded.plainText);
    if (!rendered.plainText.isEmpty())
        rendered.html.prepend(plainTextNotice(rendered.plainText));
    return rendered;
}

RenderedMarkdown MarkdownRenderer::render(const QString &markdown, const Options &options)
{
    RenderedMarkdown rendered;
    rendered.inputBytes = utf8Size(markdown);

    QString text = markdown;
    for (QChar &c : text) {
        if (c.unicode() >= FirstToken && c.unicode() <= LastToken)
            c = QChar::ReplacementCharacter;
    }

    QSet<int> anchors(options.anchorLines.cbegin(), options.anchorLines.cend());
    QList<WikiLinkToken> links;
    QString source;
    source.reserve(text.size() + text.size() / 8);
    QList<LineSpan> spans;          // of each line in source
    QList<QStringView> shown;       // and the same line of the note, for plain text
    const qsizetype lineCount = QStringView(text).left(options.maxInputBytes).count(u'\n') + 1;
    spans.reserve(lineCount);
    shown.reserve(lineCount);
    qsizetype bytes = 0;
    bool inFence = false;
    QChar fenceChar;
    qsizetype fenceLength = 0;
    int lineNumber = options.firstLine;
    const auto append = [&](QStringView original, const QString &prepared, bool newline) {
        spans.append({source.size(), source.size() + prepared.size()});
        shown.append(original);
        source += prepared;
        if (newline)
            source += QLatin1Char('\n');
    };
    for (qsizetype start = 0; start < text.size(); ++lineNumber) {
        qsizetype end = text.indexOf(QLatin1Char('\n'), start);
        if (end < 0)
            end = text.size();
        QStringView line = QStringView(text).mid(start, end - start);
        const qsizetype lineBytes = utf8Size(line) + 1;
        if (bytes + lineBytes > options.maxInputBytes) {
            rendered.truncated = true;
            if (bytes == 0) {
                // One enormous line: keep what fits (a cut surrogate pair is dropped).
                qsizetype keep = qMin(line.size(), options.maxInputBytes / 3);
                if (keep > 0 && line[keep - 1].isHighSurrogate())
                    --keep;
                append(line.left(keep), line.left(keep).toString(), false);
            }
            break;
        }
        bytes += lineBytes;
        start = end + 1;
        if (line.endsWith(u'\r'))
            line.chop(1);

        QChar c;
        qsizetype n = 0;
        if (isFenceLine(line, &c, &n)) {
            if (!inFence) {
                inFence = true;
                fenceChar = c;
                fenceLength = n;
            } else if (c == fenceChar && n >= fenceLength && line.trimmed().size() == n) {
                inFence = false;
            }
            append(line, line.toString(), true);
            continue;
        }
        if (inFence) {
            append(line, line.toString(), true);
            continue;
        }

        QString prepared;
        const auto task = options.taskLines.constFind(lineNumber);
        const auto [box, boxLength] = task != options.taskLines.cend() && TaskParser::looksLikeTask(line)
                                          ? checkboxOf(line)
                                          : std::pair<qsizetype, qsizetype>{-1, 0};
        if (box >= 0) {
            const bool closed = *task == U'x' || *task == U'-';
            prepared = line.left(box).toString() + token(StatusOpen, qint64(*task), StatusClose)
                       + token(AnchorOpen, lineNumber, AnchorClose) + (closed ? QString(QChar(DoneOpen)) : QString())
                       + replaceWikiLinks(line.mid(box + boxLength), &links)
                       + (closed ? QString(QChar(DoneClose)) : QString());
        } else if (anchors.contains(lineNumber) || task != options.taskLines.cend()) {
            prepared = replaceWikiLinks(line, &links);
            static const QRegularExpression atx(QStringLiteral("^ {0,3}#{1,6}[ \\t]+"));
            const QRegularExpressionMatch heading = atx.match(prepared);
            const qsizetype at = heading.hasMatch() ? heading.capturedEnd() : prepared.size();
            prepared.insert(at, token(AnchorOpen, lineNumber, AnchorClose));
        } else {
            prepared = replaceWikiLinks(line, &links);
        }
        append(line, prepared, true);
    }

    for (auto it = options.taskLines.cbegin(); it != options.taskLines.cend(); ++it)
        anchors.insert(it.key());
    BoundedHtml bounded = renderBounded(source, spans, [&](qsizetype index) { return shown.at(index); },
                                        options.firstLine, anchors, options.workBudget,
                                        [&](const QByteArray &html) { return patchHtml(QString::fromUtf8(html), links); });
    rendered.html = std::move(bounded.html);
    rendered.plainText = std::move(bounded.plainText);
    if (!rendered.plainText.isEmpty())
        rendered.html.prepend(plainTextNotice(rendered.plainText));
    if (rendered.truncated) {
        rendered.html.prepend(QStringLiteral("<p class=\"banner\">%1</p>")
                                  .arg(tr("Note truncated: showing the first %1 of %2.")
                                           .arg(formatSize(bytes), formatSize(rendered.inputBytes))
                                           .toHtmlEscaped()));
    }
    return rendered;
}

} // namespace minutes
