#include "models/taskfilter.h"

#include "models/taskmodel.h"

#include <QDate>
#include <QRegularExpression>

#include <algorithm>

namespace minutes {

TaskFilter::TaskFilter(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setDynamicSortFilter(true);
    sort(0, Qt::AscendingOrder);
}

void TaskFilter::setStateFilter(StateFilter filter)
{
    if (filter == m_state)
        return;
    m_state = filter;
    invalidateFilter();
}

void TaskFilter::setOwnerFilter(OwnerFilter filter)
{
    if (filter == m_owner)
        return;
    m_owner = filter;
    invalidateFilter();
}

void TaskFilter::setText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    static const QRegularExpression space(QStringLiteral("\\s+"));
    m_terms = text.split(space, Qt::SkipEmptyParts);
    invalidateFilter();
}

void TaskFilter::setEntity(const QString &name, const QStringList &meetingKeys)
{
    m_entity = name;
    m_meetingKeys = QSet<QString>(meetingKeys.cbegin(), meetingKeys.cend());
    invalidateFilter();
}

bool TaskFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    const bool open = index.data(TaskModel::OpenRole).toBool();
    if ((m_state == StateFilter::Open && !open) || (m_state == StateFilter::Done && open))
        return false;
    if (m_owner != OwnerFilter::Anyone && index.data(TaskModel::IsMineRole).toBool() != (m_owner == OwnerFilter::Mine))
        return false;
    if (!m_entity.isEmpty()
        && index.data(TaskModel::OwnerEntityRole).toString().compare(m_entity, Qt::CaseInsensitive) != 0
        && !m_meetingKeys.contains(index.data(TaskModel::MeetingKeyRole).toString()))
        return false;
    if (m_terms.isEmpty())
        return true;

    const QString description = index.data(TaskModel::DescriptionRole).toString();
    const QString owner = index.data(TaskModel::OwnerEntityRole).toString();
    const QString meeting = index.data(TaskModel::MeetingTitleRole).toString();
    return std::all_of(m_terms.cbegin(), m_terms.cend(), [&](const QString &term) {
        return description.contains(term, Qt::CaseInsensitive) || owner.contains(term, Qt::CaseInsensitive)
               || meeting.contains(term, Qt::CaseInsensitive);
    });
}

bool TaskFilter::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const QDate l = left.data(TaskModel::DueRole).toDate();
    const QDate r = right.data(TaskModel::DueRole).toDate();
    if (l != r) {
        if (!l.isValid() || !r.isValid())
            return l.isValid();   // undated tasks last
        return l < r;
    }
    const int lp = left.data(TaskModel::PriorityRole).toInt();
    const int rp = right.data(TaskModel::PriorityRole).toInt();
    if (lp != rp)
        return lp < rp;
    const QDate lm = left.data(TaskModel::MeetingDateRole).toDate();
    const QDate rm = right.data(TaskModel::MeetingDateRole).toDate();
    if (lm != rm)
        return lm > rm;
    const QString lPath = left.data(TaskModel::NotePathRole).toString();
    const QString rPath = right.data(TaskModel::NotePathRole).toString();
    if (lPath != rPath)
        return lPath < rPath;
    return left.data(TaskModel::LineRole).toInt() < right.data(TaskModel::LineRole).toInt();
}

} // namespace minutes
