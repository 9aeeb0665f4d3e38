#pragma once

#include <QFrame>

#include <functional>

class QLabel;
class QPushButton;

namespace minutes {

// An inline, dismissible message above the panels, for news that asks something of the user
// (this is a sample vault; a folder could not be opened). Never modal. Its background is the
// window colour tinted with the highlight, so it stands out on light and dark palettes alike.
class MessageBar final : public QFrame
{
    Q_OBJECT
public:
    explicit MessageBar(QWidget *parent = nullptr);

    // Shows `text`; with `actionText`, a button that emits actionTriggered() and then runs
    // `action` (which belongs to this message only: the next message replaces it).
    void showMessage(const QString &text, const QString &actionText = {}, std::function<void()> action = {});
    QString text() const;
    QString actionText() const;
    // Presses the button, as a click would (for tests and keyboard users alike).
    void triggerAction();

Q_SIGNALS:
    void actionTriggered();

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QLabel *m_label;
    QPushButton *m_action;
    std::function<void()> m_callback;
};

} // namespace minutes
