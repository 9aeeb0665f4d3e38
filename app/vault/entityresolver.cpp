#include "vault/entityresolver.h"

#include "vault/givennames.h"
#include "vault/indexnames.h"

#include <QSet>

#include <algorithm>
#include <optional>

namespace minutes {

namespace {

constexpr qsizetype kMaxMentionEvidence = 20;
constexpr qsizetype kMaxNameLength = 100;

} // namespace

namespace {

// True when `name` needs no cleaning: the common case, answered without allocating.
bool isAlreadyClean(const QString &name)
{
    if (name.isEmpty() || name.size() > kMaxNameLength)
        return false;
    const QChar first = name.front();
    if (first == QLatin1Char('@') || first == QLatin1Char('"') || first == QLatin1Char('\'')
        || first == QLatin1Char('[') || first.isSpace() || name.back().isSpace())
        return false;
    QChar previous;
    for (const QChar c : name) {
        if (c == QLatin1Char('{') || c == QLatin1Char('<') || c == QLatin1Char('[') || c == QLatin1Char(']'))
            return false;
        if (c.isSpace() && (c != QLatin1Char(' ') || previous == QLatin1Char(' ')))
            return false;
        previous = c;
    }
    return true;
}

} // namespace

QString EntityResolver::cleanName(const QString &written)
{
    if (isAlreadyClean(written))
        return written;
    QString name = written.trimmed();
    if (name.startsWith(QLatin1Char('@')))
        name.remove(0, 1);
    if (name.size() >= 2 && (name.front() == QLatin1Char('"') || name.front() == QLatin1Char('\''))
        && name.back() == name.front())
        name = name.mid(1, name.size() - 2);
    // Obsidian users often write participants as links in front matter: "[[Rob Banga|Rob]]".
    if (name.startsWith(QLatin1String("[[")) && name.endsWith(QLatin1String("]]"))) {
        name = name.mid(2, name.size() - 4);
        for (const QChar stop : {QLatin1Char('|'), QLatin1Char('#')}) {
            const qsizetype cut = name.indexOf(stop);
            if (cut >= 0)
                name.truncate(cut);
        }
    }
    name = name.simplified();
    // Template placeholders and stray markup are not names.
    if (name.size() > kMaxNameLength || name.contains(QLatin1String("{{")) || name.contains(QLatin1String("<%"))
        || name.contains(QLatin1String("[[")) || name.contains(QLatin1String("]]")))
        return {};
    return name;
}

QString EntityResolver::key(const QString &name)
{
    return isAlreadyClean(name) ? name.toCaseFolded() : name.simplified().toCaseFolded();
}

bool EntityResolver::looksLikeNoteTarget(const QString &target)
{
    if (target.contains(QLatin1Char('/')) || target.contains(QLatin1Char('\\')))
        return true;
    // A dated note title: "2025-10-31 - Intro discussion ..."
    const auto digit = [&](qsizetype i) { return target.at(i).isDigit(); };
    if (target.size() >= 10 && digit(0) && digit(1) && digit(2) && digit(3) && target.at(4) == QLatin1Char('-')
        && digit(5) && digit(6) && target.at(7) == QLatin1Char('-') && digit(8) && digit(9))
        return true;
    // A file name: ".md", ".png", ".xlsx" (a letter, then up to four letters or digits).
    const qsizetype dot = target.lastIndexOf(QLatin1Char('.'));
    const qsizetype extension = target.size() - dot - 1;
    if (dot < 0 || extension < 1 || extension > 5 || !target.at(dot + 1).isLetter())
        return false;
    for (qsizetype i = dot + 1; i < target.size(); ++i) {
        if (target.at(i).unicode() > 127 || !target.at(i).isLetterOrNumber())
            return false;
    }
    return true;
}

QString EntityResolver::personGivenName(const QString &name)
{
    const QStringList words = name.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (words.size() < 2 || words.size() > 3)
        return {};
    for (const QString &word : words) {
        if (!word.front().isUpper() || !word.front().isLetter())
            return {};
    }
    const QString &first = words.front();
    if (GivenNames::contains(first))
        return first;
    // "Jean-Luc Picard", "Mary-Ann Example"
    const qsizetype hyphen = first.indexOf(QLatin1Char('-'));
    if (hyphen > 0 && GivenNames::contains(QStringView(first).left(hyphen)))
        return first;
    return {};
}

bool EntityResolver::isPersonType(const QString &type)
{
    const QString t = type.trimmed().toLower();
    return t == QLatin1String("person") || t == QLatin1String("contact");
}

bool EntityResolver::isOrganisationType(const QString &type)
{
    static const QSet<QString> types{QStringLiteral("organization"), QStringLiteral("organisation"),
                                     QStringLiteral("org"), QStringLiteral("company"),
                                     QStringLiteral("customer"), QStringLiteral("partner")};
    return types.contains(type.trimmed().toLower());
}

namespace {

using Role = NoteFacts::Role;

struct Candidate
{
    Entity entity;                  // name and kind settled in finish()
    EntityResolver::Tally tally;    // what it counted (kept for update())
    int nameKey = -1;               // defined: interned key of entity.name
    int nameSpelling = -1;          // defined: interned entity.name
    QList<int> aliasKeys;           // interned keys of entity.aliases
    QStringList mentions;           // evidence from mentions, capped (their notes: tally.keptPaths)
    qsizetype lastNote = -1;        // the note being read when it was last mentioned...
    quint8 rolesInLastNote = 0;     // ...and in which roles there
};

using FactsList = std::vector<std::unique_ptr<NoteFacts>>;
using Spellings = QList<QPair<int, int>>;   // interned spelling, how often; first seen first

// A name has one or two spellings: a list beats a hash per entity.
QPair<int, int> *findSpelling(Spellings &spellings, int spelling)
{
    const auto it = std::find_if(spellings.begin(), spellings.end(), [&](const QPair<int, int> &s) { return s.first == spelling; });
    return it == spellings.end() ? nullptr : &*it;
}

void countSpelling(Spellings &spellings, int spelling)
{
    if (QPair<int, int> *seen = findSpelling(spellings, spelling))
        ++seen->second;
    else
        spellings.append({spelling, 1});
}

// Evidence of a mention: once per note and role keeps "Myself" in 10,000 tasks readable.
QString mentionEvidence(Role role, const QString &path, int line)
{
    const QString where = line > 0 ? path + QLatin1Char(':') + QString::number(line) : path;
    switch (role) {
    case Role::Participant: return QLatin1String("participant in ") + where;
    case Role::Person: return QLatin1String("person of ") + where;
    case Role::Owner: return QLatin1String("owns a task at ") + where;
    case Role::Link: break;
    }
    return QLatin1String("linked from ") + where;
}

QString droppedEvidence(qsizetype dropped)
{
    return QStringLiteral("... and %1 more mentions").arg(dropped);
}

// One run of the rules over every note's facts. Per-note bookkeeping is a stamp on the
// candidate, so a mention costs a few array accesses.
class Pass
{
public:
    Pass(const FactsList &facts, IndexNames &names, const EntityResolver::NoteOfTarget &noteOfTarget)
        : m_facts(facts), m_names(names), m_noteOfTarget(noteOfTarget)
        , m_candidateOfKey(size_t(names.size()), -1), m_definedOfTarget(size_t(names.size()), -2)
    {
    }

