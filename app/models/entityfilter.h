#pragma once

#include <QSortFilterProxyModel>

namespace minutes {

// Filters the sidebar by a text matched against names and aliases (a section stays while one of
// its entries matches; "Everyone" always stays) and sorts each section by name or by most recent
// meeting. The top-level rows keep their fixed order.
class EntityFilter final : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    enum class SortMode { Name, RecentMeeting };
    Q_ENUM(SortMode)

    explicit EntityFilter(QObject *parent = nullptr);

    QString filterText() const { return m_text; }
    void setFilterText(const QString &text);
    SortMode sortMode() const { return m_sortMode; }
    void setSortMode(SortMode mode);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    QString m_text;
    SortMode m_sortMode = SortMode::Name;
};

} // namespace minutes
