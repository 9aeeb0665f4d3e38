#include "vault/inotifywatcher.h"

#include <QFile>
#include <QSocketNotifier>

#include <cerrno>
#include <cstring>

#include <sys/inotify.h>
#include <unistd.h>

namespace minutes {

InotifyWatcher::InotifyWatcher()
{
    m_fd = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (m_fd < 0)   // EMFILE here means fs.inotify.max_user_instances is exhausted
        m_error = QString::fromLocal8Bit(std::strerror(errno));
}

InotifyWatcher::InotifyWatcher(std::function<void(const QList<InotifyEvent> &)> onEvents)
    : InotifyWatcher()
{
    attach(std::move(onEvents));
}

void InotifyWatcher::attach(std::function<void(const QList<InotifyEvent> &)> onEvents)
{
    m_onEvents = std::move(onEvents);
    if (m_fd < 0 || m_notifier)
        return;
    m_notifier = std::make_unique<QSocketNotifier>(m_fd, QSocketNotifier::Read);
    QObject::connect(m_notifier.get(), &QSocketNotifier::activated, m_notifier.get(),
                     [this] { readEvents(); });
}

InotifyWatcher::~InotifyWatcher()
{
    m_notifier.reset();
    if (m_fd >= 0)
        ::close(m_fd);
}

int InotifyWatcher::addWatch(const QString &absolutePath, quint32 mask, int *error)
{
    if (m_fd < 0) {
        *error = EBADF;
        return -1;
    }
    const int watch = ::inotify_add_watch(m_fd, QFile::encodeName(absolutePath).constData(), mask);
    if (watch < 0)
        *error = errno;
    return watch;
}

void InotifyWatcher::removeWatch(int watch)
{
    // EINVAL when the kernel already dropped it (folder deleted): nothing left to do.
    if (m_fd >= 0)
        ::inotify_rm_watch(m_fd, watch);
}

void InotifyWatcher::setEnabled(bool enabled)
{
    if (m_notifier)
        m_notifier->setEnabled(enabled);
}

void InotifyWatcher::readEvents()
{
    // Large enough for hundreds of events per read; aligned as inotify(7) asks.
    alignas(struct inotify_event) char buffer[64 * 1024];
    QList<InotifyEvent> events;
    for (;;) {
        const ssize_t length = ::read(m_fd, buffer, sizeof buffer);
        if (length < 0) {
            if (errno == EINTR)
                continue;
            break;   // EAGAIN: drained
        }
        if (length == 0)
            break;
        for (ssize_t offset = 0; offset < length;) {
            const auto *raw = reinterpret_cast<const struct inotify_event *>(buffer + offset);
            InotifyEvent event;
            event.watch = raw->wd;
            event.mask = raw->mask;
            if (raw->len > 0)
                event.name = QFile::decodeName(raw->name);   // NUL-padded; decodeName stops at the NUL
            events.append(std::move(event));
            offset += ssize_t(sizeof(struct inotify_event)) + raw->len;
        }
    }
    if (!events.isEmpty() && m_onEvents)
        m_onEvents(events);
}

} // namespace minutes
