#include "models/taskfilter.h"

#include "core/workpool.h"
#include "models/sortedrows.h"
#include "models/sourcereshapes.h"
#include "models/taskmodel.h"
#include "note/utf8.h"

#include <QRegularExpression>
#include <QtAlgorithms>

#include <algorithm>
#include <numeric>
#include <optional>
#include <type_traits>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace minutes {

namespace {

// Past this many runs of rows that come and go, a change is announced as a reset: each run
// costs the task tree a pass over every task (about 1 ms at 50,000 notes), a reset one layout.
constexpr qsizetype kMaxAnnouncedRuns = 32;

// Fewer rows than this are matched on the calling thread alone (a pass over them takes about a
// millisecond).
constexpr qsizetype kRowsToSplit = 4096;

template <typename Char>
Char lowerAscii(Char c)
{
    return c >= 'A' && c <= 'Z' ? Char(c + ('a' - 'A')) : c;
}

// The first i in [from, end) where (p[i] | fold) == first, else end; 16 bytes at a time where
// SSE2 is. Char: char (UTF-8) or char16_t (UTF-16).
template <typename Char>
qsizetype findFirst(const Char *p, qsizetype from, qsizetype end, Char first, Char fold)
{
    qsizetype i = from;
#if defined(__SSE2__)
    constexpr qsizetype lanes = 16 / sizeof(Char);
    const __m128i want = sizeof(Char) == 1 ? _mm_set1_epi8(char(first)) : _mm_set1_epi16(short(first));
    const __m128i orMask = sizeof(Char) == 1 ? _mm_set1_epi8(char(fold)) : _mm_set1_epi16(short(fold));
    for (; i + lanes <= end; i += lanes) {
        const __m128i chars = _mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i *>(p + i)), orMask);
        const __m128i equal = sizeof(Char) == 1 ? _mm_cmpeq_epi8(chars, want) : _mm_cmpeq_epi16(chars, want);
        if (const int bits = _mm_movemask_epi8(equal))
            return i + qCountTrailingZeroBits(uint(bits)) / qsizetype(sizeof(Char));
    }
#endif
    for (; i < end; ++i) {
        if (Char(p[i] | fold) == first)
            return i;
    }
    return end;
}

// Whether `text` holds the lower-cased ASCII `term`, ignoring the case of ASCII letters; nullopt
// when there is no such match and the text is not all ASCII: an ASCII character folds to its
// lower case and nothing else does to it, but some other characters fold to ASCII letters (the
// Kelvin sign, the long s), and that is left to Qt's case folding.
template <typename Char>
std::optional<bool> containsAsciiTerm(const Char *p, qsizetype n, const Char *t, qsizetype m)
{
    if (m <= n) {
        // A lower-case letter is met by either case: c | 0x20 is it exactly for those two.
        const Char first = t[0];
        const Char fold = first >= 'a' && first <= 'z' ? Char(0x20) : Char(0);
        const qsizetype starts = n - m + 1;
        for (qsizetype i = findFirst(p, 0, starts, first, fold); i < starts; i = findFirst(p, i + 1, starts, first, fold)) {
            qsizetype k = 1;
            while (k < m && lowerAscii(p[i + k]) == t[k])
                ++k;
            if (k == m)
                return true;
        }
    }
    std::make_unsigned_t<Char> any = 0;
    for (qsizetype i = 0; i < n; ++i)
        any |= std::make_unsigned_t<Char>(p[i]);
    return any < 0x80 ? std::optional<bool>(false) : std::nullopt;
}

} // namespace

// One word of the filter, ready for matching: QStringView::contains(word, Qt::CaseInsensitive),
// in UTF-16 (names, titles) or UTF-8 (descriptions).
struct TaskFilter::Term
{
    QString text;      // lower-cased when ASCII
    QByteArray ascii;  // the same in ASCII, when it is

    bool foundIn(QStringView in) const
    {
        if (!ascii.isEmpty()) {
            const std::optional<bool> found = containsAsciiTerm(in.utf16(), in.size(), QStringView(text).utf16(), text.size());
            if (found)
                return *found;
        }
        return in.contains(text, Qt::CaseInsensitive);
    }
    bool foundIn(QByteArrayView utf8) const
    {
        if (!ascii.isEmpty()) {
            const std::optional<bool> found = containsAsciiTerm(utf8.data(), utf8.size(), ascii.constData(), ascii.size());
            if (found)
                return *found;
        }
        return utf8::decodeExact(utf8).contains(text, Qt::CaseInsensitive);
    }
};

