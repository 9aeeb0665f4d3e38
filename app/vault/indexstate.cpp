#include "vault/indexstate.h"

#include "core/workpool.h"
#include "vault/entityresolver.h"
#include "vault/meetinggrouper.h"

#include <QCollator>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <numeric>
#include <optional>

namespace minutes {

namespace {

bool sameContent(const Note &a, const Note &b)
{
    if (a.contentHash.isEmpty() || b.contentHash.isEmpty())
        return false;
    return a.contentHash == b.contentHash && a.problems == b.problems;
}

// What the index does not keep of a note: its body (what shows one reads it from disk, see
// Note::body) and its wikilinks (its facts hold them, resolved). A note the persistent index
// serves comes without either; one just parsed is kept the same way.
void dropUnheld(Note &note)
{
    note.body = QString();
    note.links = QList<WikiLink>();
}

bool problemBefore(const Problem &a, const Problem &b)
{
    if (a.file != b.file)
        return a.file < b.file;
    return a.line < b.line;
}

bool pathBefore(const std::unique_ptr<NoteFacts> &facts, const QString &path)
{
    return facts->path < path;
}

// Owner mentions of open tasks, by key: what a tick changes when nothing else does.
void countOpenTasks(const NoteFacts &facts, int delta, const std::vector<qsizetype> &entityOfName,
                    QList<Entity> &entities)
{
    for (const NoteFacts::Mention &m : facts.mentions) {
        if (m.role != NoteFacts::Role::Owner || !m.open || size_t(m.key) >= entityOfName.size())
            continue;
        if (const qsizetype e = entityOfName[size_t(m.key)]; e >= 0)
            entities[e].openTasks += delta;
    }
}

} // namespace

void IndexState::build(const QString &rootPath, const QList<Note> &allNotes, const Problems &problems, KnownFacts known)
{
    root = rootPath;
    scanProblems = problems;
    notes.clear();
    notes.reserve(allNotes.size());
    for (const Note &note : allNotes)
        dropUnheld(*notes.insert(note.relativePath, note));

    // The notes in path order (a load gives them so already), the last of any path named twice,
    // as in `notes`.
    const auto pathOf = [&allNotes](qsizetype k) -> const QString & { return allNotes.at(k).relativePath; };
    QList<qsizetype> order(allNotes.size());
    std::iota(order.begin(), order.end(), qsizetype(0));
    if (!std::is_sorted(order.cbegin(), order.cend(), [&](qsizetype a, qsizetype b) { return pathOf(a) < pathOf(b); }))
        std::stable_sort(order.begin(), order.end(), [&](qsizetype a, qsizetype b) { return pathOf(a) < pathOf(b); });
    qsizetype kept = 0;
    for (qsizetype i = 0; i < order.size(); ++i) {
        if (i + 1 < order.size() && pathOf(order.at(i)) == pathOf(order.at(i + 1)))
            continue;
        order[kept++] = order.at(i);
    }
    order.resize(kept);

    // The wikilink resolver needs the paths only: it is built while the facts are worked out and
    // given ids (nothing else touches m_links until entities are resolved).
    QStringList paths;
    paths.reserve(order.size());
    for (const qsizetype k : std::as_const(order))
        paths.append(pathOf(k));
    QFuture<void> links = QtConcurrent::run(workPool(), [this, paths] { m_links.build(paths); });

    // Known facts are taken as they are; the others are worked out on every core.
    const bool useKnown = known.facts.size() == allNotes.size();
    if (useKnown)
        m_names = std::move(known.names);
    std::vector<std::unique_ptr<NoteFacts>> facts(size_t(order.size()));
    QList<const Note *> unknown;
    QList<qsizetype> unknownAt;
    for (qsizetype i = 0; i < order.size(); ++i) {
        std::optional<NoteFacts> *given = useKnown ? &known.facts[order.at(i)] : nullptr;
        if (given && *given) {
            facts[size_t(i)] = std::make_unique<NoteFacts>(std::move(**given));
        } else {
            unknown.append(&allNotes.at(order.at(i)));
            unknownAt.append(i);
        }
    }
    known.facts.clear();
    if (!unknown.isEmpty()) {
        QList<NoteFacts> workedOut = IndexFacts::ofAll(unknown, m_names);
        for (qsizetype j = 0; j < unknownAt.size(); ++j)
            facts[size_t(unknownAt.at(j))] = std::make_unique<NoteFacts>(std::move(workedOut[j]));
    }
    factsWorkedOut = unknown.size();
    if (factsWorkedOut < order.size()) {
        std::vector<bool> workedOutHere(facts.size(), false);
        for (const qsizetype i : std::as_const(unknownAt))
            workedOutHere[size_t(i)] = true;
        forEachIndex(computePool(), order.size(), [&](qsizetype i) {
            if (!workedOutHere[size_t(i)])
                IndexFacts::complete(*facts[size_t(i)], allNotes.at(order.at(i)), m_names);
        });
    }

    m_facts = std::move(facts);
    m_factsByPath.clear();
    m_groups.clear();
    m_factsByPath.reserve(qsizetype(m_facts.size()));
    for (const std::unique_ptr<NoteFacts> &f : m_facts) {
        m_factsByPath.insert(f->path, f.get());
        joinGroup(f.get());
    }
    links.waitForFinished();
    m_resolved.clear();
    m_resolvedKnown.clear();
    resolveEntities();
    rebuildMeetings();
    linkMeetingsToEntities();
    tasks.build(*this);
    stampEntities();
    m_summary.reset();
    m_problems.reset();
    // Worked out here, off the GUI thread for a whole vault, rather than when the views first ask.
    summary();
    this->problems();
}

IndexState::Change IndexState::apply(const QList<Note> &changed, const QStringList &removed, const Problems &problems)
{
    m_summary.reset();
    Change change;
    QSet<QString> touched;
    QSet<QString> dirtyGroups;
    bool entitiesChanged = false;
    QList<QPair<QString, QList<qsizetype>>> relinked;   // notes whose entities changed in place, and their old ones
    QHash<QString, QList<qsizetype>> entitiesBefore;     // every note that changed or went: the entities it mentioned
    const auto noteOf = [this](int target) -> const QString & { return noteOfTarget(target); };
    for (const Note &note : changed) {
        touched.insert(note.relativePath);
        NoteFacts facts = IndexFacts::of(note, m_names);
        const auto existing = notes.find(note.relativePath);
        if (existing == notes.end()) {
            change.added.append(note.relativePath);
            dropUnheld(*notes.insert(note.relativePath, note));
            m_links.add(note.relativePath);
            // A new note that mentions known names only, and that no note's link now finds (a
            // new transcript, say), adjusts the entities in place, as an edit does.
            NoteFacts none;
            none.path = note.relativePath;
            if (!entitiesChanged && !linkTargetsChanged()
                && EntityResolver::update(entities, m_entityCounts, none, facts, m_names, noteOf)) {
                relinked.append({note.relativePath, {}});
            } else {
                entitiesChanged = true;
            }
            dirtyGroups.insert(facts.group);
            joinGroup(insertFacts(std::move(facts)));
        } else {
            // A touch or a rescan of an unchanged file is not a change the views need to see.
            if (!sameContent(*existing, note))
                change.modified.append(note.relativePath);
            *existing = note;
            dropUnheld(*existing);
            NoteFacts *old = m_factsByPath.value(note.relativePath);
            if (!entitiesBefore.contains(note.relativePath))   // a change may name a note twice: the first is the old one
                entitiesBefore.insert(note.relativePath, old->entities);
            if (!entitiesChanged && IndexFacts::sameEntityFacts(*old, facts)) {
                // Same names and links: the entities stay; only open-task counts may move.
                countOpenTasks(*old, -1, m_entityCounts.entityOfName, entities);
                countOpenTasks(facts, +1, m_entityCounts.entityOfName, entities);
                facts.entities = old->entities;
            } else if (!entitiesChanged && EntityResolver::update(entities, m_entityCounts, *old, facts, m_names, noteOf)) {
                // Other mentions of known names: counts and evidence were adjusted in place.
                // Not QList::operator==: Qt 6.4 hands memcmp a null pointer for an empty list (UBSan).
                if (!std::equal(facts.entities.cbegin(), facts.entities.cend(), old->entities.cbegin(), old->entities.cend()))
                    relinked.append({note.relativePath, old->entities});
            } else {
                entitiesChanged = true;
            }
            dirtyGroups.insert(old->group);
            dirtyGroups.insert(facts.group);
            leaveGroup(old);
            *old = std::move(facts);
            joinGroup(old);
        }
    }
    for (const QString &path : removed) {
        touched.insert(path);
        const auto existing = notes.find(path);
        if (existing == notes.end())
            continue;
        notes.erase(existing);
        const NoteFacts *old = m_factsByPath.value(path);
        if (!entitiesBefore.contains(path))
            entitiesBefore.insert(path, old->entities);
        dirtyGroups.insert(old->group);
        leaveGroup(old);
        m_links.remove(path);
        // A note that goes, if it named no entity and no note's link found it, takes its mentions
        // out in place; a meeting that goes with it is unlinked below.
        NoteFacts none;
        none.path = path;
        if (entitiesChanged || linkTargetsChanged() || !EntityResolver::update(entities, m_entityCounts, *old, none, m_names, noteOf))
            entitiesChanged = true;
        removeFacts(path);
        change.dropped.append(path);
    }
    dirtyGroups.remove(QString());
    // Earlier scan problems about the files this change covers are superseded.
    for (const Problem &problem : problems)
        touched.insert(problem.file);
    scanProblems.removeIf([&](const Problem &p) { return touched.contains(p.file); });
    scanProblems.append(problems);
    // The vault's problems change for these files only: a tick at 50k notes no longer gathers and
    // sorts every note's problems again.
    if (m_problems) {
        m_problems->removeIf([&](const Problem &p) { return touched.contains(p.file); });
        m_problems->append(problems);
        // What each touched file holds now: a change may name a note twice, or name it and
        // remove it, and a scan problem about a file that is still a note keeps the note's own.
        for (const QString &path : std::as_const(touched)) {
            if (const auto note = notes.constFind(path); note != notes.cend())
                m_problems->append(note->problems);
        }
        std::stable_sort(m_problems->begin(), m_problems->end(), problemBefore);
    }

    change.added.sort();
    change.modified.sort();
    change.dropped.sort();

    forgetResolvedTargets();
    if (entitiesChanged) {
        const QHash<int, QString> displayed = m_displayByKey;
        resolveEntities();
        // A participant shown under another name changes meetings anywhere: rebuild them all.
        if (m_displayByKey != displayed) {
            rebuildMeetings();
            linkMeetingsToEntities();
            tasks.build(*this);
            stampEntities();
            return change;
        }
    }
    QStringList inserted;
    QList<MeetingPtr> gone;
    const MeetingMoves moves = updateMeetings(dirtyGroups, &inserted, &gone);
    // A meeting that went is unlinked from the entities its versions mentioned (each version
    // changed or went in this change, so what it mentioned before is known).
    const auto unlinkGone = [&] {
        for (const MeetingPtr &meeting : std::as_const(gone)) {
            QSet<qsizetype> mentioned;
            for (const QString &version : meeting->versions) {
                const auto before = entitiesBefore.constFind(version);
                if (before == entitiesBefore.cend())
                    return false;
                for (const qsizetype e : *before)
                    mentioned.insert(e);
            }
            for (const qsizetype e : std::as_const(mentioned)) {
                if (e < entities.size() && entities[e].meetingKeys.removeOne(meeting->key))
                    updateLastMeeting(entities[e]);
            }
        }
        return true;
    };
    if (entitiesChanged || moves == MeetingMoves::Other || !unlinkGone()) {
        linkMeetingsToEntities();
    } else {
        // A new meeting is linked to every entity its versions mention: none was before.
        for (const QString &path : std::as_const(inserted)) {
            const auto listed = std::find_if(relinked.begin(), relinked.end(), [&](const auto &r) { return r.first == path; });
            if (listed != relinked.end())
                listed->second.clear();
            else
                relinked.append({path, {}});
        }
        relinkMeetings(relinked);
    }
    // The tasks of the notes that changed, and of every version of a meeting that changed (its
    // title, date and participants show on their rows).
    for (const QString &group : std::as_const(dirtyGroups)) {
        if (const auto found = m_groups.constFind(group); found != m_groups.cend()) {
            for (const NoteFacts *version : found->versions)
                touched.insert(version->path);
        }
    }
    tasks.update(*this, touched);
    stampEntities();
    return change;
}

Problems IndexState::problems() const
{
    if (m_problems)
        return *m_problems;
    Problems all = scanProblems;
    for (const Note &note : notes)
        all.append(note.problems);
    std::stable_sort(all.begin(), all.end(), problemBefore);
    m_problems = all;
    return all;
}

VaultSummary IndexState::summary() const
{
    if (m_summary)
        return *m_summary;
    VaultSummary summary;
    summary.notes = int(notes.size());
    summary.meetings = int(meetings.size());
    // The vault's owner ("Myself") is who the notes belong to, not someone they meet.
    for (const Entity &entity : entities) {
        if (!entity.vaultOwner)
            ++(entity.isPerson() ? summary.people : summary.organisations);
    }
    summary.problems = int(problems().size());
    for (const TaskRow &row : tasks.rows()) {
        if (row.open)
            ++summary.openTasks;
        else if (row.state == TaskState::Done)
            ++summary.doneTasks;
    }
    m_summary = summary;
    return summary;
}

QStringList IndexState::sortedPaths() const
{
    QStringList paths;
    paths.reserve(qsizetype(m_facts.size()));
    for (const auto &facts : m_facts)
        paths.append(facts->path);
    return paths;
}

NoteFacts *IndexState::insertFacts(NoteFacts facts)
{
    const auto at = std::lower_bound(m_facts.begin(), m_facts.end(), facts.path, pathBefore);
    NoteFacts *stored = m_facts.insert(at, std::make_unique<NoteFacts>(std::move(facts)))->get();
    m_factsByPath.insert(stored->path, stored);
    return stored;
}

void IndexState::removeFacts(const QString &path)
{
    m_factsByPath.remove(path);
    const auto at = std::lower_bound(m_facts.begin(), m_facts.end(), path, pathBefore);
    if (at != m_facts.end() && (*at)->path == path)
        m_facts.erase(at);
}

void IndexState::joinGroup(const NoteFacts *facts)
{
    if (facts->group.isEmpty())
        return;
    QList<const NoteFacts *> &versions = m_groups[facts->group].versions;
    const auto at = std::lower_bound(versions.begin(), versions.end(), facts->path,
                                     [](const NoteFacts *f, const QString &path) { return f->path < path; });
    versions.insert(at, facts);
}

void IndexState::leaveGroup(const NoteFacts *facts)
{
    if (facts->group.isEmpty())
        return;
    const auto group = m_groups.find(facts->group);
    if (group == m_groups.end())
        return;
    group->versions.removeOne(facts);
    if (group->versions.isEmpty())
        m_groups.erase(group);
}

void IndexState::forgetResolvedTargets()
{
    for (const QString &key : m_links.takeChangedKeys()) {
        const int id = m_names.find(key);
        if (id >= 0 && size_t(id) < m_resolvedKnown.size())
            m_resolvedKnown[size_t(id)] = false;
    }
}

const QString &IndexState::noteOfTarget(int target)
{
    if (size_t(target) >= m_resolved.size()) {
        m_resolved.resize(size_t(m_names.size()));
        m_resolvedKnown.resize(size_t(m_names.size()), false);
    }
    if (!m_resolvedKnown[size_t(target)]) {
        m_resolved[size_t(target)] = m_links.lookup(m_names.text(target));
        m_resolvedKnown[size_t(target)] = true;
    }
    return m_resolved[size_t(target)];
}

void IndexState::resolveEntities()
{
    ++entityPasses;
    EntityResolver::Result resolved =
        EntityResolver::resolve(m_facts, m_names, [this](int target) -> const QString & { return noteOfTarget(target); });
    entities = std::move(resolved.entities);
    entityByName = std::move(resolved.entityByKey);
    entityByWritten.clear();
    m_entityCounts = std::move(resolved.counts);
    m_entityKey.assign(size_t(entities.size()), -1);
    m_displayByKey.clear();
    for (size_t k = 0; k < m_entityCounts.entityOfName.size(); ++k) {
        if (const qsizetype e = m_entityCounts.entityOfName[k]; e >= 0)
            m_displayByKey.insert(int(k), entities.at(e).name);
    }
    orderEntityNames();
}

// The sidebar sorts by name with the locale's collation. Collating a thousand names on the GUI
// thread, as the view asks for them, took a quarter of the event that shows a large vault; here
// each name gets one sort key, and a change that keeps every name keeps the order too.
void IndexState::orderEntityNames()
{
    const QCollator collator;   // the default locale's, as QString::localeAwareCompare uses
    std::vector<QCollatorSortKey> keys;
    keys.reserve(size_t(entities.size()));
    for (const Entity &entity : std::as_const(entities))
        keys.push_back(collator.sortKey(entity.name.toLower()));
    std::vector<qsizetype> order(size_t(entities.size()));
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](qsizetype a, qsizetype b) {
        const int byKey = keys[size_t(a)].compare(keys[size_t(b)]);
        return byKey != 0 ? byKey < 0 : entities.at(a).name < entities.at(b).name;
    });
    for (size_t rank = 0; rank < order.size(); ++rank)
        entities[order[rank]].nameOrder = int(rank);
}

