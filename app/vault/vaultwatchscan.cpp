#include "vault/vaultwatchscan.h"

#include "vault/vaultloader.h"

#include <QFile>
#include <QFileInfo>
#include <QSet>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>

namespace minutes {

QStringList VaultWatchScan::subfolders(const QString &absoluteFolder)
{
    QStringList names;
    DIR *handle = ::opendir(QFile::encodeName(absoluteFolder).constData());
    if (!handle)
        return names;
    while (const dirent *entry = ::readdir(handle)) {
        const char *name = entry->d_name;
        if (name[0] == '.' && (name[1] == 0 || (name[1] == '.' && name[2] == 0)))
            continue;
        bool folder = entry->d_type == DT_DIR;
        if (entry->d_type == DT_UNKNOWN) {   // some file systems do not say
            struct ::stat st;
            folder = ::fstatat(::dirfd(handle), name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode);
        }
        if (folder)
            names.append(QFile::decodeName(name));
    }
    ::closedir(handle);
    return names;
}

bool VaultWatchScan::isSkippedName(const QString &name)
{
    return name.startsWith(QLatin1Char('.')) || name == QLatin1String("node_modules");
}

bool VaultWatchScan::isMarkdownName(const QString &name)
{
    return name.size() > 3 && name.endsWith(QLatin1String(".md"), Qt::CaseInsensitive);
}

bool VaultWatchScan::isNotePath(const QString &relativePath)
{
    const QStringList parts = relativePath.split(QLatin1Char('/'));
    for (const QString &part : parts) {
        if (part.isEmpty() || isSkippedName(part))
            return false;
    }
    return isMarkdownName(parts.last());
}

bool VaultWatchScan::isUnder(const QString &path, const QString &folder)
{
    if (folder.isEmpty())
        return true;
    return path.size() > folder.size() ? path.startsWith(folder) && path.at(folder.size()) == QLatin1Char('/')
                                       : path == folder;
}

namespace {

// True when `path` or one of its parent folders is in `folders` ("" is the parent of all).
bool hasAncestorIn(const QString &path, const QSet<QString> &folders)
{
    if (folders.isEmpty())
        return false;
    if (folders.contains(QString()) || folders.contains(path))
        return true;
    for (qsizetype slash = path.indexOf(QLatin1Char('/')); slash > 0;
         slash = path.indexOf(QLatin1Char('/'), slash + 1)) {
        if (folders.contains(path.left(slash)))
            return true;
    }
    return false;
}

// What a check compares a note's file with: the stamp confirmed for its content, else the
// note's own size, mtime and hash.
VaultWatchStamp stampOf(const Note &note, const QHash<QString, VaultWatchStamp> &confirmed)
{
    const auto found = confirmed.constFind(note.relativePath);
    if (found != confirmed.cend() && found->contentHash == note.contentHash)
        return *found;
    return {note.size, note.modified.toMSecsSinceEpoch(), note.contentHash};
}

// The index's stamps of every note the job may affect: the notes under the folders listed again
// or gone (those under gone folders become candidates themselves), and the files named.
QHash<QString, VaultWatchStamp> knownOf(VaultWatchJob &job)
{
    QHash<QString, VaultWatchStamp> known;
    const QSet<QString> listed(job.folders.cbegin(), job.folders.cend());
    if (listed.contains(QString()) && job.goneFolders.isEmpty()) {
        // The whole vault listed again (at the start, after an overflow): every note.
        known.reserve(job.notes.size());
        for (auto it = job.notes.cbegin(); it != job.notes.cend(); ++it)
            known.insert(it.key(), stampOf(it.value(), job.confirmed));
    } else if (!listed.isEmpty() || !job.goneFolders.isEmpty()) {
        for (auto it = job.notes.cbegin(); it != job.notes.cend(); ++it) {
            const bool gone = hasAncestorIn(it.key(), job.goneFolders);
            if (gone)
                job.files.insert(it.key(), job.files.value(it.key(), false));
            if (gone || job.files.contains(it.key()) || hasAncestorIn(it.key(), listed))
                known.insert(it.key(), stampOf(it.value(), job.confirmed));
        }
    } else {
        for (auto it = job.files.cbegin(); it != job.files.cend(); ++it) {
            if (const auto note = job.notes.constFind(it.key()); note != job.notes.cend())
                known.insert(it.key(), stampOf(*note, job.confirmed));
        }
    }
    // Let go of the snapshots at once: while they are shared, the GUI thread's next change to
    // the index would copy every note.
    job.notes = {};
    job.confirmed = {};
    return known;
}

} // namespace

VaultWatchOutcome VaultWatchScan::run(VaultWatchJob job)
{
    VaultWatchOutcome outcome;
    outcome.generation = job.generation;
    outcome.checkedFolders = job.folders;
    outcome.known = knownOf(job);
    const QHash<QString, VaultWatchStamp> &known = outcome.known;

    QHash<QString, bool> candidates = job.files;
    auto underListedFolder = [&job](const QString &path) {
        for (const QString &folder : job.folders) {
            if (isUnder(path, folder))
                return true;
        }
        return false;
    };

    // Listing the whole vault with the loader's own walk keeps its rules (dot-folders, symlinks
    // inside and outside the vault, cycles) in one place; a walk is cheap next to parsing.
    QSet<QString> listed;
    if (!job.folders.isEmpty()) {
        Problems listProblems;
        const QStringList found = VaultLoader::findNotes(job.root, &listProblems);
        outcome.listedEverything = job.folders.contains(QString());
        for (const QString &path : found) {
            if (underListedFolder(path)) {
                listed.insert(path);
                candidates.insert(path, candidates.value(path, false));
            }
        }
        for (auto it = known.cbegin(); it != known.cend(); ++it) {
            if (underListedFolder(it.key()))
                candidates.insert(it.key(), candidates.value(it.key(), false));
        }
        for (const Problem &problem : listProblems) {
            // The root's own problem ("vault folder does not exist") has an absolute path.
            if (outcome.listedEverything || underListedFolder(problem.file) || problem.file.startsWith(QLatin1Char('/')))
                outcome.problems.append(problem);
        }
    }

    QStringList toRead;
    for (auto it = candidates.cbegin(); it != candidates.cend(); ++it) {
        const QString &path = it.key();
        outcome.checkedFiles.append(path);
        const auto stamp = known.constFind(path);
        const bool isKnown = stamp != known.cend();
        const QFileInfo info(job.root + QLatin1Char('/') + path);
        const bool exists = underListedFolder(path) ? listed.contains(path)
                                                    : isNotePath(path) && info.exists() && !info.isDir();
        if (!exists) {
            if (isKnown)
                outcome.removed.append(path);
            continue;
        }
        // Without a write event, equal size and mtime mean the file was not touched.
        if (isKnown && !it.value() && info.size() == stamp->size
            && info.lastModified().toMSecsSinceEpoch() == stamp->modifiedMs) {
            continue;
        }
        toRead.append(path);
    }

    Problems readProblems;
    const QList<Note> notes = VaultLoader::loadNotes(job.root, toRead, {}, nullptr, &readProblems);
    outcome.reread = int(toRead.size());
    QSet<QString> read;
    for (const Note &note : notes)
        read.insert(note.relativePath);
    for (const Problem &problem : std::as_const(readProblems)) {
        // Deleted between the check and the read: its delete event says so, not a problem.
        if (read.contains(problem.file) || QFileInfo::exists(job.root + QLatin1Char('/') + problem.file))
            outcome.problems.append(problem);
    }
    for (const Note &note : notes) {
        const auto stamp = known.constFind(note.relativePath);
        // Same bytes as indexed (our own write already applied, `touch`, an editor saving
        // without changes): not a change, only remember the new size and mtime.
        if (stamp != known.cend() && !stamp->contentHash.isEmpty() && stamp->contentHash == note.contentHash) {
            outcome.unchanged.insert(note.relativePath,
                                     {note.size, note.modified.toMSecsSinceEpoch(), note.contentHash});
            continue;
        }
        outcome.changed.append(note);
    }
    // Listed but refused by the reader (vanished meanwhile, too large, a FIFO): the problem says why.
    for (const QString &path : std::as_const(toRead)) {
        if (!read.contains(path) && known.contains(path))
            outcome.removed.append(path);
    }
    outcome.removed.sort();
    return outcome;
}

} // namespace minutes
