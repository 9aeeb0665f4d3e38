#include "note/markdownscan.h"

#include <md4c.h>

#include <QHash>
#include <QSet>

#include <algorithm>
#include <optional>
#include <cstring>
#include <vector>

namespace minutes {

namespace {

constexpr unsigned Md4cFlags = MD_FLAG_WIKILINKS | MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH;
constexpr qsizetype Md4cPadding = 16;
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

// Offsets of every line of the file. Lines end at "\n", "\r\n" or a lone "\r".
struct Lines
{
    std::vector<qsizetype> starts;
    std::vector<qsizetype> ends;   // before the line ending

    explicit Lines(QByteArrayView text)
    {
        const char *data = text.data();
        const qsizetype size = text.size();
        starts.reserve(size_t(size / 40 + 2));
        ends.reserve(size_t(size / 40 + 2));
        const bool hasCr = std::memchr(data, '\r', size_t(size)) != nullptr;
        qsizetype pos = 0;
        while (true) {
            starts.push_back(pos);
            qsizetype end;
            if (hasCr) {
                end = pos;
                while (end < size && data[end] != '\n' && data[end] != '\r')
                    ++end;
            } else {
                const void *nl = std::memchr(data + pos, '\n', size_t(size - pos));
                end = nl ? static_cast<const char *>(nl) - data : size;
            }
            ends.push_back(end);
            if (end >= size)
                break;
            pos = end + ((data[end] == '\r' && end + 1 < size && data[end + 1] == '\n') ? 2 : 1);
        }
    }

    int count() const { return int(starts.size()); }
    // 0-based index of the line holding `offset`.
    int indexOf(qsizetype offset) const
    {
        return int(std::upper_bound(starts.begin(), starts.end(), offset) - starts.begin()) - 1;
    }
};

using Range = std::pair<qsizetype, qsizetype>;

bool contains(const char *begin, const char *end, char c)
{
    return begin < end && std::memchr(begin, c, size_t(end - begin)) != nullptr;
}

// The first run of `count` times `c` in [begin, end), or nullptr. (Qt 6.4's substring search is
// slow for short needles; memchr is not.)
const char *findRun(const char *begin, const char *end, char c, int count)
{
    while (begin < end) {
        const auto *hit = static_cast<const char *>(std::memchr(begin, c, size_t(end - begin)));
        if (!hit || end - hit < count)
            return nullptr;
        int run = 1;
        while (run < count && hit[run] == c)
            ++run;
        if (run == count)
            return hit;
        begin = hit + run;
    }
    return nullptr;
}

qsizetype skipQuotePrefix(QByteArrayView line)
{
    // Up to three spaces, and blockquote markers each followed by an optional space.
    qsizetype i = 0;
    while (true) {
        qsizetype spaces = 0;
        while (i < line.size() && line[i] == ' ' && spaces < 4) {
            ++i;
            ++spaces;
        }
        if (spaces > 3)
            return -1;   // indented code, not a fence
        if (i < line.size() && line[i] == '>') {
            ++i;
            if (i < line.size() && line[i] == ' ')
                ++i;
            continue;
        }
        return i;
    }
}

struct Fence
{
    char marker = 0;
    qsizetype length = 0;
};

// "```lang" or "~~~": the fence it opens, if any.
Fence openingFence(QByteArrayView line)
{
    const qsizetype i = skipQuotePrefix(line);
    if (i < 0 || i >= line.size() || (line[i] != '`' && line[i] != '~'))
        return {};
    qsizetype j = i;
    while (j < line.size() && line[j] == line[i])
        ++j;
    if (j - i < 3)
        return {};
    if (line[i] == '`' && line.sliced(j).contains('`'))
        return {};
    return {line[i], j - i};
}

bool closesFence(QByteArrayView line, const Fence &fence)
{
    const qsizetype i = skipQuotePrefix(line);
    if (i < 0)
        return false;
    qsizetype j = i;
    while (j < line.size() && line[j] == fence.marker)
        ++j;
    if (j - i < fence.length)
        return false;
    for (; j < line.size(); ++j) {
        if (line[j] != ' ' && line[j] != '\t')
            return false;
    }
    return true;
}

// Any line that starts, after whitespace and '>', with ``` or ~~~ (its info string holds no links).
bool looksLikeFence(QByteArrayView line)
{
    qsizetype i = 0;
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '>'))
        ++i;
    line = line.sliced(i);
    return line.startsWith("```") || line.startsWith("~~~");
}

