// minutes_bench: measures Minutes on generated vaults (bench/README.md).
//
//   minutes_bench all --minutes BIN --json OUT VAULT...   everything below, one table row per vault
//   minutes_bench floor VAULT                             read every .md byte (the floor)
//   minutes_bench core VAULT                              in-process load, index reset, one-note apply
//   minutes_bench warm VAULT                              load once: the persistent index, as this binary writes it
//   minutes_bench gui VAULT SPAWNED_AT_MS                 window: first paint, GUI blocking, RSS,
//                                                         search, sidebar, tick, file change
// Each sub-measure prints one JSON object on stdout. Times are medians of a few runs; each is
// also given as a ratio to the floor measured in the same run.

#include "benchutil.h"
#include "mainwindow.h"
#include "core/heap.h"
#include "core/workpool.h"
#include "sidebar.h"
#include "taskpanel.h"
#include "timelinepanel.h"

#include "models/entityfilter.h"
#include "models/timelinefilter.h"
#include "models/vaultcontroller.h"
#include "note/noteparser.h"
#include "tasks/taskwriter.h"
#include "vault/indexcache.h"
#include "vault/vaultindex.h"
#include "vault/vaultloader.h"
#include "vault/vaultwatcher.h"

#include <QApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QSet>
#include <QTemporaryDir>
#include <QThread>
#include <QThreadPool>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <functional>

#include <dirent.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace {

using namespace minutes;

using namespace minutes::bench;

