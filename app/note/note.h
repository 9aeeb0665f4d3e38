#pragma once

#include "core/problem.h"
#include "note/task.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantMap>

namespace minutes {

// [[target#heading|alias]] as written in a note body (outside code).
struct WikiLink
{
    QString target;   // "Rob Banga", "Inbox/_archive/2025-10-31/x.md"; trimmed, never empty
    QString heading;  // the part after '#', without it; empty when none
    QString alias;    // the part after '|'; empty when none
    int line = 0;     // 1-based line in the file

    friend bool operator==(const WikiLink &, const WikiLink &) = default;
};

// A markdown heading of the body ("Action Items" at level 2).
struct Section
{
    QString title;
    int level = 0;
    int line = 0;     // 1-based line in the file

    friend bool operator==(const Section &, const Section &) = default;
};

// One parsed markdown file. Plain value: built off the GUI thread by NoteParser, owned by
// VaultIndex keyed by relativePath. Text is already repaired (mojibake) except NoteTask::rawLine.
struct Note
{
    QString relativePath;       // '/'-separated, relative to the vault root: the note's identity
    qint64 size = -1;           // bytes on disk when read
    QDateTime modified;         // mtime when read
    QByteArray contentHash;     // hash of the bytes read (our own writes are recognised by it)

    bool hasFrontMatter = false;
    int bodyLine = 1;           // 1-based line where the body starts (after front matter)

    QString type;               // front matter `type`, as written ("people", "person", ...)
    QString title;              // `title`, else first "# " heading, else file base name
    QDate date;                 // `date`, else a YYYY-MM-DD in the file name or path
    QString person;             // `person`
    QStringList participants;   // `participants` and `attendees`, in order, without duplicates
    QStringList tags;           // front matter and body tags, without '#', without duplicates
    QStringList aliases;        // `aliases`
    QString source;             // `source`
    QString sourceRef;          // `source_ref`
    QVariantMap fields;         // every front matter key not listed above (strings, lists, maps)

    // The markdown after the front matter (repaired). Empty in the notes a VaultIndex holds:
    // what shows a body reads it from disk (VaultLoader::readNote); searchText stands for it.
    QString body;
    QByteArray searchText;      // SearchText::fold() of title, tags and body: what a search reads
    qsizetype bodyLength = 0;   // body.size(): UTF-16 code units (the longer version of a meeting is its primary)
    bool opensWithHeading = false;   // the body's first non-blank line is a "# " heading
    QList<Section> sections;
    QList<WikiLink> links;      // empty in the notes a VaultIndex holds: their facts hold them
    QList<NoteTask> tasks;

    int mojibakeRepairs = 0;    // how many mangled sequences were repaired on reading
    Problems problems;          // what this file got wrong (file set to relativePath)

    QString fileName() const { return relativePath.section(QLatin1Char('/'), -1); }
    QString baseName() const
    {
        const QString name = fileName();
        const qsizetype dot = name.lastIndexOf(QLatin1Char('.'));
        return dot > 0 ? name.left(dot) : name;
    }
};

} // namespace minutes
