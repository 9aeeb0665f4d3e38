#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

namespace minutes {

// An inline, dismissible message above the panels, for news that asks something of the user
// (this is a sample vault; a folder could not be opened). Never modal.
class MessageBar final : public QFrame
{
    Q_OBJECT
public:
    explicit MessageBar(QWidget *parent = nullptr);

    // Shows `text`; with `actionText`, a button that emits actionTriggered().
    void showMessage(const QString &text, const QString &actionText = {});
    QString text() const;

Q_SIGNALS:
    void actionTriggered();

private:
    QLabel *m_label;
    QPushButton *m_action;
};

} // namespace minutes
