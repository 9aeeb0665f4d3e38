#pragma once

#include <QAbstractItemModel>
#include <QPointer>
#include <QStringList>

namespace minutes {

class VaultIndex;

// The sidebar's tree: an "Everyone" row, then a "People" and an "Organisations" section whose
// children are the entities of a VaultIndex (aliases are data of their entity, never rows).
// The vault owner ("Myself") is not listed. Follows the index row by row within each section,
// announcing dataChanged only for the rows whose content moved.
class EntityModel final : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Role {
        NameRole = Qt::UserRole + 1,
        RowKindRole,        // RowKind
        AliasesRole,        // QStringList
        MeetingCountRole,
        OpenTasksRole,      // open tasks it owns (for Everyone: all open tasks)
        LastMeetingRole,    // QDate
        NotePathRole,       // the note that defines the entity; empty when none
        MeetingKeysRole,    // QStringList
        EvidenceRole,       // QStringList
        SectionOrderRole,   // int: fixed order of the top-level rows
        ChildCountRole,     // int: entities in a section
        NameOrderRole,      // int: Entity::nameOrder, the place of its name in the locale's collation
    };
    Q_ENUM(Role)

    enum class RowKind { Everyone, PeopleSection, OrganisationSection, Person, Organisation };
    Q_ENUM(RowKind)

    explicit EntityModel(VaultIndex *index, QObject *parent = nullptr);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

    QModelIndex everyoneIndex() const { return index(0, 0); }
    QModelIndex indexOfEntity(const QString &nameOrAlias) const;

private:
    static constexpr int SectionCount = 2;   // People, Organisations; row 0 is Everyone
    void currentKeys(QStringList *people, QStringList *organisations) const;
    void syncSection(int section, const QStringList &next);
    void rememberFingerprints();
    size_t fingerprint(const QString &key) const;
    size_t topLevelFingerprint(int row) const;
    QString keyAt(const QModelIndex &index) const;

    QPointer<VaultIndex> m_index;
    QStringList m_keys[SectionCount];   // lower-cased canonical names, per section
    // What each row showed when last announced: only rows whose hash moves get dataChanged.
    QHash<QString, size_t> m_prints;
    size_t m_topPrints[1 + SectionCount] = {};
};

} // namespace minutes
