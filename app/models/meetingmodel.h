#pragma once

#include "vault/meeting.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QPointer>

namespace minutes {

class VaultIndex;

// The meetings of a VaultIndex, one row each (a meeting stored twice is one row with two
// versions), in the timeline's order (MeetingGrouper::newerFirst), so proxies need not sort.
// Follows the index row by row: after a change the index's meetings are merged with the rows
// shown; rows that went are removed, new ones inserted in place, and a survivor gets dataChanged
// only when its Meeting::print moved.
class MeetingModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Role {
        KeyRole = Qt::UserRole + 1, // primary version's relative path
        DateRole,                   // QDate
        MonthRole,                  // QDate: first day of the meeting's month (null when undated)
        TitleRole,
        ParticipantsRole,           // QStringList of canonical names
        OpenTasksRole,
        TotalTasksRole,
        VersionsRole,               // QStringList of relative paths, primary first
        VersionCountRole,
        TagsRole,                   // QStringList, union over versions
    };
    Q_ENUM(Role)

    explicit MeetingModel(VaultIndex *index, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

    QModelIndex indexOfMeeting(const QString &key) const;
    // The meeting of a row, without QVariant: row must be in range.
    const Meeting &meetingAt(int row) const { return *m_rows.at(row); }

private:
    void syncRows();

    QPointer<VaultIndex> m_index;
    QList<MeetingPtr> m_rows;
    mutable QHash<QString, int> m_rowOfKey;   // built when first asked for after a change
};

} // namespace minutes
