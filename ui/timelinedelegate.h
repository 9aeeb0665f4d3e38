#pragma once

#include <QFont>
#include <QStyledItemDelegate>

namespace minutes {

// Paints a timeline row (date, title, participants, open/total tasks, a "2 versions" mark) and,
// above the first meeting of each month, the month's heading. The heading is part of the row, so
// the list stays a plain list for selection and the arrow keys.
class TimelineDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    static bool startsMonth(const QModelIndex &index);

private:
    int headingHeight(const QStyleOptionViewItem &option) const;

    // sizeHint() runs for every row on each layout of the list (tens of thousands): the heights
    // depend only on the font, so they are worked out once per font.
    struct Heights
    {
        QFont font;
        int row = 0, heading = 0, width = 0;
    };
    const Heights &heightsFor(const QFont &font) const;
    mutable Heights m_heights;
};

} // namespace minutes
