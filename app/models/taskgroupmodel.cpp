#include "models/taskgroupmodel.h"
#include "models/counted.h"

#include "models/taskmodel.h"

namespace minutes {

namespace {

// internalId of a group row; a task row carries its group's position + 1.
constexpr quintptr GroupId = 0;

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
        m_sourceConnections = {
            connect(source, &QAbstractItemModel::modelAboutToBeReset, this, begin),
            connect(source, &QAbstractItemModel::modelReset, this, end),
            connect(source, &QAbstractItemModel::layoutAboutToBeChanged, this, begin),
            connect(source, &QAbstractItemModel::layoutChanged, this, end),
            connect(source, &QAbstractItemModel::rowsAboutToBeInserted, this, begin),
            connect(source, &QAbstractItemModel::rowsInserted, this, end),
            connect(source, &QAbstractItemModel::rowsAboutToBeRemoved, this, begin),
            connect(source, &QAbstractItemModel::rowsRemoved, this, end),
            connect(source, &QAbstractItemModel::rowsAboutToBeMoved, this, begin),
            connect(source, &QAbstractItemModel::rowsMoved, this, end),
            connect(source, &QAbstractItemModel::columnsAboutToBeInserted, this, begin),
            connect(source, &QAbstractItemModel::columnsInserted, this, end),
            connect(source, &QAbstractItemModel::columnsAboutToBeRemoved, this, begin),
            connect(source, &QAbstractItemModel::columnsRemoved, this, end),
            connect(source, &QAbstractItemModel::dataChanged, this, &TaskGroupModel::sourceDataChanged),
            connect(source, &QAbstractItemModel::headerDataChanged, this, &QAbstractItemModel::headerDataChanged),
        };
    }
    rebuild();
    endResetModel();
}

void TaskGroupModel::setLedgerEntity(const QString &name)
{
    if (name == m_ledger)
        return;
    beginResetModel();
    m_ledger = name;
    rebuild();
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
    rebuild();
    m_resetting = false;
    endResetModel();
}

TaskGroupModel::Group TaskGroupModel::groupOf(int sourceRow) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0);
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

QList<TaskGroupModel::GroupRows> TaskGroupModel::computeGroups() const
{
    constexpr int GroupCount = int(Group::Done) + 1;
    QList<GroupRows> all;
    for (int g = 0; g < GroupCount; ++g)
        all.append(GroupRows{Group(g), {}, 0});
    if (const QAbstractItemModel *source = sourceModel()) {
        const int rows = source->rowCount();
        for (int row = 0; row < rows; ++row) {
            GroupRows &group = all[int(groupOf(row))];
            group.sourceRows.append(row);
            if (source->index(row, 0).data(TaskModel::OverdueRole).toBool())
                ++group.overdue;
        }
    }
    all.removeIf([](const GroupRows &group) { return group.sourceRows.isEmpty(); });
    return all;
}

void TaskGroupModel::rebuild()
{
    m_groups = computeGroups();
    m_whereIs.fill({-1, -1}, sourceModel() ? sourceModel()->rowCount() : 0);
    for (int g = 0; g < m_groups.size(); ++g) {
        const QList<int> &rows = m_groups.at(g).sourceRows;
        for (int r = 0; r < rows.size(); ++r)
            m_whereIs[rows.at(r)] = {g, r};
    }
}

void TaskGroupModel::sourceDataChanged(const QModelIndex &, const QModelIndex &, const QList<int> &)
{
    if (m_resetting)
        return;
    const QList<GroupRows> groups = computeGroups();
    const bool sameShape = groups.size() == m_groups.size()
                           && std::equal(groups.cbegin(), groups.cend(), m_groups.cbegin(),
                                         [](const GroupRows &a, const GroupRows &b) {
                                             return a.group == b.group && a.sourceRows == b.sourceRows;
                                         });
    if (!sameShape) {
        beginResetModel();
        rebuild();
        endResetModel();
        return;
    }
    m_groups = groups;   // overdue counts may have moved with the date
    const int lastColumn = columnCount() - 1;
    if (lastColumn < 0)
        return;
    for (int g = 0; g < m_groups.size(); ++g) {
        const QModelIndex group = index(g, 0);
        Q_EMIT dataChanged(group, index(g, lastColumn));
        Q_EMIT dataChanged(index(0, 0, group), index(int(m_groups.at(g).sourceRows.size()) - 1, lastColumn, group));
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
    if (row >= m_groups.at(parent.row()).sourceRows.size())
        return {};
    return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex TaskGroupModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == GroupId)
        return {};
    return createIndex(int(child.internalId() - 1), 0, GroupId);
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
    return int(m_groups.at(parent.row()).sourceRows.size());
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
    const int g = int(proxyIndex.internalId() - 1);
    if (g >= m_groups.size() || proxyIndex.row() >= m_groups.at(g).sourceRows.size())
        return {};
    return sourceModel()->index(m_groups.at(g).sourceRows.at(proxyIndex.row()), proxyIndex.column());
}

QModelIndex TaskGroupModel::mapFromSource(const QModelIndex &sourceIndex) const
{
    if (!sourceIndex.isValid() || sourceIndex.row() >= m_whereIs.size())
        return {};
    const auto [g, r] = m_whereIs.at(sourceIndex.row());
    if (g < 0)
        return {};
    return createIndex(r, sourceIndex.column(), quintptr(g + 1));
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
            return int(m_groups.at(int(index.internalId() - 1)).group);
        return QAbstractProxyModel::data(index, role);
    }

    const GroupRows &group = m_groups.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return index.column() == 0 ? groupTitle(group.group) : QVariant();
    case Qt::AccessibleTextRole:
        if (index.column() != 0)
            return {};
        return group.overdue > 0 ? counted(group.sourceRows.size(), tr("%2, %1 task, %3 overdue"), tr("%2, %1 tasks, %3 overdue"))
                                       .arg(groupTitle(group.group))
                                       .arg(group.overdue)
                                 : counted(group.sourceRows.size(), tr("%2, %1 task"), tr("%2, %1 tasks")).arg(groupTitle(group.group));
    case IsGroupRole:
        return true;
    case GroupRole:
        return int(group.group);
    case CountRole:
        return int(group.sourceRows.size());
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