QPair<QString, int> IndexState::canonical(const NoteFacts::Mention &m)
{
    const qsizetype e = size_t(m.key) < m_entityCounts.entityOfName.size() ? m_entityCounts.entityOfName[size_t(m.key)] : -1;
    if (e < 0)
        return {m_names.text(m.spelling), m.key};
    int &key = m_entityKey[size_t(e)];
    if (key < 0)
        key = m_names.intern(EntityResolver::key(entities.at(e).name));
    return {entities.at(e).name, key};
}

Meeting IndexState::meetingOf(const Group &group)
{
    Meeting meeting = MeetingGrouper::build(group.versions, [this](const NoteFacts::Mention &m) { return canonical(m); });
    // The versions' content hashes stand for their tags and bodies.
    meeting.print = qHashMulti(0, meeting.key, meeting.title, meeting.date, meeting.participants, meeting.openTasks,
                               meeting.totalTasks, meeting.versions);
    meeting.searchTexts.reserve(group.versions.size());
    for (const NoteFacts *version : group.versions) {
        meeting.print = qHashMulti(meeting.print, version->contentHash);
        meeting.searchTexts.append(version->searchText);
    }
    return meeting;
}

void IndexState::mapVersions(const MeetingPtr &meeting)
{
    for (const QString &version : meeting->versions)
        meetingByNote.insert(version, meeting);
}

