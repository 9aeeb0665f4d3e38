#include "note/markdownscan.h"

#include "note/linetable.h"
#include "note/markdownline.h"
#include "note/md4cpass.h"

#include <QSet>

#include <cstring>
#include <vector>

namespace minutes {

namespace {

// Chunk sizes at which md4c's input is split: at a blank line followed by an unindented line,
// at any unindented line, at any line outside a fence. md4c's quadratic cases grow with the
// lines of one paragraph; at these sizes a 512 KiB hostile note costs md4c about 60 ms. A split
// between top-level blocks changes nothing the scan looks at (headings, code, HTML blocks).
constexpr qsizetype SplitAtBlock = 1024;
constexpr qsizetype SplitAtLine = 2 * 1024;
constexpr qsizetype SplitAnywhere = 4 * 1024;

enum LineFlag : quint8 {
    Excluded = 1,       // code block, HTML block, or a fence delimiter: no links, tags or tasks
    Inside = 2,         // inside a fence or a multi-line HTML comment as the line tracker sees it
    Blank = 4,
    Unindented = 8,     // starts with neither a space nor a tab
    Underline = 16,     // only '=' or only '-': may be a setext underline
};

class Scanner
{
public:
    Scanner(QByteArrayView text, qsizetype bodyOffset, qsizetype limit, Problems *problems, MarkdownScan::Engine engine)
        : m_text(text), m_lines(text), m_flags(size_t(m_lines.count()), 0), m_bodyOffset(bodyOffset),
          m_limit(limit), m_problems(problems), m_engine(engine)
    {
    }

    MarkdownScan::Result run()
    {
        m_firstLine = m_lines.indexOf(m_bodyOffset);
        if (m_bodyOffset >= m_text.size())
            return {};
        trackLines();
        parseWithMd4c();
        scanFallback();
        scanLines();
        return std::move(m_result);
    }

private:
    QByteArrayView lineText(int line) const
    {
        return m_text.sliced(m_lines.start(line), m_lines.end(line) - m_lines.start(line));
    }

    // Fences and multi-line HTML comments as a plain line reader sees them: where md4c may be
    // cut, and what counts as code past the md4c limit.
    void trackLines()
    {
        MarkdownLine::Fence fence;
        QByteArrayView rawEnd;
        const char *data = m_text.data();
        for (int line = m_firstLine; line < m_lines.count(); ++line) {
            const qsizetype start = m_lines.start(line);
            const qsizetype end = m_lines.end(line);
            quint8 &flags = m_flags[size_t(line)];
            // Most lines are settled by their first characters; look closer only where needed.
            qsizetype first = start;
            while (first < end && (data[first] == ' ' || data[first] == '\t'))
                ++first;
            if (first == end) {
                flags |= Blank;
            } else {
                if (first == start)
                    flags |= Unindented;
                const char c = data[first];
                if (c == '=' || c == '-') {
                    qsizetype last = end;
                    while (last > first && (data[last - 1] == ' ' || data[last - 1] == '\t'))
                        --last;
                    if (std::all_of(data + first, data + last, [c](char d) { return d == c; }))
                        flags |= Underline;
                }
            }
            const char lead = first < end ? data[first] : 0;
            const bool maybeFence = lead == '`' || lead == '~' || lead == '>';
            const QByteArrayView text(data + start, end - start);
            if (maybeFence && MarkdownLine::looksLikeFence(text))
                flags |= Excluded;

            if (fence.marker) {
                flags |= Inside;
                if (maybeFence && MarkdownLine::closesFence(text, fence))
                    fence = {};
            } else if (!rawEnd.isEmpty()) {
                flags |= Inside;
                if (MarkdownLine::containsNoCase(text, rawEnd))
                    rawEnd = {};
            } else if (maybeFence || lead == '<') {
                if (const MarkdownLine::Fence opened = MarkdownLine::openingFence(text); opened.marker) {
                    fence = opened;
                } else if (const QByteArrayView close = MarkdownLine::rawHtmlEnd(text); !close.isEmpty()) {
                    if (!MarkdownLine::containsNoCase(text.sliced(std::min<qsizetype>(text.size(), 4)), close))
                        rawEnd = close;
                }
            }
        }
    }

    bool splitBefore(int line, qsizetype chunkSize) const
    {
        const quint8 flags = m_flags[size_t(line)];
        if (flags & (Inside | Blank | Underline))
            return false;
        if (chunkSize >= SplitAnywhere)
            return true;
        if (!(flags & Unindented))
            return false;
        if (chunkSize >= SplitAtLine)
            return true;
        return chunkSize >= SplitAtBlock && line > 0 && (m_flags[size_t(line - 1)] & Blank);
    }

