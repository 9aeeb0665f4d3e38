#pragma once

#include <QAbstractProxyModel>
#include <QHash>
#include <QList>
#include <QStringList>

namespace minutes {

// Turns the flat, filtered task list into the task panel's tree: group rows on top, tasks under
// them in the source's order. By default the groups are due-date buckets (Overdue, Today, This
// week, Later, No date, Done); with a ledger entity they are what that person owes, what is owed
// to them (the vault owner's tasks), the others' tasks from their meetings, and Done. Empty
// groups are not shown.
//
// The source must offer TaskModel's roles. Tasks are identified by TaskModel::KeyRole, so a change
// of the source (rows filtered in or out, re-sorted, a task moving to another group) becomes a
// diff of the tree: rows removed, moved (as a layout change) and inserted, and dataChanged only
// for what changed. Expanded groups, the selection and the scroll position survive; only a reset
// of the source or another ledger entity resets the tree.
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

    QModelIndex indexOfGroup(Group group) const;
    QString groupTitle(Group group) const;

private:
    struct GroupRows
    {
        Group group;
        QStringList keys;   // TaskModel::KeyRole of the tasks, in the source's order
        int overdue = 0;
    };
    struct Layout
    {
        QList<GroupRows> groups;
        QHash<QString, int> sourceRowOfKey;
    };
    Layout computeLayout() const;
    Group groupOf(const QModelIndex &sourceIndex) const;
    int positionOf(quintptr internalId) const;   // group position of a task row, -1 when none
    void adopt(Layout layout);
    void rebuildLookups();
    void beginRebuild();
    void endRebuild();
    void sync();
    void removeVanished(const Layout &next);
    void reorderSurvivors(const Layout &next);
    void insertArrivals(const Layout &next);
    void sourceDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles);

    QString m_ledger;
    QList<GroupRows> m_groups;
    QHash<QString, int> m_sourceRowOfKey;      // the source as it is now
    QList<QPair<int, int>> m_whereIs;          // source row -> (group position, row in group)
    bool m_resetting = false;
    QList<QMetaObject::Connection> m_sourceConnections;
};

} // namespace minutes
