#include "mainwindow.h"
#include "models/counted.h"

#include "messagebar.h"
#include "models/entitymodel.h"
#include "models/meetingmodel.h"
#include "models/problemmodel.h"
#include "models/taskmodel.h"
#include "models/taskwriteback.h"
#include "models/vaultcontroller.h"
#include "problemsdialog.h"
#include "reader.h"
#include "samplevault.h"
#include "sidebar.h"
#include "taskpanel.h"
#include "taskview.h"
#include "timelinepanel.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace minutes {

namespace {

constexpr int MaxRecent = 10;
const QString LastVaultKey = QStringLiteral("vault/last");
const QString RecentKey = QStringLiteral("vault/recent");
const QString MyNamesKey = QStringLiteral("me/names");

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_controller(new VaultController(this))
    , m_entityModel(new EntityModel(m_controller->index(), this))
    , m_meetingModel(new MeetingModel(m_controller->index(), this))
    , m_taskModel(new TaskModel(m_controller->index(), this))
    , m_problemModel(new ProblemModel(m_controller->index(), this))
    , m_writeBack(new TaskWriteBack(m_controller->index(), m_taskModel, this))
    , m_messageBar(new MessageBar(this))
    , m_sidebar(new Sidebar(m_entityModel, this))
    , m_timeline(new TimelinePanel(m_meetingModel, this))
    , m_reader(new Reader(this))
    , m_tasks(new TaskPanel(m_taskModel, this))
    , m_outerSplitter(new QSplitter(Qt::Horizontal, this))
    , m_rightSplitter(new QSplitter(Qt::Vertical, this))
    , m_topSplitter(new QSplitter(Qt::Horizontal, this))
    , m_statusText(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_counts(new QLabel(this))
    , m_problemsButton(new QToolButton(this))
    , m_writeNoticeBox(new QWidget(this))
    , m_writeText(new QLabel(m_writeNoticeBox))
    , m_writeButton(new QToolButton(m_writeNoticeBox))
    , m_watchState(new QLabel(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(QStringLiteral("Minutes"));
    setAcceptDrops(true);
    m_reader->setIndex(m_controller->index());

    m_topSplitter->setObjectName(QStringLiteral("topSplitter"));
    m_topSplitter->addWidget(m_timeline);
    m_topSplitter->addWidget(m_reader);
    m_topSplitter->setStretchFactor(0, 0);
    m_topSplitter->setStretchFactor(1, 1);
    m_topSplitter->setSizes({420, 640});
    m_rightSplitter->setObjectName(QStringLiteral("rightSplitter"));
    m_rightSplitter->addWidget(m_topSplitter);
    m_rightSplitter->addWidget(m_tasks);
    m_rightSplitter->setStretchFactor(0, 1);
    m_rightSplitter->setStretchFactor(1, 0);
    m_rightSplitter->setSizes({520, 260});
    m_outerSplitter->setObjectName(QStringLiteral("outerSplitter"));
    m_outerSplitter->addWidget(m_sidebar);
    m_outerSplitter->addWidget(m_rightSplitter);
    m_outerSplitter->setStretchFactor(0, 0);
    m_outerSplitter->setStretchFactor(1, 1);
    m_outerSplitter->setSizes({260, 1020});
    for (QSplitter *splitter : {m_outerSplitter, m_rightSplitter, m_topSplitter})
        splitter->setChildrenCollapsible(false);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_messageBar);
    layout->addWidget(m_outerSplitter, 1);
    setCentralWidget(central);

    createActions();
    createStatusBar();

    connect(m_controller, &VaultController::loadStarted, this, &MainWindow::loadStarted);
    connect(m_controller, &VaultController::progress, this, &MainWindow::loadProgress);
    connect(m_controller, &VaultController::loadFinished, this, &MainWindow::loadFinished);
    connect(m_controller, &VaultController::loadFailed, this, &MainWindow::loadFailed);
    connect(m_controller->index(), &VaultIndex::resetDone, this, &MainWindow::updateCounts);
    connect(m_controller->index(), &VaultIndex::notesChanged, this, &MainWindow::updateCounts);

    connect(m_sidebar, &Sidebar::entitySelected, this, &MainWindow::entitySelected);
    connect(m_timeline, &TimelinePanel::meetingSelected, this, [this](const QString &key) { m_reader->showNote(key); });
    connect(m_tasks, &TaskPanel::taskActivated, this, &MainWindow::openNote);
    connect(m_taskModel, &TaskModel::toggleRequested, this, &MainWindow::toggleRequested);
    connect(m_reader, &Reader::entityActivated, this, [this](const QString &name) { m_sidebar->selectEntity(name); });
    connect(m_reader, &Reader::noteActivated, this, &MainWindow::openNote);
    connect(m_reader, &Reader::externalLinkRequested, this, [](const QUrl &url) { QDesktopServices::openUrl(url); });
    connect(m_reader, &Reader::linkRefused, this, [this](const QUrl &, const QString &reason) {
        statusBar()->showMessage(reason, 6000);
    });
    wireWriteBack();
    connect(m_controller->watcher(), &VaultWatcher::stateChanged, this, &MainWindow::updateWatchState);
    connect(m_controller->watcher(), &VaultWatcher::problemFound, this, [this](const Problem &problem) {
        statusBar()->showMessage(problem.message, 10000);
        updateWatchState();
    });

    // Overdue is relative to today, and the app may stay open past midnight.
    auto *clock = new QTimer(this);
    clock->setInterval(10 * 60 * 1000);
    connect(clock, &QTimer::timeout, this, [this] { m_taskModel->setToday(QDate::currentDate()); });
    clock->start();

    m_taskModel->setMyNames(QSettings().value(MyNamesKey).toStringList());
    m_reader->showMessage(tr("Minutes"), tr("Open a folder of notes with File › Open Folder… (Ctrl+O)."));
    restoreSettings();
    updateCounts();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(tr("&Open Folder…"), this, &MainWindow::chooseFolder);
    open->setShortcut(QKeySequence::Open);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::rebuildRecentMenu);
    rebuildRecentMenu();
    QAction *reload = file->addAction(tr("Re&load"), this, [this] { m_controller->reload(); });
    reload->setShortcut(QKeySequence::Refresh);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    m_undoAction = edit->addAction(tr("&Undo"), m_writeBack, &TaskWriteBack::undo);
    m_undoAction->setObjectName(QStringLiteral("undoAction"));
    m_undoAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Z));
    m_redoAction = edit->addAction(tr("&Redo"), m_writeBack, &TaskWriteBack::redo);
    m_redoAction->setObjectName(QStringLiteral("redoAction"));
    m_redoAction->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
    updateUndoActions();

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *find = view->addAction(tr("&Search Meetings"), this, [this] {
        m_timeline->searchEdit()->setFocus(Qt::ShortcutFocusReason);
        m_timeline->searchEdit()->selectAll();
    });
    find->setShortcut(QKeySequence::Find);
    view->addSeparator();
    const auto focusView = [](QAbstractItemView *target) {
        target->setFocus(Qt::ShortcutFocusReason);
        if (!target->currentIndex().isValid() && target->model() && target->model()->rowCount() > 0)
            target->setCurrentIndex(target->model()->index(0, 0));
    };
    QAction *sidebar = view->addAction(tr("People and Organisations"), this, [this, focusView] { focusView(m_sidebar->view()); });
    sidebar->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    QAction *timeline = view->addAction(tr("Meetings"), this, [this, focusView] { focusView(m_timeline->view()); });
    timeline->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_2));
    QAction *tasks = view->addAction(tr("Tasks"), this, [this, focusView] { focusView(m_tasks->view()); });
    tasks->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_3));
    QAction *reader = view->addAction(tr("Note"), this, [this] { m_reader->setFocus(Qt::ShortcutFocusReason); });
    reader->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_4));
    view->addSeparator();
    view->addAction(tr("&Problems…"), this, &MainWindow::showProblems);

    QMenu *settings = menuBar()->addMenu(tr("&Settings"));
    settings->addAction(tr("Your &Names…"), this, &MainWindow::editMyNames);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *about = help->addAction(tr("&About Minutes"), this, [this] {
        const QString vault = m_controller->root().isEmpty()
                                  ? tr("none open")
                                  : QDir::toNativeSeparators(m_controller->root()).toHtmlEscaped();
        QMessageBox::about(this, tr("About Minutes"),
                           tr("<h3>Minutes %1</h3><p>A fast browser for a folder of markdown meeting notes: "
                              "the people you meet, your meetings and every action item.</p>"
                              "<p>Vault: %2</p>"
                              "<p>Released under the MIT licence. Built with Qt %3, yaml-cpp and md4c.</p>")
                               .arg(QApplication::applicationVersion(), vault, QString::fromLatin1(qVersion())));
    });
    about->setMenuRole(QAction::AboutRole);
}

