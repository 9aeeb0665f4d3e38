#pragma once

#include <QStyledItemDelegate>

namespace minutes {

// Paints sidebar rows: section headings in small capitals, "Everyone", and entities with their
// meeting and open-task counts on the right and their aliases on a quieter second line.
class EntityDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace minutes
