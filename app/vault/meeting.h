#pragma once

#include <QByteArray>
#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace minutes {

// A meeting: one or more notes about the same conversation. The same meeting stored twice
// (same date and same source_ref file name, as with the two seeds) is one Meeting with two
// versions; the primary version is the first.
struct Meeting
{
    QString key;               // identity: the primary version's relativePath
    QStringList versions;      // relativePaths, primary first
    QList<QByteArray> searchTexts;   // Note::searchText of each version: what the timeline searches
    QDate date;
    QString title;             // the primary version's title
    QStringList participants;  // canonical entity names, union over versions, in order
    int openTasks = 0;         // over all versions
    int totalTasks = 0;
    size_t print = 0;          // a hash of all the above and of every version's content
};

// A listed meeting is shared and never changed: a change to a note replaces its meeting. A copy
// of a vault's meetings (a model's rows) is then a copy of pointers, the index's next change does
// not copy every meeting, and a meeting that stayed is told from one that changed by its address.
using MeetingPtr = std::shared_ptr<const Meeting>;

} // namespace minutes
