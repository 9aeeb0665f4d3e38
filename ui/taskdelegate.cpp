#include "taskdelegate.h"

#include "models/taskgroupmodel.h"
#include "models/taskmodel.h"
#include "note/task.h"

#include <QApplication>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

namespace minutes {

namespace {

// `a` moved towards `b` by `t` (0: a, 1: b).
QColor mix(const QColor &a, const QColor &b, qreal t)
{
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * t), float(a.greenF() + (b.greenF() - a.greenF()) * t),
                            float(a.blueF() + (b.blueF() - a.blueF()) * t));
}

QPalette::ColorGroup colourGroup(const QStyleOptionViewItem &option)
{
    if (!(option.state & QStyle::State_Enabled))
        return QPalette::Disabled;
    return option.state & QStyle::State_Active ? QPalette::Normal : QPalette::Inactive;
}

} // namespace

qreal TaskDelegate::luminance(const QColor &colour)
{
    const QColor rgb = colour.toRgb();
    return 0.2126 * rgb.redF() + 0.7152 * rgb.greenF() + 0.0722 * rgb.blueF();
}

QColor TaskDelegate::readableOn(const QColor &colour, const QColor &background)
{
    constexpr qreal Wanted = 0.4;
    if (qAbs(luminance(colour) - luminance(background)) >= Wanted)
        return colour;
    const bool darkBackground = luminance(background) < 0.5;
    QColor c = colour.toHsl();
    for (int step = 0; step < 20 && qAbs(luminance(c) - luminance(background)) < Wanted; ++step) {
        const int lightness = c.lightness();
        c.setHsl(c.hslHue(), c.hslSaturation(), qBound(0, lightness + (darkBackground ? 12 : -12), 255), c.alpha());
    }
    return c.toRgb();
}

QColor TaskDelegate::warningColour(const QPalette &palette)
{
    const QColor base = palette.color(QPalette::Base);
    const bool dark = base.lightness() < 128;
    return readableOn(dark ? QColor::fromHsl(4, 200, 170) : QColor::fromHsl(4, 190, 95), base);
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

QRect TaskDelegate::checkRect(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    if (!(opt.features & QStyleOptionViewItem::HasCheckIndicator))
        return {};
    const QWidget *widget = option.widget;
    const QStyle *style = widget ? widget->style() : QApplication::style();
    const QRect styleRect = style->subElementRect(QStyle::SE_ItemViewItemCheckIndicator, &opt, widget);
    // As tall as a capital with some air, never smaller than the style's own box, never taller
    // than the row: scales with the font, and with it on a HiDPI screen.
    const int fromFont = qRound(QFontMetricsF(opt.font).height() * 0.8);
    const int side = qMin(qMax(fromFont, qMax(styleRect.width(), styleRect.height())), opt.rect.height() - 2);
    QRect box(0, 0, side, side);
    box.moveLeft(styleRect.left());
    box.moveTop(styleRect.center().y() - side / 2);
    return box;
}

void TaskDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    if (index.data(TaskGroupModel::IsGroupRole).toBool())
        paintGroup(painter, option, index);
    else if (index.data(Qt::CheckStateRole).isValid())
        paintCheckedTask(painter, option, index);
    else
        QStyledItemDelegate::paint(painter, option, index);
}

