#include "models/keyedtablemodel.h"

#include <QSet>

namespace minutes {

int KeyedTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_keys.size());
}

QModelIndex KeyedTableModel::index(int row, int column, const QModelIndex &parent) const
{
    if (parent.isValid() || row < 0 || row >= m_keys.size() || column < 0 || column >= columnCount())
        return {};
    return createIndex(row, column);
}

void KeyedTableModel::setKeys(const QStringList &keys)
{
    m_keys = keys;
    reindex();
}

void KeyedTableModel::syncKeys(const QStringList &next)
{
    const QSet<QString> wanted(next.cbegin(), next.cend());

    // Remove vanished rows back to front, one contiguous run at a time.
    for (int last = int(m_keys.size()) - 1; last >= 0;) {
        if (wanted.contains(m_keys.at(last))) {
            --last;
            continue;
        }
        int first = last;
        while (first > 0 && !wanted.contains(m_keys.at(first - 1)))
            --first;
        beginRemoveRows({}, first, last);
        m_keys.remove(first, last - first + 1);
        endRemoveRows();
        last = first - 1;
    }
    reindex();

    QStringList added;
    for (const QString &key : next) {
        if (!m_rowOfKey.contains(key))
            added.append(key);
    }
    if (!added.isEmpty()) {
        const int first = int(m_keys.size());
        beginInsertRows({}, first, first + int(added.size()) - 1);
        m_keys.append(added);
        reindex();
        endInsertRows();
    }

    if (!m_keys.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_keys.size()) - 1, columnCount() - 1));
}

void KeyedTableModel::reindex()
{
    m_rowOfKey.clear();
    m_rowOfKey.reserve(m_keys.size());
    for (int row = 0; row < m_keys.size(); ++row)
        m_rowOfKey.insert(m_keys.at(row), row);
}

} // namespace minutes
