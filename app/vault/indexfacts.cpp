#include "vault/indexfacts.h"

#include "core/workpool.h"
#include "vault/entityresolver.h"
#include "vault/indexlinks.h"
#include "vault/indexnames.h"
#include "vault/meetinggrouper.h"

namespace minutes {

namespace {

// The same few hundred names and link targets come back in every note: remember, per thread,
// what cleaning and case folding made of them, so that each is cleaned once a thread rather
// than once a slice of notes (FactsInterner).
struct CleanedName
{
    QString name;   // EntityResolver::cleanName()
    QString key;    // EntityResolver::key() of it; empty when the name is
};

struct CleanedTarget
{
    QString linkKey;   // IndexLinks::keyOf()
    bool noteLike = false;
    CleanedName name;  // empty for a note-like target
};

constexpr qsizetype kMaxMemo = 50000;

const CleanedName &cleanedName(const QString &written)
{
    thread_local QHash<QString, CleanedName> memo;
    if (const auto found = memo.constFind(written); found != memo.cend())
        return *found;
    if (memo.size() >= kMaxMemo)
        memo.clear();
    CleanedName cleaned;
    cleaned.name = EntityResolver::cleanName(written);
    if (!cleaned.name.isEmpty())
        cleaned.key = EntityResolver::key(cleaned.name);
    return *memo.insert(written, cleaned);
}

const CleanedTarget &cleanedTarget(const QString &trimmed)
{
    thread_local QHash<QString, CleanedTarget> memo;
    if (const auto found = memo.constFind(trimmed); found != memo.cend())
        return *found;
    if (memo.size() >= kMaxMemo)
        memo.clear();
    CleanedTarget cleaned;
    cleaned.linkKey = IndexLinks::keyOf(trimmed);
    cleaned.noteLike = EntityResolver::looksLikeNoteTarget(trimmed);
    if (!cleaned.noteLike)
        cleaned.name = cleanedName(trimmed);
    return *memo.insert(trimmed, cleaned);
}

// Interns a note's strings into one table, remembering what each name and link target as
// written came to: in a slice of notes the same few hundred come back, and most mentions then
// cost one hash lookup, with no string copied.
class FactsInterner
{
public:
    explicit FactsInterner(IndexNames &names) : m_names(names) {}

    struct NameIds
    {
        int key = -1;
        int spelling = -1;
    };
    struct TargetIds
    {
        int target = -1;
        bool noteLike = false;
        NameIds name;
    };

    int intern(const QString &text) { return m_names.intern(text); }

    // -1s when the name cleans to nothing.
    NameIds name(const QString &written)
    {
        if (const auto found = m_nameIds.constFind(written); found != m_nameIds.cend())
            return *found;
        return *m_nameIds.insert(written, idsOf(cleanedName(written)));
    }

    TargetIds target(const QString &trimmed)
    {
        if (const auto found = m_targetIds.constFind(trimmed); found != m_targetIds.cend())
            return *found;
        const CleanedTarget &cleaned = cleanedTarget(trimmed);
        TargetIds ids;
        ids.target = cleaned.linkKey.isEmpty() ? -1 : m_names.intern(cleaned.linkKey);
        ids.noteLike = cleaned.noteLike;
        if (!cleaned.name.key.isEmpty())
            ids.name = idsOf(cleaned.name);
        return *m_targetIds.insert(trimmed, ids);
    }

private:
    NameIds idsOf(const CleanedName &cleaned)
    {
        if (cleaned.name.isEmpty())
            return {};
        return {m_names.intern(cleaned.key), m_names.intern(cleaned.name)};
    }

