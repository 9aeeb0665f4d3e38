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
            for (qsizetype j = i + run; j < line.size();) {
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
            const qsizetype stop = end < 0 ? i + run : end;
            out += line.mid(i, stop - i);
            i = stop;
            continue;
        }
        if (c == u'[' && i + 1 < line.size() && line[i + 1] == u'[') {
            const qsizetype close = line.indexOf(u"]]", i + 2);
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

QString formatSize(qsizetype bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
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
    for (const Task &task : note.tasks)
        options.taskLines.insert(task.line, task.status);
    for (const Section &section : note.sections)
        options.anchorLines.append(section.line);
    return options;
}

RenderedMarkdown MarkdownRenderer::render(const Note &note)
{
    return render(note.body, optionsFor(note));
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

    const QSet<int> anchors(options.anchorLines.cbegin(), options.anchorLines.cend());
    QList<WikiLinkToken> links;
    QString source;
    source.reserve(text.size() + text.size() / 8);
    qsizetype bytes = 0;
    bool inFence = false;
    QChar fenceChar;
    qsizetype fenceLength = 0;
    int lineNumber = options.firstLine;
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
                source += line.left(keep);
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
            source += line;
            source += QLatin1Char('\n');
            continue;
        }
        if (inFence) {
            source += line;
            source += QLatin1Char('\n');
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
        source += prepared;
        source += QLatin1Char('\n');
    }

    // md4c 0.4.8 reads up to a byte past the end in places: hand it zeroed bytes beyond `size`.
    const QByteArray utf8 = source.toUtf8();
    std::vector<char> buffer(size_t(utf8.size()) + 64, '\0');
    std::copy(utf8.cbegin(), utf8.cend(), buffer.begin());
    QByteArray html;
    html.reserve(utf8.size() * 3 / 2 + 256);
    const int status = md_html(buffer.data(), MD_SIZE(utf8.size()), appendOutput, &html,
                               MD_DIALECT_GITHUB | MD_FLAG_NOHTML, 0);
    if (status != 0) {
        // Only on allocation failure: show the text rather than nothing.
        rendered.html = QStringLiteral("<pre>%1</pre>").arg(text.toHtmlEscaped());
    } else {
        rendered.html = patchHtml(QString::fromUtf8(html), links);
    }
    if (rendered.truncated) {
        rendered.html.prepend(QStringLiteral("<p class=\"banner\">%1</p>")
                                  .arg(QCoreApplication::translate("MarkdownRenderer", "Note truncated: showing the first %1 of %2.")
                                           .arg(formatSize(bytes), formatSize(rendered.inputBytes))
                                           .toHtmlEscaped()));
    }
    return rendered;
}

} // namespace minutes