// Reads every .md byte under `dir` (skipping dot-folders, as the loader does) with plain
// open/read/close: what any loader has to pay at least.
qint64 readTree(const QByteArray &dir, char *buffer, size_t bufferSize)
{
    qint64 total = 0;
    DIR *handle = ::opendir(dir.constData());
    if (!handle)
        return 0;
    while (const dirent *entry = ::readdir(handle)) {
        if (entry->d_name[0] == '.')
            continue;
        const QByteArray path = dir + '/' + entry->d_name;
        if (entry->d_type == DT_DIR) {
            total += readTree(path, buffer, bufferSize);
            continue;
        }
        const size_t length = std::strlen(entry->d_name);
        if (length < 4 || std::strcmp(entry->d_name + length - 3, ".md") != 0)
            continue;
        const int fd = ::open(path.constData(), O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            continue;
        ssize_t n;
        while ((n = ::read(fd, buffer, bufferSize)) > 0)
            total += n;
        ::close(fd);
    }
    ::closedir(handle);
    return total;
}

QJsonObject measureFloor(const QString &vault)
{
    QByteArray buffer(1 << 20, Qt::Uninitialized);
    QList<double> times;
    qint64 bytes = 0;
    readTree(QFile::encodeName(vault), buffer.data(), size_t(buffer.size()));   // warm the page cache
    for (int run = 0; run < kRuns + 2; ++run) {
        QElapsedTimer timer;
        timer.start();
        bytes = readTree(QFile::encodeName(vault), buffer.data(), size_t(buffer.size()));
        times.append(msSince(timer));
    }
    return {{"floorMs", median(times)}, {"mdBytes", bytes}};
}

QJsonObject measureCore(const QString &vault)
{
    QTemporaryDir cacheHome;
    qputenv("XDG_CACHE_HOME", QFile::encodeName(cacheHome.path()));
    QJsonObject out;

    QList<double> noCache, withCache, reset, walk;
    ScanResult last;
    IndexCache::setEnabled(false);
    const double cpuBefore = cpuMs();
    for (int run = 0; run < kRuns; ++run) {
        QElapsedTimer timer;
        timer.start();
        ScanResult loaded = VaultLoader::load(vault);
        noCache.append(msSince(timer));
        last = std::move(loaded);   // the previous result is destroyed outside the timed part
    }
    out.insert("loadNoCacheCpuMs", (cpuMs() - cpuBefore) / kRuns);
    if (qEnvironmentVariableIsSet("MINUTES_BENCH_ONE_THREAD")) {
        computePool()->setMaxThreadCount(1);
        const double cpu = cpuMs();
        QElapsedTimer timer;
        timer.start();
        VaultLoader::load(vault);
        out.insert("loadOneThreadMs", msSince(timer));
        out.insert("loadOneThreadCpuMs", cpuMs() - cpu);
        computePool()->setMaxThreadCount(QThread::idealThreadCount());
    }
    {
        QElapsedTimer timer;
        timer.start();
        const QStringList paths = VaultLoader::findNotes(vault);
        walk.append(msSince(timer));
        out.insert("notes", int(paths.size()));
    }
    {
        // NoteParser alone, on one thread, from memory: the parse cost per note.
        const QStringList paths = VaultLoader::findNotes(vault);
        QList<QByteArray> contents;
        for (const QString &path : paths) {
            QFile file(vault + QLatin1Char('/') + path);
            contents.append(file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray());
        }
        QElapsedTimer timer;
        timer.start();
        const double cpu = cpuMs();
        for (qsizetype k = 0; k < paths.size(); ++k)
            NoteParser::parse(paths.at(k), contents.at(k));
        out.insert("parseSerialMs", msSince(timer));
        out.insert("parseSerialCpuMs", cpuMs() - cpu);
    }
    IndexCache::setEnabled(true);
    VaultLoader::load(vault);   // writes the index
    IndexCache::waitForBackgroundWrites();
    for (int run = 0; run < kRuns; ++run) {
        QElapsedTimer timer;
        timer.start();
        ScanResult loaded = VaultLoader::load(vault);
        withCache.append(msSince(timer));
        last = std::move(loaded);
    }
    IndexCache::waitForBackgroundWrites();
    out.insert("cacheBytes", QFileInfo(IndexCache(QFileInfo(vault).canonicalFilePath()).filePath()).size());

    VaultIndex index;
    for (int run = 0; run < kRuns; ++run) {
        ScanResult copy = last;
        QElapsedTimer timer;
        timer.start();
        index.reset(std::move(copy));
        reset.append(msSince(timer));
    }

    // One note changes (a task added): what VaultIndex::apply costs on a vault this size.
    QList<double> apply;
    const QStringList paths = index.notePaths();
    for (int run = 0; run < 5 && !paths.isEmpty(); ++run) {
        const Note *note = index.note(paths.at((run * 7919) % paths.size()));
        const std::optional<Note> current = VaultLoader::readNote(vault, note->relativePath);   // the index holds no body
        QByteArray bytes = "---\ntitle: Changed\n---\n\n- [ ] New task @Myself\n" + (current ? current->body.toUtf8() : QByteArray());
        Note changed = NoteParser::parse(note->relativePath, bytes);
        QElapsedTimer timer;
        timer.start();
        index.apply({changed}, {});
        apply.append(msSince(timer));
    }
    // A tick: one task of one note changes state; names, links and the timeline stay.
    QList<double> ticks;
    for (int run = 0; run < 5 && !paths.isEmpty(); ++run) {
        for (qsizetype k = (run * 104729) % paths.size(), tried = 0; tried < paths.size(); ++tried, k = (k + 1) % paths.size()) {
            const QString path = paths.at(k);
            QFile file(vault + QLatin1Char('/') + path);
            QByteArray bytes = file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
            const qsizetype at = bytes.indexOf("- [ ] ");
            if (at < 0)
                continue;
            bytes[at + 3] = 'x';
            Note ticked = NoteParser::parse(path, bytes);
            QElapsedTimer timer;
            timer.start();
            index.apply({ticked}, {});
            ticks.append(msSince(timer));
            break;
        }
    }
    // A new meeting arrives (a transcript dropped into the vault) with people the vault knows.
    QList<double> arrivals;
    for (int run = 0; run < 5 && !index.meetings().isEmpty(); ++run) {
        const Meeting &known = *index.meetings().at((run * 7919) % index.meetings().size());
        const QString someone = known.participants.value(0, QStringLiteral("Myself"));
        const QByteArray bytes = "---\ntype: meeting\ndate: 2026-12-0" + QByteArray::number(run + 1) + "\nparticipants: ["
                                 + someone.toUtf8() + "]\n---\n# Follow-up " + QByteArray::number(run) + "\n\n- [ ] Send notes @"
                                 + someone.toUtf8() + "\n";
        const QString path = QStringLiteral("Meetings/2026/12/bench arrival %1.md").arg(run);
        Note arrived = NoteParser::parse(path, bytes);
        arrived.relativePath = path;
        QElapsedTimer timer;
        timer.start();
        index.apply({arrived}, {});
        arrivals.append(msSince(timer));
    }
    out.insert("applyNewMs", median(arrivals));
    // A meeting note is deleted: the ones that just arrived go again.
    QList<double> removals;
    for (int run = 0; run < 5; ++run) {
        const QString path = QStringLiteral("Meetings/2026/12/bench arrival %1.md").arg(run);
        if (!index.note(path))
            continue;
        QElapsedTimer timer;
        timer.start();
        index.apply({}, {path});
        removals.append(msSince(timer));
    }
    out.insert("applyRemoveMs", median(removals));
    out.insert("applyTickMs", median(ticks));
    out.insert("loadNoCacheMs", median(noCache));
    out.insert("loadCacheMs", median(withCache));
    out.insert("walkMs", median(walk));
    out.insert("resetMs", median(reset));
    out.insert("applyOneMs", median(apply));
    return out;
}

// The window on `vault`, driven as a user would, measured from the GUI thread.
int measureGui(const QString &vault, qint64 spawnedAtMs, const QString &outFile)
{
    static int argc = 1;
    static char name[] = "minutes_bench";
    static char *argv[] = {name, nullptr};
    QApplication app(argc, argv);
    QJsonObject out;
    MainWindow window;

    qint64 firstPaintMs = -1;
    struct PaintWatch : QObject
    {
        std::function<void()> onPaint;
        bool eventFilter(QObject *watched, QEvent *event) override
        {
            if (event->type() == QEvent::Paint && onPaint)
                onPaint();
            return QObject::eventFilter(watched, event);
        }
    } paintWatch;
    paintWatch.onPaint = [&] {
        if (firstPaintMs < 0)
            firstPaintMs = QDateTime::currentMSecsSinceEpoch() - spawnedAtMs;
    };
    app.installEventFilter(&paintWatch);

    // The probe: a 5 ms timer on the GUI thread; the longest gap between two ticks is the longest
    // the GUI thread was busy (minus the interval).
    QElapsedTimer probeClock;
    probeClock.start();
    qint64 lastTick = 0, longestGap = 0, longestGapAt = 0;
    bool probing = false;
    QList<QPair<qint64, qint64>> longGaps;   // (start, length) of every gap over 20 ms: where a block comes from
    QTimer probe;
    probe.setInterval(5);
    probe.setTimerType(Qt::PreciseTimer);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 now = probeClock.nsecsElapsed();
        if (probing && now - lastTick > longestGap) {
            longestGap = now - lastTick;
            longestGapAt = lastTick;
        }
        if (probing && now - lastTick > 20'000'000)
            longGaps.append({lastTick, now - lastTick});
        lastTick = now;
    });

    window.show();
    QEventLoop settle;
    QTimer::singleShot(300, &settle, &QEventLoop::quit);
    settle.exec();
    const qint64 emptyRss = rssKb();

    QElapsedTimer load;
    bool shown = false;
    QObject::connect(&window, &MainWindow::vaultShown, [&] { shown = true; });
    probe.start();
    lastTick = probeClock.nsecsElapsed();
    const qint64 loadStartNs = lastTick;
    probing = true;
    load.start();
    window.openPath(vault);
    QEventLoop waitShown;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, [&] {
        if (shown || load.elapsed() > 600000)
            waitShown.quit();
    });
    poll.start(10);
    waitShown.exec();
    const double shownMs = msSince(load);
    // Let what follows the load (models, views, the first render) run under the probe too.
    QTimer::singleShot(1500, &settle, &QEventLoop::quit);
    settle.exec();
    probing = false;
    probe.stop();
    const qint64 loadedRss = rssKb();

    out.insert("firstPaintMs", double(firstPaintMs));
    out.insert("windowLoadMs", shownMs);
    out.insert("guiBlockMs", double(longestGap) / 1e6 - 5);
    out.insert("guiBlockStartMs", double(longestGapAt - loadStartNs) / 1e6);
    QJsonArray gaps;
    for (const auto &[at, length] : std::as_const(longGaps))
        gaps.append(QJsonArray{double(at - loadStartNs) / 1e6, double(length) / 1e6 - 5});
    out.insert("guiGapsMs", gaps);   // [start after openPath(), length] of every block over 15 ms
    out.insert("emptyRssKb", emptyRss);
    out.insert("loadedRssKb", loadedRss);
    out.insert("notes", int(window.controller()->index()->notes().size()));

    // Search as you type, then clear it.
    auto typeInto = [](const std::function<void(const QString &)> &set, const QString &word) {
        QList<double> times;
        for (qsizetype n = 1; n <= word.size(); ++n) {
            QElapsedTimer timer;
            timer.start();
            set(word.left(n));
            times.append(msSince(timer));
        }
        QElapsedTimer timer;
        timer.start();
        set(QString());
        times.append(msSince(timer));
        return times;
    };
    QLineEdit *search = window.timeline()->searchEdit();
    const QList<double> searchTimes =
        typeInto([search](const QString &text) { search->setText(text); }, QStringLiteral("roadmap"));
    QLineEdit *sidebar = window.sidebar()->filterEdit();
    const QList<double> sidebarTimes =
        typeInto([sidebar](const QString &text) { sidebar->setText(text); }, QStringLiteral("nadia"));
    // The task panel's filter by words: descriptions, owners and meetings of every task.
    QLineEdit *taskText = window.taskPanel()->textEdit();
    const QList<double> taskTextTimes =
        typeInto([taskText](const QString &text) { taskText->setText(text); }, QStringLiteral("roadmap"));
    out.insert("searchMaxMs", *std::max_element(searchTimes.cbegin(), searchTimes.cend()));
    out.insert("taskFilterMaxMs", *std::max_element(taskTextTimes.cbegin(), taskTextTimes.cend()));
    out.insert("taskFilterMedianMs", median(taskTextTimes));
    out.insert("searchMedianMs", median(searchTimes));
    out.insert("sidebarMaxMs", *std::max_element(sidebarTimes.cbegin(), sidebarTimes.cend()));

    // Tick to disk: TaskWriter::setStatus on open tasks of different notes.
    VaultIndex *index = window.controller()->index();
    QList<double> ticks;
    QStringList tickedNotes;
    for (const QString &path : index->notePaths()) {
        if (ticks.size() >= 5)
            break;
        const Note *note = index->note(path);
        const auto open = std::find_if(note->tasks.cbegin(), note->tasks.cend(), [](const NoteTask &t) { return t.isOpen(); });
        if (open == note->tasks.cend() || path.startsWith(QLatin1String("Inbox")))
            continue;
        QElapsedTimer timer;
        timer.start();
        const TaskWriteResult result = TaskWriter::setStatus(index->root() + QLatin1Char('/') + path, index->root(),
                                                             open->task(), U'x', QDate::currentDate());
        ticks.append(msSince(timer));
        tickedNotes.append(path);
        Q_UNUSED(result)
    }
    out.insert("tickMs", median(ticks));

    // An external change (appended in place, as an editor might) until the index and models have it.
    QList<double> changes;
    QString waitingFor;
    QElapsedTimer changeTimer;
    QEventLoop waitChange;
    QObject::connect(index, &VaultIndex::notesChanged, [&](const QStringList &added, const QStringList &changed, const QStringList &) {
        if (!waitingFor.isEmpty() && (changed.contains(waitingFor) || added.contains(waitingFor))) {
            changes.append(msSince(changeTimer));
            waitingFor.clear();
            waitChange.quit();
        }
    });
    // Let the watcher settle the ticks written above first.
    QTimer::singleShot(1500, &settle, &QEventLoop::quit);
    settle.exec();
    const QStringList paths = index->notePaths();
    for (int run = 0; run < 3 && !paths.isEmpty(); ++run) {
        const QString path = paths.at((run * 104729 + 17) % paths.size());
        QFile file(index->root() + QLatin1Char('/') + path);
        if (!file.open(QIODevice::Append))
            continue;
        waitingFor = path;
        changeTimer.start();
        file.write("\n- [ ] Added by the benchmark @Myself\n");
        file.close();
        QTimer::singleShot(5000, &waitChange, &QEventLoop::quit);
        waitChange.exec();
        if (!waitingFor.isEmpty())
            changes.append(-1);   // never arrived
    }
    out.insert("fileChangeMs", median(changes));

    // Many notes changed at once, as a sync tool or a pull brings them: one open task ticked in
    // each of up to 200 notes spread over the vault, then the longest the GUI thread is blocked
    // until the models have every one of them (and 0.5 s after).
    QSet<QString> batch;
    for (qsizetype k = 0; k < paths.size() && batch.size() < 200; k += 37) {
        QFile note(index->root() + QLatin1Char('/') + paths.at(k));
        if (!note.open(QIODevice::ReadWrite))
            continue;
        QByteArray bytes = note.readAll();
        const qsizetype open = bytes.indexOf("- [ ] ");
        if (open < 0)
            continue;
        bytes[open + 3] = 'x';
        if (note.seek(0) && note.write(bytes) == bytes.size())
            batch.insert(paths.at(k));
    }
    const qsizetype batchNotes = batch.size();
    QEventLoop waitBatch;
    const auto batchConnection = QObject::connect(index, &VaultIndex::notesChanged,
                                                  [&](const QStringList &, const QStringList &changed, const QStringList &) {
        for (const QString &path : changed)
            batch.remove(path);
        if (batch.isEmpty())
            waitBatch.quit();
    });
    QElapsedTimer batchTimer;
    batchTimer.start();
    longestGap = 0;
    lastTick = probeClock.nsecsElapsed();
    probing = true;
    probe.start();
    QTimer::singleShot(10000, &waitBatch, &QEventLoop::quit);
    waitBatch.exec();
    const double batchMs = batch.isEmpty() ? msSince(batchTimer) : -1;
    QTimer::singleShot(500, &settle, &QEventLoop::quit);
    settle.exec();
    probing = false;
    probe.stop();
    QObject::disconnect(batchConnection);
    out.insert("batchNotes", int(batchNotes));
    out.insert("batchMs", batchMs);
    out.insert("batchBlockMs", double(longestGap) / 1e6 - 5);

    QFile file(outFile);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(out).toJson()) < 0)
        return 1;
    return 0;
}

