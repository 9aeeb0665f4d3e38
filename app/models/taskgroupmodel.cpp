#include "models/taskgroupmodel.h"
#include "models/counted.h"

#include "models/taskmodel.h"

namespace minutes {

namespace {

// internalId of a group row; a task row carries its group's enum value + 1, which (unlike the
// group's position) does not change when other groups come and go.
constexpr quintptr GroupId = 0;

quintptr idOf(TaskGroupModel::Group group)
{
    return quintptr(int(group) + 1);
}

} // namespace

TaskGroupModel::TaskGroupModel(QObject *parent)
    : QAbstractProxyModel(parent)
{
}

void TaskGroupModel::setSourceModel(QAbstractItemModel *source)
{
    beginResetModel();
    for (const auto &connection : std::as_const(m_sourceConnections))
        disconnect(connection);
    m_sourceConnections.clear();
    QAbstractProxyModel::setSourceModel(source);
    if (source) {
        const auto begin = [this] { beginRebuild(); };
        const auto end = [this] { endRebuild(); };
        const auto changed = [this] { sync(); };
        // Between a source's "about to" and its "done" nobody asks this model anything; once the
        // source is done, the tree is brought in line with it by a diff.
        m_sourceConnections = {
            connect(source, &QAbstractItemModel::modelAboutToBeReset, this, begin),
            connect(source, &QAbstractItemModel::modelReset, this, end),
            connect(source, &QAbstractItemModel::columnsAboutToBeInserted, this, begin),
            connect(source, &QAbstractItemModel::columnsInserted, this, end),
            connect(source, &QAbstractItemModel::columnsAboutToBeRemoved, this, begin),
            connect(source, &QAbstractItemModel::columnsRemoved, this, end),
            connect(source, &QAbstractItemModel::layoutChanged, this, changed),
            connect(source, &QAbstractItemModel::rowsInserted, this, changed),
            connect(source, &QAbstractItemModel::rowsRemoved, this, changed),
            connect(source, &QAbstractItemModel::rowsMoved, this, changed),
            connect(source, &QAbstractItemModel::dataChanged, this, &TaskGroupModel::sourceDataChanged),
            connect(source, &QAbstractItemModel::headerDataChanged, this, &QAbstractItemModel::headerDataChanged),
        };
    }
    adopt(computeLayout());
    endResetModel();
}

void TaskGroupModel::setLedgerEntity(const QString &name)
{
    if (name == m_ledger)
        return;
    beginResetModel();
    m_ledger = name;
    adopt(computeLayout());
    endResetModel();
}

void TaskGroupModel::beginRebuild()
{
    if (m_resetting)
        return;
    m_resetting = true;
    beginResetModel();
}

void TaskGroupModel::endRebuild()
{
    if (!m_resetting)
        return;
    adopt(computeLayout());
    m_resetting = false;
    endResetModel();
}

TaskGroupModel::Group TaskGroupModel::groupOf(const QModelIndex &index) const
{
    const bool open = index.data(TaskModel::OpenRole).toBool();
    if (!open)
        return Group::Done;
    if (!m_ledger.isEmpty()) {
        if (index.data(TaskModel::OwnerEntityRole).toString().compare(m_ledger, Qt::CaseInsensitive) == 0)
            return Group::TheyOwe;
        if (index.data(TaskModel::IsMineRole).toBool())
            return Group::OwedToThem;
        return Group::Others;
    }
    switch (TaskModel::Bucket(index.data(TaskModel::BucketRole).toInt())) {
    case TaskModel::Bucket::Overdue: return Group::Overdue;
    case TaskModel::Bucket::Today: return Group::Today;
    case TaskModel::Bucket::ThisWeek: return Group::ThisWeek;
    case TaskModel::Bucket::Later: return Group::Later;
    case TaskModel::Bucket::NoDate: return Group::NoDate;
    case TaskModel::Bucket::Done: return Group::Done;
    }
    return Group::NoDate;
}

TaskGroupModel::Layout TaskGroupModel::computeLayout() const
{
    constexpr int GroupCount = int(Group::Done) + 1;
    Layout layout;
    QList<GroupRows> all;
    for (int g = 0; g < GroupCount; ++g)
        all.append(GroupRows{Group(g), {}, 0});
    if (const QAbstractItemModel *source = sourceModel()) {
        const int rows = source->rowCount();
        layout.sourceRowOfKey.reserve(rows);
        for (int row = 0; row < rows; ++row) {
            const QModelIndex index = source->index(row, 0);
            const QString key = index.data(TaskModel::KeyRole).toString();
            GroupRows &group = all[int(groupOf(index))];
            group.keys.append(key);
            layout.sourceRowOfKey.insert(key, row);
            if (index.data(TaskModel::OverdueRole).toBool())
                ++group.overdue;
        }
    }
    all.removeIf([](const GroupRows &group) { return group.keys.isEmpty(); });
    layout.groups = std::move(all);
    return layout;
}

void TaskGroupModel::adopt(Layout layout)
{
    m_groups = std::move(layout.groups);
    m_sourceRowOfKey = std::move(layout.sourceRowOfKey);
    rebuildLookups();
}

void TaskGroupModel::rebuildLookups()
{
    m_whereIs.fill({-1, -1}, sourceModel() ? sourceModel()->rowCount() : 0);
    for (int g = 0; g < m_groups.size(); ++g) {
        const QStringList &keys = m_groups.at(g).keys;
        for (int r = 0; r < keys.size(); ++r) {
            const int source = m_sourceRowOfKey.value(keys.at(r), -1);
            if (source >= 0 && source < m_whereIs.size())
                m_whereIs[source] = {g, r};
        }
    }
}

int TaskGroupModel::positionOf(quintptr internalId) const
{
    for (int g = 0; g < m_groups.size(); ++g) {
        if (idOf(m_groups.at(g).group) == internalId)
            return g;
    }
    return -1;
}

void TaskGroupModel::sync()
{
    if (m_resetting || !sourceModel())
        return;
    QHash<int, QPair<int, int>> before;   // group -> (count, overdue)
    for (const GroupRows &group : std::as_const(m_groups))
        before.insert(int(group.group), {int(group.keys.size()), group.overdue});

    const Layout next = computeLayout();
    // Survivors map to their new source rows at once; tasks that left map nowhere.
    m_sourceRowOfKey = next.sourceRowOfKey;
    rebuildLookups();
    removeVanished(next);
    reorderSurvivors(next);
    insertArrivals(next);

    const int lastColumn = columnCount() - 1;
    for (int g = 0; g < m_groups.size(); ++g) {
        m_groups[g].overdue = next.groups.at(g).overdue;
        const auto was = before.constFind(int(m_groups.at(g).group));
        if (was != before.cend() && was->first == m_groups.at(g).keys.size() && was->second == m_groups.at(g).overdue)
            continue;
        if (lastColumn >= 0)
            Q_EMIT dataChanged(index(g, 0), index(g, lastColumn));
    }
}

void TaskGroupModel::removeVanished(const Layout &next)
{
    QHash<int, QSet<QString>> wanted;
    for (const GroupRows &group : next.groups)
        wanted.insert(int(group.group), QSet<QString>(group.keys.cbegin(), group.keys.cend()));

    for (int g = int(m_groups.size()) - 1; g >= 0; --g) {
        if (wanted.contains(int(m_groups.at(g).group)))
            continue;
        beginRemoveRows({}, g, g);
        m_groups.removeAt(g);
        rebuildLookups();
        endRemoveRows();
    }
    for (int g = 0; g < m_groups.size(); ++g) {
        const QSet<QString> &keep = wanted[int(m_groups.at(g).group)];
        const QModelIndex parent = index(g, 0);
        for (int last = int(m_groups.at(g).keys.size()) - 1; last >= 0;) {
            if (keep.contains(m_groups.at(g).keys.at(last))) {
                --last;
                continue;
            }
            int first = last;
            while (first > 0 && !keep.contains(m_groups.at(g).keys.at(first - 1)))
                --first;
            beginRemoveRows(parent, first, last);
            m_groups[g].keys.remove(first, last - first + 1);
            rebuildLookups();
            endRemoveRows();
            last = first - 1;
        }
    }
}

void TaskGroupModel::reorderSurvivors(const Layout &next)
{
    // After removeVanished every group shown is in `next` (in the same order) and holds a subset
    // of its keys; the survivors must stand in `next`'s order before arrivals are inserted.
    QList<QStringList> orders;
    bool moved = false;
    int n = 0;
    for (const GroupRows &group : std::as_const(m_groups)) {
        while (next.groups.at(n).group != group.group)
            ++n;
        const QSet<QString> present(group.keys.cbegin(), group.keys.cend());
        QStringList order;
        order.reserve(group.keys.size());
        for (const QString &key : next.groups.at(n).keys) {
            if (present.contains(key))
                order.append(key);
        }
        moved = moved || order != group.keys;
        orders.append(order);
    }
    if (!moved)
        return;

    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList from = persistentIndexList();
    QModelIndexList to;
    to.reserve(from.size());
    for (const QModelIndex &index : from) {
        if (index.internalId() == GroupId) {
            to.append(index);
            continue;
        }
        const int g = positionOf(index.internalId());
        const int row = g < 0 ? -1 : int(orders.at(g).indexOf(m_groups.at(g).keys.value(index.row())));
        to.append(row < 0 ? QModelIndex() : createIndex(row, index.column(), index.internalId()));
    }
    for (int g = 0; g < m_groups.size(); ++g)
        m_groups[g].keys = orders.at(g);
    rebuildLookups();
    changePersistentIndexList(from, to);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void TaskGroupModel::insertArrivals(const Layout &next)
{
    for (int g = 0; g < next.groups.size(); ++g) {
        const GroupRows &want = next.groups.at(g);
        if (g >= m_groups.size() || m_groups.at(g).group != want.group) {
            // A group that was not shown arrives with its tasks.
            beginInsertRows({}, g, g);
            m_groups.insert(g, want);
            rebuildLookups();
            endInsertRows();
            continue;
        }
        const QSet<QString> present(m_groups.at(g).keys.cbegin(), m_groups.at(g).keys.cend());
        const QModelIndex parent = index(g, 0);
        for (int i = 0; i < want.keys.size();) {
            const QStringList &have = m_groups.at(g).keys;
            if (i < have.size() && have.at(i) == want.keys.at(i)) {
                ++i;
                continue;
            }
            int end = i;
            while (end < want.keys.size() && !present.contains(want.keys.at(end)))
                ++end;
            if (end == i) {   // cannot happen after reorderSurvivors; never loop forever
                ++i;
                continue;
            }
            beginInsertRows(parent, i, end - 1);
            for (int k = i; k < end; ++k)
                m_groups[g].keys.insert(k, want.keys.at(k));
            rebuildLookups();
            endInsertRows();
            i = end;
        }
    }
}

void TaskGroupModel::sourceDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles)
{
    if (m_resetting || !topLeft.isValid() || !bottomRight.isValid())
        return;
    sync();
    const int lastColumn = columnCount() - 1;
    if (lastColumn < 0)
        return;
    // What changed in place, as one range per group.
    QHash<int, QPair<int, int>> spans;
    for (int row = topLeft.row(); row <= bottomRight.row() && row < m_whereIs.size(); ++row) {
        const auto [g, r] = m_whereIs.at(row);
        if (g < 0)
            continue;
        auto span = spans.find(g);
        if (span == spans.end())
            spans.insert(g, {r, r});
        else
            *span = {qMin(span->first, r), qMax(span->second, r)};
    }
    for (auto it = spans.cbegin(); it != spans.cend(); ++it) {
        const QModelIndex parent = index(it.key(), 0);
        Q_EMIT dataChanged(index(it->first, topLeft.column(), parent), index(it->second, bottomRight.column(), parent), roles);
    }
}

QModelIndex TaskGroupModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= columnCount())
        return {};
    if (!parent.isValid())
        return row < m_groups.size() ? createIndex(row, column, GroupId) : QModelIndex();
    if (parent.internalId() != GroupId || parent.column() != 0 || parent.row() >= m_groups.size())
        return {};
    const GroupRows &group = m_groups.at(parent.row());
    if (row >= group.keys.size())
        return {};
    return createIndex(row, column, idOf(group.group));
}

