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
    m_fingerprints.clear();
    m_fingerprints.reserve(m_keys.size());
    for (const QString &key : std::as_const(m_keys))
        m_fingerprints.insert(key, fingerprint(key));
}

void KeyedTableModel::allRowsChanged()
{
    for (const QString &key : std::as_const(m_keys))
        m_fingerprints.insert(key, fingerprint(key));
    if (!m_keys.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_keys.size()) - 1, columnCount() - 1));
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
        for (int row = first; row <= last; ++row)
            m_fingerprints.remove(m_keys.at(row));
        m_keys.remove(first, last - first + 1);
        endRemoveRows();
        last = first - 1;
    }
    reindex();

    // Survivors first: their rows do not move, so the changed ones can be announced in runs.
    const int lastColumn = columnCount() - 1;
    for (int row = 0; row < m_keys.size();) {
        const QString &key = m_keys.at(row);
        const size_t print = fingerprint(key);
        auto known = m_fingerprints.find(key);
        if (known != m_fingerprints.end() && *known == print) {
            ++row;
            continue;
        }
        m_fingerprints.insert(key, print);
        int last = row;
        while (last + 1 < m_keys.size()) {
            const QString &nextKey = m_keys.at(last + 1);
            const size_t nextPrint = fingerprint(nextKey);
            if (m_fingerprints.value(nextKey) == nextPrint)
                break;
            m_fingerprints.insert(nextKey, nextPrint);
            ++last;
        }
        if (lastColumn >= 0)
            Q_EMIT dataChanged(index(row, 0), index(last, lastColumn));
        row = last + 2;   // row last + 1 was compared above and is unchanged
    }

    QStringList added;
    for (const QString &key : next) {
        if (!m_rowOfKey.contains(key))
            added.append(key);
    }
    if (!added.isEmpty()) {
        const int first = int(m_keys.size());
        beginInsertRows({}, first, first + int(added.size()) - 1);
        m_keys.append(added);
        for (const QString &key : std::as_const(added))
            m_fingerprints.insert(key, fingerprint(key));
        reindex();
        endInsertRows();
    }
}

void KeyedTableModel::reindex()
{
    m_rowOfKey.clear();
    m_rowOfKey.reserve(m_keys.size());
    for (int row = 0; row < m_keys.size(); ++row)
        m_rowOfKey.insert(m_keys.at(row), row);
}

} // namespace minutes
