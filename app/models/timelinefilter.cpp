#include "models/timelinefilter.h"

#include "core/workpool.h"
#include "models/meetingmodel.h"
#include "note/searchtext.h"

#include <QDate>
#include <QRegularExpression>
#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>
#include <numeric>

namespace minutes {

TimelineFilter::TimelineFilter(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setDynamicSortFilter(true);
}

void TimelineFilter::setSourceModel(QAbstractItemModel *source)
{
    if (sourceModel())
        disconnect(sourceModel(), nullptr, this, nullptr);
    m_meetings = qobject_cast<const MeetingModel *>(source);
    m_matchesValid = false;
    if (source) {
        // Connected before the proxy's own handlers, so that they never read stale matches.
        const auto stale = [this] { m_matchesValid = false; };
        connect(source, &QAbstractItemModel::rowsInserted, this, stale);
        connect(source, &QAbstractItemModel::rowsRemoved, this, stale);
        connect(source, &QAbstractItemModel::rowsMoved, this, stale);
        connect(source, &QAbstractItemModel::dataChanged, this, stale);
        connect(source, &QAbstractItemModel::modelAboutToBeReset, this, [this] { m_sourceResetting = true; });
        connect(source, &QAbstractItemModel::modelReset, this, [this] {
            m_sourceResetting = false;
            m_matchesValid = false;
        });
        connect(source, &QAbstractItemModel::layoutChanged, this, stale);
    }
    QSortFilterProxyModel::setSourceModel(source);
}

void TimelineFilter::setSearchText(const QString &text)
{
    if (text == m_search)
        return;
    const QStringList previous = m_matchesValid ? m_terms : QStringList();
    m_search = text;
    static const QRegularExpression space(QStringLiteral("\\s+"));
    m_terms = text.split(space, Qt::SkipEmptyParts);
    m_folded.clear();
    m_dateLike.clear();
    for (const QString &term : std::as_const(m_terms)) {
        m_folded.append(SearchText::fold(term));
        m_dateLike.append(std::all_of(term.cbegin(), term.cend(), [](QChar c) { return c.isDigit() || c == QLatin1Char('-'); }));
    }
    computeMatches(previous);
    refilter();
}

void TimelineFilter::setEntity(const QString &name, const QStringList &meetingKeys)
{
    m_entity = name;
    m_meetingKeys = QSet<QString>(meetingKeys.cbegin(), meetingKeys.cend());
    refilter();
}

// invalidate() re-filters in one pass and remaps persistent indexes (the selection stays);
// invalidateFilter() diffs the rows and is quadratic when thousands of scattered rows come and go.
// Within a reset of the source there is nothing to remap, and a layout change is not allowed.
void TimelineFilter::refilter()
{
    if (m_sourceResetting)
        invalidateFilter();
    else
        invalidate();
}

// Every row is searched again unless the new search implies the previous one (the user typed
// on): when every previous term is part of a new term, only the previous matches can match.
void TimelineFilter::computeMatches(const QStringList &previousTerms)
{
    m_matchesValid = false;
    if (!m_meetings || m_terms.isEmpty())
        return;
    const int rows = m_meetings->rowCount();
    const bool narrowing = !previousTerms.isEmpty() && m_matches.size() == rows
                           && std::all_of(previousTerms.cbegin(), previousTerms.cend(), [&](const QString &old) {
                                  return std::any_of(m_terms.cbegin(), m_terms.cend(), [&](const QString &term) {
                                      return term.contains(old, Qt::CaseInsensitive);
                                  });
                              });
    QList<int> candidates;
    candidates.reserve(rows);
    for (int row = 0; row < rows; ++row) {
        if (!narrowing || m_matches.at(row))
            candidates.append(row);
    }
    QList<bool> matches(rows, false);
    bool *out = matches.data();
    const QList<QByteArray> folded = m_folded;
    QtConcurrent::blockingMap(interactivePool(), candidates, [this, out, &folded](int row) { out[row] = matchesRow(row, folded); });
    m_matches = std::move(matches);
    m_matchesValid = true;
}

// A term matches the text of any version (title, tags, body: one memmem each), else the
// participants, else the date (only a term that could be part of one is compared with it).
bool TimelineFilter::matchesRow(int sourceRow, const QList<QByteArray> &folded) const
{
    const Meeting &meeting = m_meetings->meetingAt(sourceRow);
    for (qsizetype t = 0; t < m_terms.size(); ++t) {
        const bool inVersion = std::any_of(meeting.searchTexts.cbegin(), meeting.searchTexts.cend(),
                                           [&](const QByteArray &text) { return SearchText::contains(text, folded.at(t)); });
        if (inVersion)
            continue;
        const QString &term = m_terms.at(t);
        const auto in = [&term](const QString &text) { return text.contains(term, Qt::CaseInsensitive); };
        if (in(meeting.title) || std::any_of(meeting.participants.cbegin(), meeting.participants.cend(), in))
            continue;
        if (!m_dateLike.at(t) || !meeting.date.isValid() || !in(meeting.date.toString(Qt::ISODate)))
            return false;
    }
    return true;
}

bool TimelineFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!m_meetings || sourceParent.isValid() || sourceRow < 0 || sourceRow >= m_meetings->rowCount())
        return false;
    if (!m_entity.isEmpty() && !m_meetingKeys.contains(m_meetings->meetingAt(sourceRow).key))
        return false;
    if (m_terms.isEmpty())
        return true;
    if (m_matchesValid && sourceRow < m_matches.size())
        return m_matches.at(sourceRow);
    return matchesRow(sourceRow, m_folded);
}

} // namespace minutes
