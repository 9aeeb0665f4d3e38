#pragma once

#include "vault/entity.h"
#include "vault/indexfacts.h"

#include <QHash>
#include <QList>
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
    struct Result
    {
        QList<Entity> entities;                   // people first, then by name; no meetings yet
        QHash<QString, qsizetype> entityByKey;    // key of a name, alias or spelling -> entity
        std::vector<qsizetype> entityOfName;      // interned key -> entity, -1 when none
    };

    // `facts` sorted by path, so that ties are decided the same way on every run; each one's
    // `entities` is filled in. `noteOfTarget` maps an interned link target to the path of the
    // note it names, or to an empty string.
    static Result resolve(const std::vector<std::unique_ptr<NoteFacts>> &facts, IndexNames &names,
                          const std::function<const QString &(int)> &noteOfTarget);

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
