#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;

namespace minutes {

class TaskFilter;
class TaskGroupModel;
class TaskModel;
class TaskView;

// The bottom panel: every task of the current selection, grouped by when it is due (or, with a
// person or organisation selected, as their ledger), with filters for open/done/all, mine/others
// and text. Double-click (or Enter) opens a task's meeting at its line.
class TaskPanel final : public QWidget
{
    Q_OBJECT
public:
    TaskPanel(TaskModel *model, QWidget *parent = nullptr);

    TaskModel *taskModel() const { return m_model; }
    TaskFilter *filter() const { return m_filter; }
    TaskGroupModel *groups() const { return m_groups; }
    TaskView *view() const { return m_view; }

    // Shows the tasks of `name` (owned, or from `meetingKeys`) as a ledger; empty shows everyone's.
    void setEntity(const QString &name, const QStringList &meetingKeys);
    void saveSettings() const;
    void restoreSettings();

Q_SIGNALS:
    void taskActivated(const QString &notePath, int line);

private:
    void updateSummary();

    TaskModel *m_model;
    TaskFilter *m_filter;
    TaskGroupModel *m_groups;
    TaskView *m_view;
    QLabel *m_title;
    QLabel *m_summary;
    QComboBox *m_state;
    QComboBox *m_owner;
    QLineEdit *m_text;
};

} // namespace minutes