    void parseWithMd4c()
    {
        // md4c sees whole lines up to the limit.
        m_md4cEndLine = m_firstLine;
        const qsizetype limitOffset = m_bodyOffset + m_limit;
        while (m_md4cEndLine < m_lines.count() && m_lines.end(m_md4cEndLine) <= limitOffset)
            ++m_md4cEndLine;
        if (m_md4cEndLine < m_lines.count() && m_lines.start(m_md4cEndLine) < m_text.size()) {
            if (m_problems)
                m_problems->append({QString(), m_md4cEndLine + 1,
                                    QStringLiteral("note is larger than %1 KiB: only the first %1 KiB were parsed as "
                                                   "markdown, the rest line by line")
                                        .arg(m_limit / 1024),
                                    Problem::Severity::Warning});
        }
        if (m_engine == MarkdownScan::Engine::Auto && isPlain(m_firstLine, m_md4cEndLine)) {
            for (int line = m_firstLine; line < m_md4cEndLine; ++line) {
                if (auto heading = MarkdownLine::atxHeading(lineText(line), line + 1))
                    m_result.sections.append(*heading);
            }
            return;
        }
        int chunkStart = m_firstLine;
        for (int line = m_firstLine; line < m_md4cEndLine; ++line) {
            const qsizetype size = m_lines.start(line) - m_lines.start(chunkStart);
            if (line > chunkStart && splitBefore(line, size)) {
                parseChunk(chunkStart, line);
                chunkStart = line;
            }
        }
        if (chunkStart < m_md4cEndLine)
            parseChunk(chunkStart, m_md4cEndLine);
    }

    // True when md4c could find nothing in these lines beyond ATX headings with plain text: no
    // code, HTML, entities, tabs, indentation of four or more, setext underlines, headings in
    // containers or with markup. Most generated notes are like this; md4c is then not needed.
    bool isPlain(int firstLine, int endLine) const
    {
        const char *data = m_text.data();
        const qsizetype start = m_lines.start(firstLine);
        const qsizetype end = m_lines.end(endLine - 1);
        for (const char c : {'`', '<', '&', '\t'}) {
            if (MarkdownLine::contains(data + start, data + end, c))
                return false;
        }
        if (MarkdownLine::findRun(data + start, data + end, '~', 3))
            return false;
        for (int line = firstLine; line < endLine; ++line) {
            const quint8 flags = m_flags[size_t(line)];
            if ((flags & Underline) && line > firstLine && !(m_flags[size_t(line - 1)] & Blank))
                return false;
            const char *p = data + m_lines.start(line);
            const char *const lineEnd = data + m_lines.end(line);
            int spaces = 0;
            while (p < lineEnd && (*p == ' ' || *p == '>')) {
                spaces = *p == ' ' ? spaces + 1 : 0;
                if (spaces >= 4)
                    return false;
                ++p;
            }
            if (!MarkdownLine::contains(p, lineEnd, '#'))
                continue;
            const char *content = data + m_lines.start(line);
            while (content < lineEnd && content - (data + m_lines.start(line)) < 3 && *content == ' ')
                ++content;
            if (MarkdownLine::isHeadingStart(content, lineEnd)) {
                // A heading whose text md4c would change (emphasis, links, escapes) needs md4c.
                for (const char *q = content; q < lineEnd; ++q) {
                    if (*q != 0 && std::strchr("*_[]\\!~", *q))
                        return false;
                }
                continue;
            }
            // "> # x", "- # x", "1. # x": a heading inside a container.
            while (p < lineEnd) {
                if (*p == ' ' || *p == '>' || *p == '-' || *p == '*' || *p == '+' || *p == '.' || *p == ')'
                    || (*p >= '0' && *p <= '9'))
                    ++p;
                else
                    break;
            }
            if (p > content && MarkdownLine::isHeadingStart(p, lineEnd))
                return false;
        }
        return true;
    }

    void parseChunk(int firstLine, int endLine)
    {
        const qsizetype start = m_lines.start(firstLine);
        const qsizetype end = endLine < m_lines.count() ? m_lines.start(endLine) : m_text.size();
        const Md4cPass::Output output{&m_flags, Excluded, &m_inlineRanges, &m_result.sections};
        if (!Md4cPass::parse(m_text, start, end, m_lines, output, m_buffer) && m_problems) {
            m_problems->append({QString(), firstLine + 1,
                                QStringLiteral("markdown parser failed on lines %1-%2; they were scanned as text")
                                    .arg(firstLine + 1)
                                    .arg(endLine),
                                Problem::Severity::Warning});
        }
    }

    // Past the md4c limit: code is what the line tracker says, headings are ATX lines.
    void scanFallback()
    {
        for (int line = m_md4cEndLine; line < m_lines.count(); ++line) {
            quint8 &flags = m_flags[size_t(line)];
            if (flags & Inside)
                flags |= Excluded;
            if (flags & (Excluded | Blank))
                continue;
            if (auto heading = MarkdownLine::atxHeading(lineText(line), line + 1))
                m_result.sections.append(*heading);
            MarkdownLine::codeSpans(m_text, m_lines.start(line), m_lines.end(line), m_inlineRanges);
        }
    }

    bool inInlineCode(qsizetype offset)
    {
        while (m_nextRange < m_inlineRanges.size() && m_inlineRanges[m_nextRange].second <= offset)
            ++m_nextRange;
        return m_nextRange < m_inlineRanges.size() && m_inlineRanges[m_nextRange].first <= offset;
    }

