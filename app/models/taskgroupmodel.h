#pragma once

#include <QAbstractProxyModel>
#include <QList>

namespace minutes {

// Turns the flat, filtered task list into the task panel's tree: group rows on top, tasks under
// them in the source's order. By default the groups are due-date buckets (Overdue, Today, This
// week, Later, No date, Done); with a ledger entity they are what that person owes, what is owed
// to them (the vault owner's tasks), the others' tasks from their meetings, and Done. Empty
// groups are not shown. A change of the source that moves a task between groups resets the tree.
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
        QList<int> sourceRows;
        int overdue = 0;
    };
    QList<GroupRows> computeGroups() const;
    Group groupOf(int sourceRow) const;
    void rebuild();
    void beginRebuild();
    void endRebuild();
    void sourceDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles);

    QString m_ledger;
    QList<GroupRows> m_groups;
    QList<QPair<int, int>> m_whereIs;   // source row -> (group position, row in group)
    bool m_resetting = false;
    QList<QMetaObject::Connection> m_sourceConnections;
};

} // namespace minutes
