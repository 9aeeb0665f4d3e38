#include "vault/tasktable.h"

#include "core/workpool.h"
#include "vault/entityresolver.h"
#include "vault/indexstate.h"

#include <algorithm>
#include <vector>

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

} // namespace

quint64 TaskTable::orderOf(QDate due, int priority, QDate meetingDate)
{
    // Undated tasks last; on one day the highest priority first; then the newest meeting first
    // and undated meetings last.
    const quint64 meeting = meetingDate.isValid() ? NoDay - 1 - dayOf(meetingDate) : NoDay;
    return (dayOf(due) << (DateBits + 3)) | (quint64(std::clamp(priority, 0, 7)) << DateBits) | meeting;
}

int TaskTable::intern(const QString &text)
{
    if (text.isEmpty())
        return 0;
    auto found = m_ids.constFind(text);
    if (found == m_ids.cend()) {
        found = m_ids.insert(text, int(m_texts.size()));
        m_texts.append(text);
    }
    return *found;
}

int TaskTable::internPath(const QString &path)
{
    const int id = intern(path);
    if (size_t(id) >= m_rankOf.size())
        m_rankOf.resize(size_t(m_texts.size()), -1);
    if (m_rankOf[size_t(id)] >= 0)
        return id;
    // Paths come in order when a table is built: each goes last.
    auto at = m_pathsInOrder.end();
    if (!m_pathsInOrder.isEmpty() && path < m_texts.at(m_pathsInOrder.constLast())) {
        at = std::lower_bound(m_pathsInOrder.begin(), m_pathsInOrder.end(), path,
                              [this](int other, const QString &p) { return m_texts.at(other) < p; });
    }
    const qsizetype rank = at - m_pathsInOrder.begin();
    m_pathsInOrder.insert(rank, id);
    for (qsizetype r = rank; r < m_pathsInOrder.size(); ++r)
        m_rankOf[size_t(m_pathsInOrder.at(r))] = int(r);
    return id;
}

// Gives ids to every distinct owner of the notes (all notes when `paths` is empty) and to the
// entity name each resolves to: a few hundred names for a quarter of a million tasks. Rows are
// then worked out in parallel with lookups only.
void TaskTable::internOwners(const IndexState &state, const QSet<QString> &paths)
{
    const auto add = [&](const QString &written) {
        if (written.isEmpty() || m_entityOfOwner.contains(idOf(written)))
            return;
        const auto found = state.entityByName.constFind(EntityResolver::key(EntityResolver::cleanName(written)));
        const int owner = intern(written);
        m_entityOfOwner.insert(owner, found != state.entityByName.cend() ? intern(state.entities.at(*found).name) : owner);
    };
    if (paths.isEmpty()) {
        // The distinct owners of every slice of notes on every core (hashing a quarter of a million
        // owners on one thread was a tenth of a whole load's derived work), then given ids here.
        QList<const Note *> all;
        all.reserve(state.notes.size());
        for (const Note &note : state.notes)
            all.append(&note);
        constexpr qsizetype Slice = 256;
        QList<QSet<QString>> owners((all.size() + Slice - 1) / Slice);
        forEachIndex(computePool(), owners.size(), [&](qsizetype slice) {
            // Notes from the persistent index share one string for each name of their chunk:
            // a string seen already (by address) is not hashed again.
            QSet<const QChar *> seen;
            const qsizetype end = std::min(all.size(), (slice + 1) * Slice);
            for (qsizetype k = slice * Slice; k < end; ++k) {
                for (const NoteTask &task : all.at(k)->tasks) {
                    if (task.owner.isEmpty() || seen.contains(task.owner.constData()))
                        continue;
                    seen.insert(task.owner.constData());
                    owners[slice].insert(task.owner);
                }
            }
        });
        for (const QSet<QString> &some : std::as_const(owners)) {
            for (const QString &owner : some)
                add(owner);
        }
        return;
    }
    for (const QString &path : paths) {
        if (const auto note = state.notes.constFind(path); note != state.notes.cend()) {
            for (const NoteTask &task : note->tasks)
                add(task.owner);
        }
    }
}

qsizetype TaskTable::writeRows(const Note &note, const Meeting *meeting, int pathId, TaskRow *out) const
{
    const QDate meetingDate = meeting ? meeting->date : note.date;
    const int meetingKey = meeting ? idOf(meeting->key) : 0;
    // What every row of the note shows of its note and meeting.
    size_t context = qHashMulti(0, note.title, note.date, note.participants);
    if (meeting)
        context = qHashMulti(context, meeting->key, meeting->title, meeting->date, meeting->participants);

    // Tasks come in line order; a line listed twice keeps its first task.
    QSet<int> lines;
    const bool inOrder = std::is_sorted(note.tasks.cbegin(), note.tasks.cend(),
                                        [](const NoteTask &a, const NoteTask &b) { return a.line < b.line; });
    const QChar *lastOwner = nullptr;   // the owner's ids, looked up once for a run of tasks
    int ownerId = 0, ownerEntity = 0;
    qsizetype written = 0;
    for (qsizetype i = 0; i < note.tasks.size(); ++i) {
        const NoteTask &task = note.tasks.at(i);
        if (inOrder ? i > 0 && note.tasks.at(i - 1).line == task.line : lines.contains(task.line))
            continue;
        if (!inOrder)
            lines.insert(task.line);
        if (task.owner.constData() != lastOwner || i == 0) {
            lastOwner = task.owner.constData();
            ownerId = idOf(task.owner);
            ownerEntity = m_entityOfOwner.value(ownerId, ownerId);
        }
        TaskRow &row = out[written++];
        row.order = orderOf(task.due, int(task.priority), meetingDate);
        row.id = (quint64(pathId) << 24) | quint64(task.line & 0xffffff);
        row.due = task.due;
        row.line = task.line;
        row.task = int(i);
        row.path = pathId;
        row.owner = ownerId;
        row.ownerEntity = ownerEntity;
        row.meetingKey = meetingKey;
        row.open = task.isOpen();
        row.state = task.state();
        row.print = qHashMulti(context, task.rawLine, task.line, text(row.ownerEntity));
    }
    return written;
}