    void scanLines()
    {
        QSet<QString> seenTags;
        for (int line = m_firstLine; line < m_lines.count(); ++line) {
            if (m_flags[size_t(line)] & (Excluded | Blank))
                continue;
            const qsizetype start = m_lines.start(line);
            const qsizetype end = m_lines.end(line);
            const char *data = m_text.data();
            if (!MarkdownLine::contains(data + start, data + end, '[')) {
                if (MarkdownLine::contains(data + start, data + end, '#'))
                    scanLine(line, start, end, seenTags);
                continue;
            }
            if (MarkdownLine::mayBeTask(data + start, data + end))
                m_result.taskLines.append({line + 1, start, end});
            scanLine(line, start, end, seenTags);
        }
    }

    void scanLine(int line, qsizetype start, qsizetype end, QSet<QString> &seenTags)
    {
        const char *data = m_text.data();
        bool mayLink = true;   // false once no "]]" follows: keeps a line of "[[[[" linear
        // Only '[' and '#' matter: jump from one to the next (memchr) rather than testing every byte.
        auto find = [&](char wanted, qsizetype from) {
            const void *hit = from < end ? std::memchr(data + from, wanted, size_t(end - from)) : nullptr;
            return hit ? qsizetype(static_cast<const char *>(hit) - data) : end;
        };
        qsizetype hashAt = find('#', start);
        qsizetype openAt = find('[', start);
        for (qsizetype i = start; i < end; ++i) {
            if (hashAt < i)
                hashAt = find('#', i);
            if (openAt < i)
                openAt = mayLink ? find('[', i) : end;
            i = std::min(hashAt, openAt);
            if (i >= end)
                break;
            const char c = data[i];
            if (c == '[' && mayLink && i + 1 < end && data[i + 1] == '[') {
                if (inInlineCode(i))
                    continue;
                const char *const close = MarkdownLine::findRun(data + i + 2, data + end, ']', 2);
                if (!close) {
                    mayLink = false;
                    continue;
                }
                // "[[a [[b]]": the innermost opening wins.
                const char *open = data + i;
                for (const char *q = close - 1; q > open + 1; --q) {
                    if (q[0] == '[' && q[-1] == '[') {
                        open = q - 1;
                        break;
                    }
                }
                const QByteArrayView inner(open + 2, close - open - 2);
                const WikiLink link = MarkdownScan::parseWikiLink(QString::fromUtf8(inner), line + 1);
                if (!link.target.isEmpty())
                    m_result.links.append(link);
                i = (close - data) + 1;
            } else if (c == '#' && (i == start || data[i - 1] == ' ' || data[i - 1] == '\t')) {
                qsizetype j = i + 1;
                bool digitsOnly = true;
                while (j < end) {
                    int length = 1;
                    const char32_t cp = MarkdownLine::codePointAt(m_text, j, end, &length);
                    if (!MarkdownLine::isTagChar(cp))
                        break;
                    if (cp < '0' || cp > '9')
                        digitsOnly = false;
                    j += length;
                }
                if (j > i + 1 && !digitsOnly && !inInlineCode(i)) {
                    const QString tag = QString::fromUtf8(data + i + 1, j - i - 1);
                    const QString key = tag.toCaseFolded();
                    if (!seenTags.contains(key)) {
                        seenTags.insert(key);
                        m_result.tags.append(tag);
                    }
                }
                i = j - 1;
            }
        }
    }

    QByteArrayView m_text;
    LineTable m_lines;
    std::vector<quint8> m_flags;
    std::vector<MarkdownLine::Range> m_inlineRanges;
    size_t m_nextRange = 0;
    qsizetype m_bodyOffset;
    qsizetype m_limit;
    Problems *m_problems;
    MarkdownScan::Engine m_engine;
    int m_firstLine = 0;
    int m_md4cEndLine = 0;
    QByteArray m_buffer;
    MarkdownScan::Result m_result;
};

} // namespace

MarkdownScan::Result MarkdownScan::scan(QByteArrayView text, qsizetype bodyOffset, qsizetype markdownLimit,
                                        Problems *problems, Engine engine)
{
    return Scanner(text, bodyOffset, markdownLimit, problems, engine).run();
}

WikiLink MarkdownScan::parseWikiLink(QStringView inner, int line)
{
    WikiLink link;
    link.line = line;
    QStringView target = inner;
    const qsizetype bar = inner.indexOf(QLatin1Char('|'));
    if (bar >= 0) {
        target = inner.first(bar);
        link.alias = inner.sliced(bar + 1).trimmed().toString();
        if (target.endsWith(QLatin1Char('\\')))   // "[[a\|b]]": the bar escaped inside a table
            target.chop(1);
    }
    const qsizetype hash = target.indexOf(QLatin1Char('#'));
    if (hash >= 0) {
        link.heading = target.sliced(hash + 1).trimmed().toString();
        target = target.first(hash);
    }
    link.target = target.trimmed().toString();
    return link;
}

} // namespace minutes
