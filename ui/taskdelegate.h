#pragma once

#include <QStyledItemDelegate>

namespace minutes {

// Paints the task panel: group rows as a heading with counts, overdue due dates in a warning
// colour derived from the palette (readable in light and dark themes), closed tasks subdued,
// tasks whose write is under way in subdued italics. The checkbox is drawn here, not by the
// style, from the palette's colours and the font's size: a style's own indicator can vanish on a
// dark palette (Fusion under a dark GTK theme draws a near-black frame on a near-black base).
class TaskDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    bool editorEvent(QEvent *event, QAbstractItemModel *model, const QStyleOptionViewItem &option,
                     const QModelIndex &index) override;

    // Where the checkbox of a task cell is drawn and clicked, in the coordinates of `option.rect`
    // (an empty rect for cells without one). Contains the centre of the style's own indicator.
    QRect checkRect(const QStyleOptionViewItem &option, const QModelIndex &index) const;

    // A red that stands out against `palette`'s base colour.
    static QColor warningColour(const QPalette &palette);
    // `colour`, made lighter or darker until it is readable on `background`.
    static QColor readableOn(const QColor &colour, const QColor &background);
    // Perceived brightness in [0, 1] (Rec. 709 weights on the sRGB values).
    static qreal luminance(const QColor &colour);

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    void paintGroup(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const;
    void paintCheckedTask(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const;
    static void paintIndicator(QPainter *painter, const QRectF &box, const QModelIndex &index,
                               const QStyleOptionViewItem &option);
};

} // namespace minutes