const Note *TaskTable::noteWithTasks(const IndexState &state, const QString &path, const Meeting **meeting)
{
    const auto note = state.notes.constFind(path);
    if (note == state.notes.cend() || note->tasks.isEmpty())
        return nullptr;
    const auto listed = state.meetingByNote.constFind(path);
    *meeting = listed != state.meetingByNote.cend() ? listed->get() : nullptr;
    return &*note;
}

QList<TaskRow> TaskTable::rowsOf(const IndexState &state, const QString &path, int pathId) const
{
    QList<TaskRow> rows;
    const Meeting *meeting = nullptr;
    if (const Note *note = noteWithTasks(state, path, &meeting)) {
        rows.resize(note->tasks.size());
        rows.resize(writeRows(*note, meeting, pathId, rows.data()));
    }
    return rows;
}

void TaskTable::build(const IndexState &state)
{
    const QStringList paths = state.sortedPaths();
    if (m_ids.isEmpty()) {   // a new table; a rebuild has them all already
        m_ids.reserve(paths.size());
        m_texts.reserve(paths.size() + 1);
    }
    QList<int> pathIds;
    pathIds.reserve(paths.size());
    for (const QString &path : std::as_const(paths))
        pathIds.append(internPath(path));
    m_entityOfOwner.clear();   // entities may resolve differently now
    internOwners(state, {});

    // Each note's rows are written straight into the table, at the place its tasks start; a
    // line listed twice (rare) leaves a gap, closed afterwards.
    struct Source
    {
        const Note *note = nullptr;
        const Meeting *meeting = nullptr;
        qsizetype at = 0;        // where its rows start
        qsizetype written = 0;   // how many it wrote
    };
    QList<Source> sources(paths.size());
    Source *source = sources.data();
    forEachIndex(computePool(), paths.size(),
                 [&](qsizetype k) { source[k].note = noteWithTasks(state, paths.at(k), &source[k].meeting); });
    qsizetype count = 0;
    for (Source &one : sources) {
        one.at = count;
        count += one.note ? one.note->tasks.size() : 0;
    }
    QList<TaskRow> rows(count);
    TaskRow *out = rows.data();
    forEachIndex(computePool(), paths.size(), [&](qsizetype k) {
        if (source[k].note)
            source[k].written = writeRows(*source[k].note, source[k].meeting, pathIds.at(k), out + source[k].at);
    });
    qsizetype kept = 0;
    for (const Source &one : std::as_const(sources)) {
        if (one.note && kept != one.at)
            std::copy(out + one.at, out + one.at + one.written, out + kept);
        kept += one.written;
    }
    rows.resize(kept);
    sortInParallel(computePool(), rows, [this](const TaskRow &a, const TaskRow &b) { return before(a, b); });
    m_rows = std::move(rows);
}

void TaskTable::update(const IndexState &state, const QSet<QString> &paths)
{
    if (paths.isEmpty())
        return;
    internOwners(state, paths);
    QList<TaskRow> arriving;
    std::vector<int> leavingIds;
    for (const QString &path : paths) {
        leavingIds.push_back(internPath(path));
        if (const auto m = state.meetingByNote.constFind(path); m != state.meetingByNote.cend())
            intern((*m)->key);
    }
    for (const QString &path : paths)
        arriving.append(rowsOf(state, path, idOf(path)));
    const auto less = [this](const TaskRow &a, const TaskRow &b) { return before(a, b); };
    std::sort(arriving.begin(), arriving.end(), less);
    // By path id: the merge below asks once for every row of the vault (250k at 50k notes).
    std::vector<bool> leaving(m_texts.size(), false);
    for (const int id : leavingIds)
        leaving[size_t(id)] = true;
    // One pass: the rows of other notes keep their order, the new rows are merged in. (The old
    // list is usually shared with the task model, so it is read, never modified in place.)
    QList<TaskRow> merged;
    merged.reserve(m_rows.size() + arriving.size());
    auto next = arriving.cbegin();
    for (const TaskRow &row : std::as_const(m_rows)) {
        if (leaving[size_t(row.path)])
            continue;
        while (next != arriving.cend() && less(*next, row))
            merged.append(*next++);
        merged.append(row);
    }
    while (next != arriving.cend())
        merged.append(*next++);
    m_rows = std::move(merged);
}

} // namespace minutes