bool startsWithNoCase(QByteArrayView text, QByteArrayView prefix)
{
    return text.size() >= prefix.size() && qstrnicmp(text.data(), prefix.data(), prefix.size()) == 0;
}

// HTML blocks that may span blank lines (CommonMark kinds 1 and 2): the text that ends them.
QByteArrayView rawHtmlEnd(QByteArrayView line)
{
    const qsizetype i = skipQuotePrefix(line);
    if (i < 0)
        return {};
    line = line.sliced(i);
    if (line.startsWith("<!--"))
        return "-->";
    static constexpr std::pair<const char *, const char *> Tags[] = {
        {"<pre", "</pre>"}, {"<script", "</script>"}, {"<style", "</style>"}, {"<textarea", "</textarea>"}};
    for (const auto &[open, close] : Tags) {
        const QByteArrayView tag(open);
        if (startsWithNoCase(line, tag)
            && (line.size() == tag.size() || line[tag.size()] == ' ' || line[tag.size()] == '>'))
            return close;
    }
    return {};
}

bool containsNoCase(QByteArrayView text, QByteArrayView needle)
{
    if (needle == "-->")
        return text.contains(needle);
    for (qsizetype i = 0; i + needle.size() <= text.size(); ++i) {
        if (qstrnicmp(text.data() + i, needle.data(), needle.size()) == 0)
            return true;
    }
    return false;
}

