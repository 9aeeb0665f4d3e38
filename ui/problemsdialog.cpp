#include "problemsdialog.h"

#include "models/problemmodel.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace minutes {

ProblemsDialog::ProblemsDialog(ProblemModel *model, QWidget *parent)
    : QDialog(parent)
    , m_view(new QTableView(this))
{
    setObjectName(QStringLiteral("problemsDialog"));
    setWindowTitle(tr("Problems"));
    setModal(false);
    resize(760, 420);

    auto *intro = new QLabel(tr("These files could not be read completely. Everything else loaded; "
                                "double-click a problem to see the file."),
                             this);
    intro->setWordWrap(true);
    m_view->setObjectName(QStringLiteral("problemsView"));
    m_view->setAccessibleName(tr("Problems"));
    m_view->setModel(model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->setWordWrap(false);
    m_view->horizontalHeader()->setSectionResizeMode(ProblemModel::FileColumn, QHeaderView::Interactive);
    m_view->horizontalHeader()->setSectionResizeMode(ProblemModel::LineColumn, QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(ProblemModel::MessageColumn, QHeaderView::Stretch);
    m_view->horizontalHeader()->resizeSection(ProblemModel::FileColumn, 280);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_view, 1);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    connect(m_view, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        Q_EMIT problemActivated(index.siblingAtColumn(0).data(ProblemModel::FileRole).toString(),
                                index.siblingAtColumn(0).data(ProblemModel::LineRole).toInt());
    });
}

} // namespace minutes
