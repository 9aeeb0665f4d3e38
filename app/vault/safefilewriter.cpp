#include "vault/safefilewriter.h"

#include <QCryptographicHash>
#include <QFileInfo>
#include <QSaveFile>

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

namespace minutes {

namespace {

QString systemError(int error) { return QString::fromLocal8Bit(std::strerror(error)); }

// An open descriptor that closes itself (and so drops its flock).
class Descriptor
{
public:
    explicit Descriptor(int fd) : m_fd(fd) {}
    ~Descriptor()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    Descriptor(const Descriptor &) = delete;
    Descriptor &operator=(const Descriptor &) = delete;
    int get() const { return m_fd; }

private:
    int m_fd;
};

// The whole content of an open file, read from offset 0.
std::optional<QByteArray> readAll(int fd, QString *error)
{
    QByteArray data;
    char buffer[65536];
    off_t offset = 0;
    for (;;) {
        const ssize_t n = ::pread(fd, buffer, sizeof buffer, offset);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            *error = QStringLiteral("Cannot read the note: %1").arg(systemError(errno));
            return std::nullopt;
        }
        if (n == 0)
            return data;
        data.append(buffer, n);
        offset += n;
    }
}

bool lockExclusive(int fd)
{
    for (;;) {
        if (::flock(fd, LOCK_EX) == 0)
            return true;
        if (errno != EINTR)
            return false; // e.g. a file system without locks: the re-read checks still apply
    }
}

QString fileKind(mode_t mode)
{
    if (S_ISFIFO(mode))
        return QStringLiteral("a FIFO");
    if (S_ISDIR(mode))
        return QStringLiteral("a folder");
    if (S_ISSOCK(mode))
        return QStringLiteral("a socket");
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return QStringLiteral("a device");
    return QStringLiteral("a special file");
}

bool sameFile(const struct stat &a, const struct stat &b) { return a.st_dev == b.st_dev && a.st_ino == b.st_ino; }

// Copies the user.* extended attributes of `from` to `to`. False (with *error) on failure.
bool copyUserAttributes(int from, int to, QString *error)
{
    const ssize_t size = ::flistxattr(from, nullptr, 0);
    if (size < 0)
        return errno == ENOTSUP || errno == ENOSYS;
    QByteArray names(size, '\0');
    const ssize_t got = ::flistxattr(from, names.data(), names.size());
    if (got < 0)
        return errno == ENOTSUP || errno == ENOSYS;
    for (const QByteArray &name : names.left(got).split('\0')) {
        if (!name.startsWith("user."))
            continue;
        const ssize_t len = ::fgetxattr(from, name.constData(), nullptr, 0);
        QByteArray value(len > 0 ? len : 0, '\0');
        if (len < 0 || ::fgetxattr(from, name.constData(), value.data(), value.size()) < 0
            || ::fsetxattr(to, name.constData(), value.constData(), value.size(), 0) != 0) {
            *error = QStringLiteral("Cannot keep the extended attribute %1: %2")
                         .arg(QString::fromUtf8(name), systemError(errno));
            return false;
        }
    }
    return true;
}

// A new read-only open file description of the file behind `fd` (its own flock).
int openAgain(int fd)
{
    const QByteArray proc = "/proc/self/fd/" + QByteArray::number(fd);
    const int again = ::open(proc.constData(), O_RDONLY | O_CLOEXEC);
    return again >= 0 ? again : ::dup(fd);
}

bool writeAll(QSaveFile &file, const QByteArray &data)
{
    qint64 done = 0;
    while (done < data.size()) {
        const qint64 n = file.write(data.constData() + done, data.size() - done);
        if (n <= 0)
            return false;
        done += n;
    }
    return true;
}

} // namespace

SafeFileWriter::SafeFileWriter(const QString &vaultRoot)
    : m_root(vaultRoot)
{
}

std::optional<QString> SafeFileWriter::resolve(const QString &path, QString *error) const
{
    const QString root = QFileInfo(m_root).canonicalFilePath();
    if (root.isEmpty()) {
        *error = QStringLiteral("The vault folder %1 does not exist").arg(m_root);
        return std::nullopt;
    }
    const QFileInfo info(path);
    const QString target = info.canonicalFilePath();
    if (target.isEmpty()) {
        *error = info.isSymLink() ? QStringLiteral("%1 is a broken symbolic link").arg(path)
                                  : QStringLiteral("%1 does not exist").arg(path);
        return std::nullopt;
    }
    const QString prefix = root.endsWith(u'/') ? root : root + u'/';
    if (!target.startsWith(prefix)) {
        *error = info.isSymLink()
            ? QStringLiteral("%1 is a symbolic link to %2, outside the vault; Minutes will not write there")
                  .arg(path, target)
            : QStringLiteral("%1 lies outside the vault (%2); Minutes will not write there").arg(path, root);
        return std::nullopt;
    }
    struct stat st;
    if (::lstat(QFile::encodeName(target).constData(), &st) != 0 || !S_ISREG(st.st_mode)) {
        *error = QStringLiteral("%1 is not a regular file").arg(path);
        return std::nullopt;
    }
    return target;
}