// The words of the filter against rows: each word must be in the task's description, its
// owner's name or its meeting's title. A pass goes note by note: each note is looked up once,
// what its meeting's title holds worked out once, and its tasks read one after the other, where
// rows in the panel's order would jump from note to note for each (a quarter of a million rows
// through TaskModel::data, three note lookups and three QVariants each, took 300-400 ms a
// keystroke). Owners are shared by many rows: what each name holds is worked out once a pass,
// for the first 63 words (any further ones row by row).
class TaskFilter::TextMatch
{
public:
    // `ids`: above every owner text id of the rows it is asked about.
    TextMatch(const TaskModel &tasks, const QList<Term> &terms, int ids)
        : m_tasks(tasks)
        , m_terms(terms)
        , m_cached(std::min<qsizetype>(terms.size(), kCachedTerms))
        , m_all((quint64(1) << m_cached) - 1)
        , m_owners(size_t(ids), 0)
    {
    }

    // A row to match, as the pass groups them (read from its TaskRow in order, not looked up).
    struct Candidate
    {
        int position = 0;   // in the rows of the pass
        int task = 0;       // TaskRow::task, line and ownerEntity
        int line = 0;
        int owner = 0;
    };

    // Sets keep[position] for each of `candidates` (all of `note`, whose meeting has `title`)
    // that matches.
    void matchNote(const Note &note, const QString &title, const Candidate *candidates, qsizetype count, char *keep)
    {
        const quint64 titleTerms = termsIn(title);
        for (const Candidate *c = candidates, *end = candidates + count; c != end; ++c) {
            if (const NoteTask *task = TaskModel::taskOf(&note, c->task, c->line))
                keep[c->position] = accepts(c->owner, *task, title, titleTerms);
        }
    }

private:
    static constexpr qsizetype kCachedTerms = 63;
    static constexpr quint64 kKnown = quint64(1) << 63;

    bool accepts(int ownerEntity, const NoteTask &task, const QString &title, quint64 titleTerms)
    {
        quint64 &owner = m_owners[size_t(ownerEntity)];
        if (!(owner & kKnown))
            owner = kKnown | termsIn(m_tasks.textOf(ownerEntity));
        const quint64 matched = (titleTerms | owner) & m_all;
        if (matched == m_all && m_cached == m_terms.size())
            return true;
        for (qsizetype k = 0; k < m_terms.size(); ++k) {
            const Term &term = m_terms.at(k);
            const bool found = k < m_cached ? (matched >> k) & 1
                                            : term.foundIn(m_tasks.textOf(ownerEntity)) || term.foundIn(title);
            if (!found && !term.foundIn(QByteArrayView(task.descriptionUtf8)))
                return false;
        }
        return true;
    }
    quint64 termsIn(QStringView text) const
    {
        quint64 terms = 0;
        for (qsizetype k = 0; k < m_cached; ++k)
            terms |= m_terms.at(k).foundIn(text) ? quint64(1) << k : 0;
        return terms;
    }

    const TaskModel &m_tasks;
    const QList<Term> &m_terms;
    const qsizetype m_cached;
    const quint64 m_all;
    std::vector<quint64> m_owners;    // by owner entity id: kKnown once worked out, and the words it holds
};

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
    m_notes = {};
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
    QStringList terms = text.split(space, Qt::SkipEmptyParts);
    // Typing on narrows: when every word before is inside a word now, the rows to keep are
    // among those shown (a word found in a text has each of its parts found there too).
    const bool narrows = std::all_of(m_terms.cbegin(), m_terms.cend(), [&](const QString &before) {
        return std::any_of(terms.cbegin(), terms.cend(),
                           [&](const QString &now) { return now.contains(before, Qt::CaseInsensitive); });
    });
    m_terms = std::move(terms);
    refilter(narrows);
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

bool TaskFilter::acceptsCriteria(int sourceRow) const
{
    const TaskRow &row = m_tasks->rowAt(sourceRow);
    if ((m_state == StateFilter::Open && !row.open) || (m_state == StateFilter::Done && row.open))
        return false;
    if (m_owner != OwnerFilter::Anyone && m_tasks->isMineAt(sourceRow) != (m_owner == OwnerFilter::Mine))
        return false;
    if (!m_entity.isEmpty() && m_tasks->textOf(row.ownerEntity).compare(m_entity, Qt::CaseInsensitive) != 0
        && !m_meetingKeys.contains(m_tasks->textOf(row.meetingKey)))
        return false;
    return true;
}