void MainWindow::createStatusBar()
{
    m_progress->setObjectName(QStringLiteral("loadProgress"));
    m_progress->setAccessibleName(tr("Loading progress"));
    m_progress->setMaximumWidth(160);
    m_progress->setMaximumHeight(14);
    m_progress->setTextVisible(false);
    m_progress->hide();
    m_counts->setObjectName(QStringLiteral("vaultCounts"));
    m_counts->setForegroundRole(QPalette::PlaceholderText);
    m_problemsButton->setObjectName(QStringLiteral("problemsButton"));
    m_problemsButton->setAutoRaise(true);
    m_problemsButton->setAccessibleName(tr("Show problems"));
    m_problemsButton->hide();
    connect(m_problemsButton, &QToolButton::clicked, this, &MainWindow::showProblems);
    m_writeNoticeBox->setObjectName(QStringLiteral("writeNotice"));
    auto *noticeLayout = new QHBoxLayout(m_writeNoticeBox);
    noticeLayout->setContentsMargins(0, 0, 0, 0);
    noticeLayout->setSpacing(6);
    noticeLayout->addWidget(m_writeText);
    noticeLayout->addWidget(m_writeButton);
    m_writeButton->setObjectName(QStringLiteral("writeNoticeButton"));
    m_writeButton->setAutoRaise(true);
    m_writeButton->setCursor(Qt::PointingHandCursor);
    QFont buttonFont = m_writeButton->font();
    buttonFont.setBold(true);
    m_writeButton->setFont(buttonFont);
    // Flat until hovered: the link colour says it can be clicked.
    QPalette buttonPalette = m_writeButton->palette();
    buttonPalette.setColor(QPalette::ButtonText, buttonPalette.color(QPalette::Link));
    m_writeButton->setPalette(buttonPalette);
    m_writeNoticeBox->hide();
    m_writeNoticeTimer.setSingleShot(true);
    m_writeNoticeTimer.setInterval(20000);
    connect(&m_writeNoticeTimer, &QTimer::timeout, m_writeNoticeBox, &QWidget::hide);
    m_watchState->setObjectName(QStringLiteral("watchState"));
    m_watchState->setForegroundRole(QPalette::PlaceholderText);
    m_watchState->hide();
    statusBar()->addWidget(m_statusText);
    statusBar()->addWidget(m_progress);
    statusBar()->addWidget(m_writeNoticeBox);
    statusBar()->addPermanentWidget(m_watchState);
    statusBar()->addPermanentWidget(m_counts);
    statusBar()->addPermanentWidget(m_problemsButton);
}

