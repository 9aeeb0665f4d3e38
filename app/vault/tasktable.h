#pragma once

#include "note/task.h"

#include <QDate>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

#include <vector>

namespace minutes {

class IndexState;
struct Meeting;
struct Note;

// One task of the vault as the task panel lists it: where it is, where it sorts, and what the
// panel's filters ask of it, worked out once (off the GUI thread for a whole vault). Plain numbers
// only, strings by id (TaskTable::text), so that a quarter of a million rows copy as one block.
struct TaskRow
{
    quint64 order = 0;     // due date (undated last), priority, newest meeting: packed, compares as the panel sorts
    quint64 id = 0;        // identity for the task's whole life at that line: path id and line (TaskModel::IdRole)
    size_t print = 0;      // a hash of everything the row shows but "mine" and "today"
    QDate due;
    int line = 0;          // 1-based line of the task in the note
    int task = 0;          // index in Note::tasks
    int path = 0;          // text id of the note's path
    int owner = 0;         // text id of the owner as written (0: none)
    int ownerEntity = 0;   // text id of the owner's canonical entity name, else as written
    int meetingKey = 0;    // text id of the meeting's key (0: the note is no meeting)
    bool open = false;
    TaskState state = TaskState::Todo;
};

// Every task of an IndexState in the panel's order. Rebuilding it is a parallel pass over the
// notes; after a change only the rows of the notes named are worked out again and merged in.
class TaskTable final
{
public:
    const QList<TaskRow> &rows() const { return m_rows; }
    // The text of an id in a row; ids are never reused, so rows of an earlier table still read.
    const QString &text(int id) const { return m_texts.at(id); }

    // All rows from `state` (its notes, meetings and entities must be complete).
    void build(const IndexState &state);
    // The rows of `paths` again (notes that changed, came, went, or whose meeting changed).
    void update(const IndexState &state, const QSet<QString> &paths);

    static quint64 orderOf(QDate due, int priority, QDate meetingDate);

    // The panel's order: TaskRow::order, then the note's path, then the line. The same for a
    // vault loaded at once and one whose notes came one by one, and for the rows of an earlier
    // table (a path keeps its place among the others; one that went keeps its rank).
    bool before(const TaskRow &a, const TaskRow &b) const
    {
        if (a.order != b.order)
            return a.order < b.order;
        if (a.path != b.path)
            return m_rankOf[size_t(a.path)] < m_rankOf[size_t(b.path)];
        return a.line < b.line;
    }

private:
    int intern(const QString &text);
    // intern(), and the path's place among every path the table has seen (m_rankOf).
    int internPath(const QString &path);
    int idOf(const QString &text) const { return m_ids.value(text, 0); }
    void internOwners(const IndexState &state, const QSet<QString> &paths);
    // The note at `path` if it has tasks (nullptr otherwise), and the meeting it is in (or nullptr).
    static const Note *noteWithTasks(const IndexState &state, const QString &path, const Meeting **meeting);
    QList<TaskRow> rowsOf(const IndexState &state, const QString &path, int pathId) const;
    // Writes the rows of `note` (of `meeting`, if any) to `out`, room for all its tasks; how many.
    qsizetype writeRows(const Note &note, const Meeting *meeting, int pathId, TaskRow *out) const;

    QList<TaskRow> m_rows;
    QList<QString> m_texts{QString()};   // id 0 is the empty text
    QHash<QString, int> m_ids;
    QHash<int, int> m_entityOfOwner;      // owner text id -> entity name text id
    QList<int> m_pathsInOrder;            // the text id of every path seen, in path order
    std::vector<int> m_rankOf;            // text id -> its place in m_pathsInOrder (-1: no path)
};

} // namespace minutes
