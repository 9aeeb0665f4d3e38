#pragma once

#include "models/keyedtablemodel.h"

#include <QPointer>

namespace minutes {

class VaultIndex;

// The meetings of a VaultIndex, one row each (a meeting stored twice is one row with two
// versions). Unordered: TimelineFilter sorts and filters. Follows the index row by row.
class MeetingModel final : public KeyedTableModel
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
        BodiesRole,                 // QStringList: the markdown body of every version (for search)
    };
    Q_ENUM(Role)

    explicit MeetingModel(VaultIndex *index, QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

    QModelIndex indexOfMeeting(const QString &key) const;

protected:
    size_t fingerprint(const QString &key) const override;

private:
    QStringList currentKeys() const;

    QPointer<VaultIndex> m_index;
};

} // namespace minutes
