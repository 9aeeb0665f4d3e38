#include "models/problemmodel.h"

#include "vault/vaultindex.h"

#include <algorithm>

namespace minutes {

ProblemModel::ProblemModel(VaultIndex *index, QObject *parent)
    : QAbstractTableModel(parent)
    , m_index(index)
{
    reload();
    connect(index, &VaultIndex::aboutToReset, this, [this] { beginResetModel(); });
    connect(index, &VaultIndex::resetDone, this, [this] {
        reload();
        endResetModel();
    });
    connect(index, &VaultIndex::notesChanged, this, [this] {
        // Most changes (a tick, an edit) leave the problems as they were: nothing to announce.
        if (m_index && m_index->problems() == m_problems)
            return;
        beginResetModel();
        reload();
        endResetModel();
    });
}

void ProblemModel::reload()
{
    m_problems = m_index ? m_index->problems() : Problems();   // by file and line
}

int ProblemModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_problems.size());
}

int ProblemModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ProblemModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Problem &problem = m_problems.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case FileColumn: return problem.file;
        case LineColumn: return problem.line > 0 ? QVariant(problem.line) : QVariant();
        case MessageColumn: return problem.message;
        }
        return {};
    case Qt::ToolTipRole:
        return problem.toString();
    case FileRole: return problem.file;
    case LineRole: return problem.line;
    case MessageRole: return problem.message;
    case SeverityRole: return problem.severity == Problem::Severity::Error ? QStringLiteral("error") : QStringLiteral("warning");
    default: return {};
    }
}

QVariant ProblemModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case FileColumn: return tr("File");
    case LineColumn: return tr("Line");
    case MessageColumn: return tr("Problem");
    default: return {};
    }
}

Qt::ItemFlags ProblemModel::flags(const QModelIndex &index) const
{
    return index.isValid() ? Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren : Qt::NoItemFlags;
}

QHash<int, QByteArray> ProblemModel::roleNames() const
{
    auto names = QAbstractTableModel::roleNames();
    names.insert(FileRole, "file");
    names.insert(LineRole, "line");
    names.insert(MessageRole, "message");
    names.insert(SeverityRole, "severity");
    return names;
}

} // namespace minutes
