#pragma once

#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

namespace minutes {

// Where the pieces of a raw task line sit, so that TaskWriter can change a status or one field
// and leave every other character alone. Reads the line as TaskParser does (the plugin's
// backwards signifier scan, TASKS-FORMAT.md §3) but on the raw text: signifier emojis are
// recognised as written and in their Mac Roman mojibake spelling ("üìÖ" for 📅).
class TaskLineLayout final
{
public:
    enum class Kind { Priority, Done, Cancelled, Due, Scheduled, Start, Created, Recurrence,
                      OnCompletion, Tag, Id, DependsOn };

    // One signifier of the trailing run: [start, end) covers emoji, U+FE0F, spaces and value.
    struct Field
    {
        Kind kind = Kind::Tag;
        qsizetype start = 0;
        qsizetype valueStart = 0;
        qsizetype end = 0;
    };

    // nullopt when `line` is not shaped like a task line ("- [ ] ", "> 1. [ ?] ").
    static std::optional<TaskLineLayout> of(QStringView line);

    qsizetype statusStart = 0;     // inside the brackets: "x", or " ?" for the malformed "[ ?]"
    qsizetype statusEnd = 0;
    qsizetype bodyStart = 0;       // first character after "] " and its spaces
    qsizetype descriptionEnd = 0;  // where the backwards scan stopped
    qsizetype contentEnd = 0;      // end of the body before the block link and trailing whitespace
    qsizetype blockLinkStart = -1; // the space before "^id", or -1
    qsizetype blockLinkEnd = -1;
    QList<Field> fields;           // as read: right to left

    // The field of `kind` the plugin ends up with: the leftmost of the trailing run (the scan
    // reads right to left and a later read overwrites). nullptr when there is none.
    const Field *effective(Kind kind) const;
    QList<Field> all(Kind kind) const;
};

} // namespace minutes
