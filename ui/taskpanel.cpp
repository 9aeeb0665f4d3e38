#include "taskpanel.h"

#include "models/taskfilter.h"
#include "models/taskgroupmodel.h"
#include "models/taskmodel.h"
#include "taskdelegate.h"
#include "taskview.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSettings>
#include <QVBoxLayout>

namespace minutes {

TaskPanel::TaskPanel(TaskModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_filter(new TaskFilter(this))
    , m_groups(new TaskGroupModel(this))
    , m_view(new TaskView(this))
    , m_title(new QLabel(tr("Tasks"), this))
    , m_summary(new QLabel(this))
    , m_state(new QComboBox(this))
    , m_owner(new QComboBox(this))
    , m_text(new QLineEdit(this))
{
    setObjectName(QStringLiteral("taskPanel"));
    m_filter->setSourceModel(model);
    m_groups->setSourceModel(m_filter);

    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_summary->setForegroundRole(QPalette::PlaceholderText);

    m_state->setObjectName(QStringLiteral("taskStateFilter"));
    m_state->setAccessibleName(tr("Show open, done or all tasks"));
    m_state->addItem(tr("Open"), int(TaskFilter::StateFilter::Open));
    m_state->addItem(tr("Done"), int(TaskFilter::StateFilter::Done));
    m_state->addItem(tr("All"), int(TaskFilter::StateFilter::All));
    m_owner->setObjectName(QStringLiteral("taskOwnerFilter"));
    m_owner->setAccessibleName(tr("Show tasks by owner"));
    m_owner->addItem(tr("Anyone's"), int(TaskFilter::OwnerFilter::Anyone));
    m_owner->addItem(tr("Mine"), int(TaskFilter::OwnerFilter::Mine));
    m_owner->addItem(tr("Others'"), int(TaskFilter::OwnerFilter::Others));
    m_text->setObjectName(QStringLiteral("taskTextFilter"));
    m_text->setAccessibleName(tr("Filter tasks"));
    m_text->setPlaceholderText(tr("Filter tasks"));
    m_text->setClearButtonEnabled(true);
    m_text->setMaximumWidth(fontMetrics().averageCharWidth() * 32);

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(10, 6, 8, 6);
    bar->setSpacing(8);
    bar->addWidget(m_title);
    bar->addWidget(m_summary, 1);
    bar->addWidget(m_state);
    bar->addWidget(m_owner);
    bar->addWidget(m_text);

    m_view->setModel(m_groups);
    m_view->setItemDelegate(new TaskDelegate(m_view));
    QHeaderView *header = m_view->header();
    header->setSectionResizeMode(TaskModel::DescriptionColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(TaskModel::OwnerColumn, QHeaderView::Interactive);
    header->setSectionResizeMode(TaskModel::DueColumn, QHeaderView::Interactive);
    header->setSectionResizeMode(TaskModel::PriorityColumn, QHeaderView::Interactive);
    header->setSectionResizeMode(TaskModel::MeetingColumn, QHeaderView::Interactive);
    const QFontMetrics metrics = fontMetrics();
    const int em = metrics.averageCharWidth();
    header->resizeSection(TaskModel::OwnerColumn, em * 18);
    QFont bold = font();
    bold.setBold(true);
    header->resizeSection(TaskModel::DueColumn, QFontMetrics(bold).horizontalAdvance(QStringLiteral("Wed 30 Sep 2026")) + em * 3);
    header->resizeSection(TaskModel::PriorityColumn, em * 10);
    header->resizeSection(TaskModel::MeetingColumn, em * 40);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);

    connect(m_state, &QComboBox::currentIndexChanged, this, [this] {
        m_filter->setStateFilter(TaskFilter::StateFilter(m_state->currentData().toInt()));
    });
    connect(m_owner, &QComboBox::currentIndexChanged, this, [this] {
        m_filter->setOwnerFilter(TaskFilter::OwnerFilter(m_owner->currentData().toInt()));
    });
    connect(m_text, &QLineEdit::textChanged, m_filter, &TaskFilter::setText);
    connect(m_view, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        if (!index.isValid() || index.data(TaskGroupModel::IsGroupRole).toBool())
            return;
        Q_EMIT taskActivated(index.data(TaskModel::NotePathRole).toString(), index.data(TaskModel::LineRole).toInt());
    });
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        // From the keyboard (Menu key) the position says nothing: use the current task.
        QModelIndex index = m_view->indexAt(pos);
        if (!index.isValid())
            index = m_view->currentIndex();
        QMenu *menu = createContextMenu(index);
        if (!menu)
            return;
        menu->setAttribute(Qt::WA_DeleteOnClose);
        const QRect rect = m_view->visualRect(index);
        menu->popup(m_view->viewport()->mapToGlobal(m_view->indexAt(pos).isValid() ? pos : rect.bottomLeft()));
    });
    connect(m_groups, &QAbstractItemModel::modelReset, this, &TaskPanel::updateSummary);
    connect(m_groups, &QAbstractItemModel::dataChanged, this, &TaskPanel::updateSummary);
    connect(m_groups, &QAbstractItemModel::rowsInserted, this, &TaskPanel::updateSummary);
    connect(m_groups, &QAbstractItemModel::rowsRemoved, this, &TaskPanel::updateSummary);
    updateSummary();
}