qsizetype IndexState::meetingRow(const Meeting *meeting) const
{
    if (!meeting)
        return -1;
    // newerFirst is a total order (date, title, then the unique key).
    const auto at = std::lower_bound(meetings.cbegin(), meetings.cend(), meeting, [](const MeetingPtr &a, const Meeting *b) {
        return MeetingGrouper::newerFirst(*a, *b);
    });
    return at != meetings.cend() && at->get() == meeting ? at - meetings.cbegin() : -1;
}

void IndexState::rebuildMeetings()
{
    // canonical() interns an entity's key the first time a meeting shows it: every key is
    // interned first, so that the meetings are built on every core with lookups only.
    for (qsizetype e = 0; e < entities.size(); ++e) {
        if (m_entityKey[size_t(e)] < 0)
            m_entityKey[size_t(e)] = m_names.intern(EntityResolver::key(entities.at(e).name));
    }
    QList<const Group *> groups;
    groups.reserve(m_groups.size());
    m_meetingKeyOfGroup.clear();
    m_meetingKeyOfGroup.reserve(m_groups.size());
    for (const Group &group : std::as_const(m_groups))
        groups.append(&group);
    meetings = mapInOrder<MeetingPtr>(computePool(), groups,
                                      [this](const Group *group) { return std::make_shared<const Meeting>(meetingOf(*group)); });
    qsizetype i = 0;
    for (auto group = m_groups.cbegin(); group != m_groups.cend(); ++group)
        m_meetingKeyOfGroup.insert(group.key(), meetings.at(i++)->key);
    sortInParallel(computePool(), meetings,
                   [](const MeetingPtr &a, const MeetingPtr &b) { return MeetingGrouper::newerFirst(*a, *b); });
    meetingByNote.clear();
    meetingByNote.reserve(meetings.size());
    for (const MeetingPtr &meeting : std::as_const(meetings))
        mapVersions(meeting);
}