QList<int> TaskFilter::acceptedRows(const QList<int> *among) const
{
    if (!m_tasks)
        return {};
    // The other criteria first, here: TaskModel::isMineAt() keeps a cache.
    QList<int> rows;
    const qsizetype count = among ? among->size() : m_tasks->rowCount();
    for (qsizetype k = 0; k < count; ++k) {
        const int row = among ? among->at(k) : int(k);
        if (acceptsCriteria(row))
            rows.append(row);
    }
    if (m_terms.isEmpty())
        return rows;
    QList<Term> terms;
    for (const QString &word : m_terms) {
        const bool ascii = std::all_of(word.cbegin(), word.cend(), [](QChar c) { return c.unicode() < 0x80; });
        const QString text = ascii ? word.toLower() : word;
        terms.append({text, ascii ? text.toLatin1() : QByteArray()});
    }
    // The rows grouped by note (a counting sort on the path id), in two halves of about as many
    // rows, matched on the interactive pool's threads and this one, each with a table of its own
    // (the notes and owners are only read meanwhile).
    int paths = 1, owners = 1;
    for (const int row : std::as_const(rows)) {
        paths = std::max(paths, m_tasks->rowAt(row).path + 1);
        owners = std::max(owners, m_tasks->rowAt(row).ownerEntity + 1);
    }
    std::vector<int> groupStart(size_t(paths) + 1, 0);
    for (const int row : std::as_const(rows))
        ++groupStart[size_t(m_tasks->rowAt(row).path) + 1];
    std::partial_sum(groupStart.begin(), groupStart.end(), groupStart.begin());
    std::vector<TextMatch::Candidate> grouped(size_t(rows.size()));   // note by note
    {
        std::vector<int> next(groupStart.cbegin(), groupStart.cend() - 1);
        for (qsizetype k = 0; k < rows.size(); ++k) {
            const TaskRow &row = m_tasks->rowAt(rows.at(k));
            grouped[size_t(next[size_t(row.path)]++)] = {int(k), row.task, row.line, row.ownerEntity};
        }
    }
    const int parts = rows.size() < kRowsToSplit ? 1 : 2;
    int middle = paths;   // the first path of the second half
    if (parts == 2) {
        middle = int(std::lower_bound(groupStart.cbegin(), groupStart.cend(), int(rows.size() / 2)) - groupStart.cbegin());
        middle = std::clamp(middle, 0, paths);
    }
    // Each note and its meeting's title, looked up once for as long as the index stays the same
    // (50,000 notes: two hash lookups each, half a pass), by the half that reads it.
    if (m_notes.generation != m_tasks->generation() || m_notes.notes.size() < size_t(paths)) {
        m_notes.generation = m_tasks->generation();
        m_notes.notes.assign(size_t(paths), {});
    }
    std::vector<char> keep(size_t(rows.size()), 0);
    forEachIndex(interactivePool(), parts, [&](qsizetype part) {
        TextMatch text(*m_tasks, terms, owners);
        for (int path = part == 0 ? 0 : middle, end = part == 0 ? middle : paths; path < end; ++path) {
            const int from = groupStart[size_t(path)], to = groupStart[size_t(path) + 1];
            if (from == to)
                continue;
            KnownNote &known = m_notes.notes[size_t(path)];
            if (!known.looked) {
                known.looked = true;
                known.note = m_tasks->noteOf(path);
                known.title = known.note ? &m_tasks->meetingTitleOf(*known.note) : nullptr;
            }
            if (known.note)
                text.matchNote(*known.note, *known.title, grouped.data() + from, to - from, keep.data());
        }
    });
    QList<int> accepted;
    for (qsizetype k = 0; k < rows.size(); ++k) {
        if (keep[size_t(k)])
            accepted.append(rows.at(k));
    }
    return accepted;
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

void TaskFilter::refilter(bool narrowing)
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
    sync.sync(m_rows, acceptedRows(narrowing ? &m_rows : nullptr), std::equal_to<int>(), std::less<int>(),
              [](int, int) { return false; });
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
    QList<int> range(count);
    std::iota(range.begin(), range.end(), first);
    const QList<int> arriving = acceptedRows(&range);
    if (!arriving.isEmpty())
        insertRows(position, arriving.cbegin(), arriving.cend());
}

// A changed row may come or go; the rows that stay are announced as changed.
void TaskFilter::sourceDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles)
{
    if (!topLeft.isValid() || topLeft.parent().isValid() || m_resetting)
        return;
    QList<int> leaving, arriving, staying;   // positions here; source rows; source rows
    QList<int> range(bottomRight.row() - topLeft.row() + 1);
    std::iota(range.begin(), range.end(), topLeft.row());
    const QList<int> accepting = acceptedRows(&range);
    // Rows, their places here and the accepted ones all ascend: one walk, no search per row (a
    // change announced from the first row to the last spans a quarter of a million at 50k).
    qsizetype place = positionOf(topLeft.row());
    qsizetype next = 0;
    for (int row = topLeft.row(); row <= bottomRight.row(); ++row) {
        while (place < m_rows.size() && m_rows.at(place) < row)
            ++place;
        const bool shown = place < m_rows.size() && m_rows.at(place) == row;
        const bool accepted = next < accepting.size() && accepting.at(next) == row;
        next += accepted ? 1 : 0;
        if (shown && !accepted)
            leaving.append(int(place));
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
    qsizetype at = staying.isEmpty() ? 0 : positionOf(staying.first());   // one row: no walk from the top
    for (const int row : std::as_const(staying)) {
        while (at < m_rows.size() && m_rows.at(at) < row)
            ++at;
        positions.append(int(at));
    }
    SortedRows::forRuns(positions, false, [&](int first, int last) {
        Q_EMIT dataChanged(index(first, topLeft.column()), index(last, bottomRight.column()), roles);
    });
}

} // namespace minutes
