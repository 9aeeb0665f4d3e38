#include "vault/indexfacts.h"

#include "core/workpool.h"
#include "vault/entityresolver.h"
#include "vault/indexlinks.h"
#include "vault/indexnames.h"
#include "vault/meetinggrouper.h"

namespace minutes {

namespace {

// The same few hundred names and link targets come back in every note: remember, per thread,
// what cleaning and case folding made of them, so that most mentions cost one hash lookup.
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

} // namespace

NoteFacts IndexFacts::of(const Note &note)
{
    NoteFacts facts;
    facts.path = note.relativePath;
    const qsizetype mentions = note.participants.size() + 1 + note.tasks.size();
    facts.mentions.reserve(mentions);
    facts.pendingMentionKeys.reserve(mentions);
    facts.pendingMentionSpellings.reserve(mentions);
    facts.links.reserve(note.links.size());
    facts.pendingLinkTargets.reserve(note.links.size());
    facts.pendingLinkKeys.reserve(note.links.size());
    facts.pendingLinkSpellings.reserve(note.links.size());

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
        facts.typeEvidence = QStringLiteral("type: %1 in %2").arg(note.type.trimmed(), note.relativePath);
    }

    auto mention = [&](const QString &written, NoteFacts::Role role, int line, bool open) {
        if (written.isEmpty())
            return;
        const CleanedName &cleaned = cleanedName(written);
        if (cleaned.name.isEmpty())
            return;
        NoteFacts::Mention m;
        m.role = role;
        m.line = line;
        m.open = open;
        facts.mentions.append(m);
        facts.pendingMentionKeys.append(cleaned.key);
        facts.pendingMentionSpellings.append(cleaned.name);
    };
    for (const QString &participant : note.participants)
        mention(participant, NoteFacts::Role::Participant, 0, false);
    mention(note.person, NoteFacts::Role::Person, 0, false);
    for (const Task &task : note.tasks) {
        mention(task.owner, NoteFacts::Role::Owner, task.line, task.isOpen());
        ++facts.totalTasks;
        if (task.isOpen())
            ++facts.openTasks;
    }
    for (const WikiLink &wikiLink : note.links) {
        const QString target = wikiLink.target.trimmed();
        if (target.isEmpty())
            continue;
        const CleanedTarget &cleaned = cleanedTarget(target);
        NoteFacts::Link link;
        link.line = wikiLink.line;
        link.noteLike = cleaned.noteLike;
        facts.links.append(link);
        facts.pendingLinkTargets.append(cleaned.linkKey);
        facts.pendingLinkKeys.append(cleaned.name.key);
        facts.pendingLinkSpellings.append(cleaned.name.name);
    }

    facts.meeting = MeetingGrouper::isMeeting(note);
    if (facts.meeting) {
        facts.pendingDuplicateKey = MeetingGrouper::duplicateKey(note);
        facts.date = note.date;
        facts.title = note.title;
        facts.bodySize = note.bodyLength;
        // Note::title falls back to the base name: a title of its own was written in the note.
        facts.titled = !note.title.trimmed().isEmpty() && note.title != note.baseName();
        facts.contentHash = note.contentHash;
        facts.searchText = note.searchText;
    }
    return facts;
}

void IndexFacts::intern(NoteFacts &facts, IndexNames &names)
{
    for (const QString &name : std::as_const(facts.definedNames))
        facts.definedKeys.append(names.intern(EntityResolver::key(name)));
    for (qsizetype i = 0; i < facts.mentions.size(); ++i) {
        facts.mentions[i].key = names.intern(facts.pendingMentionKeys.at(i));
        facts.mentions[i].spelling = names.intern(facts.pendingMentionSpellings.at(i));
    }
    for (qsizetype i = 0; i < facts.links.size(); ++i) {
        NoteFacts::Link &link = facts.links[i];
        const QString &target = facts.pendingLinkTargets.at(i);
        link.target = target.isEmpty() ? -1 : names.intern(target);
        if (!facts.pendingLinkKeys.at(i).isEmpty()) {
            link.key = names.intern(facts.pendingLinkKeys.at(i));
            link.spelling = names.intern(facts.pendingLinkSpellings.at(i));
        }
    }
    if (!facts.pendingDuplicateKey.isEmpty())
        facts.duplicateKey = names.intern(facts.pendingDuplicateKey);
    if (facts.meeting)
        facts.group = facts.pendingDuplicateKey.isEmpty() ? QLatin1String("p:") + facts.path
                                                          : QLatin1String("d:") + facts.pendingDuplicateKey;
    // Released, not cleared: QList::clear() keeps the capacity, and a vault's facts kept five
    // lists of spare room for every note (about 1.5 KB a note).
    facts.pendingMentionKeys = {};
    facts.pendingMentionSpellings = {};
    facts.pendingLinkTargets = {};
    facts.pendingLinkKeys = {};
    facts.pendingLinkSpellings = {};
    facts.pendingDuplicateKey = {};
}

void IndexFacts::internAll(QList<NoteFacts> &facts, IndexNames &names)
{
    constexpr qsizetype SliceSize = 512;
    QList<QPair<qsizetype, qsizetype>> slices;   // [first, end)
    for (qsizetype first = 0; first < facts.size(); first += SliceSize)
        slices.append({first, std::min(facts.size(), first + SliceSize)});
    NoteFacts *all = facts.data();
    const QList<IndexNames> local = mapInOrder<IndexNames>(computePool(), slices, [all](const QPair<qsizetype, qsizetype> &slice) {
        IndexNames table;
        for (qsizetype i = slice.first; i < slice.second; ++i)
            intern(all[i], table);
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
        for (qsizetype i = slices.at(k).first; i < slices.at(k).second; ++i) {
            NoteFacts &f = all[i];
            for (int &key : f.definedKeys)
                map(key);
            for (NoteFacts::Mention &m : f.mentions) {
                map(m.key);
                map(m.spelling);
            }
            for (NoteFacts::Link &link : f.links) {
                map(link.target);
                map(link.key);
                map(link.spelling);
            }
            map(f.duplicateKey);
        }
    });
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
