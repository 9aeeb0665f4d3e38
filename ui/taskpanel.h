#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QMenu;

namespace minutes {

class TaskFilter;
class TaskGroupModel;
class TaskModel;
class TaskView;

// The bottom panel: every task of the current selection, grouped by when it is due (or, with a
// person or organisation selected, as their ledger), with filters for open/done/all, mine/others
// and text. Double-click (or Enter) opens a task's meeting at its line. The checkbox and Space
// toggle a task; the context menu (right click, Menu key) sets any status.
class TaskPanel final : public QWidget
{
    Q_OBJECT
public:
    TaskPanel(TaskModel *model, QWidget *parent = nullptr);

    TaskModel *taskModel() const { return m_model; }
    TaskFilter *filter() const { return m_filter; }
    TaskGroupModel *groups() const { return m_groups; }
    TaskView *view() const { return m_view; }
    QLineEdit *textEdit() const { return m_text; }   // the filter by words

    // Shows the tasks of `name` (owned, or from `meetingKeys`) as a ledger; empty shows everyone's.
    void setEntity(const QString &name, const QStringList &meetingKeys);
    void saveSettings() const;
    void restoreSettings();

    // The context menu of the task at `index` of the view: every status (the current one checked)
    // and opening the note. nullptr for a group row. The caller owns the menu.
    QMenu *createContextMenu(const QModelIndex &index);

Q_SIGNALS:
    void taskActivated(const QString &notePath, int line);
    // The user chose a status from the context menu: ' ', '/', 'x' or '-'.
    void statusRequested(const QString &notePath, int line, char32_t status);

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
