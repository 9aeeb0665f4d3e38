#pragma once

#include "note/note.h"
#include "vault/indexfacts.h"
#include "vault/meeting.h"

#include <QList>
#include <QString>

#include <functional>

namespace minutes {

// Decides which notes are meetings and folds the copies of one meeting together (IndexState's
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
    // The meeting of one group of notes (same duplicateKey(), or a note of its own), `versions`
    // in path order. `canonical(mention)` gives the display name of the entity a participant or
    // `person` names and the interned key of that display name (for deduplication).
    static Meeting build(QList<const NoteFacts *> versions,
                         const std::function<QPair<QString, int>(const NoteFacts::Mention &)> &canonical);
    // The timeline's order: newest first, undated last, then by title, then by key.
    static bool newerFirst(const Meeting &a, const Meeting &b);
};

} // namespace minutes
