#pragma once

// What each fuzz target checks beyond "no sanitizer report", as plain functions over one input:
// the libFuzzer targets (tests/fuzz/fuzz_*.cpp) call them, and so does the Qt Test suite that
// replays every corpus file (tests/hostile/tst_fuzzcorpus.cpp). The includer defines
// FUZZ_CHECK(condition): abort for libFuzzer, a test failure for Qt Test.

#ifndef FUZZ_CHECK
#error "define FUZZ_CHECK before including invariants.h"
#endif

#include "note/frontmatter.h"
#include "note/markdownrenderer.h"
#include "note/markdownscan.h"
#include "note/mojibake.h"
#include "note/noteparser.h"
#include "note/searchtext.h"
#include "note/simpleyaml.h"
#include "note/yamlreader.h"
#include "tasks/tasklinelayout.h"
#include "tasks/taskparser.h"
#include "tasks/taskwriter.h"

#include <QByteArray>
#include <QList>
#include <QSet>
#include <QString>
#include <QUrl>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>

namespace minutes::fuzz {

// Front matter: the bounded scan for the "---" block, both YAML readers, the typed fields.
// Beyond memory errors it checks that the fast reader (SimpleYaml), where it answers, answers
// exactly as yaml-cpp does: the index must not depend on which reader a note happened to take.
inline void frontmatter(const uint8_t *data, size_t size)
{
    const QByteArrayView text(reinterpret_cast<const char *>(data), qsizetype(size));

    Problems problems;
    const FrontMatter fm = FrontMatterParser::parse(text, &problems);
    FUZZ_CHECK(fm.bodyOffset >= 0 && fm.bodyOffset <= text.size());
    FUZZ_CHECK(fm.bodyLine >= 1);
    FUZZ_CHECK(fm.present || (fm.bodyOffset == 0 && fm.bodyLine == 1 && fm.fields.isEmpty()));
    for (const Problem &problem : std::as_const(problems)) {
        FUZZ_CHECK(problem.line >= 0);
        FUZZ_CHECK(!problem.message.isEmpty());
    }

    // The readers see valid UTF-8 with '\n' endings (NoteParser decodes, FrontMatterParser
    // normalises), and yaml-cpp only text that the fast reader found simple (so shallow).
    if (text.contains('\r') || QString::fromUtf8(text).toUtf8() != text)
        return;
    if (const std::optional<YamlValue> fast = SimpleYaml::parse(text)) {
        Problems yamlProblems;
        const std::optional<YamlValue> full = YamlReader::read(text, 1, &yamlProblems);
        FUZZ_CHECK(full.has_value());
        FUZZ_CHECK(*full == *fast);
    }
}

// One task line: the parser, its layout, and the write-back. parse -> write -> parse must be
// stable: a planned edit re-reads with the wanted status and fields, applying the edit again to
// the original gives the same bytes, and its reversal gives back the original bytes exactly.
inline void taskline(const uint8_t *data, size_t size)
{
    QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    // The first line only: a file's lines never hold a line break. A second line, if any, is
    // placed after the task so that the edit happens inside a file.
    qsizetype end = 0;
    while (end < input.size() && input[end] != '\n' && input[end] != '\r')
        ++end;
    const QString line = QString::fromUtf8(input.first(end));
    const QString next = end < input.size() ? QString::fromUtf8(input.sliced(end + 1)).section(QLatin1Char('\n'), 0, 0)
                                            : QString();

    Problems problems;
    const std::optional<Task> task = TaskParser::parse(line, 3, &problems);
    (void)TaskParser::extractTags(line);
    const bool looks = TaskParser::looksLikeTask(line);
    const std::optional<TaskLineLayout> layout = TaskLineLayout::of(line);
    if (!task)
        return;
    FUZZ_CHECK(looks);
    FUZZ_CHECK(task->line == 3);
    FUZZ_CHECK(task->rawLine == line);
    for (const Problem &problem : std::as_const(problems))
        FUZZ_CHECK(problem.line == 3);
    if (layout) {
        FUZZ_CHECK(0 <= layout->statusStart && layout->statusStart <= layout->statusEnd);
        FUZZ_CHECK(layout->statusEnd <= layout->bodyStart && layout->bodyStart <= line.size());
        FUZZ_CHECK(layout->contentEnd <= line.size());
        for (const TaskLineLayout::Field &f : layout->fields)
            FUZZ_CHECK(0 <= f.start && f.start <= f.valueStart && f.valueStart <= f.end && f.end <= line.size());
    }

    const QByteArray bytes = QByteArrayLiteral("# Fuzz\n\n") + line.toUtf8() + '\n' + next.toUtf8() + '\n';
    const QDate today(2025, 11, 8);
    const std::optional<char32_t> statuses[] = {std::nullopt, U'x', U' ', U'-', U'/'};
    for (const std::optional<char32_t> &status : statuses) {
        const TaskWriteResult planned = TaskWriter::plan(bytes, *task, status, today);
        if (!planned.ok) {
            FUZZ_CHECK(!planned.error.isEmpty());
            continue;
        }
        FUZZ_CHECK(planned.edit.line == 3);
        FUZZ_CHECK(planned.edit.before == QStringList{line});
        FUZZ_CHECK(planned.edit.after.size() <= 2);

        // Every line written re-reads as a task. The completed line is the last one, unless
        // 🏁 delete removed it (a recurring task then leaves only its next occurrence).
        const char32_t wanted = status.value_or(TaskWriter::toggledStatus(task->status));
        Task wantedState = *task;
        wantedState.status = wanted;
        const bool completing = wantedState.state() == TaskState::Done && task->state() != TaskState::Done;
        const bool deleted = completing && task->onCompletion.compare(QLatin1String("delete"), Qt::CaseInsensitive) == 0;
        for (qsizetype k = 0; k < planned.edit.after.size(); ++k) {
            const std::optional<Task> reread = TaskParser::parse(planned.edit.after.at(k), 3);
            FUZZ_CHECK(reread.has_value());
            FUZZ_CHECK(reread->description == task->description);
            FUZZ_CHECK(reread->owner == task->owner);
            if (!deleted && k == planned.edit.after.size() - 1) {
                FUZZ_CHECK(reread->status == wanted);
                FUZZ_CHECK(reread->due == task->due);
                FUZZ_CHECK(reread->tags == task->tags);
            }
        }

        const TaskWriteResult redone = TaskWriter::apply(bytes, planned.edit);
        FUZZ_CHECK(redone.ok);
        FUZZ_CHECK(redone.bytes == planned.bytes);
        const TaskWriteResult undone = TaskWriter::apply(planned.bytes, planned.edit.reversed());
        FUZZ_CHECK(undone.ok);
        FUZZ_CHECK(undone.bytes == bytes);
    }
}

// Mojibake repair and wikilinks: the repair never grows text and leaves alone what mayContain()
// rules out; a wikilink target survives the trip through the minutes-link: URL that the reader
// puts in the page and gets back from a click (encoded, then parsed again).
inline void wikilink(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));

    int repairs = -1;
    const QString repaired = Mojibake::repair(text, &repairs);
    FUZZ_CHECK(repairs >= 0);
    FUZZ_CHECK(repaired.size() <= text.size());
    FUZZ_CHECK(repairs > 0 || repaired == text);
    if (!Mojibake::mayContain(text))
        FUZZ_CHECK(repairs == 0);

    const WikiLink link = MarkdownScan::parseWikiLink(text, 7);
    FUZZ_CHECK(link.line == 7);
    FUZZ_CHECK(link.target == link.target.trimmed());
    FUZZ_CHECK(!link.target.contains(QLatin1Char('|')));

    // Known not to survive QUrl, harmlessly (the reader then finds no such note and refuses the
    // click): a target starting with "//" (read back as an authority; corpus crash-033ebd8c...)
    // and noncharacters such as U+FFFF (corpus crash-min-ffff, crash-min-1ffff).
    const QList<uint> codePoints = link.target.toUcs4();
    const bool urlSafe = !link.target.startsWith(QLatin1String("//"))
                         && std::none_of(codePoints.cbegin(), codePoints.cend(),
                                         [](uint c) { return QChar::isNonCharacter(c); });
    if (!link.target.isEmpty() && urlSafe) {
        const QUrl url = MarkdownRenderer::linkUrl(link.target);
        FUZZ_CHECK(MarkdownRenderer::linkTarget(url) == link.target);
        const QUrl clicked = QUrl::fromEncoded(url.toEncoded());
        FUZZ_CHECK(MarkdownRenderer::linkTarget(clicked) == link.target);
    }
}

