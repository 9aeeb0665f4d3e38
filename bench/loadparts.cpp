// minutes_loadparts: where VaultLoader::load() spends its time (a profiling aid for bench/README.md,
// not part of `bench/run`). Links the core only, so it builds while the UI is being edited.
//
//   minutes_loadparts load VAULT [RUNS]     walk, parallel read+parse, prepare, loads, index read
//   minutes_loadparts parse VAULT [RUNS]    NoteParser alone on one thread, from memory
//   minutes_loadparts cache VAULT [RUNS]    IndexCache::read() alone
//   minutes_loadparts walk VAULT [RUNS]     VaultLoader::findNotes() alone
//   minutes_loadparts memory VAULT          resident memory after a load, and what holds it

#include "benchutil.h"
#include "core/heap.h"
#include "core/workpool.h"
#include "note/noteparser.h"
#include "vault/indexcache.h"
#include "vault/vaultindex.h"
#include "vault/vaultloader.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

#include <malloc.h>
#include <sys/resource.h>

namespace {

using namespace minutes;

using namespace minutes::bench;

// Where VaultLoader::load() spends its time (a profiling aid, not part of `all`): the walk, the
// parallel read and parse, ScanResult::prepare (the derived index) and the load with the index,
// each on its own; a result is destroyed outside the timed region.
QJsonObject measureLoadParts(const QString &vault, int runs)
{
    QTemporaryDir cacheHome;
    qputenv("XDG_CACHE_HOME", QFile::encodeName(cacheHome.path()));
    QJsonObject out;
    QList<double> walk, parse, prepare, noCache, withCache;
    QList<double> parseCpu, prepareCpu, noCacheCpu, withCacheCpu, cacheReadCpu;
    QStringList paths;
    IndexCache::setEnabled(false);
    for (int run = 0; run < runs; ++run) {
        QElapsedTimer timer;
        timer.start();
        paths = VaultLoader::findNotes(vault);
        walk.append(msSince(timer));
    }
    for (int run = 0; run < runs; ++run) {
        QElapsedTimer timer;
        timer.start();
        double cpu = cpuMs();
        QList<Note> notes = VaultLoader::loadNotes(vault, paths);
        parse.append(msSince(timer));
        parseCpu.append(cpuMs() - cpu);
        ScanResult result;
        result.root = QDir::cleanPath(QFileInfo(vault).absoluteFilePath());
        result.notes = std::move(notes);
        timer.restart();
        cpu = cpuMs();
        result.prepare();
        prepare.append(msSince(timer));
        prepareCpu.append(cpuMs() - cpu);
    }
    for (int run = 0; run < runs; ++run) {
        QElapsedTimer timer;
        timer.start();
        const double cpu = cpuMs();
        ScanResult result = VaultLoader::load(vault);
        noCache.append(msSince(timer));
        noCacheCpu.append(cpuMs() - cpu);
    }
    IndexCache::setEnabled(true);
    VaultLoader::load(vault);
    IndexCache::waitForBackgroundWrites();
    for (int run = 0; run < runs; ++run) {
        QElapsedTimer timer;
        timer.start();
        const double cpu = cpuMs();
        ScanResult result = VaultLoader::load(vault);
        withCache.append(msSince(timer));
        withCacheCpu.append(cpuMs() - cpu);
    }
    IndexCache::waitForBackgroundWrites();
    QList<double> cacheRead;
    for (int run = 0; run < runs; ++run) {
        const IndexCache cache(QFileInfo(vault).canonicalFilePath());
        QElapsedTimer timer;
        timer.start();
        const double cpu = cpuMs();
        const IndexCache::Contents contents = cache.read();
        cacheRead.append(msSince(timer));
        cacheReadCpu.append(cpuMs() - cpu);
        out.insert("cacheEntries", int(contents.entries.size()));
    }
    out.insert("cacheReadMs", median(cacheRead));
    out.insert("cacheReadCpuMs", median(cacheReadCpu));
    out.insert("readParseCpuMs", median(parseCpu));
    out.insert("prepareCpuMs", median(prepareCpu));
    out.insert("loadNoCacheCpuMs", median(noCacheCpu));
    out.insert("loadCacheCpuMs", median(withCacheCpu));
    out.insert("notes", int(paths.size()));
    out.insert("walkMs", median(walk));
    out.insert("readParseMs", median(parse));
    out.insert("prepareMs", median(prepare));
    out.insert("loadNoCacheMs", median(noCache));
    out.insert("loadCacheMs", median(withCache));
    out.insert("cacheBytes", QFileInfo(IndexCache(QFileInfo(vault).canonicalFilePath()).filePath()).size());
    return out;
}

QJsonObject measureParse(const QString &vault, int runs)
{
    const QStringList paths = VaultLoader::findNotes(vault);
    QList<QByteArray> contents;
    for (const QString &path : paths) {
        QFile file(vault + QLatin1Char('/') + path);
        contents.append(file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray());
    }
    QList<double> times, cpuTimes;
    for (int run = 0; run < runs; ++run) {
        QElapsedTimer timer;
        timer.start();
        const double cpu = cpuMs();
        for (qsizetype k = 0; k < paths.size(); ++k)
            NoteParser::parse(paths.at(k), contents.at(k));
        times.append(msSince(timer));
        cpuTimes.append(cpuMs() - cpu);
    }
    return {{"notes", int(paths.size())}, {"parseSerialMs", median(times)}, {"parseSerialCpuMs", median(cpuTimes)},
            {"parseSerialMinMs", *std::min_element(times.cbegin(), times.cend())}};
}

// IndexCache::read() alone, RUNS times (the index is written first when there is none: set
// XDG_CACHE_HOME to keep it between runs).
QJsonObject measureCacheRead(const QString &vault, int runs)
{
    const IndexCache cache(QFileInfo(vault).canonicalFilePath());
    if (cache.read().entries.isEmpty()) {
        VaultLoader::load(vault);
        IndexCache::waitForBackgroundWrites();
    }
    QList<double> times, cpuTimes;
    qsizetype entries = 0;
    for (int run = 0; run < runs; ++run) {
        QElapsedTimer timer;
        timer.start();
        const double cpu = cpuMs();
        const IndexCache::Contents read = cache.read();
        times.append(msSince(timer));
        cpuTimes.append(cpuMs() - cpu);
        entries = read.entries.size();   // destroyed outside the timed part
    }
    return {{"entries", int(entries)}, {"cacheReadMs", median(times)}, {"cacheReadCpuMs", median(cpuTimes)}};
}

// Resident memory after a load (with the persistent index, as the window loads), after the
// allocator gives back what it holds free, and the bytes the biggest parts of a note hold.
QJsonObject measureMemory(const QString &vault)
{
    const double mb = 1024.0 * 1024.0;
    const qint64 empty = rssKb() * 1024;
    VaultIndex index;
    {
        ScanResult result = VaultLoader::load(vault);
        IndexCache::waitForBackgroundWrites();
        index.reset(std::move(result));
    }
    workPool()->waitForDone();   // the scan's notes are freed there, and free pages given back
    const qint64 loaded = rssKb() * 1024;
    ::malloc_trim(0);
    const qint64 trimmed = rssKb() * 1024;
    // What the heap holds in blocks in use (RSS beyond it is code, stacks and free pages).
    const struct mallinfo2 heap = ::mallinfo2();
    qint64 searchBytes = 0, vaultBytes = 0, tasks = 0, taskBytes = 0;
    for (const Note &note : index.notes()) {
        vaultBytes += note.size;
        searchBytes += note.searchText.size();
        tasks += note.tasks.size();
        for (const NoteTask &task : note.tasks)
            taskBytes += task.rawLine.size() + task.descriptionUtf8.size();
    }
    return {{"notes", int(index.notes().size())}, {"vaultMB", vaultBytes / mb}, {"emptyMB", empty / mb},
            {"loadedMB", (loaded - empty) / mb}, {"trimmedMB", (trimmed - empty) / mb},
            {"searchTextMB", searchBytes / mb}, {"tasks", tasks},
            {"taskTextMB", taskBytes / mb}, {"heapInUseMB", double(heap.uordblks + heap.hblkhd) / mb}};
}

} // namespace