struct Child
{
    int status = -1;
    double wallMs = 0;
    qint64 maxRssKb = 0;
};

// posix_spawn + wait4: the wall time and the peak RSS of one child process.
Child run(const QStringList &argv, const QString &stdoutFile = QStringLiteral("/dev/null"))
{
    QList<QByteArray> args;
    for (const QString &arg : argv)
        args.append(QFile::encodeName(arg));
    QList<char *> raw;
    for (QByteArray &arg : args)
        raw.append(arg.data());
    raw.append(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    const QByteArray out = QFile::encodeName(stdoutFile);
    posix_spawn_file_actions_addopen(&actions, 1, out.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    Child child;
    QElapsedTimer timer;
    timer.start();
    pid_t pid = -1;
    if (posix_spawn(&pid, raw.front(), &actions, nullptr, raw.data(), environ) != 0) {
        posix_spawn_file_actions_destroy(&actions);
        return child;
    }
    struct rusage usage = {};
    int status = 0;
    ::wait4(pid, &status, 0, &usage);
    child.wallMs = msSince(timer);
    child.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    child.maxRssKb = usage.ru_maxrss;
    posix_spawn_file_actions_destroy(&actions);
    return child;
}

QJsonObject readJson(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

QJsonObject runOneJsonChild(const QStringList &argv, const QString &scratch)
{
    const QString outFile = scratch + QStringLiteral("/child.json");
    QFile::remove(outFile);
    const Child child = run(argv, outFile);
    QJsonObject object = readJson(outFile);
    if (child.status != 0)
        object.insert("error", QStringLiteral("%1 exited with %2").arg(argv.join(QLatin1Char(' '))).arg(child.status));
    return object;
}

int runAll(const QString &self, const QString &minutesBinary, const QString &jsonOut, const QStringList &vaults)
{
    QTemporaryDir scratch;
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(scratch.path() + QStringLiteral("/config")));
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QJsonArray rows;
    for (const QString &vault : vaults) {
        std::fprintf(stderr, "measuring %s\n", qPrintable(vault));
        QJsonObject row = measureFloor(vault);
        row.insert("vault", vault);
        const double floor = row.value("floorMs").toDouble();

        QList<double> cat;
        const QString catCommand = QStringLiteral("find '%1' -name '*.md' -not -path '*/.*' -print0 | xargs -0 cat").arg(vault);
        for (int k = 0; k < kRuns; ++k)
            cat.append(run({QStringLiteral("/bin/sh"), QStringLiteral("-c"), catCommand}).wallMs);
        row.insert("catMs", median(cat));

        // `minutes --summary` as a user runs it: without the index, then with a warm one.
        const QString cacheHome = scratch.path() + QStringLiteral("/cache-") + QFileInfo(vault).fileName();
        qputenv("XDG_CACHE_HOME", QFile::encodeName(cacheHome));
        QList<double> cliNoCache, cliCache;
        qint64 rssNoCache = 0, rssCache = 0;
        for (int k = 0; k < kRuns; ++k) {
            const Child c = run({minutesBinary, QStringLiteral("--summary"), QStringLiteral("--no-cache"), vault});
            cliNoCache.append(c.wallMs);
            rssNoCache = std::max(rssNoCache, c.maxRssKb);
        }
        run({minutesBinary, QStringLiteral("--summary"), vault});   // builds the index
        for (int k = 0; k < kRuns; ++k) {
            const Child c = run({minutesBinary, QStringLiteral("--summary"), vault});
            cliCache.append(c.wallMs);
            rssCache = std::max(rssCache, c.maxRssKb);
        }
        row.insert("cliNoCacheMs", median(cliNoCache));
        row.insert("cliCacheMs", median(cliCache));
        row.insert("cliPeakRssKb", rssNoCache);
        row.insert("cliCachePeakRssKb", rssCache);

        const QJsonObject core = runOneJsonChild({self, QStringLiteral("core"), vault}, scratch.path());
        for (auto it = core.begin(); it != core.end(); ++it)
            row.insert(it.key(), it.value());

        // The window, with a warm index (as on every start after the first). The index trusts
        // only the binary that wrote it: this one writes it first.
        run({self, QStringLiteral("warm"), vault});
        const QJsonObject gui = runOneJsonChild({self, QStringLiteral("gui"), vault,
                                                 QString::number(QDateTime::currentMSecsSinceEpoch()),
                                                 scratch.path() + QStringLiteral("/gui.json")},
                                                scratch.path());
        const QJsonObject guiResult = readJson(scratch.path() + QStringLiteral("/gui.json"));
        for (auto it = guiResult.begin(); it != guiResult.end(); ++it)
            row.insert(it.key(), it.value());
        if (gui.contains("error"))
            row.insert("guiError", gui.value("error"));
        for (const char *key : {"catMs", "cliNoCacheMs", "cliCacheMs", "loadNoCacheMs", "loadCacheMs"})
            row.insert(QLatin1String(key).chopped(2) + QLatin1String("Ratio"), row.value(QLatin1String(key)).toDouble() / floor);
        rows.append(row);
        // The ticks and appended lines changed the vault: regenerate it before the next run.
    }

    QFile out(jsonOut);
    if (!out.open(QIODevice::WriteOnly) || out.write(QJsonDocument(rows).toJson()) < 0) {
        std::fprintf(stderr, "minutes_bench: cannot write %s\n", qPrintable(jsonOut));
        return 1;
    }

    auto fmt = [](const QJsonObject &row, const char *key, int decimals = 0) {
        return QString::number(row.value(QLatin1String(key)).toDouble(), 'f', decimals);
    };
    auto withRatio = [&](const QJsonObject &row, const char *key) {
        const double floor = row.value("floorMs").toDouble();
        return QStringLiteral("%1 (%2x)").arg(fmt(row, key)).arg(row.value(QLatin1String(key)).toDouble() / floor, 0, 'f', 2);
    };
    QStringList lines;
    lines << QStringLiteral("| measure | ") + [&] {
        QStringList names;
        for (const QJsonValue &row : rows)
            names << QStringLiteral("%1 notes").arg(row.toObject().value("notes").toInt());
        return names.join(QLatin1String(" | "));
    }() + QStringLiteral(" |");
    lines << QStringLiteral("|---|") + QString(QStringLiteral("---|")).repeated(rows.size());
    auto line = [&](const QString &label, const std::function<QString(const QJsonObject &)> &cell) {
        QStringList cells;
        for (const QJsonValue &row : rows)
            cells << cell(row.toObject());
        lines << QStringLiteral("| %1 | %2 |").arg(label, cells.join(QLatin1String(" | ")));
    };
    line(QStringLiteral("vault .md bytes (MB)"), [&](const QJsonObject &r) {
        return QString::number(r.value("mdBytes").toDouble() / 1e6, 'f', 1);
    });
    line(QStringLiteral("floor: read every .md byte (ms)"), [&](const QJsonObject &r) { return fmt(r, "floorMs", 1); });
    line(QStringLiteral("cat over all .md (ms, x floor)"), [&](const QJsonObject &r) { return withRatio(r, "catMs"); });
    line(QStringLiteral("load, no index (ms, x floor)"), [&](const QJsonObject &r) { return withRatio(r, "loadNoCacheMs"); });
    line(QStringLiteral("load, with index (ms, x floor)"), [&](const QJsonObject &r) { return withRatio(r, "loadCacheMs"); });
    line(QStringLiteral("`minutes --summary --no-cache` wall (ms, x floor)"), [&](const QJsonObject &r) { return withRatio(r, "cliNoCacheMs"); });
    line(QStringLiteral("`minutes --summary` warm index wall (ms, x floor)"), [&](const QJsonObject &r) { return withRatio(r, "cliCacheMs"); });
    line(QStringLiteral("index file (MB)"), [&](const QJsonObject &r) { return QString::number(r.value("cacheBytes").toDouble() / 1e6, 'f', 1); });
    line(QStringLiteral("VaultIndex::reset (ms)"), [&](const QJsonObject &r) { return fmt(r, "resetMs", 1); });
    line(QStringLiteral("VaultIndex::apply, a task ticked (ms)"), [&](const QJsonObject &r) { return fmt(r, "applyTickMs", 1); });
    line(QStringLiteral("VaultIndex::apply, a note rewritten: new title and owner (ms)"), [&](const QJsonObject &r) { return fmt(r, "applyOneMs", 1); });
    line(QStringLiteral("VaultIndex::apply, a new meeting with known people (ms)"), [&](const QJsonObject &r) { return fmt(r, "applyNewMs", 1); });
    line(QStringLiteral("VaultIndex::apply, a meeting note deleted (ms)"), [&](const QJsonObject &r) { return fmt(r, "applyRemoveMs", 1); });
    line(QStringLiteral("peak RSS `--summary --no-cache` (MB)"), [&](const QJsonObject &r) { return QString::number(r.value("cliPeakRssKb").toDouble() / 1024, 'f', 0); });
    line(QStringLiteral("window RSS above empty app (MB, x vault bytes)"), [&](const QJsonObject &r) {
        const double above = (r.value("loadedRssKb").toDouble() - r.value("emptyRssKb").toDouble()) * 1024;
        return QStringLiteral("%1 (%2x)").arg(above / 1e6, 0, 'f', 0).arg(above / r.value("mdBytes").toDouble(), 0, 'f', 2);
    });
    line(QStringLiteral("first window paint after start (ms)"), [&](const QJsonObject &r) { return fmt(r, "firstPaintMs"); });
    line(QStringLiteral("window: open to vault shown, warm index (ms)"), [&](const QJsonObject &r) { return fmt(r, "windowLoadMs"); });
    line(QStringLiteral("longest GUI-thread block during the load (ms)"), [&](const QJsonObject &r) { return fmt(r, "guiBlockMs"); });
    line(QStringLiteral("search as you type, worst keystroke (ms)"), [&](const QJsonObject &r) { return fmt(r, "searchMaxMs", 1); });
    line(QStringLiteral("task filter as you type, worst keystroke (ms)"),
         [&](const QJsonObject &r) { return fmt(r, "taskFilterMaxMs", 1); });
    line(QStringLiteral("sidebar filter, worst keystroke (ms)"), [&](const QJsonObject &r) { return fmt(r, "sidebarMaxMs", 1); });
    line(QStringLiteral("tick to disk, TaskWriter::setStatus (ms)"), [&](const QJsonObject &r) { return fmt(r, "tickMs", 1); });
    line(QStringLiteral("file change to model update (ms)"), [&](const QJsonObject &r) { return fmt(r, "fileChangeMs"); });
    line(QStringLiteral("many notes changed at once: notes, to model (ms), longest GUI-thread block (ms)"), [&](const QJsonObject &r) {
        return QStringLiteral("%1, %2, %3").arg(r.value("batchNotes").toInt()).arg(fmt(r, "batchMs"), fmt(r, "batchBlockMs"));
    });
    std::printf("%s\n", qPrintable(lines.join(QLatin1Char('\n'))));
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    minutes::tuneHeap();   // as the application does
    QStringList args;
    for (int i = 0; i < argc; ++i)
        args.append(QString::fromLocal8Bit(argv[i]));
    const QString mode = args.value(1);
    if (mode == QLatin1String("floor") && args.size() == 3) {
        print(measureFloor(args.at(2)));
        return 0;
    }
    if (mode == QLatin1String("core") && args.size() == 3) {
        QCoreApplication app(argc, argv);
        print(measureCore(args.at(2)));
        return 0;
    }
    if (mode == QLatin1String("warm") && args.size() == 3) {
        QCoreApplication app(argc, argv);
        VaultLoader::load(args.at(2));
        IndexCache::waitForBackgroundWrites();
        return 0;
    }
    if (mode == QLatin1String("gui") && args.size() == 5)
        return measureGui(args.at(2), args.at(3).toLongLong(), args.at(4));
    if (mode == QLatin1String("all")) {
        QString minutesBinary, jsonOut;
        QStringList vaults;
        for (qsizetype i = 2; i < args.size(); ++i) {
            if (args.at(i) == QLatin1String("--minutes") && i + 1 < args.size())
                minutesBinary = args.at(++i);
            else if (args.at(i) == QLatin1String("--json") && i + 1 < args.size())
                jsonOut = args.at(++i);
            else
                vaults.append(QDir(args.at(i)).absolutePath());
        }
        if (!minutesBinary.isEmpty() && !jsonOut.isEmpty() && !vaults.isEmpty()) {
            QCoreApplication app(argc, argv);
            return runAll(QFileInfo(args.at(0)).absoluteFilePath(), QFileInfo(minutesBinary).absoluteFilePath(), jsonOut,
                          vaults);
        }
    }
    std::fprintf(stderr, "usage: minutes_bench all --minutes BIN --json OUT VAULT...\n"
                         "       minutes_bench floor|core|warm VAULT\n"
                         "       minutes_bench gui VAULT SPAWNED_AT_MS OUT.json\n");
    return 2;
}
