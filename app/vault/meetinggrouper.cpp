#include "vault/meetinggrouper.h"

#include "vault/entityresolver.h"

#include <QHash>
#include <QSet>

#include <algorithm>

namespace minutes {

namespace {

QString normalisedType(const QString &type)
{
    QStringView t = QStringView(type).trimmed();
    // "[[Meeting]]" and "type/meeting" are spelled both ways in real vaults.
    if (t.startsWith(QLatin1String("[[")) && t.endsWith(QLatin1String("]]")))
        t = t.mid(2, t.size() - 4);
    return t.mid(t.lastIndexOf(QLatin1Char('/')) + 1).trimmed().toString().toLower();
}

bool isMeetingType(const QString &type)
{
    static const QSet<QString> types{
        QStringLiteral("meeting"), QStringLiteral("meetings"), QStringLiteral("meeting-note"),
        QStringLiteral("meeting note"), QStringLiteral("people"), QStringLiteral("1:1"),
        QStringLiteral("1-1"), QStringLiteral("1on1"), QStringLiteral("1-on-1"),
        QStringLiteral("one-on-one"), QStringLiteral("call"), QStringLiteral("sync"),
        QStringLiteral("standup"), QStringLiteral("stand-up"), QStringLiteral("interview"),
        QStringLiteral("workshop"), QStringLiteral("catch-up"), QStringLiteral("catchup"),
        QStringLiteral("check-in"), QStringLiteral("retro"), QStringLiteral("retrospective"),
        QStringLiteral("huddle"), QStringLiteral("transcript")};
    return types.contains(normalisedType(type));
}

bool isPrimaryBefore(const Note *a, const Note *b)
{
    if (a->body.size() != b->body.size())
        return a->body.size() > b->body.size();
    // Note::title falls back to the base name: a title of its own was written in the note.
    const bool aTitled = !a->title.trimmed().isEmpty() && a->title != a->baseName();
    const bool bTitled = !b->title.trimmed().isEmpty() && b->title != b->baseName();
    if (aTitled != bTitled)
        return aTitled;
    return a->relativePath < b->relativePath;
}

} // namespace

bool MeetingGrouper::isMeeting(const Note &note)
{
    if (EntityResolver::isPersonType(note.type) || EntityResolver::isOrganisationType(note.type))
        return false;
    if (isMeetingType(note.type))
        return true;
    if (note.source.trimmed().compare(QLatin1String("transcript"), Qt::CaseInsensitive) == 0)
        return true;
    return note.date.isValid() && (!note.participants.isEmpty() || !note.person.trimmed().isEmpty());
}

QString MeetingGrouper::duplicateKey(const Note &note)
{
    if (!note.date.isValid())
        return {};
    QString ref = note.sourceRef.trimmed();
    const qsizetype slash = std::max(ref.lastIndexOf(QLatin1Char('/')), ref.lastIndexOf(QLatin1Char('\\')));
    if (slash >= 0)
        ref = ref.mid(slash + 1);
    ref = ref.simplified();
    if (ref.endsWith(QLatin1String(".md"), Qt::CaseInsensitive))
        ref.chop(3);
    if (ref.isEmpty())
        return {};
    return note.date.toString(Qt::ISODate) + QLatin1Char('|') + ref.toCaseFolded();
}

QList<Meeting> MeetingGrouper::group(const QList<const Note *> &notes,
                                     const std::function<QString(const QString &)> &canonicalName)
{
    QList<QList<const Note *>> groups;
    QHash<QString, qsizetype> groupByKey;
    for (const Note *note : notes) {
        if (!isMeeting(*note))
            continue;
        const QString key = duplicateKey(*note);
        if (!key.isEmpty()) {
            const auto found = groupByKey.constFind(key);
            if (found != groupByKey.cend()) {
                groups[*found].append(note);
                continue;
            }
            groupByKey.insert(key, groups.size());
        }
        groups.append({note});
    }

    QList<Meeting> meetings;
    meetings.reserve(groups.size());
    for (QList<const Note *> &versions : groups) {
        // Notes arrive sorted by path, so the others stay in path order.
        const auto primary = std::min_element(versions.begin(), versions.end(), isPrimaryBefore);
        std::rotate(versions.begin(), primary, primary + 1);

        Meeting meeting;
        const Note &first = *versions.front();
        meeting.key = first.relativePath;
        meeting.date = first.date;
        meeting.title = first.title;
        QSet<QString> seen;
        auto addParticipant = [&](const QString &written) {
            const QString name = canonicalName(written);
            if (!name.isEmpty() && !seen.contains(EntityResolver::key(name))) {
                seen.insert(EntityResolver::key(name));
                meeting.participants.append(name);
            }
        };
        for (const Note *version : std::as_const(versions)) {
            meeting.versions.append(version->relativePath);
            for (const QString &participant : version->participants)
                addParticipant(participant);
            addParticipant(version->person);
            for (const Task &task : version->tasks) {
                ++meeting.totalTasks;
                if (task.isOpen())
                    ++meeting.openTasks;
            }
        }
        meetings.append(std::move(meeting));
    }

    std::sort(meetings.begin(), meetings.end(), [](const Meeting &a, const Meeting &b) {
        if (a.date != b.date) {
            if (!a.date.isValid() || !b.date.isValid())
                return a.date.isValid();
            return a.date > b.date;
        }
        const int byTitle = a.title.compare(b.title, Qt::CaseInsensitive);
        if (byTitle != 0)
            return byTitle < 0;
        return a.key < b.key;
    });
    return meetings;
}

} // namespace minutes
