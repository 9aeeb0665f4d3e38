#pragma once

#include <QDialog>

class QTableView;

namespace minutes {

class ProblemModel;

// Lists every problem of the vault (file, line, message); activating one asks for that file to
// be shown at that line. Not modal: it stays open beside the window.
class ProblemsDialog final : public QDialog
{
    Q_OBJECT
public:
    ProblemsDialog(ProblemModel *model, QWidget *parent = nullptr);

    QTableView *view() const { return m_view; }

Q_SIGNALS:
    void problemActivated(const QString &file, int line);

private:
    QTableView *m_view;
};

} // namespace minutes
