#pragma once

#include "core/problem.h"
#include "note/note.h"

#include <QByteArrayView>
#include <QList>
#include <QStringList>

namespace minutes {

// Finds what the index needs in a note's markdown body: headings (sections), [[wikilinks]], #tags
// and the lines that may hold tasks, all with 1-based file lines, and nothing from code blocks,
// inline code or HTML blocks. md4c decides the block structure; links and tags are then found in
// the remaining lines directly, since md4c reports neither tags nor wikilinks longer than 100
// characters. md4c 0.4.8 is guarded (PITFALLS.md): it gets padded copies, in chunks split where
// a new top-level block starts (its worst case is quadratic per paragraph), and only the first
// `markdownLimit` bytes; the rest is scanned line by line, tracking fences itself.
class MarkdownScan final
{
public:
    // A line outside code and HTML that has the rough shape of a task line (a list marker and a
    // '['); TaskParser::looksLikeTask decides.
    struct TaskLine
    {
        int line = 0;           // 1-based
        qsizetype start = 0;    // byte offsets of the line in the scanned text, without its ending
        qsizetype end = 0;
    };

    struct Result
    {
        QList<Section> sections;
        QList<WikiLink> links;
        QStringList tags;        // without '#', in order, de-duplicated case-insensitively
        QList<TaskLine> taskLines;
    };

    // Auto skips md4c for plain markdown (no code, HTML, setext or decorated headings), where it
    // could only find the ATX headings a line scan finds too; Md4c always runs it (for tests).
    enum class Engine { Auto, Md4c };

    // `text` is the whole file as valid UTF-8; the body starts at `bodyOffset` (a line start).
    // Problems get an empty file name.
    static Result scan(QByteArrayView text, qsizetype bodyOffset, qsizetype markdownLimit,
                       Problems *problems = nullptr, Engine engine = Engine::Auto);

    // Splits the inside of [[...]]: "target#heading|alias". The target may come out empty.
    static WikiLink parseWikiLink(QStringView inner, int line);
};

} // namespace minutes
