#include "timelinepanel.h"
#include "models/counted.h"

#include "models/meetingmodel.h"
#include "models/timelinefilter.h"
#include "timelinedelegate.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPainter>
#include <QVBoxLayout>

namespace minutes {

namespace {

// A list that says why it is empty instead of showing a blank area.
class TimelineListView final : public QListView
{
public:
    using QListView::QListView;
    QString emptyText;

protected:
    void paintEvent(QPaintEvent *event) override
    {
        QListView::paintEvent(event);
        if (model() && model()->rowCount() > 0)
            return;
        QPainter painter(viewport());
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(viewport()->rect().adjusted(24, 24, -24, -24), Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap,
                         emptyText);
    }
};

} // namespace

TimelinePanel::TimelinePanel(MeetingModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_filter(new TimelineFilter(this))
    , m_search(new QLineEdit(this))
    , m_title(new QLabel(this))
    , m_view(new TimelineListView(this))
{
    setObjectName(QStringLiteral("timelinePanel"));
    m_filter->setSourceModel(model);

    m_search->setObjectName(QStringLiteral("timelineSearch"));
    m_search->setAccessibleName(tr("Search meetings"));
    m_search->setPlaceholderText(tr("Search meetings (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);

    m_view->setObjectName(QStringLiteral("timelineView"));
    m_view->setAccessibleName(tr("Meetings"));
    // Connected before setModel(), so that these run before the selection model, which would
    // otherwise make a neighbour current and open it over the reader's "deleted" notice.
    connect(m_filter, &QAbstractItemModel::rowsAboutToBeRemoved, this, [this](const QModelIndex &parent, int first, int last) {
        const QModelIndex current = m_view->currentIndex();
        if (parent.isValid() || !current.isValid() || current.row() < first || current.row() > last)
            return;
        m_currentRemoved = true;
        m_selectingQuietly = true;
    });
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, [this] {
        if (!std::exchange(m_currentRemoved, false))
            return;
        m_view->selectionModel()->clear();
        m_selectingQuietly = false;
    });
    m_view->setModel(m_filter);
    m_view->setItemDelegate(new TimelineDelegate(m_view));
    m_view->setUniformItemSizes(false);
    // Rows are laid out a batch at a time between events: tens of thousands of meetings never
    // hold up the window.
    m_view->setLayoutMode(QListView::Batched);
    m_view->setBatchSize(1000);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->setMouseTracking(true);

    auto *top = new QVBoxLayout;
    top->setContentsMargins(10, 8, 10, 6);
    top->setSpacing(6);
    top->addWidget(m_search);
    top->addWidget(m_title);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);

    connect(m_search, &QLineEdit::textChanged, m_filter, &TimelineFilter::setSearchText);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex &current) {
        if (current.isValid() && !m_selectingQuietly)
            Q_EMIT meetingSelected(current.data(MeetingModel::KeyRole).toString());
    });
    for (const auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_filter, signal, this, &TimelinePanel::updateTitle);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &TimelinePanel::updateTitle);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &TimelinePanel::updateTitle);
    updateTitle();
}

void TimelinePanel::setEntity(const QString &name, const QStringList &meetingKeys)
{
    m_entity = name;
    m_filter->setEntity(name, meetingKeys);
    updateTitle();
}

void TimelinePanel::updateTitle()
{
    const int shown = m_filter->rowCount();
    const int total = m_model->rowCount();
    QString text = m_entity.isEmpty() ? counted(shown, tr("%1 meeting"), tr("%1 meetings")) : counted(shown, tr("%1 meeting with %2"), tr("%1 meetings with %2")).arg(m_entity);
    if (!m_filter->searchText().trimmed().isEmpty())
        text += QStringLiteral(" · ") + tr("matching “%1”").arg(m_filter->searchText().trimmed());
    m_title->setText(text);
    auto *view = static_cast<TimelineListView *>(m_view);
    view->emptyText = total == 0 ? tr("No meetings yet.")
                      : !m_filter->searchText().trimmed().isEmpty() ? tr("No meeting matches “%1”.").arg(m_filter->searchText().trimmed())
                                                                    : tr("No meetings with %1.").arg(m_entity);
    m_view->viewport()->update();
}

bool TimelinePanel::selectMeeting(const QString &notePath)
{
    for (int row = 0; row < m_filter->rowCount(); ++row) {
        const QModelIndex index = m_filter->index(row, 0);
        if (index.data(MeetingModel::VersionsRole).toStringList().contains(notePath)) {
            // Selecting from outside (a link, a task) must not re-open the meeting's primary version.
            m_selectingQuietly = true;
            m_view->setCurrentIndex(index);
            m_selectingQuietly = false;
            m_view->scrollTo(index);
            return true;
        }
    }
    return false;
}

QString TimelinePanel::currentMeeting() const
{
    return m_view->currentIndex().data(MeetingModel::KeyRole).toString();
}

} // namespace minutes
