#include "models/meetingmodel.h"

#include "models/sortedrows.h"
#include "vault/meetinggrouper.h"
#include "vault/vaultindex.h"

#include <QLocale>

namespace minutes {

MeetingModel::MeetingModel(VaultIndex *index, QObject *parent)
    : QAbstractTableModel(parent)
    , m_index(index)
{
    m_rows = index->meetings();
    connect(index, &VaultIndex::aboutToReset, this, [this] { beginResetModel(); });
    connect(index, &VaultIndex::resetDone, this, [this] {
        m_rows = m_index->meetings();   // shared, not copied
        m_rowOfKey.clear();
        endResetModel();
    });
    connect(index, &VaultIndex::notesChanged, this, &MeetingModel::syncRows);
}

int MeetingModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int MeetingModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : 1;
}

QModelIndex MeetingModel::index(int row, int column, const QModelIndex &parent) const
{
    if (parent.isValid() || row < 0 || row >= m_rows.size() || column != 0)
        return {};
    return createIndex(row, column);
}

void MeetingModel::syncRows()
{
    const QList<MeetingPtr> next = m_index ? m_index->meetings() : QList<MeetingPtr>();
    if (next.constData() == m_rows.constData() && next.size() == m_rows.size())
        return;   // the index did not touch its meetings
    m_rowOfKey.clear();
    const SortedRows sync{
        [this](int first, int last) { beginRemoveRows({}, first, last); },
        [this](int, int) { endRemoveRows(); },
        [this](int first, int last) { beginInsertRows({}, first, last); },
        [this](int, int) { endInsertRows(); },
        [this](int first, int last) { Q_EMIT dataChanged(index(first, 0), index(last, 0)); },
    };
    // A meeting the change did not touch is the very same object: most rows compare by address.
    sync.sync(
        m_rows, next,
        [](const MeetingPtr &a, const MeetingPtr &b) {
            return a == b || (a->key == b->key && !MeetingGrouper::newerFirst(*a, *b) && !MeetingGrouper::newerFirst(*b, *a));
        },
        [](const MeetingPtr &a, const MeetingPtr &b) { return MeetingGrouper::newerFirst(*a, *b); },
        [](const MeetingPtr &a, const MeetingPtr &b) { return a != b && a->print != b->print; });
}

QModelIndex MeetingModel::indexOfMeeting(const QString &key) const
{
    if (m_rowOfKey.isEmpty() && !m_rows.isEmpty()) {
        m_rowOfKey.reserve(m_rows.size());
        for (int row = 0; row < m_rows.size(); ++row)
            m_rowOfKey.insert(m_rows.at(row)->key, row);
    }
    const int row = m_rowOfKey.value(key, -1);
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
    const Meeting *meeting = m_rows.at(index.row()).get();

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
    default:
        return {};
    }
}

QHash<int, QByteArray> MeetingModel::roleNames() const
{
    auto names = QAbstractTableModel::roleNames();
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
    return names;
}

} // namespace minutes