// Rebuilds the meetings of `groups` and puts each in its place in the timeline. CameOrWent: the
// only other changes are new meetings (of groups that had none), whose versions are added to
// `insertedVersions`, and meetings whose group is gone, added to `gone`. Other: a meeting moved,
// or changed its key, date or versions.
IndexState::MeetingMoves IndexState::updateMeetings(const QSet<QString> &groups, QStringList *insertedVersions,
                                                    QList<MeetingPtr> *gone)
{
    struct Update
    {
        QString group;
        qsizetype from = -1;          // its meeting's index now; -1 when it has none
        std::optional<Meeting> next;  // its meeting from now on; none when the group is gone
    };
    QList<Update> updates;
    for (const QString &key : groups) {
        Update update;
        update.group = key;
        if (const auto known = m_meetingKeyOfGroup.constFind(key); known != m_meetingKeyOfGroup.cend())
            update.from = meetingRow(meetingByNote.value(*known).get());
        if (const auto group = m_groups.constFind(key); group != m_groups.cend())
            update.next = meetingOf(*group);
        if (update.from >= 0 || update.next)
            updates.append(std::move(update));
    }
    if (updates.isEmpty())
        return MeetingMoves::None;

    // The common case: the meetings changed but each keeps its key, versions and place (tasks
    // ticked, in one note or in several synced at once), each checked against its neighbours
    // as they will be.
    QHash<qsizetype, const Meeting *> nextAt;
    for (const Update &update : std::as_const(updates)) {
        if (update.from >= 0 && update.next)
            nextAt.insert(update.from, &*update.next);
    }
    const auto finalAt = [&](qsizetype i) -> const Meeting & {
        const Meeting *next = nextAt.value(i);
        return next ? *next : *meetings.at(i);
    };
    const auto inPlace = [&](const Update &update) {
        if (update.from < 0 || !update.next)
            return false;
        const qsizetype from = update.from;
        const Meeting &meeting = *update.next;
        const Meeting &old = *meetings.at(from);
        return (from == 0 || MeetingGrouper::newerFirst(finalAt(from - 1), meeting))
               && (from + 1 == meetings.size() || MeetingGrouper::newerFirst(meeting, finalAt(from + 1)))
               && old.key == meeting.key && old.date == meeting.date && old.versions == meeting.versions;
    };
    if (std::all_of(updates.cbegin(), updates.cend(), inPlace)) {
        for (Update &update : updates) {
            meetings[update.from] = std::make_shared<const Meeting>(std::move(*update.next));
            mapVersions(meetings.at(update.from));
        }
        return MeetingMoves::None;
    }
    const bool cameOrWent = std::all_of(updates.cbegin(), updates.cend(), [](const Update &u) { return (u.from < 0) == u.next.has_value(); });
    if (cameOrWent) {
        for (const Update &update : std::as_const(updates)) {
            if (update.next)
                insertedVersions->append(update.next->versions);
            else
                gone->append(meetings.at(update.from));
        }
    }

    // Otherwise: take the old meetings out, put the new ones in.
    QList<qsizetype> leaving;
    for (const Update &update : std::as_const(updates)) {
        if (update.from >= 0)
            leaving.append(update.from);
    }
    std::sort(leaving.begin(), leaving.end(), std::greater<>());
    for (const qsizetype from : std::as_const(leaving)) {
        for (const QString &version : meetings.at(from)->versions)
            meetingByNote.remove(version);
        meetings.removeAt(from);
    }
    for (Update &update : updates) {
        if (!update.next) {
            m_meetingKeyOfGroup.remove(update.group);
            continue;
        }
        m_meetingKeyOfGroup.insert(update.group, update.next->key);
        const auto at = std::lower_bound(meetings.cbegin(), meetings.cend(), *update.next,
                                         [](const MeetingPtr &a, const Meeting &b) { return MeetingGrouper::newerFirst(*a, b); });
        const qsizetype to = at - meetings.cbegin();
        meetings.insert(to, std::make_shared<const Meeting>(std::move(*update.next)));
        mapVersions(meetings.at(to));
    }
    return cameOrWent ? MeetingMoves::CameOrWent : MeetingMoves::Other;
}

