#pragma once

#include "vault/vaultindex.h"
#include "vault/vaultwatcher.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <atomic>
#include <memory>

namespace minutes {

// Owns the VaultIndex the window shows and loads folders into it off the GUI thread
// (QtConcurrent + QFutureWatcher). Each load has a generation: opening another folder cancels
// the running load and its result is dropped. Progress is polled from shared counters, so no
// worker ever touches a QObject. A VaultWatcher keeps the loaded vault live: changes on disk
// reach the index as incremental updates.
class VaultController final : public QObject
{
    Q_OBJECT
public:
    explicit VaultController(QObject *parent = nullptr);
    ~VaultController() override;

    VaultIndex *index() { return &m_index; }
    const VaultIndex *index() const { return &m_index; }
    VaultWatcher *watcher() const { return m_watcher.get(); }
    // The folder loaded or being loaded (absolute, clean); empty before the first open().
    QString root() const { return m_root; }
    bool isLoading() const { return m_loading != nullptr; }

    // Starts loading `folder`; returns false (and emits loadFailed) when it is no readable folder.
    bool open(const QString &folder);
    // Loads the current folder again.
    bool reload();
    // Cancels any load and empties the index.
    void close();

Q_SIGNALS:
    void loadStarted(const QString &root);
    void progress(int done, int total);
    void loadFinished(const QString &root, int notes, qint64 elapsedMs);
    void loadFailed(const QString &root, const QString &message);

private:
    struct LoadState
    {
        std::atomic_bool cancel = false;
        std::atomic_int done = 0;
        std::atomic_int total = 0;
    };
    void cancelRunning();
    void reportProgress();

    VaultIndex m_index;
    std::unique_ptr<VaultWatcher> m_watcher;   // after m_index: it goes first
    QString m_root;
    int m_generation = 0;
    std::shared_ptr<LoadState> m_loading;
    QTimer m_progressTimer;
    int m_lastDone = -1;
    int m_lastTotal = -1;
};

} // namespace minutes
