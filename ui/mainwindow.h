#pragma once

#include <QMainWindow>
#include <QPointer>
#include <QTimer>

#include <optional>

class QAction;
class QLabel;
class QMenu;
class QMimeData;
class QProgressBar;
class QSplitter;
class QToolButton;

namespace minutes {

class EntityModel;
class MeetingModel;
class MessageBar;
class ProblemModel;
class ProblemsDialog;
class Reader;
class Sidebar;
class TaskModel;
class TaskPanel;
class TaskWriteBack;
class TimelinePanel;
class VaultController;

// The window: sidebar of people and organisations on the left, the timeline of meetings and the
// reader beside it, the task panel below. Opens folders and notes (arguments, File > Open, recent
// folders, drag and drop), loads them off the GUI thread and remembers its layout. Keeps the vault
// live (the controller's watcher; its trouble shows in the status bar) and writes ticked tasks
// back (TaskWriteBack): a notice with Undo after each, Edit › Undo/Redo, and an inline message
// naming the note and the reason when a write is refused.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // A folder opens as the vault; a markdown file opens its vault (the nearest folder up with an
    // .obsidian folder, else its own folder) and then the note. False (and a message) otherwise.
    bool openPath(const QString &path);
    // The vault of the last session, else the built-in sample vault.
    void openInitial();

    VaultController *controller() const { return m_controller; }
    Sidebar *sidebar() const { return m_sidebar; }
    TimelinePanel *timeline() const { return m_timeline; }
    TaskPanel *taskPanel() const { return m_tasks; }
    Reader *reader() const { return m_reader; }
    MessageBar *messageBar() const { return m_messageBar; }
    QToolButton *problemsButton() const { return m_problemsButton; }
    TaskModel *taskModel() const { return m_taskModel; }
    TaskWriteBack *writeBack() const { return m_writeBack; }
    QAction *undoAction() const { return m_undoAction; }
    QAction *redoAction() const { return m_redoAction; }
    // The notice after a write ("Saved: tick “Send deck” in x.md") and its Undo/Redo button.
    QLabel *writeNotice() const { return m_writeText; }
    QToolButton *writeNoticeButton() const { return m_writeButton; }
    // Says what is wrong with watching the vault; hidden while all is well.
    QLabel *watchStateLabel() const { return m_watchState; }

    // Writes `status` (nullopt: the plugin's toggle) into the task at `line` of `notePath`.
    void setTaskStatus(const QString &notePath, int line, std::optional<char32_t> status);

Q_SIGNALS:
    // The user ticked (or unticked) a task: the file should change.
    void toggleRequested(const QString &notePath, int line);
    // A load finished and the window shows the new vault.
    void vaultShown(const QString &root);

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createActions();
    void createStatusBar();
    void wireWriteBack();
    void updateUndoActions();
    void showWriteNotice(const QString &text, const QString &buttonText);
    void updateWatchState();
    void loadStarted(const QString &root);
    void loadProgress(int done, int total);
    void loadFinished(const QString &root, int notes, qint64 elapsedMs);
    void loadFailed(const QString &root, const QString &message);
    void entitySelected(const QString &name, const QStringList &meetingKeys);
    void openNote(const QString &relativePath, int line);
    void chooseFolder();
    void editMyNames();
    void showProblems();
    void updateCounts();
    void addRecent(const QString &folder);
    void rebuildRecentMenu();
    void saveSettings() const;
    void restoreSettings();
    static QString vaultRootFor(const QString &file);
    static bool isDroppable(const QMimeData *mime);

    VaultController *m_controller;
    EntityModel *m_entityModel;
    MeetingModel *m_meetingModel;
    TaskModel *m_taskModel;
    ProblemModel *m_problemModel;
    TaskWriteBack *m_writeBack;

    MessageBar *m_messageBar;
    Sidebar *m_sidebar;
    TimelinePanel *m_timeline;
    Reader *m_reader;
    TaskPanel *m_tasks;
    QSplitter *m_outerSplitter;
    QSplitter *m_rightSplitter;
    QSplitter *m_topSplitter;
    QMenu *m_recentMenu = nullptr;
    QLabel *m_statusText;
    QProgressBar *m_progress;
    QLabel *m_counts;
    QToolButton *m_problemsButton;
    QWidget *m_writeNoticeBox;
    QLabel *m_writeText;
    QToolButton *m_writeButton;
    QTimer m_writeNoticeTimer;
    QLabel *m_watchState;
    QAction *m_undoAction = nullptr;
    QAction *m_redoAction = nullptr;
    QPointer<ProblemsDialog> m_problemsDialog;

    QString m_pendingNote;   // relative path to show once the loading vault is in
    int m_pendingLine = 0;
};

} // namespace minutes
