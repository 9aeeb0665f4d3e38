#pragma once

#include <QAbstractProxyModel>
#include <QList>
#include <QPointer>
#include <QSet>
#include <QStringList>

#include <vector>

namespace minutes {

class TaskModel;
struct Note;

// Chooses the tasks the task panel shows: open, done or all; mine, others' or anyone's; those of
// the selected person or organisation (tasks they own and tasks from their meetings); and those
// matching a text. The source is a TaskModel; its order (due date, undated last, then priority,
// then newest meeting) is kept. Rows are read directly (no QVariant), so that filtering a quarter
// of a million tasks stays well under a frame; words are matched note by note on two threads,
// and a word typed on only looks again at the rows it shows (TextMatch).
//
// A flat proxy of its own rather than a QSortFilterProxyModel: it never sorts, so its rows are
// the accepted source rows in order, one list worked out in one pass. QSortFilterProxyModel built
// a mapping of its own beside that pass, a fifth of the event that shows a vault of 50,000 notes,
// and paid a pass over its mapping for every row the source inserted or removed.
//
// It follows its source change by change: rows removed or inserted there, and rows whose change
// makes them come or go. A change or a new criterion announces the rows that come and go when
// they are in few runs, and resets the model when they are in many (the tree above it pays a pass
// over every task for each run).
class TaskFilter final : public QAbstractProxyModel
{
    Q_OBJECT
public:
    enum class StateFilter { Open, Done, All };
    Q_ENUM(StateFilter)
    enum class OwnerFilter { Anyone, Mine, Others };
    Q_ENUM(OwnerFilter)

    explicit TaskFilter(QObject *parent = nullptr);

    void setSourceModel(QAbstractItemModel *source) override;

    StateFilter stateFilter() const { return m_state; }
    void setStateFilter(StateFilter filter);
    OwnerFilter ownerFilter() const { return m_owner; }
    void setOwnerFilter(OwnerFilter filter);
    QString text() const { return m_text; }
    void setText(const QString &text);
    // Keeps tasks owned by `name` or written in one of `meetingKeys`; an empty name keeps all.
    void setEntity(const QString &name, const QStringList &meetingKeys);
    QString entity() const { return m_entity; }

    // The TaskModel row of each of its rows, in order.
    const QList<int> &sourceRows() const { return m_rows; }

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    QModelIndex sibling(int row, int column, const QModelIndex &index) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QModelIndex mapToSource(const QModelIndex &proxyIndex) const override;
    QModelIndex mapFromSource(const QModelIndex &sourceIndex) const override;

private:
    struct Term;
    class TextMatch;

    bool acceptsCriteria(int sourceRow) const;   // all but the words
    // The rows accepted, of all the source's or of `among` (ascending).
    QList<int> acceptedRows(const QList<int> *among = nullptr) const;
    // Where `sourceRow` is, or would be, among the rows.
    int positionOf(int sourceRow) const;
    // Shows the source rows [first, last) at `position`.
    void insertRows(int position, QList<int>::const_iterator first, QList<int>::const_iterator last);
    // Works the rows out again; `narrowing`: the new criteria keep a subset of the rows shown.
    void refilter(bool narrowing = false);

    void beginSourceReset();
    void endSourceReset();
    void sourceRowsAboutToBeRemoved(const QModelIndex &parent, int first, int last);
    void sourceRowsRemoved(const QModelIndex &parent, int first, int last);
    void sourceRowsInserted(const QModelIndex &parent, int first, int last);
    void sourceDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles);

    QPointer<const TaskModel> m_tasks;
    QList<int> m_rows;                 // accepted source rows, ascending
    QList<QMetaObject::Connection> m_connections;
    bool m_resetting = false;
    int m_removing[2] = {-1, -1};      // the rows a removal in the source takes from here: [first, last)

    StateFilter m_state = StateFilter::Open;
    OwnerFilter m_owner = OwnerFilter::Anyone;
    QString m_text;
    QStringList m_terms;
    QString m_entity;
    QSet<QString> m_meetingKeys;

    // The note of each path id and its meeting's title, as far as a pass looked them up, for
    // TaskModel::generation() (a keystroke later, most are the same).
    struct KnownNote
    {
        bool looked = false;
        const Note *note = nullptr;
        const QString *title = nullptr;
    };
    struct KnownNotes
    {
        quint64 generation = 0;
        std::vector<KnownNote> notes;
    };
    mutable KnownNotes m_notes;
};

} // namespace minutes
