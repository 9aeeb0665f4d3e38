#pragma once

#include <QByteArray>
#include <QString>

#include <functional>
#include <optional>

namespace minutes {

// Replaces the content of a note atomically and carefully (PITFALLS.md, QSaveFile on Qt 6.4):
// QSaveFile opened WriteOnly|Unbuffered with every write checked, cancelWriting() on any
// failure, commit() checked and the file read back (size and SHA-1) afterwards. It refuses
// read-only files (also as root), files with several hard links, anything that is not a regular
// file, and symlinks whose target lies outside the vault (a target inside is written in place
// of the link). The note is opened non-blocking and checked through that descriptor, so one
// swapped for a FIFO after the check is refused at once instead of blocking the writing thread. Permissions, owner (when root) and user.* extended attributes are kept.
//
// Concurrent edits: cooperating writers (other Minutes processes) are serialised with an
// advisory flock on the note. Others are caught by re-reading the file just before commit and,
// after the rename, checking that nobody wrote to the replaced file; on a change the transform is
// run again on the new content (old bytes are never written back). What remains is the rename.
class SafeFileWriter final
{
public:
    // Computes the new content from the current one; returns nullopt (and sets *error) to refuse.
    using Transform = std::function<std::optional<QByteArray>(const QByteArray &current, QString *error)>;

    struct Result
    {
        bool ok = false;
        QString error;          // why nothing (or, rarely, what) was written
        QString target;         // the file actually written: symlinks resolved, absolute
        QByteArray before;      // the content the final transform was based on
        QByteArray after;       // the content written
        QByteArray contentHash; // SHA-1 of `after`
        int attempts = 0;       // 1, plus one for every redo after a concurrent change
    };

    explicit SafeFileWriter(const QString &vaultRoot);

    // Where a write of `path` would go, or nullopt with *error saying why it is refused.
    std::optional<QString> resolve(const QString &path, QString *error) const;

    Result write(const QString &path, const Transform &transform) const;

    static constexpr int MaxAttempts = 100;

private:
    QString m_root;
};

} // namespace minutes
