#include "vault/vaultwatcher.h"

#include "core/workpool.h"
#include "vault/inotifywatcher.h"
#include "vault/vaultindex.h"

#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QtConcurrent/QtConcurrentRun>

#include <cerrno>
#include <cstring>
#include <optional>

#include <sys/inotify.h>

namespace minutes {

namespace {

Q_LOGGING_CATEGORY(lcWatch, "minutes.vault.watch")

// One watch per folder sees every file event inside it, in-place writes included.
constexpr quint32 FolderMask = IN_MODIFY | IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO
                               | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR;
// IN_ATTRIB too: a chmod can make a note (un)readable without touching size or mtime.
constexpr quint32 WriteEvents = IN_MODIFY | IN_CLOSE_WRITE | IN_CREATE | IN_MOVED_TO | IN_ATTRIB;

QString join(const QString &folder, const QString &name)
{
    return folder.isEmpty() ? name : folder + QLatin1Char('/') + name;
}

// The folders watched so far, both ways round.
struct WatchMaps
{
    QHash<int, QString> &folderByWatch;   // watch descriptor -> relative folder ("" = root)
    QHash<QString, int> &watchByFolder;
    QSet<QString> &unwatched;             // past the watch limit
};

// Adds a watch on `from` and every real folder below it that the scan does not skip. Folders
// past the limit (`maxWatches`, else the kernel's: ENOSPC) go to `maps.unwatched`; the first of
// them is returned. Runs on any thread: it touches only the inotify instance and `maps`.
std::optional<QString> watchFolders(InotifyWatcher &inotify, const QString &root, const QString &from, int maxWatches,
                                    const WatchMaps &maps)
{
    std::optional<QString> firstPastLimit;
    QStringList pending{from};
    while (!pending.isEmpty()) {
        const QString folder = pending.takeLast();
        const QString path = folder.isEmpty() ? root : root + QLatin1Char('/') + folder;
        int error = 0;
        int watch = -1;
        if (maxWatches > 0 && maps.watchByFolder.size() >= maxWatches && !maps.watchByFolder.contains(folder)) {
            error = ENOSPC;
        } else {
            // The root may be a symlink; below it, symlinked folders are not followed (their
            // real folder, when inside the vault, has its own watch).
            watch = inotify.addWatch(path, FolderMask | (folder.isEmpty() ? 0 : IN_DONT_FOLLOW), &error);
        }
        if (watch < 0) {
            if (error == ENOSPC) {
                maps.unwatched.insert(folder);
                if (!firstPastLimit)
                    firstPastLimit = folder;
            } else if (error != ENOENT && error != ENOTDIR) {
                // Unreadable folders are reported by the scan itself ("cannot read folder").
                qCWarning(lcWatch) << "cannot watch" << path << ":" << std::strerror(error);
            }
            continue;
        }
        // The same folder under a new name (moved) keeps its watch descriptor.
        const auto previous = maps.folderByWatch.constFind(watch);
        if (previous != maps.folderByWatch.cend() && *previous != folder)
            maps.watchByFolder.remove(*previous);
        maps.folderByWatch.insert(watch, folder);
        maps.watchByFolder.insert(folder, watch);
        maps.unwatched.remove(folder);
        for (const QString &child : VaultWatchScan::subfolders(path)) {
            if (!VaultWatchScan::isSkippedName(child))
                pending.append(join(folder, child));
        }
    }
    return firstPastLimit;
}

} // namespace

VaultWatcher::VaultWatcher(VaultIndex *index, QObject *parent)
    : QObject(parent)
    , m_index(index)
{
    m_settle.setSingleShot(true);
    connect(&m_settle, &QTimer::timeout, this, &VaultWatcher::flush);
    m_poll.setInterval(std::chrono::milliseconds(1000));
    connect(&m_poll, &QTimer::timeout, this, &VaultWatcher::poll);

    connect(m_index, &VaultIndex::aboutToReset, this, &VaultWatcher::stop);
    connect(m_index, &VaultIndex::resetDone, this, &VaultWatcher::start);
    // Someone else changed these notes (the app applying its own write): what we confirmed
    // about their old content no longer holds.
    connect(m_index, &VaultIndex::notesChanged, this,
            [this](const QStringList &added, const QStringList &changed, const QStringList &removed) {
                for (const QStringList *paths : {&added, &changed, &removed}) {
                    for (const QString &path : *paths)
                        m_confirmed.remove(path);
                }
            });
    if (!m_index->root().isEmpty())
        start();
}

VaultWatcher::~VaultWatcher() = default;

QStringList VaultWatcher::unwatchedFolders() const
{
    QStringList folders(m_unwatched.cbegin(), m_unwatched.cend());
    folders.sort();
    return folders;
}

bool VaultWatcher::isIdle() const
{
    return !m_job && !m_settle.isActive() && m_dirtyFiles.isEmpty() && m_dirtyFolders.isEmpty()
           && m_goneFolders.isEmpty();
}

void VaultWatcher::setPollInterval(std::chrono::milliseconds interval)
{
    m_poll.setInterval(interval);
}

void VaultWatcher::rescan()
{
    if (m_root.isEmpty())
        return;
    markFolder(QString());
    schedule();
}

void VaultWatcher::start()
{
    stop();
    m_root = m_index->root();
    if (m_root.isEmpty())
        return;
    startWatching();
}

void VaultWatcher::stop()
{
    ++m_generation;   // a running check belongs to the old vault: its result is dropped
    retireInotify();
    m_folderByWatch.clear();
    m_watchByFolder.clear();
    m_unwatched.clear();
    m_limitReported = false;
    m_dirtyFiles.clear();
    m_dirtyFolders.clear();
    m_goneFolders.clear();
    m_confirmed.clear();
    m_settle.stop();
    m_poll.stop();
    m_burst.invalidate();
    m_root.clear();
    setState(State::Stopped);
}

void VaultWatcher::startWatching()
{
    if (!QFileInfo(m_root).isDir()) {
        enterRootMissing();
        return;
    }
    const bool adopted = adoptPreparedWatch();   // watched before the scan, on the loader's thread
    if (!adopted)
        m_inotify = std::make_unique<InotifyWatcher>([this](const QList<InotifyEvent> &events) { handleEvents(events); });
    if (!m_inotify->isValid()) {
        Problem problem;
        problem.file = m_root;
        problem.message = tr("cannot watch the vault for changes (%1); it is rescanned every %2 s instead")
                              .arg(m_inotify->errorString())
                              .arg(double(m_poll.interval()) / 1000.0);
        Q_EMIT problemFound(problem);
        m_limitReported = true;
        m_unwatched.insert(QString());
    } else if (!adopted) {
        watchTree(QString());
    }
    if (m_state == State::RootMissing)
        qCInfo(lcWatch) << "vault folder is back:" << m_root;
    setState(m_unwatched.isEmpty() ? State::Watching : State::Degraded);
    if (m_unwatched.isEmpty())
        m_poll.stop();
    else
        m_poll.start();
    // Whatever changed between the index's scan (or the root's return) and the first watch.
    rescan();
}

PreparedWatch::PreparedWatch() = default;
PreparedWatch::~PreparedWatch() = default;

std::shared_ptr<PreparedWatch> VaultWatcher::prepare(const QString &root)
{
    auto prepared = std::make_shared<PreparedWatch>();
    prepared->root = QDir::cleanPath(QFileInfo(root).absoluteFilePath());
    if (!QFileInfo(prepared->root).isDir())
        return {};
    prepared->inotify = std::make_unique<InotifyWatcher>();
    if (!prepared->inotify->isValid())
        return {};
    prepared->firstPastLimit = watchFolders(*prepared->inotify, prepared->root, QString(), 0,
                                            {prepared->folderByWatch, prepared->watchByFolder, prepared->unwatched});
    return prepared;
}

// Takes over the watches the index's scan came with, when they are for this vault (and no
// artificial watch limit is set): the events since then are waiting in their queue.
bool VaultWatcher::adoptPreparedWatch()
{
    const std::shared_ptr<PreparedWatch> prepared = m_index->takePreparedWatch();
    if (!prepared || prepared->root != m_root || !prepared->inotify || m_maxWatches > 0)
        return false;
    m_inotify = std::move(prepared->inotify);
    m_inotify->attach([this](const QList<InotifyEvent> &events) { handleEvents(events); });
    m_folderByWatch = std::move(prepared->folderByWatch);
    m_watchByFolder = std::move(prepared->watchByFolder);
    m_unwatched = std::move(prepared->unwatched);
    if (prepared->firstPastLimit)
        watchLimitReached(*prepared->firstPastLimit);
    return true;
}

void VaultWatcher::retireInotify()
{
    if (!m_inotify)
        return;
    // Often called from inside the inotify notifier's own signal: its socket notifier must
    // outlive that call, so the instance is closed once control is back in the event loop.
    m_inotify->setEnabled(false);
    QTimer::singleShot(0, this, [retired = std::shared_ptr<InotifyWatcher>(m_inotify.release())] {});
}

void VaultWatcher::enterRootMissing()
{
    qCInfo(lcWatch) << "vault folder is gone:" << m_root;
    retireInotify();
    m_folderByWatch.clear();
    m_watchByFolder.clear();
    m_unwatched.clear();
    m_dirtyFiles.clear();
    m_goneFolders.clear();
    setState(State::RootMissing);
    m_poll.start();
    // Listing a missing root yields a problem saying so and no notes: every note is removed.
    rescan();
}

void VaultWatcher::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

QString VaultWatcher::absolute(const QString &relativePath) const
{
    return relativePath.isEmpty() ? m_root : m_root + QLatin1Char('/') + relativePath;
}

void VaultWatcher::watchTree(const QString &relativeFolder)
{
    if (!m_inotify)
        return;
    if (const auto past = watchFolders(*m_inotify, m_root, relativeFolder, m_maxWatches,
                                       {m_folderByWatch, m_watchByFolder, m_unwatched}))
        watchLimitReached(*past);
}

void VaultWatcher::watchLimitReached(const QString &folder)
{
    if (!m_limitReported) {
        m_limitReported = true;
        Problem problem;
        problem.file = folder.isEmpty() ? QStringLiteral(".") : folder;
        problem.message = tr("too many folders to watch (the inotify limit fs.inotify.max_user_watches is "
                             "reached): changes in this folder and any others past the limit are picked up "
                             "by a rescan every %1 s")
                              .arg(double(m_poll.interval()) / 1000.0);
        qCWarning(lcWatch) << problem.toString();
        Q_EMIT problemFound(problem);
    }
    if (m_state == State::Watching)
        setState(State::Degraded);
    if (!m_poll.isActive())
        m_poll.start();
}

void VaultWatcher::unwatchTree(const QString &relativeFolder)
{
    for (auto it = m_watchByFolder.begin(); it != m_watchByFolder.end();) {
        if (VaultWatchScan::isUnder(it.key(), relativeFolder)) {
            if (m_inotify)
                m_inotify->removeWatch(it.value());
            m_folderByWatch.remove(it.value());
            it = m_watchByFolder.erase(it);
        } else {
            ++it;
        }
    }
    for (auto it = m_unwatched.begin(); it != m_unwatched.end();) {
        if (VaultWatchScan::isUnder(*it, relativeFolder))
            it = m_unwatched.erase(it);
        else
            ++it;
    }
}

void VaultWatcher::forgetWatch(int watch)
{
    const auto it = m_folderByWatch.constFind(watch);
    if (it == m_folderByWatch.cend())
        return;
    if (m_watchByFolder.value(*it, -1) == watch)
        m_watchByFolder.remove(*it);
    m_folderByWatch.erase(it);
}

void VaultWatcher::markFile(const QString &relativePath, bool written)
{
    bool &flag = m_dirtyFiles[relativePath];
    flag = flag || written;
}

void VaultWatcher::markFolder(const QString &relativeFolder)
{
    m_dirtyFolders.insert(relativeFolder);
}

void VaultWatcher::handleEvents(const QList<InotifyEvent> &events)
{
    bool resync = false;
    bool rootLost = false;
    for (const InotifyEvent &event : events) {
        if (event.mask & IN_Q_OVERFLOW) {
            // Events were lost: nothing can be trusted, compare everything by size and mtime.
            qCInfo(lcWatch) << "inotify queue overflowed; rescanning" << m_root;
            ++m_overflows;
            markFolder(QString());
            resync = true;
            continue;
        }
        const auto found = m_folderByWatch.constFind(event.watch);
        if (found == m_folderByWatch.cend())
            continue;   // a watch we already dropped (its folder was removed or moved away)
        const QString folder = *found;
        if (event.mask & (IN_IGNORED | IN_UNMOUNT | IN_DELETE_SELF | IN_MOVE_SELF)) {
            if (folder.isEmpty()) {
                rootLost = true;
                break;
            }
            // A sub-folder's removal or move is handled through its parent's event. A watch
            // dropped while the folder is still there (a mount inside the vault unmounted):
            // watch what is there now and list it again.
            if (event.mask & IN_IGNORED) {
                forgetWatch(event.watch);
                if (!m_watchByFolder.contains(folder) && QFileInfo(absolute(folder)).isDir()) {
                    watchTree(folder);
                    markFolder(folder);
                }
            }
            continue;
        }
        if (event.name.isEmpty() || VaultWatchScan::isSkippedName(event.name))
            continue;
        const QString path = join(folder, event.name);
        if (event.mask & IN_ISDIR) {
            if (event.mask & (IN_DELETE | IN_MOVED_FROM)) {
                unwatchTree(path);
                m_goneFolders.insert(path);
            }
            if (event.mask & (IN_CREATE | IN_MOVED_TO)) {
                // Files may land before the new watch exists: list the folder after watching it.
                watchTree(path);
                markFolder(path);
            }
            if (event.mask & IN_ATTRIB)
                markFolder(path);   // permissions may have made it (un)readable
            continue;
        }
        if (VaultWatchScan::isMarkdownName(event.name)) {
            markFile(path, event.mask & WriteEvents);
        } else if (event.mask & (IN_DELETE | IN_MOVED_FROM)) {
            // Could have been a symlink to a folder whose notes were listed through it.
            m_goneFolders.insert(path);
        } else if ((event.mask & (IN_CREATE | IN_MOVED_TO)) && QFileInfo(absolute(path)).isSymLink()
                   && QFileInfo(absolute(path)).isDir()) {
            markFolder(path);
        }
    }
    if (rootLost) {
        enterRootMissing();
        return;
    }
    if (resync) {
        // Folder events may have been lost too: watch what exists, forget what does not.
        for (auto it = m_watchByFolder.begin(); it != m_watchByFolder.end();) {
            if (!it.key().isEmpty() && !QFileInfo(absolute(it.key())).isDir()) {
                if (m_inotify)
                    m_inotify->removeWatch(it.value());
                m_folderByWatch.remove(it.value());
                it = m_watchByFolder.erase(it);
            } else {
                ++it;
            }
        }
        watchTree(QString());
    }
    schedule();
}

void VaultWatcher::schedule()
{
    if (m_dirtyFiles.isEmpty() && m_dirtyFolders.isEmpty() && m_goneFolders.isEmpty())
        return;
    if (!m_burst.isValid())
        m_burst.start();
    // Restarted by every event so a burst is checked once, but never later than m_maxDelay
    // after its first event, so that a continuous stream still shows up.
    const auto waited = std::chrono::milliseconds(m_burst.elapsed());
    const auto remaining = std::max(std::chrono::milliseconds(0), m_maxDelay - waited);
    m_settle.start(std::min(m_settleInterval, remaining));
}

void VaultWatcher::poll()
{
    if (m_state == State::RootMissing) {
        if (QFileInfo(m_root).isDir())
            startWatching();
        return;
    }
    if (m_unwatched.isEmpty()) {
        m_poll.stop();
        return;
    }
    const QSet<QString> unwatched = m_unwatched;
    for (const QString &folder : unwatched) {
        markFolder(folder);
        if (!QFileInfo(absolute(folder)).isDir()) {
            m_unwatched.remove(folder);
            continue;
        }
        // Watches may have been freed since (folders deleted, another program exited).
        if (m_inotify && m_inotify->isValid()) {
            m_unwatched.remove(folder);
            watchTree(folder);
        }
    }
    if (m_unwatched.isEmpty() && m_state == State::Degraded) {
        setState(State::Watching);
        m_poll.stop();
    }
    schedule();
}

void VaultWatcher::flush()
{
    if (m_job)
        return;   // finishJob() schedules what accumulated meanwhile
    if (m_dirtyFiles.isEmpty() && m_dirtyFolders.isEmpty() && m_goneFolders.isEmpty())
        return;

    VaultWatchJob job;
    job.generation = m_generation;
    job.root = m_root;
    job.files = m_dirtyFiles;
    job.folders = m_dirtyFolders.contains(QString()) ? QStringList{QString()}
                                                      : QStringList(m_dirtyFolders.cbegin(), m_dirtyFolders.cend());
    job.goneFolders = m_goneFolders;
    // Which notes the check concerns, and what the index holds of them, is worked out on the
    // worker from shared copies (a whole vault's stamps took 35 ms of the GUI thread at 50k).
    job.notes = m_index->notes();
    job.confirmed = m_confirmed;
    m_dirtyFiles.clear();
    m_dirtyFolders.clear();
    m_goneFolders.clear();
    m_burst.invalidate();

    m_job = new QFutureWatcher<VaultWatchOutcome>(this);
    connect(m_job, &QFutureWatcherBase::finished, this, [this, watcher = m_job] {
        m_job = nullptr;
        watcher->deleteLater();
        finishJob(watcher->future().takeResult());
    });
    m_job->setFuture(QtConcurrent::run(workPool(), &VaultWatchScan::run, std::move(job)));
}

void VaultWatcher::finishJob(VaultWatchOutcome outcome)
{
    if (outcome.generation != m_generation) {
        releaseElsewhere(std::move(outcome));
        schedule();
        return;
    }
    const QHash<QString, VaultWatchStamp> &known = outcome.known;
    // The index may have moved on while the check ran (the app applied its own write): what
    // was read may be older than what is indexed now. Check those paths again instead.
    auto indexMovedOn = [&](const QString &path) {
        const Note *current = m_index->note(path);
        const auto before = known.constFind(path);
        const bool wasKnown = before != known.cend();
        if (!current || !wasKnown)
            return bool(current) != wasKnown;
        return current->contentHash != before->contentHash;
    };
    QList<Note> changed;
    changed.reserve(outcome.changed.size());
    for (const Note &note : outcome.changed) {
        if (indexMovedOn(note.relativePath))
            markFile(note.relativePath, true);
        else
            changed.append(note);
    }
    QStringList removed;
    for (const QString &path : outcome.removed) {
        if (indexMovedOn(path))
            markFile(path, true);
        else
            removed.append(path);
    }
    for (auto it = outcome.unchanged.cbegin(); it != outcome.unchanged.cend(); ++it)
        m_confirmed.insert(it.key(), it.value());
    for (const Note &note : std::as_const(changed))
        m_confirmed.remove(note.relativePath);
    for (const QString &path : std::as_const(removed))
        m_confirmed.remove(path);

    // Problems: the index replaces what it had for the files a change names. Hand over only
    // what differs, and name files whose old problem went away (a refused file deleted, a
    // folder readable again, the root back) so that it is dropped too.
    QSet<QString> checkedFiles;   // not needed when the whole vault was listed (every note of it, at the start)
    if (!outcome.listedEverything)
        checkedFiles = QSet<QString>(outcome.checkedFiles.cbegin(), outcome.checkedFiles.cend());
    auto inScope = [&](const QString &file) {
        if (outcome.listedEverything || checkedFiles.contains(file))
            return true;
        if (file.startsWith(QLatin1Char('/')))
            return !outcome.checkedFolders.isEmpty();   // the root's own problem
        for (const QString &folder : outcome.checkedFolders) {
            if (VaultWatchScan::isUnder(file, folder))
                return true;
        }
        return false;
    };
    const int changedCount = int(changed.size());
    const int removedCount = int(removed.size());
    QStringList before;
    QSet<QString> staleFiles;
    for (const Problem &problem : m_index->problems()) {
        if (!m_index->note(problem.file) && inScope(problem.file)) {
            before.append(problem.toString());
            staleFiles.insert(problem.file);
        }
    }
    QStringList after;
    for (const Problem &problem : outcome.problems) {
        after.append(problem.toString());
        staleFiles.remove(problem.file);
    }
    for (const Note &note : std::as_const(changed))
        staleFiles.remove(note.relativePath);   // naming it in `changed` already drops its problems
    before.sort();
    after.sort();
    for (const QString &file : std::as_const(staleFiles)) {
        if (!removed.contains(file))
            removed.append(file);   // not a note: apply() only drops its problems
    }
    if (!changed.isEmpty() || !removed.isEmpty() || before != after)
        m_index->apply(changed, removed, outcome.problems);
    qCDebug(lcWatch) << "checked" << outcome.checkedFiles.size() << "files, re-read" << outcome.reread
                     << "changed" << changedCount << "removed" << removedCount;
    releaseElsewhere(std::move(outcome));   // a whole vault's stamps and paths
    Q_EMIT synced(changedCount, removedCount);
    schedule();
}

} // namespace minutes