// The whole-note loader: decoding, mojibake repair, front matter, md4c, tasks. Beyond memory
// errors it checks what the rest of the app relies on: every problem names the file, lines are
// inside the file, a wikilink target is never empty, there is always a title, and a task's raw
// line is exactly the line on disk (the write-back finds the task by it).
namespace detail {

// The lines of a file as TaskWriter and the parser count them: "\n", "\r\n" or a lone "\r".
inline QList<QByteArrayView> linesOf(QByteArrayView text)
{
    QList<QByteArrayView> lines;
    qsizetype start = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] == '\n' || text[i] == '\r') {
            lines.append(text.sliced(start, i - start));
            if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n')
                ++i;
            start = i + 1;
        }
    }
    lines.append(text.sliced(start));
    return lines;
}

} // namespace detail

inline void note(const uint8_t *data, size_t size)
{
    const QString path = QStringLiteral("Meetings/2025-01-02 Fuzz.md");
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const Note note = NoteParser::parse(path, bytes);

    FUZZ_CHECK(note.relativePath == path);
    FUZZ_CHECK(!note.title.isEmpty());
    FUZZ_CHECK(note.bodyLine >= 1);
    for (const Problem &problem : note.problems) {
        FUZZ_CHECK(problem.file == path);
        FUZZ_CHECK(problem.line >= 0);
        FUZZ_CHECK(!problem.message.isEmpty());
    }

    const bool plainUtf8 = !bytes.startsWith("\xEF\xBB\xBF") && !bytes.startsWith("\xFF\xFE")
                           && !bytes.startsWith("\xFE\xFF") && QString::fromUtf8(bytes).toUtf8() == bytes;
    const QList<QByteArrayView> lines = detail::linesOf(bytes);
    const int lineCount = int(lines.size());
    for (const Section &section : note.sections)
        FUZZ_CHECK(section.line >= note.bodyLine && section.line <= lineCount);
    for (const WikiLink &link : note.links) {
        FUZZ_CHECK(link.line >= note.bodyLine && link.line <= lineCount);
        FUZZ_CHECK(!link.target.isEmpty());
    }
    int previous = 0;
    for (const NoteTask &task : note.tasks) {
        FUZZ_CHECK(task.line > previous && task.line >= note.bodyLine && task.line <= lineCount);
        previous = task.line;
        if (plainUtf8)
            FUZZ_CHECK(lines.at(task.line - 1) == task.rawLine);
    }

    // What an index keeps of a body stands for it exactly; the rest does not depend on keeping it.
    const QByteArray body = note.body.toUtf8();
    FUZZ_CHECK(note.bodyLength == note.body.size());
    FUZZ_CHECK(note.searchText == SearchText::fold(note.title, note.tags, body));
    FUZZ_CHECK(note.opensWithHeading
               == note.body.trimmed().section(QLatin1Char('\n'), 0, 0).trimmed().startsWith(QLatin1String("# ")));
    const Note dropped = NoteParser::parse(path, bytes, NoteParser::Body::Drop);
    FUZZ_CHECK(dropped.body.isEmpty());
    FUZZ_CHECK(dropped.searchText == note.searchText && dropped.bodyLength == note.bodyLength);
    FUZZ_CHECK(dropped.title == note.title && dropped.tags == note.tags && dropped.links == note.links);
    FUZZ_CHECK(dropped.tasks == note.tasks && dropped.sections == note.sections && dropped.problems == note.problems);
}

