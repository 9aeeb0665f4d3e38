#pragma once

#include "vault/entity.h"
#include "vault/indexfacts.h"

#include <QHash>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <vector>

namespace minutes {

class IndexNames;

// Works out the people and organisations of a vault from the facts of its notes, in one pass over
// integers (IndexState's private helper). The rules, each recorded as evidence on the entity:
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
    // What resolve() counted for an entity, so that update() can adjust it instead of counting
    // again.
    struct Tally
    {
        QList<QPair<int, int>> spellings;   // interned spelling, how often; first-seen order
        int personMentions = 0;             // as participant, `person` or task owner
        bool definedByNote = false;
        qsizetype headEvidence = 0;         // evidence before the mentions' (kind, entity notes)
        QStringList keptPaths;              // the note of each mention kept as evidence, in order
        qsizetype droppedMentions = 0;      // mentions past the cap
    };

    // What resolve() found besides the entities, for update().
    struct Counts
    {
        std::vector<qsizetype> entityOfName;      // interned key -> entity, -1 when none
        std::vector<Tally> tallies;               // parallel to the entities
        QHash<QString, qsizetype> entityOfNote;   // path of an entity note -> its entity
    };

    struct Result
    {
        QList<Entity> entities;                   // people first, then by name; no meetings yet
        QHash<QString, qsizetype> entityByKey;    // key of a name, alias or spelling -> entity
        Counts counts;
    };

    using NoteOfTarget = std::function<const QString &(int)>;

    // `facts` sorted by path, so that ties are decided the same way on every run; each one's
    // `entities` is filled in. `noteOfTarget` maps an interned link target to the path of the
    // note it names, or to an empty string.
    static Result resolve(const std::vector<std::unique_ptr<NoteFacts>> &facts, IndexNames &names,
                          const NoteOfTarget &noteOfTarget);

    // The mentions and links of one note changed from `before` to `after` (same path), and
    // nothing else entities depend on: neither version defines an entity, and no note came or
    // went since `entities` were resolved, so links resolve as they did. Adjusts `entities`
    // (evidence, open tasks) and `counts`, fills in `after.entities`, and returns true, when that gives
    // exactly what resolve() would. Returns false, having changed nothing, when the change could
    // add, drop, rename or reclassify an entity, or reorder what it cannot see (evidence past the
    // cap, spellings tied for most frequent): then resolve() again.
    static bool update(QList<Entity> &entities, Counts &counts, const NoteFacts &before, NoteFacts &after,
                       const IndexNames &names, const NoteOfTarget &noteOfTarget);

    // "[[Rob Banga|Rob]]", "@Rob Banga", " Rob  Banga " -> "Rob Banga"; empty when it is no name.
    static QString cleanName(const QString &written);
    static QString key(const QString &name);
    // True for a wikilink target that names a note or a file rather than someone.
    static bool looksLikeNoteTarget(const QString &target);
    // The given name when `name` looks like a person's name ("Jeff Denworth" -> "Jeff"), else empty.
    static QString personGivenName(const QString &name);
    static bool isPersonType(const QString &type);
    static bool isOrganisationType(const QString &type);
};

} // namespace minutes
