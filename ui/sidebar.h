#pragma once

#include <QStringList>
#include <QWidget>

class QComboBox;
class QLineEdit;
class QTreeView;

namespace minutes {

class EntityFilter;
class EntityModel;

// The left panel: "Everyone", then people and organisations with their counts, a filter box and
// a sort order. Selecting an entry says which entity (empty for everyone) the rest should show.
class Sidebar final : public QWidget
{
    Q_OBJECT
public:
    Sidebar(EntityModel *model, QWidget *parent = nullptr);

    EntityFilter *filter() const { return m_filter; }
    QTreeView *view() const { return m_view; }
    QLineEdit *filterEdit() const { return m_filterEdit; }

    QString selectedEntity() const;
    // Selects the entity with this name or alias (clearing the filter when it hides it);
    // returns false when there is none.
    bool selectEntity(const QString &nameOrAlias);
    void selectEveryone();

    void saveSettings() const;
    void restoreSettings();

Q_SIGNALS:
    // `name` is empty for Everyone.
    void entitySelected(const QString &name, const QStringList &meetingKeys);

private:
    void currentChanged();
    void expandSections();

    EntityModel *m_model;
    EntityFilter *m_filter;
    QLineEdit *m_filterEdit;
    QComboBox *m_sort;
    QTreeView *m_view;
    QString m_selected;
};

} // namespace minutes