void TaskDelegate::paintCheckedTask(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    const QRect box = checkRect(option, index);
    const QRect styleCheck = style->subElementRect(QStyle::SE_ItemViewItemCheckIndicator, &opt, widget);
    QRect textRect = style->subElementRect(QStyle::SE_ItemViewItemText, &opt, widget);
    textRect.setLeft(textRect.left() + box.right() - styleCheck.right());

    // The style draws the background (selection, hover, focus) and nothing of the content.
    QStyleOptionViewItem background = opt;
    background.features &= ~QStyleOptionViewItem::HasCheckIndicator;
    background.text.clear();
    background.icon = {};
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);

    painter->save();
    // The indicator takes the view's own Text, not the one initStyleOption subdued for closed tasks.
    QStyleOptionViewItem indicator = opt;
    indicator.palette = option.palette;
    paintIndicator(painter, box, index, indicator);

    const bool selected = opt.state & QStyle::State_Selected;
    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, widget) + 1;
    const QRect shown = textRect.adjusted(margin, 0, -margin, 0);
    painter->setFont(opt.font);
    painter->setPen(opt.palette.color(colourGroup(opt), selected ? QPalette::HighlightedText : QPalette::Text));
    painter->drawText(shown, int(opt.displayAlignment) | Qt::TextSingleLine,
                      QFontMetrics(opt.font).elidedText(opt.text, opt.textElideMode, shown.width()));
    painter->restore();
}

// Open: an empty box. Done: a filled box with a tick. In progress: half filled along the `/`.
// Cancelled: a subdued box with a cross. Any other status (`[?]`, `[>]`, the malformed `[ ?]`):
// the symbol itself in the box. Colours are mixed from Text and Base, so the frame has about
// four fifths of the palette's text contrast whatever the theme; the accent is the highlight,
// or the text colour where the highlight is too close to the base to see.
void TaskDelegate::paintIndicator(QPainter *painter, const QRectF &rect, const QModelIndex &index,
                                  const QStyleOptionViewItem &option)
{
    const QPalette &palette = option.palette;
    const QPalette::ColorGroup group = colourGroup(option);
    const bool selected = option.state & QStyle::State_Selected;
    const QColor base = palette.color(group, QPalette::Base);
    const QColor text = palette.color(group, QPalette::Text);
    const QColor ink = qAbs(luminance(text) - luminance(base)) >= 0.4 ? text : readableOn(text, base);
    const QColor frame = mix(ink, base, 0.2);
    QColor accent = palette.color(group, QPalette::Highlight);
    QColor onAccent = palette.color(group, QPalette::HighlightedText);
    if (selected) {
        // On a highlighted row the highlight would vanish: invert it.
        std::swap(accent, onAccent);
    } else if (qAbs(luminance(accent) - luminance(base)) < 0.25) {
        accent = ink;
        onAccent = base;
    }

    const auto state = TaskState(index.data(TaskModel::StateRole).toInt());
    const QString symbol = index.data(TaskModel::StatusSymbolRole).toString();
    const qreal side = qMin(rect.width(), rect.height());
    const qreal pen = qMax(1.0, side / 12.0);
    const QRectF box = QRectF(rect.center().x() - side / 2, rect.center().y() - side / 2, side, side)
                           .adjusted(pen / 2, pen / 2, -pen / 2, -pen / 2);
    const qreal radius = side * 0.18;

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    if (index.data(TaskModel::PendingRole).toBool())
        painter->setOpacity(0.6);
    QPainterPath outline;
    outline.addRoundedRect(box, radius, radius);
    const auto point = [&box](qreal x, qreal y) { return QPointF(box.left() + box.width() * x, box.top() + box.height() * y); };
    const QPen strokePen(onAccent, qMax(1.5, side / 7.0), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);

    switch (state) {
    case TaskState::Done: {
        painter->setPen(QPen(accent, pen));
        painter->setBrush(accent);
        painter->drawPath(outline);
        QPainterPath tick;
        tick.moveTo(point(0.22, 0.53));
        tick.lineTo(point(0.42, 0.73));
        tick.lineTo(point(0.78, 0.30));
        painter->setPen(strokePen);
        painter->setBrush(Qt::NoBrush);
        painter->drawPath(tick);
        break;
    }
    case TaskState::InProgress: {
        painter->setPen(QPen(frame, pen));
        painter->setBrush(base);
        painter->drawPath(outline);
        // The lower left half, cut along the slash of `[/]`.
        QPainterPath half;
        half.moveTo(box.bottomLeft());
        half.lineTo(box.topLeft());
        half.lineTo(box.topRight());
        half.closeSubpath();
        half = outline.subtracted(half);
        // Drawn on the base colour, which the inverted accent of a selected row may equal.
        const QColor fill = qAbs(luminance(accent) - luminance(base)) >= 0.25 ? accent : ink;
        painter->setPen(Qt::NoPen);
        painter->setBrush(fill);
        painter->drawPath(half);
        painter->setPen(QPen(fill, pen));
        painter->setBrush(Qt::NoBrush);
        painter->drawPath(outline);
        break;
    }
    case TaskState::Cancelled: {
        const QColor subdued = mix(ink, base, 0.45);
        painter->setPen(QPen(subdued, pen));
        painter->setBrush(base);
        painter->drawPath(outline);
        painter->setPen(QPen(subdued, qMax(1.2, side / 9.0), Qt::SolidLine, Qt::RoundCap));
        painter->drawLine(point(0.28, 0.28), point(0.72, 0.72));
        painter->drawLine(point(0.72, 0.28), point(0.28, 0.72));
        break;
    }
    case TaskState::Todo: {
        painter->setPen(QPen(frame, pen));
        painter->setBrush(base);
        painter->drawPath(outline);
        if (!symbol.trimmed().isEmpty()) {
            QFont font = option.font;
            font.setStrikeOut(false);
            font.setItalic(false);
            font.setBold(true);
            font.setPixelSize(qMax(6, qRound(side * 0.72)));
            painter->setFont(font);
            painter->setPen(ink);
            painter->drawText(box, Qt::AlignCenter, symbol.trimmed());
        }
        break;
    }
    }
    painter->restore();
}

