#pragma once

#include "note/task.h"

#include <QByteArray>
#include <QDate>
#include <QString>
#include <QStringList>

#include <optional>

namespace minutes {

// One change of consecutive lines of a note, as TaskWriter made it: enough to find the lines
// again, to apply the change, and to revert it (undo is `reversed()` applied the same safe way).
// Lines are decoded text without their line endings.
struct LineEdit
{
    QString path;                 // the note, as the caller named it
    int line = 0;                 // 1-based line where `before` starts (and `after` once applied)
    QStringList before;           // the lines replaced; empty for an insertion
    QStringList after;            // what replaces them; empty when 🏁 delete removed the task
    std::optional<QString> above; // the neighbouring lines when the edit was made (nullopt at the
    std::optional<QString> below; // start / end of the file): where an empty block goes back
    QString lineEnding;           // "\n" or "\r\n": for new lines when no neighbour tells
    QString summary;              // what the edit does, in words

    LineEdit reversed() const;
    friend bool operator==(const LineEdit &, const LineEdit &) = default;
};

// The outcome of planning, applying or writing an edit.
struct TaskWriteResult
{
    bool ok = false;
    QString error;         // why nothing was changed, in words a user can act on
    LineEdit edit;         // as applied: `line` and the neighbours are where it was found
    QByteArray bytes;      // the whole file after the edit
    QByteArray contentHash; // SHA-1 of `bytes` as written (how the watcher knows our own save)
};

// Writes a changed task status back into its markdown file the way the Obsidian Tasks plugin
// does (TASKS-FORMAT.md §5: done/cancelled dates, recurrence, 🏁), but edits minimally: only
// the status and the fields that change are touched; other lines, line endings, BOM and the
// final newline stay byte for byte. Every result is re-read with TaskParser before it is used.
class TaskWriter final
{
public:
    // The status the plugin's toggle moves `status` to: space -> x, x -> space, / -> x,
    // - -> space, anything else -> x.
    static char32_t toggledStatus(char32_t status);

    // Pure. Plans setting `task` (as read: Task::line and Task::rawLine) to `status` (nullopt:
    // toggle) in the file content `bytes`, on `today`. The task is looked for at its line, then
    // as a unique identical line elsewhere; gone, changed or ambiguous means a refusal.
    static TaskWriteResult plan(const QByteArray &bytes, const Task &task,
                                std::optional<char32_t> status, QDate today);

    // Pure. Applies `edit` to `bytes`: `before` at edit.line, else found uniquely elsewhere
    // (an empty `before` is placed between `above` and `below`); otherwise refuses.
    static TaskWriteResult apply(const QByteArray &bytes, const LineEdit &edit);

    // On disk, through SafeFileWriter (symlinks must stay inside `vaultRoot`). If the file
    // changes while writing, the edit is redone on the new content. `path` as the caller names it.
    static TaskWriteResult setStatus(const QString &path, const QString &vaultRoot, const Task &task,
                                     std::optional<char32_t> status, QDate today);
    static TaskWriteResult applyToFile(const LineEdit &edit, const QString &vaultRoot);   // redo
    static TaskWriteResult revertInFile(const LineEdit &edit, const QString &vaultRoot);  // undo
};

} // namespace minutes