    IndexNames &m_names;
    QHash<QString, NameIds> m_nameIds;
    QHash<QString, TargetIds> m_targetIds;
};

// A meeting's group ("d:" + its duplicate key, else "p:" + its path) and what the timeline shows
// of it, as its note says it.
void takeMeetingFields(NoteFacts &facts, const Note &note, const QString &duplicateKey)
{
    facts.group = duplicateKey.isEmpty() ? QLatin1String("p:") + facts.path : QLatin1String("d:") + duplicateKey;
    facts.date = note.date;
    facts.title = note.title;
    facts.bodySize = note.bodyLength;
    facts.contentHash = note.contentHash;
    facts.searchText = note.searchText;
}

NoteFacts factsOf(const Note &note, FactsInterner &interner)
{
    NoteFacts facts;
    facts.path = note.relativePath;
    facts.mentions.reserve(note.participants.size() + 1 + note.tasks.size());
    facts.links.reserve(note.links.size());

    const bool person = EntityResolver::isPersonType(note.type);
    if (person || EntityResolver::isOrganisationType(note.type)) {
        facts.definesEntity = true;
        facts.kind = person ? Entity::Kind::Person : Entity::Kind::Organisation;
        const QString cleanTitle = EntityResolver::cleanName(note.title);
        facts.definedNames = {cleanTitle.isEmpty() ? note.baseName() : cleanTitle, note.baseName()};
        for (const QString &alias : note.aliases) {
            const QString cleaned = EntityResolver::cleanName(alias);
            if (!cleaned.isEmpty())
                facts.definedNames.append(cleaned);
        }
        facts.definedKeys.reserve(facts.definedNames.size());
        for (const QString &name : std::as_const(facts.definedNames))
            facts.definedKeys.append(interner.intern(EntityResolver::key(name)));
        facts.typeEvidence = QStringLiteral("type: %1 in %2").arg(note.type.trimmed(), note.relativePath);
    }

    auto mention = [&](const QString &written, NoteFacts::Role role, int line, bool open) {
        if (written.isEmpty())
            return;
        const FactsInterner::NameIds ids = interner.name(written);
        if (ids.spelling < 0)
            return;
        NoteFacts::Mention m;
        m.key = ids.key;
        m.spelling = ids.spelling;
        m.role = role;
        m.line = line;
        m.open = open;
        facts.mentions.append(m);
    };
    for (const QString &participant : note.participants)
        mention(participant, NoteFacts::Role::Participant, 0, false);
    mention(note.person, NoteFacts::Role::Person, 0, false);
    for (const NoteTask &task : note.tasks) {
        mention(task.owner, NoteFacts::Role::Owner, task.line, task.isOpen());
        ++facts.totalTasks;
        if (task.isOpen())
            ++facts.openTasks;
    }
    for (const WikiLink &wikiLink : note.links) {
        const QString target = wikiLink.target.trimmed();
        if (target.isEmpty())
            continue;
        const FactsInterner::TargetIds ids = interner.target(target);
        NoteFacts::Link link;
        link.target = ids.target;
        link.key = ids.name.key;
        link.spelling = ids.name.spelling;
        link.line = wikiLink.line;
        link.noteLike = ids.noteLike;
        facts.links.append(link);
    }

    facts.meeting = MeetingGrouper::isMeeting(note);
    if (facts.meeting) {
        const QString duplicateKey = MeetingGrouper::duplicateKey(note);
        if (!duplicateKey.isEmpty())
            facts.duplicateKey = interner.intern(duplicateKey);
        // Note::title falls back to the base name: a title of its own was written in the note.
        facts.titled = !note.title.trimmed().isEmpty() && note.title != note.baseName();
        takeMeetingFields(facts, note, duplicateKey);
    }
    return facts;
}

} // namespace

NoteFacts IndexFacts::of(const Note &note, IndexNames &names)
{
    FactsInterner interner(names);
    return factsOf(note, interner);
}

QList<NoteFacts> IndexFacts::ofAll(const QList<const Note *> &notes, IndexNames &names)
{
    constexpr qsizetype SliceSize = 512;
    QList<QPair<qsizetype, qsizetype>> slices;   // [first, end)
    for (qsizetype first = 0; first < notes.size(); first += SliceSize)
        slices.append({first, std::min(notes.size(), first + SliceSize)});
    QList<NoteFacts> facts(notes.size());
    NoteFacts *all = facts.data();
    const QList<IndexNames> local = mapInOrder<IndexNames>(computePool(), slices, [&](const QPair<qsizetype, qsizetype> &slice) {
        IndexNames table;
        FactsInterner interner(table);
        for (qsizetype i = slice.first; i < slice.second; ++i)
            all[i] = factsOf(*notes.at(i), interner);
        return table;
    });
    QList<QList<int>> global(slices.size());
    for (qsizetype k = 0; k < slices.size(); ++k) {
        global[k].reserve(local.at(k).size());
        for (int id = 0; id < local.at(k).size(); ++id)
            global[k].append(names.intern(local.at(k).text(id)));
    }
    forEachIndex(computePool(), slices.size(), [&](qsizetype k) {
        const QList<int> &ids = global.at(k);
        const auto map = [&ids](int &id) {
            if (id >= 0)
                id = ids.at(id);
        };
        for (qsizetype i = slices.at(k).first; i < slices.at(k).second; ++i)
            forEachId(all[i], map);
    });
    return facts;
}

void IndexFacts::complete(NoteFacts &facts, const Note &note, const IndexNames &names)
{
    facts.path = note.relativePath;
    if (!facts.meeting)
        return;
    takeMeetingFields(facts, note, facts.duplicateKey < 0 ? QString() : names.text(facts.duplicateKey));
}

bool IndexFacts::sameEntityFacts(const NoteFacts &a, const NoteFacts &b)
{
    if (a.definesEntity != b.definesEntity || a.kind != b.kind || a.definedNames != b.definedNames
        || a.typeEvidence != b.typeEvidence || a.mentions.size() != b.mentions.size() || a.links.size() != b.links.size())
        return false;
    for (qsizetype i = 0; i < a.mentions.size(); ++i) {
        const NoteFacts::Mention &x = a.mentions.at(i), &y = b.mentions.at(i);
        if (x.key != y.key || x.spelling != y.spelling || x.line != y.line || x.role != y.role)
            return false;
    }
    for (qsizetype i = 0; i < a.links.size(); ++i) {
        const NoteFacts::Link &x = a.links.at(i), &y = b.links.at(i);
        if (x.target != y.target || x.key != y.key || x.spelling != y.spelling || x.line != y.line || x.noteLike != y.noteLike)
            return false;
    }
    return true;
}

} // namespace minutes
