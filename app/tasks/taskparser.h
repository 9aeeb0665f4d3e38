#pragma once

#include "core/problem.h"
#include "note/task.h"

#include <QStringView>

#include <optional>

namespace minutes {

// Reads one line of a note as the Obsidian Tasks plugin reads it (TASKS-FORMAT.md), with the
// departures Minutes decided on: "[ ?]" is a task with status '?', "- [ ]No space" is not, and a
// trailing "@Name" in the description is the task's owner. Pure and thread-safe.
class TaskParser final
{
public:
    // `line` is the line as read from disk (no line ending; a stray '\r' is tolerated).
    // Signifiers are recognised on a mojibake-repaired copy; Task::rawLine keeps `line` as is.
    // Problems (invalid dates, ...) are appended with `lineNumber` and an empty file.
    static std::optional<Task> parse(QStringView line, int lineNumber, Problems *problems = nullptr);

    // True when `line` has the shape of a task line (prefix, marker, checkbox), without parsing.
    static bool looksLikeTask(QStringView line);
};

} // namespace minutes
