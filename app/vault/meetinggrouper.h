#pragma once

#include "note/note.h"
#include "vault/meeting.h"

#include <QList>
#include <QString>

#include <functional>

namespace minutes {

// Decides which notes are meetings and folds the copies of one meeting together (VaultIndex's
// private helper).
// - A meeting is a note with a date and participants (or a `person`), a transcript source
//   (`source: transcript`) or a meeting-like `type` (meeting, people, 1:1, call, sync, ...);
//   person and organisation notes never are.
// - The same meeting stored twice has the same date and the same source_ref file name (the last
//   path component, with or without ".md", case-insensitive): one Meeting, several versions.
// - Primary version (decided): the one with more content (the longer body), then the one with a
//   title of its own (front matter or heading, not the file name), then the first path. The
//   others follow by path. For the two seeds this is the longer, more detailed version.
// - Meetings are sorted newest first; undated ones last; then by title, then by key.
class MeetingGrouper final
{
public:
    static bool isMeeting(const Note &note);
    // "2025-10-31|2025-10-31 - intro ..." or empty when the note carries no duplicate identity.
    static QString duplicateKey(const Note &note);
    // `notes` sorted by relative path; `canonicalName` turns a participant as written into the
    // entity's display name.
    static QList<Meeting> group(const QList<const Note *> &notes,
                                const std::function<QString(const QString &)> &canonicalName);
};

} // namespace minutes
