#include "vault/vaultloader.h"

#include "note/noteparser.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSet>
#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>
#include <optional>
#include <cerrno>
#include <cstring>

#include <dirent.h>

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

// Lists a directory with readdir so that an unreadable folder reports the OS reason; QDir would
// silently return nothing.
std::optional<QStringList> listDirectory(const QString &absolutePath, QString *error)
{
    DIR *dir = ::opendir(QFile::encodeName(absolutePath).constData());
    if (!dir) {
        *error = QString::fromLocal8Bit(std::strerror(errno));
        return std::nullopt;
    }
    QStringList names;
    errno = 0;
    while (const dirent *entry = ::readdir(dir)) {
        const QString name = QFile::decodeName(entry->d_name);
        if (name != QLatin1String(".") && name != QLatin1String(".."))
            names.append(name);
        errno = 0;
    }
    const int readError = errno;
    ::closedir(dir);
    if (readError != 0) {
        *error = QString::fromLocal8Bit(std::strerror(readError));
        return std::nullopt;
    }
    std::sort(names.begin(), names.end());
    return names;
}

QString displaySize(qint64 bytes)
{
    return QStringLiteral("%1 MB").arg(double(bytes) / (1024.0 * 1024.0), 0, 'f', 1);
}

struct LoadOutcome
{
    std::optional<Note> note;
    Problems problems;
};

LoadOutcome loadOne(const QString &root, const QString &canonicalRoot, const QString &relativePath)
{
    LoadOutcome outcome;
    const QString absolutePath = root + QLatin1Char('/') + relativePath;
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
    if (info.size() > NoteParser::MaxNoteBytes) {
        return refuse(QStringLiteral("file is %1 bytes (%2), larger than the %3 limit for a note; not read")
                          .arg(info.size())
                          .arg(displaySize(info.size()), displaySize(NoteParser::MaxNoteBytes)));
    }

    QFile file(absolutePath);
    if (!file.open(QIODevice::ReadOnly))
        return refuse(QStringLiteral("cannot read the note: %1").arg(file.errorString()));
    // The file may have grown since it was measured: never read more than the limit allows.
    const QByteArray bytes = file.read(NoteParser::MaxNoteBytes + 1);
    if (file.error() != QFileDevice::NoError)
        return refuse(QStringLiteral("cannot read the note: %1").arg(file.errorString()));
    if (bytes.size() > NoteParser::MaxNoteBytes) {
        return refuse(QStringLiteral("file grew past the %1 limit for a note while being read; not read")
                          .arg(displaySize(NoteParser::MaxNoteBytes)));
    }

    Note note = NoteParser::parse(relativePath, bytes);
    note.relativePath = relativePath;
    note.size = bytes.size();
    note.modified = info.lastModified();
    if (note.contentHash.isEmpty())
        note.contentHash = QCryptographicHash::hash(bytes, QCryptographicHash::Sha1);
    outcome.note = std::move(note);
    return outcome;
}

} // namespace

