#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QStringList>

namespace minutes {

// Base of the flat models over VaultIndex: every row has a stable string key (a meeting key, a
// task's path and line), so that an incremental change of the index becomes row-level signals
// (removed rows go, new rows are appended, survivors keep their row) and selections and
// persistent indexes survive a rescan. A survivor gets dataChanged only when its fingerprint (a
// hash of everything its row shows) moved, so one edited note touches only its own rows.
// Proxies do the ordering.
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
    // A hash of everything the row of `key` shows; a survivor whose hash moved gets dataChanged.
    virtual size_t fingerprint(const QString &key) const = 0;
    // Announces every row as changed (what "today" or "who am I" means moved) and re-fingerprints.
    void allRowsChanged();

    // Replaces every row (a model reset must already be under way, or nothing is shown yet).
    void setKeys(const QStringList &keys);
    // Brings the rows in line with `next` using row-level signals; see the class comment.
    void syncKeys(const QStringList &next);

private:
    void reindex();

    QStringList m_keys;
    QHash<QString, int> m_rowOfKey;
    QHash<QString, size_t> m_fingerprints;
};

} // namespace minutes
