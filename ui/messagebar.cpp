#include "messagebar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QToolButton>

namespace minutes {

namespace {

QColor mix(const QColor &a, const QColor &b, qreal t)
{
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * t), float(a.greenF() + (b.greenF() - a.greenF()) * t),
                            float(a.blueF() + (b.blueF() - a.blueF()) * t));
}

} // namespace

MessageBar::MessageBar(QWidget *parent)
    : QFrame(parent)
    , m_label(new QLabel(this))
    , m_action(new QPushButton(this))
{
    setObjectName(QStringLiteral("messageBar"));
    setAccessibleName(tr("Message"));
    setFrameShape(QFrame::NoFrame);
    m_label->setWordWrap(true);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *close = new QToolButton(this);
    close->setText(QStringLiteral("✕"));
    close->setAutoRaise(true);
    close->setAccessibleName(tr("Dismiss message"));
    close->setToolTip(tr("Dismiss"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 6, 6, 6);
    layout->setSpacing(10);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_action);
    layout->addWidget(close);

    connect(close, &QToolButton::clicked, this, &QWidget::hide);
    connect(m_action, &QPushButton::clicked, this, &MessageBar::triggerAction);
    hide();
}

void MessageBar::showMessage(const QString &text, const QString &actionText, std::function<void()> action)
{
    m_label->setText(text);
    m_action->setText(actionText);
    m_action->setVisible(!actionText.isEmpty());
    m_callback = std::move(action);
    show();
}

QString MessageBar::actionText() const
{
    return isVisible() && m_action->isVisible() ? m_action->text() : QString();
}

void MessageBar::triggerAction()
{
    // The callback may show another message, which replaces it: run a copy.
    const std::function<void()> callback = m_callback;
    Q_EMIT actionTriggered();
    if (callback)
        callback();
}

void MessageBar::paintEvent(QPaintEvent *event)
{
    {
        // Drawn from the palette at paint time, so a theme switch needs nothing more. Text keeps
        // WindowText: the tint is light enough to leave its contrast.
        QPainter painter(this);
        const QColor window = palette().color(QPalette::Window);
        const QColor highlight = palette().color(QPalette::Highlight);
        painter.fillRect(rect(), mix(window, highlight, 0.16));
        painter.fillRect(QRect(0, height() - 1, width(), 1), mix(window, highlight, 0.45));
    }
    QFrame::paintEvent(event);
}

QString MessageBar::text() const
{
    return isVisible() ? m_label->text() : QString();
}

} // namespace minutes