int main(int argc, char **argv)
{
    minutes::tuneHeap();   // as the application does
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const QString mode = args.value(1);
    const int runs = args.size() == 4 ? std::max(1, args.at(3).toInt()) : kRuns;
    if (mode == QLatin1String("load") && (args.size() == 3 || args.size() == 4)) {
        print(measureLoadParts(args.at(2), runs));
        return 0;
    }
    if (mode == QLatin1String("parse") && (args.size() == 3 || args.size() == 4)) {
        print(measureParse(args.at(2), runs));
        return 0;
    }
    if (mode == QLatin1String("walk") && (args.size() == 3 || args.size() == 4)) {
        QList<double> times;
        qsizetype notes = 0;
        for (int run = 0; run < runs; ++run) {
            QElapsedTimer timer;
            timer.start();
            notes = VaultLoader::findNotes(args.at(2)).size();
            times.append(msSince(timer));
        }
        print({{"notes", int(notes)}, {"walkMs", median(times)}, {"walkMinMs", *std::min_element(times.cbegin(), times.cend())}});
        return 0;
    }
    if (mode == QLatin1String("cache") && (args.size() == 3 || args.size() == 4)) {
        print(measureCacheRead(args.at(2), runs));
        return 0;
    }
    if (mode == QLatin1String("memory") && args.size() == 3) {
        print(measureMemory(args.at(2)));
        return 0;
    }
    std::fprintf(stderr, "usage: minutes_loadparts load|parse|cache|walk VAULT [RUNS] | memory VAULT\n");
    return 2;
}