void MainWindow::wireWriteBack()
{
    connect(m_taskModel, &TaskModel::toggleRequested, this,
            [this](const QString &path, int line) { setTaskStatus(path, line, std::nullopt); });
    connect(m_tasks, &TaskPanel::statusRequested, this,
            [this](const QString &path, int line, char32_t status) { setTaskStatus(path, line, status); });
    connect(m_writeBack, &TaskWriteBack::historyChanged, this, &MainWindow::updateUndoActions);
    connect(m_writeBack, &TaskWriteBack::written, this,
            [this](TaskWriteBack::Kind kind, const QString &path, const QString &summary) {
                const QString file = path.section(QLatin1Char('/'), -1);
                switch (kind) {
                case TaskWriteBack::Kind::Change:
                    showWriteNotice(tr("Saved: %1 in %2").arg(summary, file), tr("Undo"));
                    break;
                case TaskWriteBack::Kind::Undo:
                    showWriteNotice(tr("Undone: %1 in %2").arg(summary, file), tr("Redo"));
                    break;
                case TaskWriteBack::Kind::Redo:
                    showWriteNotice(tr("Redone: %1 in %2").arg(summary, file), tr("Undo"));
                    break;
                }
                // A refusal about this note is answered by a write that went through.
                if (m_messageBar->text().contains(file))
                    m_messageBar->hide();
            });
    connect(m_writeBack, &TaskWriteBack::refused, this,
            [this](TaskWriteBack::Kind kind, const QString &path, const QString &summary, const QString &reason,
                   bool changedOnDisk) {
                const QString file = path.section(QLatin1Char('/'), -1);
                // The reason may name the file by its full path; the message has named it already.
                QString why = reason;
                why.replace(QDir(m_controller->root()).filePath(path), tr("the note"));
                const QString what = kind == TaskWriteBack::Kind::Undo   ? tr("undo %1").arg(summary)
                                     : kind == TaskWriteBack::Kind::Redo ? tr("redo %1").arg(summary)
                                                                         : summary;
                QString text = tr("Could not %1 in %2: %3").arg(what, file, why);
                if (!text.endsWith(QLatin1Char('.')))
                    text += QLatin1Char('.');
                if (changedOnDisk) {
                    text += QLatin1Char(' ') + tr("The note changed on disk.");
                    m_messageBar->showMessage(text, tr("Reload"), [this, path] {
                        m_writeBack->reloadNote(path);
                        m_messageBar->hide();
                    });
                } else {
                    m_messageBar->showMessage(text);
                }
                m_writeNoticeBox->hide();
            });
    connect(m_writeBack, &TaskWriteBack::noteReloaded, this, [this](const QString &path) {
        statusBar()->showMessage(tr("Reloaded %1").arg(path.section(QLatin1Char('/'), -1)), 5000);
    });
    connect(m_writeButton, &QToolButton::clicked, this, [this] {
        m_writeNoticeBox->hide();
        if (m_writeButton->text() == tr("Redo"))
            m_writeBack->redo();
        else
            m_writeBack->undo();
    });
}

