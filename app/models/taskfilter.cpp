#include "models/taskfilter.h"

#include "models/sortedrows.h"
#include "models/sourcereshapes.h"
#include "models/taskmodel.h"

#include <QRegularExpression>

#include <algorithm>

namespace minutes {

namespace {

// Past this many runs of rows that come and go, a change is announced as a reset: each run
// costs the task tree a pass over every task (about 1 ms at 50,000 notes), a reset one layout.
constexpr qsizetype kMaxAnnouncedRuns = 32;

} // namespace

TaskFilter::TaskFilter(QObject *parent)
    : QAbstractProxyModel(parent)
{
}

void TaskFilter::setSourceModel(QAbstractItemModel *source)
{
    beginResetModel();
    for (const auto &connection : std::as_const(m_connections))
        disconnect(connection);
    m_connections.clear();
    QAbstractProxyModel::setSourceModel(source);
    m_tasks = qobject_cast<const TaskModel *>(source);
    m_resetting = false;
    m_removing[0] = m_removing[1] = -1;
    if (source) {
        using M = QAbstractItemModel;
        // TaskModel announces rows removed, inserted and changed, and resets; anything else
        // that changes the shape of the list is taken as a reset.
        m_connections = connectSourceReshapes(
            source, this, [this] { beginSourceReset(); }, [this] { endSourceReset(); });
        m_connections += {
            connect(source, &M::rowsAboutToBeRemoved, this, &TaskFilter::sourceRowsAboutToBeRemoved),
            connect(source, &M::rowsRemoved, this, &TaskFilter::sourceRowsRemoved),
            connect(source, &M::rowsInserted, this, &TaskFilter::sourceRowsInserted),
            connect(source, &M::dataChanged, this, &TaskFilter::sourceDataChanged),
            connect(source, &M::headerDataChanged, this, &M::headerDataChanged),
            // QAbstractProxyModel lets go of a source that is destroyed; so do its rows here.
            connect(source, &QObject::destroyed, this,
                    [this] {
                        beginResetModel();
                        m_rows.clear();
                        m_resetting = false;
                        endResetModel();
                    }),
        };
    }
    m_rows = acceptedRows();
    endResetModel();
}

void TaskFilter::setStateFilter(StateFilter filter)
{
    if (filter == m_state)
        return;
    m_state = filter;
    refilter();
}

void TaskFilter::setOwnerFilter(OwnerFilter filter)
{
    if (filter == m_owner)
        return;
    m_owner = filter;
    refilter();
}

void TaskFilter::setText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    static const QRegularExpression space(QStringLiteral("\\s+"));
    m_terms = text.split(space, Qt::SkipEmptyParts);
    refilter();
}

void TaskFilter::setEntity(const QString &name, const QStringList &meetingKeys)
{
    QSet<QString> keys(meetingKeys.cbegin(), meetingKeys.cend());
    if (name == m_entity && keys == m_meetingKeys)
        return;
    m_entity = name;
    m_meetingKeys = std::move(keys);
    refilter();
}

QModelIndex TaskFilter::index(int row, int column, const QModelIndex &parent) const
{
    if (parent.isValid() || row < 0 || row >= m_rows.size() || column < 0 || column >= columnCount())
        return {};
    return createIndex(row, column);
}

QModelIndex TaskFilter::parent(const QModelIndex &) const
{
    return {};
}

QModelIndex TaskFilter::sibling(int row, int column, const QModelIndex &) const
{
    return index(row, column);
}

int TaskFilter::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TaskFilter::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() || !sourceModel() ? 0 : sourceModel()->columnCount();
}

bool TaskFilter::hasChildren(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_rows.isEmpty();
}

QModelIndex TaskFilter::mapToSource(const QModelIndex &proxyIndex) const
{
    if (!proxyIndex.isValid() || !sourceModel() || proxyIndex.model() != this || proxyIndex.row() >= m_rows.size())
        return {};
    return sourceModel()->index(m_rows.at(proxyIndex.row()), proxyIndex.column());
}

QModelIndex TaskFilter::mapFromSource(const QModelIndex &sourceIndex) const
{
    if (!sourceIndex.isValid() || sourceIndex.model() != sourceModel() || sourceIndex.parent().isValid())
        return {};
    const int position = positionOf(sourceIndex.row());
    if (position >= m_rows.size() || m_rows.at(position) != sourceIndex.row())
        return {};
    return createIndex(position, sourceIndex.column());
}

bool TaskFilter::accepts(int sourceRow) const
{
    if (!m_tasks || sourceRow < 0 || sourceRow >= m_tasks->rowCount())
        return false;
    const TaskRow &row = m_tasks->rowAt(sourceRow);
    if ((m_state == StateFilter::Open && !row.open) || (m_state == StateFilter::Done && row.open))
        return false;
    if (m_owner != OwnerFilter::Anyone && m_tasks->isMineAt(sourceRow) != (m_owner == OwnerFilter::Mine))
        return false;
    if (!m_entity.isEmpty() && m_tasks->textOf(row.ownerEntity).compare(m_entity, Qt::CaseInsensitive) != 0
        && !m_meetingKeys.contains(m_tasks->textOf(row.meetingKey)))
        return false;
    return m_terms.isEmpty() || acceptsText(sourceRow);
}

