#pragma once

#include "core/problem.h"

#include <QAbstractTableModel>
#include <QPointer>

namespace minutes {

class VaultIndex;

// Every problem of a VaultIndex (scan problems and each note's), as a table: file, line, message.
// Problems have no identity of their own, so any change of the index resets the model.
class ProblemModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { FileColumn, LineColumn, MessageColumn, ColumnCount };
    Q_ENUM(Column)
    enum Role { FileRole = Qt::UserRole + 1, LineRole, MessageRole, SeverityRole };
    Q_ENUM(Role)

    explicit ProblemModel(VaultIndex *index, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

    const Problems &problems() const { return m_problems; }

private:
    void reload();

    QPointer<VaultIndex> m_index;
    Problems m_problems;
};

} // namespace minutes