QModelIndex TaskGroupModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == GroupId)
        return {};
    const int g = positionOf(child.internalId());
    return g < 0 ? QModelIndex() : createIndex(g, 0, GroupId);
}

QModelIndex TaskGroupModel::sibling(int row, int column, const QModelIndex &index) const
{
    return this->index(row, column, parent(index));
}

int TaskGroupModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_groups.size());
    if (parent.internalId() != GroupId || parent.column() != 0 || parent.row() >= m_groups.size())
        return 0;
    return int(m_groups.at(parent.row()).keys.size());
}

int TaskGroupModel::columnCount(const QModelIndex &) const
{
    return sourceModel() ? sourceModel()->columnCount() : 0;
}

bool TaskGroupModel::hasChildren(const QModelIndex &parent) const
{
    return rowCount(parent) > 0;
}

QModelIndex TaskGroupModel::mapToSource(const QModelIndex &proxyIndex) const
{
    if (!proxyIndex.isValid() || proxyIndex.internalId() == GroupId || !sourceModel())
        return {};
    const int g = positionOf(proxyIndex.internalId());
    if (g < 0 || proxyIndex.row() >= m_groups.at(g).keys.size())
        return {};
    const int row = m_sourceRowOfKey.value(m_groups.at(g).keys.at(proxyIndex.row()), -1);
    return row < 0 ? QModelIndex() : sourceModel()->index(row, proxyIndex.column());
}

