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
}

void TaskFilter::setSourceModel(QAbstractItemModel *source)
{
    m_tasks = qobject_cast<const TaskModel *>(source);
    QSortFilterProxyModel::setSourceModel(source);
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
    if (!m_tasks || sourceParent.isValid() || sourceRow < 0 || sourceRow >= m_tasks->rowCount())
        return false;
    const TaskRow &row = m_tasks->rowAt(sourceRow);
    if ((m_state == StateFilter::Open && !row.open) || (m_state == StateFilter::Done && row.open))
        return false;
    if (m_owner != OwnerFilter::Anyone && m_tasks->isMineAt(sourceRow) != (m_owner == OwnerFilter::Mine))
        return false;
    if (!m_entity.isEmpty() && m_tasks->textOf(row.ownerEntity).compare(m_entity, Qt::CaseInsensitive) != 0
        && !m_meetingKeys.contains(m_tasks->textOf(row.meetingKey)))
        return false;
    return m_terms.isEmpty() || acceptsText(sourceModel()->index(sourceRow, 0, sourceParent));
}

QList<int> TaskFilter::sourceRows() const
{
    QList<int> rows;
    rows.reserve(rowCount());
    const int count = sourceModel() ? sourceModel()->rowCount() : 0;
    for (int row = 0; row < count; ++row) {
        if (filterAcceptsRow(row, QModelIndex()))
            rows.append(row);
    }
    return rows;
}

bool TaskFilter::acceptsText(const QModelIndex &index) const
{
    const QString description = index.data(TaskModel::DescriptionRole).toString();
    const QString owner = index.data(TaskModel::OwnerEntityRole).toString();
    const QString meeting = index.data(TaskModel::MeetingTitleRole).toString();
    return std::all_of(m_terms.cbegin(), m_terms.cend(), [&](const QString &term) {
        return description.contains(term, Qt::CaseInsensitive) || owner.contains(term, Qt::CaseInsensitive)
               || meeting.contains(term, Qt::CaseInsensitive);
    });
}

} // namespace minutes