    EntityResolver::Result run();

private:
    qsizetype candidateFor(int key);
    qsizetype definedCandidateOf(int target);
    void define(const NoteFacts &facts);
    void mention(qsizetype index, int spelling, Role role, NoteFacts &facts, qsizetype note, int line);
    EntityResolver::Result finish();

    const FactsList &m_facts;
    IndexNames &m_names;
    const EntityResolver::NoteOfTarget &m_noteOfTarget;
    QList<Candidate> m_candidates;
    std::vector<qsizetype> m_candidateOfKey;            // interned key -> candidate
    std::vector<qsizetype> m_definedOfTarget;           // interned link target -> defined candidate; -2 unknown
    QList<int> m_mappedKeys;                            // keys with a candidate, in mapping order
    QHash<QString, qsizetype> m_candidateByNotePath;
};

qsizetype Pass::candidateFor(int key)
{
    if (size_t(key) >= m_candidateOfKey.size())
        m_candidateOfKey.resize(size_t(m_names.size()), -1);
    qsizetype &slot = m_candidateOfKey[size_t(key)];
    if (slot >= 0)
        return slot;
    m_candidates.append(Candidate{});
    slot = m_candidates.size() - 1;
    m_mappedKeys.append(key);
    return slot;
}

// The candidate an entity note defines when `target` links to that note; -1 otherwise.
qsizetype Pass::definedCandidateOf(int target)
{
    if (size_t(target) >= m_definedOfTarget.size())
        m_definedOfTarget.resize(size_t(m_names.size()), -2);
    qsizetype &slot = m_definedOfTarget[size_t(target)];
    if (slot == -2) {
        const QString &notePath = m_noteOfTarget(target);
        slot = notePath.isEmpty() ? -3 : m_candidateByNotePath.value(notePath, -1);
    }
    return slot;
}

void Pass::define(const NoteFacts &facts)
{
    // Two notes defining the same name are one entity: the first one (by path) keeps the title.
    qsizetype index = -1;
    for (const int k : facts.definedKeys) {
        const qsizetype found = m_candidateOfKey[size_t(k)];
        if (found >= 0 && m_candidates.at(found).tally.definedByNote) {
            index = found;
            break;
        }
    }
    if (index >= 0) {
        m_candidates[index].entity.evidence.append(facts.typeEvidence);
    } else {
        // Entity notes are visited before any mention, so every name here is still free.
        m_candidates.append(Candidate{});
        index = m_candidates.size() - 1;
        Candidate &candidate = m_candidates[index];
        candidate.tally.definedByNote = true;
        candidate.entity.name = facts.definedNames.front();
        candidate.entity.kind = facts.kind;
        candidate.entity.notePath = facts.path;
        candidate.entity.evidence.append(facts.typeEvidence);
        candidate.nameKey = facts.definedKeys.front();
        candidate.nameSpelling = m_names.intern(candidate.entity.name);
    }
    Candidate &candidate = m_candidates[index];
    m_candidateByNotePath.insert(facts.path, index);
    for (qsizetype i = 0; i < facts.definedNames.size(); ++i) {
        const int k = facts.definedKeys.at(i);
        qsizetype &slot = m_candidateOfKey[size_t(k)];
        if (slot >= 0 && slot != index && m_candidates.at(slot).tally.definedByNote)
            continue;   // claimed by another entity note: the first claim wins
        if (slot < 0)
            m_mappedKeys.append(k);
        slot = index;
        if (k != candidate.nameKey && !candidate.aliasKeys.contains(k)) {
            candidate.entity.aliases.append(facts.definedNames.at(i));
            candidate.aliasKeys.append(k);
        }
    }
}

void Pass::mention(qsizetype index, int spelling, Role role, NoteFacts &facts, qsizetype note, int line)
{
    Candidate &candidate = m_candidates[index];
    countSpelling(candidate.tally.spellings, spelling);
    if (role != Role::Link)
        ++candidate.tally.personMentions;

    if (candidate.lastNote != note) {
        candidate.lastNote = note;
        candidate.rolesInLastNote = 0;
        facts.entities.append(index);   // a candidate for now; finish() makes it an entity
    }
    // Evidence once per note and role keeps "Myself" in 10,000 tasks readable.
    const quint8 roleBit = quint8(1u << unsigned(role));
    if (candidate.rolesInLastNote & roleBit)
        return;
    candidate.rolesInLastNote |= roleBit;
    if (candidate.mentions.size() >= kMaxMentionEvidence) {
        ++candidate.tally.droppedMentions;
        return;
    }
    candidate.mentions.append(mentionEvidence(role, facts.path, line));
    candidate.tally.keptPaths.append(facts.path);
}

EntityResolver::Result Pass::run()
{
    // Entity notes first, so that every mention already sees their names and aliases.
    for (const auto &facts : m_facts) {
        if (facts->definesEntity)
            define(*facts);
    }

    for (size_t n = 0; n < m_facts.size(); ++n) {
        NoteFacts &facts = *m_facts[n];
        const qsizetype note = qsizetype(n);
        facts.entities.clear();
        for (const NoteFacts::Mention &m : std::as_const(facts.mentions)) {
            const qsizetype index = candidateFor(m.key);
            mention(index, m.spelling, m.role, facts, note, m.line);
            if (m.role == Role::Owner && m.open)
                ++m_candidates[index].entity.openTasks;
        }
        for (const NoteFacts::Link &link : std::as_const(facts.links)) {
            if (link.target >= 0) {
                const qsizetype defined = definedCandidateOf(link.target);
                // A link to a note is an entity only when that note defines one.
                if (defined >= 0)
                    mention(defined, m_candidates.at(defined).nameSpelling, Role::Link, facts, note, link.line);
                if (defined != -3)
                    continue;
            }
            if (link.noteLike || link.key < 0)
                continue;
            mention(candidateFor(link.key), link.spelling, Role::Link, facts, note, link.line);
        }
    }
    return finish();
}

EntityResolver::Result Pass::finish()
{
    static const QString vaultOwnerKey = QStringLiteral("myself");
    QList<qsizetype> order;
    order.reserve(m_candidates.size());
    for (qsizetype i = 0; i < m_candidates.size(); ++i) {
        Candidate &candidate = m_candidates[i];
        Entity &entity = candidate.entity;
        QStringList reasons;
        if (!candidate.tally.definedByNote) {
            // The most frequent spelling; on a tie, the one seen first.
            int best = 0;
            for (const auto &[spelling, count] : std::as_const(candidate.tally.spellings)) {
                if (count > best) {
                    best = count;
                    entity.name = m_names.text(spelling);
                }
            }
            if (entity.name.isEmpty())
                continue;
            if (EntityResolver::key(entity.name) == vaultOwnerKey) {
                entity.kind = Entity::Kind::Person;
                entity.vaultOwner = true;
                reasons.append(QStringLiteral("person: \"%1\" is the vault owner").arg(entity.name));
            } else if (candidate.tally.personMentions > 0) {
                entity.kind = Entity::Kind::Person;
                reasons.append(QStringLiteral("person: named as a participant, person or task owner"));
            } else if (const QString given = EntityResolver::personGivenName(entity.name); !given.isEmpty()) {
                entity.kind = Entity::Kind::Person;
                reasons.append(QStringLiteral("person: looks like a person's name (given name \"%1\")").arg(given));
            } else {
                entity.kind = Entity::Kind::Organisation;
                reasons.append(QStringLiteral("organisation: linked, has no entity note and is not a person's name"));
            }
        } else if (m_names.text(candidate.nameKey) == vaultOwnerKey) {
            entity.vaultOwner = true;
        }
        candidate.tally.headEvidence = reasons.size() + entity.evidence.size();
        entity.evidence = reasons + entity.evidence + candidate.mentions;
        if (candidate.tally.droppedMentions > 0)
            entity.evidence.append(droppedEvidence(candidate.tally.droppedMentions));
        order.append(i);
    }

    std::sort(order.begin(), order.end(), [this](qsizetype a, qsizetype b) {
        const Entity &x = m_candidates.at(a).entity;
        const Entity &y = m_candidates.at(b).entity;
        if (x.isPerson() != y.isPerson())
            return x.isPerson();
        const int byName = x.name.compare(y.name, Qt::CaseInsensitive);
        if (byName != 0)
            return byName < 0;
        return x.name < y.name;
    });

    EntityResolver::Result result;
    QList<qsizetype> entityOfCandidate(m_candidates.size(), -1);
    result.entities.reserve(order.size());
    result.counts.tallies.reserve(size_t(order.size()));
    for (const qsizetype i : std::as_const(order)) {
        Candidate &candidate = m_candidates[i];
        entityOfCandidate[i] = result.entities.size();
        result.entities.append(std::move(candidate.entity));
        result.counts.tallies.push_back(std::move(candidate.tally));
    }
    for (auto it = m_candidateByNotePath.cbegin(); it != m_candidateByNotePath.cend(); ++it)
        result.counts.entityOfNote.insert(it.key(), entityOfCandidate.at(it.value()));
    result.counts.entityOfName.assign(size_t(m_names.size()), -1);
    result.entityByKey.reserve(m_mappedKeys.size());
    for (const int k : std::as_const(m_mappedKeys)) {
        const qsizetype c = m_candidateOfKey[size_t(k)];
        if (const qsizetype e = c >= 0 ? entityOfCandidate.at(c) : -1; e >= 0) {
            result.counts.entityOfName[size_t(k)] = e;
            result.entityByKey.insert(m_names.text(k), e);
        }
    }
    for (const auto &facts : m_facts) {
        QList<qsizetype> &mentioned = facts->entities;
        qsizetype kept = 0;
        for (const qsizetype c : std::as_const(mentioned)) {
            if (const qsizetype e = entityOfCandidate.at(c); e >= 0)
                mentioned[kept++] = e;
        }
        mentioned.resize(kept);
    }
    return result;
}

} // namespace

EntityResolver::Result EntityResolver::resolve(const std::vector<std::unique_ptr<NoteFacts>> &facts, IndexNames &names,
                                               const EntityResolver::NoteOfTarget &noteOfTarget)
{
    return Pass(facts, names, noteOfTarget).run();
}

namespace {

// What one note says about one entity, in the order resolve() reads it.
struct NoteMentions
{
    Spellings spellings;
    int personMentions = 0;
    int openTasks = 0;
    QStringList evidence;               // once per role, first mention of each role first
    quint8 roles = 0;
};

// The entities `facts` mentions, first mention first, as resolve() would read them; nullopt when
// a mention names no entity yet (it would make a new one).
std::optional<QList<QPair<qsizetype, NoteMentions>>> mentionsOf(const EntityResolver::Counts &counts, const NoteFacts &facts,
                                                                const EntityResolver::NoteOfTarget &noteOfTarget)
{
    QList<QPair<qsizetype, NoteMentions>> out;
    const auto add = [&](qsizetype entity, int spelling, Role role, int line, bool openOwner) {
        auto it = std::find_if(out.begin(), out.end(), [&](const auto &e) { return e.first == entity; });
        if (it == out.end()) {
            out.append({entity, NoteMentions{}});
            it = out.end() - 1;
        }
        NoteMentions &m = it->second;
        if (spelling >= 0)
            countSpelling(m.spellings, spelling);
        if (role != Role::Link)
            ++m.personMentions;
        if (openOwner)
            ++m.openTasks;
        const quint8 bit = quint8(1u << unsigned(role));
        if (!(m.roles & bit)) {
            m.roles |= bit;
            m.evidence.append(mentionEvidence(role, facts.path, line));
        }
    };
    const auto entityOf = [&](int key) {
        return size_t(key) < counts.entityOfName.size() ? counts.entityOfName[size_t(key)] : qsizetype(-1);
    };
    for (const NoteFacts::Mention &m : facts.mentions) {
        const qsizetype e = entityOf(m.key);
        if (e < 0)
            return std::nullopt;
        add(e, m.spelling, m.role, m.line, m.role == Role::Owner && m.open);
    }
    for (const NoteFacts::Link &link : facts.links) {
        if (link.target >= 0) {
            // A link to a note is an entity only when that note defines one (its name's spelling
            // is the note's, which never names the entity: no spelling is counted).
            if (const QString &path = noteOfTarget(link.target); !path.isEmpty()) {
                if (const qsizetype defined = counts.entityOfNote.value(path, -1); defined >= 0)
                    add(defined, -1, Role::Link, link.line, false);
                continue;
            }
        }
        if (link.noteLike || link.key < 0)
            continue;
        const qsizetype e = entityOf(link.key);
        if (e < 0)
            return std::nullopt;
        add(e, link.spelling, Role::Link, link.line, false);
    }
    return out;
}

// The most frequent spelling; on a tie, the one seen first (as finish() picks it).
int mostFrequent(const Spellings &spellings)
{
    int best = 0, spelling = -1;
    for (const auto &[s, count] : spellings) {
        if (count > best) {
            best = count;
            spelling = s;
        }
    }
    return spelling;
}

QList<int> spellingOrder(const NoteMentions *m)
{
    QList<int> order;
    if (m) {
        for (const auto &s : m->spellings)
            order.append(s.first);
    }
    return order;
}

} // namespace

bool EntityResolver::update(QList<Entity> &entities, Counts &counts, const NoteFacts &before, NoteFacts &after,
                            const IndexNames &names, const NoteOfTarget &noteOfTarget)
{
    if (before.definesEntity || after.definesEntity || before.path != after.path)
        return false;
    const auto was = mentionsOf(counts, before, noteOfTarget);
    const auto now = mentionsOf(counts, after, noteOfTarget);
    if (!was || !now)
        return false;

    struct Edit
    {
        qsizetype entity;
        Tally tally;
        QStringList evidence;
        int openTasks;
    };
    QList<Edit> edits;
    QList<qsizetype> touched;
    for (const auto &[e, m] : *was)
        touched.append(e);
    for (const auto &[e, m] : *now) {
        if (!touched.contains(e))
            touched.append(e);
    }
    const auto find = [](const QList<QPair<qsizetype, NoteMentions>> &list, qsizetype e) -> const NoteMentions * {
        for (const auto &[entity, m] : list) {
            if (entity == e)
                return &m;
        }
        return nullptr;
    };
    for (const qsizetype e : std::as_const(touched)) {
        const NoteMentions *old = find(*was, e);
        const NoteMentions *fresh = find(*now, e);
        const Entity &entity = entities.at(e);
        Edit edit{e, counts.tallies[size_t(e)], entity.evidence, entity.openTasks};
        Tally &tally = edit.tally;

        // Spellings decide the name of an entity no note defines.
        if (!tally.definedByNote) {
            // Their first-seen order breaks ties: the spellings in this note and their order must
            // stay, or another note may now see one first.
            if (tally.spellings.size() > 1 && spellingOrder(old) != spellingOrder(fresh))
                return false;
            for (const auto &[spelling, count] : old ? old->spellings : Spellings{}) {
                QPair<int, int> *seen = findSpelling(tally.spellings, spelling);
                if (!seen || seen->second < count)
                    return false;
                seen->second -= count;
            }
            for (const auto &[spelling, count] : fresh ? fresh->spellings : Spellings{}) {
                QPair<int, int> *seen = findSpelling(tally.spellings, spelling);
                if (!seen)
                    return false;   // a new spelling: where it is first seen is not known here
                seen->second += count;
            }
            tally.spellings.removeIf([](const QPair<int, int> &x) { return x.second == 0; });
            const int name = mostFrequent(tally.spellings);
            if (name < 0 || names.text(name) != entity.name)
                return false;
        }

        const int person = tally.personMentions - (old ? old->personMentions : 0) + (fresh ? fresh->personMentions : 0);
        if (!tally.definedByNote && !entity.vaultOwner && (person > 0) != (tally.personMentions > 0))
            return false;   // a kind decided by being named as a person
        tally.personMentions = person;
        edit.openTasks += (fresh ? fresh->openTasks : 0) - (old ? old->openTasks : 0);

        // Evidence: the first kMaxMentionEvidence mentions in path order, then a count. This
        // note's block of mentions is replaced; what follows it past the cap is unknown, so the
        // kept list must come out full or know it has nothing after it.
        const QStringList oldEvidence = old ? old->evidence : QStringList();
        const QStringList newEvidence = fresh ? fresh->evidence : QStringList();
        if (oldEvidence != newEvidence) {
            QStringList &paths = tally.keptPaths;
            const qsizetype kept = paths.size();
            const auto lo = qsizetype(std::lower_bound(paths.cbegin(), paths.cend(), after.path) - paths.cbegin());
            const auto hi = qsizetype(std::upper_bound(paths.cbegin(), paths.cend(), after.path) - paths.cbegin());
            QStringList keptEvidence = edit.evidence.mid(tally.headEvidence, kept);
            if (lo == kept && tally.droppedMentions > 0) {
                // Past the cap: only the count moves.
                tally.droppedMentions += newEvidence.size() - oldEvidence.size();
            } else {
                const qsizetype oldHere = hi - lo;   // this note's mentions among the kept ones
                const qsizetype rest = tally.droppedMentions - (oldEvidence.size() - oldHere);   // after this note
                QStringList evidence = keptEvidence.mid(0, lo) + newEvidence + keptEvidence.mid(hi);
                QStringList evidencePaths = paths.mid(0, lo);
                for (qsizetype i = 0; i < newEvidence.size(); ++i)
                    evidencePaths.append(after.path);
                evidencePaths += paths.mid(hi);
                if (rest < 0 || (evidence.size() < kMaxMentionEvidence && rest > 0))
                    return false;
                const qsizetype total = evidence.size() + rest;
                if (evidence.size() > kMaxMentionEvidence) {
                    evidence.resize(kMaxMentionEvidence);
                    evidencePaths.resize(kMaxMentionEvidence);
                }
                tally.droppedMentions = total - evidence.size();
                keptEvidence = std::move(evidence);
                paths = std::move(evidencePaths);
            }
            edit.evidence = edit.evidence.mid(0, tally.headEvidence) + keptEvidence;
            if (tally.droppedMentions > 0)
                edit.evidence.append(droppedEvidence(tally.droppedMentions));
        }
        edits.append(std::move(edit));
    }

    for (Edit &edit : edits) {
        Entity &entity = entities[edit.entity];
        entity.evidence = std::move(edit.evidence);
        entity.openTasks = edit.openTasks;
        counts.tallies[size_t(edit.entity)] = std::move(edit.tally);
    }
    after.entities.clear();
    for (const auto &[e, m] : *now)
        after.entities.append(e);
    return true;
}

} // namespace minutes
