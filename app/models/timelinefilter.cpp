#include "models/timelinefilter.h"

#include "models/meetingmodel.h"

#include <QDate>
#include <QRegularExpression>

#include <algorithm>

namespace minutes {

TimelineFilter::TimelineFilter(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setDynamicSortFilter(true);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    sort(0, Qt::DescendingOrder);
}

void TimelineFilter::setSearchText(const QString &text)
{
    if (text == m_search)
        return;
    m_search = text;
    static const QRegularExpression space(QStringLiteral("\\s+"));
    m_terms = text.split(space, Qt::SkipEmptyParts);
    invalidateFilter();
}

void TimelineFilter::setEntity(const QString &name, const QStringList &meetingKeys)
{
    m_entity = name;
    m_meetingKeys = QSet<QString>(meetingKeys.cbegin(), meetingKeys.cend());
    invalidateFilter();
}

bool TimelineFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (!m_entity.isEmpty() && !m_meetingKeys.contains(index.data(MeetingModel::KeyRole).toString()))
        return false;
    if (m_terms.isEmpty())
        return true;

    const QString title = index.data(MeetingModel::TitleRole).toString();
    const QStringList participants = index.data(MeetingModel::ParticipantsRole).toStringList();
    const QStringList tags = index.data(MeetingModel::TagsRole).toStringList();
    const QStringList bodies = index.data(MeetingModel::BodiesRole).toStringList();
    const QString date = index.data(MeetingModel::DateRole).toDate().toString(Qt::ISODate);
    const auto found = [&](const QString &term) {
        const auto in = [&term](const QString &text) { return text.contains(term, Qt::CaseInsensitive); };
        return in(title) || in(date) || std::any_of(participants.cbegin(), participants.cend(), in)
               || std::any_of(tags.cbegin(), tags.cend(), in) || std::any_of(bodies.cbegin(), bodies.cend(), in);
    };
    return std::all_of(m_terms.cbegin(), m_terms.cend(), found);
}

bool TimelineFilter::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const QDate l = left.data(MeetingModel::DateRole).toDate();
    const QDate r = right.data(MeetingModel::DateRole).toDate();
    if (l != r) {
        // Undated meetings sort as the oldest, at the end of a newest-first list.
        if (!l.isValid() || !r.isValid())
            return !l.isValid();
        return l < r;
    }
    const int byTitle = QString::localeAwareCompare(left.data(MeetingModel::TitleRole).toString(),
                                                    right.data(MeetingModel::TitleRole).toString());
    if (byTitle != 0)
        return byTitle > 0;   // descending order overall, so titles still read A to Z
    return left.data(MeetingModel::KeyRole).toString() > right.data(MeetingModel::KeyRole).toString();
}

} // namespace minutes