QStringList VaultLoader::findNotes(const QString &root, Problems *problems)
{
    auto report = [problems](const QString &file, const QString &message,
                             Problem::Severity severity = Problem::Severity::Warning) {
        if (problems)
            problems->append(makeProblem(file, message, severity));
    };

    const QFileInfo rootInfo(root);
    const QString canonicalRoot = rootInfo.canonicalFilePath();
    if (canonicalRoot.isEmpty() || !rootInfo.isDir()) {
        report(QDir::cleanPath(rootInfo.absoluteFilePath()),
               canonicalRoot.isEmpty() ? QStringLiteral("vault folder does not exist")
                                       : QStringLiteral("vault path is not a folder"),
               Problem::Severity::Error);
        return {};
    }

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
    QStringList notes;

    auto walk = [&](const Pending &dir) {
        QString error;
        const std::optional<QStringList> names = listDirectory(dir.absolutePath, &error);
        if (!names) {
            report(dir.relativePath.isEmpty() ? QStringLiteral(".") : dir.relativePath,
                   QStringLiteral("cannot read folder: %1").arg(error), Problem::Severity::Error);
            return;
        }
        for (const QString &name : *names) {
            if (isSkippedName(name))
                continue;
            const QString absolutePath = dir.absolutePath + QLatin1Char('/') + name;
            const QString relativePath =
                dir.relativePath.isEmpty() ? name : dir.relativePath + QLatin1Char('/') + name;
            const QFileInfo info(absolutePath);
            if (info.isSymLink()) {
                const QString target = info.canonicalFilePath();
                if (target.isEmpty()) {
                    if (isMarkdownName(name))
                        report(relativePath, QStringLiteral("broken symbolic link; skipped"));
                    continue;
                }
                if (!isInside(target, canonicalRoot)) {
                    if (info.isDir() || isMarkdownName(name))
                        report(relativePath, QStringLiteral("symbolic link points outside the vault (%1); not followed")
                                                 .arg(target));
                    continue;
                }
                if (info.isDir()) {
                    linkedDirs.append({absolutePath, relativePath});
                    continue;
                }
            } else if (info.isDir()) {
                realDirs.append({absolutePath, relativePath});
                continue;
            }
            if (!isMarkdownName(name))
                continue;
            if (info.isDir())
                continue;   // a folder named "x.md" is not a note
            if (!info.isFile()) {
                report(relativePath, QStringLiteral("not a regular file; skipped"));
                continue;
            }
            notes.append(relativePath);
        }
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

    std::sort(notes.begin(), notes.end());
    return notes;
}

QList<Note> VaultLoader::loadNotes(const QString &root, const QStringList &relativePaths,
                                   const std::function<void(int, int)> &progress,
                                   const std::atomic_bool *cancel, Problems *problems)
{
    const QString cleanRoot = QDir::cleanPath(QFileInfo(root).absoluteFilePath());
    QString canonicalRoot = QFileInfo(cleanRoot).canonicalFilePath();
    if (canonicalRoot.isEmpty())
        canonicalRoot = cleanRoot;
    const int total = int(relativePaths.size());
    std::atomic_int done{0};

    // The global pool runs on every core with the default stack size, which yaml-cpp needs
    // (PITFALLS.md). blockingMapped keeps the input order and lets the caller help.
    const QList<LoadOutcome> outcomes = QtConcurrent::blockingMapped<QList<LoadOutcome>>(
        relativePaths, [&](const QString &relativePath) {
            if (cancel && cancel->load())
                return LoadOutcome{};
            LoadOutcome outcome = loadOne(cleanRoot, canonicalRoot, relativePath);
            const int finished = ++done;
            if (progress)
                progress(finished, total);
            return outcome;
        });

    QList<Note> notes;
    notes.reserve(outcomes.size());
    for (const LoadOutcome &outcome : outcomes) {
        if (outcome.note)
            notes.append(*outcome.note);
        if (problems)
            problems->append(outcome.problems);
    }
    std::sort(notes.begin(), notes.end(),
              [](const Note &a, const Note &b) { return a.relativePath < b.relativePath; });
    return notes;
}

ScanResult VaultLoader::load(const QString &root, const std::function<void(int, int)> &progress,
                             const std::atomic_bool *cancel)
{
    QElapsedTimer timer;
    timer.start();
    ScanResult result;
    result.root = QDir::cleanPath(QFileInfo(root).absoluteFilePath());
    const QStringList paths = findNotes(result.root, &result.problems);
    if (!(cancel && cancel->load()))
        result.notes = loadNotes(result.root, paths, progress, cancel, &result.problems);
    result.elapsedMs = timer.elapsed();
    qCDebug(lcVault) << "loaded" << result.notes.size() << "notes from" << result.root << "in"
                     << result.elapsedMs << "ms";
    return result;
}

} // namespace minutes
