#include "taskdelegate.h"

#include "models/taskgroupmodel.h"
#include "models/taskmodel.h"
#include "note/task.h"

#include <QApplication>
#include <QPainter>

namespace minutes {

QColor TaskDelegate::warningColour(const QPalette &palette)
{
    const bool dark = palette.color(QPalette::Base).lightness() < 128;
    return dark ? QColor::fromHsl(4, 200, 170) : QColor::fromHsl(4, 190, 95);
}

void TaskDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (index.data(TaskGroupModel::IsGroupRole).toBool())
        return;
    if (index.data(TaskModel::PendingRole).toBool()) {
        // Being written: the box already shows the new state; italics say it is not there yet.
        option->font.setItalic(true);
        option->palette.setColor(QPalette::Text, option->palette.color(QPalette::PlaceholderText));
        return;
    }
    const bool open = index.data(TaskModel::OpenRole).toBool();
    if (!open) {
        option->palette.setColor(QPalette::Text, option->palette.color(QPalette::PlaceholderText));
        if (index.column() == TaskModel::DescriptionColumn)
            option->font.setStrikeOut(index.data(TaskModel::StateRole).toInt() == int(TaskState::Cancelled));
    } else if (index.column() == TaskModel::DueColumn && index.data(TaskModel::OverdueRole).toBool()) {
        option->palette.setColor(QPalette::Text, warningColour(option->palette));
        option->font.setBold(true);
    } else if (index.column() == TaskModel::PriorityColumn || index.column() == TaskModel::MeetingColumn) {
        option->palette.setColor(QPalette::Text, option->palette.color(QPalette::PlaceholderText));
    }
}

void TaskDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    if (!index.data(TaskGroupModel::IsGroupRole).toBool()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    if (index.column() != 0)
        return;

    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    // Background (selection/hover) without text.
    opt.text.clear();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    painter->save();
    const QRect text = style->subElementRect(QStyle::SE_ItemViewItemText, &opt, widget).adjusted(2, 0, -4, 0);
    QFont bold = option.font;
    bold.setBold(true);
    const QString title = index.data(Qt::DisplayRole).toString();
    const int count = index.data(TaskGroupModel::CountRole).toInt();
    const int overdue = index.data(TaskGroupModel::OverdueCountRole).toInt();
    const auto group = TaskGroupModel::Group(index.data(TaskGroupModel::GroupRole).toInt());

    const QColor textColour = opt.state & QStyle::State_Selected ? opt.palette.color(QPalette::HighlightedText)
                                                                 : opt.palette.color(QPalette::Text);
    const QColor subdued = opt.state & QStyle::State_Selected ? textColour : opt.palette.color(QPalette::PlaceholderText);
    painter->setFont(bold);
    painter->setPen(group == TaskGroupModel::Group::Overdue ? warningColour(opt.palette) : textColour);
    const QFontMetrics boldMetrics(bold);
    const QString shownTitle = boldMetrics.elidedText(title, Qt::ElideRight, text.width());
    painter->drawText(text, Qt::AlignVCenter | Qt::AlignLeft, shownTitle);

    int x = text.left() + boldMetrics.horizontalAdvance(shownTitle) + boldMetrics.averageCharWidth() * 2;
    painter->setFont(option.font);
    const QFontMetrics metrics(option.font);
    painter->setPen(subdued);
    const QString countText = QString::number(count);
    painter->drawText(QRect(x, text.top(), text.right() - x, text.height()), Qt::AlignVCenter | Qt::AlignLeft, countText);
    x += metrics.horizontalAdvance(countText) + metrics.averageCharWidth() * 2;
    if (overdue > 0 && group != TaskGroupModel::Group::Overdue && x < text.right()) {
        painter->setPen(warningColour(opt.palette));
        painter->drawText(QRect(x, text.top(), text.right() - x, text.height()), Qt::AlignVCenter | Qt::AlignLeft,
                          tr("%1 overdue").arg(overdue));
    }
    painter->restore();
}

QSize TaskDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setHeight(qMax(size.height(), option.fontMetrics.height() + 10));
    return size;
}

} // namespace minutes