void MainWindow::setTaskStatus(const QString &notePath, int line, std::optional<char32_t> status)
{
    if (!m_writeBack->setStatus(notePath, line, status) && !m_taskModel->isPending(notePath, line))
        statusBar()->showMessage(tr("That task is no longer in %1.").arg(notePath.section(QLatin1Char('/'), -1)), 6000);
}

void MainWindow::updateUndoActions()
{
    const QString undo = m_writeBack->undoText();
    const QString redo = m_writeBack->redoText();
    m_undoAction->setText(undo.isEmpty() ? tr("&Undo") : tr("&Undo %1").arg(undo));
    m_redoAction->setText(redo.isEmpty() ? tr("&Redo") : tr("&Redo %1").arg(redo));
    m_undoAction->setEnabled(m_writeBack->canUndo());
    m_redoAction->setEnabled(m_writeBack->canRedo());
    m_writeButton->setEnabled(!m_writeBack->isBusy());
}

void MainWindow::showWriteNotice(const QString &text, const QString &buttonText)
{
    // A temporary status message would hide the notice: it is the news now.
    statusBar()->clearMessage();
    m_writeText->setText(text);
    m_writeButton->setText(buttonText);
    m_writeButton->setVisible(buttonText == tr("Undo") ? m_writeBack->canUndo() : m_writeBack->canRedo());
    m_writeNoticeBox->show();
    m_writeNoticeTimer.start();
}