QModelIndex TaskGroupModel::mapFromSource(const QModelIndex &sourceIndex) const
{
    if (!sourceIndex.isValid() || sourceIndex.row() >= m_whereIs.size())
        return {};
    const auto [g, r] = m_whereIs.at(sourceIndex.row());
    if (g < 0)
        return {};
    return createIndex(r, sourceIndex.column(), idOf(m_groups.at(g).group));
}

QModelIndex TaskGroupModel::indexOfGroup(Group group) const
{
    for (int g = 0; g < m_groups.size(); ++g) {
        if (m_groups.at(g).group == group)
            return index(g, 0);
    }
    return {};
}

QString TaskGroupModel::groupTitle(Group group) const
{
    switch (group) {
    case Group::Overdue: return tr("Overdue");
    case Group::Today: return tr("Today");
    case Group::ThisWeek: return tr("This week");
    case Group::Later: return tr("Later");
    case Group::NoDate: return tr("No date");
    case Group::TheyOwe: return tr("%1 owes you").arg(m_ledger);
    case Group::OwedToThem: return tr("You owe %1").arg(m_ledger);
    case Group::Others: return tr("Others in meetings with %1").arg(m_ledger);
    case Group::Done: return tr("Done");
    }
    return {};
}

QVariant TaskGroupModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (index.internalId() != GroupId) {
        if (role == IsGroupRole)
            return false;
        if (role == GroupRole)
            return int(index.internalId() - 1);
        return QAbstractProxyModel::data(index, role);
    }

    const GroupRows &group = m_groups.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return index.column() == 0 ? groupTitle(group.group) : QVariant();
    case Qt::AccessibleTextRole:
        if (index.column() != 0)
            return {};
        return group.overdue > 0 ? counted(group.keys.size(), tr("%2, %1 task, %3 overdue"), tr("%2, %1 tasks, %3 overdue"))
                                       .arg(groupTitle(group.group))
                                       .arg(group.overdue)
                                 : counted(group.keys.size(), tr("%2, %1 task"), tr("%2, %1 tasks")).arg(groupTitle(group.group));
    case IsGroupRole:
        return true;
    case GroupRole:
        return int(group.group);
    case CountRole:
        return int(group.keys.size());
    case OverdueCountRole:
        return group.overdue;
    default:
        return {};
    }
}

Qt::ItemFlags TaskGroupModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    if (index.internalId() == GroupId)
        return Qt::ItemIsEnabled;
    return QAbstractProxyModel::flags(index);
}

QVariant TaskGroupModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && sourceModel())
        return sourceModel()->headerData(section, orientation, role);
    return {};
}

QHash<int, QByteArray> TaskGroupModel::roleNames() const
{
    auto names = sourceModel() ? sourceModel()->roleNames() : QAbstractProxyModel::roleNames();
    names.insert(IsGroupRole, "isGroup");
    names.insert(GroupRole, "group");
    names.insert(CountRole, "count");
    names.insert(OverdueCountRole, "overdueCount");
    return names;
}

} // namespace minutes
