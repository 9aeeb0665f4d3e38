#include "core/workpool.h"

#include <QCoreApplication>
#include <QThread>
#include <QThreadPool>

#include <algorithm>

namespace minutes {

namespace {

void waitForPools();

QThreadPool *makePool(const char *name, int threads)
{
    auto *pool = new QThreadPool;   // never destroyed: workers may outlive every QObject
    pool->setObjectName(QString::fromLatin1(name));
    pool->setMaxThreadCount(threads);
    static const bool registered = [] {
        qAddPostRoutine(waitForPools);
        return true;
    }();
    Q_UNUSED(registered)
    return pool;
}

// In this order: writes and jobs may still start parallel maps.
void waitForPools()
{
    writePool()->waitForDone();
    workPool()->waitForDone();
    computePool()->waitForDone();
    interactivePool()->waitForDone();
}

} // namespace

QThreadPool *workPool()
{
    static QThreadPool *pool = makePool("minutes-work", std::max(8, 2 * QThread::idealThreadCount()));
    return pool;
}

QThreadPool *computePool()
{
    static QThreadPool *pool = makePool("minutes-compute", std::max(2, QThread::idealThreadCount()));
    return pool;
}

QThreadPool *interactivePool()
{
    static QThreadPool *pool = makePool("minutes-interactive", std::max(2, QThread::idealThreadCount()));
    return pool;
}

QThreadPool *writePool()
{
    static QThreadPool *pool = makePool("minutes-write", 1);
    return pool;
}

} // namespace minutes
