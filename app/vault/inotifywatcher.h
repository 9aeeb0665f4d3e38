#pragma once

#include <QList>
#include <QString>

#include <functional>
#include <memory>

class QSocketNotifier;

namespace minutes {

// One event read from inotify: the watch it came from, what happened, and the entry's name
// inside the watched folder (empty when the event is about the folder itself).
struct InotifyEvent
{
    int watch = -1;
    quint32 mask = 0;
    QString name;
};

// A thin, non-blocking wrapper around one inotify instance (VaultWatcher's private helper). It
// only adds and removes watches and hands every batch of events read to a callback on the
// thread that created it; what the events mean is VaultWatcher's business.
class InotifyWatcher final
{
public:
    explicit InotifyWatcher(std::function<void(const QList<InotifyEvent> &)> onEvents);
    // An instance that only adds watches (on any thread) until attach() is called; events that
    // happen meanwhile wait in the kernel's queue.
    InotifyWatcher();
    // Reports events from now on to `onEvents`, on the calling thread (once).
    void attach(std::function<void(const QList<InotifyEvent> &)> onEvents);
    ~InotifyWatcher();
    InotifyWatcher(const InotifyWatcher &) = delete;
    InotifyWatcher &operator=(const InotifyWatcher &) = delete;

    bool isValid() const { return m_fd >= 0; }
    QString errorString() const { return m_error; }

    // Adds (or updates) a watch on a folder. Returns the watch descriptor, or -1 with the OS
    // error number in `error` (ENOSPC when the per-user watch limit is reached).
    int addWatch(const QString &absolutePath, quint32 mask, int *error);
    void removeWatch(int watch);
    // A disabled instance reads and reports nothing more.
    void setEnabled(bool enabled);

private:
    void readEvents();

    int m_fd = -1;
    QString m_error;
    std::unique_ptr<QSocketNotifier> m_notifier;
    std::function<void(const QList<InotifyEvent> &)> m_onEvents;
};

} // namespace minutes
