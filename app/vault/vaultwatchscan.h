#pragma once

#include "core/problem.h"
#include "note/note.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace minutes {

// What the index knew about a note when a check was prepared.
struct VaultWatchStamp
{
    qint64 size = -1;
    qint64 modifiedMs = 0;
    QByteArray contentHash;

    friend bool operator==(const VaultWatchStamp &, const VaultWatchStamp &) = default;
};

// A settled batch of file-system events, as plain values for a worker thread.
struct VaultWatchJob
{
    int generation = 0;
    QString root;
    QHash<QString, bool> files;          // relative path -> an event said its content was written
    QStringList folders;                 // relative folders to list again ("" = the whole vault)
    QSet<QString> goneFolders;           // folders deleted or moved away: every note under them is checked
    // Shared copies of the index's notes and of the stamps the watcher confirmed since (see
    // VaultWatcher): run() works out from them the stamps of the notes that may be affected, off
    // the GUI thread (a vault listed again at the start is every note), and lets go of them.
    QHash<QString, Note> notes;
    QHash<QString, VaultWatchStamp> confirmed;
};

struct VaultWatchOutcome
{
    int generation = 0;
    QHash<QString, VaultWatchStamp> known; // what the index held of every path checked (the check's basis)
    QList<Note> changed;                 // new or different content
    QStringList removed;                 // indexed notes that are gone (or no longer readable)
    QHash<QString, VaultWatchStamp> unchanged; // re-read, same bytes: the new size and mtime
    Problems problems;                   // from listing and reading the affected files
    bool listedEverything = false;       // problems cover the whole vault
    QStringList checkedFolders;          // the folders that were listed again
    QStringList checkedFiles;            // every file that was looked at
    int reread = 0;                      // files read from disk
};

// The part of VaultWatcher that runs off the GUI thread: decides which candidates really
// changed (size and mtime, then content hash), reads and parses only those.
class VaultWatchScan final
{
public:
    static VaultWatchOutcome run(VaultWatchJob job);

    // The loader's rules for a path: a *.md file outside dot-folders and node_modules.
    static bool isNotePath(const QString &relativePath);
    static bool isSkippedName(const QString &name);
    static bool isMarkdownName(const QString &name);
    // The names of the real folders (not symlinks) directly in `absoluteFolder`, hidden ones
    // included, in no particular order: readdir's types, without a stat per entry.
    static QStringList subfolders(const QString &absoluteFolder);
    // `path` is `folder` or inside it ("" contains everything).
    static bool isUnder(const QString &path, const QString &folder);
};

} // namespace minutes
