#include "vault/meetinggrouper.h"

#include "vault/entityresolver.h"

#include <QSet>
#include <QVarLengthArray>

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

bool isPrimaryBefore(const NoteFacts *a, const NoteFacts *b)
{
    if (a->bodySize != b->bodySize)
        return a->bodySize > b->bodySize;
    if (a->titled != b->titled)
        return a->titled;
    return a->path < b->path;
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
    // QDate::toString(Qt::ISODate) goes through a general formatter: a sixth of the time the
    // facts of a vault take. Years 1-9999 are what it writes as yyyy-MM-dd.
    const int year = note.date.year();
    if (year < 1 || year > 9999)
        return note.date.toString(Qt::ISODate) + QLatin1Char('|') + ref.toCaseFolded();
    const auto two = [](char *at, int n) {
        at[0] = char('0' + n / 10);
        at[1] = char('0' + n % 10);
    };
    char iso[11];
    two(iso, year / 100);
    two(iso + 2, year % 100);
    iso[4] = '-';
    two(iso + 5, note.date.month());
    iso[7] = '-';
    two(iso + 8, note.date.day());
    iso[10] = '|';
    return QLatin1String(iso, 11) + ref.toCaseFolded();
}

Meeting MeetingGrouper::build(QList<const NoteFacts *> versions,
                              const std::function<QPair<QString, int>(const NoteFacts::Mention &)> &canonical)
{
    Meeting meeting;
    if (versions.isEmpty())
        return meeting;
    // Versions arrive sorted by path, so the others stay in path order.
    const auto primary = std::min_element(versions.begin(), versions.end(), isPrimaryBefore);
    std::rotate(versions.begin(), primary, primary + 1);

    const NoteFacts &first = *versions.front();
    meeting.key = first.path;
    meeting.date = first.date;
    meeting.title = first.title;
    QVarLengthArray<int, 16> seen;
    for (const NoteFacts *version : std::as_const(versions)) {
        meeting.versions.append(version->path);
        for (const NoteFacts::Mention &m : version->mentions) {
            if (m.role != NoteFacts::Role::Participant && m.role != NoteFacts::Role::Person)
                continue;
            const auto [name, key] = canonical(m);
            if (!name.isEmpty() && !seen.contains(key)) {
                seen.append(key);
                meeting.participants.append(name);
            }
        }
        meeting.totalTasks += version->totalTasks;
        meeting.openTasks += version->openTasks;
    }
    return meeting;
}

bool MeetingGrouper::newerFirst(const Meeting &a, const Meeting &b)
{
    if (a.date != b.date) {
        if (!a.date.isValid() || !b.date.isValid())
            return a.date.isValid();
        return a.date > b.date;
    }
    const int byTitle = a.title.compare(b.title, Qt::CaseInsensitive);
    if (byTitle != 0)
        return byTitle < 0;
    return a.key < b.key;
}

} // namespace minutes
