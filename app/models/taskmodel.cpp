#include "models/taskmodel.h"

#include "vault/vaultindex.h"

#include <QLocale>
#include <QRegularExpression>

#include <algorithm>

namespace minutes {

TaskModel::TaskModel(VaultIndex *index, QObject *parent)
    : KeyedTableModel(parent)
    , m_index(index)
    , m_today(QDate::currentDate())
{
    setMyNames({});
    QStringList keys;
    rebuildRefs(&keys);
    setKeys(keys);
    connect(index, &VaultIndex::aboutToReset, this, [this] { beginResetModel(); });
    connect(index, &VaultIndex::resetDone, this, [this] {
        QStringList keys;
        rebuildRefs(&keys);
        setKeys(keys);
        endResetModel();
    });
    connect(index, &VaultIndex::notesChanged, this, [this] {
        QStringList keys;
        rebuildRefs(&keys);
        syncKeys(keys);
    });
}

QString TaskModel::taskKey(const QString &notePath, int line)
{
    return notePath + QLatin1Char('\n') + QString::number(line);
}

void TaskModel::rebuildRefs(QStringList *keys)
{
    m_refs.clear();
    keys->clear();
    if (!m_index)
        return;
    const QStringList paths = m_index->notePaths();
    for (const QString &path : paths) {
        const Note *note = m_index->note(path);
        if (!note)
            continue;
        for (qsizetype i = 0; i < note->tasks.size(); ++i) {
            const QString key = taskKey(path, note->tasks.at(i).line);
            if (m_refs.contains(key))
                continue;
            m_refs.insert(key, Ref{path, i});
            keys->append(key);
        }
    }
}

const Task *TaskModel::taskAt(int row, const Note **noteOut) const
{
    return taskForKey(keyAt(row), noteOut);
}

const Task *TaskModel::task(const QString &notePath, int line) const
{
    return taskForKey(taskKey(notePath, line));
}

const Task *TaskModel::taskForKey(const QString &key, const Note **noteOut) const
{
    if (!m_index)
        return nullptr;
    const auto ref = m_refs.constFind(key);
    if (ref == m_refs.cend())
        return nullptr;
    const Note *note = m_index->note(ref->path);
    if (!note || ref->task >= note->tasks.size())
        return nullptr;
    if (noteOut)
        *noteOut = note;
    return &note->tasks.at(ref->task);
}

size_t TaskModel::fingerprint(const QString &key) const
{
    const Note *note = nullptr;
    const Task *task = taskForKey(key, &note);
    if (!task)
        return 0;
    // Everything a row shows: the line itself, its meeting, and who its owner resolves to.
    const Meeting *meeting = m_index->meetingForNote(note->relativePath);
    const Entity *owner = task->owner.isEmpty() ? nullptr : m_index->entity(task->owner);
    size_t seed = qHashMulti(0, task->rawLine, task->line, note->title, note->date, note->participants,
                             owner ? owner->name : task->owner, isMine(task->owner));
    if (meeting)
        seed = qHashMulti(seed, meeting->key, meeting->title, meeting->date, meeting->participants);
    return seed;
}

void TaskModel::setPending(const QString &notePath, int line, TaskState wanted)
{
    const QString key = taskKey(notePath, line);
    m_pending.insert(key, wanted);
    pendingChanged(key);
}

void TaskModel::clearPending(const QString &notePath, int line)
{
    const QString key = taskKey(notePath, line);
    if (m_pending.remove(key))
        pendingChanged(key);
}

bool TaskModel::isPending(const QString &notePath, int line) const
{
    return m_pending.contains(taskKey(notePath, line));
}

void TaskModel::pendingChanged(const QString &key)
{
    const int row = rowOfKey(key);
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
    allRowsChanged();
}

bool TaskModel::isMine(const QString &owner) const
{
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
}

TaskModel::Bucket TaskModel::bucketFor(const Task &task, QDate today)
{
    if (!task.isOpen())
        return Bucket::Done;
    if (!task.due.isValid())
        return Bucket::NoDate;
    if (task.due < today)
        return Bucket::Overdue;
    if (task.due == today)
        return Bucket::Today;
    const QDate endOfWeek = today.addDays(7 - today.dayOfWeek());
    return task.due <= endOfWeek ? Bucket::ThisWeek : Bucket::Later;
}

QString TaskModel::displayDescription(const Task &task)
{
    // Every task of a Tasks-plugin vault carries #task (the plugin's usual global filter); on
    // every row it says nothing. Other tags stay.
    QString text = task.description;
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
    const int row = rowOfKey(taskKey(notePath, line));
    return row < 0 ? QModelIndex() : index(row, DescriptionColumn);
}

QVariant TaskModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Note *note = nullptr;
    const Task *task = taskAt(index.row(), &note);
    if (!task)
        return {};
    const Meeting *meeting = m_index->meetingForNote(note->relativePath);
    const QString ownerEntity = [&] {
        const Entity *entity = task->owner.isEmpty() ? nullptr : m_index->entity(task->owner);
        return entity ? entity->name : task->owner;
    }();

    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case DescriptionColumn: return displayDescription(*task);
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
        const TaskState state = m_pending.value(keyAt(index.row()), task->state());
        return state == TaskState::Done || state == TaskState::Cancelled ? Qt::Checked
               : state == TaskState::InProgress                          ? Qt::PartiallyChecked
                                                                         : Qt::Unchecked;
    }

    case Qt::ToolTipRole:
        return QStringLiteral("%1\n%2:%3").arg(task->rawLine.trimmed(), note->relativePath).arg(task->line);
    case Qt::AccessibleTextRole: {
        QStringList parts{task->description};
        if (!ownerEntity.isEmpty())
            parts.append(tr("owner %1").arg(ownerEntity));
        if (task->due.isValid())
            parts.append(tr("due %1").arg(QLocale().toString(task->due, QLocale::LongFormat)));
        parts.append(task->isOpen() ? tr("open") : tr("done"));
        return parts.join(QStringLiteral(", "));
    }
    case DescriptionRole: return task->description;
    case OwnerRole: return task->owner;
    case OwnerEntityRole: return ownerEntity;
    case DueRole: return task->due;
    case PriorityRole: return int(task->priority);
    case StateRole: return int(task->state());
    case StatusSymbolRole: return task->statusSymbol();
    case OpenRole: return task->isOpen();
    case IsMineRole: return isMine(task->owner);
    case OverdueRole: return task->isOpen() && task->due.isValid() && task->due < m_today;
    case BucketRole: return int(bucketFor(*task, m_today));
    case TagsRole: return task->tags;
    case NotePathRole: return note->relativePath;
    case LineRole: return task->line;
    case RawLineRole: return task->rawLine;
    case MeetingKeyRole: return meeting ? meeting->key : QString();
    case MeetingTitleRole: return meeting ? meeting->title : note->title;
    case MeetingDateRole: return meeting ? meeting->date : note->date;
    case MeetingParticipantsRole: return meeting ? meeting->participants : note->participants;
    case PendingRole: return m_pending.contains(keyAt(index.row()));
    case KeyRole: return keyAt(index.row());
    default: return {};
    }
}

bool TaskModel::setData(const QModelIndex &index, const QVariant &, int role)
{
    if (role != Qt::CheckStateRole || index.column() != DescriptionColumn
        || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    const Note *note = nullptr;
    const Task *task = taskAt(index.row(), &note);
    if (!task || m_pending.contains(keyAt(index.row())))
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
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    if (index.column() == DescriptionColumn && !m_pending.contains(keyAt(index.row())))
        flags |= Qt::ItemIsUserCheckable;
    return flags;
}

QHash<int, QByteArray> TaskModel::roleNames() const
{
    auto names = KeyedTableModel::roleNames();
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
    return names;
}

} // namespace minutes