QByteArray decodeEntity(QByteArrayView entity)
{
    static constexpr std::pair<const char *, const char *> Named[] = {
        {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&nbsp;", " "}};
    for (const auto &[name, value] : Named) {
        if (entity == QByteArrayView(name))
            return value;
    }
    if (entity.startsWith("&#") && entity.endsWith(";")) {
        bool ok = false;
        const QByteArrayView digits = entity.sliced(2, entity.size() - 3);
        const uint code = (digits.startsWith('x') || digits.startsWith('X'))
                              ? digits.sliced(1).toByteArray().toUInt(&ok, 16)
                              : digits.toByteArray().toUInt(&ok, 10);
        if (ok && code > 0 && code <= 0x10FFFF && (code < 0xD800 || code > 0xDFFF)) {
            const char32_t c = code;
            return QString::fromUcs4(&c, 1).toUtf8();
        }
    }
    return entity.toByteArray();
}

// What the md4c callbacks collect for one chunk.
struct Md4cContext
{
    const char *buffer = nullptr;
    qsizetype size = 0;
    qsizetype base = 0;           // file offset of buffer[0]
    const Lines *lines = nullptr;
    std::vector<quint8> *flags = nullptr;
    std::vector<Range> *inlineRanges = nullptr;
    QList<Section> *sections = nullptr;

    int rawDepth = 0;             // inside a code or HTML block
    int headingLevel = 0;
    int headingLine = 0;
    QByteArray headingText;

    qsizetype offsetOf(const MD_CHAR *text) const
    {
        return (text >= buffer && text < buffer + size) ? base + (text - buffer) : -1;
    }
};

int onEnterBlock(MD_BLOCKTYPE type, void *detail, void *userdata)
{
    auto *context = static_cast<Md4cContext *>(userdata);
    if (type == MD_BLOCK_CODE || type == MD_BLOCK_HTML) {
        ++context->rawDepth;
    } else if (type == MD_BLOCK_H) {
        context->headingLevel = int(static_cast<MD_BLOCK_H_DETAIL *>(detail)->level);
        context->headingLine = 0;
        context->headingText.clear();
    }
    return 0;
}

int onLeaveBlock(MD_BLOCKTYPE type, void *, void *userdata)
{
    auto *context = static_cast<Md4cContext *>(userdata);
    if (type == MD_BLOCK_CODE || type == MD_BLOCK_HTML) {
        --context->rawDepth;
    } else if (type == MD_BLOCK_H) {
        const QString title = QString::fromUtf8(context->headingText).simplified();
        if (!title.isEmpty() && context->headingLine > 0)
            context->sections->append({title, context->headingLevel, context->headingLine});
        context->headingLevel = 0;
    }
    return 0;
}

int onSpan(MD_SPANTYPE, void *, void *)
{
    return 0;
}

int onText(MD_TEXTTYPE type, const MD_CHAR *text, MD_SIZE size, void *userdata)
{
    auto *context = static_cast<Md4cContext *>(userdata);
    if (context->rawDepth == 0 && context->headingLevel == 0 && type != MD_TEXT_CODE && type != MD_TEXT_HTML
        && type != MD_TEXT_LATEXMATH)
        return 0;   // ordinary text: found again by the line scan
    const qsizetype offset = context->offsetOf(text);
    if (context->rawDepth > 0) {
        if (offset >= 0 && size > 0) {
            const int first = context->lines->indexOf(offset);
            const int last = context->lines->indexOf(offset + qsizetype(size) - 1);
            for (int line = first; line <= last; ++line)
                (*context->flags)[size_t(line)] |= Excluded;
        }
        return 0;
    }
    if (offset >= 0 && (type == MD_TEXT_CODE || type == MD_TEXT_HTML || type == MD_TEXT_LATEXMATH))
        context->inlineRanges->emplace_back(offset, offset + qsizetype(size));
    if (context->headingLevel > 0) {
        if (context->headingLine == 0 && offset >= 0)
            context->headingLine = context->lines->indexOf(offset) + 1;
        switch (type) {
        case MD_TEXT_ENTITY:
            context->headingText += decodeEntity(QByteArrayView(text, size));
            break;
        case MD_TEXT_NULLCHAR:
            context->headingText += "\xEF\xBF\xBD";
            break;
        case MD_TEXT_BR:
        case MD_TEXT_SOFTBR:
            context->headingText += ' ';
            break;
        case MD_TEXT_HTML:
            break;
        default:
            context->headingText.append(text, size);
            break;
        }
    }
    return 0;
}

// An ATX heading ("## Title ##") seen by the line-based fallback.
std::optional<Section> atxHeading(QByteArrayView line, int lineNumber)
{
    qsizetype i = 0;
    while (i < line.size() && i < 3 && line[i] == ' ')
        ++i;
    qsizetype level = 0;
    while (i + level < line.size() && line[i + level] == '#')
        ++level;
    if (level == 0 || level > 6)
        return std::nullopt;
    QByteArrayView rest = line.sliced(i + level);
    if (!rest.isEmpty() && rest.front() != ' ' && rest.front() != '\t')
        return std::nullopt;
    rest = rest.trimmed();
    qsizetype end = rest.size();
    while (end > 0 && rest[end - 1] == '#')
        --end;
    if (end == 0 || rest[end - 1] == ' ' || rest[end - 1] == '\t')
        rest = rest.first(end).trimmed();
    const QString title = QString::fromUtf8(rest).simplified();
    if (title.isEmpty())
        return std::nullopt;
    return Section{title, int(level), lineNumber};
}

// Code spans of one line for the fallback: a run of backticks up to the next run as long.
// Runs are matched through per-length queues, so a line of "` `` ``` ..." stays linear.
void codeSpans(QByteArrayView text, qsizetype start, qsizetype end, std::vector<Range> &ranges)
{
    if (!contains(text.data() + start, text.data() + end, '`'))
        return;
    std::vector<Range> runs;
    for (qsizetype i = start; i < end;) {
        if (text[i] != '`') {
            ++i;
            continue;
        }
        const qsizetype runStart = i;
        while (i < end && text[i] == '`')
            ++i;
        runs.emplace_back(runStart, i);
    }
    QHash<qsizetype, std::vector<size_t>> byLength;
    for (size_t k = 0; k < runs.size(); ++k)
        byLength[runs[k].second - runs[k].first].push_back(k);
    QHash<qsizetype, size_t> next;
    for (size_t k = 0; k < runs.size();) {
        const qsizetype length = runs[k].second - runs[k].first;
        const std::vector<size_t> &same = byLength[length];
        size_t &cursor = next[length];
        while (cursor < same.size() && same[cursor] <= k)
            ++cursor;
        if (cursor < same.size()) {
            const size_t closing = same[cursor];
            ranges.emplace_back(runs[k].second, runs[closing].first);
            k = closing + 1;
        } else {
            ++k;
        }
    }
}

bool isTagChar(char32_t c)
{
    if (c < 128)
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'
               || c == '/';
    if (c == 0x200D)   // zero-width joiner inside emoji sequences
        return true;
    switch (QChar::category(c)) {
    case QChar::Letter_Uppercase:
    case QChar::Letter_Lowercase:
    case QChar::Letter_Titlecase:
    case QChar::Letter_Modifier:
    case QChar::Letter_Other:
    case QChar::Number_DecimalDigit:
    case QChar::Number_Letter:
    case QChar::Number_Other:
    case QChar::Mark_NonSpacing:
    case QChar::Mark_SpacingCombining:
    case QChar::Mark_Enclosing:
    case QChar::Symbol_Other:
    case QChar::Symbol_Modifier:
        return true;
    default:
        return false;
    }
}

// Decodes the (valid) UTF-8 sequence at `i`; `length` receives its byte count.
char32_t codePointAt(QByteArrayView text, qsizetype i, qsizetype end, int *length)
{
    const uchar b = uchar(text[i]);
    int n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    if (i + n > end)
        n = 1;
    char32_t c = n == 1 ? b : n == 2 ? (b & 0x1F) : n == 3 ? (b & 0x0F) : (b & 0x07);
    for (int k = 1; k < n; ++k)
        c = (c << 6) | (uchar(text[i + k]) & 0x3F);
    *length = n;
    return c;
}

// A cheap first look at a line with a '[': the shape TaskParser::looksLikeTask accepts
// (TASKS-FORMAT.md §1: prefix, marker, spaces, "[c]" or "[ c]"), never stricter than it. Anything
// non-ASCII where it matters (Unicode spaces, mangled symbols) is left for TaskParser to judge.
bool mayBeTask(const char *p, const char *end)
{
    auto at = [&](const char *q) { return q < end ? uchar(*q) : uchar(0); };
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\v' || *p == '\f' || *p == '\r' || *p == '>'))
        ++p;
    if (at(p) >= 0x80)
        return true;
    if (*p == '-' || *p == '*' || *p == '+') {
        ++p;
    } else {
        const char *digits = p;
        while (p < end && *p >= '0' && *p <= '9')
            ++p;
        if (p == digits || (at(p) != '.' && at(p) != ')'))
            return false;
        ++p;
    }
    if (at(p) != ' ')
        return false;
    while (at(p) == ' ')
        ++p;
    if (at(p) != '[')
        return false;
    const uchar symbol = at(p + 1);
    if (symbol >= 0x80)
        return true;
    if (at(p + 2) == ']')
        return symbol != 0;
    // Minutes' malformed "[ ?]".
    return symbol == ' ' && (at(p + 2) >= 0x80 || at(p + 3) == ']');
}

// "#" to "######" followed by a space, a tab or the end of the line.
bool isHeadingStart(const char *p, const char *end)
{
    const char *q = p;
    while (q < end && *q == '#')
        ++q;
    return q > p && q - p <= 6 && (q == end || *q == ' ' || *q == '\t');
}

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
        return m_text.sliced(m_lines.starts[size_t(line)], m_lines.ends[size_t(line)] - m_lines.starts[size_t(line)]);
    }

    // Fences and multi-line HTML comments as a plain line reader sees them: where md4c may be
    // cut, and what counts as code past the md4c limit.
    void trackLines()
    {
        Fence fence;
        QByteArrayView rawEnd;
        const char *data = m_text.data();
        for (int line = m_firstLine; line < m_lines.count(); ++line) {
            const qsizetype start = m_lines.starts[size_t(line)];
            const qsizetype end = m_lines.ends[size_t(line)];
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
            if (maybeFence && looksLikeFence(text))
                flags |= Excluded;

            if (fence.marker) {
                flags |= Inside;
                if (maybeFence && closesFence(text, fence))
                    fence = {};
            } else if (!rawEnd.isEmpty()) {
                flags |= Inside;
                if (containsNoCase(text, rawEnd))
                    rawEnd = {};
            } else if (maybeFence || lead == '<') {
                if (const Fence opened = openingFence(text); opened.marker) {
                    fence = opened;
                } else if (const QByteArrayView close = rawHtmlEnd(text); !close.isEmpty()) {
                    if (!containsNoCase(text.sliced(std::min<qsizetype>(text.size(), 4)), close))
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
        while (m_md4cEndLine < m_lines.count() && m_lines.ends[size_t(m_md4cEndLine)] <= limitOffset)
            ++m_md4cEndLine;
        if (m_md4cEndLine < m_lines.count() && m_lines.starts[size_t(m_md4cEndLine)] < m_text.size()) {
            if (m_problems)
                m_problems->append({QString(), m_md4cEndLine + 1,
                                    QStringLiteral("note is larger than %1 KiB: only the first %1 KiB were parsed as "
                                                   "markdown, the rest line by line")
                                        .arg(m_limit / 1024),
                                    Problem::Severity::Warning});
        }
        if (m_engine == MarkdownScan::Engine::Auto && isPlain(m_firstLine, m_md4cEndLine)) {
            for (int line = m_firstLine; line < m_md4cEndLine; ++line) {
                if (auto heading = atxHeading(lineText(line), line + 1))
                    m_result.sections.append(*heading);
            }
            return;
        }
        int chunkStart = m_firstLine;
        for (int line = m_firstLine; line < m_md4cEndLine; ++line) {
            const qsizetype size = m_lines.starts[size_t(line)] - m_lines.starts[size_t(chunkStart)];
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
        const qsizetype start = m_lines.starts[size_t(firstLine)];
        const qsizetype end = m_lines.ends[size_t(endLine - 1)];
        for (const char c : {'`', '<', '&', '\t'}) {
            if (contains(data + start, data + end, c))
                return false;
        }
        if (findRun(data + start, data + end, '~', 3))
            return false;
        for (int line = firstLine; line < endLine; ++line) {
            const quint8 flags = m_flags[size_t(line)];
            if ((flags & Underline) && line > firstLine && !(m_flags[size_t(line - 1)] & Blank))
                return false;
            const char *p = data + m_lines.starts[size_t(line)];
            const char *const lineEnd = data + m_lines.ends[size_t(line)];
            int spaces = 0;
            while (p < lineEnd && (*p == ' ' || *p == '>')) {
                spaces = *p == ' ' ? spaces + 1 : 0;
                if (spaces >= 4)
                    return false;
                ++p;
            }
            if (!contains(p, lineEnd, '#'))
                continue;
            const char *content = data + m_lines.starts[size_t(line)];
            while (content < lineEnd && content - (data + m_lines.starts[size_t(line)]) < 3 && *content == ' ')
                ++content;
            if (isHeadingStart(content, lineEnd)) {
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
            if (p > content && isHeadingStart(p, lineEnd))
                return false;
        }
        return true;
    }

    void parseChunk(int firstLine, int endLine)
    {
        const qsizetype start = m_lines.starts[size_t(firstLine)];
        const qsizetype end = endLine < m_lines.count() ? m_lines.starts[size_t(endLine)] : m_text.size();
        const qsizetype size = end - start;
        // md4c 0.4.8 reads a byte past the end in places: give it zeroed padding.
        m_buffer.resize(size + Md4cPadding);
        std::memcpy(m_buffer.data(), m_text.data() + start, size_t(size));
        std::memset(m_buffer.data() + size, 0, Md4cPadding);

        Md4cContext context;
        context.buffer = m_buffer.constData();
        context.size = size;
        context.base = start;
        context.lines = &m_lines;
        context.flags = &m_flags;
        context.inlineRanges = &m_inlineRanges;
        context.sections = &m_result.sections;

        MD_PARSER parser{};
        parser.flags = Md4cFlags;
        parser.enter_block = onEnterBlock;
        parser.leave_block = onLeaveBlock;
        parser.enter_span = onSpan;
        parser.leave_span = onSpan;
        parser.text = onText;
        if (md_parse(context.buffer, MD_SIZE(size), &parser, &context) != 0 && m_problems) {
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
            if (flags & Excluded)
                continue;
            if (auto heading = atxHeading(lineText(line), line + 1))
                m_result.sections.append(*heading);
            codeSpans(m_text, m_lines.starts[size_t(line)], m_lines.ends[size_t(line)], m_inlineRanges);
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
            if (m_flags[size_t(line)] & Excluded)
                continue;
            const qsizetype start = m_lines.starts[size_t(line)];
            const qsizetype end = m_lines.ends[size_t(line)];
            const char *data = m_text.data();
            if (!contains(data + start, data + end, '[')) {
                if (contains(data + start, data + end, '#'))
                    scanLine(line, start, end, seenTags);
                continue;
            }
            if (mayBeTask(data + start, data + end))
                m_result.taskLines.append({line + 1, start, end});
            scanLine(line, start, end, seenTags);
        }
    }

    void scanLine(int line, qsizetype start, qsizetype end, QSet<QString> &seenTags)
    {
        const char *data = m_text.data();
        bool mayLink = true;   // false once no "]]" follows: keeps a line of "[[[[" linear
        for (qsizetype i = start; i < end; ++i) {
            const char c = data[i];
            if (c == '[' && mayLink && i + 1 < end && data[i + 1] == '[') {
                if (inInlineCode(i))
                    continue;
                const char *const close = findRun(data + i + 2, data + end, ']', 2);
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
                    const char32_t cp = codePointAt(m_text, j, end, &length);
                    if (!isTagChar(cp))
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
    Lines m_lines;
    std::vector<quint8> m_flags;
    std::vector<Range> m_inlineRanges;
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
