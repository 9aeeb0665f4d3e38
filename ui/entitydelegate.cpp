#include "entitydelegate.h"

#include "models/entitymodel.h"

#include <QApplication>
#include <QPainter>

namespace minutes {

namespace {

constexpr int HorizontalPadding = 10;
constexpr int VerticalPadding = 5;

QFont smallerFont(const QFont &font)
{
    QFont small = font;
    if (font.pointSizeF() > 0)
        small.setPointSizeF(font.pointSizeF() * 0.88);
    return small;
}

} // namespace

QSize EntityDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const auto kind = index.data(EntityModel::RowKindRole).value<EntityModel::RowKind>();
    const QFontMetrics metrics(option.font);
    const QFontMetrics small(smallerFont(option.font));
    int height = metrics.height() + 2 * VerticalPadding;
    if (kind == EntityModel::RowKind::PeopleSection || kind == EntityModel::RowKind::OrganisationSection)
        height = small.height() + 14;
    else if (!index.data(EntityModel::AliasesRole).toStringList().isEmpty())
        height += small.height();
    return {metrics.averageCharWidth() * 24, height};
}

void EntityDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    const auto kind = index.data(EntityModel::RowKindRole).value<EntityModel::RowKind>();
    const bool section = kind == EntityModel::RowKind::PeopleSection || kind == EntityModel::RowKind::OrganisationSection;

    painter->save();
    if (section) {
        QFont font = smallerFont(option.font);
        font.setBold(true);
        font.setCapitalization(QFont::AllUppercase);
        font.setLetterSpacing(QFont::PercentageSpacing, 106);
        painter->setFont(font);
        painter->setPen(opt.palette.color(QPalette::PlaceholderText));
        const QRect r = option.rect.adjusted(HorizontalPadding, 6, -HorizontalPadding, 0);
        painter->drawText(r, Qt::AlignLeft | Qt::AlignVCenter, opt.text);
        const QString count = QString::number(index.data(EntityModel::ChildCountRole).toInt());
        painter->drawText(r, Qt::AlignRight | Qt::AlignVCenter, count);
        painter->restore();
        return;
    }

    opt.text.clear();
    opt.icon = {};
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const bool selected = opt.state & QStyle::State_Selected;
    const QColor text = opt.palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
    const QColor subdued = selected ? text : opt.palette.color(QPalette::PlaceholderText);
    const QRect r = option.rect.adjusted(HorizontalPadding, VerticalPadding, -HorizontalPadding, -VerticalPadding);
    const QFontMetrics metrics(option.font);
    const QFont small = smallerFont(option.font);
    const QFontMetrics smallMetrics(small);

    // Right-hand counts: meetings, then open tasks.
    const int meetings = index.data(EntityModel::MeetingCountRole).toInt();
    const int open = index.data(EntityModel::OpenTasksRole).toInt();
    QString counts = QString::number(meetings);
    if (open > 0)
        counts += QStringLiteral("  ·  ") + tr("%1 open").arg(open);
    const QRect firstLine(r.left(), r.top(), r.width(), metrics.height());
    painter->setFont(small);
    painter->setPen(subdued);
    const int countsWidth = smallMetrics.horizontalAdvance(counts);
    painter->drawText(firstLine, Qt::AlignRight | Qt::AlignVCenter, counts);

    QFont nameFont = option.font;
    if (kind == EntityModel::RowKind::Everyone)
        nameFont.setBold(true);
    painter->setFont(nameFont);
    painter->setPen(text);
    const QString name = QFontMetrics(nameFont).elidedText(index.data(EntityModel::NameRole).toString(), Qt::ElideRight,
                                                           r.width() - countsWidth - 12);
    painter->drawText(firstLine, Qt::AlignLeft | Qt::AlignVCenter, name);

    const QStringList aliases = index.data(EntityModel::AliasesRole).toStringList();
    if (!aliases.isEmpty()) {
        painter->setFont(small);
        painter->setPen(subdued);
        const QRect secondLine(r.left(), firstLine.bottom() + 1, r.width(), smallMetrics.height());
        painter->drawText(secondLine, Qt::AlignLeft | Qt::AlignVCenter,
                          smallMetrics.elidedText(tr("aka %1").arg(aliases.join(QStringLiteral(", "))), Qt::ElideRight,
                                                  secondLine.width()));
    }
    painter->restore();
}

} // namespace minutes
