#pragma once

#include "models/taskmodel.h"

#include <QAbstractProxyModel>
#include <QHash>
#include <QList>
#include <QPointer>
#include <QSet>
#include <QStringList>

namespace minutes {

// Turns the flat, filtered task list into the task panel's tree: group rows on top, tasks under
// them in the source's order. By default the groups are due-date buckets (Overdue, Today, This
// week, Later, No date, Done); with a ledger entity they are what that person owes, what is owed
// to them (the vault owner's tasks), the others' tasks from their meetings, and Done. Empty
// groups are not shown.
//
// The source is a TaskModel, directly or through one proxy such as TaskFilter (rows are read
// without QVariant). The tree follows the source change by change: rows removed there are
// removed here, rows inserted there are put in their group in place, and a changed row that
// belongs to another group now moves there (removed, then inserted); each costs work in proportion
// to the change, not to the number of tasks. Expanded groups, the selection and the scroll
// position survive; only a reset or re-layout of the source or another ledger entity resets the tree.
//
// A group shows its first batchSize() tasks and fetches the next batch when asked (canFetchMore()
// and fetchMore(), as the view scrolls down to them): a view lays out every row it is shown, and
// 125,000 open tasks took a whole frame to lay out each time a vault was shown or a row moved. Its
// count (CountRole) is always every task in it.
class TaskGroupModel final : public QAbstractProxyModel
{
    Q_OBJECT
public:
    enum Role {
        IsGroupRole = Qt::UserRole + 100,   // bool, on every row
        GroupRole,                          // int: Group, on every row
        CountRole,                          // group rows: number of tasks
        OverdueCountRole,                   // group rows: open tasks due before today
    };
    Q_ENUM(Role)

    enum class Group { Overdue, Today, ThisWeek, Later, NoDate, TheyOwe, OwedToThem, Others, Done };
    Q_ENUM(Group)

    explicit TaskGroupModel(QObject *parent = nullptr);

    void setSourceModel(QAbstractItemModel *source) override;
    QString ledgerEntity() const { return m_ledger; }
    // With a name the groups become that entity's ledger; empty goes back to due-date buckets.
    void setLedgerEntity(const QString &name);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    QModelIndex sibling(int row, int column, const QModelIndex &index) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QModelIndex mapToSource(const QModelIndex &proxyIndex) const override;
    QModelIndex mapFromSource(const QModelIndex &sourceIndex) const override;
    QHash<int, QByteArray> roleNames() const override;

    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    int batchSize() const { return m_batch; }
    void setBatchSize(int rows);   // at least 1; takes effect as groups are built or fetched

    QModelIndex indexOfGroup(Group group) const;
    QString groupTitle(Group group) const;

private:
    struct GroupRows
    {
        Group group;
        QList<int> rows;   // source rows, ascending
        int overdue = 0;
        int shown = 0;     // rows.first(shown) are the group's rows in this model; the rest are yet to be fetched
    };
    struct RowInfo
    {
        Group group = Group::NoDate;
        bool overdue = false;
    };
    void findTaskModel();
    RowInfo infoOf(int sourceRow) const;
    RowInfo infoOfTask(int taskRow) const;   // by TaskModel row
    static Group groupOf(TaskModel::Bucket bucket);
    int positionOf(quintptr internalId) const;   // group position of a task row, -1 when none
    int positionOfGroup(Group group) const;      // -1 when not shown
    void rebuild();
    const QList<QPair<int, int>> &whereIs() const;
    void beginRebuild();
    void endRebuild();
    void sourceRowsAboutToBeRemoved(int first, int last);
    void sourceRowsRemoved(int first, int last);
    void sourceRowsInserted(int first, int last);
    void sourceDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles);
    void takeOut(const QList<int> &sourceRows);
    void fetchBatch(int position);   // the next batch of the group at this position
    void putIn(const QList<int> &sourceRows, const QList<RowInfo> &infos);
    void recountOverdue(const QSet<Group> &kinds);
    void recount(const QList<QPair<int, int>> &before);
    QList<QPair<int, int>> counts() const;   // per Group: (tasks, overdue)

    QString m_ledger;
    QList<GroupRows> m_groups;                          // the groups shown, in Group order
    mutable QList<QPair<int, int>> m_whereIs;           // source row -> (group position, row in group)
    mutable bool m_whereIsValid = false;
    bool m_resetting = false;
    QList<QMetaObject::Connection> m_sourceConnections;
    QPointer<const TaskModel> m_tasks;                  // under the source (or the source), found when it is set
    int m_columns = 0;                                  // the source's (asked for every index made)
    int m_batch = 1000;
    // While a change is being announced (a reset, rows in or out, a fetch): no fetching. Slots of
    // those signals may ask (QAbstractItemModelTester does), and the rows they fetched would be
    // announced inside the change being announced.
    bool m_busy = false;
};

} // namespace minutes
