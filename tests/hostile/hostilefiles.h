#pragma once

// Helpers shared by the hostile suites: writing files whose names and contents are hostile, and
// an inotify spy that says whether anything opened a file outside the vault.

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QList>
#include <QString>

#include <cerrno>

#include <fcntl.h>
#include <sys/inotify.h>
#include <unistd.h>

namespace hostile {

// A note the hostile neighbours must not disturb: it loads with this title and one open task.
inline const QString ControlPath = QStringLiteral("Good/2025-05-06 Control.md");
inline const QByteArray ControlNote = "---\ntitle: Control meeting\ndate: 2025-05-06\nparticipants: [Ada Wren]\n---\n"
                                      "# Control meeting\n\n- [ ] Ping the team @Ada Wren 📅 2025-05-09\n";

// What a file outside the vault holds; it must never show up in a note.
inline const QByteArray CanaryText = "canary: the secret outside the vault 7f3a9c";

// Writes `bytes` at `path` (made absolute against `root` when relative), creating folders.
inline bool writeFile(const QString &root, const QString &path, const QByteArray &bytes)
{
    const QString absolute = QDir::isAbsolutePath(path) ? path : root + QLatin1Char('/') + path;
    if (!QDir().mkpath(QFileInfo(absolute).absolutePath()))
        return false;
    QFile file(absolute);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

// Writes a file under a raw byte name (newlines, bytes that are not UTF-8), which QString
// cannot always carry.
inline bool writeRawName(const QString &root, const QByteArray &name, const QByteArray &bytes)
{
    const QByteArray path = QFile::encodeName(root) + '/' + name;
    const int fd = ::open(path.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return false;
    const bool ok = ::write(fd, bytes.constData(), size_t(bytes.size())) == bytes.size();
    return ::close(fd) == 0 && ok;
}

inline bool symlink(const QByteArray &target, const QString &root, const QString &name)
{
    const QString path = root + QLatin1Char('/') + name;
    return QDir().mkpath(QFileInfo(path).absolutePath())
           && ::symlink(target.constData(), QFile::encodeName(path).constData()) == 0;
}

// Watches a folder outside the vault (and the files in it) for opens and reads. inotify reports
// IN_OPEN and IN_ACCESS for every open and read, through a symlink too, and stat() or realpath()
// are not opens: so an empty event list means nothing in that folder was read.
class OpenSpy
{
public:
    explicit OpenSpy(const QString &folder)
        : m_fd(::inotify_init1(IN_NONBLOCK | IN_CLOEXEC))
    {
        if (m_fd >= 0)
            m_watch = ::inotify_add_watch(m_fd, QFile::encodeName(folder).constData(), IN_OPEN | IN_ACCESS);
    }
    ~OpenSpy()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    OpenSpy(const OpenSpy &) = delete;
    OpenSpy &operator=(const OpenSpy &) = delete;

    bool isValid() const { return m_fd >= 0 && m_watch >= 0; }

    // Names opened or read since the last call ("." for the folder itself).
    QStringList takeEvents()
    {
        QStringList names;
        alignas(inotify_event) char buffer[8192];
        for (;;) {
            const ssize_t n = ::read(m_fd, buffer, sizeof buffer);
            if (n <= 0)
                break;
            for (ssize_t at = 0; at < n;) {
                const auto *event = reinterpret_cast<const inotify_event *>(buffer + at);
                const QString what = event->len > 0 ? QFile::decodeName(event->name) : QStringLiteral(".");
                names.append(QStringLiteral("%1 %2").arg(what, (event->mask & IN_OPEN) ? QStringLiteral("opened")
                                                                                          : QStringLiteral("read")));
                at += ssize_t(sizeof(inotify_event) + event->len);
            }
        }
        return names;
    }

private:
    int m_fd = -1;
    int m_watch = -1;
};

} // namespace hostile
