#pragma once

#include "note/note.h"

#include <QByteArrayView>

#include <optional>
#include <utility>
#include <vector>

namespace minutes {

// Markdown syntax that can be read from single lines without a parser: fences, HTML blocks
// that span blank lines, ATX headings, code spans, tags, the rough shape of a task line. Used
// where md4c is not needed (plain notes) or not allowed (past the md4c limit). Pure functions.
class MarkdownLine final
{
public:
    using Range = std::pair<qsizetype, qsizetype>;   // file offsets [first, second)

    struct Fence
    {
        char marker = 0;        // '`' or '~'; 0 when the line opens no fence
        qsizetype length = 0;
    };

    // Whether [begin, end) contains `c`; the first run of `count` times `c`, or nullptr.
    static bool contains(const char *begin, const char *end, char c);
    static const char *findRun(const char *begin, const char *end, char c, int count);

    // "```lang" or "~~~" (up to three spaces, also inside '>' quotes): the fence it opens.
    static Fence openingFence(QByteArrayView line);
    static bool closesFence(QByteArrayView line, const Fence &fence);
    // Any line that starts, after whitespace and '>', with ``` or ~~~.
    static bool looksLikeFence(QByteArrayView line);
    // "<!--", "<pre", "<script", "<style", "<textarea": the text that ends the block, else empty.
    static QByteArrayView rawHtmlEnd(QByteArrayView line);
    static bool containsNoCase(QByteArrayView text, QByteArrayView needle);

    // "## Title ##" with its 1-based line; nothing for other lines and empty titles.
    static std::optional<Section> atxHeading(QByteArrayView line, int lineNumber);
    // "#" to "######" followed by a space, a tab or the end.
    static bool isHeadingStart(const char *p, const char *end);
    // Appends the code spans of text[start, end) (one line) to `ranges`.
    static void codeSpans(QByteArrayView text, qsizetype start, qsizetype end, std::vector<Range> &ranges);

    // Tags are letters, digits, marks, symbols (emoji), '_', '-' and '/'.
    static bool isTagChar(char32_t c);
    // Decodes the (valid) UTF-8 sequence at `i`; `length` receives its byte count.
    static char32_t codePointAt(QByteArrayView text, qsizetype i, qsizetype end, int *length);
    // Could [p, end) be a task line (TASKS-FORMAT.md §1)? Never stricter than TaskParser.
    static bool mayBeTask(const char *p, const char *end);
};

} // namespace minutes