SafeFileWriter::Result SafeFileWriter::write(const QString &path, const Transform &transform) const
{
    Result result;
    const std::optional<QString> target = resolve(path, &result.error);
    if (!target)
        return result;
    result.target = *target;
    const QByteArray nativeTarget = QFile::encodeName(*target);

    // After a commit that overwrote somebody's write to the old file: that content is the new base,
    // and the path should still hold what we wrote.
    std::optional<QByteArray> pendingBase;
    QByteArray expectedAtPath;

    for (int attempt = 1; attempt <= MaxAttempts; ++attempt) {
        result.attempts = attempt;
        // resolve() saw a regular file, but it may have been swapped since: O_NONBLOCK so that a
        // FIFO does not wait for a writer, and whatever was opened is checked before it is
        // locked or read. (For a regular file O_NONBLOCK changes nothing.)
        const Descriptor fd(::open(nativeTarget.constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOFOLLOW));
        if (fd.get() < 0) {
            result.error = QStringLiteral("Cannot open %1: %2").arg(path, systemError(errno));
            return result;
        }
        struct stat st, atPath;
        if (::fstat(fd.get(), &st) != 0) {
            result.error = QStringLiteral("Cannot examine %1: %2").arg(path, systemError(errno));
            return result;
        }
        if (!S_ISREG(st.st_mode)) {
            result.error = QStringLiteral("%1 is not a regular file (it is %2 now); Minutes leaves it alone")
                               .arg(path, fileKind(st.st_mode));
            return result;
        }
        lockExclusive(fd.get());
        if (::fstat(fd.get(), &st) != 0 || ::stat(nativeTarget.constData(), &atPath) != 0) {
            result.error = QStringLiteral("Cannot examine %1: %2").arg(path, systemError(errno));
            return result;
        }
        if (!sameFile(st, atPath))
            continue; // replaced while we waited for the lock: lock the new one
        // As root, QSaveFile would happily replace a read-only file and make it writable.
        if ((st.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) == 0
            || (::geteuid() != 0 && ::access(nativeTarget.constData(), W_OK) != 0)) {
            result.error = QStringLiteral("%1 is read-only; Minutes leaves it unchanged").arg(path);
            return result;
        }
        if (st.st_nlink > 1) {
            result.error = QStringLiteral("%1 has %2 hard links; saving would separate them, so Minutes "
                                          "leaves it unchanged").arg(path).arg(st.st_nlink);
            return result;
        }

        QString error;
        const std::optional<QByteArray> current = readAll(fd.get(), &error);
        if (!current) {
            result.error = error;
            return result;
        }
        QByteArray base = *current;
        if (pendingBase) {
            if (*current == expectedAtPath)
                base = *pendingBase;
            pendingBase.reset();
        }
        const std::optional<QByteArray> output = transform(base, &error);
        if (!output) {
            result.error = error;
            return result;
        }
        result.before = base;

        QSaveFile save(*target);
        save.setDirectWriteFallback(false);
        if (!save.open(QIODevice::WriteOnly | QIODevice::Unbuffered)) {
            result.error = QStringLiteral("Cannot save %1: %2").arg(path, save.errorString());
            return result;
        }
        if (::fchmod(save.handle(), st.st_mode & 07777) != 0
            || (::geteuid() == 0 && ::fchown(save.handle(), st.st_uid, st.st_gid) != 0)) {
            result.error = QStringLiteral("Cannot keep the permissions of %1: %2").arg(path, systemError(errno));
            save.cancelWriting();
            return result;
        }
        if (!copyUserAttributes(fd.get(), save.handle(), &error)) {
            result.error = error;
            save.cancelWriting();
            return result;
        }
        // Unbuffered, so that a full disk shows up here and not in a commit() that Qt 6.4 would
        // report as successful after truncating the note.
        if (!writeAll(save, *output)) {
            result.error = QStringLiteral("Cannot save %1: %2").arg(path, save.errorString());
            save.cancelWriting();
            return result;
        }

        // Last look before the rename: a change since we read means redoing the edit on it.
        const std::optional<QByteArray> justBefore = readAll(fd.get(), &error);
        struct stat stillAtPath;
        if (!justBefore || ::stat(nativeTarget.constData(), &stillAtPath) != 0 || !sameFile(st, stillAtPath)
            || *justBefore != *current) {
            save.cancelWriting();
            continue;
        }
        // Lock the new file as well before it appears at the path: a cooperating writer that
        // opens it after the rename waits until it has been checked. A second open file
        // description keeps the lock when QSaveFile closes its own descriptor on commit.
        const Descriptor written(openAgain(save.handle()));
        if (written.get() < 0) {
            result.error = QStringLiteral("Cannot save %1: %2").arg(path, systemError(errno));
            save.cancelWriting();
            return result;
        }
        lockExclusive(written.get());
        if (!save.commit()) {
            result.error = QStringLiteral("Cannot save %1: %2").arg(path, save.errorString());
            return result;
        }

        // Read back what was written (Qt 6.4 can report success for a truncated file). Only a
        // non-cooperating appender could have added to it since.
        result.after = *output;
        result.contentHash = QCryptographicHash::hash(*output, QCryptographicHash::Sha1);
        const std::optional<QByteArray> check = readAll(written.get(), &error);
        if (!check || check->size() < output->size()
            || QCryptographicHash::hash(check->left(output->size()), QCryptographicHash::Sha1) != result.contentHash) {
            result.error = QStringLiteral("Saving %1 went wrong: the saved file holds %2 bytes, not the %3 "
                                          "written; the previous version may be lost")
                               .arg(path).arg(check ? check->size() : -1).arg(output->size());
            return result;
        }
        // Somebody who had the old file open may have written to it during the rename.
        const std::optional<QByteArray> oldFile = readAll(fd.get(), &error);
        if (oldFile && *oldFile != *current) {
            pendingBase = *oldFile;
            expectedAtPath = *output;
            continue;
        }
        result.ok = true;
        return result;
    }
    result.error = QStringLiteral("%1 kept changing while Minutes tried to save it; Minutes gave up")
                       .arg(path);
    return result;
}

} // namespace minutes
