#include "models/entitymodel.h"
#include "models/counted.h"

#include "vault/vaultindex.h"

#include <QLocale>
#include <QSet>

namespace minutes {

namespace {

// internalId of a top-level row; children carry their section number + 1.
constexpr quintptr TopLevel = 0;

QString entityKey(const QString &name)
{
    return name.toLower();
}

} // namespace

EntityModel::EntityModel(VaultIndex *index, QObject *parent)
    : QAbstractItemModel(parent)
    , m_index(index)
{
    currentKeys(&m_keys[0], &m_keys[1]);
    rememberFingerprints();
    connect(index, &VaultIndex::aboutToReset, this, [this] { beginResetModel(); });
    connect(index, &VaultIndex::resetDone, this, [this] {
        currentKeys(&m_keys[0], &m_keys[1]);
        rememberFingerprints();
        endResetModel();
    });
    connect(index, &VaultIndex::notesChanged, this, [this] {
        QStringList people, organisations;
        currentKeys(&people, &organisations);
        syncSection(0, people);
        syncSection(1, organisations);
        // Everyone's counts and the section counts follow the entities.
        for (int row = 0; row <= SectionCount; ++row) {
            const size_t print = topLevelFingerprint(row);
            if (print != std::exchange(m_topPrints[row], print))
                Q_EMIT dataChanged(this->index(row, 0), this->index(row, 0));
        }
    });
}

void EntityModel::rememberFingerprints()
{
    m_prints.clear();
    for (const QStringList &keys : m_keys) {
        for (const QString &key : keys)
            m_prints.insert(key, fingerprint(key));
    }
    for (int row = 0; row <= SectionCount; ++row)
        m_topPrints[row] = topLevelFingerprint(row);
}

size_t EntityModel::fingerprint(const QString &key) const
{
    const Entity *entity = m_index ? m_index->entity(key) : nullptr;
    return entity ? entity->print : 0;
}

size_t EntityModel::topLevelFingerprint(int row) const
{
    if (!m_index)
        return 0;
    if (row == 0)
        return qHashMulti(0, m_index->meetings().size(), m_index->summary().openTasks);
    return qHash(m_keys[row - 1].size());
}

void EntityModel::currentKeys(QStringList *people, QStringList *organisations) const
{
    people->clear();
    organisations->clear();
    if (!m_index)
        return;
    QSet<QString> seen;
    for (const Entity &entity : m_index->entities()) {
        const QString key = entityKey(entity.name);
        if (entity.vaultOwner || entity.name.isEmpty() || seen.contains(key))
            continue;
        seen.insert(key);
        (entity.isPerson() ? people : organisations)->append(key);
    }
}

void EntityModel::syncSection(int section, const QStringList &next)
{
    QStringList &keys = m_keys[section];
    const QModelIndex parent = index(section + 1, 0);
    const QSet<QString> wanted(next.cbegin(), next.cend());
    for (int last = int(keys.size()) - 1; last >= 0;) {
        if (wanted.contains(keys.at(last))) {
            --last;
            continue;
        }
        int first = last;
        while (first > 0 && !wanted.contains(keys.at(first - 1)))
            --first;
        beginRemoveRows(parent, first, last);
        for (int row = first; row <= last; ++row)
            m_prints.remove(keys.at(row));
        keys.remove(first, last - first + 1);
        endRemoveRows();
        last = first - 1;
    }
    for (int row = 0; row < keys.size(); ++row) {
        const size_t print = fingerprint(keys.at(row));
        auto known = m_prints.find(keys.at(row));
        if (known != m_prints.end() && *known == print)
            continue;
        m_prints.insert(keys.at(row), print);
        Q_EMIT dataChanged(index(row, 0, parent), index(row, 0, parent));
    }
    const QSet<QString> present(keys.cbegin(), keys.cend());
    QStringList added;
    for (const QString &key : next) {
        if (!present.contains(key))
            added.append(key);
    }
    if (!added.isEmpty()) {
        const int first = int(keys.size());
        beginInsertRows(parent, first, first + int(added.size()) - 1);
        keys.append(added);
        for (const QString &key : std::as_const(added))
            m_prints.insert(key, fingerprint(key));
        endInsertRows();
    }
}

QModelIndex EntityModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column != 0 || row < 0)
        return {};
    if (!parent.isValid())
        return row <= SectionCount ? createIndex(row, 0, TopLevel) : QModelIndex();
    if (parent.internalId() != TopLevel || parent.row() < 1 || parent.row() > SectionCount)
        return {};
    const int section = parent.row() - 1;
    if (row >= m_keys[section].size())
        return {};
    return createIndex(row, 0, quintptr(section + 1));
}

QModelIndex EntityModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == TopLevel)
        return {};
    return createIndex(int(child.internalId()), 0, TopLevel);
}

int EntityModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return 1 + SectionCount;
    if (parent.column() != 0 || parent.internalId() != TopLevel || parent.row() < 1)
        return 0;
    return int(m_keys[parent.row() - 1].size());
}

