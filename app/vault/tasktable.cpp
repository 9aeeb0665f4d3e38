#include "vault/tasktable.h"
#include "core/workpool.h"

#include "vault/entityresolver.h"
#include "vault/indexstate.h"

#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>

namespace minutes {

namespace {

constexpr int DateBits = 23;                       // Julian days of the years 1 to 9999 fit
constexpr quint64 NoDay = (quint64(1) << DateBits) - 1;

quint64 dayOf(QDate date)
{
    if (!date.isValid())
        return NoDay;
    return quint64(std::clamp<qint64>(date.toJulianDay(), 0, qint64(NoDay) - 1));
}

// The canonical name of every distinct owner of the notes (all notes when `paths` is empty): a
// few hundred names for a quarter of a million tasks.
QHash<QString, QString> ownerEntities(const IndexState &state, const QSet<QString> &paths)
{
    QHash<QString, QString> names;
    const auto add = [&](const Note &note) {
        for (const Task &task : note.tasks) {
            if (task.owner.isEmpty() || names.contains(task.owner))
                continue;
            const auto found = state.entityByName.constFind(EntityResolver::key(EntityResolver::cleanName(task.owner)));
            names.insert(task.owner, found != state.entityByName.cend() ? state.entities.at(*found).name : task.owner);
        }
    };
    if (paths.isEmpty()) {
        for (const Note &note : state.notes)
            add(note);
        return names;
    }
    for (const QString &path : paths) {
        if (const auto note = state.notes.constFind(path); note != state.notes.cend())
            add(*note);
    }
    return names;
}

} // namespace

quint64 TaskTable::orderOf(QDate due, int priority, QDate meetingDate)
{
    // Undated tasks last; on one day the highest priority first; then the newest meeting first
    // and undated meetings last.
    const quint64 meeting = meetingDate.isValid() ? NoDay - 1 - dayOf(meetingDate) : NoDay;
    return (dayOf(due) << (DateBits + 3)) | (quint64(std::clamp(priority, 0, 7)) << DateBits) | meeting;
}

quint64 TaskTable::pathId(const QString &path)
{
    auto found = m_pathIds.constFind(path);
    if (found == m_pathIds.cend())
        found = m_pathIds.insert(path, quint64(m_pathIds.size()));
    return *found;
}

QList<TaskRow> TaskTable::rowsOf(const IndexState &state, const QHash<QString, QString> &owners, const QString &path) const
{
    QList<TaskRow> rows;
    const auto note = state.notes.constFind(path);
    if (note == state.notes.cend() || note->tasks.isEmpty())
        return rows;
    const qsizetype m = state.meetingByNote.value(path, -1);
    const Meeting *meeting = m >= 0 ? &state.meetings.at(m) : nullptr;
    const QDate meetingDate = meeting ? meeting->date : note->date;
    const quint64 pathBits = m_pathIds.value(path) << 24;
    // What every row of the note shows of its note and meeting.
    size_t context = qHashMulti(0, note->title, note->date, note->participants);
    if (meeting)
        context = qHashMulti(context, meeting->key, meeting->title, meeting->date, meeting->participants);

    QSet<int> lines;
    rows.reserve(note->tasks.size());
    for (qsizetype i = 0; i < note->tasks.size(); ++i) {
        const Task &task = note->tasks.at(i);
        if (lines.contains(task.line))
            continue;
        lines.insert(task.line);
        TaskRow row;
        row.order = orderOf(task.due, int(task.priority), meetingDate);
        row.path = note->relativePath;
        row.line = task.line;
        row.task = int(i);
        row.id = pathBits | quint64(task.line & 0xffffff);
        row.due = task.due;
        row.owner = task.owner;
        row.ownerEntity = task.owner.isEmpty() ? QString() : owners.value(task.owner, task.owner);
        if (meeting)
            row.meetingKey = meeting->key;
        row.open = task.isOpen();
        row.state = task.state();
        row.print = qHashMulti(context, task.rawLine, task.line, row.ownerEntity);
        rows.append(std::move(row));
    }
    return rows;
}

void TaskTable::build(const IndexState &state)
{
    QStringList paths = state.notes.keys();
    std::sort(paths.begin(), paths.end());
    for (const QString &path : std::as_const(paths))
        pathId(path);
    const QHash<QString, QString> owners = ownerEntities(state, {});
    const QList<QList<TaskRow>> perNote = QtConcurrent::blockingMapped<QList<QList<TaskRow>>>(
        computePool(), paths, [this, &state, &owners](const QString &path) { return rowsOf(state, owners, path); });
    QList<TaskRow> rows;
    qsizetype count = 0;
    for (const QList<TaskRow> &some : perNote)
        count += some.size();
    rows.reserve(count);
    for (const QList<TaskRow> &some : perNote)
        rows.append(some);
    std::sort(rows.begin(), rows.end());
    m_rows = std::move(rows);
}

void TaskTable::update(const IndexState &state, const QSet<QString> &paths)
{
    if (paths.isEmpty())
        return;
    const QHash<QString, QString> owners = ownerEntities(state, paths);
    QList<TaskRow> arriving;
    QSet<quint64> leaving;   // path ids (TaskRow::id >> 24)
    for (const QString &path : paths) {
        leaving.insert(pathId(path));
        arriving.append(rowsOf(state, owners, path));
    }
    std::sort(arriving.begin(), arriving.end());
    // One pass: the rows of other notes keep their order, the new rows are merged in. (The old
    // list is usually shared with the task model, so it is read, never modified in place.)
    QList<TaskRow> merged;
    merged.reserve(m_rows.size() + arriving.size());
    auto next = arriving.cbegin();
    for (const TaskRow &row : std::as_const(m_rows)) {
        if (leaving.contains(row.id >> 24))
            continue;
        while (next != arriving.cend() && *next < row)
            merged.append(*next++);
        merged.append(row);
    }
    while (next != arriving.cend())
        merged.append(*next++);
    m_rows = std::move(merged);
}

} // namespace minutes
