#pragma once

#include "core/problem.h"
#include "note/task.h"

#include <QStringList>
#include <QStringView>

#include <optional>

namespace minutes {

// Reads one line of a note as the Obsidian Tasks plugin reads it (TASKS-FORMAT.md), with the
// departures Minutes decided on: "[ ?]" is a task with status '?', "- [ ]No space" is not, and a
// trailing "@Name" in the description is the task's owner. Pure and thread-safe.
//
// Task::description is what the plugin calls the description (signifiers removed, tags peeled
// from among the fields put back at the end in order) minus the owner text:
//   "Call Ann @Rob Banga 📅 2025-11-08 #task ⏫ #x"  ->  description "Call Ann #task #x",
//   owner "Rob Banga", tags {"#task", "#x"}, due 2025-11-08, priority High.
// Owner rule: ignore the run of hashtags at the end of that description; the owner is the text
// after the LAST '@' that starts a word (at the start or after whitespace) when that text, up to
// the tags, is 1-4 name words. A name word starts with a letter and holds letters, digits, inner
// apostrophes or hyphens, and dots only as short abbreviations ("J.", "Jr."); every word after
// the first starts with a capital or is a particle ("van", "de", ...). So "@Myself", "@Rob Banga",
// "@Ana de Souza" are owners; "ann@example.com", "@ home", "@Rob re: pricing", "@bob about the
// deck" are not (the text stays in the description). The owner is found even where the plugin
// would stop its scan ("📅 2025-11-08 @Rob Banga": owner Rob Banga, no due date).
// Invalid dates (2025-02-29) and rules not starting with "every" are consumed as the plugin does,
// leave the field empty and add a Problem naming the text.
class TaskParser final
{
public:
    // `line` is the line as read from disk (no line ending; a stray '\r' is tolerated).
    // Signifiers are recognised on a mojibake-repaired copy; Task::rawLine keeps `line` as is.
    // Problems (invalid dates, ...) are appended with `lineNumber` and an empty file.
    static std::optional<Task> parse(QStringView line, int lineNumber, Problems *problems = nullptr);
    // The same; Task::rawLine shares `line` rather than copying it (the loader's path).
    static std::optional<Task> parse(const QString &line, int lineNumber, Problems *problems = nullptr);

    // True when `line` has the shape of a task line (prefix, marker, checkbox), without parsing.
    static bool looksLikeTask(QStringView line);

    // Every hashtag in `text` by the plugin's rule ('#' at the start or after whitespace, then
    // characters other than space and !@#$%^&*(),.?":{}|<>), with its '#', in order.
    static QStringList extractTags(QStringView text);

private:
    static std::optional<Task> parse(QStringView line, const QString *shared, int lineNumber, Problems *problems);
};

} // namespace minutes
