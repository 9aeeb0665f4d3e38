#pragma once

#include <QByteArray>
#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>

namespace minutes {

// Obsidian Tasks priorities, valued by the plugin's sort rank (highest first, none in the middle).
enum class Priority : qint8 { Highest = 0, High = 1, Medium = 2, None = 3, Low = 4, Lowest = 5 };

// What a status symbol means with the plugin's default statuses (TASKS-FORMAT.md §2).
enum class TaskState : qint8 { Todo, InProgress, Done, Cancelled };

// What a status symbol means (Task::state(), NoteTask::state()).
inline TaskState stateOfStatus(char32_t status)
{
    switch (status) {
    case U'x': return TaskState::Done;
    case U'/': return TaskState::InProgress;
    case U'-': return TaskState::Cancelled;
    default: return TaskState::Todo;
    }
}

// One action item: a checkbox line of a note, read as the Obsidian Tasks plugin reads it
// (TASKS-FORMAT.md), plus what Minutes adds (the @owner). Holds the exact raw line and its
// line number so that a write-back can find and check it.
struct Task
{
    int line = 0;            // 1-based line number in the file
    QString rawLine;         // the line exactly as decoded from disk (no line ending, no repair)

    QString prefix;          // leading whitespace and '>' characters
    QString marker;          // "-", "*", "+", "1.", "12)"
    char32_t status = U' ';  // the single status symbol; the malformed "[ ?]" reads as '?'
    bool malformedStatus = false; // true for "[ ?]" (space before the symbol)

    QString description;     // the text without signifiers, tags re-collected at the end, repaired
    QString owner;           // "Myself", "Rob Banga"; empty when the line names none
    QStringList tags;        // "#task", "#proposed", in order of appearance

    Priority priority = Priority::None;
    QDate due, scheduled, start, created, done, cancelled;
    QString recurrence;      // "every week when done"; empty when none
    QString onCompletion;    // "keep", "delete" or another word as written; empty when none
    QString id;
    QStringList dependsOn;
    QString blockLink;       // "^abc-1" without the leading space; empty when none

    TaskState state() const { return stateOfStatus(status); }
    bool isOpen() const { return state() == TaskState::Todo || state() == TaskState::InProgress; }
    QString statusSymbol() const { return QString::fromUcs4(&status, 1); }

    friend bool operator==(const Task &, const Task &) = default;
};

// What a note keeps of each of its tasks (Note::tasks): what the task panel shows, sorts and
// filters by, and the line as read, from which the whole Task is read again when one is asked
// for (a write-back, the command line). A vault holds hundreds of thousands of these: the rest
// of a Task (its other dates, recurrence, ids, prefix, marker) is rarely set and rarely asked
// for, and a Task is three times the size. The line and the description are kept in UTF-8
// (mostly ASCII): half the bytes, and what the task panel's filter reads.
struct NoteTask
{
    QByteArray descriptionUtf8;   // Task::description in UTF-8 (description())
    QString owner;                // Task::owner
    QByteArray rawLine;           // Task::rawLine in UTF-8 (rawText() gives it back exactly)
    QDate due;
    int line = 0;
    char32_t status = U' ';
    Priority priority = Priority::None;

    NoteTask() = default;
    NoteTask(const Task &task);   // implicit: a parsed task is kept as a NoteTask

    // The whole task, read again from the line (TaskParser), as the note's parse read it.
    Task task() const;
    QString rawText() const;       // Task::rawLine (a BOM opening the line stays)
    QString description() const;   // Task::description (the same)
    QStringList tags() const;      // Task::tags: the hashtags of the description

    TaskState state() const { return stateOfStatus(status); }
    bool isOpen() const { return state() == TaskState::Todo || state() == TaskState::InProgress; }
    QString statusSymbol() const { return QString::fromUcs4(&status, 1); }

    friend bool operator==(const NoteTask &, const NoteTask &) = default;
};

} // namespace minutes
