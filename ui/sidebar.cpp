#include "sidebar.h"

#include "entitydelegate.h"
#include "models/entityfilter.h"
#include "models/entitymodel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QSettings>
#include <QTreeView>
#include <QVBoxLayout>

namespace minutes {

Sidebar::Sidebar(EntityModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_filter(new EntityFilter(this))
    , m_filterEdit(new QLineEdit(this))
    , m_sort(new QComboBox(this))
    , m_view(new QTreeView(this))
{
    setObjectName(QStringLiteral("sidebar"));
    m_filter->setSourceModel(model);

    m_filterEdit->setObjectName(QStringLiteral("sidebarFilter"));
    m_filterEdit->setAccessibleName(tr("Filter people and organisations"));
    m_filterEdit->setPlaceholderText(tr("Filter people"));
    m_filterEdit->setClearButtonEnabled(true);
    m_sort->setObjectName(QStringLiteral("sidebarSort"));
    m_sort->setAccessibleName(tr("Sort people and organisations"));
    m_sort->addItem(tr("A–Z"), int(EntityFilter::SortMode::Name));
    m_sort->addItem(tr("Recent"), int(EntityFilter::SortMode::RecentMeeting));
    m_sort->setToolTip(tr("Sort by name or by most recent meeting"));

    m_view->setObjectName(QStringLiteral("sidebarView"));
    m_view->setAccessibleName(tr("People and organisations"));
    m_view->setModel(m_filter);
    m_view->setItemDelegate(new EntityDelegate(m_view));
    m_view->setHeaderHidden(true);
    m_view->setRootIsDecorated(false);
    m_view->setIndentation(0);
    m_view->setItemsExpandable(false);
    m_view->setExpandsOnDoubleClick(false);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->setUniformRowHeights(false);
    m_view->header()->setStretchLastSection(true);

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(8, 8, 8, 6);
    bar->setSpacing(6);
    bar->addWidget(m_filterEdit, 1);
    bar->addWidget(m_sort);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);

    connect(m_filterEdit, &QLineEdit::textChanged, m_filter, &EntityFilter::setFilterText);
    connect(m_sort, &QComboBox::currentIndexChanged, this, [this] {
        m_filter->setSortMode(EntityFilter::SortMode(m_sort->currentData().toInt()));
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &Sidebar::currentChanged);
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, &Sidebar::expandSections);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &Sidebar::expandSections);
    connect(m_filter, &QAbstractItemModel::modelReset, this, [this] {
        expandSections();
        // A reload keeps the selection when the entity is still there.
        const QString previous = m_selected;
        if (previous.isEmpty() || !selectEntity(previous))
            selectEveryone();
    });
    expandSections();
    selectEveryone();
}

void Sidebar::expandSections()
{
    m_view->expandAll();
}

QString Sidebar::selectedEntity() const
{
    return m_selected;
}

void Sidebar::currentChanged()
{
    const QModelIndexList selected = m_view->selectionModel()->selectedIndexes();
    if (selected.isEmpty())
        return;   // filtered out of sight: the selection still stands
    const QModelIndex index = selected.constFirst();
    const auto kind = index.data(EntityModel::RowKindRole).value<EntityModel::RowKind>();
    const bool everyone = kind == EntityModel::RowKind::Everyone;
    const QString name = everyone ? QString() : index.data(EntityModel::NameRole).toString();
    m_selected = name;
    Q_EMIT entitySelected(name, everyone ? QStringList() : index.data(EntityModel::MeetingKeysRole).toStringList());
}

bool Sidebar::selectEntity(const QString &nameOrAlias)
{
    QModelIndex source = m_model->indexOfEntity(nameOrAlias);
    if (!source.isValid())
        return false;
    QModelIndex index = m_filter->mapFromSource(source);
    if (!index.isValid()) {
        m_filterEdit->clear();
        index = m_filter->mapFromSource(source);
    }
    if (!index.isValid())
        return false;
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index);
    return true;
}

void Sidebar::selectEveryone()
{
    const QModelIndex index = m_filter->mapFromSource(m_model->everyoneIndex());
    m_view->setCurrentIndex(index);
}

void Sidebar::saveSettings() const
{
    QSettings().setValue(QStringLiteral("sidebar/sort"), m_sort->currentIndex());
}

void Sidebar::restoreSettings()
{
    m_sort->setCurrentIndex(qBound(0, QSettings().value(QStringLiteral("sidebar/sort"), 0).toInt(), m_sort->count() - 1));
}

} // namespace minutes