void MainWindow::updateWatchState()
{
    const VaultWatcher *watcher = m_controller->watcher();
    switch (watcher->state()) {
    case VaultWatcher::State::RootMissing:
        m_watchState->setText(tr("Vault folder is gone — waiting for it to come back"));
        m_watchState->setToolTip(QDir::toNativeSeparators(watcher->root()));
        m_watchState->show();
        break;
    case VaultWatcher::State::Degraded:
        m_watchState->setText(tr("Watching some folders by polling"));
        m_watchState->setToolTip(tr("The system's limit on watched folders was reached; these folders are checked "
                                    "every few seconds instead:\n%1")
                                     .arg(watcher->unwatchedFolders().mid(0, 20).join(QLatin1Char('\n'))));
        m_watchState->show();
        break;
    case VaultWatcher::State::Stopped:
    case VaultWatcher::State::Watching:
        m_watchState->hide();
        break;
    }
}

bool MainWindow::openPath(const QString &path)
{
    const QFileInfo info(path);
    if (info.isDir()) {
        m_pendingNote.clear();
        return m_controller->open(info.absoluteFilePath());
    }
    if (info.isFile() && info.suffix().compare(QLatin1String("md"), Qt::CaseInsensitive) == 0) {
        const QString root = vaultRootFor(info.absoluteFilePath());
        const QString relative = QDir(root).relativeFilePath(info.absoluteFilePath());
        if (!m_controller->isLoading() && QDir::cleanPath(m_controller->root()) == QDir::cleanPath(root)
            && m_controller->index()->note(relative)) {
            openNote(relative, 0);
            return true;
        }
        if (!m_controller->open(root))
            return false;
        m_pendingNote = relative;
        m_pendingLine = 0;
        return true;
    }
    m_messageBar->showMessage(info.exists() ? tr("%1 is neither a folder nor a markdown note.").arg(QDir::toNativeSeparators(path))
                                            : tr("%1 does not exist.").arg(QDir::toNativeSeparators(path)));
    return false;
}

void MainWindow::openInitial()
{
    const QString last = QSettings().value(LastVaultKey).toString();
    if (!last.isEmpty() && QFileInfo(last).isDir() && !SampleVault::isSample(last)) {
        openPath(last);
        return;
    }
    QString error;
    const std::optional<QString> sample = SampleVault::install(&error);
    if (!sample) {
        m_messageBar->showMessage(error + QLatin1Char(' ') + tr("Open a folder of notes to begin."), tr("Open Folder…"),
                                  [this] { chooseFolder(); });
        return;
    }
    openPath(*sample);
}

QString MainWindow::vaultRootFor(const QString &file)
{
    QDir dir = QFileInfo(file).absoluteDir();
    const QString own = dir.absolutePath();
    const QString home = QDir::homePath();
    for (QDir up = dir;;) {
        if (QFileInfo(up.filePath(QStringLiteral(".obsidian"))).isDir())
            return up.absolutePath();
        if (up.absolutePath() == home || !up.cdUp())
            break;
    }
    return own;
}

void MainWindow::loadStarted(const QString &root)
{
    const QString name = QFileInfo(root).fileName();
    setWindowTitle(tr("%1 — Minutes").arg(name.isEmpty() ? root : name));
    m_statusText->setText(tr("Loading %1…").arg(name));
    m_progress->setRange(0, 0);
    m_progress->show();
    if (!SampleVault::isSample(root))
        m_messageBar->hide();
}

void MainWindow::loadProgress(int done, int total)
{
    if (total <= 0)
        return;
    m_progress->setRange(0, total);
    m_progress->setValue(done);
    m_statusText->setText(tr("Loading %1… %2 of %3 notes").arg(QFileInfo(m_controller->root()).fileName()).arg(done).arg(total));
}