// True when a note that came or went changed which note a link target some note uses names (a
// key no note has interned is linked from nowhere).
bool IndexState::linkTargetsChanged() const
{
    const QSet<QString> &keys = m_links.changedKeys();
    return std::any_of(keys.cbegin(), keys.cend(), [this](const QString &key) { return m_names.find(key) >= 0; });
}

// After changes that kept every entity but changed whom some notes mention (`changed`: each note
// and the entities it mentioned before), and moved no meeting: each entity that came or went in a
// note's list gains or loses that note's meeting, unless another version of it still mentions it.
void IndexState::relinkMeetings(const QList<QPair<QString, QList<qsizetype>>> &changed)
{
    for (const auto &[path, before] : changed) {
        const MeetingPtr listed = meetingByNote.value(path);
        const NoteFacts *facts = m_factsByPath.value(path);
        if (!listed || !facts)
            continue;
        const Meeting &meeting = *listed;
        QList<qsizetype> affected;
        for (const qsizetype e : before) {
            if (!facts->entities.contains(e))
                affected.append(e);
        }
        for (const qsizetype e : facts->entities) {
            if (!before.contains(e))
                affected.append(e);
        }
        for (const qsizetype e : std::as_const(affected)) {
            bool linked = false;
            for (const QString &version : meeting.versions) {
                const NoteFacts *v = m_factsByPath.value(version);
                linked = linked || (v && v->entities.contains(e));
            }
            // Keys are in timeline order: find this meeting's place by that order.
            Entity &entity = entities[e];
            QStringList &keys = entity.meetingKeys;
            const auto place = std::lower_bound(keys.begin(), keys.end(), meeting, [this](const QString &key, const Meeting &m) {
                const auto other = meetingByNote.constFind(key);
                return other == meetingByNote.cend() || MeetingGrouper::newerFirst(**other, m);
            });
            const bool listed = place != keys.end() && *place == meeting.key;
            if (linked && !listed)
                keys.insert(place, meeting.key);
            else if (!linked && listed)
                keys.erase(place);
            updateLastMeeting(entity);
        }
    }
}

