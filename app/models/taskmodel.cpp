#include "models/taskmodel.h"

#include "models/sortedrows.h"
#include "vault/vaultindex.h"

#include <QLocale>
#include <QRegularExpression>

#include <algorithm>

namespace minutes {

namespace {

// Past this many runs of rows gone or come, a change is announced as a reset, and past this many
// runs of changed rows as one change from the first to the last (SortedRows::maxRuns): the task
// tree then lays itself out once (about 20 ms at 50,000 notes) instead of paying a pass over a
// quarter of a million rows for each run (about 1 ms each there).
constexpr qsizetype kMaxAnnouncedRuns = 32;

} // namespace

TaskModel::TaskModel(VaultIndex *index, QObject *parent)
    : QAbstractTableModel(parent)
    , m_index(index)
    , m_today(QDate::currentDate())
{
    setMyNames({});
    m_rows = index->taskRows();
    connect(index, &VaultIndex::aboutToReset, this, [this] { beginResetModel(); });
    connect(index, &VaultIndex::resetDone, this, [this] {
        m_rows = m_index->taskRows();   // shared, not copied
        m_mineByOwner.clear();
        endResetModel();
    });
    connect(index, &VaultIndex::notesChanged, this, &TaskModel::syncRows);
}

QString TaskModel::taskKey(const QString &notePath, int line)
{
    return notePath + QLatin1Char('\n') + QString::number(line);
}

const QString &TaskModel::textOf(int id) const
{
    static const QString none;
    return m_index ? m_index->taskText(id) : none;
}

int TaskModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QModelIndex TaskModel::index(int row, int column, const QModelIndex &parent) const
{
    if (parent.isValid() || row < 0 || row >= m_rows.size() || column < 0 || column >= ColumnCount)
        return {};
    return createIndex(row, column);
}

void TaskModel::syncRows()
{
    m_mineByOwner.clear();
    const QList<TaskRow> next = m_index ? m_index->taskRows() : QList<TaskRow>();
    const SortedRows sync{
        [this](int first, int last) { beginRemoveRows({}, first, last); },
        [this](int, int) { endRemoveRows(); },
        [this](int first, int last) { beginInsertRows({}, first, last); },
        [this](int, int) { endInsertRows(); },
        [this](int first, int last) { Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1)); },
        [this] { beginResetModel(); },
        [this] { endResetModel(); },
        kMaxAnnouncedRuns,
    };
    // A row is its note's task at that place in the panel's order, whatever its line: a line
    // added above (a recurring task's next instance, an edit) shifts every task below it, and
    // each would otherwise leave and come back, every one an announcement that costs a pass
    // over all rows in this model and in each proxy (5 notes ticked at 50k: 116 of them, 300 ms).
    sync.sync(
        m_rows, next, [](const TaskRow &a, const TaskRow &b) { return a.order == b.order && a.path == b.path; },
        [this](const TaskRow &a, const TaskRow &b) { return m_index ? m_index->taskRowBefore(a, b) : a.id < b.id; },
        [](const TaskRow &a, const TaskRow &b) { return a.print != b.print || a.open != b.open; });
}

void TaskModel::allRowsChanged()
{
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

int TaskModel::rowOf(const QString &notePath, int line) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        const TaskRow &at = m_rows.at(row);
        if (at.line == line && textOf(at.path) == notePath)
            return row;
    }
    return -1;
}

const Note *TaskModel::noteOf(int path) const
{
    return m_index ? m_index->note(textOf(path)) : nullptr;
}

quint64 TaskModel::generation() const
{
    return m_index ? m_index->generation() : 0;
}

const NoteTask *TaskModel::taskOf(const Note *note, int task, int line)
{
    if (!note || task >= note->tasks.size() || note->tasks.at(task).line != line)
        return nullptr;
    return &note->tasks.at(task);
}

const QString &TaskModel::meetingTitleOf(const Note &note) const
{
    const Meeting *meeting = m_index ? m_index->meetingForNote(note.relativePath) : nullptr;
    return meeting ? meeting->title : note.title;
}

const NoteTask *TaskModel::taskAt(int row, const Note **noteOut) const
{
    if (row < 0 || row >= m_rows.size())
        return nullptr;
    const TaskRow &at = m_rows.at(row);
    const Note *note = noteOf(at.path);
    const NoteTask *task = taskOf(note, at.task, at.line);
    if (task && noteOut)
        *noteOut = note;
    return task;
}

const NoteTask *TaskModel::task(const QString &notePath, int line) const
{
    return taskAt(rowOf(notePath, line));
}

