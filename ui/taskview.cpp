#include "taskview.h"

#include "models/taskgroupmodel.h"
#include "models/taskmodel.h"

#include <QCursor>
#include <QHeaderView>
#include <QPainter>
#include <QKeyEvent>

#include <algorithm>

namespace minutes {

TaskView::TaskView(QWidget *parent)
    : QTreeView(parent)
{
    setObjectName(QStringLiteral("taskView"));
    setAccessibleName(tr("Tasks"));
    setUniformRowHeights(true);
    setAllColumnsShowFocus(true);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setAlternatingRowColors(false);
    setFrameShape(QFrame::NoFrame);
    setSortingEnabled(false);
    header()->setStretchLastSection(false);
    m_collapsedGroups.insert(int(TaskGroupModel::Group::Done));
    connect(this, &QTreeView::collapsed, this, [this](const QModelIndex &index) {
        if (index.data(TaskGroupModel::IsGroupRole).toBool())
            m_collapsedGroups.insert(index.data(TaskGroupModel::GroupRole).toInt());
    });
    connect(this, &QTreeView::expanded, this, [this](const QModelIndex &index) {
        if (index.data(TaskGroupModel::IsGroupRole).toBool())
            m_collapsedGroups.remove(index.data(TaskGroupModel::GroupRole).toInt());
    });
}

void TaskView::setModel(QAbstractItemModel *model)
{
    if (this->model())
        this->model()->disconnect(this);
    QTreeView::setModel(model);
    if (!model)
        return;
    connect(model, &QAbstractItemModel::modelAboutToBeReset, this, &TaskView::saveState);
    connect(model, &QAbstractItemModel::modelReset, this, &TaskView::restoreState);
    // A group that appears (the first overdue task, the first ticked one) opens, unless the
    // user closed that group before.
    connect(model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &parent, int first, int last) {
        if (parent.isValid())
            return;
        for (int row = first; row <= last; ++row) {
            const QModelIndex group = this->model()->index(row, 0);
            setExpanded(group, !m_collapsedGroups.contains(group.data(TaskGroupModel::GroupRole).toInt()));
        }
    });
    restoreState();
}

void TaskView::saveState()
{
    const QModelIndex current = currentIndex();
    m_currentKey = current.isValid() && !current.data(TaskGroupModel::IsGroupRole).toBool()
                       ? TaskModel::taskKey(current.data(TaskModel::NotePathRole).toString(),
                                            current.data(TaskModel::LineRole).toInt())
                       : QString();
}

void TaskView::restoreState()
{
    QAbstractItemModel *m = model();
    const QSet<int> collapsed = m_collapsedGroups;   // expand()/collapse() below would edit it
    if (!m)
        return;
    // Expanding lays out each group's rows at once unless a layout is pending anyway: make it
    // pending, so that the tree is laid out once, after every group is open.
    scheduleDelayedItemsLayout();
    for (int row = 0; row < m->rowCount(); ++row) {
        const QModelIndex group = m->index(row, 0);
        setExpanded(group, !collapsed.contains(group.data(TaskGroupModel::GroupRole).toInt()));
    }
    m_collapsedGroups = collapsed;
    if (m_currentKey.isEmpty())
        return;
    for (int row = 0; row < m->rowCount(); ++row) {
        const QModelIndex group = m->index(row, 0);
        for (int child = 0; child < m->rowCount(group); ++child) {
            const QModelIndex task = m->index(child, 0, group);
            if (TaskModel::taskKey(task.data(TaskModel::NotePathRole).toString(), task.data(TaskModel::LineRole).toInt())
                == m_currentKey) {
                setCurrentIndex(task);
                return;
            }
        }
    }
}

void TaskView::updateGeometries()
{
    QTreeView::updateGeometries();
    scheduleFetch();
}

void TaskView::verticalScrollbarValueChanged(int value)
{
    QTreeView::verticalScrollbarValueChanged(value);
    scheduleFetch();
}

