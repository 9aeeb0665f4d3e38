#include "vault/vaultindex.h"

#include "core/heap.h"
#include "core/workpool.h"
#include "vault/entityresolver.h"
#include "vault/indexstate.h"

#include <QThreadPool>

#include <algorithm>

namespace minutes {

void ScanResult::prepare(KnownFacts known)
{
    auto state = std::make_shared<IndexState>();
    state->build(root, notes, problems, std::move(known));
    prepared = std::move(state);
    preparedNotes = notes;
}

VaultIndex::VaultIndex(QObject *parent)
    : QObject(parent)
    , m_state(std::make_shared<IndexState>())
{
}

void VaultIndex::reset(ScanResult result)
{
    Q_EMIT aboutToReset();
    std::shared_ptr<IndexState> state = std::move(result.prepared);
    const bool notesAsPrepared =
        result.notes.constData() == result.preparedNotes.constData() && result.notes.size() == result.preparedNotes.size();
    if (!state || !notesAsPrepared || state->root != result.root || state->scanProblems != result.problems || !state->claim()) {
        // Built here instead. A note the persistent index served comes without its links (its
        // facts hold them): the facts worked out for the same note, where there are any, are
        // used again rather than worked out without its links.
        KnownFacts known;
        if (state) {
            known.names = state->names();
            known.facts.reserve(result.notes.size());
            for (const Note &note : std::as_const(result.notes)) {
                const auto held = state->notes.constFind(note.relativePath);
                const NoteFacts *facts = state->factsOf(note.relativePath);
                const bool same = held != state->notes.cend() && facts && held->contentHash == note.contentHash
                                  && held->size == note.size;
                known.facts.append(same ? std::optional<NoteFacts>(*facts) : std::nullopt);
            }
        }
        state = std::make_shared<IndexState>();
        state->build(result.root, result.notes, result.problems, std::move(known));
        state->claim();
    }
    m_preparedWatch = std::move(result.watch);
    // The previous vault and the scan's lists of notes are freed on a worker, then the heap's
    // free pages go back to the system (a load's transient peak, freed in small blocks, would
    // otherwise stay resident).
    workPool()->start([old = std::exchange(m_state, std::move(state)), notes = std::move(result.notes),
                       prepared = std::move(result.preparedNotes)]() mutable {
        old.reset();
        notes = {};
        prepared = {};
        releaseFreeMemory();
    });
    ++m_generation;
    Q_EMIT resetDone();
}

void VaultIndex::apply(const QList<Note> &changed, const QStringList &removed, const Problems &scanProblems)
{
    const IndexState::Change change = m_state->apply(changed, removed, scanProblems);
    ++m_generation;
    Q_EMIT notesChanged(change.added, change.modified, change.dropped);
}

QString VaultIndex::root() const
{
    return m_state->root;
}

bool VaultIndex::isEmpty() const
{
    return m_state->notes.isEmpty();
}

const QHash<QString, Note> &VaultIndex::notes() const
{
    return m_state->notes;
}

const QList<Entity> &VaultIndex::entities() const
{
    return m_state->entities;
}

const QList<MeetingPtr> &VaultIndex::meetings() const
{
    return m_state->meetings;
}

const Note *VaultIndex::note(const QString &relativePath) const
{
    const auto found = m_state->notes.constFind(relativePath);
    return found != m_state->notes.cend() ? &*found : nullptr;
}

QStringList VaultIndex::notePaths() const
{
    return m_state->sortedPaths();
}

const Entity *VaultIndex::entity(const QString &nameOrAlias) const
{
    auto known = m_state->entityByWritten.constFind(nameOrAlias);
    if (known == m_state->entityByWritten.cend()) {
        if (m_state->entityByWritten.size() > 100000)
            m_state->entityByWritten.clear();
        const auto found = m_state->entityByName.constFind(EntityResolver::key(EntityResolver::cleanName(nameOrAlias)));
        known = m_state->entityByWritten.insert(nameOrAlias, found != m_state->entityByName.cend() ? *found : -1);
    }
    return *known >= 0 ? &m_state->entities.at(*known) : nullptr;
}

const Meeting *VaultIndex::meetingForNote(const QString &relativePath) const
{
    const auto found = m_state->meetingByNote.constFind(relativePath);
    return found != m_state->meetingByNote.cend() ? found->get() : nullptr;
}

qsizetype VaultIndex::meetingRowForNote(const QString &relativePath) const
{
    return m_state->meetingRow(meetingForNote(relativePath));
}

const QList<TaskRow> &VaultIndex::taskRows() const
{
    return m_state->tasks.rows();
}

const QString &VaultIndex::taskText(int id) const
{
    return m_state->tasks.text(id);
}

bool VaultIndex::taskRowBefore(const TaskRow &a, const TaskRow &b) const
{
    return m_state->tasks.before(a, b);
}

QString VaultIndex::resolveNoteLink(const QString &target) const
{
    return m_state->resolveNoteLink(target);
}

Problems VaultIndex::problems() const
{
    return m_state->problems();
}

VaultSummary VaultIndex::summary() const
{
    return m_state->summary();
}

int VaultIndex::entityPasses() const
{
    return m_state->entityPasses;
}

} // namespace minutes
