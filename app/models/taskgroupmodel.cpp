#include "models/taskgroupmodel.h"
#include "models/counted.h"

#include "models/sourcereshapes.h"
#include "models/taskfilter.h"
#include "models/taskmodel.h"

#include <algorithm>
#include <utility>

namespace minutes {

namespace {

// internalId of a group row; a task row carries its group's enum value + 1, which (unlike the
// group's position) does not change when other groups come and go.
constexpr quintptr GroupId = 0;
constexpr int GroupCount = int(TaskGroupModel::Group::Done) + 1;

quintptr idOf(TaskGroupModel::Group group)
{
    return quintptr(int(group) + 1);
}

// Calls `run(first, last)` for each run of consecutive values of the sorted `values`, last run first.
template<typename Run>
void forRunsBackwards(const QList<int> &values, Run run)
{
    for (qsizetype last = values.size() - 1; last >= 0;) {
        qsizetype first = last;
        while (first > 0 && values.at(first - 1) == values.at(first) - 1)
            --first;
        run(first, last);
        last = first - 1;
    }
}

// Marks the model busy for as long as it lives (see TaskGroupModel::m_busy).
class BusyScope
{
public:
    explicit BusyScope(bool &busy)
        : m_busy(busy)
        , m_was(std::exchange(busy, true))
    {
    }
    ~BusyScope() { m_busy = m_was; }
    BusyScope(const BusyScope &) = delete;
    BusyScope &operator=(const BusyScope &) = delete;

private:
    bool &m_busy;
    bool m_was;
};

} // namespace

TaskGroupModel::TaskGroupModel(QObject *parent)
    : QAbstractProxyModel(parent)
{
}

void TaskGroupModel::setSourceModel(QAbstractItemModel *source)
{
    const BusyScope busy(m_busy);
    beginResetModel();
    for (const auto &connection : std::as_const(m_sourceConnections))
        disconnect(connection);
    m_sourceConnections.clear();
    QAbstractProxyModel::setSourceModel(source);
    findTaskModel();
    if (source) {
        using M = QAbstractItemModel;
        m_sourceConnections = connectSourceReshapes(
            source, this, [this] { beginRebuild(); }, [this] { endRebuild(); });
        m_sourceConnections += {
            connect(source, &M::rowsAboutToBeRemoved, this,
                    [this](const QModelIndex &parent, int first, int last) {
                        if (!parent.isValid())
                            sourceRowsAboutToBeRemoved(first, last);
                    }),
            connect(source, &M::rowsRemoved, this,
                    [this](const QModelIndex &parent, int first, int last) {
                        if (!parent.isValid())
                            sourceRowsRemoved(first, last);
                    }),
            connect(source, &M::rowsInserted, this,
                    [this](const QModelIndex &parent, int first, int last) {
                        if (!parent.isValid())
                            sourceRowsInserted(first, last);
                    }),
            connect(source, &M::dataChanged, this, &TaskGroupModel::sourceDataChanged),
            connect(source, &M::headerDataChanged, this, &QAbstractItemModel::headerDataChanged),
        };
        if (auto *proxy = qobject_cast<QAbstractProxyModel *>(source))
            m_sourceConnections.append(connect(proxy, &QAbstractProxyModel::sourceModelChanged, this, [this] { findTaskModel(); }));
    }
    rebuild();
    endResetModel();
}

void TaskGroupModel::setLedgerEntity(const QString &name)
{
    if (name == m_ledger)
        return;
    const BusyScope busy(m_busy);
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
    m_busy = true;   // until endRebuild() has announced the reset
    beginResetModel();
}

void TaskGroupModel::endRebuild()
{
    if (!m_resetting)
        return;
    rebuild();
    m_resetting = false;
    endResetModel();
    m_busy = false;
}

TaskGroupModel::Group TaskGroupModel::groupOf(TaskModel::Bucket bucket)
{
    switch (bucket) {
    case TaskModel::Bucket::Overdue: return Group::Overdue;
    case TaskModel::Bucket::Today: return Group::Today;
    case TaskModel::Bucket::ThisWeek: return Group::ThisWeek;
    case TaskModel::Bucket::Later: return Group::Later;
    case TaskModel::Bucket::NoDate: return Group::NoDate;
    case TaskModel::Bucket::Done: return Group::Done;
    }
    return Group::NoDate;
}

void TaskGroupModel::findTaskModel()
{
    const QAbstractItemModel *source = sourceModel();
    const auto *proxy = qobject_cast<const QAbstractProxyModel *>(source);
    m_tasks = qobject_cast<const TaskModel *>(proxy ? proxy->sourceModel() : source);
}

TaskGroupModel::RowInfo TaskGroupModel::infoOf(int sourceRow) const
{
    // The source is a TaskModel, directly or through one proxy such as TaskFilter: rows are read
    // as they are.
    const auto *proxy = qobject_cast<const QAbstractProxyModel *>(sourceModel());
    const TaskModel *tasks = m_tasks;
    const int taskRow = !tasks ? -1 : proxy ? proxy->mapToSource(proxy->index(sourceRow, 0)).row() : sourceRow;
    return infoOfTask(taskRow);
}

TaskGroupModel::RowInfo TaskGroupModel::infoOfTask(int taskRow) const
{
    RowInfo info;
    const TaskModel *tasks = m_tasks;
    if (!tasks || taskRow < 0 || taskRow >= tasks->rowCount())
        return info;
    const TaskRow &task = tasks->rowAt(taskRow);
    const QDate today = tasks->today();
    info.overdue = task.open && task.due.isValid() && task.due < today;
    if (!task.open)
        info.group = Group::Done;
    else if (m_ledger.isEmpty())
        info.group = groupOf(TaskModel::bucketFor(task, today));
    else if (tasks->textOf(task.ownerEntity).compare(m_ledger, Qt::CaseInsensitive) == 0)
        info.group = Group::TheyOwe;
    else
        info.group = tasks->isMineAt(taskRow) ? Group::OwedToThem : Group::Others;
    return info;
}

void TaskGroupModel::rebuild()
{
    m_columns = sourceModel() ? sourceModel()->columnCount() : 0;
    QList<GroupRows> all;
    for (int g = 0; g < GroupCount; ++g)
        all.append(GroupRows{Group(g), {}, 0});
    const int rows = sourceModel() ? sourceModel()->rowCount() : 0;
    // Every row's task at once when the source is a TaskFilter: mapping a quarter of a million
    // rows one index at a time took most of the event that shows a large vault.
    const auto *filter = qobject_cast<const TaskFilter *>(sourceModel());
    const QList<int> taskRows = filter ? filter->sourceRows() : QList<int>();
    const bool mapped = filter && taskRows.size() == rows;
    for (int row = 0; row < rows; ++row) {
        const RowInfo info = mapped ? infoOfTask(taskRows.at(row)) : infoOf(row);
        GroupRows &group = all[int(info.group)];
        group.rows.append(row);
        group.overdue += info.overdue ? 1 : 0;
    }
    all.removeIf([](const GroupRows &group) { return group.rows.isEmpty(); });
    for (GroupRows &group : all)
        group.shown = int(std::min<qsizetype>(group.rows.size(), m_batch));
    m_groups = std::move(all);
    m_whereIsValid = false;
}

const QList<QPair<int, int>> &TaskGroupModel::whereIs() const
{
    if (!m_whereIsValid) {
        m_whereIs.fill({-1, -1}, sourceModel() ? sourceModel()->rowCount() : 0);
        for (int g = 0; g < m_groups.size(); ++g) {
            const QList<int> &rows = m_groups.at(g).rows;
            for (int r = 0; r < rows.size(); ++r) {
                if (rows.at(r) >= 0 && rows.at(r) < m_whereIs.size())
                    m_whereIs[rows.at(r)] = {g, r};
            }
        }
        m_whereIsValid = true;
    }
    return m_whereIs;
}

int TaskGroupModel::positionOf(quintptr internalId) const
{
    for (int g = 0; g < m_groups.size(); ++g) {
        if (idOf(m_groups.at(g).group) == internalId)
            return g;
    }
    return -1;
}

int TaskGroupModel::positionOfGroup(Group group) const
{
    return positionOf(idOf(group));
}

QList<QPair<int, int>> TaskGroupModel::counts() const
{
    QList<QPair<int, int>> counts(GroupCount, {0, 0});
    for (const GroupRows &group : m_groups)
        counts[int(group.group)] = {int(group.rows.size()), group.overdue};
    return counts;
}

// Works out the overdue counts of these groups again: by due-date bucket only Overdue has any.
void TaskGroupModel::recountOverdue(const QSet<Group> &kinds)
{
    for (GroupRows &group : m_groups) {
        if (m_ledger.isEmpty()) {
            group.overdue = group.group == Group::Overdue ? int(group.rows.size()) : 0;
        } else if (kinds.contains(group.group)) {
            group.overdue = 0;
            for (const int row : std::as_const(group.rows))
                group.overdue += infoOf(row).overdue ? 1 : 0;
        }
    }
}

// Announces the group rows whose task or overdue count moved since `before` (counts()).
void TaskGroupModel::recount(const QList<QPair<int, int>> &before)
{
    const int lastColumn = columnCount() - 1;
    for (int g = 0; g < m_groups.size() && lastColumn >= 0; ++g) {
        const GroupRows &group = m_groups.at(g);
        if (before.at(int(group.group)) != qMakePair(int(group.rows.size()), group.overdue))
            Q_EMIT dataChanged(index(g, 0), index(g, lastColumn));
    }
}

// Removes the tasks of these source rows (ascending) from their groups, and groups left empty.
void TaskGroupModel::takeOut(const QList<int> &sourceRows)
{
    if (sourceRows.isEmpty())
        return;
    const QList<QPair<int, int>> &where = whereIs();
    QList<QList<int>> leaving(m_groups.size());   // per group position: rows in the group, ascending
    for (const int source : sourceRows) {
        if (source < 0 || source >= where.size() || where.at(source).first < 0)
            continue;
        leaving[where.at(source).first].append(where.at(source).second);
    }
    for (int g = int(m_groups.size()) - 1; g >= 0; --g) {
        QList<int> &rows = leaving[g];
        if (rows.isEmpty())
            continue;
        std::sort(rows.begin(), rows.end());
        if (rows.size() == m_groups.at(g).rows.size()) {
            beginRemoveRows({}, g, g);
            m_groups.removeAt(g);
            m_whereIsValid = false;
            endRemoveRows();
            continue;
        }
        const QModelIndex parent = index(g, 0);
        forRunsBackwards(rows, [&](qsizetype first, qsizetype last) {
            GroupRows &group = m_groups[g];
            const int from = rows.at(first), to = rows.at(last);
            // The part not fetched yet goes without a word; the part shown is removed.
            if (to >= group.shown) {
                const int hiddenFrom = std::max(from, group.shown);
                group.rows.remove(hiddenFrom, to - hiddenFrom + 1);
                m_whereIsValid = false;
            }
            if (from < group.shown) {
                const int shownTo = std::min(to, group.shown - 1);
                beginRemoveRows(parent, from, shownTo);
                group.rows.remove(from, shownTo - from + 1);
                group.shown -= shownTo - from + 1;
                m_whereIsValid = false;
                endRemoveRows();
            }
        });
        // A group whose shown rows all left shows the next ones (rowCount() > 0 while it has tasks).
        if (m_groups.at(g).shown == 0)
            fetchBatch(g);
    }
}

// Puts the tasks of these source rows (ascending, not in any group) in their groups, in order.
void TaskGroupModel::putIn(const QList<int> &sourceRows, const QList<RowInfo> &infos)
{
    QList<QList<int>> arriving(GroupCount);   // per Group: source rows, ascending
    for (qsizetype i = 0; i < sourceRows.size(); ++i)
        arriving[int(infos.at(i).group)].append(sourceRows.at(i));
    for (int kind = 0; kind < GroupCount; ++kind) {
        const QList<int> &rows = arriving.at(kind);
        if (rows.isEmpty())
            continue;
        int g = positionOfGroup(Group(kind));
        if (g < 0) {
            g = 0;
            while (g < m_groups.size() && int(m_groups.at(g).group) < kind)
                ++g;
            beginInsertRows({}, g, g);
            m_groups.insert(g, GroupRows{Group(kind), rows, 0, int(std::min<qsizetype>(rows.size(), m_batch))});
            m_whereIsValid = false;
            endInsertRows();
            continue;
        }
        const QModelIndex parent = index(g, 0);
        // Each arrival goes where the group's order puts it; arrivals landing together go in one step.
        for (qsizetype i = 0; i < rows.size();) {
            QList<int> &have = m_groups[g].rows;
            const int at = int(std::lower_bound(have.cbegin(), have.cend(), rows.at(i)) - have.cbegin());
            qsizetype end = i + 1;
            while (end < rows.size() && (at == have.size() || rows.at(end) < have.at(at)))
                ++end;
            // Rows landing among those shown (or after the last of a group shown whole) are
            // inserted; rows landing in the part not fetched yet wait there.
            GroupRows &group = m_groups[g];
            const bool shown = at < group.shown || group.shown == have.size();
            if (shown)
                beginInsertRows(parent, at, at + int(end - i) - 1);
            have.insert(at, end - i, 0);
            std::copy(rows.cbegin() + i, rows.cbegin() + end, have.begin() + at);
            m_whereIsValid = false;
            if (shown) {
                group.shown += int(end - i);
                endInsertRows();
            }
            i = end;
        }
    }
}

void TaskGroupModel::sourceRowsAboutToBeRemoved(int first, int last)
{
    if (m_resetting)
        return;
    const BusyScope busy(m_busy);
    const QList<QPair<int, int>> before = counts();
    QList<int> rows;
    QSet<Group> kinds;
    const QList<QPair<int, int>> &where = whereIs();
    for (int row = first; row <= last; ++row) {
        rows.append(row);
        if (row < where.size() && where.at(row).first >= 0)
            kinds.insert(m_groups.at(where.at(row).first).group);
    }
    takeOut(rows);
    recountOverdue(kinds);
    recount(before);
}

void TaskGroupModel::sourceRowsRemoved(int first, int last)
{
    if (m_resetting)
        return;
    const int count = last - first + 1;
    for (GroupRows &group : m_groups) {
        for (int &row : group.rows) {
            if (row > last)
                row -= count;
        }
    }
    m_whereIsValid = false;
}

void TaskGroupModel::sourceRowsInserted(int first, int last)
{
    if (m_resetting)
        return;
    const BusyScope busy(m_busy);
    const int count = last - first + 1;
    for (GroupRows &group : m_groups) {
        for (int &row : group.rows) {
            if (row >= first)
                row += count;
        }
    }
    m_whereIsValid = false;
    const QList<QPair<int, int>> before = counts();
    QList<int> rows;
    QList<RowInfo> infos;
    QSet<Group> kinds;
    for (int row = first; row <= last; ++row) {
        rows.append(row);
        infos.append(infoOf(row));
        kinds.insert(infos.constLast().group);
    }
    putIn(rows, infos);
    recountOverdue(kinds);
    recount(before);
}

void TaskGroupModel::sourceDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles)
{
    if (m_resetting || !topLeft.isValid() || !bottomRight.isValid() || topLeft.parent().isValid())
        return;
    const BusyScope busy(m_busy);
    const QList<QPair<int, int>> before = counts();
    // Tasks now in another group move there; the others change in place.
    QList<int> moving;
    QList<RowInfo> movingInfo;
    QList<int> staying;
    QSet<Group> kinds;
    {
        const QList<QPair<int, int>> &where = whereIs();
        for (int row = topLeft.row(); row <= bottomRight.row() && row < where.size(); ++row) {
            const auto [g, r] = where.at(row);
            if (g < 0)
                continue;
            const RowInfo info = infoOf(row);
            kinds.insert(info.group);
            kinds.insert(m_groups.at(g).group);
            if (info.group != m_groups.at(g).group) {
                moving.append(row);
                movingInfo.append(info);
            } else {
                staying.append(row);
            }
        }
    }
    takeOut(moving);
    putIn(moving, movingInfo);
    recountOverdue(kinds);
    recount(before);

    const int lastColumn = columnCount() - 1;
    if (lastColumn < 0 || staying.isEmpty())
        return;
    // What changed in place, as one range per group.
    QHash<int, QPair<int, int>> spans;
    const QList<QPair<int, int>> &where = whereIs();
    for (const int row : std::as_const(staying)) {
        const auto [g, r] = where.at(row);
        if (g < 0 || r >= m_groups.at(g).shown)
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
    if (row >= group.shown)
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
    return m_groups.at(parent.row()).shown;
}

int TaskGroupModel::columnCount(const QModelIndex &) const
{
    return m_columns;
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
    if (g < 0 || proxyIndex.row() >= m_groups.at(g).shown)
        return {};
    return sourceModel()->index(m_groups.at(g).rows.at(proxyIndex.row()), proxyIndex.column());
}

QModelIndex TaskGroupModel::mapFromSource(const QModelIndex &sourceIndex) const
{
    if (!sourceIndex.isValid() || sourceIndex.row() >= whereIs().size())
        return {};
    const auto [g, r] = whereIs().at(sourceIndex.row());
    if (g < 0 || r >= m_groups.at(g).shown)
        return {};   // not in the tree, or not fetched yet
    return createIndex(r, sourceIndex.column(), idOf(m_groups.at(g).group));
}

bool TaskGroupModel::canFetchMore(const QModelIndex &parent) const
{
    if (m_busy || !parent.isValid() || parent.internalId() != GroupId || parent.row() >= m_groups.size())
        return false;
    const GroupRows &group = m_groups.at(parent.row());
    return group.shown < group.rows.size();
}

void TaskGroupModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    const BusyScope busy(m_busy);
    fetchBatch(parent.row());
}

void TaskGroupModel::fetchBatch(int position)
{
    GroupRows &group = m_groups[position];
    const int more = int(std::min<qsizetype>(group.rows.size() - group.shown, m_batch));
    if (more <= 0)
        return;
    beginInsertRows(index(position, 0), group.shown, group.shown + more - 1);
    group.shown += more;
    endInsertRows();
}

void TaskGroupModel::setBatchSize(int rows)
{
    m_batch = std::max(1, rows);
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
        return group.overdue > 0 ? counted(group.rows.size(), tr("%2, %1 task, %3 overdue"), tr("%2, %1 tasks, %3 overdue"))
                                       .arg(groupTitle(group.group))
                                       .arg(group.overdue)
                                 : counted(group.rows.size(), tr("%2, %1 task"), tr("%2, %1 tasks")).arg(groupTitle(group.group));
    case IsGroupRole:
        return true;
    case GroupRole:
        return int(group.group);
    case CountRole:
        return int(group.rows.size());
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
    // Asked for every row whenever the tree lays out: answered without mapping the row through
    // the filter while no task is being written.
    if (m_tasks && !m_tasks->hasPendingWrites())
        return TaskModel::cellFlags(index.column());
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
