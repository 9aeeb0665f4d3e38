#pragma once

#include "note/note.h"
#include "vault/entity.h"
#include "vault/indexnames.h"

#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace minutes {

// What one note contributes to the people, organisations and meetings of a vault, worked out
// from that note alone: cleaned names and their keys, wikilink keys, whether it is a meeting or
// an entity note. Computed once per note version (in parallel for a whole vault), so that
// deriving the vault's entities and meetings after a one-note change is a pass over integers.
struct NoteFacts
{
    enum class Role : quint8 { Participant, Person, Owner, Link };

    // A participant, the `person` or a task owner, in that order, as EntityResolver reads them.
    struct Mention
    {
        int key = -1;        // interned EntityResolver::key() of the cleaned name
        int spelling = -1;   // interned cleaned name, as written
        int line = 0;
        Role role = Role::Participant;
        bool open = false;   // an owner's task is open
    };
    // A wikilink in the body.
    struct Link
    {
        int target = -1;     // interned IndexLinks::keyOf(target); -1 when it names no note
        int key = -1;        // the target read as a name: interned key; -1 when it is no name
        int spelling = -1;
        int line = 0;
        bool noteLike = false;   // EntityResolver::looksLikeNoteTarget()
    };

    QString path;

    // An entity note (a `type` of person or organisation).
    bool definesEntity = false;
    Entity::Kind kind = Entity::Kind::Person;
    QStringList definedNames;   // title (else base name), base name, aliases; cleaned
    QList<int> definedKeys;     // interned keys of definedNames
    QString typeEvidence;

    QList<Mention> mentions;
    QList<Link> links;

    // A meeting (MeetingGrouper::isMeeting) and what the timeline shows of it.
    bool meeting = false;
    int duplicateKey = -1;      // interned MeetingGrouper::duplicateKey(); -1 when none
    QDate date;
    QString title;
    qsizetype bodySize = 0;     // Note::bodyLength
    bool titled = false;        // a title of its own (not the file name)
    int totalTasks = 0;
    int openTasks = 0;
    QByteArray contentHash;     // Note::contentHash: stands for everything else the note shows
    QByteArray searchText;      // Note::searchText: what the timeline searches

    // Filled in by the index: the meeting group ("d:" + duplicate key, else "p:" + path; empty
    // for a note that is no meeting) and the entities the note mentions, first mention first.
    QString group;
    QList<qsizetype> entities;
};

// Facts a load already has (the persistent index keeps them): `facts` in the order of the notes
// they go with, none for a note whose facts are still to be worked out; their ids are those of
// `names`.
struct KnownFacts
{
    IndexNames names;
    QList<std::optional<NoteFacts>> facts;
};

// Works out NoteFacts with every string interned as it goes: no note's strings are held in between.
class IndexFacts final
{
public:
    // One note's facts, interned into `names` (the index's own table, for a changed note).
    static NoteFacts of(const Note &note, IndexNames &names);
    // Every note's facts, in order, on every core: each slice of notes is interned into a table
    // of its own, then only the slices' distinct strings go through `names`, and the ids are
    // mapped back on every core (what a string's id is does not matter, only that it is the same
    // everywhere).
    static QList<NoteFacts> ofAll(const QList<const Note *> &notes, IndexNames &names);
    // Puts back what stored facts leave out (the persistent index keeps ids and flags only):
    // the path, what the timeline shows of a meeting, taken from its note, and the group.
    static void complete(NoteFacts &facts, const Note &note, const IndexNames &names);
    // `f(id)` for every interned id `facts` holds (defined keys, mentions, links, the duplicate
    // key), in order; `facts` may be const or not, and `f` may then change them (int &).
    template <typename Facts, typename F>
    static void forEachId(Facts &facts, F f)
    {
        for (auto &key : facts.definedKeys)
            f(key);
        for (auto &mention : facts.mentions) {
            f(mention.key);
            f(mention.spelling);
        }
        for (auto &link : facts.links) {
            f(link.target);
            f(link.key);
            f(link.spelling);
        }
        f(facts.duplicateKey);
    }
    // True when the two facts say the same about entities (everything but whether tasks are open).
    static bool sameEntityFacts(const NoteFacts &a, const NoteFacts &b);
};

} // namespace minutes
