#pragma once

#include "core/problem.h"
#include "vault/vaultwatchscan.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QTimer>

#include <chrono>
#include <memory>
#include <optional>

namespace minutes {

class InotifyWatcher;
struct InotifyEvent;
class VaultIndex;

// Watches added on a worker thread before a vault is scanned (VaultWatcher::prepare), for the
// watcher that starts on the index of that scan: a change after a folder was watched waits in
// the kernel's queue, so nothing between the scan and the watch is missed, and the GUI thread
// does not list every folder itself.
struct PreparedWatch
{
    PreparedWatch();
    ~PreparedWatch();

    QString root;                         // as VaultIndex::root() gives it
    std::unique_ptr<InotifyWatcher> inotify;
    QHash<int, QString> folderByWatch;
    QHash<QString, int> watchByFolder;
    QSet<QString> unwatched;              // past the watch limit
    std::optional<QString> firstPastLimit;
};

// Keeps a VaultIndex live while files change on disk. One raw inotify watch per folder (which,
// unlike QFileSystemWatcher, sees in-place writes); a burst of events settles, then a worker
// thread re-reads only the files whose size, mtime or content hash differ from the index, and
// the result goes to VaultIndex::apply() (never a reset). Copes with queue overflow (rescan by
// size and mtime), new and removed folders, the root disappearing (polls until it returns) and
// the watch limit (the folders it could not watch are rescanned on a timer). Lives on the GUI
// thread; follows the index: every reset() restarts watching at the index's root.
class VaultWatcher final : public QObject
{
    Q_OBJECT
public:
    enum class State {
        Stopped,       // the index has no root
        Watching,      // every folder has a watch
        Degraded,      // some folders could not be watched: they are rescanned periodically
        RootMissing,   // the vault folder is gone (deleted, renamed, unmounted): polling for it
    };
    Q_ENUM(State)

    explicit VaultWatcher(VaultIndex *index, QObject *parent = nullptr);
    ~VaultWatcher() override;

    // Watches every folder of the vault at `root` (on any thread), to be adopted when an index
    // of that vault is reset with it (ScanResult::watch); none when inotify is unavailable.
    static std::shared_ptr<PreparedWatch> prepare(const QString &root);

    State state() const { return m_state; }
    QString root() const { return m_root; }
    int watchedFolderCount() const { return int(m_watchByFolder.size()); }
    QStringList unwatchedFolders() const;   // relative; polled instead
    // How often the kernel's event queue overflowed (each time, everything was rescanned).
    int overflowCount() const { return m_overflows; }
    // True when no event is waiting and no check is running.
    bool isIdle() const;

    // Quiet time after the last event before checking (restarted by each event) and the most a
    // continuous stream of events can delay a check.
    void setSettleInterval(std::chrono::milliseconds interval) { m_settleInterval = interval; }
    void setMaxDelay(std::chrono::milliseconds delay) { m_maxDelay = delay; }
    // How often a missing root and unwatched folders are looked at.
    void setPollInterval(std::chrono::milliseconds interval);
    // Uses at most this many folder watches (0: as many as the OS allows). Beyond it the watcher
    // behaves as when the OS limit is reached.
    void setMaxWatches(int count) { m_maxWatches = count; }

public Q_SLOTS:
    // Checks every note against the disk (size and mtime), as after a queue overflow.
    void rescan();

Q_SIGNALS:
    void stateChanged(minutes::VaultWatcher::State state);
    // Something about watching the user should know (watch limit reached; inotify unavailable).
    // Said once per cause, not per folder.
    void problemFound(const minutes::Problem &problem);
    // A settled batch was checked and, when anything differed, applied to the index.
    void synced(int changed, int removed);

private:
    void start();
    void stop();
    void startWatching();
    void enterRootMissing();
    void retireInotify();
    void setState(State state);
    void handleEvents(const QList<InotifyEvent> &events);
    void watchTree(const QString &relativeFolder);
    void watchLimitReached(const QString &folder);
    bool adoptPreparedWatch();
    void unwatchTree(const QString &relativeFolder);
    void forgetWatch(int watch);
    void markFile(const QString &relativePath, bool written);
    void markFolder(const QString &relativeFolder);
    void schedule();
    void poll();
    void flush();
    void finishJob(VaultWatchOutcome outcome);
    QString absolute(const QString &relativePath) const;

    VaultIndex *m_index;
    QString m_root;
    State m_state = State::Stopped;
    std::unique_ptr<InotifyWatcher> m_inotify;
    QHash<int, QString> m_folderByWatch;        // watch descriptor -> relative folder ("" = root)
    QHash<QString, int> m_watchByFolder;
    QSet<QString> m_unwatched;                  // folders that could not be watched: polled
    bool m_limitReported = false;
    int m_maxWatches = 0;
    int m_overflows = 0;

    // Waiting for the next check.
    QHash<QString, bool> m_dirtyFiles;          // relative path -> content was written
    QSet<QString> m_dirtyFolders;               // list again ("" = everything)
    QSet<QString> m_goneFolders;                // folders deleted or moved away
    QHash<QString, VaultWatchStamp> m_confirmed; // same content as indexed, newer size/mtime

    std::chrono::milliseconds m_settleInterval{150};
    std::chrono::milliseconds m_maxDelay{1000};
    QTimer m_settle;
    QTimer m_poll;
    QElapsedTimer m_burst;                      // since the first event of the pending batch

    QFutureWatcher<VaultWatchOutcome> *m_job = nullptr;
    int m_generation = 0;
};

} // namespace minutes
