#include "vault/entityresolver.h"

#include "vault/givennames.h"

#include <QSet>

#include <algorithm>

namespace minutes {

namespace {

constexpr qsizetype kMaxMentionEvidence = 20;
constexpr qsizetype kMaxNameLength = 100;

const QString &vaultOwnerKey()
{
    static const QString key = QStringLiteral("myself");
    return key;
}

} // namespace

EntityResolver::EntityResolver(std::function<QString(const QString &)> resolveNote)
    : m_resolveNote(std::move(resolveNote))
{
}

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

qsizetype EntityResolver::candidateFor(const QString &name)
{
    const QString k = key(name);
    const auto found = m_candidateByKey.constFind(k);
    if (found != m_candidateByKey.cend())
        return *found;
    m_candidates.append(Candidate{});
    const qsizetype index = m_candidates.size() - 1;
    m_candidateByKey.insert(k, index);
    return index;
}

void EntityResolver::defineFromNote(const Note &note, Entity::Kind kind)
{
    const QString name = cleanName(note.title).isEmpty() ? note.baseName() : cleanName(note.title);
    QStringList names{name, note.baseName()};
    for (const QString &alias : note.aliases) {
        const QString cleaned = cleanName(alias);
        if (!cleaned.isEmpty())
            names.append(cleaned);
    }
    // Two notes defining the same name are one entity: the first one (by path) keeps the title.
    qsizetype index = -1;
    for (const QString &n : std::as_const(names)) {
        const auto found = m_candidateByKey.constFind(key(n));
        if (found != m_candidateByKey.cend() && m_candidates.at(*found).definedByNote) {
            index = *found;
            break;
        }
    }
    const QString typeEvidence = QStringLiteral("type: %1 in %2").arg(note.type.trimmed(), note.relativePath);
    if (index >= 0) {
        m_candidates[index].entity.evidence.append(typeEvidence);
    } else {
        // Entity notes are visited before any mention, so every name here is still free.
        m_candidates.append(Candidate{});
        index = m_candidates.size() - 1;
        Candidate &candidate = m_candidates[index];
        candidate.definedByNote = true;
        candidate.entity.name = name;
        candidate.entity.kind = kind;
        candidate.entity.notePath = note.relativePath;
        candidate.entity.evidence.append(typeEvidence);
    }
    Candidate &candidate = m_candidates[index];
    m_candidateByNotePath.insert(note.relativePath, index);
    for (const QString &n : std::as_const(names)) {
        const QString k = key(n);
        const auto found = m_candidateByKey.constFind(k);
        if (found != m_candidateByKey.cend() && *found != index && m_candidates.at(*found).definedByNote)
            continue;   // claimed by another entity note: the first claim wins
        m_candidateByKey.insert(k, index);
        if (k != key(candidate.entity.name)) {
            const bool known = std::any_of(candidate.entity.aliases.cbegin(), candidate.entity.aliases.cend(),
                                           [&](const QString &a) { return key(a) == k; });
            if (!known)
                candidate.entity.aliases.append(n);
        }
    }
}

void EntityResolver::mention(qsizetype index, const QString &spelling, Role role, const Note &note, int line,
                             QList<qsizetype> &inNote)
{
    Candidate &candidate = m_candidates[index];
    // A name has one or two spellings: a list beats a hash per entity.
    const auto spelled = std::find_if(candidate.spellings.begin(), candidate.spellings.end(),
                                      [&](const QPair<QString, int> &s) { return s.first == spelling; });
    if (spelled != candidate.spellings.end())
        ++spelled->second;
    else
        candidate.spellings.append({spelling, 1});
    if (role != Role::Link)
        candidate.namedAsPerson = true;

    if (!inNote.contains(index))
        inNote.append(index);
    // Evidence once per note and role keeps "Myself" in 10,000 tasks readable.
    const qint64 seenKey = qint64(index) * 4 + qint64(role);
    if (m_seenInNote.contains(seenKey))
        return;
    m_seenInNote.insert(seenKey);
    if (candidate.mentions.size() >= kMaxMentionEvidence) {
        ++candidate.droppedMentions;
        return;
    }
    const QString where = line > 0 ? note.relativePath + QLatin1Char(':') + QString::number(line) : note.relativePath;
    switch (role) {
    case Role::Participant: candidate.mentions.append(QLatin1String("participant in ") + where); break;
    case Role::Person: candidate.mentions.append(QLatin1String("person of ") + where); break;
    case Role::Owner: candidate.mentions.append(QLatin1String("owns a task at ") + where); break;
    case Role::Link: candidate.mentions.append(QLatin1String("linked from ") + where); break;
    }
}

void EntityResolver::build(const QList<const Note *> &notes)
{
    // Entity notes first, so that every mention already sees their names and aliases.
    for (const Note *note : notes) {
        if (isPersonType(note->type))
            defineFromNote(*note, Entity::Kind::Person);
        else if (isOrganisationType(note->type))
            defineFromNote(*note, Entity::Kind::Organisation);
    }

    for (const Note *note : notes) {
        m_seenInNote.clear();
        QList<qsizetype> inNote;
        auto named = [&](const QString &written, Role role, int line) {
            const QString name = cleanName(written);
            if (!name.isEmpty())
                mention(candidateFor(name), name, role, *note, line, inNote);
        };
        for (const QString &participant : note->participants)
            named(participant, Role::Participant, 0);
        named(note->person, Role::Person, 0);
        for (const Task &task : note->tasks) {
            const QString owner = cleanName(task.owner);
            if (owner.isEmpty())
                continue;
            const qsizetype index = candidateFor(owner);
            mention(index, owner, Role::Owner, *note, task.line, inNote);
            if (task.isOpen())
                ++m_candidates[index].entity.openTasks;
        }
        for (const WikiLink &link : note->links) {
            const QString target = link.target.trimmed();
            if (target.isEmpty())
                continue;
            const QString notePath = m_resolveNote(target);
            if (!notePath.isEmpty()) {
                // A link to a note is an entity only when that note defines one.
                const auto defined = m_candidateByNotePath.constFind(notePath);
                if (defined != m_candidateByNotePath.cend())
                    mention(*defined, m_candidates.at(*defined).entity.name, Role::Link, *note, link.line, inNote);
                continue;
            }
            if (looksLikeNoteTarget(target))
                continue;
            named(target, Role::Link, link.line);
        }
        if (!inNote.isEmpty())
            m_candidateMentions.insert(note->relativePath, inNote);
    }
    finish();
}

void EntityResolver::finish()
{
    QList<qsizetype> order;
    order.reserve(m_candidates.size());
    for (qsizetype i = 0; i < m_candidates.size(); ++i) {
        Candidate &candidate = m_candidates[i];
        Entity &entity = candidate.entity;
        QStringList reasons;
        if (!candidate.definedByNote) {
            // The most frequent spelling; on a tie, the one seen first.
            int best = 0;
            for (const auto &[spelling, count] : std::as_const(candidate.spellings)) {
                if (count > best) {
                    best = count;
                    entity.name = spelling;
                }
            }
            if (entity.name.isEmpty())
                continue;
            if (key(entity.name) == vaultOwnerKey()) {
                entity.kind = Entity::Kind::Person;
                entity.vaultOwner = true;
                reasons.append(QStringLiteral("person: \"%1\" is the vault owner").arg(entity.name));
            } else if (candidate.namedAsPerson) {
                entity.kind = Entity::Kind::Person;
                reasons.append(QStringLiteral("person: named as a participant, person or task owner"));
            } else if (const QString given = personGivenName(entity.name); !given.isEmpty()) {
                entity.kind = Entity::Kind::Person;
                reasons.append(QStringLiteral("person: looks like a person's name (given name \"%1\")").arg(given));
            } else {
                entity.kind = Entity::Kind::Organisation;
                reasons.append(QStringLiteral("organisation: linked, has no entity note and is not a person's name"));
            }
        } else if (key(entity.name) == vaultOwnerKey()) {
            entity.vaultOwner = true;
        }
        entity.evidence = reasons + entity.evidence + candidate.mentions;
        if (candidate.droppedMentions > 0)
            entity.evidence.append(QStringLiteral("... and %1 more mentions").arg(candidate.droppedMentions));
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

    QList<qsizetype> entityOfCandidate(m_candidates.size(), -1);
    m_entities.clear();
    m_entities.reserve(order.size());
    for (const qsizetype i : std::as_const(order)) {
        entityOfCandidate[i] = m_entities.size();
        m_entities.append(std::move(m_candidates[i].entity));
    }
    m_entityByKey.clear();
    m_entityByKey.reserve(m_candidateByKey.size());
    for (auto it = m_candidateByKey.cbegin(); it != m_candidateByKey.cend(); ++it) {
        if (const qsizetype e = entityOfCandidate.at(it.value()); e >= 0)
            m_entityByKey.insert(it.key(), e);
    }
    m_mentionsByNote.clear();
    m_mentionsByNote.reserve(m_candidateMentions.size());
    for (auto it = m_candidateMentions.cbegin(); it != m_candidateMentions.cend(); ++it) {
        QList<qsizetype> &entities = m_mentionsByNote[it.key()];
        for (const qsizetype c : it.value()) {
            if (const qsizetype e = entityOfCandidate.at(c); e >= 0)
                entities.append(e);
        }
    }
    m_candidates.clear();
    m_candidateByKey.clear();
    m_candidateByNotePath.clear();
    m_candidateMentions.clear();
}

QString EntityResolver::canonicalName(const QString &written) const
{
    const QString name = cleanName(written);
    const auto found = m_entityByKey.constFind(key(name));
    return found != m_entityByKey.cend() ? m_entities.at(*found).name : name;
}

} // namespace minutes
