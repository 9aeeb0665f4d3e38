#pragma once

#include <QDate>
#include <QString>
#include <QStringList>

namespace minutes {

// A person or an organisation the vault talks about, gathered from front matter (person,
// participants), task owners, wikilinks, and person/organisation notes (which may declare
// aliases). Every entity keeps the evidence for why it is what it is.
struct Entity
{
    enum class Kind { Person, Organisation };

    QString name;              // canonical display name ("Rob Banga")
    Kind kind = Kind::Person;
    QStringList aliases;       // other names that resolve to this entity (never separate rows)
    QString notePath;          // the person/organisation note that defines it; empty when none
    QStringList evidence;      // "participant in Meetings/x.md", "type: person in People/y.md", ...
    QStringList meetingKeys;   // keys of the meetings it took part in or was linked from, newest first
    int openTasks = 0;         // open tasks it owns
    QDate lastMeeting;         // date of its most recent meeting; null when none
    bool vaultOwner = false;   // "Myself": the person whose vault this is
    size_t print = 0;          // a hash of what the sidebar shows of it (set by the index)
    // Its place among the vault's entities in the sidebar's name order: the locale's collation
    // of the lower-cased names, then the names as written (set by the index, off the GUI thread).
    int nameOrder = 0;

    bool isPerson() const { return kind == Kind::Person; }
};

} // namespace minutes
