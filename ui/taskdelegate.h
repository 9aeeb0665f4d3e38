#pragma once

#include <QStyledItemDelegate>

namespace minutes {

// Paints the task panel: group rows as a heading with counts, overdue due dates in a warning
// colour derived from the palette (readable in light and dark themes), closed tasks subdued,
// tasks whose write is under way in subdued italics.
class TaskDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // A red that stands out against `palette`'s base colour.
    static QColor warningColour(const QPalette &palette);

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace minutes
