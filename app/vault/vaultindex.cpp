#include "vault/vaultindex.h"

#include "vault/entityresolver.h"
#include "vault/meetinggrouper.h"

#include <QSet>

#include <algorithm>

namespace minutes {

namespace {

QString linkKey(QStringView name)
{
    return name.toString().toCaseFolded();
}

bool sameContent(const Note &a, const Note &b)
{
    if (a.contentHash.isEmpty() || b.contentHash.isEmpty())
        return false;
    return a.contentHash == b.contentHash && a.problems == b.problems;
}

bool problemBefore(const Problem &a, const Problem &b)
{
    if (a.file != b.file)
        return a.file < b.file;
    return a.line < b.line;
}

} // namespace

VaultIndex::VaultIndex(QObject *parent)
    : QObject(parent)
{
}

void VaultIndex::reset(ScanResult result)
{
    Q_EMIT aboutToReset();
    m_root = result.root;
    m_notes.clear();
    m_notes.reserve(result.notes.size());
    for (Note &note : result.notes) {
        const QString path = note.relativePath;
        m_notes.insert(path, std::move(note));
    }
    m_scanProblems = std::move(result.problems);
    rebuildDerived();
    Q_EMIT resetDone();
}

void VaultIndex::apply(const QList<Note> &changed, const QStringList &removed, const Problems &scanProblems)
{
    QStringList added, modified, dropped;
    QSet<QString> touched;
    for (const Note &note : changed) {
        touched.insert(note.relativePath);
        const auto existing = m_notes.find(note.relativePath);
        if (existing == m_notes.end()) {
            added.append(note.relativePath);
            m_notes.insert(note.relativePath, note);
        } else {
            // A touch or a rescan of an unchanged file is not a change the views need to see.
            if (!sameContent(*existing, note))
                modified.append(note.relativePath);
            *existing = note;
        }
    }
    for (const QString &path : removed) {
        touched.insert(path);
        if (m_notes.remove(path) > 0)
            dropped.append(path);
    }
    // Earlier scan problems about the files this change covers are superseded.
    for (const Problem &problem : scanProblems)
        touched.insert(problem.file);
    m_scanProblems.removeIf([&](const Problem &p) { return touched.contains(p.file); });
    m_scanProblems.append(scanProblems);

    added.sort();
    modified.sort();
    dropped.sort();
    rebuildDerived();
    Q_EMIT notesChanged(added, modified, dropped);
}

const Note *VaultIndex::note(const QString &relativePath) const
{
    const auto found = m_notes.constFind(relativePath);
    return found != m_notes.cend() ? &*found : nullptr;
}

QStringList VaultIndex::notePaths() const
{
    QStringList paths = m_notes.keys();
    paths.sort();
    return paths;
}

const Entity *VaultIndex::entity(const QString &nameOrAlias) const
{
    const auto found = m_entityByName.constFind(EntityResolver::key(EntityResolver::cleanName(nameOrAlias)));
    return found != m_entityByName.cend() ? &m_entities.at(*found) : nullptr;
}

const Meeting *VaultIndex::meetingForNote(const QString &relativePath) const
{
    const auto found = m_meetingByNote.constFind(relativePath);
    return found != m_meetingByNote.cend() ? &m_meetings.at(*found) : nullptr;
}

QString VaultIndex::resolveNoteLink(const QString &target) const
{
    QString t = target.trimmed();
    const qsizetype cut = t.indexOf(QLatin1Char('|'));
    if (cut >= 0)
        t.truncate(cut);
    const qsizetype heading = t.indexOf(QLatin1Char('#'));
    if (heading >= 0)
        t.truncate(heading);
    t = t.trimmed();
    while (t.startsWith(QLatin1String("./")))
        t.remove(0, 2);
    while (t.startsWith(QLatin1Char('/')))
        t.remove(0, 1);
    if (t.isEmpty())
        return {};
    return m_noteByLinkName.value(linkKey(t));
}

Problems VaultIndex::problems() const
{
    Problems all = m_scanProblems;
    for (const Note &note : m_notes)
        all.append(note.problems);
    std::stable_sort(all.begin(), all.end(), problemBefore);
    return all;
}

VaultSummary VaultIndex::summary() const
{
    VaultSummary summary;
    summary.notes = int(m_notes.size());
    summary.meetings = int(m_meetings.size());
    for (const Entity &entity : m_entities)
        ++(entity.isPerson() ? summary.people : summary.organisations);
    summary.problems = int(m_scanProblems.size());
    for (const Note &note : m_notes) {
        summary.problems += int(note.problems.size());
        for (const Task &task : note.tasks) {
            if (task.isOpen())
                ++summary.openTasks;
            else if (task.state() == TaskState::Done)
                ++summary.doneTasks;
        }
    }
    return summary;
}

// Everything derived is rebuilt from scratch in a few linear passes with hash lookups, so that
// a 50,000-note vault stays fast; sorting by path makes every tie-break deterministic.
void VaultIndex::rebuildDerived()
{
    QList<const Note *> sorted;
    sorted.reserve(m_notes.size());
    for (const Note &note : std::as_const(m_notes))
        sorted.append(&note);
    std::sort(sorted.begin(), sorted.end(),
              [](const Note *a, const Note *b) { return a->relativePath < b->relativePath; });

    // Obsidian resolves [[Name]] by base name anywhere in the vault, [[Folder/Name]] by path.
    // An ambiguous base name goes to the note nearest the root (then the first path).
    m_noteByLinkName.clear();
    m_noteByLinkName.reserve(sorted.size() * 3);
    QHash<QString, qsizetype> depthOfName;
    for (const Note *note : std::as_const(sorted)) {
        const QString &path = note->relativePath;
        const qsizetype depth = path.count(QLatin1Char('/'));
        const QStringView fileName = QStringView(path).mid(path.lastIndexOf(QLatin1Char('/')) + 1);
        const qsizetype dot = fileName.lastIndexOf(QLatin1Char('.'));
        const QStringView baseName = dot > 0 ? fileName.left(dot) : fileName;
        for (const QStringView name : {baseName, fileName}) {
            const QString key = linkKey(name);
            const auto known = depthOfName.constFind(key);
            if (known == depthOfName.cend() || depth < *known) {
                depthOfName.insert(key, depth);
                m_noteByLinkName.insert(key, note->relativePath);
            }
        }
    }
    for (const Note *note : std::as_const(sorted)) {
        m_noteByLinkName.insert(linkKey(note->relativePath), note->relativePath);
        QStringView withoutExtension(note->relativePath);
        if (withoutExtension.endsWith(QLatin1String(".md"), Qt::CaseInsensitive))
            withoutExtension.chop(3);
        m_noteByLinkName.insert(linkKey(withoutExtension), note->relativePath);
    }

    EntityResolver resolver([this](const QString &target) { return resolveNoteLink(target); });
    resolver.build(sorted);
    m_meetings = MeetingGrouper::group(sorted, [&resolver](const QString &written) {
        return resolver.canonicalName(written);
    });
    m_entities = std::move(resolver.entities());
    m_entityByName = resolver.entityByKey();

    m_meetingByNote.clear();
    m_meetingByNote.reserve(m_meetings.size());
    for (qsizetype i = 0; i < m_meetings.size(); ++i) {
        const Meeting &meeting = m_meetings.at(i);
        for (const QString &version : meeting.versions) {
            m_meetingByNote.insert(version, i);
            // Meetings are newest first, so each entity's keys come out newest first too.
            for (const qsizetype e : resolver.mentionsOf(version)) {
                Entity &entity = m_entities[e];
                if (!entity.meetingKeys.isEmpty() && entity.meetingKeys.constLast() == meeting.key)
                    continue;
                entity.meetingKeys.append(meeting.key);
                if (!entity.lastMeeting.isValid() && meeting.date.isValid())
                    entity.lastMeeting = meeting.date;
            }
        }
    }
}

} // namespace minutes
