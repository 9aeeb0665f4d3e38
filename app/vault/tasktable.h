#pragma once

#include "note/task.h"

#include <QDate>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

namespace minutes {

class IndexState;

// One task of the vault as the task panel lists it: where it is, where it sorts, and what the
// panel's filters ask of it, worked out once (off the GUI thread for a whole vault).
struct TaskRow
{
    quint64 order = 0;     // due date (undated last), priority, newest meeting: packed, compares as the panel sorts
    QString path;          // the note
    int line = 0;          // 1-based line of the task in the note
    int task = 0;          // index in Note::tasks
    quint64 id = 0;        // identity for the task's whole life at that line: path id and line
    size_t print = 0;      // a hash of everything the row shows but "mine" and "today"
    QDate due;
    QString owner;         // as written
    QString ownerEntity;   // the owner's canonical entity name, else as written
    QString meetingKey;    // empty when the note is no meeting
    bool open = false;
    TaskState state = TaskState::Todo;

    // The panel's order: `order`, then path, then line.
    friend bool operator<(const TaskRow &a, const TaskRow &b)
    {
        if (a.order != b.order)
            return a.order < b.order;
        if (a.id == b.id)
            return false;
        if (a.path != b.path)
            return a.path < b.path;
        return a.line < b.line;
    }
};

// Every task of an IndexState in the panel's order. Rebuilding it is a parallel pass over the
// notes; after a change only the rows of the notes named are worked out again and put in place.
class TaskTable final
{
public:
    const QList<TaskRow> &rows() const { return m_rows; }

    // All rows from `state` (its notes, meetings and entities must be complete).
    void build(const IndexState &state);
    // The rows of `paths` again (notes that changed, came, went, or whose meeting changed).
    void update(const IndexState &state, const QSet<QString> &paths);

    static quint64 orderOf(QDate due, int priority, QDate meetingDate);

private:
    quint64 pathId(const QString &path);
    QList<TaskRow> rowsOf(const IndexState &state, const QHash<QString, QString> &owners, const QString &path) const;

    QList<TaskRow> m_rows;
    QHash<QString, quint64> m_pathIds;   // grows only: an id is never given to another path
};

} // namespace minutes