void MainWindow::loadFinished(const QString &root, int notes, qint64 elapsedMs)
{
    m_progress->hide();
    m_statusText->clear();
    const QString time = elapsedMs < 1000 ? tr("%1 ms").arg(elapsedMs) : tr("%1 s").arg(double(elapsedMs) / 1000.0, 0, 'f', 1);
    statusBar()->showMessage(counted(notes, tr("Loaded %1 note in %2"), tr("Loaded %1 notes in %2")).arg(time), 5000);
    addRecent(root);
    QSettings().setValue(LastVaultKey, root);
    if (SampleVault::isSample(root)) {
        m_messageBar->showMessage(tr("This is a sample vault of made-up meetings. To browse your own notes, choose "
                                     "File › Open Folder… (Ctrl+O) or drop a folder on this window."),
                                  tr("Open Folder…"), [this] { chooseFolder(); });
    }

    if (!m_pendingNote.isEmpty()) {
        const QString note = std::exchange(m_pendingNote, QString());
        openNote(note, std::exchange(m_pendingLine, 0));
    } else if (!m_reader->currentPath().isEmpty() && m_controller->index()->note(m_reader->currentPath())) {
        openNote(m_reader->currentPath(), 0);
    } else if (m_timeline->view()->model()->rowCount() > 0) {
        m_timeline->view()->setCurrentIndex(m_timeline->view()->model()->index(0, 0));
    } else {
        m_reader->showMessage(QFileInfo(root).fileName(), tr("No meeting notes were found in this folder."));
    }
    Q_EMIT vaultShown(root);
}

void MainWindow::loadFailed(const QString &root, const QString &message)
{
    Q_UNUSED(root)
    m_progress->hide();
    m_statusText->clear();
    m_messageBar->showMessage(message, tr("Open Folder…"), [this] { chooseFolder(); });
}

void MainWindow::entitySelected(const QString &name, const QStringList &meetingKeys)
{
    m_timeline->setEntity(name, meetingKeys);
    m_tasks->setEntity(name, meetingKeys);
    if (!name.isEmpty()) {
        m_reader->showEntity(name);
    } else if (!m_reader->currentEntity().isEmpty()) {
        const QString meeting = m_timeline->currentMeeting();
        if (!meeting.isEmpty())
            m_reader->showNote(meeting);
        else
            m_reader->showMessage(tr("Everyone"), tr("Choose a meeting to read it."));
    }
}

void MainWindow::openNote(const QString &relativePath, int line)
{
    if (!m_timeline->selectMeeting(relativePath) && m_controller->index()->meetingForNote(relativePath)) {
        // The meeting is hidden by the search or the selected person: show everything.
        m_timeline->searchEdit()->clear();
        if (!m_sidebar->selectedEntity().isEmpty()) {
            const Meeting *meeting = m_controller->index()->meetingForNote(relativePath);
            const Entity *entity = m_controller->index()->entity(m_sidebar->selectedEntity());
            if (!entity || !entity->meetingKeys.contains(meeting->key))
                m_sidebar->selectEveryone();
        }
        m_timeline->selectMeeting(relativePath);
    }
    m_reader->showNote(relativePath, line);
}

void MainWindow::chooseFolder()
{
    const QString start = m_controller->root().isEmpty() ? QDir::homePath() : m_controller->root();
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Open Folder of Notes"), start);
    if (!folder.isEmpty())
        openPath(folder);
}

void MainWindow::editMyNames()
{
    bool ok = false;
    const QString names = QInputDialog::getText(
        this, tr("Your Names"),
        tr("Tasks owned by @Myself are yours. Which other names in your notes mean you?\n"
           "Separate names with commas."),
        QLineEdit::Normal, m_taskModel->myNames().join(QStringLiteral(", ")), &ok);
    if (!ok)
        return;
    QStringList list;
    for (const QString &name : names.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (!name.trimmed().isEmpty())
            list.append(name.trimmed());
    }
    QSettings().setValue(MyNamesKey, list);
    m_taskModel->setMyNames(list);
}

