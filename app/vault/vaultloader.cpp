#include "vault/vaultloader.h"

#include "core/workpool.h"
#include "note/noteparser.h"
#include "vault/indexcache.h"
#include "vault/indexstate.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSet>
#include <QtConcurrent/QtConcurrentMap>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <optional>
#include <cerrno>
#include <cstring>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace minutes {

namespace {

Q_LOGGING_CATEGORY(lcVault, "minutes.vault", QtInfoMsg)

bool isMarkdownName(const QString &name)
{
    return name.size() > 3 && name.endsWith(QLatin1String(".md"), Qt::CaseInsensitive);
}

// Dot-folders (.obsidian, .git, .trash), dot-files and node_modules are never part of the notes.
bool isSkippedName(const QString &name)
{
    return name.startsWith(QLatin1Char('.')) || name == QLatin1String("node_modules");
}

bool isInside(const QString &canonicalPath, const QString &canonicalRoot)
{
    if (canonicalPath == canonicalRoot)
        return true;
    if (canonicalRoot == QLatin1String("/"))
        return canonicalPath.startsWith(canonicalRoot);
    return canonicalPath.startsWith(canonicalRoot)
           && canonicalPath.at(canonicalRoot.size()) == QLatin1Char('/');
}

Problem makeProblem(const QString &file, const QString &message, Problem::Severity severity)
{
    Problem problem;
    problem.file = file;
    problem.message = message;
    problem.severity = severity;
    return problem;
}

QString displaySize(qint64 bytes)
{
    return QStringLiteral("%1 MB").arg(double(bytes) / (1024.0 * 1024.0), 0, 'f', 1);
}

struct LoadOutcome
{
    std::optional<Note> note;
    Problems problems;
    qint64 statSize = -1;   // the file as stat'ed on the open descriptor, before reading
    qint64 mtimeNs = 0;
};

qint64 mtimeNsOf(const struct ::stat &st)
{
    return qint64(st.st_mtim.tv_sec) * 1'000'000'000 + qint64(st.st_mtim.tv_nsec);
}

void finishNote(LoadOutcome &outcome, const QString &relativePath, const QByteArray &bytes, const QDateTime &modified,
                NoteParser::Body body)
{
    Note note = NoteParser::parse(relativePath, bytes, body);
    note.relativePath = relativePath;
    note.size = bytes.size();
    note.modified = outcome.statSize >= 0 ? QDateTime::fromMSecsSinceEpoch(outcome.mtimeNs / 1'000'000, Qt::UTC) : modified;
    if (note.contentHash.isEmpty())
        note.contentHash = QCryptographicHash::hash(bytes, QCryptographicHash::Sha1);
    outcome.note = std::move(note);
}

QString tooLargeMessage(qint64 size)
{
    return QStringLiteral("file is %1 bytes (%2), larger than the %3 limit for a note; not read")
        .arg(size)
        .arg(displaySize(size), displaySize(NoteParser::MaxNoteBytes));
}

QString grewMessage()
{
    return QStringLiteral("file grew past the %1 limit for a note while being read; not read")
        .arg(displaySize(NoteParser::MaxNoteBytes));
}

// A note reached through a symlink: checked with QFileInfo, which resolves it.
LoadOutcome loadThroughLink(const QString &absolutePath, const QString &canonicalRoot, const QString &relativePath,
                            NoteParser::Body body)
{
    LoadOutcome outcome;
    const QFileInfo info(absolutePath);
    auto refuse = [&](const QString &message) {
        outcome.problems.append(makeProblem(relativePath, message, Problem::Severity::Error));
        return outcome;
    };
    if (!info.exists())
        return refuse(QStringLiteral("cannot read the note: no such file"));
    // A path handed in by the watcher may be a symlink that was retargeted since the scan.
    if (info.isSymLink() && !isInside(info.canonicalFilePath(), canonicalRoot))
        return refuse(QStringLiteral("symbolic link points outside the vault; not followed"));
    // Opening a FIFO or a device would block or never end.
    if (!info.isFile())
        return refuse(QStringLiteral("not a regular file; not read"));
    if (info.size() > NoteParser::MaxNoteBytes)
        return refuse(tooLargeMessage(info.size()));
    QFile file(absolutePath);
    if (!file.open(QIODevice::ReadOnly))
        return refuse(QStringLiteral("cannot read the note: %1").arg(file.errorString()));
    const QByteArray bytes = file.read(NoteParser::MaxNoteBytes + 1);
    if (file.error() != QFileDevice::NoError)
        return refuse(QStringLiteral("cannot read the note: %1").arg(file.errorString()));
    if (bytes.size() > NoteParser::MaxNoteBytes)
        return refuse(grewMessage());
    finishNote(outcome, relativePath, bytes, info.lastModified(), body);   // never cached: statSize stays -1
    return outcome;
}

// open, fstat, read, close: the fewest system calls that read a note safely. The stamp the
// persistent index keys on comes from the descriptor actually read.
LoadOutcome loadOne(const QString &root, const QString &canonicalRoot, const QString &relativePath,
                    NoteParser::Body body = NoteParser::Body::Drop)
{
    LoadOutcome outcome;
    const QString absolutePath = root + QLatin1Char('/') + relativePath;
    auto refuse = [&](const QString &message) {
        outcome.problems.append(makeProblem(relativePath, message, Problem::Severity::Error));
        return outcome;
    };
    // O_NONBLOCK: opening a FIFO must not wait for a writer. O_NOFOLLOW: links are checked first.
    const int fd = ::open(QFile::encodeName(absolutePath).constData(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (fd < 0) {
        const int error = errno;
        if (error == ELOOP)
            return loadThroughLink(absolutePath, canonicalRoot, relativePath, body);
        if (error == ENOENT)
            return refuse(QStringLiteral("cannot read the note: no such file"));
        return refuse(QStringLiteral("cannot read the note: %1").arg(QString::fromLocal8Bit(std::strerror(error))));
    }
    struct Closer
    {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    struct ::stat st;
    if (::fstat(fd, &st) != 0)
        return refuse(QStringLiteral("cannot read the note: %1").arg(QString::fromLocal8Bit(std::strerror(errno))));
    // A FIFO or a device would block or never end.
    if (!S_ISREG(st.st_mode))
        return refuse(QStringLiteral("not a regular file; not read"));
    if (st.st_size > NoteParser::MaxNoteBytes)
        return refuse(tooLargeMessage(st.st_size));
    outcome.statSize = qint64(st.st_size);
    outcome.mtimeNs = mtimeNsOf(st);

    // The file may have grown since it was measured: never read more than the limit allows.
    QByteArray bytes(qsizetype(std::min<qint64>(st.st_size + 1, NoteParser::MaxNoteBytes + 1)), Qt::Uninitialized);
    qsizetype filled = 0;
    while (true) {
        if (filled == bytes.size()) {
            if (filled > NoteParser::MaxNoteBytes)
                return refuse(grewMessage());
            bytes.resize(std::min<qsizetype>(filled * 2 + 4096, NoteParser::MaxNoteBytes + 1));
        }
        const ssize_t n = ::read(fd, bytes.data() + filled, size_t(bytes.size() - filled));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return refuse(QStringLiteral("cannot read the note: %1").arg(QString::fromLocal8Bit(std::strerror(errno))));
        }
        if (n == 0)
            break;
        filled += n;
    }
    if (filled > NoteParser::MaxNoteBytes)
        return refuse(grewMessage());
    bytes.truncate(filled);
    if (filled != outcome.statSize)
        outcome.statSize = -1;   // changed while being read: parse it, but never cache it
    finishNote(outcome, relativePath, bytes, QDateTime::fromMSecsSinceEpoch(outcome.mtimeNs / 1'000'000, Qt::UTC), body);
    return outcome;
}

struct FoundNote
{
    QString relativePath;
    qint64 size = -1;       // -1: unknown (reached through a symlink): never a cache hit
    qint64 mtimeNs = 0;
};

// Every note under the vault with the size and mtime of its file. Real folders are walked with
// readdir and fstatat (one stat per note, none for other files); symlinks go through QFileInfo.
// Without `needStamps` (no persistent index to compare with), the type readdir reports is enough
// and notes are not stat'ed at all: their size stays -1 and loading them takes the stamp from the
// descriptor it reads.
QList<FoundNote> walkVault(const QString &root, const std::function<void(const QString &, const QString &,
                                                                         Problem::Severity)> &report,
                           QString *canonicalRootOut, bool needStamps)
{
    const QFileInfo rootInfo(root);
    const QString canonicalRoot = rootInfo.canonicalFilePath();
    if (canonicalRoot.isEmpty() || !rootInfo.isDir()) {
        report(QDir::cleanPath(rootInfo.absoluteFilePath()),
               canonicalRoot.isEmpty() ? QStringLiteral("vault folder does not exist")
                                       : QStringLiteral("vault path is not a folder"),
               Problem::Severity::Error);
        return {};
    }
    *canonicalRootOut = canonicalRoot;

    struct Pending
    {
        QString absolutePath;   // as reached, possibly through a symlink
        QString relativePath;   // empty for the root
    };
    // Real folders are walked before folders reached through a symlink, so that a note reachable
    // both ways is listed under its real path.
    QList<Pending> realDirs{{canonicalRoot, QString()}};
    QList<Pending> linkedDirs;
    QSet<QString> visited;     // canonical paths of walked folders: a symlink cycle ends here
    QList<FoundNote> notes;

    auto walk = [&](const Pending &dir) {
        const QByteArray encodedDir = QFile::encodeName(dir.absolutePath);
        DIR *handle = ::opendir(encodedDir.constData());
        if (!handle) {
            report(dir.relativePath.isEmpty() ? QStringLiteral(".") : dir.relativePath,
                   QStringLiteral("cannot read folder: %1").arg(QString::fromLocal8Bit(std::strerror(errno))),
                   Problem::Severity::Error);
            return;
        }
        struct Item
        {
            QString name;
            QByteArray encoded;
            unsigned char type;
        };
        QList<Item> items;
        errno = 0;
        while (const dirent *entry = ::readdir(handle)) {
            if (std::strcmp(entry->d_name, ".") != 0 && std::strcmp(entry->d_name, "..") != 0)
                items.append({QFile::decodeName(entry->d_name), QByteArray(entry->d_name), entry->d_type});
            errno = 0;
        }
        if (const int readError = errno; readError != 0) {
            ::closedir(handle);
            report(dir.relativePath.isEmpty() ? QStringLiteral(".") : dir.relativePath,
                   QStringLiteral("cannot read folder: %1").arg(QString::fromLocal8Bit(std::strerror(readError))),
                   Problem::Severity::Error);
            return;
        }
        std::sort(items.begin(), items.end(), [](const Item &a, const Item &b) { return a.name < b.name; });
        const int dirFd = ::dirfd(handle);

        for (const Item &item : std::as_const(items)) {
            const QString &name = item.name;
            if (isSkippedName(name))
                continue;
            const bool markdown = isMarkdownName(name);
            // Neither a folder nor a link, and not named like a note: nothing to look at.
            if (!markdown && item.type != DT_DIR && item.type != DT_LNK && item.type != DT_UNKNOWN)
                continue;
            const QString relativePath =
                dir.relativePath.isEmpty() ? name : dir.relativePath + QLatin1Char('/') + name;
            // A name that is not valid UTF-8 decodes with U+FFFD and could never be opened again
            // by that decoded name: say so rather than fail later with "no such file".
            if (QFile::encodeName(name) != item.encoded) {
                report(relativePath, QStringLiteral("file name is not valid UTF-8; rename it to load it"),
                       Problem::Severity::Warning);
                continue;
            }
            struct ::stat st;
            const bool typeKnown = item.type != DT_UNKNOWN && item.type != DT_LNK;
            const bool statted = needStamps || !typeKnown;
            if (statted && ::fstatat(dirFd, item.encoded.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0)
                continue;   // gone since it was listed
            const mode_t mode = statted ? st.st_mode : DTTOIF(item.type);
            const QString absolutePath = dir.absolutePath + QLatin1Char('/') + name;
            if (S_ISLNK(mode)) {
                const QFileInfo info(absolutePath);
                const QString target = info.canonicalFilePath();
                if (target.isEmpty()) {
                    if (markdown)
                        report(relativePath, QStringLiteral("broken symbolic link; skipped"), Problem::Severity::Warning);
                    continue;
                }
                if (!isInside(target, canonicalRoot)) {
                    if (info.isDir() || markdown)
                        report(relativePath,
                               QStringLiteral("symbolic link points outside the vault (%1); not followed").arg(target),
                               Problem::Severity::Warning);
                    continue;
                }
                if (info.isDir()) {
                    linkedDirs.append({absolutePath, relativePath});
                    continue;
                }
                if (!markdown)
                    continue;
                if (!info.isFile()) {
                    // A link round a loop has a canonical path but nothing behind it.
                    report(relativePath,
                           info.exists() ? QStringLiteral("not a regular file; skipped")
                                         : QStringLiteral("symbolic link loop or broken symbolic link; skipped"),
                           Problem::Severity::Warning);
                    continue;
                }
                notes.append({relativePath, -1, 0});
                continue;
            }
            if (S_ISDIR(mode)) {
                realDirs.append({absolutePath, relativePath});
                continue;   // a folder named "x.md" is not a note
            }
            if (!markdown)
                continue;
            if (!S_ISREG(mode)) {
                report(relativePath, QStringLiteral("not a regular file; skipped"), Problem::Severity::Warning);
                continue;
            }
            if (statted)
                notes.append({relativePath, qint64(st.st_size), mtimeNsOf(st)});
            else
                notes.append({relativePath, -1, 0});
        }
        ::closedir(handle);
    };

    auto drain = [&](QList<Pending> &queue) {
        while (!queue.isEmpty()) {
            const Pending dir = queue.takeLast();
            const QString canonicalDir =
                dir.relativePath.isEmpty() ? canonicalRoot : QFileInfo(dir.absolutePath).canonicalFilePath();
            if (canonicalDir.isEmpty() || visited.contains(canonicalDir))
                continue;
            visited.insert(canonicalDir);
            walk(dir);
        }
    };
    drain(realDirs);
    while (!linkedDirs.isEmpty()) {
        // Sub-folders of a linked folder are real folders below it: walk them in the same round.
        QList<Pending> round;
        round.swap(linkedDirs);
        std::sort(round.begin(), round.end(),
                  [](const Pending &a, const Pending &b) { return a.relativePath > b.relativePath; });
        drain(round);
        drain(realDirs);
    }

    std::sort(notes.begin(), notes.end(),
              [](const FoundNote &a, const FoundNote &b) { return a.relativePath < b.relativePath; });
    return notes;
}

// Parses `paths` on every core (the work pool has the default stack size yaml-cpp needs,
// PITFALLS.md); blockingMap lets the calling thread help. Each outcome is written in place, in
// input order: blockingMapped gathers results through copies of every Note and a reduction on
// one thread, which cost about as much CPU as the parsing itself.
QList<LoadOutcome> loadInParallel(const QString &root, const QString &canonicalRoot, const QStringList &paths,
                                  const std::function<void(int, int)> &progress, int alreadyDone, int total,
                                  const std::atomic_bool *cancel)
{
    struct Job
    {
        const QString *relativePath = nullptr;
        LoadOutcome outcome;
    };
    QList<Job> jobs(paths.size());
    for (qsizetype k = 0; k < paths.size(); ++k)
        jobs[k].relativePath = &paths.at(k);
    std::atomic_int done{alreadyDone};
    QtConcurrent::blockingMap(computePool(), jobs, [&](Job &job) {
        if (cancel && cancel->load())
            return;
        job.outcome = loadOne(root, canonicalRoot, *job.relativePath);
        const int finished = ++done;
        if (progress)
            progress(finished, total);
    });
    QList<LoadOutcome> outcomes;
    outcomes.reserve(jobs.size());
    for (Job &job : jobs)
        outcomes.append(std::move(job.outcome));
    return outcomes;
}

} // namespace

QStringList VaultLoader::findNotes(const QString &root, Problems *problems)
{
    const auto report = [problems](const QString &file, const QString &message, Problem::Severity severity) {
        if (problems)
            problems->append(makeProblem(file, message, severity));
    };
    QString canonicalRoot;
    QStringList paths;
    for (const FoundNote &found : walkVault(root, report, &canonicalRoot, false))
        paths.append(found.relativePath);
    return paths;
}

QList<Note> VaultLoader::loadNotes(const QString &root, const QStringList &relativePaths,
                                   const std::function<void(int, int)> &progress,
                                   const std::atomic_bool *cancel, Problems *problems)
{
    const QString cleanRoot = QDir::cleanPath(QFileInfo(root).absoluteFilePath());
    QString canonicalRoot = QFileInfo(cleanRoot).canonicalFilePath();
    if (canonicalRoot.isEmpty())
        canonicalRoot = cleanRoot;
    QList<LoadOutcome> outcomes =
        loadInParallel(cleanRoot, canonicalRoot, relativePaths, progress, 0, int(relativePaths.size()), cancel);

    QList<Note> notes;
    notes.reserve(outcomes.size());
    for (LoadOutcome &outcome : outcomes) {
        if (outcome.note)
            notes.append(std::move(*outcome.note));
        if (problems)
            problems->append(outcome.problems);
    }
    std::sort(notes.begin(), notes.end(),
              [](const Note &a, const Note &b) { return a.relativePath < b.relativePath; });
    return notes;
}

std::optional<Note> VaultLoader::readNote(const QString &root, const QString &relativePath, Problems *problems)
{
    const QString cleanRoot = QDir::cleanPath(QFileInfo(root).absoluteFilePath());
    QString canonicalRoot = QFileInfo(cleanRoot).canonicalFilePath();
    if (canonicalRoot.isEmpty())
        canonicalRoot = cleanRoot;
    LoadOutcome outcome = loadOne(cleanRoot, canonicalRoot, relativePath, NoteParser::Body::Keep);
    if (problems)
        problems->append(outcome.problems);
    return std::move(outcome.note);
}

ScanResult VaultLoader::load(const QString &root, const std::function<void(int, int)> &progress,
                             const std::atomic_bool *cancel)
{
    QElapsedTimer timer;
    timer.start();
    ScanResult result;
    result.root = QDir::cleanPath(QFileInfo(root).absoluteFilePath());
    const auto report = [&result](const QString &file, const QString &message, Problem::Severity severity) {
        result.problems.append(makeProblem(file, message, severity));
    };
    // The persistent index is read (on another core) while the folders are walked: neither needs
    // the other until the walk is done.
    const bool useCache = IndexCache::isEnabled();
    const QString expectedRoot = QFileInfo(result.root).canonicalFilePath();
    QFuture<IndexCache::Contents> reading;
    if (useCache && !expectedRoot.isEmpty())
        reading = QtConcurrent::run(workPool(), [expectedRoot] { return IndexCache(expectedRoot).read(); });
    QString canonicalRoot;
    const QList<FoundNote> found = walkVault(result.root, report, &canonicalRoot, useCache);
    if (canonicalRoot.isEmpty() || (cancel && cancel->load())) {
        reading.waitForFinished();
        result.elapsedMs = timer.elapsed();
        return result;
    }

    // Notes whose file has the size and mtime the index recorded are taken from it; only the
    // others are read and parsed.
    const IndexCache cache(canonicalRoot);
    IndexCache::Contents cached;
    if (useCache) {
        if (reading.isValid() && expectedRoot == canonicalRoot) {
            cached = reading.takeResult();
        } else {
            reading.waitForFinished();   // the folder moved meanwhile: read the right index
            cached = cache.read();
        }
    }
    const qint64 readMs = timer.elapsed();
    const int total = int(found.size());
    // Both lists are in path order: one pass pairs them.
    QList<IndexCache::Entry *> fromCache(found.size(), nullptr);   // into cached.entries
    QStringList misses;
    IndexCache::Entry *entry = cached.entries.data();
    IndexCache::Entry *const end = entry + cached.entries.size();
    for (qsizetype k = 0; k < found.size(); ++k) {
        const FoundNote &file = found.at(k);
        while (entry != end && entry->note.relativePath < file.relativePath)
            ++entry;
        if (entry != end && entry->note.relativePath == file.relativePath && file.size >= 0 && entry->size == file.size
            && entry->mtimeNs == file.mtimeNs)
            fromCache[k] = entry;
        else
            misses.append(file.relativePath);
    }
    const int hits = total - int(misses.size());
    const qsizetype cachedCount = cached.entries.size();
    if (progress && hits > 0)
        progress(hits, total);
    QList<LoadOutcome> parsed = loadInParallel(result.root, canonicalRoot, misses, progress, hits, total, cancel);

    // The stamp of every note kept, for the index written back below.
    struct Stamp
    {
        qint64 size;
        qint64 mtimeNs;
    };
    QList<Stamp> stamps;
    stamps.reserve(found.size());
    result.notes.reserve(found.size());
    // The facts the index kept for its notes: a load does not work them out again.
    KnownFacts known;
    known.names = std::move(cached.names);
    known.facts.reserve(found.size());
    qsizetype next = 0;
    for (qsizetype k = 0; k < found.size(); ++k) {
        if (IndexCache::Entry *hit = fromCache.at(k)) {
            stamps.append({found.at(k).size, found.at(k).mtimeNs});
            result.notes.append(std::move(hit->note));
            known.facts.append(std::move(hit->facts));
            continue;
        }
        LoadOutcome &outcome = parsed[next++];
        result.problems.append(outcome.problems);
        if (!outcome.note)
            continue;
        stamps.append({outcome.statSize, outcome.mtimeNs});
        result.notes.append(std::move(*outcome.note));
        known.facts.append(std::nullopt);
    }
    fromCache.clear();
    cached.entries.clear();
    parsed.clear();
    const bool cancelled = cancel && cancel->load();
    // Entities and meetings are derived here too, so that the GUI thread only adopts the result.
    if (!cancelled)
        result.prepare(std::move(known));
    // Written back off this thread, with the facts just worked out: the caller has its notes
    // now, the next start has them too. Only when something changed: an index that served every
    // note stays as it is.
    if (useCache && !cancelled && (!misses.isEmpty() || hits != cachedCount)) {
        QList<IndexCache::Entry> entries;
        entries.reserve(result.notes.size());
        const IndexState &state = *result.prepared;
        for (qsizetype k = 0; k < result.notes.size(); ++k) {
            const Note &note = result.notes.at(k);
            const NoteFacts *facts = state.factsOf(note.relativePath);
            entries.append({stamps.at(k).size, stamps.at(k).mtimeNs, note,
                            facts ? std::optional<NoteFacts>(*facts) : std::nullopt});
        }
        // The table's texts only, not its hash: a change that interns a name while this is
        // written copies a list of pointers on the GUI thread, not a hash of them.
        cache.writeInBackground(std::move(entries), state.names().texts());
    }
    result.elapsedMs = timer.elapsed();
    qCDebug(lcVault) << "loaded" << result.notes.size() << "notes from" << result.root << "in" << result.elapsedMs
                     << "ms:" << hits << "from the index (read in" << readMs << "ms)," << misses.size() << "parsed";
    return result;
}

} // namespace minutes