bool TaskFilter::acceptsText(int sourceRow) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0);
    const QString description = index.data(TaskModel::DescriptionRole).toString();
    const QString owner = index.data(TaskModel::OwnerEntityRole).toString();
    const QString meeting = index.data(TaskModel::MeetingTitleRole).toString();
    return std::all_of(m_terms.cbegin(), m_terms.cend(), [&](const QString &term) {
        return description.contains(term, Qt::CaseInsensitive) || owner.contains(term, Qt::CaseInsensitive)
               || meeting.contains(term, Qt::CaseInsensitive);
    });
}

QList<int> TaskFilter::acceptedRows() const
{
    QList<int> rows;
    const int count = m_tasks ? m_tasks->rowCount() : 0;
    for (int row = 0; row < count; ++row) {
        if (accepts(row))
            rows.append(row);
    }
    return rows;
}

int TaskFilter::positionOf(int sourceRow) const
{
    return int(std::lower_bound(m_rows.cbegin(), m_rows.cend(), sourceRow) - m_rows.cbegin());
}

void TaskFilter::insertRows(int position, QList<int>::const_iterator first, QList<int>::const_iterator last)
{
    beginInsertRows({}, position, position + int(last - first) - 1);
    m_rows.insert(position, last - first, 0);
    std::copy(first, last, m_rows.begin() + position);
    endInsertRows();
}

void TaskFilter::refilter()
{
    if (m_resetting)
        return;   // the rows are worked out when the source's reset ends
    const SortedRows sync{
        [this](int first, int last) { beginRemoveRows({}, first, last); },
        [this](int, int) { endRemoveRows(); },
        [this](int first, int last) { beginInsertRows({}, first, last); },
        [this](int, int) { endInsertRows(); },
        [](int, int) {},
        [this] { beginResetModel(); },
        [this] { endResetModel(); },
        kMaxAnnouncedRuns,
    };
    sync.sync(m_rows, acceptedRows(), std::equal_to<int>(), std::less<int>(), [](int, int) { return false; });
}

void TaskFilter::beginSourceReset()
{
    if (m_resetting)
        return;
    m_resetting = true;
    beginResetModel();
}

void TaskFilter::endSourceReset()
{
    if (!m_resetting)
        return;
    m_rows = acceptedRows();
    m_resetting = false;
    endResetModel();
}

void TaskFilter::sourceRowsAboutToBeRemoved(const QModelIndex &parent, int first, int last)
{
    if (parent.isValid() || m_resetting)
        return;
    m_removing[0] = positionOf(first);
    m_removing[1] = positionOf(last + 1);
    if (m_removing[0] < m_removing[1])
        beginRemoveRows({}, m_removing[0], m_removing[1] - 1);
}

void TaskFilter::sourceRowsRemoved(const QModelIndex &parent, int first, int last)
{
    if (parent.isValid() || m_resetting)
        return;
    const auto [from, to] = m_removing;
    m_removing[0] = m_removing[1] = -1;
    if (from < 0)
        return;
    m_rows.remove(from, to - from);
    const int count = last - first + 1;
    for (auto it = m_rows.begin() + from; it != m_rows.end(); ++it)
        *it -= count;
    if (from < to)
        endRemoveRows();
}

void TaskFilter::sourceRowsInserted(const QModelIndex &parent, int first, int last)
{
    if (parent.isValid() || m_resetting)
        return;
    const int position = positionOf(first);
    const int count = last - first + 1;
    for (auto it = m_rows.begin() + position; it != m_rows.end(); ++it)
        *it += count;
    QList<int> arriving;
    for (int row = first; row <= last; ++row) {
        if (accepts(row))
            arriving.append(row);
    }
    if (!arriving.isEmpty())
        insertRows(position, arriving.cbegin(), arriving.cend());
}

// A changed row may come or go; the rows that stay are announced as changed.
void TaskFilter::sourceDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles)
{
    if (!topLeft.isValid() || topLeft.parent().isValid() || m_resetting)
        return;
    QList<int> leaving, arriving, staying;   // positions here; source rows; source rows
    for (int row = topLeft.row(); row <= bottomRight.row(); ++row) {
        const int position = positionOf(row);
        const bool shown = position < m_rows.size() && m_rows.at(position) == row;
        const bool accepted = accepts(row);
        if (shown && !accepted)
            leaving.append(position);
        else if (!shown && accepted)
            arriving.append(row);
        else if (shown)
            staying.append(row);
    }
    if (SortedRows::runsOf(leaving) + SortedRows::runsOf(arriving) > kMaxAnnouncedRuns) {
        beginResetModel();
        m_rows = acceptedRows();
        endResetModel();
        return;
    }
    SortedRows::forRuns(leaving, true, [this](int first, int last) {
        beginRemoveRows({}, first, last);
        m_rows.remove(first, last - first + 1);
        endRemoveRows();
    });
    // Arrivals next to each other here (no shown row between them) come in one run.
    for (qsizetype k = 0; k < arriving.size();) {
        const int position = positionOf(arriving.at(k));
        qsizetype end = k + 1;
        while (end < arriving.size() && positionOf(arriving.at(end)) == position)
            ++end;
        insertRows(position, arriving.cbegin() + k, arriving.cbegin() + end);
        k = end;
    }
    QList<int> positions;
    positions.reserve(staying.size());
    for (const int row : std::as_const(staying))
        positions.append(positionOf(row));
    SortedRows::forRuns(positions, false, [&](int first, int last) {
        Q_EMIT dataChanged(index(first, topLeft.column()), index(last, bottomRight.column()), roles);
    });
}

} // namespace minutes
