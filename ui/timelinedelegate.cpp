#include "timelinedelegate.h"
#include "models/counted.h"

#include "models/meetingmodel.h"
#include "taskdelegate.h"

#include <QApplication>
#include <QDate>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>

namespace minutes {

namespace {

constexpr int Padding = 10;
constexpr int RowSpacing = 4;

QFont scaled(const QFont &font, qreal factor)
{
    QFont f = font;
    if (font.pointSizeF() > 0)
        f.setPointSizeF(font.pointSizeF() * factor);
    return f;
}

} // namespace

bool TimelineDelegate::startsMonth(const QModelIndex &index)
{
    if (index.row() == 0)
        return true;
    const QModelIndex previous = index.siblingAtRow(index.row() - 1);
    return previous.data(MeetingModel::MonthRole).toDate() != index.data(MeetingModel::MonthRole).toDate();
}

int TimelineDelegate::headingHeight(const QStyleOptionViewItem &option) const
{
    return heightsFor(option.font).heading;
}

const TimelineDelegate::Heights &TimelineDelegate::heightsFor(const QFont &font) const
{
    if (m_heights.row == 0 || m_heights.font != font) {
        const QFontMetrics metrics(font);
        const QFontMetrics small(scaled(font, 0.92));
        m_heights.font = font;
        m_heights.row = Padding + metrics.height() + RowSpacing + small.height() + Padding;
        m_heights.heading = QFontMetrics(scaled(font, 0.9)).height() + 16;
        m_heights.width = metrics.averageCharWidth() * 40;
    }
    return m_heights;
}

QSize TimelineDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const Heights &heights = heightsFor(option.font);
    return {heights.width, heights.row + (startsMonth(index) ? heights.heading : 0)};
}

void TimelineDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    const QPalette &palette = opt.palette;

    painter->save();
    QRect row = option.rect;
    if (startsMonth(index)) {
        const int height = headingHeight(option);
        const QRect heading(row.left(), row.top(), row.width(), height);
        QFont font = scaled(option.font, 0.9);
        font.setBold(true);
        font.setCapitalization(QFont::AllUppercase);
        font.setLetterSpacing(QFont::PercentageSpacing, 106);
        painter->setFont(font);
        painter->setPen(palette.color(QPalette::PlaceholderText));
        const QDate month = index.data(MeetingModel::MonthRole).toDate();
        const QString title = month.isValid() ? QLocale().toString(month, QStringLiteral("MMMM yyyy")) : tr("Undated");
        painter->drawText(heading.adjusted(Padding + 2, 6, -Padding, 0), Qt::AlignLeft | Qt::AlignVCenter, title);
        row.setTop(row.top() + height);
    }

    // Background (selection, hover) for the meeting part only.
    opt.rect = row;
    opt.text.clear();
    opt.icon = {};
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const bool selected = opt.state & QStyle::State_Selected;
    const QColor text = palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
    const QColor subdued = selected ? text : palette.color(QPalette::PlaceholderText);
    const QFontMetrics metrics(option.font);
    const QFont small = scaled(option.font, 0.92);
    const QFontMetrics smallMetrics(small);
    const QRect content = row.adjusted(Padding + 2, Padding, -Padding, -Padding);

    // Date column: day number over weekday.
    const QDate date = index.data(MeetingModel::DateRole).toDate();
    const int dateWidth = metrics.horizontalAdvance(QStringLiteral("Wed 00")) + 8;
    QFont dayFont = option.font;
    dayFont.setBold(true);
    painter->setFont(dayFont);
    painter->setPen(text);
    const QRect dateTop(content.left(), content.top(), dateWidth, metrics.height());
    painter->drawText(dateTop, Qt::AlignLeft | Qt::AlignVCenter,
                      date.isValid() ? QString::number(date.day()) : QStringLiteral("–"));
    painter->setFont(small);
    painter->setPen(subdued);
    const QRect dateBottom(content.left(), dateTop.bottom() + RowSpacing, dateWidth, smallMetrics.height());
    if (date.isValid())
        painter->drawText(dateBottom, Qt::AlignLeft | Qt::AlignVCenter, QLocale().toString(date, QStringLiteral("ddd")));

    // Right: task count and versions mark.
    const int open = index.data(MeetingModel::OpenTasksRole).toInt();
    const int total = index.data(MeetingModel::TotalTasksRole).toInt();
    const int versions = index.data(MeetingModel::VersionCountRole).toInt();
    int right = content.right();
    if (total > 0) {
        const QString tasks = open > 0 ? tr("%1/%2 open").arg(open).arg(total) : tr("%1 done").arg(total);
        painter->setFont(small);
        painter->setPen(subdued);
        const int w = smallMetrics.horizontalAdvance(tasks);
        painter->drawText(QRect(right - w, content.top(), w, metrics.height()), Qt::AlignRight | Qt::AlignVCenter, tasks);
        right -= w + 10;
    }
    if (versions > 1) {
        const QString mark = counted(versions, tr("%1 version"), tr("%1 versions"));
        const int w = smallMetrics.horizontalAdvance(mark) + 12;
        const QRect pill(right - w, content.top() + (metrics.height() - smallMetrics.height() - 4) / 2, w,
                         smallMetrics.height() + 4);
        painter->setRenderHint(QPainter::Antialiasing);
        // Some palettes keep Qt's default pure blue link, unreadable on a dark base.
        const QColor border = selected ? text : TaskDelegate::readableOn(palette.color(QPalette::Link), palette.color(QPalette::Base));
        painter->setPen(QPen(border, 1));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(QRectF(pill).adjusted(0.5, 0.5, -0.5, -0.5), pill.height() / 2.0, pill.height() / 2.0);
        painter->setFont(small);
        painter->setPen(border);
        painter->drawText(pill, Qt::AlignCenter, mark);
        right -= w + 10;
    }

    // Middle: title over participants.
    const int left = content.left() + dateWidth + 6;
    QFont titleFont = option.font;
    titleFont.setWeight(QFont::DemiBold);
    painter->setFont(titleFont);
    painter->setPen(text);
    const QRect titleRect(left, content.top(), right - left, metrics.height());
    painter->drawText(titleRect, Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetrics(titleFont).elidedText(index.data(MeetingModel::TitleRole).toString(), Qt::ElideRight,
                                                         titleRect.width()));
    const QStringList participants = index.data(MeetingModel::ParticipantsRole).toStringList();
    painter->setFont(small);
    painter->setPen(subdued);
    const QRect peopleRect(left, dateBottom.top(), content.right() - left, smallMetrics.height());
    painter->drawText(peopleRect, Qt::AlignLeft | Qt::AlignVCenter,
                      smallMetrics.elidedText(participants.join(QStringLiteral(", ")), Qt::ElideRight, peopleRect.width()));
    painter->restore();
}

} // namespace minutes
