#pragma once

#include <QSet>
#include <QTreeView>

namespace minutes {

// The task tree: Space ticks the current task (through the model's checkbox, so it is the same
// request a click makes), group rows are painted across all columns, and expansion survives
// model resets (the Done group starts collapsed). A group's next batch of tasks is fetched as its
// last fetched task comes within two screens of the viewport (TaskGroupModel shows a large group
// in batches; QTreeView alone fetches only for the last row of the whole tree).
class TaskView final : public QTreeView
{
    Q_OBJECT
public:
    explicit TaskView(QWidget *parent = nullptr);

    void setModel(QAbstractItemModel *model) override;

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void drawRow(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    void updateGeometries() override;
    void verticalScrollbarValueChanged(int value) override;

private:
    void saveState();
    void restoreState();
    void scheduleFetch();
    void fetchNearViewport();

    QSet<int> m_collapsedGroups;
    QString m_currentKey;
    bool m_fetchPending = false;
};

} // namespace minutes