// Fetching is queued: geometries are also updated while the model is in the middle of a change,
// when it must not start another.
void TaskView::scheduleFetch()
{
    if (m_fetchPending)
        return;
    m_fetchPending = true;
    QMetaObject::invokeMethod(this, &TaskView::fetchNearViewport, Qt::QueuedConnection);
}

void TaskView::fetchNearViewport()
{
    m_fetchPending = false;
    QAbstractItemModel *m = model();
    if (!m)
        return;
    const int screen = std::max(1, viewport()->height());
    for (int row = 0; row < m->rowCount(); ++row) {
        const QModelIndex group = m->index(row, 0);
        const int shown = m->rowCount(group);
        if (shown == 0 || !isExpanded(group) || !m->canFetchMore(group))
            continue;
        // Not when it is far above: rows fetched there would push what is on screen down.
        const QRect last = visualRect(m->index(shown - 1, 0, group));
        if (!last.isEmpty() && last.top() < 2 * screen && last.bottom() > -screen)
            m->fetchMore(group);
    }
}

// A group row is painted across every column, as a spanned row would be. Spanning it with
// setFirstColumnSpanned() makes QTreeView build a persistent index for every row it lays out
// (a quarter of the layout with 125k tasks).
void TaskView::drawRow(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    if (index.parent().isValid() || !index.data(TaskGroupModel::IsGroupRole).toBool()) {
        QTreeView::drawRow(painter, option, index);
        return;
    }
    const QHeaderView *head = header();
    const int last = head->logicalIndex(head->count() - 1);
    const bool reverse = isRightToLeft();
    int position = columnViewportPosition(0);
    int width = head->sectionSize(0);
    if (!reverse) {
        width = columnViewportPosition(last) + head->sectionSize(last) - position;
    } else {
        width += position - columnViewportPosition(last);
        position = columnViewportPosition(last);
    }
    const int y = option.rect.y();
    const int height = option.rect.height();

    QStyleOptionViewItem opt = option;
    opt.viewItemPosition = QStyleOptionViewItem::OnlyOne;
    opt.showDecorationSelected = true;
    if (hasFocus() && currentIndex().row() == index.row() && !currentIndex().parent().isValid())
        opt.state |= QStyle::State_HasFocus;
    const QPoint mouse = viewport()->mapFromGlobal(QCursor::pos());
    const QModelIndex hovered = viewport()->underMouse() ? indexAt(mouse) : QModelIndex();
    if (hovered.isValid() && hovered.row() == index.row() && !hovered.parent().isValid())
        opt.state |= QStyle::State_MouseOver;
    else
        opt.state &= ~QStyle::State_MouseOver;

    // The branch (the arrow that opens and closes the group), then the group across the row.
    const int indent = rootIsDecorated() ? indentation() : 0;
    const QRect branches(reverse ? position + width - indent : position, y, indent, height);
    opt.rect = branches;
    style()->drawPrimitive(QStyle::PE_PanelItemViewRow, &opt, painter, this);
    drawBranches(painter, branches, index);
    opt.rect = QRect(reverse ? position : position + indent, y, width - indent, height);
    itemDelegateForIndex(index)->paint(painter, opt, index);
}

void TaskView::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space && event->modifiers() == Qt::NoModifier) {
        const QModelIndex current = currentIndex();
        if (current.isValid() && !current.data(TaskGroupModel::IsGroupRole).toBool()) {
            const QModelIndex box = current.siblingAtColumn(TaskModel::DescriptionColumn);
            const auto state = Qt::CheckState(box.data(Qt::CheckStateRole).toInt());
            model()->setData(box, state == Qt::Checked ? Qt::Unchecked : Qt::Checked, Qt::CheckStateRole);
            event->accept();
            return;
        }
    }
    QTreeView::keyPressEvent(event);
}

} // namespace minutes
