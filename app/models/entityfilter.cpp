#include "models/entityfilter.h"

#include "models/entitymodel.h"

#include <QDate>

#include <algorithm>

namespace minutes {

EntityFilter::EntityFilter(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setRecursiveFilteringEnabled(true);
    setDynamicSortFilter(true);
    sort(0, Qt::AscendingOrder);
}

void EntityFilter::setFilterText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_text)
        return;
    m_text = trimmed;
    invalidateFilter();
}

void EntityFilter::setSortMode(SortMode mode)
{
    if (mode == m_sortMode)
        return;
    m_sortMode = mode;
    invalidate();
}

bool EntityFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    const auto kind = index.data(EntityModel::RowKindRole).value<EntityModel::RowKind>();
    switch (kind) {
    case EntityModel::RowKind::Everyone:
        return true;
    case EntityModel::RowKind::PeopleSection:
    case EntityModel::RowKind::OrganisationSection:
        // Kept by recursive filtering while a child is accepted; an empty section is hidden.
        return false;
    case EntityModel::RowKind::Person:
    case EntityModel::RowKind::Organisation:
        break;
    }
    if (m_text.isEmpty())
        return true;
    if (index.data(EntityModel::NameRole).toString().contains(m_text, Qt::CaseInsensitive))
        return true;
    const QStringList aliases = index.data(EntityModel::AliasesRole).toStringList();
    return std::any_of(aliases.cbegin(), aliases.cend(),
                       [this](const QString &alias) { return alias.contains(m_text, Qt::CaseInsensitive); });
}

bool EntityFilter::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    if (!left.parent().isValid())
        return left.data(EntityModel::SectionOrderRole).toInt() < right.data(EntityModel::SectionOrderRole).toInt();

    if (m_sortMode == SortMode::RecentMeeting) {
        const QDate l = left.data(EntityModel::LastMeetingRole).toDate();
        const QDate r = right.data(EntityModel::LastMeetingRole).toDate();
        if (l != r) {
            if (!l.isValid() || !r.isValid())
                return l.isValid();   // never met sorts last
            return l > r;
        }
    }
    return left.data(EntityModel::NameOrderRole).toInt() < right.data(EntityModel::NameOrderRole).toInt();
}

} // namespace minutes
