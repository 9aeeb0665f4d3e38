#pragma once

#include "core/problem.h"
#include "note/note.h"
#include "vault/entity.h"
#include "vault/entityresolver.h"
#include "vault/indexfacts.h"
#include "vault/indexlinks.h"
#include "vault/indexnames.h"
#include "vault/meeting.h"
#include "vault/tasktable.h"
#include "vault/vaultsummary.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <atomic>
#include <memory>
#include <optional>
#include <vector>

namespace minutes {

// Everything VaultIndex holds, as a plain value that can be built on any thread: the notes, the
// facts each contributes (kept sorted by path), the wikilink resolver, and what is derived from
// them (entities, meetings). A change works out the facts of the changed notes only; entities
// are resolved again (a pass over integers) only when a change touches names or links, and only
// the meetings of the changed notes are rebuilt and moved in the timeline's order.
class IndexState final
{
public:
    // A full build: the facts not known are worked out on every core.
    void build(const QString &root, const QList<Note> &notes, const Problems &scanProblems, KnownFacts known = {});

    struct Change
    {
        QStringList added, modified, dropped;   // sorted
    };
    Change apply(const QList<Note> &changed, const QStringList &removed, const Problems &scanProblems);

    // A state prepared off the GUI thread is adopted by one VaultIndex only.
    bool claim() { return !m_claimed.exchange(true); }

    QString root;
    QHash<QString, Note> notes;
    Problems scanProblems;
    QList<Entity> entities;                   // people first, then by name
    QHash<QString, qsizetype> entityByName;   // key of a name or alias -> entities index
    // Names as written (task owners, participants) -> entities index or -1: models ask for the
    // same few names for every row, and cleaning and case folding each time would allocate.
    mutable QHash<QString, qsizetype> entityByWritten;
    QList<MeetingPtr> meetings;               // newest first
    // relativePath -> its meeting. Not its row: a new meeting, usually the newest, would renumber
    // every meeting after it (25 ms at 50k notes); meetingRow() finds a row by the order.
    QHash<QString, MeetingPtr> meetingByNote;
    TaskTable tasks;                          // every task, in the task panel's order

    // How often every entity was resolved again (a change that could not adjust them in place):
    // for tests and benchmarks.
    int entityPasses = 0;
    // How many notes' facts the last build() worked out rather than took as known.
    qsizetype factsWorkedOut = 0;

    QStringList sortedPaths() const;
    VaultSummary summary() const;   // worked out once per change
    Problems problems() const;      // the scan's and every note's, by file and line; a change redoes its files only
    QString resolveNoteLink(const QString &target) const { return m_links.resolve(target); }
    // What a note contributes (nullptr for a note the index does not hold), its ids those of
    // names(): what the persistent index stores with the note.
    const NoteFacts *factsOf(const QString &path) const { return m_factsByPath.value(path); }
    const IndexNames &names() const { return m_names; }
    // The row of a listed meeting in `meetings` (a binary search by the timeline's order); -1 for
    // none.
    qsizetype meetingRow(const Meeting *meeting) const;

private:
    struct Group
    {
        QList<const NoteFacts *> versions;   // path order
    };

    void resolveEntities();
    void orderEntityNames();
    void rebuildMeetings();
    // What updateMeetings() did besides changing meetings in place.
    enum class MeetingMoves { None, CameOrWent, Other };
    MeetingMoves updateMeetings(const QSet<QString> &groups, QStringList *insertedVersions, QList<MeetingPtr> *gone);
    void linkMeetingsToEntities();
    void relinkMeetings(const QList<QPair<QString, QList<qsizetype>>> &changed);
    bool linkTargetsChanged() const;
    void updateLastMeeting(Entity &entity) const;
    void stampEntities();
    // Both only read once every entity key is interned (rebuildMeetings() does that first).
    Meeting meetingOf(const Group &group);
    QPair<QString, int> canonical(const NoteFacts::Mention &mention);
    NoteFacts *insertFacts(NoteFacts facts);
    void removeFacts(const QString &path);
    void joinGroup(const NoteFacts *facts);
    void leaveGroup(const NoteFacts *facts);
    void mapVersions(const MeetingPtr &meeting);
    const QString &noteOfTarget(int target);
    void forgetResolvedTargets();

    std::vector<std::unique_ptr<NoteFacts>> m_facts;   // sorted by path; the objects never move
    QHash<QString, NoteFacts *> m_factsByPath;
    QHash<QString, Group> m_groups;                     // NoteFacts::group -> its versions
    QHash<QString, QString> m_meetingKeyOfGroup;        // NoteFacts::group -> its meeting's key
    IndexNames m_names;
    IndexLinks m_links;
    std::vector<QString> m_resolved;                    // interned link target -> note path
    std::vector<bool> m_resolvedKnown;
    EntityResolver::Counts m_entityCounts;              // interned key -> entities index, and tallies
    std::vector<int> m_entityKey;                       // entities index -> interned key of its name
    QHash<int, QString> m_displayByKey;                 // interned key -> the name meetings show
    mutable std::optional<VaultSummary> m_summary;
    mutable std::optional<Problems> m_problems;
    std::atomic_bool m_claimed{false};
};

} // namespace minutes