void TaskModel::setPending(const QString &notePath, int line, TaskState wanted)
{
    m_pending.insert(taskKey(notePath, line), wanted);
    pendingChanged(notePath, line);
}

void TaskModel::clearPending(const QString &notePath, int line)
{
    if (m_pending.remove(taskKey(notePath, line)))
        pendingChanged(notePath, line);
}

bool TaskModel::isPending(const QString &notePath, int line) const
{
    return m_pending.contains(taskKey(notePath, line));
}

void TaskModel::pendingChanged(const QString &notePath, int line)
{
    const int row = rowOf(notePath, line);
    if (row >= 0)
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void TaskModel::setToday(QDate today)
{
    if (today == m_today)
        return;
    m_today = today;
    allRowsChanged();
}

void TaskModel::setMyNames(const QStringList &names)
{
    m_myNames = names;
    m_myKeys = {QStringLiteral("myself")};
    for (const QString &name : names) {
        const QString key = name.trimmed().toLower();
        if (!key.isEmpty())
            m_myKeys.insert(key);
    }
    m_mineByOwner.clear();
    allRowsChanged();
}

bool TaskModel::isMine(const QString &owner) const
{
    if (owner.isEmpty())
        return false;
    if (const auto known = m_mineByOwner.constFind(owner); known != m_mineByOwner.cend())
        return *known;
    const bool mine = [&] {
        const QString key = owner.trimmed().toLower();
        if (key.isEmpty())
            return false;
        if (m_myKeys.contains(key))
            return true;
        if (const Entity *entity = m_index ? m_index->entity(owner) : nullptr) {
            if (entity->vaultOwner || m_myKeys.contains(entity->name.toLower()))
                return true;
            return std::any_of(entity->aliases.cbegin(), entity->aliases.cend(),
                               [this](const QString &alias) { return m_myKeys.contains(alias.toLower()); });
        }
        return false;
    }();
    m_mineByOwner.insert(owner, mine);
    return mine;
}

TaskModel::Bucket TaskModel::bucketFor(const TaskRow &row, QDate today)
{
    if (!row.open)
        return Bucket::Done;
    if (!row.due.isValid())
        return Bucket::NoDate;
    if (row.due < today)
        return Bucket::Overdue;
    if (row.due == today)
        return Bucket::Today;
    const QDate endOfWeek = today.addDays(7 - today.dayOfWeek());
    return row.due <= endOfWeek ? Bucket::ThisWeek : Bucket::Later;
}

QString TaskModel::displayDescription(const QString &description)
{
    // Every task of a Tasks-plugin vault carries #task (the plugin's usual global filter); on
    // every row it says nothing. Other tags stay.
    QString text = description;
    static const QRegularExpression taskTag(QStringLiteral("(^|\\s)#task(?=\\s|$)"));
    text.replace(taskTag, QString());
    return text.simplified();
}

QString TaskModel::priorityName(int priority)
{
    switch (Priority(priority)) {
    case Priority::Highest: return tr("Highest");
    case Priority::High: return tr("High");
    case Priority::Medium: return tr("Medium");
    case Priority::None: return {};
    case Priority::Low: return tr("Low");
    case Priority::Lowest: return tr("Lowest");
    }
    return {};
}

int TaskModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QModelIndex TaskModel::indexOfTask(const QString &notePath, int line) const
{
    const int row = rowOf(notePath, line);
    return row < 0 ? QModelIndex() : index(row, DescriptionColumn);
}

QVariant TaskModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Note *note = nullptr;
    const NoteTask *task = taskAt(index.row(), &note);
    if (!task)
        return {};
    const Meeting *meeting = m_index->meetingForNote(note->relativePath);
    const QString &ownerEntity = textOf(m_rows.at(index.row()).ownerEntity);

    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case DescriptionColumn: return displayDescription(task->description());
        case OwnerColumn: return ownerEntity;
        case DueColumn:
            if (!task->due.isValid())
                return QString();
            return QLocale().toString(task->due, task->due.year() == m_today.year() ? QStringLiteral("ddd d MMM")
                                                                                     : QStringLiteral("d MMM yyyy"));
        case PriorityColumn: return priorityName(int(task->priority));
        case MeetingColumn: return meeting ? meeting->title : note->title;
        }
        return {};
    case Qt::CheckStateRole: {
        if (index.column() != DescriptionColumn)
            return {};
        // While a write is under way the box shows what was asked for.
        const TaskState state = m_pending.value(taskKey(note->relativePath, task->line), task->state());
        return state == TaskState::Done || state == TaskState::Cancelled ? Qt::Checked
               : state == TaskState::InProgress                          ? Qt::PartiallyChecked
                                                                         : Qt::Unchecked;
    }

    case Qt::ToolTipRole:
        return QStringLiteral("%1\n%2:%3").arg(task->rawText().trimmed(), note->relativePath).arg(task->line);
    case Qt::AccessibleTextRole: {
        QStringList parts{task->description()};
        if (!ownerEntity.isEmpty())
            parts.append(tr("owner %1").arg(ownerEntity));
        if (task->due.isValid())
            parts.append(tr("due %1").arg(QLocale().toString(task->due, QLocale::LongFormat)));
        parts.append(task->isOpen() ? tr("open") : tr("done"));
        return parts.join(QStringLiteral(", "));
    }
    case DescriptionRole: return task->description();
    case OwnerRole: return task->owner;
    case OwnerEntityRole: return ownerEntity;
    case DueRole: return task->due;
    case PriorityRole: return int(task->priority);
    case StateRole: return int(task->state());
    case StatusSymbolRole: return task->statusSymbol();
    case OpenRole: return task->isOpen();
    case IsMineRole: return isMine(task->owner);
    case OverdueRole: return task->isOpen() && task->due.isValid() && task->due < m_today;
    case BucketRole: return int(bucketAt(index.row()));
    case TagsRole: return task->tags();
    case NotePathRole: return note->relativePath;
    case LineRole: return task->line;
    case RawLineRole: return task->rawText();
    case MeetingKeyRole: return meeting ? meeting->key : QString();
    case MeetingTitleRole: return meeting ? meeting->title : note->title;
    case MeetingDateRole: return meeting ? meeting->date : note->date;
    case MeetingParticipantsRole: return meeting ? meeting->participants : note->participants;
    case PendingRole: return m_pending.contains(taskKey(note->relativePath, task->line));
    case KeyRole: return taskKey(note->relativePath, task->line);
    case IdRole: return m_rows.at(index.row()).id;
    default: return {};
    }
}

