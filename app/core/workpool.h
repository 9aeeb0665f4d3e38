#pragma once

#include <QList>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>
#include <numeric>

class QThreadPool;

namespace minutes {

// The thread pools all of Minutes' background work runs on. Not QThreadPool::globalInstance():
// Qt's raster paint engine borrows threads from that one while the GUI thread waits, so a busy
// global pool would freeze painting for as long as a vault takes to load.
//
// workPool(): jobs (a load, a watcher rescan, a write, a render). A job may wait for other work,
// so the pool has more threads than cores; waiting threads cost nothing.
// computePool(): the parallel maps inside those jobs (parse, decode, index), one thread per core.
// Its tasks never wait for other pool work, so a job waiting on them can never deadlock.
// interactivePool(): parallel maps the GUI thread waits for (search as you type): never queued
// behind a load.
// writePool(): one thread, so that writes of the persistent index happen one after the other.
//
// When the application object is destroyed, it waits for every pool to finish (a job still
// running while static objects are torn down would crash); a cancelled load ends early.
QThreadPool *workPool();
QThreadPool *computePool();
QThreadPool *interactivePool();
QThreadPool *writePool();

// Destroys `value` on a work pool thread: a vault's worth of notes or stamps takes a while to
// free, and the GUI thread has better things to do.
template <typename T>
void releaseElsewhere(T &&value)
{
    workPool()->start([doomed = std::move(value)]() mutable { T(std::move(doomed)); });
}

// `f(i)` for every i in [0, count), on `pool`'s threads and the caller's.
template <typename F>
void forEachIndex(QThreadPool *pool, qsizetype count, F f)
{
    QList<qsizetype> indexes(count);
    std::iota(indexes.begin(), indexes.end(), qsizetype(0));
    QtConcurrent::blockingMap(pool, indexes, f);
}

// `f` of every input, on `pool`'s threads and the caller's, in input order. Each result is moved
// into place: QtConcurrent::blockingMapped gathers results through a copy of each and a
// reduction on one thread, which costs more than many a map itself.
template <typename Out, typename In, typename F>
QList<Out> mapInOrder(QThreadPool *pool, const QList<In> &inputs, F f)
{
    QList<Out> out(inputs.size());
    Out *results = out.data();
    forEachIndex(pool, inputs.size(), [&](qsizetype i) { results[i] = f(inputs.at(i)); });
    return out;
}

// std::sort of `list`, in two halves on `pool`'s threads and the caller's, then merged.
template <typename T, typename Less>
void sortInParallel(QThreadPool *pool, QList<T> &list, Less less)
{
    const auto begin = list.begin(), middle = begin + list.size() / 2, end = list.end();
    forEachIndex(pool, 2, [&](qsizetype half) { half == 0 ? std::sort(begin, middle, less) : std::sort(middle, end, less); });
    std::inplace_merge(begin, middle, end, less);
}

} // namespace minutes