// What the reader shows: a note parsed and rendered to HTML for QTextBrowser. Raw HTML in a note
// must come out as text, so the page holds only the tags the renderer itself writes.
namespace detail {

inline bool isAllowedTag(const QString &name)
{
    static const QSet<QString> allowed{
        QStringLiteral("p"), QStringLiteral("a"), QStringLiteral("h1"), QStringLiteral("h2"), QStringLiteral("h3"),
        QStringLiteral("h4"), QStringLiteral("h5"), QStringLiteral("h6"), QStringLiteral("ul"), QStringLiteral("ol"),
        QStringLiteral("li"), QStringLiteral("em"), QStringLiteral("strong"), QStringLiteral("code"),
        QStringLiteral("pre"), QStringLiteral("blockquote"), QStringLiteral("table"), QStringLiteral("thead"),
        QStringLiteral("tbody"), QStringLiteral("tr"), QStringLiteral("th"), QStringLiteral("td"),
        QStringLiteral("img"), QStringLiteral("br"), QStringLiteral("hr"), QStringLiteral("del"),
        QStringLiteral("s"), QStringLiteral("span"), QStringLiteral("div"), QStringLiteral("u"), QStringLiteral("b"),
        QStringLiteral("i"), QStringLiteral("input"), QStringLiteral("sup"), QStringLiteral("sub")};
    return allowed.contains(name);
}

// Every tag name in `html` (opening or closing).
inline void checkTags(const QString &html)
{
    for (qsizetype i = html.indexOf(QLatin1Char('<')); i >= 0; i = html.indexOf(QLatin1Char('<'), i + 1)) {
        qsizetype k = i + 1;
        if (k < html.size() && html[k] == QLatin1Char('/'))
            ++k;
        const qsizetype start = k;
        while (k < html.size() && html[k].isLetterOrNumber() && html[k].unicode() < 0x80)
            ++k;
        const QString name = html.mid(start, k - start).toLower();
        if (!isAllowedTag(name)) {
            std::fprintf(stderr, "unexpected tag <%s> in: %s\n", qPrintable(name),
                         qPrintable(html.mid(qMax<qsizetype>(0, i - 40), 120)));
            FUZZ_CHECK(isAllowedTag(name));
        }
    }
}

} // namespace detail

inline void render(const uint8_t *data, size_t size)
{
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const Note note = NoteParser::parse(QStringLiteral("Fuzz.md"), bytes);
    const RenderedMarkdown page = MarkdownRenderer::render(note);
    detail::checkTags(page.html);
    // The same text without the note's anchors, as a plain string.
    detail::checkTags(MarkdownRenderer::render(QString::fromUtf8(bytes)).html);
}

} // namespace minutes::fuzz
