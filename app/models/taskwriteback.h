#pragma once

#include "note/note.h"
#include "tasks/taskwriter.h"

#include <QDate>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <optional>

namespace minutes {

class TaskModel;
class VaultIndex;

// Ticks tasks in their notes for the window, and keeps the undo history of those ticks.
// TaskWriter runs off the GUI thread (it may wait on a lock and fsync); meanwhile the task's row
// is pending. A written note goes into the index at once, parsed from the bytes written, so the
// watcher then finds its own content hash and does not load it again. Writes run one at a time,
// in the order asked; undo and redo restore exactly what was there under the same safety rules
// (TaskWriter::revertInFile / applyToFile) and wait until no write is under way.
class TaskWriteBack final : public QObject
{
    Q_OBJECT
public:
    enum class Kind { Change, Undo, Redo };
    Q_ENUM(Kind)

    // One entry of the history: a change TaskWriter made to a note.
    struct Step
    {
        QString notePath;   // relative to the vault
        QString summary;    // "tick “Send deck”"
        LineEdit edit;      // as applied last (its reverse undoes it)
    };

    TaskWriteBack(VaultIndex *index, TaskModel *tasks, QObject *parent = nullptr);
    ~TaskWriteBack() override;

    // The day written into ✅ and ❌ dates; null (the default) means the current date.
    void setDate(QDate date) { m_date = date; }

    // Sets the task at `line` of `notePath` to `status` (nullopt: toggles it as the plugin does).
    // False, with nothing queued, when there is no such task or it is already being written.
    bool setStatus(const QString &notePath, int line, std::optional<char32_t> status);

    bool isBusy() const { return m_running || !m_queue.isEmpty(); }
    bool canUndo() const { return !isBusy() && m_undone < m_history.size(); }
    bool canRedo() const { return !isBusy() && m_undone > 0; }
    // What undo / redo would do, e.g. "tick “Send deck”"; empty when nothing.
    QString undoText() const;
    QString redoText() const;
    void undo();
    void redo();
    // Forgets the history (another vault was opened).
    void clearHistory();

    // Reads the note again from disk into the index, e.g. after a refusal because it changed.
    void reloadNote(const QString &notePath);

    // What a status change of `task` to `status` is called: "tick “Send deck”", "cancel “…”".
    static QString describe(const NoteTask &task, std::optional<char32_t> status);

Q_SIGNALS:
    // A change, undo or redo reached the file; the index already shows it.
    void written(minutes::TaskWriteBack::Kind kind, const QString &notePath, const QString &summary);
    // Nothing was written: `reason` in words; `changedOnDisk` when the note differs from what
    // the index holds (reloading it may help).
    void refused(minutes::TaskWriteBack::Kind kind, const QString &notePath, const QString &summary,
                 const QString &reason, bool changedOnDisk);
    // canUndo(), canRedo(), their texts or isBusy() may have changed.
    void historyChanged();
    // reloadNote() finished.
    void noteReloaded(const QString &notePath);

private:
    struct Job
    {
        Kind kind = Kind::Change;
        QString notePath;
        QString summary;
        Task task;                         // Change: the task as indexed when asked
        std::optional<char32_t> status;    // Change
        TaskState wanted = TaskState::Todo; // Change: what the row shows while pending
        LineEdit edit;                     // Undo / Redo: what to apply
        int step = -1;                     // Undo / Redo: the entry of m_history
    };
    struct Outcome
    {
        TaskWriteResult result;
        std::optional<Note> note;          // the note parsed from the bytes written
        bool changedOnDisk = false;
    };
    static Outcome run(const QString &root, const Job &job, const QByteArray &baseHash, QDate today);
    void enqueue(Job job);
    void startNext();
    void finish(const Job &job, const QByteArray &baseHash, const Outcome &outcome);
    void applyNote(const Note &note, const QByteArray &baseHash);

    QPointer<VaultIndex> m_index;
    QPointer<TaskModel> m_tasks;
    QDate m_date;
    QList<Job> m_queue;
    bool m_running = false;
    int m_generation = 0;                  // moves on with every reset of the index
    QList<Step> m_history;                 // oldest first
    int m_undone = 0;                      // steps at the end of m_history that were undone
};

} // namespace minutes