void IndexState::updateLastMeeting(Entity &entity) const
{
    entity.lastMeeting = QDate();
    for (const QString &key : std::as_const(entity.meetingKeys)) {
        const auto meeting = meetingByNote.constFind(key);
        if (meeting != meetingByNote.cend() && (*meeting)->date.isValid()) {
            entity.lastMeeting = (*meeting)->date;
            break;
        }
    }
}

// What each entity's sidebar row shows, hashed (Entity::print), once per change. Meetings and
// evidence run to thousands for someone met every week: their sizes and ends stand for them (a
// meeting that comes or goes changes the size, a new one is the first).
void IndexState::stampEntities()
{
    const auto ends = [](const QStringList &list) {
        return list.isEmpty() ? size_t(0) : qHashMulti(0, list.size(), list.constFirst(), list.constLast());
    };
    for (Entity &entity : entities) {
        entity.print = qHashMulti(0, entity.name, int(entity.kind), entity.aliases, entity.notePath, ends(entity.evidence),
                                  ends(entity.meetingKeys), entity.openTasks, entity.lastMeeting, entity.vaultOwner);
    }
}

// Each entity's meetings (newest first) and last meeting date, from the notes that mention it.
void IndexState::linkMeetingsToEntities()
{
    for (Entity &entity : entities) {
        entity.meetingKeys.clear();
        entity.lastMeeting = QDate();
    }
    // The entities of each meeting's versions, looked up on every core; then given to the
    // entities in the meetings' order (newest first, so each entity's keys come out newest first
    // too).
    QList<QList<qsizetype>> entitiesOf(meetings.size());
    QList<qsizetype> *of = entitiesOf.data();
    forEachIndex(computePool(), meetings.size(), [&](qsizetype m) {
        const QStringList &versions = meetings.at(m)->versions;
        for (const QString &version : versions) {
            if (const NoteFacts *facts = m_factsByPath.value(version)) {
                if (versions.size() == 1)
                    of[m] = facts->entities;
                else
                    of[m].append(facts->entities);
            }
        }
    });
    for (qsizetype m = 0; m < meetings.size(); ++m) {
        const Meeting &meeting = *meetings.at(m);
        for (const qsizetype e : std::as_const(entitiesOf.at(m))) {
            Entity &entity = entities[e];
            if (!entity.meetingKeys.isEmpty() && entity.meetingKeys.constLast() == meeting.key)
                continue;
            entity.meetingKeys.append(meeting.key);
            if (!entity.lastMeeting.isValid() && meeting.date.isValid())
                entity.lastMeeting = meeting.date;
        }
    }
}

} // namespace minutes
