#pragma once

#include "core/problem.h"
#include "note/note.h"
#include "vault/entity.h"
#include "vault/indexfacts.h"
#include "vault/meeting.h"
#include "vault/tasktable.h"
#include "vault/vaultsummary.h"

#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>

namespace minutes {

class IndexState;
struct PreparedWatch;

// What a scan of (part of) a vault produced: parsed notes plus problems that belong to no note
// (unreadable folders, symlinks refused, files too large).
struct ScanResult
{
    QString root;               // absolute, clean path of the vault folder
    QList<Note> notes;
    Problems problems;
    qint64 elapsedMs = 0;
    // The index built from exactly these notes off the GUI thread (VaultLoader::load does), so
    // that VaultIndex::reset() only adopts it. Ignored when the notes no longer match it.
    std::shared_ptr<IndexState> prepared;
    // `notes` as they were prepared: a shared copy, so that changing `notes` since detaches them
    // from it (reset() then sees that in constant time).
    QList<Note> preparedNotes;
    // Folder watches added before the scan (VaultWatcher::prepare), for the watcher to adopt.
    std::shared_ptr<PreparedWatch> watch;

    // Builds `prepared` from `notes`: call it on a worker thread, after the last change to notes.
    // `known`: facts of the notes (in their order) that need not be worked out again.
    void prepare(KnownFacts known = {});
};


// The one source of truth: owns every parsed Note keyed by relative path and derives entities
// (people, organisations) and meetings from them. Lives on the GUI thread; models adapt it.
class VaultIndex final : public QObject
{
    Q_OBJECT
public:
    explicit VaultIndex(QObject *parent = nullptr);

    // Replaces everything with a full scan (adopting result.prepared when it matches).
    void reset(ScanResult result);
    // Applies an incremental change: `changed` notes are inserted or replaced, `removed` paths
    // dropped. Derived data is re-derived from per-note facts (only the changed notes are read
    // again); notesChanged() says exactly which paths moved.
    void apply(const QList<Note> &changed, const QStringList &removed, const Problems &scanProblems = {});

    QString root() const;
    bool isEmpty() const;
    const QHash<QString, Note> &notes() const;
    const Note *note(const QString &relativePath) const;
    QStringList notePaths() const;                // sorted

    const QList<Entity> &entities() const;                             // people first, then by name
    const Entity *entity(const QString &nameOrAlias) const;            // case-insensitive
    const QList<MeetingPtr> &meetings() const;                         // newest first
    const Meeting *meetingForNote(const QString &relativePath) const;
    qsizetype meetingRowForNote(const QString &relativePath) const;   // in meetings(); -1 when none
    // Every task in the task panel's order (TaskTable), kept up to date by reset() and apply().
    const QList<TaskRow> &taskRows() const;
    const QString &taskText(int id) const;   // the strings of TaskRow (TaskTable::text)
    // The order of taskRows() (TaskTable::before), for its rows before and after any apply().
    bool taskRowBefore(const TaskRow &a, const TaskRow &b) const;
    // Resolves a wikilink target as Obsidian would: a note path or base name (without ".md").
    QString resolveNoteLink(const QString &target) const;

    Problems problems() const;                    // scan problems and every note's problems
    // The watches that came with the last reset's scan, once (VaultWatcher takes them).
    std::shared_ptr<PreparedWatch> takePreparedWatch() { return std::exchange(m_preparedWatch, {}); }
    VaultSummary summary() const;
    // How often a change made every entity be resolved again (IndexState::entityPasses).
    int entityPasses() const;
    // Changes with every reset() and apply(): what was looked up in the index before (a note's
    // address, a meeting's) is still what it says while this stays the same.
    quint64 generation() const { return m_generation; }

Q_SIGNALS:
    void aboutToReset();
    void resetDone();
    // Emitted after apply(): paths that appeared, changed or disappeared.
    void notesChanged(const QStringList &added, const QStringList &changed, const QStringList &removed);

private:
    std::shared_ptr<IndexState> m_state;
    std::shared_ptr<PreparedWatch> m_preparedWatch;
    quint64 m_generation = 0;
};

} // namespace minutes
