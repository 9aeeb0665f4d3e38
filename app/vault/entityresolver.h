#pragma once

#include "note/note.h"
#include "vault/entity.h"

#include <QHash>
#include <QList>
#include <QPair>
#include <QSet>
#include <QString>
#include <QStringList>

#include <functional>

namespace minutes {

// Works out the people and organisations of a vault from its notes, in one pass over them
// (VaultIndex's private helper). The rules, each recorded as evidence on the entity:
// - a note whose `type` is person/contact defines a person, organization/organisation/org/
//   company/customer/partner an organisation; its title (else base name) is the name and its
//   base name and `aliases` are names of the same entity (`type: people` is a meeting, not a person);
// - `person`, `participants`/`attendees` and task owners are people; "Myself" is the vault owner;
// - a wikilink target with no entity note is a person when the name appears as a participant,
//   person or owner anywhere, or looks like a person's name (2-3 capitalised words, the first a
//   common given name); otherwise it is an organisation;
// - a link to a note is never an entity (unless that note defines one): a target that resolves to
//   a note, looks like a path ('/'), a file name (".md", ".png") or a dated title ("2025-10-31 ...").
// Names match case-insensitively; the display name is the entity note's title, else the most
// frequent spelling.
class EntityResolver final
{
public:
    // `resolveNote` maps a wikilink target to a note's relative path, or to an empty string.
    explicit EntityResolver(std::function<QString(const QString &)> resolveNote);

    // `notes` sorted by relative path, so that ties are decided the same way on every run.
    void build(const QList<const Note *> &notes);

    // People first, then by name. Meeting keys and last meeting dates are filled in by the caller.
    QList<Entity> &entities() { return m_entities; }
    // Lower-cased, whitespace-simplified name, alias or spelling -> index in entities().
    const QHash<QString, qsizetype> &entityByKey() const { return m_entityByKey; }
    // Indexes in entities() of the entities a note mentions (any role), in order of first mention.
    QList<qsizetype> mentionsOf(const QString &relativePath) const { return m_mentionsByNote.value(relativePath); }
    // The entity's display name for a name as written, else the cleaned name itself.
    QString canonicalName(const QString &written) const;

    // "[[Rob Banga|Rob]]", "@Rob Banga", " Rob  Banga " -> "Rob Banga"; empty when it is no name.
    static QString cleanName(const QString &written);
    static QString key(const QString &name);
    // True for a wikilink target that names a note or a file rather than someone.
    static bool looksLikeNoteTarget(const QString &target);
    // The given name when `name` looks like a person's name ("Jeff Denworth" -> "Jeff"), else empty.
    static QString personGivenName(const QString &name);
    static bool isPersonType(const QString &type);
    static bool isOrganisationType(const QString &type);

private:
    enum class Role { Participant, Person, Owner, Link };
    struct Candidate
    {
        Entity entity;                  // name and kind settled in finish()
        bool definedByNote = false;
        bool namedAsPerson = false;     // participant, `person` or task owner somewhere
        QList<QPair<QString, int>> spellings;   // as written, how often; first-seen order
        QStringList mentions;           // evidence from mentions, capped
        qsizetype droppedMentions = 0;
    };

    qsizetype candidateFor(const QString &name);
    void defineFromNote(const Note &note, Entity::Kind kind);
    void mention(qsizetype candidate, const QString &spelling, Role role, const Note &note, int line,
                 QList<qsizetype> &inNote);
    void finish();

    std::function<QString(const QString &)> m_resolveNote;
    QList<Candidate> m_candidates;
    QHash<QString, qsizetype> m_candidateByKey;
    QHash<QString, qsizetype> m_candidateByNotePath;
    QHash<QString, QList<qsizetype>> m_candidateMentions;   // note path -> candidates, deduplicated
    QSet<qint64> m_seenInNote;                              // candidate * 4 + role, for the current note

    QList<Entity> m_entities;
    QHash<QString, qsizetype> m_entityByKey;
    QHash<QString, QList<qsizetype>> m_mentionsByNote;
};

} // namespace minutes