QMenu *TaskPanel::createContextMenu(const QModelIndex &index)
{
    if (!index.isValid() || index.data(TaskGroupModel::IsGroupRole).toBool())
        return nullptr;
    const QString path = index.data(TaskModel::NotePathRole).toString();
    const int line = index.data(TaskModel::LineRole).toInt();
    const bool pending = index.data(TaskModel::PendingRole).toBool();
    const QString current = index.data(TaskModel::StatusSymbolRole).toString();

    auto *menu = new QMenu(m_view);
    menu->setObjectName(QStringLiteral("taskContextMenu"));
    struct Choice
    {
        QString text;
        char32_t status;
    };
    const Choice choices[] = {{tr("To &do"), U' '}, {tr("In &progress"), U'/'}, {tr("D&one"), U'x'}, {tr("&Cancelled"), U'-'}};
    for (const Choice &choice : choices) {
        QAction *action = menu->addAction(choice.text);
        action->setCheckable(true);
        const bool isCurrent = current == QString::fromUcs4(&choice.status, 1);
        action->setChecked(isCurrent);
        action->setEnabled(!pending && !isCurrent);
        const char32_t status = choice.status;
        connect(action, &QAction::triggered, this, [this, path, line, status] { Q_EMIT statusRequested(path, line, status); });
    }
    menu->addSeparator();
    menu->addAction(tr("Open in &Note"), this, [this, path, line] { Q_EMIT taskActivated(path, line); });
    return menu;
}

void TaskPanel::setEntity(const QString &name, const QStringList &meetingKeys)
{
    m_filter->setEntity(name, meetingKeys);
    m_groups->setLedgerEntity(name);
    m_title->setText(name.isEmpty() ? tr("Tasks") : tr("Tasks with %1").arg(name));
    updateSummary();
}

void TaskPanel::updateSummary()
{
    int shown = 0;
    int overdue = 0;
    for (int row = 0; row < m_groups->rowCount(); ++row) {
        const QModelIndex group = m_groups->index(row, 0);
        if (group.data(TaskGroupModel::GroupRole).toInt() == int(TaskGroupModel::Group::Done))
            continue;
        shown += group.data(TaskGroupModel::CountRole).toInt();
        overdue += group.data(TaskGroupModel::OverdueCountRole).toInt();
    }
    QString text = tr("%1 open").arg(shown);
    if (overdue > 0)
        text += QStringLiteral(" · ") + tr("%1 overdue").arg(overdue);
    m_summary->setText(text);
}

void TaskPanel::saveSettings() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("tasks/state"), m_state->currentIndex());
    settings.setValue(QStringLiteral("tasks/owner"), m_owner->currentIndex());
    settings.setValue(QStringLiteral("tasks/header"), m_view->header()->saveState());
}

void TaskPanel::restoreSettings()
{
    QSettings settings;
    m_state->setCurrentIndex(qBound(0, settings.value(QStringLiteral("tasks/state"), 0).toInt(), m_state->count() - 1));
    m_owner->setCurrentIndex(qBound(0, settings.value(QStringLiteral("tasks/owner"), 0).toInt(), m_owner->count() - 1));
    const QByteArray header = settings.value(QStringLiteral("tasks/header")).toByteArray();
    if (!header.isEmpty())
        m_view->header()->restoreState(header);
}

} // namespace minutes
