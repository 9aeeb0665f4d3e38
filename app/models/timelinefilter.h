#pragma once

#include <QSet>
#include <QSortFilterProxyModel>
#include <QStringList>

namespace minutes {

// Orders meetings newest first and keeps those of the selected person or organisation that match
// the search: every word of it must appear, case-insensitively, in the title, a participant, a
// tag or the body of a version.
class TimelineFilter final : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit TimelineFilter(QObject *parent = nullptr);

    QString searchText() const { return m_search; }
    void setSearchText(const QString &text);

    // Keeps only these meetings (the entity's meeting keys); an empty name shows every meeting.
    void setEntity(const QString &name, const QStringList &meetingKeys);
    QString entity() const { return m_entity; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    QString m_search;
    QStringList m_terms;
    QString m_entity;
    QSet<QString> m_meetingKeys;
};

} // namespace minutes