void TaskDelegate::paintGroup(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
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

    const bool selected = opt.state & QStyle::State_Selected;
    const QColor textColour = opt.palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
    const QColor subdued = selected ? textColour : opt.palette.color(QPalette::PlaceholderText);
    const QColor warning = selected ? textColour : warningColour(opt.palette);
    painter->setFont(bold);
    painter->setPen(group == TaskGroupModel::Group::Overdue ? warning : textColour);
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
        painter->setPen(warning);
        painter->drawText(QRect(x, text.top(), text.right() - x, text.height()), Qt::AlignVCenter | Qt::AlignLeft,
                          tr("%1 overdue").arg(overdue));
    }
    painter->restore();
}

QSize TaskDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    const QFontMetrics metrics(option.font);
    size.setHeight(qMax(size.height(), metrics.height() + metrics.height() / 2 + 2));
    return size;
}

bool TaskDelegate::editorEvent(QEvent *event, QAbstractItemModel *model, const QStyleOptionViewItem &option,
                               const QModelIndex &index)
{
    const bool mouse = event->type() == QEvent::MouseButtonPress || event->type() == QEvent::MouseButtonRelease
                       || event->type() == QEvent::MouseButtonDblClick;
    if (!mouse)
        return QStyledItemDelegate::editorEvent(event, model, option, index);
    const Qt::ItemFlags flags = model->flags(index);
    if (!(flags & Qt::ItemIsUserCheckable) || !(flags & Qt::ItemIsEnabled) || !(option.state & QStyle::State_Enabled))
        return false;
    const QVariant value = index.data(Qt::CheckStateRole);
    if (!value.isValid())
        return false;
    // The box drawn here may be larger than the style's: hit-test what the user sees.
    const auto *mouseEvent = static_cast<QMouseEvent *>(event);
    if (mouseEvent->button() != Qt::LeftButton || !checkRect(option, index).contains(mouseEvent->position().toPoint()))
        return false;
    // As QStyledItemDelegate: a press still selects the row; a double-click on the box does not
    // also open the task.
    if (event->type() == QEvent::MouseButtonPress)
        return false;
    if (event->type() == QEvent::MouseButtonDblClick)
        return true;
    const auto state = Qt::CheckState(value.toInt());
    return model->setData(index, state == Qt::Checked ? Qt::Unchecked : Qt::Checked, Qt::CheckStateRole);
}

} // namespace minutes
