#include "models/meetingmodel.h"

#include "vault/vaultindex.h"

#include <QLocale>

namespace minutes {

MeetingModel::MeetingModel(VaultIndex *index, QObject *parent)
    : KeyedTableModel(parent)
    , m_index(index)
{
    setKeys(currentKeys());
    connect(index, &VaultIndex::aboutToReset, this, [this] { beginResetModel(); });
    connect(index, &VaultIndex::resetDone, this, [this] {
        setKeys(currentKeys());
        endResetModel();
    });
    connect(index, &VaultIndex::notesChanged, this, [this] { syncKeys(currentKeys()); });
}

QStringList MeetingModel::currentKeys() const
{
    QStringList keys;
    if (!m_index)
        return keys;
    keys.reserve(m_index->meetings().size());
    for (const Meeting &meeting : m_index->meetings())
        keys.append(meeting.key);
    keys.removeDuplicates();
    return keys;
}

size_t MeetingModel::fingerprint(const QString &key) const
{
    const Meeting *meeting = m_index ? m_index->meetingForNote(key) : nullptr;
    if (!meeting)
        return 0;
    // The versions' content hashes stand for their tags and bodies.
    size_t seed = qHashMulti(0, meeting->key, meeting->title, meeting->date, meeting->participants, meeting->openTasks,
                             meeting->totalTasks, meeting->versions);
    for (const QString &path : meeting->versions) {
        if (const Note *note = m_index->note(path))
            seed = qHashMulti(seed, note->contentHash);
    }
    return seed;
}

int MeetingModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : 1;
}

QModelIndex MeetingModel::indexOfMeeting(const QString &key) const
{
    const int row = rowOfKey(key);
    return row < 0 ? QModelIndex() : index(row, 0);
}

Qt::ItemFlags MeetingModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

QVariant MeetingModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && section == 0 && role == Qt::DisplayRole)
        return tr("Meeting");
    return {};
}

QVariant MeetingModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) || !m_index)
        return {};
    const QString key = keyAt(index.row());
    const Meeting *meeting = m_index->meetingForNote(key);
    // Between a change of the index and its notesChanged() a key may briefly point nowhere.
    if (!meeting || meeting->key != key)
        return {};

    switch (role) {
    case Qt::DisplayRole:
    case TitleRole:
        return meeting->title;
    case Qt::ToolTipRole: {
        QStringList lines{meeting->title};
        if (meeting->date.isValid())
            lines.append(QLocale().toString(meeting->date, QLocale::LongFormat));
        if (!meeting->participants.isEmpty())
            lines.append(tr("With %1").arg(meeting->participants.join(QStringLiteral(", "))));
        for (const QString &path : meeting->versions)
            lines.append(path);
        return lines.join(QLatin1Char('\n'));
    }
    case KeyRole:
        return meeting->key;
    case DateRole:
        return meeting->date;
    case MonthRole:
        return meeting->date.isValid() ? QDate(meeting->date.year(), meeting->date.month(), 1) : QDate();
    case ParticipantsRole:
        return meeting->participants;
    case OpenTasksRole:
        return meeting->openTasks;
    case TotalTasksRole:
        return meeting->totalTasks;
    case VersionsRole:
        return meeting->versions;
    case VersionCountRole:
        return int(meeting->versions.size());
    case TagsRole: {
        QStringList tags;
        for (const QString &path : meeting->versions) {
            if (const Note *note = m_index->note(path))
                tags.append(note->tags);
        }
        tags.removeDuplicates();
        return tags;
    }
    case BodiesRole: {
        QStringList bodies;
        for (const QString &path : meeting->versions) {
            if (const Note *note = m_index->note(path))
                bodies.append(note->body);
        }
        return bodies;
    }
    default:
        return {};
    }
}

QHash<int, QByteArray> MeetingModel::roleNames() const
{
    auto names = KeyedTableModel::roleNames();
    names.insert(KeyRole, "key");
    names.insert(DateRole, "date");
    names.insert(MonthRole, "month");
    names.insert(TitleRole, "title");
    names.insert(ParticipantsRole, "participants");
    names.insert(OpenTasksRole, "openTasks");
    names.insert(TotalTasksRole, "totalTasks");
    names.insert(VersionsRole, "versions");
    names.insert(VersionCountRole, "versionCount");
    names.insert(TagsRole, "tags");
    names.insert(BodiesRole, "bodies");
    return names;
}

} // namespace minutes
