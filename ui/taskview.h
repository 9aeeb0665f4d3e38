#pragma once

#include <QSet>
#include <QTreeView>

namespace minutes {

// The task tree: Space ticks the current task (through the model's checkbox, so it is the same
// request a click makes), group rows are painted across all columns, and expansion survives
// model resets (the Done group starts collapsed).
class TaskView final : public QTreeView
{
    Q_OBJECT
public:
    explicit TaskView(QWidget *parent = nullptr);

    void setModel(QAbstractItemModel *model) override;

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void drawRow(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    void saveState();
    void restoreState();

    QSet<int> m_collapsedGroups;
    QString m_currentKey;
};

} // namespace minutes