int EntityModel::columnCount(const QModelIndex &) const
{
    return 1;
}

QModelIndex EntityModel::indexOfEntity(const QString &nameOrAlias) const
{
    if (!m_index)
        return {};
    const Entity *entity = m_index->entity(nameOrAlias);
    if (!entity)
        return {};
    const QString key = entityKey(entity->name);
    for (int section = 0; section < SectionCount; ++section) {
        const int row = int(m_keys[section].indexOf(key));
        if (row >= 0)
            return index(row, 0, index(section + 1, 0));
    }
    return {};
}

QString EntityModel::keyAt(const QModelIndex &index) const
{
    const int section = int(index.internalId()) - 1;
    return index.row() < m_keys[section].size() ? m_keys[section].at(index.row()) : QString();
}

Qt::ItemFlags EntityModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    // Section headings are neither selectable nor enabled, so the arrow keys step over them.
    if (index.internalId() == TopLevel && index.row() > 0)
        return Qt::NoItemFlags;
    if (index.internalId() == TopLevel)
        return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

QVariant EntityModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || !m_index)
        return {};

    if (index.internalId() == TopLevel) {
        const auto kind = index.row() == 0 ? RowKind::Everyone
                          : index.row() == 1 ? RowKind::PeopleSection
                                             : RowKind::OrganisationSection;
        switch (role) {
        case Qt::DisplayRole:
        case NameRole:
            return kind == RowKind::Everyone ? tr("Everyone")
                   : kind == RowKind::PeopleSection ? tr("People")
                                                    : tr("Organisations");
        case Qt::AccessibleTextRole:
            if (kind == RowKind::Everyone)
                return counted(m_index->meetings().size(), tr("Everyone: %1 meeting"), tr("Everyone: %1 meetings"));
            return counted(rowCount(index), tr("%2 section, %1 entry"), tr("%2 section, %1 entries")).arg(data(index, NameRole).toString());
        case Qt::ToolTipRole:
            return kind == RowKind::Everyone ? tr("Show every meeting and task") : QVariant();
        case RowKindRole:
            return QVariant::fromValue(kind);
        case SectionOrderRole:
            return index.row();
        case ChildCountRole:
            return rowCount(index);
        case MeetingCountRole:
            return kind == RowKind::Everyone ? QVariant(int(m_index->meetings().size())) : QVariant();
        case OpenTasksRole:
            return kind == RowKind::Everyone ? QVariant(m_index->summary().openTasks) : QVariant();
        default:
            return {};
        }
    }

    const Entity *entity = m_index->entity(keyAt(index));
    if (!entity)
        return {};
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return entity->name;
    case Qt::ToolTipRole: {
        QStringList lines{entity->name};
        if (!entity->aliases.isEmpty())
            lines.append(tr("Also known as %1").arg(entity->aliases.join(QStringLiteral(", "))));
        lines.append(counted(entity->meetingKeys.size(), tr("%1 meeting"), tr("%1 meetings")));
        if (entity->lastMeeting.isValid())
            lines.append(tr("Last met %1").arg(QLocale().toString(entity->lastMeeting, QLocale::LongFormat)));
        lines.append(counted(entity->openTasks, tr("%1 open task"), tr("%1 open tasks")));
        return lines.join(QLatin1Char('\n'));
    }
    case Qt::AccessibleTextRole:
        return tr("%1, %2, %3").arg(entity->name, counted(entity->meetingKeys.size(), tr("%1 meeting"), tr("%1 meetings")),
                                    counted(entity->openTasks, tr("%1 open task"), tr("%1 open tasks")));
    case RowKindRole:
        return QVariant::fromValue(entity->isPerson() ? RowKind::Person : RowKind::Organisation);
    case AliasesRole:
        return entity->aliases;
    case MeetingCountRole:
        return int(entity->meetingKeys.size());
    case OpenTasksRole:
        return entity->openTasks;
    case LastMeetingRole:
        return entity->lastMeeting;
    case NotePathRole:
        return entity->notePath;
    case MeetingKeysRole:
        return entity->meetingKeys;
    case EvidenceRole:
        return entity->evidence;
    case SectionOrderRole:
        return int(index.internalId());
    case NameOrderRole:
        return entity->nameOrder;
    default:
        return {};
    }
}

QHash<int, QByteArray> EntityModel::roleNames() const
{
    auto names = QAbstractItemModel::roleNames();
    names.insert(NameRole, "name");
    names.insert(RowKindRole, "rowKind");
    names.insert(AliasesRole, "aliases");
    names.insert(MeetingCountRole, "meetingCount");
    names.insert(OpenTasksRole, "openTasks");
    names.insert(LastMeetingRole, "lastMeeting");
    names.insert(NotePathRole, "notePath");
    names.insert(MeetingKeysRole, "meetingKeys");
    names.insert(EvidenceRole, "evidence");
    names.insert(SectionOrderRole, "sectionOrder");
    names.insert(ChildCountRole, "childCount");
    names.insert(NameOrderRole, "nameOrder");
    return names;
}

} // namespace minutes
