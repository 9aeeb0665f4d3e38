#pragma once

#include "note/task.h"
#include "vault/tasktable.h"

#include <QAbstractTableModel>

#include <QDate>
#include <QPointer>
#include <QSet>

namespace minutes {

class VaultIndex;
struct Note;

// Every task of every note in a VaultIndex, one row each, in columns for the task panel. Knows
// who "I" am (owner "Myself" plus the names from preferences) and what day it is, so that it can
// say which tasks are mine and which are overdue. Ticking the checkbox does not change anything
// here: it asks, through toggleRequested(), for the file to be changed; the index follows the file.
// While that write is under way the row is pending: it shows the state asked for, and takes no
// further ticks until the write is done.
//
// Rows are the index's TaskTable, already in the panel's order (worked out off the GUI thread), so
// proxies need not sort. After a change the new table is merged with the rows shown: rows that went
// are removed, new ones inserted in place, and only survivors whose content moved get dataChanged.
class TaskModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { DescriptionColumn, OwnerColumn, DueColumn, PriorityColumn, MeetingColumn, ColumnCount };
    Q_ENUM(Column)

    enum Role {
        DescriptionRole = Qt::UserRole + 1,
        OwnerRole,              // as written ("Myself", "Rob")
        OwnerEntityRole,        // canonical entity name of the owner, else as written
        DueRole,                // QDate
        PriorityRole,           // int: minutes::Priority (sort rank, 0 highest)
        StateRole,              // int: minutes::TaskState
        StatusSymbolRole,       // QString
        OpenRole,               // bool: Todo or InProgress
        IsMineRole,             // bool
        OverdueRole,            // bool: open and due before today
        BucketRole,             // int: Bucket
        TagsRole,               // QStringList
        NotePathRole,
        LineRole,               // 1-based
        RawLineRole,
        MeetingKeyRole,         // empty when the note is no meeting
        MeetingTitleRole,       // the meeting's title, else the note's
        MeetingDateRole,        // QDate
        MeetingParticipantsRole, // QStringList of canonical names
        PendingRole,            // bool: a write of this task is under way
        KeyRole,                // taskKey(): the row's identity
        IdRole,                 // quint64: the row's identity as a number (TaskRow::id)
    };
    Q_ENUM(Role)

    // When an open task is due; closed tasks are Done whatever their date.
    enum class Bucket { Overdue, Today, ThisWeek, Later, NoDate, Done };
    Q_ENUM(Bucket)

    explicit TaskModel(VaultIndex *index, QObject *parent = nullptr);

    QDate today() const { return m_today; }
    void setToday(QDate today);
    QStringList myNames() const { return m_myNames; }
    // Names (or aliases) that mean the vault owner, besides "Myself".
    void setMyNames(const QStringList &names);
    bool isMine(const QString &owner) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    // The flags of a task's cell: what flags() answers, for a task without a write under way.
    static Qt::ItemFlags cellFlags(int column);
    bool hasPendingWrites() const { return !m_pending.isEmpty(); }
    QHash<int, QByteArray> roleNames() const override;

    QModelIndex indexOfTask(const QString &notePath, int line) const;
    // The task at `line` of `notePath`, as indexed; nullptr when there is none.
    const NoteTask *task(const QString &notePath, int line) const;

    // A write of the task is under way and will leave it in `wanted`: the row shows that state.
    void setPending(const QString &notePath, int line, TaskState wanted);
    void clearPending(const QString &notePath, int line);
    bool isPending(const QString &notePath, int line) const;
    static QString taskKey(const QString &notePath, int line);

    // What the proxies ask of every row, without QVariant: row must be in range.
    const TaskRow &rowAt(int row) const { return m_rows.at(row); }
    const QString &textOf(int id) const;   // a string of a TaskRow
    bool isMineAt(int row) const { return isMine(textOf(m_rows.at(row).owner)); }
    // The note of a row's path id, and its task there (TaskRow::task and TaskRow::line; nullptr
    // when either is gone); the title of the meeting a note belongs to, else its own
    // (MeetingTitleRole).
    const Note *noteOf(int path) const;
    static const NoteTask *taskOf(const Note *note, int task, int line);
    const QString &meetingTitleOf(const Note &note) const;
    // VaultIndex::generation(): notes and titles found above stay valid while it is the same.
    quint64 generation() const;
    Bucket bucketAt(int row) const { return bucketFor(m_rows.at(row), m_today); }
    static Bucket bucketFor(const TaskRow &row, QDate today);
    static QString priorityName(int priority);
    // The description as the panel shows it (without the ubiquitous #task tag).
    static QString displayDescription(const QString &description);

Q_SIGNALS:
    // The user asked to tick (or untick) the task at `line` of `notePath`.
    void toggleRequested(const QString &notePath, int line);

private:
    void syncRows();
    void allRowsChanged();
    int rowOf(const QString &notePath, int line) const;
    const NoteTask *taskAt(int row, const Note **note = nullptr) const;
    void pendingChanged(const QString &notePath, int line);

    QPointer<VaultIndex> m_index;
    QList<TaskRow> m_rows;
    mutable QHash<QString, bool> m_mineByOwner;   // isMine() of each owner as written
    QDate m_today;
    QStringList m_myNames;
    QSet<QString> m_myKeys;   // lower-cased names meaning the vault owner
    QHash<QString, TaskState> m_pending;   // task key -> the state its write will leave
};

} // namespace minutes