bool TaskModel::setData(const QModelIndex &index, const QVariant &, int role)
{
    if (role != Qt::CheckStateRole || index.column() != DescriptionColumn
        || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    const Note *note = nullptr;
    const NoteTask *task = taskAt(index.row(), &note);
    if (!task || m_pending.contains(taskKey(note->relativePath, task->line)))
        return false;
    // Nothing changes here: the file is the truth, and the index will report the new line.
    Q_EMIT toggleRequested(note->relativePath, task->line);
    return true;
}

QVariant TaskModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case DescriptionColumn: return tr("Task");
    case OwnerColumn: return tr("Owner");
    case DueColumn: return tr("Due");
    case PriorityColumn: return tr("Priority");
    case MeetingColumn: return tr("Meeting");
    default: return {};
    }
}

Qt::ItemFlags TaskModel::flags(const QModelIndex &index) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return Qt::NoItemFlags;
    // A task whose write is under way cannot be ticked again until it lands.
    if (!m_pending.isEmpty() && m_pending.contains(taskKey(textOf(m_rows.at(index.row()).path), m_rows.at(index.row()).line)))
        return cellFlags(index.column()) & ~Qt::ItemIsUserCheckable;
    return cellFlags(index.column());
}

Qt::ItemFlags TaskModel::cellFlags(int column)
{
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    if (column == DescriptionColumn)
        flags |= Qt::ItemIsUserCheckable;
    return flags;
}

QHash<int, QByteArray> TaskModel::roleNames() const
{
    auto names = QAbstractTableModel::roleNames();
    names.insert(DescriptionRole, "description");
    names.insert(OwnerRole, "owner");
    names.insert(OwnerEntityRole, "ownerEntity");
    names.insert(DueRole, "due");
    names.insert(PriorityRole, "priority");
    names.insert(StateRole, "state");
    names.insert(StatusSymbolRole, "statusSymbol");
    names.insert(OpenRole, "open");
    names.insert(IsMineRole, "isMine");
    names.insert(OverdueRole, "overdue");
    names.insert(BucketRole, "bucket");
    names.insert(TagsRole, "tags");
    names.insert(NotePathRole, "notePath");
    names.insert(LineRole, "line");
    names.insert(RawLineRole, "rawLine");
    names.insert(MeetingKeyRole, "meetingKey");
    names.insert(MeetingTitleRole, "meetingTitle");
    names.insert(MeetingDateRole, "meetingDate");
    names.insert(MeetingParticipantsRole, "meetingParticipants");
    names.insert(PendingRole, "pending");
    names.insert(KeyRole, "key");
    names.insert(IdRole, "id");
    return names;
}

} // namespace minutes
