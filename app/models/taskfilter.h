#pragma once

#include <QSet>
#include <QSortFilterProxyModel>
#include <QStringList>

namespace minutes {

class TaskModel;

// Chooses the tasks the task panel shows: open, done or all; mine, others' or anyone's; those of
// the selected person or organisation (tasks they own and tasks from their meetings); and those
// matching a text. The source is a TaskModel; its order (due date, undated last, then priority,
// then newest meeting) is kept. Rows are read directly (no QVariant), so that filtering a quarter
// of a million tasks stays well under a frame.
class TaskFilter final : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    enum class StateFilter { Open, Done, All };
    Q_ENUM(StateFilter)
    enum class OwnerFilter { Anyone, Mine, Others };
    Q_ENUM(OwnerFilter)

    explicit TaskFilter(QObject *parent = nullptr);

    void setSourceModel(QAbstractItemModel *source) override;

    StateFilter stateFilter() const { return m_state; }
    void setStateFilter(StateFilter filter);
    OwnerFilter ownerFilter() const { return m_owner; }
    void setOwnerFilter(OwnerFilter filter);
    QString text() const { return m_text; }
    void setText(const QString &text);
    // Keeps tasks owned by `name` or written in one of `meetingKeys`; an empty name keeps all.
    void setEntity(const QString &name, const QStringList &meetingKeys);
    QString entity() const { return m_entity; }

    // The TaskModel row of each of its rows, in order, in one pass: it never sorts, so its rows
    // are the accepted rows of the source in their order (mapToSource() costs a lookup a row).
    QList<int> sourceRows() const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    bool acceptsText(const QModelIndex &index) const;

    const TaskModel *m_tasks = nullptr;
    StateFilter m_state = StateFilter::Open;
    OwnerFilter m_owner = OwnerFilter::Anyone;
    QString m_text;
    QStringList m_terms;
    QString m_entity;
    QSet<QString> m_meetingKeys;
};

} // namespace minutes
