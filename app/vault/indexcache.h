#pragma once

#include "note/note.h"
#include "vault/indexfacts.h"
#include "vault/indexnames.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace minutes {

// The persistent index: every parsed Note of one vault, stored in one file under the user's cache
// folder ($XDG_CACHE_HOME/minutes/index/<hash of the canonical vault path>.idx), so that the next
// load parses only the files whose size or mtime changed. With each note go its NoteFacts, so that
// a load does not work them out again either; their interned strings are in one table of the
// file. The file has a versioned header (format version and the identity of the build that wrote
// it, since a different parser may read notes differently), the vault's canonical path, the
// table, and checksummed chunks that decode in parallel.
// Anything unexpected (missing, truncated, corrupt, other version, other vault) reads as an empty
// cache and is rebuilt by the next write; that is logged, never reported as a Problem.
// Thread-safe: all state is in the file; writes are atomic (QSaveFile).
class IndexCache final
{
public:
    // A cached note and the stamp of the file it was parsed from.
    struct Entry
    {
        qint64 size = -1;
        qint64 mtimeNs = 0;   // nanoseconds since the epoch
        Note note;   // without its links when `facts` are known (they hold them)
        // What the index derived from the note, its ids those of the table that goes with the
        // entries (Contents::names, write()'s `names`); none when not known. A note read from
        // the index has no links: it must be written back with its facts (as the loader does,
        // with the state's table), or it is read again without links and without facts.
        std::optional<NoteFacts> facts;
    };
    struct Contents
    {
        QList<Entry> entries;   // in path order
        IndexNames names;       // the strings the entries' facts intern

        // The entry of a path; nullptr when there is none.
        const Entry *find(const QString &relativePath) const;
    };

    // `canonicalRoot`: the vault folder with symlinks resolved.
    explicit IndexCache(const QString &canonicalRoot);

    QString filePath() const { return m_filePath; }

    // Every entry of a valid cache file; empty when there is none or it cannot be trusted.
    Contents read() const;
    // Replaces the cache file. Entries whose mtime is within a few seconds of now are left out:
    // a file may change again within the same timestamp, and a cached stamp must never hide that.
    // The entries' facts intern into a table whose texts are `names` (IndexNames::texts());
    // only the strings they use are written.
    bool write(const QList<Entry> &entries, const QStringList &names = {}) const;
    // write() on a background thread (one at a time, in order); the caller does not wait.
    void writeInBackground(QList<Entry> entries, QStringList names = {}) const;
    // Blocks until every background write is done (a command-line run before it exits).
    static void waitForBackgroundWrites();

    // Process-wide switch (`minutes --summary --no-cache`); on by default.
    static bool isEnabled();
    static void setEnabled(bool enabled);
    // Where cache files live: $XDG_CACHE_HOME/minutes/index (QStandardPaths::GenericCacheLocation),
    // shared by the window and the command line whatever their application names.
    static QString directory();
    // At most this many vaults keep a cache; the least recently written ones are deleted.
    static constexpr int MaxCachedVaults = 16;

    // The serialised form (exposed for tests): header, root, table of names, chunks.
    static QByteArray encode(const QString &canonicalRoot, const QList<Entry> &entries, const QStringList &names = {});
    static std::optional<Contents> decode(QByteArrayView bytes, const QString &canonicalRoot);
    // Identifies the build: a cache written by another build is not trusted.
    static QByteArray buildId();

    static constexpr quint32 FormatVersion = 6;

private:
    void prune() const;

    QString m_root;
    QString m_filePath;
};

} // namespace minutes
