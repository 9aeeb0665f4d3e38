#include "note/markdownline.h"

#include <QHash>

#include <cstring>

namespace minutes {

namespace {

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

bool startsWithNoCase(QByteArrayView text, QByteArrayView prefix)
{
    return text.size() >= prefix.size() && qstrnicmp(text.data(), prefix.data(), prefix.size()) == 0;
}

} // namespace

bool MarkdownLine::contains(const char *begin, const char *end, char c)
{
    return begin < end && std::memchr(begin, c, size_t(end - begin)) != nullptr;
}

// The first run of `count` times `c` in [begin, end), or nullptr. (Qt 6.4's substring search is
// slow for short needles; memchr is not.)
const char *MarkdownLine::findRun(const char *begin, const char *end, char c, int count)
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

// "```lang" or "~~~": the fence it opens, if any.
MarkdownLine::Fence MarkdownLine::openingFence(QByteArrayView line)
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

bool MarkdownLine::closesFence(QByteArrayView line, const Fence &fence)
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
bool MarkdownLine::looksLikeFence(QByteArrayView line)
{
    qsizetype i = 0;
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '>'))
        ++i;
    line = line.sliced(i);
    return line.startsWith("```") || line.startsWith("~~~");
}

// HTML blocks that may span blank lines (CommonMark kinds 1 and 2): the text that ends them.
QByteArrayView MarkdownLine::rawHtmlEnd(QByteArrayView line)
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

bool MarkdownLine::containsNoCase(QByteArrayView text, QByteArrayView needle)
{
    if (needle == "-->")
        return text.contains(needle);
    for (qsizetype i = 0; i + needle.size() <= text.size(); ++i) {
        if (qstrnicmp(text.data() + i, needle.data(), needle.size()) == 0)
            return true;
    }
    return false;
}

// An ATX heading ("## Title ##") seen by the line-based fallback.
std::optional<Section> MarkdownLine::atxHeading(QByteArrayView line, int lineNumber)
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
void MarkdownLine::codeSpans(QByteArrayView text, qsizetype start, qsizetype end, std::vector<Range> &ranges)
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

bool MarkdownLine::isTagChar(char32_t c)
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
char32_t MarkdownLine::codePointAt(QByteArrayView text, qsizetype i, qsizetype end, int *length)
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
bool MarkdownLine::mayBeTask(const char *p, const char *end)
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
bool MarkdownLine::isHeadingStart(const char *p, const char *end)
{
    const char *q = p;
    while (q < end && *q == '#')
        ++q;
    return q > p && q - p <= 6 && (q == end || *q == ' ' || *q == '\t');
}

} // namespace minutes
