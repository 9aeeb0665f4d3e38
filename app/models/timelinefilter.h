#pragma once

#include <QSet>
#include <QSortFilterProxyModel>
#include <QList>
#include <QStringList>

namespace minutes {

class MeetingModel;

// Keeps the meetings of the selected person or organisation that match the search: every word of
// it must appear, case-insensitively, in the title, the date, a participant, a tag or the body of
// a version. The source is a MeetingModel; its order (newest first) is kept. The search runs once
// per change of the text, on every core, over text folded in advance
// (SearchText); typing on narrows the previous matches instead of starting again.
class TimelineFilter final : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit TimelineFilter(QObject *parent = nullptr);

    void setSourceModel(QAbstractItemModel *source) override;

    QString searchText() const { return m_search; }
    void setSearchText(const QString &text);

    // Keeps only these meetings (the entity's meeting keys); an empty name shows every meeting.
    void setEntity(const QString &name, const QStringList &meetingKeys);
    QString entity() const { return m_entity; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    void refilter();
    void computeMatches(const QStringList &previousTerms);
    bool matchesRow(int sourceRow, const QList<QByteArray> &folded) const;

    const MeetingModel *m_meetings = nullptr;
    QList<QByteArray> m_folded;     // m_terms folded
    QList<bool> m_dateLike;         // m_terms that could be part of a YYYY-MM-DD date
    QList<bool> m_matches;          // per source row, when m_matchesValid
    bool m_matchesValid = false;
    bool m_sourceResetting = false;
    QString m_search;
    QStringList m_terms;
    QString m_entity;
    QSet<QString> m_meetingKeys;
};

} // namespace minutes