void MainWindow::showProblems()
{
    if (!m_problemsDialog) {
        m_problemsDialog = new ProblemsDialog(m_problemModel, this);
        connect(m_problemsDialog, &ProblemsDialog::problemActivated, this, &MainWindow::openNote);
    }
    m_problemsDialog->show();
    m_problemsDialog->raise();
    m_problemsDialog->activateWindow();
}

void MainWindow::updateCounts()
{
    const VaultSummary summary = m_controller->index()->summary();
    QStringList parts{counted(summary.notes, tr("%1 note"), tr("%1 notes")), counted(summary.meetings, tr("%1 meeting"), tr("%1 meetings")),
                      counted(summary.people, tr("%1 person"), tr("%1 people")), counted(summary.organisations, tr("%1 organisation"), tr("%1 organisations")),
                      counted(summary.openTasks, tr("%1 open task"), tr("%1 open tasks"))};
    m_counts->setText(parts.join(QStringLiteral(" · ")) + QStringLiteral("  "));
    const int problems = int(m_problemModel->rowCount());
    m_problemsButton->setText(counted(problems, tr("⚠ %1 problem"), tr("⚠ %1 problems")));
    m_problemsButton->setToolTip(tr("Notes that could not be read completely"));
    m_problemsButton->setVisible(problems > 0);
}

void MainWindow::addRecent(const QString &folder)
{
    QSettings settings;
    QStringList recent = settings.value(RecentKey).toStringList();
    recent.removeAll(folder);
    recent.prepend(folder);
    while (recent.size() > MaxRecent)
        recent.removeLast();
    settings.setValue(RecentKey, recent);
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(RecentKey).toStringList();
    for (const QString &folder : recent) {
        QAction *action = m_recentMenu->addAction(QDir::toNativeSeparators(folder), this, [this, folder] { openPath(folder); });
        action->setEnabled(QFileInfo(folder).isDir());
    }
    if (recent.isEmpty()) {
        m_recentMenu->addAction(tr("No recent folders"))->setEnabled(false);
        return;
    }
    m_recentMenu->addSeparator();
    m_recentMenu->addAction(tr("Clear Menu"), this, [] { QSettings().remove(RecentKey); });
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/outerSplitter"), m_outerSplitter->saveState());
    settings.setValue(QStringLiteral("window/rightSplitter"), m_rightSplitter->saveState());
    settings.setValue(QStringLiteral("window/topSplitter"), m_topSplitter->saveState());
    m_sidebar->saveSettings();
    m_tasks->saveSettings();
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    const QByteArray geometry = settings.value(QStringLiteral("window/geometry")).toByteArray();
    if (geometry.isEmpty() || !restoreGeometry(geometry))
        resize(1280, 820);
    m_outerSplitter->restoreState(settings.value(QStringLiteral("window/outerSplitter")).toByteArray());
    m_rightSplitter->restoreState(settings.value(QStringLiteral("window/rightSplitter")).toByteArray());
    m_topSplitter->restoreState(settings.value(QStringLiteral("window/topSplitter")).toByteArray());
    m_sidebar->restoreSettings();
    m_tasks->restoreSettings();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    if (m_problemsDialog)
        m_problemsDialog->close();
    QMainWindow::closeEvent(event);
}

bool MainWindow::isDroppable(const QMimeData *mime)
{
    if (!mime || !mime->hasUrls() || mime->urls().isEmpty())
        return false;
    const QUrl url = mime->urls().constFirst();
    if (!url.isLocalFile())
        return false;
    const QFileInfo info(url.toLocalFile());
    return info.isDir() || (info.isFile() && info.suffix().compare(QLatin1String("md"), Qt::CaseInsensitive) == 0);
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (isDroppable(event->mimeData()))
        event->acceptProposedAction();
}

void MainWindow::dragMoveEvent(QDragMoveEvent *event)
{
    if (isDroppable(event->mimeData()))
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    if (!isDroppable(event->mimeData()))
        return;
    if (openPath(event->mimeData()->urls().constFirst().toLocalFile()))
        event->acceptProposedAction();
}

} // namespace minutes
