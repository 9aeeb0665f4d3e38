#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QStringList>

namespace minutes {

// Base of the flat models over VaultIndex: every row has a stable string key (a meeting key, a
// task's path and line), so that an incremental change of the index becomes row-level signals
// (removed rows go, new rows are appended, survivors keep their row and get dataChanged) and
// selections and persistent indexes survive a rescan. Proxies do the ordering.
class KeyedTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex &parent = {}) const override;
    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;

    QString keyAt(int row) const { return row >= 0 && row < m_keys.size() ? m_keys.at(row) : QString(); }
    int rowOfKey(const QString &key) const { return m_rowOfKey.value(key, -1); }

protected:
    // Replaces every row (a model reset must already be under way, or nothing is shown yet).
    void setKeys(const QStringList &keys);
    // Brings the rows in line with `next` using row-level signals; see the class comment.
    void syncKeys(const QStringList &next);

private:
    void reindex();

    QStringList m_keys;
    QHash<QString, int> m_rowOfKey;
};

} // namespace minutes
